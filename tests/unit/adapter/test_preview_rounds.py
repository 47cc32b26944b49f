"""privacy_site.adapter.serve_rounds: which request waits for which language of a preview's
rebuild, and which language is built next (the served end to end: test_serve.py)."""

from __future__ import annotations

import threading
import time

from privacy_site.adapter.serve_rounds import Rebuilds, is_page, language_of

LANGUAGES = ["en", "es", "ar", "ko"]


def waiter(rebuilds: Rebuilds, language: str | None) -> tuple[threading.Thread, list[bool]]:
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(rebuilds.wait(language, 10)))
    thread.start()
    return thread, result


def still_waiting(thread: threading.Thread) -> bool:
    thread.join(0.2)
    return thread.is_alive()


def test_a_request_waits_for_its_own_language_only() -> None:
    rebuilds = Rebuilds()
    rebuilds.begin(LANGUAGES)
    arabic, arabic_result = waiter(rebuilds, "ar")
    whole, whole_result = waiter(rebuilds, None)
    rebuilds.written("en")
    rebuilds.written("ko")
    assert still_waiting(arabic) and still_waiting(whole)
    rebuilds.written("ar")
    arabic.join(5)
    assert arabic_result == [True]
    rebuilds.written("es")  # every language written: the rebuild still has its last steps
    assert still_waiting(whole)
    rebuilds.end()
    whole.join(5)
    assert whole_result == [True]


def test_nothing_waits_outside_a_rebuild_or_for_a_language_already_written() -> None:
    rebuilds = Rebuilds()
    start = time.monotonic()
    assert rebuilds.wait("es", 5) and rebuilds.wait(None, 5)
    rebuilds.begin(LANGUAGES)
    rebuilds.written("es")
    assert rebuilds.wait("es", 5)
    assert time.monotonic() - start < 1
    assert not rebuilds.wait("ko", 0.1)  # not written: held until the time runs out


def test_the_language_asked_for_most_recently_is_built_next() -> None:
    rebuilds = Rebuilds()
    rebuilds.asked("ar")
    rebuilds.asked("ko")
    assert rebuilds.next_language("es") == "es"  # no rebuild under way: as proposed
    rebuilds.begin(LANGUAGES)
    rebuilds.written("en")
    assert rebuilds.next_language("es") == "ko"
    rebuilds.written("ko")
    assert rebuilds.next_language("es") == "ar"
    rebuilds.written("ar")
    assert rebuilds.next_language("es") == "es"
    rebuilds.asked("ar")  # asked again after it was written: nothing to build for it
    assert rebuilds.next_language("es") == "es"
    # nothing asked for: i18n's order; a language it proposes that is built already gives
    # way to the first left in that order
    rebuilds = Rebuilds()
    rebuilds.begin(LANGUAGES)
    for code in ("en", "ko"):
        rebuilds.written(code)
    assert rebuilds.next_language("es") == "es"
    rebuilds.written("es")
    assert rebuilds.next_language("ko") == "ar"


def test_each_address_belongs_to_the_build_that_writes_it() -> None:
    assert language_of("", LANGUAGES, "en") == "en"
    assert language_of("policies/website-privacy/", LANGUAGES, "en") == "en"
    assert language_of("assets/stylesheets/privacy-site.css", LANGUAGES, "en") == "en"
    assert language_of("es/", LANGUAGES, "en") == "es"
    assert language_of("ar/vendors/index.html", LANGUAGES, "en") == "ar"
    assert language_of("ko", LANGUAGES, "en") == "ko"
    assert language_of("en/", LANGUAGES, "en") == "en"
    assert language_of("esperanto/", LANGUAGES, "en") == "en"  # a folder, not a language
    for whole in ("search/search_index.json", "es/search/search_index.json", "sitemap.xml",
                  "ko/sitemap.xml", "ar/sitemap.xml.gz"):  # fmt: skip
        assert language_of(whole, LANGUAGES, "en") is None, whole
    assert is_page("") and is_page("es/contact/") and is_page("404.html")
    assert not is_page("assets/javascripts/redline.js") and not is_page("sitemap.xml")
