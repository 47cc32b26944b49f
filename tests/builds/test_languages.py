"""Every language the district serves, built from the real pages, the lifecycle policies and
small translations the tests own (tests/fixtures/languages): pages, selector, notices,
catalogues, dates, plurals, feeds, and the work done once however many languages."""

from __future__ import annotations

import gettext
import gzip
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.messages.pofile import read_po
from conftest import STALE, UNRECORDED, all_languages
from lxml import html as lxml_html
from privacy_site.languages.language import (
    TEMPLATE,
    catalogue_path,
    load_language,
    missing,
    read_catalogue,
    read_template,
)
from sitebuild import ROOT, Build, languages_config

LANGUAGES = all_languages()
NAMES = {item["locale"]: item["name"] for item in languages_config(LANGUAGES)}
OTHERS = LANGUAGES[1:]
RTL = {"ar"}
NOTICE = "language-notice"


def pages_of(site: Path, lang: str) -> set[str]:
    """Site paths of a language's HTML pages, without the language folder (the one 404 page
    is the server's, for every address)."""
    root = site if lang == LANGUAGES[0] else site / lang
    found = set()
    for path in root.rglob("*.html"):
        relative = path.relative_to(root).as_posix()
        if (lang == LANGUAGES[0] and relative.split("/", 1)[0] in OTHERS) or relative in ONE_ONLY:
            continue
        found.add(relative)
    return found


# Pages built once, in the source language: the 404 page, and the staff's messages (each
# message in every language on the one page; test_browser_staff).
ONE_ONLY = {"404.html", "staff/messages/index.html"}


def document(site: Path, path: str):
    return lxml_html.fromstring((site / path).read_bytes())


def notices(page) -> list:
    return page.xpath(f'//*[contains(concat(" ", @class, " "), " {NOTICE} ")]')


# Pages and the language selector ------------------------------------------------------


def test_the_one_404_page_is_in_the_source_language(real_site: Path) -> None:
    """The host sends /404.html for every missing address: it was the last language's
    (every language's build wrote it again, Korean last)."""
    page = document(real_site, "404.html")
    assert page.get("lang") == LANGUAGES[0]
    assert page.findtext(".//title").startswith("Page not found")
    assert not [lang for lang in OTHERS if (real_site / lang / "404.html").exists()]


def test_the_real_site_is_built_in_every_language(real_site: Path) -> None:
    """In every language of the district's own mkdocs.yml."""
    from sitebuild import district_languages

    english = pages_of(real_site, LANGUAGES[0])
    for lang in district_languages()[1:]:
        assert pages_of(real_site, lang) == english, lang


def test_every_page_of_every_language_exists_with_its_lang_and_direction(
    languages_build: Build,
) -> None:
    site = languages_build.site
    english = pages_of(site, "en")
    assert "policies/sample-policy/2026-11-01/changes/index.html" in english
    for lang in LANGUAGES:
        pages = pages_of(site, lang)
        assert pages == english, lang
        for path in sorted(pages):
            page = document(site, path if lang == "en" else f"{lang}/{path}")
            assert page.get("lang") == lang, (lang, path)
            [body] = page.xpath("//body")
            assert body.get("dir") == ("rtl" if lang in RTL else "ltr"), (lang, path)


def test_the_selector_leads_to_the_same_page_in_each_language_named_in_its_own_script(
    languages_build: Build,
) -> None:
    site = languages_build.site
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        for path in ("index.html", "contact/index.html", "policies/sample-policy/index.html"):
            url = f"https://x.test/{prefix}{path}"
            links = document(site, prefix + path).xpath(
                '//a[@hreflang][contains(@class, "md-select__link")]'
            )
            targets = {a.get("hreflang"): urljoin(url, a.get("href")) for a in links}
            assert set(targets) == set(LANGUAGES), (lang, path)
            for code, target in targets.items():
                other = "" if code == "en" else f"{code}/"
                expected = f"https://x.test/{other}{path}".removesuffix("index.html")
                assert target.removesuffix("index.html") == expected, (lang, path, code)
        labels = {a.get("hreflang"): a.text_content().strip() for a in links}
        assert labels["es"] == "Español" and labels["ar"] == "العربية", labels
        assert labels["zh"] == "中文" and labels["am"] == "አማርኛ", labels


# Fallback, translation and out-of-date notices -------------------------------------------


