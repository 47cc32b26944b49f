"""Every problem in ``vendors.yml`` in plain English, located, with its fix.

Two passes over the parsed document. The JSON Schema (the file editors use too) finds
shape errors; each is put in our own words per kind of rule, never jsonschema's. Python
then checks what a schema says badly or not at all: real calendar dates, unique ids, the
order of dates, the 30-day notice, agreements and opt-outs. Each problem keeps the path
of the value it is about, so the loader can leave out exactly the entries that are wrong.
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path as FilePath
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from . import yamldoc
from .dates import ISO_DATE, parse_date, why_not
from .policies import NOTICE_DAYS
from .problems import Problem
from .sources import invisible_in
from .yamldoc import Document, Path

OPT_OUT_CATEGORIES = ("analytics", "advertising")
DATE_FIELDS = ("added", "announced", "removed")
AGREEMENT_DATES = ("signed", "expires")

Found = tuple[Path, Problem]

_WHAT = {
    "root": "the registry",
    "vendor": "a vendor",
    "links": "links",
    "agreement": "an agreement",
    "cookie": "a cookie",
}

_MISSING = {
    ("root", "vendors"): "start the file with 'vendors:' and list each vendor under it",
    ("vendor", "id"): "add a short id of lowercase letters, digits and hyphens, for example "
    "'id: google-analytics'",
    ("vendor", "name"): "add the tool's name, for example 'name: Google Analytics'",
    ("vendor", "provider"): "add the company that provides it, for example 'provider: Google LLC'",
    ("vendor", "category"): "add the kind of tool, one of {categories}",
    ("vendor", "purpose"): "say in one plain sentence why the websites use it",
    ("vendor", "data_collected"): "list what it collects, one item per line starting with '- '",
    ("vendor", "student_data"): "say whether it receives student record information: "
    "'student_data: true' or 'student_data: false'",
    ("vendor", "links"): "add 'links:' with the vendor's 'privacy_policy: https://…' under it",
    ("vendor", "added"): "add the date it is in use from, as YYYY-MM-DD",
    ("links", "privacy_policy"): "add the address of the vendor's privacy policy, starting "
    "with https://",
    ("agreement", "type"): "say what kind of agreement it is, for example "
    "'type: Data Privacy Agreement'",
    ("agreement", "signed"): "add the date it was signed, as YYYY-MM-DD",
    ("cookie", "name"): "add the cookie's name as the browser shows it, for example 'name: _ga'",
    ("cookie", "purpose"): "say in plain words what the cookie is for",
    ("cookie", "expires"): "say how long it is kept, for example 'expires: 2 years'",
    ("text", "en"): "every text needs its English version: add an 'en:' line",
}


@cache
def schema() -> dict[str, Any]:
    """The schema shipped beside this module; one parsed copy, never modified."""
    return json.loads(FilePath(__file__).with_name("vendors.schema.json").read_text("utf-8"))


def categories() -> tuple[str, ...]:
    return tuple(schema()["$defs"]["vendor"]["properties"]["category"]["enum"])


def dotted(path: Path, data: Any = None) -> str:
    """``("vendors", 3, "links", "opt_out")`` as a path: ``vendors[3].links.opt_out``; with the
    registry's ``data``, as staff read it: ``vendor 'seesaw', links.opt_out``."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text if data is None else in_staff_words(text, data)


VENDOR_INDEX = re.compile(r"vendors\[(\d+)\](\.?)")
VENDOR_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def in_staff_words(message: str, data: Any) -> str:
    """Each ``vendors[3]`` in ``message`` named as staff know the vendor: by its id, or by
    its place in the file when it has no usable id yet."""
    entries = data.get("vendors") if isinstance(data, dict) else None

    def label(match: re.Match[str]) -> str:
        index = int(match.group(1))
        entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
        vendor_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(vendor_id, str) and VENDOR_ID.match(vendor_id):
            name = f"vendor '{vendor_id}'"
        else:
            name = f"the {_ordinal(index + 1)} vendor"
        return name + (", " if match.group(2) else "")

    return VENDOR_INDEX.sub(label, message)


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


