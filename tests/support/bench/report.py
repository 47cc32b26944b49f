"""BENCHMARKS.md from the results of one run (benchmarks.json has every raw number)."""

from __future__ import annotations

QUICK = " (`--quick`: the smoke test's size, not a measurement to quote)"


def _table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _load(values) -> str:
    return ", ".join(f"{v:.2f}" for v in values) if values else "?"


def _kib(n: float) -> str:
    return f"{n / 1024:.1f}"


def markdown(results: dict) -> str:
    m = results["machine"]
    out = [
        "# Benchmarks\n",
        f"Written by `{results['command']}` on {results['started']}, in"
        f" {results['seconds'] / 60:.1f} minutes{QUICK if results['quick'] else ''}."
        " Raw numbers: `benchmarks.json`. Every build is `mkdocs build --clean` in a fresh"
        " Python process, with `SOURCE_DATE_EPOCH` of 2026-11-22 in America/New_York"
        " (`privacy_site.model.dates.epoch_for`) and `NO_MKDOCS_2_WARNING=1`; a *page* is an"
        " `.html` file written; build times are wall time of the whole process (interpreter"
        " start and imports included); peak memory is the child's `ru_maxrss` (`os.wait4`).\n",
        "## Machine\n",
        _table(
            ["what", "value"],
            [
                ["CPU", m["cpu_model"]],
                ["cores", m["cores"]],
                ["RAM", f"{m['ram_gib']} GiB"],
                ["OS", m["os"]],
                ["Python", m["python"]],
                *[[name, version] for name, version in m["packages"].items()],
                ["Chromium", m["chromium"]],
                ["Node", m["node"]],
                ["Lighthouse", m["lighthouse"]],
                [
                    "load average (1, 5, 15 min) at start; at end",
                    f"{_load(results.get('load_average_start'))};"
                    f" {_load(results.get('load_average_end'))}",
                ],
                ["commit", f"`{m['commit']}`"],
                [
                    "uncommitted site files",
                    ", ".join(f"`{line.strip()}`" for line in m["uncommitted_site_files"])
                    or "none",
                ],
            ],
        ),
    ]
    for part, table in _sections():
        if part in results:
            out.append(table(results[part]))
    return "\n".join(out)


def _sections():
    """Each part's section writer, in the order of the file."""
    return (
        ("overhead", _overhead),
        ("growth", _growth),
        ("serve", _serve),
        ("vendors", _series),
        ("versions", _series),
        ("reader", _reader),
        ("lighthouse", _lighthouse),
        ("redline", _redline),
        ("profile", _profile),
        ("pdfs", _pdfs),
    )


def splice(text: str, results: dict, parts: list[str]) -> str:
    """BENCHMARKS.md ``text`` with the sections of ``parts`` (just run, in ``results``)
    put in: each replaces the section with its heading, or goes before the first section
    of a part that comes after it, else at the end; under its heading, a line says where
    and how it was run. Every other section is kept as it is."""
    blocks = ["## " + block for block in text.split("\n## ")]
    blocks[0] = blocks[0].removeprefix("## ")  # the title and the introduction
    order = [part for part, _ in _sections()]
    for part, table in _sections():
        if part not in parts:
            continue
        heading, body = table(results[part]).split("\n", 1)
        section = f"{heading}\n\n{_run_note(results)}{body}".rstrip("\n") + "\n"
        found = [n for n, block in enumerate(blocks) if block.split("\n", 1)[0] == heading]
        if found:
            blocks[found[0]] = section
            continue
        later = set(order[order.index(part) + 1 :])
        at = len(blocks)
        for n, block in enumerate(blocks[1:], start=1):
            if _part_of(block.split("\n", 1)[0], later):
                at = n
                break
        blocks.insert(at, section)
    return "\n".join(block.rstrip("\n") + "\n" for block in blocks)


# The headings of the sections of parts not in a run's results, as report.py writes them.
HEADINGS = {
    "overhead": "## 1. Overhead",
    "growth": "## 2. Growth",
    "serve": "## 2b. `mkdocs serve`",
    "vendors": "## 2c. Growth in vendors",
    "versions": "## 2d. Growth in versions",
    "reader": "## 3. What a reader pays",
    "lighthouse": "## 4. Lighthouse",
    "redline": "## 5. Redline",
    "profile": "## 6. Profile",
    "pdfs": "## 7. The PDFs' cost",
}


