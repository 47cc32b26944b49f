"""posted.lock, the record of what was posted: reading it, what it catches, what `post`
adds (a reviewed translation replacing a machine one included), and that it only grows."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from privacy_site.reading import posted_lock

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


def recorded(tmp_path: Path) -> list[posted_lock.Entry]:
    posted = posted_lock.Posted(
        versions={VERSION: posted_lock.digest(tmp_path / VERSION)},
        translations={TRANSLATION: (posted_lock.digest(tmp_path / TRANSLATION), "machine")},
        vendors={"tool"},
    )
    posted_lock.append(tmp_path / "posted.lock", posted_lock.pending([], posted, DAY))
    entries, problems = posted_lock.read(tmp_path / "posted.lock")
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
    assert posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml") == []


def test_a_reviewed_translation_may_replace_a_machine_one_and_is_recorded(
    tmp_path: Path,
) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    (tmp_path / TRANSLATION).write_text(REVIEWED, encoding="utf-8")
    assert posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml") == []
    posted = posted_lock.Posted(translations={TRANSLATION: (sha(REVIEWED), "reviewed")})
    new = posted_lock.pending(entries, posted, DAY)
    assert [(e.kind, e.key, e.how, e.sha256) for e in new] == [
        ("translation", TRANSLATION, "reviewed", sha(REVIEWED))
    ]
    posted_lock.append(tmp_path / "posted.lock", new)
    entries, _ = posted_lock.read(tmp_path / "posted.lock")
    assert posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml") == []
    # Once reviewed and recorded, it no longer changes either.
    (tmp_path / TRANSLATION).write_text(REVIEWED + "More.\n", encoding="utf-8")
    found = posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml")
    assert [p.file for p in found] == [TRANSLATION] and "changed after it was posted" in str(
        found[0]
    )


def test_a_machine_translation_edited_in_place_is_refused(tmp_path: Path) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    (tmp_path / TRANSLATION).write_text(MACHINE + "More.\n", encoding="utf-8")
    found = posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml")
    assert len(found) == 1 and found[0].file == TRANSLATION
    assert "translation: reviewed" in found[0].message


def test_unreadable_and_repeated_lines_are_located(tmp_path: Path) -> None:
    entries = recorded(project(tmp_path, MACHINE))
    lock = tmp_path / "posted.lock"
    version_line = next(line for line in lock.read_text().splitlines() if "\tversion\t" in line)
    lock.write_text(lock.read_text() + version_line + "\nnot a record line\n", encoding="utf-8")
    entries, problems = posted_lock.read(lock)
    total = len(lock.read_text().splitlines())
    assert [(p.file, p.line) for p in problems] == [("posted.lock", total)]
    found = posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml")
    assert len(found) == 1 and "recorded twice" in found[0].message
    assert found[0].line == total - 1


def test_the_record_only_grows() -> None:
    before = "# header\na\nb\n"
    assert posted_lock.append_only(before, before + "c\n") == []
    assert posted_lock.append_only("", "a\n") == []
    changed = posted_lock.append_only(before, "# header\na\nB\nc\n")
    assert [(p.file, p.line) for p in changed] == [("posted.lock", 3)]
    assert "'b'" in changed[0].message
    assert posted_lock.append_only(before, "# header\na\n")[0].line == 3


def test_a_line_naming_a_file_outside_docs_is_refused_at_its_line(tmp_path: Path) -> None:
    sha_x = sha("x")
    keys = [
        "../../../../etc/hostname",
        "/etc/hostname",
        "docs/../x.md",
        "docs/en/./policies/p.md",
        "docs//en/p.md",
        "docs\\en\\p.md",
        "docs/p.md",  # a language folder is always there
        "other/en/p.md",
    ]
    lines = [f"2026-11-23\ttranslation\t{sha_x}\t{key}\tmachine" for key in keys]
    lock = tmp_path / "posted.lock"
    lock.write_text(
        posted_lock.HEADER + "\n".join([f"2026-11-23\tversion\t{sha_x}\t{VERSION}", *lines])
    )
    entries, problems = posted_lock.read(lock)
    assert [entry.key for entry in entries] == [VERSION]
    header = len(posted_lock.HEADER.splitlines())
    assert [(p.line, p.message.split(",")[0]) for p in problems] == [
        (header + 2 + n, f"names {key!r}") for n, key in enumerate(keys)
    ]
    assert posted_lock.read(lock, docs="content")[0] == []  # the docs folder is the project's


def test_a_record_that_is_a_link_or_a_folder_is_not_read(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text(f"2026-11-23\tversion\t{sha('x')}\t{VERSION}\n", encoding="utf-8")
    lock = tmp_path / "posted.lock"
    lock.symlink_to(target)
    entries, [problem] = posted_lock.read(lock)
    assert entries == []
    assert str(problem).startswith("posted.lock: is a symbolic link; ")
    lock.unlink()
    lock.mkdir()
    entries, [problem] = posted_lock.read(lock)
    assert str(problem).startswith("posted.lock: is a folder; ")


def test_a_missing_record_matters_only_once_a_version_is_posted(tmp_path: Path) -> None:
    lock = tmp_path / "posted.lock"
    assert posted_lock.missing(lock, [], DAY) is None
    problem = posted_lock.missing(lock, [VERSION], DAY)
    assert problem is not None and problem.severity == "error"
    assert "git checkout origin/main -- posted.lock" in problem.message
    lock.write_text(posted_lock.HEADER, encoding="utf-8")  # a record with only its header is fine
    assert posted_lock.missing(lock, [VERSION], DAY) is None


PDF = "es/policies/p/2026-01-01/p-2026-01-01-es.pdf"


def test_each_published_pdf_is_recorded_and_a_remade_one_again(tmp_path: Path) -> None:
    """A PDF is recorded as published (its site path and SHA-256), so a saved copy can be
    checked; one made again (its version's state changed) gets a line of its own, and no
    PDF line is checked against the files (a PDF is an output, not a posted file)."""
    site = tmp_path / "site"
    (site / PDF).parent.mkdir(parents=True)
    (site / PDF).write_bytes(b"%PDF-1.7 first")
    (site / "es" / "policies" / "p" / "stray.pdf").write_bytes(b"%PDF-1.7")  # not a version's
    found = posted_lock.published_pdfs(site)
    assert found == {PDF: sha("%PDF-1.7 first")}
    record = tmp_path / "posted.lock"
    posted_lock.append(record, posted_lock.pending([], posted_lock.Posted(pdfs=found), DAY))
    entries, problems = posted_lock.read(record)
    assert problems == [] and [(e.kind, e.key) for e in entries] == [("pdf", PDF)]
    assert posted_lock.pending(entries, posted_lock.Posted(pdfs=found), DAY) == []
    (site / PDF).write_bytes(b"%PDF-1.7 remade")
    again = posted_lock.pending(
        entries, posted_lock.Posted(pdfs=posted_lock.published_pdfs(site)), DAY
    )
    assert [(e.kind, e.sha256) for e in again] == [("pdf", sha("%PDF-1.7 remade"))]
    assert posted_lock.check(entries, tmp_path, tmp_path / "vendors.yml") == []


def test_a_pdf_line_naming_anything_but_a_versions_pdf_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "posted.lock"
    record.write_text(
        posted_lock.HEADER + f"2026-11-23\tpdf\t{'a' * 64}\t../../etc/passwd.pdf\n",
        encoding="utf-8",
    )
    entries, problems = posted_lock.read(record)
    assert entries == [] and len(problems) == 1
    assert problems[0].line == 6 and "not a policy version's PDF" in str(problems[0])
