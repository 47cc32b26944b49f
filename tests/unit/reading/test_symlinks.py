"""Links in the file system publish nothing: a symlink under docs/ or overrides/, or a
vendors.yml that is one, is refused with where it points and the fix, by the content
checks, the real build and ``privacy-site check`` alike, and nothing outside the project
reaches site/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, LIFECYCLE_FIXTURE
from privacy_site.content import load_content
from privacy_site.model.dates import epoch_for
from privacy_site.model.problems import errors
from privacy_site.reading import posted_lock
from sitebuild import ROOT, mkdocs_build, scratch_project

TODAY = date(2026, 11, 22)
EXTRA = {
    "privacy_site": {
        "district": "Test District",
        "timezone": "America/New_York",
        "contact_email": "web@example.org",
    }
}
SECRET = "root:x:0:0:OUTSIDE-THE-PROJECT"
CLI = Path(sys.executable).parent / "privacy-site"


def fix(what: str) -> str:
    return (
        f"the site is built only from files kept in it, never from what a link points to: "
        f"replace the link with the {what} itself (a copy), or remove it"
    )


def outside(tmp_path: Path) -> Path:
    """A folder outside the project, holding what must never be published."""
    folder = tmp_path / "outside"
    (folder / "private").mkdir(parents=True)
    (folder / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "private" / "notes.md").write_text(f"# Notes\n\n{SECRET}\n", encoding="utf-8")
    (folder / "private" / "key.txt").write_text(SECRET, encoding="utf-8")
    return folder


def add_links(docs: Path, elsewhere: Path) -> list[str]:
    """Links of every kind under ``docs``; the errors each must get."""
    (docs / "en" / "users.json").symlink_to(elsewhere / "passwd")
    (docs / "en" / "private").symlink_to(elsewhere / "private", target_is_directory=True)
    policy = docs / "en" / "policies" / "sample-policy"
    (policy / "2027-06-01.md").symlink_to("2020-01-01.md")  # inside docs/, refused too
    (docs / "en" / "shared").symlink_to("policies", target_is_directory=True)
    return [
        "docs/en/policies/sample-policy/2027-06-01.md: this is a link (symlink) to "
        f"'2020-01-01.md', not a file of the project; {fix('file')}",
        f"docs/en/private: this is a link (symlink) to '{elsewhere / 'private'}', not a folder "
        f"of the project; {fix('folder')}",
        f"docs/en/shared: this is a link (symlink) to 'policies', not a folder of the project; "
        f"{fix('folder')}",
        f"docs/en/users.json: this is a link (symlink) to '{elsewhere / 'passwd'}', not a file "
        f"of the project; {fix('file')}",
    ]


def test_the_content_checks_name_each_link_and_read_nothing_through_it(tmp_path: Path) -> None:
    elsewhere = outside(tmp_path)
    docs = tmp_path / "docs"
    shutil.copytree(LIFECYCLE_FIXTURE, docs)
    expected = add_links(docs, elsewhere)
    vendors = tmp_path / "vendors.yml"
    vendors.symlink_to(elsewhere / "passwd")
    expected.append(
        f"vendors.yml: this is a link (symlink) to '{elsewhere / 'passwd'}', not a file of the "
        f"project; {fix('file')}"
    )
    (tmp_path / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")  # nothing yet
    content = load_content(docs, TODAY, EXTRA, "en", ["en"], vendors)
    assert sorted(str(p) for p in errors(content.problems)) == sorted(expected)
    [policy] = content.policies
    assert [v.slug for v in policy.versions] == [
        "2020-01-01",
        "2026-11-01",
        "2026-12-22",
        "2027-03-01",
    ]
    assert not any(SECRET in p.message for p in content.problems)


def run_check(project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), "check", "--date", TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def run_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env["SOURCE_DATE_EPOCH"] = str(epoch_for(TODAY, "America/New_York"))
    return subprocess.run(
        mkdocs_build(project, site),
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def published(site: Path) -> list[str]:
    """Every file of ``site`` that holds the secret, or is a link."""
    found = []
    for path in site.rglob("*") if site.exists() else []:
        if path.is_symlink() or (path.is_file() and SECRET.encode() in path.read_bytes()):
            found.append(path.relative_to(site).as_posix())
    return found


@pytest.mark.build
def test_a_build_with_links_fails_publishes_nothing_outside_and_check_says_the_same(
    tmp_path: Path,
) -> None:
    elsewhere = outside(tmp_path)
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    expected = add_links(project / "docs", elsewhere)
    # overrides/ is the theme folder MkDocs copies from: a copy of the real one, with a link
    (project / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "overrides" / "assets" / "passwd.txt").symlink_to(elsewhere / "passwd")
    expected.append(
        f"overrides/assets/passwd.txt: this is a link (symlink) to '{elsewhere / 'passwd'}', "
        f"not a file of the project; {fix('file')}"
    )
    site = tmp_path / "site"
    build = run_build(project, site)
    output = build.stdout + build.stderr
    assert build.returncode == 1, output
    assert "Traceback" not in output
    for line in expected:
        assert f"  {line}\n" in output, (line, output)
    assert published(site) == []
    checked = run_check(project)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "Traceback" not in checked.stdout + checked.stderr
    for line in expected:
        assert f"  {line}\n" in checked.stdout, (line, checked.stdout)
