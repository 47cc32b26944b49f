"""Which page is translated into which language, and how: the completeness report.

For every English page (policy versions included) and every language the site builds, one
state, read from the files the way the build reads them:

- ``original``: the English itself;
- ``reviewed`` or ``machine``: a translation made from the English as it is now;
- ``stale``: a translation made before the English last changed;
- ``missing``: no translation; the site shows the English there, marked as such.

``python -m privacy_site.languages.translation_status`` (``make translations``) prints the table
for staff; the build writes the same facts on every translation-disclaimer page
(``translation_status: true`` in its front matter), so the report published is always the
report of the files published.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model.translations import Translation
from ..reading import mkdocs_yml
from ..reading.docs_tree import DocsTree
from ..reading.translations import check_translations
from .language import N_, Language, direction

STATES = ("original", "reviewed", "machine", "stale", "missing")


@dataclass(frozen=True)
class PageStatus:
    path: str  # inside a language folder: "index.md", "policies/x/2018-05-15.md"
    titles: dict[str, str]  # language -> the title its file gives (English always)
    states: dict[str, str]  # language -> one of STATES

    @property
    def url(self) -> str:
        """The page's address inside a language: "", "vendors/", "policies/x/2018-05-15/"."""
        stem = self.path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
            return stem
        return f"{stem}/"

    @property
    def version(self) -> str | None:
        """For a policy version, its date ("2018-05-15"); else None."""
        parts = self.path.removesuffix(".md").split("/")
        return parts[2] if len(parts) == 3 and parts[0] == "policies" else None


def page_status(
    tree: DocsTree,
    translations: dict[tuple[str, str], Translation],
    default: str,
    languages: Sequence[str],
) -> list[PageStatus]:
    """One row per English page, in the order of the English folder."""
    rows = []
    for path, source in sorted(tree.pages.get(default, {}).items(), key=_page_order):
        titles, states = {}, {}
        for lang in languages:
            file = source if lang == default else tree.pages.get(lang, {}).get(path)
            parsed = tree.markdown(file) if file is not None else None
            title = parsed.fields.get("title") if parsed is not None else None
            if isinstance(title, str) and title.strip():
                titles[lang] = title.strip()
            found = translations.get((lang, path))
            if lang == default:
                states[lang] = "original"
            elif found is None:
                states[lang] = "missing"
            else:
                states[lang] = "stale" if found.stale else found.kind
        titles.setdefault(default, path)
        rows.append(PageStatus(path, titles, states))
    return rows


def _page_order(item: tuple[str, Path]) -> tuple[int, str]:
    """Top-level pages first, home first; then the policies, each with its versions."""
    path = item[0]
    return (0 if path == "index.md" else 1 if "/" not in path else 2, path)


def matrix(rows: Sequence[PageStatus], languages: Sequence[str], default: str) -> str:
    """The report as a Markdown table: pages down, languages across."""
    others = [lang for lang in languages if lang != default]
    lines = [
        "| Page | " + " | ".join(others) + " |",
        "| --- | " + " | ".join("---" for _ in others) + " |",
    ]
    for row in rows:
        lines.append(f"| {row.path} | " + " | ".join(row.states[lang] for lang in others) + " |")
    return "\n".join(lines)


def totals(rows: Sequence[PageStatus], languages: Sequence[str], default: str) -> str:
    """A line per language: how many pages are in each state."""
    lines = []
    for lang in languages:
        if lang == default:
            continue
        counts = Counter(row.states[lang] for row in rows)
        done = counts["reviewed"] + counts["machine"]
        parts = ", ".join(f"{counts[state]} {state}" for state in STATES[1:] if counts[state])
        lines.append(f"{lang}: {done} of {len(rows)} pages translated ({parts})")
    return "\n".join(lines)


def report(project: Path) -> str:
    default, languages = mkdocs_yml.languages(mkdocs_yml.read_config(project / "mkdocs.yml"))
    tree = DocsTree(project / "docs", languages)
    translations, _ = check_translations(tree, default)
    rows = page_status(tree, translations, default, languages)
    legend = (
        "reviewed / machine: translated from the English as it is now, by a person or by "
        "machine; stale: translated before the English last changed; missing: the site "
        "shows the English there"
    )
    return "\n\n".join([matrix(rows, languages, default), totals(rows, languages, default), legend])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m privacy_site.languages.translation_status",
        description="Print which page is translated into which language, and how.",
    )
    parser.add_argument(
        "project", nargs="?", default=".", type=Path, help="the folder with mkdocs.yml"
    )
    args = parser.parse_args(argv)
    if not (args.project / "mkdocs.yml").is_file():
        print(f"{args.project}: no mkdocs.yml here; run it from the project folder")
        return 2
    print(report(args.project))
    return 0


if __name__ == "__main__":
    sys.exit(main())


# On the translation-disclaimer page ------------------------------------------------------

STATE_LABELS = {
    "original": N_("English original"),
    "reviewed": N_("Reviewed translation"),
    "machine": N_("Machine translation"),
    "stale": N_("Translation may be out of date"),
    "missing": N_("Not translated yet: shown in English"),
}


@dataclass(frozen=True)
class StatusColumn:
    code: str  # a language's code
    name: str  # its name in its own script
    dir: str  # "ltr" or "rtl"


@dataclass(frozen=True)
class StatusCell:
    state: str  # one of STATES
    label: str  # the state in the reader's language


@dataclass(frozen=True)
class StatusRow:
    href: str  # the page, in the reader's language
    title: str  # its title in the reader's language, or the English one
    english: bool  # the title is the English one (the page has no title of its own)
    version: date | None  # for a policy version, its date
    cells: tuple[StatusCell, ...]


@dataclass(frozen=True)
class StatusTable:
    """The report as the translation-disclaimer page shows it
    (``translation_status`` in overrides/partials/fragments.html)."""

    every_language: bool  # the English page: every other language across
    columns: tuple[StatusColumn, ...]  # the languages shown (one, unless every_language)
    rows: tuple[StatusRow, ...]


def status_table(
    rows: Sequence[PageStatus],
    language: Language,
    default: str,
    languages: Sequence[str],
    names: dict[str, str],
    href: Callable[[str, str], str],
) -> StatusTable:
    """The report for readers of ``language``: in English, every language across; in any
    other language, that language's column. ``href(lang, url)`` links a page."""
    own = language.code
    shown = [lang for lang in languages if lang != default] if own == default else [own]
    table_rows = []
    for row in rows:
        title = row.titles.get(own)
        cells = tuple(
            StatusCell(row.states[lang], language.gettext(STATE_LABELS[row.states[lang]]))
            for lang in shown
        )
        table_rows.append(
            StatusRow(
                href=href(own, row.url),
                title=title if title is not None else row.titles[default],
                english=title is None,
                version=date.fromisoformat(row.version) if row.version else None,
                cells=cells,
            )
        )
    return StatusTable(
        every_language=own == default,
        columns=tuple(StatusColumn(lang, names.get(lang, lang), direction(lang)) for lang in shown),
        rows=tuple(table_rows),
    )
