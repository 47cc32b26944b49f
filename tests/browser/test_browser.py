"""The built site in a real Chromium: accessible, private, and readable in any form.

Every page is swept for axe WCAG 2.x A/AA violations, requests to other hosts, cookies,
web storage, script errors and 404s; then a few pages are checked at 320 px, at 200 %
zoom, without JavaScript, in print and with the keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import PageReport, html_pages, serve, sweep_page, sweep_pages
from conftest import real_site_build
from playwright.sync_api import Browser, Page
from sitebuild import policy_pages

pytestmark = pytest.mark.browser

MIN_PAGES = 8
BUILD_FAILED = "(the site did not build at collection time)"
FAQ = "/student-data-privacy/"  # the FAQ, a standard page of every district's site
FOLLOW = "/follow/"  # how to follow changes: the engine adds it to every district's site


def collected_pages() -> tuple[str, ...]:
    """The real site's pages, from its one build (made at collection), each its own test."""
    build = real_site_build()
    if build.returncode != 0:
        # Fail in the test (real_build shows the output), not as a collection error.
        return (BUILD_FAILED,)
    return tuple(html_pages(build.site))


def sample_pages(with_version: bool = True) -> tuple[str, ...]:
    """The home page, a policy (its page, or its version in effect; /follow/ with the
    version) and the FAQ, found in the site's own lists (api/policies.json, the built
    pages), never by a policy's id."""
    build = real_site_build()
    if build.returncode != 0:
        return (BUILD_FAILED,)
    main, version = policy_pages(build.site)
    pages = html_pages(build.site)
    found = ["/", version, FOLLOW] if with_version else [main]
    return tuple(found + [FAQ] * (FAQ in pages))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per page, so a report names the page that failed."""
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", collected_pages())
    if "sample_path" in metafunc.fixturenames:
        metafunc.parametrize("sample_path", sample_pages())
    if "reading_path" in metafunc.fixturenames:
        metafunc.parametrize("reading_path", sample_pages(with_version=False))


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real site served over HTTP, as a visitor's browser gets it."""
    with serve(real_site) as url:
        yield url


def open_page(browser: Browser, site_url: str, path: str, **context_options: object) -> Page:
    """A page loaded in a fresh context; the caller closes ``page.context``."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    response = page.goto(site_url.rstrip("/") + path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: {response}"
    return page


def test_sweep_covers_every_page(real_site: Path) -> None:
    """The per-page sweep below ran on exactly the real site's pages, and there are enough."""
    pages = html_pages(real_site)
    assert len(pages) >= MIN_PAGES, pages
    assert list(collected_pages()) == pages


@pytest.fixture(scope="session")
def real_sweep(browser_endpoint: str, site_url: str, real_site: Path) -> dict[str, PageReport]:
    """Every page of the real site swept once, several at a time, in the run's browser."""
    return sweep_pages(browser_endpoint, site_url, html_pages(real_site))


def test_every_page_passes(
    real_sweep: dict[str, PageReport], real_site: Path, page_path: str
) -> None:
    """No axe violation, no other host, no cookie or storage, no error, no 404: on each page."""
    assert page_path in html_pages(real_site), f"{page_path} is not in the real site"
    report = real_sweep[page_path]
    problems = report.problems()
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


def test_the_sweep_followed_each_versions_pdf(
    real_sweep: dict[str, PageReport], real_site: Path
) -> None:
    """Every version page links its PDF, and the sweep fetched it (200, application/pdf:
    test_every_page_passes fails a page whose PDF link does not answer so)."""
    versions = [
        path
        for path in html_pages(real_site)
        if re.fullmatch(r"/([a-z]{2}/)?policies/[^/]+/\d{4}-\d{2}-\d{2}/", path)
    ]
    assert versions
    for path in versions:
        assert real_sweep[path].pdfs, f"{path}: no PDF link followed"


