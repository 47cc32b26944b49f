"""Nothing a careless or hostile editor writes reaches a reader live.

Page text is checked against the allowlist and sanitized (``privacy_site.html.sanitize``),
titles are escaped wherever the theme prints them, every page carries a
Content-Security-Policy (``privacy_site.html.csp``), and ``make`` never hands a variable
(``DATE=``, ``POLICY=``, ``EFFECTIVE=``, ``BENCH=``) to a shell as code.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup
from privacy_site.html import csp, sanitize
from sitebuild import ROOT, TESTS, Build, build_site, fixture_docs

FIXTURES = TESTS / "fixtures" / "hostile"


# The allowlist, unit by unit ----------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ("<p>x</p><script>alert(1)</script>", "the <script> element"),
        ('<p><img src="a.png" onerror="alert(1)" alt=""></p>', "the onerror attribute on <img>"),
        (
            '<p><a href="javascript:alert(1)">x</a></p>',
            "'javascript:alert(1)' cannot be published (links are",
        ),
        (
            '<p><a href="data:text/html,hi">x</a></p>',
            "'data:text/html,hi' cannot be published (links are",
        ),
        (
            '<p><a href="JaVaScRiPt:alert(1)">x</a></p>',
            "'JaVaScRiPt:alert(1)' cannot be published (links are",
        ),
        ('<iframe src="https://example.org/"></iframe>', "the <iframe> element"),
        ('<p onclick="alert(1)">x</p>', "the onclick attribute on <p>"),
        ('<p style="position:fixed">x</p>', "the style attribute on <p>"),
        ('<p><a href="https://">x</a></p>', "needs the site's name"),
        ('<p><a href="https://user:pw@example.org/">x</a></p>', "user name or password"),
        ('<p><a href="mailto:">x</a></p>', "needs an e-mail address"),
        ('<p><img src="https://example.org/pixel.gif" alt=""></p>', "images must be files"),
        ('<div class="change-banner">Fake notice</div>', "belongs to the site's own layout"),
        ("<form><input name=q></form>", "the <form> element"),
        ('<svg><a href="javascript:alert(1)">x</a></svg>', "the <svg> element"),
    ],
)
def test_each_construct_outside_the_allowlist_is_found_and_removed(html: str, what: str) -> None:
    findings = sanitize.check(html)
    assert any(what in str(finding) for finding in findings), findings
    cleaned = sanitize.clean(html)
    assert sanitize.check(cleaned) == [], cleaned
    for live in ("<script", "onerror", "onclick", "javascript:", "<iframe", "data:text", "<form"):
        assert live not in cleaned.lower()


def test_an_http_link_is_kept_with_a_warning_to_ask_for_https() -> None:
    """Adopted legal text cites http:// addresses (issue 23): published as written, with a
    reminder; it was refused before."""
    html = '<p><a href="http://example.org/">x</a></p>'
    [finding] = sanitize.check(html)
    assert finding.severity == "warning"
    assert "ask whether an https:// address exists" in str(finding)
    assert "cannot be published" not in str(finding)
    assert sanitize.clean(html) == html


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="who-owns-student-data">Who? <a class="headerlink" href="#who">¶</a></h2>',
        '<p>See <a href="../policies/">the policies</a> and <a href="mailto:a@example.org">'
        'us</a>, or <a href="https://example.org/a?b=1#c">this</a>.</p>',
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
        '<p>A<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><hr><ol><li id="fn:1"><p>N.&#160;<a class="footnote-backref" '
        'href="#fnref:1" title="Jump back">↩</a></p></li></ol></div>',
        '<table><thead><tr><th style="text-align: left;">a</th></tr></thead>'
        '<tbody><tr><td style="text-align: center;">b</td></tr></tbody></table>',
        '<details class="note"><summary>More</summary><p><abbr title="x">X</abbr></p></details>',
        "<dl><dt>Term</dt><dd><em>Def</em> <strong>x</strong> <code>y</code></dd></dl>",
    ],
)
def test_what_legal_text_needs_passes_unchanged(html: str) -> None:
    assert sanitize.check(html) == []
    assert sanitize.check(sanitize.clean(html)) == []
    assert lxml.html.fragment_fromstring(sanitize.clean(html), create_parent="div").text_content()


def test_locate_finds_the_line_of_a_construct_in_any_letter_case() -> None:
    source = "---\ntitle: x\n---\n\nText.\n\n<SCRIPT>alert(1)</SCRIPT>\n"
    assert sanitize.locate(source, "<script") == 7
    assert sanitize.locate(source, "<iframe") is None


# The policy, unit by unit ----------------------------------------------------------------


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var a = 1;</script><script src="x.js"></script>
<script id="__config" type="application/json">{"a": 1}</script></head>
<body><table><tr><td style="text-align: right;">1</td></tr></table></body></html>"""


