"""MkDocs hooks that make Material's page frame valid HTML, for the Nu Html Checker.

Material writes its two state checkboxes (menu and search) at the top of ``<body>`` in
``base.html``, outside every template block, as::

    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"
      autocomplete="off">

``autocomplete`` is not allowed on ``type="checkbox"`` (HTML: it applies to text-like,
date and colour inputs only), so every page fails the checker. No block can remove it
without copying ``base.html``, so the finished page is rewritten here: only those two
inputs, only that attribute. It is a non-standard hint that stops Firefox restoring a
checkbox's state when the visitor comes back to a page; without it, Firefox may show the
menu or search still open after Back, and it closes as usual.

Runs before ``page_safety.py``, whose Content-Security-Policy is computed on the final page.
The 404 page is a theme template, not a page, so it is rewritten in ``on_post_template``.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

STATE_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


def without_checkbox_autocomplete(html: str) -> str:
    """``html`` with ``autocomplete="off"`` dropped from Material's drawer and search toggles."""
    return STATE_TOGGLE.sub(r"\1>", html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_checkbox_autocomplete(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return without_checkbox_autocomplete(output)
    return output
