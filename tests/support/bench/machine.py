"""The machine and software a benchmark ran on."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import nodejs

from bench import ROOT

PACKAGES = [
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "lxml",
    "nh3",
    "babel",
    "pyyaml",
    "playwright",
    "weasyprint",
    "pypdf",
]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _output(*command: str) -> str:
    if shutil.which(command[0]) is None:
        return "not installed"
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def describe() -> dict:
    lighthouse = ROOT / "tests" / "node_modules" / "lighthouse" / "package.json"
    dirty = _git("status", "--porcelain", "--", "hooks", "overrides", "mkdocs.yml", "docs")
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": round(_ram_gib(), 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "chromium": _output("/usr/bin/chromium", "--version"),
        "node": _output(nodejs.node() or "node", "--version"),
        "lighthouse": json.loads(lighthouse.read_text())["version"]
        if lighthouse.is_file()
        else "not installed",
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_site_files": dirty.splitlines(),
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"
