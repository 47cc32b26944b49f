"""``privacy-site new-district``: the site of another district, started from this one.

It takes the district's facts (names, state, time zone, languages, address, contact),
from flags or, for those not given, by asking; checks each with the rules the build
applies to the same setting; and only then writes: mkdocs.yml's settings and languages,
the standard pages in each language from ``district_template/`` (facts filled in, a
``[TO WRITE: …]`` placeholder wherever a page needs a fact it was not given), an empty
vendors.yml, a new posted.lock that says the record starts here, and the workflows' time
zone. The example district's pages, vendors and record go, and so do the languages not
chosen. Content that is not the example's is replaced only with ``--force``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

import yaml

from ..languages.language import SOURCE_LANGUAGE, catalogue_path, codes_with_catalogues
from ..model import dates
from ..model.dates import SettingError
from ..model.problems import errors
from ..model.states import STATES, state_flaw
from ..reading import files, posted_lock, site_config, yamldoc
from ..reading.settings import EMAIL, MARKUP, read_settings
from ..reading.sources import text_flaw

PROGRAM = "privacy-site new-district"
TEMPLATES = Path(__file__).resolve().parent / "district_template"
EXAMPLE_DISTRICT = "Cambridge Public Schools"  # the site this repository ships
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


class Refused(Exception):
    """One line: what cannot be done, and what to do."""


class Invalid(ValueError):
    """Why one value cannot be used (the flag is added where it is said)."""


@dataclass(frozen=True)
class District:
    name: str
    short_name: str
    state: str
    timezone: str
    languages: tuple[str, ...]  # English first
    site_url: str
    contact_role: str | None = None
    contact_email: str | None = None


@dataclass
class Done:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    workflows: list[str] = field(default_factory=list)
    vendors_removed: int = 0
    record_lines_removed: int = 0
    dropped_languages: list[str] = field(default_factory=list)
    untemplated: list[str] = field(default_factory=list)  # chosen, without every page here
    placeholders: int = 0


# The values: each checked by the rule the build applies to its setting -------------------


def _plain(value: str, example: str) -> str:
    text = value.strip()
    if not text:
        raise Invalid(f"is empty; give it, such as {example}")
    flaw = text_flaw(text)
    if not flaw and (mark := MARKUP.search(text)):
        flaw = f"holds {mark.group()!r}: it is plain text, printed as it is; remove the markup"
    if flaw:
        raise Invalid(flaw)
    return text


def check_name(value: str) -> str:
    name = _plain(value, "Riverside Unified School District")
    flaw = site_config.name_flaw(f"{name} Privacy")  # the site's name is made from it
    if flaw:
        raise Invalid(flaw)
    return name


def check_short_name(value: str) -> str:
    return _plain(value, "RUSD")


def check_state(value: str) -> str:
    code = value.strip().upper()
    flaw = state_flaw(code)
    if flaw:
        raise Invalid(flaw.replace(repr(code), repr(value), 1))
    return code


def check_timezone(value: str) -> str:
    try:
        dates.zone_for(value)
    except SettingError as exc:
        raise Invalid(str(exc).removeprefix("mkdocs.yml: extra.privacy_site.timezone: ")) from exc
    return value.strip()


def check_languages(value: str) -> tuple[str, ...]:
    known = available_languages()
    codes = [code for code in re.split(r"[\s,]+", value.strip()) if code]
    for code in codes:
        if not site_config.LOCALE.match(code):
            raise Invalid(
                f"{code!r} is not a language code; write codes such as en,es (the languages "
                f"the site has words for: {', '.join(known)})"
            )
        if code not in known:
            shown = catalogue_path(code).as_posix()
            shown = shown[shown.index("hooks/") :] if "hooks/" in shown else shown
            raise Invalid(
                f"the site has no words in {code!r} (no catalogue {shown}); choose among "
                f"{', '.join(known)}, or add the language first (README, 'Adding a language')"
            )
    chosen = [SOURCE_LANGUAGE] + [code for code in codes if code != SOURCE_LANGUAGE]
    return tuple(dict.fromkeys(chosen))


def check_site_url(value: str) -> str:
    url = value.strip()
    flaw = site_config.url_flaw(url)
    if flaw:
        raise Invalid(f"{url!r} {flaw}")
    return url if url.endswith("/") else url + "/"


def check_contact_role(value: str) -> str | None:
    return _plain(value, "Privacy Officer") if value.strip() else None


def check_contact_email(value: str) -> str | None:
    email = value.strip()
    if not email:
        return None
    if not EMAIL.match(email):
        raise Invalid(f"{email!r} is not an e-mail address; write it as name@example.org")
    return email


def available_languages() -> list[str]:
    """English, and every language with a catalogue of the site's words whose interface
    strings the theme has (Material's own, or overrides/partials/languages/<code>.html)."""
    found = [SOURCE_LANGUAGE]
    material = importlib.util.find_spec("material")
    theme = Path(material.origin).parent / "templates" if material and material.origin else None
    overrides = Path(__file__).resolve().parents[3] / "overrides"
    for code in codes_with_catalogues():
        name = f"partials/languages/{code}.html"
        if any((folder / name).is_file() for folder in (theme, overrides) if folder):
            found.append(code)
    return sorted(found, key=lambda code: (code != SOURCE_LANGUAGE, code))


@dataclass(frozen=True)
class Question:
    flag: str
    key: str
    ask: str
    check: Callable[[str], Any]
    required: bool = True


QUESTIONS = (
    Question("--name", "name", "The district's full name (such as Riverside Unified School "
             "District)", check_name),
    Question("--short-name", "short_name", "Its short name (such as RUSD)", check_short_name),
    Question("--state", "state", "Its state, as a two-letter postal code (such as CA)",
             check_state),
    Question("--timezone", "timezone", "Its time zone, by its IANA name (such as "
             "America/Los_Angeles)", check_timezone),
    Question("--languages", "languages", "The site's languages, as codes separated by commas; "
             "English (en) is always one", check_languages),
    Question("--site-url", "site_url", "The site's address (such as "
             "https://privacy.example.org/)", check_site_url),
    Question("--contact-role", "contact_role", "Whom to contact about privacy, by title (such "
             "as Privacy Officer; Enter to leave it out)", check_contact_role, required=False),
    Question("--contact-email", "contact_email", "Their e-mail address (Enter to leave it out "
             "for now)", check_contact_email, required=False),
)  # fmt: skip


def gather(args: argparse.Namespace, ask: Callable[[str], str] = input) -> District:
    """The district from the flags; anything missing is asked for (again until it can be
    used), unless every required flag is given: then nothing is asked."""
    given = {q.key: getattr(args, q.key) for q in QUESTIONS}
    asking = any(given[q.key] is None for q in QUESTIONS if q.required)
    values: dict[str, Any] = {}
    for question in QUESTIONS:
        raw = given[question.key]
        if raw is not None:
            try:
                values[question.key] = question.check(raw)
            except Invalid as exc:
                raise Refused(f"{question.flag}: {exc}") from None
        elif asking:
            values[question.key] = _ask(question, ask)
    return District(**values)


def _ask(question: Question, ask: Callable[[str], str]) -> Any:
    if question.key == "languages":
        print(f"(The site has words in: {', '.join(available_languages())}.)")
    while True:
        try:
            answer = ask(f"{question.ask}: ")
        except EOFError:
            raise Refused(
                f"{question.flag}: no answer (the input ended); give it as {question.flag}"
            ) from None
        try:
            return question.check(answer)
        except Invalid as exc:
            print(f"  {question.flag}: {exc}; try again", file=sys.stderr)


# What is there now ------------------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    district: str
    pages: list[Path]
    vendors: int
    record_lines: int

    @property
    def empty(self) -> bool:
        return not (self.pages or self.vendors or self.record_lines)


def existing(root: Path, config: dict[str, Any]) -> Existing:
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    own = extra.get("privacy_site") if isinstance(extra.get("privacy_site"), dict) else {}
    docs = root / "docs"
    pages = sorted(p for p in docs.rglob("*") if p.is_file() or p.is_symlink())
    vendors = 0
    try:
        data = yaml.safe_load((root / "vendors.yml").read_text(encoding="utf-8"))
        vendors = len(data.get("vendors") or []) if isinstance(data, dict) else 0
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError):
        vendors = 0
    entries, _ = posted_lock.read(root / posted_lock.RECORD)
    return Existing(str(own.get("district") or ""), pages, vendors, len(entries))


