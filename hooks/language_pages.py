"""MkDocs hooks for what a page says about its own language, in the reader's language:

- the text has no translation yet and is shown in English (marked ``lang="en"``);
- the text is a machine translation: the English original governs;
- the translation was made before its English original last changed.

Each notice links the English page. Stale translations are also listed as build warnings
(with the content's other warnings, by ``policy_pages.on_config``).

The navigation's own titles (mkdocs.yml's ``nav``: "Home", "Policies", ...) are the site's
words: each language shows them from its catalogue.

A page with ``translation_status: true`` (the translation disclaimer) ends with the
completeness report: which page is translated into the reader's language, and how (in
English: every language).

Thin adapter; runs once per language, for every page.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from privacy_site.adapter.site_context import BuildContext, current
from privacy_site.languages.language import N_, Language
from privacy_site.languages.translation_status import status_html

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


@event_priority(-120)  # after policy_pages has gathered the policies under "Policies"
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    build = current(config)
    if build.lang != build.default:
        for item in nav.items:
            _translate_titles(item, build.language)
    return nav


def _translate_titles(item: Any, language: Language) -> None:
    """A title from mkdocs.yml, in the reader's language (a page titled by its own front
    matter has no title yet, and keeps the one its file gives)."""
    title = getattr(item, "title", None)
    if isinstance(title, str) and title:
        item.title = language.gettext(title)
    for child in getattr(item, "children", None) or []:
        _translate_titles(child, language)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("translation_status"):
        return html
    build = current(config)
    scheduled = build.content.scheduled()
    return html + str(
        status_html(
            [row for row in build.content.translation_status if row.path not in scheduled],
            build.language,
            build.default,
            build.built,
            build.names,
            lambda lang, url: get_relative_url(f"{build.prefix}{url}" or ".", page.url) or "./",
        )
    )


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    build = current(config)
    if build.lang == build.default:
        return context
    english, kinds, stale = _status(build, page, context)
    context["english_text"] = english
    notices = []
    english_url = get_relative_url(_english_url(build, page.url), page.url)
    disclaimer = get_relative_url(f"{build.prefix}translation-disclaimer/", page.url)
    language = build.language
    if english:
        notices.append(
            _notice(
                language.say(
                    "This page has not been translated into %(language)s yet, so it is shown "
                    "in English, the language of the original.",
                    language=language.name,
                ),
                (english_url, language.gettext("Read the English page")),
            )
        )
    elif "machine" in kinds:
        # One short line, so a phone's first screen shows the page: the whole caveat (it
        # may contain mistakes) is on the translation disclaimer page it links to.
        notices.append(
            _notice(
                language.say("Machine translation: the English original governs."),
                (english_url, language.gettext("Read the English original")),
                (disclaimer, language.gettext("About translations")),
                short=True,
            )
        )
    if stale and not english:
        notices.append(
            _notice(
                language.say(
                    "The English original of this page has changed since this translation "
                    "was made, so the translation may be out of date."
                ),
                (english_url, language.gettext("Read the English original")),
                kind="warning",
            )
        )
    context["page_notices"] = Markup("\n").join(notices)
    return context


def _status(build: BuildContext, page: Page, context: dict[str, Any]) -> tuple[bool, set, bool]:
    """(shown in English, how its translations were made, any of them out of date)."""
    redline = context.get("redline")
    if redline:
        sources = [
            f"policies/{redline['new']['policy']}/{row['slug']}.md"
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


def _notice(
    text: Markup, *links: tuple[str, str], kind: str = "info", short: bool = False
) -> Markup:
    anchors = Markup(" · ").join(
        Markup('<a href="%s">%s</a>') % (href or "./", label) for href, label in links
    )
    if short:
        return Markup('<p class="language-notice language-notice--short" role="note">%s %s</p>') % (
            text,
            anchors,
        )
    return Markup(
        '<div class="admonition %s language-notice" role="note"><p>%s</p><p>%s</p></div>'
    ) % (kind, text, anchors)
