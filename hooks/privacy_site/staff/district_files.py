"""What ``privacy-site new-district`` writes, made before anything is written: mkdocs.yml
with the district's settings and languages (every other line kept), the standard pages
from ``district_template/``, the empty registry, and the workflows' time zone."""

from __future__ import annotations

import hashlib
import re
import tempfile
import textwrap
from pathlib import Path
from string import Template
from typing import Any

import yaml

from ..languages.language import SOURCE_LANGUAGE
from ..model.problems import errors
from ..model.settings import read_settings
from ..model.state_laws import STATE_PAGES
from ..model.states import STATES
from ..reading import files, site_config, yamldoc
from .district_values import District, Refused

TEMPLATES = Path(__file__).resolve().parent / "district_template"
PAGES = (
    "index.md",
    "policies/index.md",
    "changes.md",
    "vendors.md",
    "student-data-privacy.md",
    "accessibility.md",
    "translation-disclaimer.md",
    "contact.md",
)
WORKFLOW_ZONE = re.compile(r"^(\s*timezone:\s*)(\S+)(.*)$")


def configure(text: str, document: yamldoc.Document, district: District) -> str:
    """mkdocs.yml with the district's names, address, settings and languages; every other
    line (the engine's theme, hooks, plugins and extensions, and their comments) kept."""
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, list[str]]] = []  # [start, end) of lines, replaced

    def replace(path: yamldoc.Path, new: list[str], after: yamldoc.Path | None = None) -> None:
        if path in document.marks:
            start = document.marks[path][0] - 1
            edits.append((start, _block_end(lines, start), new))
        elif after is not None and after in document.marks:
            end = _block_end(lines, document.marks[after][0] - 1)
            edits.append((end, end, new))
        else:
            raise Refused(
                f"mkdocs.yml: has no {'.'.join(map(str, path))}; restore it from the "
                "repository (`git checkout origin/main -- mkdocs.yml`) and run this again"
            )

    name = district.name
    if lines and lines[0].startswith("# The privacy site of "):
        edits.append((0, 1, [f"# The privacy site of {name}.\n"]))
    replace(("site_name",), [f"site_name: {_scalar(_site_name('en', name))}\n"])
    description = (
        f"How {name} and its websites handle personal information and student data: "
        "policies, change notices, the tools the websites use, and answers to common "
        "questions."
    )
    folded = [
        f"  {line}\n"
        for line in textwrap.wrap(description, 86, break_on_hyphens=False, break_long_words=False)
    ]
    replace(("site_description",), ["site_description: >-\n", *folded])
    url = [f"site_url: {_scalar(district.site_url)}\n"]
    replace(("site_url",), url, after=("site_description",))
    settings = {
        "district": name,
        "short_name": district.short_name,
        "state": district.state,
        "timezone": district.timezone,
        # the role as given, in English; the build says which languages lack it
        "contact_role": {SOURCE_LANGUAGE: district.contact_role} if district.contact_role else None,
        "contact_email": district.contact_email or "",
    }
    block = ["  privacy_site:\n"]
    for key, value in settings.items():
        if value is None:
            continue
        if key == "contact_email" and not value:
            block.append(
                "    # The address to write to about privacy: the build reminds you "
                "until it is set.\n"
            )
        block.append(f"    {key}: {_scalar(value)}\n")
    replace(("extra", "privacy_site"), block)
    plugins = document.data.get("plugins") if isinstance(document.data, dict) else None
    index = next(
        (i for i, p in enumerate(plugins or []) if isinstance(p, dict) and "i18n" in p), None
    )
    if index is None:
        raise Refused(
            "mkdocs.yml: has no i18n plugin under plugins; restore it from the "
            "repository (`git checkout origin/main -- mkdocs.yml`)"
        )
    where = ("plugins", index, "i18n", "languages")
    indent = " " * ((document.marks.get(where, (0, 7))[1]) - 1)
    replace(where, [f"{indent}languages:\n", *_language_lines(district, indent + "  ")])
    for start, end, new in sorted(edits, reverse=True):
        lines[start:end] = new
    return "".join(lines)


def _language_lines(district: District, indent: str) -> list[str]:
    table = _language_table()
    out: list[str] = []
    for code in district.languages:
        entry = table.get(code, {})
        out.append(f"{indent}- locale: {code}\n")
        if code == SOURCE_LANGUAGE:
            out.append(f"{indent}  default: true\n")
        out.append(f"{indent}  name: {_scalar(entry.get('name') or _own_name(code))}\n")
        if code != SOURCE_LANGUAGE and entry.get("site_name"):
            out.append(f"{indent}  site_name: {_scalar(_site_name(code, district.name))}\n")
        out.append(f"{indent}  build: true\n")
    return out


