"""Every sentence of the district's source documents appears, word for word, on its page.

The four documents in the seeds folder are plain-text extractions of the real policies and
FAQ. Their Markdown conversions give them structure (headings, lists, definition lists,
footnotes) but must not lose or change a word. This test splits each source into sentences
and looks for each one in the text of the built page's ``<article>``.

A sentence that was changed or left out on purpose is listed in ``DELIBERATE_CHANGES`` with
the reason; the test checks that each listed sentence really is absent from the page, so the
list cannot go stale.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from privacy_site.reading import frontmatter
from privacy_site.reading.mkdocs_yml import read_config

ROOT = Path(__file__).resolve().parents[2]


# Verbatim copies of the source documents (../shared/seeds), kept with the tests so that
# the fidelity check runs on any clone.
SEEDS = ROOT / "tests" / "seeds"

# seed file -> the built page (relative to the site root) that must carry its text. A
# policy version's file never changes once posted, so its page is checked as built.
PAGES = {
    "000_d9adbe267ebbdcbd.txt": "policies/website-privacy/2018-05-15/index.html",
    "002_7abd64ee25186f69.txt": "policies/technology-use/2018-05-15/index.html",
    "003_7fe8e3d6acfbfecb.txt": "policies/information-security-plan/2022-11-21/index.html",
}
# Only the district's own documents: a seed it no longer keeps, or a policy version it no
# longer has (posted versions are held by posted.lock, which the build checks), is not
# looked for, so another district's content passes as it is.
PAGES = {
    seed: page
    for seed, page in PAGES.items()
    if (SEEDS / seed).is_file()
    and (ROOT / "docs" / "en" / (page.removesuffix("/index.html") + ".md")).is_file()
}
# seed file -> the Markdown it was first converted into, kept with the tests. The FAQ is
# not versioned: staff edit it in place (a new question, a changed answer), so the
# conversion is checked as it was made, and the live FAQ for its shape (test_build_real).
CONVERSIONS = {
    "004_618a1edd07647ab5.txt": SEEDS / "converted" / "student-data-privacy.md",
}
CONVERSIONS = {seed: path for seed, path in CONVERSIONS.items() if path.is_file()}

# Source sentences, as split_sentences returns them, that the Markdown deliberately changes
# or leaves out, with the reason. They are not looked for; instead the test checks that each
# one is a sentence of the source and is absent from the page. Keys are compared after
# normalise(), so curly or straight quotes do not matter.
DELIBERATE_CHANGES: dict[str, dict[str, str]] = {
    "000_d9adbe267ebbdcbd.txt": {
        # The address was destroyed by the source website's e-mail protection. We do not
        # guess it: the page says "please contact the Web Administrator." and a note
        # points to the Contact page.
        "For questions about privacy while using either the Cambridge School Committee "
        "and/or Cambridge Public Schools' websites, please contact the Web Administrator at "
        "[email protected].": "e-mail address lost in extraction; sentence ends before it",
    },
    "002_7abd64ee25186f69.txt": {
        # The all-caps document title is the page title ("Technology Use", front matter),
        # which the template prints as the page's heading.
        "TECHNOLOGY USE": "the title line is the page title, in title case",
    },
    "003_7fe8e3d6acfbfecb.txt": {
        # The document's title line is the page title (front matter), printed by the
        # template; the district's name is the site's own name.
        "Cambridge Public Schools Comprehensive Written Information Security Plan": (
            "the title line is the page title, without the district's name"
        ),
    },
    "004_618a1edd07647ab5.txt": {
        # Every h2 on the FAQ page is a question (the site derives FAQ structured data
        # from them), so this list caption is not a heading; as a loose line it would
        # read as a stray word, so it is left out.
        "Frequently Asked Questions": "list caption; every heading on the page is a question",
        # The ">>" arrow was a link whose address the extraction lost; the words stay,
        # without a link (no URL is invented) and without the arrow.
        "Read more FAQS about the Media Release >>": "arrow of an unknown link dropped",
        # The footer of the web page the FAQ was copied from, not part of the FAQ.
        "Website by SchoolMessenger Presence.": "footer of the source web page",
        "\u00a9 2025 SchoolMessenger Corporation.": "footer of the source web page",
        "All rights reserved.": "footer of the source web page",
    },
}

# Extraction damage repaired in the Markdown, character by character: (damaged text in the
# source, as repaired, reason). The repair is applied to the source before it is split, so
# the repaired sentence is still checked word for word; the test also checks that each
# damaged text is in the source and not on the page.
EXTRACTION_FIXES: dict[str, list[tuple[str, str, str]]] = {
    "000_d9adbe267ebbdcbd.txt": [
        # A lone quote mark at the end of a paragraph, with no opening quote anywhere.
        ("having been received. '\n", "having been received.\n", "stray quote mark"),
    ],
    "004_618a1edd07647ab5.txt": [
        # The wording, typos included ("This legal contracts", "bot during"), is kept.
        ("data sharing,as well", "data sharing, as well", "missing space after a comma"),
    ],
}


# --- normalising ------------------------------------------------------------------------

# footnote markers in the source: "research projects¹"
SUPERSCRIPT_MARKERS = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]+")
QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u21a9": " ",  # the footnote back-reference arrow
    }
)
TRAILING = " .,;:!?\"'"


def normalise(text: str) -> str:
    """NFKC, straight quotes, no footnote back-reference arrow, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def comparable(sentence: str) -> str:
    """A sentence as it is looked for in the page: normalised, trailing punctuation off."""
    return normalise(sentence).rstrip(TRAILING)


