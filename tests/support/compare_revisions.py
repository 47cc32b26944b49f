"""Build the site with the sources of a git revision and with the working tree, and compare
the two outputs file by file: the proof that a change meant to move code changes no byte.

Usage::

    .venv/bin/python tests/compare_revisions.py --before <git rev> \\
        [--date YYYY-MM-DD] [--out report.md] [--work DIR]

or ``make same-output BEFORE=<rev> [DATE=YYYY-MM-DD]``.

Two projects are built by each side, with this Python (the working tree's ``.venv``, so
both sides run the same MkDocs, Material and i18n):

* the real site: ``mkdocs.yml``, ``docs/``, ``vendors.yml``, ``posted.lock``, ``hooks/``
  and ``overrides/`` (:data:`compare_engines.SOURCES`), taken from ``git archive <rev>``
  for the before side and from the working tree (committed or not) for the after side;
* a synthetic district (:mod:`bench.synthetic`: 3 policies of 4 versions, translated,
  and 6 vendors), generated once by the working tree's generator and built by each side
  with its own ``hooks/``, ``overrides/`` and ``mkdocs.yml``, so the engine code meets
  more versions, redlines and vendors than the real site has.

Each project is a git repository of one commit (the build reads git for the record and
for translations). Each side builds with ``SOURCE_DATE_EPOCH`` of ``--date`` (default
today in New York), ``NO_MKDOCS_2_WARNING=1`` and ``PYTHONPATH`` set to its own
``hooks/`` (:func:`compare_engines.build`); the two sides of a project build at once.

The outputs must hold the same files with the same bytes, with one normalisation:

1. ``api/build.json``: the ``"commit"`` value (the project repository's commit, which
   differs because the sources differ) is replaced by ``(commit)``.

The WARNING lines each side prints are compared too (with its own folders written
``<project>`` and ``<site>``): a warning staff would see that only one side prints is a
difference, as a changed page is.

Prints a Markdown summary (and writes it to ``--out``): per project, the files compared,
how many are identical, and the first differing lines of up to 10 differing files. Exits 0
when everything matches, 1 when anything differs, 2 when a build fails or the revision
cannot be read.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

import compare_engines
from compare_engines import SOURCES, Build, Comparison, Engine, compare, epoch_of, today

ROOT = compare_engines.ROOT
COMMIT = re.compile(rb'("commit":\s*)"[^"]*"')
SYNTHETIC = {"policies": 3, "versions": 4}  # bench.synthetic.District's arguments
BUILT_WITH = ("hooks", "overrides", "mkdocs.yml")  # each side's own, in the synthetic district


class RevisionError(Exception):
    """The revision cannot be read (not a commit, or git failed)."""


@dataclass
class Project:
    name: str  # "real site" or "synthetic district"
    builds: list[Build]
    comparison: Comparison | None
    warnings: dict[str, list[str]]  # side -> WARNING lines only it printed


def from_revision(revision: str, target: Path) -> Path:
    """The site's sources as they are in ``revision``, written into ``target``."""
    result = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "--", *SOURCES],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"{revision}: cannot be read ({message[-1] if message else 'git'})")
    target.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(result.stdout)) as archive:
        archive.extractall(target, filter="data")
    return target / "mkdocs.yml"


def commit_all(project: Path) -> None:
    """Make ``project`` a git repository of one commit holding all its files."""
    git = ["git", "-C", str(project), "-c", "user.name=compare", "-c", "user.email=c@example.org"]
    for command in (["init", "-q", "."], ["add", "-A"], ["commit", "-qm", "sources"]):
        subprocess.run([*git, *command], check=True, capture_output=True)


def synthetic(after: Path, target: Path) -> None:
    """Generate the synthetic district's content into ``target`` with the working tree's
    generator (it copies the working tree's ``docs/`` and drops its policies)."""
    sys.path[:0] = [str(after / "hooks"), str(ROOT / "tests")]
    from bench.synthetic import District, generate

    generate(District(**SYNTHETIC), target)


def normalise(name: str, data: bytes) -> bytes:
    """The docstring's rule 1; :func:`compare_engines.normalise` for everything else."""
    if name == "api/build.json":
        data = COMMIT.sub(rb'\1"(commit)"', data)
    return compare_engines.normalise(name, data)


def normalise_tree(site: Path) -> None:
    build_json = site / "api" / "build.json"
    if build_json.is_file():
        build_json.write_bytes(normalise("api/build.json", build_json.read_bytes()))


