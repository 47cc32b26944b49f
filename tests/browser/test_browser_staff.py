"""The staff page of messages (/staff/messages/) in a real Chromium, on the two-language
fixture site built inside the notice windows of a policy version and two tool changes:
every message of /api/messages.json is on it, each Copy button is reached and worked by
keyboard and by mouse and puts exactly that text on the clipboard, the text is there and
selectable without JavaScript, and the page stays out of navigation, search and search
engines. (The sweep of every fixture page in test_browser_changes runs axe on it.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sitebuild import Build
from test_browser import FOCUS_STATE, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

STAFF = "/staff/messages/"
PARTS = ("sms", "subject", "body")


@pytest.fixture(scope="module")
def site(two_languages: Build) -> Path:
    return two_languages.site


@pytest.fixture(scope="module")
def url(two_languages_url: str) -> str:
    return two_languages_url.rstrip("/")


@pytest.fixture(scope="module")
def sendable(site: Path) -> dict:
    return json.loads((site / "api" / "messages.json").read_text(encoding="utf-8"))


def staff_page(browser: Browser, url: str, **options) -> Page:
    context = browser.new_context(**options)
    page = context.new_page()
    response = page.goto(url + STAFF, wait_until="load")
    assert response is not None and response.status == 200, response
    return page


def text_id(item: dict, lang: str, part: str) -> str:
    return f"{item['id'].replace('/', '-')}-{lang}-{part}"


def test_every_message_of_every_announcement_is_on_the_page(
    browser: Browser, url: str, sendable: dict
) -> None:
    assert len(sendable["announcements"]) >= 2  # the fixture announces several changes
    page = staff_page(browser, url)
    try:
        for item in sendable["announcements"]:
            for lang, sent in item["messages"].items():
                for part in PARTS:
                    shown = page.locator(f"#{text_id(item, lang, part)}")
                    assert shown.text_content() == sent[part], (item["id"], lang, part)
                    assert shown.get_attribute("lang") == lang
        # Spanish is named in its own script; each language's section is headed
        assert page.locator("h3 span[lang=es]", has_text="Español").count() == len(
            sendable["announcements"]
        )
    finally:
        page.context.close()


def test_copy_buttons_work_by_keyboard_and_put_the_exact_text_on_the_clipboard(
    browser: Browser, url: str, sendable: dict
) -> None:
    page = staff_page(browser, url, permissions=["clipboard-read", "clipboard-write"])
    try:
        buttons = page.locator("button.staff-copy")
        assert buttons.count() == len(sendable["announcements"]) * 2 * len(PARTS)
        reached = []
        for _ in range(80):  # from the top of the page, Tab until the first Copy button
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            reached.append(state)
            if "staff-copy" in state["cls"]:
                break
        else:
            raise AssertionError(f"Tab never reached a Copy button: {reached[-5:]}")
        assert state["outline"] or state["shadow"], f"no focus indicator: {state}"
        assert state["shown"], state
        target = page.evaluate("() => document.activeElement.dataset.copy")
        expected = page.locator(f"#{target}").text_content()
        page.keyboard.press("Enter")
        note = page.locator(f"button[data-copy='{target}'] + .staff-copy-note")
        expect(note).to_have_text(re.compile(r"^Copied the text message in \w+\.$"))
        assert page.evaluate("() => navigator.clipboard.readText()") == expected
        page.keyboard.press("Tab")  # the subject's button, worked with Space
        subject = page.evaluate("() => document.activeElement.dataset.copy")
        assert subject.endswith("-subject"), subject
        page.keyboard.press("Space")
        subject_note = page.locator(f"button[data-copy='{subject}'] + .staff-copy-note")
        expect(subject_note).to_have_text(re.compile(r"^Copied the subject in \w+\.$"))
        expect(note).to_have_text("")  # one note at a time
        assert page.evaluate("() => navigator.clipboard.readText()") == (
            page.locator(f"#{subject}").text_content()
        )
    finally:
        page.context.close()


def test_a_mouse_click_copies_a_whole_message_with_its_paragraphs(
    browser: Browser, url: str, sendable: dict
) -> None:
    item = sendable["announcements"][0]
    page = staff_page(browser, url, permissions=["clipboard-read", "clipboard-write"])
    try:
        button = f"button[data-copy='{text_id(item, 'es', 'body')}']"
        page.locator(button).click()
        expect(page.locator(f"{button} + .staff-copy-note")).to_have_text(
            "Copied the message in Spanish."
        )
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == item["messages"]["es"]["body"]
        assert "\n\n" in copied  # paragraphs kept, as the message will be sent
    finally:
        page.context.close()


def test_without_javascript_the_text_is_there_and_selectable_and_no_button_shows(
    browser: Browser, url: str, sendable: dict
) -> None:
    page = staff_page(browser, url, java_script_enabled=False)
    try:
        assert page.locator("button.staff-copy").count() > 0
        assert not any(button.is_visible() for button in page.locator("button.staff-copy").all())
        texts = page.locator(".staff-message__text")
        assert texts.count() == len(sendable["announcements"]) * 2 * len(PARTS)
        for text in texts.all():
            assert text.is_visible()
            assert text.evaluate("e => getComputedStyle(e).userSelect") != "none"
    finally:
        page.context.close()


def test_the_page_asks_not_to_be_indexed_and_nothing_leads_to_it(site: Path) -> None:
    page = (site / "staff" / "messages" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert not (site / "es" / "staff").exists()  # one page, in the site's source language
    # its language switcher leads to the Spanish home page, relative to where it is
    assert '<a href="../../es/" hreflang="es"' in page
    for other in site.rglob("*"):
        if other.is_file() and other.suffix in {".html", ".json", ".xml", ".txt"}:
            if other.parent.parts[-2:] == ("staff", "messages"):
                continue
            text = other.read_text(encoding="utf-8")
            assert "staff/messages" not in text, f"{other.relative_to(site)} links it"


def test_the_page_reflows_at_320_px(browser: Browser, url: str) -> None:
    assert_no_horizontal_scroll(browser, url, STAFF, 320, 640)
