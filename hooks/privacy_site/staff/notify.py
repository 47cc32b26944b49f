"""``privacy-site notify``: each change notice posted as of the day, e-mailed once to each
mailing list the district set (:mod:`reading.notify_config`), in the list's language.

What is due: every announcement on the site that day (a policy's new version or
correction, a tool added, changed or retired: :func:`outputs.changes.all_changes`, so any
kind the site announces is sent), posted on or before the day and in effect for at most
:data:`STALE_DAYS` days, that the ledger (:mod:`reading.notified_lock`) does not show the
list received. A list added later gets only what is still news.

Exactly once: after the server accepts each message, its ledger line is written (the
whole file renamed over the old one) before the next is sent. A run stopped at any point
sends only what is missing next time. The one window left, between the server's "250"
and the ledger's rename, is covered by the message's stable ``Message-ID``
(:func:`outputs.emails.message_id`).

The SMTP server and its account come from the environment (repository secrets), never
from a file: ``SMTP_HOST``, ``SMTP_PORT``, ``SMTP_USER`` and ``SMTP_PASSWORD`` (both or
neither), ``SMTP_SECURITY`` (``starttls``, the default; ``tls``; or ``none``, which only a
server on this machine may use: the password and the messages would cross the network
unencrypted).
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import smtplib
import socket
import ssl
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from ..content import project_content
from ..languages.language import load_language
from ..model import dates, urls
from ..model.problems import errors
from ..outputs import emails, messages
from ..outputs.changes import Change, all_changes
from ..reading import notified_lock, notify_config
from ..reading.mkdocs_yml import Project, read_config, read_project

PROGRAM = "privacy-site notify"
STALE_DAYS = 30  # in effect longer than this: no longer news, never sent
SECURITY = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT = 60  # seconds without an answer from the server


class Refused(Exception):
    """Nothing can be sent: one line that says why and what to do."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str
    user: str | None
    password: str | None


@dataclass(frozen=True)
class Due:
    change: Change
    mailing_list: notify_config.MailingList
    mail: EmailMessage


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--date", type=_day, help="send what is due as of YYYY-MM-DD (default: today)")


def _day(raw: str) -> date:
    day = dates.parse_date(raw)
    if day is None:
        raise argparse.ArgumentTypeError(dates.why_not(raw))
    return day


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args.config, args.date, dict(os.environ))
    except Refused as exc:
        print(f"{PROGRAM}: {exc}", file=sys.stderr, flush=True)
        return 2


def _run(config_file: Path, day: date | None, environ: Mapping[str, str]) -> int:
    project = read_project(config_file)
    today = day or dates.build_date(project.settings.timezone)
    config, problems = notify_config.read(project.config_file, project.languages)
    if problems:
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        print("Nothing sent: fix the settings above first.", file=sys.stderr)
        return 1
    if not config.lists:
        print(
            "No mailing lists are set (extra.privacy_site.notify.lists in mkdocs.yml): "
            'nothing to send. README, "Change notices by e-mail", says how to add them.'
        )
        return 0
    ledger = project.root / notified_lock.LEDGER
    entries, wrong = notified_lock.read(ledger)
    if wrong:
        raise Refused(str(wrong[0]))
    due = _due(project, config, today, notified_lock.received(entries))
    if not due:
        print(f"Nothing to send as of {today}: every list has every notice that is due.")
        return 0
    server = server_settings(environ)
    return _send(server, due, ledger, config.sender or "")


def _due(project: Project, config: notify_config.Notify, today: date, received: set) -> list[Due]:
    content = project_content(project, today, record_required=False)
    found = errors(content.problems)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise Refused(
            f"{found[0]}{more}; run `privacy-site check`, fix what it lists, then run notify "
            "again; nothing was sent"
        )
    site_url = read_config(project.config_file).get("site_url") or None
    if not site_url:
        raise Refused(
            "mkdocs.yml: site_url is not set, so the e-mails could not link to the site; "
            "set it to the site's address (site_url: https://privacy.example.org/)"
        )
    link = messages.absolute_url(site_url)
    vendors = {vendor.id: vendor for vendor in content.vendors}
    district = content.settings.district
    due = []
    for mailing_list in config.lists:
        language = load_language(mailing_list.lang)[0]
        every = link(f"{urls.lang_prefix(language.code, content.default_language)}changes/")
        for change in all_changes(content, language):
            posted = change.posted or today  # a removal written without a day: on the site
            if posted > today or (today - change.effective).days > STALE_DAYS:
                continue
            if (mailing_list.address.lower(), change.key) in received:
                continue
            sent = messages.message(change, language, district, link, vendors)
            sent = emails.in_tense(change, sent, language, district, today)
            mail = emails.notice(
                change.key, sent, language, config.sender or "", mailing_list.address, every
            )
            due.append(Due(change, mailing_list, mail))
    return sorted(due, key=lambda d: (d.change.posted or today, d.change.key, d.mailing_list.lang))


# The server ---------------------------------------------------------------------------


