"""posted.lock, the record of what was posted: reading it, what it catches, what `post`
adds (a reviewed translation replacing a machine one included), and that it only grows."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from privacy_site import record

DAY = date(2026, 11, 23)
VERSION = "docs/en/policies/p/2026-01-01.md"
TRANSLATION = "docs/es/policies/p/2026-01-01.md"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def project(tmp_path: Path, translation: str) -> Path:
    for key, text in ((VERSION, "---\ntitle: P\n---\nText.\n"), (TRANSLATION, translation)):
        (tmp_path / key).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / key).write_text(text, encoding="utf-8")
    (tmp_path / "vendors.yml").write_text("vendors:\n  - id: tool\n", encoding="utf-8")
    return tmp_path


MACHINE = "---\ntitle: P\ntranslation: machine\n---\nTexto.\n"
REVIEWED = "---\ntitle: P\ntranslation: reviewed\n---\nTexto revisado.\n"


def recorded(tmp_path: Path) -> list[record.Entry]:
    posted = record.Posted(
        versions={VERSION: record.digest(tmp_path / VERSION)},
        translations={TRANSLATION: (record.digest(tmp_path / TRANSLATION), "machine")},
        vendors={"tool"},
    )
    record.append(tmp_path / "posted.lock", record.pending([], posted, DAY))
    entries, problems = record.read(tmp_path / "posted.lock")
    assert problems == []
    return entries


def test_post_writes_one_line_each_and_reads_back(tmp_path: Path) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    assert [(e.kind, e.key, e.how) for e in entries] == [
        ("version", VERSION, ""),
        ("translation", TRANSLATION, "machine"),
        ("vendor", "tool", ""),
    ]
    assert entries[0].sha256 == sha("---\ntitle: P\n---\nText.\n")
    assert record.check(entries, tmp_path, tmp_path / "vendors.yml") == []


def test_a_reviewed_translation_may_replace_a_machine_one_and_is_recorded(
    tmp_path: Path,
) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    (tmp_path / TRANSLATION).write_text(REVIEWED, encoding="utf-8")
    assert record.check(entries, tmp_path, tmp_path / "vendors.yml") == []
    posted = record.Posted(translations={TRANSLATION: (sha(REVIEWED), "reviewed")})
    new = record.pending(entries, posted, DAY)
    assert [(e.kind, e.key, e.how, e.sha256) for e in new] == [
        ("translation", TRANSLATION, "reviewed", sha(REVIEWED))
    ]
    record.append(tmp_path / "posted.lock", new)
    entries, _ = record.read(tmp_path / "posted.lock")
    assert record.check(entries, tmp_path, tmp_path / "vendors.yml") == []
    # Once reviewed and recorded, it no longer changes either.
    (tmp_path / TRANSLATION).write_text(REVIEWED + "More.\n", encoding="utf-8")
    found = record.check(entries, tmp_path, tmp_path / "vendors.yml")
    assert [p.file for p in found] == [TRANSLATION] and "changed after it was posted" in str(
        found[0]
    )


def test_a_machine_translation_edited_in_place_is_refused(tmp_path: Path) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    (tmp_path / TRANSLATION).write_text(MACHINE + "More.\n", encoding="utf-8")
    found = record.check(entries, tmp_path, tmp_path / "vendors.yml")
    assert len(found) == 1 and found[0].file == TRANSLATION
    assert "translation: reviewed" in found[0].message


def test_unreadable_and_repeated_lines_are_located(tmp_path: Path) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    lock = tmp_path / "posted.lock"
    version_line = next(line for line in lock.read_text().splitlines() if "\tversion\t" in line)
    lock.write_text(lock.read_text() + version_line + "\nnot a record line\n", encoding="utf-8")
    entries, problems = record.read(lock)
    total = len(lock.read_text().splitlines())
    assert [(p.file, p.line) for p in problems] == [("posted.lock", total)]
    found = record.check(entries, tmp_path, tmp_path / "vendors.yml")
    assert len(found) == 1 and "recorded twice" in found[0].message
    assert found[0].line == total - 1


def test_the_record_only_grows() -> None:
    before = "# header\na\nb\n"
    assert record.append_only(before, before + "c\n") == []
    assert record.append_only("", "a\n") == []
    changed = record.append_only(before, "# header\na\nB\nc\n")
    assert [(p.file, p.line) for p in changed] == [("posted.lock", 3)]
    assert "'b'" in changed[0].message
    assert record.append_only(before, "# header\na\n")[0].line == 3