KNOWN = csp.theme_scripts([])  # no templates: no inline script is the theme's
VAR_A = (re.compile(re.escape("var a = 1;")),)


def test_policy_lists_each_inline_script_by_hash_and_nothing_inline_else() -> None:
    policy = csp.policy(PAGE, known=VAR_A)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    scripts = directives["script-src"].split()
    assert scripts[0] == "'self'" and len(scripts) == 2  # the JSON block is not a script
    assert scripts[1] == csp._hash("var a = 1;")
    assert "'unsafe-inline'" not in policy and "*" not in policy
    assert directives["style-src"] == f"'self' 'unsafe-hashes' {csp._hash('text-align: right;')}"
    for name in ("object-src", "frame-src"):
        assert directives[name] == "'none'"
    assert directives["base-uri"] == directives["form-action"] == "'self'"


def test_an_inline_script_the_templates_do_not_write_is_not_hashed() -> None:
    # Before: every inline script of the finished page was hashed into the policy, so a
    # script a setting smuggled into the head was approved along with the theme's.
    assert KNOWN == ()
    directives = dict(part.split(" ", 1) for part in csp.policy(PAGE, known=KNOWN).split("; "))
    assert directives["script-src"] == "'self'"
    root = lxml.html.document_fromstring(PAGE)
    assert csp.unexpected_scripts(root, KNOWN) == ["var a = 1;"]
    assert "var a" not in csp.without(PAGE, ["var a = 1;"])


def test_the_themes_scripts_are_known_by_their_template_shape(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "base.html").write_text(
        '<script>__md_scope=new URL("{{ base_url }}",location)</script>', encoding="utf-8"
    )
    known = csp.theme_scripts([tmp_path])
    for page_scope in ('"."', '"../.."', '"/"'):
        script = f"__md_scope=new URL({page_scope},location)"
        page = f"<html><head><script>{script}</script></head></html>"
        assert csp._hash(script) in csp.policy(page, known=known), page_scope
    # the same shape with a value that leaves the string is not the theme's
    hostile = '__md_scope=new URL("/",location);alert(1)//",location)'
    page = f"<html><head><script>{hostile}</script></head></html>"
    assert csp._hash(hostile) not in csp.policy(page, known=known)
    assert csp.unexpected_scripts(lxml.html.document_fromstring(page), known) == [hostile]


def test_policy_is_the_first_element_after_the_charset() -> None:
    html = csp.with_policy(PAGE)
    head = lxml.html.document_fromstring(html).find("head")
    assert head[0].get("charset") == "utf-8"
    assert head[1].get("http-equiv") == "Content-Security-Policy"


# Builds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_body(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("hostile-body")
    return build_site(work, docs=fixture_docs(work, FIXTURES / "body"))


