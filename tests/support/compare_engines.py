"""Build the site with MkDocs and with ProperDocs and compare the two outputs, file by file.

Usage::

    .venv/bin/python tests/support/compare_engines.py \\
        --mkdocs-python .venv/bin/python --properdocs-python .venv-properdocs/bin/python \\
        [--date YYYY-MM-DD] [--out report.md] [--work DIR]

``.venv`` is made by ``make setup``; ``.venv-properdocs`` from
``requirements-properdocs.lock`` (its header gives the commands).

What is built: a snapshot of the real site (``mkdocs.yml``, ``docs/``, ``vendors.yml``,
``posted.lock``, ``hooks/``, ``overrides/``) copied once into a temporary folder, so both
engines build exactly the same sources even if the working tree changes meanwhile. Each
engine builds it into its own folder, one after the other, with
``SOURCE_DATE_EPOCH = privacy_site.model.dates.epoch_for(day, "America/New_York")`` (``--date``,
default today in New York), ``NO_MKDOCS_2_WARNING=1`` and ``PYTHONPATH`` set to the
snapshot's ``hooks/`` (so ``privacy_site`` is the snapshot's too):

* MkDocs: ``<mkdocs-python> -m mkdocs build --clean -f <snapshot>/mkdocs.yml -d <dir>``
* ProperDocs: ``<properdocs-python> -m properdocs build --clean -f <snapshot>/mkdocs.yml
  -d <dir>`` (ProperDocs installs only the ``properdocs`` module and command; given ``-f``
  it reads ``mkdocs.yml`` as it is, and it maps ``mkdocs.*`` imports to itself).

The two trees must hold the same files, each with the same bytes once normalised. The
normalisation has one rule, for one thing the engines legitimately write differently:

1. ``*.html``: the ``content`` of ``<meta name="generator" content="...">`` is replaced
   by ``(engine)``. Material writes ``mkdocs-{{ mkdocs_version }}, mkdocs-material-X``
   there, and ProperDocs sets ``mkdocs_version`` to ``ProperDocs 1.6.7`` (MkDocs to
   ``1.6.1``). The values found are listed in the report.

Nothing else is normalised: ``sitemap.xml`` and ``sitemap.xml.gz`` take their dates (and
the gzip header its time) from ``SOURCE_DATE_EPOCH`` in both engines, so they must be
identical bytes. WARNING lines printed by only one engine are listed for information;
they do not change the result.

Prints a Markdown summary (and writes it to ``--out`` when given): the files compared,
how many are identical, and the first differing lines of up to 10 differing files. Exits
0 when every file matches, 1 when any differs or is missing on one side, 2 when a build
fails or an engine's Python cannot be used.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]


def _district_timezone() -> str:
    """The district's own zone (its mkdocs.yml): the day is the district's day."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["extra"]["privacy_site"]["timezone"]


TIMEZONE = _district_timezone()
SOURCES = ("mkdocs.yml", "vendors.yml", "posted.lock", "docs", "hooks", "overrides")
GENERATOR = re.compile(rb'(<meta name="generator" content=")([^"]*)(")')
SHOWN_FILES = 10  # differing files whose first differing lines are shown
SHOWN_LINES = 12  # diff lines shown per file
LINE_WIDTH = 200  # characters kept of each diff line
BUILD_TIMEOUT = 1800  # seconds


@dataclass(frozen=True)
class Engine:
    name: str  # as people write it
    module: str  # run as ``python -m <module>``; also its distribution's name
    python: Path


@dataclass
class Build:
    engine: Engine
    site: Path
    version: str
    seconds: float
    returncode: int
    log: str

    def warnings(self) -> set[str]:
        """The build's WARNING lines, with its own site folder written ``<site>``."""
        lines = self.log.replace(str(self.site), "<site>").splitlines()
        return {line.strip() for line in lines if line.startswith("WARNING")}


@dataclass
class Comparison:
    compared: int = 0
    identical: int = 0  # identical bytes
    normalised: int = 0  # identical once normalised
    differing: list[str] = field(default_factory=list)
    only_in: dict[str, list[str]] = field(default_factory=dict)
    generators: dict[str, Counter[str]] = field(default_factory=dict)
    excerpts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def same(self) -> bool:
        return not self.differing and not any(self.only_in.values())


