"""The record of what has been posted (``posted.lock``), so nothing posted changes quietly.

Once a policy version is on the site, its file never changes: the record keeps the
SHA-256 of every posted English version file, of every translation of one (a machine
translation may later be replaced by a reviewed one: the record then gets a new line),
and the id of every vendor entry once disclosed. The build fails, naming the file, when a
recorded version changed or is gone, or a recorded vendor was deleted instead of marked
``removed``.

The file is one line per thing recorded and only ever grows: ``privacy-site post``
appends (the daily publish runs it after each deploy), and CI refuses a pull request that
changes or removes a line (:func:`append_only`). Lines are tab-separated::

    2026-11-23  version      <sha256>  docs/en/policies/website-privacy/2018-05-15.md
    2026-11-23  translation  <sha256>  docs/es/policies/website-privacy/2018-05-15.md  machine
    2026-11-23  vendor       -         google-analytics
    2026-11-23  pdf          <sha256>  es/policies/x/2018-05-15/x-2018-05-15-es.pdf

A ``pdf`` line records a policy version's PDF as published (its path in the built site):
a PDF is made again when its version's state changes or the way PDFs are made does, so
these lines are not checked against anything; each PDF ever published keeps its line, and
a saved copy's ``sha256sum`` is found in the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model.problems import Problem
from . import files, frontmatter, yamldoc
from .translations import digest

RECORD = "posted.lock"  # beside mkdocs.yml and vendors.yml
KINDS = ("version", "translation", "vendor", "pdf")
# A PDF's path in the built site: ``[<lang>/]policies/<id>/<date>/<id>-<date>-<lang>.pdf``.
PDF_PATH = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z0-9]+)?/)?policies/[a-z0-9][a-z0-9_-]*/\d{4}-\d{2}-\d{2}/"
    r"[a-z0-9][a-z0-9_-]*-\d{4}-\d{2}-\d{2}-[a-z]{2,3}(?:-[a-z0-9]+)?\.pdf$"
)
HOW = ("machine", "reviewed")
HEADER = """\
# What has been posted on the site, so that none of it changes quietly.
# Written by `privacy-site post` (the daily publish runs it after each deploy), never by
# hand: CI refuses a pull request that changes or removes a line. A posted version is
# fixed with a correction (`privacy-site correct <policy>`, EDITING.md).
# recorded<TAB>kind<TAB>sha256<TAB>file or vendor id<TAB>how a translation was made
"""
# The first line of a record that starts over (``privacy-site new-district``): a new
# district's site, whose record begins empty. CI accepts it in place of the old record only
# when none of the files the old record names is still on the site (:func:`append_only`).
RESTART = re.compile(r"^# The record starts here, on (\S+) ")
FIX_RECORD = (
    "the record is written only by `privacy-site post`: restore it with "
    "`git checkout origin/main -- posted.lock`, then run `privacy-site post`"
)


@dataclass(frozen=True)
class Entry:
    recorded: date
    kind: str  # one of KINDS
    sha256: str  # "-" for a vendor
    key: str  # a file, relative to the project (docs/en/...), or a vendor's id
    how: str = ""  # a translation's kind: machine or reviewed
    line: int = 0  # in posted.lock, once read

    def text(self) -> str:
        fields = [self.recorded.isoformat(), self.kind, self.sha256, self.key]
        return "\t".join([*fields, self.how] if self.how else fields)


@dataclass
class Posted:
    """What is on the site as of a day: the files (with their SHA-256) and vendor ids."""

    versions: dict[str, str] = field(default_factory=dict)  # file -> sha256
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)  # -> (sha, how)
    vendors: set[str] = field(default_factory=set)
    pdfs: dict[str, str] = field(default_factory=dict)  # site path -> sha256


# Reading ----------------------------------------------------------------------------


FIX_MISSING = (
    "restore it with git (`git checkout origin/main -- posted.lock`); a new site starts "
    "its record with `privacy-site post`"
)


def unusable(path: Path, display: str = "posted.lock") -> Problem | None:
    """Why the record cannot be read or written where it stands: a symbolic link (which
    would make the record whatever file it points at) or anything but a plain file."""
    if path.is_symlink():
        what = "a symbolic link"
    elif path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a plain file"
    else:
        return None
    return Problem(
        display,
        message=f"is {what}; the record is a plain file beside mkdocs.yml: remove this one, "
        "then restore the record with git (`git checkout origin/main -- posted.lock`)",
    )


def missing(
    path: Path, posted: Iterable[str], today: date, display: str = RECORD
) -> Problem | None:
    """A record that is gone while versions are posted: without it, nothing posted is
    protected. ``posted``: the posted versions' files (the first is named)."""
    first = next(iter(posted), None)
    if path.exists() or path.is_symlink() or first is None:
        return None
    return Problem(
        display,
        message=f"is missing, and versions are posted as of {today} ({first} among them): "
        "without the record, a posted version could change unnoticed; " + FIX_MISSING,
    )


