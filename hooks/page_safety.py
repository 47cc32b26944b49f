"""MkDocs hooks that keep every page safe to publish and every problem in it located:
sanitized text, no linked files, escaped titles, unique ids, a Content-Security-Policy
with only the theme's inline scripts (``privacy_site.adapter.finished_pages`` says each),
and MkDocs' own link warnings naming ``docs/<file>:<line>`` and the fix
(``privacy_site.adapter.mkdocs_messages``).

Problems are collected over the whole language build and reported together at its end.
"""

from __future__ import annotations

from pathlib import Path

from privacy_site.adapter import finished_pages, mkdocs_messages
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Page, event_priority
from privacy_site.adapter.site_context import current


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    mkdocs_messages.install(Path(config.docs_dir))
    return config


@event_priority(100)  # before mkdocs-static-i18n (-100) lists each language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    finished_pages.without_linked_files(files, config)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return finished_pages.markdown_of(markdown, page, config, current(config))


@event_priority(100)  # before any other hook reads the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return finished_pages.sanitized(html, page, config, current(config))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finished_pages.finished_page(output, page, config, current(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return finished_pages.finished_template(output, template_name, current(config))


def on_post_build(config: MkDocsConfig) -> None:
    finished_pages.report(current(config))