def warnings(build: Build, project: Path) -> set[str]:
    return {line.replace(str(project), "<project>") for line in build.warnings()}


def build_both(name: str, configs: dict[str, Path], work: Path, epoch: int) -> Project:
    python = Path(sys.executable)
    engines = {side: Engine(side, "mkdocs", python) for side in configs}
    version = compare_engines.version_of(engines["before"])
    slug = name.split()[0]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(
                compare_engines.build,
                engines[side],
                version,
                config,
                work / f"site-{slug}-{side}",
                epoch,
            )
            for side, config in configs.items()
        ]
        builds = [f.result() for f in futures]
    if any(b.returncode != 0 for b in builds):
        return Project(name, builds, None, {})
    for b in builds:
        normalise_tree(b.site)
    seen = {b.engine.name: warnings(b, configs[b.engine.name].parent) for b in builds}
    own = {
        "before": sorted(seen["before"] - seen["after"]),
        "after": sorted(seen["after"] - seen["before"]),
    }
    return Project(name, builds, compare(*builds), own)


def same(project: Project) -> bool:
    c = project.comparison
    return c is not None and c.same and not any(project.warnings.values())


def report(revision: str, day: date, epoch: int, projects: list[Project]) -> str:
    lines = [
        f"# The site built from {revision} and from the working tree",
        "",
        f"Built as of {day} (SOURCE_DATE_EPOCH={epoch}, {compare_engines.TIMEZONE}).",
        "",
        "| project | side | build time | exit code | files compared | identical | differing |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in projects:
        c = p.comparison
        for b in p.builds:
            counts = (
                f"{c.compared} | {c.compared - len(c.differing)} | {len(c.differing)}"
                if c
                else "- | - | -"
            )
            lines.append(
                f"| {p.name} | {b.engine.name} | {b.seconds:.1f} s | {b.returncode} | {counts} |"
            )
    for p in projects:
        for b in p.builds:
            if b.returncode != 0:
                tail = b.log.splitlines()[-40:]
                lines += ["", f"## {p.name}: the {b.engine.name} build failed", "", "```"]
                lines += [*tail, "```"]
        c = p.comparison
        if c is None:
            continue
        for side, names in c.only_in.items():
            if names:
                lines += ["", f"## {p.name}: only in the {side} tree", ""]
                lines += [f"- {n}" for n in names]
        if c.differing:
            lines += ["", f"## {p.name}: differing files", "", *(f"- {n}" for n in c.differing)]
            for name, diff in c.excerpts.items():
                lines += ["", f"### {name}", "", "```diff", *diff, "```"]
        for side, found in p.warnings.items():
            if found:
                lines += ["", f"## {p.name}: WARNING lines only the {side} side printed", ""]
                lines += [f"- `{w}`" for w in found]
    if any(p.comparison is None for p in projects):
        verdict = "not compared: a build failed"
    elif all(same(p) for p in projects):
        verdict = "every file matches"
    else:
        verdict = "the outputs differ"
    lines += ["", f"**Result: {verdict}.**"]
    return "\n".join(lines) + "\n"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the site from a git revision and from the working tree, and "
        "compare the outputs (the real site and a synthetic district)."
    )
    parser.add_argument("--before", required=True, help="a git revision, e.g. main or 1723510")
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
    with tempfile.TemporaryDirectory(prefix="compare-revisions-") as scratch:
        work = args.work.absolute() if args.work else Path(scratch)
        try:
            before = from_revision(args.before, work / "real-before")
        except RevisionError as exc:
            print(exc, file=sys.stderr)
            return 2
        after = compare_engines.snapshot(work / "real-after")
        synthetic(after.parent, work / "synthetic-after")
        shutil.copytree(work / "synthetic-after", work / "synthetic-before")
        configs = {}
        for side, real in (("before", before), ("after", after)):
            district = work / f"synthetic-{side}"
            for name in BUILT_WITH:
                source = real.parent / name
                copy = shutil.copytree if source.is_dir() else shutil.copy2
                copy(source, district / name)
            configs[side] = district / "mkdocs.yml"
        for project in (before.parent, after.parent, *(c.parent for c in configs.values())):
            commit_all(project)
        projects = [
            build_both("real site", {"before": before, "after": after}, work, epoch),
            build_both("synthetic district", configs, work, epoch),
        ]
    text = report(args.before, day, epoch, projects)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if any(p.comparison is None for p in projects):
        return 2
    return 0 if all(same(p) for p in projects) else 1


if __name__ == "__main__":
    sys.exit(main())
