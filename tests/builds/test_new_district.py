"""``privacy-site new-district`` (and ``make new-district``): another district's site,
started from this repository, builds strictly with nothing of the example district in
it, in the district's own time zone; it asks for what it is not given, refuses bad values
in one located line, refuses to replace a site that is not the example's without
``--force``, and starts a record that ``check-record`` accepts.

Each test runs the real command in a copy of the repository's project files (the example
district's content included, since that is what the command replaces)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from privacy_site.model.dates import epoch_for
from privacy_site.model.settings import read_settings
from privacy_site.reading import placeholders, posted_lock
from privacy_site.reading.docs_tree import DocsTree
from privacy_site.staff.district_files import workflow_zones
from privacy_site.staff.new_district import EXAMPLE_DISTRICT

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / ".venv" / "bin" / "privacy-site"
FIXTURES = ROOT / "tests" / "fixtures"
PROJECT_FILES = ("mkdocs.yml", "vendors.yml", "posted.lock", "Makefile", "pyproject.toml")
PROJECT_FILES += ("requirements.lock",)
PROJECT_FOLDERS = ("docs", "hooks", "overrides", ".github")
FLAGS = {
    "--name": "Riverside Unified School District",
    "--short-name": "RUSD",
    "--state": "CA",
    "--timezone": "America/Los_Angeles",
    "--languages": "en,es",
    "--site-url": "https://privacy.example.org/",
}
OPTIONAL = {"--contact-role": "Privacy Officer", "--contact-email": "privacy@example.org"}
AS_OF = date(2026, 11, 25)  # the district's own policy below has a change announced then
POLICY = FIXTURES / "lifecycle" / "en" / "policies" / "sample-policy"


def copy_project(target: Path) -> Path:
    """The repository's project files in ``target``, with the repository's .venv (so
    ``make``'s setup is already done)."""
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, target / name, ignore=ignore, symlinks=True)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def git(folder: Path, *args: str) -> None:
    config = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    config += ["-c", "commit.gpgsign=false"]
    subprocess.run(["git", *config, *args], cwd=folder, check=True, capture_output=True)


def run(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def flags(values: dict[str, str]) -> list[str]:
    return [part for flag, value in values.items() for part in (flag, value)]


def district_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_Config)


def district_of(project: Path) -> str:
    return district_config(project)["extra"]["privacy_site"]["district"]


class _Config(yaml.SafeLoader):
    """mkdocs.yml's own tags read as nothing."""


_Config.add_multi_constructor("!", lambda loader, suffix, node: None)
_Config.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def snapshot(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for folder in ("docs", ".github")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    } | {name: (project / name).read_bytes() for name in PROJECT_FILES}


# The new district, built -----------------------------------------------------------------


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The repository as shipped, committed, then new-district with every flag (the
    example district is replaced without --force; another district's repository needs
    it), and one policy of the district's own."""
    project = copy_project(tmp_path_factory.mktemp("district") / "project")
    git(project, "init", "-q", ".")
    git(project, "add", "-A", "--", ".", ":!.venv")
    git(project, "commit", "-q", "-m", "the example district")
    force = [] if district_of(ROOT) == EXAMPLE_DISTRICT else ["--force"]
    result = run(project, "new-district", *flags(FLAGS), *flags(OPTIONAL), *force)
    return project, result


@pytest.fixture(scope="module")
def built(started: tuple[Path, subprocess.CompletedProcess]) -> tuple[Path, str]:
    project, result = started
    assert result.returncode == 0, result.stdout + result.stderr
    target = project / "docs" / "en" / "policies" / "sample-policy"
    target.mkdir(parents=True)
    for version in sorted(POLICY.glob("*.md")):
        shutil.copy2(version, target / version.name)
    site = project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["SOURCE_DATE_EPOCH"] = str(epoch_for(AS_OF, FLAGS["--timezone"]))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["-f", str(project / "mkdocs.yml"), "-d", str(site)]
    build = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    output = build.stdout + build.stderr
    assert build.returncode == 0, output
    return site, output


def published(site: Path, *, scripts: bool = False) -> dict[str, str]:
    """Every text file of the built site: pages, feeds, calendars, JSON, sitemaps (and,
    with ``scripts``, the site's own JavaScript)."""
    suffixes = {".html", ".xml", ".ics", ".json", ".txt"} | ({".js"} if scripts else set())
    return {
        path.relative_to(site).as_posix(): path.read_text("utf-8", errors="replace")
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix in suffixes
    }


