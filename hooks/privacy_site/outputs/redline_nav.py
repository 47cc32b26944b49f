"""A redline a reader can find their way through on a phone: each change numbered, with a
link to the one before and after it, and every section without a change folded.

Works on the finished redline HTML (``redline.render_redline``'s, labels filled in):

- a *change* is a block of the text (a paragraph, a list, a table, a heading) that holds
  ``<ins>`` or ``<del>``; it gets ``id="change-N"`` and, just before it, a line "Change N
  of M" with links to the previous and next change;
- a *section* runs from a heading to the next heading of the same or a higher level (the
  text before the first heading is a section too); one without a change is folded into a
  ``<details>`` whose summary names it, which opens without JavaScript.

Language-neutral: the words come from the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement
from markupsafe import Markup

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Words:
    """The reader's words: ``step(n, total)`` -> "Change 2 of 5"; ``folded(title, count)``
    -> "Unchanged: Retention (2 paragraphs)", as HTML (the title isolated in ``<bdi>``, so an
    English title inside Arabic keeps its own direction); ``opening`` names the text before
    the first heading."""

    step: Callable[[int, int], str]
    previous: str
    next: str
    folded: Callable[[str, int], Markup]
    opening: str


@dataclass(frozen=True)
class Change:
    id: str  # "change-3"
    section: str  # the title of the section it is in
    section_id: str | None  # that heading's id, when it has one


@dataclass(frozen=True)
class Navigable:
    html: str
    changes: list[Change]
    folded: int  # sections folded away


def navigable(html: str, words: Words) -> Navigable:
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    blocks = [child for child in root if isinstance(child.tag, str)]
    sections = [(title or words.opening, hid, members) for title, hid, members in _sections(blocks)]
    changed = [block for block in blocks if _has_change(block)]
    total = len(changed)
    changes: list[Change] = []
    section_of = {id(block): (title, hid) for title, hid, members in sections for block in members}
    for number, block in enumerate(changed, start=1):
        change_id = f"change-{number}"
        step = lxml.html.Element("p", {"class": "redline-step", "id": change_id, "tabindex": "-1"})
        strong = lxml.html.Element("strong")
        strong.text = words.step(number, total)
        step.append(strong)
        for label, target in (
            (words.previous, number - 1 if number > 1 else None),
            (words.next, number + 1 if number < total else None),
        ):
            if target is None:
                continue
            link = lxml.html.Element("a", {"href": f"#change-{target}"})
            link.text = label
            link.tail = ""
            step[-1].tail = (step[-1].tail or "") + " · "
            step.append(link)
        block.addprevious(step)
        changes.append(Change(change_id, *section_of[id(block)]))
    folded = 0
    for title, _, members in sections:
        count = sum(1 for block in members if block.tag not in HEADINGS)
        if count == 0 or any(_has_change(block) for block in members):
            continue  # a heading alone folds nothing: it stays as it is
        details = lxml.html.Element("details", {"class": "redline-unchanged"})
        summary = lxml.html.fragment_fromstring(f"<summary>{words.folded(title, count)}</summary>")
        details.append(summary)
        members[0].addprevious(details)
        for block in members:
            details.append(block)  # moves it
        folded += 1
    body = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return Navigable(body, changes, folded)


def _has_change(block: HtmlElement) -> bool:
    return block.tag in ("ins", "del") or bool(block.xpath(".//ins | .//del"))


def _sections(blocks: list[HtmlElement]) -> list[tuple[str, str | None, list[HtmlElement]]]:
    """(title, heading id, blocks) for each section, in order; nested headings start their
    own section, so a long chapter folds part by part."""
    sections: list[tuple[str, str | None, list[HtmlElement]]] = []
    title, heading_id, members = "", None, []
    for block in blocks:
        if block.tag in HEADINGS:
            if members:
                sections.append((title, heading_id, members))
            title = " ".join(block.text_content().split()).rstrip("¶").strip()
            heading_id, members = block.get("id"), [block]
        else:
            members.append(block)
    if members:
        sections.append((title, heading_id, members))
    return sections
