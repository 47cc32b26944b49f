"""MkDocs hooks for changes: each version's redline page, the change list behind
``/changes/`` and the site-wide notice, its Atom feed and calendar, and the JSON API.

Thin adapter over ``privacy_site.adapter.changes``; runs once per language
(mkdocs-static-i18n rebuilds the site for each).
"""

from __future__ import annotations

from typing import Any

from privacy_site.adapter import changes
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Navigation, Page, event_priority
from privacy_site.adapter.site_context import current


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    changes.add_files(files, config, current(config))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    changes.titled(page)
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    return changes.page_context(context, page, current(config))
