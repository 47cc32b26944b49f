"""Benchmark: the redline of real legal text, as a ratio to a baseline measured in the
same run (difflib on the same words with no HTML work), so a noisy machine still gives a
meaningful number. Run with `make bench`; it asserts nothing about time."""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import lxml.html
import markdown
from privacy_site import frontmatter
from privacy_site.redline import render_redline

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "github-privacy-statement"
ROUNDS = 7


def render(path: Path) -> str:
    body = frontmatter.parse(path.read_text(encoding="utf-8")).body
    return markdown.markdown(body, extensions=["tables", "attr_list", "toc"])


def best_of(function, *args) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(old: str, new: str) -> None:
    words = [lxml.html.fromstring(html).text_content().split() for html in (old, new)]
    SequenceMatcher(None, *words, autojunk=False).get_opcodes()


def main() -> int:
    versions = sorted(CORPUS.glob("*.md"))
    ratios = []
    print(f"{'pair':<28} {'words':>7} {'baseline':>9} {'redline':>9} {'ratio':>6}")
    for before, after in itertools.pairwise(versions):
        old, new = render(before), render(after)
        base = best_of(baseline, old, new)
        full = best_of(render_redline, old, new)
        words = len(lxml.html.fromstring(new).text_content().split())
        ratios.append(full / base)
        print(
            f"{before.stem + ' → ' + after.stem:<28} {words:>7} {base * 1000:>7.1f}ms"
            f" {full * 1000:>7.1f}ms {full / base:>6.2f}"
        )
    print(f"median ratio redline/baseline: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