# --- splitting the source ---------------------------------------------------------------

SHORT_LINE = 60  # wrapped lines of running text are longer; headings and captions shorter
BULLET = re.compile(r"^[-\u2022*]\s+")
ENDS_SENTENCE = re.compile(r"[.?!:;,][\"')\]]*$")
# A period after one of these ends an abbreviation, a list letter or a section number, not
# a sentence: "a.", "M.G.L.", "C.M.R.", "M.G.L.c.", "etc.", "I.", "VII."
ABBREVIATION = re.compile(r"(?:^|\s)\(?(?:(?:[A-Za-z]\.)+|[IVXLCDM]+\.|etc\.)\)?$")
SENTENCE_END = re.compile(r"[.?!][\"')\]]*\s+")


def _heading_like(line: str) -> bool:
    """A line that ends a unit of text even without a full stop: a heading or a caption."""
    return line.endswith(":") or (len(line) <= SHORT_LINE and not ENDS_SENTENCE.search(line))


def source_units(text: str) -> list[str]:
    """The source as runs of text that never cross a heading, list item or paragraph.

    Lines are joined with a space, or without one after a line-end hyphen ("CPS-" /
    "owned"). A new unit starts at a blank line, at a bulleted line, and after a
    heading-like line (short with no closing punctuation, or ending with ":"). A blank line
    does not end a unit when the text before it stops mid-sentence and the text after it
    starts in lower case: that is a paragraph broken by a page break ("in an" / "unsecure").
    """
    units: list[str] = []
    current = ""
    boundary = True  # the next line starts a new unit unless it continues mid-sentence
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            boundary = True
            continue
        bullet = BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
        continues = bool(current) and not ENDS_SENTENCE.search(current) and line[0].islower()
        if bullet or (boundary and not continues):
            if current:
                units.append(current)
            current = line
        elif re.search(r"\w-$", current) and line[0].islower():
            current += line
        else:
            current += " " + line
        boundary = _heading_like(line)
    if current:
        units.append(current)
    return units


def split_sentences(text: str) -> list[str]:
    """The sentences of a source document, normalised, with their closing punctuation."""
    text = normalise_lines(SUPERSCRIPT_MARKERS.sub("", text))
    sentences: list[str] = []
    for unit in source_units(text):
        unit = normalise(unit)
        start = 0
        for match in SENTENCE_END.finditer(unit):
            if ABBREVIATION.search(unit[start : match.start() + 1]):
                continue
            sentences.append(unit[start : match.end()].strip())
            start = match.end()
        sentences.append(unit[start:].strip())
    return [sentence for sentence in sentences if re.search(r"\w", sentence)]


def normalise_lines(text: str) -> str:
    """normalise() line by line, keeping the line breaks that split_sentences relies on."""
    return "\n".join(normalise(line) for line in text.splitlines())


# --- the page ---------------------------------------------------------------------------

BLOCKS = [
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
]  # fmt: skip


