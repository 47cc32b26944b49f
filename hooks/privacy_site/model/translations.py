"""A translated page: one model for every file under ``docs/<lang>/`` that translates the
English file at the same path, a policy version's included (its dates are always the
English file's, so it holds none)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Translation:
    lang: str
    path: str  # inside the language folder: "index.md", "policies/x/2018-05-15.md"
    kind: str  # "machine" or "reviewed"
    stale: bool = False  # the English file changed after this translation was made
    # False for a policy version translated in its title (and summary) alone: the page
    # shows the English text, marked as such, under the translated title
    body: bool = True
    # A policy version's own words in this language (None and () for any other page)
    title: str | None = None
    summary: str | None = None
    in_short: tuple[str, ...] = ()

    @property
    def src_uri(self) -> str:
        """The file, relative to docs/: ``es/policies/x/2018-05-15.md``."""
        return f"{self.lang}/{self.path}"
