"""The HTML the hooks add to pages comes from the macros of overrides/partials/fragments.html,
rendered with autoescape: a hostile value (a title, a name, a translation holding markup)
reaches the page as text, never as markup."""

from __future__ import annotations

from datetime import date

import jinja2
from factories import language
from privacy_site.adapter.site_context import macros
from privacy_site.languages.translation_status import PageStatus, status_table
from sitebuild import ROOT

THEME = [str(ROOT / "overrides")]
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


def link(lang: str, url: str) -> str:
    return url or "./"


def test_the_translation_status_escapes_titles_names_and_translated_words() -> None:
    spanish = language("es", {"Page": HOSTILE, "Status": "Estado"}, name=HOSTILE)
    rows = [
        PageStatus("index.md", {"en": "Home", "es": HOSTILE}, {"en": "original", "es": "machine"}),
        PageStatus(
            "policies/x/2018-05-15.md",
            {"en": HOSTILE},
            {"en": "original", "es": "missing"},
        ),
    ]
    html = str(
        macros(THEME, spanish).translation_status(
            status_table(rows, spanish, "en", ["en", "es"], {"es": HOSTILE}, link)
        )
    )
    assert HOSTILE not in html
    assert html.count(ESCAPED) == 4  # the heading's name, "Page", both titles
    assert '<span  lang="en">' + ESCAPED + "</span>" in html  # the English title, marked
    assert str(date(2018, 5, 15).year) in html


def test_the_english_translation_status_names_each_language_in_its_own_script() -> None:
    english = language("en")
    rows = [PageStatus("index.md", {"en": "Home"}, {"en": "original", "ar": "reviewed"})]
    html = str(
        macros(THEME, english).translation_status(
            status_table(rows, english, "en", ["en", "ar"], {"ar": HOSTILE}, link)
        )
    )
    assert f'<th scope="col" lang="ar" dir="rtl">{ESCAPED}</th>' in html
    assert HOSTILE not in html


def test_the_language_notices_escape_the_language_name_links_and_translated_words() -> None:
    from privacy_site.adapter.language_notices import Notices

    spanish = language("es", {"Read the English page": HOSTILE}, name=HOSTILE)
    notices = Notices(
        english=True, machine=False, stale=False, english_url=HOSTILE, disclaimer_url="./"
    )
    html = str(macros(THEME, spanish).language_notices(notices))
    assert HOSTILE not in html
    assert html.count(ESCAPED) == 3  # the name (inside <bdi>), the link and its words
    assert f'<a href="{ESCAPED}">{ESCAPED}</a>' in html


def test_the_preview_banner_escapes_each_problem_and_counts_them() -> None:
    from privacy_site.model.problems import Problem

    fragments = macros(THEME, language("es"))
    one = str(fragments.build_problems([Problem("docs/en/x.md", 3, message=HOSTILE)]))
    assert one == (
        '<div class="build-problems" role="alert" lang="en" dir="ltr"><p><strong>Preview '
        "only: the site cannot be published until this problem is fixed. Each names its file "
        "and line; the page updates when you save.</strong></p><ul><li><code>docs/en/x.md:3: "
        f"{ESCAPED}</code></li></ul></div>"
    )
    two = str(fragments.build_problems([Problem("a.md"), Problem("b.md", message="it's")]))
    assert "until these 2 problems are fixed" in two
    assert "<li><code>a.md: </code></li><li><code>b.md: it&#39;s</code></li>" in two


def test_a_page_title_is_escaped() -> None:
    html = str(macros(THEME, language("en")).page_title("page-title", HOSTILE))
    assert html == f'<h1 id="page-title">{ESCAPED}</h1>'


def test_a_machine_translation_out_of_date_has_both_notices_one_per_line() -> None:
    """As the notices were written before they came from the template (neither the real site
    nor the synthetic district has a stale translation to compare)."""
    from privacy_site.adapter.language_notices import Notices

    notices = Notices(
        english=False, machine=True, stale=True, english_url="e/", disclaimer_url="d/"
    )
    assert str(macros(THEME, language("es")).language_notices(notices)) == (
        '<p class="language-notice language-notice--short" role="note">Machine translation: the '
        'English original governs. <a href="e/">Read the English original</a> · <a href="d/">'
        "About translations</a></p>\n"
        '<div class="admonition warning language-notice" role="note"><p>The English original of '
        "this page has changed since this translation was made, so the translation may be out "
        'of date.</p><p><a href="e/">Read the English original</a></p></div>'
    )


