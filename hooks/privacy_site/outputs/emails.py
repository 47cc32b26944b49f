"""A change notice as an e-mail to a mailing list: the subject and body the site already
writes for the change (:mod:`outputs.messages`), with a line saying where every change is
read, as plain text and as HTML with the same words (``lang`` and ``dir`` set), links as
links.

Each e-mail has a ``Message-ID`` made from the announcement and the list alone, so a
notice sent twice (a run killed after the server took it, before the ledger said so) is
the same message to every mail program and list server that drops repeats.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from functools import cache
from pathlib import Path

import jinja2

from ..languages.language import N_, Language
from .changes import Change
from .messages import Message

EVERY_CHANGE = N_("Every change to these privacy notices, as soon as it is announced: %(url)s")
# (subject, opening sentence) of a notice sent once its day has passed (a list set up
# after the change was posted gets it while it is in effect for up to 30 days): the
# messages' own words are in the future tense, true on the day the change is posted.
PAST = {
    "version": (
        N_("Privacy notice: %(title)s, new version since %(date)s"),
        N_("%(district)s has a new version of its %(title)s. It took effect on %(date)s."),
    ),
    "correction": (
        N_("Privacy notice: %(title)s corrected on %(date)s"),
        N_("%(district)s corrected its %(title)s on %(date)s."),
    ),
    "added": (
        N_("Privacy notice: %(name)s in use since %(date)s"),
        N_("%(district)s started using %(name)s on %(date)s."),
    ),
    "changed": (
        N_("Privacy notice: %(name)s changed on %(date)s"),
        N_(
            "%(district)s: the student data %(name)s receives, or the companies it shares "
            "it with, changed on %(date)s."
        ),
    ),
    "removed": (
        N_("Privacy notice: %(name)s no longer used since %(date)s"),
        N_("%(district)s stopped using %(name)s on %(date)s."),
    ),
}
TEMPLATE = "email.html"


def message_id(key: str, address: str, sender: str) -> str:
    """The same for one announcement and one list on every run, unique to them."""
    digest = hashlib.sha256(f"{key}\n{address.lower()}".encode()).hexdigest()[:32]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<notice.{digest}@{domain}>"


def in_tense(
    change: Change, sent: Message, language: Language, district: str, today: date
) -> Message:
    """``sent`` as it reads on ``today``: once the change's day has passed, its subject and
    opening sentence in the past tense (a kind without past words keeps its own)."""
    kind = (
        change.action
        if change.kind != "policy"
        else ("version" if change.substantive else "correction")
    )
    if change.effective >= today or kind not in PAST:
        return sent
    values = {"district": district, "date": change.effective, "name": change.subject}
    values["title"] = language.gettext("privacy policy") if change.title_english else change.title
    subject, lead = (language.fill(text, **values) for text in PAST[kind])
    rest = sent.body.split("\n\n", 1)[1:]
    return replace(sent, subject=subject, body="\n\n".join([lead, *rest]))


def notice(
    key: str,
    sent: Message,
    language: Language,
    sender: str,
    address: str,
    changes_url: str,
    now: datetime | None = None,
) -> EmailMessage:
    """The e-mail of one announcement (``sent``: its messages in the list's language) to
    the list at ``address``; ``changes_url``: the page of every change, in that language."""
    paragraphs = [*sent.body.split("\n\n"), language.fill(EVERY_CHANGE, url=changes_url)]
    mail = EmailMessage(policy=SMTP)
    mail["From"] = sender
    mail["To"] = address
    mail["Subject"] = sent.subject
    mail["Date"] = format_datetime(now or datetime.now(UTC))
    mail["Message-ID"] = message_id(key, address, sender)
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to the list
    mail.set_content("\n\n".join(paragraphs) + "\n", charset="utf-8")
    html = _template().render(
        lang=language.code,
        dir=language.direction,
        subject=sent.subject,
        paragraphs=[_linked(text, (sent.url, changes_url)) for text in paragraphs],
    )
    mail.add_alternative(html, subtype="html", charset="utf-8")
    mail["Content-Language"] = language.code  # after the parts: set_content drops Content-*
    return mail


def _linked(text: str, urls: tuple[str, ...]) -> tuple[str, str, str]:
    """``text`` as (before, link, after) around the first of ``urls`` it holds."""
    for url in urls:
        before, found, after = text.partition(url)
        if found:
            return before, url, after
    return text, "", ""


@cache
def _template() -> jinja2.Template:
    folder = Path(__file__).resolve().parent
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, keep_trailing_newline=True
    )
    return environment.get_template(TEMPLATE)
