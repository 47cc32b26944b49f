"""A district under a state profile: each state's complete registry builds, and /vendors/
shows what the law asks (data elements, the agreement, the details under a disclosure that
opens without JavaScript, a filter by data element made of links), in Arabic right to left;
/api/vendors.json and /api/vendors.csv carry every field and validate against their schemas;
a registry missing New York's fields refuses to build, naming each."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from sitebuild import TESTS, Build, build_site, config_with, fixture_docs

pytestmark = pytest.mark.build

STATES = TESTS / "fixtures" / "vendors" / "states"
BUILT_ON = date(2026, 11, 22)
COPY = "en/contracts/reading-app-2026.pdf"
SCHEMAS = TESTS.parent / "hooks" / "privacy_site" / "outputs"


def _build(work: Path, state: str, vendors: Path, languages: list[str]) -> Build:
    docs = fixture_docs(
        work,
        TESTS / "fixtures" / "lifecycle",
        {COPY: (STATES / "docs" / COPY).read_text(encoding="utf-8")},
    )
    config = config_with()
    config["extra"]["privacy_site"]["state"] = state
    return build_site(
        work, docs=docs, when=BUILT_ON, vendors=vendors, config=config, languages=languages
    )


@pytest.fixture(scope="module")
def ny_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = _build(tmp_path_factory.mktemp("ny"), "NY", STATES / "complete.yml", ["en", "ar"])
    assert build.returncode == 0, build.output
    return build


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(path), "lxml")


def words(element) -> str:
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(element.get_text(" ", strip=True).split()))


def test_the_data_elements_as_a_short_list(ny_site: Build) -> None:
    tool = soup(ny_site, "vendors/").select_one("section#reading-app")
    items = [words(li) for li in tool.select(".vendor-data-elements li")]
    assert items == [  # in the schedule's order
        "Test and assessment results",
        "Enrollment, such as school and grade",
        "Student ID numbers",
        "Student work",
        "The books a student has read",
    ]


def test_the_agreement_with_its_dates_and_links(ny_site: Build) -> None:
    tool = soup(ny_site, "vendors/").select_one("section#reading-app")
    text = words(tool)
    assert "signed September 1, 2026" in text and "expires June 30, 2029" in text
    links = {words(a): a["href"] for a in tool.select(".vendor-agreement a")}
    assert links["Where the Reading App agreement is published"] == (
        "https://reading.example.org/district-agreement"
    )
    copy = links["Reading App data agreement"]
    assert copy.endswith("contracts/reading-app-2026.pdf")
    assert (ny_site.site / "contracts" / "reading-app-2026.pdf").is_file()


def test_the_rest_under_a_disclosure_that_needs_no_script(ny_site: Build) -> None:
    tool = soup(ny_site, "vendors/").select_one("section#reading-app")
    details = tool.select_one("details.vendor-law")
    assert words(details.summary) == "Details required by New York law"
    facts = {words(dt): words(dt.find_next_sibling("dd")) for dt in details.select("dt")}
    assert facts["Where the data is stored"] == "United States (a cloud provider's data centers)"
    assert facts["Encryption"] == (
        "Encrypted when sent over networks. Encrypted where it is stored."
    )
    assert facts["Shared with"] == "Example Cloud Hosting Inc.: Hosts the service and its data."
    assert set(facts) == {
        "Used only for",
        "Shared with",
        "How those it shares the data with are bound",
        "When the contract ends",
        "How to challenge the accuracy of the data",
        "Where the data is stored",
        "Security protections",
        "Encryption",
    }
    # A tool that receives no student data has no such disclosure.
    assert soup(ny_site, "vendors/").select_one("section#site-search details") is None


def test_a_filter_by_data_element_made_of_links(ny_site: Build) -> None:
    page = soup(ny_site, "vendors/")
    item = page.select_one("ul.vendor-elements li#data-assessment")
    assert [a["href"] for a in item.select("a")] == ["#reading-app"]
    ids = [li["id"] for li in page.select("ul.vendor-elements li")]
    assert ids == [
        "data-assessment",
        "data-enrollment",
        "data-student-identifiers",
        "data-student-work",
        "data-other",
    ]
    toc = [a["href"] for a in page.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc[:2] == ["#by-student-data", "#category-hosting"]
    downloads = {words(a): a["href"] for a in page.select(".vendor-downloads a")}
    assert downloads["a spreadsheet (CSV)"].endswith("api/vendors.csv")


def test_arabic_reads_right_to_left_in_its_own_words(ny_site: Build) -> None:
    page = soup(ny_site, "ar/vendors/")
    assert page.html["lang"] == "ar" and page.body["dir"] == "rtl"
    labels = [words(li) for li in page.select("#reading-app .vendor-data-elements li")]
    assert labels[0] != "Test and assessment results"
    assert re.search(r"[\u0600-\u06ff]", labels[0])
    summary = words(page.select_one("#reading-app details.vendor-law summary"))
    assert re.search(r"[\u0600-\u06ff]", summary)


def test_json_and_csv_carry_every_field_and_validate(ny_site: Build) -> None:
    document = json.loads((ny_site.site / "api" / "vendors.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "vendors-api.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(document)
    reading = next(v for v in document["vendors"] if v["id"] == "reading-app")
    assert reading["data_elements"][:2] == ["assessment", "enrollment"]
    assert reading["encryption"] == {"in_motion": True, "at_rest": True}
    assert reading["agreement"]["general_offer"] is True
    table = (ny_site.site / "api" / "vendors.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(table)))
    csv_schema = json.loads((SCHEMAS / "vendors-csv.schema.json").read_text(encoding="utf-8"))
    assert list(rows[0]) == list(csv_schema["properties"])
    for row in rows:
        Draft202012Validator(csv_schema).validate(row)
    by_id = {row["id"]: row for row in rows}
    assert by_id["reading-app"]["data_elements"] == (
        "assessment; enrollment; student-identifiers; student-work; other"
    )
    assert by_id["reading-app"]["subprocessors"] == "Example Cloud Hosting Inc."
    assert by_id["site-search"]["student_data"] == "no"


@pytest.mark.parametrize("state", ["CT", "CO", "MA"])
def test_each_states_complete_registry_builds(
    tmp_path_factory: pytest.TempPathFactory, state: str
) -> None:
    build = _build(tmp_path_factory.mktemp(state), state, STATES / "complete.yml", ["en"])
    assert build.returncode == 0, build.output
    title = {
        "CT": "Details required by Connecticut law",
        "CO": "Details required by Colorado law",
        "MA": "Details of the data privacy agreement",
    }[state]
    summary = soup(build, "vendors/").select_one("#reading-app details.vendor-law summary")
    assert words(summary) == title


def test_a_registry_missing_new_yorks_fields_does_not_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    build = _build(tmp_path_factory.mktemp("ny-missing"), "NY", STATES / "missing.yml", ["en"])
    assert build.returncode != 0
    for line in (STATES / "missing-NY.expected").read_text(encoding="utf-8").splitlines():
        assert line in build.output
    assert "Traceback" not in build.output


@pytest.fixture(scope="module")
def updates_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("updates")
    docs = fixture_docs(work, TESTS / "fixtures" / "lifecycle")
    updates = TESTS / "fixtures" / "vendors" / "updates.yml"
    build = build_site(work, docs=docs, when=BUILT_ON, vendors=updates)
    assert build.returncode == 0, build.output
    return build


def test_a_change_to_a_tools_data_is_announced_like_an_addition(updates_site: Build) -> None:
    changes = soup(updates_site, "changes/")
    upcoming = changes.select_one("#upcoming").find_next("ul")
    item = upcoming.select_one("li#vendor-reading-app-changed-2026-12-15")
    text = words(item)
    assert "What Reading App receives or shares changes on December 15, 2026." in text
    assert "Posted November 10, 2026." in text
    assert "The student data Reading App receives changes." in text
    banner = words(soup(updates_site, "").select_one(".change-banner"))
    assert "What Reading App receives or shares changes on December 15, 2026." in banner
    feed = (updates_site.site / "changes" / "feed.xml").read_text(encoding="utf-8")
    assert (
        "The student data Reading App receives changes. Takes effect on December 15, 2026." in feed
    )
    messages = json.loads((updates_site.site / "api" / "messages.json").read_text("utf-8"))
    kinds = {a["id"]: a["type"] for a in messages["announcements"]}
    assert kinds["vendor/reading-app/changed/2026-12-15"] == "vendor-changed"
    # Until the day it takes effect, the page shows the lists in force.
    page = soup(updates_site, "vendors/")
    listed = [li["data-element"] for li in page.select("#reading-app .vendor-data-elements li")]
    assert listed == ["assessment", "enrollment"]


@pytest.mark.tools
def test_the_vendors_page_with_every_disclosure_is_valid_html(
    ny_site: Build, tmp_path: Path
) -> None:
    from test_html_valid import assert_valid

    for path in ("vendors", "ar/vendors"):
        target = tmp_path / path / "index.html"
        target.parent.mkdir(parents=True)
        shutil.copy(ny_site.page(f"{path}/"), target)
    assert_valid(tmp_path)