def test_an_untranslated_page_is_english_marked_as_such_with_a_notice_in_the_readers_language(
    languages_build: Build,
) -> None:
    site = languages_build.site
    for lang in OTHERS:
        language, _ = load_language(lang, NAMES[lang])
        page = document(site, f"{lang}/contact/index.html")
        [notice] = notices(page)
        english = (
            "This page has not been translated into %(language)s yet, so it is shown in "
            "English, the language of the original."
        )
        assert language.gettext(english) != english  # the catalogue translates it
        assert language.fill(english, language=language.name) in notice.text_content()
        [link] = notice.xpath(".//a")
        assert (
            urljoin(f"https://x.test/{lang}/contact/", link.get("href"))
            == "https://x.test/contact/"
        )
        [english] = page.xpath('//article//*[@lang="en"][.//h1]')
        assert "Contact" in english.text_content()
        assert english.get("dir") == ("ltr" if lang in RTL else None), lang


def test_a_translated_page_has_no_fallback_notice_and_a_machine_translation_says_so(
    languages_build: Build,
) -> None:
    site = languages_build.site
    spanish = document(site, "es/index.html")  # reviewed, current
    assert notices(spanish) == []
    assert not spanish.xpath('//article//*[@lang="en"][.//h1]')
    for lang in set(OTHERS) - {"es"}:
        page = document(site, f"{lang}/index.html")
        found = notices(page)
        language, _ = load_language(lang)
        machine = found[0].text_content()
        assert language.gettext("Read the English original") in machine, lang
        hrefs = [urljoin(f"https://x.test/{lang}/", a.get("href")) for a in found[0].xpath(".//a")]
        assert hrefs == ["https://x.test/", f"https://x.test/{lang}/translation-disclaimer/"]
        assert len(found) == (2 if lang == STALE else 1), lang


def test_a_translation_older_than_its_english_says_so_and_the_build_warns(
    languages_build: Build,
) -> None:
    page = document(languages_build.site, f"{STALE}/index.html")
    stale = notices(page)[1]
    assert "warning" in stale.get("class")
    assert re.search(
        rf"docs/{STALE}/index\.md:\d+: the English docs/en/index\.md has changed",
        languages_build.output,
    )
    assert re.search(
        rf"docs/{UNRECORDED}/index\.md:1: no record of the English file .* add the line "
        r"'source_sha256: [0-9a-f]{64}'",
        languages_build.output,
    )
    assert "docs/es/index.md" not in languages_build.output


def test_policy_translations_and_english_summaries_are_marked(languages_build: Build) -> None:
    site = languages_build.site
    spanish = document(site, "es/policies/sample-policy/index.html")
    assert notices(spanish) == []  # a reviewed translation of the version in effect
    assert spanish.xpath('//h1[@id="page-title"]')[0].text_content() == "Política de ejemplo"
    [summary] = spanish.xpath('//aside[contains(@class, "policy-notice")]//span[@lang="en"]')
    assert "three years" in summary.text_content()  # the announced version has no Spanish
    arabic = document(site, "ar/policies/sample-policy/index.html")
    assert len(notices(arabic)) == 1  # machine translation
    portuguese = document(site, "pt/policies/sample-policy/index.html")
    assert portuguese.xpath('//h1[@id="page-title"][@lang="en"]')
    assert portuguese.xpath('//div[@class="policy-text"][@lang="en"]')


def test_a_redline_is_in_the_language_only_when_both_versions_are_translated(
    languages_build: Build,
) -> None:
    """Spanish and Haitian Creole translate both versions: their own redline. Every other
    language (Arabic has only the newer version) shows the English redline, marked English,
    labelled in the reader's language, with the notice that the page is in English."""
    site = languages_build.site
    path = "policies/sample-policy/2026-11-01/changes/index.html"
    own = {"es": "dos años", "ht": "dezan"}
    for lang in OTHERS:
        page = document(site, f"{lang}/{path}")
        [redline] = page.xpath('//div[contains(concat(" ", @class, " "), " redline ")]')[-1:]
        language, _ = load_language(lang, NAMES[lang])
        assert language.gettext("Inserted:") in redline.text_content(), lang
        if lang in own:
            assert own[lang] in redline.text_content(), lang
            assert redline.get("lang") in (None, lang), lang
            assert not any("not been translated" in n.text_content() for n in notices(page))
            assert not [n for n in notices(page) if n.get("lang") == "en"], lang
        else:
            assert redline.get("lang") == "en", lang
            assert redline.get("dir") == ("ltr" if lang in RTL else None), lang
            assert "two years" in redline.text_content(), lang
            fallback = language.fill(
                "This page has not been translated into %(language)s yet, so it is shown "
                "in English, the language of the original.",
                language=language.name,
            )
            assert fallback in " ".join(notices(page)[0].text_content().split()), lang


