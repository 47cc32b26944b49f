"""`privacy-site notify` against a real SMTP server on 127.0.0.1 (aiosmtpd), run as staff
and the publish workflow run it: the installed command, in its own process, on a scratch
project (the lifecycle fixture's policy and the valid vendors, in English and Spanish,
each with a mailing list). Every notice reaches every list once, in its language; a
refused, killed or unauthorised run loses nothing and repeats nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, LIFECYCLE_FIXTURE
from privacy_site.reading import notified_lock
from sitebuild import scratch_project
from smtp_server import Mailbox, smtp_server

pytestmark = pytest.mark.build

CLI = Path(sys.executable).parent / "privacy-site"
LISTS = {"en": "families@lists.example.org", "es": "familias@lists.example.org"}
SENDER = "Sample District Privacy <privacy@example.org>"
SITE = "https://privacy.example.org/"
# Due on 2026-11-22: the policy's versions of 2026-11-01 (in effect 21 days) and
# 2026-12-22 (posted 2026-11-20), heatmap-tool's addition (announced 2026-11-01) and
# video-host's removal (on 2027-01-31); old-chat's removal (2026-06-30) is old news.
DUE = {
    "policy/sample-policy/2026-11-01",
    "policy/sample-policy/2026-12-22",
    "vendor/heatmap-tool/added",
    "vendor/video-host/removed",
}
DAY = "2026-11-22"
# English words that must not be left in a Spanish e-mail, beyond names and links.
ENGLISH = re.compile(
    r"\b(the|will|from|more|privacy|notice|version|changes?|new|use|using|read|about|every|"
    r"this|message|computer|english|governs|what|it|is|for|its|on|stops?|soon|announced)\b",
    re.IGNORECASE,
)
NAMES = ("Sample District", "Heatmap Tool", "Video Host", "Sample Policy")


def project_with_lists(tmp_path: Path, lists: dict[str, str] | None = None) -> Path:
    project = scratch_project(
        tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml", languages=["en", "es"]
    )
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = SITE
    config["extra"]["privacy_site"]["notify"] = {
        "sender": SENDER,
        "lists": LISTS if lists is None else lists,
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return project


def environment(port: int, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMTP_")}
    env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(port), SMTP_SECURITY="none", **more)
    return env


def notify(
    project: Path, port: int, day: str = DAY, **more: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), "notify", "--date", day],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment(port, **more),
    )


def ledger(project: Path) -> list[notified_lock.Sent]:
    entries, problems = notified_lock.read(project / notified_lock.LEDGER)
    assert not problems, problems
    return entries


def test_every_notice_reaches_every_list_once_in_its_language(tmp_path: Path) -> None:
    project = project_with_lists(tmp_path)
    mailbox = Mailbox()
    with smtp_server(mailbox) as (_host, port):
        first = notify(project, port)
        assert first.returncode == 0, first.stdout + first.stderr
        second = notify(project, port)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Nothing to send as of 2026-11-22" in second.stdout
    entries = ledger(project)
    assert {(e.address, e.key) for e in entries} == {
        (address, key) for address in LISTS.values() for key in DUE
    }
    assert len(mailbox.received) == len(entries) == 2 * len(DUE)  # the second run sent none
    ids = [str(m["Message-ID"]) for m in mailbox.received]
    assert len(set(ids)) == len(ids) and ids == [e.message_id for e in entries]
    for message, entry in zip(mailbox.received, entries, strict=True):
        lang = entry.lang
        assert str(message["To"]) == LISTS[lang] and str(message["From"]) == SENDER
        assert message["Content-Language"] == lang
        headers = message.as_bytes().split(b"\r\n\r\n", 1)[0]
        assert headers.isascii(), headers  # non-ASCII subjects as RFC 2047 encoded words
        assert message.get_content_type() == "multipart/alternative"
        plain = message.get_body(("plain",))
        html = message.get_body(("html",))
        assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
        text = plain.get_content().replace("\r\n", "\n")
        prefix = "" if lang == "en" else f"{lang}/"
        assert f"{SITE}{prefix}changes/" in text  # where every change is read
        kind, name, *rest = entry.key.split("/")
        if kind == "policy":
            version = f"{SITE}{prefix}policies/{name}/{rest[0]}/changes/"
        else:
            version = f"{SITE}{prefix}vendors/#{name}"
        assert version in text, text
        page = BeautifulSoup(html.get_content(), "html.parser")
        assert (page.html["lang"], page.html["dir"]) == (lang, "ltr")
        assert page.find("a", href=version) is not None
        # The same words, paragraph for paragraph.
        assert [p.get_text() for p in page.find_all("p")] == text.strip().split("\n\n")
        if lang == "es":
            assert "diciembre" in text or "enero" in text or "noviembre" in text, text
            assert "computadora" in text  # the machine-translation note, in Spanish
            assert str(message["Subject"]).startswith("Aviso sobre privacidad:")
            words = re.sub(r"https://\S+", " ", text + str(message["Subject"]))
            for name in NAMES:
                words = words.replace(name, " ")
            assert not ENGLISH.findall(words), (ENGLISH.findall(words), text)
        else:
            assert "translated by a computer" not in text
            assert str(message["Subject"]).startswith("Privacy notice:")
        # The tense of the day it is sent: the version of 2026-11-01 is already in effect.
        if entry.key == "policy/sample-policy/2026-11-01":
            past = {"en": "It took effect on November 1, 2026.", "es": "Entró en vigor el 1 de"}
            assert past[lang] in text, text
            assert lang != "en" or "new version since" in str(message["Subject"])
        if entry.key == "policy/sample-policy/2026-12-22" and lang == "en":
            assert "It takes effect on December 22, 2026." in text


def test_a_refused_message_is_sent_by_the_next_run_and_nothing_else(tmp_path: Path) -> None:
    project = project_with_lists(tmp_path)
    mailbox = Mailbox(refuse={3})
    with smtp_server(mailbox) as (_host, port):
        first = notify(project, port)
        assert first.returncode == 1, first.stdout + first.stderr
        assert re.search(r"not sent: \S+ to \S+: the server refused it \(554 ", first.stderr)
        after_first = [(m["To"], m["Message-ID"]) for m in mailbox.received]
        assert len(after_first) == 2 * len(DUE) - 1
        mailbox.refuse = set()
        second = notify(project, port)
    assert second.returncode == 0, second.stdout + second.stderr
    new = mailbox.recipients()[len(after_first) :]
    assert len(new) == 1 and new[0] not in after_first, new
    assert len(set(mailbox.recipients())) == len(mailbox.recipients()) == 2 * len(DUE)
    assert len(ledger(project)) == 2 * len(DUE)


def test_a_run_killed_between_two_messages_loses_and_repeats_nothing(tmp_path: Path) -> None:
    project = project_with_lists(tmp_path)
    mailbox = Mailbox()
    with smtp_server(mailbox) as (_host, port):
        command = [str(CLI), "--config", str(project / "mkdocs.yml"), "notify", "--date", DAY]
        process = subprocess.Popen(
            command, env=environment(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        mailbox.kill_pid, mailbox.kill_at = process.pid, 3  # at the third message's start
        process.communicate(timeout=300)
        assert process.returncode == -9, process.returncode
        assert len(mailbox.received) == 2 and len(ledger(project)) == 2
        mailbox.kill_at = None
        second = notify(project, port)
    assert second.returncode == 0, second.stdout + second.stderr
    received = mailbox.recipients()
    assert len(received) == len(set(received)) == 2 * len(DUE), received
    assert [(e.address, e.message_id) for e in ledger(project)] == received


def test_a_wrong_password_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    project = project_with_lists(tmp_path)
    (project / notified_lock.LEDGER).write_text(notified_lock.HEADER, encoding="utf-8")
    before = (project / notified_lock.LEDGER).read_bytes()
    mailbox = Mailbox()
    with smtp_server(mailbox, credentials=("notify", "right")) as (_host, port):
        wrong = notify(project, port, SMTP_USER="notify", SMTP_PASSWORD="wrong")
        right = None
        if wrong.returncode != 0:
            assert not mailbox.received and (project / notified_lock.LEDGER).read_bytes() == before
            right = notify(project, port, SMTP_USER="notify", SMTP_PASSWORD="right")
    assert wrong.returncode != 0 and wrong.stdout == "", wrong.stdout
    lines = wrong.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in wrong.stderr, wrong.stderr
    assert lines[0].startswith("privacy-site notify: SMTP_USER/SMTP_PASSWORD: the server")
    assert "535" in lines[0] and "nothing was sent" in lines[0]
    assert right is not None and right.returncode == 0, right and right.stderr
    assert len(mailbox.received) == 2 * len(DUE)


def test_a_notice_goes_out_on_its_posting_day_and_never_again(tmp_path: Path) -> None:
    """The policy's version of 2026-12-22 is posted on 2026-11-20: not sent the day before,
    one e-mail per list that day, none the day after; a list added long after gets only
    what is still news."""
    project = project_with_lists(tmp_path)
    mailbox = Mailbox()
    with smtp_server(mailbox) as (_host, port):
        before = notify(project, port, "2026-11-19")
        assert before.returncode == 0, before.stderr
        earlier = len(mailbox.received)
        assert "policy/sample-policy/2026-12-22" not in {e.key for e in ledger(project)}
        posting_day = notify(project, port, "2026-11-20")
        assert posting_day.returncode == 0, posting_day.stderr
        new = [e for e in ledger(project)][earlier:]
        assert [(e.lang, e.key) for e in new] == [
            ("en", "policy/sample-policy/2026-12-22"),
            ("es", "policy/sample-policy/2026-12-22"),
        ]
        count = len(mailbox.received)
        next_day = notify(project, port, "2026-11-21")
        assert next_day.returncode == 0 and len(mailbox.received) == count, next_day.stdout
        # A list added on 2027-03-05: the 2027-03-01 version and new-video's addition
        # (2027-02-15) are news; what took effect more than 30 days before is not.
        later = tmp_path / "later"
        later.mkdir()
        fresh = project_with_lists(later, {"es": LISTS["es"]})
        late = notify(fresh, port, "2027-03-05")
    assert late.returncode == 0, late.stderr
    assert {e.key for e in ledger(fresh)} == {
        "policy/sample-policy/2027-03-01",
        "vendor/new-video/added",
    }


def test_no_lists_is_said_and_succeeds(tmp_path: Path) -> None:
    project = project_with_lists(tmp_path, {})
    result = notify(project, 9)  # nothing listens there: nothing is sent
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No mailing lists are set (extra.privacy_site.notify.lists")
    assert not (project / notified_lock.LEDGER).exists()


def test_check_names_a_wrong_list_setting_by_line_and_notify_sends_nothing(
    tmp_path: Path,
) -> None:
    project = project_with_lists(tmp_path, {"es": "familias at example.org"})
    check = subprocess.run(
        [str(CLI), "--config", str(project / "mkdocs.yml"), "check", "--date", DAY],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 1, check.stdout + check.stderr
    wrong = re.search(
        r"^  mkdocs\.yml:(\d+):\d+: extra\.privacy_site\.notify\.lists\.es: "
        r"'familias at example\.org' is not an e-mail address; for example ",
        check.stdout,
        re.M,
    )
    assert wrong, check.stdout
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert lines[int(wrong[1]) - 1].strip().startswith("es: familias at example.org")
    sent = notify(project, 9)
    assert sent.returncode == 1 and "Traceback" not in sent.stderr, sent.stderr
    assert "extra.privacy_site.notify.lists.es" in sent.stderr
    assert not (project / notified_lock.LEDGER).exists()
