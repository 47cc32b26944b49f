# ruff: noqa: RUF001, RUF003 -- look-alike letters from other scripts are the point here
"""Links to other sites, read as a browser reads them (``privacy_site.model.addresses``): one rule
for vendors.yml and for page text, the same in ``privacy-site check`` and in the build.

Issue 22 ("links that are not what they look like") and issue 23 (an adopted policy's
``http://`` links build, with a located warning).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from privacy_site.html import sanitize
from privacy_site.model import addresses
from sitebuild import TESTS, Build, build_site, fixture_docs, scratch_project

FIXTURES = TESTS / "fixtures"
CORPUS = FIXTURES / "corpus" / "github-privacy-statement"
CLI = Path(sys.executable).parent / "privacy-site"

# Refused wherever a link is written, with the words that say why.
HOSTILE = [
    ("https://gооgle.com/", "mixes Cyrillic and Latin letters in 'gооgle'"),  # Cyrillic о
    ("https://xn--ggle-55da.com/", "a browser shows it as xn--ggle-55da.com"),  # the same
    ("https://ѕсhооl.example.org/", "mixes Cyrillic and Latin"),
    ("https://аррӏе.com/", "every letter of 'аррӏе'"),  # all Cyrillic, each looks Latin
    ("https://gοοgle.com/", "mixes Greek and Latin"),  # Greek omicron
    ("https://example.com⁄evil.com/", "'⁄' (U+2044)"),  # a fraction slash, read as '/'
    ("https://a‐b.org/", "'‐' (U+2010)"),  # a Unicode hyphen
    ("https://i❤.ws/", "'❤' (U+2764)"),
    ("https://xn--zz.com/", "the label 'xn--zz'"),  # punycode that decodes to nothing valid
    ("https://example.org\\@evil.com/", "backslash"),  # a browser opens example.org/@evil.com
    ("https:\\\\evil.com/", "backslash"),
    ("https://evil.com\\.example.org/", "backslash"),  # a browser opens evil.com
    ("/\\evil.com/", "backslash"),  # relative, yet a browser opens https://evil.com/
    ("https://127.0.0.1/", "IP address, 127.0.0.1"),
    ("https://0x7f.1/", "IP address, 127.0.0.1"),  # hex, as a browser reads it
    ("https://2130706433/", "IP address, 127.0.0.1"),
    ("https://10.0.0.1/", "IP address"),
    ("https://[::1]/", "IP address, [::1]"),
    ("https://localhost/", "not a public site's name"),
    ("https://printer.local/", "not a public site's name"),
    ("https://router.home.arpa/", "not a public site's name"),
    ("https://example.org:70000/", "port :70000 is above 65535"),
    ("https://ex ample.org/", "contains a space"),
    ("https://example.org/a b", "contains a space"),
    ("https://user:pw@example.org/", "user name or password"),
    ("http://127.0.0.1/", "IP address"),  # http:// is a warning, a hostile host is not
    ("http://gооgle.com/", "mixes Cyrillic and Latin"),
    ("mailto:help@gооgle.com", "mixes Cyrillic and Latin"),
    ("javascript:alert(1)", "links are https:// or mailto:"),
    ("https://", "needs the site's name"),
]
# One script a label, as a Chinese, Arabic, Greek or Russian site's name is: published.
FINE = [
    "https://example.org/privacy?x=1#y",
    "https://例子.中国/",
    "https://مثال.إختبار/",
    "https://παράδειγμα.δοκιμή/",
    "https://пример.com/",  # Cyrillic, but not every letter looks Latin
    "https://госуслуги.рф/",
    "https://日本語ドメイン.jp/",  # Han with Katakana: a Japanese name
    "https://münchen.de/",
    "https://straße.de/",
    "https://example.org:443/",  # the standard port, said aloud
    "mailto:privacy@example.org",
    "../policies/",
    "#section",
]


@pytest.mark.parametrize(("address", "why"), HOSTILE)
def test_an_address_that_is_not_what_it_looks_like_is_refused_everywhere(
    address: str, why: str
) -> None:
    for page_text in (True, False):
        verdict = addresses.judge(address, page_text=page_text)
        assert verdict is not None and verdict.severity == "error", (address, verdict)
        assert why in verdict.reason, verdict.reason
    html = f'<p><a href="{address}">x</a></p>'
    assert any(why in str(f) and f.severity == "error" for f in sanitize.check(html))
    assert address not in sanitize.clean(html)  # the link loses its address, keeps its text


@pytest.mark.parametrize("address", FINE)
def test_a_plain_or_single_script_address_is_fine(address: str) -> None:
    assert addresses.judge(address, page_text=True) is None
    assert addresses.judge(address) is None
    assert sanitize.check(f'<p><a href="{address}">x</a></p>') == []


def test_http_is_a_warning_in_page_text_and_an_error_for_a_vendor() -> None:
    page = addresses.judge("http://optout.aboutads.info/", page_text=True)
    assert page is not None and page.severity == "warning"
    assert "ask whether an https:// address exists" in page.reason
    vendor = addresses.judge("http://optout.aboutads.info/")
    assert vendor is not None and vendor.severity == "error"
    html = '<p><a href="http://optout.aboutads.info/">DAA</a></p>'
    assert sanitize.clean(html) == html  # published as adopted


def test_a_port_is_a_warning_in_page_text_and_an_error_for_a_vendor() -> None:
    page = addresses.judge("https://example.org:8443/", page_text=True)
    vendor = addresses.judge("https://example.org:8443/")
    assert page is not None and page.severity == "warning" and ":8443" in page.reason
    assert vendor is not None and vendor.severity == "error"


def test_an_http_image_is_still_refused() -> None:
    [finding] = sanitize.check('<p><img src="http://example.org/pixel.gif" alt=""></p>')
    assert finding.severity == "error" and "images must be files" in str(finding)


# Builds and privacy-site check: the same verdicts ----------------------------------------

HOSTILE_PAGE = """---
title: Links
effective: 2020-01-01
---

