"""Lighthouse scores accessibility 100 on one page of each type, phone and desktop.

Lighthouse is the npm package pinned in ``tests/package-lock.json`` (``make vnu`` installs
it with ``npm ci --ignore-scripts``, so no browser is downloaded), run by the Node in
``.venv/bin`` (tests/nodejs.py), and drives Debian's Chromium. Only the score is asserted,
never timing; on a desktop, also that the page does not move as it loads (layout shift,
which is not a timing). The pages are the real site's home, a policy and the FAQ, and the
two-language fixture site's current, archived and redline policy pages, change list, vendor
registry, page index and a Spanish policy; every page is run as a phone (Lighthouse's
default form factor), and the home page and the vendor registry as a desktop too. Each page
is run once, two at a time (the machine has two cores), and every page below 100 is listed
with each failing audit and its elements.
"""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nodejs
import pytest
from browser import CHROMIUM, serve
from sitebuild import TESTS, Build, policy_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIGHTHOUSE = TESTS / "node_modules" / "lighthouse" / "cli" / "index.js"
INSTALL = "run `make vnu` (npm and the lighthouse pinned in tests/package-lock.json)"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --disable-sync --no-first-run"
)
WORKERS = 2  # concurrent Lighthouse runs: one per core
TIMEOUT = 240  # seconds for one run; a run here takes about 20
# Cumulative layout shift at most (Google's "good" is below 0.1): a page that jumps as it
# loads makes a reader lose their place or tap the wrong link (it was 0.17 on a desktop when
# the no-JavaScript link showed until Material's script ran).
MAX_LAYOUT_SHIFT = 0.05

# (site, path, form factor): "mobile" is Lighthouse's default, "desktop" its preset.
PAGES = [
    ("real", "/", "mobile"),
    ("real", "/", "desktop"),
    ("real", "POLICY", "mobile"),  # the first policy in the site's own list
    ("real", "/student-data-privacy/", "mobile"),
    ("two-languages", "/policies/sample-policy/", "mobile"),
    ("two-languages", "/policies/sample-policy/2020-01-01/", "mobile"),
    ("two-languages", "/policies/sample-policy/2026-12-22/changes/", "mobile"),
    ("two-languages", "/changes/", "mobile"),
    ("two-languages", "/vendors/", "mobile"),
    ("two-languages", "/vendors/", "desktop"),
    ("two-languages", "/all-pages/", "mobile"),
    ("two-languages", "/es/policies/sample-policy/", "mobile"),
]


@dataclass
class Run:
    """One Lighthouse run of one page: its report, or why there is none."""

    site: str
    path: str
    form_factor: str
    report: dict[str, Any] | None = None
    error: str = ""

    @property
    def name(self) -> str:
        return f"{self.site} {self.path} ({self.form_factor})"

    @property
    def score(self) -> float | None:
        if self.report is None:
            return None
        return self.report["categories"]["accessibility"]["score"]

    def problems(self) -> list[str]:
        """Why this run is not a clean 100, one line each; empty when it is."""
        if self.report is None:
            return [f"{self.name}: {self.error}"]
        report = self.report
        lines = []
        if report.get("runtimeError"):
            error = report["runtimeError"]
            lines.append(
                f"{self.name}: Lighthouse error {error.get('code')}: {error.get('message')}"
            )
        category = report["categories"]["accessibility"]
        weighted = [ref["id"] for ref in category["auditRefs"] if ref.get("weight", 0) > 0]
        scored = [
            audit_id for audit_id in weighted if report["audits"][audit_id]["score"] is not None
        ]
        if not scored:
            lines.append(f"{self.name}: no accessibility audit applied, so the score means nothing")
        if self.score != 1:
            shown = "none" if self.score is None else round(self.score * 100)
            lines.append(f"{self.name}: accessibility {shown}, not 100")
            for audit_id in weighted:
                audit = report["audits"][audit_id]
                if audit["score"] is None or audit["score"] >= 1:
                    continue
                items = (audit.get("details") or {}).get("items") or []
                selectors = [
                    item["node"].get("selector", "?") for item in items[:3] if "node" in item
                ]
                lines.append(
                    f"  {audit_id}: {audit['title']} — {len(items)} element(s), e.g. {selectors}"
                )
            lines += [f"  run warning: {warning}" for warning in report.get("runWarnings", [])]
        shift = report["audits"].get("cumulative-layout-shift", {}).get("numericValue")
        if self.form_factor == "desktop" and (shift is None or shift >= MAX_LAYOUT_SHIFT):
            shifted = report["audits"].get("layout-shifts", {}).get("details", {})
            nodes = [i["node"].get("selector") for i in shifted.get("items", []) if "node" in i]
            lines.append(f"{self.name}: the page moves as it loads (layout shift {shift}): {nodes}")
        return lines


