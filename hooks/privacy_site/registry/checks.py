"""Every problem in ``vendors.yml`` in plain English, located, with its fix.

Two passes over the parsed document. The JSON Schema (the file editors use too) finds
shape errors; each is put in our own words per kind of rule, never jsonschema's
(:mod:`vendor_schema`). Python then checks what a schema says badly or not at all: real
calendar dates, unique ids, the order of dates, the 30-day notice, agreements and opt-outs
(:mod:`vendor_rules`). Here the two are run together, with what neither pass owns: keys
written twice and invisible characters. Each problem keeps the path of the value it is
about (:mod:`vendor_problems`), so the loader can leave out exactly the entries that are
wrong.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.text import text_flaw
from ..reading import yamldoc
from ..reading.yamldoc import Document
from .locate import Collector, Found, dotted
from .rules import rules_pass
from .schema import schema_pass


def check(
    document: Document,
    display: str,
    today: date,
    state: str | None = None,
    root: Path | None = None,
) -> list[Found]:
    """Every problem in the document, schema and rules together, each with its path; with
    the district's ``state``, its profile's fields too (:mod:`model.state_laws`)."""
    found = Collector(document, display)
    for path, line, column in document.duplicate_keys:
        found.add(
            path,
            f"{dotted(path)}: written twice; keep one '{path[-1]}:' line (only the last one "
            "is used now)",
            position=(line, column),
        )
    suggested = schema_pass(found, document.data)
    rules_pass(found, document.data, today, suggested, state, root)
    for path, value in yamldoc.strings(document.data):
        flaw = text_flaw(value)  # the value as YAML decoded it: escapes included
        if flaw:
            found.add(path, f"{dotted(path)}: {flaw}")
    return found.found
