"""MkDocs hooks for the vendor registry: the data behind ``/vendors/`` and
``/api/vendors.json`` (``privacy_site.adapter.vendors``). The registry itself is loaded
and checked with the rest of the content (``policy_pages.on_config``).
"""

from __future__ import annotations

from typing import Any

from privacy_site.adapter import vendors
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Navigation, Page, event_priority
from privacy_site.adapter.site_context import current


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    vendors.add_api(files, config, current(config))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if vendors.is_vendors_page(page):
        vendors.list_in_contents(page, current(config))
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if vendors.is_vendors_page(page):
        context["vendor_groups"] = vendors.groups(current(config))
        context["removed_vendors"] = vendors.removed(current(config))
        context["vendor_elements"] = vendors.elements(current(config))
    return context