def sweep_one_file(browser: Browser, folder: Path):
    """The sweep's report on ``folder/index.html``, served like the site, and its base URL."""
    with serve(folder) as url:
        context = browser.new_context()
        try:
            return sweep_page(context, url, "/"), url
        finally:
            context.close()


def test_sweep_reports_what_it_should(browser: Browser, tmp_path: Path) -> None:
    """A page that breaks every rule is reported on each count, so a silent sweep can't pass."""
    (tmp_path / "index.html").write_text(
        """<!doctype html><html><head><title>Bad</title>
        <script src="https://tracker.example.invalid/t.js"></script></head>
        <body><img src="missing.png"><p style="color:#ccc;background:#fff">grey</p>
        <script>
          document.cookie = "visitor=1";
          localStorage.setItem("a", "1");
          sessionStorage.setItem("b", "2");
          console.error("broken");
          setTimeout(() => { throw new Error("boom"); });
        </script></body></html>""",
        encoding="utf-8",
    )
    report, url = sweep_one_file(browser, tmp_path)
    assert report.status == 200
    assert report.external_requests == ["https://tracker.example.invalid/t.js"]
    assert report.not_found == [url + "missing.png"]
    assert any("broken" in text for text in report.console_errors)
    assert any("boom" in text for text in report.page_errors)
    assert {"image-alt", "color-contrast", "html-has-lang"} <= {v["id"] for v in report.violations}
    assert "visitor=1" in report.document_cookie
    assert [cookie["name"] for cookie in report.cookies] == ["visitor"]
    assert (report.local_storage, report.session_storage) == (1, 1)
    assert len(report.problems()) >= 9


def test_the_parallel_sweep_reports_each_page_as_its_own(
    browser_endpoint: str, tmp_path: Path
) -> None:
    """Pages swept side by side in separate threads keep their own reports: the page that
    calls another host is the only one that says so, and a page that cannot be swept at
    all is reported, not dropped."""
    clean = '<!doctype html><html lang="en"><head><title>%s</title></head><body><p>%s</p>'
    for number in range(5):
        page = tmp_path / f"p{number}" / "index.html"
        page.parent.mkdir()
        page.write_text(clean % (number, number), encoding="utf-8")
    (tmp_path / "p3" / "index.html").write_text(
        (clean % (3, 3)) + '<img alt="" src="https://tracker.example.invalid/p.gif">',
        encoding="utf-8",
    )
    paths = [f"/p{number}/" for number in range(5)]
    with serve(tmp_path) as url:
        reports = sweep_pages(browser_endpoint, url, paths)
        broken = sweep_pages(browser_endpoint, "http://unclosed[/", ["/"])
    assert sorted(reports) == paths
    assert [path for path in paths if reports[path].problems()] == ["/p3/"]
    assert reports["/p3/"].external_requests == ["https://tracker.example.invalid/p.gif"]
    assert broken["/"].error and broken["/"].problems()[0].startswith("the sweep failed")


def test_sweep_reports_content_security_policy_refusals(browser: Browser, tmp_path: Path) -> None:
    """A script the page's policy does not list is refused, and the sweep says so."""
    (tmp_path / "index.html").write_text(
        """<!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="script-src 'self'">
        <title>Policy</title></head><body><main><h1>Policy</h1>
        <script>document.title = "ran";</script></main></body></html>""",
        encoding="utf-8",
    )
    report, _ = sweep_one_file(browser, tmp_path)
    assert any(v.startswith("script-src") for v in report.csp_violations), report.csp_violations
    assert any("Content-Security-Policy" in line for line in report.problems())


def horizontal_overflow(page: Page) -> tuple[int, list[str]]:
    """documentElement's scroll width, and the elements reaching past the viewport's edge."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1
                    && !el.closest('.md-typeset__scrollwrap'))
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                    + ' right=' + Math.round(el.getBoundingClientRect().right));
            return [document.documentElement.scrollWidth, wide];
        }"""
    )


