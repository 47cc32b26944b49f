"""Build a site with the project's hooks and theme, for tests and benchmarks.

A fixture site is a folder with ``docs/`` (and optionally ``vendors.yml``); it is built
with the tests' own district's ``mkdocs.yml`` (tests/fixtures/district: its name, time
zone and languages are the tests', never the district's) through the real ``mkdocs``
command, at a fixed date. Only ``build_site`` without ``docs`` builds the district's own
content, with the district's own mkdocs.yml: the district's tests (tests/district).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from privacy_site.model.dates import epoch_for
from privacy_site.reading import posted_lock
from privacy_site.reading.mkdocs_yml import read_config

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
# The tests' own district: engine configuration, standard pages, facts of its own.
DISTRICT = TESTS / "fixtures" / "district"
DISTRICT_CONFIG = DISTRICT / "mkdocs.yml"


def _fixture_config() -> dict[str, Any]:
    return read_config(DISTRICT_CONFIG)  # with the engine's settings it inherits


# The tests' district's time zone: fixture dates are days there.
TIMEZONE = _fixture_config()["extra"]["privacy_site"]["timezone"]


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together, as staff see them
    site: Path

    def page(self, path: str) -> Path:
        """The HTML file for a site path such as ``policies/x/`` or ``es/``."""
        target = self.site / path
        return target / "index.html" if path == "" or path.endswith("/") else target

    def html(self, path: str) -> str:
        return self.page(path).read_text(encoding="utf-8")


def config_with(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The tests' district's mkdocs.yml, with ``overrides`` of top-level settings."""
    config = _fixture_config()
    for key, value in (overrides or {}).items():
        config[key] = value
    return config


def district_config() -> dict[str, Any]:
    """The district's own mkdocs.yml (for the district's tests only)."""
    return read_config(ROOT / "mkdocs.yml")


def district_timezone() -> str:
    return district_config()["extra"]["privacy_site"]["timezone"]


def district_languages() -> list[str]:
    """The district's own languages (its mkdocs.yml), default first: for its own tests."""
    return _languages_of(district_config())


def _languages_of(config: dict[str, Any]) -> list[str]:
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    items = sorted(i18n["languages"], key=lambda item: not item.get("default"))
    return [item["locale"] for item in items]


def fixture_languages() -> list[str]:
    """Every language of the tests' district (every one the engine has words for),
    default first."""
    return _languages_of(_fixture_config())


def languages_config(codes: list[str]) -> list[dict[str, Any]]:
    real = _fixture_config()
    i18n = next(p["i18n"] for p in real["plugins"] if isinstance(p, dict) and "i18n" in p)
    names = {item["locale"]: item["name"] for item in i18n["languages"]}
    return [
        {"locale": code, "default": code == codes[0], "name": names.get(code, code), "build": True}
        for code in codes
    ]


def mkdocs_build(project: Path, site: Path, python_args: list[str] | None = None) -> list[str]:
    """The command that builds ``project`` into ``site``: ``mkdocs build --clean``, run by
    this Python (with ``python_args`` before ``-m``)."""
    return [
        sys.executable,
        *(python_args or []),
        *("-m", "mkdocs", "build", "--clean"),
        *("-f", str(project / "mkdocs.yml"), "-d", str(site)),
    ]


