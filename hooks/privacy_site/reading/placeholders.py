"""Placeholders left in pages for the district to write: ``[TO WRITE: what to write]``.

``privacy-site new-district`` writes the standard pages without inventing a fact it was
not given; where a page needs one, it leaves a placeholder. Each is a reminder (a
warning, so a new site builds at once) located at its line until the district's own
words replace it.
"""

from __future__ import annotations

import re

from ..model.problems import Problem
from .docs_tree import DocsTree

MARK = "TO WRITE:"
PLACEHOLDER = re.compile(r"\[TO WRITE:\s*([^\]\n]*)\]?")


def found_in(tree: DocsTree) -> list[Problem]:
    """A warning for each placeholder in every page of every language built."""
    problems: list[Problem] = []
    for pages in tree.pages.values():
        for path in sorted(pages.values()):
            text = tree.source(path)
            if not text or MARK not in text:
                continue
            for number, line in enumerate(text.splitlines(), start=1):
                for match in PLACEHOLDER.finditer(line):
                    what = match.group(1).strip().rstrip(".")
                    what = what if len(what) <= 60 else what[:59].rstrip() + "…"
                    problems.append(
                        Problem(
                            tree.display(path),
                            number,
                            message=f"a placeholder is still here ({what}): replace the "
                            "whole '[TO WRITE: …]' with the district's own words",
                            severity="warning",
                        )
                    )
    return problems
