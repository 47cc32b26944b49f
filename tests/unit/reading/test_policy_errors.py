"""Invalid content, each case beside the exact messages staff must get (expected.txt)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from privacy_site.content import load_content
from privacy_site.model.problems import errors
from privacy_site.reading import posted_lock
from sitebuild import TESTS

CASES = TESTS / "fixtures" / "invalid"
EXTRA = {
    "privacy_site": {
        "district": "Test District",
        "timezone": "America/New_York",
        "contact_email": "web@example.org",
    }
}


def docs_for(case: Path, tmp_path: Path) -> Path:
    """The case's content under a folder named docs, as staff would see the paths, beside a
    record with nothing in it yet (a missing one is refused once versions are posted)."""
    shutil.copytree(case / "docs", tmp_path / "docs", symlinks=True)
    (tmp_path / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")
    return tmp_path / "docs"


def empty_record(tmp_path: Path) -> None:
    (tmp_path / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")


@pytest.mark.parametrize(
    "case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_invalid_content_gets_exact_messages(case: Path, tmp_path: Path) -> None:
    docs = docs_for(case, tmp_path)
    listed = case / "languages.txt"  # the languages the site builds, when not every folder
    languages = (
        listed.read_text(encoding="utf-8").split()
        if listed.exists()
        else sorted(p.name for p in docs.iterdir() if p.is_dir())
    )
    content = load_content(docs, date(2026, 11, 22), EXTRA, "en", languages)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in sorted(errors(content.problems))] == expected


def test_a_version_copied_with_its_old_footer_or_notes_gets_a_warning(tmp_path: Path) -> None:
    from privacy_site.model.problems import warnings

    folder = tmp_path / "docs" / "en" / "policies" / "sample"
    folder.mkdir(parents=True)
    (folder / "2018-05-15.md").write_text(
        "---\ntitle: Sample\neffective: 2018-05-15\nnotes: Paragraph breaks were inferred.\n"
        "---\n\nThe text.\n\nAdopted: May 15, 2018\n",
        encoding="utf-8",
    )
    (folder / "2026-12-22.md").write_text(
        "---\ntitle: Sample\neffective: 2026-12-22\nposted: 2026-11-20\nsummary: Longer.\n"
        "notes: Paragraph breaks were inferred.\n---\n\nThe longer text.\n\n"
        "Adopted: May 15, 2018\n",
        encoding="utf-8",
    )
    (folder / "2027-03-01.md").write_text(
        "---\ntitle: Sample\neffective: 2027-03-01\nposted: 2026-12-30\nsummary: Longest.\n"
        "---\n\nThe longest text.\n\nAdopted: December 30, 2026\n",
        encoding="utf-8",
    )
    empty_record(tmp_path)
    content = load_content(tmp_path / "docs", date(2026, 11, 22), EXTRA, "en", ["en"])
    assert errors(content.problems) == []
    said = sorted(str(p) for p in warnings(content.problems))
    assert said == [
        "docs/en/policies/sample/2026-12-22.md:11: the text still ends with 'Adopted: May 15, "
        "2018', the last line of 2018-05-15.md: say this version's own date (or remove the "
        "line: the page shows each version's dates)",
        "docs/en/policies/sample/2026-12-22.md:6: notes: the same as in 2018-05-15.md, which "
        "they describe; write notes about this file, or remove them",
    ]


def test_in_short_mistakes_are_named_with_the_fix(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "en" / "policies" / "sample"
    folder.mkdir(parents=True)
    (folder / "2018-05-15.md").write_text(
        "---\ntitle: Sample\neffective: 2018-05-15\nin_short: One point, not a list.\n"
        "---\n\nText.\n",
        encoding="utf-8",
    )
    spanish = tmp_path / "docs" / "es" / "policies" / "sample"
    spanish.mkdir(parents=True)
    (spanish / "2018-05-15.md").write_text(
        "---\ntitle: Ejemplo\ntranslation: machine\nin_short:\n  - Uno.\n  - Dos.\n---\n\nTexto.\n",
        encoding="utf-8",
    )
    empty_record(tmp_path)
    content = load_content(tmp_path / "docs", date(2026, 11, 22), EXTRA, "en", ["en", "es"])
    said = [str(p) for p in errors(content.problems)]
    assert (
        "docs/en/policies/sample/2018-05-15.md:4: in_short: write a list, one point per line "
        "starting with '  - ', for example:  in_short:  - The websites do not sell your "
        "information." in said
    )
    assert (
        "docs/es/policies/sample/2018-05-15.md:4: in_short: 2 points here and 0 in the English "
        "docs/en/policies/sample/2018-05-15.md: translate each point, no more" in said
    )


def test_every_field_the_schema_types_is_checked_against_it(tmp_path: Path) -> None:
    """Front matter goes through frontmatter.schema.json: a value of the wrong shape in any
    field it lists is a located error naming that field, not a list or a number published
    as text (adopted_by and notes were once taken as they came)."""
    from privacy_site.reading.frontmatter_check import SCHEMA

    fields = SCHEMA.definition("policy_version")["properties"]
    folder = tmp_path / "docs" / "en" / "policies" / "sample"
    folder.mkdir(parents=True)
    lines = ["title: Sample", "effective: 2018-05-15"]
    wrong = {name: "[1, 2]" if name != "in_short" else "7" for name in fields}
    lines += [
        f"{name}: {value}" for name, value in wrong.items() if name not in ("title", "effective")
    ]
    (folder / "2018-05-15.md").write_text("---\n" + "\n".join(lines) + "\n---\n\nText.\n", "utf-8")
    empty_record(tmp_path)
    content = load_content(tmp_path / "docs", date(2026, 11, 22), EXTRA, "en", ["en"])
    said = {(p.line, p.message.split(":", 1)[0]) for p in errors(content.problems)}
    expected = {(number, line.split(":", 1)[0]) for number, line in enumerate(lines, start=2)}
    assert expected - {(2, "title"), (3, "effective")} <= said, said
    assert (
        "docs/en/policies/sample/2018-05-15.md:7: adopted_by: [1, 2] is not text; write it after "
        "the colon, in quotes if it looks like a number, a date or true/false"
    ) in [str(p) for p in errors(content.problems)]
