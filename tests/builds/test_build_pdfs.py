"""Every published policy version as a tagged PDF, in each language it is published in:
built once for the module from the tests' own PDF fixture (tests/fixtures/pdf: a policy of
two versions in English, Arabic and Bengali, shown in English in Spanish), then read back
as a reader gets it (pdftotext, and pypdf through the structure tree) and compared with
the version's page, word for word; its structure, languages, table header scopes, links,
title and PDF/UA identification; its links on the pages and its entry in the API."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html
from privacy_site.outputs.pdfs import tagged_text
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from sitebuild import TESTS, Build, build_site, config_with, fixture_docs

FIXTURE = TESTS / "fixtures" / "pdf"
LANGUAGES = ["en", "es", "ar", "bn"]
OWN = ["en", "ar", "bn"]  # the languages with their own text of the policy
WHEN = date(2026, 11, 22)
SITE_URL = "https://example.org/privacy/"
POLICY = "sample-policy"
VERSIONS = ["2020-01-01", "2026-11-01"]
MARKERS = {"•", "◦", "▪"}  # list bullets: the list's labels, not its text


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    workdir = tmp_path_factory.mktemp("pdfs")
    build = build_site(
        workdir,
        docs=fixture_docs(workdir, FIXTURE),
        when=WHEN,
        languages=LANGUAGES,
        config=config_with({"site_url": SITE_URL}),
        pdfs=True,
    )
    assert build.returncode == 0, build.output
    return build


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def pdf_file(site: Path, lang: str, slug: str) -> Path:
    return site / f"{prefix(lang)}policies/{POLICY}/{slug}/{POLICY}-{slug}-{lang}.pdf"


def page(site: Path, lang: str, slug: str):
    return lxml_html.fromstring(
        (site / f"{prefix(lang)}policies/{POLICY}/{slug}/index.html").read_bytes()
    )


def words(element) -> list[str]:
    """An element's words as a reader gets them: permalinks and screen-reader-only words
    (which the PDF leaves out) dropped."""
    for hidden in element.xpath(
        './/*[contains(concat(" ", @class, " "), " headerlink ")'
        ' or contains(concat(" ", @class, " "), " visually-hidden ")'
        ' or contains(concat(" ", @class, " "), " table-scroll__hint ")]'
    ):
        hidden.drop_tree()
    return element.text_content().split()


def page_words(site: Path, lang: str, slug: str) -> dict[str, list[str]]:
    """The version page's title, "In short" points and text."""
    document = page(site, lang, slug)
    return {
        "title": words(document.xpath("//h1")[0]),
        "in_short": [
            w for li in document.xpath('//aside[@class="in-short"]//li') for w in words(li)
        ],
        "text": words(document.xpath('//div[contains(@class, "policy-text")]')[0]),
    }


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def letters(text: str) -> str:
    """Letters and digits only: no spaces, punctuation, bidi marks or combining marks."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


# Files and links -----------------------------------------------------------------------


def test_a_pdf_of_every_version_in_every_language_with_its_own_text(built: Build) -> None:
    """English, Arabic and Bengali have their own; Spanish shows the English (no copy)."""
    for slug in VERSIONS:
        for lang in OWN:
            assert pdf_file(built.site, lang, slug).read_bytes().startswith(b"%PDF-1.7")
        assert not list((built.site / "es").rglob("*.pdf"))
    assert "6 PDFs" in built.output  # the build says how many it made or found


def test_every_version_page_and_history_links_its_pdf_with_its_size(built: Build) -> None:
    for lang in LANGUAGES:
        shown = lang if lang in OWN else "en"
        for slug in VERSIONS:
            target = pdf_file(built.site, shown, slug)
            kb = -(-target.stat().st_size // 1024)
            href = f"{SITE_URL}{prefix(shown)}policies/{POLICY}/{slug}/{target.name}"
            links = page(built.site, lang, slug).xpath('//p[@class="policy-pdf"]/a')
            here = f"{SITE_URL}{prefix(lang)}policies/{POLICY}/{slug}/"
            assert [urljoin(here, a.get("href")) for a in links] == [href], (lang, slug)
            assert links[0].get("type") == "application/pdf"
            assert f"{kb}" in links[0].text_content()
            assert (links[0].get("hreflang") == "en") == (lang not in OWN)
        main = lxml_html.fromstring(
            (built.site / f"{prefix(lang)}policies/{POLICY}/index.html").read_bytes()
        )
        here = f"{SITE_URL}{prefix(lang)}policies/{POLICY}/"
        history = main.xpath('//section[@class="policy-history"]//a[@class="policy-pdf"]/@href')
        assert sorted(urljoin(here, h) for h in history) == sorted(
            f"{SITE_URL}{prefix(shown)}policies/{POLICY}/{slug}/"
            f"{pdf_file(built.site, shown, slug).name}"
            for slug in VERSIONS
        ), lang


def test_the_api_lists_each_pdf_with_its_sha256(built: Build) -> None:
    for lang in LANGUAGES:
        shown = lang if lang in OWN else "en"
        document = json.loads((built.site / f"{prefix(lang)}api/policies.json").read_text("utf-8"))
        (policy,) = document["policies"]
        for version in policy["versions"]:
            target = pdf_file(built.site, shown, version["effective"])
            assert version["pdf"] == {
                "url": f"{SITE_URL}{prefix(shown)}policies/{POLICY}/{version['effective']}/"
                f"{target.name}",
                "lang": shown,
                "bytes": target.stat().st_size,
                "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
            }


# What a reader gets -------------------------------------------------------------------


@pytest.mark.parametrize("lang", OWN)
def test_the_text_read_through_the_structure_tree_is_the_pages_word_for_word(
    built: Build, lang: str
) -> None:
    """pypdf, reading each tagged run's actual text or glyphs in the structure tree's order
    (as a screen reader does): the page's title, "In short" points and text, word for
    word; Bengali keeps its pre-base vowel signs (সন্তানের, not সন্তানর)."""
    for slug in VERSIONS:
        read = tagged_text(pdf_file(built.site, lang, slug).read_bytes()).split()
        wanted = page_words(built.site, lang, slug)
        for part in ("title", "in_short", "text"):
            assert contains_run(read, wanted[part]), (lang, slug, part, read, wanted[part])
    if lang == "bn":
        assert "সন্তানের" in read and "কৈশোর" in read


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_pdftotext_reads_the_pages_text_word_for_word(built: Build, lang: str) -> None:
    """poppler's pdftotext, which reads the content (not the tree) and honours actual text."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run make tools")
    for slug in VERSIONS:
        read = [w for w in pdftotext(pdf_file(built.site, lang, slug)).split() if w not in MARKERS]
        wanted = page_words(built.site, lang, slug)
        for part in ("title", "in_short", "text"):
            assert contains_run(read, wanted[part]), (lang, slug, part, read, wanted[part])


