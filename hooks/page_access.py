"""MkDocs hooks for what a person needs beyond what a scanner checks: tables that scroll
by themselves at 320 px, named and reachable by keyboard (``privacy_site.html.tables``), and
Material's menu and section toggles as named buttons (``privacy_site.adapter.keyboard``).

Thin adapter (``privacy_site.adapter.accessible_pages``); runs once per language, on every
finished page.
"""

from __future__ import annotations

from privacy_site.adapter import accessible_pages
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Page
from privacy_site.adapter.site_context import current


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return accessible_pages.with_title(html, page, current(config), config.theme.dirs)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return accessible_pages.finished(output, config, current(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output
    return accessible_pages.finished(output, config, current(config))
