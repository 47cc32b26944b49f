"""MkDocs hooks for what a person needs beyond what a scanner checks: tables that scroll
by themselves at 320 px, named and reachable by keyboard (``privacy_site.tables``).

Thin adapter; runs once per language, on every finished page.
"""

from __future__ import annotations

from generated_files import languages
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from privacy_site import tables, ui


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lang, _, _ = languages(config)
    return tables.wrap_tables(output, str(escape(ui.strings(lang)["table_scrolls"])))
