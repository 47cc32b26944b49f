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
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import dates
from ..model.dates import SettingError
from ..reading import files, posted_lock, yamldoc
from .district_files import (
    check_config,
    config_languages,
    configure,
    render_pages,
    set_workflow_zone,
    vendors_file,
)
from .district_values import QUESTIONS, District, Refused, gather

PROGRAM = "privacy-site new-district"
EXAMPLE_DISTRICT = "Cambridge Public Schools"  # the site this repository ships


@dataclass
class Done:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    workflows: list[str] = field(default_factory=list)
    vendors_removed: int = 0
    record_lines_removed: int = 0
    dropped_languages: list[str] = field(default_factory=list)
    untemplated: list[str] = field(default_factory=list)  # chosen, without every page here
    placeholders: dict[str, int] = field(default_factory=dict)  # page -> how many


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
    docs = root / "docs"
    if docs.is_symlink() or (docs.exists() and not docs.is_dir()):
        raise Refused(
            "docs is not a folder (a symbolic link, or a file): the pages are written into a "
            "folder of their own; remove it, then run this again"
        )
    for name in ("vendors.yml", posted_lock.RECORD, ".github/workflows"):
        path = root / name
        wanted = path.name == "workflows"  # a folder; the others are files
        if path.exists() and path.is_dir() != wanted and not path.is_symlink():
            raise Refused(
                f"{name} is a {'file' if wanted else 'folder'}; it should be a "
                f"{'folder' if wanted else 'file'}: remove it (git restores it), then run this "
                "again"
            )
    found = existing(root, config)
    if not found.empty and found.district != EXAMPLE_DISTRICT and not force:
        raise Refused(_refusal(found))
    today = dates.build_date(district.timezone)
    new_config = configure(text, document, district)
    check_config(root, new_config)
    pages, untemplated = render_pages(district)
    done = Done(untemplated=untemplated)
    done.placeholders = {
        f"docs/{name}": text.count("[TO WRITE:")
        for name, text in pages.items()
        if "[TO WRITE:" in text
    }
    done.vendors_removed, done.record_lines_removed = found.vendors, found.record_lines
    old_languages = config_languages(config)
    done.dropped_languages = [c for c in old_languages if c not in district.languages]

    for path in found.pages:
        done.removed.append(path.relative_to(root).as_posix())
    try:
        _replace_files(root, docs, district, new_config, pages, today, done)
    except OSError as exc:
        where = Path(exc.filename).name if exc.filename else "a file"
        raise Refused(
            f"could not change {where} ({exc.strerror or type(exc).__name__}); the folder is "
            "partly changed: `git checkout -- . && git clean -fd docs` puts it back"
        ) from None
    return done


def _replace_files(
    root: Path,
    docs: Path,
    district: District,
    new_config: str,
    pages: dict[str, str],
    today: date,
    done: Done,
) -> None:
    if docs.is_dir():
        for entry in list(docs.iterdir()):
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
        district = gather(args, args.config.resolve().parent / "overrides")
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
        f"write the {_count(sum(done.placeholders.values()), 'placeholder')} marked "
        f"[TO WRITE: …] in your own words: {', '.join(done.placeholders)} (`make check` "
        "lists each, with its line)",
        'add each policy as docs/en/policies/<id>/<YYYY-MM-DD>.md (README, "Editing '
        'content"), and each tool the websites use to vendors.yml',
    ]
    if not district.contact_email:
        steps.append("set extra.privacy_site.contact_email in mkdocs.yml")
    steps.append("commit everything; a pull request's check-record accepts the new posted.lock")
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")
