"""Every announced and past change, as one list: policy versions and vendor additions and
removals.

This is the data behind ``/changes/``, its Atom feed, its calendar, and the site-wide
notice. URLs are site paths (``policies/x/2026-12-22/``) in the reader's language. The
vendor registry yields plain events (:func:`model.vendors.vendor_events`); this module puts them
in the reader's words, so neither module imports the other's consumers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..content import Content
from ..languages.language import Language
from ..model import urls
from ..model.vendors import VendorEvent, text_for, vendor_events
from .vendor_views import SCOPES


@dataclass(frozen=True)
class Change:
    kind: str  # "policy" or "vendor"
    key: str  # stable across builds and languages: "policy/website-privacy/2026-12-22"
    subject: str  # what changes: the policy's title, or the vendor's name
    title: str  # one line: "Website Privacy Policy: new version"
    summary: str
    posted: date | None  # None: a vendor's removal to come, written without a posting date
    effective: date
    substantive: bool
    url: str  # the new text
    changes_url: str | None  # the redline, for a policy version
    subject_url: str  # the policy's main page
    title_english: bool = False  # shown in English inside another language's page
    summary_english: bool = False
    action: str = "version"  # "version"; for a vendor, "added" or "removed"
    scope: str = ""  # for a vendor: who uses it ("websites", "classrooms", "district")

    def upcoming(self, today: date) -> bool:
        return self.effective > today


def policy_changes(content: Content, lang: str) -> list[Change]:
    """Each published version after a policy's first is a change."""
    found = []
    default = content.default_language
    translations = content.translations.get(lang, {})
    for policy in content.policies:
        for version in policy.published(content.today):
            previous = policy.previous(version, content.today)
            if previous is None:
                continue
            translation = translations.get((policy.id, version.effective))
            title = translation.title if translation else version.title
            own_summary = translation.summary if translation else None
            found.append(
                Change(
                    kind="policy",
                    key=f"policy/{policy.id}/{version.slug}",
                    subject=title,
                    title=title,
                    summary=own_summary or version.summary or "",
                    posted=version.published_on,
                    effective=version.effective,
                    substantive=version.substantive,
                    url=urls.version_path(policy.id, version.slug, lang, default),
                    changes_url=urls.changes_path(policy.id, version.slug, lang, default),
                    subject_url=urls.policy_path(policy.id, lang, default),
                    title_english=translation is None and lang != default,
                    summary_english=not own_summary and lang != default,
                )
            )
    return found


def vendor_change(event: VendorEvent, language: Language, default: str) -> Change:
    """A vendor's addition or removal, in the reader's words."""
    url = urls.vendor_path(event.vendor.id, language.code, default)
    vendor = event.vendor
    purpose, purpose_english = text_for(vendor.purpose, language.code)
    # The sentence saying what happens when is the template's, in the right tense on the
    # day it is read; the summary says what the tool is, which stays true.
    if event.kind == "added":
        summary = language.fill(
            "%(name)s, from %(provider)s: %(purpose)s",
            name=vendor.name,
            provider=vendor.provider,
            purpose=purpose,
        )
    elif event.kind == "changed":
        summary = changed_summary(event, language)
    else:
        summary = ""
    key = f"vendor/{vendor.id}/{event.kind}"
    if event.kind == "changed":  # a tool may change more than once
        key += f"/{event.effective.isoformat()}"
    return Change(
        kind="vendor",
        key=key,
        subject=vendor.name,
        title=vendor.name,
        summary=summary,
        posted=event.posted,
        effective=event.effective,
        substantive=True,
        url=url,
        changes_url=None,
        subject_url=url,
        summary_english=event.kind == "added" and purpose_english,
        action=event.kind,
        scope=SCOPES[vendor.category],
    )


def changed_summary(event: VendorEvent, language: Language) -> str:
    """What an update changes, in the reader's words: the data, the companies, or both."""
    update, name = event.update, event.vendor.name
    parts = []
    if update is not None and update.data_elements is not None:
        parts.append(language.fill("The student data %(name)s receives changes.", name=name))
    if update is not None and update.subprocessors is not None:
        parts.append(
            language.fill("The companies %(name)s shares student data with change.", name=name)
        )
    return " ".join(parts)


def ordered(changes: list[Change], today: date) -> list[Change]:
    """Upcoming changes first, soonest first; then past changes, newest first."""
    upcoming = sorted((c for c in changes if c.upcoming(today)), key=lambda c: (c.effective, c.key))
    past = sorted(
        (c for c in changes if not c.upcoming(today)),
        key=lambda c: (c.effective, c.posted or c.effective, c.key),
        reverse=True,
    )
    return upcoming + past


def all_changes(content: Content, language: Language) -> list[Change]:
    """Policy versions and vendor additions and removals, in the order readers want."""
    found = policy_changes(content, language.code)
    found += [
        vendor_change(event, language, content.default_language)
        for event in vendor_events(content.vendors, content.today)
    ]
    return ordered(found, content.today)
