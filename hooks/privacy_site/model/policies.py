"""Policies, their versions, and each version's state on a given day.

A policy is a folder of ``docs/en/policies/<id>/``; each version is a file named by the
date it takes effect. Everything here is a function of the files and ``today``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any

NOTICE_DAYS = 30  # the 30-day rule: see earliest_effective
# What `privacy-site new-version` writes as a new version's summary; never published.
SUMMARY_PLACEHOLDER = "TO DO: say in one or two plain sentences what changes."
POLICY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENGLISH_FIELDS = {
    "title",
    "effective",
    "posted",
    "substantive",
    "summary",
    "adopted_by",
    "notes",
    "in_short",
}
IN_SHORT_MAX = 8  # points in an "In short" box: a summary, not a second policy
TRANSLATION_FIELDS = {
    "title",
    "summary",
    "translation",
    "source_sha256",
    "effective",
    "posted",
    "notes",
    "in_short",
}
TRANSLATION_KINDS = ("machine", "reviewed")


def earliest_effective(posted: date) -> date:
    """The 30-day rule: a substantive change (a policy's new version, an analytics or
    advertising vendor's addition) takes effect at the earliest ``NOTICE_DAYS`` after the
    day it is posted or announced, so families hear of it first."""
    return posted + timedelta(days=NOTICE_DAYS)


class State(StrEnum):
    SCHEDULED = "scheduled"
    ANNOUNCED = "announced"
    IN_EFFECT = "in-effect"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Version:
    policy: str
    effective: date
    title: str
    posted: date | None
    summary: str | None
    substantive: bool
    adopted_by: str | None
    src_uri: str  # relative to the docs folder, e.g. "en/policies/x/2018-05-15.md"
    body: str
    body_line: int = 1  # the file line on which the body starts, for messages about it
    in_short: tuple[str, ...] = ()  # the "In short" points: a plain summary of the text
    sha256: str = ""  # of the file's bytes (sha256sum docs/en/policies/<id>/<date>.md)

    @property
    def published_on(self) -> date:
        """The day the version first appears: ``posted``, or for a first version its date."""
        return self.posted or self.effective

    @property
    def slug(self) -> str:
        return self.effective.isoformat()

    def short_notice(self) -> bool:
        """Whether the version breaks the 30-day rule: substantive, and in effect sooner
        than :func:`earliest_effective` of its posting date."""
        return (
            self.substantive
            and self.posted is not None
            and self.effective < earliest_effective(self.posted)
        )


@dataclass(frozen=True)
class Policy:
    id: str
    versions: tuple[Version, ...]  # oldest first
    # What the questions below need, worked out once per policy (and once per day asked
    # about) instead of by a scan of every version per question: a page asks a few of them
    # for each version it shows, so a policy of n versions cost n² per page and n³ per build.
    _memo: dict[Any, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def _positions(self) -> dict[date, int] | None:
        """Each version's place by its date; ``None`` when the versions are not in strictly
        increasing order of date (a preview with errors), which the scans below handle."""
        if "positions" not in self._memo:
            dates = [v.effective for v in self.versions]
            ordered = all(a < b for a, b in pairwise(dates))
            self._memo["positions"] = {d: n for n, d in enumerate(dates)} if ordered else None
        return self._memo["positions"]

    def _place(self, version: Version) -> int | None:
        positions = self._positions()
        place = positions.get(version.effective) if positions is not None else None
        return place if place is not None and self.versions[place] is version else None

    def _day(self, today: date) -> _Day:
        key = ("day", today)
        if key not in self._memo:
            self._memo[key] = _Day.of(self.versions, today)
        return self._memo[key]

    def version(self, slug: str) -> Version | None:
        """The version whose file is ``<slug>.md`` (its effective date), if there is one."""
        if "slugs" not in self._memo:
            found: dict[str, Version] = {}
            for v in self.versions:
                found.setdefault(v.slug, v)
            self._memo["slugs"] = found
        return self._memo["slugs"].get(slug)

    def published(self, today: date) -> list[Version]:
        return list(self._day(today).published)

    def in_effect(self, today: date) -> Version | None:
        """The latest published version whose effective date has come."""
        return self._day(today).in_effect

    def current(self, today: date) -> Version | None:
        """What the policy's main URL shows: the version in effect, else the first announced."""
        day = self._day(today)
        return day.in_effect or (day.published[0] if day.published else None)

    def announced(self, today: date) -> list[Version]:
        return list(self._day(today).announced)

    def state(self, version: Version, today: date) -> State:
        if version.published_on > today:
            return State.SCHEDULED
        if version.effective > today:
            return State.ANNOUNCED
        if version == self.in_effect(today):
            return State.IN_EFFECT
        return State.SUPERSEDED

    def previous(self, version: Version, today: date | None = None) -> Version | None:
        """The version before this one; with ``today``, the one before it that is published."""
        place = self._place(version)
        if place is None:  # not one of ours, or out of order: scan
            earlier = [v for v in self.versions if v.effective < version.effective]
            if today is not None:
                earlier = [v for v in earlier if v.published_on <= today]
            return earlier[-1] if earlier else None
        if today is None:
            return self.versions[place - 1] if place else None
        before = self._day(today).published_before[place]
        return self.versions[before] if before is not None else None

    def following(self, version: Version) -> Version | None:
        place = self._place(version)
        index = self.versions.index(version) if place is None else place
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def title(self, today: date) -> str:
        current = self.current(today)
        return current.title if current else self.versions[-1].title


@dataclass(frozen=True)
class _Day:
    """A policy's versions as of one day, each list in the versions' order."""

    published: tuple[Version, ...]
    in_effect: Version | None
    announced: tuple[Version, ...]
    # for each version's place, the place of the last published version before it
    published_before: tuple[int | None, ...]

    @classmethod
    def of(cls, versions: tuple[Version, ...], today: date) -> _Day:
        published = tuple(v for v in versions if v.published_on <= today)
        live = [v for v in published if v.effective <= today]
        before: list[int | None] = []
        last = None
        for place, v in enumerate(versions):
            before.append(last)
            if v.published_on <= today:
                last = place
        return cls(
            published=published,
            in_effect=live[-1] if live else None,
            announced=tuple(v for v in published if v.effective > today),
            published_before=tuple(before),
        )
