"""One site build in a fresh subprocess, timed, with the child's peak memory; and the
projects it builds: the real site, the same Markdown bare (no hooks), a synthetic district.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from privacy_site.model.dates import epoch_for
from privacy_site.reading import posted_lock
from privacy_site.reading.mkdocs_yml import read_config
from sitebuild import DISTRICT_CONFIG, mkdocs_build

from bench import ROOT

BUILD_DATE = date(2026, 11, 22)  # the date the test suite builds the real site as of
# The templates the real pages name in their front matter (``template: home.html``):
# the bare build maps each to Material's own page template.
PAGE_TEMPLATES = sorted(
    path.name for path in (ROOT / "overrides").glob("*.html") if path.name != "main.html"
)


def environment(*, pdfs: bool = False) -> dict[str, str]:
    """Every build but the ``pdfs`` part's is without PDFs (``PRIVACY_SITE_PDFS=off``): the
    hooks' cost alone, comparable from run to run; the ``pdfs`` part measures theirs."""
    env = dict(
        os.environ,
        SOURCE_DATE_EPOCH=str(epoch_for(BUILD_DATE, TIMEZONE)),
        NO_MKDOCS_2_WARNING="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("PRIVACY_SITE_CACHE", None)  # the project's own .cache
    if not pdfs:
        env["PRIVACY_SITE_PDFS"] = "off"
    else:
        env.pop("PRIVACY_SITE_PDFS", None)
    return env


def real_config() -> dict:
    return read_config(ROOT / "mkdocs.yml")


def config_of(source: Path) -> dict:
    """The configuration a project of ``source``'s content is built with: the district's
    own for its real site, the tests' district's (every language the engine has words
    for) for a synthetic district, whose languages are the benchmark's, not the district's."""
    return real_config() if source == ROOT else read_config(DISTRICT_CONFIG)


TIMEZONE = real_config()["extra"]["privacy_site"]["timezone"]  # the district's own


def _write_config(project: Path, config: dict) -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def real_project(project: Path, *, keep_record: bool = True) -> Path:
    """A copy of the repository's site: mkdocs.yml, docs/, vendors.yml, posted.lock, and
    hooks/ and overrides/ linked (so the real code runs)."""
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "vendors.yml", project / "vendors.yml")
    if keep_record:
        shutil.copy(ROOT / "posted.lock", project / "posted.lock")
    else:  # a record with nothing in it yet: nothing posted is protected
        (project / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")
    link_code(project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def link_code(project: Path) -> None:
    for name in ("hooks", "overrides"):
        (project / name).symlink_to(ROOT / name)


def bare_project(project: Path, source: Path = ROOT, languages: tuple[str, ...] = ()) -> Path:
    """The same Markdown, theme and i18n configuration with none of the project's hooks:
    mkdocs.yml without ``hooks:``, not strict (the hooks' generated pages that the text
    links to do not exist here), and a theme folder with only what Material itself needs
    from overrides/ (the interface strings for ht, am and so, and the site's CSS and
    JavaScript, which are copied as they are) plus one line per page template the front
    matter names (``{% extends "main.html" %}``: Material's page). The Markdown files are
    the real ones, byte for byte; the front matter the hooks read is ignored by MkDocs.
    ``source``: the project whose docs/ and vendors.yml are taken (a synthetic district's),
    built in ``languages`` (a subset of mkdocs.yml's, English first; () = all)."""
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copytree(source / "docs", project / "docs")
    shutil.copy(source / "vendors.yml", project / "vendors.yml")  # mkdocs.yml watches it
    theme = project / "theme"
    shutil.copytree(ROOT / "overrides" / "partials" / "languages", theme / "partials" / "languages")
    shutil.copytree(ROOT / "overrides" / "assets", theme / "assets")
    for name in PAGE_TEMPLATES:
        (theme / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")
    config = _only(config_of(source), languages)
    config.pop("hooks")
    config["strict"] = False
    config["theme"]["custom_dir"] = "theme"
    _write_config(project, config)
    return project


def synthetic_project(project: Path, district) -> Path:
    from bench.synthetic import generate

    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    generate(district, project)
    link_code(project)
    _write_config(project, _only(config_of(project), district.languages))
    return project


def _only(config: dict, languages: tuple[str, ...]) -> dict:
    """``config`` built in ``languages`` only (as tests/support/sitebuild.py restricts a fixture's);
    () = all of them."""
    if languages:
        i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        i18n["languages"] = [
            item | {"default": item["locale"] == languages[0]}
            for item in i18n["languages"]
            if item["locale"] in languages
        ]
    return config


def clear_redline_cache(project: Path) -> None:
    shutil.rmtree(project / ".cache" / "redlines", ignore_errors=True)


@dataclass
class BuildRun:
    seconds: float  # wall time of the whole `mkdocs build` process
    pages: int  # .html files written
    files: int  # every file written
    peak_rss_mib: float  # the child's ru_maxrss
    user_seconds: float
    system_seconds: float
    returncode: int
    output: str

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else 0.0


def count_pages(site: Path) -> tuple[int, int]:
    files = [path for path in site.rglob("*") if path.is_file()]
    return sum(1 for path in files if path.suffix == ".html"), len(files)


def build(
    project: Path, site: Path, *, extra_args: list[str] | None = None, pdfs: bool = False
) -> BuildRun:
    """``mkdocs build --clean`` of ``project`` into ``site`` in a fresh Python process."""
    if site.exists():
        shutil.rmtree(site)
    log = project / "build.log"
    command = mkdocs_build(project, site, extra_args)
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=project, env=environment(pdfs=pdfs), stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    pages, files = count_pages(site) if site.is_dir() else (0, 0)
    return BuildRun(
        seconds=seconds,
        pages=pages,
        files=files,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        user_seconds=usage.ru_utime,
        system_seconds=usage.ru_stime,
        returncode=child.returncode,
        output=log.read_text(encoding="utf-8", errors="replace"),
    )
