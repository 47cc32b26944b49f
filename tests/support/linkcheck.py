"""LinkChecker over HTTP on 127.0.0.1, for the tests and for CI (``make links``).

Internal (the default): the built site is served on 127.0.0.1 and crawled from its root
and from every page, with AnchorCheck on; links to other hosts are only syntax-checked.

External (``--external``, the weekly job): links to other hosts are fetched too. A broken
privacy-policy, terms or opt-out link of a vendor in vendors.yml is an error; any other
broken outside link is a warning; redirects and rate limiting (HTTP 429) are neither.
Writes a Markdown report (``--report``) and exits 1 only on errors.

    python tests/support/linkcheck.py site/ [--external --vendors vendors.yml --report links.md]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from browser import HOST, html_pages, serve

ANCHOR_WARNING = re.compile(r"Anchor `.*' \(decoded: `.*'\) not found")
CSV_PARTS = ["urlname", "parentname", "result", "warningstring", "valid", "url"]  # its order


@dataclass
class LinkReport:
    """LinkChecker's findings: each row is one failing or warned link with its page."""

    returncode: int
    seconds: float
    base_url: str = ""
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


def linkchecker_config(base_url: str, path: Path, external: bool = False) -> Path:
    """A linkcheckerrc: AnchorCheck on, CSV out; only this server's URLs checked, unless
    ``external``."""
    outside = (
        ["checkextern=1"]
        if external
        else [
            "checkextern=0",
            # Anything not on the test server is only syntax-checked, never fetched.
            "ignore=",
            f"  !^{re.escape(base_url)}",
        ]
    )
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
                *outside,
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


def check_links(site_dir: Path, workdir: Path, external: bool = False) -> LinkReport:
    """Serve ``site_dir`` and run LinkChecker on all of it; sort what it reports."""
    workdir = workdir.resolve()  # LinkChecker runs in it, and is given its config by path
    workdir.mkdir(parents=True, exist_ok=True)
    with serve(site_dir) as base_url:
        config = linkchecker_config(base_url, workdir / "linkcheckerrc", external)
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
            timeout=3600 if external else 300,
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
    report = LinkReport(result.returncode, seconds, base_url, log=log)
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


# Outside links (the weekly job) ------------------------------------------------------

VENDOR_LINKS = ("privacy_policy", "terms", "opt_out")


@dataclass
class Outside:
    """An external check's findings, sorted by what they mean for the district."""

    errors: list[dict[str, str]] = field(default_factory=list)  # the site's own, or a vendor's
    warnings: list[dict[str, str]] = field(default_factory=list)  # other outside links
    unchecked: list[dict[str, str]] = field(default_factory=list)  # rate limited

    def markdown(self) -> str:
        lines = ["# Links that do not work", ""]
        for title, rows in (
            (
                "Errors: the site's own links and vendors' privacy, terms and opt-out links",
                self.errors,
            ),
            ("Warnings: other outside links", self.warnings),
            ("Not checked: the other site asked us to slow down (HTTP 429)", self.unchecked),
        ):
            lines += [f"## {title} ({len(rows)})", ""]
            lines += [
                f"- {row['url']} (on {row['parentname']}): "
                + f"{row['result']} {row['warningstring']}".strip()
                for row in rows
            ] or ["None."]
            lines.append("")
        return "\n".join(lines)


def vendor_links(vendors_file: Path) -> set[str]:
    """Every privacy-policy, terms and opt-out address in vendors.yml."""
    data = yaml.safe_load(vendors_file.read_text(encoding="utf-8")) or {}
    return {
        entry[key]
        for entry in data.get("vendors") or []
        if isinstance(entry, dict)
        for key in VENDOR_LINKS
        if isinstance(entry.get(key), str)
    }


def sort_outside(report: LinkReport, vendors: set[str]) -> Outside:
    """Broken links by weight: ours or a vendor's is an error, a 429 is not a failure."""
    found = Outside()
    for row in report.broken:
        if row["url"].startswith(report.base_url) or row["url"] in vendors:
            found.errors.append(row)
        else:
            found.warnings.append(row)
    found.errors += report.bad_anchors  # a missing section of our own pages
    # LinkChecker counts a 429 as valid, with this warning: listed, never a failure.
    found.unchecked += [r for r in report.other_warnings if "Rate limited" in r["warningstring"]]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the built site's links.")
    parser.add_argument("site", type=Path, help="the built site, e.g. site/")
    parser.add_argument("--external", action="store_true", help="fetch outside links too")
    parser.add_argument("--vendors", type=Path, default=Path("vendors.yml"))
    parser.add_argument("--report", type=Path, help="write the findings here (Markdown)")
    parser.add_argument("--workdir", type=Path, default=Path(".linkcheck"))
    args = parser.parse_args(argv)
    report = check_links(args.site, args.workdir, external=args.external)
    if args.external:
        outside = sort_outside(report, vendor_links(args.vendors))
        text = outside.markdown()
        failed = bool(outside.errors)
    else:
        text = report.describe() or "Every link and anchor works."
        failed = bool(report.broken or report.bad_anchors)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
