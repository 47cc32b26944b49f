"""Each published policy version as a tagged PDF (PDF/UA-1), made with WeasyPrint from
the HTML of the version's page, checked as a screen reader would read it, and kept.

A PDF is published only when the text read back from its structure tree (each tagged
run's ``/ActualText``, else its glyphs' text, in the tree's order) is the text of the
HTML it was made from, character for character (spaces aside): a PDF whose text a reader
would get wrong is withheld, and the page says so. ``pdf_tags`` adds what WeasyPrint
leaves out (``/Lang`` of passages, header scopes, actual text of reordered scripts).

:class:`Pdfs` keeps each PDF on disk named by the SHA-256 of what it is made from (the
HTML, its base address, this package's code and WeasyPrint's version), as redlines are
kept: a rebuild of an unchanged site makes none.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from ..reading import files
from . import pdf_tags

VARIANT = "pdf/ua-1"
# Text that is not page text: permalink anchors ("¶") and words only a screen reader hears
# on the site (the PDF has its own structure); each is taken out before the PDF is made.
DROPPED = (
    '//a[contains(concat(" ", @class, " "), " headerlink ")]',
    '//*[contains(concat(" ", @class, " "), " visually-hidden ")]',
    "//script",
    "//style[not(ancestor::head)]",
)


class PdfToolMissing(Exception):
    """WeasyPrint cannot run here (Debian's Pango is missing); one line, with the fix."""


@dataclass(frozen=True)
class Made:
    """A PDF made (``data``) or withheld (``withheld``: why, in English, for the build's log)."""

    data: bytes | None
    withheld: str | None = None

    @property
    def size(self) -> int:
        return len(self.data or b"")

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data else None


def kilobytes(size: int) -> int:
    """A file's size as the page says it ("PDF, 84 KB"): KiB, rounded up, at least 1."""
    return max(1, math.ceil(size / 1024))


def printable(html: str) -> str:
    """The document WeasyPrint is given: ``html`` without what is not page text."""
    root = lxml.html.document_fromstring(html)
    for path in DROPPED:
        for element in root.xpath(path):
            element.drop_tree()
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def text_of(html: str) -> str:
    """Every character of the body's text that a reader says, in document order."""
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    return said((body if body is not None else root).text_content())


def said(text: str) -> str:
    """``text`` without spaces and format characters (soft hyphens, joiners, direction
    marks), which a reader does not say and a PDF may draw or not."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def render_pdf(html: str, base_url: str | None) -> bytes:
    """``html`` (a whole document, from :func:`printable`) as a tagged PDF/UA-1."""
    try:
        import weasyprint
    except OSError as exc:  # WeasyPrint loads Pango when imported
        raise PdfToolMissing(
            f"PDFs not made: WeasyPrint cannot load Debian's Pango ({exc}); run make pdf-tools"
        ) from None
    pdf_tags.install()
    # Nothing is fetched while a PDF is made (no network in a build, and a page's text
    # holds nothing but itself); links keep their addresses, resolved against base_url.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=VARIANT, uncompressed_pdf=False)


# Structure types that are blocks: a reader pauses between them (a space in the text).
BLOCK_TYPES = {
    "/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/L", "/LI", "/LBody", "/Table",
    "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot", "/Div", "/Sect", "/Art", "/Part",
    "/BlockQuote", "/Caption", "/Figure", "/Document",
}  # fmt: skip


def tagged_text(data: bytes) -> str:
    """The text of a tagged PDF as a screen reader reads it: the structure tree in order,
    each marked run's ``/ActualText``, else the text of its glyphs, a line break after each
    block (list markers and artifacts, which are not the HTML's text, left out)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, NumberObject

    reader = PdfReader(io.BytesIO(data))
    runs = [_marked_runs(page) for page in reader.pages]
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    out: list[str] = []

    def walk(node, page_number: int | None) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, (NumberObject, int)):
            if page_number is not None:
                out.append(runs[page_number].get(int(node), ""))
            return
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid, page_number)
            return
        if not isinstance(node, DictionaryObject):
            return
        if node.get("/Type") == "/OBJR" or node.get("/S") in ("/Lbl", "/Artifact"):
            return
        if "/Pg" in node:
            page_number = pages.get(node.raw_get("/Pg").idnum, page_number)
        if node.get("/Type") == "/MCR":
            out.append(runs[page_number].get(int(node["/MCID"]), ""))
        elif "/ActualText" in node:
            out.append(str(node["/ActualText"]))
        elif "/K" in node:
            walk(node["/K"], page_number)
        if node.get("/S") in BLOCK_TYPES:
            out.append("\n")

    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is not None:
        walk(root.get_object().get("/K"), None)
    return "".join(out)


