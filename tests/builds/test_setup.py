"""What `make setup` gives a fresh machine: everything the engine imports is pinned in the
lock, the Node the test suite's npm tools ask for, and a one-line stop on a Python the lock
cannot install on. The whole path, on a minimal Debian, is tests/fresh-machine/run (weekly
in CI: .github/workflows/fresh-machine.yml).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nodejs
import pytest
from sitebuild import ROOT


def locked() -> set[str]:
    """The distributions pinned in requirements.lock, by normalized name."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {normalized(m) for m in re.findall(r"^([A-Za-z0-9][\w.-]*)==", text, re.M)}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_module_the_engine_imports_comes_from_the_lock() -> None:
    """A module found only because the machine had it (setuptools' pkg_resources, in a
    Python 3.11 venv, for textstat) is missing on another machine: in a Python 3.12+ venv,
    `privacy-site check` crashed with ModuleNotFoundError."""
    # Each imported module's owner is read from where its file is: the first part of its
    # path in site-packages (setuptools/_vendor/jaraco/... is setuptools').
    script = """
import importlib, json, pkgutil, sys, sysconfig
from importlib import metadata
from pathlib import Path
import privacy_site
for module in pkgutil.walk_packages(privacy_site.__path__, "privacy_site."):
    importlib.import_module(module.name)
owners = metadata.packages_distributions()
places = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
found = {}
for name, module in list(sys.modules.items()):
    file = getattr(module, "__file__", None)
    for place in places if file else ():
        if Path(file).resolve().is_relative_to(place):
            top = Path(file).resolve().relative_to(place).parts[0].split(".")[0]
            for dist in owners.get(top, [top]):
                found.setdefault(dist, name)
print(json.dumps(found))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stdout)
    assert "textstat" in imported, imported  # the modules were really imported
    missing = {
        dist: module
        for dist, module in imported.items()
        if normalized(dist) not in locked() | {"privacy-site"}
    }
    assert not missing, f"imported from distributions not in requirements.lock: {missing}"


def test_the_node_of_the_tests_meets_every_npm_tools_engines() -> None:
    """Lighthouse 13 asks for Node >= 22.19 (Debian 13 has 20, Debian 12 18): the Node the
    tests run (.venv/bin/node, from the lock) meets what each tool in tests/package.json
    declares."""
    package = json.loads((ROOT / "tests" / "package.json").read_text(encoding="utf-8"))
    for tool in package["devDependencies"]:
        node, why = nodejs.node_for(tool)
        assert node is not None, why
    assert nodejs.engines("lighthouse"), "Lighthouse declares no Node range: check the parser"


@pytest.mark.parametrize(
    ("have", "wanted", "ok"),
    [
        ((22, 18, 0), ">=22.19", False),
        ((22, 19, 0), ">=22.19", True),
        ((24, 1, 0), ">=22.19", True),
        ((18, 20, 4), ">=20.0.0", False),
        ((18, 20, 4), ">=16 || >=22.19", True),
    ],
)
def test_node_ranges(have: tuple[int, ...], wanted: str, ok: bool) -> None:
    assert nodejs.satisfies(have, wanted) is ok


def test_a_python_older_than_the_lock_allows_stops_setup_in_one_line(tmp_path: Path) -> None:
    """Debian 12's python3 is 3.11.2 and the lock needs 3.11.5 (pymdown-extensions 13.1):
    `make setup` says so in one line, before making a venv, instead of pip's pages."""
    old = tmp_path / "python3"
    prelude = "import sys; sys.version_info = (3, 11, 2, 'final', 0)"
    old.write_text(
        f'#!/bin/sh\n[ "$1" = -c ] || exit 3\nexec "{sys.executable}" -c "{prelude}; '
        'exec(sys.argv[1])" "$2"\n',
        encoding="utf-8",
    )
    old.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "setup", f"PYTHON={old}", f"VENV={venv}"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    lines = (result.stdout + result.stderr).splitlines()
    needed = re.search(r'^requires-python = ">=([\d.]+)"', read(ROOT / "pyproject.toml"), re.M)
    assert needed, "pyproject.toml has no requires-python = >=X.Y.Z"
    assert result.returncode != 0
    assert len(lines) == 1, lines
    assert f"is Python 3.11.2, and this site needs Python {needed[1]} or newer" in lines[0], lines
    assert not venv.exists()


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Programs every Debian has (Essential: yes), and make itself, which runs the tests.
ESSENTIAL = {"make", "tar", "sh", "bash"}
RUN = re.compile(r"\b(?:run|Popen|check_output|check_call|call)\(\s*\[\s*\"([\w][\w.+-]*)\"")


def test_make_test_installs_every_program_the_tests_run() -> None:
    """A fresh Debian has none of the programs a developer's machine gathers: each program
    the tests or the engine start by name (pdftotext, git, ...) is one that `make test`
    checks for (`command -v NAME`) and installs; java and node are found by path."""
    makefile = read(ROOT / "Makefile")
    started = {
        program: path.relative_to(ROOT).as_posix()
        for path in [*sorted((ROOT / "tests").glob("**/*.py")), *(ROOT / "hooks").glob("**/*.py")]
        if "node_modules" not in path.parts and "fixtures" not in path.parts
        for program in RUN.findall(read(path))
    }
    assert "pdftotext" in started and "git" in started, started
    missing = {
        program: where
        for program, where in started.items()
        if program not in ESSENTIAL and f"command -v {program} " not in makefile
    }
    assert not missing, f"programs the tests run that `make test` does not install: {missing}"