def assert_no_horizontal_scroll(
    browser: Browser, site_url: str, path: str, width: int, height: int
) -> None:
    page = open_page(browser, site_url, path, viewport={"width": width, "height": height})
    try:
        assert page.locator("article h1").first.is_visible(), f"{path}: no heading shown"
        scroll_width, wide = horizontal_overflow(page)
    finally:
        page.context.close()
    assert scroll_width <= width, (
        f"{path} at {width}px scrolls sideways to {scroll_width}px: {wide}"
    )


def test_320px_no_horizontal_scroll(browser: Browser, site_url: str, sample_path: str) -> None:
    """WCAG 1.4.10 reflow: at 320 CSS px the page never scrolls sideways (tables may)."""
    assert_no_horizontal_scroll(browser, site_url, sample_path, 320, 640)


def test_200_percent_zoom(browser: Browser, site_url: str, sample_path: str) -> None:
    """200 % zoom of a 1280x800 window lays out like a 640x400 viewport: no sideways scroll."""
    assert_no_horizontal_scroll(browser, site_url, sample_path, 640, 400)


def test_reading_without_javascript(browser: Browser, site_url: str, reading_path: str) -> None:
    """Families with scripts blocked still read the notice: heading and text are shown."""
    path = reading_path
    page = open_page(browser, site_url, path, java_script_enabled=False)
    try:
        assert page.evaluate("() => 1 + 1") == 2  # evaluate works; page scripts do not
        heading = page.locator("article h1")
        paragraph = page.locator("article p").first
        assert heading.count() == 1, path
        assert heading.is_visible(), path
        assert paragraph.is_visible(), path
        assert len(paragraph.inner_text().strip()) > 20, paragraph.inner_text()
    finally:
        page.context.close()


def test_print_stylesheet(browser: Browser, site_url: str) -> None:
    """A printed policy is the policy and its effective date, without the site's chrome."""
    page = open_page(browser, site_url, policy_pages(real_site_build().site)[1])
    chrome = [".md-header", ".md-sidebar--primary", ".md-footer"]
    try:
        for selector in chrome:  # shown on screen, so hiding them in print means something
            assert page.locator(selector).count() >= 1, selector
            assert page.locator(selector).first.is_visible(), f"{selector} hidden on screen"
        page.emulate_media(media="print")
        assert page.locator("article h1").is_visible()
        state = page.locator("article .policy-state")
        assert state.is_visible()
        assert state.locator("time[datetime]").is_visible()
        for selector in chrome:
            shown = [el for el in page.locator(selector).all() if el.is_visible()]
            assert not shown, f"{selector} is printed"
    finally:
        page.context.close()


FOCUS_STATE = """async () => {
    // Let focus-triggered transitions (Material fades the skip link in) settle first.
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    await Promise.race([
        Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
        new Promise(done => setTimeout(done, 1000)),
    ]);
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        cls: String(el.className || ''),
        text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
        skip: el.matches('.md-skip'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
        // A ring drawn on a zero-size or transparent element is no indicator at all.
        shown: box.width > 0 && box.height > 0
            && el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    };
}"""


def test_keyboard_focus_visible(browser: Browser, site_url: str) -> None:
    """Tab starts at "Skip to content", and every focused element shows a focus indicator."""
    page = open_page(browser, site_url, "/")
    try:
        seen = []
        for press in range(1, 9):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_STATE)
            seen.append(focused)
            where = f"Tab {press} focused {focused}"
            if press == 1:
                assert focused["skip"], f"{where}, not the skip link"
            assert focused["tag"] != "body", f"{where}: nothing"
            assert focused["outline"] or focused["shadow"], f"{where}: no outline or shadow"
            assert focused["shown"], f"{where}: the element is not shown, so neither is focus"
        assert len({(f["tag"], f["cls"], f["text"]) for f in seen}) > 1, seen
    finally:
        page.context.close()
