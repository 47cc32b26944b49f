"""The staff's command line, `privacy-site`, run through its installed entry point.

Every test builds a scratch project in tmp_path: the real mkdocs.yml (English only, a
contact address set), the project's hooks/ and overrides/ linked in, the lifecycle
fixture's policies (tests/fixtures/lifecycle) and the valid vendors. "Today" is always
pinned with --date; the fixture's policy, sample-policy, has versions in effect from
2020-01-01, 2026-11-01 (posted 2026-09-15), 2026-12-22 (posted 2026-11-20) and 2027-03-01
(posted 2026-12-30).
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import yaml
from browser import free_port
from conftest import FIXTURES, LIFECYCLE_FIXTURE
from privacy_site.model.dates import epoch_for
from privacy_site.reading import notified_lock, posted_lock
from sitebuild import TIMEZONE, scratch_project  # the tests' own district's zone

pytestmark = pytest.mark.build

CLI = Path(sys.executable).parent / "privacy-site"
POLICY = "docs/en/policies/sample-policy"
READING = FIXTURES / "reading"
# The valid vendors visible (announced or added) by 2026-11-22: all but new-video.
VENDORS_SHOWN = {
    "ad-network",
    "bot-check",
    "forms-service",
    "heatmap-tool",
    "old-chat",
    "page-translate",
    "reading-app",
    "school-messages",
    "site-stats",
    "video-host",
    "visit-counter",
    "web-host",
}


# Helpers ------------------------------------------------------------------------------


def refusal(result: subprocess.CompletedProcess[str]) -> str:
    """A refused command's one line: exit 2, nothing on stdout."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    [message] = result.stderr.splitlines()
    return message


