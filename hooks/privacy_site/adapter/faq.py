"""A page with ``faq: true`` gets schema.org FAQPage JSON-LD, built from its ``##``
questions (``privacy_site.outputs.faq``); ``overrides/main.html`` writes it into the
page's head from ``page.meta.faq_jsonld``."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from privacy_site.outputs.faq import faq_entries, faq_jsonld


def add_jsonld(html: str, page: Page) -> None:
    if not page.meta.get("faq"):
        return
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
