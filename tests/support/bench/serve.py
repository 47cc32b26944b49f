"""``mkdocs serve``: how long after one save the served page shows it.

A copy of the real project (all ten languages) is served on a free 127.0.0.1 port; each
edit appends (or changes) a line carrying a fresh marker, and the time is taken from the
write until the page, fetched every 50 ms, contains the marker; the preview shows a page
once its own language is rebuilt (``privacy_site.adapter.serve_rounds``), so the time until
every language is written is taken too (the search index is sent only then). The copy's
posted.lock records nothing: editing a posted version is what the record refuses (a
preview would show that error), while the benchmark wants an ordinary save of a policy
being drafted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.builds import environment, real_project

HOST = "127.0.0.1"
POLL = 0.05
TIMEOUT = 300


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Edit:
    name: str
    file: str  # inside the project
    page: str  # the served path that shows it
    change: Callable[[str, str], str]  # (original text, marker) -> edited text


def _append_paragraph(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\nBenchmark edit {marker}.\n"


def _rename_vendor(text: str, marker: str) -> str:
    assert "name: Google Analytics\n" in text
    return text.replace("name: Google Analytics\n", f"name: Google Analytics {marker}\n", 1)


# POLICY: the version in effect of the first policy the site lists (api/policies.json),
# found once the site is served: the benchmark names none of the district's policies.
POLICY = "{policy}"
EDITS = [
    Edit("policy (its version in effect)", POLICY, POLICY, _append_paragraph),
    Edit("vendors.yml", "vendors.yml", "vendors/", _rename_vendor),
    Edit("translation (docs/es/index.md)", "docs/es/index.md", "es/", _append_paragraph),
]


def _policy_edit(base: str, edit: Edit) -> Edit:
    """``edit`` made for the version in effect of the first policy the served site lists."""
    import json

    for policy in json.loads(_get(base + "api/policies.json"))["policies"]:
        if policy["in_effect"]:
            file = f"docs/en/policies/{policy['id']}/{policy['in_effect']}.md"
            # absolute under mkdocs serve, which sets site_url to the address it serves at
            url = policy["url"]
            page = url[len(base) :] if url.startswith(base) else url.lstrip("/")
            return Edit(f"policy ({file})", file, page, edit.change)
    raise RuntimeError("the site lists no policy in effect")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _wait_for(url: str, marker: str, timeout: float = TIMEOUT) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in _get(url):
            return time.perf_counter() - start
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout} s")


def _settle(base: str) -> None:
    """Until the file watcher has seen the last write (it looks every 0.5 s) and the
    rebuild it started has written every language (the preview sends the search index
    only then)."""
    time.sleep(1.0)
    _get(base + "search/search_index.json")


def run(workdir: Path, repeats: int = 3, edits: list[Edit] | None = None) -> dict:
    project = real_project(workdir / "serve-project", keep_record=False)
    port = free_port()
    base = f"http://{HOST}:{port}/"
    log = (workdir / "serve.log").open("w", encoding="utf-8")
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}"],
        cwd=project,
        env=environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    results: dict = {"startup_seconds": None, "edits": []}
    try:
        _wait_for(base, "</html>")
        results["startup_seconds"] = time.perf_counter() - start
        for edit in edits or EDITS:
            if edit.file == POLICY:
                edit = _policy_edit(base, edit)
            path = project / edit.file
            original = path.read_text(encoding="utf-8")
            times, whole = [], []
            for n in range(repeats):
                marker = f"bench{n}x{int(time.time() * 1000) % 100000}"
                _settle(base)
                begin = time.perf_counter()
                path.write_text(edit.change(original, marker), encoding="utf-8")
                _wait_for(base + edit.page, marker)
                times.append(time.perf_counter() - begin)
                _get(base + "search/search_index.json")  # sent once every language is written
                whole.append(time.perf_counter() - begin)
            path.write_text(original, encoding="utf-8")
            results["edits"].append(
                {
                    "edit": edit.name,
                    "page": "/" + edit.page,
                    "seconds": times,
                    "median_seconds": statistics.median(times),
                    "whole_site_seconds": whole,
                    "median_whole_site_seconds": statistics.median(whole),
                }
            )
        _settle(base)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return results
