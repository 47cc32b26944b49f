"""MkDocs hook for the FAQ: a page with ``faq: true`` gets schema.org FAQPage JSON-LD,
built from its ``##`` questions (``privacy_site.adapter.faq``)."""

from __future__ import annotations

from privacy_site.adapter import faq
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    faq.add_jsonld(html, page)
    return html