@pytest.fixture(scope="module")
def hostile_title(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("hostile-title")
    build = build_site(work, docs=fixture_docs(work, FIXTURES / "title"))
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_hostile_page_text_fails_the_build_naming_file_and_line(hostile_body: Build) -> None:
    output = hostile_body.output
    assert hostile_body.returncode != 0
    assert "Traceback" not in output
    source = "docs/en/policies/sample/2020-01-01.md"
    for line, what in [
        (8, "the <script> element cannot be published; page text may use headings"),
        (10, "the onerror attribute on <img>"),
        (12, "the address 'javascript:alert(2)' cannot be published (links are https://"),
        (12, "the address 'data:text/html,<b>hi</b>' cannot be published"),
        (14, "the <iframe> element"),
        (17, "the onclick attribute on <p>"),
    ]:
        assert f"{source}:{line}: {what}" in output, (what, output)
    # An http:// link is published as written, with a located warning (issue 23).
    warned = f"WARNING -  {source}:19: the address 'http://example.org/': it is an unencrypted"
    assert warned in output, output
    assert "ask whether an https:// address exists" in output
    assert f"{source}:21: the id 'same' is used 2 times" in output, output


@pytest.mark.build
def test_pages_written_by_a_failed_hostile_build_hold_nothing_live(hostile_body: Build) -> None:
    for path in ("policies/sample/", "policies/sample/2020-01-01/"):
        article = BeautifulSoup(hostile_body.html(path), "lxml").article
        assert not article.select("script, iframe, [onclick], [onerror]"), path
        hrefs = [a.get("href", "") for a in article.find_all("a")]
        assert not [h for h in hrefs if h.split(":")[0].lower() in ("javascript", "data")]
        assert "http://example.org/" in hrefs  # kept as written, with a warning
        assert "A paragraph before the trouble." in article.get_text()


@pytest.mark.build
def test_markup_in_a_title_is_text_everywhere_the_theme_prints_it(hostile_title: Build) -> None:
    title = "Policy <img src=x onerror=alert(1)> & </title><script>alert(2)</script>"
    for path in ("policies/sample/", "policies/", ""):
        page = BeautifulSoup(hostile_title.html(path), "lxml")
        assert not page.select("[onerror]"), path
        assert not [s for s in page.find_all("script") if "alert(2)" in s.get_text()], path
        assert title in page.get_text(), path  # shown as the words staff wrote
    page = BeautifulSoup(hostile_title.html("policies/sample/"), "lxml")
    assert title in page.select(".md-header__topic")[-1].get_text()
    assert page.title.get_text().startswith(title)
    assert title in page.select_one(".md-nav--primary").get_text()


@pytest.mark.build
def test_aligned_table_columns_are_allowed_by_the_pages_policy(hostile_title: Build) -> None:
    page = BeautifulSoup(hostile_title.html("policies/sample/"), "lxml")
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert csp._hash("text-align: left;") in policy
    assert csp._hash("text-align: center;") in policy


# make DATE=..., POLICY=..., EFFECTIVE=..., BENCH=... ----------------------------------------

PAYLOADS = [
    "$(shell touch {mark})",
    '"; touch {mark}; echo "',
    "`touch {mark}`",
    "$$(touch {mark})",
    "2026-12-22$(touch {mark})",
    "'; touch {mark}; '",
]
# Every target and every variable the Makefile hands on to a command, with the other
# variables the target needs set to a valid value, and what the refusal names ("{mark}":
# the whole value, as text). bench's chromium and vnu prerequisites are taken as done
# (-o): they install software, which is not what is tested here.
TARGETS = [
    (["preview"], "DATE", "DATE="),
    (["build"], "DATE", "DATE="),
    (["check"], "DATE", "--date"),
    (["new-version"], "POLICY", "{mark}"),
    (["new-version", "POLICY=website-privacy"], "EFFECTIVE", "--effective"),
    (["correct"], "POLICY", "{mark}"),
    (["-o", "chromium", "-o", "vnu", "bench"], "BENCH", "{mark}"),
]


@pytest.mark.parametrize(
    ("target", "variable", "refusal"), TARGETS, ids=[f"{t[-1]}-{v}" for t, v, _ in TARGETS]
)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_shell_payload_in_date_runs_nothing(
    payload: str, target: list[str], variable: str, refusal: str, tmp_path: Path
) -> None:
    """Each value reaches its command as one piece of text: refused, never run."""
    mark = tmp_path / "ran"
    before = subprocess.run(
        ["git", "status", "--porcelain", "docs"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", *target, f"{variable}={payload.format(mark=mark)}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert not mark.exists(), result.stdout + result.stderr
    assert result.returncode != 0
    assert refusal.format(mark=mark) in result.stderr, result.stdout + result.stderr
    after = subprocess.run(
        ["git", "status", "--porcelain", "docs"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert after == before  # no version file was written


def test_an_impossible_date_names_itself_and_the_month_length() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "preview", "DATE=2026-02-30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DATE=2026-02-30: February 2026 has 28 days" in result.stderr


def test_the_vendor_list_marker_survives_cleaning_and_nothing_else_does() -> None:
    html = "<p>a</p>\n<!-- vendor-list -->\n<p>b</p><!-- a note --><script>x</script>"
    assert sanitize.clean(html) == "<p>a</p>\n<!-- vendor-list -->\n<p>b</p>"


# The policy's scripts come from the templates, not from the finished page -----------------

INJECT = """\
from mkdocs.plugins import event_priority


@event_priority(100)  # before page_safety computes the page's policy
def on_post_page(output, page, config):
    return output.replace("</head>", "<script>alert('smuggled')</script></head>", 1)
"""


@pytest.mark.build
def test_a_finished_page_with_a_script_the_templates_do_not_write_fails_and_runs_nothing(
    tmp_path: Path,
) -> None:
    """Whatever puts an inline script into a finished page (here a hook, standing for a
    setting the checks would miss), it is not hashed into the page's policy, it is taken
    out, and the build fails naming the page."""
    import sys

    import yaml
    from conftest import LIFECYCLE_FIXTURE
    from sitebuild import scratch_project

    project = scratch_project(
        tmp_path, LIFECYCLE_FIXTURE, FIXTURES.parent / "vendors" / "valid.yml"
    )
    (project / "inject.py").write_text(INJECT, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"].append("inject.py")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-d", str(site)],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert (
        "docs/en/index.md: the finished page holds an inline script that neither the theme nor "
        "the site writes ('alert('smuggled')'); it was taken out" in output
    ), output
    smuggled = csp._hash("alert('smuggled')")
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "smuggled" not in html, page
        assert smuggled not in html, page
    # the theme's own scripts are still allowed, by hash
    home = (site / "index.html").read_text(encoding="utf-8")
    root = lxml.html.document_fromstring(home)
    policy = root.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    theme = [s.text for s in csp.inline_scripts(root)]
    assert len(theme) == 3 and all(csp._hash(text) in policy for text in theme)


# Text as YAML decodes it, and page text ------------------------------------------------------
# The file's bytes are clean in each case: the character is written as a YAML escape, or as
# an HTML reference in the page's text. One rule (text.text_flaw, text.body_flaws).

VERSION = "docs/en/policies/sample-policy/2026-12-22.md"
SUMMARY = "summary: Messages are kept for three years and are no longer shared with the web host."
DECODED = {
    # case -> (file, text replaced, replacement, line, start of the message)
    "terminal escapes in a summary": (
        VERSION,
        SUMMARY,
        r'summary: "Bell\a ESC\e[31m red"',
        5,
        "summary: contains a control character (U+0007 control character), which prints as "
        "nothing or changes a terminal",
    ),
    "a title of only U+200D": (
        VERSION,
        "title: Sample Policy",
        r'title: "\u200D"',
        2,
        "title: is made only of invisible characters (U+200D ZERO WIDTH JOINER)",
    ),
    "a line separator in a summary": (
        VERSION,
        SUMMARY,
        r'summary: "Kept for three years.\u2028Never sold."',
        5,
        "summary: contains a line separator (U+2028 LINE SEPARATOR): write an ordinary new line",
    ),
    "tag characters in a summary": (
        VERSION,
        SUMMARY,
        r'summary: "Kept for three years.\U000E0041\U000E0042"',
        5,
        "summary: contains an invisible tag character (U+E0041 TAG LATIN CAPITAL LETTER A)",
    ),
    "a direction override in the body": (
        VERSION,
        "Messages are kept for three years.",
        "Messages are kept for \u202ethree years.",
        12,
        "the page's text contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)",
    ),
    "an isolate as an HTML reference in the body": (
        VERSION,
        "Messages are kept for three years.",
        "Messages are kept for &#x2066;three years.",
        12,
        "the page's text writes &#x2066;, which is an invisible character (U+2066 LEFT-TO-RIGHT",
    ),
    "an escape in a vendor's name": (
        "vendors.yml",
        "name: Site Stats",
        r'name: "Site\e[2J Stats"',
        4,
        "vendor 'site-stats', name: contains a control character (U+001B control character)",
    ),
}


def _decoded_project(tmp_path: Path, case: str) -> Path:
    from conftest import LIFECYCLE_FIXTURE
    from sitebuild import scratch_project

    project = scratch_project(
        tmp_path, LIFECYCLE_FIXTURE, FIXTURES.parent / "vendors" / "valid.yml"
    )
    file, old, new, _, _ = DECODED[case]
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", path.read_bytes())  # clean bytes
    return project


@pytest.mark.parametrize("case", sorted(DECODED))
def test_decoded_text_is_checked_by_one_rule(case: str, tmp_path: Path) -> None:
    from privacy_site.content import load_content
    from privacy_site.model.dates import parse_date

    project = _decoded_project(tmp_path, case)
    file, _, _, line, message = DECODED[case]
    content = load_content(
        project / "docs", parse_date("2026-11-22"), {"privacy_site": {"district": "D"}}
    )
    shown = [str(p) for p in content.problems if p.severity == "error"]
    assert [s for s in shown if s.startswith(f"{file}:{line}") and message in s], shown


@pytest.mark.build
@pytest.mark.parametrize("case", sorted(DECODED))
def test_decoded_text_fails_the_build_and_check_alike(case: str, tmp_path: Path) -> None:
    import sys

    project = _decoded_project(tmp_path, case)
    file, _, _, line, message = DECODED[case]
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["SOURCE_DATE_EPOCH"] = "1795363200"  # 2026-11-22
    runs = {
        "build": [str(bin_dir / "mkdocs"), "build", "-d", str(tmp_path / "site")],
        "check": [str(bin_dir / "privacy-site"), "check", "--date", "2026-11-22"],
        "messages": [str(bin_dir / "privacy-site"), "messages", "--date", "2026-11-20"],
    }
    for name, command in runs.items():
        result = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        output = result.stdout + result.stderr
        assert result.returncode != 0, (name, output)
        assert "Traceback" not in output and "\x1b" not in output and "\a" not in output, name
        if name != "messages":
            assert f"{file}:{line}" in output and message in output, (name, output)


def test_text_in_other_scripts_passes_the_rule() -> None:
    from privacy_site.model import text as rules

    for text in (
        "ক্‍ষ তথ্য সুরক্ষা",  # Bengali with a zero-width joiner inside a word
        "می‌خواهم",  # Persian with a zero-width non-joiner
        "الخصوصية في Cambridge Public Schools",
        "የCambridge Public Schools ግላዊነት",
        "Cambridge Public Schools 隐私",
        "개인정보 보호",
        "👩‍👩‍👧",  # an emoji family, joined by U+200D
    ):
        assert rules.text_flaw(text) is None, text
        assert rules.body_flaws(text) == [], text