Intro.

A [look-alike](https://gооgle.com/privacy) site.

A [slanted](https:\\\\evil.com/) link.

A [machine](https://127.0.0.1/admin) link.

A [spaced](https://example.org/opt out) link.

A [far port](https://example.org:70000/) link.

An [old](http://optout.aboutads.info/) link.
"""
HOSTILE_LINES = [
    (8, "error", "mixes Cyrillic and Latin letters in 'gооgle'"),
    (10, "error", "backslash"),
    (12, "error", "IP address, 127.0.0.1"),
    (14, "error", "contains a space"),
    (16, "error", "port :70000 is above 65535"),
    (18, "warning", "ask whether an https:// address exists"),
]


def _policy_tree(root: Path, policy: str, files: dict[str, str]) -> Path:
    folder = root / "en" / "policies" / policy
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return root


def _project(work: Path, tree: Path, vendors: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    return scratch_project(work, tree, vendors)


def _check(project: Path, day: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), "check", "--date", day],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.build
def test_check_and_the_build_refuse_the_same_links_on_the_same_lines(tmp_path: Path) -> None:
    tree = _policy_tree(tmp_path / "tree", "links", {"2020-01-01.md": HOSTILE_PAGE})
    build = build_site(
        tmp_path / "b", docs=fixture_docs(tmp_path / "b", tree), when=date(2026, 1, 5)
    )
    project = _project(tmp_path / "c", tree, FIXTURES / "vendors" / "valid.yml")
    checked = _check(project, "2026-01-05")
    source = "docs/en/policies/links/2020-01-01.md"
    assert build.returncode == 1 and "Traceback" not in build.output
    assert checked.returncode == 1 and "Traceback" not in checked.stdout + checked.stderr
    for line, severity, why in HOSTILE_LINES:
        for output in (build.output, checked.stdout):
            found = [row for row in output.splitlines() if f"{source}:{line}: " in row]
            assert found and why in found[0], (line, why, output)
            if severity == "warning":
                assert "cannot be published" not in found[0]
    built = [row for row in build.output.splitlines() if f"{source}:18: " in row]
    assert built[0].lstrip().startswith("WARNING")


@pytest.mark.build
def test_a_look_alike_vendor_link_is_refused_by_check_and_the_build(tmp_path: Path) -> None:
    vendors = tmp_path / "vendors.yml"
    text = (FIXTURES / "vendors" / "valid.yml").read_text(encoding="utf-8")
    vendors.write_text(text.replace("https://stats.example.org/", "https://gооgle.com/"), "utf-8")
    line = 19  # the first vendor's privacy_policy
    plain = "---\ntitle: P\neffective: 2020-01-01\n---\n\nText.\n"
    tree = _policy_tree(tmp_path / "tree", "plain", {"2020-01-01.md": plain})
    docs = fixture_docs(tmp_path / "b", tree)
    build = build_site(tmp_path / "b", docs=docs, when=date(2026, 1, 5), vendors=vendors)
    project = _project(tmp_path / "c", tree, vendors)
    checked = _check(project, "2026-01-05")
    assert build.returncode == 1 and checked.returncode == 1
    for output in (build.output, checked.stdout):
        assert f"vendors.yml:{line}:" in output, output
        assert "a browser shows it as xn--ggle-55da.com" in output, output


# Issue 23: real legal text, as adopted -------------------------------------------------


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, subprocess.CompletedProcess]:
    """Two real versions of a published privacy statement, as published (``http://``
    links and all; 2022-12-15 is left out for its broken '#resolving-complaints')."""
    work = tmp_path_factory.mktemp("adopted")
    tree = work / "tree" / "en" / "policies" / "github-privacy-statement"
    tree.mkdir(parents=True)
    for name in ("2023-10-10.md", "2024-02-01.md"):
        shutil.copy(CORPUS / name, tree / name)
    build = build_site(
        work / "b", docs=fixture_docs(work / "b", work / "tree"), when=date(2024, 3, 1)
    )
    project = _project(work / "c", work / "tree", FIXTURES / "vendors" / "valid.yml")
    return build, _check(project, "2024-03-01")


@pytest.mark.build
def test_adopted_legal_text_with_http_links_builds_with_located_warnings(adopted) -> None:
    build, checked = adopted
    assert build.returncode == 0, build.output
    source = "docs/en/policies/github-privacy-statement/2024-02-01.md"
    for output in (build.output, checked.stdout):
        rows = [row for row in output.splitlines() if f"{source}:252: " in row]
        assert rows, output
        assert "'http://optout.aboutads.info/'" in "".join(rows)
        assert "ask whether an https:// address exists" in rows[0]
        assert f"{source}:254: the address 'http://www.youronlinechoices.com/'" in output
    assert "0 errors" in checked.stdout and checked.returncode == 0, checked.stdout
    page = BeautifulSoup(build.html("policies/github-privacy-statement/"), "lxml")
    hrefs = [a.get("href") for a in page.select("article a")]
    assert "http://optout.aboutads.info/" in hrefs  # the link is published as adopted


@pytest.mark.build
def test_a_page_with_an_http_link_keeps_a_policy_that_allows_no_http_fetch(adopted) -> None:
    """A link is navigation, which the Content-Security-Policy does not govern: the page's
    policy still fetches nothing from another host, over http:// or at all."""
    build, _ = adopted
    page = BeautifulSoup(build.html("policies/github-privacy-statement/"), "lxml")
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "http:" not in policy and "*" not in policy
    assert "upgrade-insecure-requests" not in policy  # would not reach another host anyway
    assert "navigate-to" not in policy


@pytest.mark.build
def test_an_http_warning_is_said_once_though_other_languages_show_the_page(tmp_path: Path) -> None:
    """Spanish shows the English policy (no translation): the build of each language reads
    the page, and the reminder is given once, for the file staff edit."""
    page = "---\ntitle: P\neffective: 2020-01-01\n---\n\nSee [NAI](http://optout.networkadvertising.org/).\n"
    tree = _policy_tree(tmp_path / "tree", "plain", {"2020-01-01.md": page})
    docs = fixture_docs(tmp_path / "b", tree)
    build = build_site(tmp_path / "b", docs=docs, when=date(2026, 1, 5), languages=["en", "es"])
    assert build.returncode == 0, build.output
    assert (build.site / "es" / "policies" / "plain" / "index.html").exists()
    warned = [row for row in build.output.splitlines() if "networkadvertising" in row]
    assert len(warned) == 1, warned
    assert warned[0].startswith("WARNING -  docs/en/policies/plain/2020-01-01.md:6: ")