def found(files: dict[str, str], pattern: str) -> list[str]:
    return [
        f"{name}: {m.group()!r}" for name, text in files.items() for m in re.finditer(pattern, text)
    ][:10]


def test_it_asks_nothing_with_its_flags_and_says_what_it_did(
    started: tuple[Path, subprocess.CompletedProcess],
) -> None:
    project, result = started
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # stdin was closed: a question would have ended it
    said = result.stdout
    assert "Wrote 19 files" in said and "16 pages in docs/ (en 8, es 8)" in said
    assert re.search(r"Removed \d+ files from docs/", said)
    # The repository's languages that the new district does not choose (none when the
    # repository is already a district of English and Spanish, as a second district is).
    i18n = next(p["i18n"] for p in district_config(ROOT)["plugins"] if "i18n" in p)
    dropped = [i["locale"] for i in i18n["languages"] if i["locale"] not in ("en", "es")]
    if dropped:
        assert f"languages no longer built: {', '.join(dropped)}." in said
    else:
        assert "languages no longer built" not in said
    assert "Next:" in said
    assert "make build" in said and "make serve" in said
    assert "docs/en/contact.md, " in said and "docs/es/student-data-privacy.md" in said
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_Config)
    assert config["site_name"] == "Riverside Unified School District Privacy"
    assert config["site_url"] == "https://privacy.example.org/"
    assert config["site_description"].startswith(
        "How Riverside Unified School District and its websites handle personal information"
    )
    assert config["extra"]["privacy_site"] == {
        "district": "Riverside Unified School District",
        "short_name": "RUSD",
        "state": "CA",
        "timezone": "America/Los_Angeles",
        "contact_role": {"en": "Privacy Officer"},
        "contact_email": "privacy@example.org",
    }
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert [(i["locale"], i.get("default", False)) for i in i18n["languages"]] == [
        ("en", True),
        ("es", False),
    ]
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["en", "es"]
    pages = sorted(p.relative_to(project / "docs" / "en").as_posix()
                   for p in (project / "docs" / "en").rglob("*.md"))  # fmt: skip
    assert pages == [
        "accessibility.md",
        "changes.md",
        "contact.md",
        "index.md",
        "policies/index.md",
        "student-data-privacy.md",
        "translation-disclaimer.md",
        "vendors.md",
    ]
    assert yaml.safe_load((project / "vendors.yml").read_text("utf-8")) == {"vendors": []}
    first = (project / "posted.lock").read_text("utf-8").splitlines()[0]
    assert re.match(r"# The record starts here, on \d{4}-\d{2}-\d{2} ", first), first
    contact = (project / "docs" / "en" / "contact.md").read_text("utf-8")
    assert "contact the district's Privacy Officer" in contact


def test_the_workflows_run_in_the_districts_time_zone(
    started: tuple[Path, subprocess.CompletedProcess],
) -> None:
    project, _ = started
    zones = workflow_zones(project)
    assert zones, "no scheduled workflow found"
    assert {zone for found in zones.values() for zone in found} == {"America/Los_Angeles"}


def test_every_workflow_runs_in_the_sites_own_time_zone() -> None:
    """This repository's workflows schedule in mkdocs.yml's time zone (a publish at the
    district's midnight), as new-district writes them."""
    timezone = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Config)["extra"][
        "privacy_site"
    ]["timezone"]
    zones = workflow_zones(ROOT)
    assert zones
    assert {name: found for name, found in zones.items() if set(found) != {timezone}} == {}


def test_the_new_district_builds_strictly(built: tuple[Path, str]) -> None:
    site, output = built
    assert "Built 2 languages as of 2026-11-25" in output
    assert (site / "es" / "index.html").is_file() and not (site / "ht").exists()
    home = (site / "index.html").read_text("utf-8")
    assert "Privacy at Riverside Unified School District" in home
    assert "Sample Policy" in home  # the district's own policy is listed
    # placeholders are reminders, located, not errors
    assert re.search(r"WARNING -  docs/en/student-data-privacy\.md:\d+: a placeholder", output)


def test_nothing_published_names_the_example_district(built: tuple[Path, str]) -> None:
    site, _ = built
    files = published(site)
    assert {"changes/feed.xml", "changes/calendar.ics", "api/policies.json"} <= set(files)
    assert "api/messages.json" in files
    assert found(files, r"Cambridge") == []