def read(
    path: Path, display: str = "posted.lock", docs: str = "docs"
) -> tuple[list[Entry], list[Problem]]:
    """Every entry of the record; a missing file is an empty record (see :func:`missing`).
    A file named on a line must be inside ``docs/`` (``docs``: its folder's name)."""
    wrong = unusable(path, display)
    if wrong is not None:
        return [], [wrong]
    if not path.exists():
        return [], []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [
            Problem(display, message=f"cannot be read ({type(exc).__name__}); {FIX_RECORD}")
        ]
    entries, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        entry = _entry(line, number)
        if entry is None:
            problems.append(
                Problem(display, number, message=f"this line cannot be read; {FIX_RECORD}")
            )
        elif entry.kind == "pdf" and not PDF_PATH.match(entry.key):
            problems.append(
                Problem(
                    display,
                    number,
                    message=f"names {entry.key!r}, which is not a policy version's PDF; "
                    f"{FIX_RECORD}",
                )
            )
        elif entry.kind not in ("vendor", "pdf") and not _inside(entry.key, docs):
            problems.append(
                Problem(
                    display,
                    number,
                    message=f"names {entry.key!r}, which is not a file inside {docs}/; the "
                    f"record only names the site's own files: {FIX_RECORD}",
                )
            )
        else:
            entries.append(entry)
    return entries, problems


def _inside(key: str, docs: str) -> bool:
    """``docs/<lang>/...``, relative, with no ``..``, ``.`` or empty part, no backslash."""
    parts = key.split("/")
    return (
        len(parts) >= 3
        and parts[0] == docs
        and "\\" not in key
        and all(part not in ("", ".", "..") for part in parts)
    )


def _entry(line: str, number: int) -> Entry | None:
    parts = line.rstrip("\n").split("\t")
    if len(parts) not in (4, 5) or parts[1] not in KINDS:
        return None
    try:
        recorded = date.fromisoformat(parts[0])
    except ValueError:
        return None
    how = parts[4] if len(parts) == 5 else ""
    if (parts[1] == "translation") != (how in HOW):
        return None
    sha = parts[2]
    if parts[1] != "vendor" and (len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha)):
        return None
    return Entry(recorded, parts[1], sha, parts[3], how, number)


# Checking ---------------------------------------------------------------------------


def check(
    entries: list[Entry], root: Path, vendors_file: Path, display: str = "posted.lock"
) -> list[Problem]:
    """Every recorded file unchanged and present; every recorded vendor still listed."""
    problems: list[Problem] = []
    latest: dict[str, Entry] = {}
    for entry in entries:
        if entry.kind == "pdf":
            continue
        if entry.kind == "version" and entry.key in latest:
            problems.append(
                Problem(
                    display,
                    entry.line,
                    message=f"{entry.key} is recorded twice (first on line "
                    f"{latest[entry.key].line}); {FIX_RECORD}",
                )
            )
        latest[entry.key] = entry
    hashes: dict[str, str] | None = None  # every policy file's hash, to spot a rename
    recorded_vendors = any(entry.kind == "vendor" for entry in latest.values())
    vendor_ids = _vendor_ids(vendors_file) if recorded_vendors else None
    for key, entry in latest.items():
        if entry.kind == "pdf":
            continue  # made again as its state changes: recorded, never checked
        if entry.kind == "vendor":
            if vendor_ids is not None and key not in vendor_ids:
                problems.append(_vendor_gone(entry, vendors_file.name, display))
            continue
        path = root / key
        if not path.is_file():
            if hashes is None:
                hashes = _policy_hashes(root)
            renamed = [name for name, sha in hashes.items() if sha == entry.sha256]
            problems.append(_file_gone(entry, renamed, display))
        elif digest(path) != entry.sha256 and not _replaced_by_review(entry, path):
            problems.append(_file_changed(entry, display))
    return problems


