"""Helpers for checking the built site as a visitor's browser sees it.

A quiet local HTTP server for a site folder, a headless Chromium (Debian's: nothing is
downloaded), axe-core run from the copy that ``axe-playwright-python`` ships, and a
per-page sweep that records everything a privacy site must not do (talk to other hosts,
set cookies or storage) along with broken requests, script errors and axe violations.
"""

from __future__ import annotations

import contextlib
import http.server
import importlib.resources
import threading
from collections.abc import Iterator
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
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site folder like a static host: typed files, 404s, no directory listings."""

    extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}  # noqa: RUF012

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
        return super().send_head()


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
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at an OS-chosen port; yield its base URL (with '/')."""
    handler = partial(_SiteHandler, directory=str(site_dir))
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


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Launch Debian's headless Chromium through Playwright (no browser download)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
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

    def problems(self) -> list[str]:
        """Each failure as one readable line; empty when the page is clean."""
        lines = []
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

    context.route(lambda url: not is_local(url), block)
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
    finally:
        page.close()
    return report
