"""Problems found in the content, reported to staff all at once in plain English."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as precisely as we can, and how to fix it.

    ``message`` names the field and the fix; ``str()`` prefixes the location the way
    compilers do (``file:line:column:``) so editors can jump to it.
    """

    file: str
    line: int | None = None
    column: int | None = None
    message: str = ""
    severity: str = "error"  # "error" fails the build; "warning" is reported only

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """File, then position (a problem about the whole file first), then message."""
        return (self.file, self.line or 0, self.column or 0, self.message)


class ContentError(Exception):
    """Raised with every error found, so staff fix them all in one round."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The site was not built: {count} {noun} in the content must be fixed first."]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]
