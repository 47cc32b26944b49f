"""The district's own tests: what any district's content, as it is, must keep.

The engine's tests build the tests' own district (tests/fixtures/district); these read
the district's: its mkdocs.yml, docs/, vendors.yml and posted.lock, built as of its own
today. They name no policy, language, vendor or date: each is found in the district's own
lists (its mkdocs.yml, api/policies.json, api/vendors.json), so a district that replaces
Cambridge's content passes them unedited. The rest of this layer: the real build's pages
(test_build_real.py), the browser sweep of every page (test_browser.py), the record
(test_record.py) and fidelity to the district's recorded source documents
(test_fidelity.py, where the district keeps them in tests/seeds).
"""

from __future__ import annotations

import json
from html import unescape

import pytest
from bs4 import BeautifulSoup
from sitebuild import Build, district_languages, site_policies

pytestmark = pytest.mark.build


def english_pages(build: Build) -> list[str]:
    """Every page of the default language, as a site path (``""``, ``policies/x/``)."""
    others = set(district_languages()[1:])
    pages = []
    for html in sorted(build.site.rglob("index.html")):
        path = html.parent.relative_to(build.site).as_posix()
        path = "" if path == "." else path + "/"
        if path.split("/", 1)[0] in others or path.startswith(("api/", "search/", "assets/")):
            continue
        if path == "staff/messages/":  # staff's page: every language's messages on one page
            continue
        pages.append(path)
    return pages


def test_every_page_is_built_in_every_language_of_the_district(real_build: Build) -> None:
    """A page missing in one language is a dead link in that language's menu."""
    pages = english_pages(real_build)
    assert "" in pages and len(pages) > 1, pages
    missing = [
        f"{lang}/{path}"
        for lang in district_languages()[1:]
        for path in pages
        if not (real_build.site / lang / path / "index.html").is_file()
    ]
    assert not missing, missing


def test_every_policy_the_site_lists_has_every_version_page(real_build: Build) -> None:
    policies = site_policies(real_build.site)
    assert policies, "the district's site lists its policies"
    for policy in policies:
        for version in policy["versions"]:
            page = real_build.site / version["url"].lstrip("/") / "index.html"
            assert page.is_file(), (policy["id"], version["url"])


def test_every_vendor_is_on_the_vendors_page_with_its_links_in_every_language(
    real_build: Build,
) -> None:
    listed = json.loads((real_build.site / "api" / "vendors.json").read_text("utf-8"))
    vendors = listed["vendors"]
    for lang in district_languages():
        prefix = "" if lang == district_languages()[0] else f"{lang}/"
        page = BeautifulSoup(
            (real_build.site / prefix / "vendors" / "index.html").read_text("utf-8"), "lxml"
        )
        hrefs = {unescape(a["href"]) for a in page.select("article a[href]")}
        for vendor in vendors:
            if vendor["state"] == "removed":
                continue
            assert page.find(id=vendor["id"]) is not None, (lang, vendor["id"])
            for kind, url in (vendor.get("links") or {}).items():
                assert url in hrefs, (lang, vendor["id"], kind, url)