def test_the_vendors_search_sections_escape_ids_names_and_words() -> None:
    from privacy_site.adapter.search import VendorSection

    sections = [
        VendorSection(HOSTILE, HOSTILE, ("Provider", "", HOSTILE)),
        VendorSection("b", "B", ()),
    ]
    html = str(macros(THEME, language("en")).vendor_sections(sections))
    assert html == (
        f'<h3 id="{ESCAPED}">{ESCAPED}</h3><p>Provider. {ESCAPED}</p>\n<h3 id="b">B</h3><p></p>'
    )


def test_the_redline_list_escapes_section_titles_even_where_the_theme_imports_it() -> None:
    """redline.html imports the macro into the theme's environment, which does not
    autoescape: the macro turns autoescape on itself."""
    from privacy_site.outputs.redline_nav import Change

    english = language("en")
    changes = [Change(HOSTILE, HOSTILE, None), Change("change-2", "Retention", "retention")]
    expected = (
        f'<ol class="redline-changes"><li><a href="#{ESCAPED}">Change 1: <bdi>'
        f'{ESCAPED}</bdi></a></li><li><a href="#change-2">Change 2: <bdi>Retention</bdi></a></li>'
        "</ol>"
    )
    assert str(macros(THEME, english).redline_changes(changes)) == expected
    theme = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME))  # as MkDocs makes it
    theme.globals["say"] = english.say
    imported = theme.from_string(
        '{% import "partials/fragments.html" as f %}{{ f.redline_changes(changes) }}'
    )
    assert imported.render(changes=changes) == expected
    assert str(macros(THEME, english).redline_changes([])) == ""


def test_a_scrolling_table_escapes_its_translated_hint_and_keeps_the_pages_html() -> None:
    from privacy_site.html import tables

    hint = "The table scrolls sideways: swipe or use the arrow keys to see every column."
    fragments = macros(THEME, language("es", {hint: HOSTILE}))
    page = '<h2 id="a&amp;b">A</h2><table><tr><td>&lt;x&gt;</td></tr></table>'
    assert tables.wrap_tables(page, fragments.scroll_table) == (
        f'<h2 id="a&amp;b">A</h2><p class="table-scroll__hint" id="table-hint-1">{ESCAPED}</p>'
        '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="a&amp;b '
        'table-hint-1"><table><tr><td>&lt;x&gt;</td></tr></table></div>'
    )


def test_a_label_button_escapes_its_name_and_keeps_the_icon() -> None:
    from markupsafe import Markup
    from privacy_site.adapter.keyboard import LabelButton

    button = LabelButton("__nav_2", HOSTILE, Markup('<span class="md-icon"></span>'))
    assert str(macros(THEME, language("en")).label_button(button)) == (
        '<span class="label-button" role="button" tabindex="0" aria-expanded="false" '
        'data-controls="__nav_2"><span class="md-icon"></span><span class="visually-hidden">'
        f"{ESCAPED}</span></span>"
    )


def pdf_macros(lang):
    """overrides/partials/privacy-macros.html, with the site's words in ``lang``."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.globals.update(_=lang.gettext, say=lang.say, fill=lang.fill, language=lang)
    return environment.get_template("partials/privacy-macros.html").module


def test_a_withheld_pdf_is_said_and_the_english_one_offered() -> None:
    """A language whose PDF was withheld (its text did not read back) says so on the
    version's page and links the English PDF, marked; the history table links the English."""
    from privacy_site.outputs.policy_pdfs import PdfLink

    arabic = language("ar", name="العربية")
    own = PdfLink(
        "x",
        "2018-05-15",
        "ar",
        "ar/policies/x/2018-05-15/x-2018-05-15-ar.pdf",
        0,
        None,
        "reads 'y'",
    )
    english = PdfLink(
        "x", "2018-05-15", "en", "policies/x/2018-05-15/x-2018-05-15-en.pdf", 86016, "ab"
    )
    row = type("Row", (), {"policy": "x", "slug": "2018-05-15", "effective": date(2018, 5, 15)})
    pdfs = {"x/2018-05-15": {"own": own, "english": english}}
    page = str(pdf_macros(arabic).pdf_link(pdfs, row, ".."))
    assert "There is no PDF of this version in" in page and "العربية" in page
    assert 'href="../policies/x/2018-05-15/x-2018-05-15-en.pdf"' in page
    assert 'hreflang="en"' in page and "PDF, 84 KB" in page and "(in English)" in page
    assert "-ar.pdf" not in page
    table = str(pdf_macros(arabic).pdf_link(pdfs, row, "..", in_table=True))
    assert "There is no PDF" not in table and "x-2018-05-15-en.pdf" in table
    published = {"x/2018-05-15": {"own": english, "english": english}}
    english_page = str(pdf_macros(language("en")).pdf_link(published, row, ".."))
    assert "There is no PDF" not in english_page and "hreflang" not in english_page
