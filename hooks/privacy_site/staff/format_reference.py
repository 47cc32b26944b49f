"""FORMAT.md, the reference of every field staff write, generated from the two JSON Schemas
(``frontmatter.schema.json`` and ``vendors.schema.json``) so it cannot drift from them.

``make format-reference`` rewrites it; a test fails when the file and the schemas differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..model import state_laws
from ..reading import files

PACKAGE = Path(__file__).resolve().parent.parent
FRONT_MATTER = PACKAGE / "reading" / "frontmatter.schema.json"
VENDORS = PACKAGE / "registry" / "vendors.schema.json"
PAGE_KINDS = ("policy_version", "policy_translation", "page")
VENDOR_PARTS = (  # (the $defs entry, the heading, how it is written in vendors.yml)
    ("vendor", "A vendor", "each item of `vendors:`, starting with `- id:`"),
    ("links", "Its links", "under `links:`"),
    ("cookie", "A cookie", "each item of `cookies:`"),
    ("agreement", "Its data agreement", "under `agreement:`"),
    ("subprocessor", "A subprocessor", "each item of `subprocessors:`"),
    ("storage", "Where the data is stored", "under `storage:`"),
    ("encryption", "Encryption", "under `encryption:`"),
    ("update", "An announced change", "each item of `updates:`"),
)


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def render() -> str:
    front, vendors = load(FRONT_MATTER), load(VENDORS)
    lines = [
        "# Format reference",
        "",
        "<!-- Generated from hooks/privacy_site/reading/frontmatter.schema.json and",
        "     hooks/privacy_site/registry/vendors.schema.json by `make format-reference`; edit the",
        "     schemas, not this file. -->",
        "",
        "Every field you can write, what it means, and whether it is required. How to do",
        "each task step by step is in [EDITING.md](EDITING.md).",
        "",
        f"## {front['title']}",
        "",
        front["description"],
        "",
    ]
    for kind in PAGE_KINDS:
        part = front["$defs"][kind]
        lines += [f"### {part['title']}", "", part["description"], ""]
        lines += _fields(part, front)
    lines += [f"## {vendors['title']}", "", vendors["description"], ""]
    for name, heading, where in VENDOR_PARTS:
        part = vendors["$defs"][name]
        lines += [f"### {heading} ({where})", "", part.get("description", ""), ""]
        lines += _fields(part, vendors)
    lines += _profiles()
    return "\n".join(lines).rstrip() + "\n"


def _profiles() -> list[str]:
    """The state profiles (``extra.privacy_site.state``), from :mod:`model.state_laws`."""
    lines = [
        "## State profiles (extra.privacy_site.state in mkdocs.yml)",
        "",
        "For a vendor with `student_data: true`, the district's state makes these fields "
        "required: `privacy-site check` and the build name the missing field, the section "
        "that asks for it and how to fill it in, at the vendor's line. Massachusetts' fields "
        "come from the National Data Privacy Agreement its districts sign, not from a statute, "
        "so a missing one is a warning. Any other state, or none, requires none of them.",
        "",
        "| state | field | asked for by | what it is |",
        "| --- | --- | --- | --- |",
    ]
    for code, profile in state_laws.PROFILES.items():
        for requirement in profile.requirements:
            fields = " or ".join(f"`{f}`" for f in requirement.fields)
            lines.append(f"| {code} | {fields} | {requirement.citation} | {requirement.asks} |")
        if profile.notice_business_days:
            lines.append(
                f"| {code} | `announced` (or `added`) | {profile.notice_citation} | notice of "
                f"the contract within {profile.notice_business_days} business days of "
                "`agreement.signed` (Monday to Friday; public holidays are not counted out) |"
            )
    return [*lines, ""]


def _fields(part: dict[str, Any], root: dict[str, Any]) -> list[str]:
    required = set(part.get("required", ()))
    lines = ["| field | required | what it is |", "| --- | --- | --- |"]
    for name, spec in part.get("properties", {}).items():
        description = spec.get("description") or _resolve(spec, root).get("description", "")
        items = spec.get("items", {})
        choices = [
            str(value)
            for value in spec.get("enum")
            or _resolve(spec, root).get("enum")
            or _resolve(items, root).get("enum")
            or ()
        ]
        if choices:
            description += " One of: " + ", ".join(f"`{c}`" for c in choices) + "."
        cell = description.replace("|", "\\|")
        lines.append(f"| `{name}` | {'yes' if name in required else 'no'} | {cell} |")
    return [*lines, ""]


def _resolve(spec: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = spec.get("$ref", "")
    return root["$defs"].get(ref.rsplit("/", 1)[-1], {}) if ref.startswith("#/$defs/") else {}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path("FORMAT.md")
    try:
        files.write_text(target, render())
    except files.WriteFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