class _Collector:
    """Problems with their paths; the same message at the same place is kept once."""

    def __init__(self, document: Document, display: str):
        self.document = document
        self.display = display
        self.found: list[Found] = []
        self._seen: set[tuple[int, int, str]] = set()

    def add(
        self,
        path: Path,
        message: str,
        *,
        at: Path | None = None,
        position: tuple[int, int] | None = None,
        severity: str = "error",
    ) -> None:
        line, column = position or self.document.where(path if at is None else at)
        line, column = line or 1, column or 1
        message = in_staff_words(message, self.document.data)
        if (line, column, message) in self._seen:
            return
        self._seen.add((line, column, message))
        self.found.append((path, Problem(self.display, line, column, message, severity)))


def check(document: Document, display: str, today: date) -> list[Found]:
    """Every problem in the document, schema and rules together, each with its path."""
    found = _Collector(document, display)
    for path, line, column in document.duplicate_keys:
        found.add(
            path,
            f"{dotted(path)}: written twice; keep one '{path[-1]}:' line (only the last one "
            "is used now)",
            position=(line, column),
        )
    suggested = _schema_pass(found, document.data)
    _rules_pass(found, document.data, today, suggested)
    for path, value in yamldoc.strings(document.data):
        hidden = invisible_in(value)
        if hidden:
            found.add(
                path,
                f"{dotted(path)}: contains an invisible character ({hidden}) that can hide or "
                "reorder words; delete it and retype the text",
            )
    return found.found


# Schema errors, in our words ------------------------------------------------------------


def _kind(subschema: object) -> str:
    """Which part of the schema an error is about, by identity with the shipped schema."""
    root = schema()
    if subschema is root:
        return "root"
    for name, definition in root["$defs"].items():
        if subschema is definition:
            return name
    return "field"


def _schema_pass(found: _Collector, data: Any) -> set[tuple[Path, str]]:
    """Report the schema's errors; return the fields that an unknown field probably meant."""
    suggested: set[tuple[Path, str]] = set()
    missing: list[tuple[Path, str, str, dict[Any, Any]]] = []
    for error in Draft202012Validator(schema()).iter_errors(data):
        if "then" in error.absolute_schema_path:
            continue  # the conditional rules get tailored messages from _rules_pass
        path: Path = tuple(error.absolute_path)
        kind = _kind(error.schema)
        if error.validator == "required" and isinstance(error.instance, dict):
            missing += [(path, name, kind, error.instance) for name in error.validator_value]
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in known:
                    meant, hint = _unknown_hint(str(key), kind, known, path)
                    if meant:
                        suggested.add(meant)
                        if len(meant[0]) > len(path):  # a misplaced link: "links" is not missing
                            suggested.add((path, meant[0][-1]))
                    found.add(
                        (*path, key),
                        f"{dotted((*path, key))}: not a field of {_WHAT[kind]}; {hint}",
                    )
        else:
            found.add(*_placed(error, path, kind))
    for path, name, kind, instance in missing:
        if name in instance or (path, name) in suggested:
            continue
        fix = _MISSING.get((kind, name), f"add '{name}:'")
        fix = fix.replace("{categories}", ", ".join(categories()))
        found.add((*path, name), f"{dotted((*path, name))}: missing; {fix}", at=path)
    return suggested


def _placed(error: ValidationError, path: Path, kind: str) -> tuple[Path, str]:
    """One schema error as (path, message)."""
    value = error.instance
    name = dotted(path)
    if error.validator == "type":
        return path, _type_message(path, kind, error.validator_value, value)
    if error.validator == "enum":
        allowed = [str(v) for v in error.validator_value]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return (
            path,
            f"{name}: {_shown(value)} is not a category; use one of {', '.join(allowed)}{hint}",
        )
    if error.validator == "pattern" and "propertyNames" in error.absolute_schema_path:
        return (*path, value), (
            f"{name}: {_shown(value)} is not a language code; use a code such as en, es, "
            "pt-BR or ht"
        )
    if error.validator == "pattern":
        return path, f"{name}: {_pattern_message(error.validator_value, value)}"
    if error.validator == "minItems":
        return (
            path,
            f"{name}: the list is empty; list at least one item, each on a line starting with '- '",
        )
    if error.validator == "minLength":
        return path, f"{name}: empty; write the text after the colon"
    return path, f"{name}: {_shown(value)} is not allowed here; see the example in the spec"


