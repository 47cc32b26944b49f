"""Links in the file system (symlinks): the site is built only from files kept in the project.

``ln -s /etc/passwd docs/en/users.json`` would otherwise publish the machine's password
file, and a linked folder every file in it. The rule is the simplest one that is safe: no
link at all under ``docs/`` or the theme's ``overrides/``, and ``vendors.yml`` is not a
link, wherever the link points. A link that stays inside ``docs/`` is refused too: the
site needs none (a page missing in a language already falls back to the English file),
two paths to one file would let an edit to one change a posted version through the other,
and the editors staff use (GitHub's web editor, a Windows checkout) show a link as a short
text file, not as what it publishes. One function answers for the content checks
(``privacy-site check`` and the build, through ``docs_tree`` and ``sources``) and for the
build's own list of files (``hooks/page_safety.py`` drops every file reached by a link).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.problems import Problem


def link_on_the_way(path: Path, root: Path) -> Path | None:
    """The first link between ``root`` (itself not included) and ``path``, or ``None``
    (also for a path outside ``root``)."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        return None
    current = Path(root)
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def points_to(link: Path) -> str:
    """Where ``link`` points, as it is written in the link."""
    try:
        return os.readlink(link)
    except OSError:
        return "somewhere that cannot be read"


def problem(link: Path, display: str) -> Problem:
    """The one message for a link: where it is, what it points to, and the fix."""
    what = "folder" if link.is_dir() else "file"
    return Problem(
        display,
        message=f"this is a link (symlink) to {points_to(link)!r}, not a {what} of the "
        f"project; the site is built only from files kept in it, never from what a link "
        f"points to: replace the link with the {what} itself (a copy), or remove it",
    )


def found_in(folder: Path, display: str) -> list[Problem]:
    """Every link under ``folder`` (not descending into linked folders), each named as
    ``display``/its path, e.g. overrides/assets/x.css."""
    found: list[Problem] = []
    if not folder.is_dir():
        return found
    for root, folders, names in os.walk(folder):
        for name in sorted(folders + names):
            path = Path(root, name)
            if path.is_symlink():
                shown = Path(display, path.relative_to(folder)).as_posix()
                found.append(problem(path, shown))
        folders.sort()
    return found
