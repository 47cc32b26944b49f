"""Translations kept honest: parity with the English (headings and ids, link targets, lists,
tables), the completeness report, round-trip spot checks of the district's translations,
and what the built site says about each page's language."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import LIFECYCLE_FIXTURE, REAL_DATE
from privacy_site.languages import translation_status
from privacy_site.languages.language import load_language
from privacy_site.reading import frontmatter, parity
from privacy_site.reading.mkdocs_yml import read_config
from sitebuild import (
    DISTRICT,
    ROOT,
    Build,
    build_and_check,
    build_site,
    district_config,
    district_languages,
    fixture_docs,
)

DOCS = ROOT / "docs"  # the district's own pages, for its own tests below
LANGUAGES = district_languages()
FIXTURE_DATE = date(2026, 11, 22)
DEFAULT = LANGUAGES[0]
# Of the district's languages: everything translated, policies included ...
PRIORITY = [lang for lang in ["es", "ht", "am", "ar", "bn"] if lang in LANGUAGES]
# ... and the site's own pages; policies fall back to English
OTHERS = [lang for lang in ["zh", "pt", "so", "ko"] if lang in LANGUAGES]
SITE_PAGES = [  # the pages every language translates (policies list and changes: priority)
    "index.md",
    "student-data-privacy.md",
    "vendors.md",
    "accessibility.md",
    "translation-disclaimer.md",
    "contact.md",
]
PRIORITY_PAGES = [*SITE_PAGES, "changes.md", "policies/index.md"]
# Names that stay as they are in every language (a translation may follow in parentheses).
NAMES = [
    "Cambridge School Committee",
    "Massachusetts General Laws",
    "FERPA",
    "Family Educational Rights",
    "DQC",
    "Google Analytics",
    # the district's own names, from its settings
    *filter(
        None,
        (district_config()["extra"]["privacy_site"].get(k) for k in ("district", "short_name")),
    ),
]
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩০১২৩৪৫৬৭৮৯", "0123456789" * 2)
ENGLISH_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}\b"
)
NUMBER = re.compile(r"\d+")
TARGETS = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>]+)>")


# Parity ----------------------------------------------------------------------------------

ENGLISH = """\
# Title {#title}

Read [the policy](policies/index.md) or <https://example.org/a>.

## Who sees it?

- one
- two
  - two and a half
- three

```text
# not a heading
- not an item
```

<!-- - not an item either -->

