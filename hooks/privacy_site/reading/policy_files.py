"""Reading and checking policy files: every rule of the spec, each problem reported with
the file, the line, the field and the fix, all at once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from ..model.dates import ISO_DATE, parse_date, why_not
from ..model.policies import (
    NOTICE_DAYS,
    POLICY_ID,
    SUMMARY_PLACEHOLDER,
    TRANSLATION_KINDS,
    Policy,
    Version,
    earliest_effective,
)
from ..model.problems import Problem
from ..model.translations import Translation
from . import frontmatter, frontmatter_check
from .docs_tree import DocsTree
from .translations import digest


def load_policies(tree: DocsTree, lang: str = "en") -> tuple[list[Policy], list[Problem]]:
    """Read every policy folder under ``docs_dir/<lang>/policies`` and check it."""
    docs_dir = tree.docs_dir
    root = docs_dir / lang / "policies"
    policies: list[Policy] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return policies, problems
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and tree.name_ok(p)):
        display = tree.display(folder)
        if not POLICY_ID.match(folder.name):
            problems.append(
                Problem(
                    display,
                    message=f"the folder name {folder.name!r} is not a policy id: use lowercase "
                    "letters, digits and hyphens, for example 'website-privacy'",
                )
            )
            continue
        versions: list[tuple[Version, frontmatter.Parsed]] = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not tree.name_ok(path):
                continue  # hidden, or its name is already reported
            if path.is_dir():
                problems.append(
                    Problem(
                        tree.display(path),
                        message="a folder inside a policy's folder is not published: a policy "
                        "folder holds only its version files, YYYY-MM-DD.md",
                    )
                )
                continue
            if path.suffix != ".md":
                problems.append(
                    Problem(
                        tree.display(path),
                        message="only version files belong in a policy folder: name each "
                        "YYYY-MM-DD.md after the day it takes effect; move other files to "
                        f"docs/{lang}/",
                    )
                )
                continue
            version, parsed, found = _read_version(tree, folder.name, path)
            problems += found
            if version is not None:
                versions.append((version, parsed))
        versions.sort(key=lambda pair: pair[0].effective)
        problems += list(_check_sequence(tree, versions))
        if versions:
            policies.append(Policy(folder.name, tuple(v for v, _ in versions)))
    return policies, problems


def load_translations(
    tree: DocsTree, lang: str, policies: Iterable[Policy]
) -> tuple[dict[tuple[str, date], Translation], list[Problem]]:
    """Read ``docs/<lang>/policies`` and check each file against its English version."""
    docs_dir = tree.docs_dir
    english = {(v.policy, v.slug): v for p in policies for v in p.versions}
    root = docs_dir / lang / "policies"
    found: dict[tuple[str, date], Translation] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        return found, problems
    for path in sorted(root.glob("*/*.md")):
        if not (tree.name_ok(path) and tree.name_ok(path.parent)):
            continue
        display = tree.display(path)
        source = english.get((path.parent.name, path.stem))
        if source is None:
            problems.append(
                Problem(
                    display,
                    message=f"there is no English version docs/en/policies/{path.parent.name}/"
                    f"{path.name} for this translation: name it after the English file it "
                    "translates, or remove it",
                )
            )
            continue
        parsed = tree.markdown(path)
        if parsed is None:
            continue  # unreadable: the tree has said why
        fields = parsed.fields
        problems += frontmatter_check.check(
            display,
            parsed,
            "policy_translation",
            "the title in this language, for example 'title: Política de privacidad'",
        )
        for name in ("effective", "posted"):  # the schema says the shape; the English, the day
            if name in fields:
                stated = parse_date(fields[name])
                expected = getattr(source, name)
                if stated != expected:
                    shown = expected.isoformat() if expected else "not set"
                    problems.append(
                        Problem(
                            display,
                            parsed.line_of(name),
                            message=f"{name}: {fields[name]} differs from the English "
                            f"file's {name} ({shown}); dates come from the English file: remove "
                            f"'{name}' from the translation",
                        )
                    )
        kind = fields.get("translation")
        title = _title(parsed)
        summary = fields.get("summary")
        in_short = _in_short(parsed)
        if in_short and len(in_short) != len(source.in_short):
            problems.append(
                Problem(
                    display,
                    parsed.line_of("in_short"),
                    message=f"in_short: {len(in_short)} points here and {len(source.in_short)} "
                    f"in the English docs/{source.src_uri}: translate each point, no more",
                )
            )
            in_short = ()
        found[(source.policy, source.effective)] = Translation(
            lang=lang,
            path=path.relative_to(docs_dir / lang).as_posix(),
            kind=kind if kind in TRANSLATION_KINDS else "machine",
            body=bool(parsed.body.strip()),
            title=title or source.title,
            summary=summary.strip() if isinstance(summary, str) else None,
            in_short=in_short,
        )
    return found, problems


def _read_version(
    tree: DocsTree, policy: str, path: Path
) -> tuple[Version | None, frontmatter.Parsed | None, list[Problem]]:
    display = tree.display(path)
    parsed = tree.markdown(path)
    problems: list[Problem] = []
    named = parse_date(path.stem)
    if named is None and ISO_DATE.match(path.stem):
        problems.append(
            Problem(display, message=f"the file name {path.name!r}: its date {why_not(path.stem)}")
        )
    elif named is None:
        problems.append(
            Problem(
                display,
                message=f"the file name {path.name!r} is not a date: name each version "
                "YYYY-MM-DD.md after the day it takes effect, for example 2026-12-22.md",
            )
        )
    if parsed is None:
        return None, parsed, problems  # unreadable: the tree has said why
    fields = parsed.fields
    problems += frontmatter_check.check(
        display,
        parsed,
        "policy_version",
        "the policy's title, for example 'title: Website Privacy Policy'",
    )
    if not fields:
        return None, parsed, problems
    title = _title(parsed)
    effective = parse_date(fields.get("effective"))
    if effective is not None and named is not None and effective != named:
        problems.append(
            Problem(
                display,
                parsed.line_of("effective"),
                message=f"effective: {effective.isoformat()} does not match the file name "
                f"{path.name}; the file is named after the day it takes effect: rename the "
                f"file to {effective.isoformat()}.md or set effective: {named.isoformat()}",
            )
        )
    posted = parse_date(fields.get("posted"))
    substantive = fields.get("substantive", True)
    substantive = substantive if isinstance(substantive, bool) else True
    summary = fields.get("summary")
    summary = summary if isinstance(summary, str) and summary.strip() else None
    if summary is not None and summary.strip() == SUMMARY_PLACEHOLDER:
        problems.append(
            Problem(
                display,
                parsed.line_of("summary"),
                message="summary: still the placeholder that new-version wrote; replace it "
                "with one or two plain sentences saying what changes, for families to read",
            )
        )
    adopted_by = fields.get("adopted_by")
    in_short = _in_short(parsed)

    if effective is None or not title:
        return None, parsed, problems
    version = Version(
        policy=policy,
        effective=effective,
        title=title,
        posted=posted,
        summary=summary.strip() if isinstance(summary, str) else None,
        substantive=substantive,
        adopted_by=str(adopted_by).strip() if adopted_by else None,
        src_uri=path.relative_to(tree.docs_dir).as_posix(),
        body=parsed.body,
        body_line=parsed.body_line,
        in_short=in_short,
        sha256=digest(path),
    )
    return version, parsed, problems


def _in_short(parsed: frontmatter.Parsed) -> tuple[str, ...]:
    """The "In short" points that are text, each on one line (the schema says what is wrong)."""
    value = parsed.fields.get("in_short")
    if not isinstance(value, list):
        return ()
    return tuple(" ".join(p.split()) for p in value if isinstance(p, str) and p.strip())


def _check_sequence(
    tree: DocsTree, versions: list[tuple[Version, frontmatter.Parsed]]
) -> Iterable[Problem]:
    """Rules that depend on a version's place in its policy: summary, posted, notice."""
    for index, (version, parsed) in enumerate(versions):
        display = tree.display(tree.docs_dir / version.src_uri)
        if index == 0:
            if version.posted is not None and version.posted > version.effective:
                yield _posted_after(display, parsed, version)
            continue
        if version.posted is None and "posted" not in parsed.fields:  # else said: empty
            yield Problem(
                display,
                parsed.line_of("effective"),
                message="posted: missing; every version after the first needs the date it is "
                "first published on the site, for example "
                f"'posted: {(version.effective - timedelta(days=NOTICE_DAYS)).isoformat()}'",
            )
        if version.summary is None and "summary" not in parsed.fields:  # else said: empty
            yield Problem(
                display,
                parsed.line_of("title") or 1,
                message="summary: missing; every version after the first needs a summary of "
                "what changed, in one or two plain sentences",
            )
        yield from _copied_from(display, parsed, version, versions[index - 1])
        if version.posted is None:
            continue
        if version.posted > version.effective:
            yield _posted_after(display, parsed, version)
        elif version.short_notice():
            notice = (version.effective - version.posted).days
            earliest = earliest_effective(version.posted)
            yield Problem(
                display,
                parsed.line_of("effective"),
                message=f"effective {version.effective.isoformat()} is {notice} "
                f"day{'s' if notice != 1 else ''} after posted {version.posted.isoformat()}; "
                f"a substantive change needs {NOTICE_DAYS} days' notice: set effective to "
                f"{earliest.isoformat()} or later, or mark substantive: false",
            )