def _marked_runs(page) -> dict[int, str]:
    """Each marked-content id of a page -> its ``/ActualText``, else its glyphs' text."""
    from pypdf.generic import DictionaryObject

    glyphs: dict[int, list[str]] = {}
    actual: dict[int, str] = {}
    stack: list[int | None] = []

    def before(operator, operands, *_):
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = None
            if isinstance(properties, DictionaryObject) and "/MCID" in properties:
                mcid = int(properties["/MCID"])
                if "/ActualText" in properties:
                    actual[mcid] = _text_string(properties["/ActualText"])
            stack.append(mcid if mcid is not None else (stack[-1] if stack else None))
        elif operator == b"BMC":
            stack.append(stack[-1] if stack else None)
        elif operator == b"EMC" and stack:
            stack.pop()
        elif operator in (b"Tj", b"TJ", b"'", b'"') and stack and stack[-1] is not None:
            glyphs.setdefault(stack[-1], [])
            pending.append(stack[-1])

    pending: list[int] = []

    def text(value, *_):
        if value and pending:
            glyphs.setdefault(pending[-1], []).append(value)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    found = {mcid: "".join(parts) for mcid, parts in glyphs.items()}
    found.update(actual)
    return found


def _text_string(value) -> str:
    """A PDF text string as written: UTF-16 after its byte-order mark, else PDFDocEncoding
    (ASCII here). pypdf may have decoded a content stream's string with the page's font."""
    raw = getattr(value, "original_bytes", None)
    if raw is None:
        return str(value)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    return raw.decode("latin-1")


def misread(data: bytes, html: str) -> str | None:
    """Why the PDF's text, read back, is not the text of ``html`` (None when it is)."""
    try:
        read = said(tagged_text(data))
    except Exception as exc:  # a PDF pypdf cannot read is not published either
        return f"its structure could not be read back ({type(exc).__name__})"
    wanted = text_of(html)
    if read == wanted:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(read, wanted, strict=False)) if a != b),
        min(len(read), len(wanted)),
    )
    return (
        f"its text reads {read[max(0, at - 12) : at + 12]!r} where the page has "
        f"{wanted[max(0, at - 12) : at + 12]!r}"
    )


class Pdfs:
    """PDFs made once per document, kept in memory for the process and, with a
    ``cache_dir``, on disk by the SHA-256 of what each is made from (a withheld one too,
    with its reason), so a daily rebuild of an unchanged site makes none. A cache file
    that cannot be read is ignored and written again."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.made = 0
        self.from_disk = 0
        self._done: dict[str, Made] = {}

    def make(self, html: str, base_url: str | None) -> Made:
        """The PDF of ``html`` (a whole document), checked; raises :class:`PdfToolMissing`."""
        document = printable(html)
        digest = hashlib.sha256(f"{_code()}\0{base_url}\0{document}".encode()).hexdigest()
        done = self._done.get(digest)
        if done is None:
            done = self._read(digest)
            if done is None:
                try:
                    data = render_pdf(document, base_url)
                except PdfToolMissing:
                    raise
                except Exception as exc:  # WeasyPrint's own failure: withheld, said, not kept
                    done = Made(None, f"it could not be made ({type(exc).__name__}: {exc})")
                    self._done[digest] = done
                    return done
                reason = misread(data, document)
                done = Made(None, reason) if reason else Made(data)
                self.made += 1
                self._write(digest, done)
            else:
                self.from_disk += 1
            self._done[digest] = done
        return done

    def _read(self, digest: str) -> Made | None:
        if self.cache_dir is None:
            return None
        try:
            data = (self.cache_dir / f"{digest}.pdf").read_bytes()
            return Made(data) if data.startswith(b"%PDF-") else None
        except OSError:
            pass
        try:
            return Made(None, (self.cache_dir / f"{digest}.withheld").read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self, digest: str, made: Made) -> None:
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            if made.data is not None:  # whole or not at all: builds may share the folder
                descriptor, temporary = tempfile.mkstemp(prefix=".", dir=self.cache_dir)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(made.data)
                os.replace(temporary, self.cache_dir / f"{digest}.pdf")
            else:
                files.write_text(self.cache_dir / f"{digest}.withheld", made.withheld or "")
        except (OSError, files.WriteFailed):
            pass  # a cache that cannot be written only costs time


def _code() -> str:
    """How PDFs are made: this module's and ``pdf_tags``' bytes and WeasyPrint's version,
    so a cached PDF never outlives the code that made it."""
    global _CODE
    if _CODE is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            weasyprint = version("weasyprint")
        except PackageNotFoundError:
            weasyprint = "none"
        here = Path(__file__).parent
        mine = b"".join((here / name).read_bytes() for name in ("pdfs.py", "pdf_tags.py"))
        _CODE = hashlib.sha256(mine + weasyprint.encode()).hexdigest()
    return _CODE


_CODE: str | None = None
