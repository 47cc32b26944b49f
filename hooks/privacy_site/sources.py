"""Reading a file staff edited: the one way text enters the build.

Every file is read as bytes and checked before anything parses it, so a bad byte, an
invisible control character or an unreadable file becomes a located problem, never a
traceback further on.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import symlinks
from .problems import Problem

# C0 controls other than tab, newline and carriage return, DEL, and C1 controls: they
# print as nothing (or corrupt a terminal) and no legal text needs them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that reorder or hide text without showing themselves (a "Trojan Source"
# attack hides words this way). Zero-width joiner and non-joiner (U+200C, U+200D) are not
# here: Bengali, Arabic and other scripts need them to shape letters.
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or ``None`` with the problem that stops it being read (a link is
    never followed: see :mod:`symlinks`)."""
    if path.is_symlink():
        return None, [symlinks.problem(path, display)]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, message=f"the file cannot be read ({exc.strerror})")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read); open "
            "it in the editor and save it again as UTF-8, or paste its text into a new file"
        )
        return None, [Problem(display, line, column, message)]
    problems = []
    for match in CONTROL.finditer(text):
        line, column = position(text, match.start())
        problems.append(
            Problem(
                display,
                line,
                column,
                f"an invisible control character ({describe(match.group())}) is in the text, "
                "often left by copying from another program; delete it and retype the words "
                "around it",
            )
        )
        if len(problems) == 3:  # enough to find the rest with the editor's search
            break
    return (None if problems else text.replace("\r\n", "\n")), problems


def invisible_in(value: str) -> str | None:
    """The first invisible reordering or zero-width character in ``value``, described."""
    match = INVISIBLE.search(value)
    return describe(match.group()) if match else None


def describe(char: str) -> str:
    name = unicodedata.name(char, "") or {"\x00": "NUL"}.get(char, "control character")
    return f"U+{ord(char):04X} {name}".strip()


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
