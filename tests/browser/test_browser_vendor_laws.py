"""The vendors page of a New York district in Arabic, in real Chromium with JavaScript off:
right to left, axe-clean, and the "Details required by New York law" disclosure opens
with a click and shows the details; the filter's links land on the tool."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from browser import run_axe, serve
from playwright.sync_api import Browser, expect
from sitebuild import TESTS, Build, build_site, config_with, fixture_docs

pytestmark = pytest.mark.browser

STATES = TESTS / "fixtures" / "vendors" / "states"
COPY = "en/contracts/reading-app-2026.pdf"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("ny-browser")
    docs = fixture_docs(
        work,
        TESTS / "fixtures" / "lifecycle",
        {COPY: (STATES / "docs" / COPY).read_text(encoding="utf-8")},
    )
    config = config_with()
    config["extra"]["privacy_site"]["state"] = "NY"
    build: Build = build_site(
        work,
        docs=docs,
        when=date(2026, 11, 22),
        vendors=STATES / "complete.yml",
        config=config,
        languages=["en", "ar"],
    )
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


def test_the_disclosure_opens_without_javascript_right_to_left(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "ar/vendors/")
        details = page.locator("#reading-app details.vendor-law")
        stored = details.locator("dd").nth(5)
        expect(stored).to_be_hidden()
        details.locator("summary").click()
        expect(stored).to_be_visible()
        direction = details.evaluate("el => getComputedStyle(el).direction")
        assert direction == "rtl"
        page.locator("ul.vendor-elements li#data-assessment a").click()
        assert page.url.endswith("#reading-app")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["vendors/", "ar/vendors/"])
def test_axe_finds_nothing_with_the_disclosure_open(
    browser: Browser, site_url: str, path: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.locator("#reading-app details.vendor-law summary").click()
        assert run_axe(page) == []
    finally:
        context.close()
