"""Policies, their versions, and each version's state on a given day.

A policy is a folder of ``docs/en/policies/<id>/``; each version is a file named by the
date it takes effect. Everything here is a function of the files and ``today``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

NOTICE_DAYS = 30
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


@dataclass(frozen=True)
class Policy:
    id: str
    versions: tuple[Version, ...]  # oldest first

    def published(self, today: date) -> list[Version]:
        return [v for v in self.versions if v.published_on <= today]

    def in_effect(self, today: date) -> Version | None:
        """The latest published version whose effective date has come."""
        live = [v for v in self.published(today) if v.effective <= today]
        return live[-1] if live else None

    def current(self, today: date) -> Version | None:
        """What the policy's main URL shows: the version in effect, else the first announced."""
        published = self.published(today)
        return self.in_effect(today) or (published[0] if published else None)

    def announced(self, today: date) -> list[Version]:
        return [v for v in self.published(today) if v.effective > today]

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
        earlier = [v for v in self.versions if v.effective < version.effective]
        if today is not None:
            earlier = [v for v in earlier if v.published_on <= today]
        return earlier[-1] if earlier else None

    def following(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def title(self, today: date) -> str:
        current = self.current(today)
        return current.title if current else self.versions[-1].title


@dataclass(frozen=True)
class Translation:
    """A version's text in another language; its dates are always the English file's."""

    lang: str
    policy: str
    effective: date
    title: str
    summary: str | None
    kind: str  # "machine" or "reviewed"
    src_uri: str
    in_short: tuple[str, ...] = ()
    # False for a translation of the title (and summary) alone: the body shown is English
    body: bool = True