def _block_end(lines: list[str], start: int) -> int:
    """The line after the block that starts at ``start``: the lines indented deeper than
    it, or a list at its own indentation (blank lines at its end left out)."""
    depth = _indent(lines[start])
    compact = not lines[start].lstrip().startswith("- ")
    last = start + 1
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        indent = _indent(line)
        if indent > depth or (compact and indent == depth and line.lstrip().startswith("- ")):
            last = number + 1
        else:
            break
    return last


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def check_config(root: Path, text: str) -> None:
    """The new mkdocs.yml, checked by the build's own rules before it replaces the old."""
    handle, name = tempfile.mkstemp(prefix=".mkdocs.new-district.", suffix=".yml", dir=root)
    path = Path(name)
    try:
        with open(handle, "w", encoding="utf-8") as out:
            out.write(text)
        problems = site_config.check(path, root / "docs")
        data = yamldoc.load(text, yamldoc.ConfigLoader).data
        problems += read_settings(data.get("extra"), site_config.settings_lines(path))[1]
    finally:
        path.unlink(missing_ok=True)
    found = errors(problems)
    if found:
        raise Refused(f"the settings it would write are refused: {found[0]}")


def render_pages(district: District) -> tuple[dict[str, str], list[str]]:
    """``<lang>/<page>`` -> text, English first (each translation records the SHA-256 of
    its English page); and the languages chosen that lack some pages here."""
    pages: dict[str, str] = {}
    english: dict[str, str] = {}
    for code in district.languages:
        values = _values(district, code)
        for name in PAGES + STATE_PAGES.get(district.state, ()):
            source = TEMPLATES / code / name
            if not source.is_file() or (code != SOURCE_LANGUAGE and name not in english):
                continue
            if code != SOURCE_LANGUAGE:
                values["source_sha256"] = hashlib.sha256(english[name].encode()).hexdigest()
            text = Template(source.read_text(encoding="utf-8")).substitute(values)
            pages[f"{code}/{name}"] = text
            if code == SOURCE_LANGUAGE:
                english[name] = text
    untemplated = [
        code
        for code in district.languages
        if sum(name.startswith(f"{code}/") for name in pages) < len(english)
    ]
    return pages, untemplated


def _values(district: District, code: str) -> dict[str, str]:
    entry = _language_table().get(code, {})
    if district.contact_role:
        ask = Template(entry.get("ask_role", "")).substitute(role=district.contact_role)
    else:
        ask = entry.get("ask", "")
    return {
        "district": district.name,
        "short_name": district.short_name,
        "state": district.state,
        "state_name": STATES.get(district.state, district.state),
        "ask": ask,
    }


def vendors_file(district: District) -> str:
    return (
        "# yaml-language-server: $schema=hooks/privacy_site/registry/vendors.schema.json\n"
        "#\n"
        f"# The tools and vendors the websites of {district.name} use: the registry behind\n"
        "# /vendors/, the vendor changes on /changes/ and /api/vendors.json. Every field is\n"
        "# in FORMAT.md; the schema named on the first line makes editors check them while\n"
        "# you type, and the build explains any problem with its line and the fix.\n"
        "#\n"
        "# To add a vendor: start an entry with '- id:' under 'vendors:' (lowercase letters,\n"
        "# digits and hyphens; never change an id once published), fill in every field, and\n"
        "# set `added` to the day it is in use. To stop using one, set `removed`; do not\n"
        "# delete the entry.\n"
        "vendors: []\n"
    )


def set_workflow_zone(root: Path, timezone: str) -> list[str]:
    """The ``timezone:`` of every scheduled workflow, set to the site's: a day's publish
    runs at the district's midnight, as the site's "today" is the district's."""
    changed = []
    folder = root / ".github" / "workflows"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        new = [WORKFLOW_ZONE.sub(lambda m: f"{m[1]}{timezone}{m[3]}", line) for line in lines]
        if new != lines:
            shown = path.relative_to(root).as_posix()
            files.write_text(path, "".join(new), shown=shown)
            changed.append(shown)
    return changed


def workflow_zones(root: Path) -> dict[str, list[str]]:
    """Each workflow's schedule time zones (``on.schedule[].timezone``)."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        on = data.get("on", data.get(True)) if isinstance(data, dict) else None
        schedule = on.get("schedule") if isinstance(on, dict) else None
        zones = [e["timezone"] for e in schedule or [] if isinstance(e, dict) and "timezone" in e]
        if zones:
            found[path.relative_to(root).as_posix()] = zones
    return found


# Helper functions -------------------------------------------------------------------------


def _language_table() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((TEMPLATES / "languages.yml").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _site_name(code: str, district: str) -> str:
    pattern = _language_table().get(code, {}).get("site_name") or "${district} Privacy"
    return Template(pattern).substitute(district=district)


def _own_name(code: str) -> str:
    from ..languages.language import load_language

    return load_language(code)[0].name


def config_languages(config: dict[str, Any]) -> list[str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            items = plugin["i18n"].get("languages") or []
            return [str(i.get("locale")) for i in items if isinstance(i, dict)]
    return []


def _scalar(value: str) -> str:
    """``value`` as one YAML scalar on one line (quoted only when it must be)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()
