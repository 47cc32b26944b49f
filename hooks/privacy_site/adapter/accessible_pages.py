"""What a person needs beyond what a scanner checks, on every finished page of an MkDocs
build (``page_access.py``): a title heading "Skip to content" lands on, tables that scroll
by themselves at 320 px, named and reachable by keyboard (``privacy_site.html.tables``),
Material's menu, search and section toggles as named buttons and its permalinks titled in
the reader's language (``keyboard``), and under ``mkdocs serve`` the content's errors at
the top of the page."""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from privacy_site.adapter import keyboard
from privacy_site.adapter.generated_files import TITLE_ANCHOR, anchor_title
from privacy_site.adapter.site_context import BuildContext, macros
from privacy_site.html import tables
from privacy_site.languages.language import N_

# The permalink title in mkdocs.yml (markdown_extensions, toc), named here so that
# ``make messages`` puts it in the catalogues.
PERMALINK_TITLE = N_("Link to this section")


def with_title(html: str, page: Page, build: BuildContext, dirs: Sequence[str]) -> str:
    """A Markdown page without its own ``# Title`` gets its title as an ``<h1>`` here (the
    theme would write one with no id), so "Skip to content" lands on it. Pages with their
    own template write their heading themselves."""
    if "<h1" not in html and not page.meta.get("template"):
        title = macros(dirs, build.language).page_title(TITLE_ANCHOR, page.title)
        html = f"{title}\n{html}"
        anchor_title(page)
    return html


def finished(output: str, config: MkDocsConfig, build: BuildContext) -> str:
    """A finished page or template's ``output``, with its problems banner, permalinks,
    controls and tables made for people."""
    language = build.language
    fragments = macros(config.theme.dirs, language)
    if build.problems:
        output = _with_problems(output, fragments.build_problems(build.problems))
    english = config.mdx_configs.get("toc", {}).get("permalink_title", PERMALINK_TITLE)
    output = keyboard.retitle_permalinks(
        output, english, language.gettext(english), language.own_attrs()
    )
    output = keyboard.name_controls(
        output,
        language.gettext("Menu"),
        language.gettext("Search"),
        language.gettext("%(title)s: show or hide its pages"),
        fragments.label_button,
    )
    return tables.wrap_tables(output, fragments.scroll_table)


def _with_problems(output: str, banner: str) -> str:
    """Under ``mkdocs serve``: the content's errors (``banner``) at the top of the page,
    where the editor is looking."""
    banner = str(banner)  # str + Markup would escape the whole page
    body = output.find("<body")
    if body < 0:
        return banner + output
    start = output.find(">", body) + 1
    return output[:start] + banner + output[start:]
