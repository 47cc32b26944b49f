"""The ten-language fixture site in a real Chromium: search typed in each language finds
that language's pages and no other's, Arabic reads right to left, and an Arabic page
at 320 px does not scroll sideways (checked on a screenshot, with Debian's Noto fonts).
On the district's site: the translated FAQ is found in each language, at the English ids."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import serve
from conftest import all_languages
from playwright.sync_api import Browser
from sitebuild import ROOT, Build, district_config
from test_browser_person import WIDE, opened, search

pytestmark = pytest.mark.browser

LANGUAGES = all_languages()
# What only search needs: an index, Material's search worker, lunr's language support.
SEARCH_FILE = re.compile(r"/search_index\.json$|/assets/javascripts/(workers|lunr)/")
# A word from each language's home page in tests/fixtures/languages.
WORDS = {
    "en": "privacy",
    "es": "privacidad",
    "ht": "konfidansyalite",
    "am": "ግላዊነት",
    "ar": "الخصوصية",
    "bn": "গোপনীয়তা",
    "zh": "隐私",
    "pt": "privacidade",
    "so": "asturnaanta",
    "ko": "개인정보",
}


@pytest.fixture(scope="module")
def url(languages_build: Build) -> Iterator[str]:
    with serve(languages_build.site) as base:
        yield base.rstrip("/")


def prefix(lang: str) -> str:
    return "/" if lang == LANGUAGES[0] else f"/{lang}/"


def test_every_language_has_a_search_word() -> None:
    assert set(WORDS) == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_in_each_language_finds_only_that_languages_pages(
    browser: Browser, url: str, lang: str
) -> None:
    page = opened(browser, url, prefix(lang))
    try:
        results = search(page, WORDS[lang])
        requested = page.evaluate(
            "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        )
    finally:
        page.context.close()
    assert results, (lang, "no result")
    others = [f"/{code}/" for code in LANGUAGES if code != lang and code != LANGUAGES[0]]
    for href, _ in results:
        assert href.startswith(prefix(lang)), (lang, href)
        assert not href.startswith(tuple(others)), (lang, href)
    assert any(href.split("#")[0] == prefix(lang) for href, _ in results), (lang, results)
    indexes = [path for path in requested if path.endswith("search_index.json")]
    assert indexes == [f"{prefix(lang)}search/search_index.json"], (lang, indexes)


def test_an_english_word_searched_from_another_language_stays_in_that_language(
    browser: Browser, url: str
) -> None:
    """The Spanish site's untranslated pages are English: found at their Spanish address."""
    page = opened(browser, url, "/es/")
    try:
        results = search(page, "Administrator")
    finally:
        page.context.close()
    assert results and all(href.startswith("/es/") for href, _ in results), results


def test_arabic_pages_read_right_to_left_and_english_inside_left_to_right(
    browser: Browser, url: str
) -> None:
    english_blocks = {}
    for path in ("/ar/", "/ar/contact/", "/ar/vendors/", "/ar/policies/sample-policy/"):
        page = opened(browser, url, path)
        try:
            found = page.evaluate(
                """() => ({
                    main: getComputedStyle(document.querySelector('.md-content')).direction,
                    nav: getComputedStyle(document.querySelector('.md-header')).direction,
                    english: [...document.querySelectorAll('article [lang="en"]')]
                        .map(el => getComputedStyle(el).direction),
                })"""
            )
        finally:
            page.context.close()
        assert found["main"] == "rtl" and found["nav"] == "rtl", (path, found)
        assert all(direction == "ltr" for direction in found["english"]), (path, found)
        english_blocks[path] = len(found["english"])
    assert english_blocks["/ar/contact/"] >= 1, english_blocks  # an untranslated page


def test_english_lists_on_an_arabic_page_keep_their_bullets_on_screen(
    browser: Browser, url: str
) -> None:
    """An untranslated page in Arabic is English laid out left to right: its list items
    are indented on the left, where their bullets are, not on the right (Material's
    right-to-left indent put the bullets past the screen's left edge)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(url + "/ar/accessibility/", wait_until="load")
        items = page.evaluate(
            """() => [...document.querySelectorAll('article [dir="ltr"] li')].map(li => {
                const style = getComputedStyle(li);
                return {
                    left: li.getBoundingClientRect().left,
                    start: parseFloat(style.marginLeft),
                    end: parseFloat(style.marginRight),
                };
            })"""
        )
    finally:
        context.close()
    assert items, "the fixture's untranslated page has an English list"
    for item in items:
        # A bullet needs about 1em to the left of its item, inside the 320 px screen.
        assert item["start"] > 0 and item["end"] == 0 and item["left"] >= 16, items


def test_an_arabic_page_at_320_px_does_not_scroll_sideways(
    browser: Browser, url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(url + "/ar/policies/sample-policy/", wait_until="load")
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        shot = tmp_path / "arabic-320.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    width, height = struct.unpack(">II", shot.read_bytes()[16:24])  # the PNG's IHDR
    assert scroll <= 320, scroll
    assert width == 320 and height > 640, (width, height)  # nothing wider than the screen


@pytest.fixture(scope="module")
def real_url(real_build: Build) -> Iterator[str]:
    with serve(real_build.site) as base:
        yield base.rstrip("/")


def district_faq_languages() -> list[str]:
    """The district's languages (its own mkdocs.yml) that have the FAQ in their own words."""
    i18n = next(
        p["i18n"] for p in district_config()["plugins"] if isinstance(p, dict) and "i18n" in p
    )
    items = sorted(i18n["languages"], key=lambda item: not item.get("default"))
    codes = [item["locale"] for item in items]
    return [c for c in codes if (ROOT / "docs" / c / "student-data-privacy.md").is_file()]