def _part_of(heading: str, parts: set[str]) -> bool:
    return any(heading.startswith(HEADINGS[part]) for part in parts)


def _run_note(results: dict) -> str:
    m = results["machine"]
    return (
        f"Run alone on commit `{m['commit'][:7]}` on {results['started']} with"
        f" `{results['command']}`, load average (1, 5, 15 min)"
        f" {_load(results.get('load_average_start'))} at start and"
        f" {_load(results.get('load_average_end'))} at end; the rest of this file is from the"
        " runs it names.\n"
    )


def _overhead(o: dict) -> str:
    real, bare = o["real"], o["bare"]
    runs = len(real["runs"])
    return (
        "## 1. Overhead: the real site against a bare build\n\n"
        "The real site (the repository's mkdocs.yml, docs/, vendors.yml, posted.lock, hooks/,"
        " overrides/) against a *bare* build of the same Markdown files with the same theme"
        " and i18n configuration and none of the project's hooks: mkdocs.yml without"
        " `hooks:` and not strict (the text links to pages only the hooks generate), Material"
        " with only the language strings and the CSS/JavaScript files from overrides/, and"
        " each `template:` the front matter names mapped to Material's own page template."
        " The bare build has no generated pages (policy main pages, redlines, API, feeds), so"
        f" the comparison is per built page. {'One warm-up pair, then ' if o['warmup'] else ''}"
        f"{runs} run{'s' if runs > 1 else ''} of each, alternating which goes first; the"
        f" redline disk cache (`.cache/redlines`) is {o['redline_cache']} (the real site has no"
        " redline yet, so cold and warm are the same here).\n\n"
        + _table(
            ["build", "pages", "files", "median s", "runs (s)", "median ms/page", "peak MiB"],
            [
                [
                    name,
                    b["pages"],
                    b["files"],
                    f"{b['median_seconds']:.2f}",
                    ", ".join(f"{r['seconds']:.2f}" for r in b["runs"]),
                    f"{b['median_ms_per_page']:.1f}",
                    f"{b['median_peak_rss_mib']:.0f}",
                ]
                for name, b in (("real site", real), ("bare", bare))
            ],
        )
        + f"\n**Overhead: {o['ratio_ms_per_page']:.2f}x the bare build's time per page**"
        f" ({o['ratio_seconds']:.2f}x its total time, for {real['pages']} pages instead of"
        f" {bare['pages']}).\n"
    )


def _growth(g: dict) -> str:
    fit = g["fit"]
    return (
        "## 2. Growth: a synthetic district\n\n"
        "Generated by `tests/support/bench/synthetic.py`: policies x versions x languages x"
        " vendors."
        " The versions' texts are the four real versions of GitHub's privacy statement"
        " (`shared/corpus`, about 6,000-8,400 words each), varied per policy (the company"
        " name outside headings, one added sentence per version in a paragraph chosen by policy"
        " and version) so every redline is real and no two policies share text. Every policy"
        " version is translated into es, ht, am, ar and bn as an English copy with"
        " `translation: machine` and the English file's correct `source_sha256` (the languages"
        " that translate the real policies); ko, pt, so and zh show the English with the"
        " fallback notice. The rest of the site is the real docs/ of all ten languages. Vendors:"
        " copies of one entry, English only. A posted.lock that records nothing. One build per"
        " size, the redline"
        f" cache {g['redline_cache']}. *Bare*: the same docs/ and vendors.yml built at each"
        " size with none of the hooks (as in section 1: same theme, i18n configuration and"
        " languages), once; *ratio*: the site's ms per page over the bare build's (each per"
        " its own pages: the bare build has no generated pages, no redlines, no feeds).\n\n"
        + _table(
            [
                "district",
                "pages",
                "files",
                "s",
                "ms/page",
                "peak MiB",
                "CPU s (user)",
                "bare pages",
                "bare s",
                "bare ms/page",
                "ratio",
            ],
            [
                [
                    r["district"],
                    r["pages"],
                    r["files"],
                    f"{r['seconds']:.1f}",
                    f"{r['ms_per_page']:.1f}",
                    f"{r['peak_rss_mib']:.0f}",
                    f"{r['user_seconds']:.1f}",
                    r["bare_pages"],
                    f"{r['bare_seconds']:.1f}",
                    f"{r['bare_ms_per_page']:.1f}",
                    f"**{r['ratio_ms_per_page']:.2f}x**",
                ]
                for r in g["rows"]
            ],
        )
        + f"\nLinear fit of time against pages: {fit['slope_ms_per_page']:.1f} ms per page +"
        f" {fit['intercept_seconds']:.1f} s, **R² = {fit['r_squared']:.4f}**; ms/page at the"
        f" largest size is **{g['ms_per_page_ratio_largest_to_smallest']:.2f}x** that at the"
        f" smallest. The bare builds: {g['bare_fit']['slope_ms_per_page']:.1f} ms per page +"
        f" {g['bare_fit']['intercept_seconds']:.1f} s (R² = {g['bare_fit']['r_squared']:.4f});"
        f" the largest ratio to bare at any size: **{g['largest_ratio_to_bare']:.2f}x**.\n"
    )


