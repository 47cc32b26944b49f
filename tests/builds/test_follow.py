"""The "Follow changes" page (/follow/, issue 27), built from the two-language fixture
with the site's address and a mailing list in each language (English with a join link),
as of 2026-11-22 (changes announced): its three ways in order, a webcal:// link to the
site's own calendar, in the sitemap, linked from the home page, the banner and
/changes/; in every language of the ten-language fixture; plain English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, LIFECYCLE_FIXTURE, TWO_LANGUAGES, TWO_LANGUAGES_DATE, all_languages
from privacy_site.staff import readability
from sitebuild import Build, build_site, config_with, fixture_docs

pytestmark = pytest.mark.build

SITE = "https://privacy.example.org/"
JOIN = "https://lists.example.org/families/join"
LISTS = {"en": "families@lists.example.org", "es": "familias@lists.example.org"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("follow")
    config = config_with()
    config["site_url"] = SITE
    config["extra"]["privacy_site"]["notify"] = {
        "sender": "privacy@example.org",
        "lists": LISTS,
        "join": {"en": JOIN},
    }
    build = build_site(
        workdir,
        docs=fixture_docs(workdir, LIFECYCLE_FIXTURE),
        when=TWO_LANGUAGES_DATE,
        config=config,
        languages=TWO_LANGUAGES,
        vendors=FIXTURES / "vendors" / "valid.yml",
    )
    assert build.returncode == 0, build.output
    return build.site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_the_three_ways_in_order_with_the_lists_and_the_calendar(site: Path) -> None:
    english, spanish = page(site, "follow"), page(site, "es/follow")
    assert english.html["lang"] == "en" and spanish.html["lang"] == "es"
    assert english.h1.get_text() == "Follow changes"
    assert spanish.h1.get_text() == "Seguir los cambios"
    for soup in (english, spanish):
        ids = [h2.get("id") for h2 in soup.select("article h2")]
        assert ids[:3] == ["email", "calendar", "feed-reader"], ids
    assert english.find("a", href=JOIN) is not None
    assert LISTS["en"] in english.get_text() and LISTS["es"] in spanish.get_text()
    assert spanish.find("a", href=JOIN) is None and "pida al distrito" in spanish.get_text()
    calendar = {
        "en": english.find("a", href=re.compile("^webcal:")),
        "es": spanish.find("a", href=re.compile("^webcal:")),
    }
    assert calendar["en"]["href"] == "webcal://privacy.example.org/changes/calendar.ics"
    assert calendar["es"]["href"] == "webcal://privacy.example.org/es/changes/calendar.ics"
    assert (site / "changes" / "calendar.ics").is_file()
    assert (site / "es" / "changes" / "calendar.ics").is_file()
    feed = spanish.find("a", href=re.compile(r"changes/feed\.xml$"))
    assert feed is not None and "para lectores de fuentes" in feed.get_text()
    assert "webcal.js" not in str(english)  # the link is whole: no script needed


def test_the_page_is_in_the_sitemap_and_linked_from_home_banner_and_changes(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}follow/</loc>" in sitemap and f"{SITE}es/follow/" in sitemap
    for path, where in (("", "article"), ("changes", "article"), ("vendors", ".change-banner")):
        for prefix, follow in (("", "follow/"), ("es/", "es/follow/")):
            soup = page(site, prefix + path)
            links = [a["href"] for a in soup.select(f"{where} a[href]")]
            assert any(href.rstrip("/").endswith(follow.rstrip("/")) for href in links), (
                prefix + path,
                links,
            )
    changes = page(site, "changes").get_text()
    assert "Feed of changes, for feed readers" in changes
    assert "Calendar of effective dates, for calendar apps" in changes


def test_search_finds_the_page_by_its_words_in_each_language(site: Path) -> None:
    """The template writes every word of /follow/; the search index has them too."""
    for prefix, words in (("", "feed reader"), ("es/", "lector de fuentes")):
        index = json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))
        entries = [d for d in index["docs"] if d["location"].startswith("follow/")]
        assert {d["location"] for d in entries} >= {"follow/#email", "follow/#feed-reader"}
        assert any(words in d["text"] for d in entries), entries


def test_the_english_reads_at_grade_eight_or_below(site: Path) -> None:
    article = page(site, "follow").select_one("article")
    text = readability.without_links(
        "\n".join(p.get_text(" ", strip=True) for p in article.select("p, li"))
    )
    assert readability.grade(text) <= readability.LIMIT, (readability.grade(text), text)


def test_without_the_sites_address_the_script_makes_the_webcal_link(two_languages: Build) -> None:
    html = (two_languages.site / "es" / "follow" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    link = soup.find("a", attrs={"data-webcal": True})
    assert link is not None and link["href"].endswith("/es/changes/calendar.ics"), link
    assert soup.find("script", src=re.compile(r"assets/javascripts/webcal\.js$")) is not None


def test_every_language_has_the_page(languages_build: Build) -> None:
    for code in all_languages():
        prefix = "" if code == all_languages()[0] else f"{code}/"
        soup = page(languages_build.site, f"{prefix}follow")
        assert soup.html["lang"] == code and soup.h1.get_text().strip(), code
        if code != "en":
            assert soup.h1.get_text() != "Follow changes", code
