"""``make bench``: run the whole benchmark and write BENCHMARKS.md and benchmarks.json.

    .venv/bin/python -m bench [--quick] [--out DIR] [--parts overhead,growth,...]

(with tests/support/ on the path: ``PYTHONPATH=tests/support``; ``make bench`` does this).
``--quick`` is the smoke test's size: one run of each build, a tiny synthetic district, one
serve edit, one Lighthouse run. ``python -m bench.redline`` runs the redline part alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT, builds, machine, report
from bench.synthetic import District

PARTS = [
    "overhead",
    "growth",
    "vendors",
    "versions",
    "serve",
    "reader",
    "lighthouse",
    "redline",
    "profile",
    "pdfs",
]

# Growth: the real site has 3 policies of one version each, 1 vendor and 151 built pages.
# A synthetic district adds 80 built pages per policy of 4 versions (main page, 4
# versions, 3 redlines, in 10 languages) to the 91 pages of the rest of the site.
FULL_SIZES = [District(1), District(5), District(15), District(62)]
# The smoke test's: English and Arabic only, to stay quick.
QUICK_SIZES = [
    District(1, versions=2, languages=("en", "ar")),
    District(2, versions=2, languages=("en", "ar")),
]
PROFILE_FULL = District(15)
PROFILE_QUICK = QUICK_SIZES[0]

# Growth in one dimension, the rest of the site fixed: the number of vendors (one policy of
# one version), and the number of versions of one policy (two vendors). Both must grow
# linearly (issue 22: 10,000 vendors took 409 s, 300 versions 266 s, about three times
# per doubling). In English and Arabic (the policy translated into Arabic, so both its own
# redlines and the source language's are made); the smoke test's in English only.
SERIES_LANGUAGES = ("en", "ar")
SERIES = {
    "vendors": {
        "full": [1000, 2500, 5000, 10000],
        "quick": [10, 40],
        "district": lambda n, langs: District(1, versions=1, vendors=n, languages=langs, cookies=1),
    },
    "versions": {
        "full": [25, 50, 100, 200, 300],
        "quick": [2, 6],
        "district": lambda n, langs: District(1, versions=n, vendors=2, languages=langs),
    },
}
R_SQUARED_TARGET = 0.99


def _median(values):
    return statistics.median(values) if values else 0.0


def overhead(workdir: Path, runs: int, warmup: bool) -> tuple[dict, Path]:
    real = builds.real_project(workdir / "real")
    bare = builds.bare_project(workdir / "bare")
    sites = {"real": workdir / "real-site", "bare": workdir / "bare-site"}
    projects = {"real": real, "bare": bare}
    samples: dict[str, list[builds.BuildRun]] = {"real": [], "bare": []}
    order = ["real", "bare"]
    for n in range((1 if warmup else 0) + runs):
        for name in order if n % 2 == 0 else order[::-1]:  # alternate which goes first
            builds.clear_redline_cache(projects[name])
            result = builds.build(projects[name], sites[name])
            if result.returncode != 0:
                raise RuntimeError(f"{name} build failed:\n{result.output[-3000:]}")
            if n >= (1 if warmup else 0):
                samples[name].append(result)
            print(f"  overhead {name}: {result.seconds:.2f} s, {result.pages} pages", flush=True)
    summary = {}
    for name, runs_ in samples.items():
        summary[name] = {
            "runs": [vars(r) | {"output": None, "ms_per_page": r.ms_per_page} for r in runs_],
            "median_seconds": _median([r.seconds for r in runs_]),
            "pages": runs_[0].pages,
            "files": runs_[0].files,
            "median_ms_per_page": _median([r.ms_per_page for r in runs_]),
            "median_peak_rss_mib": _median([r.peak_rss_mib for r in runs_]),
        }
    summary["ratio_ms_per_page"] = (
        summary["real"]["median_ms_per_page"] / summary["bare"]["median_ms_per_page"]
    )
    summary["ratio_seconds"] = summary["real"]["median_seconds"] / summary["bare"]["median_seconds"]
    summary["warmup"] = warmup
    summary["redline_cache"] = "cleared before every build (cold)"
    return summary, sites["real"]


def growth(workdir: Path, sizes: list[District]) -> tuple[dict, Path]:
    rows = []
    smallest_site = None
    for index, district in enumerate(sizes):
        project = builds.synthetic_project(workdir / f"district-{index}", district)
        site = workdir / f"district-{index}-site"
        builds.clear_redline_cache(project)
        result = builds.build(project, site)
        if result.returncode != 0:
            raise RuntimeError(f"synthetic build failed:\n{result.output[-3000:]}")
        if smallest_site is None:
            smallest_site = site
        # the same Markdown with none of the hooks, built once per size as the site is
        bare_project = builds.bare_project(
            workdir / f"district-{index}-bare", project, district.languages
        )
        bare = builds.build(bare_project, workdir / f"district-{index}-bare-site")
        if bare.returncode != 0:
            raise RuntimeError(f"bare synthetic build failed:\n{bare.output[-3000:]}")
        shutil.rmtree(workdir / f"district-{index}-bare-site")
        rows.append(
            {
                "district": district.describe(),
                "policies": district.policies,
                "versions": district.versions,
                "vendors": district.vendor_count,
                "languages": len(district.built()),
                "pages": result.pages,
                "files": result.files,
                "seconds": result.seconds,
                "ms_per_page": result.ms_per_page,
                "peak_rss_mib": result.peak_rss_mib,
                "user_seconds": result.user_seconds,
                "bare_pages": bare.pages,
                "bare_seconds": bare.seconds,
                "bare_ms_per_page": bare.ms_per_page,
                "bare_peak_rss_mib": bare.peak_rss_mib,
                "ratio_ms_per_page": result.ms_per_page / bare.ms_per_page,
            }
        )
        print(
            f"  growth {district.describe()}: {result.pages} pages, {result.seconds:.1f} s,"
            f" {result.peak_rss_mib:.0f} MiB; bare {bare.pages} pages, {bare.seconds:.1f} s",
            flush=True,
        )
    pages = [row["pages"] for row in rows]
    seconds = [row["seconds"] for row in rows]
    fit = linear_fit(pages, seconds)
    return {
        "rows": rows,
        "fit": fit,
        "ms_per_page_ratio_largest_to_smallest": rows[-1]["ms_per_page"] / rows[0]["ms_per_page"],
        "largest_ratio_to_bare": max(row["ratio_ms_per_page"] for row in rows),
        "bare_fit": linear_fit([r["bare_pages"] for r in rows], [r["bare_seconds"] for r in rows]),
        "redline_cache": "cleared before every build (cold)",
    }, smallest_site


def series(workdir: Path, name: str, quick: bool) -> dict:
    """Build the district at each size of one series (cold redline cache), and fit the
    time against the number of items (vendors or versions)."""
    spec = SERIES[name]
    sizes = spec["quick" if quick else "full"]
    languages = ("en",) if quick else SERIES_LANGUAGES
    rows = []
    for count in sizes:
        district = spec["district"](count, languages)
        project = builds.synthetic_project(workdir / f"{name}-{count}", district)
        site = workdir / f"{name}-{count}-site"
        builds.clear_redline_cache(project)
        load_before = os.getloadavg()
        result = builds.build(project, site)
        load_after = os.getloadavg()
        if result.returncode != 0:
            raise RuntimeError(f"{name} build failed:\n{result.output[-3000:]}")
        listed = len(json.loads((site / "api" / "vendors.json").read_text("utf-8"))["vendors"])
        if name == "vendors" and listed != count:
            raise RuntimeError(f"{count} vendors generated, {listed} listed on the site")
        shutil.rmtree(site)
        rows.append(
            {
                "district": district.describe(),
                "items": count,
                "vendors_listed": listed,
                "pages": result.pages,
                "files": result.files,
                "seconds": result.seconds,
                "ms_per_item": 1000 * result.seconds / count,
                "ms_per_page": result.ms_per_page,
                "peak_rss_mib": result.peak_rss_mib,
                "user_seconds": result.user_seconds,
                "load_average_before": load_before,
                "load_average_after": load_after,
            }
        )
        print(
            f"  {name} {count}: {result.pages} pages, {result.seconds:.1f} s,"
            f" {result.peak_rss_mib:.0f} MiB, load {load_before[0]:.1f}",
            flush=True,
        )
    return {
        "item": name,
        "languages": list(languages),
        "rows": rows,
        **series_fits(rows),
        "redline_cache": "cleared before every build (cold)",
    }


def series_fits(rows: list[dict]) -> dict:
    """The linear fits of a series: wall time, and CPU time (user), which other work on a
    shared machine disturbs far less; linear when both reach the target."""
    fits = {}
    for key, column in (("fit", "seconds"), ("cpu_fit", "user_seconds")):
        fit = linear_fit([row["items"] for row in rows], [row[column] for row in rows])
        fits[key] = {
            "slope_ms_per_item": fit["slope_ms_per_page"],
            "intercept_seconds": fit["intercept_seconds"],
            "r_squared": fit["r_squared"],
        }
    return fits | {
        "r_squared_target": R_SQUARED_TARGET,
        "linear": all(fits[key]["r_squared"] >= R_SQUARED_TARGET for key in fits),
    }


def linear_fit(xs: list[float], ys: list[float]) -> dict:
    """Least squares ``y = intercept + slope·x`` and its R²."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx if sxx else 0.0
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return {
        "slope_ms_per_page": slope * 1000,
        "intercept_seconds": intercept,
        "r_squared": 1 - residual / total if total else 1.0,
    }


