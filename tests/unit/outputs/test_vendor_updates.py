"""A change to a tool's student data or subprocessors is told to families like an addition:
its event from the day it is announced, on /changes/, in the messages; the vendors page
shows the new lists from the day it takes effect."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from privacy_site.languages.language import load_language
from privacy_site.model.vendors import vendor_events
from privacy_site.outputs.changes import vendor_change
from privacy_site.outputs.emails import PAST, in_tense
from privacy_site.outputs.messages import TEXTS, message
from privacy_site.registry.vendors import load_vendors

ROOT = Path(__file__).resolve().parents[3]
UPDATES = ROOT / "tests" / "fixtures" / "vendors" / "updates.yml"
TODAY = date(2026, 11, 22)


def _reading(today: date):
    vendors, problems = load_vendors(UPDATES, today)
    assert problems == []
    return vendors[0]


def test_the_lists_in_force_on_the_day() -> None:
    before = _reading(date(2026, 10, 19)).disclosures
    assert [s.name for s in before.subprocessors or ()] == ["Example Cloud Hosting Inc."]
    now = _reading(TODAY).disclosures
    assert [s.name for s in now.subprocessors or ()] == [
        "Example Cloud Hosting Inc.",
        "Example Mail Co.",
    ]
    assert now.data_elements == ("enrollment", "assessment")
    later = _reading(date(2026, 12, 15)).disclosures
    assert later.data_elements == ("enrollment", "assessment", "attendance")


def test_each_change_is_an_event_from_the_day_it_is_announced() -> None:
    def changed(day: date) -> list[tuple]:
        events = vendor_events([_reading(day)], day)
        return [(e.posted, e.effective) for e in events if e.kind == "changed"]

    assert changed(date(2026, 9, 30)) == []
    assert changed(TODAY) == [
        (date(2026, 10, 1), date(2026, 10, 20)),
        (date(2026, 11, 10), date(2026, 12, 15)),
    ]


def test_a_change_in_the_readers_words_with_its_own_key() -> None:
    spanish = load_language("es")[0]
    events = [e for e in vendor_events([_reading(TODAY)], TODAY) if e.kind == "changed"]
    changes = [vendor_change(e, spanish, "en") for e in events]
    assert [c.key for c in changes] == [
        "vendor/reading-app/changed/2026-10-20",
        "vendor/reading-app/changed/2026-12-15",
    ]
    assert changes[1].action == "changed" and changes[1].upcoming(TODAY)
    assert changes[1].summary == "Cambian los datos estudiantiles que recibe Reading App."
    english = load_language("en")[0]
    first = vendor_change(events[0], english, "en")
    assert first.summary == "The companies Reading App shares student data with change."


def test_the_messages_announce_it() -> None:
    assert "changed" in TEXTS
    english = load_language("en")[0]
    event = [e for e in vendor_events([_reading(TODAY)], TODAY) if e.kind == "changed"][-1]
    change = vendor_change(event, english, "en")
    sent = message(change, english, "Sample District", lambda path: "/" + path)
    assert sent.subject == "Privacy notice: Reading App changes from December 15, 2026"
    assert sent.sms.startswith(
        "Sample District: what Reading App receives or shares changes on December 15, 2026"
    )


def test_an_e_mail_sent_after_its_day_says_it_changed() -> None:
    """A list set up after the change was posted gets it while it is in effect: in the past
    tense, as every other kind of notice (a kind without past words would stay in the
    future tense after its day)."""
    assert set(PAST) == set(TEXTS)
    spanish = load_language("es")[0]
    event = next(e for e in vendor_events([_reading(TODAY)], TODAY) if e.kind == "changed")
    change = vendor_change(event, spanish, "en")
    sent = message(change, spanish, "Sample District", lambda path: "/" + path)
    late = in_tense(change, sent, spanish, "Sample District", TODAY)
    assert late.subject == "Aviso de privacidad: Reading App cambió el 20 de octubre de 2026"
    assert late.body.startswith("Sample District: los datos estudiantiles que recibe Reading App")
    assert "cambiaron el 20 de octubre de 2026." in late.body.split("\n\n")[0]
    assert late.body.split("\n\n")[1:] == sent.body.split("\n\n")[1:]