def _serve(s: dict) -> str:
    rows = [
        [
            e["edit"],
            f"`{e['page']}`",
            f"{e['median_seconds']:.2f}",
            ", ".join(f"{t:.2f}" for t in e["seconds"]),
            f"{e['median_whole_site_seconds']:.2f}",
        ]
        for e in s["edits"]
    ]
    return (
        "## 2b. `mkdocs serve`: from a save to the page showing it\n\n"
        "A copy of the real project, all ten languages, served by `mkdocs serve` on a free"
        " 127.0.0.1 port (the copy's posted.lock records nothing, so editing the version in"
        " effect is an"
        " ordinary save, not a refused change to a posted version). Each edit writes a fresh"
        " marker (a paragraph appended to the Markdown; the vendor's name in vendors.yml);"
        " the time runs from the write until the page, fetched every 50 ms, contains it. The"
        " preview shows a page once its own language is rebuilt (the source language first,"
        " then the languages of the pages asked for most recently; hooks/preview_languages.py)"
        " and goes on with the others: *whole site* is the time until every language is"
        " written (the search index, sent only then, is fetched), and each edit starts after"
        " the previous rebuild has ended."
        f" Start-up until the first page is served: {s['startup_seconds']:.1f} s.\n\n"
        + _table(["edit", "page polled", "median s", "each (s)", "whole site, median s"], rows)
    )


SERIES_TEXT = {
    "vendors": (
        "## 2c. Growth in vendors\n\n",
        "vendors",
        "A synthetic district (`tests/support/bench/synthetic.py`) with one policy of one version"
        " and"
        " the real rest of the site, at each number of vendors (copies of one entry, each its"
        " own id, name, provider, links and one cookie, English only): the registry is read"
        " and checked,"
        " listed on the vendors page (a cookie table each), in its table of contents, its"
        " search index and"
        " `/api/vendors.json`, in every language built.",
    ),
    "versions": (
        "## 2d. Growth in versions of one policy\n\n",
        "versions",
        "A synthetic district (`tests/support/bench/synthetic.py`) with one policy of that many"
        " versions, two vendors and the real rest of the site. The first four versions are"
        " the four real versions of GitHub's privacy statement (about 6,000-8,400 words each);"
        " each later one is the last of them with its own added sentence, one every 5 days"
        " (a policy revised often, by small changes). Every version has its page and, after"
        " the first, its redline, in every language built; the policy's page has the history"
        " of every version; the policy is translated (an English copy marked"
        " `translation: machine`) into every language built but English, so each language"
        " makes its own redlines.",
    ),
}


