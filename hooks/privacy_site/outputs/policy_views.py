"""Plain data for the templates: what a page says about policies on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..content import Content
from ..model import urls
from ..model.policies import NOTICE_DAYS, Policy, Version

UPDATED_DAYS = NOTICE_DAYS  # how long a policy's page says it was just updated


def substantive_since(policy: Policy, version: Version) -> Version:
    """The version whose change ``version`` still stands on: itself, or for a correction
    (``substantive: false``) the last substantive version before it."""
    while not version.substantive:
        previous = policy.previous(version)
        if previous is None:
            break
        version = previous
    return version


@dataclass(frozen=True)
class Successor:
    """An announced next version, which the page's script watches for its day."""

    effective: date
    last_day: date  # the day before: the last of the version it follows
    url: str


@dataclass(frozen=True)
class VersionRow:
    """One version as the history table, notices, labels and the API show it; ``*_english``
    says a text is the English original inside another language's page."""

    in_short: tuple[str, ...]  # the "In short" points, in this language when translated
    in_short_english: bool
    correction: bool  # not substantive, and not the first version
    since: date  # when the substance it stands on took effect (substantive_since)
    policy: str  # the policy's id
    title: str
    title_english: bool
    text_english: bool
    effective: date
    posted: date | None
    summary: str | None
    summary_english: bool
    substantive: bool
    adopted_by: str | None
    state: str  # a State's value: "announced", "in-effect", "superseded"
    url: str
    changes_url: str | None  # its redline; None for a policy's first version
    last_day: date | None  # once a following version has taken effect
    slug: str
    successor: Successor | None  # an announced next version, which the page's script watches


@dataclass(frozen=True)
class ListedPolicy(VersionRow):
    """A policy in the lists of the home page and the policy index: its version shown."""

    policy_url: str
    announced: list[VersionRow]  # the versions announced, each a change to come


@dataclass(frozen=True)
class PolicyView:
    """A policy's main page, or one version's page (``policy`` in policy.html)."""

    id: str
    lang: str
    is_main: bool  # the policy's page, not one version's
    english_text: bool  # the text shown is the English one
    url: str  # the policy's page
    version: VersionRow | None  # the version shown
    in_effect: VersionRow | None
    updated: VersionRow | None  # the version in effect, while the page says it is new
    announced: list[VersionRow]
    history: list[VersionRow]  # every published version, newest first (main page only)


def version_row(content: Content, policy: Policy, version: Version, lang: str) -> VersionRow:
    """One version as the history table, notices and labels show it."""
    today = content.today
    default = content.default_language
    translation = content.translations.get(lang, {}).get((policy.id, version.effective))
    previous = policy.previous(version, today)
    following = policy.following(version)
    visible_following = following if following and following.published_on <= today else None
    successor = None
    if visible_following and visible_following.effective > today:
        successor = Successor(
            effective=visible_following.effective,
            last_day=visible_following.effective - timedelta(days=1),
            url=urls.version_path(policy.id, visible_following.slug, lang, default),
        )
    own_summary = translation.summary if translation and translation.summary else None
    own_points = translation.in_short if translation and translation.in_short else ()
    return VersionRow(
        in_short=own_points or version.in_short,
        in_short_english=not own_points and bool(version.in_short) and lang != default,
        correction=not version.substantive and previous is not None,
        since=substantive_since(policy, version).effective,
        policy=policy.id,
        title=translation.title if translation else version.title,
        title_english=translation is None and lang != default,
        text_english=(translation is None or not translation.body) and lang != default,
        effective=version.effective,
        posted=version.posted,
        summary=own_summary or version.summary,
        summary_english=own_summary is None and lang != default,
        substantive=version.substantive,
        adopted_by=version.adopted_by,
        state=policy.state(version, today).value,
        url=urls.version_path(policy.id, version.slug, lang, default),
        changes_url=urls.changes_path(policy.id, version.slug, lang, default) if previous else None,
        last_day=visible_following.effective - timedelta(days=1)
        if visible_following and visible_following.effective <= today
        else None,
        slug=version.slug,
        successor=successor,
    )


def policy_view(
    content: Content, policy: Policy, lang: str, version: Version | None = None
) -> PolicyView:
    """A policy page (``version`` is None) or one version's page.

    Only the policy's page has the history of every published version: a version's page
    says which version it is and links the one in effect and the policy's page, which has
    the history (so n versions' pages hold n rows, not n² between them)."""
    today = content.today
    current = policy.current(today)
    shown = version or current
    in_effect = policy.in_effect(today)
    published = policy.published(today) if version is None else []
    shown_row = version_row(content, policy, shown, lang) if shown else None
    in_effect_row = version_row(content, policy, in_effect, lang) if in_effect else None
    return PolicyView(
        id=policy.id,
        lang=lang,
        is_main=version is None,
        english_text=bool(shown_row and shown_row.text_english),
        url=urls.policy_path(policy.id, lang, content.default_language),
        version=shown_row,
        in_effect=in_effect_row,
        updated=in_effect_row if in_effect and recently_updated(policy, in_effect, today) else None,
        announced=[version_row(content, policy, v, lang) for v in policy.announced(today)],
        history=[version_row(content, policy, v, lang) for v in reversed(published)],
    )


def recently_updated(policy: Policy, version: Version, today: date) -> bool:
    """Whether a policy's page still says that ``version`` just replaced another: for
    UPDATED_DAYS from the day it took effect, until another change is announced."""
    return (
        policy.previous(version) is not None
        and version.effective <= today < version.effective + timedelta(days=UPDATED_DAYS)
        and not policy.announced(today)
    )


def policy_list(content: Content, lang: str) -> list[ListedPolicy]:
    """Every policy with something published, for the home page and the policy index."""
    rows = []
    for policy in content.policies:
        current = policy.current(content.today)
        if current is None:
            continue
        row = version_row(content, policy, current, lang)
        announced = [version_row(content, policy, v, lang) for v in policy.announced(content.today)]
        policy_url = urls.policy_path(policy.id, lang, content.default_language)
        rows.append(ListedPolicy(**vars(row), policy_url=policy_url, announced=announced))
    return sorted(rows, key=lambda row: row.title.casefold())
