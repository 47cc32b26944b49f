"""privacy_site.reading.files: a file is written whole or not at all, never through a symlink."""

from __future__ import annotations

from pathlib import Path

import pytest
from privacy_site.reading import files


def test_a_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "record.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    files.write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["record.txt"]


def test_a_symlink_is_replaced_never_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not ours\n", encoding="utf-8")
    target = tmp_path / "record.txt"
    target.symlink_to(elsewhere)
    files.write_text(target, "ours\n")
    assert elsewhere.read_text(encoding="utf-8") == "not ours\n"
    assert not target.is_symlink()
    assert target.read_text(encoding="utf-8") == "ours\n"


def test_a_new_file_never_overwrites_one_already_there(tmp_path: Path) -> None:
    target = tmp_path / "2027-01-01.md"
    files.write_text(target, "first\n", replace=False)
    with pytest.raises(files.WriteFailed, match="already exists"):
        files.write_text(target, "second\n", replace=False, shown="docs/x.md")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2027-01-01.md"]


def test_a_folder_that_cannot_be_written_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "record.txt"
    with pytest.raises(files.WriteFailed) as failed:
        files.write_text(missing, "text\n", shown="record.txt")
    assert str(failed.value).startswith("record.txt: could not be written (")
    assert "\n" not in str(failed.value)
