"""Lighthouse's four category scores per page type, phone and desktop, English and Arabic.

Lighthouse is the npm package pinned in tests/package-lock.json (``make vnu``), driving
Debian's Chromium (CHROME_PATH), as tests/browser/test_lighthouse.py does, against the site
served gzipped as its host sends it (``serve(compress=True)``). Every configuration
is run ``runs`` times (performance is the median; the other categories do not vary
between runs, and their median is reported too), two runs at a time (two cores): the
performance score uses Lighthouse's default simulated throttling, which estimates load
times from the trace, so a run sharing the machine with another is slightly pessimistic.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import nodejs
from browser import CHROMIUM, serve

from bench import ROOT

LIGHTHOUSE = ROOT / "tests" / "node_modules" / "lighthouse" / "cli"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
WORKERS = 2
TIMEOUT = 300


def available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if nodejs.node_for("lighthouse")[0] is None:
        return nodejs.node_for("lighthouse")[1]
    if not (LIGHTHOUSE / "index.js").is_file():
        return "tests/node_modules/lighthouse is missing (make vnu)"
    return None


def _one(url: str, form_factor: str, output: Path) -> dict:
    args = [
        nodejs.node() or "node",
        str(LIGHTHOUSE / "index.js"),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--no-enable-error-reporting",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        args.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {TIMEOUT} s"}
    if result.returncode != 0 or not output.is_file():
        return {"error": f"exit {result.returncode}: {result.stderr[-500:]}"}
    report = json.loads(output.read_text(encoding="utf-8"))
    output.unlink()
    scores = {
        name: (report["categories"][name]["score"] or 0) * 100
        for name in CATEGORIES
        if name in report["categories"]
    }
    audits = report["audits"]
    metrics = {
        key: audits[key]["numericValue"]
        for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
        if key in audits and audits[key].get("numericValue") is not None
    }
    return {"scores": scores, "metrics_ms": metrics, "error": report.get("runtimeError")}


def run(
    sites: dict[str, Path],
    configs: list[tuple[str, str, str, str, str]],
    workdir: Path,
    runs: int = 3,
) -> list[dict]:
    """``configs``: (page type, site name, path, language, form factor)."""
    workdir.mkdir(parents=True, exist_ok=True)
    jobs = [(c, n) for c in configs for n in range(runs)]
    with ExitStack() as stack:
        bases = {
            name: stack.enter_context(serve(folder, compress=True))
            for name, folder in sites.items()
        }

        def one(index: int) -> dict:
            (_, site, path, _, form_factor), _ = jobs[index]
            url = bases[site] + path.lstrip("/")
            return _one(url, form_factor, workdir / f"lighthouse-{index}.json")

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            done = list(pool.map(one, range(len(jobs))))
    results = []
    for config in configs:
        page_type, _, path, lang, form_factor = config
        reports = [r for (c, _), r in zip(jobs, done, strict=True) if c == config]
        good = [r for r in reports if "scores" in r]
        medians = {
            name: statistics.median(r["scores"][name] for r in good if name in r["scores"])
            for name in CATEGORIES
            if any(name in r["scores"] for r in good)
        }
        results.append(
            {
                "page_type": page_type,
                "path": path,
                "lang": lang,
                "form_factor": form_factor,
                "runs": len(reports),
                "median_scores": medians,
                "performance_runs": [r["scores"].get("performance") for r in good],
                "median_metrics_ms": {
                    key: statistics.median(r["metrics_ms"][key] for r in good)
                    for key in (good[0]["metrics_ms"] if good else {})
                },
                "errors": [str(r["error"]) for r in reports if r.get("error")],
            }
        )
    return results