FOOTER = re.compile(
    r"^\W*(adopted|approved|issued|date issued|revised|updated|last date updated|"
    r"last updated|effective)\b.*\d{4}",
    re.IGNORECASE,
)


def _copied_from(
    display: str,
    parsed: frontmatter.Parsed,
    version: Version,
    previous: tuple[Version, frontmatter.Parsed],
) -> Iterable[Problem]:
    """A new version made by copying the last one, with its footer or notes left as they
    were: warnings, since the text may be right, but a reader would be misled if not."""
    before, before_parsed = previous
    source = f"{before.slug}.md"
    ours, theirs = _last_line(version.body), _last_line(before.body)
    if ours and ours == theirs and FOOTER.match(ours):
        line = parsed.body_line + version.body.rstrip().count("\n")
        yield Problem(
            display,
            line,
            message=f"the text still ends with {ours!r}, the last line of {source}: say this "
            "version's own date (or remove the line: the page shows each version's dates)",
            severity="warning",
        )
    notes = parsed.fields.get("notes")
    if isinstance(notes, str) and notes.strip() and notes == before_parsed.fields.get("notes"):
        yield Problem(
            display,
            parsed.line_of("notes"),
            message=f"notes: the same as in {source}, which they describe; write notes about "
            "this file, or remove them",
            severity="warning",
        )


def _last_line(body: str) -> str:
    lines = [line.strip() for line in body.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _posted_after(display: str, parsed: frontmatter.Parsed, version: Version) -> Problem:
    return Problem(
        display,
        parsed.line_of("posted"),
        message=f"posted {version.posted.isoformat()} is after effective "
        f"{version.effective.isoformat()}; a version is posted on or before the day it takes "
        "effect: correct one of the two dates",
    )


def _title(parsed: frontmatter.Parsed) -> str:
    """The ``title`` field, stripped; "" when it is unusable (the schema says why)."""
    title = parsed.fields.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else ""
