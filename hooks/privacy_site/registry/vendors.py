"""The vendor registry (``vendors.yml``): what the websites use, and its state on a day.

Loading checks everything at once (see :mod:`vendor_checks`) and builds a :class:`Vendor`
only from an entry with no error, so a page never shows half a vendor. Everything after
loading is a function of the vendors and ``today``: the vendors page and
``/api/vendors.json`` (:mod:`vendor_views`) and the change list (:func:`vendor_events`)
cannot disagree. Nothing here is in a reader's language but the choice of a text
(:func:`text_for`); texts stay plain strings: templates escape them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..model.dates import parse_date
from ..model.problems import Problem
from ..reading import sources, yamldoc
from . import checks, schema
from .locate import dotted

Text = dict[str, str]  # language code -> text; always has "en"

# In the spec's order, from the schema, so the page, the checks and editors agree.
CATEGORIES: tuple[str, ...] = schema.categories()


class VendorState(StrEnum):
    HIDDEN = "hidden"  # its announcement has not come: not shown anywhere
    COMING = "coming"  # announced <= today < added: listed as coming
    IN_USE = "in-use"  # added <= today, and not removed by today
    REMOVED = "removed"  # removed <= today: off the list, its removal on /changes/


LISTED = (VendorState.IN_USE, VendorState.COMING)


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: Text
    expires: str


@dataclass(frozen=True)
class Agreement:
    type: str
    signed: date
    expires: date | None


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    provider: str
    category: str
    purpose: Text
    data_collected: tuple[Text, ...]
    cookies: tuple[Cookie, ...] | None  # None: not listed by the district; (): sets none
    student_data: bool
    agreement: Agreement | None
    privacy_policy: str
    terms: str | None
    opt_out: str | None
    opt_out_instructions: Text | None
    added: date
    announced: date | None
    removed: date | None
    line: int  # where the entry starts in vendors.yml, for messages about it

    def state(self, today: date) -> VendorState:
        if self.removed is not None and self.removed <= today:
            return VendorState.REMOVED
        if self.added <= today:
            return VendorState.IN_USE
        if self.announced is not None and self.announced <= today:
            return VendorState.COMING
        return VendorState.HIDDEN


def load_vendors(
    path: Path, today: date, display: str = "vendors.yml"
) -> tuple[list[Vendor], list[Problem]]:
    """Every vendor without an error, and every problem (errors and warnings) in the file.

    A missing file is an empty registry, not a problem: a site may use no vendors yet.
    """
    if not path.exists():
        return [], []
    text, problems = sources.read_text(path, display)
    if text is None:
        return [], problems
    try:
        document = yamldoc.load(text)
    except yamldoc.YamlSyntaxError as exc:
        message = f"the file is not valid YAML: {yamldoc.problem_text(exc)}"
        return [], [Problem(display, exc.line or 1, exc.column or 1, message)]
    found = checks.check(document, display, today)
    wrong = {
        path[1]
        for path, problem in found
        if problem.severity == "error" and len(path) > 1 and path[0] == "vendors"
    }
    entries = document.data.get("vendors") if isinstance(document.data, dict) else None
    vendors = []
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if index in wrong or not isinstance(entry, dict):
                continue
            line = document.where(("vendors", index))[0] or 1
            try:
                vendors.append(_vendor(entry, line))
            except (KeyError, TypeError, AttributeError, ValueError):
                # The checks admit only well-formed entries; this is a net, not a path.
                name = dotted(("vendors", index), document.data)
                message = f"{name}: could not be read; check its fields against the spec"
                found.append((("vendors", index), Problem(display, line, 1, message)))
    return vendors, [problem for _, problem in found]


def _vendor(entry: dict[str, Any], line: int) -> Vendor:
    """A checked entry as a Vendor; the checks guarantee every field has its type."""
    links = entry["links"]
    agreement = entry.get("agreement")
    instructions = entry.get("opt_out_instructions")
    return Vendor(
        id=entry["id"],
        name=entry["name"].strip(),
        provider=entry["provider"].strip(),
        category=entry["category"],
        purpose=_text(entry["purpose"]),
        data_collected=tuple(_text(item) for item in entry["data_collected"]),
        cookies=tuple(
            Cookie(c["name"].strip(), _text(c["purpose"]), c["expires"].strip())
            for c in entry["cookies"] or ()
        )
        if "cookies" in entry
        else None,
        student_data=entry["student_data"],
        agreement=Agreement(
            type=agreement["type"].strip(),
            signed=_date(agreement["signed"]),
            expires=parse_date(agreement.get("expires")),
        )
        if agreement
        else None,
        privacy_policy=links["privacy_policy"].strip(),
        terms=_link(links.get("terms")),
        opt_out=_link(links.get("opt_out")),
        opt_out_instructions=_text(instructions) if instructions is not None else None,
        added=_date(entry["added"]),
        announced=parse_date(entry.get("announced")),
        removed=parse_date(entry.get("removed")),
        line=line,
    )


def _text(value: str | dict[str, str]) -> Text:
    if isinstance(value, str):
        return {"en": value.strip()}
    return {str(lang): str(text).strip() for lang, text in value.items()}


def _date(value: str) -> date:
    parsed = parse_date(value)
    if parsed is None:  # vendor_checks has reported it; never reached for a checked entry
        raise ValueError(f"not a checked date: {value!r}")
    return parsed


def _link(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else None


def text_for(text: Text, lang: str) -> tuple[str, bool]:
    """The text in ``lang`` (or its base language: ``pt`` for ``pt-BR``), else the English,
    and whether it fell back to English, so the page can say so in the reader's language."""
    by_code = {code.lower(): value for code, value in text.items()}
    wanted = lang.lower()
    base = wanted.split("-")[0]
    for code in (wanted, base):
        if code in by_code:
            return by_code[code], False
    english = by_code.get("en", next(iter(by_code.values()), ""))
    return english, base != "en"


@dataclass(frozen=True)
class VendorEvent:
    """A vendor's announced addition or its removal, as plain data."""

    vendor: Vendor
    kind: str  # "added" or "removed"
    posted: date | None  # when it was posted; None for a removal to come (no date says when)
    effective: date  # when it happens


def vendor_events(vendors: Iterable[Vendor], today: date) -> list[VendorEvent]:
    """Announced additions (from their announced date) and removals: a removal to come from
    the day it is written (the file says no earlier date), a past one dated its day."""
    found = []
    for vendor in vendors:
        state = vendor.state(today)
        if vendor.announced is not None and vendor.announced <= today:
            found.append(VendorEvent(vendor, "added", vendor.announced, vendor.added))
        if vendor.removed is not None and state is not VendorState.HIDDEN:
            posted = vendor.removed if vendor.removed <= today else None
            found.append(VendorEvent(vendor, "removed", posted, vendor.removed))
    return found