def test_nothing_published_is_in_new_york_time(built: tuple[Path, str]) -> None:
    site, _ = built
    files = published(site)
    assert found(files, r"New[ _]York|-0[45]:00") == []
    # and the district's zone is the one used: in every page (effective-dates.js reads it
    # there) and in the build's record (the calendar's events are whole days)
    zone = '<meta name="privacy-site-timezone" content="America/Los_Angeles">'
    pages = {name: text for name, text in files.items() if name.endswith("index.html")}
    assert [name for name, text in pages.items() if zone not in text] == []
    assert '"timezone": "America/Los_Angeles"' in files["api/build.json"]


def test_no_published_script_names_new_york(built: tuple[Path, str]) -> None:
    site, _ = built
    scripts = {k: v for k, v in published(site, scripts=True).items() if k.endswith(".js")}
    assert found(scripts, r"New[ _]York") == []


def test_check_warns_about_the_placeholders_and_passes(
    built: tuple[Path, str], started: tuple[Path, subprocess.CompletedProcess]
) -> None:
    project, _ = started
    result = run(project, "check", "--date", AS_OF.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    placeholders = re.findall(r"^  docs/(en|es)/[\w/.-]+\.md:\d+: a placeholder", result.stdout,
                              re.M)  # fmt: skip
    assert placeholders.count("en") == 7 and placeholders.count("es") == 7, result.stdout
    assert "Checked as of 2026-11-25: 0 errors" in result.stdout


def test_check_record_accepts_the_new_record_and_only_as_a_restart(
    started: tuple[Path, subprocess.CompletedProcess], tmp_path: Path
) -> None:
    project, _ = started
    accepted = run(project, "check-record", "--base", "HEAD")
    assert accepted.returncode == 0, accepted.stderr
    old, _ = posted_lock.read(ROOT / posted_lock.RECORD)
    if not old:  # a district that has posted nothing yet: no record to start over
        assert accepted.stdout == "", accepted.stdout
        pytest.skip("the repository's posted.lock records nothing yet: nothing to restart")
    assert "a new record, started on" in accepted.stdout

    # the same restart while a version the old record names is still published: refused
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("site"))
    old = subprocess.run(
        ["git", "show", "HEAD:posted.lock"], cwd=copy, capture_output=True, text=True, check=True
    ).stdout
    recorded = next(line.split("\t")[3] for line in old.splitlines() if "\tversion\t" in line)
    subprocess.run(["git", "checkout", "HEAD", "--", recorded], cwd=copy, check=True)
    refused = run(copy, "check-record", "--base", "HEAD")
    assert refused.returncode == 1
    [line] = refused.stderr.splitlines()
    assert line.startswith(f"posted.lock:1: starts the record over, but {recorded} ")

    # without the restart line, the old record's lines are removed lines: refused as before
    lock = copy / "posted.lock"
    lock.write_text("".join(lock.read_text("utf-8").splitlines(keepends=True)[1:]), "utf-8")
    (copy / recorded).unlink()
    removed = run(copy, "check-record", "--base", "HEAD")
    assert removed.returncode == 1
    assert re.match(r"posted\.lock:\d+: this line was changed or removed", removed.stderr)


# Refusals ----------------------------------------------------------------------------------


def test_it_refuses_to_replace_a_district_without_force(
    started: tuple[Path, subprocess.CompletedProcess], tmp_path: Path
) -> None:
    source, _ = started
    project = tmp_path / "again"
    shutil.copytree(source, project, symlinks=True, ignore=shutil.ignore_patterns("site", ".git"))
    before = snapshot(project)
    other = dict(FLAGS, **{"--name": "Lakeside School District", "--short-name": "LSD"})
    refused = run(project, "new-district", *flags(other))
    assert refused.returncode == 2
    [line] = refused.stderr.splitlines()
    assert line.startswith(
        "privacy-site new-district: this folder already holds Riverside Unified School "
        "District's site: docs/ holds "
    )
    assert line.endswith("add --force to replace them")
    assert snapshot(project) == before

    forced = run(project, "new-district", *flags(other), "--force")
    assert forced.returncode == 0, forced.stderr
    assert district_of(project) == "Lakeside School District"
    assert "Lakeside School District" in (project / "docs" / "es" / "index.md").read_text("utf-8")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("example") / "project")


