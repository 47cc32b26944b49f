"""Ready-to-send messages for each change announced: a text message, and a subject and body
for a post or an e-mail, in every language the site has.

The words come from the message catalogue (translators review them with the site's other
words) and from the change itself: the version's summary in that language, the tool's
purpose. Where a summary or a title has no translation yet, the message says what changes
without it rather than mix in English; only names (the district, a tool, its provider)
stay as they are. Dates are written the language's way. A text message is one line with
the link, and says how many SMS segments it takes (``sms``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from babel import Locale, UnknownLocaleError

from ..languages.language import N_, Language
from ..model import urls
from ..model.vendors import text_for
from .changes import Change
from .sms import SINGLE, Segments, segments

MACHINE = N_(
    "This message was translated by a computer. If it differs from the English, the "
    "English governs."
)


@dataclass(frozen=True)
class Message:
    lang: str
    sms: str
    sms_segments: Segments
    subject: str
    body: str
    url: str


def announcements(changes: list[Change], today) -> list[Change]:
    """The changes still to come, as announced on ``today``."""
    return [change for change in changes if change.upcoming(today)]


# (text message, subject, opening sentence) for each kind of change; every text may use
# %(district)s, %(title)s (a policy) or %(name)s (a tool), %(date)s and %(url)s.
TEXTS = {
    "version": (
        N_("%(district)s: %(title)s changes on %(date)s. %(url)s"),
        N_("Privacy notice: %(title)s, new version from %(date)s"),
        N_("%(district)s has a new version of its %(title)s. It takes effect on %(date)s."),
    ),
    "correction": (
        N_("%(district)s: %(title)s corrected on %(date)s. %(url)s"),
        N_("Privacy notice: %(title)s corrected on %(date)s"),
        N_("%(district)s corrects its %(title)s on %(date)s."),
    ),
    "added": (
        N_("%(district)s will use %(name)s from %(date)s: %(url)s"),
        N_("Privacy notice: %(name)s from %(date)s"),
        N_("%(district)s will start using %(name)s on %(date)s."),
    ),
    "changed": (
        N_("%(district)s: what %(name)s receives or shares changes on %(date)s: %(url)s"),
        N_("Privacy notice: %(name)s changes from %(date)s"),
        N_(
            "%(district)s: the student data %(name)s receives, or the companies it shares "
            "it with, change on %(date)s."
        ),
    ),
    "removed": (
        N_("%(district)s stops using %(name)s on %(date)s: %(url)s"),
        N_("Privacy notice: %(name)s no longer used from %(date)s"),
        N_("%(district)s will stop using %(name)s on %(date)s."),
    ),
}


def message(
    change: Change,
    language: Language,
    district: str,
    absolute: Callable[[str], str],
    vendors: dict | None = None,
) -> Message:
    """The messages for one change in ``language``; ``absolute`` turns a site path into the
    link to send (absolute when the site's address is known)."""
    url = absolute(change.changes_url or change.url)
    values = {"district": district, "date": change.effective, "url": url}
    if change.kind == "policy":
        kind = "version" if change.substantive else "correction"
        untranslated = change.title_english
        values["title"] = language.gettext("privacy policy") if untranslated else change.title
        detail = (
            language.fill("What changes: %(summary)s", summary=change.summary)
            if change.summary and not change.summary_english
            else ""
        )
        link = language.fill("Read the new version and every change: %(url)s", url=url)
    else:
        kind = change.action
        values["name"] = change.subject
        vendor = (vendors or {}).get(change.key.split("/")[1])
        purpose, english = text_for(vendor.purpose, language.code) if vendor else ("", True)
        detail = (
            language.fill("What it is for: %(purpose)s", purpose=purpose)
            if kind == "added" and purpose and not english
            else ""
        )
        link = language.fill("Read about it, with its privacy policy: %(url)s", url=url)
    sms, subject, lead = (language.fill(text, **values) for text in TEXTS[kind])
    paragraphs = [lead, detail, link]
    if not language.is_source:
        paragraphs.append(language.gettext(MACHINE))
    body = "\n\n".join(p for p in paragraphs if p)
    return Message(language.code, sms, segments(sms), subject, body, url)


def announced(
    content, language: Language, changes: list[Change], site_url: str | None
) -> list[tuple[Change, Message]]:
    """Each of ``changes`` still to come on the content's day, with its messages in
    ``language`` (``changes``: ``all_changes`` in that language)."""
    district = content.settings.district
    vendors = {vendor.id: vendor for vendor in content.vendors}
    link = absolute_url(site_url)
    return [
        (change, message(change, language, district, link, vendors))
        for change in announcements(changes, content.today)
    ]


def document(
    content,
    languages: list[Language],
    changes_by_language: dict[str, list[Change]],
    site_url: str | None,
) -> dict:
    """``/api/messages.json``: each current announcement with its messages per language."""
    items: dict[str, dict] = {}
    for language in languages:
        for change, sent in announced(
            content, language, changes_by_language[language.code], site_url
        ):
            item = items.setdefault(
                change.key,
                {
                    "id": change.key,
                    "type": change.kind if change.kind == "policy" else f"vendor-{change.action}",
                    "posted": change.posted.isoformat() if change.posted else None,
                    "effective": change.effective.isoformat(),
                    "messages": {},
                },
            )
            item["messages"][language.code] = {
                "sms": sent.sms,
                "sms_segments": sent.sms_segments.count,
                "sms_encoding": sent.sms_segments.encoding,
                "subject": sent.subject,
                "body": sent.body,
                "url": sent.url,
            }
    return {"today": content.today.isoformat(), "announcements": list(items.values())}


def absolute_url(site_url: str | None) -> Callable[[str], str]:
    """A site path as the link to send: on the site's address when it is set, else from
    the site's root."""
    return lambda path: urls.absolute(path, site_url)


# The staff page (/staff/messages/) ------------------------------------------------------

ENCODING_NAMES = {"GSM-7": "GSM-7 alphabet", "UCS-2": "Unicode"}


def staff_view(document: dict, names: dict[str, str], directions: dict[str, str]) -> dict:
    """What the staff page shows of ``document`` (``/api/messages.json``): each
    announcement, the ones posted on the day first, with its messages in every language,
    each language named in its own script and in English."""
    today = document["today"]
    items = sorted(
        document["announcements"],
        key=lambda item: (item["posted"] != today, item["effective"], item["id"]),
    )
    return {
        "today": _day(today),
        "announcements": [
            {
                "id": item["id"],
                "anchor": item["id"].replace("/", "-"),
                "heading": next(iter(item["messages"].values()))["subject"],
                "posted": _day(item["posted"]),
                "posted_today": item["posted"] == today,
                "effective": _day(item["effective"]),
                "messages": [
                    {
                        "lang": code,
                        "name": names.get(code) or code,
                        "english_name": english_name(code),
                        "dir": directions.get(code, "ltr"),
                        "sms_label": sms_label(sent["sms"]),
                        **{key: sent[key] for key in ("sms", "subject", "body", "url")},
                    }
                    for code, sent in item["messages"].items()
                ],
            }
            for item in items
        ],
    }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def english_name(code: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        return code


def sms_label(text: str) -> str:
    """How a phone sends ``text``, in words: "1 segment, GSM-7 alphabet: 93 of 160
    characters"."""
    found = segments(text)
    limit = SINGLE[found.encoding]
    kind = ENCODING_NAMES[found.encoding]
    if found.count <= 1:
        return f"1 segment, {kind}: {found.units} of {limit} characters"
    return (
        f"{found.count} segments, {kind}: {found.units} characters, more than the {limit} "
        "one segment holds"
    )
