"""YAML with positions: what staff's error messages point at."""

from __future__ import annotations

import pytest
from privacy_site.reading import frontmatter, yamldoc


def test_positions_of_keys_and_items() -> None:
    doc = yamldoc.load("vendors:\n  - id: a\n    name: A\n  - id: b\n")
    assert doc.data == {"vendors": [{"id": "a", "name": "A"}, {"id": "b"}]}
    assert doc.marks[("vendors",)] == (1, 1)
    assert doc.marks[("vendors", 1, "id")] == (4, 5)
    assert doc.where(("vendors", 1, "missing")) == (4, 5)


def test_dates_stay_text_so_we_can_check_them() -> None:
    assert yamldoc.load("d: 2026-02-30\ne: 2026-02-03").data == {
        "d": "2026-02-30",
        "e": "2026-02-03",
    }


def test_duplicate_keys_are_recorded() -> None:
    doc = yamldoc.load("a: 1\nb: 2\na: 3\n")
    assert doc.duplicate_keys == [(("a",), 3, 1)]


def test_syntax_error_carries_the_line() -> None:
    with pytest.raises(yamldoc.YamlSyntaxError) as caught:
        yamldoc.load("a: 1\nb: [1, 2\n")
    assert caught.value.line == 2


def test_front_matter_lines_are_lines_of_the_file() -> None:
    parsed = frontmatter.parse("---\ntitle: T\neffective: 2026-12-22\n---\n\nBody\n")
    assert parsed.fields == {"title": "T", "effective": "2026-12-22"}
    assert parsed.line_of("effective") == 3
    assert parsed.body == "\nBody\n"
    assert parsed.body_line == 5


def test_no_front_matter_is_all_body() -> None:
    parsed = frontmatter.parse("# Title\n\nText\n")
    assert parsed.fields == {} and parsed.body.startswith("# Title")