| Name | Kind |
| ---- | ---- |
| a    | [x](https://example.org/x) |
| b    | y    |

## Who sees it?

[ref]: https://example.org/ref
[^note]: A footnote, not a link.
"""

SPANISH = """\
# Título {#title}

Lea <https://example.org/a> o [la política](policies/index.md).

## ¿Quién lo ve? {#who-sees-it}

- uno
- dos
  - dos y medio
- tres

| Nombre | Tipo |
| ------ | ---- |
| a      | [x](https://example.org/x) |
| b      | y    |

## ¿Quién lo ve? {#who-sees-it_1}

[ref]: https://example.org/ref
"""


def test_the_outline_reads_headings_links_lists_and_tables_as_the_site_does() -> None:
    found = parity.outline(ENGLISH, first_line=5)
    assert [(h.line, h.level, h.id) for h in found.headings] == [
        (5, 1, "title"),
        (9, 2, "who-sees-it"),
        (28, 2, "who-sees-it_1"),  # a repeated title gets the toc extension's suffix
    ]
    assert Counter(target for _, target in found.links) == Counter(
        {
            "policies/index.md": 1,
            "https://example.org/a": 1,
            "https://example.org/x": 1,
            "https://example.org/ref": 1,
        }
    )
    assert (7, "policies/index.md") in found.links and (25, "https://example.org/x") in found.links
    assert found.lists == [parity.Block(11, 4)]  # nested items count; code and comments do not
    assert found.tables == [parity.Block(23, 3)]


def test_a_faithful_translation_matches_whatever_order_its_sentences_take() -> None:
    assert (
        parity.compare(
            parity.outline(ENGLISH), "docs/en/x.md", parity.outline(SPANISH), "docs/es/x.md"
        )
        == []
    )


def test_each_mismatch_names_the_translation_line_and_the_english_line() -> None:
    broken = (
        SPANISH.replace("{#who-sees-it}", "{#quien-lo-ve}")
        .replace("[la política](policies/index.md)", "la política")
        .replace("<https://example.org/a>", "<https://example.org/b>")
        .replace("  - dos y medio\n", "")
        .replace("| b      | y    |\n", "")
        .replace("## ¿Quién lo ve? {#who-sees-it_1}\n\n", "")
    )
    problems = parity.compare(
        parity.outline(ENGLISH), "docs/en/x.md", parity.outline(broken), "docs/es/x.md"
    )
    said = [(p.file, p.line, p.message) for p in problems]
    assert all(file == "docs/es/x.md" for file, _, _ in said)
    messages = "\n".join(f"{line}: {message}" for _, line, message in said)
    assert re.search(
        r"5: heading 2 has the id 'quien-lo-ve' here but 'who-sees-it' in the English "
        r"\(docs/en/x.md, line 5\).*end the heading with \{#who-sees-it\}",
        messages,
    )
    assert re.search(r"has 2 headings and the English has 3: .*docs/en/x.md, line 24", messages)
    assert re.search(
        r"None: the English links to policies/index.md \(docs/en/x.md, line 3\)", messages
    )
    assert "None: the English links to https://example.org/a (docs/en/x.md, line 3)" in messages
    assert "3: this links to https://example.org/b, which the English docs/en/x.md" in messages
    assert re.search(
        r"7: list 1 has 3 items here and 4 in the English \(docs/en/x.md, line 7\)", messages
    )
    assert re.search(r"11: table 1 has 2 rows here and 3 in the English", messages)
    assert len(problems) == 7, messages


def test_a_translation_that_loses_structure_fails_the_build_with_both_files(
    tmp_path: Path,
) -> None:
    english = (DISTRICT / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(english.encode()).hexdigest()
    head = f"---\ntitle: Privacidad\ntranslation: machine\nsource_sha256: {digest}\n---\n"
    body = english.split("---\n", 2)[2]
    broken = body.replace(
        "- **[Ask a question](contact.md)**: how to reach the district about privacy.\n", ""
    )
    assert broken != body
    stale = "---\ntitle: Contacto\ntranslation: machine\nsource_sha256: " + "ab" * 32 + "\n---\n"
    docs = fixture_docs(
        tmp_path,
        LIFECYCLE_FIXTURE,
        extra={
            "es/index.md": head + broken,
            "es/contact.md": stale + "# Contacto\n\n[Un enlace de más](https://example.org/)\n",
        },
    )
    build = build_site(tmp_path, docs=docs, when=FIXTURE_DATE, languages=["en", "es"])
    assert build.returncode != 0
    assert "Traceback" not in build.output
    list_line = body.count("\n", 0, body.index("- **[Policies]")) + 6  # front matter: 5 lines
    assert re.search(
        rf"docs/es/index\.md:{list_line}: list 1 has 4 items here and 5 in the English "
        rf"\(docs/en/index\.md, line {list_line - 1}\)",
        build.output,
    ), build.output
    assert "the English links to contact.md (docs/en/index.md, line" in build.output
    # A stale translation is held to its stale notice, not to parity.
    # (The same build with a link of its own in the stale contact page: not reported.)
    assert "which the English docs/en/contact.md does not link to" not in build.output


def test_every_current_translation_of_the_district_matches_its_english() -> None:
    from privacy_site.reading.docs_tree import DocsTree
    from privacy_site.reading.translations import check_translations

    _, problems = check_translations(DocsTree(DOCS, LANGUAGES), DEFAULT)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []


# The completeness report -----------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - i18n:\n      languages:\n"
        "        - {locale: en, default: true, name: English}\n"
        "        - {locale: es, name: Español}\n"
        "        - {locale: ar, name: العربية}\n",
        encoding="utf-8",
    )
    pages = {
        "en/index.md": "---\ntitle: Home\n---\n\n# Home\n",
        "en/about.md": "---\ntitle: About\n---\n\n# About\n",
        "en/policies/p/2020-01-01.md": "---\ntitle: P\n---\n\nText.\n",
    }
    for path, text in pages.items():
        (tmp_path / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / path).write_text(text, encoding="utf-8")

    def translate(path: str, lang: str, kind: str, fresh: bool, title: str) -> None:
        english = (tmp_path / "docs" / "en" / path).read_bytes()
        digest = hashlib.sha256(english if fresh else b"older").hexdigest()
        body = english.decode().split("---\n", 2)[2].replace("# Home", "# Inicio {#home}")
        target = tmp_path / "docs" / lang / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"---\ntitle: {title}\ntranslation: {kind}\nsource_sha256: {digest}\n---\n{body}",
            encoding="utf-8",
        )

    translate("index.md", "es", "reviewed", True, "Inicio")
    translate("about.md", "es", "machine", False, "Acerca de")
    translate("policies/p/2020-01-01.md", "es", "machine", True, "P")
    translate("index.md", "ar", "machine", True, "الرئيسية")
    return tmp_path


def test_the_report_has_a_state_for_every_page_in_every_language(tmp_path: Path) -> None:
    text = translation_status.report(_project(tmp_path))
    assert text.splitlines()[:5] == [
        "| Page | es | ar |",
        "| --- | --- | --- |",
        "| index.md | reviewed | machine |",
        "| about.md | stale | missing |",
        "| policies/p/2020-01-01.md | machine | missing |",
    ]
    assert "es: 2 of 3 pages translated (1 reviewed, 1 machine, 1 stale)" in text
    assert "ar: 1 of 3 pages translated (1 machine, 2 missing)" in text


def test_the_report_command_prints_it_and_refuses_a_folder_without_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site").mkdir()
    assert translation_status.main([str(_project(tmp_path / "site"))]) == 0
    assert "| about.md | stale | missing |" in capsys.readouterr().out
    assert translation_status.main([str(tmp_path / "nothing")]) == 2
    assert "no mkdocs.yml here" in capsys.readouterr().out


def expected_states() -> dict[str, dict[str, str]]:
    """The report worked out here from the files alone: English path -> language -> state."""
    states: dict[str, dict[str, str]] = {}
    for source in sorted((DOCS / DEFAULT).rglob("*.md")):
        path = source.relative_to(DOCS / DEFAULT).as_posix()
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        row = states.setdefault(path, {})
        for lang in LANGUAGES[1:]:
            file = DOCS / lang / path
            if not file.exists():
                row[lang] = "missing"
                continue
            fields = frontmatter.parse(file.read_text(encoding="utf-8")).fields
            recorded = str(fields.get("source_sha256") or digest)
            row[lang] = "stale" if recorded != digest else fields["translation"]
    return states


def report_on_page(build: Build, lang: str) -> dict[str, dict[str, str]]:
    """The report as the translation-disclaimer page in ``lang`` shows it."""
    prefix = "" if lang == DEFAULT else f"{lang}/"
    page = BeautifulSoup(build.html(f"{prefix}translation-disclaimer/"), "lxml")
    heading = page.find(id="translation-status")
    assert heading is not None, lang
    table = heading.find_next("table")
    columns = [th.get("lang") for th in table.select("thead th")][1:]
    if lang != DEFAULT:
        columns = [lang]
    found: dict[str, dict[str, str]] = {}
    for row in table.select("tbody tr"):
        href = row.select_one("th a")["href"]
        target = (build.page(prefix + "translation-disclaimer/").parent / href).resolve()
        site_path = target.relative_to((build.site / prefix).resolve()).as_posix()
        site_path = "" if site_path == "." else site_path
        states = [td["data-state"] for td in row.select("td")]
        found[site_path] = dict(zip(columns, states, strict=True))
    return found


def _site_path(path: str) -> str:
    stem = path.removesuffix(".md")
    return stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem


def test_every_disclaimer_page_reports_what_the_files_say(real_build: Build) -> None:
    expected = {_site_path(path): row for path, row in expected_states().items()}
    english = report_on_page(real_build, DEFAULT)
    assert {path.rstrip("/") for path in english} == {p.rstrip("/") for p in expected}
    assert {p.rstrip("/"): row for p, row in english.items()} == {
        p.rstrip("/"): row for p, row in expected.items()
    }
    for lang in LANGUAGES[1:]:
        shown = report_on_page(real_build, lang)
        assert {p.rstrip("/"): row[lang] for p, row in shown.items()} == {
            p.rstrip("/"): row[lang] for p, row in expected.items()
        }, lang


# The district's translations -------------------------------------------------------------


def body(path: Path) -> str:
    return frontmatter.parse(path.read_text(encoding="utf-8")).body


def blocks(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def current_translations(langs: list[str]) -> list[tuple[str, str]]:
    """(language, path) of every translation made from the English as it is now."""
    states = expected_states()
    return [
        (lang, path)
        for path, row in states.items()
        for lang in langs
        if row[lang] in ("machine", "reviewed")
    ]


def test_the_priority_languages_translate_every_page_and_every_posted_policy_version() -> None:
    states = expected_states()
    posted = [
        path
        for path in states
        if re.fullmatch(r"policies/[^/]+/\d{4}-\d{2}-\d{2}\.md", path)
        and date.fromisoformat(path[-13:-3]) <= REAL_DATE
    ]
    assert posted  # the district's policies
    for lang in PRIORITY:
        for path in PRIORITY_PAGES + posted:
            assert states[path][lang] in ("machine", "reviewed", "stale"), (lang, path)
    for lang in OTHERS:
        for path in SITE_PAGES:
            assert states[path][lang] in ("machine", "reviewed", "stale"), (lang, path)


def test_translations_leave_no_english_sentence_untranslated() -> None:
    """Names stay (a law, a vendor, a browser's menu as the reader's browser may show it, in
    bold); no sentence of six English words or more does."""
    checked = 0
    for lang, path in current_translations(PRIORITY + OTHERS):
        translated = " ".join(body(DOCS / lang / path).split())
        for sentence in re.split(r"(?<=[.;:])\s+", " ".join(body(DOCS / DEFAULT / path).split())):
            words = re.findall(r"[A-Za-z']+", re.sub(r"\*\*[^*]+\*\*", "", sentence))
            if len(words) >= 6:
                assert sentence not in translated, (lang, path, sentence)
                checked += 1
    assert checked, "no translated page has a sentence of six English words to check"


SCRIPTS = {"am": "ETHIOPIC", "ar": "ARABIC", "bn": "BENGALI", "zh": "CJK", "ko": "HANGUL"}
FRENCH = {"les", "des", "est", "pour", "avec", "dans", "une", "qui", "sont", "aux"}
CREOLE = {"yo", "nan", "ak", "pou", "sou", "ki", "li", "se", "ke", "nou"}
TRADITIONAL = set("們這個於與資學關護據隱為應該說時間會對來後開發經過")  # not Simplified


def test_each_language_is_written_as_itself() -> None:
    """Amharic in Ethiopic, Arabic, Bengali and Korean in their scripts, Chinese in
    Simplified characters, Haitian Creole as Creole, not French (names and links aside)."""
    import unicodedata

    for lang, path in current_translations(PRIORITY + OTHERS):
        text = re.sub(r"\{#[^}]*\}|\]\([^)]*\)|<[^>]*>|https?://\S+", "", body(DOCS / lang / path))
        letters = [c for c in text if c.isalpha()]
        if lang in SCRIPTS:
            own = sum(SCRIPTS[lang] in unicodedata.name(c, "") for c in letters)
            assert own >= 0.3 * len(letters), (lang, path, own, len(letters))
        if lang == "zh":
            assert not TRADITIONAL & set(text), (path, TRADITIONAL & set(text))
        if lang == "ht":
            words = re.findall(r"\w+", text.lower())
            french = sum(w in FRENCH for w in words)
            assert sum(w in CREOLE for w in words) > 20 * french, (path, french)


@pytest.mark.parametrize("lang", PRIORITY)
def test_numbers_dates_names_and_links_survive_translation(lang: str) -> None:
    """Paragraph by paragraph (a translation keeps the English paragraphs): every number,
    every date in the language's own form, every name and every link target."""
    language, _ = load_language(lang)
    checked = Counter()
    for _, path in [pair for pair in current_translations([lang])]:
        english = blocks(body(DOCS / DEFAULT / path))
        translated = blocks(body(DOCS / lang / path))
        assert len(english) == len(translated), (lang, path)
        for ours, theirs in zip(english, translated, strict=True):
            where = (lang, path, ours[:60])
            plain = " ".join(theirs.split()).translate(DIGITS)
            source = re.sub(r"\{#[^}]*\}|\]\([^)]*\)|<https?://[^>]*>", "", ours)
            assert not Counter(NUMBER.findall(source)) - Counter(NUMBER.findall(plain)), where
            for found in ENGLISH_DATE.findall(ours):
                day = datetime.strptime(found, "%B %d, %Y").date()
                assert language.date(day) in plain, (*where, found, language.date(day))
                checked["dates"] += 1
            for name in NAMES:
                if name in " ".join(ours.split()):
                    assert name in plain, (*where, name)
                    checked["names"] += 1
            assert Counter(TARGETS.findall(ours)) == Counter(TARGETS.findall(theirs)), where
            checked["numbers"] += len(NUMBER.findall(source))
    # Something was checked: the district's name (every district's pages give it).
    assert checked["names"] >= 1, checked


# What the built site says about each page's language -------------------------------------


def test_each_page_says_how_its_text_was_made_and_links_the_english(real_build: Build) -> None:
    states = expected_states()
    for lang in LANGUAGES[1:]:
        for path, row in states.items():
            site_path = _site_path(path)
            page = BeautifulSoup(
                real_build.html(f"{lang}/{site_path}/" if site_path else f"{lang}/"), "lxml"
            )
            notices = page.select(".language-notice")
            assert notices, (lang, path)
            links = [a["href"] for a in notices[0].select("a")]
            english = real_build.page(f"{site_path}/" if site_path else "")
            here = real_build.page(f"{lang}/{site_path}/" if site_path else f"{lang}/")
            assert (here.parent / links[0] / "index.html").resolve() == english.resolve()
            text = page.select_one("article")
            if row[lang] == "missing":
                assert notices[0].get_text().strip(), (lang, path)
                assert text.select_one('[lang="en"]') is not None, (lang, path)
            elif row[lang] == "machine":
                disclaimer = real_build.page(f"{lang}/translation-disclaimer/").parent
                assert len(links) == 2 and (here.parent / links[1]).resolve() == disclaimer
                assert page.select_one('h1[lang="en"]') is None, (lang, path)


def test_the_navigation_and_titles_speak_the_readers_language(real_build: Build) -> None:
    from privacy_site.adapter.language_notices import NAV_TITLES

    config = read_config(ROOT / "mkdocs.yml")
    titles = [next(iter(item)) for item in config["nav"] if isinstance(item, dict)]
    assert titles and set(titles) <= set(NAV_TITLES)  # each in the catalogues
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    site_names = {item["locale"]: item.get("site_name") for item in i18n["languages"]}
    for lang in LANGUAGES[1:]:
        language, _ = load_language(lang)
        page = BeautifulSoup(real_build.html(f"{lang}/vendors/"), "lxml")
        shown = {
            " ".join(link.get_text().split())
            for link in page.select("nav.md-nav--primary > ul > li > .md-nav__link")
        }
        for title in titles:
            translated = language.gettext(title)
            assert translated != title or lang == DEFAULT, (lang, title)
            assert any(label.startswith(translated) for label in shown), (lang, title, shown)
        head = page.title.get_text()
        assert head.startswith(language.gettext("Tools and vendors") + " — "), (lang, head)
        assert head.endswith(site_names[lang] or config["site_name"]), (lang, head)


def test_a_policy_translated_in_its_title_alone_shows_that_title_over_the_english_text(
    tmp_path: Path,
) -> None:
    """A language may translate a policy's title (and summary) before its text: the lists
    and the page show the title in the reader's language, the text in English, marked
    English, with the notice that says so (the home pages listed every policy in English)."""
    title_only = "---\ntitle: Política de ejemplo\ntranslation: machine\n---\n"
    docs = fixture_docs(
        tmp_path,
        LIFECYCLE_FIXTURE,
        extra={
            "es/policies/sample-policy/2026-11-01.md": title_only,
            "es/policies/sample-policy/2026-12-22.md": title_only,
        },
    )
    build = build_site(tmp_path, docs=docs, when=date(2026, 11, 22), languages=["en", "es"])
    assert build.returncode == 0, build.output
    home = BeautifulSoup(build.html("es/"), "lxml")
    assert "Política de ejemplo" in home.get_text()
    for path in ("es/policies/sample-policy/", "es/policies/sample-policy/2026-11-01/"):
        page = BeautifulSoup(build.html(path), "lxml")
        title = page.find("h1")
        assert title.get_text(strip=True) == "Política de ejemplo", path
        assert title.get("lang") is None, path  # the title is Spanish
        text = page.select_one(".policy-text")
        assert text.get("lang") == "en", path
        assert "The district collects the names" in text.get_text(), path
        assert page.select(".language-notice"), path  # says the text is in English
    redline = BeautifulSoup(build.html("es/policies/sample-policy/2026-12-22/changes/"), "lxml")
    assert redline.select_one(".redline").get("lang") == "en"


# source_sha256 against the English file's git history -------------------------------------


def _git(folder: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _translated_contact(tmp_path: Path, *, git: bool) -> tuple[Path, str, str]:
    """A scratch project (en, es) whose docs/en/contact.md was committed, then changed and
    committed again (when ``git``); the digests of the first and the current English."""
    from sitebuild import scratch_project

    project = scratch_project(
        tmp_path,
        LIFECYCLE_FIXTURE,
        ROOT / "tests/fixtures/vendors/valid.yml",
        languages=["en", "es"],
    )
    contact = project / "docs" / "en" / "contact.md"
    first = contact.read_bytes()
    if git:
        _git(project, "init", "-q")
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", "first")
    contact.write_bytes(first + b"\nA sentence added later.\n")
    if git:
        _git(project, "commit", "-q", "-am", "second")
    return (
        project,
        hashlib.sha256(first).hexdigest(),
        hashlib.sha256(contact.read_bytes()).hexdigest(),
    )


def _translate(project: Path, recorded: str) -> None:
    english = (project / "docs" / "en" / "contact.md").read_text(encoding="utf-8")
    body = english.split("---\n", 2)[2]
    target = project / "docs" / "es" / "contact.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"---\ntitle: Contacto\ntranslation: machine\nsource_sha256: {recorded}\n---\n{body}",
        encoding="utf-8",
    )


def _source_problems(project: Path) -> list[str]:
    from privacy_site.reading.docs_tree import DocsTree
    from privacy_site.reading.git_history import History
    from privacy_site.reading.translations import check_translations

    tree = DocsTree(project / "docs", ["en", "es"])
    _, problems = check_translations(tree, "en", History())
    return [f"{p.severity}: {p}" for p in problems if "es/contact.md" in p.file]


def test_a_source_sha256_of_an_earlier_commit_is_stale(tmp_path: Path) -> None:
    project, first, current = _translated_contact(tmp_path, git=True)
    _translate(project, first)
    [problem] = _source_problems(project)
    assert problem.startswith("warning: docs/es/contact.md:4: the English docs/en/contact.md has")
    _translate(project, current)
    assert _source_problems(project) == []


def test_a_source_sha256_of_no_version_ever_committed_is_an_error(tmp_path: Path) -> None:
    # Before: any well-formed digest that was not the current English made the translation
    # "stale": its page said it may be out of date and parity checks were off.
    project, _, current = _translated_contact(tmp_path, git=True)
    _translate(project, "ab" * 32)
    [problem] = _source_problems(project)
    assert problem == (
        f"error: docs/es/contact.md:4: source_sha256: '{'ab' * 32}' is no version of "
        "docs/en/contact.md ever committed, so the site cannot tell whether this translation "
        f"is current; if it translates the English as it is now, write 'source_sha256: {current}'"
    )


def test_outside_a_git_checkout_an_unknown_source_sha256_is_a_warning(tmp_path: Path) -> None:
    project, _, _ = _translated_contact(tmp_path, git=False)
    _translate(project, "ab" * 32)
    [problem] = _source_problems(project)
    assert problem.startswith("warning: docs/es/contact.md:4: the English docs/en/contact.md has")


@pytest.mark.build
def test_a_source_sha256_of_no_version_fails_the_build_and_check_alike(tmp_path: Path) -> None:

    project, _, current = _translated_contact(tmp_path, git=True)
    _translate(project, "ab" * 32)
    message = f"docs/es/contact.md:4: source_sha256: '{'ab' * 32}' is no version of"
    for command, status, output in build_and_check(project, tmp_path / "site"):
        assert status != 0, (command, output)
        assert message in output and f"'source_sha256: {current}'" in output, (command, output)