def _replaced_by_review(entry: Entry, path: Path) -> bool:
    """A machine translation replaced by a reviewed one: allowed, and `post` records it."""
    if entry.kind != "translation" or entry.how != "machine":
        return False
    parsed = frontmatter.parse(path.read_text(encoding="utf-8", errors="replace"))
    return parsed.fields.get("translation") == "reviewed"


def _policy_id(key: str) -> str:
    parts = key.split("/")
    return parts[-2] if len(parts) >= 3 else key


def _file_changed(entry: Entry, display: str) -> Problem:
    where = f"{display} line {entry.line} records it as posted"
    if entry.kind == "version":
        fix = (
            "a posted version never changes: undo the edit (`git checkout origin/main -- "
            f"{entry.key}`) and make the fix a correction, a new version that takes effect "
            f"today: `privacy-site correct {_policy_id(entry.key)}` (EDITING.md, "
            '"Correcting a posted version")'
        )
    else:
        fix = (
            "a posted translation changes only when a reviewed translation replaces a "
            "machine one (then mark it `translation: reviewed`): undo the edit (`git "
            f"checkout origin/main -- {entry.key}`), or mark it reviewed if it is one"
        )
    return Problem(entry.key, message=f"changed after it was posted ({where}); {fix}")


def _file_gone(entry: Entry, renamed: list[str], display: str) -> Problem:
    what = "version" if entry.kind == "version" else "translation"
    moved = f" It seems to have been renamed to {', '.join(renamed)}." if renamed else ""
    return Problem(
        entry.key,
        message=f"this posted {what} is gone ({display} line {entry.line} records it).{moved} "
        "Every posted version stays at its address forever: put the file back (`git "
        f"checkout origin/main -- {entry.key}`); to change what is in effect, add a new "
        f"version (`privacy-site new-version {_policy_id(entry.key)}`)",
    )


def _vendor_gone(entry: Entry, vendors_display: str, display: str) -> Problem:
    return Problem(
        vendors_display,
        message=f"the vendor '{entry.key}' was published ({display} line {entry.line}) and "
        "is no longer in the file: put its entry back and add 'removed: YYYY-MM-DD' (the "
        f'day it stops being used); it then moves to "No longer used" and /vendors/#'
        f"{entry.key} keeps working",
    )


def _vendor_ids(vendors_file: Path) -> set[str] | None:
    """The ids in vendors.yml, or ``None`` when it cannot be read (reported elsewhere)."""
    if not vendors_file.exists():
        return set()
    try:
        data = yamldoc.load(vendors_file.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, yamldoc.YamlSyntaxError):
        return None
    entries = data.get("vendors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None
    return {str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e}


def _policy_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): digest(path)
        for path in sorted((root / "docs").glob("*/policies/*/*.md"))
    }


# Recording --------------------------------------------------------------------------


def pending(entries: Iterable[Entry], posted: Posted, today: date) -> list[Entry]:
    """What ``post`` adds: everything posted that the record does not have as it is now."""
    latest = {entry.key: entry for entry in entries}
    new: list[Entry] = []
    for key, sha in sorted(posted.versions.items()):
        if key not in latest:
            new.append(Entry(today, "version", sha, key))
    for key, (sha, how) in sorted(posted.translations.items()):
        known = latest.get(key)
        if known is None or (known.sha256 != sha and known.how == "machine" and how == "reviewed"):
            new.append(Entry(today, "translation", sha, key, how))
    for vendor in sorted(posted.vendors - set(latest)):
        new.append(Entry(today, "vendor", "-", vendor))
    recorded_pdfs = {(entry.key, entry.sha256) for entry in entries if entry.kind == "pdf"}
    for key, sha in sorted(posted.pdfs.items()):
        if (key, sha) not in recorded_pdfs:
            new.append(Entry(today, "pdf", sha, key))
    return new


