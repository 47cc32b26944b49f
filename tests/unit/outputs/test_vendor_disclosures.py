"""The disclosures of a tool that receives student data, as the vendors page, the JSON and
the CSV show them: the vocabulary's labels in every language the engine ships, the page's
rows and filter, and the CSV's columns."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from privacy_site.languages.language import codes_with_catalogues, load_language
from privacy_site.outputs import vendor_disclosures as vd
from privacy_site.outputs.vendor_views import vendor_rows, vendors_document
from privacy_site.registry.vendors import load_vendors

ROOT = Path(__file__).resolve().parents[3]
STATES = ROOT / "tests" / "fixtures" / "vendors" / "states"
OUTPUTS = ROOT / "hooks" / "privacy_site" / "outputs"
TODAY = date(2026, 11, 22)
LABELS = [
    *vd.DATA_ELEMENT_LABELS.values(),
    *vd.STORAGE_LABELS.values(),
    *vd.TITLES.values(),
    vd.OTHER_TITLE,
]


def test_the_engine_ships_ten_languages() -> None:
    assert codes_with_catalogues() == ["am", "ar", "bn", "es", "ht", "ko", "pt", "so", "zh"]


@pytest.mark.parametrize("code", ["am", "ar", "bn", "es", "ht", "ko", "pt", "so", "zh"])
def test_every_label_of_the_vocabulary_is_translated(code: str) -> None:
    language, problems = load_language(code)
    assert problems == []
    untranslated = [label for label in LABELS if language.gettext(label) == label]
    assert untranslated == []


def test_arabic_labels_are_in_arabic_script() -> None:
    arabic = load_language("ar")[0]
    for label in vd.DATA_ELEMENT_LABELS.values():
        assert re.search(r"[\u0600-\u06ff]", arabic.gettext(label)), label


def _vendors(state: str | None = "NY"):
    vendors, problems = load_vendors(STATES / "complete.yml", TODAY, state=state)
    assert problems == []
    return vendors


def test_rows_give_elements_in_the_schedules_order_and_the_profiles_title() -> None:
    spanish = load_language("es")[0]
    groups = vendor_rows(_vendors(), TODAY, "es", spanish.gettext, "NY")
    reading = next(r for g in groups for r in g["vendors"] if r["id"] == "reading-app")
    disclosure = reading["disclosure"]
    assert [e["code"] for e in disclosure["data_elements"]] == [
        "assessment",
        "enrollment",
        "student-identifiers",
        "student-work",
        "other",
    ]
    assert disclosure["data_elements"][-1]["label"] == "Los libros que ha leído el estudiante"
    assert disclosure["details_title"] == "Detalles que exige la ley de Nueva York"
    assert disclosure["agreement_copy"] == "contracts/reading-app-2026.pdf"
    # No profile: the same details under the page's own words.
    plain = vendor_rows(_vendors(None), TODAY, "en")
    row = next(r for g in plain for r in g["vendors"] if r["id"] == "reading-app")
    assert row["disclosure"]["details_title"] == "More about the student data it receives"
    search = next(r for g in plain for r in g["vendors"] if r["id"] == "site-search")
    assert search["disclosure"]["details"] is None
    assert search["disclosure"]["data_elements"] == []


def test_the_filter_lists_each_element_with_its_tools() -> None:
    index = vd.element_index(vendor_rows(_vendors(), TODAY, "en"))
    assert [(e["code"], [t["id"] for t in e["vendors"]]) for e in index][:2] == [
        ("assessment", ["reading-app"]),
        ("enrollment", ["reading-app"]),
    ]


def test_the_json_validates_against_its_schema() -> None:
    document = vendors_document(_vendors(), TODAY, "en", "https://privacy.example.org/")
    schema = json.loads((OUTPUTS / "vendors-api.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(document)
    reading = document["vendors"][0]
    assert reading["agreement"]["copy"] == (
        "https://privacy.example.org/contracts/reading-app-2026.pdf"
    )
    assert reading["storage"] == {"location": "United States", "kind": "cloud"}


def test_the_csv_has_the_schemas_columns_and_keeps_formulas_as_text() -> None:
    vendors = _vendors()
    table = vd.vendors_csv(vendors, TODAY, "en", "https://privacy.example.org/").decode()
    rows = list(csv.DictReader(io.StringIO(table)))
    schema = json.loads((OUTPUTS / "vendors-csv.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert list(rows[0]) == list(schema["properties"]) == list(vd.CSV_COLUMNS)
    for row in rows:
        Draft202012Validator(schema).validate(row)
    assert [r["id"] for r in rows] == ["reading-app", "site-search"]
    assert rows[0]["general_offer"] == "yes" and rows[0]["encrypted_at_rest"] == "yes"
    assert vd._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert vd._cell("Example") == "Example"
