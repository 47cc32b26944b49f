"""A redline of one policy version against the one before it, from their rendered HTML.

The words of both versions are compared with difflib; the result is the new version's
own markup (headings, lists, links) with inserted words wrapped in ``<ins>`` and deleted
words placed, in ``<del>``, where they stood. By construction the text outside ``<del>``
is exactly the new version and the text outside ``<ins>`` is exactly the old one (lxml's
``htmldiff`` does not keep that promise on long documents). Each mark also carries words
that screen readers announce and that survive printing, since colour alone says nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import astuple, dataclass
from difflib import SequenceMatcher
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml.html import HtmlElement
from markupsafe import escape

from ..reading import files

TOKEN = re.compile(r"\S+|\s+")
SKIP = {"script", "style"}
BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "br",
    "section",
    "aside",
}


@dataclass(frozen=True)
class Labels:
    inserted: str = "Inserted:"
    inserted_end: str = "End of insertion."
    deleted: str = "Deleted:"
    deleted_end: str = "End of deletion."


@dataclass(frozen=True)
class Redline:
    html: str
    inserted_words: int
    deleted_words: int


@dataclass
class _Slot:
    """One text node of the new version: ``element.text`` or ``element.tail``."""

    element: HtmlElement
    is_tail: bool
    tokens: list[str]


def render_redline(
    old_html: str, new_html: str, labels: Labels = Labels(), link_prefix: str = ""
) -> Redline:
    """Compare two rendered versions; ``link_prefix`` re-bases their relative links."""
    old_words, old_spaced, _ = _words(list(_slots(_fragment(old_html))))
    root = _fragment(new_html)
    slots = list(_slots(root))
    new_words, new_spaced, positions = _words(slots)

    inserted: set[tuple[int, int]] = set()
    deleted_before: dict[tuple[int, int], list[str]] = defaultdict(list)
    deleted_count = 0
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            if j1 < len(positions):
                anchor = positions[j1]
            elif positions:
                anchor = (positions[-1][0], len(slots[positions[-1][0]].tokens))
            else:
                anchor = (0, 0)
            # Keep the old spacing: the mark sits right before new word j1, after any space.
            lead = old_spaced[i1] and not (j1 < len(new_spaced) and new_spaced[j1])
            trail = i2 < len(old_words) and old_spaced[i2] and j1 < len(positions)
            text = "".join(
                (" " if old_spaced[i] and i > i1 else "") + old_words[i] for i in range(i1, i2)
            )
            deleted_before[anchor].append((" " if lead else "") + text + (" " if trail else ""))
            deleted_count += i2 - i1
        if op in ("insert", "replace"):
            inserted.update(positions[j1:j2])

    if not slots:  # the new version is empty: everything was deleted
        root.text = ""
        slots = [_Slot(root, False, [])]
    for index in reversed(range(len(slots))):  # from the end, so earlier slots stay valid
        _rewrite(slots[index], index, inserted, deleted_before, labels)
    if link_prefix:
        root.rewrite_links(lambda url: _rebase(url, link_prefix), resolve_base_href=False)
    body = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return Redline(
        html=body,
        inserted_words=len(inserted),
        deleted_words=deleted_count,
    )


# Placeholders for the labels while the comparison is computed once for every language;
# private-use characters, which no content can contain (sources refuse nothing else, but
# a clash would only show a placeholder, never lose text).
_PLACEHOLDERS = Labels("\ue000ins\ue001", "\ue000/ins\ue001", "\ue000del\ue001", "\ue000/del\ue001")


class Redlines:
    """Redlines computed once per version pair and text language, however many languages
    are built: a page that shows the English text reuses the English redline, and only
    the labels read by screen readers change with the reader's language. An entry is
    reused only for the same inputs, so ``mkdocs serve`` recomputes what changed.

    With a ``cache_dir``, each redline is also kept on disk, named by the SHA-256 of what
    it compares (and of this module, so a change to how redlines are made starts afresh):
    a daily rebuild of an unchanged site computes none. A cache file that cannot be read
    is ignored and written again."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._done: dict[tuple[str, ...], tuple[str, Redline]] = {}
        self.cache_dir = cache_dir
        self.computed = 0
        self.from_disk = 0

    def compare(
        self, key: tuple[str, ...], old_html: str, new_html: str, labels: Labels, link_prefix: str
    ) -> Redline:
        digest = hashlib.sha256(
            f"{_CODE}\0{link_prefix}\0{old_html}\0{new_html}".encode()
        ).hexdigest()
        done = self._done.get(key)
        if done is None or done[0] != digest:
            redline = self._read(digest)
            if redline is None:
                redline = render_redline(old_html, new_html, _PLACEHOLDERS, link_prefix)
                self.computed += 1
                self._write(digest, redline)
            else:
                self.from_disk += 1
            done = (digest, redline)
            self._done[key] = done
        return _labelled(done[1], labels)

    def known(self, key: tuple[str, ...], labels: Labels) -> Redline | None:
        """A redline already computed for ``key``, in the reader's labels."""
        done = self._done.get(key)
        return _labelled(done[1], labels) if done else None

    def _read(self, digest: str) -> Redline | None:
        if self.cache_dir is None:
            return None
        try:
            data = json.loads((self.cache_dir / f"{digest}.json").read_text(encoding="utf-8"))
            return Redline(str(data["html"]), int(data["inserted"]), int(data["deleted"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write(self, digest: str, redline: Redline) -> None:
        if self.cache_dir is None:
            return
        data = {
            "html": redline.html,
            "inserted": redline.inserted_words,
            "deleted": redline.deleted_words,
        }
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            files.write_text(self.cache_dir / f"{digest}.json", json.dumps(data))
        except (OSError, files.WriteFailed):
            pass  # a cache that cannot be written only costs time


# How redlines are made: this file's bytes, so a cached redline never outlives its code.
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _labelled(redline: Redline, labels: Labels) -> Redline:
    html = redline.html
    for placeholder, label in zip(astuple(_PLACEHOLDERS), astuple(labels), strict=True):
        html = html.replace(placeholder, str(escape(label)))
    return Redline(html, redline.inserted_words, redline.deleted_words)


def _words(slots: list[_Slot]) -> tuple[list[str], list[bool], list[tuple[int, int]]]:
    """The words of the text nodes, whether a space (or a block edge) precedes each, and
    where each stands (slot, token)."""
    words: list[str] = []
    spaced_before: list[bool] = []
    positions: list[tuple[int, int]] = []
    spaced = False
    for s, slot in enumerate(slots):
        spaced = spaced or slot.element.tag in BLOCKS  # a block starts or ends here
        for t, token in enumerate(slot.tokens):
            if token.isspace():
                spaced = True
                continue
            words.append(token)
            spaced_before.append(spaced)
            positions.append((s, t))
            spaced = False
    return words, spaced_before, positions


def _fragment(html: str) -> HtmlElement:
    """Parse a fragment, dropping permalink anchors ("¶"), which are not policy text."""
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    for link in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        link.drop_tree()
    return root


def _slots(root: HtmlElement):
    """Every text node in reading order, each split into words and spaces."""

    def walk(element: HtmlElement):
        if element.tag in SKIP or not isinstance(element.tag, str):
            return
        if element.text:
            yield _Slot(element, False, TOKEN.findall(element.text))
        for child in element:
            yield from walk(child)
            if child.tail:
                yield _Slot(child, True, TOKEN.findall(child.tail))

    yield from walk(root)


def _rewrite(slot: _Slot, index: int, inserted, deleted_before, labels: Labels) -> None:
    """Replace one text node with text, ``<ins>`` and ``<del>`` pieces."""
    pieces: list[tuple[str, str]] = []  # ("text" | "ins" | "del", text)

    def add(kind: str, text: str) -> None:
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1] + text)
        elif kind == "ins" and text.isspace():
            pieces.append(("text", text))
        else:
            pieces.append((kind, text))

    for t in range(len(slot.tokens) + 1):
        gone = deleted_before.get((index, t))
        if gone:
            add("del", "".join(gone))
        if t == len(slot.tokens):
            break
        token = slot.tokens[t]
        if (index, t) in inserted:
            add("ins", token)
        elif (
            token.isspace()
            and pieces
            and pieces[-1][0] == "ins"
            and _next_inserted(slot, index, t, inserted)
        ):
            add("ins", token)  # keep a run of inserted words in one mark
        else:
            add("text", token)

    if all(kind == "text" for kind, _ in pieces):
        return
    elements: list[HtmlElement] = []
    lead = ""
    for kind, text in pieces:
        if kind == "text":
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + text
            else:
                lead += text
        else:
            elements.append(_mark(kind, text, labels))
    if slot.is_tail:
        slot.element.tail = lead
        parent = slot.element.getparent()
        position = parent.index(slot.element)
        for offset, element in enumerate(elements, start=1):
            parent.insert(position + offset, element)
    else:
        slot.element.text = lead
        for offset, element in enumerate(elements):
            slot.element.insert(offset, element)


def _next_inserted(slot: _Slot, index: int, t: int, inserted) -> bool:
    return t + 1 < len(slot.tokens) and (index, t + 1) in inserted


def _mark(kind: str, text: str, labels: Labels) -> HtmlElement:
    before, after = (
        (labels.inserted, labels.inserted_end)
        if kind == "ins"
        else (labels.deleted, labels.deleted_end)
    )
    mark = lxml.html.Element(kind)
    start = lxml.html.Element("span", {"class": "visually-hidden"})
    start.text = f"{before} "
    start.tail = text
    end = lxml.html.Element("span", {"class": "visually-hidden"})
    end.text = f" {after}"
    mark.append(start)
    mark.append(end)
    return mark


def _rebase(url: str, prefix: str) -> str:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "#")) or re.match(r"^\w+:", url):
        return url
    return prefix + url
