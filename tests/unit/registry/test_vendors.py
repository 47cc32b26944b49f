"""The vendor registry: its schema, every message staff can get, states by date, and the data
the vendors page, /changes/ and /api/vendors.json are built from."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from privacy_site.languages.language import load_language
from privacy_site.model.problems import errors, warnings
from privacy_site.model.vendors import VendorState, text_for, vendor_events
from privacy_site.outputs.changes import ordered, vendor_change
from privacy_site.outputs.vendor_views import CATEGORY_LABELS, vendor_rows, vendors_document
from privacy_site.registry import schema
from privacy_site.registry.vendors import CATEGORIES, load_vendors

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "vendors"
VALID = FIXTURES / "valid.yml"
CASES = sorted((FIXTURES / "invalid").glob("*.yml"))
TODAY = date(2026, 11, 22)


def load(path: Path = VALID, today: date = TODAY):
    return load_vendors(path, today)


def by_id(today: date = TODAY) -> dict[str, Any]:
    vendors, problems = load(today=today)
    assert errors(problems) == []
    return {v.id: v for v in vendors}


def without_unlisted_cookies(problems: list) -> list:
    """The invalid cases are about other mistakes; most list no cookies (its warning has
    its own tests)."""
    return [p for p in problems if ", cookies: not listed," not in p.message]


# The schema ---------------------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    document = schema.schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.append((f"{where}.{name}", sub))
        for key, sub in node.items():
            found += _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for sub in node:
            found += _properties(sub, where)
    return found


def test_every_property_has_a_description_for_editors() -> None:
    props = [(w, s) for w, s in _properties(schema.schema()) if "/if" not in w]
    assert len(props) > 20
    assert [w for w, s in props if "/then" not in w and not s.get("description")] == []


def test_categories_are_the_specs_in_its_order() -> None:
    assert CATEGORIES == (
        "analytics",
        "advertising",
        "communication",
        "hosting",
        "learning",
        "operations",
        "security",
        "translation",
        "video",
    )
    assert CATEGORY_LABELS["analytics"] == "Analytics"
    assert CATEGORY_LABELS["hosting"] == "Hosting"


def test_valid_registry_passes_the_schema_as_editors_see_it() -> None:
    data = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    # PyYAML reads dates as dates; editors and our loader see the text
    for entry in data["vendors"]:
        for key in ("added", "announced", "removed"):
            if key in entry:
                entry[key] = entry[key].isoformat()
        if "agreement" in entry:
            for key in ("signed", "expires"):
                entry["agreement"][key] = entry["agreement"][key].isoformat()
    assert list(Draft202012Validator(schema.schema()).iter_errors(data)) == []


# Loading and states ---------------------------------------------------------------------


def test_valid_registry_loads_every_vendor_without_a_problem() -> None:
    vendors, problems = load()
    # heatmap-tool lists no cookies, on purpose: the one warning
    assert [(p.severity, p.line, p.message.split(":")[0]) for p in problems] == [
        ("warning", 24, "vendor 'heatmap-tool', cookies")
    ]
    assert len(vendors) == 13
    assert {v.category for v in vendors} == set(CATEGORIES)
    reading = next(v for v in vendors if v.id == "reading-app")
    assert reading.student_data is True
    assert reading.agreement is not None and reading.agreement.expires == date(2027, 6, 30)
    assert reading.purpose["es"].startswith("Ofrece")
    stats = next(v for v in vendors if v.id == "site-stats")
    assert [c.name for c in stats.cookies] == ["_ss_id", "_ss_session", "_ss_optout"]
    assert stats.data_collected[0] == {"en": "Pages visited and the site you came from"}
    assert stats.line == 3


def test_states_on_the_build_date() -> None:
    states = {i: v.state(TODAY) for i, v in by_id().items()}
    assert states["heatmap-tool"] is VendorState.COMING
    assert states["old-chat"] is VendorState.REMOVED
    assert states["new-video"] is VendorState.HIDDEN
    assert states["site-stats"] is VendorState.IN_USE
    assert states["visit-counter"] is VendorState.IN_USE


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2026, 10, 31), VendorState.HIDDEN),
        (date(2026, 11, 1), VendorState.COMING),
        (date(2026, 12, 14), VendorState.COMING),
        (date(2026, 12, 15), VendorState.IN_USE),
    ],
)
def test_coming_vendor_on_each_side_of_its_dates(day: date, state: VendorState) -> None:
    assert by_id(day)["heatmap-tool"].state(day) is state


def test_removed_on_its_removal_day_and_not_before() -> None:
    old = by_id()["old-chat"]
    assert old.state(date(2026, 6, 29)) is VendorState.IN_USE
    assert old.state(date(2026, 6, 30)) is VendorState.REMOVED


def test_a_missing_registry_is_empty_not_an_error(tmp_path: Path) -> None:
    assert load_vendors(tmp_path / "vendors.yml", TODAY) == ([], [])


def test_the_districts_real_registry_loads_without_errors() -> None:
    vendors, problems = load(ROOT / "vendors.yml")
    assert errors(problems) == []
    # Invariants of any registry staff may keep, never its size or its entries (a new
    # district's lists none).
    assert len({v.id for v in vendors}) == len(vendors)
    for vendor in vendors:
        assert vendor.privacy_policy.startswith("https://"), vendor.id
        if vendor.category in ("analytics", "advertising"):
            assert vendor.opt_out or vendor.opt_out_instructions, vendor.id
        if vendor.student_data:
            assert vendor.agreement is not None, vendor.id


# Every message staff can get ---------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_invalid_case_gives_exactly_its_expected_lines(case: Path) -> None:
    _, problems = load(case)
    problems = without_unlisted_cookies(problems)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert expected, "every invalid case expects at least one line"
    assert [str(p) for p in sorted(problems)] == expected


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_only_an_expired_agreement_is_a_warning(case: Path) -> None:
    vendors, problems = load(case)
    problems = without_unlisted_cookies(problems)
    if case.stem == "expired-agreement":
        assert problems and warnings(problems) == problems
        assert [v.id for v in vendors] == ["reading-app", "math-app"]
    else:
        assert problems and errors(problems) == problems


def test_one_mistake_gives_one_message() -> None:
    """A misspelt or misplaced field is not also reported as a missing one."""
    lines = (FIXTURES / "invalid" / "unknown-field.expected").read_text().splitlines()
    assert [line for line in lines if "missing" in line] == []
    assert any("did you mean 'purpose'?" in line for line in lines)


def test_entries_with_errors_are_left_out_and_the_rest_kept() -> None:
    vendors, _ = load(FIXTURES / "invalid" / "duplicate-id.yml")
    assert [v.name for v in vendors] == ["Web Host"]
    vendors, _ = load(FIXTURES / "invalid" / "announced-too-late.yml")
    assert [v.id for v in vendors] == ["heatmap-tool", "web-host"]


def test_problems_name_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "vendors.yml"
    path.write_text("vendors: 5\n", encoding="utf-8")
    _, problems = load_vendors(path, TODAY, display="site/vendors.yml")
    assert [str(p) for p in problems] == [
        "site/vendors.yml:1:1: vendors: must be a list (got 5); list each vendor under "
        "'vendors:', each starting with '- id:'"
    ]


# Texts in other languages --------------------------------------------------------------------


def test_text_for_prefers_the_language_then_its_base_then_english() -> None:
    text = {"en": "Counts visits", "es": "Cuenta visitas", "pt": "Conta visitas"}
    assert text_for(text, "en") == ("Counts visits", False)
    assert text_for(text, "es") == ("Cuenta visitas", False)
    assert text_for(text, "pt-BR") == ("Conta visitas", False)
    assert text_for(text, "ht") == ("Counts visits", True)
    assert text_for({"en": "A", "pt-BR": "B"}, "pt-br") == ("B", False)
    assert text_for({"en": "A"}, "en-GB") == ("A", False)


# The change list ------------------------------------------------------------------------------


def changes_on(day: date, lang: str = "en"):
    vendors = list(by_id(day).values())
    language, _ = load_language(lang)
    changes = [vendor_change(event, language, "en") for event in vendor_events(vendors, day)]
    return {c.key: c for c in changes}


def test_an_announced_addition_is_a_change_from_its_announced_date() -> None:
    assert "vendor/heatmap-tool/added" not in changes_on(date(2026, 10, 31))
    change = changes_on(date(2026, 11, 1))["vendor/heatmap-tool/added"]
    assert change.kind == "vendor"
    assert (change.posted, change.effective) == (date(2026, 11, 1), date(2026, 12, 15))
    assert change.subject == change.title == "Heatmap Tool"
    assert change.summary == (
        "Heatmap Tool, from Example Heatmaps Ltd.: Shows which parts of a page people use, to "
        "improve its layout."
    )  # true before and after the day: the page says when, in the tense of the day
    assert (change.action, change.scope) == ("added", "websites")
    assert change.url == change.subject_url == "vendors/#heatmap-tool"
    assert change.changes_url is None and change.substantive is True
    assert change.upcoming(date(2026, 11, 1))


def test_a_removal_is_announced_then_dated_its_day() -> None:
    before = changes_on(date(2026, 6, 29))["vendor/old-chat/removed"]
    assert before.posted is None and before.upcoming(date(2026, 6, 29))
    change = changes_on(date(2026, 6, 30))["vendor/old-chat/removed"]
    assert change.posted == change.effective == date(2026, 6, 30)
    assert (change.action, change.summary) == ("removed", "")


def test_a_removal_to_come_is_a_change_from_the_day_it_is_written() -> None:
    change = changes_on(TODAY)["vendor/video-host/removed"]
    assert change.posted is None and change.effective == date(2027, 1, 31)
    assert change.upcoming(TODAY) and change.scope == "websites"


def test_additions_without_an_announcement_and_hidden_vendors_are_not_changes() -> None:
    keys = set(changes_on(TODAY))
    assert keys == {
        "vendor/heatmap-tool/added",
        "vendor/old-chat/removed",
        "vendor/reading-app/added",
        "vendor/video-host/removed",
    }


def test_changes_in_another_language_link_to_that_language() -> None:
    change = changes_on(TODAY, "es")["vendor/heatmap-tool/added"]
    assert change.url == change.subject_url == "es/vendors/#heatmap-tool"


def test_vendor_changes_sort_with_the_others() -> None:
    keys = [c.key for c in ordered(list(changes_on(TODAY).values()), TODAY)]
    assert keys == [
        "vendor/heatmap-tool/added",
        "vendor/video-host/removed",
        "vendor/old-chat/removed",
        "vendor/reading-app/added",
    ]


def test_an_english_purpose_in_another_language_is_marked_as_english() -> None:
    change = changes_on(TODAY, "es")["vendor/heatmap-tool/added"]
    assert change.summary_english  # the fixture's purpose has no Spanish text
    assert "Shows which parts of a page" in change.summary


# The vendors page -----------------------------------------------------------------------------


def test_rows_are_grouped_by_category_in_order_with_listed_vendors_by_name() -> None:
    groups = vendor_rows(by_id().values(), TODAY, "en")
    assert [g["category"] for g in groups] == list(CATEGORIES)
    assert groups[0]["label"] == "Analytics"
    assert [r["name"] for r in groups[0]["vendors"]] == [
        "Heatmap Tool",
        "Site Stats",
        "Visit Counter",
    ]
    ids = {r["id"] for g in groups for r in g["vendors"]}
    assert "old-chat" not in ids and "new-video" not in ids
    coming = groups[0]["vendors"][0]
    assert (coming["state"], coming["coming_from"]) == ("coming", date(2026, 12, 15))
    assert groups[0]["vendors"][1]["coming_from"] is None


def test_a_category_with_nothing_listed_has_no_group() -> None:
    day = date(2018, 6, 1)
    groups = vendor_rows(by_id(day).values(), day, "en")
    assert [g["category"] for g in groups] == ["communication", "hosting"]


def test_rows_show_the_readers_language_and_mark_english_shown_instead() -> None:
    rows = {r["id"]: r for g in vendor_rows(by_id().values(), TODAY, "es") for r in g["vendors"]}
    stats = rows["site-stats"]
    assert [(d["text"], d["fallback"]) for d in stats["data_collected"]] == [
        ("Pages visited and the site you came from", True),
        ("Su navegador y tipo de dispositivo", False),
    ]
    assert stats["purpose_fallback"] is True and stats["fallback"] is True
    assert [c["name"] for c in stats["cookies"]] == ["_ss_id", "_ss_session", "_ss_optout"]
    assert stats["cookies"][1]["purpose"] == "Agrupa las páginas de una visita"
    assert stats["opt_out"] == "https://stats.example.org/opt-out"
    counter = rows["visit-counter"]
    assert counter["opt_out"] is None
    assert counter["opt_out_instructions"].startswith("Active")
    assert counter["opt_out_instructions_fallback"] is False
    reading = rows["reading-app"]
    assert reading["purpose"].startswith("Ofrece") and reading["purpose_fallback"] is False
    assert reading["agreement"] == {
        "type": "Data Privacy Agreement",
        "signed": date(2024, 7, 1),
        "expires": date(2027, 6, 30),
    }
    assert rows["ad-network"]["opt_out"] == "mailto:optout@ads.example.org"


# /api/vendors.json ------------------------------------------------------------------------------


def test_document_is_the_registry_as_published_on_the_build_date() -> None:
    document = vendors_document(by_id().values(), TODAY, "es", "https://example.org/district/")
    parsed = json.loads(json.dumps(document))
    assert parsed["generated"] == "2026-11-22"
    ids = [v["id"] for v in parsed["vendors"]]
    assert ids == sorted(ids) and len(ids) == 11
    assert "new-video" not in ids and "old-chat" not in ids
    assert parsed["removed"] == [{"id": "old-chat", "name": "Old Chat", "removed": "2026-06-30"}]
    heatmap = next(v for v in parsed["vendors"] if v["id"] == "heatmap-tool")
    assert heatmap["state"] == "coming"
    assert heatmap["url"] == "https://example.org/district/es/vendors/#heatmap-tool"
    assert (heatmap["announced"], heatmap["added"]) == ("2026-11-01", "2026-12-15")
    reading = next(v for v in parsed["vendors"] if v["id"] == "reading-app")
    assert set(reading["purpose"]) == {"en", "es"}
    assert reading["agreement"]["expires"] == "2027-06-30"
    assert reading["links"]["terms"] == "https://reading.example.org/terms"


def test_document_without_a_site_url_uses_root_relative_links() -> None:
    document = vendors_document(by_id().values(), TODAY, "en", None)
    assert document["vendors"][0]["url"] == "/vendors/#ad-network"


HOSTILE = "<script>alert(1)</script>"


def test_markup_in_a_field_is_kept_as_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "vendors.yml"
    path.write_text(
        "vendors:\n"
        "  - id: odd\n"
        f"    name: {HOSTILE}\n"
        "    provider: Example & Sons\n"
        "    category: hosting\n"
        f"    purpose: '{HOSTILE}'\n"
        "    data_collected: ['{name} and <b>bold</b>']\n"
        "    student_data: false\n"
        "    links: {privacy_policy: 'https://example.org/?a=1&b=<2>'}\n"
        "    added: 2018-05-15\n",
        encoding="utf-8",
    )
    vendors, problems = load_vendors(path, TODAY)
    assert errors(problems) == []
    text = json.dumps(vendors_document(vendors, TODAY, "en", None), ensure_ascii=False)
    document = json.loads(text)["vendors"][0]
    assert document["name"] == HOSTILE
    assert document["purpose"] == {"en": HOSTILE}
    assert document["data_collected"] == [{"en": "{name} and <b>bold</b>"}]
    row = vendor_rows(vendors, TODAY, "en")[0]["vendors"][0]
    assert (row["name"], row["purpose"]) == (HOSTILE, HOSTILE)
    assert vendor_events(vendors, date(2018, 5, 15)) == []  # added without an announcement


# Whatever the file holds, a list of problems and never a traceback ---------------------------


def _random_value(rng: random.Random, depth: int) -> Any:
    kinds = ["none", "int", "str", "bool", "list", "dict"] if depth < 3 else ["none", "int", "str"]
    kind = rng.choice(kinds)
    if kind == "none":
        return None
    if kind == "int":
        return rng.randint(-5, 10**6)
    if kind == "str":
        return rng.choice(["", "x", "http://a", "2026-02-30", "analytics", "<b>", "en"])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(1, 3))]
    keys = ["id", "name", "links", "purpose", "category", "cookies", "added", "agreement", "zz"]
    return {rng.choice(keys): _random_value(rng, depth + 1) for _ in range(rng.randint(1, 4))}


def _malformed() -> list[str | bytes]:
    rng = random.Random(2026)
    shaped: list[Any] = [None, [], 5, "vendors", {"vendors": None}, {"vendors": {"id": "x"}}]
    shaped += [{"vendors": [_random_value(rng, 1)]} for _ in range(10)]
    shaped += [_random_value(rng, 0) for _ in range(6)]
    texts: list[str | bytes] = [yaml.safe_dump(s) for s in shaped]
    texts += [
        "",
        "vendors: [\n",
        "vendors:\n\t- id: x\n",
        "a: &x [1, *x]\n",
        b"\xff\xfe\x00vendors",
        "vendors:\n  - !!set {a, b}\n",
        "vendors: !!binary aGVsbG8=\n",
        "vendors:\n  - {1: 2, null: 3, [a]: b}\n",
        "vendors:\n  - id: a\n---\nvendors: []\n",
        "vendors:\n  - id: x\n    added: !!timestamp 2018-01-01\n    name: !!float 1e400\n",
        "vendors:\n  - id: x\n    links: {opt_out: !!int 5}\n    category: analytics\n",
        "? [a, b]\n: c\n",
    ]
    return texts


@pytest.mark.parametrize("content", _malformed())
def test_malformed_files_give_problems_and_never_a_traceback(
    content: str | bytes, tmp_path: Path
) -> None:
    path = tmp_path / "vendors.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    vendors, problems = load_vendors(path, TODAY)
    assert errors(problems), content
    assert all(isinstance(p.line, int) and isinstance(p.column, int) for p in problems)
    assert all(str(p).startswith("vendors.yml:") for p in problems)
    assert "Error" not in " ".join(p.message for p in problems)
    sorted(problems)  # every problem has a position, so they sort
    assert vendors == []


def test_an_agreement_expiring_within_60_days_is_a_warning() -> None:
    """Staff hear of a renewal two months ahead, not only once the agreement has lapsed."""
    case = FIXTURES / "invalid" / "expired-agreement.yml"  # reading-app: expires 2026-06-30
    soon = [
        str(p) for p in warnings(load(case, date(2026, 5, 20))[1]) if "agreement.expires" in str(p)
    ]
    assert len(soon) == 1 and "2026-06-30 is in 41 days" in soon[0], soon
    assert "vendors.yml:13:" in soon[0] and "renew the agreement" in soon[0]
    later = [p for p in load(case, date(2026, 4, 30))[1] if "agreement.expires" in str(p)]
    assert later == [], later  # 61 days ahead: nothing yet
