"""Change notices, redlines, archived versions and a full vendor registry in a real
Chromium, in two languages.

The real site has no announced change today, so the fixture policies and vendors are
built as of 2026-11-22 (a policy change announced for 2026-12-22, a vendor coming on
2026-12-15) with English and Spanish, and every page is swept like the real site's. Then
the page script is checked with the clock moved, and the vendors page with the keyboard.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from browser import PageReport, html_pages, sweep_pages
from conftest import two_languages_build
from playwright.sync_api import Browser, Page, expect
from sitebuild import Build

pytestmark = pytest.mark.browser

MAIN = "/policies/sample-policy/"


def collected_pages() -> tuple[str, ...]:
    build = two_languages_build()
    return tuple(html_pages(build.site)) if build.returncode == 0 else ("(no build)",)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "change_page" in metafunc.fixturenames:
        metafunc.parametrize("change_page", collected_pages())


@pytest.fixture(scope="module")
def fixture_site(two_languages: Build) -> Path:
    return two_languages.site


@pytest.fixture(scope="module")
def url(two_languages_url: str) -> str:
    return two_languages_url.rstrip("/")


def test_the_sweep_includes_redlines_and_both_languages(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)
    assert list(collected_pages()) == pages
    for expected in (
        "/policies/sample-policy/2026-12-22/changes/",
        "/es/policies/sample-policy/2026-12-22/changes/",
        "/policies/sample-policy/2020-01-01/",
        "/changes/",
        "/es/changes/",
        "/vendors/",
        "/es/vendors/",
        "/staff/messages/",  # the staff's messages, swept like every page
        "/follow/",  # how to follow changes (issue 27), in each language
        "/es/follow/",
    ):
        assert expected in pages


@pytest.fixture(scope="module")
def change_sweep(browser_endpoint: str, url: str, fixture_site: Path) -> dict[str, PageReport]:
    """Every page of the two-language fixture swept once, several at a time."""
    return sweep_pages(browser_endpoint, url + "/", html_pages(fixture_site))


def test_every_change_page_passes(change_sweep: dict[str, PageReport], change_page: str) -> None:
    report = change_sweep[change_page]
    problems = report.problems()
    assert not problems, f"{change_page}:\n  " + "\n  ".join(problems)


def page_at(browser: Browser, url: str, path: str, moment: str, **options) -> Page:
    """``path`` opened with the browser's clock at ``moment`` (ISO, with offset)."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(moment))
    page.goto(url + path)
    return page


