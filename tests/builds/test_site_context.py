"""privacy_site.adapter.site_context: each hook finds the context of the build whose hooks
are running, including the default language's last hooks, which run after
mkdocs-static-i18n has built every other language inside that build (and left its
``current_language`` at the last of them)."""

from __future__ import annotations

import sys

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from privacy_site.adapter.site_context import BuildContext, current, finish, start
from privacy_site.languages.language import load_language


def context(code: str) -> BuildContext:
    language, _ = load_language(code, None)
    return BuildContext(
        content=None, language=language, default="en", built=["en", "es", "fr"], names={},
        site_url=None,
    )  # fmt: skip


def test_the_default_build_finds_its_own_context_after_the_other_languages() -> None:
    en = start(context("en"))
    assert current(None) is en and not en.in_language_loop
    for code in ("es", "fr"):  # i18n's loop, inside the default build's on_post_build
        inner = start(context(code))
        assert current(None) is inner and inner.in_language_loop
        finish(inner)
    assert current(None) is en  # its sitemaps, search indexes and summary
    finish(en)


def test_a_new_build_of_the_site_starts_afresh_after_one_that_failed() -> None:
    start(context("en"))
    start(context("es"))  # failed: never finished
    again = start(context("en"))
    assert current(None) is again
    finish(again)
