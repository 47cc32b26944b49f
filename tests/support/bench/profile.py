"""Where a large build's time goes: one synthetic build under cProfile (in its own
process, as every benchmark build), summed per function and per package."""

from __future__ import annotations

import pstats
import re
from pathlib import Path

from bench.builds import build, clear_redline_cache

# Where a function's file lives -> a name for the table of packages.
GROUPS = [
    (r"/hooks/privacy_site/", "the site's logic (hooks/privacy_site)"),
    (r"/hooks/", "the site's MkDocs hooks (hooks/*.py)"),
    (r"/jinja2/", "Jinja2 (templates)"),
    (r"/markdown/|/pymdownx/", "Python-Markdown and extensions"),
    (r"/mkdocs_static_i18n/", "mkdocs-static-i18n"),
    (r"/material/", "Material for MkDocs"),
    (r"/mkdocs/", "MkDocs"),
    (r"/lxml/|lxml\.", "lxml"),
    (r"/nh3/|nh3\.", "nh3"),
    (r"/yaml/|_yaml", "PyYAML"),
    (r"/babel/", "Babel"),
    (r"/difflib\.py", "difflib (redlines)"),
    (r"/json/|_json", "json"),
    (r"/re/|/sre_|re\.Pattern|_sre", "re (regular expressions)"),
]


def _group(filename: str, name: str) -> str:
    text = f"{filename}:{name}"
    for pattern, group in GROUPS:
        if re.search(pattern, text):
            return group
    if filename == "~":
        return "built-in functions (other)"
    return "other (standard library, startup)"


def _where(filename: str, line: int, name: str, root: Path) -> str:
    shown = filename
    for marker in ("/site-packages/", "/lib/python3."):
        if marker in shown:
            shown = shown.split(marker, 1)[1]
            if marker == "/lib/python3.":
                shown = shown.split("/", 1)[1] if "/" in shown else shown
            break
    if str(root) in shown:
        shown = shown.split(str(root), 1)[1].lstrip("/")
    return f"{shown}:{line}({name})" if filename != "~" else name


def run(project: Path, site: Path, top: int = 25) -> dict:
    clear_redline_cache(project)
    output = project.parent / f"{project.name}.prof"
    result = build(project, site, extra_args=["-m", "cProfile", "-o", str(output)])
    if result.returncode != 0:
        raise RuntimeError(f"profiled build failed:\n{result.output[-3000:]}")
    stats = pstats.Stats(str(output))
    entries = stats.stats  # (file, line, name) -> (cc, nc, tottime, cumtime, callers)
    total = sum(tottime for _, _, tottime, _, _ in entries.values())
    groups: dict[str, float] = {}
    for (filename, _, name), (_, _, tottime, _, _) in entries.items():
        key = _group(filename, name)
        groups[key] = groups.get(key, 0.0) + tottime
    root = project

    def rows(index: int, only=None) -> list[dict]:
        chosen = [
            (key, value)
            for key, value in entries.items()
            if only is None or re.search(only, key[0])
        ]
        chosen.sort(key=lambda item: item[1][index], reverse=True)
        return [
            {
                "function": _where(filename, line, name, root),
                "calls": value[1],
                "self_seconds": value[2],
                "cumulative_seconds": value[3],
            }
            for (filename, line, name), value in chosen[:top]
        ]

    return {
        "pages": result.pages,
        "seconds_profiled": result.seconds,
        "profiled_total_seconds": total,
        "groups": sorted(
            ({"group": k, "self_seconds": v} for k, v in groups.items()),
            key=lambda row: -row["self_seconds"],
        ),
        "top_self": rows(2),
        "top_cumulative_hooks": rows(3, r"/hooks/"),
        "top_cumulative_all": rows(3),
    }
