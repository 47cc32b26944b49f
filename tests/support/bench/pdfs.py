"""The PDFs' cost (``make bench``'s ``pdfs`` part): the real site built with its PDFs and a
cold cache (``.cache/pdfs`` emptied: every PDF made), again with the cache warm (none
made), and without PDFs (``PRIVACY_SITE_PDFS=off``, as the other parts build). The warm
build's extra time over the build without PDFs is what a daily rebuild pays."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench import builds

SUMMARY = re.compile(r"; (\d+) PDFs? \((\d+) made, (\d+) read from \.cache/pdfs\)")


def run(workdir: Path, runs: int) -> dict:
    project = builds.real_project(workdir / "pdfs")
    site = workdir / "pdfs-site"
    samples: dict[str, list[dict]] = {"cold": [], "warm": [], "off": []}
    for _ in range(runs):
        for kind in ("cold", "warm", "off"):
            builds.clear_redline_cache(project)
            if kind == "cold":
                shutil.rmtree(project / ".cache" / "pdfs", ignore_errors=True)
            result = builds.build(project, site, pdfs=kind != "off")
            if result.returncode != 0:
                raise RuntimeError(f"pdfs {kind} build failed:\n{result.output[-3000:]}")
            found = SUMMARY.search(result.output)
            pdfs, made, cached = (int(n) for n in found.groups()) if found else (0, 0, 0)
            size = sum(p.stat().st_size for p in site.rglob("*.pdf"))
            samples[kind].append(
                {"seconds": result.seconds, "pdfs": pdfs, "made": made, "cached": cached,
                 "bytes": size, "peak_rss_mib": result.peak_rss_mib}
            )  # fmt: skip
            print(f"  pdfs {kind}: {result.seconds:.2f} s, {pdfs} PDFs, {made} made", flush=True)
    summary: dict = {"runs": runs}
    for kind, rows in samples.items():
        seconds = sorted(row["seconds"] for row in rows)
        summary[kind] = rows[0] | {"median_seconds": seconds[len(seconds) // 2], "samples": rows}
    summary["warm_over_off_seconds"] = (
        summary["warm"]["median_seconds"] - summary["off"]["median_seconds"]
    )
    summary["cold_over_off_seconds"] = (
        summary["cold"]["median_seconds"] - summary["off"]["median_seconds"]
    )
    return summary
