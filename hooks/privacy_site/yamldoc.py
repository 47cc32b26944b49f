"""YAML loaded with the line and column of every value, for errors staff can find.

Dates are kept as the text that was typed (no implicit timestamps): we check them
ourselves, so that ``2026-02-30`` is a plain-English error rather than a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None, column: int | None):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class Document:
    """Plain data plus where each piece of it was written (1-based line, column)."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, int, int]] = field(default_factory=list)

    def where(self, path: Path, line_offset: int = 0) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest parent that was written."""
        while path not in self.marks and path:
            path = path[:-1]
        if path not in self.marks:
            return None, None
        line, column = self.marks[path]
        return line + line_offset, column


def load(text: str) -> Document:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with the parser's position."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        document = Document(data=None)
        if node is not None:
            document.data = _build(loader, node, (), document)
        return document
    except yaml.MarkedYAMLError as exc:
        # Where an unclosed quote or bracket *started* is more use than where the file ended.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = ": ".join(part for part in (exc.context, exc.problem) if part) or "not YAML"
        raise YamlSyntaxError(reason, line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None, None) from None
    finally:
        loader.dispose()


def _build(loader: _Loader, node: yaml.Node, path: Path, document: Document) -> Any:
    document.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            child = (*path, key)
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                document.duplicate_keys.append((child, *position))
            document.marks[child] = position
            result[key] = _build(loader, value_node, child, document)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, index), document) for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