def test_each_redline_is_computed_once_and_the_content_read_once(languages_build: Build) -> None:
    # Four version pairs and text languages: the two English pairs (2020 -> 2026-11-01 and
    # 2026-11-01 -> 2026-12-22), and 2020 -> 2026-11-01 in Spanish and in Haitian Creole,
    # for ten languages.
    assert re.search(
        rf"Built {len(LANGUAGES)} languages as of 2026-11-23: content read once, 4 redlines "
        "computed",
        languages_build.output,
    ), languages_build.output


# The site's own words --------------------------------------------------------------------


def test_every_catalogue_translates_every_phrase_with_the_same_slots() -> None:
    template = read_template()
    assert len([m for m in template if m.id]) >= 50
    for lang in OTHERS:
        catalogue = read_catalogue(lang)
        assert catalogue.problems == [], (lang, [str(p) for p in catalogue.problems])
        assert missing(catalogue.catalog, template) == [], lang
        for message in catalogue.catalog:
            if message.pluralizable and message.id:
                assert len(message.string) == catalogue.catalog.num_plurals, (lang, message.id)


# Each dated sentence in its forms: before the day, and on or after it (present perfect
# where the site says "has used ... since").
TENSES = [
    ("Takes effect on %(date)s.", "Took effect on %(date)s."),
    ("See what changes", "See what changed"),
    ("What changes:", "What changed:"),
    ("A correction takes effect on %(date)s.", "Corrected on %(date)s."),
    ("Stops on %(date)s.", "The district stopped using %(subject)s on %(date)s."),
    (
        "The district stops using %(subject)s on %(date)s.",
        "The district stopped using %(subject)s on %(date)s.",
    ),
    (
        "The district starts using %(subject)s on %(date)s.",
        "The district has used %(subject)s since %(date)s.",
    ),
    (
        "A new version of this policy takes effect on %(date)s.",
        "A new version of this policy took effect on %(date)s.",
    ),
    ("%(title)s: what will change on %(date)s", "%(title)s: what changed on %(date)s"),
]


@pytest.mark.parametrize("forms", TENSES, ids=[pair[1][:30] for pair in TENSES])
def test_every_catalogue_has_a_future_and_a_past_form_of_each_dated_sentence(forms) -> None:
    """The site writes each dated sentence in the tense of the build's day (and the page's
    script moves it on the day): each language needs its own word for each tense."""
    for lang in OTHERS:
        catalog = read_catalogue(lang).catalog
        strings = [catalog.get(msgid).string if catalog.get(msgid) else "" for msgid in forms]
        assert all(strings), (lang, forms, strings)
        assert len(set(strings)) == len(strings), (lang, strings)


def test_the_changes_page_links_a_change_to_come_in_the_future_tense(
    languages_build: Build,
) -> None:
    """/changes/ linked the redline of a change not yet in effect as "what changed" in every
    language while the banner said "what will change"; a past change keeps the past."""
    for lang in LANGUAGES:
        catalog = read_catalogue(lang).catalog if lang != "en" else None
        words = [
            catalog.get(msgid).string if catalog is not None else msgid
            for msgid in ("See what changes", "See what changed")
        ]
        path = "changes/index.html" if lang == "en" else f"{lang}/changes/index.html"
        page = document(languages_build.site, path)
        upcoming = page.xpath(
            "//h2[@id='upcoming']/following-sibling::ul[1]//a[contains(@href,'/changes/')]"
        )
        assert upcoming, lang
        for link in upcoming:
            shown = link.xpath(".//span[@data-before]")[0].text_content()
            later = link.xpath(".//span[@data-after]")[0].text_content()
            assert [shown, later] == words, lang


