"""MkDocs hooks for what a person needs beyond what a scanner checks: tables that scroll
by themselves at 320 px, named and reachable by keyboard (``privacy_site.html.tables``), and
Material's menu and section toggles as named buttons (``privacy_site.adapter.keyboard``).

Thin adapter; runs once per language, on every finished page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from privacy_site.adapter import keyboard
from privacy_site.adapter.generated_files import TITLE_ANCHOR, anchor_title
from privacy_site.adapter.site_context import current, macros
from privacy_site.html import tables
from privacy_site.languages.language import N_


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A Markdown page without its own ``# Title`` gets its title as an ``<h1>`` here (the
    theme would write one with no id), so "Skip to content" lands on it. Pages with their
    own template write their heading themselves."""
    if "<h1" not in html and not page.meta.get("template"):
        title = macros(config.theme.dirs, current(config).language).page_title(
            TITLE_ANCHOR, page.title
        )
        html = f"{title}\n{html}"
        anchor_title(page)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _finish(output, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _finish(output, config) if template_name.endswith(".html") else output


# The permalink title in mkdocs.yml (markdown_extensions, toc), named here so that
# ``make messages`` puts it in the catalogues.
PERMALINK_TITLE = N_("Link to this section")


def _finish(output: str, config: MkDocsConfig) -> str:
    build = current(config)
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
