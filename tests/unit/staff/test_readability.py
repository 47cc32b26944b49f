"""Plain words (``privacy_site.staff.readability``): the reading grade of each English summary,
"In short" point, FAQ answer and message, reported by `privacy-site check`, with a warning
naming the file, the line and the sentence to shorten when a text staff can still change
reads above grade 8.

Fixtures with known grades are the tests' own (tests/fixtures/reading); the real content is
held at or below the grades it has today (tests/reading-grades.json: one line per text,
"file | what": grade). A new text (a new FAQ question, a new version) is not held by it:
`check` warns about it instead, so staff adding content never turn CI red. If a text must
read harder than its recorded grade, raise its line there, in the same pull request.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, LIFECYCLE_FIXTURE, REAL_DATE, two_languages_build
from privacy_site.content import load_content
from privacy_site.reading.mkdocs_yml import read_project
from privacy_site.staff import readability
from sitebuild import ROOT, scratch_project

READING = FIXTURES / "reading"
CLI = Path(sys.executable).parent / "privacy-site"
FAQ = "docs/en/student-data-privacy.md"
# The English messages of the two-language fixture site read at most at these grades: the
# words are the catalogue's (messages.TEXTS), with the fixture's summary and purposes and the
# tests' own district's name (tests/fixtures/district/mkdocs.yml), so the grades move with
# neither the district's name nor its content. The text message of a policy change is a
# short sentence of names and a date ("Sample District: Sample Policy changes on December
# 22, 2026."), which the formula grades above 8; held where it is.
MESSAGE_GRADES = {
    ("vendor/heatmap-tool/added", "sms"): 4.8,
    ("vendor/heatmap-tool/added", "body"): 5.3,
    ("policy/sample-policy/2026-12-22", "sms"): 9.2,
    ("policy/sample-policy/2026-12-22", "body"): 3.8,
    ("vendor/video-host/removed", "sms"): 6.0,
    ("vendor/video-host/removed", "body"): 5.6,
}


def faq_grades(tmp_path: Path, fixture: str) -> list[readability.Grade]:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    shutil.copy(READING / fixture, docs / "en" / "student-data-privacy.md")
    return [readability.assess(text) for text in readability.faq_texts(docs, "en")]


# The measure ---------------------------------------------------------------------------


def test_the_grade_is_flesch_kincaid_worked_by_hand() -> None:
    sentence = "The dog ran to the big red barn and sat down by the old gate in the sun."
    words, syllables, sentences = 18, 18, 1  # every word one syllable
    by_hand = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
    assert readability.grade(sentence) == round(by_hand, 1) == 3.2


def test_long_words_and_long_sentences_read_harder_and_no_grade_is_below_zero() -> None:
    legal = (
        "Information that users provide may be made available to members of the public "
        "under the Commonwealth of Massachusetts public records law."
    )
    plain = "What you send us may be shared. The law says so."
    assert readability.grade(legal) > readability.LIMIT > readability.grade(plain)
    assert readability.grade("We keep it. You can ask.") == 0.0
    assert readability.grade("") == 0.0


def test_sentences_are_split_at_their_ends_and_not_at_abbreviations() -> None:
    text = (
        "The U.S. Department of Education, e.g. FERPA, applies. Ask Dr. Smith.\n"
        "“Why?” she said. He said “no.” Then (it) ended. 3 days later."
    )
    assert readability.sentences(text) == [
        "The U.S. Department of Education, e.g. FERPA, applies.",
        "Ask Dr. Smith.",
        "“Why?” she said.",
        "He said “no.”",
        "Then (it) ended.",
        "3 days later.",
    ]


def test_markdown_and_links_are_not_words() -> None:
    markdown = "## Who? {#who}\n\n- **Only** [your teacher](contact.md) sees it.\n1. `Code`"
    assert readability.plain(markdown) == "Who? Only your teacher sees it. Code"
    assert readability.without_links("Read it: https://x.org/a/b or /es/vendors/#x.") == (
        "Read it: or"
    )


# Fixtures with known grades --------------------------------------------------------------


def test_a_plain_faq_has_known_grades_and_no_warning(tmp_path: Path) -> None:
    grades = faq_grades(tmp_path, "plain-faq.md")
    assert [(g.text.line, g.grade) for g in grades] == [(8, 1.3), (12, 0.0)]
    assert readability.warnings(grades) == []


def test_a_hard_answer_is_warned_about_with_file_line_and_its_hardest_sentence(
    tmp_path: Path,
) -> None:
    grades = faq_grades(tmp_path, "hard-faq.md")
    assert [(g.text.line, g.grade) for g in grades] == [(8, 1.3), (12, 9.4)]
    [warning] = readability.warnings(grades)
    assert warning.severity == "warning"
    assert (warning.file, warning.line) == (FAQ, 14)  # where the hardest sentence starts
    assert "the answer to “How do schools hold outside service providers accountable?”" in (
        warning.message
    )
    assert "reads at grade 9.4, above grade 8" in warning.message
    assert "at grade 18.1, is “The contract dictates the reason for the data sharing" in (
        warning.message
    )


def test_check_reports_every_grade_and_warns_only_where_staff_can_still_change_it(
    tmp_path: Path,
) -> None:
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    shutil.copy(READING / "hard-faq.md", project / FAQ)
    hard = (
        "The retention schedule applicable to communications transmitted through the "
        "district's notification infrastructure is extended to thirty-six months."
    )
    policy = project / "docs" / "en" / "policies" / "sample-policy"
    for version in ("2026-12-22.md", "2027-03-01.md"):  # posted 2026-11-20; posted 2026-12-30
        text = (policy / version).read_text("utf-8").splitlines()
        assert text[4].startswith("summary: "), text[4]
        text[4] = f"summary: {hard}"
        (policy / version).write_text("\n".join(text) + "\n", "utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess:
        command = [str(CLI), "--config", str(project / "mkdocs.yml"), *args, "--date"]
        return subprocess.run(
            [*command, "2026-11-22"], capture_output=True, text=True, timeout=120, check=False
        )

    result = cli("check")
    # recorded by the daily publish: 2026-12-22 is posted, 2027-03-01 not yet
    assert "2026-12-22.md:5: summary reads at grade" in result.stdout  # not recorded yet
    assert cli("post").returncode == 0
    result = cli("check")
    assert result.returncode == 0, result.stdout + result.stderr  # warnings only
    out = result.stdout
    assert "Reading grades (Flesch-Kincaid grade; plain words are grade 8 or below):" in out
    assert f"{FAQ}:14: the answer to “How do schools hold outside service" in out
    # the version not yet posted is warned about at its summary's line...
    assert "docs/en/policies/sample-policy/2027-03-01.md:5: summary reads at grade" in out
    # ...the recorded one, fixed until a new version, is graded and not warned about
    assert "2026-12-22.md:5: summary (posted and recorded: fixed)" in out
    assert "2026-12-22.md:5: summary reads" not in out
    # the English messages of the change announced that day are graded too
    assert "the text message for policy/sample-policy/2026-12-22" in out
    assert "the message for policy/sample-policy/2026-12-22" in out


# The real content and the messages ----------------------------------------------------


def test_the_real_content_reads_no_harder_than_its_recorded_grades() -> None:
    recorded = json.loads((ROOT / "tests" / "reading-grades.json").read_text("utf-8"))
    project = read_project(ROOT / "mkdocs.yml")
    content = load_content(
        project.docs_dir,
        REAL_DATE,
        project.extra,
        project.default_language,
        project.languages,
        project.vendors_file,
    )
    grades = readability.site_grades(project, content, REAL_DATE)
    assert grades, "the real site has texts to grade"
    harder = [
        f"{key}: grade {g.grade}, recorded {recorded[key]}"
        for g in grades
        if (key := f"{g.text.file} | {g.text.what}") in recorded and g.grade > recorded[key]
    ]
    assert not harder, "reads harder than before (shorten it):\n" + "\n".join(harder)


@pytest.mark.build
def test_the_english_messages_read_no_harder_than_today() -> None:
    build = two_languages_build()
    assert build.returncode == 0, build.output
    document = json.loads((build.site / "api" / "messages.json").read_text("utf-8"))
    found = {}
    for item in document["announcements"]:
        for part in ("sms", "body"):
            text = readability.without_links(item["messages"]["en"][part])
            found[item["id"], part] = (readability.grade(text), text)
    assert set(found) == set(MESSAGE_GRADES)
    for key, (graded, text) in found.items():
        assert graded <= MESSAGE_GRADES[key], (key, graded, text)
