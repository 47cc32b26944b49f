"""What the states' laws ask the vendors page to disclose about a tool that receives student
data, in the reader's language: the data elements (the NDPA's Schedule of Data, Exhibit B),
the agreement's link or copy, and the rest under one disclosure titled by the district's
state profile (:mod:`model.state_laws`). Also the index of tools by data element (the
page's filter that needs no JavaScript) and ``/api/vendors.csv``.

Texts stay plain strings; templates escape them. The CSV, like the JSON, is the registry
as published on the build date, in English (the governing text) with the vocabulary's codes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..languages.language import N_
from ..model import state_laws, urls
from ..model.vendors import LISTED, Agreement, Disclosures, Text, Vendor, text_for
from ..registry.schema import data_elements, storage_kinds

# English labels of the NDPA Schedule of Data categories, marked for translation.
DATA_ELEMENT_LABELS: dict[str, str] = {
    "application-technology-metadata": N_("Technical data about devices, such as IP addresses"),
    "application-use-statistics": N_("How the tool is used"),
    "assessment": N_("Test and assessment results"),
    "attendance": N_("Attendance"),
    "communications": N_("Messages and other communications"),
    "conduct": N_("Conduct and behavior"),
    "demographics": N_("Demographics, such as date of birth"),
    "enrollment": N_("Enrollment, such as school and grade"),
    "parent-contact": N_("Parent or guardian contact information"),
    "parent-id": N_("Parent or guardian ID number"),
    "parent-name": N_("Parent or guardian name"),
    "schedule": N_("Class schedule"),
    "special-indicator": N_("Special program status, such as disability or English learner"),
    "student-contact": N_("Student contact information"),
    "student-identifiers": N_("Student ID numbers"),
    "student-in-app-performance": N_("Progress in the tool"),
    "student-program-membership": N_("Programs the student takes part in"),
    "student-survey-responses": N_("Survey answers"),
    "student-work": N_("Student work"),
    "transcript": N_("Transcript and grades"),
    "transportation": N_("Transportation"),
    "other": N_("Other"),
}
STORAGE_LABELS: dict[str, str] = {
    "vendor": N_("the vendor's own data centers"),
    "cloud": N_("a cloud provider's data centers"),
    "district": N_("the district's own servers"),
}
# The disclosure's title by profile; without one, the page's own words.
TITLES: dict[str, str] = {
    "NY": N_("Details required by New York law"),
    "CT": N_("Details required by Connecticut law"),
    "CO": N_("Details required by Colorado law"),
    "MA": N_("Details of the data privacy agreement"),
}
OTHER_TITLE = N_("More about the student data it receives")
for code, profile in state_laws.PROFILES.items():  # one title, the same words, per profile
    if TITLES.get(code) != profile.title:
        raise RuntimeError(f"vendor_disclosures.py: TITLES[{code!r}] must be {profile.title!r}")
if set(DATA_ELEMENT_LABELS) != set(data_elements()) or set(STORAGE_LABELS) != set(storage_kinds()):
    raise RuntimeError("vendor_disclosures.py: label every code of the schema, and only those")

Gettext = Callable[[str], str]


def disclosure_row(
    vendor: Vendor, lang: str, gettext: Gettext, state: str | None
) -> dict[str, Any]:
    """The page's data for one tool: its data elements as a short list, the agreement's
    links, and the details for the disclosure (``None`` when the district wrote none)."""
    d = vendor.disclosures
    elements = []
    for code in _ordered(d.data_elements):
        if code == "other" and d.data_elements_other:
            text, fallback = text_for(d.data_elements_other, lang)
        else:
            text, fallback = gettext(DATA_ELEMENT_LABELS[code]), False
        elements.append({"code": code, "label": text, "fallback": fallback})
    details = _details(d, lang, gettext)
    title = TITLES.get(state or "", OTHER_TITLE)
    return {
        "data_elements": elements,
        "details": details or None,
        "details_title": gettext(title),
        "agreement_link": vendor.agreement.link if vendor.agreement else None,
        "agreement_copy": copy_path(vendor.agreement),
        "general_offer": vendor.agreement.general_offer if vendor.agreement else None,
    }


def copy_path(agreement: Agreement | None) -> str | None:
    """The site path of a copy kept in ``docs/<lang>/…``: the default language's files are
    published at the site's root."""
    if agreement is None or not agreement.copy:
        return None
    return agreement.copy.split("/", 2)[2]


def _ordered(codes: Iterable[str]) -> list[str]:
    order = {code: i for i, code in enumerate(data_elements())}
    return sorted(codes, key=lambda c: order.get(c, len(order)))


def _details(d: Disclosures, lang: str, gettext: Gettext) -> list[dict[str, Any]]:
    """(label, kind, value) for each part written, in the order New York's law lists them."""
    found: list[dict[str, Any]] = []

    def text(label: str, value: Text | None) -> None:
        if value is not None:
            shown, fallback = text_for(value, lang)
            found.append(
                {"label": gettext(label), "kind": "text", "text": shown, "fallback": fallback}
            )

    text(N_("Used only for"), d.exclusive_purposes)
    if d.subprocessors is not None:
        shared = []
        for s in d.subprocessors:
            purpose, fallback = text_for(s.purpose, lang)
            shared.append(
                {"name": s.name, "purpose": purpose, "fallback": fallback, "link": s.link}
            )
        found.append(
            {"label": gettext(N_("Shared with")), "kind": "subprocessors", "items": shared}
        )
    text(N_("How those it shares the data with are bound"), d.subprocessor_duties)
    text(N_("When the contract ends"), d.end_of_contract)
    text(N_("How to challenge the accuracy of the data"), d.accuracy_challenge)
    if d.storage is not None:
        found.append(
            {
                "label": gettext(N_("Where the data is stored")),
                "kind": "storage",
                "location": d.storage.location,
                "where": gettext(STORAGE_LABELS[d.storage.kind]),
            }
        )
    text(N_("Security protections"), d.security)
    if d.encryption is not None:
        found.append(
            {
                "label": gettext(N_("Encryption")),
                "kind": "encryption",
                "in_motion": gettext(
                    N_("Encrypted when sent over networks.")
                    if d.encryption.in_motion
                    else N_("Not encrypted when sent over networks.")
                ),
                "at_rest": gettext(
                    N_("Encrypted where it is stored.")
                    if d.encryption.at_rest
                    else N_("Not encrypted where it is stored.")
                ),
            }
        )
    return found


