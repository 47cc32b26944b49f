"""The ``docs/`` folder as staff left it: every name, every Markdown file, checked once.

Everything under ``docs/`` is read here before MkDocs reads any of it, so a misnamed
file, a folder for a language the site does not build, a file that is not UTF-8 or front
matter that cannot be read is a located problem, never something MkDocs trips over later
or, worse, copies to the site as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model.problems import Problem
from . import frontmatter, frontmatter_check, sources, symlinks

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".txt"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


class DocsTree:
    """Every Markdown file under ``docs_dir``, read and parsed once, with its problems."""

    def __init__(self, docs_dir: Path, languages: list[str]):
        self.docs_dir = docs_dir
        self.languages = languages
        self.problems: list[Problem] = []
        self._parsed: dict[Path, frontmatter.Parsed | None] = {}
        self._texts: dict[Path, str] = {}
        self._bad_names: set[Path] = set()
        self.pages: dict[str, dict[str, Path]] = {}  # language -> path in it -> file
        if docs_dir.is_dir():
            self._scan_top()

    def display(self, path: Path) -> str:
        """The path staff see: relative to the project, e.g. docs/en/policies/x/2026-12-22.md."""
        try:
            return (Path(self.docs_dir.name) / path.relative_to(self.docs_dir)).as_posix()
        except ValueError:
            return path.as_posix()

    def name_ok(self, path: Path) -> bool:
        """False for a path whose name has already been reported, or that is reached
        through a link (reported once, at the link)."""
        return path not in self._bad_names and not symlinks.link_on_the_way(path, self.docs_dir)

    def markdown(self, path: Path) -> frontmatter.Parsed | None:
        """The parsed file, or ``None`` when it cannot be read (its problem is recorded)."""
        if path not in self._parsed:
            self._parsed[path] = self._read(path)
        return self._parsed[path]

    def source(self, path: Path) -> str | None:
        """The file's whole text as read (front matter included, so lines match), or
        ``None`` when it cannot be read."""
        self.markdown(path)
        return self._texts.get(path)

    # Reading ----------------------------------------------------------------------------

    def _scan_top(self) -> None:
        for entry in sorted(self.docs_dir.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                self.problems.append(symlinks.problem(entry, self.display(entry)))
            elif entry.is_dir() and entry.name in self.languages:
                self._scan(entry)
            elif entry.is_dir() and LANGUAGE_CODE.match(entry.name):
                self._add(
                    entry,
                    f"the folder {entry.name!r} is for a language the site does not build: "
                    f"add '{entry.name}' to the i18n languages in mkdocs.yml (see 'Adding a "
                    "language' in the README), or move the folder out of docs/",
                )
            else:
                what = "folder" if entry.is_dir() else "file"
                self._add(
                    entry,
                    f"this {what} is outside the language folders: everything in docs/ goes in "
                    f"a language folder, such as docs/{self.languages[0]}/{entry.name}",
                )

    def _scan(self, folder: Path) -> None:
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():  # never followed: see privacy_site.reading.symlinks
                self.problems.append(symlinks.problem(entry, self.display(entry)))
                self._bad_names.add(entry)
                continue
            if not self._check_name(entry):
                continue
            if entry.is_dir():
                self._scan(entry)
            elif entry.suffix == ".md" and self.markdown(entry) is not None:
                lang, *rest = entry.relative_to(self.docs_dir).parts
                self.pages.setdefault(lang, {})["/".join(rest)] = entry

    def _check_name(self, entry: Path) -> bool:
        name = entry.name
        suffix = Path(name.strip()).suffix
        if SAFE_NAME.match(name) and not (
            entry.is_file() and suffix.lower() in MARKDOWN_SUFFIXES and suffix != ".md"
        ):
            return True
        stem, dot, ext = name.strip().rpartition(".") if entry.is_file() else (name, "", "")
        if not dot:
            stem, ext = name.strip(), ""
        if entry.is_file() and f".{ext.lower()}" in MARKDOWN_SUFFIXES:
            ext = "md"
        suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._") or "page"
        suggestion += f".{ext}" if ext else ""
        if suggestion == name:  # only the letter case of the extension was wrong
            suggestion = f"{stem}.md"
        what = "folder" if entry.is_dir() else "file"
        self._add(
            entry,
            f"the {what} name {name!r} cannot be published as it is: names use letters, "
            f"digits, '-', '_' and '.', and pages end in '.md'; rename it to {suggestion!r}",
        )
        self._bad_names.add(entry)
        return False

    def _read(self, path: Path) -> frontmatter.Parsed | None:
        if symlinks.link_on_the_way(path, self.docs_dir):
            return None  # never read through a link: reported where the link is
        display = self.display(path)
        text, found = sources.read_text(path, display)
        self.problems += found
        if text is None:
            return None
        self._texts[path] = text
        parsed = frontmatter.parse(text)
        if parsed.error:
            line, column, message = parsed.error
            self.problems.append(Problem(display, line, column, message))
            return None
        for line, message in parsed.flaws:
            self.problems.append(Problem(display, line, message=message))
        self.problems += frontmatter_check.title_problems(display, parsed)
        return parsed

    def _add(self, entry: Path, message: str) -> None:
        self.problems.append(Problem(self.display(entry), message=message))