def reader_pages(quick: bool, real_site: Path) -> list[tuple[str, str, str]]:
    """The pages measured: a policy and its version in effect are the first the real site
    lists (api/policies.json), never named here."""
    from sitebuild import policy_pages

    policy, version = policy_pages(real_site)
    pages = [
        ("home", "real", ""),
        ("policy", "real", policy.lstrip("/")),
        ("version", "real", version.lstrip("/")),
        ("redline", "synthetic", "policies/policy-000/{last}/changes/"),
        ("FAQ", "real", "student-data-privacy/"),
        ("vendors", "real", "vendors/"),
        ("changes", "real", "changes/"),
    ]
    if quick:
        return [page for page in pages if page[0] in ("home", "redline")]
    return pages


def _built(project: Path, site: Path) -> Path:
    result = builds.build(project, site)
    if result.returncode != 0:
        raise RuntimeError(f"build of {project.name} failed:\n{result.output[-3000:]}")
    return site


def redline_path(site: Path) -> str:
    """The newest redline of the synthetic district's first policy."""
    found = sorted((site / "policies" / "policy-000").glob("*/changes/index.html"))
    return found[-1].parent.parent.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the smoke test's smallest size")
    parser.add_argument("--out", type=Path, default=ROOT, help="where the reports are written")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"among {','.join(PARTS)}")
    parser.add_argument("--workdir", type=Path, help="keep the builds here (default: temp)")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="add the parts run to the reports already in --out: their sections and numbers"
        " replace those parts' own, every other part's are kept as they are",
    )
    args = parser.parse_args(argv)
    parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    quick = args.quick
    if args.merge:
        try:
            earlier = json.loads((args.out / "benchmarks.json").read_text(encoding="utf-8"))
            (args.out / "BENCHMARKS.md").read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            parser.error(f"--merge needs the reports of an earlier run in {args.out}: {exc}")
        if bool(earlier.get("quick")) != quick:
            parser.error("--merge: the reports in --out are of a run of another size (--quick)")
    given = shlex.join(sys.argv[1:] if argv is None else argv)
    if os.environ.get("MAKELEVEL"):  # run by make, which sets it
        command = "make bench" + (f" BENCH={shlex.quote(given)}" if given else "")
    else:
        command = f"PYTHONPATH=tests/support .venv/bin/python -m bench {given}".rstrip()
    started = time.time()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="privacy-site-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "command": command,
        "quick": quick,
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z", time.localtime(started)),
        "machine": machine.describe(),
        "load_average_start": os.getloadavg(),
        "parts": parts,
    }
    real_site = synthetic_site = None
    sizes = QUICK_SIZES if quick else FULL_SIZES
    pages_wanted = bool({"reader", "lighthouse"} & set(parts))
    if "overhead" in parts:
        print("overhead: the real site against a bare build", flush=True)
        results["overhead"], real_site = overhead(workdir, runs=1 if quick else 5, warmup=not quick)
    elif pages_wanted:  # the pages measured, built once
        real_site = _built(builds.real_project(workdir / "real"), workdir / "real-site")
    if "growth" in parts:
        print("growth: synthetic districts", flush=True)
        results["growth"], synthetic_site = growth(workdir, sizes)
    elif pages_wanted:  # the smallest district holds the redline measured
        project = builds.synthetic_project(workdir / "district-0", sizes[0])
        synthetic_site = _built(project, workdir / "district-0-site")
    for name in ("vendors", "versions"):
        if name in parts:
            print(f"{name}: growth in {name}", flush=True)
            results[name] = series(workdir, name, quick)
    if "serve" in parts:
        from bench import serve

        print("serve: rebuilds after one edit", flush=True)
        edits = serve.EDITS[:1] if quick else serve.EDITS
        results["serve"] = serve.run(workdir, repeats=1 if quick else 3, edits=edits)
    if {"reader", "lighthouse"} & set(parts):
        pages = [
            (kind, site, path.format(last=redline_path(synthetic_site)))
            for kind, site, path in reader_pages(quick, real_site)
        ]
        sites = {"real": real_site, "synthetic": synthetic_site}
        has_arabic = all((site / "ar").is_dir() for site in sites.values())
        if "reader" in parts:
            from bench import reader

            print("reader: bytes per page", flush=True)
            results["reader"] = {
                # English, and Arabic (right to left) where the district has it
                "pages": reader.run(sites, pages, ["en", "ar"][: 2 if has_arabic else 1]),
                "synthetic_district": (QUICK_SIZES if quick else FULL_SIZES)[0].describe(),
            }
        if "lighthouse" in parts:
            from bench import lighthouse

            missing = lighthouse.available()
            if missing:
                results["lighthouse"] = {"skipped": missing, "results": []}
            else:
                print("lighthouse", flush=True)
                chosen = [page for page in pages if page[0] != "version"]
                configs = [
                    (kind, site, ("" if lang == "en" else f"/{lang}") + "/" + path, lang, form)
                    for kind, site, path in chosen
                    for lang in ("en", "ar")
                    for form in ("mobile", "desktop")
                ]
                if quick:
                    configs = configs[:1]
                results["lighthouse"] = {
                    "results": lighthouse.run(
                        sites, configs, workdir / "lighthouse", runs=1 if quick else 3
                    ),
                    "runs": 1 if quick else 3,
                }
    if "redline" in parts:
        from bench import redline

        print("redline: against difflib", flush=True)
        results["redline"] = redline.run(rounds=1 if quick else redline.ROUNDS)
    if "profile" in parts:
        from bench import profile

        district = PROFILE_QUICK if quick else PROFILE_FULL
        print(f"profile: {district.describe()}", flush=True)
        project = builds.synthetic_project(workdir / "profiled", district)
        results["profile"] = profile.run(project, workdir / "profiled-site") | {
            "district": district.describe()
        }
    if "pdfs" in parts:
        from bench import pdfs

        print("pdfs: the real site with a cold and a warm PDF cache, and without", flush=True)
        results["pdfs"] = pdfs.run(workdir, runs=1 if quick else 3)
    results["seconds"] = time.time() - started
    results["load_average_end"] = os.getloadavg()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.merge:
        _merge(args.out, results, parts)
    else:
        _write(args.out, results, report.markdown(results))
    print(f"wrote {args.out / 'BENCHMARKS.md'} and benchmarks.json in {results['seconds']:.0f} s")
    return 0