def build_site(
    workdir: Path,
    *,
    docs: Path | None = None,
    when: date | None = None,
    epoch: int | str | None = None,
    config: dict[str, Any] | None = None,
    vendors: Path | None = None,
    languages: list[str] | None = None,
    pdfs: bool | None = None,
) -> Build:
    """Build ``docs`` (default: the district's real content, with its own mkdocs.yml)
    into ``workdir/site`` as of ``when`` (a day in the tests' district's zone, or the
    district's own zone for its real content).

    The real content is built in every language of its mkdocs.yml; a fixture site in
    English only, unless ``languages`` says otherwise (a fixture owns its languages).
    The real content is built with its PDFs, a fixture without unless ``pdfs`` (each PDF
    costs a second or two: only the builds that check them make them); every build shares
    the checkout's cache of PDFs (.cache/pdfs), named by what each is made from."""
    if languages is None and docs is not None:
        languages = ["en"]
    project = workdir / "project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copytree(docs or ROOT / "docs", project / "docs")
    vendors_source = vendors or (DISTRICT if docs is not None else ROOT) / "vendors.yml"
    if vendors_source.exists():
        shutil.copy(vendors_source, project / "vendors.yml")
    if docs is None:  # the real content comes with its record of what was posted
        shutil.copy(ROOT / "posted.lock", project / "posted.lock")
    else:  # a fixture's record has nothing in it yet, as a new district's first one
        (project / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")
    for name in ("hooks", "overrides"):
        (project / name).symlink_to(ROOT / name)
    cfg = config or (config_with() if docs is not None else district_config())
    if languages:
        for plugin in cfg["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                plugin["i18n"]["languages"] = languages_config(languages)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    site = workdir / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    env["PRIVACY_SITE_CACHE"] = str(ROOT / ".cache")
    if not (pdfs if pdfs is not None else docs is None):
        env["PRIVACY_SITE_PDFS"] = "off"
    if when is not None:
        zone = TIMEZONE if docs is not None else district_timezone()
        env["SOURCE_DATE_EPOCH"] = str(epoch_for(when, zone))
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    result = subprocess.run(
        mkdocs_build(project, site),
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def site_base(site: Path) -> str | None:
    """The address the site is built for (its ``site_url``, as the home page's canonical
    link gives it), or None for a site built without one (its links are relative)."""
    match = re.search(
        r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8")
    )
    base = match[1] if match else ""
    return base if base.startswith(("http:", "https:")) else None


def site_path(site: Path, url: str) -> str:
    """A page's address as the site lists it (absolute when the site has a ``site_url``)
    as a site path, such as ``/policies/x/``."""
    base = site_base(site)
    if base and url.startswith(base):
        return "/" + url[len(base) :]
    return url


def site_policies(site: Path) -> list[dict[str, Any]]:
    """The policies as the built site lists them (/api/policies.json): each with its id,
    title, url, the version in effect and every version's url. Tests that must not know a
    district's policies find their pages here. Their urls are site paths (``/policies/x/``)
    whether or not the district set a ``site_url``, which makes /api/policies.json's
    absolute."""
    policies = json.loads((site / "api" / "policies.json").read_text(encoding="utf-8"))
    for policy in policies["policies"]:
        policy["url"] = site_path(site, policy["url"])
        for version in policy["versions"]:
            version["url"] = site_path(site, version["url"])
    return policies["policies"]


def policy_pages(site: Path) -> tuple[str, str]:
    """(policy page, page of its version in effect) of the first policy in effect, as site
    paths such as ``/policies/x/`` and ``/policies/x/2018-05-15/``."""
    for policy in site_policies(site):
        for version in policy["versions"]:
            if version["effective"] == policy["in_effect"]:
                return policy["url"], version["url"]
    raise AssertionError(f"{site}: no policy has a version in effect")


def fixture_docs(workdir: Path, policies: Path, extra: dict[str, str] | None = None) -> Path:
    """The tests' district's English pages (tests/fixtures/district/docs) with the fixture
    ``policies`` as its policies.

    ``policies`` holds ``<lang>/policies/<id>/<date>.md`` trees; ``extra`` adds or replaces
    files by path under ``docs/`` (``{"es/index.md": "..."}``).
    """
    docs = workdir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    # English only: a fixture owns its languages.
    shutil.copytree(DISTRICT / "docs" / "en", docs / "en")
    shutil.copytree(policies, docs, dirs_exist_ok=True)
    for path, text in (extra or {}).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return docs


def scratch_project(
    workdir: Path,
    policies: Path,
    vendors: Path,
    *,
    docs: Path | None = None,
    languages: list[str] | None = None,
) -> Path:
    """A project folder to run commands in (``mkdocs serve``, ``privacy-site``): the tests'
    district's English pages with ``policies`` as its policies (or the folder ``docs``, moved
    in), ``vendors`` as vendors.yml, the real hooks and theme, in ``languages`` (English
    only unless given)."""
    project = workdir / "project"
    project.mkdir()
    (docs or fixture_docs(workdir, policies)).rename(project / "docs")
    shutil.copy(vendors, project / "vendors.yml")
    # A record with nothing in it yet, as a new district's first one (`post` adds to it).
    (project / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")
    for name in ("hooks", "overrides"):
        (project / name).symlink_to(ROOT / name)
    config = config_with()
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"] = languages_config(languages or ["en"])
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return project


def build_and_check(project: Path, site: Path) -> list[tuple[list[str], int, str]]:
    """``mkdocs build`` and ``privacy-site check`` of ``project`` as of 2026-11-22, each as
    staff run it: (command, exit status, everything it printed) for each."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795363200")
    found = []
    for command in (
        [str(bin_dir / "mkdocs"), "build", "-d", str(site)],
        [str(bin_dir / "privacy-site"), "check", "--date", "2026-11-22"],
    ):
        result = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        found.append((command, result.returncode, result.stdout + result.stderr))
    return found