def test_pdftotext_keeps_every_arabic_letter(built: Build) -> None:
    """poppler lays right-to-left actual text out in visual order (its own reordering), so
    its Arabic lines come out reversed, and it drops some vowel marks (harakat) there; no
    letter is lost or changed: every letter of the page's text is in what it reads
    (lam-alef as two letters)."""
    for slug in VERSIONS:
        read = Counter(letters(pdftotext(pdf_file(built.site, "ar", slug))))
        wanted = Counter(letters(" ".join(page_words(built.site, "ar", slug)["text"])))
        missing = wanted - read
        assert not missing, missing


# Structure ----------------------------------------------------------------------------


def elements(reader: PdfReader):
    """Every structure element of the tree, in order."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop(0)
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                yield kid
                stack.append(kid)


@pytest.mark.parametrize("lang", OWN)
def test_structure_language_title_scopes_links_and_pdf_ua(built: Build, lang: str) -> None:
    path = pdf_file(built.site, lang, VERSIONS[-1])
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    title = " ".join(page_words(built.site, lang, VERSIONS[-1])["title"])
    assert str(root["/Lang"]) == lang
    assert reader.metadata.title == title
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"
    assert str(root["/MarkInfo"]["/Marked"]).lower() == "true"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp
    found = list(elements(reader))
    kinds = Counter(str(e["/S"]) for e in found)
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 3  # "In short", two sections
    assert kinds["/L"] >= 2 and kinds["/LI"] >= 4 and kinds["/Table"] == 1
    headers = [e for e in found if e["/S"] == "/TH"]
    assert len(headers) == 2 and all(str(h["/A"]["/Scope"]) == "/Column" for h in headers)
    cells = [e for e in found if e["/S"] == "/TD"]
    assert cells and all(len(c["/A"]["/Headers"]) == 1 for c in cells)
    links = [e for e in found if e["/S"] == "/Link"]
    uris = set()
    for link in links:
        for kid in link["/K"]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR":
                uris.add(str(kid["/Obj"]["/A"]["/URI"]))
    assert "https://example.org/host" in uris
    english = [e for e in found if str(e.get("/Lang", "")) == "en"]
    if lang == "en":
        assert not english  # the document's own language is said once, at its root
    else:
        # Bengali shows the English "In short" (no translation of it) and names the law
        # in English; Arabic names the law in English.
        assert english, lang
        inside = " ".join("".join(tagged_text_of(reader, english)).split())
        assert "Family Educational Rights and Privacy Act" in inside
        if lang == "bn":
            assert "The district keeps messages for two years." in inside


def tagged_text_of(reader: PdfReader, elements_: list) -> list[str]:
    """The text under some structure elements, by their marked content's actual text."""
    from privacy_site.outputs.pdfs import _marked_runs

    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}
    runs = [_marked_runs(p) for p in reader.pages]
    out: list[str] = []

    def walk(node, page_number):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):
            out.append(runs[page_number].get(int(node), ""))
        elif isinstance(node, ArrayObject):
            for kid in node:
                walk(kid, page_number)
        elif isinstance(node, DictionaryObject) and "/K" in node and node.get("/S") != "/Lbl":
            if "/Pg" in node:
                page_number = pages[node.raw_get("/Pg").idnum]
            walk(node["/K"], page_number)

    for element in elements_:
        walk(element, None)
    return out


def test_fonts_are_embedded(built: Build) -> None:
    for lang in OWN:
        reader = PdfReader(pdf_file(built.site, lang, VERSIONS[0]))
        for pdf_page in reader.pages:
            for font in pdf_page["/Resources"]["/Font"].values():
                descendant = font.get_object()["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in descendant["/FontDescriptor"], font


def test_a_pdf_says_its_state_as_of_the_day_that_state_began(built: Build) -> None:
    """Not the build's day (2026-11-22), which would make every PDF anew each day: the
    version in effect since 2026-11-01 and the one it replaced that day both say so."""
    for slug in VERSIONS:
        text = " ".join(tagged_text(pdf_file(built.site, "en", slug).read_bytes()).split())
        assert "Status as of November 1, 2026. Online: " in text, text
        assert "November 22, 2026" not in text