def _series(g: dict) -> str:
    heading, item, what = SERIES_TEXT[g["item"]]
    fit, cpu = g["fit"], g["cpu_fit"]
    target = g["r_squared_target"]

    def verdict(r_squared: float) -> str:
        return "reaches it" if r_squared >= target else "**below it**"

    return (
        heading
        + what
        + f" Built in {', '.join(g['languages'])}; one build per size, each in its own"
        f" process, the redline cache {g['redline_cache']}. Two cores shared with other"
        " work: *load* is the load average (1 minute) before the build; after it. *s* is"
        " wall time, which that work stretches; *CPU s* the build's own user time.\n\n"
        + _table(
            [item, "pages", "s", "CPU s", f"ms per {item[:-1]}", "ms/page", "peak MiB", "load"],
            [
                [
                    r["items"],
                    r["pages"],
                    f"{r['seconds']:.1f}",
                    f"{r['user_seconds']:.1f}",
                    f"{r['ms_per_item']:.1f}",
                    f"{r['ms_per_page']:.1f}",
                    f"{r['peak_rss_mib']:.0f}",
                    f"{r['load_average_before'][0]:.1f}; {r['load_average_after'][0]:.1f}",
                ]
                for r in g["rows"]
            ],
        )
        + f"\nLinear fit of time against {item}: {fit['slope_ms_per_item']:.1f} ms per"
        f" {item[:-1]} + {fit['intercept_seconds']:.1f} s, **R² = {fit['r_squared']:.4f}**;"
        f" of CPU time (user): {cpu['slope_ms_per_item']:.1f} ms per {item[:-1]} +"
        f" {cpu['intercept_seconds']:.1f} s, **R² = {cpu['r_squared']:.4f}**. Target R² ≥"
        f" {target}: wall time {verdict(fit['r_squared'])}, CPU time"
        f" {verdict(cpu['r_squared'])}.\n"
    )


def _reader(r: dict) -> str:
    rows = []
    for p in r["pages"]:
        rows.append(
            [
                p["page_type"],
                p["lang"],
                f"`{p['path']}`",
                p["first_load_requests"],
                _kib(p["first_load_gzip6_bytes"]),
                _kib(p["first_load_raw_bytes"]),
                p["search_requests"],
                _kib(p["after_search_gzip6_bytes"]),
                p["search_results"],
                p["error"] or "",
            ]
        )
    biggest: dict[str, int] = {}
    for p in r["pages"]:
        for t in p["responses"]:
            biggest[t["url"]] = max(biggest.get(t["url"], 0), t["gzip6"])
    shared = sorted(
        ((url, size) for url, size in biggest.items() if "/assets/" in url or "search" in url),
        key=lambda item: -item[1],
    )[:12]
    return (
        "## 3. What a reader pays\n\n"
        "Each page opened in a fresh browser context (empty cache) in Debian's Chromium"
        " through Playwright, the built site served by tests/support/browser.py's `serve`. Bytes"
        " are"
        " the **gzip -6 size of each response body** (the test server does not compress; a"
        " static host that does would send about this), summed over everything the browser"
        " requested (the page, CSS, JavaScript, images, the search worker and index); raw sizes"
        " are in benchmarks.json. *First load*: until the network is idle after `load`."
        " *After search*: the search box is clicked, a word typed (English `privacy`; Arabic"
        " `Cambridge`, see the note below) and the results awaited: the total then, whatever"
        " the browser asked for. Pages are the real site's, except the redline: the real"
        " site has none yet, so it is the smallest synthetic district's"
        f" ({r['synthetic_district']}).\n\n"
        + _table(
            [
                "page",
                "lang",
                "path",
                "requests",
                "first load KiB (gzip)",
                "first load KiB (raw)",
                "requests for search",
                "after search KiB (gzip)",
                "results",
                "problem",
            ],
            rows,
        )
        + "\nThe largest shared files (gzip KiB):\n\n"
        + _table(["file", "KiB (gzip)"], [[f"`{url}`", _kib(size)] for url, size in shared])
    )


