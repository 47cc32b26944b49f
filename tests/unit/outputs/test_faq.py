"""FAQ questions and answers from rendered HTML, and their schema.org form."""

from __future__ import annotations

from privacy_site.outputs.faq import Entry, faq_entries, faq_jsonld

HTML = """
<p>Intro, not a question.</p>
<h2 id="who-owns">Who owns student data?<a class="headerlink" href="#who-owns">¶</a></h2>
<p>The student and guardians own   student level data.</p>
<h2 id="what">What constitutes student data?</h2>
<dl><dt>Student Records</dt><dd>any non aggregated information</dd></dl>
<p>Second paragraph.</p>
"""


def test_each_h2_is_a_question_and_what_follows_is_its_answer() -> None:
    assert faq_entries(HTML) == [
        Entry(
            "who-owns",
            "Who owns student data?",
            "The student and guardians own student level data.",
        ),
        Entry(
            "what",
            "What constitutes student data?",
            "Student Records any non aggregated information Second paragraph.",
        ),
    ]


def test_jsonld_is_a_faqpage_with_one_question_per_entry() -> None:
    data = faq_jsonld(faq_entries(HTML))
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [
        "Who owns student data?",
        "What constitutes student data?",
    ]
    assert data["mainEntity"][0]["acceptedAnswer"] == {
        "@type": "Answer",
        "text": "The student and guardians own student level data.",
    }


def test_no_headings_no_entries() -> None:
    assert faq_entries("<p>Only text.</p>") == []
    assert faq_entries("") == []
