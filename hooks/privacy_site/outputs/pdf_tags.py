"""What WeasyPrint's tagged PDF leaves out, added while it writes the structure tree.

WeasyPrint 70 writes a PDF/UA-1 structure tree (headings, paragraphs, lists, tables, links,
``/Lang`` of the document, ``DisplayDocTitle``) but, as tried on the site's pages:

- a passage in another language (``<span lang="en">`` in an Arabic page) gets no ``/Lang``;
- a table's header cells (``/TH``) get no ``/Scope``;
- text whose glyphs are not in the order of its characters loses characters when read
  back: a Bengali pre-base vowel sign is drawn before its consonant, and the font's
  one-glyph-one-text map drops it (সন্তানের is read as সন্তানর); an Arabic lam-alef is one
  glyph for two letters; in a right-to-left paragraph, Pango draws "CPS." as ".CPS".

So each element that carries ``lang`` gets ``/Lang``, each ``/TH`` a ``/Scope`` (``Row``
for ``scope="row"``, else ``Column``), and each run of text that is not plain ASCII an
``/ActualText`` with its characters in reading order, which screen readers and text
extraction (poppler) use instead of the glyphs; so does every run in a right-to-left
paragraph, ASCII or not. Both hooks wrap WeasyPrint's own
functions, named here (``WRAPPED``): an update that renames one fails
``tests/unit/outputs/test_pdfs.py``, naming it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

WRAPPED = (
    "weasyprint.pdf.tags._build_box_tree",
    "weasyprint.pdf.stream.Stream.marked",
)

_installed = False


def install() -> None:
    """Wrap WeasyPrint's tree builder and marked-content writer (once per process)."""
    global _installed
    if _installed:
        return
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import stream as pdf_stream
    from weasyprint.pdf import tags

    build_tree = tags._build_box_tree
    marked = pdf_stream.Stream.marked

    def tree(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        own = (
            real.element is not None
            and real.element_tag not in ("html", "body")
            and not isinstance(real, (boxes.PageBox, boxes.MarginBox))
        )
        for element in build_tree(box, parent, *args):
            if own and element["P"] == parent.reference:  # the element made for this box
                lang = real.element.get("lang")
                if lang:
                    element["Lang"] = pydyf.String(lang)
                if element["S"] == "/TH" and "A" in element:
                    row = real.element.get("scope") == "row"
                    element["A"]["Scope"] = "/Row" if row else "/Column"
            yield element

    @contextlib.contextmanager
    def actual_text(self: Any, box: Any, tag: str) -> Iterator[None]:
        text = getattr(box, "text", None) if isinstance(box, boxes.TextBox) else None
        plain = text and text.isascii() and box.style["direction"] == "ltr"
        if self._tags is None or not text or plain:
            with marked(self, box, tag):
                yield
            return
        mcid = len(self._tags)
        self._tags[box] = {"tag": tag, "mcid": mcid}
        properties = pydyf.Dictionary({"MCID": mcid, "ActualText": pydyf.String(text)})
        self.begin_marked_content(tag, properties)
        try:
            yield
        finally:
            self.end_marked_content()

    tags._build_box_tree = tree
    pdf_stream.Stream.marked = actual_text
    _installed = True
