"""MkDocs hook for the FAQ: a page with ``faq: true`` gets schema.org FAQPage JSON-LD,
built from its ``##`` questions. The template writes it into the page's head."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from privacy_site.outputs.faq import faq_entries, faq_jsonld


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("faq"):
        entries = faq_entries(html)
        missing = [entry.question for entry in entries if not entry.id]
        if not entries or missing:
            raise PluginError(
                f"docs/{page.file.src_uri}: faq: true, but "
                + (
                    "the page has no '## question' headings; write each question as a ## heading"
                    if not entries
                    else f"the question {missing[0]!r} has no id"
                )
            )
        page.meta["faq_jsonld"] = faq_jsonld(entries)
    return html
