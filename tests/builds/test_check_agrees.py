"""``privacy-site check`` finds what the build refuses, and neither prints a traceback.

Every invalid and hostile fixture (tests/fixtures/invalid, tests/fixtures/hostile), and the
cases the content checks once missed (raw HTML in a page, a symlinked page or folder, a list
nested 500 deep, a folder named like a version file), is built for real and checked:
the build fails exactly when check exits 1, and each error line the build prints is one
check prints too (except what only a finished page shows, listed in ONLY_THE_BUILD).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, LIFECYCLE_FIXTURE
from privacy_site.model.dates import epoch_for
from sitebuild import mkdocs_build, scratch_project

pytestmark = pytest.mark.build

TODAY = date(2026, 11, 22)
CLI = Path(sys.executable).parent / "privacy-site"
VENDORS = FIXTURES / "vendors" / "valid.yml"
# What the build finds on the finished page, with its template: check has no template.
ONLY_THE_BUILD = ("is used 2 times on the page",)


def _fixture(case: Path) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        docs = case / "docs" if (case / "docs").is_dir() else case
        listed = case / "languages.txt"
        languages = (
            listed.read_text(encoding="utf-8").split()
            if listed.exists()
            else sorted(p.name for p in docs.iterdir() if p.is_dir())
        )
        return scratch_project(tmp_path, docs, VENDORS, languages=languages)

    return make


def _lifecycle(change: Callable[[Path, Path], None]) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, VENDORS)
        outside = tmp_path / "outside"
        (outside / "folder").mkdir(parents=True)
        (outside / "secret.md").write_text("# Secret\n\nroot:x:0:0\n", encoding="utf-8")
        (outside / "folder" / "page.md").write_text("# Page\n\nroot:x:0:0\n", encoding="utf-8")
        change(project / "docs" / "en", outside)
        return project

    return make


def _write(name: str, text: str) -> Callable[[Path, Path], None]:
    return lambda english, outside: (english / name).write_text(text, encoding="utf-8")


def _nested(depth: int) -> str:
    return "# Contact\n\n" + "".join(f"{'    ' * n}- point\n" for n in range(depth))


POLICY = "policies/sample-policy"
CASES: dict[str, Callable[[Path], Path]] = {
    **{f"invalid/{p.name}": _fixture(p) for p in sorted((FIXTURES / "invalid").iterdir())},
    **{f"hostile/{p.name}": _fixture(p) for p in sorted((FIXTURES / "hostile").iterdir())},
    "script-in-a-page": _write("contact.md", "# Contact\n\n<script>alert(1)</script>\n"),
    "onclick-in-a-policy": _write(
        f"{POLICY}/2020-01-01.md",
        "---\ntitle: Sample Policy\neffective: 2020-01-01\nadopted_by: Sample Committee\n---\n\n"
        'Text.\n{: onclick="alert(1)" }\n',
    ),
    "list-nested-500-deep": _write("contact.md", _nested(500)),
    "symlinked-page": lambda english, outside: (english / "secret.md").symlink_to(
        outside / "secret.md"
    ),
    "symlinked-folder": lambda english, outside: (english / "folder").symlink_to(
        outside / "folder", target_is_directory=True
    ),
    "folder-named-like-a-version": lambda english, outside: (
        english / POLICY / "2026-01-01.md"
    ).mkdir(),
}
CASES = {
    name: make if name.startswith(("invalid/", "hostile/")) else _lifecycle(make)
    for name, make in CASES.items()
}


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    if "SOURCE_DATE_EPOCH" not in extra:
        env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _listed(output: str) -> set[str]:
    """The problems a report lists, one per line, indented under its header."""
    return {line.strip() for line in output.splitlines() if line.startswith("  ") and ": " in line}


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_exits_1_exactly_when_the_build_fails(name: str, tmp_path: Path) -> None:
    project = CASES[name](tmp_path)
    epoch = str(epoch_for(TODAY, "America/New_York"))
    built = subprocess.run(
        mkdocs_build(project, tmp_path / "site"),
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=_env(SOURCE_DATE_EPOCH=epoch),
    )
    checked = subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), "check", "--date", TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=600,
        env=_env(),
    )
    build_output, check_output = built.stdout + built.stderr, checked.stdout + checked.stderr
    assert "Traceback" not in build_output, build_output
    assert "Traceback" not in check_output, check_output
    assert checked.returncode in (0, 1), check_output
    assert (built.returncode != 0) == (checked.returncode == 1), (build_output, check_output)
    errors = (
        _listed(build_output.split("must be fixed first.", 1)[-1]) if built.returncode else set()
    )
    missed = {
        line
        for line in errors - _listed(checked.stdout)
        if not any(gap in line for gap in ONLY_THE_BUILD)
    }
    assert not missed, (missed, check_output)