def first_question(lang: str) -> tuple[str, str]:
    """The longest word of the first question of the FAQ in ``lang`` (two characters of it,
    in Chinese, which has no spaces), and the question's id."""
    text = (ROOT / "docs" / lang / "student-data-privacy.md").read_text(encoding="utf-8")
    heading = re.search(r"^## (.*?)\s*\{#([a-z0-9-]+)\}\s*$", text, re.MULTILINE)
    assert heading, lang
    word = max(re.findall(r"\w+", heading.group(1)), key=len)
    return (word[:2] if lang == "zh" else word), heading.group(2)


@pytest.mark.parametrize("lang", district_faq_languages())
def test_the_translated_faq_is_found_in_its_language_at_the_english_anchor(
    browser: Browser, real_build: Build, real_url: str, lang: str
) -> None:
    """Search the district's site in each language for a word of the translated FAQ: it
    finds the FAQ in that language, and the question keeps the English id. Search is
    fetched on first use: nothing of it before, then this language's index and lunr
    support only (none for a language indexed with English's tokenizer)."""
    word, anchor = first_question(lang)
    index = real_build.site / prefix(lang).lstrip("/") / "search" / "search_index.json"
    tokenizers = json.loads(index.read_text("utf-8"))["config"]["lang"]
    support = {f"lunr.{code}.min.js" for code in tokenizers if code != "en"}
    requested: list[str] = []
    context = browser.new_context(viewport=WIDE)
    # On the context, before the page loads: it sees the search worker's requests too.
    context.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page = context.new_page()
    try:
        page.goto(real_url + prefix(lang), wait_until="load")
        page.wait_for_load_state("networkidle")
        before = [path for path in requested if SEARCH_FILE.search(path)]
        results = search(page, word)
    finally:
        context.close()
    assert before == [], (lang, before)
    indexes = [path for path in requested if path.endswith("search_index.json")]
    assert indexes == [f"{prefix(lang)}search/search_index.json"], (lang, indexes)
    lunr = {path.rsplit("/", 1)[-1] for path in requested if "/lunr/" in path}
    assert lunr == (support | {"lunr.stemmer.support.min.js"} if support else set()), lunr
    faq = f"{prefix(lang)}student-data-privacy/"
    assert any(href.startswith(faq) for href, _ in results), (lang, word, results)
    assert all(href.startswith(prefix(lang)) for href, _ in results), (lang, results)
    page = opened(browser, real_url, f"{faq}#{anchor}")
    try:
        target = page.evaluate(
            "(id) => { const h = document.getElementById(id);"
            " return h && h.tagName + ' ' + h.textContent; }",
            anchor,
        )
    finally:
        page.context.close()
    assert target and target.startswith("H2 ") and word in target, (lang, target)


def test_the_sites_name_is_not_cut_on_a_phone_in_any_language(browser: Browser, url: str) -> None:
    """At 320 px the site's name was cut with an ellipsis, in Arabic in the middle of its
    English part ("الخصوصية في …hools"): it now wraps, whole, inside the header."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    cut = []
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(url + prefix(lang), wait_until="load")
            box = page.evaluate(
                "() => { const e = document.querySelector("
                "'.md-header__title .md-header__topic:first-child .md-ellipsis');"
                " const h = document.querySelector('.md-header').getBoundingClientRect();"
                " const r = e.getBoundingClientRect();"
                " return {text: e.textContent.trim(), tall: e.scrollHeight - e.clientHeight,"
                " wide: e.scrollWidth - e.clientWidth,"
                " inside: r.top >= h.top && r.bottom <= h.bottom}; }"
            )
            if box["tall"] > 1 or box["wide"] > 1 or not box["inside"]:
                cut.append((lang, box))
    finally:
        context.close()
    assert not cut, cut


def test_a_machine_translation_says_so_in_one_line_near_the_top_of_a_phone(
    browser: Browser, url: str
) -> None:
    """A phone's first screen was the banner, the header, a blank band and a notice of seven
    lines: the notice is one short sentence and its two links (three lines at most at 360 px
    in the longest languages) close under the header."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    found = []
    try:
        page = context.new_page()
        for lang in ("ht", "am", "bn", "zh", "so", "ko"):
            page.goto(url + prefix(lang), wait_until="load")
            box = page.evaluate(
                "() => { const n = document.querySelector('.language-notice');"
                " const h = document.querySelector('.md-header').getBoundingClientRect();"
                " const r = n.getBoundingClientRect();"
                " const s = getComputedStyle(n);"
                " const text = r.height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);"
                " return {lines: Math.round(text / parseFloat(s.lineHeight)),"
                " gap: r.top - h.bottom,"
                " links: n.querySelectorAll('a').length}; }"
            )
            found.append((lang, box))
    finally:
        context.close()
    assert all(box["lines"] <= 3 and box["gap"] <= 32 and box["links"] == 2 for _, box in found), (
        found
    )
