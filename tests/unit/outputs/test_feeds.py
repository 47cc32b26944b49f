"""The Atom feed and the calendar, read back with real parsers, at a fixed "today"."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import feedparser
import icalendar
import pytest
from factories import language, version
from privacy_site.content import Content
from privacy_site.model.policies import Policy
from privacy_site.model.settings import Settings
from privacy_site.model.translations import Translation
from privacy_site.outputs.changes import all_changes
from privacy_site.outputs.feeds import atom_feed, icalendar_feed, relative_path

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = date(2026, 11, 22)
HOST = "https://privacy.example.org/"
HOSTILE = '<script>alert(1)</script> & "quotes"'


FIRST = version(date(2018, 5, 15))
PAST = version(date(2024, 9, 1), date(2024, 7, 15), "Adds how long logs are kept.")
ANNOUNCED = version(date(2026, 12, 22), date(2026, 11, 15), "Names the new analytics tool.")
SCHEDULED = version(date(2027, 3, 1), date(2026, 12, 1), "A change not yet posted.")


def content(announced_summary: str = ANNOUNCED.summary) -> Content:
    announced = version(ANNOUNCED.effective, ANNOUNCED.posted, announced_summary)
    spanish = Translation(
        lang="es",
        path="policies/website-privacy/2026-12-22.md",
        kind="reviewed",
        title="Política de privacidad del sitio web",
        summary="Nombra la nueva herramienta de análisis.",
    )
    return Content(
        today=TODAY,
        settings=Settings("Sample District", "America/New_York", None),
        default_language="en",
        languages=["en", "es"],
        policies=[Policy("website-privacy", (FIRST, PAST, announced, SCHEDULED))],
        translations={"es": {("website-privacy", ANNOUNCED.effective): spanish}},
    )


SPANISH = {
    "Takes effect on %(date)s.": "Entra en vigor el %(date)s.",
    "Took effect on %(date)s.": "Entró en vigor el %(date)s.",
}


def feed(lang: str = "en", site_url: str | None = None, **kwargs) -> bytes:
    prefix = "" if lang == "en" else f"{lang}/"
    reader = language(lang, SPANISH if lang == "es" else None)
    return atom_feed(
        all_changes(kwargs.pop("content", None) or content(), reader),
        title="Privacy policy changes",
        author="Sample District",
        feed_path=f"{prefix}changes/feed.xml",
        site_url=site_url,
        updated_fallback=date(2000, 1, 1),
        language=reader,
        page_path=f"{prefix}changes/",
        today=kwargs.pop("today", TODAY),
        **kwargs,
    )


def calendar(site_url: str | None = None) -> bytes:
    return icalendar_feed(
        all_changes(content(), language()),
        calendar_name="Privacy policy changes",
        site_url=site_url,
        feed_path="changes/calendar.ics",
    )


def parsed(data: bytes, location: str | None = None) -> feedparser.FeedParserDict:
    # As a web server would send it: the feed's URL is the base for its relative links.
    headers = (
        {"content-location": location, "content-type": "application/atom+xml"} if location else None
    )
    result = feedparser.parse(data, response_headers=headers)
    assert result.bozo == 0, result.get("bozo_exception")
    assert result.version == "atom10"
    return result


# Atom


def test_one_entry_per_published_change_and_none_for_the_scheduled_one() -> None:
    result = parsed(feed())
    assert [e.link for e in result.entries] == [
        "../policies/website-privacy/2026-12-22/",
        "../policies/website-privacy/2024-09-01/",
    ]
    assert b"2027-03-01" not in feed()
    assert b"not yet posted" not in feed()


def test_entry_ids_are_stable_urns_distinct_per_change() -> None:
    first = [e.id for e in parsed(feed()).entries]
    again = [e.id for e in parsed(feed()).entries]
    assert first == again
    assert len(set(first)) == len(first) == 2
    for entry_id in first:
        assert entry_id.startswith("urn:uuid:")
        assert uuid.UUID(entry_id.removeprefix("urn:uuid:")).version == 5


def test_rebuilding_gives_identical_bytes() -> None:
    assert feed() == feed()
    assert feed(site_url=HOST) == feed(site_url=HOST)


def test_timestamps_are_posting_dates() -> None:
    result = parsed(feed())
    assert result.feed.updated == "2026-11-15T00:00:00Z"  # the newest posting
    announced, past = result.entries
    assert announced.published == announced.updated == "2026-11-15T00:00:00Z"
    assert past.published == past.updated == "2024-07-15T00:00:00Z"


def test_an_empty_feed_is_valid_and_dated_by_the_fallback() -> None:
    data = atom_feed(
        [],
        title="Changes",
        author="Sample District",
        feed_path="changes/feed.xml",
        site_url=None,
        updated_fallback=date(2026, 1, 2),
        today=date(2026, 1, 2),
    )
    result = parsed(data)
    assert result.entries == []
    assert result.feed.updated == "2026-01-02T00:00:00Z"


def test_summary_says_when_the_change_takes_effect_in_the_readers_language() -> None:
    [announced, _] = parsed(feed()).entries
    assert announced.summary == "Names the new analytics tool. Takes effect on December 22, 2026."
    [spanish, _] = parsed(feed("es")).entries
    assert spanish.summary == (
        "Nombra la nueva herramienta de análisis. Entra en vigor el 22 de diciembre de 2026."
    )
    assert spanish.title == "Política de privacidad del sitio web"
    assert parsed(feed("es")).feed.language == "es"


def test_without_site_url_links_resolve_against_the_feeds_own_url() -> None:
    for lang, prefix in (("en", ""), ("es", "es/")):
        result = parsed(feed(lang), location=f"{HOST}{prefix}changes/feed.xml")
        announced = result.entries[0]
        assert announced.link == f"{HOST}{prefix}policies/website-privacy/2026-12-22/"
        related = [link.href for link in announced.links if link.rel == "related"]
        assert related == [f"{HOST}{prefix}policies/website-privacy/2026-12-22/changes/"]
        links = {link.rel: link.href for link in result.feed.links}
        assert links == {
            "self": f"{HOST}{prefix}changes/feed.xml",
            "alternate": f"{HOST}{prefix}changes/",
        }


def test_with_site_url_links_are_absolute_even_under_a_subpath() -> None:
    for site_url in ("https://example.org/privacy", "https://example.org/privacy/"):
        root = ET.fromstring(feed("es", site_url=site_url))
        hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert hrefs == [
            "https://example.org/privacy/es/changes/feed.xml",
            "https://example.org/privacy/es/changes/",
            "https://example.org/privacy/es/policies/website-privacy/2026-12-22/",
            "https://example.org/privacy/es/policies/website-privacy/2026-12-22/changes/",
            "https://example.org/privacy/es/policies/website-privacy/2024-09-01/",
            "https://example.org/privacy/es/policies/website-privacy/2024-09-01/changes/",
        ]


def test_the_document_is_atom_in_its_namespace_with_its_language() -> None:
    data = feed("es")
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    xhtml = "{http://www.w3.org/1999/xhtml}"
    assert all(child.tag.startswith((ATOM, xhtml)) for child in root.iter())
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Sample District"
    assert len(root.findall(f"{ATOM}entry")) == 2


def test_english_shown_in_another_languages_feed_is_marked_english() -> None:
    root = ET.fromstring(feed("es"))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    translated, untranslated = root.findall(f"{ATOM}entry")
    assert translated.find(f"{ATOM}title").get(xml_lang) is None
    assert untranslated.find(f"{ATOM}title").get(xml_lang) == "en"
    summary = untranslated.find(f"{ATOM}summary")
    assert summary.get("type") == "xhtml"
    sentence, english = summary.iter("{http://www.w3.org/1999/xhtml}p")
    assert sentence.get(xml_lang) is None and sentence.text.startswith("Entró en vigor")
    assert english.get(xml_lang) == "en" and english.text == PAST.summary


def test_each_entry_says_when_in_the_tense_of_the_builds_day() -> None:
    """A change that took effect in 2024 is not written in the future (the Haitian Creole
    feed said "Ap antre an vigè nan dat 15 janvye 2024"); one to come is; on its day the
    sentence moves into the past, and the entry keeps its id and its date."""
    before = parsed(feed())
    announced, past = before.entries
    assert announced.summary.endswith("Takes effect on December 22, 2026.")
    assert past.summary.endswith("Took effect on September 1, 2024.")
    after = parsed(feed(today=ANNOUNCED.effective))
    moved = after.entries[0]
    assert moved.summary.endswith("Took effect on December 22, 2026.")
    assert (moved.id, moved.updated) == (announced.id, announced.updated)


def test_hostile_text_is_escaped_and_read_back_as_the_same_text() -> None:
    data = feed(content=content(HOSTILE + "\x0b"))  # \x0b cannot appear in XML at all
    assert b"<script" not in data
    root = ET.fromstring(data)
    assert not [e for e in root.iter() if "script" in e.tag]
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.text == f"{HOSTILE} Takes effect on December 22, 2026."
    assert summary.get("type") == "text"
    detail = parsed(data).entries[0].summary_detail
    assert detail.type == "text/plain"
    assert detail.value == f"{HOSTILE} Takes effect on December 22, 2026."


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("policies/x/2026-12-22/", "changes/feed.xml", "../policies/x/2026-12-22/"),
        ("es/policies/x/", "es/changes/feed.xml", "../policies/x/"),
        ("changes/feed.xml", "changes/feed.xml", "feed.xml"),
        ("changes/", "changes/feed.xml", "./"),
        ("policies/x/", "feed.xml", "policies/x/"),
        ("", "es/changes/feed.xml", "../../"),
    ],
)
def test_relative_path(target: str, base: str, expected: str) -> None:
    assert relative_path(target, base) == expected


# iCalendar


def events(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_one_all_day_event_per_change_on_its_effective_date_in_date_order() -> None:
    found = events(calendar())
    assert [e.decoded("dtstart") for e in found] == [PAST.effective, ANNOUNCED.effective]
    for event in found:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert not isinstance(start, datetime) and not isinstance(end, datetime)
        assert end == start + timedelta(days=1)
    assert b"DTSTART;VALUE=DATE:20261222" in calendar()
    assert [str(e["summary"]) for e in found] == [
        "Website Privacy Policy: new version takes effect"
    ] * 2


def test_the_calendar_names_itself_and_is_identical_on_every_build() -> None:
    data = calendar()
    assert data == calendar()
    parsed_calendar = icalendar.Calendar.from_ical(data)
    assert str(parsed_calendar["x-wr-calname"]) == "Privacy policy changes"
    assert str(parsed_calendar["version"]) == "2.0"
    assert str(parsed_calendar["prodid"])


def test_uids_are_unique_and_stable() -> None:
    uids = [str(e["uid"]) for e in events(calendar())]
    assert uids == [str(e["uid"]) for e in events(calendar(HOST))]
    assert len(set(uids)) == 2
    assert all(uid.endswith("@privacy-site") for uid in uids)


def test_dtstamp_is_the_posting_date_not_the_build_time() -> None:
    stamps = [e.decoded("dtstamp") for e in events(calendar())]
    assert [s.isoformat() for s in stamps] == [
        "2024-07-15T00:00:00+00:00",
        "2026-11-15T00:00:00+00:00",
    ]


def test_links_only_when_they_can_be_absolute() -> None:
    without = events(calendar())
    assert all("url" not in e for e in without)
    assert str(without[0]["description"]) == "Adds how long logs are kept."
    with_host = events(calendar(HOST))
    assert [str(e["url"]) for e in with_host] == [
        f"{HOST}policies/website-privacy/2024-09-01/",
        f"{HOST}policies/website-privacy/2026-12-22/",
    ]
    assert str(with_host[1]["description"]).endswith(f"{HOST}policies/website-privacy/2026-12-22/")


def test_the_scheduled_change_is_not_in_the_calendar() -> None:
    assert date(2027, 3, 1) not in [e.decoded("dtstart") for e in events(calendar())]


def test_a_calendar_events_title_takes_the_tense_of_the_builds_day() -> None:
    """Issue 27: a version whose day has come "took effect" in the calendar, as in the feed;
    one still to come "takes effect"."""
    events = {
        str(event["DTSTART"].dt): str(event["SUMMARY"])
        for event in icalendar.Calendar.from_ical(
            icalendar_feed(
                all_changes(content(), language()),
                calendar_name="Privacy policy changes",
                site_url=None,
                feed_path="changes/calendar.ics",
                today=TODAY,
            )
        ).walk("VEVENT")
    }
    assert events[str(PAST.effective)].endswith(": new version took effect"), events
    assert events[str(ANNOUNCED.effective)].endswith(": new version takes effect"), events
