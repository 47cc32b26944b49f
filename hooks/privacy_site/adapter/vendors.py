"""The vendor registry in an MkDocs build: ``/api/vendors.json``, the vendors page's table
of contents and its page data (``vendor_pages.py``). The registry itself is loaded and
checked with the rest of the content (``build_checks``)."""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from privacy_site.adapter.generated_files import add_static
from privacy_site.adapter.internals import norm_src_uri
from privacy_site.adapter.site_context import BuildContext
from privacy_site.outputs.api import json_bytes
from privacy_site.outputs.vendor_disclosures import element_index, vendors_csv
from privacy_site.outputs.vendor_views import removed_rows, vendor_rows, vendors_document

VENDORS_PAGE = "vendors.md"
VENDORS_API = "api/vendors.json"
VENDORS_CSV = "api/vendors.csv"


def add_api(files: Files, config: MkDocsConfig, build: BuildContext) -> None:
    content = build.content
    document = vendors_document(
        content.vendors, content.today, build.lang, build.site_url, build.default
    )
    add_static(files, config, build, VENDORS_API, json_bytes(document))
    table = vendors_csv(content.vendors, content.today, build.lang, build.site_url, build.default)
    add_static(files, config, build, VENDORS_CSV, table)


def is_vendors_page(page: Page) -> bool:
    return norm_src_uri(page.file) == VENDORS_PAGE


def list_in_contents(page: Page, build: BuildContext) -> None:
    """List the categories and vendors in the page's table of contents, before the
    Markdown's own sections. Titles there are HTML, so names are escaped here."""
    entries = []
    if elements(build):  # the filter by data element, before the categories as on the page
        label = build.language.gettext("Tools by the student data they receive")
        entries.append(AnchorLink(str(escape(label)), "by-student-data", 2))
    for group in groups(build):
        category = AnchorLink(str(escape(group["label"])), f"category-{group['category']}", 2)
        category.children = [
            AnchorLink(str(escape(row["name"])), row["id"], 3) for row in group["vendors"]
        ]
        entries.append(category)
    gone = removed(build)
    if gone:
        label = build.language.gettext("No longer used")
        section = AnchorLink(str(escape(label)), "no-longer-used", 2)
        section.children = [AnchorLink(str(escape(row["name"])), row["id"], 3) for row in gone]
        entries.append(section)
    top = list(page.toc)
    if len(top) == 1 and top[0].level == 1:  # the page's own "# Title" holds the rest
        top[0].children[:0] = entries
    else:
        page.toc = TableOfContents(entries + top)


def groups(build: BuildContext) -> list[dict[str, Any]]:
    content = build.content
    return vendor_rows(
        content.vendors,
        content.today,
        build.lang,
        build.language.gettext,
        content.settings.state,
    )


def elements(build: BuildContext) -> list[dict[str, Any]]:
    """The listed tools by data element: the page's filter without JavaScript."""
    return element_index(groups(build))


def removed(build: BuildContext) -> list[dict[str, Any]]:
    content = build.content
    return removed_rows(
        content.vendors,
        content.today,
        build.lang,
        build.language.gettext,
        content.settings.state,
    )