def make_project(tmp_path: Path) -> Path:
    """A scratch project: the lifecycle policies and valid vendors, English only."""
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    # Set, so the real site's "contact_email is not set" reminder is not in the counts.
    config["extra"]["privacy_site"]["contact_email"] = "privacy@example.org"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    # An FAQ in plain words, owned by the tests: the real one's reading grades would put
    # warnings in the counts below, and change with every edit staff make to it.
    shutil.copy(READING / "plain-faq.md", project / "docs" / "en" / "student-data-privacy.md")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def run(project: Path | str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    config = project if isinstance(project, str) else str(project / "mkdocs.yml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)  # "today" comes from --date only
    result = subprocess.run(
        [str(CLI), "--config", config, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in {path}")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text
    return yaml.safe_load(text.split("---\n")[1])


def reading_grades(output: str) -> tuple[str, list[str]]:
    """The reading grades `check` lists after the errors and warnings: header, lines."""
    lines = output.rstrip("\n").splitlines()[:-1]
    [start] = [n for n, line in enumerate(lines) if line.startswith("Reading grades (")]
    assert all(line.startswith("  ") for line in lines[start + 1 :]), output
    return lines[start], [line.strip() for line in lines[start + 1 :]]


def sections(output: str) -> tuple[list[str], list[str], str]:
    """The errors and the warnings `check` lists, and its last line; each group's header
    must give its size, and errors must come first. The reading grades come last."""
    header, graded = reading_grades(output)
    lines = output.rstrip("\n").splitlines()
    lines = lines[: -2 - len(graded)] + lines[-1:]
    groups: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    current = None
    for line in lines[:-1]:
        header = re.match(r"^(Errors|Warnings) \((\d+)\): ", line)
        if header:
            current = header.group(1)
            assert current not in groups, f"two {current} headers:\n{output}"
            groups[current], sizes[current] = [], int(header.group(2))
        else:
            assert current is not None and line.startswith("  "), output
            groups[current].append(line.strip())
    for name, size in sizes.items():
        assert size == len(groups[name]), output
    assert list(groups) in ([], ["Errors"], ["Warnings"], ["Errors", "Warnings"]), output
    return groups.get("Errors", []), groups.get("Warnings", []), lines[-1]


def count_line(day: str, error_count: int, warning_count: int) -> str:
    e = f"{error_count} error{'' if error_count == 1 else 's'}"
    w = f"{warning_count} warning{'' if warning_count == 1 else 's'}"
    return f"Checked as of {day}: {e}, {w}."


# 1-2. check ---------------------------------------------------------------------------


def test_check_on_a_clean_tree_passes_with_only_warnings(project: Path) -> None:
    result = run(project, "check", "--date", "2026-11-22")
    assert result.returncode == 0, result.stdout + result.stderr
    errors, warnings, last = sections(result.stdout)
    assert errors == []
    assert "Errors (" not in result.stdout
    # 3 versions and 12 vendors posted but not yet recorded, and heatmap-tool's cookies.
    assert last == count_line("2026-11-22", 0, 16)
    assert len(warnings) == 16
    unrecorded = [w for w in warnings if "not yet in posted.lock" in w]
    assert {w.split(":")[0] for w in unrecorded} == {
        f"{POLICY}/2020-01-01.md",
        f"{POLICY}/2026-11-01.md",
        f"{POLICY}/2026-12-22.md",
        "vendors.yml",
    }
    # The version posted 2026-12-30 is not on the site yet: nothing to record.
    assert not any("2027-03-01" in w for w in warnings)
    assert any(w.startswith("vendors.yml:") and "heatmap-tool" in w for w in warnings)


def test_check_lists_every_error_with_file_and_line_before_the_warnings(project: Path) -> None:
    announced = project / POLICY / "2026-12-22.md"
    announced.write_text(
        announced.read_text("utf-8").replace("posted: 2026-11-20", "posted: 2026-11-31"), "utf-8"
    )
    vendors = project / "vendors.yml"
    text = vendors.read_text("utf-8")
    assert text.count("    provider: Example Counters\n") == 1
    vendors.write_text(text.replace("    provider: Example Counters\n", ""), "utf-8")
    contact = project / "docs" / "en" / "contact.md"
    contact.write_text(
        contact.read_text("utf-8")
        + "\nWrite to [us](contcat.md).\n\n"
        + "Read [how long](policies/sample-policy/2026-11-01.md#no-such-anchor).\n",
        "utf-8",
    )
    result = run(project, "check", "--date", "2026-11-22")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("Errors (4): ")
    errors, warnings, last = sections(result.stdout)
    assert len(errors) == 4, result.stdout
    typo = line_of(contact, "contcat.md")
    anchor = line_of(contact, "#no-such-anchor")
    entry = line_of(vendors, "- id: visit-counter")
    expected_starts = [
        f"docs/en/contact.md:{typo}: the link to 'contcat.md' goes to no page of the site",
        f"docs/en/contact.md:{anchor}: the link to "
        "'policies/sample-policy/2026-11-01.md#no-such-anchor' names the section "
        "'#no-such-anchor', which policies/sample-policy/2026-11-01.md does not have; its "
        "sections are: retention, sharing",
        f"{POLICY}/2026-12-22.md:4: posted: '2026-11-31' is not a real date: November 2026 "
        "has 30 days",
        f"vendors.yml:{entry}:5: vendor 'visit-counter', provider: missing",
    ]
    assert len(errors) == len(expected_starts)
    for error, start in zip(errors, expected_starts, strict=True):
        assert error.startswith(start), (error, start)
    # Warnings (and no errors) after the header: an invalid entry is not counted as posted.
    assert all("not yet in posted.lock" in w or "cookies" in w for w in warnings)
    assert not any("visit-counter" in w or "2026-12-22.md" in w for w in warnings)
    assert last == count_line("2026-11-22", 4, len(warnings))
    assert len(warnings) == 14  # 2 versions, 11 vendors, heatmap-tool's cookies


# 3-5. new-version and correct ------------------------------------------------------


def test_new_version_writes_the_next_version_and_check_wants_its_summary(project: Path) -> None:
    # 2027-02-01: 2026-12-22 is in effect, 2027-03-01 is announced (posted 2026-12-30).
    result = run(project, "new-version", "sample-policy", "--date", "2027-02-01")
    assert result.returncode == 0, result.stdout + result.stderr
    new = project / POLICY / "2027-03-03.md"  # 30 days after 2027-02-01
    assert f"Created {POLICY}/2027-03-03.md" in result.stdout
    assert "copied from the version of 2027-03-01" in result.stdout
    assert new.is_file()
    fields = front_matter(new)
    assert fields["effective"] == date(2027, 3, 3)
    assert fields["posted"] == date(2027, 2, 1)
    assert fields["summary"] == "TO DO: say in one or two plain sentences what changes."
    assert fields["title"] == "Sample Policy"
    assert "substantive" not in fields
    body = new.read_text("utf-8").split("---\n", 2)[2]
    # Copied from the latest announced version, not the one in effect (three years).
    assert "Messages are kept for four years." in body
    assert "three years" not in body

    checked = run(project, "check", "--date", "2027-02-01")
    assert checked.returncode == 1, checked.stdout
    errors, _, last = sections(checked.stdout)
    summary_line = line_of(new, "summary:")
    assert len(errors) == 1, checked.stdout
    assert errors[0].startswith(f"{POLICY}/2027-03-03.md:{summary_line}: summary:")
    assert "placeholder" in errors[0]
    assert last.startswith("Checked as of 2027-02-01: 1 error, ")

    lines = new.read_text("utf-8").splitlines(keepends=True)
    lines[summary_line - 1] = "summary: Messages are now kept for five years.\n"
    new.write_text("".join(lines), "utf-8")
    checked = run(project, "check", "--date", "2027-02-01")
    assert checked.returncode == 0, checked.stdout
    assert sections(checked.stdout)[0] == []
    assert "Checked as of 2027-02-01: 0 errors, " in checked.stdout


def test_new_version_refuses_to_go_before_a_scheduled_version(project: Path) -> None:
    result = run(project, "new-version", "sample-policy", "--date", "2026-11-22")
    message = refusal(result)
    assert message.startswith("privacy-site new-version: ")
    assert "already has a version taking effect on 2027-03-01" in message
    assert sorted(p.name for p in (project / POLICY).iterdir()) == [
        "2020-01-01.md",
        "2026-11-01.md",
        "2026-12-22.md",
        "2027-03-01.md",
    ]


def test_new_version_needs_30_days_notice_unless_a_correction(project: Path) -> None:
    # 2027-03-10: 2027-03-01 is in effect and nothing is announced.
    early = project / POLICY / "2027-03-20.md"
    result = run(
        project, "new-version", "sample-policy", "--date", "2027-03-10", "--effective", "2027-03-20"
    )
    assert result.returncode == 2
    [message] = result.stderr.splitlines()
    assert message.startswith("privacy-site new-version: --effective 2027-03-20: ")
    assert "is 10 days after today" in message
    assert "at least 30 days after it is posted" in message
    assert "2027-04-09 at the earliest" in message
    assert "--correction" in message
    assert not early.exists()

    result = run(
        project,
        "new-version",
        "sample-policy",
        "--date",
        "2027-03-10",
        "--effective",
        "2027-03-20",
        "--correction",
    )
    assert result.returncode == 0, result.stderr
    assert f"Created {POLICY}/2027-03-20.md" in result.stdout
    assert "A correction of Sample Policy" in result.stdout
    fields = front_matter(early)
    assert fields["substantive"] is False
    assert fields["effective"] == date(2027, 3, 20)
    assert fields["posted"] == date(2027, 3, 10)


def test_new_version_and_correct_never_overwrite_a_version(project: Path) -> None:
    args = ("new-version", "sample-policy", "--date", "2027-03-10")
    assert run(project, *args).returncode == 0
    target = project / POLICY / "2027-04-09.md"
    target.write_text(target.read_text("utf-8") + "\nStaff's edit.\n", "utf-8")
    again = run(project, *args)
    assert again.returncode == 2
    assert "already has a version taking effect on 2027-04-09" in again.stderr
    assert target.read_text("utf-8").endswith("\nStaff's edit.\n")  # not overwritten

    # A correction on the day a version takes effect would be that version's own file.
    in_effect = project / POLICY / "2026-11-01.md"
    before = in_effect.read_bytes()
    same_day = run(project, "correct", "sample-policy", "--date", "2026-11-01")
    assert same_day.returncode == 2
    [message] = same_day.stderr.splitlines()
    assert message.startswith(f"privacy-site correct: {POLICY}/2026-11-01.md already exists")
    assert in_effect.read_bytes() == before


def test_correct_writes_a_correction_in_effect_today(project: Path) -> None:
    # 2026-11-22: 2026-11-01 is in effect; 2026-12-22 is announced.
    result = run(project, "correct", "sample-policy", "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    new = project / POLICY / "2026-11-22.md"
    assert f"Created {POLICY}/2026-11-22.md" in result.stdout
    assert "copied from the version of 2026-11-01" in result.stdout
    assert "taking effect today" in result.stdout
    fields = front_matter(new)
    assert fields["substantive"] is False
    assert fields["posted"] == date(2026, 11, 22)
    assert fields["effective"] == date(2026, 11, 22)
    assert "Messages are kept for two years." in new.read_text("utf-8")  # the one in effect


def test_a_correction_with_its_summary_filled_in_passes_check(project: Path) -> None:
    assert run(project, "correct", "sample-policy", "--date", "2026-11-22").returncode == 0
    new = project / POLICY / "2026-11-22.md"
    text = new.read_text("utf-8")
    assert "&id" not in text and "*id" not in text, text  # the site refuses YAML anchors
    new.write_text(
        re.sub(r"(?m)^summary: .*$", "summary: A broken link is fixed.", text, count=1), "utf-8"
    )
    checked = run(project, "check", "--date", "2026-11-22")
    assert checked.returncode == 0, checked.stdout
    assert sections(checked.stdout)[0] == []  # no build is needed to know it is good


def test_correct_refuses_when_nothing_is_in_effect(project: Path) -> None:
    result = run(project, "correct", "sample-policy", "--date", "2019-06-01")
    assert result.returncode == 2
    [message] = result.stderr.splitlines()
    assert message.startswith("privacy-site correct: sample-policy has no version in effect")
    assert not (project / POLICY / "2019-06-01.md").exists()


# 6. post and the record ---------------------------------------------------------------


def posted_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path)
    result = run(project, "post", "--date", "2026-11-22")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_post_records_each_posted_version_and_vendor(project: Path) -> None:
    result = run(project, "post", "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert "posted.lock: 15 lines added; commit it." in result.stdout
    assert f"Recorded version {POLICY}/2026-12-22.md" in result.stdout
    lock = (project / "posted.lock").read_text("utf-8")
    entries = [line.split("\t") for line in lock.splitlines() if not line.startswith("#")]
    versions = {e[3]: e[2] for e in entries if e[1] == "version"}
    expected = {
        f"{POLICY}/{day}.md": hashlib.sha256((project / POLICY / f"{day}.md").read_bytes())
        for day in ("2020-01-01", "2026-11-01", "2026-12-22")
    }
    assert versions == {key: sha.hexdigest() for key, sha in expected.items()}
    assert {e[3] for e in entries if e[1] == "vendor"} == VENDORS_SHOWN
    assert all(e[0] == "2026-11-22" and len(e) == 4 for e in entries)
    assert all(e[2] == "-" for e in entries if e[1] == "vendor")

    again = run(project, "post", "--date", "2026-11-22")  # nothing new: nothing written
    assert again.returncode == 0
    assert "posted.lock: nothing new is posted as of 2026-11-22." in again.stdout
    assert (project / "posted.lock").read_text("utf-8") == lock

    checked = run(project, "check", "--date", "2026-11-22")
    assert checked.returncode == 0
    assert "not yet in posted.lock" not in checked.stdout
    assert checked.stdout.splitlines()[-1] == count_line("2026-11-22", 0, 1)

    later = run(project, "post", "--date", "2026-12-30")  # the scheduled version is posted
    assert later.returncode == 0
    assert later.stdout.splitlines()[0] == f"Recorded version {POLICY}/2027-03-01.md"
    assert "posted.lock: 1 line added; commit it." in later.stdout
    assert (project / "posted.lock").read_text("utf-8").startswith(lock)


def run_on_a_full_disk(project: Path, limit: int, *args: str) -> subprocess.CompletedProcess:
    """``privacy-site`` unable to write a file past ``limit`` bytes: RLIMIT_FSIZE, with
    SIGXFSZ ignored, so a write that goes past it fails with an OSError (EFBIG), as on a
    full disk (ENOSPC)."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        preexec_fn=limited,
    )


def test_post_that_cannot_write_leaves_the_record_byte_for_byte(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    lock = project / "posted.lock"
    before = lock.read_bytes()
    files_before = sorted(p.name for p in project.iterdir())
    # 2026-12-30: one more version is posted, so the record grows past its size now.
    result = run_on_a_full_disk(project, len(before) + 10, "post", "--date", "2026-12-30")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [message] = result.stderr.splitlines()
    assert message.startswith("privacy-site post: posted.lock: could not be written ("), message
    assert "it is unchanged" in message
    assert lock.read_bytes() == before
    assert sorted(p.name for p in project.iterdir()) == files_before  # no temporary file left

    assert run(project, "post", "--date", "2026-12-30").returncode == 0  # room again: written
    assert lock.read_bytes().startswith(before)
    assert lock.read_bytes() != before


def test_new_version_that_cannot_write_leaves_no_file(project: Path) -> None:
    folder = project / POLICY
    names = sorted(p.name for p in folder.iterdir())
    result = run_on_a_full_disk(project, 64, "new-version", "sample-policy", "--date", "2027-03-10")
    assert result.returncode != 0
    [message] = result.stderr.splitlines()
    assert message.startswith(f"privacy-site new-version: {POLICY}/2027-04-09.md: could not be")
    assert sorted(p.name for p in folder.iterdir()) == names  # no half-written version


def test_post_records_nothing_while_there_are_errors(project: Path) -> None:
    announced = project / POLICY / "2026-12-22.md"
    announced.write_text(
        announced.read_text("utf-8").replace("posted: 2026-11-20", "posted: 2026-11-31"), "utf-8"
    )
    result = run(project, "post", "--date", "2026-11-22")
    assert result.returncode == 1
    assert f"{POLICY}/2026-12-22.md:4: posted: '2026-11-31'" in result.stderr
    assert "Nothing recorded: fix the errors first." in result.stderr
    assert (project / "posted.lock").read_text("utf-8") == posted_lock.HEADER  # nothing added


def _edit(project: Path) -> None:
    version = project / POLICY / "2026-11-01.md"
    version.write_text(version.read_text("utf-8").replace("two years", "ten years"), "utf-8")


def _delete(project: Path) -> None:
    (project / POLICY / "2026-11-01.md").unlink()


def _rename(project: Path) -> None:
    (project / POLICY / "2026-11-01.md").rename(project / POLICY / "2026-11-02.md")


def _drop_vendor(project: Path) -> None:
    vendors = project / "vendors.yml"
    text = vendors.read_text("utf-8")
    start, end = text.index("  - id: ad-network\n"), text.index("  - id: school-messages\n")
    vendors.write_text(text[:start] + text[end:], "utf-8")


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (
            _edit,
            f"{POLICY}/2026-11-01.md",
            [
                "changed after it was posted (posted.lock line {line} records it as posted)",
                "`privacy-site correct sample-policy`",
            ],
        ),
        (
            _delete,
            f"{POLICY}/2026-11-01.md",
            ["this posted version is gone (posted.lock line {line} records it)"],
        ),
        (
            _rename,
            f"{POLICY}/2026-11-01.md",
            [
                "is gone (posted.lock line {line} records it)",
                f"renamed to {POLICY}/2026-11-02.md",
            ],
        ),
        (
            _drop_vendor,
            "vendors.yml",
            [
                "the vendor 'ad-network' was published (posted.lock line {vendor_line})",
                "'removed: YYYY-MM-DD'",
            ],
        ),
    ],
    ids=["edited", "deleted", "renamed", "vendor-deleted"],
)
def test_check_refuses_a_change_to_what_was_posted(
    tmp_path: Path, change, where: str, says: list[str]
) -> None:
    project = posted_project(tmp_path)
    lock = project / "posted.lock"
    numbers = {
        "line": line_of(lock, f"\t{POLICY}/2026-11-01.md"),
        "vendor_line": line_of(lock, "\tvendor\t-\tad-network"),
    }
    change(project)
    result = run(project, "check", "--date", "2026-11-22")
    assert result.returncode == 1, result.stdout
    errors, _, last = sections(result.stdout)
    mine = [e for e in errors if e.startswith(f"{where}: ")]
    assert len(mine) == 1, result.stdout
    for text in says:
        assert text.format(**numbers) in mine[0], (text, mine[0])
    assert last.startswith(f"Checked as of 2026-11-22: {len(errors)} error")


def test_the_build_refuses_a_posted_version_that_changed(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    _edit(project)
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH=str(epoch_for(date(2026, 11, 22), TIMEZONE)),
    )
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", site],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert f"{POLICY}/2026-11-01.md: changed after it was posted" in output
    assert not (site / "index.html").exists()


# 7. check-record --------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def committed_record(repo: Path, project: Path) -> Path:
    git(repo, "init", "-q", ".")
    git(repo, "add", str(project / "posted.lock"))
    git(repo, "commit", "-q", "-m", "record")
    return project / "posted.lock"


def test_check_record_allows_appending_and_refuses_changing_a_line(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    lock = committed_record(project, project)
    assert run(project, "check-record", "--base", "HEAD").returncode == 0  # unchanged

    original = lock.read_text("utf-8")
    lock.write_text(original + "2026-11-23\tvendor\t-\tnew-one\n", "utf-8")
    appended = run(project, "check-record", "--base", "HEAD")
    assert appended.returncode == 0, appended.stderr
    assert appended.stderr == ""

    number = line_of(lock, f"\t{POLICY}/2026-12-22.md")
    lines = original.splitlines(keepends=True)
    old = lines[number - 1]
    lines[number - 1] = old.replace("2026-11-22", "2026-11-21", 1)
    lock.write_text("".join(lines), "utf-8")
    changed = run(project, "check-record", "--base", "HEAD")
    assert changed.returncode == 1
    [message] = changed.stderr.splitlines()
    assert message.startswith(f"posted.lock:{number}: this line was changed or removed")
    assert repr(old.rstrip("\n")) in message
    assert "privacy-site post" in message

    lock.write_text("".join(original.splitlines(keepends=True)[:-1]), "utf-8")  # last removed
    removed = run(project, "check-record", "--base", "HEAD")
    assert removed.returncode == 1
    assert removed.stderr.startswith(f"posted.lock:{len(original.splitlines())}: ")


def test_check_record_refuses_a_line_removed_from_the_notices_ledger(tmp_path: Path) -> None:
    """notified.lock only grows: a line removed would e-mail that notice again."""
    project = posted_project(tmp_path)
    committed_record(project, project)
    ledger = project / "notified.lock"
    sent = [
        "2026-11-20T05:06:07Z\ten\tfamilies@lists.example.org\tpolicy/p/2026-12-22\t<a@example.org>",
        "2026-11-20T05:06:08Z\tes\tfamilias@lists.example.org\tpolicy/p/2026-12-22\t<b@example.org>",
    ]
    ledger.write_text(notified_lock.HEADER + sent[0] + "\n" + sent[1] + "\n", "utf-8")
    git(project, "add", "notified.lock")
    git(project, "commit", "-q", "-m", "ledger")
    more = "2026-11-21T05:00:00Z\ten\tfamilies@lists.example.org\tvendor/v/added\t<c@example.org>"
    ledger.write_text(ledger.read_text("utf-8") + more + "\n", "utf-8")
    assert run(project, "check-record", "--base", "HEAD").returncode == 0  # appended
    ledger.write_text(notified_lock.HEADER + sent[1] + "\n" + more + "\n", "utf-8")
    removed = run(project, "check-record", "--base", "HEAD")
    assert removed.returncode == 1, removed.stderr
    [message] = removed.stderr.splitlines()
    assert message.startswith("notified.lock:5: this line was changed or removed"), message
    assert repr(sent[0]) in message and "e-mailed again" in message


def test_check_record_passes_when_the_base_has_no_record(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    git(project, "init", "-q", ".")
    git(project, "add", "mkdocs.yml")
    git(project, "commit", "-q", "-m", "no record yet")
    result = run(project, "check-record", "--base", "HEAD")
    assert result.returncode == 0, result.stderr


def test_check_record_refuses_a_base_git_does_not_know(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    lock = committed_record(project, project)
    lock.write_text("", "utf-8")  # every line removed
    result = run(project, "check-record", "--base", "no-such-branch")
    assert result.returncode == 2, result.stderr
    assert "no-such-branch" in result.stderr


def test_check_record_in_a_project_below_the_repository_top(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    lock = committed_record(tmp_path, project)  # the repository is tmp_path; project/ in it
    lock.write_text("", "utf-8")  # every line removed
    result = run(project, "check-record", "--base", "HEAD")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("posted.lock:")


def test_append_only() -> None:
    before = "# header\na\tb\nc\td\n"
    assert posted_lock.append_only(before, before) == []
    assert posted_lock.append_only(before, before + "e\tf\n") == []
    assert posted_lock.append_only("", "anything\n") == []
    assert posted_lock.append_only(before, before.rstrip("\n")) == []  # the final newline only

    [changed] = posted_lock.append_only(before, "# header\na\tB\nc\td\n")
    assert (changed.file, changed.line) == ("posted.lock", 2)
    assert "'a\\tb'" in changed.message and "changed or removed" in changed.message
    assert str(changed).startswith("posted.lock:2: this line was changed or removed")

    [removed] = posted_lock.append_only(before, "# header\na\tb\n")
    assert removed.line == 3
    [inserted] = posted_lock.append_only(before, "# header\nnew\na\tb\nc\td\n")
    assert inserted.line == 2  # a line put in the middle moves the old ones
    [emptied] = posted_lock.append_only(before, "", display="other.lock")
    assert (emptied.file, emptied.line) == ("other.lock", 1)


# 7b. a record that is missing, points elsewhere or names files outside docs/ ----------


def build_as_of(project: Path, day: date) -> subprocess.CompletedProcess[str]:
    """The real build of ``project`` (its hooks), as of ``day``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch_for(day, TIMEZONE)))
    site = project.parent / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", site],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_missing_record_is_refused_once_versions_are_posted(tmp_path: Path) -> None:
    """Deleted, the record protected nothing: an edit to a posted version passed."""
    project = posted_project(tmp_path)
    (project / "posted.lock").unlink()
    _edit(project)
    says = (
        "posted.lock: is missing, and versions are posted as of 2026-11-22 "
        f"({POLICY}/2020-01-01.md among them): without the record, a posted version could "
        "change unnoticed; restore it with git (`git checkout origin/main -- posted.lock`); "
        "a new site starts its record with `privacy-site post`"
    )
    checked = run(project, "check", "--date", "2026-11-22")
    assert checked.returncode == 1, checked.stdout
    assert f"  {says}" in checked.stdout.splitlines()
    built = build_as_of(project, date(2026, 11, 22))
    output = built.stdout + built.stderr
    assert built.returncode != 0, output
    assert "Traceback" not in output
    assert says in output
    # Before anything is posted there is nothing to protect: no record is needed yet.
    assert run(project, "check", "--date", "2019-06-01").returncode == 0


def test_post_starts_a_missing_record(project: Path) -> None:
    (project / "posted.lock").unlink()
    result = run(project, "post", "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    lock = (project / "posted.lock").read_text("utf-8")
    assert lock.startswith(posted_lock.HEADER)
    assert f"\t{POLICY}/2020-01-01.md\n" in lock


@pytest.mark.parametrize(
    "key",
    [
        "../../../../etc/hostname",
        "/etc/hostname",
        "docs/../mkdocs.yml",
        "docs/en/../../../etc/hostname",
        "vendors.yml",
        "docs\\en\\policies\\x.md",
    ],
)
def test_a_record_line_naming_a_file_outside_docs_is_refused_at_its_line(
    tmp_path: Path, key: str
) -> None:
    project = posted_project(tmp_path)
    lock = project / "posted.lock"
    sha = hashlib.sha256(b"x").hexdigest()
    lock.write_text(lock.read_text("utf-8") + f"2026-11-22\tversion\t{sha}\t{key}\n", "utf-8")
    number = len(lock.read_text("utf-8").splitlines())
    result = run(project, "check", "--date", "2026-11-22")
    assert result.returncode == 1, result.stdout
    errors, _, _ = sections(result.stdout)
    assert errors == [
        f"posted.lock:{number}: names {key!r}, which is not a file inside docs/; the record "
        "only names the site's own files: the record is written only by `privacy-site post`: "
        "restore it with `git checkout origin/main -- posted.lock`, then run "
        "`privacy-site post`"
    ], result.stdout


def test_the_build_refuses_a_record_line_outside_docs(tmp_path: Path) -> None:
    project = posted_project(tmp_path)
    lock = project / "posted.lock"
    sha = hashlib.sha256(b"x").hexdigest()
    line = f"2026-11-22\tversion\t{sha}\t../../../../etc/hostname\n"
    lock.write_text(lock.read_text("utf-8") + line, "utf-8")
    number = len(lock.read_text("utf-8").splitlines())
    built = build_as_of(project, date(2026, 11, 22))
    output = built.stdout + built.stderr
    assert built.returncode != 0, output
    assert f"posted.lock:{number}: names '../../../../etc/hostname', which is not a file" in output


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_a_record_that_is_not_a_plain_file_is_refused_by_every_command(
    tmp_path: Path, kind: str
) -> None:
    """A symlinked posted.lock made post append to the file it pointed at; a folder made
    check-record crash."""
    project = posted_project(tmp_path)
    lock = project / "posted.lock"
    committed_record(project, project)
    elsewhere = tmp_path / "elsewhere.txt"
    if kind == "symlink":
        shutil.move(lock, elsewhere)
        lock.symlink_to(elsewhere)
        what = "a symbolic link"
    else:
        lock.unlink()
        lock.mkdir()
        elsewhere.write_text("not the record\n", "utf-8")
        what = "a folder"
    before = elsewhere.read_bytes()
    says = (
        f"posted.lock: is {what}; the record is a plain file beside mkdocs.yml: remove this "
        "one, then restore the record with git (`git checkout origin/main -- posted.lock`)"
    )
    for command in ("post", "check-record"):
        args = ("--date", "2026-12-30") if command == "post" else ("--base", "HEAD")
        assert refusal(run(project, command, *args)) == f"privacy-site {command}: {says}"
    checked = run(project, "check", "--date", "2026-12-30")
    assert checked.returncode == 1
    assert f"  {says}" in checked.stdout.splitlines()
    built = build_as_of(project, date(2026, 12, 30))
    output = built.stdout + built.stderr
    assert built.returncode != 0 and "Traceback" not in output, output
    assert says in output
    assert elsewhere.read_bytes() == before  # nothing written through the link


# 8. preview ---------------------------------------------------------------------------


def fetch_page(url: str, server: subprocess.Popen, log: Path, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"preview stopped ({server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if "</html>" in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never answered:\n{log.read_text()}")


@pytest.mark.parametrize(
    ("day", "banner", "in_effect"),
    [
        # Before 2026-12-22's version is posted: no notice; 2026-11-01 in effect.
        ("2026-11-19", None, "Messages are kept for two years."),
        # The day 2027-03-01's version is posted; 2026-12-22 in effect.
        ("2026-12-30", "2027-03-01", "Messages are kept for three years."),
    ],
    ids=["before-posting", "posting-day"],
)
def test_preview_serves_the_site_as_of_the_date(
    tmp_path: Path, day: str, banner: str | None, in_effect: str
) -> None:
    project = make_project(tmp_path)
    port = free_port()
    log = tmp_path / "preview.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [
                str(CLI),
                "--config",
                str(project / "mkdocs.yml"),
                "preview",
                "--date",
                day,
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        home = fetch_page(f"http://127.0.0.1:{port}/", server, log)
        policy = fetch_page(f"http://127.0.0.1:{port}/policies/sample-policy/", server, log)
    finally:
        try:
            os.killpg(server.pid, signal.SIGINT)
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        except ProcessLookupError:
            pass
    output = log.read_text("utf-8")
    assert output.startswith(
        f"Previewing the site as it will be on {day} at http://127.0.0.1:{port}/ "
    )
    assert "Traceback" not in output
    assert server.returncode == 130, output  # Ctrl+C
    assert in_effect in policy
    named = "<bdi>Sample Policy</bdi> changes on"  # the policy's name, isolated
    if banner is None:
        assert named not in home
        assert "A new version of this policy takes effect" not in policy
    else:
        assert f'{named} <time datetime="{banner}">' in home
        assert "SCHEDULED-SECRET-TEXT" not in policy
    assert f'{named} <time datetime="2026-12-22">' not in home


# 9. bad input -------------------------------------------------------------------------


def test_an_unknown_policy_is_refused_with_the_list_of_policies(project: Path) -> None:
    result = run(project, "new-version", "no-such-policy", "--date", "2026-11-22")
    message = refusal(result)
    assert message.startswith("privacy-site new-version: no policy 'no-such-policy'")
    assert message.endswith("the policies are: sample-policy")
    assert run(project, "correct", "no-such-policy", "--date", "2026-11-22").returncode == 2


@pytest.mark.parametrize(
    ("command", "raw", "reason"),
    [
        ("check", "2026-02-30", "is not a real date: February 2026 has 28 days"),
        ("post", "2026-13-01", "there is no month 13"),
        ("preview", "22/12/2026", "is not a date written YYYY-MM-DD"),
    ],
)
def test_an_impossible_date_is_an_argument_error(
    project: Path, command: str, raw: str, reason: str
) -> None:
    result = run(project, command, "--date", raw)
    assert result.returncode == 2
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"privacy-site {command}: error: argument --date: ")
    assert reason in last
    assert (project / "posted.lock").read_text("utf-8") == posted_lock.HEADER  # nothing added


def test_a_missing_mkdocs_yml_is_one_line(tmp_path: Path) -> None:
    result = run("/nonexistent/mkdocs.yml", "check", cwd=tmp_path)
    message = refusal(result)
    assert message.startswith("privacy-site check: /nonexistent/mkdocs.yml: not found")
    assert "--config" in message
