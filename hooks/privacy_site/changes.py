"""Every announced and past change, as one list: policies now, the vendor list too.

This is the data behind ``/changes/``, its Atom feed, its calendar, and the site-wide
notice. URLs are site paths (``policies/x/2026-12-22/``) in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import urls
from .content import Content


@dataclass(frozen=True)
class Change:
    kind: str  # "policy" or "vendor"
    key: str  # stable across builds and languages: "policy/website-privacy/2026-12-22"
    subject: str  # what changes: the policy's title, or the vendor's name
    title: str  # one line: "Website Privacy Policy: new version"
    summary: str
    posted: date
    effective: date
    substantive: bool
    url: str  # the new text
    changes_url: str | None  # the redline, for a policy version
    subject_url: str  # the policy's main page

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
            summary = (translation.summary if translation else None) or version.summary or ""
            found.append(
                Change(
                    kind="policy",
                    key=f"policy/{policy.id}/{version.slug}",
                    subject=title,
                    title=title,
                    summary=summary,
                    posted=version.published_on,
                    effective=version.effective,
                    substantive=version.substantive,
                    url=urls.version_path(policy.id, version.slug, lang, default),
                    changes_url=urls.changes_path(policy.id, version.slug, lang, default),
                    subject_url=urls.policy_path(policy.id, lang, default),
                )
            )
    return found


def ordered(changes: list[Change], today: date) -> list[Change]:
    """Upcoming changes first, soonest first; then past changes, newest first."""
    upcoming = sorted((c for c in changes if c.upcoming(today)), key=lambda c: (c.effective, c.key))
    past = sorted(
        (c for c in changes if not c.upcoming(today)),
        key=lambda c: (c.effective, c.posted, c.key),
        reverse=True,
    )
    return upcoming + past


def all_changes(content: Content, lang: str) -> list[Change]:
    """Policy versions and vendor additions and removals, in the order readers want."""
    from .ui import long_date, strings
    from .vendors import vendor_changes

    found = policy_changes(content, lang)
    found += vendor_changes(
        content.vendors,
        content.today,
        lang,
        content.default_language,
        strings(lang),
        format_date=lambda day: long_date(day, lang),
    )
    return ordered(found, content.today)
