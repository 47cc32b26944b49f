"""`mkdocs serve` (`make serve`, `make preview`): a content error is shown in the page the
editor is looking at, not only in the terminal, and the page recovers once it is fixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import free_port
from conftest import FIXTURES, LIFECYCLE_FIXTURE
from sitebuild import ROOT, scratch_project

pytestmark = pytest.mark.build


def fetch(url: str, wanted: str, timeout: float = 90) -> str:
    """The page at ``url`` once it contains ``wanted`` (serve rebuilds in the background)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wanted in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last seen:\n{last[:2000]}")


def start_serve(project: Path) -> tuple[subprocess.Popen, int]:
    """`mkdocs serve` of ``project`` on a free port, as of 2026-11-22 (New York)."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795400000")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, port


def test_a_content_error_is_shown_in_the_preview_and_goes_when_fixed(tmp_path: Path) -> None:
    # mkdocs.yml watches vendors.yml: the project has one
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    docs = project / "docs"
    version = docs / "en" / "policies" / "sample-policy" / "2026-12-22.md"
    good = version.read_text(encoding="utf-8")
    version.write_text(good.replace("posted: 2026-11-20", "posted: 2026-12-10"), "utf-8")
    server, port = start_serve(project)
    try:
        page = fetch(f"http://127.0.0.1:{port}/contact/", "build-problems")
        assert "docs/en/policies/sample-policy/2026-12-22.md:" in page
        assert "needs 30 days&#39; notice" in page or "needs 30 days' notice" in page
        assert "cannot be published" in page
        version.write_text(good, "utf-8")  # fixed: the next rebuild drops the banner
        deadline = time.monotonic() + 90
        while "build-problems" in fetch(f"http://127.0.0.1:{port}/contact/", "</html>"):
            assert time.monotonic() < deadline, "the banner stayed after the fix"
            time.sleep(1)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output
    assert "The site was not built: 1 problem" in output  # and in the terminal


def test_a_file_added_to_the_theme_while_serving_is_served_after_the_next_save(
    tmp_path: Path,
) -> None:
    # The theme's files are listed once per process (site_context.ThemeListing): a file
    # added to overrides/ must not be missed by the preview that is already running.
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    overrides = project / "overrides"
    overrides.unlink()  # a copy of its own, not the real theme folder
    shutil.copytree(ROOT / "overrides", overrides)
    server, port = start_serve(project)
    try:
        fetch(f"http://127.0.0.1:{port}/contact/", "</html>")
        added = overrides / "assets" / "javascripts" / "added-while-serving.js"
        added.write_text("// added while serving\n", "utf-8")
        contact = project / "docs" / "en" / "contact.md"  # overrides/ is not watched
        contact.write_text(contact.read_text("utf-8") + "\nSaved again.\n", "utf-8")
        fetch(f"http://127.0.0.1:{port}/contact/", "Saved again.")
        script = fetch(
            f"http://127.0.0.1:{port}/assets/javascripts/added-while-serving.js", "added"
        )
        assert "added while serving" in script
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output