def epoch_of(day: date) -> int:
    """The ``SOURCE_DATE_EPOCH`` that makes a build see ``day`` (the site's own rule)."""
    try:
        from privacy_site.model.dates import epoch_for
    except ImportError:  # run by a Python without the project installed
        sys.path.insert(0, str(ROOT / "hooks"))
        from privacy_site.model.dates import epoch_for
    return epoch_for(day, TIMEZONE)


def snapshot(target: Path) -> Path:
    """Copy the site's sources into ``target``; return the copy's ``mkdocs.yml``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    target.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target / "mkdocs.yml"


class SetupError(Exception):
    """An engine's Python cannot be used (missing, or without the engine)."""


def version_of(engine: Engine) -> str:
    """The engine's installed version, as its Python reports it."""
    code = f"import importlib.metadata as m; print(m.version({engine.module!r}))"
    try:
        result = subprocess.run(
            [str(engine.python), "-c", code], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise SetupError(f"{engine.python}: cannot run it ({exc.strerror})") from exc
    if result.returncode != 0:
        raise SetupError(f"{engine.python}: {engine.module} is not installed there")
    return result.stdout.strip()


def build(engine: Engine, version: str, config: Path, site: Path, epoch: int) -> Build:
    """Build the snapshot with ``engine`` into ``site``, timed."""
    env = dict(
        os.environ,
        SOURCE_DATE_EPOCH=str(epoch),
        NO_MKDOCS_2_WARNING="1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=str(config.parent / "hooks"),
    )
    command = [
        str(engine.python),
        "-m",
        engine.module,
        "build",
        "--clean",
        "-f",
        str(config),
        "-d",
        str(site),
    ]
    print(f"Building with {engine.name}: {' '.join(command)}", file=sys.stderr, flush=True)
    start = time.monotonic()
    result = subprocess.run(
        command,
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    seconds = time.monotonic() - start
    return Build(
        engine,
        site,
        version,
        seconds,
        result.returncode,
        result.stdout + result.stderr,
    )


def files_in(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def normalise(name: str, data: bytes) -> bytes:
    """The file's bytes with the docstring's rules applied (only rule 1, to HTML)."""
    if name.endswith(".html"):
        return GENERATOR.sub(rb"\1(engine)\3", data)
    return data


def excerpt(left: bytes, right: bytes, labels: tuple[str, str]) -> list[str]:
    """The first differing lines of two normalised files, as a unified diff."""
    try:
        old, new = left.decode("utf-8"), right.decode("utf-8")
    except UnicodeDecodeError:
        offset = next(
            (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b),
            min(len(left), len(right)),
        )
        return [f"binary: {len(left)} and {len(right)} bytes, first difference at byte {offset}"]
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), *labels, n=0, lineterm="")
    lines = []
    for line in diff:
        if len(lines) == SHOWN_LINES:
            lines.append("...")
            break
        lines.append(line if len(line) <= LINE_WIDTH else line[:LINE_WIDTH] + " ...")
    return lines


def compare(first: Build, second: Build) -> Comparison:
    result = Comparison()
    names = {side.engine.name: files_in(side.site) for side in (first, second)}
    a, b = names[first.engine.name], names[second.engine.name]
    result.only_in = {
        first.engine.name: sorted(a - b),
        second.engine.name: sorted(b - a),
    }
    result.generators = {first.engine.name: Counter(), second.engine.name: Counter()}
    for name in sorted(a & b):
        result.compared += 1
        left = (first.site / name).read_bytes()
        right = (second.site / name).read_bytes()
        for side, data in ((first, left), (second, right)):
            for match in GENERATOR.finditer(data) if name.endswith(".html") else ():
                result.generators[side.engine.name][match[2].decode("utf-8", "replace")] += 1
        if left == right:
            result.identical += 1
            continue
        left_n, right_n = normalise(name, left), normalise(name, right)
        if left_n == right_n:
            result.normalised += 1
            continue
        result.differing.append(name)
        if len(result.excerpts) < SHOWN_FILES:
            labels = (f"{first.engine.name}/{name}", f"{second.engine.name}/{name}")
            result.excerpts[name] = excerpt(left_n, right_n, labels)
    return result


def report(day: date, epoch: int, builds: list[Build], comparison: Comparison | None) -> str:
    lines = [
        "# The site built with MkDocs and with ProperDocs",
        "",
        f"Built as of {day} (SOURCE_DATE_EPOCH={epoch}, {TIMEZONE}) from a snapshot of "
        + ", ".join(SOURCES)
        + ".",
        "",
        "| engine | version | build time | exit code |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {b.engine.name} | {b.version} | {b.seconds:.1f} s | {b.returncode} |" for b in builds
    ]
    lines.append("")
    failed = [b for b in builds if b.returncode != 0]
    for b in failed:
        tail = b.log.splitlines()[-40:]
        lines += [f"## The {b.engine.name} build failed; its last lines", "", "```", *tail, "```"]
    if comparison is None:
        lines += ["", "**Result: not compared: a build failed.**"]
        return "\n".join(lines) + "\n"
    c = comparison
    first, second = (b.engine.name for b in builds)
    lines += [
        f"- files compared (in both trees): {c.compared}",
        f"- identical bytes: {c.identical}",
        f"- identical once normalised (rule 1, generator meta): {c.normalised}",
        f"- differing: {len(c.differing)}",
        f"- only in the {first} tree: {len(c.only_in[first])}",
        f"- only in the {second} tree: {len(c.only_in[second])}",
        "",
        "Generator meta found (value: files):",
        "",
    ]
    for engine, values in c.generators.items():
        found = "; ".join(f"`{v}`: {n}" for v, n in sorted(values.items())) or "none"
        lines.append(f"- {engine}: {found}")
    for engine, names in c.only_in.items():
        if names:
            lines += ["", f"## Only in the {engine} tree", "", *(f"- {n}" for n in names)]
    if c.differing:
        lines += ["", "## Differing files", "", *(f"- {n}" for n in c.differing)]
        for name, diff in c.excerpts.items():
            lines += ["", f"### {name}", "", "```diff", *diff, "```"]
    warned = {b.engine.name: b.warnings() for b in builds}
    own = {
        first: sorted(warned[first] - warned[second]),
        second: sorted(warned[second] - warned[first]),
    }
    if any(own.values()):
        lines += ["", "## WARNING lines printed by one engine only (not compared)"]
        for engine, warnings in own.items():
            lines += ["", f"{engine}:", "", *(f"- `{w}`" for w in warnings or ["none"])]
    verdict = "every file matches" if c.same else "the outputs differ"
    lines += ["", f"**Result: {verdict}.**"]
    return "\n".join(lines) + "\n"


def today() -> date:
    return datetime.now(ZoneInfo(TIMEZONE)).date()


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the site with MkDocs and with ProperDocs and compare the outputs."
    )
    parser.add_argument("--mkdocs-python", type=Path, required=True, help="e.g. .venv/bin/python")
    parser.add_argument(
        "--properdocs-python",
        type=Path,
        required=True,
        help="e.g. .venv-properdocs/bin/python",
    )
    parser.add_argument(
        "--date", type=date.fromisoformat, default=None, help="build as of YYYY-MM-DD (today)"
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument(
        "--work", type=Path, help="build in this new folder and keep it (default: a temp one)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    day = args.date or today()
    epoch = epoch_of(day)
    engines = [
        Engine("MkDocs", "mkdocs", args.mkdocs_python.absolute()),
        Engine("ProperDocs", "properdocs", args.properdocs_python.absolute()),
    ]
    try:
        versions = [version_of(e) for e in engines]  # before building: a wrong path stops here
    except SetupError as exc:
        print(exc, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="compare-engines-") as scratch:
        work = args.work.absolute() if args.work else Path(scratch)
        config = snapshot(work / "project")
        builds = [
            build(e, v, config, work / e.module, epoch)
            for e, v in zip(engines, versions, strict=True)
        ]
        ok = all(b.returncode == 0 for b in builds)
        comparison = compare(*builds) if ok else None
    text = report(day, epoch, builds, comparison)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if comparison is None:
        return 2
    return 0 if comparison.same else 1


if __name__ == "__main__":
    sys.exit(main())
