"""The one rule for text staff write: which characters a value or a page may hold.

Pure functions of a string, used by every reader (front matter, ``vendors.yml``, the
settings in ``mkdocs.yml``, a page's body) after the bytes are read
(:func:`privacy_site.reading.sources.read_text`) and YAML has decoded them.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls other than tab, newline and carriage return, DEL, and C1 controls: they
# print as nothing (or corrupt a terminal) and no legal text needs them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# One rule for text, applied to every value after YAML has decoded it ("\e", "\a",
# "\u202e" and "\U000E0041" are escapes a file of clean bytes can hold): front matter,
# vendors.yml and the settings in mkdocs.yml (:func:`text_flaw`); and to page text
# (:func:`body_flaws`).
#
# - direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) reorder
#   the words readers see without showing themselves ("Trojan Source"); a page's direction
#   comes from its language, never from these. Refused everywhere, page bodies included.
# - tag characters (U+E0000-U+E007F) are invisible letters that carry hidden text.
#   Refused everywhere.
# - the line and paragraph separators (U+2028, U+2029) break lines in some programs and
#   not others. Refused everywhere: write an ordinary new line.
# - zero-width space, word joiner, byte-order mark, the direction marks (U+200E, U+200F,
#   U+061C) and the invisible operators and other format characters below: refused in a
#   value (a title, a summary, a name), where they hide or split words. A page body may
#   hold them: Khmer, Thai or Han text uses a zero-width space as a line-break hint, and
#   an Arabic paragraph may need a right-to-left mark next to a number.
# - zero-width joiner and non-joiner (U+200D, U+200C) are letters' glue in Bengali, Arabic,
#   Persian and emoji: accepted inside words, everywhere. A value made only of invisible
#   characters (a title that is one U+200D) is refused: it shows as nothing.
BIDI = "\u202a-\u202e\u2066-\u2069"
TAGS = "\U000e0000-\U000e007f"
SEPARATORS = "\u2028\u2029"
HIDING = "\u200b\u2060\ufeff\u200e\u200f\u061c\u2061-\u2064\u206a-\u206f\ufff9-\ufffb\u180e"
IN_BODY = re.compile(f"[{BIDI}{TAGS}{SEPARATORS}]")
IN_VALUE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}{TAGS}{SEPARATORS}{HIDING}]")
# &#x202E; or &#8238; in Markdown becomes the character itself in the page.
REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def text_flaw(value: str) -> str | None:
    """What is wrong with a decoded text value under the one rule above, as the end of a
    sentence that starts with the field's name; ``None`` when it may be published."""
    match = IN_VALUE.search(value)
    if match:
        return _why(match.group())
    if value and not value.isspace() and all(_invisible(char) for char in value):
        shown = ", ".join(dict.fromkeys(describe(c) for c in value if not c.isspace()))
        return (
            f"is made only of invisible characters ({shown}), so it shows as nothing: "
            "write it in words"
        )
    return None


def body_flaws(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each direction override, tag character or line separator in a
    page's text, written as the character or as an HTML reference (``&#x202E;``)."""
    found: list[tuple[int, str]] = []
    for match in IN_BODY.finditer(body):
        line = position(body, match.start())[0] + first_line - 1
        found.append((line, f"the page's text {_why(match.group())}"))
    for match in REFERENCE.finditer(body):
        hexa, decimal = match.groups()
        code = int(hexa, 16) if hexa else int(decimal)
        if code == 0 or (
            code <= 0x10FFFF and (IN_BODY.match(chr(code)) or CONTROL.match(chr(code)))
        ):
            line = position(body, match.start())[0] + first_line - 1
            what = _why(chr(code)).removeprefix("contains ")
            found.append((line, f"the page's text writes {match.group()}, which is {what}"))
    return sorted(found)[:3]  # enough to find the rest with the editor's search


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def _why(char: str) -> str:
    what = describe(char)
    if CONTROL.match(char):
        return (
            f"contains a control character ({what}), which prints as nothing or changes a "
            "terminal (a YAML escape such as \\a or \\e writes one): delete it"
        )
    if re.match(f"[{TAGS}]", char):
        return f"contains an invisible tag character ({what}) that can carry hidden text; delete it"
    if char in SEPARATORS:
        return f"contains a {what.split(' ', 1)[1].lower()} ({what}): write an ordinary new line"
    return (
        f"contains an invisible character ({what}) that can hide or reorder words; delete it "
        "and retype the text"
    )


def describe(char: str) -> str:
    name = unicodedata.name(char, "") or {"\x00": "NUL"}.get(char, "control character")
    return f"U+{ord(char):04X} {name}".strip()


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
