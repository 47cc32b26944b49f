"""A real SMTP server on 127.0.0.1 (aiosmtpd) for `privacy-site notify`'s tests: it keeps
every message it accepts, and can refuse one, stop the sender at a chosen message, or
ask for a user and password (AUTH over plain SMTP, allowed only because it is loopback)."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from browser import free_port


@dataclass
class Mailbox:
    """What the server received, and what it is told to do to the next messages."""

    received: list[EmailMessage] = field(default_factory=list)
    refuse: set[int] = field(default_factory=set)  # 1-based transactions to refuse at DATA
    kill_at: int | None = None  # the transaction whose MAIL FROM kills the sender...
    kill_pid: int | None = None  # ...this process
    transactions: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def recipients(self) -> list[tuple[str, str]]:
        """(To, Message-ID) of each message received, in order."""
        return [(str(m["To"]), str(m["Message-ID"])) for m in self.received]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.transactions += 1
            number = self.transactions
        envelope.mail_from = address
        envelope.number = number
        if number == self.kill_at and self.kill_pid:
            os.kill(self.kill_pid, signal.SIGKILL)  # between two messages
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.number in self.refuse:
            return "554 5.6.0 Message refused by the test"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.SMTP)
        self.received.append(message)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(
    mailbox: Mailbox, credentials: tuple[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """The server on 127.0.0.1 as (host, port) while the block runs."""

    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and credentials is not None
            and (
                auth_data.login.decode(),
                auth_data.password.decode(),
            )
            == credentials
        )
        return AuthResult(success=ok, handled=False)

    port = free_port()
    options = {"authenticator": authenticate, "auth_require_tls": False} if credentials else {}
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield "127.0.0.1", port
    finally:
        controller.stop()
