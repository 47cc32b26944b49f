"""A vendor the websites use, and its state on a day: plain data and pure rules.

:class:`Vendor` is built only by the registry (:func:`privacy_site.registry.vendors.load_vendors`,
which checks ``vendors.yml`` first), so a page never shows half a vendor. Everything after
that is a function of the vendors and ``today``: :meth:`Vendor.state` (hidden, coming, in
use, removed) and :func:`vendor_events` (an announced addition, a removal) are the rules
every page, feed and API reads. Nothing here is in a reader's language but the choice of a
text (:func:`text_for`); texts stay plain strings: templates escape them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

Text = dict[str, str]  # language code -> text; always has "en"


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
    link: str | None = None  # the signed agreement, or its registry entry
    copy: str | None = None  # a copy in the repository: docs/<lang>/...
    general_offer: bool | None = None  # NDPA Exhibit E signed; None: not said


@dataclass(frozen=True)
class Subprocessor:
    name: str
    purpose: Text
    link: str | None


@dataclass(frozen=True)
class Storage:
    location: str  # country or region
    kind: str  # "vendor", "cloud" or "district"


@dataclass(frozen=True)
class Encryption:
    in_motion: bool
    at_rest: bool


@dataclass(frozen=True)
class Disclosures:
    """What the states' laws and the NDPA ask about a tool that receives student data;
    every part optional (a state profile makes some required: model.state_laws)."""

    data_elements: tuple[str, ...] = ()  # NDPA Exhibit B codes, as written
    data_elements_other: Text | None = None
    exclusive_purposes: Text | None = None
    subprocessors: tuple[Subprocessor, ...] | None = None  # None: not said; (): none
    subprocessor_duties: Text | None = None
    storage: Storage | None = None
    encryption: Encryption | None = None
    security: Text | None = None
    end_of_contract: Text | None = None
    accuracy_challenge: Text | None = None

    def any(self) -> bool:
        return self != Disclosures()


@dataclass(frozen=True)
class Update:
    """An announced change to the student data a tool receives or to its subprocessors:
    told to families like an addition (``vendor_events``), in force from ``effective``."""

    announced: date
    effective: date
    data_elements: tuple[str, ...] | None  # None: unchanged
    subprocessors: tuple[Subprocessor, ...] | None  # None: unchanged


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
    disclosures: Disclosures = Disclosures()  # as in force on the day it was loaded
    updates: tuple[Update, ...] = ()

    def state(self, today: date) -> VendorState:
        if self.removed is not None and self.removed <= today:
            return VendorState.REMOVED
        if self.added <= today:
            return VendorState.IN_USE
        if self.announced is not None and self.announced <= today:
            return VendorState.COMING
        return VendorState.HIDDEN


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
    kind: str  # "added", "removed", or "changed" (an update: its data or subprocessors)
    posted: date | None  # when it was posted; None for a removal to come (no date says when)
    effective: date  # when it happens
    update: Update | None = None  # the change, for "changed"


def vendor_events(vendors: Iterable[Vendor], today: date) -> list[VendorEvent]:
    """Announced additions (from their announced date) and removals: a removal to come from
    the day it is written (the file says no earlier date), a past one dated its day; and
    announced changes to a tool's data or subprocessors (from their announced date)."""
    found = []
    for vendor in vendors:
        state = vendor.state(today)
        if vendor.announced is not None and vendor.announced <= today:
            found.append(VendorEvent(vendor, "added", vendor.announced, vendor.added))
        if vendor.removed is not None and state is not VendorState.HIDDEN:
            posted = vendor.removed if vendor.removed <= today else None
            found.append(VendorEvent(vendor, "removed", posted, vendor.removed))
        if state is VendorState.HIDDEN:
            continue
        for update in vendor.updates:
            if update.announced <= today:
                found.append(
                    VendorEvent(vendor, "changed", update.announced, update.effective, update)
                )
    return found
