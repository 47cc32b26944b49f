"""The changes as an Atom feed and as an iCalendar file, for readers who subscribe.

Both are pure functions of the changes and the build's day: the same changes give
byte-identical files on every build, so a daily rebuild does not make every subscriber's
reader see "new" items; a feed entry's sentence moves into the past once, on the day its
change takes effect, keeping its id and its ``updated`` date. Every date in the output
comes from the content (``posted``, ``effective``) or the build's day, never the clock.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta

import icalendar

from ..languages.language import Language, source_language
from ..model import urls
from .changes import Change

# Fixed for the life of the project: entry ids and event UIDs derive from it, and
# changing it makes every subscriber see every change again as new.
NAMESPACE = uuid.UUID("7ee13d13-4f2d-4d65-be9e-230697baa4d1")
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PRODID = "-//privacy-site//Policy changes//EN"
# Characters XML 1.0 cannot carry at all, even escaped; ElementTree would write them
# and produce a document no parser accepts.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def change_uuid(change: Change) -> uuid.UUID:
    """The change's identity, from its key alone, so it survives rebuilds and re-hosting."""
    return uuid.uuid5(NAMESPACE, change.key)


def atom_feed(
    changes: list[Change],
    *,
    title: str,
    author: str,
    feed_path: str,
    site_url: str | None,
    updated_fallback: date,
    language: Language | None = None,
    page_path: str | None = None,
    today: date,
) -> bytes:
    """An Atom 1.0 document (RFC 4287) with one entry per change, in the order given.

    Timestamps are posting dates, so an entry is "updated" once, when posted, and the feed
    only changes when a change is posted. Without ``site_url`` links are relative to the
    feed's own location ``feed_path``, which RFC 4287 resolves against the feed's URL.
    ``page_path`` is the HTML page the feed mirrors (``changes/``), linked as alternate.
    Each entry says when its change happens in the tense of ``today`` (the build's day).
    Text is in ``language`` (default English); a title or summary shown in English inside
    another language's feed carries ``xml:lang="en"``.
    """
    language = language or source_language()
    english = {XML_LANG: "en"} if not language.is_source else {}

    def link(parent: ET.Element, rel: str, path: str, media_type: str) -> None:
        href = _href(path, site_url, feed_path)
        _add(parent, "link", rel=rel, href=href, type=media_type)

    # The namespace is written as a plain xmlns attribute: ElementTree's default_namespace
    # rejects unprefixed attributes, and register_namespace is process-wide state.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: language.code})
    _add(feed, "id", text=f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed/' + feed_path)}")
    _add(feed, "title", text=title, type="text")
    # A removal written without a posting date enters the feed on its day, dated that day.
    changes = [c for c in changes if c.posted is not None]
    newest = max((c.posted for c in changes), default=updated_fallback)
    _add(feed, "updated", text=_timestamp(newest))
    _add(_add(feed, "author"), "name", text=author)
    link(feed, "self", feed_path, "application/atom+xml")
    if page_path is not None:
        link(feed, "alternate", page_path, "text/html")

    for change in changes:
        entry = _add(feed, "entry")
        _add(entry, "id", text=f"urn:uuid:{change_uuid(change)}")
        title_lang = english if change.title_english else {}
        _add(entry, "title", text=change.title, type="text", **title_lang)
        _add(entry, "published", text=_timestamp(change.posted))
        _add(entry, "updated", text=_timestamp(change.posted))
        sentence = _when(change, language, today)
        if change.summary and change.summary_english:
            # Two languages in one summary: XHTML, each part marked with its language.
            summary = _add(entry, "summary", type="xhtml")
            div = _add(summary, "div", xmlns=XHTML)
            _add(div, "p", text=sentence)
            _add(div, "p", text=change.summary, lang="en", **english)
        else:
            text = f"{change.summary} {sentence}" if change.summary else sentence
            _add(entry, "summary", text=text, type="text")
        link(entry, "alternate", change.url, "text/html")
        if change.changes_url:
            link(entry, "related", change.changes_url, "text/html")

    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def icalendar_feed(
    changes: list[Change],
    *,
    calendar_name: str,
    site_url: str | None,
    feed_path: str,
    language: Language | None = None,
    today: date | None = None,
) -> bytes:
    """An iCalendar file (RFC 5545) with an all-day event on the day each change takes effect.

    ``DTSTAMP`` is the posting date, not the build time, so every build is byte-identical.
    RFC 5545's ``URL`` must be an absolute URI, and an event copied into a calendar app has
    no base to resolve a relative one against, so without ``site_url`` events carry no link
    at all (neither ``URL`` nor in the description) rather than one that cannot work. With
    it, the link also goes in the description, as many apps never show ``URL``.
    Texts are in ``language`` (default English), each tagged with its language (RFC 5545
    ``LANGUAGE``), English where a summary has no translation. An event's title is in the
    tense of ``today`` (the build's day): a version that "takes effect" until its day, that
    "took effect" from then on, as the Atom feed's sentences.
    """
    language = language or source_language()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("name", calendar_name)
    if site_url:
        calendar.add("source", _href(feed_path, site_url, feed_path))
    for change in sorted(changes, key=lambda c: (c.effective, c.key)):
        event = icalendar.Event()
        event.add("uid", f"{change_uuid(change)}@privacy-site")
        stamp = change.posted or change.effective  # a removal to come has no posting date
        event.add("dtstamp", datetime.combine(stamp, time(), tzinfo=UTC))
        event.add("dtstart", change.effective)
        event.add("dtend", change.effective + timedelta(days=1))
        event.add(
            "summary",
            _event_title(change, language, today),
            parameters={"LANGUAGE": language.code},
        )
        description = change.summary
        if site_url:
            url = _href(change.url, site_url, feed_path)
            event.add("url", url)
            description = f"{description}\n\n{url}" if description else url
        if description:
            described_in = "en" if change.summary_english else language.code
            event.add("description", description, parameters={"LANGUAGE": described_in})
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def relative_path(target: str, base_file: str) -> str:
    """``target`` as seen from the folder holding ``base_file``, both site paths.

    Pure string work, not ``os.path.relpath``, which depends on the working directory.
    A trailing slash on ``target`` is kept: ``policies/x/`` is a folder URL.
    """
    base = base_file.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < min(len(base), len(parts) - 1) and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:])
    return relative or "./"