def _pattern_message(pattern: str, value: object) -> str:
    definitions = schema()["$defs"]
    if pattern == definitions["link"]["pattern"]:
        return (
            f"{_shown(value)} is not a full address; write https:// and the site's name, "
            "such as https://example.org/privacy, or mailto: and an e-mail address, with no "
            "spaces and no user name or password in it"
        )
    if pattern == definitions["date"]["pattern"]:
        return (
            f"{_shown(value)} is not a date written YYYY-MM-DD; "
            "write it like 2026-12-22 (year, month, day)"
        )
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "google-analytics"
    return (
        f"{_shown(value)} is not a valid id; use lowercase letters, digits and single hyphens, "
        f"for example '{slug}'"
    )


def _type_message(path: Path, kind: str, expected: object, value: object) -> str:
    got = _shown(value)
    name = dotted(path)
    field = path[-1] if path else ""
    if kind == "root":
        if value is None:
            return "the file is empty; start it with 'vendors:' and list each vendor under it"
        return (
            f"the file must start with 'vendors:' (it holds {got}); start it with 'vendors:' "
            "and list each vendor under it, each starting with '- '"
        )
    if kind == "date":
        return f"{name}: must be a date written YYYY-MM-DD (got {got}); write it like 2026-12-22"
    if kind == "link":
        return (
            f"{name}: must be an address starting with https:// or mailto: (got {got}); "
            "write the full https:// address"
        )
    if kind == "text":
        return (
            f"{name}: must be text, or a mapping of language code to text with 'en' (got {got}); "
            "write the English text after the colon"
        )
    if kind == "vendor":
        return (
            f"{name}: must be a mapping of field: value (got {got}); write each vendor as "
            "'- id: …' with 'name:', 'provider:' and its other fields on the lines below"
        )
    if expected == "boolean":
        return (
            f"{name}: must be true or false (got {got}); write '{field}: true' or '{field}: false'"
        )
    if expected == "array" and path == ("vendors",):
        return (
            f"{name}: must be a list (got {got}); list each vendor under 'vendors:', each "
            "starting with '- id:'"
        )
    if kind == "cookie":
        return (
            f"{name}: must be a mapping of field: value (got {got}); write each cookie as "
            "'- {name: …, purpose: …, expires: …}'"
        )
    if expected == "array":
        return (
            f"{name}: must be a list (got {got}); put each item on its own line starting with '- '"
        )
    if expected == "object":
        return (
            f"{name}: must be a mapping of field: value (got {got}); put each field on its own "
            f"line, indented under '{field}:'"
        )
    return (
        f"{name}: must be text (got {got}); write it after the colon, in quotes if it looks "
        "like a number or true/false"
    )


def _unknown_hint(
    key: str, kind: str, known: list[str], path: Path
) -> tuple[tuple[Path, str] | None, str]:
    """Where the field the key probably meant belongs (object path, name), and the hint."""
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return (path, close[0]), f"did you mean '{close[0]}'?"
    definitions = schema()["$defs"]
    if kind == "vendor":
        inner = difflib.get_close_matches(key, list(definitions["links"]["properties"]), n=1)
        if inner:
            hint = f"did you mean 'links.{inner[0]}'? addresses go under 'links:'"
            return ((*path, "links"), inner[0]), hint
    if kind == "links":
        outer = difflib.get_close_matches(key, list(definitions["vendor"]["properties"]), n=1)
        if outer:
            hint = f"'{outer[0]}' belongs to the vendor, not under 'links:': move it out one level"
            return (path[:-1], outer[0]), hint
    return None, "the fields are " + ", ".join(known)


