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

Thin adapter (``privacy_site.adapter.language_notices``); runs once per language, for
every page.
"""

from __future__ import annotations

from typing import Any

from privacy_site.adapter import language_notices
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Navigation, Page, event_priority
from privacy_site.adapter.site_context import current


@event_priority(-120)  # after policy_pages has gathered the policies under "Policies"
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    language_notices.translate_nav(nav, current(config))
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return language_notices.with_status_report(html, page, current(config), config.theme.dirs)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    return language_notices.add_notices(context, page, current(config), config.theme.dirs)
