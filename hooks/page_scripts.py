"""MkDocs hooks: each finished page loads only the site's own scripts it runs
(``privacy_site.html.page_scripts``), so no page downloads a script that has nothing to do.

Thin adapter; runs once per language, on every finished page and on the 404 page.
"""

from __future__ import annotations

from privacy_site.adapter.mkdocs_api import MkDocsConfig, Page
from privacy_site.html.page_scripts import without_unused_scripts


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_unused_scripts(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return without_unused_scripts(output) if template_name.endswith(".html") else output
