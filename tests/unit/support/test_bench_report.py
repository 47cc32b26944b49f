"""``python -m bench --parts ... --merge``: the parts run go into BENCHMARKS.md in their
place, and every other section stays as it was written (a report is never rewritten
from a partial run)."""

from __future__ import annotations

from bench import report

EARLIER = """# Benchmarks

Written by `make bench` on a day.

## Machine

| what | value |
|---|---|
| cores | 2 |

## 2b. `mkdocs serve`: from a save to the page showing it

Hand-written note kept as it is.

## 3. What a reader pays

Numbers from another run.
"""


def run(item: str, seconds: list[float]) -> dict:
    rows = [
        {
            "items": 10 * (n + 1),
            "pages": 13,
            "seconds": s,
            "user_seconds": s * 0.9,
            "ms_per_item": 100 * s / (n + 1),
            "ms_per_page": 1000 * s / 13,
            "peak_rss_mib": 60.0,
            "load_average_before": (1.0, 1.0, 1.0),
            "load_average_after": (1.5, 1.0, 1.0),
        }
        for n, s in enumerate(seconds)
    ]
    return {
        "item": item,
        "languages": ["en"],
        "rows": rows,
        "fit": {"slope_ms_per_item": 100.0, "intercept_seconds": 0.0, "r_squared": 0.999},
        "cpu_fit": {"slope_ms_per_item": 90.0, "intercept_seconds": 0.0, "r_squared": 0.998},
        "r_squared_target": 0.99,
        "linear": True,
        "redline_cache": "cleared before every build (cold)",
    }


def results(seconds: list[float]) -> dict:
    return {
        "machine": {"commit": "abcdef0123456789"},
        "command": "make bench BENCH='--parts vendors,versions --merge'",
        "started": "2026-12-07 03:00:00 +0000",
        "load_average_start": (2.0, 2.0, 2.0),
        "load_average_end": (3.0, 2.0, 2.0),
        "vendors": run("vendors", seconds),
        "versions": run("versions", seconds),
    }


def test_merged_parts_go_in_order_and_the_rest_is_kept() -> None:
    merged = report.splice(EARLIER, results([1.0, 2.0]), ["vendors", "versions"])
    headings = [line for line in merged.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Machine",
        "## 2b. `mkdocs serve`: from a save to the page showing it",
        "## 2c. Growth in vendors",
        "## 2d. Growth in versions of one policy",
        "## 3. What a reader pays",
    ]
    new = merged[merged.index("## 2c.") : merged.index("## 3.")]
    assert merged.replace(new, "") == EARLIER  # every other byte as it was
    assert "Run alone on commit `abcdef0`" in new and "--merge" in new
    assert "| 20 | 13 | 2.0 | 1.8 |" in new and "R² = 0.9990" in new and "R² = 0.9980" in new


def test_a_part_merged_again_replaces_its_own_section() -> None:
    once = report.splice(EARLIER, results([1.0, 2.0]), ["vendors", "versions"])
    again = report.splice(once, results([3.0, 4.0]), ["versions"])
    assert again.count("## 2d.") == 1 and again.count("## 2c.") == 1
    versions = again[again.index("## 2d.") : again.index("## 3.")]
    assert "| 20 | 13 | 4.0 | 3.6 |" in versions and "| 20 | 13 | 2.0 |" not in versions
    assert again[: again.index("## 2d.")] == once[: once.index("## 2d.")]
