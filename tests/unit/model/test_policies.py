"""The lifecycle of policy versions at its boundaries, and loading from files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import version
from privacy_site.model.policies import Policy, State
from privacy_site.reading.docs_tree import DocsTree
from privacy_site.reading.policy_files import load_policies
from sitebuild import TESTS

FIXTURES = TESTS / "fixtures" / "lifecycle"


FIRST = version(date(2018, 5, 15), policy="p")
NEXT = version(date(2026, 12, 22), date(2026, 11, 22), "Changed.", policy="p")
POLICY = Policy("p", (FIRST, NEXT))
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("today", "first", "following", "main"),
    [
        (NEXT.posted - DAY, State.IN_EFFECT, State.SCHEDULED, FIRST),
        (NEXT.posted, State.IN_EFFECT, State.ANNOUNCED, FIRST),
        (NEXT.effective - DAY, State.IN_EFFECT, State.ANNOUNCED, FIRST),
        (NEXT.effective, State.SUPERSEDED, State.IN_EFFECT, NEXT),
        (NEXT.effective + timedelta(days=400), State.SUPERSEDED, State.IN_EFFECT, NEXT),
    ],
    ids=["day-before-posted", "posted-day", "day-before-effective", "effective-day", "later"],
)
def test_states_at_the_boundaries(today, first, following, main) -> None:
    assert POLICY.state(FIRST, today) is first
    assert POLICY.state(NEXT, today) is following
    assert POLICY.current(today) == main
    assert (NEXT in POLICY.published(today)) is (following is not State.SCHEDULED)
    assert POLICY.announced(today) == ([NEXT] if following is State.ANNOUNCED else [])


def test_a_first_version_without_posted_appears_on_its_effective_day() -> None:
    policy = Policy("p", (version(date(2027, 1, 1), policy="p"),))
    assert policy.published(date(2026, 12, 31)) == []
    assert policy.current(date(2026, 12, 31)) is None
    assert policy.state(policy.versions[0], date(2027, 1, 1)) is State.IN_EFFECT


def test_an_announced_first_version_is_what_the_main_page_shows() -> None:
    only = version(date(2027, 1, 1), date(2026, 11, 1), policy="p")
    policy = Policy("p", (only,))
    today = date(2026, 12, 1)
    assert policy.in_effect(today) is None
    assert policy.current(today) == only
    assert policy.state(only, today) is State.ANNOUNCED


def test_previous_and_following() -> None:
    assert POLICY.previous(FIRST) is None
    assert POLICY.previous(NEXT) == FIRST
    assert POLICY.following(FIRST) == NEXT
    assert POLICY.following(NEXT) is None


def test_load_policies_reads_the_fixture_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.symlink_to(FIXTURES, target_is_directory=True)
    policies, problems = load_policies(DocsTree(docs, ["en"]))
    assert problems == []
    [policy] = policies
    assert policy.id == "sample-policy"
    assert [v.slug for v in policy.versions] == [
        "2020-01-01",
        "2026-11-01",
        "2026-12-22",
        "2027-03-01",
    ]
    first, second, *_ = policy.versions
    assert first.posted is None and first.summary is None and first.adopted_by == "Sample Committee"
    assert second.posted == date(2026, 9, 15)
    assert second.summary.startswith("Messages are now kept for two years")
    assert "## Retention {#retention}" in second.body
    assert second.src_uri == "en/policies/sample-policy/2026-11-01.md"


def test_a_minor_correction_may_take_effect_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "en" / "policies" / "p"
    folder.mkdir(parents=True)
    (folder / "2018-05-15.md").write_text("---\ntitle: P\neffective: 2018-05-15\n---\nA\n")
    (folder / "2026-11-22.md").write_text(
        "---\ntitle: P\neffective: 2026-11-22\nposted: 2026-11-22\nsubstantive: false\n"
        "summary: Fixes a broken link.\n---\nB\n"
    )
    [policy], problems = load_policies(DocsTree(tmp_path / "docs", ["en"]))
    assert problems == []
    assert policy.state(policy.versions[1], date(2026, 11, 22)) is State.IN_EFFECT


def test_exactly_thirty_days_notice_is_enough(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "en" / "policies" / "p"
    folder.mkdir(parents=True)
    (folder / "2018-05-15.md").write_text("---\ntitle: P\neffective: 2018-05-15\n---\nA\n")
    (folder / "2026-12-22.md").write_text(
        "---\ntitle: P\neffective: 2026-12-22\nposted: 2026-11-22\nsummary: S.\n---\nB\n"
    )
    _, problems = load_policies(DocsTree(tmp_path / "docs", ["en"]))
    assert problems == []
    (folder / "2026-12-22.md").rename(folder / "2026-12-21.md")
    (folder / "2026-12-21.md").write_text(
        "---\ntitle: P\neffective: 2026-12-21\nposted: 2026-11-22\nsummary: S.\n---\nB\n"
    )
    _, problems = load_policies(DocsTree(tmp_path / "docs", ["en"]))
    assert [p.message.split(";")[0] for p in problems] == [
        "effective 2026-12-21 is 29 days after posted 2026-11-22"
    ]
