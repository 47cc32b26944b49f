"""Loading the vendor registry (``vendors.yml``) into :class:`model.vendors.Vendor`.

Loading checks everything at once (see :mod:`checks`) and builds a Vendor only from an
entry with no error, so a page never shows half a vendor. What a vendor is and its state
on a day are the model's (:mod:`privacy_site.model.vendors`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..model.dates import parse_date
from ..model.problems import Problem
from ..model.vendors import (
    Agreement,
    Cookie,
    Disclosures,
    Encryption,
    Storage,
    Subprocessor,
    Text,
    Update,
    Vendor,
)
from ..reading import sources, yamldoc
from . import checks, schema
from .locate import dotted

# In the spec's order, from the schema, so the page, the checks and editors agree.
CATEGORIES: tuple[str, ...] = schema.categories()


def load_vendors(
    path: Path, today: date, display: str = "vendors.yml", state: str | None = None
) -> tuple[list[Vendor], list[Problem]]:
    """Every vendor without an error, and every problem (errors and warnings) in the file;
    ``state``, the district's, adds its profile's required fields (model.state_laws).

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
    found = checks.check(document, display, today, state, path.parent)
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
                vendors.append(_vendor(entry, line, today))
            except (KeyError, TypeError, AttributeError, ValueError):
                # The checks admit only well-formed entries; this is a net, not a path.
                name = dotted(("vendors", index), document.data)
                message = f"{name}: could not be read; check its fields against the spec"
                found.append((("vendors", index), Problem(display, line, 1, message)))
    return vendors, [problem for _, problem in found]


def _vendor(entry: dict[str, Any], line: int, today: date) -> Vendor:
    """A checked entry as a Vendor; the checks guarantee every field has its type."""
    links = entry["links"]
    agreement = entry.get("agreement")
    updates = tuple(
        sorted((_update(u) for u in entry.get("updates") or ()), key=lambda u: u.effective)
    )
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
            link=_link(agreement.get("link")),
            copy=agreement.get("copy"),
            general_offer=agreement.get("general_offer"),
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
        disclosures=_in_force(_disclosures(entry), updates, today),
        updates=updates,
    )


def _disclosures(entry: dict[str, Any]) -> Disclosures:
    storage, encryption = entry.get("storage"), entry.get("encryption")
    subprocessors = entry.get("subprocessors")
    return Disclosures(
        data_elements=tuple(entry.get("data_elements") or ()),
        data_elements_other=_maybe_text(entry.get("data_elements_other")),
        exclusive_purposes=_maybe_text(entry.get("exclusive_purposes")),
        subprocessors=tuple(_subprocessor(s) for s in subprocessors)
        if subprocessors is not None
        else None,
        subprocessor_duties=_maybe_text(entry.get("subprocessor_duties")),
        storage=Storage(storage["location"].strip(), storage["kind"]) if storage else None,
        encryption=Encryption(encryption["in_motion"], encryption["at_rest"])
        if encryption
        else None,
        security=_maybe_text(entry.get("security")),
        end_of_contract=_maybe_text(entry.get("end_of_contract")),
        accuracy_challenge=_maybe_text(entry.get("accuracy_challenge")),
    )


def _update(entry: dict[str, Any]) -> Update:
    subprocessors = entry.get("subprocessors")
    elements = entry.get("data_elements")
    return Update(
        announced=_date(entry["announced"]),
        effective=_date(entry["effective"]),
        data_elements=tuple(elements) if elements is not None else None,
        subprocessors=tuple(_subprocessor(s) for s in subprocessors)
        if subprocessors is not None
        else None,
    )


def _in_force(base: Disclosures, updates: tuple[Update, ...], today: date) -> Disclosures:
    """The disclosures as of ``today``: each update in force replaces the lists it gives."""
    for update in updates:
        if update.effective > today:
            break
        if update.data_elements is not None:
            base = replace(base, data_elements=update.data_elements)
        if update.subprocessors is not None:
            base = replace(base, subprocessors=update.subprocessors)
    return base


def _subprocessor(entry: dict[str, Any]) -> Subprocessor:
    return Subprocessor(entry["name"].strip(), _text(entry["purpose"]), _link(entry.get("link")))


def _maybe_text(value: str | dict[str, str] | None) -> Text | None:
    return _text(value) if value is not None else None


def _text(value: str | dict[str, str]) -> Text:
    if isinstance(value, str):
        return {"en": value.strip()}
    return {str(lang): str(text).strip() for lang, text in value.items()}


def _date(value: str) -> date:
    parsed = parse_date(value)
    if parsed is None:  # checks has reported it; never reached for a checked entry
        raise ValueError(f"not a checked date: {value!r}")
    return parsed


def _link(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else None
