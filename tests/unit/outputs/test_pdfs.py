"""PDFs of small documents, made by WeasyPrint in this process: the names WeasyPrint must
keep for ``pdf_tags``, the text check that withholds a PDF a reader would misread, and the
cache that makes a rebuild of an unchanged site make none (one document, made once)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from privacy_site.outputs import pdf_tags, pdfs

DOCUMENT = """<!DOCTYPE html><html lang="bn"><head><meta charset="utf-8"><title>নীতি</title>
<style>html { font-family: "Noto Sans Bengali", "Noto Sans", sans-serif }</style></head>
<body><h1>আপনার সন্তানের তথ্য</h1><p>কৈশোর <span lang="en">Privacy Act</span>
<a class="headerlink" href="#x">¶</a></p>
<table><tr><th>নাম</th><th scope="row">উদ্দেশ্য</th></tr><tr><td>ক</td><td>খ</td></tr></table>
</body></html>"""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("pdf-cache")
    store = pdfs.Pdfs(folder)
    result = store.make(DOCUMENT, None)
    assert (store.made, store.from_disk) == (1, 0)
    assert result.withheld is None, result.withheld
    return folder, result.data


def test_weasyprint_still_has_the_names_pdf_tags_wraps() -> None:
    """An update of WeasyPrint that renames one fails here, naming it."""
    for name in pdf_tags.WRAPPED:
        module, _, attribute = name.rpartition(".")
        try:
            owner = importlib.import_module(module)
        except ImportError:
            module, _, owner_name = module.rpartition(".")
            owner = getattr(importlib.import_module(module), owner_name)
        assert hasattr(owner, attribute), f"WeasyPrint has no {name} any more"


def test_bengali_reads_back_with_its_vowel_signs(made: tuple[Path, bytes]) -> None:
    """Without actual text, the pre-base vowel signs (ে, ৈ) are lost when read back."""
    text = pdfs.tagged_text(made[1])
    assert "সন্তানের" in text.split() and "কৈশোর" in text.split()
    assert "¶" not in text  # permalinks are not page text


def test_a_pdf_whose_text_reads_otherwise_is_withheld(made: tuple[Path, bytes]) -> None:
    assert pdfs.misread(made[1], pdfs.printable(DOCUMENT)) is None
    other = DOCUMENT.replace("সন্তানের", "সন্তানর")
    reason = pdfs.misread(made[1], pdfs.printable(other))
    assert reason is not None and "সন্তানের" in reason
    assert pdfs.misread(b"%PDF-1.7 broken", DOCUMENT) is not None


def test_a_rebuild_of_the_same_document_makes_none(made: tuple[Path, bytes]) -> None:
    folder, data = made
    again = pdfs.Pdfs(folder)  # the next build: a new process, the same cache folder
    assert again.make(DOCUMENT, None).data == data
    assert (again.made, again.from_disk) == (0, 1)
    assert again.make(DOCUMENT, None).data == data  # and once in memory
    assert (again.made, again.from_disk) == (0, 1)
    for cached in folder.glob("*.pdf"):
        cached.write_bytes(b"not a pdf")
    broken = pdfs.Pdfs(folder)
    assert pdfs.Pdfs(folder)._read("0" * 64) is None
    assert broken._read(next(folder.glob("*.pdf")).stem) is None  # unreadable: made again


def test_a_withheld_pdf_is_remembered_with_its_reason(tmp_path: Path) -> None:
    store = pdfs.Pdfs(tmp_path)
    store._write("d" * 64, pdfs.Made(None, "its text reads 'x'"))
    assert pdfs.Pdfs(tmp_path)._read("d" * 64) == pdfs.Made(None, "its text reads 'x'")


def test_sizes_are_whole_kilobytes_rounded_up() -> None:
    assert [pdfs.kilobytes(n) for n in (0, 1, 1024, 1025, 86016)] == [1, 1, 1, 2, 84]


def test_characters_a_reader_does_not_say_are_not_compared() -> None:
    """A soft hyphen, a zero-width joiner (Bengali, Arabic) or a direction mark may be drawn
    or not; the words are the same."""
    assert pdfs.said("ক্\u200dষ in\u00adformation \u200fب") == "ক্ষinformationب"


def test_nothing_is_fetched_while_a_pdf_is_made() -> None:
    """An image or stylesheet address in the text is not fetched (no network in a build):
    a server on this machine that the document points at hears nothing."""
    import http.server
    import threading

    heard: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            heard.append(self.path)
            self.send_error(404)

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_port}"
    try:
        document = DOCUMENT.replace(
            "</title>", f'</title><link rel="stylesheet" href="{address}/x.css">'
        ).replace("<h1>", f'<img src="{address}/x.png" alt=""><h1>')
        assert pdfs.render_pdf(document, address + "/").startswith(b"%PDF-")
    finally:
        server.shutdown()
    assert heard == []