def lighthouse_command() -> list[str]:
    """Node (one that Lighthouse's ``engines`` accepts) and Lighthouse's CLI; fails (never
    skips) when either is missing."""
    node, why = nodejs.node_for("lighthouse")
    if node is None:
        pytest.fail(why)
    if not LIGHTHOUSE.is_file():
        pytest.fail(f"Lighthouse {LIGHTHOUSE} is missing: {INSTALL}")
    return [node, str(LIGHTHOUSE)]


def run_lighthouse(command: list[str], run: Run, url: str, output: Path) -> Run:
    """Run Lighthouse's accessibility category once on ``url``; keep its JSON report."""
    args = [
        *command,
        url,
        # A desktop run also measures the page's stability (performance's layout shift);
        # its timings are the benchmark's, never asserted here.
        "--only-categories=accessibility"
        + (",performance" if run.form_factor == "desktop" else ""),
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        # Never ask, never send: no TTY already means no prompt, but a saved answer could.
        "--no-enable-error-reporting",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if run.form_factor == "desktop":
        args.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        run.error = f"Lighthouse did not finish in {TIMEOUT} s"
        return run
    if result.returncode != 0 or not output.is_file():
        run.error = (
            f"Lighthouse exited {result.returncode} with no report:\n"
            f"{result.stderr[-2000:]}{result.stdout[-2000:]}"
        )
        return run
    run.report = json.loads(output.read_text(encoding="utf-8"))
    return run


@pytest.fixture(scope="module")
def lighthouse() -> list[str]:
    """Checked before the sites are built, so a missing install fails at once."""
    return lighthouse_command()


def test_accessibility_scores_100_on_each_type_of_page(
    lighthouse: list[str], real_site: Path, two_languages: Build, tmp_path: Path
) -> None:
    folders = {"real": real_site, "two-languages": two_languages.site}
    policy = policy_pages(real_site)[0]
    runs = [
        Run(site, policy if path == "POLICY" else path, form_factor)
        for site, path, form_factor in PAGES
    ]
    for run in runs:
        page = folders[run.site] / run.path.lstrip("/") / "index.html"
        assert page.is_file(), f"{run.name}: the site has no such page ({page})"
    with ExitStack() as stack:
        bases = {
            site: stack.enter_context(serve(folder, compress=True))
            for site, folder in folders.items()
        }

        def one(index: int) -> Run:
            run = runs[index]
            url = bases[run.site] + run.path.lstrip("/")
            return run_lighthouse(lighthouse, run, url, tmp_path / f"report-{index}.json")

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            done = list(pool.map(one, range(len(runs))))
    for run in done:  # shown with -s or -rP: the score of every page, not only failures
        shown = "none" if run.score is None else round(run.score * 100)
        print(f"lighthouse accessibility {shown}: {run.name}")
    failures = [line for run in done for line in run.problems()]
    assert not failures, "Lighthouse accessibility below 100:\n" + "\n".join(failures)
