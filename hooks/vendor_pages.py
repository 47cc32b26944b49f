"""MkDocs hooks for the vendor registry: the data behind ``/vendors/`` and
``/api/vendors.json``. The registry itself is loaded and checked with the rest of the
content (``policy_pages.on_config``); this adapter only hands it to the page and the API.
"""

from __future__ import annotations

from typing import Any

from generated_files import add_static, languages, norm_src_uri
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from privacy_site.vendors import vendor_rows, vendors_document

VENDORS_PAGE = "vendors.md"
VENDORS_API = "api/vendors.json"


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from privacy_site.api import json_bytes

    content = config.privacy_content
    lang, default, _ = languages(config)
    document = vendors_document(
        content.vendors, content.today, lang, config.site_url or None, default
    )
    add_static(files, config, VENDORS_API, json_bytes(document))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """List the categories and vendors in the page's table of contents, before the
    Markdown's own sections. Titles there are HTML, so names are escaped here."""
    if norm_src_uri(page.file) != VENDORS_PAGE:
        return html
    content = config.privacy_content
    lang, _, _ = languages(config)
    entries = []
    for group in vendor_rows(content.vendors, content.today, lang):
        category = AnchorLink(str(escape(group["label"])), f"category-{group['category']}", 2)
        category.children = [
            AnchorLink(str(escape(row["name"])), row["id"], 3) for row in group["vendors"]
        ]
        entries.append(category)
    top = list(page.toc)
    if len(top) == 1 and top[0].level == 1:  # the page's own "# Title" holds the rest
        top[0].children[:0] = entries
    else:
        page.toc = TableOfContents(entries + top)
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if norm_src_uri(page.file) == VENDORS_PAGE:
        content = config.privacy_content
        lang, _, _ = languages(config)
        context["vendor_groups"] = vendor_rows(content.vendors, content.today, lang)
    return context
