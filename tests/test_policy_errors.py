"""Invalid content, each case beside the exact messages staff must get (expected.txt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from privacy_site.content import load_content
from privacy_site.problems import errors

CASES = Path(__file__).parent / "fixtures" / "invalid"
EXTRA = {"privacy_site": {"district": "Test District", "contact_email": "web@example.org"}}


def docs_for(case: Path, tmp_path: Path) -> Path:
    """The case's content under a folder named docs, as staff would see the paths."""
    return case / "docs"


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
