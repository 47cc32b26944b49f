"""Parity of a translation with its English source: the same headings (count and ids), the
same link targets, the same lists and tables (with as many items and rows).

A translation may say things in another order, but a reader who follows a deep link, a
"see section 4" or the third item of a list must find it in every language. Each mismatch
names the line in the translation and the line in the English, so a translator can put
the two side by side.

Markdown is read line by line, the way the site's Markdown reads it for these four
things: ATX headings (``## Title {#id}``), inline links, autolinks, reference definitions
and ``href``s, list items, and pipe tables. Fenced code and HTML comments are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify

from ..model.problems import Problem

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
HEADING_ATTRS = re.compile(r"\{:?([^{}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
# The target as Python-Markdown reads it: in <...>, or up to a title, spaces included.
# A backslash and the character after it are one unit: ``\)`` is no link's end, ``\\)`` is.
INLINE_LINK = re.compile(
    r"\]\(\s*(?:<([^<>\n]*)>|((?:\\[^\n]|[^()\s<>\\]|\([^()\s]*\))+"
    r"(?:[ \t]+(?![\"'(])(?:\\[^\n]|[^()\s<>\\]|\([^()\s]*\))+)*))"
    r"(?:\s+[\"'(][^)]*)?\s*\)"
)
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
REFERENCE = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""")
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
MARKUP = re.compile(r"[*_`~]|!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Block:
    """A list (its items) or a table (its rows, the header row included)."""

    line: int
    size: int


@dataclass
class Outline:
    headings: list[Heading] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, target)
    lists: list[Block] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)


def outline(body: str, first_line: int = 1) -> Outline:
    """The headings, links, lists and tables of a Markdown body; ``first_line`` is the file
    line the body starts on, so every line reported is a line of the file."""
    found = Outline()
    ids: Counter[str] = Counter()
    lines = body.splitlines()
    fence: str | None = None
    in_comment = False
    list_start: int | None = None
    list_items = 0
    previous_blank = True
    index = 0
    while index < len(lines):
        text = lines[index]
        number = first_line + index
        index += 1
        if fence is not None:
            if text.strip().startswith(fence):
                fence = None
            continue
        if in_comment or "<!--" in text:
            in_comment = "-->" not in text.split("<!--")[-1]
            text = re.sub(r"<!--.*?(-->|$)", "", text)
            if not text.strip():
                continue
        opening = FENCE.match(text)
        if opening:
            fence = opening.group(1)
            continue
        blank = not text.strip()
        item = LIST_ITEM.match(text)
        if item:
            if list_start is None:
                list_start, list_items = number, 0
            list_items += 1
        elif list_start is not None and not blank and previous_blank and not text[:1].isspace():
            found.lists.append(Block(list_start, list_items))
            list_start = None
        heading = HEADING.match(text)
        if heading and not item:
            if list_start is not None:
                found.lists.append(Block(list_start, list_items))
                list_start = None
            found.headings.append(_heading(number, heading, ids))
        if (
            not heading
            and index < len(lines)
            and "|" in text
            and TABLE_RULE.match(lines[index])
            and "|" in lines[index]
        ):
            start, rows = number, 1
            index += 1  # the rule under the header row
            while index < len(lines) and lines[index].strip() and "|" in lines[index]:
                found.links += _links(lines[index], first_line + index)
                rows += 1
                index += 1
            found.tables.append(Block(start, rows))
        found.links += _links(text, number)
        previous_blank = blank
    if list_start is not None:
        found.lists.append(Block(list_start, list_items))
    return found


def _heading(number: int, match: re.Match[str], ids: Counter[str]) -> Heading:
    title = match.group(2)
    attrs = HEADING_ATTRS.search(title)
    explicit = ATTR_ID.search(attrs.group(1)) if attrs else None
    if attrs:
        title = title[: attrs.start()].rstrip()
    if explicit:
        anchor = explicit.group(1)
    else:  # what the toc extension writes: the slug, made unique with _1, _2, ...
        anchor = slugify(MARKUP.sub(lambda m: m.group(1) or "", title), "-")
        if ids[anchor]:
            anchor = f"{anchor}_{ids[anchor]}"
    ids[anchor] += 1
    return Heading(number, len(match.group(1)), anchor, title)


