"""The theme's files are listed once per process, not once per language
(``site_context.ThemeListing``), and a file added to the project's own theme folder is
still found."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from privacy_site.adapter.site_context import ThemeListing


class Walk:
    """A loader's listing that counts how often it is asked."""

    def __init__(self, names: list[str]) -> None:
        self.names, self.calls = names, 0

    def __call__(self) -> list[str]:
        self.calls += 1
        return list(self.names)


def test_the_listing_is_walked_once_and_leaves_out_hidden_files(tmp_path: Path) -> None:
    walk = Walk(["main.html", ".icons/a.svg", "assets/.cache/x", "assets/site.css"])
    listing = ThemeListing()
    first = listing.names([str(tmp_path)], walk)
    second = listing.names([str(tmp_path)], walk)
    assert first == second == ["main.html", "assets/site.css"]
    assert walk.calls == 1


def test_a_file_added_to_the_project_theme_folder_is_listed_again(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    walk = Walk(["assets/site.css"])
    listing = ThemeListing()
    listing.names([str(tmp_path)], walk)
    time.sleep(0.01)  # a folder's time changes with the entry (nanoseconds on Linux)
    (tmp_path / "assets" / "new.js").write_text("", "utf-8")
    walk.names.append("assets/new.js")
    assert listing.names([str(tmp_path)], walk) == ["assets/site.css", "assets/new.js"]
    assert walk.calls == 2
