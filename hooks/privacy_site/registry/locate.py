"""A problem in ``vendors.yml``: the path of the value it is about, where that is in the file,
and the vendor named as staff know it.

Both passes of :mod:`vendor_checks` (:mod:`vendor_schema` and :mod:`vendor_rules`) report
through one :class:`Collector`, so every message is located and worded the same way and
the same message at the same place is kept once.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.problems import Problem
from ..reading.yamldoc import Document, Path

Found = tuple[Path, Problem]


def dotted(path: Path, data: Any = None) -> str:
    """``("vendors", 3, "links", "opt_out")`` as a path: ``vendors[3].links.opt_out``; with the
    registry's ``data``, as staff read it: ``vendor 'seesaw', links.opt_out``."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text if data is None else in_staff_words(text, data)


VENDOR_INDEX = re.compile(r"vendors\[(\d+)\](\.?)")
VENDOR_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def in_staff_words(message: str, data: Any) -> str:
    """Each ``vendors[3]`` in ``message`` named as staff know the vendor: by its id, or by
    its place in the file when it has no usable id yet."""
    entries = data.get("vendors") if isinstance(data, dict) else None

    def label(match: re.Match[str]) -> str:
        index = int(match.group(1))
        entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
        vendor_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(vendor_id, str) and VENDOR_ID.match(vendor_id):
            name = f"vendor '{vendor_id}'"
        else:
            name = f"the {_ordinal(index + 1)} vendor"
        return name + (", " if match.group(2) else "")

    return VENDOR_INDEX.sub(label, message)


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


class Collector:
    """Problems with their paths; the same message at the same place is kept once."""

    def __init__(self, document: Document, display: str):
        self.document = document
        self.display = display
        self.found: list[Found] = []
        self._seen: set[tuple[int, int, str]] = set()

    def add(
        self,
        path: Path,
        message: str,
        *,
        at: Path | None = None,
        position: tuple[int, int] | None = None,
        severity: str = "error",
    ) -> None:
        line, column = position or self.document.where(path if at is None else at)
        line, column = line or 1, column or 1
        message = in_staff_words(message, self.document.data)
        if (line, column, message) in self._seen:
            return
        self._seen.add((line, column, message))
        self.found.append((path, Problem(self.display, line, column, message, severity)))
