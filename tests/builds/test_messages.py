"""Ready-to-send messages for announced changes: /api/messages.json on the two-language
fixture site (inside the notice windows of a policy version, a tool's addition and a
tool's removal), and `privacy-site messages --date`, which prints those posted that day."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, LIFECYCLE_FIXTURE, all_languages, two_languages_build
from privacy_site.languages.language import load_language
from privacy_site.outputs.sms import segments
from sitebuild import Build, config_with, scratch_project

pytestmark = pytest.mark.build

# The tests' own district's name (tests/fixtures/district/mkdocs.yml), never the district's.
DISTRICT = config_with()["extra"]["privacy_site"]["district"]
# Words of the English messages that must not survive in another language's message.
ENGLISH = re.compile(
    r"\b(the|will|from|more|privacy|notice|version|changes?|new|use|using|read|about|"
    r"this|message|computer|english|governs|what|it|is|for|its|on|stops?)\b",
    re.IGNORECASE,
)
NAMES = (DISTRICT, "Heatmap Tool", "Video Host", "Sample Policy")


@pytest.fixture(scope="module")
def document() -> dict:
    build = two_languages_build()
    assert build.returncode == 0, build.output
    return json.loads((build.site / "api" / "messages.json").read_text(encoding="utf-8"))


def by_id(document: dict) -> dict[str, dict]:
    return {item["id"]: item for item in document["announcements"]}


def test_every_announcement_has_messages_in_every_language(document: dict) -> None:
    assert document["today"] == "2026-11-22"
    found = by_id(document)
    assert set(found) == {
        "policy/sample-policy/2026-12-22",
        "vendor/heatmap-tool/added",
        "vendor/video-host/removed",
    }
    assert found["policy/sample-policy/2026-12-22"]["type"] == "policy"
    assert found["vendor/heatmap-tool/added"]["type"] == "vendor-added"
    assert found["vendor/video-host/removed"]["effective"] == "2027-01-31"
    for item in found.values():
        assert set(item["messages"]) == {"en", "es"}, item["id"]
        for lang, sent in item["messages"].items():
            prefix = "/" if lang == "en" else f"/{lang}/"
            assert sent["url"].startswith(prefix), sent
            assert sent["url"] in sent["sms"] and sent["url"] in sent["body"], sent
            assert "\n" not in sent["sms"] and sent["subject"] and "\n" not in sent["subject"]
            assert sent["sms_segments"] == segments(sent["sms"]).count >= 1, sent
    policy = found["policy/sample-policy/2026-12-22"]["messages"]
    assert policy["en"]["url"] == "/policies/sample-policy/2026-12-22/changes/"
    assert "Messages are kept for three years" in policy["en"]["body"]  # the summary


def test_dates_are_written_the_local_way(document: dict) -> None:
    policy = by_id(document)["policy/sample-policy/2026-12-22"]["messages"]
    assert (
        "December 22, 2026" in policy["en"]["sms"]
        and "December 22, 2026" in policy["en"]["subject"]
    )
    assert "22 de diciembre de 2026" in policy["es"]["sms"]
    assert "December" not in json.dumps(policy["es"])


def test_no_english_in_another_languages_message_beyond_names(document: dict) -> None:
    for item in document["announcements"]:
        sent = item["messages"]["es"]
        for field in ("sms", "subject", "body"):
            text = sent[field].replace(sent["url"], " ")
            for name in NAMES:
                text = text.replace(name, " ")
            leftover = ENGLISH.findall(text)
            assert not leftover, (item["id"], field, leftover, sent[field])
        # The fixture's policy has no Spanish text: its English summary is left out.
        assert "three years" not in sent["body"]
        assert sent["body"].count("\n\n") >= 1


def test_the_english_message_does_not_say_it_was_machine_translated(document: dict) -> None:
    for item in document["announcements"]:
        english, spanish = item["messages"]["en"]["body"], item["messages"]["es"]["body"]
        assert "translated by a computer" not in english
        assert spanish.splitlines()[-1] != english.splitlines()[-1]


def test_the_site_address_makes_links_absolute(tmp_path: Path) -> None:
    from privacy_site.outputs.messages import absolute_url

    assert absolute_url("https://privacy.example.org/")("/es/vendors/#x") == (
        "https://privacy.example.org/es/vendors/#x"
    )
    assert absolute_url(None)("policies/p/") == "/policies/p/"


def run_messages(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "privacy-site"), "--config"]
    return subprocess.run(
        [*command, str(project / "mkdocs.yml"), "messages", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_messages_prints_exactly_the_announcements_posted_that_day(tmp_path: Path) -> None:
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = "https://privacy.example.org/"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    posted = run_messages(project, "--date", "2026-11-20")
    assert posted.returncode == 0, posted.stderr
    headers = re.findall(r"^=== (\S+) \[(\w+)\] ===$", posted.stdout, re.MULTILINE)
    assert headers == [("policy/sample-policy/2026-12-22", "en")], posted.stdout
    assert "https://privacy.example.org/policies/sample-policy/2026-12-22/changes/" in posted.stdout
    assert "Text message (1 SMS segment, GSM-7):" in posted.stdout
    tool = run_messages(project, "--date", "2026-11-01")
    assert re.findall(r"^=== (\S+) ", tool.stdout, re.MULTILINE) == ["vendor/heatmap-tool/added"]
    quiet = run_messages(project, "--date", "2026-11-21")
    assert quiet.returncode == 0 and quiet.stdout.strip() == "No change was posted on 2026-11-21."
    wrong = run_messages(project, "--date", "2026-11-20", "--lang", "xx")
    assert wrong.returncode == 2 and "the site's languages are en" in wrong.stderr


def test_the_staff_page_puts_the_changes_posted_that_day_first_with_segments_in_words() -> None:
    from privacy_site.outputs.messages import sms_label, staff_view

    def item(key: str, posted: str | None, effective: str) -> dict:
        sent = {"sms": "Hi", "subject": key, "body": "Hi", "url": "/"}
        return {"id": key, "posted": posted, "effective": effective, "messages": {"en": sent}}

    document = {
        "today": "2026-11-22",
        "announcements": [
            item("vendor/a/added", "2026-11-01", "2026-12-01"),
            item("vendor/b/removed", None, "2026-11-30"),
            item("policy/c/2026-12-22", "2026-11-22", "2026-12-22"),
        ],
    }
    view = staff_view(document, {"en": "English"}, {"en": "ltr"})
    assert [a["id"] for a in view["announcements"]] == [
        "policy/c/2026-12-22",  # posted today
        "vendor/b/removed",
        "vendor/a/added",
    ]
    assert [a["posted_today"] for a in view["announcements"]] == [True, False, False]
    assert sms_label("a" * 160) == "1 segment, GSM-7 alphabet: 160 of 160 characters"
    assert sms_label("a" * 161) == (
        "2 segments, GSM-7 alphabet: 161 characters, more than the 160 one segment holds"
    )
    assert sms_label("ب" * 70) == "1 segment, Unicode: 70 of 70 characters"


def test_every_language_of_the_site_has_each_message_in_its_own_words(
    languages_build: Build,
) -> None:
    """The ten-language fixture site (2026-11-23: a policy change and two tool changes
    announced): every language has every message, with its own link, the effective date
    written its way, and no English word beyond names."""
    document = json.loads((languages_build.site / "api" / "messages.json").read_text("utf-8"))
    codes = all_languages()
    assert len(codes) >= 3 and document["announcements"]
    for item in document["announcements"]:
        assert list(item["messages"]) == codes, item["id"]
        effective = date.fromisoformat(item["effective"])
        for code, sent in item["messages"].items():
            language = load_language(code)[0]
            assert sent["url"] in sent["sms"], (code, sent)
            assert language.date(effective) in sent["sms"], (code, sent["sms"])
            if code == codes[0]:
                continue
            assert sent["url"].startswith(f"/{code}/"), (code, sent["url"])
            for field in ("sms", "subject", "body"):
                text = sent[field].replace(sent["url"], " ")
                for name in NAMES:
                    text = text.replace(name, " ")
                leftover = ENGLISH.findall(text)
                assert not leftover, (item["id"], code, field, leftover, sent[field])