def shown(page: Page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


@pytest.mark.parametrize(
    ("moment", "switched"),
    [
        ("2026-11-22T12:00:00-05:00", False),
        ("2026-12-21T23:30:00-05:00", False),  # already the 22nd in UTC
        ("2026-12-22T00:01:00-05:00", True),
        ("2027-02-01T09:00:00-05:00", True),
    ],
)
def test_a_page_opened_after_the_effective_date_corrects_itself(
    browser: Browser, url: str, moment: str, switched: bool
) -> None:
    page = page_at(browser, url, MAIN, moment)
    try:
        banner = shown(page, ".md-banner")
        notice = shown(page, ".policy-notice")
        state = shown(page, ".policy-state")
        if switched:
            assert "Sample Policy changed on December 22, 2026." in banner
            assert "took effect on December 22, 2026" in notice
            assert state.startswith("No longer in effect: a new version took effect")
            assert page.locator(".policy-state a").first.inner_text() == (
                "Read the version in effect"
            )
        else:
            assert "Sample Policy changes on December 22, 2026." in banner
            assert "takes effect on December 22, 2026" in notice
            assert state == "In effect since November 1, 2026."
        new_version = page_at(browser, url, "/policies/sample-policy/2026-12-22/", moment)
        label = shown(new_version, ".policy-state")
        expected = "In effect since" if switched else "Takes effect on"
        assert label.startswith(f"{expected} December 22, 2026."), label
        new_version.context.close()
    finally:
        page.context.close()


def test_without_javascript_the_page_is_correct_as_of_its_build(browser: Browser, url: str) -> None:
    page = page_at(browser, url, MAIN, "2027-02-01T09:00:00-05:00", java_script_enabled=False)
    try:
        assert "Sample Policy changes on December 22, 2026." in shown(page, ".md-banner")
        assert shown(page, ".policy-state") == "In effect since November 1, 2026."
    finally:
        page.context.close()


def test_opt_out_links_are_reached_by_keyboard_in_order(browser: Browser, url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url + "/vendors/")
        expected = page.eval_on_selector_all(".vendor-opt-out", "links => links.map(a => a.href)")
        assert len(expected) >= 3
        reached: list[str] = []
        for _ in range(400):
            page.keyboard.press("Tab")
            href = page.evaluate("() => document.activeElement.href || ''")
            focused_opt_out = page.evaluate(
                "() => document.activeElement.classList.contains('vendor-opt-out')"
            )
            if focused_opt_out:
                reached.append(href)
                outline = page.evaluate(
                    "() => getComputedStyle(document.activeElement).outlineStyle"
                )
                assert outline != "none"
            if len(reached) == len(expected):
                break
        assert reached == expected
    finally:
        context.close()


def test_a_redlines_change_links_move_focus_and_folded_sections_open_by_keyboard(
    browser: Browser, url: str
) -> None:
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    try:
        page.goto(url + "/policies/sample-policy/2026-11-01/changes/", wait_until="load")
        page.locator(".redline-changes a").nth(1).focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.hash === '#change-2'")
        focused = page.evaluate("() => document.activeElement.id")
        in_view = page.evaluate(
            "() => { const r = document.getElementById('change-2').getBoundingClientRect();"
            " return r.top >= 0 && r.top < innerHeight; }"
        )
        assert focused == "change-2" and in_view
        page.locator("#change-2 a", has_text="Previous change").press("Enter")
        page.wait_for_function("() => location.hash === '#change-1'")
        assert page.evaluate("() => document.activeElement.id") == "change-1"
        summary = page.locator("details.redline-unchanged > summary").first
        assert not page.evaluate("() => document.querySelector('details.redline-unchanged').open")
        summary.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.querySelector('details.redline-unchanged').open")
        assert page.locator("details.redline-unchanged p").first.is_visible()
        # The other view: the whole text, then folded again, by one button.
        button = page.locator(".redline-whole button")
        # the button follows each section's "toggle" event, which the browser sends a
        # moment after the section opens: wait for it (up to expect's 5 s)
        expect(button).to_be_visible()
        expect(button).to_have_text("Fold the unchanged sections")
        button.press("Enter")
        assert not page.evaluate(
            "() => [...document.querySelectorAll('details.redline-unchanged')].some(d => d.open)"
        )
        assert button.inner_text() == "Show the whole text"
        assert button.get_attribute("aria-pressed") == "false"
        button.press("Space")
        assert page.evaluate(
            "() => [...document.querySelectorAll('details.redline-unchanged')].every(d => d.open)"
        )
    finally:
        page.context.close()


def test_a_redline_is_laid_out_as_it_is_reached_except_where_a_link_is(
    browser: Browser, url: str
) -> None:
    """Each block of the redline without a link is laid out when the reader reaches it
    (content-visibility, for redlines of thousands of marks on a phone); a block with a link
    is laid out as usual, so its focus ring shows whole and checkers see the link in its
    sentence; the last change is still reached from the list at the top."""
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    try:
        page.goto(url + "/policies/sample-policy/2026-11-01/changes/", wait_until="load")
        blocks = page.evaluate(
            "() => [...document.querySelectorAll('.redline > *')].map(b => {"
            " const s = getComputedStyle(b);"
            " return [!!b.querySelector('a'), s.contentVisibility,"
            " parseFloat(s.overflowClipMargin) || 0]; })"
        )
        with_links = [visibility for has_link, visibility, _ in blocks if has_link]
        without = [(visibility, clip) for has_link, visibility, clip in blocks if not has_link]
        assert with_links and without
        assert set(with_links) == {"visible"}
        assert all(visibility == "auto" and clip > 0 for visibility, clip in without)
        last = page.locator(".redline-changes a").last
        target = last.get_attribute("href")
        last.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => location.hash === {target!r}")
        assert page.evaluate(
            f"() => {{ const r = document.querySelector({target!r}).getBoundingClientRect();"
            " return document.activeElement.id === "
            f"{target[1:]!r} && r.top >= 0 && r.bottom <= innerHeight; }}"
        )
    finally:
        page.context.close()


def test_a_printed_redline_has_no_controls_and_the_whole_text(
    browser: Browser, url: str, tmp_path: Path
) -> None:
    """On paper a button is useless and a folded section is lost: the print has neither
    the "Show the whole text" button nor a folded section (Material opens every <details>
    when the browser says it prints), and every block is laid out."""
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    try:
        page.goto(url + "/policies/sample-policy/2026-11-01/changes/", wait_until="load")
        expect(page.locator(".redline-whole button")).to_be_visible()  # on screen it is there
        folded = page.locator("details.redline-unchanged p").first.text_content()
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        printed = page.evaluate(
            "() => ({button: getComputedStyle(document.querySelector('.redline-whole')).display,"
            " closed: [...document.querySelectorAll('details.redline-unchanged')]"
            ".filter(d => !d.open).length,"
            " hidden: [...document.querySelectorAll('.redline > *')]"
            ".filter(b => getComputedStyle(b).contentVisibility !== 'visible').length})"
        )
        assert printed == {"button": "none", "closed": 0, "hidden": 0}
        pdf = tmp_path / "redline.pdf"
        page.pdf(path=str(pdf))
        text = " ".join(
            subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        assert "Show the whole text" not in text
        assert " ".join(folded.split())[:40] in text
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["", "es"])
@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_version_history_fits_a_phone_and_paper(
    browser: Browser, url: str, lang: str, media: str
) -> None:
    """Each version's status is seen without swiping, and nothing is cut on paper: the
    history's columns wrap inside the page's width (it was 34rem wide, in a scroll box)."""
    page = browser.new_context(viewport={"width": 320, "height": 740}).new_page()
    try:
        page.emulate_media(media=media)
        page.goto(f"{url}/{lang}{'/' if lang else ''}policies/sample-policy/".replace("//p", "/p"))
        box = page.evaluate(
            "() => { const t = document.querySelector('.policy-history table');"
            " const cells = [...t.querySelectorAll('th, td')].map(c => c.getBoundingClientRect());"
            " const wrap = t.closest('.md-typeset__scrollwrap');"
            " return {width: document.documentElement.clientWidth,"
            " cells: Math.max(...cells.map(c => c.right)),"
            " scrolls: wrap ? wrap.scrollWidth - wrap.clientWidth : 0,"
            " scrollbox: !!t.closest('.table-scroll')}; }"
        )
        assert box["cells"] <= box["width"] + 1 and box["scrolls"] <= 1, box
        assert not box["scrollbox"]
    finally:
        page.context.close()


@pytest.mark.parametrize("path", ["/follow/", "/es/follow/"])
def test_the_follow_page_fits_320_px_and_links_the_calendar_by_webcal(
    browser: Browser, url: str, path: str
) -> None:
    """At 320 CSS px /follow/ never scrolls sideways; its calendar link (the fixture has
    no site_url) is made a webcal:// link to this site's own calendar by webcal.js."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        response = page.goto(url + path, wait_until="load")
        assert response is not None and response.status == 200
        assert page.locator("article h1").first.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        href = page.locator("a[data-webcal]").get_attribute("href")
    finally:
        context.close()
    assert width <= 320, f"{path} scrolls sideways to {width}px"
    host = url.split("://", 1)[1].split("/", 1)[0]
    prefix = "/es" if path.startswith("/es/") else ""
    assert href == f"webcal://{host}{prefix}/changes/calendar.ics", href