def _refusal(found: Existing) -> str:
    parts = []
    if found.pages:
        parts.append(f"docs/ holds {_count(len(found.pages), 'file')}")
    if found.vendors:
        parts.append(f"vendors.yml lists {_count(found.vendors, 'vendor')}")
    if found.record_lines:
        parts.append(f"posted.lock records {_count(found.record_lines, 'posted item')}")
    whose = f"{found.district}'s site" if found.district else "a site"
    return (
        f"this folder already holds {whose}: {', '.join(parts)}; new-district would remove "
        "them all (they stay in git's history): add --force to replace them"
    )


# Writing ----------------------------------------------------------------------------------


def create(config_file: Path, district: District, *, force: bool = False) -> Done:
    """Write the new district's site in the project of ``config_file``; check everything
    it will write before writing anything."""
    root = config_file.parent
    try:
        text = config_file.read_text(encoding="utf-8")
        document = yamldoc.load(text, yamldoc.ConfigLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(
            f"{config_file.name}: cannot be read ({type(exc).__name__}); run this "
            "in the site's folder, beside its mkdocs.yml"
        ) from None
    except yamldoc.YamlSyntaxError as exc:
        raise Refused(
            f"{config_file.name}:{exc.line}: not valid YAML: "
            f"{yamldoc.problem_text(exc)}; fix it first"
        ) from None
    config = document.data if isinstance(document.data, dict) else {}
    found = existing(root, config)
    if not found.empty and found.district != EXAMPLE_DISTRICT and not force:
        raise Refused(_refusal(found))
    today = dates.build_date(district.timezone)
    new_config = configure(text, document, district)
    _check_config(root, new_config)
    pages, untemplated = render_pages(district)
    done = Done(untemplated=untemplated)
    done.placeholders = sum(page.count("[TO WRITE:") for page in pages.values())
    done.vendors_removed, done.record_lines_removed = found.vendors, found.record_lines
    old_languages = _languages(config)
    done.dropped_languages = [c for c in old_languages if c not in district.languages]

    docs = root / "docs"
    for path in found.pages:
        done.removed.append(path.relative_to(root).as_posix())
    if docs.is_dir() or docs.is_symlink():
        for entry in list(docs.iterdir()) if not docs.is_symlink() else []:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    outputs = {
        "mkdocs.yml": new_config,
        "vendors.yml": vendors_file(district),
        posted_lock.RECORD: posted_lock.restarted(today),
        **{f"docs/{name}": page for name, page in pages.items()},
    }
    for name, content in outputs.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(path, content, shown=name)
        done.written.append(name)
    done.workflows = set_workflow_zone(root, district.timezone)
    return done


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
        "contact_role": district.contact_role,
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


def _check_config(root: Path, text: str) -> None:
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
        for name in PAGES:
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


def _languages(config: dict[str, Any]) -> list[str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            items = plugin["i18n"].get("languages") or []
            return [str(i.get("locale")) for i in items if isinstance(i, dict)]
    return []


def _scalar(value: str) -> str:
    """``value`` as one YAML scalar on one line (quoted only when it must be)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# The command ------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for question in QUESTIONS:
        parser.add_argument(question.flag, dest=question.key, help=question.ask)
    parser.add_argument(
        "--force", action="store_true", help="replace a site that is not the example's"
    )


def run(args: argparse.Namespace) -> int:
    try:
        district = gather(args)
        done = create(args.config.resolve(), district, force=args.force)
    except (Refused, files.WriteFailed, SettingError) as exc:
        print(f"{PROGRAM}: {exc}", file=sys.stderr)
        return 2
    report(district, done)
    return 0


def report(district: District, done: Done) -> None:
    pages = [name for name in done.written if name.startswith("docs/")]
    by_language: dict[str, int] = {}
    for name in pages:
        code = name.split("/")[1]
        by_language[code] = by_language.get(code, 0) + 1
    each = ", ".join(f"{code} {count}" for code, count in by_language.items())
    print(
        f"Started the privacy site of {district.name} ({district.short_name}, {district.state}),"
        f" {district.timezone}, in {', '.join(district.languages)}, at {district.site_url}"
    )
    print(
        f"Wrote {_count(len(done.written), 'file')}: mkdocs.yml, vendors.yml (no vendors yet), "
        f"posted.lock (a new record), {_count(len(pages), 'page')} in docs/ ({each})."
    )
    if done.workflows:
        print(
            f"Set the time zone of {_count(len(done.workflows), 'workflow')} to "
            f"{district.timezone}: {', '.join(done.workflows)}."
        )
    print(
        f"Removed {_count(len(done.removed), 'file')} from docs/, "
        f"{_count(done.vendors_removed, 'vendor')} from vendors.yml and "
        f"{_count(done.record_lines_removed, 'line')} of the old record"
        + (
            f"; languages no longer built: {', '.join(done.dropped_languages)}"
            if done.dropped_languages
            else ""
        )
        + "."
    )
    if done.untemplated:
        print(
            f"Not every page has a template in {', '.join(done.untemplated)} yet: readers "
            "see those pages in English there, with a notice, until they are translated "
            '(README, "Translations").'
        )
    print("Next:")
    steps = [
        'make build    (strict; it ends with "Built:")',
        "make serve    (see it at http://127.0.0.1:8000)",
        f"write the {_count(done.placeholders, 'placeholder')} marked [TO WRITE: …] in "
        "docs/<lang>/*.md (`make check` lists each, with its line)",
        'add each policy as docs/en/policies/<id>/<YYYY-MM-DD>.md (README, "Editing '
        'content"), and each tool the websites use to vendors.yml',
    ]
    if not district.contact_email:
        steps.append("set extra.privacy_site.contact_email in mkdocs.yml")
    steps.append("commit everything; a pull request's check-record accepts the new posted.lock")
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")
