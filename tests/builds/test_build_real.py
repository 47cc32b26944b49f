"""The district's real site, built as of its own today: what a parent finds on each page.

These hold for any district's content as it is: the policies are the ones the site lists
(api/policies.json), never named here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, TESTS, Build, district_config, site_base, site_policies

pytestmark = pytest.mark.build


def in_effect(build: Build) -> dict[str, tuple[str, str]]:
    """Policy id -> (title, effective date of the version in effect), as the site lists them."""
    return {
        p["id"]: (
            next(v["title"] for v in p["versions"] if v["effective"] == p["in_effect"]),
            p["in_effect"],
        )
        for p in site_policies(build.site)
        if p["in_effect"]
    }


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(path), "lxml")


def test_the_build_succeeds_and_reports_an_unset_contact(real_build: Build) -> None:
    assert real_build.returncode == 0
    unset = not district_config()["extra"]["privacy_site"].get("contact_email")
    assert ("extra.privacy_site.contact_email is not set" in real_build.output) is unset
    assert "Traceback" not in real_build.output


@pytest.mark.parametrize("main", [True, False], ids=["main-url", "version-url"])
def test_each_policy_has_its_title_and_effective_date(real_build: Build, main: bool) -> None:
    policies = in_effect(real_build)
    assert policies, "the district's site lists a policy in effect"
    for policy, (title, effective) in policies.items():
        check_policy_page(real_build, policy, title, effective, main)


def check_policy_page(build: Build, policy: str, title: str, effective: str, main: bool) -> None:
    real_build = build
    path = f"policies/{policy}/" if main else f"policies/{policy}/{effective}/"
    page = soup(real_build, path)
    assert page.html["lang"] == "en"
    assert page.find("h1").get_text(strip=True) == title
    state = page.select_one(".policy-state--in-effect")
    assert state is not None and state.find("time")["datetime"] == effective
    assert page.title.get_text().startswith(title)
    history = page.select_one(".policy-history")
    assert (history is not None) is main
    if main:  # the version in effect is in the history (staff may have added others)
        links = [a["href"] for row in history.select("tbody tr") for a in row.select("a[href]")]
        assert any(href.endswith(f"policies/{policy}/{effective}/") for href in links), links


def test_the_navigation_lists_every_policy(real_build: Build) -> None:
    policies = in_effect(real_build)
    for path in ("", "student-data-privacy/", f"policies/{next(iter(policies))}/"):
        nav = soup(real_build, path).select_one("nav.md-nav--primary")
        hrefs = {urljoin(f"http://site/{path}", a["href"]) for a in nav.select("a.md-nav__link")}
        for policy in policies:
            assert f"http://site/policies/{policy}/" in hrefs, (path, hrefs)


def test_the_home_page_links_every_policy_the_faq_and_contact(real_build: Build) -> None:
    page = soup(real_build, "")
    article = page.select_one("article")
    links = {a.get_text(" ", strip=True): a["href"] for a in article.find_all("a", href=True)}
    policies = in_effect(real_build)
    for title, _ in policies.values():
        assert links[title].endswith(tuple(f"policies/{p}/" for p in policies))
    assert any(href.endswith("student-data-privacy/") for href in links.values())
    assert any(href.endswith("contact/") for href in links.values())


def test_the_faq_has_stable_question_ids_and_faqpage_jsonld(real_build: Build) -> None:
    page = soup(real_build, "student-data-privacy/")
    questions = page.select("article h2[id]")
    ids = [h["id"] for h in questions]
    assert ids and len(page.select("article h2")) == len(ids)  # every question has an id
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", anchor) for anchor in ids)
    [script] = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    names = [q["name"] for q in data["mainEntity"]]
    assert names == [h.get_text(strip=True).rstrip("¶") for h in questions]
    assert all(q["acceptedAnswer"]["text"].strip() for q in data["mainEntity"])


def test_the_contact_page_says_how_to_reach_the_district_without_an_address(
    real_build: Build,
) -> None:
    page = soup(real_build, "contact/")
    settings = district_config()["extra"]["privacy_site"]
    role = (settings.get("contact_role") or {}).get("en")
    if settings.get("contact_email"):
        return  # the page gives the address (the engine's tests check its words)
    notice = page.select_one(".contact-unset")
    assert notice is not None and (role or "district") in notice.get_text()
    assert page.select('a[href^="mailto:"]') == []


def test_companion_pages_exist(real_build: Build) -> None:
    statement = soup(real_build, "accessibility/").select_one("article").get_text(" ", strip=True)
    assert "(WCAG) 2.2 at level AA" in " ".join(statement.split())
    assert "English text governs" in soup(real_build, "translation-disclaimer/").get_text()


def test_no_page_references_another_host(real_site: Path) -> None:
    """Only the site's own address (its site_url, in canonical and alternate links) may
    be absolute."""
    own = site_base(real_site)
    for html in real_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag, attrs={attr: True}):
                url = element[attr]
                if own and url.startswith(own):
                    continue
                assert not url.startswith(("http:", "https:", "//")), (html, url)


def test_a_broken_link_or_anchor_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    from sitebuild import build_site, fixture_docs

    docs = fixture_docs(
        tmp_path,
        TESTS / "fixtures" / "lifecycle",
        {
            "en/accessibility.md": "# Accessibility\n\nSee [the missing page](missing.md) and "
            "[a missing anchor](contact.md#nowhere).\n"
        },
    )
    build = build_site(tmp_path, docs=docs)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    output = build.output
    # found by the checks `privacy-site check` runs, before any page is rendered
    source = "docs/en/accessibility.md:3"
    assert f"{source}: the link to 'missing.md' goes to no page of the site; write" in output
    assert "such as contact.md or policies/index.md" in output
    said = f"{source}: the link to 'contact.md#nowhere' names the section '#nowhere', which "
    assert said in output, output
    assert "contact.md does not have; its sections are: contact" in output


def test_make_build_never_publishes_a_failed_build(tmp_path: Path) -> None:
    """`make build` replaces site/ only after a clean build: the last good site stays."""
    import shutil
    import subprocess

    root = ROOT
    project = tmp_path / "project"
    project.mkdir()
    for name in (
        "mkdocs.yml",
        "Makefile",
        "requirements.lock",
        "pyproject.toml",
        "vendors.yml",
        "posted.lock",
    ):
        shutil.copy2(root / name, project / name)  # keeps the lock older than the venv
    for name in ("hooks", "overrides", ".venv"):
        (project / name).symlink_to(root / name)
    shutil.copytree(root / "docs", project / "docs")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site")
    (project / "docs" / "en" / "contact.md").write_text("# Contact\n\n[Broken](nowhere.md)\n")
    result = subprocess.run(
        ["make", "build"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0
    assert "nowhere.md" in result.stdout + result.stderr
    assert (project / "site" / "index.html").read_text() == "the last good site"


def test_the_vendor_list_stands_where_the_vendors_page_says(real_build: Build) -> None:
    """``<!-- vendor-list -->`` in docs/en/vendors.md places the registry; cleaning keeps it."""
    article = str(soup(real_build, "vendors/").select_one("article"))
    # The list: a heading per category, or, in a registry with no tool yet (a new
    # district's), the sentence that says so.
    listed = [m.start() for m in re.finditer(r'<h2 id="category-', article)] or [
        article.index("No tools are listed at the moment.")
    ]
    assert article.index('id="browser-controls"') > max(listed)
