"""One <h1> per page, whatever a policy's Markdown starts with (``privacy_site.html.headings``)."""

from __future__ import annotations

from datetime import date

import lxml.html
import pytest
from privacy_site.html.headings import under_title
from sitebuild import ROOT, Build, build_site, fixture_docs

TITLED = ROOT / "tests" / "fixtures" / "titled"


def test_a_body_without_a_title_is_unchanged() -> None:
    html = '<p>Text.</p>\n<h2 id="a">A</h2>\n<p>More.</p>'
    assert under_title(html).html == html


def test_the_leading_title_goes_and_the_rest_keeps_its_levels() -> None:
    body = under_title('<h1 id="t">Policy</h1>\n<p>Text.</p>\n<h2 id="a">A</h2>')
    assert body.html == '<p>Text.</p>\n<h2 id="a">A</h2>'
    assert (body.title_id, body.demoted) == ("t", False)


def test_sections_written_with_one_hash_move_one_level_down() -> None:
    body = under_title('<h1 id="t">Policy</h1><h1 id="a">A</h1><h2 id="b">B</h2><h6>F</h6>')
    assert body.html == '<h2 id="a">A</h2><h3 id="b">B</h3><h6>F</h6>'
    assert body.demoted


def test_an_h1_that_is_not_first_is_a_section_not_a_title() -> None:
    body = under_title('<p>Intro.</p><h1 id="a">A</h1>')
    assert body.html == '<p>Intro.</p><h2 id="a">A</h2>'
    assert body.title_id is None


@pytest.fixture(scope="module")
def titled(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("titled")
    build = build_site(work, docs=fixture_docs(work, TITLED), when=date(2026, 11, 25))
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_every_page_of_a_policy_whose_files_start_with_a_title_has_one_h1(titled: Build) -> None:
    pages = [
        "policies/titled-policy/",
        "policies/titled-policy/2020-01-01/",
        "policies/titled-policy/2026-12-22/",
        "policies/titled-policy/2026-12-22/changes/",
    ]
    for path in pages:
        doc = lxml.html.fromstring(titled.html(path))
        titles = doc.xpath("//h1")
        assert len(titles) == 1, (path, [lxml.html.tostring(h) for h in titles])
        assert titles[0].text_content().strip().startswith("Titled Policy"), path
    # The sections keep their ids, one level under the title, in the page and its contents.
    new = lxml.html.fromstring(titled.html("policies/titled-policy/2026-12-22/"))
    assert new.xpath("//article//h2[@id='retention']") and new.xpath("//h3[@id='who-reads-them']")
    toc = [a.get("href") for a in new.xpath("//nav[contains(@class,'md-nav--secondary')]//a")]
    assert toc.count("#retention") == 1 and "#titled-policy" not in toc, toc


def test_the_fixture_files_do_start_with_their_titles() -> None:
    for path in (TITLED / "en" / "policies" / "titled-policy").glob("*.md"):
        body = path.read_text("utf-8").split("---", 2)[2].lstrip()
        assert body.startswith(("# Titled Policy", "Titled Policy\n===")), path
