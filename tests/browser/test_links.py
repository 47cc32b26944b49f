"""Every link and #anchor of the built site resolves, checked by LinkChecker over HTTP.

LinkChecker crawls the served site from its root (and from every page, so pages that
nothing links to are checked too) with its AnchorCheck plugin on. Links to other hosts
are left alone: this machine has no internet, and the site's own links are the point.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import linkcheck
import pytest
from linkcheck import check_links

pytestmark = pytest.mark.browser


def test_site_has_no_broken_links_or_anchors(real_site: Path, tmp_path: Path) -> None:
    """No visitor follows a link of ours to a missing page or a missing section."""
    report = check_links(real_site, tmp_path)
    assert not report.broken, report.describe()
    assert not report.bad_anchors, report.describe()
    assert not report.other_warnings, report.describe()
    assert report.returncode == 0, report.log


def test_checker_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    """A site with one missing page and one missing #anchor fails both ways, not silently.

    It is what caught LinkChecker loading no AnchorCheck when it dropped to "nobody" in a
    checkout that user could not read (see RUN_AS_IS)."""
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>A</title></head><body>'
        '<a href="b/">fine</a> <a href="missing/">gone</a> <a href="b/#nowhere">no anchor</a>'
        ' <a href="b/#here">anchor</a> <a href="https://example.invalid/">elsewhere</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (site / "b" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>B</title></head><body>'
        '<h2 id="here">Here</h2><a href="../">back</a></body></html>',
        encoding="utf-8",
    )
    report = check_links(site, tmp_path / "check")
    assert [row["urlname"] for row in report.broken] == ["missing/"], report.describe()
    assert [row["urlname"] for row in report.bad_anchors] == ["b/#nowhere"], report.describe()
    assert "404" in report.broken[0]["result"], report.describe()
    assert report.returncode == 1


class _Outside(http.server.BaseHTTPRequestHandler):
    """Another host, as the weekly check meets them: fine, gone, moved, rate limiting."""

    def do_GET(self) -> None:
        status = {"/ok": 200, "/moved": 301, "/slow-down": 429}.get(self.path, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>x</title>")

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


def test_outside_links_broken_vendor_links_are_errors_others_warnings(tmp_path: Path) -> None:
    """The weekly job: a vendor's broken privacy link fails it, another broken link only
    warns, a redirect is fine, and a host that rate-limits is listed as not checked."""
    outside = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Outside)
    threading.Thread(target=outside.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{outside.server_address[1]}"
    try:
        site = tmp_path / "site"
        site.mkdir()
        links = ["gone-privacy", "gone", "moved", "slow-down", "ok"]
        anchors = " ".join(f'<a href="{host}/{name}">{name}</a>' for name in links)
        (site / "index.html").write_text(
            f'<!doctype html><html lang="en"><head><title>A</title></head><body>{anchors}'
            "</body></html>",
            encoding="utf-8",
        )
        vendors = tmp_path / "vendors.yml"
        vendors.write_text(
            f"vendors:\n  - id: tool\n    privacy_policy: {host}/gone-privacy\n"
            f"    opt_out: {host}/ok\n",
            encoding="utf-8",
        )
        report_file = tmp_path / "links.md"
        code = linkcheck.main(
            [
                str(site),
                "--external",
                "--vendors",
                str(vendors),
                "--report",
                str(report_file),
                "--workdir",
                str(tmp_path / "work"),
            ]
        )
        report = report_file.read_text(encoding="utf-8")
    finally:
        outside.shutdown()
        outside.server_close()
    errors, warnings, unchecked = report.split("## ")[1:4]
    assert code == 1, report
    assert f"{host}/gone-privacy" in errors and "404" in errors, report
    assert f"{host}/gone " in warnings and f"{host}/gone-privacy" not in warnings, report
    assert f"{host}/slow-down" in unchecked, report
    assert "/moved" not in report and f"{host}/ok " not in report, report