def _lighthouse(lh: dict) -> str:
    if lh.get("skipped"):
        return f"## 4. Lighthouse\n\nNot run: {lh['skipped']}.\n"
    rows = []
    for r in lh["results"]:
        s = r["median_scores"]
        metrics = r["median_metrics_ms"]
        rows.append(
            [
                r["page_type"],
                r["lang"],
                r["form_factor"],
                f"{s.get('performance', 0):.0f}",
                ", ".join(f"{v:.0f}" for v in r["performance_runs"] if v is not None),
                f"{s.get('accessibility', 0):.0f}",
                f"{s.get('best-practices', 0):.0f}",
                f"{s.get('seo', 0):.0f}",
                f"{metrics.get('first-contentful-paint', 0):.0f}",
                f"{metrics.get('largest-contentful-paint', 0):.0f}",
                f"{metrics.get('total-blocking-time', 0):.0f}",
                "; ".join(r["errors"]) or "",
            ]
        )
    return (
        "## 4. Lighthouse\n\n"
        "Lighthouse from tests/package-lock.json driving Debian's Chromium, default"
        " settings (mobile: emulated phone with simulated slow 4G and 4x CPU slowdown;"
        f" desktop: `--preset=desktop`), {lh['runs']} run(s) per row, two at a time on the two"
        " cores; each score is the median of the runs (performance varies, the others do not)."
        " The site is served gzipped, as its host (GitHub Pages) sends it: Lighthouse times a"
        " load from the bytes sent, and the same pages served uncompressed took 1.2-1.5 s"
        " longer to first paint on the simulated phone."
        " FCP, LCP and TBT are the median simulated milliseconds.\n\n"
        + _table(
            [
                "page",
                "lang",
                "form",
                "performance",
                "perf. runs",
                "accessibility",
                "best practices",
                "SEO",
                "FCP ms",
                "LCP ms",
                "TBT ms",
                "errors",
            ],
            rows,
        )
    )


def _redline(r: dict) -> str:
    return (
        "## 5. Redline against plain difflib\n\n"
        "The site's redline (`privacy_site.outputs.redline.render_redline`) of each pair of the"
        " four real versions, against a baseline measured in the same run (difflib on the same"
        f" words with no HTML work); best of {r['rounds']}. Alone: `make bench-redline`.\n\n"
        + _table(
            ["pair", "words", "baseline ms", "redline ms", "ratio"],
            [
                [
                    p["pair"],
                    p["words"],
                    f"{p['baseline_ms']:.1f}",
                    f"{p['redline_ms']:.1f}",
                    f"{p['ratio']:.2f}",
                ]
                for p in r["pairs"]
            ],
        )
        + f"\nMedian ratio redline/baseline: **{r['median_ratio']:.2f}**.\n"
    )


def _pdfs(p: dict) -> str:
    rows = [
        [
            name,
            p[kind]["pdfs"],
            p[kind]["made"],
            p[kind]["cached"],
            f"{p[kind]['bytes'] / 1024:.0f}",
            f"{p[kind]['median_seconds']:.2f}",
        ]
        for kind, name in (
            ("cold", "PDFs, cold cache (every PDF made)"),
            ("warm", "PDFs, warm cache (a daily rebuild)"),
            ("off", "no PDFs (PRIVACY_SITE_PDFS=off)"),
        )
    ]
    return (
        "## 7. The PDFs' cost\n\n"
        "The real site built with each policy version's PDF in every language with its own text"
        f" (`privacy_site.outputs.pdfs`), median of {p['runs']} run(s) of each, one after the"
        " other; every other part builds without PDFs.\n\n"
        + _table(["build", "PDFs", "made", "from cache", "KiB of PDFs", "seconds"], rows)
        + f"\nA warm cache costs **{p['warm_over_off_seconds']:+.2f} s** over no PDFs; a cold"
        f" one **{p['cold_over_off_seconds']:+.2f} s**.\n"
    )


def _profile(p: dict) -> str:
    total = p["profiled_total_seconds"]

    def rows(entries: list[dict]) -> list[list]:
        return [
            [
                f"`{e['function']}`",
                e["calls"],
                f"{e['self_seconds']:.2f}",
                f"{e['cumulative_seconds']:.2f}",
            ]
            for e in entries
        ]

    head = ["function", "calls", "self s", "cumulative s"]
    return (
        "## 6. Profile of a large build\n\n"
        f"One synthetic build ({p['district']}, {p['pages']} pages) under cProfile (stdlib;"
        f" {p['seconds_profiled']:.0f} s with the profiler's overhead, {total:.0f} s of"
        " profiled time). By package (time spent in the package's own code):\n\n"
        + _table(
            ["package", "self s", "share"],
            [
                [g["group"], f"{g['self_seconds']:.1f}", f"{100 * g['self_seconds'] / total:.0f}%"]
                for g in p["groups"]
            ],
        )
        + "\nTop functions by cumulative time (everything they call):\n\n"
        + _table(head, rows(p["top_cumulative_all"]))
        + "\nThe site's hooks by cumulative time:\n\n"
        + _table(head, rows(p["top_cumulative_hooks"]))
        + "\nTop functions by their own time:\n\n"
        + _table(head, rows(p["top_self"]))
    )