BAD_FLAGS = [
    ("--languages", "en,xx", "--languages: the site has no words in 'xx' (no catalogue "),
    ("--timezone", "Mars/Olympus_Mons", "--timezone: 'Mars/Olympus_Mons' is not a time zone"),
    ("--site-url", "http://privacy.example.org/", "--site-url: 'http://privacy.example.org/' "
     "is http://"),
    ("--name", "  ", "--name: is empty; give it, such as "),
    ("--state", "ZZ", "--state: 'ZZ' is not a state's two-letter postal code"),
    ("--contact-email", "privacy at example.org", "--contact-email: 'privacy at example.org' "
     "is not an e-mail address"),
]  # fmt: skip


@pytest.mark.parametrize(("flag", "value", "message"), BAD_FLAGS, ids=[b[0] for b in BAD_FLAGS])
def test_a_bad_value_is_one_located_line(
    example: Path, flag: str, value: str, message: str
) -> None:
    before = snapshot(example)
    result = run(example, "new-district", *flags(dict(FLAGS, **{flag: value})), "--force")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"privacy-site new-district: {message}"), line
    assert snapshot(example) == before


def test_without_flags_it_asks_and_asks_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    answers = [
        "",  # name: empty
        "Riverside Unified School District",
        "RUSD",
        "ZZ",  # not a state
        "ca",
        "Mars/Olympus_Mons",  # not a zone
        "America/Los_Angeles",
        "en,xx",  # no words in xx
        "es",  # English is added
        "http://privacy.example.org/",  # not https
        "https://privacy.example.org",
        "",  # no contact role
        "",  # no address yet
    ]
    force = [] if district_of(ROOT) == EXAMPLE_DISTRICT else ["--force"]
    result = run(project, "new-district", *force, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    retries = [line.split(":")[0].strip() for line in result.stderr.splitlines()]
    assert retries == ["--name", "--state", "--timezone", "--languages", "--site-url"]
    assert all(line.endswith("; try again") for line in result.stderr.splitlines())
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_Config)
    assert config["site_url"] == "https://privacy.example.org/"
    assert config["extra"]["privacy_site"] == {
        "district": "Riverside Unified School District",
        "short_name": "RUSD",
        "state": "CA",
        "timezone": "America/Los_Angeles",
        "contact_email": "",
    }
    contact = (project / "docs" / "es" / "contact.md").read_text("utf-8")
    assert "comuníquese con el distrito." in contact


def test_an_input_that_ends_is_one_line(example: Path) -> None:
    result = run(example, "new-district", "--name", "Riverside Unified School District", stdin="")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "privacy-site new-district: --short-name: no answer (the input ended); give it as "
        "--short-name"
    )


# make new-district -------------------------------------------------------------------------


def make(project: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "new-district", *args],
        cwd=project,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


MAKE_VALUES = {
    "SHORT_NAME": "RUSD",
    "STATE": "CA",
    "TIMEZONE": "America/Los_Angeles",
    "LANGUAGES": "en,es",
    "SITE_URL": "https://privacy.example.org/",
    "CONTACT_ROLE": "Privacy Officer",
    "FORCE": "1",
}


def test_make_new_district_passes_each_value_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    mark = tmp_path / "ran"
    name = f"Riverside $(shell touch {mark}) $$(touch {mark}) ; touch {mark} District"
    values = [f"{key}={value}" for key, value in MAKE_VALUES.items()]
    result = make(project, f"NAME={name}", *values)
    assert not mark.exists()
    assert result.returncode == 0, result.stdout + result.stderr
    assert district_of(project) == name  # as text, every character kept
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_Config)
    assert config["extra"]["privacy_site"]["contact_role"] == {"en": "Privacy Officer"}

    quote = make(project, f'NAME="; touch {mark}; echo "', *values)
    assert not mark.exists()
    assert quote.returncode == 2
    assert "privacy-site new-district: --name: holds '\"'" in quote.stderr
    tick = make(project, f"NAME=`touch {mark}`", *values)
    assert not mark.exists()
    assert "privacy-site new-district: --name: holds '`'" in tick.stderr


def test_make_new_district_ignores_an_environments_name(example: Path) -> None:
    """WSL sets NAME to the computer's name: only the command line's NAME is the district's."""
    values = [f"{key}={value}" for key, value in MAKE_VALUES.items()]
    result = make(example, *values, env={"NAME": "LAPTOP-1234"})
    assert result.returncode == 2
    said = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert said == [
        "privacy-site new-district: --name: no answer (the input ended); give it as --name"
    ]


# The pieces, without a build ---------------------------------------------------------------

VERSION = "docs/en/policies/p/2026-01-01.md"


