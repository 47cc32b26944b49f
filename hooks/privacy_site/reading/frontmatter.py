"""Front matter of a Markdown file: its fields, where each was written, and the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model.text import body_flaws, text_flaw
from . import yamldoc

OPENING = re.compile(r"\A---[ \t]*\r?\n")
FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)


@dataclass
class Parsed:
    fields: dict[str, Any]
    body: str
    lines: dict[str, int] = field(default_factory=dict)  # field name -> line in the file
    body_line: int = 1  # the file line on which the body starts
    error: tuple[int | None, int | None, str] | None = None  # why the front matter is unread
    # (line, message) for each value that is readable but wrong whatever the field
    flaws: list[tuple[int | None, str]] = field(default_factory=list)

    def line_of(self, name: str) -> int | None:
        return self.lines.get(name)


def parse(text: str) -> Parsed:
    """Split ``text`` into front matter and body; positions are lines of the whole file.
    Each text value (as YAML decoded it) and the body are checked for characters that hide
    or reorder words (``model.text.text_flaw``, ``model.text.body_flaws``): ``flaws``."""
    parsed = _split(text)
    if parsed.error is None:
        parsed.flaws += body_flaws(parsed.body, parsed.body_line)
    return parsed


def _split(text: str) -> Parsed:
    text = text.lstrip("\ufeff")
    match = FENCE.match(text)
    if not match:
        if OPENING.match(text):
            return Parsed(
                fields={},
                body=text,
                error=(
                    1,
                    1,
                    "the front matter that starts on line 1 is never closed: add a line "
                    "with only '---' after its last field",
                ),
            )
        return Parsed(fields={}, body=text)
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    try:
        document = yamldoc.load(match.group(1))
    except yamldoc.YamlSyntaxError as exc:
        line = exc.line + 1 if exc.line is not None else None
        message = f"the front matter is not valid YAML: {yamldoc.problem_text(exc)}"
        return Parsed(fields={}, body=body, body_line=body_line, error=(line, exc.column, message))
    if document.data is None:
        return Parsed(fields={}, body=body, body_line=body_line)
    if not isinstance(document.data, dict):
        return Parsed(
            fields={},
            body=body,
            body_line=body_line,
            error=(2, 1, "the front matter must be a list of 'field: value' lines"),
        )
    lines = {
        str(path[0]): line + 1 for path, (line, _column) in document.marks.items() if len(path) == 1
    }
    parsed = Parsed(fields=document.data, body=body, lines=lines, body_line=body_line)
    for path, line, _column in document.duplicate_keys:
        parsed.flaws.append(
            (
                line + 1,
                f"{path[0]}: written twice; keep one '{path[0]}:' line (only the last one would "
                "be used)",
            )
        )
    for path, value in yamldoc.strings(document.data):
        flaw = text_flaw(value)  # the value as YAML decoded it: escapes included
        if flaw:
            line = (document.where(path)[0] or 0) + 1
            parsed.flaws.append((line, f"{'.'.join(str(p) for p in path)}: {flaw}"))
    return parsed


def page_text(fields: dict[str, Any], body: str = "") -> str:
    """A Markdown page the build makes: ``fields`` as front matter, then ``body``."""
    return f"---\n{yaml.safe_dump(fields, allow_unicode=True)}---\n{body}"