def server_settings(environ: Mapping[str, str]) -> Server:
    """The SMTP server from the environment; :class:`Refused` says what is missing."""
    host = environ.get("SMTP_HOST", "").strip()
    if not host:
        raise Refused(
            "SMTP_HOST is not set: set the repository secrets SMTP_HOST (the mail server), "
            'SMTP_USER and SMTP_PASSWORD (README, "Change notices by e-mail"); nothing was sent'
        )
    security = environ.get("SMTP_SECURITY", "").strip().lower() or "starttls"
    if security not in SECURITY:
        raise Refused(
            f"SMTP_SECURITY={security!r}: write starttls (the default), tls, or none; "
            "nothing was sent"
        )
    if security == "none" and not _loopback(host):
        raise Refused(
            f"SMTP_SECURITY=none: refused for {host}, which is not this machine: the "
            "password and the messages would cross the network unencrypted; use starttls "
            "or tls; nothing was sent"
        )
    raw_port = environ.get("SMTP_PORT", "").strip()
    port = SECURITY[security]
    if raw_port:
        if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
            raise Refused(
                f"SMTP_PORT={raw_port!r}: not a port number; write a number such as 587 "
                "(starttls) or 465 (tls); nothing was sent"
            )
        port = int(raw_port)
    user = environ.get("SMTP_USER") or None
    password = environ.get("SMTP_PASSWORD") or None
    if (user is None) != (password is None):
        missing = "SMTP_PASSWORD" if password is None else "SMTP_USER"
        raise Refused(
            f"{missing} is not set while "
            f"{'SMTP_USER' if missing == 'SMTP_PASSWORD' else 'SMTP_PASSWORD'} is: set "
            "both (the server's account) or neither; nothing was sent"
        )
    return Server(host, port, security, user, password)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _connect(server: Server) -> smtplib.SMTP:
    where = f"SMTP_HOST={server.host}, SMTP_PORT={server.port}"
    context = ssl.create_default_context()
    try:
        if server.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
        smtp.ehlo()
        if server.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if server.user is not None:
            smtp.login(server.user, server.password or "")
    except smtplib.SMTPAuthenticationError as exc:
        raise Refused(
            f"SMTP_USER/SMTP_PASSWORD: the server ({where}) refused them ({_said(exc)}); "
            "set the repository secrets to the account's user and password; nothing was sent"
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise Refused(
            f"{where}: the server offers no STARTTLS{' or no login' if server.user else ''}; "
            "if it takes TLS from the first byte set SMTP_SECURITY=tls (port 465); "
            "nothing was sent"
        ) from None
    except ssl.SSLError as exc:
        raise Refused(
            f"{where}: no secure connection ({exc.reason or exc}); check SMTP_SECURITY "
            "(starttls on 587, tls on 465) and the server's certificate; nothing was sent"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise Refused(
            f"{where}: cannot reach the mail server ({_said(exc)}); check the address and "
            "port, then run notify again; nothing was sent"
        ) from None
    return smtp


def _send(server: Server, due: list[Due], ledger: Path, sender: str) -> int:
    smtp = _connect(server)
    sent = failed = 0
    try:
        for item in due:
            target = f"{item.change.key} to {item.mailing_list.address}"
            try:
                smtp.send_message(
                    item.mail,
                    from_addr=sender and _address(sender),
                    to_addrs=[item.mailing_list.address],
                )
            except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
                failed += 1
                print(
                    f"{PROGRAM}: not sent: {target}: the server refused it ({_said(exc)}); "
                    "the next run tries again",
                    file=sys.stderr,
                    flush=True,
                )
                _reset(smtp)
                continue
            except OSError as exc:  # smtplib's errors are OSErrors: a lost connection
                remaining = len(due) - sent - failed
                print(
                    f"{PROGRAM}: the mail server closed the connection ({_said(exc)}) with "
                    f"{remaining} notice{'s' if remaining != 1 else ''} unsent; run notify "
                    "again: it sends only what is missing",
                    file=sys.stderr,
                )
                return 1
            notified_lock.append(
                ledger,
                notified_lock.Sent(
                    datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    item.mailing_list.lang,
                    item.mailing_list.address,
                    item.change.key,
                    str(item.mail["Message-ID"]),
                ),
            )
            sent += 1
            print(f"Sent {target} ({item.mailing_list.lang})", flush=True)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    print(
        f"{notified_lock.LEDGER}: {sent} notice{'s' if sent != 1 else ''} sent and recorded"
        + (f", {failed} refused (sent on the next run)" if failed else "")
        + "; commit it."
    )
    return 1 if failed else 0


def _reset(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.rset()


def _address(sender: str) -> str:
    return parseaddr(sender)[1]


def _said(exc: BaseException) -> str:
    """What the server or the system said, on one line."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        return f"{exc.smtp_code} {' '.join(text.split())}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{code} {' '.join(str(msg).split())}" for code, msg in exc.recipients.values()
        )
    if isinstance(exc, socket.timeout):
        return f"no answer in {TIMEOUT} seconds"
    return " ".join(str(getattr(exc, "strerror", None) or exc or type(exc).__name__).split())
