"""The vendor registry built into the site at fixed dates: what a parent finds on
/vendors/, on /changes/, in the feed and in /api/vendors.json; and hostile input."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sitebuild import TESTS, Build, build_site, fixture_docs

pytestmark = pytest.mark.build

FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "vendors" / "valid.yml"
BUILT_ON = date(2026, 11, 22)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("vendors")
    docs = fixture_docs(work, FIXTURES / "lifecycle")
    build = build_site(work, docs=docs, when=BUILT_ON, vendors=VALID)
    assert build.returncode == 0, build.output
    return build


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(path), "lxml")


def words(element) -> str:
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(element.get_text(" ", strip=True).split()))


def test_listed_coming_and_gone(site: Build) -> None:
    page = soup(site, "vendors/")
    ids = [s["id"] for s in page.select("section.vendor")]
    assert "site-stats" in ids and "reading-app" in ids
    assert "heatmap-tool" in ids  # announced 2026-11-01, in use from 2026-12-15
    assert ids[-1] == "old-chat"  # removed 2026-06-30: last, under "No longer used"
    assert "new-video" not in ids  # its announcement is not until 2027-01-10
    coming = page.select_one("#heatmap-tool .vendor-coming")
    assert words(coming.select_one("[data-before]")) == "In use from December 15, 2026"
    assert page.select_one("#site-stats .vendor-coming") is None


def test_grouped_by_category_in_the_spec_order(site: Build) -> None:
    page = soup(site, "vendors/")
    headings = [h["id"] for h in page.select("h2[id^=category-]")]
    assert headings == [
        "category-analytics",
        "category-advertising",
        "category-communication",
        "category-hosting",
        "category-learning",
        "category-operations",
        "category-security",
        "category-translation",
        "category-video",
    ]
    toc = [a["href"] for a in page.select(".md-sidebar--secondary a.md-nav__link")]
    # The filter by student data (the registry has a tool with data elements) comes first,
    # as on the page; then each category with its tools.
    assert toc[:3] == ["#by-student-data", "#category-analytics", "#heatmap-tool"]
    assert "#browser-controls" in toc
    first_analytics = page.select_one("#category-analytics").find_next("section")
    assert first_analytics["id"] == "heatmap-tool"  # by name within the category


def test_links_have_names_that_make_sense_out_of_context(site: Build) -> None:
    links = {
        " ".join(a.get_text().split()): a["href"]
        for a in soup(site, "vendors/").select(".vendor-links a")
    }
    assert links["Site Stats privacy policy"] == "https://stats.example.org/privacy"
    assert links["Site Stats terms of use"] == "https://stats.example.org/terms"
    assert links["Opt out of Site Stats"] == "https://stats.example.org/opt-out"
    assert links["Opt out of Ad Network"] == "mailto:optout@ads.example.org"
    assert "Opt out of Visit Counter" not in links
    assert not any(re.search(r"click here|^here$|^link$", name, re.I) for name in links)


def test_opt_out_instructions_and_cookie_tables(site: Build) -> None:
    page = soup(site, "vendors/")
    how = words(page.select_one("#visit-counter .vendor-opt-out-how"))
    assert how.startswith('How to opt out: Turn on "Do Not Track"')
    table = page.select_one("#site-stats .vendor-cookies table")
    assert words(table.caption) == "Cookies set by Site Stats"
    rows = [[words(cell) for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]
    assert rows == [
        ["_ss_id", "Tells visits apart", "2 years"],
        ["_ss_session", "Groups the pages of one visit", "30 minutes"],
        ["_ss_optout", "Remembers that you opted out", "1 year"],
    ]
    assert [th["scope"] for th in table.thead("th")] == ["col", "col", "col"]


def test_student_data_and_its_agreement(site: Build) -> None:
    facts = words(soup(site, "vendors/").select_one("#reading-app .vendor-facts"))
    assert (
        "Receives student record information under a Data Privacy Agreement signed "
        "July 1, 2024. The agreement expires June 30, 2027." in facts
    )
    other = words(soup(site, "vendors/").select_one("#site-stats .vendor-facts"))
    assert "Does not receive student record information." in other


def test_vendor_changes_on_changes_page_banner_and_feed(site: Build) -> None:
    page = soup(site, "changes/")
    upcoming = [li["id"] for li in page.select("#upcoming + ul > li")]
    past = [li["id"] for li in page.select("#past + ul > li")]
    assert upcoming == [  # soonest first
        "vendor-heatmap-tool-added",
        "policy-sample-policy-2026-12-22",
        "vendor-video-host-removed",
    ]
    assert "vendor-old-chat-removed" in past
    banner = words(soup(site, "contact/").select_one(".md-banner"))
    assert "The district's websites start using Heatmap Tool on December 15, 2026." in banner
    feed = feedparser.parse((site.site / "changes/feed.xml").read_bytes())
    titles = {entry.title for entry in feed.entries}
    assert {"Heatmap Tool", "Old Chat"} <= titles
    link = page.select_one("#vendor-heatmap-tool-added a")["href"]
    assert link.endswith("vendors/#heatmap-tool")


def test_the_api_is_the_registry_as_published_today(site: Build) -> None:
    data = json.loads((site.site / "api/vendors.json").read_text(encoding="utf-8"))
    states = {v["id"]: v["state"] for v in data["vendors"]}
    assert states["heatmap-tool"] == "coming"
    assert states["site-stats"] == "in-use"
    assert "new-video" not in states and "old-chat" not in states
    assert data["removed"] == [{"id": "old-chat", "name": "Old Chat", "removed": "2026-06-30"}]


HOSTILE = '<script>alert(1)</script><b>bold</b> & "quotes"'


def hostile_registry(path: Path, link: str = "https://example.org/privacy") -> Path:
    text = json.dumps(HOSTILE)  # a JSON string is a valid YAML double-quoted scalar
    path.write_text(
        f"""vendors:
  - id: evil-tool
    name: {text}
    provider: {text}
    category: analytics
    purpose: {text}
    data_collected:
      - {text}
    cookies:
      - {{name: {text}, purpose: {text}, expires: {text}}}
    student_data: true
    agreement: {{type: {text}, signed: 2024-01-01}}
    links:
      privacy_policy: {link}
    opt_out_instructions: {text}
    announced: 2026-10-01
    added: 2026-11-01
