"""Every page's Markdown rendered as the build renders it, before any build: raw HTML outside
the allowlist, nesting Python-Markdown cannot follow, and any error while rendering are
located problems of the content checks (``privacy-site check`` and the build share them)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import markdown
import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.config import load_config
from privacy_site.content import load_content
from privacy_site.model.problems import errors
from privacy_site.reading.mkdocs_yml import read_config
from privacy_site.reading.rendering import MAX_DEPTH, MarkdownSettings, Page, check_pages
from sitebuild import ROOT

TODAY = date(2026, 11, 22)
EXTRA = {
    "privacy_site": {
        "district": "Test District",
        "timezone": "America/New_York",
        "contact_email": "web@example.org",
    }
}
SETTINGS = MarkdownSettings.from_config(read_config(ROOT / "mkdocs.yml")["markdown_extensions"])


def nested_list(depth: int, indent: str = "") -> str:
    return "".join(f"{indent}{'    ' * level}- point {level + 1}\n" for level in range(depth))


def content_with(tmp_path: Path, text: str, name: str = "contact.md") -> list[str]:
    """The errors of a docs/ with one English page holding ``text``, checked as the site's
    mkdocs.yml renders it."""
    page = tmp_path / "docs" / "en" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    found = load_content(tmp_path / "docs", TODAY, EXTRA, "en", ["en"], markdown=SETTINGS)
    return [str(problem) for problem in errors(found.problems)]


def test_the_extensions_are_read_from_mkdocs_yml_as_mkdocs_reads_them() -> None:
    """check renders with exactly what MkDocs gives Python-Markdown for the real site."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert list(SETTINGS.extensions) == list(config.markdown_extensions)
    assert dict(SETTINGS.configs) == dict(config.mdx_configs)


def test_a_list_nested_500_deep_is_refused_before_python_markdown_recurses(
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    found = content_with(tmp_path, "# Contact\n\nIntro.\n\n" + nested_list(500))
    elapsed = time.monotonic() - started
    assert found == [
        f"docs/en/contact.md:5: this list (or other indented block) nests more than "
        f"{MAX_DEPTH} levels deep (line {5 + MAX_DEPTH} is at level {MAX_DEPTH + 1}); lists "
        f"nest at most {MAX_DEPTH} deep: flatten it, for example by starting a new list under "
        "a heading, or by writing the sub-points as sentences"
    ]
    assert elapsed < 3, f"{elapsed:.1f} s: the list was rendered (20 s to a RecursionError)"


@pytest.mark.parametrize(
    ("what", "body", "line"),
    [
        ("a list in a quote", nested_list(300, indent="> "), 3),
        ("an ordered list", "".join(f"{'    ' * n}1. x\n" for n in range(40)), 3),
        ("admonitions", "".join(f"{'    ' * n}!!! note\n" for n in range(40)) + "x\n", 3),
        ("HTML with Markdown inside", "text\n\n" + '<div markdown="1">\n' * 40, 5),
    ],
)
def test_every_kind_of_nesting_counts(tmp_path: Path, what: str, body: str, line: int) -> None:
    [found] = content_with(tmp_path, "# Contact\n\n" + body)
    assert found.startswith(f"docs/en/contact.md:{line}: this list (or other indented block)")


def test_ten_levels_are_legal_text_and_pass(tmp_path: Path) -> None:
    assert content_with(tmp_path, "# Contact\n\n" + nested_list(MAX_DEPTH)) == []


def test_raw_html_in_a_page_is_found_by_the_content_checks_at_its_line(tmp_path: Path) -> None:
    found = content_with(
        tmp_path,
        "---\ntitle: Contact\n---\n\n# Contact\n\n<script>alert(1)</script>\n\n"
        "Call us.\n{ onclick=\"steal()\" }\n\n<p onmouseover='x()'>hi</p>\n",
    )
    fix = (
        "page text may use headings, paragraphs, lists, tables, links (https:// or mailto:), "
        "emphasis, abbreviations, footnotes and details blocks: remove it or write it in Markdown"
    )
    assert found == [
        f"docs/en/contact.md:7: the <script> element cannot be published; {fix}",
        f"docs/en/contact.md:10: the onclick attribute on <p> cannot be published; {fix}",
        f"docs/en/contact.md:12: the onmouseover attribute on <p> cannot be published; {fix}",
    ]


class _Fails(Extension):
    """An extension that fails on one word, as a broken third-party extension would."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_FailsOn(md), "fails", 100)


class _FailsOn(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if any("trouble" in line for line in lines):
            raise ValueError("cannot handle this text")
        return lines


def test_any_error_while_rendering_is_a_located_problem_and_the_others_are_still_checked() -> None:
    settings = MarkdownSettings((*SETTINGS.extensions, _Fails()), SETTINGS.configs)
    checked = check_pages(
        [
            Page("docs/en/a.md", "trouble\n", "trouble\n", 1),
            Page("docs/en/b.md", "<script>x</script>\n", "<script>x</script>\n", 1),
        ],
        settings,
    )
    assert [str(p) for p in checked.problems] == [
        "docs/en/a.md: the page's Markdown cannot be turned into a page (ValueError: cannot "
        "handle this text); simplify the part of the text edited last (deeply nested lists, "
        "quotes or HTML), or undo that edit",
        "docs/en/b.md:1: the <script> element cannot be published; page text may use headings, "
        "paragraphs, lists, tables, links (https:// or mailto:), emphasis, abbreviations, "
        "footnotes and details blocks: remove it or write it in Markdown",
    ]
    assert checked.unrenderable == {"docs/en/a.md"}


def test_an_extension_that_cannot_be_loaded_is_one_located_problem() -> None:
    checked = check_pages(
        [Page("docs/en/a.md", "x\n", "x\n", 1)], MarkdownSettings.from_config(["no_such_ext"])
    )
    [problem] = checked.problems
    assert str(problem).startswith("mkdocs.yml: markdown_extensions: cannot be loaded (")