def _href(path: str, site_url: str | None, feed_path: str) -> str:
    """Absolute under ``site_url`` when known, else relative to the feed file."""
    if site_url:
        return urls.absolute(path, site_url)
    return relative_path(path.lstrip("/"), feed_path.lstrip("/"))


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, name, attrs)
    if text is not None:
        element.text = NOT_XML.sub("", text)
    return element


def _when(change: Change, language: Language, today: date) -> str:
    """The day it happens, in the tense of the build's day: the daily build rewrites it
    in the past once the day has come (the entry's posting date, its ``updated``, stays)."""
    day = change.effective
    if day > today:
        if change.action == "removed":
            return language.fill("Stops on %(date)s.", date=day)
        if not change.substantive:
            return language.fill("A correction takes effect on %(date)s.", date=day)
        return language.fill("Takes effect on %(date)s.", date=day)
    if change.action == "removed":
        return language.fill(
            "The district stopped using %(subject)s on %(date)s.", subject=change.subject, date=day
        )
    if not change.substantive:
        return language.fill("Corrected on %(date)s.", date=day)
    return language.fill("Took effect on %(date)s.", date=day)


def _event_title(change: Change, language: Language, today: date | None) -> str:
    if change.kind == "policy":
        if today is not None and change.effective <= today:
            return language.fill("%(subject)s: new version took effect", subject=change.subject)
        return language.fill("%(subject)s: new version takes effect", subject=change.subject)
    if change.action == "changed":
        return language.fill("%(subject)s: changes take effect", subject=change.subject)
    if change.key.endswith("/removed"):
        return language.fill("%(subject)s: no longer used", subject=change.subject)
    return language.fill("%(subject)s: in use from this day", subject=change.subject)