def _shown(value: object) -> str:
    """A value as staff wrote it, briefly: 'text' in quotes, 5, true, nothing, a list."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "…")


# Rules a schema cannot say well ------------------------------------------------------------


def _rules_pass(
    found: _Collector, data: Any, today: date, suggested: set[tuple[Path, str]]
) -> None:
    entries = data.get("vendors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        base: Path = ("vendors", index)
        vendor_id = entry.get("id")
        if isinstance(vendor_id, str):
            if vendor_id in first_index:
                earlier = first_index[vendor_id]
                line = found.document.where(("vendors", earlier, "id"))[0]
                found.add(
                    (*base, "id"),
                    f"{dotted((*base, 'id'))}: {vendor_id!r} is already the id of "
                    f"vendors[{earlier}] (line {line}); give each vendor its own id",
                )
            else:
                first_index[vendor_id] = index
        dates = _real_dates(found, base, entry)
        _agreement_rules(found, base, entry, dates, today, suggested)
        _opt_out_rule(found, base, entry, suggested)
        _order_rules(found, base, entry, dates)


def _real_dates(found: _Collector, base: Path, entry: dict[Any, Any]) -> dict[str, date]:
    """The dates that are real; a YYYY-MM-DD that does not exist is reported here."""
    places: list[tuple[str, Path, object]] = [(n, (*base, n), entry.get(n)) for n in DATE_FIELDS]
    agreement = entry.get("agreement")
    if isinstance(agreement, dict):
        places += [
            (f"agreement.{n}", (*base, "agreement", n), agreement.get(n)) for n in AGREEMENT_DATES
        ]
    dates: dict[str, date] = {}
    for key, path, raw in places:
        if not isinstance(raw, str) or not ISO_DATE.match(raw.strip()):
            continue  # absent, or the schema has already said it is not YYYY-MM-DD
        value = parse_date(raw)
        if value is None:
            found.add(path, f"{dotted(path)}: {raw!r} {why_not(raw)}")
        else:
            dates[key] = value
    return dates


def _agreement_rules(
    found: _Collector,
    base: Path,
    entry: dict[Any, Any],
    dates: dict[str, date],
    today: date,
    suggested: set[tuple[Path, str]],
) -> None:
    wanted = entry.get("student_data") is True and "agreement" not in entry
    if wanted and (base, "agreement") not in suggested:
        found.add(
            (*base, "agreement"),
            f"{dotted((*base, 'agreement'))}: missing, and student_data is true; add "
            "'agreement:' with its 'type:' and 'signed:' date, or set student_data: false "
            "if it receives no student record information",
            at=(*base, "student_data"),
        )
    signed, expires = dates.get("agreement.signed"), dates.get("agreement.expires")
    path = (*base, "agreement", "expires")
    if signed and expires and expires < signed:
        found.add(
            path,
            f"{dotted(path)}: {expires.isoformat()} is before agreement.signed "
            f"{signed.isoformat()}; correct one of the two dates",
        )
    elif expires and expires < today:
        removed = dates.get("removed")
        if removed is None or removed > today:
            found.add(
                path,
                f"{dotted(path)}: {expires.isoformat()} has passed; renew the agreement or "
                "update the date",
                severity="warning",
            )


def _opt_out_rule(
    found: _Collector, base: Path, entry: dict[Any, Any], suggested: set[tuple[Path, str]]
) -> None:
    category = entry.get("category")
    if category not in OPT_OUT_CATEGORIES or "opt_out_instructions" in entry:
        return
    links = entry.get("links")
    if isinstance(links, dict) and "opt_out" in links:
        return
    links_path: Path = (*base, "links")
    if (base, "opt_out_instructions") in suggested or (links_path, "opt_out") in suggested:
        return  # a misspelt field: its own message says which
    path = (*links_path, "opt_out")
    found.add(
        path,
        f"{dotted(path)}: missing, and an {category} vendor must say how to opt out; add the "
        "address where people opt out under 'links:', or explain how in opt_out_instructions",
    )


def _order_rules(
    found: _Collector, base: Path, entry: dict[Any, Any], dates: dict[str, date]
) -> None:
    added, announced, removed = (dates.get(n) for n in DATE_FIELDS)
    if added and announced and announced > added:
        path = (*base, "announced")
        found.add(
            path,
            f"{dotted(path)}: {announced.isoformat()} is after added {added.isoformat()}; a "
            "vendor is announced on or before the day it is added: correct one of the two dates",
        )
    elif added and announced and entry.get("category") in OPT_OUT_CATEGORIES:
        notice = (added - announced).days
        if notice < NOTICE_DAYS:
            path = (*base, "added")
            earliest = announced + timedelta(days=NOTICE_DAYS)
            found.add(
                path,
                f"{dotted(path)}: {added.isoformat()} is {notice} day{'s' if notice != 1 else ''} "
                f"after announced {announced.isoformat()}; an {entry['category']} vendor is added "
                f"at least {NOTICE_DAYS} days after it is announced: set added to "
                f"{earliest.isoformat()} or later",
            )
    if added and removed and removed < added:
        path = (*base, "removed")
        found.add(
            path,
            f"{dotted(path)}: {removed.isoformat()} is before added {added.isoformat()}; a vendor "
            "is removed on or after the day it was added: correct one of the two dates",
        )
