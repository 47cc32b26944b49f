"""The site's benchmark: ``make bench`` (``python -m bench`` with tests/support/ on the path).

Parts: the hooks' overhead over a bare MkDocs build, growth with a synthetic district,
``mkdocs serve`` rebuilds, what a reader's browser transfers, Lighthouse, the redline
against difflib, and a profile of a large build. Writes BENCHMARKS.md and benchmarks.json.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
