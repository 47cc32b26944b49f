"""The ledger of which mailing list received which announcement (``notified.lock``), so
that ``privacy-site notify`` sends each one to each list exactly once.

It stands beside ``posted.lock`` and is kept the same way: one tab-separated line per
message sent, only ever appended, committed by the publish workflow's record job. A line
is written right after the SMTP server accepts the message, by writing the whole file
anew beside it and renaming it over the old one (:func:`files.write_text`): a run that
is killed keeps every line it wrote and never half a line, so the next run sends what
is missing and nothing twice. Lines::

    2026-11-22T05:06:07Z  es  familias@lists.example.org  policy/sample-policy/2026-12-22  <id@host>

(when it was sent, in UTC; the list's language; the list's address; the announcement;
the message's Message-ID, the same for that announcement and list on every run).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..model.problems import Problem
from . import files

LEDGER = "notified.lock"  # beside mkdocs.yml and posted.lock
HEADER = """\
# Which mailing list received which change notice, so none is sent twice or missed.
# Written by `privacy-site notify` (the daily publish runs it after each deploy), never by
# hand: a line removed here is a notice sent again. See README, "Change notices by e-mail".
# sent (UTC)<TAB>language<TAB>list<TAB>announcement<TAB>Message-ID
"""
FIX = (
    "restore it with git (`git checkout origin/main -- notified.lock`); it is written only "
    "by `privacy-site notify`"
)


@dataclass(frozen=True)
class Sent:
    sent: str  # ISO 8601 time in UTC, "2026-11-22T05:06:07Z"
    lang: str
    address: str
    key: str  # the announcement: "policy/sample-policy/2026-12-22"
    message_id: str

    def text(self) -> str:
        return "\t".join((self.sent, self.lang, self.address, self.key, self.message_id))


def read(path: Path, display: str = LEDGER) -> tuple[list[Sent], list[Problem]]:
    """Every line of the ledger; a missing ledger is an empty one (nothing sent yet)."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return [], [Problem(display, message=f"is not a plain file; {FIX}")]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(display, message=f"cannot be read ({type(exc).__name__}); {FIX}")]
    found, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or not all(fields) or not _time(fields[0]):
            problems.append(
                Problem(display, number, message=f"is not a line the ledger writes; {FIX}")
            )
            continue
        found.append(Sent(*fields))
    return found, problems


def received(entries: list[Sent]) -> set[tuple[str, str]]:
    """(list address, announcement) for each message sent."""
    return {(entry.address.lower(), entry.key) for entry in entries}


def append(path: Path, entry: Sent) -> None:
    """Add one line, the whole file written anew and renamed over the old one."""
    try:
        before = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        before = HEADER
    if before and not before.endswith("\n"):
        before += "\n"
    files.write_text(path, before + entry.text() + "\n", shown=path.name)


def append_only(before: str, after: str, display: str = LEDGER) -> list[Problem]:
    """CI's guard (``privacy-site check-record``): every line the ledger had is still
    there, unchanged and in its place; a pull request may only add lines after them (the
    record job does). A line removed would send its notice again."""
    old = [line for line in before.splitlines() if line.strip() and not line.startswith("#")]
    new = [line for line in after.splitlines() if line.strip() and not line.startswith("#")]
    numbered = [
        number
        for number, line in enumerate(after.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    for index, line in enumerate(old):
        if index >= len(new) or new[index] != line:
            where = numbered[index] if index < len(numbered) else len(after.splitlines()) or 1
            return [
                Problem(
                    display,
                    where,
                    message=f"this line was changed or removed (it was {line!r}): a line "
                    f"removed is a notice e-mailed again; {FIX}",
                )
            ]
    return []


def _time(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