def _links(text: str, number: int) -> Iterator[tuple[int, str]]:
    for pattern in (INLINE_LINK, AUTOLINK, REFERENCE, HREF):
        for match in pattern.finditer(text):
            yield number, next((g for g in match.groups() if g is not None), "")


def compare(
    english: Outline, english_file: str, translation: Outline, translation_file: str
) -> list[Problem]:
    """Every way ``translation`` differs from ``english``, located in the translation and
    naming the English file and line to compare with."""
    problems: list[Problem] = []

    def where(line: int) -> str:
        return f"{english_file}, line {line}"

    def add(line: int | None, message: str) -> None:
        problems.append(Problem(translation_file, line, message=message))

    # Headings: the same ones, in the same order, with the same ids.
    for position, (ours, theirs) in enumerate(
        zip(english.headings, translation.headings, strict=False), 1
    ):
        if ours.level != theirs.level:
            add(
                theirs.line,
                f"heading {position} is level {theirs.level} ({'#' * theirs.level}) here but "
                f"level {ours.level} ({'#' * ours.level}) in the English ({where(ours.line)}): "
                "give it the English level",
            )
        if ours.id != theirs.id:
            add(
                theirs.line,
                f"heading {position} has "
                + (f"the id '{theirs.id}'" if theirs.id else "no id (its words make none)")
                + f" here but '{ours.id}' in the English ({where(ours.line)}), so links to it "
                "would break in this language: "
                f"end the heading with {{#{ours.id}}}",
            )
    if len(english.headings) > len(translation.headings):
        missing = english.headings[len(translation.headings)]
        add(
            translation.headings[-1].line if translation.headings else None,
            f"this translation has {len(translation.headings)} headings and the English has "
            f"{len(english.headings)}: the first without a translation is "
            f"'{missing.text}' ({where(missing.line)}); translate it, with {{#{missing.id}}}",
        )
    elif len(translation.headings) > len(english.headings):
        extra = translation.headings[len(english.headings)]
        add(
            extra.line,
            f"this translation has {len(translation.headings)} headings and the English "
            f"{english_file} has {len(english.headings)}: this heading has no English "
            "original; remove it, or make it part of the text above",
        )

    # Links: the same targets, whatever the order sentences take in the language.
    ours_by_target = Counter(target for _, target in english.links)
    theirs_by_target = Counter(target for _, target in translation.links)
    for target, count in sorted((ours_by_target - theirs_by_target).items()):
        line = next(n for n, t in english.links if t == target)
        add(
            None,
            f"the English links to {target} ({where(line)})"
            + (f" {count} more times than this translation" if count > 1 else "")
            + " and this translation does not: keep the link, with the same target",
        )
    for target, _count in sorted((theirs_by_target - ours_by_target).items()):
        line = next(n for n, t in translation.links if t == target)
        add(
            line,
            f"this links to {target}, which the English {english_file} does not link to as "
            "often: link the same targets as the English",
        )

    # Lists and tables: as many, each as long.
    for kind, unit, ours_blocks, theirs_blocks in (
        ("list", "items", english.lists, translation.lists),
        ("table", "rows", english.tables, translation.tables),
    ):
        for position, (ours, theirs) in enumerate(zip(ours_blocks, theirs_blocks, strict=False), 1):
            if ours.size != theirs.size:
                add(
                    theirs.line,
                    f"{kind} {position} has {theirs.size} {unit} here and {ours.size} in the "
                    f"English ({where(ours.line)}): translate every {unit[:-1]}, no more",
                )
                break  # later ones are likely off by the same change
        if len(ours_blocks) != len(theirs_blocks):
            shared = min(len(ours_blocks), len(theirs_blocks))
            if len(ours_blocks) > shared:
                add(
                    theirs_blocks[-1].line if theirs_blocks else None,
                    f"this translation has {len(theirs_blocks)} {kind}s and the English has "
                    f"{len(ours_blocks)}: {kind} {shared + 1} ({where(ours_blocks[shared].line)}) "
                    "has no translation; translate it as a "
                    + ("list" if kind == "list" else "table"),
                )
            else:
                add(
                    theirs_blocks[shared].line,
                    f"this translation has {len(theirs_blocks)} {kind}s and the English "
                    f"{english_file} has {len(ours_blocks)}: this {kind} has no English "
                    "original; write it as the English does",
                )
    return problems
