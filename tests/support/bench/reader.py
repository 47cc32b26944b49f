"""What a reader's browser transfers: each page type in English and Arabic, on first load
with an empty cache, then after the first search.

Debian's Chromium through Playwright (``executable_path``: no browser is downloaded), the
built site served by tests/support/browser.py's ``serve``; every response of the browser context
(the page, its workers) is counted as the gzip-6 size of its body, since the test server
sends files uncompressed, as a static host that compresses would (raw sizes are kept
too). "After the first search": the search box is opened, a word typed, and the results
awaited; whatever the browser then asks for is counted, so the measure holds whether the
search index loads with the page or only when search is first used.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_ARGS, serve
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Response, sync_playwright

SEARCH_OPEN = 'label.md-header__button[for="__search"]'
SEARCH_INPUT = "input.md-search__input"
RESULT = ".md-search-result__item"
# A word each language's pages contain, so the search has results to show. Arabic: a
# Latin word, since no Arabic word typed into the Arabic search shows results (see
# BENCHMARKS.md: the query is emptied before it is looked up).
SEARCH_WORD = {"en": "privacy", "ar": "Cambridge"}
TIMEOUT_MS = 30_000


@dataclass
class Transfer:
    url: str
    status: int
    raw: int
    gzip6: int
    phase: str  # "load" or "search"


@dataclass
class PageTransfer:
    page_type: str
    lang: str
    path: str
    transfers: list[Transfer] = field(default_factory=list)
    search_results: int = 0
    error: str = ""

    def total(self, phase: str | None = None, key: str = "gzip6") -> int:
        return sum(getattr(t, key) for t in self.transfers if phase in (None, t.phase))

    def count(self, phase: str | None = None) -> int:
        return sum(1 for t in self.transfers if phase in (None, t.phase))

    def as_dict(self) -> dict:
        return {
            "page_type": self.page_type,
            "lang": self.lang,
            "path": self.path,
            "first_load_gzip6_bytes": self.total("load"),
            "first_load_raw_bytes": self.total("load", "raw"),
            "first_load_requests": self.count("load"),
            "search_gzip6_bytes": self.total("search"),
            "search_raw_bytes": self.total("search", "raw"),
            "search_requests": self.count("search"),
            "after_search_gzip6_bytes": self.total(),
            "search_results": self.search_results,
            "error": self.error,
            "responses": [vars(t) for t in self.transfers],
        }


def _measure(browser, base: str, item: PageTransfer) -> PageTransfer:
    context = browser.new_context()  # an empty cache: a first visit
    phase = ["load"]
    responses: list[tuple[Response, str]] = []
    context.on("response", lambda response: responses.append((response, phase[0])))
    page = context.new_page()
    try:
        page.goto(base + item.path, wait_until="load")
        page.wait_for_load_state("networkidle")
        phase[0] = "search"
        search = page.locator(SEARCH_INPUT)
        if not search.is_visible():  # a narrow window: the header's search button opens it
            page.click(SEARCH_OPEN, timeout=TIMEOUT_MS)
        search.click(timeout=TIMEOUT_MS)
        search.press_sequentially(SEARCH_WORD[item.lang], delay=50)
        try:
            page.wait_for_selector(RESULT, timeout=TIMEOUT_MS)
        except PlaywrightError as error:
            item.error = f"no search result shown: {error.message.splitlines()[0]}"
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        item.search_results = page.locator(RESULT).count()
    finally:
        for response, when in responses:
            try:
                body = response.body()
            except PlaywrightError:
                body = b""  # a redirect or an aborted request has none
            item.transfers.append(
                Transfer(
                    response.url.removeprefix(base.rstrip("/")),
                    response.status,
                    len(body),
                    len(gzip.compress(body, compresslevel=6)) if body else 0,
                    when,
                )
            )
        context.close()
    return item


def run(sites: dict[str, Path], pages: list[tuple[str, str, str]], langs: list[str]) -> list[dict]:
    """``pages``: (page type, site name, path without language prefix)."""
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for site_name, folder in sites.items():
                with serve(folder) as base:
                    for page_type, on_site, path in pages:
                        if on_site != site_name:
                            continue
                        for lang in langs:
                            prefix = "" if lang == "en" else f"{lang}/"
                            item = PageTransfer(page_type, lang, "/" + prefix + path)
                            try:
                                _measure(browser, base.rstrip("/"), item)
                            except PlaywrightError as error:
                                item.error = error.message.splitlines()[0]
                            results.append(item.as_dict())
        finally:
            browser.close()
    return results
