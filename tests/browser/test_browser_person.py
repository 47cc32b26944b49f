"""The site as a person finds it, where scanners are silent: reflow at 320 px with and
without JavaScript, every Tab stop visible, named and ringed at 3:1, the menu reachable.

Runs over every page of the real site and of the two-language fixture (announced change,
redlines, archived versions, a full vendor registry). Each test walks a whole site and
reports every failure at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import html_pages, serve
from bs4 import BeautifulSoup
from conftest import all_languages
from playwright.sync_api import Browser, Page, expect
from privacy_site.languages.language import load_language
from sitebuild import Build, policy_pages

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}


@pytest.fixture(scope="module", params=["real", "two-languages"])
def site(request: pytest.FixtureRequest, two_languages: Build) -> Iterator[tuple[str, Path, str]]:
    """(base URL, folder, which) of each site, served as a static host serves it."""
    folder = request.getfixturevalue("real_site") if request.param == "real" else two_languages.site
    with serve(folder) as url:
        yield url.rstrip("/"), folder, request.param


REFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const cut = [...document.querySelectorAll('td, th')]
        .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
        .map(cell => cell.tagName + ': ' + cell.textContent.trim().slice(0, 30));
    const regions = [...document.querySelectorAll('table')].map(table => {
        // The version history is laid out to fit (a list on a phone): it never scrolls.
        if (table.hasAttribute('data-reflow')) return null;
        const box = table.closest('.table-scroll');
        if (!box) return 'a table outside a scroll region';
        const named = (box.getAttribute('aria-labelledby') || '').split(' ')
            .map(id => document.getElementById(id)).filter(Boolean)
            .map(el => el.textContent.trim()).join(' ');
        if (box.tabIndex !== 0) return 'a table region that a keyboard cannot reach';
        if (!named) return 'a table region without a name';
        return null;
    }).filter(Boolean);
    return {scroll: document.documentElement.scrollWidth, width, cut, regions};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_page_reflows_at_320_px(browser: Browser, site, javascript: bool) -> None:
    """WCAG 1.4.10: the page never scrolls sideways, no cell's text is cut off, and each
    table scrolls in its own named region that a keyboard can reach."""
    url, folder, _ = site
    context = browser.new_context(viewport=NARROW, java_script_enabled=javascript)
    failures = []
    try:
        page = context.new_page()
        for path in html_pages(folder):
            page.goto(url + path, wait_until="load")
            found = page.evaluate(REFLOW)
            if found["scroll"] > found["width"]:
                failures.append(f"{path}: scrolls sideways to {found['scroll']} px")
            failures += [f"{path}: text cut off in {cell}" for cell in found["cut"]]
            failures += [f"{path}: {region}" for region in found["regions"]]
    finally:
        context.close()
    assert not failures, "\n".join(failures)


FOCUSED = """async () => {
    // Let focus-triggered transitions (Material fades the skip link in) settle first.
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    await Promise.race([
        Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
        new Promise(done => setTimeout(done, 600)),
    ]);
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const text = s => (s || '').replace(/\\s+/g, ' ').trim();
    let name = text(el.getAttribute('aria-label'));
    if (!name && el.getAttribute('aria-labelledby')) {
        name = text(el.getAttribute('aria-labelledby').split(' ')
            .map(id => (document.getElementById(id) || {}).textContent).join(' '));
    }
    if (!name && el.labels && el.labels.length) name = text(el.labels[0].textContent);
    if (!name) name = text(el.innerText) || text(el.getAttribute('title'))
        || text([...el.querySelectorAll('img[alt]')].map(i => i.alt).join(' '));
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const f = v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let around = el.parentElement, back = [255, 255, 255];
    while (around) {
        const c = rgb(getComputedStyle(around).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { back = c.slice(0, 3); break; }
        around = around.parentElement;
    }
    const ring = rgb(style.outlineColor).slice(0, 3);
    const [hi, lo] = [luminance(ring), luminance(back)].sort((a, b) => b - a);
    return {
        what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (typeof el.className === 'string' && el.className
                ? '.' + el.className.split(' ')[0] : ''),
        name,
        shown: box.width > 0 && box.height > 0
            && el.checkVisibility({opacityProperty: true, visibilityProperty: true})
            && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
        contrast: (hi + 0.05) / (lo + 0.05),
    };
}"""

PAGE_TYPES = {
    # the district's site: its policy found in its own list (api/policies.json)
    "real": ["/", "/policies/", "POLICY", "/student-data-privacy/"],
    "two-languages": [
        "/policies/sample-policy/",
        "/policies/sample-policy/2020-01-01/",
        "/policies/sample-policy/2026-12-22/changes/",
        "/changes/",
        "/vendors/",
        "/es/policies/sample-policy/",
    ],
}


def menu_name(path: str) -> str:
    """The menu button's name in the language of the page at ``path``."""
    first = path.strip("/").split("/", 1)[0]
    lang = first if first in all_languages()[1:] else all_languages()[0]
    language, _ = load_language(lang)
    return language.gettext("Menu")


def walk(page: Page, stops: int = 80) -> list[dict]:
    """Tab from the top until focus comes back round or ``stops`` is reached."""
    seen: list[dict] = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1280px"])
def test_every_tab_stop_is_visible_named_and_ringed(browser: Browser, site, viewport) -> None:
    """WCAG 2.4.3, 2.4.7, 2.4.11, 1.4.11, 4.1.2 on one page of each type."""
    url, folder, kind = site
    built = html_pages(folder)
    paths = [policy_pages(folder)[0] if p == "POLICY" else p for p in PAGE_TYPES[kind]]
    failures = []
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        for path in (p for p in paths if p in built):
            page.goto(url + path, wait_until="load")
            stops = walk(page)
            assert len(stops) > 3, f"{path}: Tab reaches almost nothing: {stops}"
            for number, stop in enumerate(stops, start=1):
                where = f"{path} at {viewport['width']} px, Tab {number} ({stop['what']})"
                if not stop["shown"]:
                    failures.append(f"{where}: focus is on something not on screen")
                if not stop["name"]:
                    failures.append(f"{where}: no accessible name")
                if not stop["ring"]:
                    failures.append(f"{where}: no focus outline")
                elif stop["contrast"] < 3:
                    failures.append(f"{where}: focus ring contrast {stop['contrast']:.2f}:1")
            if viewport is NARROW:
                names = [stop["name"] for stop in stops]
                if menu_name(path) not in names:
                    failures.append(
                        f"{path} at 320 px: Tab never reaches the menu button "
                        f"({menu_name(path)!r} among {names})"
                    )
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_the_menu_button_opens_the_drawer_by_keyboard(browser: Browser, site) -> None:
    url, _, _ = site
    context = browser.new_context(viewport=NARROW)
    try:
        page = context.new_page()
        page.goto(url + "/", wait_until="load")
        drawer = page.locator(".md-sidebar--primary")
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.innerText.trim()") == "Menu":
                break
        else:
            pytest.fail("Tab never reached the menu button")
        assert not drawer.is_visible()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        assert page.evaluate("() => document.getElementById('__drawer').checked")
        assert drawer.is_visible()
        assert page.get_attribute("[role='button'][data-controls='__drawer']", "aria-expanded") == (
            "true"
        )
        link = drawer.locator("a.md-nav__link").first
        assert link.is_visible()
    finally:
        context.close()


def test_the_skip_link_lands_on_the_main_heading(browser: Browser, site) -> None:
    url, folder, _ = site
    context = browser.new_context(viewport=WIDE)
    failures = []
    try:
        page = context.new_page()
        for path in html_pages(folder):
            if path.endswith("404.html"):
                continue
            page.goto(url + path, wait_until="load")
            page.keyboard.press("Tab")
            if not page.evaluate("() => document.activeElement.matches('.md-skip')"):
                failures.append(f"{path}: the first Tab stop is not the skip link")
                continue
            target = page.evaluate(
                "() => document.querySelector(document.activeElement.getAttribute('href'))"
                "?.matches('article h1') ?? false"
            )
            if not target:
                failures.append(f"{path}: the skip link does not point at the page's <h1>")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_titles_are_unique_per_language_and_each_page_has_one_h1(site) -> None:
    """WCAG 2.4.2 and 1.3.1: a tab or a bookmark says which page, version or redline it
    is; every page has one main heading; the search dialog has a name (4.1.2)."""
    _, folder, _ = site
    titles: dict[tuple[str, str], list[str]] = {}
    failures = []
    for path in html_pages(folder):
        file = folder / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        language = page.html.get("lang", "")
        titles.setdefault((language, page.title.get_text()), []).append(path)
        headings = page.select("h1")
        if len(headings) != 1:
            failures.append(f"{path}: {len(headings)} <h1> elements")
        dialog = page.select_one('.md-search[role="dialog"]')
        if dialog is not None and not dialog.get("aria-label"):
            failures.append(f"{path}: the search dialog has no name")
    failures += [
        f"{len(paths)} pages share the title {title!r}: {paths}"
        for (_, title), paths in titles.items()
        if len(paths) > 1
    ]
    assert not failures, "\n".join(failures)


def test_a_version_and_a_redline_say_which_in_their_titles(two_languages: Build) -> None:
    def title(path: str) -> str:
        return BeautifulSoup(two_languages.html(path), "lxml").title.get_text()

    assert title("policies/sample-policy/2020-01-01/") == (
        "Sample Policy — version of January 1, 2020 — Sample District Privacy"
    )
    # Before the effective day the redline speaks in the future, after it in the past.
    assert title("policies/sample-policy/2026-12-22/changes/").startswith(
        "Sample Policy: what will change on December 22, 2026 — "
    )
    assert title("policies/sample-policy/2026-11-01/changes/").startswith(
        "Sample Policy: what changed on November 1, 2026 — "
    )


def test_redline_insertions_do_not_look_like_links(
    browser: Browser, two_languages_url: str
) -> None:
    page = opened(browser, two_languages_url, "policies/sample-policy/2026-12-22/changes/")
    try:
        styles = page.evaluate(
            """() => ['.redline ins', '.md-typeset a[href]:not(.headerlink)'].map(s =>
                getComputedStyle(document.querySelector(s)).textDecorationStyle)"""
        )
        legend = page.locator("article").inner_text()
    finally:
        page.context.close()
    assert styles == ["double", "solid"]
    assert "double underline" in legend and "single underline" in legend


def test_opening_search_on_a_phone_puts_the_cursor_in_its_box(
    browser: Browser, two_languages_url: str
) -> None:
    """Tapped, clicked or pressed with the keyboard, the search button opens the search and
    the reader can type at once (the focus stayed on the button)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        for how in ("tap", "click", "Enter"):
            page.goto(two_languages_url.rstrip("/") + "/policies/")
            button = page.locator("label[for='__search'].md-header__button [role=button]")
            if how == "Enter":
                button.focus()
                page.keyboard.press("Enter")
            else:
                getattr(button, how)()
            expect(page.locator(".md-search__input")).to_be_focused()
            page.keyboard.type("vendor")
            assert page.locator(".md-search__input").input_value() == "vendor", how
    finally:
        context.close()


def search(page: Page, words: str) -> list[tuple[str, str]]:
    """Type ``words`` into Material's search box; (href, title) of each result shown."""
    box = page.locator(".md-search__input").first
    box.focus()
    box.fill(words)  # as an input method commits a word, in any script
    box.press("End")  # and a key goes up: Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    page.wait_for_timeout(300)  # the worker answers as the query grows
    # Each result's page path and fragment, without Material's "?h=" highlight query.
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__link')].map(a => {
            const u = new URL(a.href);
            return [u.pathname + u.hash, (a.querySelector('h1, h2') || a).textContent.trim()];
        })"""
    )


def opened(browser: Browser, url: str, path: str, **options: object) -> Page:
    """``path`` loaded in a fresh 1280 px context; the caller closes ``page.context``."""
    context = browser.new_context(viewport=WIDE, **options)
    page = context.new_page()
    page.goto(url + path, wait_until="load")
    return page


def test_search_finds_a_vendor_by_name_provider_and_purpose(
    browser: Browser, two_languages_url: str
) -> None:
    for words in ("School Messages", "Example Messaging", "messages to families"):
        page = opened(browser, two_languages_url, "changes/")
        try:
            results = search(page, words)
        finally:
            page.context.close()
        hrefs = [href for href, _ in results if "/es/" not in href]
        assert any(href.endswith("vendors/#school-messages") for href in hrefs), (words, results)


def test_search_ranks_the_version_in_effect_first_and_labels_archived_ones(
    browser: Browser, two_languages_url: str
) -> None:
    page = opened(browser, two_languages_url, "changes/")
    try:
        results = [(h, t) for h, t in search(page, "messages kept") if "/es/" not in h]
    finally:
        page.context.close()
    pages = [href.split("#")[0] for href, _ in results]
    main = next(i for i, href in enumerate(pages) if href.endswith("policies/sample-policy/"))
    archived = [i for i, href in enumerate(pages) if href.endswith("sample-policy/2020-01-01/")]
    assert archived and main < min(archived), results
    titles = [title for href, title in results if href.split("#")[0].endswith("2020-01-01/")]
    assert any("no longer in effect" in title for title in titles), results
    assert not any(href.split("#")[0].endswith("2026-11-01/") for href in pages), results


def test_without_javascript_search_gives_way_to_a_list_of_every_page(
    browser: Browser, two_languages_url: str
) -> None:
    page = opened(browser, two_languages_url, "policies/", java_script_enabled=False)
    try:
        assert not page.locator(".md-search").first.is_visible()
        link = page.locator(".no-js-index a")
        assert link.is_visible()
        # a link looks like one: underlined, not the surrounding text's colour
        looks = link.evaluate(
            "a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color,"
            " getComputedStyle(a.parentElement).color]"
        )
        assert "underline" in looks[0] and looks[1] != looks[2], looks
        link.click()
        listed = page.evaluate(
            "() => [...document.querySelectorAll('article a')].map(a => a.getAttribute('href'))"
        )
    finally:
        page.context.close()
    for expected in ("sample-policy/2020-01-01/", "sample-policy/2026-12-22/changes/"):
        assert any(href.endswith(expected) for href in listed), listed
    assert any(href.endswith("vendors/#school-messages") for href in listed), listed
