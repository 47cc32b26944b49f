"""MkDocs hooks for the vendor registry: the data behind ``/vendors/`` and
``/api/vendors.json``. The registry itself is loaded and checked with the rest of the
content (``policy_pages.on_config``); this adapter only hands it to the page and the API.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from privacy_site.adapter.generated_files import add_static, norm_src_uri
from privacy_site.adapter.site_context import BuildContext, current
from privacy_site.outputs.api import json_bytes
from privacy_site.outputs.vendor_views import removed_rows, vendor_rows, vendors_document

VENDORS_PAGE = "vendors.md"
VENDORS_API = "api/vendors.json"


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = current(config)
    content = build.content
    document = vendors_document(
        content.vendors, content.today, build.lang, build.site_url, build.default
    )
    add_static(files, config, VENDORS_API, json_bytes(document))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """List the categories and vendors in the page's table of contents, before the
    Markdown's own sections. Titles there are HTML, so names are escaped here."""
    if norm_src_uri(page.file) != VENDORS_PAGE:
        return html
    entries = []
    for group in _groups(current(config)):
        category = AnchorLink(str(escape(group["label"])), f"category-{group['category']}", 2)
        category.children = [
            AnchorLink(str(escape(row["name"])), row["id"], 3) for row in group["vendors"]
        ]
        entries.append(category)
    gone = _removed(current(config))
    if gone:
        label = current(config).language.gettext("No longer used")
        section = AnchorLink(str(escape(label)), "no-longer-used", 2)
        section.children = [AnchorLink(str(escape(row["name"])), row["id"], 3) for row in gone]
        entries.append(section)
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
        context["vendor_groups"] = _groups(current(config))
        context["removed_vendors"] = _removed(current(config))
    return context


def _groups(build: BuildContext) -> list[dict[str, Any]]:
    content = build.content
    return vendor_rows(content.vendors, content.today, build.lang, build.language.gettext)


def _removed(build: BuildContext) -> list[dict[str, Any]]:
    content = build.content
    return removed_rows(content.vendors, content.today, build.lang, build.language.gettext)
