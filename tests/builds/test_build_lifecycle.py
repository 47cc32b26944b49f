"""Fixture policies built at several dates: the site switches versions by itself.

The fixture (tests/fixtures/lifecycle) has a first version (2020-01-01), a change in
effect from 2026-11-01, a change posted 2026-11-20 that takes effect 2026-12-22, and one
scheduled for posting on 2026-12-30. Never the district's content.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from sitebuild import TESTS, Build, build_site, fixture_docs

pytestmark = pytest.mark.build

FIXTURE = TESTS / "fixtures" / "lifecycle"
MAIN = "policies/sample-policy/"
SECRET = "SCHEDULED-SECRET-TEXT"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory):
    made: dict[object, Build] = {}

    def build(when: date | None = None, epoch: int | None = None) -> Build:
        key = when or epoch
        if key not in made:
            work = tmp_path_factory.mktemp(f"lifecycle-{key}")
            docs = fixture_docs(work, FIXTURE)
            made[key] = build_site(work, docs=docs, when=when, epoch=epoch)
            assert made[key].returncode == 0, made[key].output
        return made[key]

    return build


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(path), "lxml")


def words(element) -> str:
    """Text as read: spaces normalised, none before punctuation."""
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(element.get_text(" ", strip=True).split()))


def text(build: Build, path: str) -> str:
    """The policy's own text on a policy page (not its notices or history)."""
    page = soup(build, path)
    return words(page.select_one(".policy-text") or page.select_one("article"))


def visible(build: Build, path: str, selector: str) -> str:
    """Text a reader without JavaScript sees: hidden parts removed."""
    page = soup(build, path)
    for hidden in page.select("[hidden]"):
        hidden.decompose()
    return " ".join(words(e) for e in page.select(selector))


def banner(build: Build, path: str) -> str:
    return visible(build, path, ".md-banner")


def test_day_before_posting_nothing_is_announced(builds) -> None:
    site = builds(date(2026, 11, 19))
    assert "kept for two years" in text(site, MAIN)
    assert soup(site, MAIN).select(".policy-notice:not(.policy-updated)") == []
    # 18 days after 2026-11-01 took effect: the page still says it was updated.
    assert visible(site, MAIN, ".policy-updated .admonition-title") == "Updated November 1, 2026"
    assert banner(site, "") == "" and banner(site, "contact/") == ""
    assert not site.page("policies/sample-policy/2026-12-22/").exists()
    assert not site.page("policies/sample-policy/2026-12-22/changes/").exists()


def test_on_the_posting_day_the_change_is_announced_everywhere(builds) -> None:
    site = builds(date(2026, 11, 20))
    assert "kept for two years" in text(site, MAIN)
    notice = visible(site, MAIN, ".policy-notice")
    assert "takes effect on December 22, 2026" in notice
    assert "no longer shared with the web host" in notice
    for path in ("", "contact/", "student-data-privacy/", "policies/sample-policy/2020-01-01/"):
        assert "Sample Policy changes on December 22, 2026" in banner(site, path), path
    label = visible(site, "policies/sample-policy/2026-12-22/", ".policy-state")
    assert label.startswith("Takes effect on December 22, 2026.")
    history = soup(site, MAIN).select(".policy-history tbody tr")
    assert [row.find("time")["datetime"] for row in history] == [
        "2026-12-22",
        "2026-11-01",
        "2020-01-01",
    ]


def test_the_day_before_it_takes_effect_the_old_version_is_shown(builds) -> None:
    site = builds(date(2026, 12, 21))
    assert "kept for two years" in text(site, MAIN)
    assert "Sample Policy changes on December 22, 2026" in banner(site, "")


def test_at_2330_in_new_york_the_day_before_it_is_still_the_old_version(builds) -> None:
    moment = int(datetime.fromisoformat("2026-12-21T23:30:00-05:00").timestamp())
    site = builds(epoch=moment)
    assert "kept for two years" in text(site, MAIN)
    assert "kept for three years" not in text(site, MAIN)


def test_on_the_effective_day_the_new_version_is_in_effect(builds) -> None:
    site = builds(date(2026, 12, 22))
    assert "kept for three years" in text(site, MAIN)
    assert visible(site, MAIN, ".policy-state") == "In effect since December 22, 2026."
    assert soup(site, MAIN).select(".policy-notice:not(.policy-updated)") == []
    assert visible(site, MAIN, ".policy-updated .admonition-title") == (
        "Updated December 22, 2026"
    )  # on the day it takes effect, the page says what changed
    assert banner(site, "") == ""
    archived = visible(site, "policies/sample-policy/2026-11-01/", ".policy-state")
    assert archived.startswith("Archived version.")
    assert "In effect from November 1, 2026 to December 21, 2026; no longer in effect." in archived
    link = soup(site, "policies/sample-policy/2026-11-01/").select_one(".policy-state a")
    assert link.get_text() == "Read the version in effect"
    assert link["href"].endswith("policies/sample-policy/")