def test_names_and_titles_inside_arabic_sentences_are_isolated(languages_build: Build) -> None:
    """An English title inside an Arabic sentence took the sentence's punctuation with it
    ("لم يتغيّر: Media Release Notice (0 فقرة)"): every title or name the site puts into a
    sentence is in <bdi>; no folded section is empty; "one" and "two" need no digit."""
    page = document(languages_build.site, "ar/policies/sample-policy/2026-11-01/changes/index.html")
    summaries = page.xpath("//details[contains(@class,'redline-unchanged')]/summary")
    assert summaries
    for summary in summaries:
        assert summary.xpath("bdi"), lxml_html.tostring(summary, encoding="unicode")
        assert "(0" not in summary.text_content()
    links = page.xpath("//ol[@class='redline-changes']/li/a")
    assert links and all(link.xpath("bdi") for link in links)
    changes = document(languages_build.site, "ar/changes/index.html")
    sentences = changes.xpath("//ul[@class='change-list']//span[@data-before]")
    assert sentences and any(sentence.xpath(".//bdi") for sentence in sentences)
    catalog = read_catalogue("ar").catalog
    for message in catalog:
        if message.pluralizable and message.id:
            one, two = message.string[1], message.string[2]  # Arabic's forms for 1 and 2
            assert "%(num)d" not in one and "%(num)d" not in two, message.id