""",
        encoding="utf-8",
    )
    return path


def test_markup_in_every_text_field_is_shown_as_text(tmp_path: Path) -> None:
    docs = fixture_docs(tmp_path, FIXTURES / "lifecycle")
    build = build_site(
        tmp_path, docs=docs, when=BUILT_ON, vendors=hostile_registry(tmp_path / "v.yml")
    )
    assert build.returncode == 0, build.output
    for path in ("vendors/", "changes/", ""):
        html = build.html(path)
        page = BeautifulSoup(html, "lxml")
        assert page.find("b", string="bold") is None, path
        scripts = [s.string or "" for s in page.find_all("script")]
        assert not any("alert(1)" in s for s in scripts), path
    toc = BeautifulSoup(build.html("vendors/"), "lxml").select_one(".md-sidebar--secondary")
    assert HOSTILE in toc.get_text()  # the table of contents shows the name as text too
    section = BeautifulSoup(build.html("vendors/"), "lxml").select_one("#evil-tool")
    text = section.get_text()
    assert text.count(HOSTILE) >= 7  # name, provider, purpose, data, cookie x3, agreement, ...
    api = json.loads((build.site / "api/vendors.json").read_text(encoding="utf-8"))
    assert api["vendors"][0]["name"] == HOSTILE
    feed_bytes = (build.site / "changes/feed.xml").read_bytes()
    assert b"<script>" not in feed_bytes
    feed = feedparser.parse(feed_bytes)
    assert feed.bozo == 0
    assert HOSTILE in {entry.title for entry in feed.entries}


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]
)
def test_no_javascript_or_data_url_reaches_an_href(tmp_path: Path, link: str) -> None:
    docs = fixture_docs(tmp_path, FIXTURES / "lifecycle")
    registry = hostile_registry(tmp_path / "v.yml", link=json.dumps(link))
    build = build_site(tmp_path, docs=docs, when=BUILT_ON, vendors=registry)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert re.search(r"vendor\b.*, links\.privacy_policy: .* is not a full address", build.output)
    assert not (build.site / "vendors/index.html").exists()


# Tools, said truthfully (issue 11) --------------------------------------------------------


def test_a_tool_no_longer_used_keeps_its_anchor_under_no_longer_used(site: Build) -> None:
    page = soup(site, "vendors/")
    section = page.select_one("section#old-chat")
    assert section is not None
    heading = section.find_previous("h2")
    assert heading["id"] == "no-longer-used" and words(heading) == "No longer used"
    assert words(section.select_one(".vendor-stopped")) == "No longer used since June 30, 2026."
    assert section.select_one(".vendor-opt-out") is None  # nothing left to opt out of
    assert "no-longer-used" in [a["href"].split("#")[-1] for a in page.select(".md-nav a")]
    changes = soup(site, "changes/")
    link = changes.select_one("#vendor-old-chat-removed a")["href"]
    assert link.endswith("vendors/#old-chat")  # lands on the section above
    said = words(changes.select_one("#vendor-old-chat-removed"))
    assert "The district stopped using Old Chat on June 30, 2026." in said
    assert "Posted" not in said  # the file does not say when the removal was posted


def test_a_removal_to_come_says_when_the_tool_stops(site: Build) -> None:
    page = soup(site, "vendors/")
    stops = page.select_one("#video-host .vendor-stops")
    assert words(stops.select_one("[data-before]")) == "Stops on January 31, 2027."
    assert words(stops.select_one("[data-after]")) == "No longer used since January 31, 2027."
    assert page.select_one("#video-host").find_previous("h2")["id"] == "category-video"
    item = soup(site, "changes/").select_one("#upcoming + ul > li#vendor-video-host-removed")
    said = words(item.select_one("[data-before]"))
    assert said == "The district stops using Video Host on January 31, 2027."
    assert "Posted" not in words(item)
    feed = feedparser.parse((site.site / "changes/feed.xml").read_bytes())
    assert "Video Host" not in {entry.title for entry in feed.entries}  # not until its day


def test_cookies_that_are_none_differ_from_cookies_not_listed(site: Build) -> None:
    page = soup(site, "vendors/")

    def cookies(vendor: str) -> str:
        return words(page.select_one(f"#{vendor} .vendor-facts dt:-soup-contains('Cookies') + dd"))

    assert cookies("web-host") == "Sets no cookies."
    assert cookies("heatmap-tool") == "The district has not listed the cookies this tool sets."
    assert "Cookies set by Site Stats" in cookies("site-stats")
    assert re.search(
        r"vendors\.yml:\d+:\d+: vendor 'heatmap-tool', cookies: not listed, so the vendors page "
        r"says the district has not listed this tool's cookies; .*'cookies: \[\]'",
        site.output,
    ), site.output
    assert "vendor 'web-host', cookies" not in site.output
    assert site.returncode == 0  # a warning, not an error


def test_each_tool_change_is_said_of_whoever_uses_it_in_the_tense_of_the_day(
    site: Build,
) -> None:
    page = soup(site, "changes/")
    heatmap = page.select_one("#vendor-heatmap-tool-added")
    assert (
        words(heatmap.select_one("[data-before]"))
        == "The district's websites start using Heatmap Tool on December 15, 2026."
    )
    assert (
        words(heatmap.select_one("[data-after]"))
        == "The district's websites have used Heatmap Tool since December 15, 2026."
    )
    reading = words(page.select_one("#vendor-reading-app-added"))
    assert "Schools and classrooms have used Reading App since August 15, 2024." in reading
    for item in page.select("li[id^=vendor-]"):
        assert "Read the new version" not in words(item), item["id"]
        assert "will be used" not in words(item), item["id"]


def test_tools_in_spanish_keep_their_anchors_and_say_it_in_spanish(two_languages: Build) -> None:
    page = soup(two_languages, "es/vendors/")
    section = page.select_one("section#old-chat")
    assert section.find_previous("h2")["id"] == "no-longer-used"
    assert "junio de 2026" in words(section.select_one(".vendor-stopped"))
    assert "No longer used" not in words(page.select_one("#no-longer-used"))
    changes = soup(two_languages, "es/changes/")
    assert changes.select_one("#vendor-old-chat-removed a")["href"].endswith("vendors/#old-chat")
