"""Reading a file staff edited: the one way text enters the build.

Every file is read as bytes and checked before anything parses it, so a bad byte, an
invisible control character or an unreadable file becomes a located problem, never a
traceback further on. What a text may hold, once read, is :mod:`privacy_site.model.text`.
"""

from __future__ import annotations

from pathlib import Path

from ..model.problems import Problem
from ..model.text import CONTROL, describe, position
from . import symlinks


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
