"""Every page of the built site is valid HTML: the Nu Html Checker (vnu) reports 0 errors.

vnu is the ``vnu-jar`` npm package pinned in ``tests/package-lock.json`` and run with
Debian's Java; ``make vnu`` installs both (``make test`` does it first). It runs once over
each site folder: the real site, and the two-language fixture site of
``test_browser_changes.py`` (announced changes, redlines, archived versions, every kind of
vendor). Warnings are allowed; every error is listed with its file and line, and fixed at
its cause (``overrides/main.html``, ``hooks/html_fixes.py``), never filtered here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sitebuild import TESTS, Build

pytestmark = [pytest.mark.build, pytest.mark.tools]

JAR = TESTS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "run `make vnu` (Debian's Java and the vnu-jar pinned in tests/package-lock.json)"
FAILING = {"error", "non-document-error"}  # "info" (warnings included) does not fail


def checker() -> list[str]:
    """The command that runs vnu; fails (never skips) when it is not installed."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is not installed, so the HTML checker cannot run: {INSTALL}")
    if not JAR.is_file():
        pytest.fail(f"the HTML checker {JAR} is missing: {INSTALL}")
    return [java, "-jar", str(JAR), "--format", "json", "--skip-non-html"]


def vnu(folder: Path) -> list[dict[str, Any]]:
    """Every message vnu gives for the HTML files under ``folder``, in one run."""
    result = subprocess.run([*checker(), str(folder)], capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stderr)  # vnu writes its report on stderr
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu (exit {result.returncode}) gave no JSON report:\n{result.stderr}{result.stdout}"
        )
    return report["messages"]


def problems(messages: list[dict[str, Any]], folder: Path) -> list[str]:
    """The failing messages, one line each: ``file:line: message`` and the markup."""
    lines = []
    for message in messages:
        if message.get("type") not in FAILING:
            continue
        where = message.get("url", "").removeprefix("file:")
        if where.startswith(str(folder)):
            where = where[len(str(folder)) :].lstrip("/")
        line = message.get("lastLine") or message.get("firstLine") or "?"
        extract = " ".join(message.get("extract", "").split())
        lines.append(f"{where}:{line}: {message.get('message')}\n      {extract}")
    return lines


def assert_valid(folder: Path) -> None:
    pages = sorted(folder.rglob("*.html"))
    assert pages, f"no HTML files under {folder}: nothing for vnu to check"
    found = problems(vnu(folder), folder)
    assert not found, f"vnu: {len(found)} errors in {len(pages)} HTML files:\n" + "\n".join(found)


def test_vnu_reports_an_invalid_page(tmp_path: Path) -> None:
    """A checker that says nothing must not pass: a broken page is reported, a valid one not."""
    (tmp_path / "valid.html").write_text(
        '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Valid</title>'
        "</head>\n<body><p>Fine.</p></body>\n</html>\n",
        encoding="utf-8",
    )
    (tmp_path / "invalid.html").write_text(
        '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Invalid</title>'
        '</head>\n<body>\n<input type="checkbox" id="x" autocomplete="off">\n'
        '<label for="nowhere">Nothing</label>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("<not html", encoding="utf-8")
    found = problems(vnu(tmp_path), tmp_path)
    assert any(line.startswith("invalid.html:5: Attribute “autocomplete”") for line in found), found
    assert any(line.startswith("invalid.html:6: ") and "“for”" in line for line in found), found
    assert not [line for line in found if not line.startswith("invalid.html:")], found


def test_every_page_of_the_real_site_is_valid_html(real_site: Path) -> None:
    assert_valid(real_site)


@pytest.fixture(scope="module")
def fixture_site(two_languages: Build) -> Path:
    return two_languages.site


def test_every_page_of_the_two_language_fixture_site_is_valid_html(fixture_site: Path) -> None:
    for expected in ("es/index.html", "policies/sample-policy/2026-12-22/changes/index.html"):
        assert (fixture_site / expected).is_file(), expected
    assert_valid(fixture_site)
