"""Every page's Markdown rendered the way the build renders it, and checked, before any build.

The content checks (``privacy-site check`` and the build's first step) turn each page into
HTML with the extensions mkdocs.yml lists, as MkDocs will, so what the build would refuse
in a page's text (raw HTML outside the allowlist, :mod:`sanitize`) and what it could not
render at all is found by both, named by file and line. Blocks nested deeper than
:data:`MAX_DEPTH` are refused before rendering: Python-Markdown recurses once per level and
gives up with a ``RecursionError`` some hundreds of levels down, after seconds of work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import markdown

from ..html import sanitize
from ..model.problems import Problem

# Legal text nests points three or four levels deep (1. a. i. A.); ten is plenty.
MAX_DEPTH = 10
TAB = 4  # Python-Markdown's indentation per level
# MkDocs puts these first in every site's list (``markdown_extensions``' builtins).
BUILTIN = ("toc", "tables", "fenced_code")

# A line that opens an indented block: a list item, an admonition or details block, a
# definition, a footnote. Each level of nesting indents it by TAB more.
BLOCK_START = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*+]|\d+[.)]|!!!|\?\?\?\+?|:|\[\^[^\]]+\]:)(?:\s|$)"
)
# Quote marks before a line's own indentation (a list inside a quote nests as deep).
QUOTED = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")
# Raw HTML whose inside is Markdown again (md_in_html: ``<div markdown>``) nests too.
HTML_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w-]*)(?P<attrs>[^>]*)>")
MARKDOWN_ATTRIBUTE = re.compile(r"\bmarkdown\b")


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions and their options, as MkDocs passes them to Python-Markdown."""

    extensions: tuple[Any, ...] = BUILTIN
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_config(cls, listed: Any) -> MarkdownSettings:
        """mkdocs.yml's ``markdown_extensions`` (names, or one-key mappings of a name to its
        options) read the way MkDocs reads it: its builtins first, each name once."""
        names: list[str] = list(BUILTIN)
        configs: dict[str, Mapping[str, Any]] = {}
        items = listed.items() if isinstance(listed, Mapping) else listed or []
        for item in items:
            if isinstance(item, tuple):
                item = {item[0]: item[1]}
            if isinstance(item, Mapping):
                for name, options in item.items():
                    names.append(str(name))
                    if isinstance(options, Mapping) and options:
                        configs[str(name)] = options
            elif isinstance(item, str):
                names.append(item)
        return cls(tuple(dict.fromkeys(names)), configs)

    def key(self) -> str:
        """Stable across language builds (an extension object is named by its class)."""
        names = [e if isinstance(e, str) else type(e).__qualname__ for e in self.extensions]
        return repr((names, sorted((k, repr(v)) for k, v in self.configs.items())))

    def renderer(self) -> markdown.Markdown:
        return markdown.Markdown(
            extensions=list(self.extensions),
            extension_configs={name: dict(options) for name, options in self.configs.items()},
        )


@dataclass(frozen=True)
class Page:
    """One Markdown file to check: where staff see it, its whole text and its body."""

    display: str  # docs/en/contact.md
    source: str  # the whole file, front matter included (so lines match)
    body: str
    body_line: int  # the line of the file on which the body starts


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    unrenderable: set[str] = field(default_factory=set)  # displays of pages not rendered


def check_pages(pages: Iterable[Page], settings: MarkdownSettings) -> Checked:
    """Each page's nesting, then its rendering, then its HTML against the allowlist."""
    checked = Checked()
    try:
        renderer: markdown.Markdown | None = settings.renderer()  # one problem, not one a page
    except Exception as exc:
        checked.problems.append(
            Problem(
                "mkdocs.yml",
                message=f"markdown_extensions: cannot be loaded ({type(exc).__name__}: "
                f"{str(exc)[:120]}); check each extension's name and options, or remove the "
                "one added last",
            )
        )
        return checked
    for page in pages:
        deep = too_deep(page)
        if deep is not None:
            checked.problems.append(deep)
            checked.unrenderable.add(page.display)
            continue
        renderer = renderer or settings.renderer()
        try:
            html = renderer.reset().convert(page.body)
        except Exception as exc:  # whatever Markdown or an extension raises, located
            checked.problems.append(not_rendered(page.display, exc))
            checked.unrenderable.add(page.display)
            renderer = None  # a failed conversion may leave the renderer half done
            continue
        checked.problems += sanitize.problems(page.display, html, page.source)
    return checked


def too_deep(page: Page) -> Problem | None:
    """The first block that nests more than :data:`MAX_DEPTH` levels, located at the line
    where it starts, or ``None``."""
    start = None  # the line of the outermost block around the current line
    opened: list[str] = []  # md_in_html elements open around the current line
    for number, line in enumerate(page.body.split("\n"), start=page.body_line):
        match = BLOCK_START.match(QUOTED.sub("", line))
        depth = 0
        if match:
            depth = len(match.group("indent").expandtabs(TAB)) // TAB + 1
            if depth == 1 or start is None:
                start = number
        for tag in HTML_TAG.finditer(line):
            name = tag.group("name").lower()
            if tag.group("close"):
                if opened and opened[-1] == name:
                    opened.pop()
            elif MARKDOWN_ATTRIBUTE.search(tag.group("attrs")):
                if not opened:
                    start = number
                opened.append(name)
        depth = max(depth, len(opened))
        if depth > MAX_DEPTH:
            return Problem(
                page.display,
                start,
                message=f"this list (or other indented block) nests more than {MAX_DEPTH} "
                f"levels deep (line {number} is at level {depth}); lists nest at most "
                f"{MAX_DEPTH} deep: flatten it, for example by starting a new list under a "
                "heading, or by writing the sub-points as sentences",
            )
    return None


def not_rendered(display: str, exc: BaseException) -> Problem:
    reason = f"{type(exc).__name__}: {exc}"[:160]
    return Problem(
        display,
        message=f"the page's Markdown cannot be turned into a page ({reason}); simplify the "
        "part of the text edited last (deeply nested lists, quotes or HTML), or undo that edit",
    )
