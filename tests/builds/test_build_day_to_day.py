"""What a parent sees between changes (issue 11), built at the dates where it changes: a
policy just updated, a correction that is not a new policy, in English and in Spanish."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, LIFECYCLE_FIXTURE
from sitebuild import Build, build_site, fixture_docs

pytestmark = pytest.mark.build

VENDORS = FIXTURES / "vendors" / "valid.yml"


def built(work: Path, when: date, languages: list[str]) -> Build:
    docs = fixture_docs(work, LIFECYCLE_FIXTURE)
    shutil.copytree(FIXTURES / "corrections", docs, dirs_exist_ok=True)
    build = build_site(work, docs=docs, when=when, languages=languages, vendors=VENDORS)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """2026-11-12: the sample policy's 2026-11-01 version took effect 11 days ago (its next
    change is posted on 2026-11-20); the typo policy was corrected on 2026-11-10."""
    return built(tmp_path_factory.mktemp("corrected"), date(2026, 11, 12), ["en", "es"])


@pytest.fixture(scope="module")
def after_next(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """2026-12-23: the day after the 2026-12-22 version took effect; 2026-12-21 + 30 days
    later, and after the 2027-03-01 version is posted (2026-12-30), the notice is gone."""
    return built(tmp_path_factory.mktemp("after-next"), date(2026, 12, 23), ["en", "es"])


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(path), "lxml")


def words(element) -> str:
    return " ".join(element.get_text(" ", strip=True).replace(" .", ".").split())


def test_for_thirty_days_a_policy_says_it_was_updated_and_links_what_changed(
    corrected: Build, after_next: Build
) -> None:
    page = soup(corrected, "policies/sample-policy/")
    notice = page.select_one(".policy-updated")
    assert notice is not None
    assert words(notice.select_one(".admonition-title")) == "Updated November 1, 2026"
    assert "Messages are now kept for two years" in words(notice)
    link = notice.select_one("a")["href"]
    assert link.rstrip("/").endswith("policies/sample-policy/2026-11-01/changes")
    spanish = soup(corrected, "es/policies/sample-policy/")
    assert "1 de noviembre de 2026" in words(spanish.select_one(".policy-updated"))
    later = soup(after_next, "policies/sample-policy/").select_one(".policy-updated")
    assert words(later.select_one(".admonition-title")) == "Updated December 22, 2026"
    # 43 days after the typo policy's correction, with nothing announced: no notice left.
    assert soup(after_next, "policies/typo-policy/").select_one(".policy-updated") is None
    assert "Corrected November 10, 2026." in words(
        soup(after_next, "policies/typo-policy/").select_one(".policy-state")
    )
    # A version page and the first version never say so.
    assert (
        soup(corrected, "policies/sample-policy/2026-11-01/").select_one(".policy-updated") is None
    )
    assert soup(corrected, "policies/typo-policy/2020-01-01/").select_one(".policy-updated") is None


def test_an_announced_change_takes_the_place_of_the_updated_notice(two_languages: Build) -> None:
    """2026-11-22: the 2026-12-22 version is posted, so the page announces it instead."""
    page = soup(two_languages, "policies/sample-policy/")
    assert page.select_one(".policy-updated") is None
    assert page.select(".policy-notice")  # the announcement


def test_a_correction_keeps_the_date_the_policy_took_effect(corrected: Build) -> None:
    home = [words(li) for li in soup(corrected, "").select(".policy-list li")]
    assert "Typo Policy — In effect since January 1, 2020. Corrected November 10, 2026." in home
    policies = [words(li) for li in soup(corrected, "policies/").select(".policy-list li")]
    assert any(
        line.startswith("Typo Policy — In effect since January 1, 2020.") for line in policies
    )
    page = soup(corrected, "policies/typo-policy/")
    state = words(page.select_one(".policy-state"))
    assert state == "In effect since January 1, 2020. Corrected November 10, 2026."
    notice = page.select_one(".policy-updated")
    assert words(notice.select_one(".admonition-title")) == "Corrected November 10, 2026"
    first_row = page.select_one(".policy-history tbody tr")
    assert "Correction:" in words(first_row)
    change = soup(corrected, "changes/").select_one("#policy-typo-policy-2026-11-10")
    assert "Corrected on November 10, 2026." in words(change)
    assert "Took effect" not in words(change)
    assert "Read the corrected version" in words(change)
    assert "Read the new version" not in words(change)
    spanish = soup(corrected, "es/policies/typo-policy/")
    assert "1 de enero de 2020" in words(spanish.select_one(".policy-state"))


def test_a_redline_lists_its_changes_and_folds_what_did_not_change(two_languages: Build) -> None:
    """2026-11-22: the 2026-11-01 version took effect; the 2026-12-22 one is announced."""
    past = soup(two_languages, "policies/sample-policy/2026-11-01/changes/")
    assert past.title.get_text().startswith("Sample Policy: what changed on November 1, 2026")
    nav = past.select_one(".redline-nav")
    assert words(nav.select_one("h2")) == "2 changes"
    assert [words(a) for a in nav.select("ol a")] == ["Change 1: Retention", "Change 2: Sharing"]
    for link in nav.select("ol a"):
        assert past.select_one(link["href"]) is not None
    folded = past.select(".redline details.redline-unchanged > summary")
    assert [words(s) for s in folded] == ["Unchanged: Opening text (1 paragraph)"]
    assert "took effect on November 1, 2026" in words(past.select_one("article"))
    coming = soup(two_languages, "policies/sample-policy/2026-12-22/changes/")
    assert coming.title.get_text().startswith(
        "Sample Policy: what will change on December 22, 2026"
    )
    assert words(coming.select_one(".redline-summary .admonition-title")) == "What changes:"
    assert words(past.select_one(".redline-summary .admonition-title")) == "What changed:"
    spanish = soup(two_languages, "es/policies/sample-policy/2026-11-01/changes/")
    assert len(spanish.select(".redline-changes a")) == 2
    assert "Change 1" not in words(spanish.select_one(".redline-nav"))  # in Spanish


def test_in_short_sums_up_a_policy_and_says_the_policy_governs(corrected: Build) -> None:
    page = soup(corrected, "policies/typo-policy/")
    box = page.select_one("aside.in-short")
    assert words(box.select_one("h2")) == "In short"
    points = [li.get_text() for li in box.select("li")]
    assert points == [
        "The district keeps visitor messages for one year.",
        "Markup stays text: <b>not bold</b>",  # shown as text, never as markup
    ]
    assert box.select_one("b") is None
    assert "The policy below is the official text." in words(box)
    assert box.find_next("div", class_="policy-text") is not None  # above the text
    spanish = soup(corrected, "es/policies/typo-policy/").select_one("aside.in-short")
    assert spanish.select_one("ul").get("lang") is None  # translated, not marked English
    assert "durante un año" in words(spanish)
    assert soup(corrected, "policies/sample-policy/").select_one("aside.in-short") is None