def old_record(root: Path) -> str:
    """A record naming one version, whose file is in ``root`` as it was posted."""
    path = root / VERSION
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: P\neffective: 2026-01-01\n---\n\nText.\n", "utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return posted_lock.HEADER + f"2026-01-02\tversion\t{sha}\t{VERSION}\n"


def test_a_restarted_record_is_accepted_only_once_the_old_files_are_gone(tmp_path: Path) -> None:
    before = old_record(tmp_path)
    after = posted_lock.restarted(date(2026, 12, 1))
    [kept] = posted_lock.append_only(before, after, root=tmp_path)
    assert kept.line == 1 and f"but {VERSION} (line 6 of the record it replaces)" in kept.message
    assert posted_lock.append_only(before, after) != []  # no folder to look in: not a restart

    (tmp_path / VERSION).write_text("another district's page\n", "utf-8")  # not as posted
    assert posted_lock.append_only(before, after, root=tmp_path) == []
    (tmp_path / VERSION).unlink()
    assert posted_lock.append_only(before, after, root=tmp_path) == []
    grown = after + "2026-12-02\tvendor\t-\tsome-tool\n"
    assert posted_lock.append_only(before, grown, root=tmp_path) == []


def test_a_restarted_record_holds_nothing_before_its_day(tmp_path: Path) -> None:
    before = old_record(tmp_path)
    (tmp_path / VERSION).unlink()
    after = posted_lock.restarted(date(2026, 12, 1))
    earlier = after + "2026-11-30\tvendor\t-\tsome-tool\n"
    [problem] = posted_lock.append_only(before, earlier, root=tmp_path)
    assert problem.line == 7 and "is recorded before the restart (2026-12-01)" in problem.message
    garbled = after.replace("2026-12-01", "2026-13-01", 1)
    [problem] = posted_lock.append_only(before, garbled, root=tmp_path)
    assert problem.line == 1 and "'2026-13-01', not a date" in problem.message


def test_once_restarted_the_record_only_grows_again(tmp_path: Path) -> None:
    before = posted_lock.restarted(date(2026, 12, 1)) + "2026-12-02\tvendor\t-\tsome-tool\n"
    assert (
        posted_lock.append_only(before, before + "2026-12-03\tvendor\t-\tx\n", root=tmp_path) == []
    )
    [problem] = posted_lock.append_only(before, before.rsplit("2026-12-02", 1)[0], root=tmp_path)
    assert "this line was changed or removed" in problem.message


def test_a_placeholder_is_a_located_warning(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "es" / "contact.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: C\n---\n\n# C\n\nText. [TO WRITE: un teléfono.]\n", "utf-8")
    (tmp_path / "docs" / "en").mkdir()
    [warning] = placeholders.found_in(DocsTree(tmp_path / "docs", ["en", "es"]))
    assert (warning.file, warning.line, warning.severity) == ("docs/es/contact.md", 7, "warning")
    assert "a placeholder is still here (un teléfono)" in warning.message


def test_the_settings_new_district_writes_are_settings() -> None:
    extra = {
        "privacy_site": {
            "district": "Riverside Unified School District",
            "short_name": "RUSD",
            "state": "CA",
            "timezone": "America/Los_Angeles",
            "contact_role": {"en": "Privacy Officer"},
            "contact_email": "privacy@example.org",
        }
    }
    assert read_settings(extra, {"": 1})[1] == []
    extra["privacy_site"] |= {"state": "Calif.", "contact_role": {"en": "<b>Officer</b>"}}
    lines = {"": 1, "state": 4, "contact_role": 6}
    found = sorted((p.line, p.message) for p in read_settings(extra, lines)[1])
    assert [line for line, _ in found] == [4, 6]
    assert found[0][1].startswith("extra.privacy_site.state: 'Calif.' is not a state's")
    assert found[1][1].startswith("extra.privacy_site.contact_role.en: holds '<'")


def test_a_record_that_is_a_folder_is_refused_before_anything_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "posted.lock").unlink()
    (project / "posted.lock").mkdir()
    before = snapshot_without_record(project)
    result = run(project, "new-district", *flags(FLAGS), "--force")
    assert result.returncode == 2
    assert result.stderr == (
        "privacy-site new-district: posted.lock is a folder; it should be a file: remove it "
        "(git restores it), then run this again\n"
    )
    assert snapshot_without_record(project) == before


def snapshot_without_record(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".venv" not in path.parts and "__pycache__" not in path.parts
    }