def test_the_message_template_holds_exactly_what_the_sources_say(tmp_path: Path) -> None:
    """`make messages` was run after the last change of wording in templates or Python."""
    out = tmp_path / "messages.pot"
    make = subprocess.run(
        ["make", "--no-print-directory", "-s", "messages-template", f"POT={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert make.returncode == 0, make.stdout + make.stderr
    with out.open("rb") as fresh, TEMPLATE.open("rb") as kept:
        assert {m.id for m in read_po(fresh)} == {m.id for m in read_po(kept)}


def test_a_catalogue_with_a_wrong_slot_is_a_located_error(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "Posted %(date)s."\nmsgstr "Publicado %(fecha)s."\n',
        encoding="utf-8",
    )
    catalogue = read_catalogue("es", po)
    [problem] = catalogue.problems
    assert problem.line == 6 and "Posted %(date)s." in problem.message
    assert "%(name)s" in problem.message


def test_a_language_without_catalogue_or_material_strings_is_named_with_the_file_to_add(
    tmp_path: Path,
) -> None:
    from sitebuild import build_site, fixture_docs

    docs = fixture_docs(tmp_path, ROOT / "tests" / "fixtures" / "lifecycle")
    build = build_site(tmp_path, docs=docs, when=date(2026, 11, 23), languages=["en", "xx"])
    assert build.returncode != 0
    assert "Traceback" not in build.output and "TemplateNotFound" not in build.output
    assert "hooks/privacy_site/languages/locale/xx/LC_MESSAGES/messages.po" in build.output
    assert "add overrides/partials/languages/xx.html" in build.output
    assert not catalogue_path("xx").exists()


def test_heading_permalinks_are_titled_in_the_readers_language(languages_build: Build) -> None:
    """The "¶" beside each heading has its title in the page's language, marked as such
    (on an untranslated page it sits inside an English heading)."""
    site = languages_build.site
    english = document(site, "contact/index.html").xpath('//a[@class="headerlink"]')
    assert english and {a.get("title") for a in english} == {"Link to this section"}
    assert all(a.get("lang") is None for a in english)
    for lang in OTHERS:
        language, _ = load_language(lang, NAMES[lang])
        title = language.gettext("Link to this section")
        assert title != "Link to this section", lang
        links = document(site, f"{lang}/contact/index.html").xpath('//a[@class="headerlink"]')
        assert len(links) == len(english), lang
        for link in links:
            assert link.get("title") == title and link.get("lang") == lang, (lang, link.attrib)
            assert link.get("dir") == ("rtl" if lang in RTL else None), (lang, link.attrib)


def test_haitian_creole_dates_use_haitian_creole_month_names(languages_build: Build) -> None:
    language, _ = load_language("ht")
    months = [language.date(date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert months == [
        "janvye", "fevriye", "mas", "avril", "me", "jen",
        "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
    ]  # fmt: skip
    changes = (languages_build.site / "ht" / "changes" / "index.html").read_text("utf-8")
    assert "22 desanm 2026" in changes and "décembre" not in changes


def test_arabic_has_six_plural_forms_each_its_own() -> None:
    language, _ = load_language("ar")
    forms = {
        n: language.nfill("%(num)d word inserted.", "%(num)d words inserted.", n)
        for n in (0, 1, 2, 3, 11, 100)
    }
    assert all(str(n) in text for n, text in forms.items() if n not in (1, 2)), forms
    assert len({re.sub(r"\d+", "#", text) for text in forms.values()}) >= 4, forms
    catalog = read_catalogue("ar").catalog
    assert catalog.num_plurals == 6
    plural = gettext.c2py(catalog.plural_expr)  # the rule the built site applies
    assert [plural(n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 4, 5]


# Feeds, calendar, API and sitemap --------------------------------------------------------


def test_each_language_has_its_own_feed_calendar_and_data(languages_build: Build) -> None:
    site = languages_build.site
    for lang in LANGUAGES:
        prefix = site if lang == "en" else site / lang
        feed = ET.parse(prefix / "changes" / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        calendar = (prefix / "changes" / "calendar.ics").read_text("utf-8")
        assert f"SUMMARY;LANGUAGE={lang}:" in calendar
        data = json.loads((prefix / "api" / "policies.json").read_text("utf-8"))
        assert data and (prefix / "api" / "vendors.json").is_file()
    spanish = (site / "es" / "changes" / "feed.xml").read_text("utf-8")
    assert "22 de diciembre de 2026" in spanish


def test_hreflang_alternates_use_absolute_urls_when_site_url_is_set(tmp_path: Path) -> None:
    from conftest import LANGUAGES_DATE, languages_docs
    from sitebuild import build_site, config_with

    config = config_with({"site_url": "https://privacy.example.org/"})
    build = build_site(
        tmp_path,
        docs=languages_docs(tmp_path),
        when=LANGUAGES_DATE,
        config=config,
        languages=LANGUAGES,
    )
    assert build.returncode == 0, build.output
    sitemap = (build.site / "sitemap.xml").read_text("utf-8")
    links = re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', sitemap)
    assert ("ar", "https://privacy.example.org/ar/contact/") in links
    assert all(href.startswith("https://privacy.example.org/") for _, href in links)
    # Material's language switcher reads the sitemap beside each language's root: each is
    # the whole site's (was a copy taken after that language's build: /es/'s had 2 of 10)
    for lang in LANGUAGES[1:]:
        assert (build.site / lang / "sitemap.xml").read_text("utf-8") == sitemap, lang
    assert gzip.decompress((build.site / "sitemap.xml.gz").read_bytes()).decode() == sitemap

    # Every page a reader can reach is listed, with every language's address of it; only
    # pages that ask not to be indexed are left out (i18n's own sitemap missed each
    # policy's main page, the redlines and the list of all pages).
    base = "https://privacy.example.org/"
    tree = ET.fromstring(sitemap.encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    listed = {url.findtext("s:loc", namespaces=ns): url for url in tree.findall("s:url", ns)}
    reachable = set()
    for html in build.site.rglob("index.html"):
        robots = lxml_html.parse(str(html)).xpath("//meta[@name='robots']/@content")
        if not any("noindex" in value for value in robots):
            folder = html.relative_to(build.site).parent.as_posix()
            reachable.add(base if folder == "." else f"{base}{folder}/")
    assert set(listed) == reachable, set(listed) ^ reachable
    policies = json.loads((build.site / "api" / "policies.json").read_text("utf-8"))["policies"]
    assert policies
    for policy in policies:
        main = listed[policy["url"]]
        alternates = {link.get("hreflang"): link.get("href") for link in main.findall("x:link", ns)}
        path = policy["url"].removeprefix(base)
        assert alternates == {
            **{lang: base + ("" if lang == "en" else f"{lang}/") + path for lang in LANGUAGES},
            "x-default": policy["url"],
        }
    assert base + "es/all-pages/" in listed
    assert not any("/staff/" in url for url in listed)  # noindex


@pytest.mark.parametrize("lang", ["zh", "am", "bn"])
def test_each_language_has_its_own_search_index(languages_build: Build, lang: str) -> None:
    site = languages_build.site
    index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not any(
        loc.startswith(tuple(f"{o}/" for o in LANGUAGES)) for loc in locations
    )
    root = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert not any(doc["location"].startswith(f"{lang}/") for doc in root["docs"])
    page = (site / lang / "index.html").read_text("utf-8")
    config = json.loads(
        re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)[1]
    )
    assert config["base"].endswith(f"/{lang}/")
