"""The vendor registry (``vendors.yml``): what the websites use, and what to show on a day.

Loading checks everything at once (see :mod:`vendor_checks`) and builds a :class:`Vendor`
only from an entry with no error, so a page never shows half a vendor. Everything after
loading is a function of the vendors and ``today``: the vendors page, the change list and
``/api/vendors.json`` cannot disagree. Texts stay plain strings: templates escape them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from . import sources, urls, vendor_checks, yamldoc
from .dates import parse_date
from .language import N_
from .problems import Problem

Text = dict[str, str]  # language code -> text; always has "en"

# In the spec's order, from the schema, so the page, the checks and editors agree.
CATEGORIES: tuple[str, ...] = vendor_checks.categories()
# English labels, marked for translation; shown through the reader's catalogue.
CATEGORY_LABELS: dict[str, str] = {
    "analytics": N_("Analytics"),
    "advertising": N_("Advertising"),
    "communication": N_("Communication"),
    "hosting": N_("Hosting"),
    "learning": N_("Learning"),
    "operations": N_("Operations"),
    "security": N_("Security"),
    "translation": N_("Translation"),
    "video": N_("Video"),
}
if set(CATEGORY_LABELS) != set(CATEGORIES):  # the schema gained a category: label it here
    raise RuntimeError(f"vendors.py: CATEGORY_LABELS must name exactly {CATEGORIES}")


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
    cookies: tuple[Cookie, ...]
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
    found = vendor_checks.check(document, display, today)
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
                name = vendor_checks.dotted(("vendors", index), document.data)
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
            for c in entry.get("cookies") or ()
        ),
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
    posted: date  # when it shows on /changes/
    effective: date  # when it happens


def vendor_events(vendors: Iterable[Vendor], today: date) -> list[VendorEvent]:
    """Announced additions (from their announced date) and removals (from their date)."""
    found = []
    for vendor in vendors:
        if vendor.announced is not None and vendor.announced <= today:
            found.append(VendorEvent(vendor, "added", vendor.announced, vendor.added))
        if vendor.removed is not None and vendor.removed <= today:
            found.append(VendorEvent(vendor, "removed", vendor.removed, vendor.removed))
    return found


def vendor_rows(
    vendors: Iterable[Vendor],
    today: date,
    lang: str,
    gettext: Callable[[str], str] = str,
) -> list[dict[str, Any]]:
    """The vendors page's data: one group per category in CATEGORIES order, listed vendors
    only (in use or coming), by name. Dates stay ``date`` objects for the template to format."""
    listed = [v for v in vendors if v.state(today) in LISTED]
    groups = []
    for category in CATEGORIES:
        members = sorted(
            (v for v in listed if v.category == category), key=lambda v: (v.name.casefold(), v.id)
        )
        if members:
            groups.append(
                {
                    "category": category,
                    "label": gettext(CATEGORY_LABELS[category]),
                    "vendors": [_row(v, today, lang, gettext) for v in members],
                }
            )
    return groups


def _row(vendor: Vendor, today: date, lang: str, gettext: Callable[[str], str]) -> dict[str, Any]:
    state = vendor.state(today)
    purpose, purpose_fallback = text_for(vendor.purpose, lang)
    collected = [
        dict(zip(("text", "fallback"), text_for(t, lang), strict=True))
        for t in vendor.data_collected
    ]
    cookies = []
    for cookie in vendor.cookies:
        text, fallback = text_for(cookie.purpose, lang)
        cookies.append(
            {
                "name": cookie.name,
                "purpose": text,
                "purpose_fallback": fallback,
                "expires": cookie.expires,
            }
        )
    instructions, instructions_fallback = (
        text_for(vendor.opt_out_instructions, lang)
        if vendor.opt_out_instructions
        else (None, False)
    )
    agreement = vendor.agreement
    row = {
        "id": vendor.id,
        "name": vendor.name,
        "provider": vendor.provider,
        "category": vendor.category,
        "category_label": gettext(CATEGORY_LABELS[vendor.category]),
        "state": state.value,
        "coming_from": vendor.added if state is VendorState.COMING else None,
        "added": vendor.added,
        "announced": vendor.announced,
        "removed": vendor.removed,
        "purpose": purpose,
        "purpose_fallback": purpose_fallback,
        "data_collected": collected,
        "data_collected_fallback": any(item["fallback"] for item in collected),
        "cookies": cookies,
        "cookies_fallback": any(c["purpose_fallback"] for c in cookies),
        "student_data": vendor.student_data,
        "agreement": {
            "type": agreement.type,
            "signed": agreement.signed,
            "expires": agreement.expires,
        }
        if agreement
        else None,
        "privacy_policy": vendor.privacy_policy,
        "terms": vendor.terms,
        "opt_out": vendor.opt_out,
        "opt_out_instructions": instructions,
        "opt_out_instructions_fallback": instructions_fallback,
    }
    row["fallback"] = any(
        row[k]
        for k in (
            "purpose_fallback",
            "data_collected_fallback",
            "cookies_fallback",
            "opt_out_instructions_fallback",
        )
    )
    return row


def vendors_document(
    vendors: Iterable[Vendor],
    today: date,
    lang: str,
    site_url: str | None,
    default_language: str = "en",
) -> dict[str, Any]:
    """``/api/vendors.json``: the registry as published on the build date. Hidden vendors are
    left out as they are from every page; texts keep every language; JSON types only."""
    vendors = list(vendors)
    listed = sorted((v for v in vendors if v.state(today) in LISTED), key=lambda v: v.id)
    removed = sorted(
        (v for v in vendors if v.state(today) is VendorState.REMOVED),
        key=lambda v: (v.removed or today, v.id),
    )
    prefix = urls.lang_prefix(lang, default_language)
    return {
        "generated": today.isoformat(),
        "vendors": [
            _entry(v, today, urls.absolute(f"{prefix}vendors/#{v.id}", site_url)) for v in listed
        ],
        "removed": [
            {"id": v.id, "name": v.name, "removed": v.removed.isoformat() if v.removed else None}
            for v in removed
        ],
    }


def _entry(vendor: Vendor, today: date, url: str) -> dict[str, Any]:
    agreement = vendor.agreement
    return {
        "id": vendor.id,
        "name": vendor.name,
        "provider": vendor.provider,
        "category": vendor.category,
        "state": vendor.state(today).value,
        "url": url,
        "purpose": dict(vendor.purpose),
        "data_collected": [dict(t) for t in vendor.data_collected],
        "cookies": [
            {"name": c.name, "purpose": dict(c.purpose), "expires": c.expires}
            for c in vendor.cookies
        ],
        "student_data": vendor.student_data,
        "agreement": {
            "type": agreement.type,
            "signed": agreement.signed.isoformat(),
            "expires": agreement.expires.isoformat() if agreement.expires else None,
        }
        if agreement
        else None,
        "links": {
            "privacy_policy": vendor.privacy_policy,
            "terms": vendor.terms,
            "opt_out": vendor.opt_out,
        },
        "opt_out_instructions": dict(vendor.opt_out_instructions)
        if vendor.opt_out_instructions
        else None,
        "added": vendor.added.isoformat(),
        "announced": vendor.announced.isoformat() if vendor.announced else None,
        "removed": vendor.removed.isoformat() if vendor.removed else None,
    }
