"""Tables that fit a phone: each in a named region that scrolls sideways by itself.

At 320 px a table with four columns is wider than the screen. WCAG 1.4.10 lets a
two-dimensional table scroll, as long as the page does not: so every table sits in its own
scroll box, which a keyboard can focus and scroll (``tabindex="0"``), which a screen reader
announces by the table's caption or the heading above it, and which says, on small
screens, that it scrolls (except a table the site lays out to fit, marked
``data-reflow``: the version history). Done on the finished page, so it holds for tables
from Markdown and from the templates alike, with or without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL | re.IGNORECASE)
CAPTION_ID = re.compile(r"<caption\b[^>]*\bid=\"([^\"]+)\"", re.IGNORECASE)
REFLOWS = re.compile(r"<table\b[^>]*\bdata-reflow\b", re.IGNORECASE)
HEADING_ID = re.compile(r"<h[1-6]\b[^>]*\bid=\"([^\"]+)\"", re.IGNORECASE)


@dataclass(frozen=True)
class ScrollTable:
    """A table in its scroll box (``scroll_table`` in overrides/partials/fragments.html)."""

    hint_id: str  # "table-hint-3": the id of the hint that says it scrolls
    labelled_by: Markup  # the ids that name the region, as the page writes them
    table: Markup  # the table, as it was on the page


def wrap_tables(html: str, wrap: Callable[[ScrollTable], str]) -> str:
    """Each ``<table>`` in a focusable region named by its caption (or the heading before
    it), after a hint which only small screens show: ``wrap`` writes the two."""
    parts: list[str] = []
    last = 0
    heading, read = None, 0  # the last heading id before ``read``: the page read once
    for number, match in enumerate(TABLE.finditer(html), start=1):
        table = match.group()
        if REFLOWS.match(table):
            continue  # laid out to fit a phone (its columns wrap): it never scrolls
        caption = CAPTION_ID.search(table)
        heading = _last(HEADING_ID.findall(html, read, match.start())) or heading
        read = match.start()
        hint_id = f"table-hint-{number}"
        names = [caption.group(1) if caption else heading, hint_id]
        labelled = " ".join(name for name in names if name)
        parts += [
            html[last : match.start()],
            wrap(ScrollTable(hint_id, Markup(labelled), Markup(table))),
        ]
        last = match.end()
    parts.append(html[last:])
    return "".join(parts)


def _last(items: list[str]) -> str | None:
    return items[-1] if items else None
