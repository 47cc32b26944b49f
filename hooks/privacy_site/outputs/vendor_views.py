"""What the vendors page and ``/api/vendors.json`` show of the registry on a day.

Both are built from the same :class:`model.vendors.Vendor` and its state, so the page and the
JSON cannot disagree about which vendors are listed. The page's rows are in the reader's
language: category labels through the catalogue, and each text in that language or in
English, saying so. The JSON keeps every language, and JSON types only. Texts stay plain
strings: templates escape them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..languages.language import N_
from ..model import urls
from ..model.vendors import LISTED, Vendor, VendorState, text_for
from ..registry.vendors import CATEGORIES
from .vendor_disclosures import copy_path, disclosure_entry, disclosure_row

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
# Who uses a tool of each category, so a change says it truthfully: a tracker runs on the
# district's websites, a learning app in schools and classrooms, a messaging service is
# the district's own.
SCOPES: dict[str, str] = {
    "analytics": "websites",
    "advertising": "websites",
    "hosting": "websites",
    "security": "websites",
    "translation": "websites",
    "video": "websites",
    "learning": "classrooms",
    "communication": "district",
    "operations": "district",
}
for table in (CATEGORY_LABELS, SCOPES):  # the schema gained a category: name it here
    if set(table) != set(CATEGORIES):
        raise RuntimeError(f"vendor_views.py: each table must name exactly {CATEGORIES}")


def vendor_rows(
    vendors: Iterable[Vendor],
    today: date,
    lang: str,
    gettext: Callable[[str], str] = str,
    state: str | None = None,
) -> list[dict[str, Any]]:
    """The vendors page's data: one group per category in CATEGORIES order, listed vendors
    only (in use or coming), by name. Dates stay ``date`` objects for the template to format;
    ``state`` (the district's) titles each tool's disclosure (vendor_disclosures)."""
    vendors = list(vendors)
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
                    "vendors": [_row(v, today, lang, gettext, state) for v in members],
                }
            )
    return groups


def removed_rows(
    vendors: Iterable[Vendor],
    today: date,
    lang: str,
    gettext: Callable[[str], str] = str,
    state: str | None = None,
) -> list[dict[str, Any]]:
    """Vendors no longer used, most recently stopped first: each keeps its anchor on the
    vendors page, so every link ever published to it still lands."""
    gone = [v for v in vendors if v.state(today) is VendorState.REMOVED]
    gone.sort(key=lambda v: (v.removed or today, v.name.casefold()), reverse=True)
    return [_row(v, today, lang, gettext, state) for v in gone]


def _row(
    vendor: Vendor,
    today: date,
    lang: str,
    gettext: Callable[[str], str],
    district_state: str | None = None,
) -> dict[str, Any]:
    state = vendor.state(today)
    purpose, purpose_fallback = text_for(vendor.purpose, lang)
    collected = [
        dict(zip(("text", "fallback"), text_for(t, lang), strict=True))
        for t in vendor.data_collected
    ]
    cookies = []
    for cookie in vendor.cookies or ():
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
        "stops_on": vendor.removed if vendor.removed and vendor.removed > today else None,
        "scope": SCOPES[vendor.category],
        "purpose": purpose,
        "purpose_fallback": purpose_fallback,
        "data_collected": collected,
        "data_collected_fallback": any(item["fallback"] for item in collected),
        "cookies": cookies,
        "cookies_listed": vendor.cookies is not None,
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
        "disclosure": disclosure_row(vendor, lang, gettext, district_state),
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
    return {
        "generated": today.isoformat(),
        "vendors": [
            _entry(
                v,
                today,
                urls.absolute(urls.vendor_path(v.id, lang, default_language), site_url),
                site_url,
            )
            for v in listed
        ],
        "removed": [
            {"id": v.id, "name": v.name, "removed": v.removed.isoformat() if v.removed else None}
            for v in removed
        ],
    }


def _entry(vendor: Vendor, today: date, url: str, site_url: str | None) -> dict[str, Any]:
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
        ]
        if vendor.cookies is not None
        else None,
        "student_data": vendor.student_data,
        "agreement": {
            "type": agreement.type,
            "signed": agreement.signed.isoformat(),
            "expires": agreement.expires.isoformat() if agreement.expires else None,
            "link": agreement.link,
            "copy": urls.absolute(copy_path(agreement) or "", site_url) if agreement.copy else None,
            "general_offer": agreement.general_offer,
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
        **disclosure_entry(vendor),
    }
