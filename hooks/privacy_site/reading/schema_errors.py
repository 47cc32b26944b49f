"""A JSON Schema's errors as plain data, for wording in staff's terms: the one way the site
validates what staff write against a schema (front matter, ``frontmatter_check``; the
vendor registry, ``registry.schema``).

jsonschema's own messages are never shown. Each error becomes a :class:`SchemaError`: the
path of the value, the rule (the schema keyword), which ``$defs`` entry the rule belongs to
(``kind``, by identity with the schema as shipped), the value and what the rule expected.
A missing field and an unknown field are each one error at the field's own path, so the
wording can name the field; :func:`problem` places a worded error in the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path as FilePath
from typing import Any

from jsonschema import Draft202012Validator

from ..model.problems import Problem
from .yamldoc import Path


@dataclass(frozen=True)
class SchemaError:
    path: Path  # the value's path; for a missing or unknown field, the field's own path
    rule: str  # the schema keyword: "required", "additionalProperties", "type", "enum", ...
    kind: str  # the $defs entry whose rule it is, "root", or "field" (a property's own rule)
    value: Any  # the value; for a missing field, the mapping it is missing from
    expected: Any  # what the rule asks: the type, the pattern, the choices, the limit
    schema_path: tuple[str | int, ...]  # where the rule is in the schema
    known: tuple[str, ...] = ()  # for an unknown field: the fields the mapping may have

    @property
    def field(self) -> str:
        """The top-level field the error is about ("" for the whole document)."""
        return str(self.path[0]) if self.path else ""


class Schema:
    """A schema shipped as a JSON file, parsed once and never modified."""

    def __init__(self, file: FilePath):
        self.file = file
        self._validators: dict[str | None, Draft202012Validator] = {}

    @cached_property
    def data(self) -> dict[str, Any]:
        return json.loads(self.file.read_text(encoding="utf-8"))

    def definition(self, name: str) -> dict[str, Any]:
        return self.data["$defs"][name]

    def kind(self, subschema: object) -> str:
        """Which part of the schema a rule is in: "root", a ``$defs`` name, or "field"."""
        if subschema is self.data:
            return "root"
        for name, definition in self.data["$defs"].items():
            if subschema is definition:
                return name
        return "field"

    def _validator(self, definition: str | None) -> Draft202012Validator:
        if definition not in self._validators:
            schema = self.data
            if definition is not None:  # the same $defs objects, so kind() knows them
                schema = {"$defs": self.data["$defs"], "$ref": f"#/$defs/{definition}"}
            self._validators[definition] = Draft202012Validator(schema)
        return self._validators[definition]

    def errors(self, instance: Any, definition: str | None = None) -> Iterator[SchemaError]:
        """Every error of ``instance`` against the whole schema or one ``$defs`` entry."""
        for error in self._validator(definition).iter_errors(instance):
            path: Path = tuple(error.absolute_path)
            kind = self.kind(error.schema)
            schema_path = tuple(error.absolute_schema_path)
            if error.validator == "required" and isinstance(error.instance, dict):
                for name in error.validator_value:
                    if name not in error.instance:
                        yield SchemaError(
                            (*path, name), "required", kind, error.instance, name, schema_path
                        )
            elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
                known = tuple(error.schema.get("properties", {}))
                for key in error.instance:
                    if key not in known:
                        yield SchemaError(
                            (*path, key),
                            "additionalProperties",
                            kind,
                            error.instance[key],
                            False,
                            schema_path,
                            known,
                        )
            else:
                yield SchemaError(
                    path,
                    str(error.validator),
                    kind,
                    error.instance,
                    error.validator_value,
                    schema_path,
                )


def problem(
    display: str,
    where: Callable[[Path], tuple[int | None, int | None]],
    path: Path,
    message: str,
    severity: str = "error",
) -> Problem:
    """A worded error placed in its file: ``where`` gives the (line, column) of a path."""
    line, column = where(path)
    return Problem(display, line, column, message, severity)
