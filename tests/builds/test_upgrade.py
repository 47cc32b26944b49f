"""A district takes the engine's improvements with one command, and nothing of its own
changes: real git repositories (an upstream and a district cloned from it), the real
``privacy-site upgrade``, and a strict build of the district afterwards."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "privacy-site"
IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}
STYLESHEET = "overrides/assets/stylesheets/privacy-site.css"


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **IDENTITY},
        check=True,
    )
    return result.stdout


def upgrade(district: Path, upstream: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "--config", str(district / "mkdocs.yml"), "upgrade", str(upstream), "main"],
        capture_output=True,
        text=True,
        env={**os.environ, **IDENTITY},
        check=False,
    )


@pytest.fixture
def repositories(tmp_path: Path) -> tuple[Path, Path]:
    """An upstream (this repository as committed) and a district cloned from it, which has
    made the site its own: its name, a page, its registry."""
    upstream, district = tmp_path / "upstream", tmp_path / "district"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(upstream)], check=True)
    git(upstream, "checkout", "--quiet", "-B", "main")
    subprocess.run(["git", "clone", "--quiet", str(upstream), str(district)], check=True)
    config = district / "mkdocs.yml"
    # Whichever district's site this repository is: the name it gives its site.
    named, count = re.subn(
        r"^site_name: .*$",
        "site_name: Riverside Privacy",
        config.read_text("utf-8"),
        count=1,
        flags=re.M,
    )
    assert count == 1, "the district's mkdocs.yml names its site (site_name:)"
    config.write_text(named, "utf-8")
    with (district / "docs/en/index.md").open("a", encoding="utf-8") as page:
        page.write("\nRiverside's own paragraph.\n")
    with (district / "vendors.yml").open("a", encoding="utf-8") as registry:
        registry.write("# Riverside's registry\n")
    git(district, "commit", "--quiet", "-am", "Riverside's site")
    return upstream, district


@pytest.mark.build
def test_an_upgrade_takes_every_engine_change_and_none_of_the_example_districts_content(
    repositories: tuple[Path, Path], tmp_path: Path
) -> None:
    upstream, district = repositories
    own = {
        path: (district / path).read_bytes()
        for path in ("mkdocs.yml", "docs/en/index.md", "vendors.yml", "posted.lock")
    }
    # Upstream improves the engine (a change, a new file, a removed file) and, as the
    # example district, edits its own content: a clash for any merge.
    with (upstream / STYLESHEET).open("a", encoding="utf-8") as sheet:
        sheet.write("\n/* An engine improvement. */\n")
    (upstream / "overrides/partials/engine-new.html").write_text("<!-- new -->\n", "utf-8")
    git(upstream, "rm", "--quiet", "BENCHMARKS.md")
    with (upstream / "docs/en/index.md").open("a", encoding="utf-8") as page:
        page.write("\nCambridge's new paragraph.\n")
    (upstream / "mkdocs.yml").write_text(
        (upstream / "mkdocs.yml").read_text("utf-8").replace("Privacy\n", "Privacy Notices\n", 1),
        "utf-8",
    )
    git(upstream, "add", "--all")
    git(upstream, "commit", "--quiet", "-m", "Engine and example content")

    done = upgrade(district, upstream)

    assert done.returncode == 0, done.stderr
    assert "1 changed, 1 added, 1 removed" in done.stdout, done.stdout
    assert "An engine improvement" in (district / STYLESHEET).read_text("utf-8")
    assert (district / "overrides/partials/engine-new.html").is_file()
    assert not (district / "BENCHMARKS.md").exists()
    assert {path: (district / path).read_bytes() for path in own} == own
    assert git(district, "status", "--porcelain") == ""
    assert git(district, "log", "-1", "--format=%s").startswith(f"Engine from {upstream} main")
    # Nothing is merged: the engine's files are upstream's, byte for byte.
    assert git(district, "diff", "--stat", "FETCH_HEAD", "--", "hooks", "overrides") == ""

    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=district,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(district / "hooks")},
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    home = (site / "index.html").read_text("utf-8")
    assert "Riverside's own paragraph" in home and "Cambridge's new paragraph" not in home
    assert "<title>Riverside Privacy</title>" in home


def test_an_upgrade_twice_says_the_engine_is_already_upstreams(
    repositories: tuple[Path, Path],
) -> None:
    upstream, district = repositories
    done = upgrade(district, upstream)
    assert done.returncode == 0, done.stderr
    assert "already the same" in done.stdout
    assert git(district, "log", "-1", "--format=%s") == "Riverside's site\n"


def test_an_upgrade_refuses_uncommitted_work_in_one_line_and_changes_nothing(
    repositories: tuple[Path, Path],
) -> None:
    upstream, district = repositories
    with (district / "docs/en/index.md").open("a", encoding="utf-8") as page:
        page.write("\nNot yet committed.\n")
    before = git(district, "rev-parse", "HEAD")
    done = upgrade(district, upstream)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "uncommitted changes" in done.stderr
    assert "Traceback" not in done.stderr
    assert git(district, "rev-parse", "HEAD") == before
    assert "Not yet committed." in (district / "docs/en/index.md").read_text("utf-8")


def test_an_upgrade_from_an_address_that_does_not_answer_is_one_line(
    repositories: tuple[Path, Path], tmp_path: Path
) -> None:
    _, district = repositories
    done = upgrade(district, tmp_path / "no-such-repository")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "cannot fetch main from" in done.stderr
