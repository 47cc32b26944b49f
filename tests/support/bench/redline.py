"""The redline of real legal text, as a ratio to a baseline measured in the same run
(difflib on the same words with no HTML work), so a noisy machine still gives a
meaningful number. Part of ``make bench``; alone: ``python -m bench.redline``."""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import lxml.html
import markdown
from privacy_site.outputs.redline import render_redline
from privacy_site.reading import frontmatter

from bench import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "github-privacy-statement"
ROUNDS = 7


def render(path: Path) -> str:
    body = frontmatter.parse(path.read_text(encoding="utf-8")).body
    return markdown.markdown(body, extensions=["tables", "attr_list", "toc"])


def best_of(rounds: int, function, *args) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(old: str, new: str) -> None:
    words = [lxml.html.fromstring(html).text_content().split() for html in (old, new)]
    SequenceMatcher(None, *words, autojunk=False).get_opcodes()


def run(rounds: int = ROUNDS) -> dict:
    versions = sorted(CORPUS.glob("*.md"))
    pairs = []
    for before, after in itertools.pairwise(versions):
        old, new = render(before), render(after)
        base = best_of(rounds, baseline, old, new)
        full = best_of(rounds, render_redline, old, new)
        pairs.append(
            {
                "pair": f"{before.stem} → {after.stem}",
                "words": len(lxml.html.fromstring(new).text_content().split()),
                "baseline_ms": base * 1000,
                "redline_ms": full * 1000,
                "ratio": full / base,
            }
        )
    return {
        "rounds": rounds,
        "pairs": pairs,
        "median_ratio": statistics.median(pair["ratio"] for pair in pairs),
    }


def main() -> int:
    result = run()
    print(f"{'pair':<28} {'words':>7} {'baseline':>9} {'redline':>9} {'ratio':>6}")
    for pair in result["pairs"]:
        print(
            f"{pair['pair']:<28} {pair['words']:>7} {pair['baseline_ms']:>7.1f}ms"
            f" {pair['redline_ms']:>7.1f}ms {pair['ratio']:>6.2f}"
        )
    print(f"median ratio redline/baseline: {result['median_ratio']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
