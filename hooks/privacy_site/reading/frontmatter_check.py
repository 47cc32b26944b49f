"""Front matter checked against its JSON Schema (``frontmatter.schema.json``, which also
makes FORMAT.md), each error worded in plain English with the field, the line and the fix.

The schema is the one place the shape of every field is written: which fields a policy
version and its translation have and need, titles, dates written YYYY-MM-DD, true or
false, the "In short" list. Its errors come from :mod:`schema_errors`, as the registry's
do. What a schema cannot say stays code, run after it, beside what it concerns:

- a date that is written YYYY-MM-DD but is no real day, or outside the years the site
  accepts (here, :func:`check`, worded as the schema's date errors are);
- the summary left as the placeholder ``new-version`` wrote (``policy_files``);
- anything that compares one file with another: the date in the file's name, a version's
  place in its policy (posted, summary, 30 days' notice), a translation's dates and
  "In short" points against the English file, a translation that is required to say how
  it was made, and ``source_sha256`` against the English file's digest (``policy_files``,
  ``translations``).

A title's shape is checked on every page, once (``docs_tree`` calls :func:`title_problems`);
the checks of a policy file do not repeat it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..model.dates import parse_date, why_not
from ..model.policies import IN_SHORT_MAX
from ..model.problems import Problem
from .frontmatter import Parsed
from .schema_errors import Schema, SchemaError

SCHEMA = Schema(Path(__file__).with_name("frontmatter.schema.json"))
DATES = ("effective", "posted")
# Fields whose errors another check words, with what only it knows (see the docstring).
ELSEWHERE = {
    "policy_version": {"title"},
    "policy_translation": {"title", "effective", "posted", "source_sha256"},
}


def title_problems(display: str, parsed: Parsed) -> list[Problem]:
    """A title that is written but empty or not text (``$defs/title``), on any page."""
    if "title" not in parsed.fields:
        return []
    found = list(SCHEMA.errors(parsed.fields["title"], "title"))
    return [title_problem(display, parsed)] if found else []


def title_problem(display: str, parsed: Parsed, example: str = "") -> Problem:
    """The one message about a title that is missing, empty or not text; ``example`` is what
    to add ("the policy's title, for example 'title: …'")."""
    title = parsed.fields.get("title")
    line = parsed.line_of("title") or 1
    example = example or "a title, for example 'title: Website Privacy Policy'"
    if "title" not in parsed.fields:
        return Problem(display, line, message=f"title: missing; add {example}")
    if title is None or (isinstance(title, str) and not title.strip()):
        return Problem(display, line, message=f"title: empty; add {example}")
    return Problem(
        display,
        line,
        message=f"title: {title!r} is not text; put the title in quotes, for example "
        f'title: "{title}"',
    )


def check(display: str, parsed: Parsed, definition: str, title_example: str) -> list[Problem]:
    """Every problem in the front matter of a policy version (``definition``
    "policy_version") or of its translation ("policy_translation"), one per field."""
    errors = list(SCHEMA.errors(parsed.fields, definition))
    if any(error.rule == "minProperties" for error in errors):
        return [
            Problem(
                display,
                1,
                message="no front matter: start the file with '---', then 'title:' and "
                "'effective:' lines, then '---'",
            )
        ]
    problems: list[Problem] = []
    said: set[tuple[str | int, ...]] = set()  # one message per value
    for error in errors:
        if error.field in ELSEWHERE.get(definition, ()) and error.rule != "required":
            continue
        if error.field in DATES and parse_date(error.value) is not None:
            continue  # the site reads a date with spaces around it too: the code decides
        key = error.path if error.rule != "required" else ("required", *error.path)
        if key in said:
            continue
        said.add(key)
        problems.append(_worded(display, parsed, error, definition, title_example))
    if definition == "policy_version":  # after the schema: a real day, in the years accepted
        for name in DATES:
            value = parsed.fields.get(name)
            if value is not None and (name,) not in said and parse_date(value) is None:
                problems.append(_date_problem(display, parsed, name, value))
    return problems


def _worded(
    display: str, parsed: Parsed, error: SchemaError, definition: str, title_example: str
) -> Problem:
    name, value = error.field, error.value
    line = parsed.line_of(name)
    if error.rule == "additionalProperties":
        known = sorted(error.known)
        close = difflib.get_close_matches(name, known, n=1)
        hint = (
            f"did you mean '{close[0]}'?" if close else "the known fields are " + ", ".join(known)
        )
        return Problem(
            display, line, message=f"{error.path[-1]}: not a field of a policy version; {hint}"
        )
    if name == "title":
        return title_problem(display, parsed, title_example)
    if name == "translation":
        kind = parsed.fields.get("translation")
        return Problem(
            display,
            line or 1,
            message=f"translation: {'missing' if kind is None else repr(kind)}; say how it was "
            "translated: 'translation: machine' or 'translation: reviewed'",
        )
    if name in DATES:
        if error.rule == "required":
            return Problem(
                display,
                1,
                message=f"{name}: missing; add the date as YYYY-MM-DD, "
                f"for example '{name}: 2026-12-22'",
            )
        return _date_problem(display, parsed, name, value)
    if name == "substantive":
        return Problem(
            display,
            line,
            message=f"substantive: {_shown(value)} is not true or false; write "
            "'substantive: false' for a minor correction, or remove the line",
        )
    if name == "summary" and definition == "policy_version":
        return Problem(
            display,
            line,
            message="summary: empty; say in one or two plain sentences what changed",
        )
    if name == "in_short":
        return _in_short_problem(display, line, error)
    if value is None:
        return Problem(display, line, message=f"{name}: empty; write the text after the colon")
    return Problem(
        display,
        line,
        message=f"{name}: {_shown(value)} is not text; write it after the colon, in quotes if "
        "it looks like a number, a date or true/false",
    )


def _date_problem(display: str, parsed: Parsed, name: str, value: object) -> Problem:
    if value is None:
        return Problem(
            display,
            parsed.line_of(name),
            message=f"{name}: empty; write the date after the colon as YYYY-MM-DD, for "
            f"example '{name}: 2026-12-22'",
        )
    return Problem(
        display, parsed.line_of(name), message=f"{name}: {_shown(value)} {why_not(value)}"
    )


def _in_short_problem(display: str, line: int | None, error: SchemaError) -> Problem:
    if len(error.path) > 1:  # one point
        number, point = int(error.path[1]) + 1, error.value
        return Problem(
            display,
            line,
            message=f"in_short: point {number} is {'empty' if not point else 'not text'}; "
            "write each point as one plain sentence (in quotes if it contains a ': ')",
        )
    if error.rule == "maxItems":
        return Problem(
            display,
            line,
            message=f"in_short: {len(error.value)} points; keep it to {IN_SHORT_MAX} or fewer "
            "(it is a summary: the policy below says the rest)",
        )
    return Problem(
        display,
        line,
        message="in_short: write a list, one point per line starting with '  - ', for "
        "example:  in_short:  - The websites do not sell your information.",
    )


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)
