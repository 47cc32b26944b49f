"""One ``<h1>`` per page: a policy's template writes the title, so the body's own headings
sit below it.

Most Markdown starts with its title (``# Website Privacy Policy``). On a page whose template
writes the ``<h1>`` from the front matter's ``title``, that line would be a second title,
on screen, on paper and to a screen reader's list of headings. The body's leading ``<h1>``
is therefore left out, and if the body still has an ``<h1>`` (a file that uses ``#`` for its
sections), every heading of the body moves one level down, keeping the outline's shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Python-Markdown writes headings as plain tags; page text allows no other use of them.
LEADING_H1 = re.compile(r"\A\s*<h1(?:\s[^>]*)?>.*?</h1>\s*", re.DOTALL)
ID = re.compile(r'\sid="([^"]*)"')
TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])")
H1 = re.compile(r"<h1(?=[\s>])")


@dataclass(frozen=True)
class Body:
    html: str
    title_id: str | None  # the id of the leading <h1> left out, if there was one
    demoted: bool  # every heading moved one level down


def under_title(html: str) -> Body:
    """``html`` (a page's rendered body) fit to sit under a template's ``<h1>``."""
    if not H1.search(html):
        return Body(html, None, False)
    title_id = None
    leading = LEADING_H1.match(html)
    if leading:
        found = ID.search(leading.group(0).split(">", 1)[0])
        title_id = found.group(1) if found else ""
        html = html[leading.end() :]
    demoted = H1.search(html) is not None
    if demoted:
        html = TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", html)
    return Body(html, title_id, demoted)
