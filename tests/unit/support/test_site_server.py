"""The test suite's static host (tests/support/browser.py ``serve``): with ``compress``, text is
sent gzipped to a client that accepts it, as GitHub Pages sends it (Lighthouse times a page
from the bytes sent); images are not, and missing pages are still 404s."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import serve


def get(url: str, gzip_ok: bool) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>" + "words " * 500 + "</p>", "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + bytes(500))
    return tmp_path


def test_text_is_gzipped_for_a_client_that_accepts_it(site: Path) -> None:
    original = (site / "page" / "index.html").read_bytes()
    with serve(site, compress=True) as url:
        status, headers, body = get(url + "page/", gzip_ok=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"].startswith("text/html")
        assert int(headers["Content-Length"]) == len(body) < len(original)
        assert gzip.decompress(body) == original
        status, headers, body = get(url + "page/", gzip_ok=False)
        assert status == 200 and "Content-Encoding" not in headers and body == original


def test_images_and_missing_pages_are_sent_as_without_compression(site: Path) -> None:
    with serve(site, compress=True) as url:
        status, headers, body = get(url + "image.png", gzip_ok=True)
        assert status == 200 and "Content-Encoding" not in headers and body.startswith(b"\x89PNG")
        assert get(url + "nothing/", gzip_ok=True)[0] == 404
        assert get(url + "page", gzip_ok=True)[0] == 200  # redirected to page/, then gzipped


def test_without_compress_nothing_is_gzipped(site: Path) -> None:
    with serve(site) as url:
        status, headers, _ = get(url + "page/", gzip_ok=True)
        assert status == 200 and "Content-Encoding" not in headers
