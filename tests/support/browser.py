"""Helpers for checking the built site as a visitor's browser sees it.

A quiet local HTTP server for a site folder, a headless Chromium (Debian's: nothing is
downloaded), axe-core run from the copy that ``axe-playwright-python`` ships, and a
per-page sweep that records everything a privacy site must not do (talk to other hosts,
set cookies or storage) along with broken requests, script errors and axe violations.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import importlib.resources
import re
import socket
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    sync_playwright,
)

HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ALLOW_ALL_ROBOTS = b"User-agent: *\nAllow: /\n"

# Types a static host sends for the files this site ships (the OS mime table varies).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site folder like a static host: typed files, 404s, no directory listings;
    with ``compress``, text gzipped for a client that accepts it, as GitHub Pages sends it."""

    extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}  # noqa: RUF012
    compress = False

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean: a static host's access log is of no use here."""

    def end_headers(self) -> None:
        # LinkChecker throttles every host to ~3 requests/s unless the host answers with a
        # "LinkChecker" header (linkcheckerrc(5), maxrequestspersecond): browsers ignore it.
        self.send_header("LinkChecker", "1")
        super().end_headers()

    def list_directory(self, path: str | Path) -> None:
        """A folder without index.html is a missing page on a static host, not a listing."""
        self.send_error(404, "File not found")

    def send_head(self) -> Any:
        # Answer robots.txt at once when the site has none, so crawlers do not wait on it.
        if (
            urlsplit(self.path).path == "/robots.txt"
            and not (Path(self.directory) / "robots.txt").is_file()
        ):
            self.send_response(200)
            self.send_header("Content-Type", CONTENT_TYPES[".txt"])
            self.send_header("Content-Length", str(len(ALLOW_ALL_ROBOTS)))
            self.end_headers()
            return _BytesReader(ALLOW_ALL_ROBOTS)
        if self.compress and "gzip" in self.headers.get("Accept-Encoding", ""):
            compressed = self._gzipped()
            if compressed is not None:
                return compressed
        return super().send_head()

    def _gzipped(self) -> Any:
        """The file gzipped (level 6, as static hosts do) when it is text, else None."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(COMPRESSIBLE):
            return None
        data = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return _BytesReader(data)


class _GzipHandler(_SiteHandler):
    compress = True


# What a static host compresses: text, not images or archives.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/atom+xml",
    "application/manifest+json",
)


class _BytesReader:
    """The minimal file object ``SimpleHTTPRequestHandler.do_GET`` copies from."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at an OS-chosen port; yield its base URL (with '/').
    ``compress``: gzip text for clients that accept it, as the site's host does (Lighthouse
    times a page's load from the bytes it is sent)."""
    handler = partial(_GzipHandler if compress else _SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Pages swept at once. Most of a page's sweep is waiting (the network falling idle, axe's
# promises), so three lanes keep two cores busy.
LANES = 3


@dataclass(frozen=True)
class Chromium:
    """The run's one Chromium: Playwright's handle for this thread, and the address where
    other threads' Playwright instances reach the same browser (``sweep_pages``)."""

    browser: Browser
    endpoint: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def chromium() -> Iterator[Chromium]:
    """Launch Debian's headless Chromium through Playwright (no browser download), with
    its DevTools endpoint open on 127.0.0.1 for the parallel sweep."""
    port = free_port()
    args = [*CHROMIUM_ARGS, f"--remote-debugging-address={HOST}", f"--remote-debugging-port={port}"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        try:
            yield Chromium(browser, f"http://{HOST}:{port}")
        finally:
            browser.close()


@cache
def axe_source() -> str:
    """The axe-core script that ``axe_playwright_python`` ships, so no CDN is needed."""
    return (
        importlib.resources.files("axe_playwright_python")
        .joinpath("axe.min.js")
        .read_text(encoding="utf-8")
    )


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.x A/AA rules on the loaded page; return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through DevTools, not added as a <script>: the page's own
        # Content-Security-Policy rightly refuses inline scripts it did not list.
        page.evaluate(f"() => {{ {axe_source()}\n }}")
    return page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })).violations""",
        AXE_TAGS,
    )


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML file of the site as the URL path a visitor uses (``/``, ``/a/b/``)."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        if relative == "index.html":
            paths.append("/")
        elif relative.endswith("/index.html"):
            paths.append("/" + relative.removesuffix("index.html"))
        else:
            paths.append("/" + relative)
    return paths


# Requests to any host but the test server's. A pattern, not a function: Playwright then
# intercepts only these, instead of stopping every request to ask Python.
OTHER_HOSTS = re.compile(rf"^(?:https?|wss?)://(?!{re.escape(HOST)}(?:[:/]|$))", re.IGNORECASE)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine's test server (data: and blob: do too)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return True
    return parts.hostname == HOST


@dataclass
class PageReport:
    """What one page did in the browser, for assertions and failure messages."""

    path: str
    status: int | None = None
    external_requests: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    document_cookie: str = ""
    cookies: list[dict[str, Any]] = field(default_factory=list)
    local_storage: int = 0
    session_storage: int = 0
    error: str = ""  # the sweep itself failed (a timeout, a crash)
    # Each PDF the page links (a[type="application/pdf"]), followed: (url, status, type).
    pdfs: list[tuple[str, int, str]] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Each failure as one readable line; empty when the page is clean."""
        lines = [f"the sweep failed: {self.error}"] if self.error else []
        if self.status != 200:
            lines.append(f"page status {self.status}")
        for violation in self.violations:
            targets = [
                " ".join(map(str, node.get("target", []))) for node in violation["nodes"][:3]
            ]
            lines.append(
                f"axe {violation['id']} ({violation.get('impact')}): {violation['help']}"
                f" — {len(violation['nodes'])} node(s), e.g. {targets}"
            )
        lines += [f"request to another host: {url}" for url in self.external_requests]
        lines += [f"404 from the site: {url}" for url in self.not_found]
        lines += [f"Content-Security-Policy violation: {text}" for text in self.csp_violations]
        lines += [f"console error: {text}" for text in self.console_errors]
        lines += [f"page error: {text}" for text in self.page_errors]
        if self.document_cookie or self.cookies:
            names = [cookie["name"] for cookie in self.cookies]
            lines.append(f"cookies: document.cookie={self.document_cookie!r}, context={names}")
        if self.local_storage:
            lines.append(f"localStorage has {self.local_storage} item(s)")
        if self.session_storage:
            lines.append(f"sessionStorage has {self.session_storage} item(s)")
        lines += [
            f"PDF link {url}: status {status}, type {kind!r}"
            for url, status, kind in self.pdfs
            if status != 200 or kind.split(";")[0].strip() != "application/pdf"
        ]
        return lines


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || 'inline'} ` +
    `(${event.sourceFile || '?'}:${event.lineNumber})`);
});
"""


def describe_console(message: ConsoleMessage) -> str:
    """A console message and where it came from, short enough for a failure report."""
    where = message.location or {}
    return f"{message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})"


def sweep_page(context: BrowserContext, base_url: str, path: str) -> PageReport:
    """Load one page in ``context`` with other hosts blocked, and record what it did."""
    report = PageReport(path)

    def block(route: Route) -> None:
        report.external_requests.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(OTHER_HOSTS, block)
    page = context.new_page()
    try:
        page.on(
            "websocket",
            lambda ws: None if is_local(ws.url) else report.external_requests.append(ws.url),
        )
        page.on(
            "response",
            lambda response: (
                report.not_found.append(response.url)
                if response.status == 404 and is_local(response.url)
                else None
            ),
        )
        page.on(
            "console",
            lambda message: (
                report.console_errors.append(describe_console(message))
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: report.page_errors.append(str(error)))
        # Every refusal of the page's Content-Security-Policy, whatever the console says.
        page.add_init_script(CSP_LISTENER)

        response = page.goto(base_url.rstrip("/") + path, wait_until="load")
        report.status = response.status if response else None
        page.wait_for_load_state("networkidle")
        report.violations = run_axe(page)
        report.csp_violations = page.evaluate("() => window.__cspViolations || []")
        report.document_cookie = page.evaluate("() => document.cookie")
        report.local_storage = page.evaluate("() => window.localStorage.length")
        report.session_storage = page.evaluate("() => window.sessionStorage.length")
        report.cookies = [dict(cookie) for cookie in context.cookies()]
        for url in page.eval_on_selector_all(
            'a[type="application/pdf"]', "links => links.map(link => link.href)"
        ):
            fetched = context.request.get(url)
            report.pdfs.append((url, fetched.status, fetched.headers.get("content-type", "")))
            fetched.dispose()
    finally:
        page.close()
    return report


def sweep_pages(endpoint: str, base_url: str, paths: Sequence[str]) -> dict[str, PageReport]:
    """Sweep every page of ``paths`` in the one Chromium at ``endpoint``, ``LANES`` pages at
    a time, each in a fresh context; a page whose sweep fails is reported, not lost."""
    lanes = [list(paths[start::LANES]) for start in range(LANES)]
    with ThreadPoolExecutor(max_workers=LANES, thread_name_prefix="sweep") as pool:
        done = pool.map(partial(_sweep_lane, endpoint, base_url), lanes)
        return {report.path: report for reports in done for report in reports}


def _sweep_lane(endpoint: str, base_url: str, paths: list[str]) -> list[PageReport]:
    """One thread's share: Playwright's sync API wants an instance per thread, and this one
    drives the run's browser over its DevTools endpoint."""
    reports = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(endpoint)
        try:
            for path in paths:
                context = browser.new_context()
                try:
                    reports.append(sweep_page(context, base_url, path))
                except Exception as error:  # reported on the page's own test
                    reports.append(PageReport(path, error=f"{type(error).__name__}: {error}"))
                finally:
                    context.close()
        finally:
            browser.close()
    return reports
