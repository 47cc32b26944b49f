"""The registry's JSON Schema, and each of its errors put in our own words.

The schema ships beside this module (``vendors.schema.json``, the file editors use too) and
finds shape errors: missing and unknown fields, wrong types, bad ids, dates and addresses.
Each is worded per kind of rule, never jsonschema's, with the fix; an unknown field that is
probably a misspelt one says which, and the fields it meant are returned so that no second
message calls them missing. The conditional rules are left to :mod:`vendor_rules`.
The errors come as plain data from :mod:`privacy_site.reading.schema_errors`, the one way
the site checks a file against its schema (front matter goes through it too).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path as FilePath
from typing import Any

from ..model.dates import why_not
from ..reading.schema_errors import Schema, SchemaError
from ..reading.yamldoc import Path
from .locate import Collector, dotted

_WHAT = {
    "root": "the registry",
    "vendor": "a vendor",
    "links": "links",
    "agreement": "an agreement",
    "cookie": "a cookie",
    "subprocessor": "a subprocessor",
    "storage": "storage",
    "encryption": "encryption",
    "update": "an update",
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
    ("subprocessor", "name"): "add the company's name, for example 'name: Example Cloud Inc.'",
    ("subprocessor", "purpose"): "say in plain words what it does with the data",
    ("storage", "location"): "add the country or region, for example 'location: United States'",
    ("storage", "kind"): "add whose computers hold the data: vendor, cloud or district",
    ("encryption", "in_motion"): "add 'in_motion: true' or 'in_motion: false'",
    ("encryption", "at_rest"): "add 'at_rest: true' or 'at_rest: false'",
    ("update", "announced"): "add the day the change is posted, as YYYY-MM-DD",
    ("update", "effective"): "add the day the change takes effect, as YYYY-MM-DD",
}


SCHEMA = Schema(FilePath(__file__).with_name("vendors.schema.json"))


def schema() -> dict[str, Any]:
    """The schema shipped beside this module; one parsed copy, never modified."""
    return SCHEMA.data


def categories() -> tuple[str, ...]:
    return tuple(schema()["$defs"]["vendor"]["properties"]["category"]["enum"])


def data_elements() -> tuple[str, ...]:
    """The codes of the NDPA's Schedule of Data (Exhibit B) categories, in the schema's order."""
    return tuple(schema()["$defs"]["data_element"]["enum"])


def storage_kinds() -> tuple[str, ...]:
    return tuple(schema()["$defs"]["storage_kind"]["enum"])


def schema_pass(found: Collector, data: Any) -> set[tuple[Path, str]]:
    """Report the schema's errors; return the fields that an unknown field probably meant."""
    suggested: set[tuple[Path, str]] = set()
    missing: list[SchemaError] = []
    for error in SCHEMA.errors(data):
        if "then" in error.schema_path:
            continue  # the conditional rules get tailored messages from vendor_rules
        if error.rule == "required":
            missing.append(error)
        elif error.rule == "additionalProperties":
            path, key = error.path[:-1], error.path[-1]
            meant, hint = _unknown_hint(str(key), error.kind, list(error.known), path)
            if meant:
                suggested.add(meant)
                if len(meant[0]) > len(path):  # a misplaced link: "links" is not missing
                    suggested.add((path, meant[0][-1]))
            found.add(
                error.path, f"{dotted(error.path)}: not a field of {_WHAT[error.kind]}; {hint}"
            )
        else:
            found.add(*_placed(error))
    for error in missing:
        path, name = error.path[:-1], str(error.path[-1])
        if (path, name) in suggested:
            continue
        fix = _MISSING.get((error.kind, name), f"add '{name}:'")
        fix = fix.replace("{categories}", ", ".join(categories()))
        found.add(error.path, f"{dotted(error.path)}: missing; {fix}", at=path)
    return suggested


