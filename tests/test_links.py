"""Every link and #anchor of the built site resolves, checked by LinkChecker over HTTP.

LinkChecker crawls the served site from its root (and from every page, so pages that
nothing links to are checked too) with its AnchorCheck plugin on. Links to other hosts
are left alone: this machine has no internet, and the site's own links are the point.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser import HOST, html_pages, serve

pytestmark = pytest.mark.browser

ANCHOR_WARNING = re.compile(r"Anchor `.*' \(decoded: `.*'\) not found")
CSV_PARTS = ["urlname", "parentname", "result", "warningstring", "valid", "url"]  # its order


@dataclass
class LinkReport:
    """LinkChecker's findings: each row is one failing or warned link with its page."""

    returncode: int
    seconds: float
    broken: list[dict[str, str]] = field(default_factory=list)
    bad_anchors: list[dict[str, str]] = field(default_factory=list)
    other_warnings: list[dict[str, str]] = field(default_factory=list)
    log: str = ""

    def describe(self) -> str:
        """A line per finding, naming the link, the page that has it and what is wrong."""
        lines = []
        for kind, rows in (
            ("broken", self.broken),
            ("bad anchor", self.bad_anchors),
            ("warning", self.other_warnings),
        ):
            lines += [
                f"{kind}: {row['urlname']} -> {row['url']} on {row['parentname']}: "
                f"{row['result']} {row['warningstring']}".strip()
                for row in rows
            ]
        return "\n".join(lines)


# LinkChecker run as root switches to "nobody" before it loads its plugins; in a checkout
# nobody cannot read (a clone in a mode-0700 temporary folder, as CI may use) AnchorCheck
# then silently never loads and no anchor is checked. The checks only talk to 127.0.0.1,
# so they keep the user they were started as.
RUN_AS_IS = (
    "import sys, linkcheck.command.linkchecker as cli; "
    "cli.drop_privileges = lambda: None; "
    "sys.argv[0] = 'linkchecker'; "
    "cli.linkchecker()"
)


def linkchecker_config(base_url: str, path: Path) -> Path:
    """A linkcheckerrc: AnchorCheck on, only this server's URLs checked, CSV out."""
    path.write_text(
        "\n".join(
            [
                "[checking]",
                "recursionlevel=-1",
                "threads=10",
                # Unthrottled only because serve() sends the "LinkChecker" header.
                "maxrequestspersecond=1000",
                "timeout=20",
                "[filtering]",
                "checkextern=0",
                # Anything not on the test server is only syntax-checked, never fetched.
                "ignore=",
                f"  !^{re.escape(base_url)}",
                "[AnchorCheck]",
                "[output]",
                "status=0",
                "warnings=1",
                "verbose=0",
                "[csv]",
                "parts=" + ",".join(CSV_PARTS),
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


def check_links(site_dir: Path, workdir: Path) -> LinkReport:
    """Serve ``site_dir`` and run LinkChecker on all of it; sort what it reports."""
    workdir.mkdir(parents=True, exist_ok=True)
    with serve(site_dir) as base_url:
        config = linkchecker_config(base_url, workdir / "linkcheckerrc")
        seeds = [base_url + path.lstrip("/") for path in html_pages(site_dir)]
        env = dict(os.environ, NO_PROXY=HOST, no_proxy=HOST)
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                RUN_AS_IS,
                "--config",
                str(config),
                "--output",
                "csv/utf-8",
                base_url,
                *seeds,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            cwd=workdir,
        )
        seconds = time.monotonic() - started
    log = result.stderr
    # 0: all fine, 1: broken links or warnings; anything else is LinkChecker failing.
    assert result.returncode in (0, 1), f"LinkChecker failed ({result.returncode}):\n{log}"
    text = result.stdout
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert text.startswith(";".join(CSV_PARTS)), f"unexpected CSV from LinkChecker:\n{text}"
    report = LinkReport(result.returncode, seconds, log=log)
    for row in rows:
        if row["valid"] != "True":
            report.broken.append(row)
        elif ANCHOR_WARNING.search(row["warningstring"]):
            report.bad_anchors.append(row)
        elif row["warningstring"]:
            report.other_warnings.append(row)
    if result.returncode == 1:
        assert rows, f"LinkChecker found problems but wrote none:\n{log}"
    return report


def test_site_has_no_broken_links_or_anchors(real_site: Path, tmp_path: Path) -> None:
    """No visitor follows a link of ours to a missing page or a missing section."""
    report = check_links(real_site, tmp_path)
    assert not report.broken, report.describe()
    assert not report.bad_anchors, report.describe()
    assert not report.other_warnings, report.describe()
    assert report.returncode == 0, report.log


def test_checker_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    """A site with one missing page and one missing #anchor fails both ways, not silently.

    It is what caught LinkChecker loading no AnchorCheck when it dropped to "nobody" in a
    checkout that user could not read (see RUN_AS_IS)."""
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>A</title></head><body>'
        '<a href="b/">fine</a> <a href="missing/">gone</a> <a href="b/#nowhere">no anchor</a>'
        ' <a href="b/#here">anchor</a> <a href="https://example.invalid/">elsewhere</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (site / "b" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>B</title></head><body>'
        '<h2 id="here">Here</h2><a href="../">back</a></body></html>',
        encoding="utf-8",
    )
    report = check_links(site, tmp_path / "check")
    assert [row["urlname"] for row in report.broken] == ["missing/"], report.describe()
    assert [row["urlname"] for row in report.bad_anchors] == ["b/#nowhere"], report.describe()
    assert "404" in report.broken[0]["result"], report.describe()
    assert report.returncode == 1
