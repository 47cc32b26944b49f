"""`mkdocs serve` (`make serve`, `make preview`): a content error is shown in the page the
editor is looking at, not only in the terminal, and the page recovers once it is fixed."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import free_port
from conftest import FIXTURES, LIFECYCLE_FIXTURE, all_languages, languages_docs
from sitebuild import ROOT, scratch_project

pytestmark = pytest.mark.build


def fetch(url: str, wanted: str, timeout: float = 90) -> str:
    """The page at ``url`` once it contains ``wanted`` (serve rebuilds in the background)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wanted in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last seen:\n{last[:2000]}")


def start_serve(project: Path, log: Path | None = None) -> tuple[subprocess.Popen, int]:
    """`mkdocs serve` of ``project`` on a free port, as of 2026-11-22 (New York); its
    output to ``log`` when given (to read while it runs), else to a pipe."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795400000")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE if log is None else log.open("w", encoding="utf-8"),
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, port


def test_a_content_error_is_shown_in_the_preview_and_goes_when_fixed(tmp_path: Path) -> None:
    # mkdocs.yml watches vendors.yml: the project has one
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    docs = project / "docs"
    version = docs / "en" / "policies" / "sample-policy" / "2026-12-22.md"
    good = version.read_text(encoding="utf-8")
    version.write_text(good.replace("posted: 2026-11-20", "posted: 2026-12-10"), "utf-8")
    server, port = start_serve(project)
    try:
        page = fetch(f"http://127.0.0.1:{port}/contact/", "build-problems")
        assert "docs/en/policies/sample-policy/2026-12-22.md:" in page
        assert "needs 30 days&#39; notice" in page or "needs 30 days' notice" in page
        assert "cannot be published" in page
        version.write_text(good, "utf-8")  # fixed: the next rebuild drops the banner
        deadline = time.monotonic() + 90
        while "build-problems" in fetch(f"http://127.0.0.1:{port}/contact/", "</html>"):
            assert time.monotonic() < deadline, "the banner stayed after the fix"
            time.sleep(1)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output
    assert "The site was not built: 1 problem" in output  # and in the terminal


def test_a_file_added_to_the_theme_while_serving_is_served_after_the_next_save(
    tmp_path: Path,
) -> None:
    # The theme's files are listed once per process (site_context.ThemeListing): a file
    # added to overrides/ must not be missed by the preview that is already running.
    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    overrides = project / "overrides"
    overrides.unlink()  # a copy of its own, not the real theme folder
    shutil.copytree(ROOT / "overrides", overrides)
    server, port = start_serve(project)
    try:
        fetch(f"http://127.0.0.1:{port}/contact/", "</html>")
        added = overrides / "assets" / "javascripts" / "added-while-serving.js"
        added.write_text("// added while serving\n", "utf-8")
        contact = project / "docs" / "en" / "contact.md"  # overrides/ is not watched
        contact.write_text(contact.read_text("utf-8") + "\nSaved again.\n", "utf-8")
        fetch(f"http://127.0.0.1:{port}/contact/", "Saved again.")
        script = fetch(
            f"http://127.0.0.1:{port}/assets/javascripts/added-while-serving.js", "added"
        )
        assert "added while serving" in script
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output


BUILDING = re.compile(r"Building '([^']+)' documentation to directory: (\S+)")
REBUILT = "Built {} languages"


def served_files(site: Path) -> dict[str, str]:
    """Each file's digest; a sitemap's of its lines in order (each language's build writes
    the sitemap again, listing the languages in the order they were built)."""
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name.startswith("sitemap.xml"):
            text = gzip.decompress(data) if path.suffix == ".gz" else data
            data = b"\n".join(sorted(text.splitlines()))
        found[path.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def wait_for_log(log: Path, text: str, count: int, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = log.read_text("utf-8")
        if output.count(text) >= count:
            return output
        time.sleep(0.05)
    raise AssertionError(f"{text!r} was not logged {count} times:\n{output[-3000:]}")


def ten_languages(tmp_path: Path, codes: list[str]) -> Path:
    """The ten-language fixture as a project to serve (its contact page is untranslated)."""
    return scratch_project(
        tmp_path,
        LIFECYCLE_FIXTURE,
        FIXTURES / "vendors" / "valid.yml",
        docs=languages_docs(tmp_path),
        languages=codes,
    )


def test_a_save_is_shown_in_each_language_as_soon_as_that_language_is_rebuilt(
    tmp_path: Path,
) -> None:
    """The preview sends the source language's pages once they are rebuilt, builds the
    language of the page read most recently next, and holds a request for any other
    language's page until its language is rebuilt (privacy_site.adapter.serve_rounds): never
    the page from before the save. In the end it has written the same site as a rebuild
    in mkdocs.yml's order."""
    codes = all_languages()
    default, middle, last = codes[0], codes[len(codes) // 2], codes[-1]
    project = ten_languages(tmp_path, codes)
    contact = project / "docs" / default / "contact.md"  # untranslated: every language shows it
    original = contact.read_text("utf-8")
    log = tmp_path / "serve.log"
    server, port = start_serve(project, log)
    base = f"http://127.0.0.1:{port}/"
    done = REBUILT.format(len(codes))
    try:
        output = wait_for_log(log, done, 1)
        site = Path(BUILDING.search(output)[2])
        first_order = [code for code, _ in BUILDING.findall(output)]
        assert first_order == codes  # the first build: mkdocs.yml's order
        written_in_order = served_files(site)
        fetch(f"{base}{last}/contact/", "</html>")  # a reader is on a page in the last language

        contact.write_text(original + "\nSaved once.\n", "utf-8")
        wait_for_log(log, "Detected file changes", 1)
        shown = fetch(f"{base}contact/", "Saved once.")
        assert log.read_text("utf-8").count(done) == 1, "the page waited for every language"
        for code in (last, middle):  # asked for before their language is rebuilt: held
            assert "Saved once." in fetch(f"{base}{code}/contact/", "</html>", timeout=1), code
        output = wait_for_log(log, done, 2)
        rebuilt = [code for code, _ in BUILDING.findall(output)][len(codes) :]
        assert rebuilt[:2] == [default, last] and sorted(rebuilt) == sorted(codes)
        assert "Saved once." in shown

        contact.write_text(original, "utf-8")  # the same site as the first build, again
        wait_for_log(log, done, 3)
        assert served_files(site) == written_in_order
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text("utf-8")
    assert "Traceback" not in output and "ERROR" not in output


def test_after_a_save_every_language_serves_the_new_text_whichever_language_is_read(
    tmp_path: Path,
) -> None:
    """With a reader on each language's page in turn, one save reaches every language once
    the rebuild has ended: a reader of the third language in mkdocs.yml's order left the
    second language's pages as they were before the save (i18n skipped its turn)."""
    codes = all_languages()
    default = codes[0]
    project = ten_languages(tmp_path, codes)
    contact = project / "docs" / default / "contact.md"  # untranslated: every language shows it
    original = contact.read_text("utf-8")
    log = tmp_path / "serve.log"
    server, port = start_serve(project, log)
    base = f"http://127.0.0.1:{port}/"
    done = REBUILT.format(len(codes))
    stale = []
    try:
        wait_for_log(log, done, 1)
        for round_, reader in enumerate(codes[1:], start=1):
            fetch(f"{base}{reader}/contact/", "</html>")  # the reader's language, asked for
            contact.write_text(original + f"\nSaved {round_}.\n", "utf-8")
            wait_for_log(log, done, round_ + 1)
            for code in codes:
                path = "contact/" if code == default else f"{code}/contact/"
                with urllib.request.urlopen(base + path, timeout=30) as response:
                    if f"Saved {round_}." not in response.read().decode("utf-8"):
                        stale.append((reader, code))
    finally:
        contact.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=30)
    assert not stale, f"(language read, language left as before the save): {stale}"
    assert "Traceback" not in log.read_text("utf-8")