# Words staff use for a kind of tool, by the category the spec calls it: a suggestion
# about meaning, where spelling distance alone would say nothing (or something wrong).
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "analytics": ("statistics", "stats", "tracking", "tracker", "metrics", "measurement"),
    "advertising": ("ads", "ad", "marketing", "recruiting", "remarketing"),
    "communication": (
        "email",
        "messaging",
        "messages",
        "chat",
        "sms",
        "text",
        "newsletter",
        "notifications",
        "phone",
        "calls",
    ),
    "hosting": ("host", "cdn", "website", "web", "server", "cloud", "infrastructure", "cms"),
    "learning": (
        "education",
        "educational",
        "edtech",
        "classroom",
        "instruction",
        "curriculum",
        "lms",
        "teaching",
        "homework",
        "assessment",
        "testing",
    ),
    "operations": (
        "forms",
        "survey",
        "surveys",
        "payments",
        "payroll",
        "finance",
        "hr",
        "scheduling",
        "administration",
        "sis",
        "transportation",
    ),
    "security": (
        "captcha",
        "antivirus",
        "firewall",
        "spam",
        "filtering",
        "authentication",
        "login",
        "sso",
    ),
    "translation": ("language", "languages", "interpreting", "interpretation", "translate"),
    "video": ("streaming", "stream", "media", "youtube", "broadcast", "livestream"),
}


def category_meant(value: str, allowed: list[str]) -> str | None:
    """The category a mistaken one most likely means: by meaning first, then spelling."""
    word = "".join(c for c in value.lower() if c.isalnum())
    for category, words in CATEGORY_WORDS.items():
        if category in allowed and (word in words or word.rstrip("s") in words):
            return category
    close = difflib.get_close_matches(value.lower(), allowed, n=1)
    return close[0] if close else None


def _placed(error: SchemaError) -> tuple[Path, str]:
    """One schema error as (path, message)."""
    value, path, kind = error.value, error.path, error.kind
    name = dotted(path)
    if error.rule == "type":
        return path, _type_message(path, kind, error.expected, value)
    if error.rule == "enum" and kind in _ENUM_WORDS:
        allowed = [str(v) for v in error.expected]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return (
            path,
            f"{name}: {_shown(value)} is not {_ENUM_WORDS[kind]}; use one of "
            f"{', '.join(allowed)}{hint}",
        )
    if error.rule == "uniqueItems":
        return path, f"{name}: an item is listed twice; list each once"
    if error.rule == "enum":
        allowed = [str(v) for v in error.expected]
        meant = category_meant(str(value), allowed)
        hint = f" (did you mean '{meant}'?)" if meant else ""
        return (
            path,
            f"{name}: {_shown(value)} is not a category; use one of {', '.join(allowed)}{hint}",
        )
    if error.rule == "pattern" and "propertyNames" in error.schema_path:
        return (*path, value), (
            f"{name}: {_shown(value)} is not a language code; use a code such as en, es, "
            "pt-BR or ht"
        )
    if error.rule == "pattern":
        return path, f"{name}: {_pattern_message(error.expected, value)}"
    if error.rule == "minItems":
        return (
            path,
            f"{name}: the list is empty; list at least one item, each on a line starting with '- '",
        )
    if error.rule == "minLength":
        return path, f"{name}: empty; write the text after the colon"
    return path, f"{name}: {_shown(value)} is not allowed here; see the example in the spec"


_ENUM_WORDS = {"data_element": "a data element", "storage_kind": "a kind of storage"}


def _pattern_message(pattern: str, value: object) -> str:
    definitions = schema()["$defs"]
    if pattern == definitions["agreement"]["properties"]["copy"]["pattern"]:
        return (
            f"{_shown(value)} is not a path of a copy in the repository; write the path from "
            "the project's folder, under the default language's folder of docs/, ending in "
            ".pdf, .html or .txt, such as docs/en/contracts/reading-app-2025.pdf"
        )
    if pattern == definitions["link"]["pattern"]:
        return (
            f"{_shown(value)} is not a full address; write https:// and the site's name, "
            "such as https://example.org/privacy, or mailto: and an e-mail address, with no "
            "spaces and no user name or password in it"
        )
    if pattern == definitions["date"]["pattern"]:
        return f"{_shown(value)} {why_not(value)}"
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