def element_index(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tools listed on the page by data element, in the schedule's order: the page's
    filter, a list of links that works without JavaScript."""
    by_code: dict[str, list[dict[str, str]]] = {}
    labels: dict[str, str] = {}
    for group in groups:
        for row in group["vendors"]:
            for element in row["disclosure"]["data_elements"]:
                by_code.setdefault(element["code"], []).append(
                    {"id": row["id"], "name": row["name"]}
                )
                if element["code"] != "other":
                    labels[element["code"]] = element["label"]
    index = []
    for code in _ordered(by_code):
        tools = sorted(by_code[code], key=lambda t: (t["name"].casefold(), t["id"]))
        index.append({"code": code, "label": labels.get(code), "vendors": tools})
    return index


def disclosure_entry(vendor: Vendor) -> dict[str, Any]:
    """The disclosures in ``/api/vendors.json``: codes and every language; JSON types only."""
    d = vendor.disclosures
    return {
        "data_elements": list(_ordered(d.data_elements)),
        "data_elements_other": dict(d.data_elements_other) if d.data_elements_other else None,
        "exclusive_purposes": _json_text(d.exclusive_purposes),
        "subprocessors": [
            {"name": s.name, "purpose": dict(s.purpose), "link": s.link} for s in d.subprocessors
        ]
        if d.subprocessors is not None
        else None,
        "subprocessor_duties": _json_text(d.subprocessor_duties),
        "storage": {"location": d.storage.location, "kind": d.storage.kind} if d.storage else None,
        "encryption": {"in_motion": d.encryption.in_motion, "at_rest": d.encryption.at_rest}
        if d.encryption
        else None,
        "security": _json_text(d.security),
        "end_of_contract": _json_text(d.end_of_contract),
        "accuracy_challenge": _json_text(d.accuracy_challenge),
    }


def _json_text(value: Text | None) -> dict[str, str] | None:
    return dict(value) if value is not None else None


CSV_COLUMNS = (
    "id",
    "name",
    "provider",
    "category",
    "status",
    "url",
    "student_data",
    "agreement_type",
    "agreement_signed",
    "agreement_expires",
    "agreement_link",
    "agreement_copy",
    "general_offer",
    "data_elements",
    "data_elements_other",
    "exclusive_purposes",
    "subprocessors",
    "subprocessor_duties",
    "storage_location",
    "storage_kind",
    "encrypted_in_motion",
    "encrypted_at_rest",
    "security",
    "end_of_contract",
    "accuracy_challenge",
    "privacy_policy",
    "terms",
    "added",
    "announced",
)


def vendors_csv(
    vendors: Iterable[Vendor],
    today: date,
    lang: str,
    site_url: str | None,
    default_language: str = "en",
) -> bytes:
    """``/api/vendors.csv``: one row per tool listed on the build date (in use or coming),
    by id; codes as in vendors.yml, lists joined with '; ', texts in English, yes/no."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    listed = sorted((v for v in vendors if v.state(today) in LISTED), key=lambda v: v.id)
    for v in listed:
        a, d = v.agreement, v.disclosures
        copy = copy_path(a)
        row = {
            "id": v.id,
            "name": v.name,
            "provider": v.provider,
            "category": v.category,
            "status": v.state(today).value,
            "url": urls.absolute(urls.vendor_path(v.id, lang, default_language), site_url),
            "student_data": _yes(v.student_data),
            "agreement_type": a.type if a else "",
            "agreement_signed": a.signed.isoformat() if a else "",
            "agreement_expires": a.expires.isoformat() if a and a.expires else "",
            "agreement_link": (a.link or "") if a else "",
            "agreement_copy": urls.absolute(copy, site_url) if copy else "",
            "general_offer": _yes(a.general_offer) if a else "",
            "data_elements": "; ".join(_ordered(d.data_elements)),
            "data_elements_other": _english(d.data_elements_other),
            "exclusive_purposes": _english(d.exclusive_purposes),
            "subprocessors": "; ".join(s.name for s in d.subprocessors or ()),
            "subprocessor_duties": _english(d.subprocessor_duties),
            "storage_location": d.storage.location if d.storage else "",
            "storage_kind": d.storage.kind if d.storage else "",
            "encrypted_in_motion": _yes(d.encryption.in_motion) if d.encryption else "",
            "encrypted_at_rest": _yes(d.encryption.at_rest) if d.encryption else "",
            "security": _english(d.security),
            "end_of_contract": _english(d.end_of_contract),
            "accuracy_challenge": _english(d.accuracy_challenge),
            "privacy_policy": v.privacy_policy,
            "terms": v.terms or "",
            "added": v.added.isoformat(),
            "announced": v.announced.isoformat() if v.announced else "",
        }
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8")


def _yes(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _english(value: Text | None) -> str:
    return text_for(value, "en")[0] if value is not None else ""


def _cell(value: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula: such text is kept
    as text by a leading apostrophe (OWASP's advice for CSV exports)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
