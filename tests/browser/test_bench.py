"""The benchmark (``make bench``) at its smallest size: every part runs and the report has
its shape. Nothing is asserted about speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT, district_languages

pytestmark = [pytest.mark.build, pytest.mark.browser]

TESTS = ROOT / "tests"
TABLES = [
    "## Machine",
    "## 1. Overhead",
    "## 2. Growth",
    "## 2b. `mkdocs serve`",
    "## 2c. Growth in vendors",
    "## 2d. Growth in versions of one policy",
    "## 3. What a reader pays",
    "## 4. Lighthouse",
    "## 5. Redline against plain difflib",
    "## 6. Profile of a large build",
    "## 7. The PDFs' cost",
]


def test_the_benchmark_writes_every_table_and_the_raw_numbers(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(TESTS / "support"))
    env.pop("MAKELEVEL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path / "out")],
        cwd=TESTS.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    report = (tmp_path / "out" / "BENCHMARKS.md").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "out" / "benchmarks.json").read_text(encoding="utf-8"))

    for heading in TABLES:
        section = report.split(heading, 1)
        assert len(section) == 2, f"{heading} missing from BENCHMARKS.md"
        assert "\n|---|" in section[1].split("\n## ", 1)[0], f"{heading} has no table"
    assert "`--quick`" in report

    machine = data["machine"]
    assert machine["cores"] > 0 and machine["ram_gib"] > 0 and machine["cpu_model"]
    assert machine["packages"]["mkdocs"].startswith("1.")

    overhead = data["overhead"]
    for build in ("real", "bare"):
        assert overhead[build]["pages"] > 0
        assert overhead[build]["median_seconds"] > 0
        assert overhead[build]["median_ms_per_page"] > 0
        assert overhead[build]["median_peak_rss_mib"] > 0
    assert overhead["real"]["pages"] > overhead["bare"]["pages"]  # generated pages
    assert overhead["ratio_ms_per_page"] > 0

    growth = data["growth"]
    assert len(growth["rows"]) >= 2
    pages = [row["pages"] for row in growth["rows"]]
    assert pages == sorted(pages) and pages[0] < pages[-1]
    for row in growth["rows"]:
        assert row["seconds"] > 0 and row["ms_per_page"] > 0 and row["peak_rss_mib"] > 0
        assert 0 < row["bare_pages"] < row["pages"] and row["bare_seconds"] > 0
        assert row["ratio_ms_per_page"] == row["ms_per_page"] / row["bare_ms_per_page"]
    assert growth["ms_per_page_ratio_largest_to_smallest"] > 0
    assert growth["largest_ratio_to_bare"] == max(r["ratio_ms_per_page"] for r in growth["rows"])
    assert {"slope_ms_per_page", "intercept_seconds", "r_squared"} <= set(growth["fit"])

    for name in ("vendors", "versions"):
        grown = data[name]
        items = [row["items"] for row in grown["rows"]]
        assert len(items) >= 2 and items == sorted(items) and items[0] < items[-1], name
        for row in grown["rows"]:
            assert row["seconds"] > 0 and row["pages"] > 0 and len(row["load_average_before"]) == 3
            assert row["ms_per_item"] == 1000 * row["seconds"] / row["items"]
        for fit in ("fit", "cpu_fit"):
            assert {"slope_ms_per_item", "intercept_seconds", "r_squared"} <= set(grown[fit])
        target = grown["r_squared_target"]
        assert grown["linear"] == all(grown[f]["r_squared"] >= target for f in ("fit", "cpu_fit"))
    assert data["versions"]["rows"][-1]["items"] > 4  # past the corpus's four versions

    serve = data["serve"]
    assert serve["startup_seconds"] > 0
    assert serve["edits"] and all(edit["median_seconds"] > 0 for edit in serve["edits"])
    assert all(
        edit["median_whole_site_seconds"] >= edit["median_seconds"] for edit in serve["edits"]
    )

    pages_read = data["reader"]["pages"]
    # Arabic (right to left) is read too where the district builds it (a district in English
    # and Spanish does not).
    read_in = ["en", "ar"] if "ar" in district_languages() else ["en"]
    assert {(p["page_type"], p["lang"]) for p in pages_read} >= {("home", x) for x in read_in}
    for page in pages_read:
        assert not page["error"], page
        assert page["first_load_gzip6_bytes"] > 0 and page["first_load_requests"] > 0
        assert page["after_search_gzip6_bytes"] >= page["first_load_gzip6_bytes"]
        assert page["search_results"] > 0

    lighthouse = data["lighthouse"]["results"]
    assert lighthouse and not lighthouse[0]["errors"]
    assert set(lighthouse[0]["median_scores"]) == {
        "performance",
        "accessibility",
        "best-practices",
        "seo",
    }

    assert data["redline"]["pairs"] and data["redline"]["median_ratio"] > 0
    profile = data["profile"]
    assert profile["pages"] > 0 and profile["groups"] and profile["top_self"]
    assert any("hooks/" in row["function"] for row in profile["top_cumulative_hooks"])