def published_pdfs(site: Path) -> dict[str, str]:
    """Every policy version's PDF in a built site (``site/``): its path -> its SHA-256."""
    found: dict[str, str] = {}
    if not site.is_dir():
        return found
    for path in sorted(site.rglob("*.pdf")):
        key = path.relative_to(site).as_posix()
        if PDF_PATH.match(key) and path.is_file() and not path.is_symlink():
            found[key] = digest(path)
    return found


def append(path: Path, new: list[Entry]) -> None:
    """The record with ``new`` added, written whole (:func:`files.write_text`) or not at
    all: :class:`files.WriteFailed` leaves it byte for byte as it was."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    lines = "".join(entry.text() + "\n" for entry in new)
    files.write_text(path, text + lines, shown=RECORD)


def restarted(day: date) -> str:
    """A new record, empty, whose first line says it starts here on ``day``."""
    return (
        f"# The record starts here, on {day.isoformat()} (privacy-site new-district): this "
        "site had posted nothing before; the lines of the site it was made from are gone.\n"
        + HEADER
    )


def restart_day(text: str) -> str | None:
    """The date written on the record's restart line (its first line), if it has one."""
    match = RESTART.match(text.split("\n", 1)[0])
    return match.group(1) if match else None


def append_only(
    before: str, after: str, display: str = "posted.lock", root: Path | None = None
) -> list[Problem]:
    """The record as a pull request leaves it may only add lines after the last one; or it
    starts over (:func:`restarted`), checked by :func:`restart_problems` in ``root``."""
    old, new = before.splitlines(), after.splitlines()
    if root is not None and new and restart_day(after) and (not old or old[0] != new[0]):
        return restart_problems(before, after, root, display)
    for number, line in enumerate(old, start=1):
        if number > len(new) or new[number - 1] != line:
            return [
                Problem(
                    display,
                    number,
                    message=f"this line was changed or removed (it read: {line!r}); the "
                    f"record only grows, and {FIX_RECORD}",
                )
            ]
    return []


def restart_problems(before: str, after: str, root: Path, display: str = RECORD) -> list[Problem]:
    """A record that starts over holds nothing before its restart line's date, and the
    site holds none of the files the old record names as they were posted: a restart is
    for a new district's site, never a way to drop what is still published."""
    raw = restart_day(after) or ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return [
            Problem(
                display,
                1,
                message=f"the record's restart line gives {raw!r}, not a date (YYYY-MM-DD); "
                "a new record is started only by `privacy-site new-district`",
            )
        ]
    problems: list[Problem] = []
    for number, line in enumerate(after.splitlines()[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        entry = _entry(line, number)
        if entry is None or entry.recorded < day:
            why = "cannot be read" if entry is None else f"is recorded before the restart ({day})"
            problems.append(Problem(display, number, message=f"this line {why}; {FIX_RECORD}"))
    for number, line in enumerate(before.splitlines(), start=1):
        entry = _entry(line, number) if line and not line.startswith("#") else None
        if entry is None or entry.kind in ("vendor", "pdf"):
            continue
        if not _inside(entry.key, entry.key.split("/")[0]):
            continue
        path = root / entry.key
        if path.is_file() and not path.is_symlink() and digest(path) == entry.sha256:
            problems.append(
                Problem(
                    display,
                    1,
                    message=f"starts the record over, but {entry.key} (line {number} of the "
                    "record it replaces) is still on the site as it was posted: a new record "
                    "is for a new district's site, made by `privacy-site new-district`, which "
                    "removes the earlier site's pages; otherwise the record only grows, and "
                    + FIX_RECORD,
                )
            )
            break
    return problems
