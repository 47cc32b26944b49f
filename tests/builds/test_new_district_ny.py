"""``privacy-site new-district --state NY``: a New York district's site has a Parents' Bill
of Rights page stating each element Education Law §2-d(3) lists, and, with a tool that
receives student data described as New York's law asks, passes ``check`` and builds
strictly with the supplemental information on /vendors/; without them, check names each."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from privacy_site.model.dates import epoch_for
from test_new_district import EXAMPLE_DISTRICT, copy_project, district_of, flags, git, run

ROOT = Path(__file__).resolve().parents[2]
STATES = ROOT / "tests" / "fixtures" / "vendors" / "states"
COPY = "docs/en/contracts/reading-app-2026.pdf"
AS_OF = date(2026, 11, 22)
NY = {
    "--name": "Hudson Valley Central School District",
    "--short-name": "HVCSD",
    "--state": "NY",
    "--timezone": "America/New_York",
    "--languages": "en,es",
    "--site-url": "https://privacy.example.org/",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_project(tmp_path_factory.mktemp("ny-district") / "project")
    git(folder, "init", "-q", ".")
    git(folder, "add", "-A", "--", ".", ":!.venv")
    git(folder, "commit", "-q", "-m", "the example district")
    force = [] if district_of(ROOT) == EXAMPLE_DISTRICT else ["--force"]
    result = run(folder, "new-district", *flags(NY), *force)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_the_bill_of_rights_page_states_each_element(project: Path) -> None:
    page = (project / "docs" / "en" / "parents-bill-of-rights.md").read_text("utf-8")
    assert "Hudson Valley Central School District" in page
    ids = re.findall(r"\{#([a-z-]+)\}", page)
    assert ids == [
        "not-sold",
        "inspect-records",
        "laws-protect-data",
        "state-data-elements",
        "complaints",
        "supplemental-information",
    ]
    assert "cannot be sold or released for any\ncommercial purpose" in page
    assert "(vendors.md)" in page
    spanish = (project / "docs" / "es" / "parents-bill-of-rights.md").read_text("utf-8")
    assert re.findall(r"\{#([a-z-]+)\}", spanish)[1:] == ids
    assert "translation: machine" in spanish


def test_missing_supplemental_information_is_named_by_check(project: Path) -> None:
    shutil.copy(STATES / "missing.yml", project / "vendors.yml")
    result = run(project, "check", "--date", AS_OF.isoformat())
    assert result.returncode != 0
    assert "vendor 'reading-app', exclusive_purposes: missing, and New York Education Law" in (
        result.stdout + result.stderr
    )


def test_with_the_supplemental_information_it_passes_and_builds(project: Path) -> None:
    shutil.copy(STATES / "complete.yml", project / "vendors.yml")
    (project / COPY).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(STATES / COPY, project / COPY)
    result = run(project, "check", "--date", AS_OF.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"docs/en/parents-bill-of-rights\.md:\d+: a placeholder", result.stdout)
    site = project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["SOURCE_DATE_EPOCH"] = str(epoch_for(AS_OF, NY["--timezone"]))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["-f", str(project / "mkdocs.yml"), "-d", str(site)]
    build = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    rights = BeautifulSoup(
        (site / "parents-bill-of-rights" / "index.html").read_text("utf-8"), "lxml"
    )
    title = rights.h1.get_text(strip=True).rstrip("¶")
    assert title == "Parents' Bill of Rights for Data Privacy and Security"
    ids = [h2["id"] for h2 in rights.select("article h2[id]")]
    assert ids[:2] == ["not-sold", "inspect-records"] and "complaints" in ids
    # In the engine's menu after the student data page: the district's mkdocs.yml names no
    # menu of its own, so an upgrade's change to the engine's reaches it.
    assert "nav:" not in (project / "mkdocs.yml").read_text("utf-8")
    vendors = BeautifulSoup((site / "vendors" / "index.html").read_text("utf-8"), "lxml")
    links = [a["href"] for a in vendors.select("nav.md-nav--primary a.md-nav__link[href]")]
    pages = [href.strip("./").split("/")[-1] for href in links if not href.startswith("#")]
    assert "parents-bill-of-rights" in pages
    assert pages.index("parents-bill-of-rights") == pages.index("student-data-privacy") + 1
    summary = vendors.select_one("#reading-app details.vendor-law summary")
    assert summary.get_text(strip=True) == "Details required by New York law"
