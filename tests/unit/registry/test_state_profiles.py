"""The state profiles (extra.privacy_site.state): for a tool that receives student data,
each state's fields are required, and each missing one is named with the section that asks
for it, at the vendor's line; Connecticut's five business days; the disclosures as loaded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from privacy_site.model import state_laws
from privacy_site.model.problems import errors, warnings
from privacy_site.registry.vendors import load_vendors

ROOT = Path(__file__).resolve().parents[3]
STATES = ROOT / "tests" / "fixtures" / "vendors" / "states"
TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("state", ["NY", "CT", "CO", "MA", None, "TX"])
def test_a_complete_registry_passes_every_profile(state: str | None) -> None:
    vendors, problems = load_vendors(STATES / "complete.yml", TODAY, state=state)
    assert problems == []
    assert [v.id for v in vendors] == ["reading-app", "site-search"]


@pytest.mark.parametrize("state", ["NY", "CT", "CO", "MA"])
def test_each_missing_field_gives_its_expected_line(state: str) -> None:
    _, problems = load_vendors(STATES / "missing.yml", TODAY, state=state)
    expected = (STATES / f"missing-{state}.expected").read_text(encoding="utf-8").splitlines()
    assert expected
    assert [str(p) for p in sorted(problems)] == expected
    # A law's requirement refuses the build; the agreement Massachusetts signs advises.
    if state == "MA":
        assert warnings(problems) == problems
    else:
        assert errors(problems) == problems


def test_no_profile_requires_nothing_more() -> None:
    for state in (None, "TX", "CA"):
        _, problems = load_vendors(STATES / "missing.yml", TODAY, state=state)
        assert problems == []


def test_messages_name_the_law_and_sit_on_the_vendors_line() -> None:
    _, problems = load_vendors(STATES / "missing.yml", TODAY, state="NY")
    assert {p.line for p in problems} == {4}  # "- id: reading-app"
    assert all("New York Education Law §2-d(3)(c)" in p.message for p in problems)
    fields = {p.message.split(": missing")[0].split(", ")[-1] for p in problems}
    assert fields == {
        "exclusive_purposes",
        "subprocessor_duties",
        "agreement.expires",
        "end_of_contract",
        "accuracy_challenge",
        "storage",
        "security",
        "encryption",
    }


def test_a_tool_without_student_data_needs_none_of_it() -> None:
    _, problems = load_vendors(STATES / "missing.yml", TODAY, state="NY")
    assert not [p for p in problems if "site-search" in p.message]


def test_connecticut_counts_business_days_from_signing(tmp_path: Path) -> None:
    text = (STATES / "complete.yml").read_text(encoding="utf-8")
    text = text.replace("      copy: docs/en/contracts/reading-app-2026.pdf\n", "")  # not here
    # Signed Tuesday 2026-09-01: the fifth business day after is Tuesday 2026-09-08.
    assert state_laws.add_business_days(date(2026, 9, 1), 5) == date(2026, 9, 8)
    assert state_laws.add_business_days(date(2026, 9, 4), 5) == date(2026, 9, 11)  # a Friday
    late = tmp_path / "vendors.yml"
    late.write_text(text.replace("added: 2026-09-08", "added: 2026-09-09"), encoding="utf-8")
    _, problems = load_vendors(late, TODAY, state="CT")
    assert [p.message for p in problems] == [
        "vendor 'reading-app', added: 2026-09-09 is 6 business days after agreement.signed "
        "2026-09-01, and Connecticut General Statutes §10-234bb asks for notice of a contract "
        "within 5 business days of signing it; post the entry by 2026-09-08 (set 'announced:' "
        "to the day it is posted), or correct the dates"
    ]
    announced = text.replace("added: 2026-09-08", "announced: 2026-09-03\n    added: 2026-10-09")
    late.write_text(announced, encoding="utf-8")
    assert load_vendors(late, TODAY, state="CT")[1] == []  # posted (announced) in time
    assert load_vendors(late, TODAY, state="NY")[1] == []  # no window in New York


def test_the_disclosures_as_loaded() -> None:
    vendors, _ = load_vendors(STATES / "complete.yml", TODAY, state="NY")
    reading = vendors[0]
    d = reading.disclosures
    assert d.data_elements == (
        "student-identifiers",
        "enrollment",
        "assessment",
        "student-work",
        "other",
    )
    assert d.data_elements_other == {
        "en": "The books a student has read",
        "es": "Los libros que ha leído el estudiante",
    }
    assert d.storage is not None and (d.storage.location, d.storage.kind) == (
        "United States",
        "cloud",
    )
    assert d.encryption is not None and d.encryption.in_motion and d.encryption.at_rest
    assert d.subprocessors is not None and [s.name for s in d.subprocessors] == [
        "Example Cloud Hosting Inc."
    ]
    assert reading.agreement is not None
    assert reading.agreement.copy == "docs/en/contracts/reading-app-2026.pdf"
    assert reading.agreement.general_offer is True
    assert reading.agreement.link == "https://reading.example.org/district-agreement"
    assert not vendors[1].disclosures.any()
