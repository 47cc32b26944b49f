"""MkDocs hooks that make Material's page frame valid HTML, for the Nu Html Checker: its
menu and search checkboxes without ``autocomplete`` (``privacy_site.adapter.material_html``
says why, and why on the finished page).

Runs before ``page_safety.py``, whose Content-Security-Policy is computed on the final page.
The 404 page is a theme template, not a page, so it is rewritten in ``on_post_template``.
"""

from __future__ import annotations

from privacy_site.adapter.material_html import without_checkbox_autocomplete
from privacy_site.adapter.mkdocs_api import MkDocsConfig, Page


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_checkbox_autocomplete(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return without_checkbox_autocomplete(output)
    return output
