"""Material's own HTML, rewritten on the finished page where no template block can change
it. Each pattern matches text Material's templates write (``tests/unit/adapter/test_internals.py``
checks the installed Material still writes it; a page it no longer matches is left as
Material wrote it). ``keyboard.py`` does the same for Material's keyboard gaps.

- :data:`STATE_TOGGLE`: the two state checkboxes (menu and search) at the top of
  ``<body>`` in ``base.html``, outside every template block::

      <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"
        autocomplete="off">

  ``autocomplete`` is not allowed on ``type="checkbox"`` (HTML: it applies to text-like,
  date and colour inputs only), so every page fails the Nu Html Checker. Only those two
  inputs lose only that attribute. It is a non-standard hint that stops Firefox
  restoring a checkbox's state when the visitor comes back to a page; without it,
  Firefox may show the menu or search still open after Back, and it closes as usual.
- :data:`LANGUAGE_LINK`: the ``<head>`` language links of ``base.html``'s ``site_meta``
  block (``site_files`` says why they are dropped).
"""

from __future__ import annotations

import re
from typing import Any

STATE_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)
LANGUAGE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def without_checkbox_autocomplete(html: str) -> str:
    """``html`` with ``autocomplete="off"`` dropped from Material's drawer and search toggles."""
    return STATE_TOGGLE.sub(r"\1>", html)


def without_language_links(html: Any) -> str:
    return LANGUAGE_LINK.sub("", str(html))
