"""``privacy-site check`` and the build run one list of checks (``privacy_site.staff.checks``):
a project that passes ``check`` builds, and a build that fails has failed ``check``.

Every fixture of invalid content (tests/fixtures/invalid, the unsafe page of
tests/fixtures/hostile, each tests/fixtures/vendors/invalid/*.yml with an error), the cases
the content checks once missed (raw HTML in a page, a symlinked page or folder, a list
nested 500 deep, a folder named like a version file) and one only the build once found (a
language the theme has no words for) is built for real with a strict ``mkdocs build`` and
checked: both fail, neither prints a traceback, and each error line the build prints is
one ``check`` prints too (except what only a finished page shows, ONLY_THE_BUILD). Every
valid fixture passes both: lifecycle, titled, corrections, the ten languages, hostile
titles (escaped, not refused) and the vendors fixture that has only a reminder.

The builds and checks run up front, two at a time (the machine has two cores), each a real
process; each case is then one test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, LIFECYCLE_FIXTURE, all_languages, languages_docs
from privacy_site.model.dates import epoch_for
from sitebuild import ROOT, mkdocs_build, scratch_project

pytestmark = pytest.mark.build

TODAY = date(2026, 11, 22)
CLI = Path(sys.executable).parent / "privacy-site"
VENDORS = FIXTURES / "vendors" / "valid.yml"
# What the build finds on the finished page, with its template: check has no template.
ONLY_THE_BUILD = ("is used 2 times on the page",)


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]  # a scratch folder -> the project made in it
    fails: bool  # invalid content: both must fail; valid: both must pass


def _languages(docs: Path, case: Path) -> list[str]:
    listed = case / "languages.txt"
    if listed.exists():
        return listed.read_text(encoding="utf-8").split()
    found = sorted(p.name for p in docs.iterdir() if p.is_dir())
    return ["en"] + [code for code in found if code != "en"]  # English is the default


def _fixture(case: Path, vendors: Path = VENDORS) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        docs = case / "docs" if (case / "docs").is_dir() else case
        return scratch_project(tmp_path, docs, vendors, languages=_languages(docs, case))

    return make


def _lifecycle(
    change: Callable[[Path, Path], None], languages: list[str] | None = None
) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, VENDORS, languages=languages)
        outside = tmp_path / "outside"
        (outside / "folder").mkdir(parents=True)
        (outside / "secret.md").write_text("# Secret\n\nroot:x:0:0\n", encoding="utf-8")
        (outside / "folder" / "page.md").write_text("# Page\n\nroot:x:0:0\n", encoding="utf-8")
        change(project, outside)
        return project

    return make


def _write(name: str, text: str) -> Callable[[Path, Path], None]:
    return lambda project, outside: (project / "docs" / "en" / name).write_text(text, "utf-8")


def _nested(depth: int) -> str:
    return "# Contact\n\n" + "".join(f"{'    ' * n}- point\n" for n in range(depth))


def _without_theme_words(code: str) -> Callable[[Path, Path], None]:
    """The project's own copy of overrides/ without Material's words for ``code``."""

    def change(project: Path, outside: Path) -> None:
        (project / "overrides").unlink()
        shutil.copytree(ROOT / "overrides", project / "overrides")
        (project / "overrides" / "partials" / "languages" / f"{code}.html").unlink()

    return change


def _corrections(project: Path, outside: Path) -> None:
    shutil.copytree(FIXTURES / "corrections", project / "docs", dirs_exist_ok=True)


def _ten_languages(tmp_path: Path) -> Path:
    docs = languages_docs(tmp_path)
    return scratch_project(tmp_path, docs, VENDORS, docs=docs, languages=all_languages())


POLICY = "policies/sample-policy"
ENGLISH = "docs/en"
CASES: dict[str, Case] = {
    **{
        f"invalid/{p.name}": Case(_fixture(p), fails=True)
        for p in sorted((FIXTURES / "invalid").iterdir())
    },
    **{
        f"hostile/{p.name}": Case(_fixture(p), fails=p.name != "title")
        for p in sorted((FIXTURES / "hostile").iterdir())
    },
    **{
        f"vendors/{p.stem}": Case(
            _fixture(LIFECYCLE_FIXTURE, p), fails=p.stem != "expired-agreement"
        )  # an agreement that has expired is a reminder, not an error
        for p in sorted((FIXTURES / "vendors" / "invalid").glob("*.yml"))
    },
    "script-in-a-page": Case(
        _lifecycle(_write("contact.md", "# Contact\n\n<script>alert(1)</script>\n")), True
    ),
    "onclick-in-a-policy": Case(
        _lifecycle(
            _write(
                f"{POLICY}/2020-01-01.md",
                "---\ntitle: Sample Policy\neffective: 2020-01-01\nadopted_by: Sample Committee"
                '\n---\n\nText.\n{: onclick="alert(1)" }\n',
            )
        ),
        True,
    ),
    "list-nested-500-deep": Case(_lifecycle(_write("contact.md", _nested(500))), True),
    "symlinked-page": Case(
        _lifecycle(
            lambda project, outside: (project / ENGLISH / "secret.md").symlink_to(
                outside / "secret.md"
            )
        ),
        True,
    ),
    "symlinked-folder": Case(
        _lifecycle(
            lambda project, outside: (project / ENGLISH / "folder").symlink_to(
                outside / "folder", target_is_directory=True
            )
        ),
        True,
    ),
    "folder-named-like-a-version": Case(
        _lifecycle(lambda project, outside: (project / ENGLISH / POLICY / "2026-01-01.md").mkdir()),
        True,
    ),
    "no-theme-words-for-a-language": Case(
        _lifecycle(_without_theme_words("so"), languages=["en", "so"]), True
    ),
    "valid/lifecycle": Case(_lifecycle(lambda project, outside: None, ["en", "es"]), False),
    "valid/titled": Case(_fixture(FIXTURES / "titled"), False),
    "valid/corrections": Case(_lifecycle(_corrections, ["en", "es"]), False),
    "valid/languages": Case(_ten_languages, False),
}


@dataclass(frozen=True)
class Ran:
    returncode: int
    output: str  # stdout and stderr together
    stdout: str


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    # The PDFs are not what check and the build must agree on (tests/builds/test_build_pdfs.py
    # checks them): the valid cases' builds would each make every version's PDF.
    env["PRIVACY_SITE_PDFS"] = "off"
    if "SOURCE_DATE_EPOCH" not in extra:
        env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> Ran:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)
    return Ran(done.returncode, done.stdout + done.stderr, done.stdout)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Ran, Ran]]:
    """(build, check) of every case, run two at a time."""
    root = tmp_path_factory.mktemp("agree")
    epoch = str(epoch_for(TODAY, "America/New_York"))
    jobs = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for number, name in enumerate(sorted(CASES)):
            folder = root / str(number)
            folder.mkdir()
            project = CASES[name].make(folder)
            build = mkdocs_build(project, folder / "site")
            check = [str(CLI), "--config", str(project / "mkdocs.yml"), "check"]
            check += ["--date", TODAY.isoformat()]
            jobs[name] = (
                pool.submit(_run, build, project, _env(SOURCE_DATE_EPOCH=epoch)),
                pool.submit(_run, check, project, _env()),
            )
        return {name: (built.result(), checked.result()) for name, (built, checked) in jobs.items()}


def _listed(output: str) -> set[str]:
    """The problems a report lists, one per line, indented under its header."""
    return {line.strip() for line in output.splitlines() if line.startswith("  ") and ": " in line}


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_and_the_build_fail_together(name: str, outcomes: dict[str, tuple[Ran, Ran]]) -> None:
    built, checked = outcomes[name]
    assert "Traceback" not in built.output, built.output
    assert "Traceback" not in checked.output, checked.output
    assert checked.returncode in (0, 1), checked.output
    expected = 1 if CASES[name].fails else 0
    assert (checked.returncode, built.returncode != 0) == (expected, bool(expected)), (
        built.output,
        checked.output,
    )
    errors = (
        _listed(built.output.split("must be fixed first.", 1)[-1]) if built.returncode else set()
    )
    missed = {
        line
        for line in errors - _listed(checked.stdout)
        if not any(gap in line for gap in ONLY_THE_BUILD)
    }
    assert not missed, (missed, checked.output)
