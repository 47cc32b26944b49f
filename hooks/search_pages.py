"""MkDocs hooks for search: what Material's index holds, and a page for readers without it.

- The vendors page is drawn by its template, which the search index never sees: each
  vendor is added to the index as a section at the vendor's ``#id`` (name, provider,
  category, purpose, what it collects), so "Google Analytics" finds it.
- A version's own page ranks below the policy's main page (the version in effect); an
  archived or announced version says so in its result's title. The version in effect is
  left out: its policy's main page is the same text.
- ``/follow/`` is drawn by its template too: its finished words are indexed.
- ``/all-pages/`` lists every page, policy version and tool, for readers without
  JavaScript, where Material's search cannot run (the header links to it).

Thin adapter (``privacy_site.adapter.search``); runs once per language.
"""

from __future__ import annotations

from typing import Any

from privacy_site.adapter import search
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Navigation, Page, event_priority
from privacy_site.adapter.site_context import current


@event_priority(-50)  # after the other hooks have finished the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    search.index_follow(output, page, config)
    return search.rebased(output, current(config))


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged search
def on_post_build(config: MkDocsConfig) -> None:
    search.split_index(config, current(config))


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    search.add_all_pages(files, config, current(config))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    search.anchor_all_pages_title(page)
    return html


@event_priority(10)  # after i18n (50) has set the page's language, before search (0)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    return search.index_page(context, page, config, current(config))