def _write(out: Path, results: dict, markdown: str, indent: int = 1) -> None:
    (out / "benchmarks.json").write_text(
        json.dumps(results, indent=indent, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
    (out / "BENCHMARKS.md").write_text(markdown, encoding="utf-8")


def _merge(out: Path, results: dict, parts: list[str]) -> None:
    """The parts just run, put into the reports of an earlier run: in benchmarks.json each
    part replaces its own entry and says how it was run (``rerun``: commit, command,
    machine, load); in BENCHMARKS.md its section replaces its own, or is added in the
    parts' order, under a line saying the same. The rest stays as it was."""
    earlier = (out / "benchmarks.json").read_text(encoding="utf-8")
    merged = json.loads(earlier)
    second = (earlier.splitlines() or [""])[1:2] or [""]
    indent = len(second[0]) - len(second[0].lstrip(" ")) or 1  # as the file was written
    text = (out / "BENCHMARKS.md").read_text(encoding="utf-8")
    for part in parts:
        merged[part] = results[part]
        merged.setdefault("rerun", {})[part] = {
            "commit": results["machine"]["commit"],
            "command": results["command"],
            "started": results["started"],
            "machine": results["machine"],
            "load_average_start": results["load_average_start"],
            "load_average_end": results["load_average_end"],
        }
    merged["parts"] = [part for part in PARTS if part in merged]
    _write(out, merged, report.splice(text, results, parts), indent)


if __name__ == "__main__":
    sys.exit(main())