def test_a_scheduled_version_is_not_in_the_output_until_posted(builds) -> None:
    before = builds(date(2026, 12, 22))
    for html in before.site.rglob("*"):
        if html.is_file() and html.suffix in {".html", ".json", ".xml", ".ics"}:
            written = html.read_text(encoding="utf-8")
            assert SECRET not in written, html
            # Not even listed or linked (the translation disclaimer's table once did).
            assert "sample-policy/2027-03-01" not in written, html
    assert not before.page("policies/sample-policy/2027-03-01/").exists()
    after = builds(date(2026, 12, 30))
    assert SECRET in text(after, "policies/sample-policy/2027-03-01/")
    listed = after.html("translation-disclaimer/")
    assert 'href="../policies/sample-policy/2027-03-01/"' in listed
    assert "Sample Policy changes on March 1, 2027" in banner(after, "")


def test_the_redline_marks_insertions_and_deletions(builds) -> None:
    site = builds(date(2026, 11, 22))
    page = soup(site, "policies/sample-policy/2026-12-22/changes/")
    redline = page.select_one(".redline")
    for hidden in redline.select(".visually-hidden"):
        assert hidden.get_text(strip=True) in {
            "Inserted:",
            "End of insertion.",
            "Deleted:",
            "End of deletion.",
        }
    inserted = [" ".join(i.get_text(" ", strip=True).split()[1:-3]) for i in redline("ins")]
    deleted = [" ".join(d.get_text(" ", strip=True).split()[1:-3]) for d in redline("del")]
    assert "and e-mail addresses" in inserted
    assert "three" in inserted and "two" in deleted
    assert any("web host" in d for d in deleted)
    assert [h["id"] for h in redline.find_all("h2")] == ["retention", "sharing"]
    summary = page.select_one(".redline-summary").get_text(" ", strip=True)
    assert "no longer shared with the web host" in summary
    links = [a["href"] for a in page.select(".redline-links a")]
    assert links[0].endswith("policies/sample-policy/2026-12-22/")
    assert links[1].endswith("policies/sample-policy/2026-11-01/")


def test_the_changes_page_lists_upcoming_first_then_past(builds) -> None:
    site = builds(date(2026, 11, 22))
    page = soup(site, "changes/")
    upcoming = [li["id"] for li in page.select("#upcoming + ul > li")]
    past = [li["id"] for li in page.select("#past + ul > li")]
    assert upcoming == ["policy-sample-policy-2026-12-22"]
    assert past == ["policy-sample-policy-2026-11-01"]


def test_feed_calendar_and_json_agree_with_the_pages(builds) -> None:
    site = builds(date(2026, 11, 22))
    feed = feedparser.parse((site.site / "changes/feed.xml").read_bytes())
    assert feed.bozo == 0 and feed.version == "atom10"
    assert len(feed.entries) == 2
    assert {e.published[:10] for e in feed.entries} == {"2026-11-20", "2026-09-15"}
    calendar = icalendar.Calendar.from_ical((site.site / "changes/calendar.ics").read_bytes())
    starts = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert starts == [date(2026, 11, 1), date(2026, 12, 22)]
    data = json.loads((site.site / "api/policies.json").read_text(encoding="utf-8"))
    [policy] = data["policies"]
    assert policy["in_effect"] == "2026-11-01"
    assert [(v["effective"], v["state"]) for v in policy["versions"]] == [
        ("2020-01-01", "superseded"),
        ("2026-11-01", "in-effect"),
        ("2026-12-22", "announced"),
    ]


INVALID = TESTS / "fixtures" / "invalid"


@pytest.mark.parametrize("case", ["notice-too-short", "several-at-once"])
def test_a_bad_version_fails_the_build_with_every_message_and_no_traceback(
    case: str, tmp_path: Path
) -> None:
    docs = fixture_docs(tmp_path, INVALID / case / "docs")
    build = build_site(tmp_path, docs=docs, when=date(2026, 11, 22))
    assert build.returncode == 1
    assert "Traceback" not in build.output
    for line in (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in build.output
    assert not (build.site / "index.html").exists()
