"""Redlines: word-level marks, structure kept, words for screen readers, links re-based."""

from __future__ import annotations

import itertools
from pathlib import Path

import lxml.html
import markdown
import pytest
from markupsafe import Markup
from privacy_site.outputs.redline import Labels, Redlines, render_redline
from privacy_site.outputs.redline_nav import Words, navigable
from privacy_site.reading import frontmatter
from sitebuild import TESTS

# Four real versions of GitHub's privacy statement (CC0), copied from shared/corpus.
CORPUS = TESTS / "fixtures" / "corpus" / "github-privacy-statement"
OLD = """<h2 id="retention">Retention<a class="headerlink" href="#retention">¶</a></h2>
<p>Messages are kept for two years.</p>
<ul><li>Shared with staff.</li><li>Shared with the <a href="../host/">web host</a>.</li></ul>"""
NEW = """<h2 id="retention">Retention<a class="headerlink" href="#retention">¶</a></h2>
<p>Messages are kept for three years.</p>
<ul><li>Shared with staff.</li></ul>
<h2 id="sharing">Sharing</h2>
<p>See <a href="../other/">other</a> and <a href="#retention">above</a>.</p>"""


def parsed(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_words_are_marked_inserted_and_deleted() -> None:
    result = render_redline(OLD, NEW)
    root = parsed(result.html)
    inserted = " ".join(i.text_content() for i in root.iter("ins"))
    deleted = " ".join(d.text_content() for d in root.iter("del"))
    assert "three" in inserted and "three" not in deleted
    assert "two" in deleted and "two" not in inserted
    assert "web host" in deleted
    assert result.inserted_words > 0 and result.deleted_words > 0


def test_each_mark_says_what_it_is_in_words() -> None:
    root = parsed(render_redline(OLD, NEW, Labels(inserted="INS:", deleted="DEL:")).html)
    for mark in root.iter("ins", "del"):
        hidden = mark.find_class("visually-hidden")
        assert len(hidden) == 2
        assert hidden[0].text.strip() == ("INS:" if mark.tag == "ins" else "DEL:")


def test_headings_lists_and_links_survive() -> None:
    root = parsed(render_redline(OLD, NEW).html)
    assert [h.get("id") for h in root.iter("h2")] == ["retention", "sharing"]
    assert root.find(".//ul/li") is not None
    assert not root.find_class("headerlink")
    assert "¶" not in root.text_content()


def test_relative_links_are_rebased_for_the_deeper_page() -> None:
    root = parsed(render_redline(OLD, NEW, link_prefix="../").html)
    assert [a.get("href") for a in root.iter("a")] == ["../../other/", "#retention"]


def test_identical_versions_have_no_marks() -> None:
    result = render_redline(NEW, NEW)
    assert (result.inserted_words, result.deleted_words) == (0, 0)
    assert parsed(result.html).find(".//ins") is None


VERSIONS = sorted(p.name for p in CORPUS.glob("*.md"))


@pytest.mark.parametrize(("before", "after"), list(itertools.pairwise(VERSIONS)))
def test_real_legal_text_from_the_corpus(before: str, after: str) -> None:
    def render(name: str) -> str:
        body = frontmatter.parse((CORPUS / name).read_text(encoding="utf-8")).body
        return markdown.markdown(body, extensions=["tables", "attr_list", "toc"])

    old, new = render(before), render(after)
    result = render_redline(old, new)
    assert result.inserted_words > 10 and result.deleted_words > 10
    # Outside <del> the redline reads exactly as the new text; outside <ins>, the old text's
    # characters all stand in order (spacing may differ where a mark meets a link).
    assert words_without(result.html, "del") == parsed(new).text_content().split()
    old_chars = "".join(parsed(old).text_content().split())
    assert "".join(words_without(result.html, "ins")) == old_chars


def words_without(html: str, tag: str) -> list[str]:
    root = parsed(html)
    for element in [*root.iter(tag), *root.find_class("visually-hidden")]:
        element.drop_tree()
    return root.text_content().split()


# Finding one's way through a redline (issue 11) ------------------------------------------


WORDS = Words(
    step=lambda n, total: f"Change {n} of {total}",
    previous="Previous change",
    next="Next change",
    folded=lambda title, count: f"Unchanged: {title} ({count} paragraph{'s' * (count != 1)})",
    opening="Opening text",
)


def test_each_change_is_numbered_and_linked_to_its_neighbours() -> None:
    redline = render_redline(
        "<p>Intro.</p><h2 id='a'>A</h2><p>One year.</p><h2 id='b'>B</h2><p>Kept.</p>"
        "<p>Also kept.</p><h2 id='c'>C</h2><ul><li>Sold.</li></ul>",
        "<p>Intro.</p><h2 id='a'>A</h2><p>Two years.</p><h2 id='b'>B</h2><p>Kept.</p>"
        "<p>Also kept.</p><h2 id='c'>C</h2><ul><li>Never sold.</li></ul>",
    )
    result = navigable(redline.html, WORDS)
    assert [(c.id, c.section, c.section_id) for c in result.changes] == [
        ("change-1", "A", "a"),
        ("change-2", "C", "c"),
    ]
    page = lxml.html.fragment_fromstring(result.html, create_parent="div")
    steps = page.xpath('//p[@class="redline-step"]')
    assert [s.get("id") for s in steps] == ["change-1", "change-2"]
    assert [a.get("href") for a in steps[0].xpath(".//a")] == ["#change-2"]
    assert [a.get("href") for a in steps[1].xpath(".//a")] == ["#change-1"]
    assert steps[0].text_content() == "Change 1 of 2 · Next change"
    assert steps[0].getnext().xpath(".//del | .//ins")  # just before the change itself
    summaries = [d.text_content() for d in page.xpath("//details/summary")]
    assert summaries == ["Unchanged: Opening text (1 paragraph)", "Unchanged: B (2 paragraphs)"]
    assert result.folded == 2
    # Nothing of the text is lost: it reads as before, step lines and summaries aside.
    for extra in page.xpath('//p[@class="redline-step"] | //summary'):
        extra.drop_tree()
    before = lxml.html.fragment_fromstring(redline.html, create_parent="div")
    assert " ".join(page.text_content().split()) == " ".join(before.text_content().split())


def test_a_redline_without_changes_has_no_steps_and_folds_everything() -> None:
    redline = render_redline("<h2>A</h2><p>Same.</p>", "<h2>A</h2><p>Same.</p>")
    result = navigable(redline.html, WORDS)
    assert result.changes == [] and result.folded == 1
    assert "redline-step" not in result.html and "<details" in result.html


def test_a_heading_alone_is_not_folded_and_a_folded_title_keeps_its_own_direction() -> None:
    """Arabic read "لم يتغيّر: Media Release Notice (0 فقرة)" for a section that was only a
    heading, and the English title took the sentence's brackets with it."""
    words = Words(
        step=WORDS.step,
        previous=WORDS.previous,
        next=WORDS.next,
        folded=lambda title, count: Markup("لم يتغيّر: <bdi>%s</bdi> (%d)") % (title, count),
        opening="النص الافتتاحي",
    )
    text = "<h2 id='n'>Media Release Notice</h2><h3 id='a'>A</h3><p>Same.</p><p>Same too.</p>"
    redline = render_redline(text, text)
    result = navigable(redline.html, words)
    page = lxml.html.fragment_fromstring(result.html, create_parent="div")
    summaries = page.xpath("//details/summary")
    assert [s.text_content() for s in summaries] == ["لم يتغيّر: A (2)"]
    assert summaries[0].xpath("bdi")[0].text == "A"
    assert page.xpath("/div/h2[@id='n']")  # the heading alone stays, unfolded
    assert result.folded == 1


def test_redlines_are_kept_on_disk_and_recomputed_only_for_new_inputs(tmp_path: Path) -> None:
    """A daily rebuild of an unchanged site computes no redline; a new text, a changed
    link prefix or an unreadable cache file is computed again, with the same result."""
    labels = Labels(inserted="INS:", deleted="DEL:")
    first = Redlines(tmp_path)
    made = first.compare(("p", "v", "en"), OLD, NEW, labels, "")
    assert (first.computed, first.from_disk) == (1, 0)
    assert len(list(tmp_path.glob("*.json"))) == 1

    again = Redlines(tmp_path)  # the next build: a new process
    assert again.compare(("p", "v", "en"), OLD, NEW, labels, "") == made
    assert (again.computed, again.from_disk) == (0, 1)
    other = again.compare(("p", "v", "en"), OLD, NEW + "<p>More.</p>", labels, "")
    assert again.computed == 1 and other != made
    again.compare(("p", "v", "es"), OLD, NEW, labels, "../")
    assert again.computed == 2

    for cached in tmp_path.glob("*.json"):
        cached.write_text("{not json", encoding="utf-8")
    broken = Redlines(tmp_path)
    assert broken.compare(("p", "v", "en"), OLD, NEW, labels, "") == made
    assert (broken.computed, broken.from_disk) == (1, 0)
    assert Redlines(tmp_path).compare(("p", "v", "en"), OLD, NEW, labels, "") == made