def page_text(html: str) -> str:
    """The normalised text of the page's <article>, without permalinks and footnote marks."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.find("article")
    assert article is not None, "the page has no <article> element"
    for element in article.select(".headerlink, .footnote-backref, script, style, template"):
        element.decompose()
    for ref in article.select(".footnote-ref"):  # the "1" of a footnote reference
        (ref.parent if ref.parent.name == "sup" else ref).decompose()
    for block in article.find_all(BLOCKS):  # keep words of adjacent blocks apart
        block.insert_before(" ")
        block.insert_after(" ")
    return normalise(article.get_text())


# --- the tests --------------------------------------------------------------------------


def repaired_source(seed: str) -> str:
    """The source document with EXTRACTION_FIXES applied; each damaged text must be in it."""
    source = (SEEDS / seed).read_text(encoding="utf-8")
    for damaged, repaired, reason in EXTRACTION_FIXES.get(seed, []):
        assert source.count(damaged) == 1, f"{seed}: fix {reason!r}: {damaged!r} not in source"
        source = source.replace(damaged, repaired)
    return source


def missing_and_stale(seed: str, text: str) -> tuple[list[str], list[str], list[str]]:
    """(sentences missing from the page, listed changes found on it, listed but unknown)."""
    deliberate = {normalise(key) for key in DELIBERATE_CHANGES.get(seed, {})}
    sentences = split_sentences(repaired_source(seed))
    missing = [
        sentence
        for sentence in sentences
        if normalise(sentence) not in deliberate and comparable(sentence) not in text
    ]
    present = [key for key in deliberate if comparable(key) in text]
    present += [
        damaged for damaged, _, _ in EXTRACTION_FIXES.get(seed, []) if normalise(damaged) in text
    ]
    unknown = [key for key in deliberate if key not in {normalise(s) for s in sentences}]
    return missing, present, unknown


@pytest.mark.build
@pytest.mark.parametrize("seed", sorted(PAGES))
def test_every_source_sentence_is_on_its_page(real_site: Path, seed: str) -> None:
    page = real_site / PAGES[seed]
    assert page.is_file(), f"{seed}: page {PAGES[seed]} was not built"
    missing, present, unknown = missing_and_stale(seed, page_text(page.read_text("utf-8")))
    assert not missing, f"{seed}: sentences missing from {PAGES[seed]}:\n" + "\n".join(missing)
    assert not present, (
        f"{seed}: listed in DELIBERATE_CHANGES or EXTRACTION_FIXES but found on the page; "
        "remove them from the list:\n" + "\n".join(present)
    )
    assert not unknown, (
        f"{seed}: listed in DELIBERATE_CHANGES but not a sentence of the source; fix the "
        "list:\n" + "\n".join(unknown)
    )


def converted_html(path: Path) -> str:
    """A converted Markdown file rendered with the site's Markdown extensions, its title as
    the template writes it, inside <article> as on the site."""
    config = read_config(ROOT / "mkdocs.yml")
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = settings or {}
    parsed = frontmatter.parse(path.read_text(encoding="utf-8"))
    body = markdown.markdown(parsed.body, extensions=names, extension_configs=options)
    return f"<article><h1>{parsed.fields['title']}</h1>{body}</article>"


@pytest.mark.parametrize("seed", sorted(CONVERSIONS))
def test_every_source_sentence_is_in_its_conversion(seed: str) -> None:
    converted = CONVERSIONS[seed]
    missing, present, unknown = missing_and_stale(seed, page_text(converted_html(converted)))
    assert not missing, f"{seed}: sentences missing from {converted.name}:\n" + "\n".join(missing)
    assert not present, f"{seed}: listed changes found in {converted.name}:\n" + "\n".join(present)
    assert not unknown, f"{seed}: listed but not in the source:\n" + "\n".join(unknown)


def test_the_conversion_kept_for_a_seed_is_the_faq_as_first_published() -> None:
    """The kept copy is a real page of the site's format, with every question an id."""
    parsed = frontmatter.parse(CONVERSIONS["004_618a1edd07647ab5.txt"].read_text("utf-8"))
    assert parsed.fields.get("faq") is True
    questions = re.findall(r"^## .+\{#[a-z0-9-]+\}$", parsed.body, re.MULTILINE)
    assert len(questions) == 10  # the ten questions of the source page


def test_split_sentences() -> None:
    source = (
        "Why It Matters\n"
        "Intro text here. Website Privacy. At the M.G.L. c. 93I site, users\n"
        "read CPS-\n"
        "owned \u201claws\u201d\u00b9. Really? Yes!\n"
        "Definitions:\n"
        "Cookies are files.\n"
        "\n"
        "- a. first item;\n"
        "- b. second item broken by a page break in an\n"
        "\n"
        "unsecure manner. VII. External Risks\n"
        "\n"
        "Heading\n"
        "\n"
        "Stray quote. '\n"
    )
    assert split_sentences(source) == [
        "Why It Matters",
        "Intro text here.",
        "Website Privacy.",
        'At the M.G.L. c. 93I site, users read CPS-owned "laws".',
        "Really?",
        "Yes!",
        "Definitions:",
        "Cookies are files.",
        "a. first item;",
        "b. second item broken by a page break in an unsecure manner.",
        "VII. External Risks",
        "Heading",
        "Stray quote.",
    ]


def test_page_text_drops_permalinks_and_footnote_marks() -> None:
    html = (
        "<html><body><header>Site name</header><article><h1>Title</h1>"
        '<h2 id="x">Heading<a class="headerlink" href="#x">\u00b6</a></h2>'
        '<p>Some \u201cquoted\u201d projects<sup id="fnref:r"><a class="footnote-ref" '
        'href="#fn:r">1</a></sup> here.</p><ul><li>a. one;</li><li>b. two</li></ul>'
        '<div class="footnote"><ol><li><p>A note.&nbsp;<a class="footnote-backref" '
        'href="#fnref:r">\u21a9</a></p></li></ol></div></article></body></html>'
    )
    assert page_text(html) == 'Title Heading Some "quoted" projects here. a. one; b. two A note.'
