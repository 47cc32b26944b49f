"""YAML loaded with the line and column of every value, for errors staff can find.

Dates are kept as the text that was typed (no implicit timestamps): we check them
ourselves, so that ``2026-02-30`` is a plain-English error rather than a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        """Refuse anchors (``&name``) and aliases (``*name``) before they are expanded.

        Content never needs them, and they are how a few lines of YAML become billions of
        values (or a value that contains itself): refusing them keeps every load small.
        """
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            symbol = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise yaml.MarkedYAMLError(
                problem=f"'{symbol}{event.anchor}' is a YAML {ALIAS_WORDS[symbol]}, which this "
                "site does not accept: write the value out in full instead",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


ALIAS_WORDS = {"*": "alias", "&": "anchor"}


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ConfigLoader(_Loader):
    """mkdocs.yml: MkDocs' own tags (``!ENV``, ``!relative``, ``!!python/name:``) read as
    nothing, since only the values written out are checked."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


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
    # The file a value was written in, when it is not the one read (see :func:`inherit`).
    origins: dict[Path, str] = field(default_factory=dict)

    def origin(self, path: Path) -> str | None:
        """The file that wrote ``path`` (or its nearest written parent), if another file
        than the one read: a value inherited with MkDocs' ``INHERIT``."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.origins.get(path)

    def where(self, path: Path, line_offset: int = 0) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest parent that was written."""
        while path not in self.marks and path:
            path = path[:-1]
        if path not in self.marks:
            return None, None
        line, column = self.marks[path]
        return line + line_offset, column


MAX_NESTING = 32  # brackets inside brackets; real content needs two or three
BRACKETS = re.compile(r"[\[\]{}]")


def load(text: str, loader_class: type[_Loader] = _Loader) -> Document:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with the parser's position."""
    deepest = _deepest_brackets(text)
    if deepest is not None:
        line, column = deepest
        raise YamlSyntaxError(
            f"brackets ([ or {{) nest more than {MAX_NESTING} deep here: remove the extra brackets",
            line,
            column,
        )
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        document = Document(data=None)
        if node is not None:
            document.data = _build(loader, node, (), document)
        return document
    except yaml.MarkedYAMLError as exc:
        # Where an unclosed quote or bracket *started* is more use than where the file ended;
        # for anything else, where the reader stopped is the line to look at.
        opened = exc.context and ("quoted" in exc.context or "flow" in exc.context)
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = ": ".join(part for part in (exc.context, exc.problem) if part) or "not YAML"
        raise YamlSyntaxError(reason, line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None, None) from None
    except (RecursionError, MemoryError):
        raise YamlSyntaxError("the text nests too deeply to read", None, None) from None
    finally:
        loader.dispose()


def inherit(parent: Document, child: Document, parent_file: str) -> Document:
    """``child`` written over ``parent`` as MkDocs reads ``INHERIT: parent_file``: mappings
    merge key by key, any other value (a list, a text) replaces the parent's whole. Each
    value keeps its position; those that come from the parent name ``parent_file``."""
    document = Document(data=merged(parent.data, child.data))
    for path, mark in parent.marks.items():
        if _inherited(path, child.data):
            document.marks[path] = mark
            document.origins[path] = parent.origins.get(path, parent_file)
    document.marks.update(child.marks)
    document.duplicate_keys = [*child.duplicate_keys]
    return document


def merged(parent: Any, child: Any) -> Any:
    """``child`` over ``parent`` as MkDocs' ``INHERIT`` merges them (mergedeep's default):
    mappings key by key, anything else replaced whole."""
    if isinstance(parent, dict) and isinstance(child, dict):
        both = dict(parent)
        for key, value in child.items():
            both[key] = merged(parent[key], value) if key in parent else value
        return both
    return child


def _inherited(path: Path, child: Any) -> bool:
    """Whether the value at ``path`` is the parent's after the merge."""
    for key in path:
        if not isinstance(child, dict) or key not in child:
            return isinstance(child, dict) or child is None
        child = child[key]
    return isinstance(child, dict)  # a mapping both wrote: its own line is the parent's too


def _deepest_brackets(text: str) -> tuple[int, int] | None:
    """Where ``[`` or ``{`` first nests past MAX_NESTING (checked before parsing, which would
    otherwise recurse once per level and take seconds on a line of brackets)."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    depth = 0
    for found in BRACKETS.finditer(text):  # only the brackets, not every character
        index, char = found.start(), found.group()
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, index) + 1
                return line, index - (text.rfind("\n", 0, index) + 1) + 1
        elif char in "]}" and depth:
            depth -= 1
    return None


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


# What to look for, by what the YAML reader said, in the order they are tried.
_HINTS = (
    ("a YAML alias", ""),
    ("a YAML anchor", ""),
    ("brackets ([ or {) nest", ""),
    ("found character '\\t'", "a tab is used to indent: indent with spaces"),
    (
        "mapping values are not allowed",
        "a ': ' appears where the line cannot have one: put quotes around text that "
        "contains ': ', or indent the line to match the field it belongs to",
    ),
    (
        "expected <block end>",
        "this line is indented differently from the lines before it: fields of one item "
        "line up under each other, and a list item starts with '- '",
    ),
    (
        "could not find expected ':'",
        "a line has no ':' after its field name, or a quote opened above is never closed",
    ),
    ("quoted scalar", "a quote is opened and not closed: close it at the end of the text"),
    ("nests too deeply", "remove the extra brackets"),
)


def problem_text(error: YamlSyntaxError) -> str:
    """The one wording of a YAML error: what to look for, then the reader's own words."""
    reason = str(error)
    hint = next((hint for key, hint in _HINTS if key in reason), None)
    if hint == "":  # our own message already says what to do
        return reason
    look = hint or "check this line and the one above it for a missing colon, an unclosed "
    if hint is None:
        look += "quote or a tab, and quote text that contains ': '"
    return f"{look} (the YAML reader says: {reason})"


def strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text in loaded data, with its path, for checks that apply to all text."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))
