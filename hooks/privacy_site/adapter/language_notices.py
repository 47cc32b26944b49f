"""What a page says in and about the reader's language, in an MkDocs build
(``language_pages.py``): the navigation's titles from the catalogue, the notices above a
page shown in English, machine-translated or translated before its English original last
changed, and the completeness report at the end of the translation disclaimer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from privacy_site.adapter.site_context import BuildContext, macros
from privacy_site.languages.language import N_, Language
from privacy_site.languages.translation_status import status_table


@dataclass(frozen=True)
class Notices:
    """What a page says about its own language, in the reader's language
    (``language_notices`` in overrides/partials/fragments.html)."""

    english: bool  # no translation yet: the page is shown in English
    machine: bool  # a machine translation
    stale: bool  # translated before its English original last changed
    english_url: str  # the page in English
    disclaimer_url: str  # the translation disclaimer


# The titles mkdocs.yml's nav gives its pages, named here so that ``make messages`` puts
# them in the catalogues (a test checks the two lists agree).
NAV_TITLES = (
    N_("Home"),
    N_("Policies"),
    N_("Changes"),
    N_("Tools and vendors"),
    N_("Accessibility"),
    N_("Translation disclaimer"),
    N_("Contact"),
)


def translate_nav(nav: Navigation, build: BuildContext) -> None:
    """The navigation's titles from mkdocs.yml in the reader's language (the default
    language's are the words themselves)."""
    if build.lang != build.default:
        for item in nav.items:
            _translate_titles(item, build.language)


def _translate_titles(item: Any, language: Language) -> None:
    """A title from mkdocs.yml, in the reader's language (a page titled by its own front
    matter has no title yet, and keeps the one its file gives)."""
    title = getattr(item, "title", None)
    if isinstance(title, str) and title:
        item.title = language.gettext(title)
    for child in getattr(item, "children", None) or []:
        _translate_titles(child, language)


def with_status_report(html: str, page: Page, build: BuildContext, dirs: Sequence[str]) -> str:
    """A page with ``translation_status: true`` (the translation disclaimer) ends with the
    completeness report, drawn by the macro in the theme's folders ``dirs``."""
    if not page.meta.get("translation_status"):
        return html
    scheduled = build.content.scheduled()
    table = status_table(
        [row for row in build.content.translation_status if row.path not in scheduled],
        build.language,
        build.default,
        build.built,
        build.names,
        lambda lang, url: get_relative_url(f"{build.prefix}{url}" or ".", page.url) or "./",
    )
    return html + str(macros(dirs, build.language).translation_status(table))


def add_notices(
    context: dict[str, Any], page: Page, build: BuildContext, dirs: Sequence[str]
) -> dict[str, Any]:
    """Outside the default language: whether the page is shown in English
    (``english_text``) and its notices (``page_notices``), in the page's template context."""
    if build.lang == build.default:
        return context
    english, kinds, stale = _status(build, page, context)
    context["english_text"] = english
    notices = Notices(
        english=english,
        machine=not english and "machine" in kinds,
        stale=stale and not english,
        english_url=get_relative_url(_english_url(build, page.url), page.url) or "./",
        disclaimer_url=get_relative_url(f"{build.prefix}translation-disclaimer/", page.url) or "./",
    )
    context["page_notices"] = macros(dirs, build.language).language_notices(notices)
    return context


def _status(build: BuildContext, page: Page, context: dict[str, Any]) -> tuple[bool, set, bool]:
    """(shown in English, how its translations were made, any of them out of date)."""
    redline = context.get("redline")
    if redline:
        sources = [
            f"policies/{redline['new'].policy}/{row.slug}.md"
            for row in (redline["old"], redline["new"])
        ]
        english = redline["english_text"]
    else:
        sources = [_in_language(build.source_of(page))]
        locale = build.text_locale(page)
        english = locale is not None and locale != build.lang
        if build.is_generated(page):
            return False, set(), False  # written by the site itself, in the reader's language
    found = [build.content.page_translations.get((build.lang, path)) for path in sources]
    if english or any(t is not None and not t.body for t in found):
        return True, set(), False
    return False, {t.kind for t in found if t}, any(t.stale for t in found if t)


def _in_language(src_uri: str) -> str:
    """``es/index.md`` -> ``index.md``."""
    return src_uri.split("/", 1)[1] if "/" in src_uri else src_uri


def _english_url(build: BuildContext, url: str) -> str:
    return url.removeprefix(build.prefix) if build.prefix else url
