"""`make build` replaces site/ in one step or not at all (``privacy_site.staff.publish``).

Real ``make build`` processes, run in a scratch project with the repository's Makefile
and .venv, on a small MkDocs site (the engine's own theme, a few hundred pages): what is
tested is how a build is published, which does not depend on the content, and a small
site keeps each build near a second, so a test can start, race and kill many. Two builds
at once, builds stopped or killed at moments spread over a build, a failed build, a full
disk and an undeletable site/ must each leave site/ whole: the files, byte for byte, of
the site before or of the site after, and the last line must say which.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from browser import serve
from sitebuild import ROOT

pytestmark = pytest.mark.build

BUILT = "Built: site/ is ready to publish."
NOT_BUILT = "Not built: site/ is unchanged."
PAGES = 200
EPOCH = "1795000000"  # the same day for every build, so two builds are byte-identical


def make_project(folder: Path, text: str = "first") -> Path:
    """A scratch project: the Makefile and .venv of the repository, a small MkDocs site."""
    folder.mkdir(parents=True)
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, folder / name)  # keeps them older than the venv's stamp
    (folder / ".venv").symlink_to(ROOT / ".venv")
    (folder / "mkdocs.yml").write_text(
        "site_name: Publishing test\ntheme:\n  name: mkdocs\nstrict: true\n", encoding="utf-8"
    )
    write_pages(folder, text)
    return folder


def write_pages(project: Path, text: str) -> None:
    docs = project / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir()
    (docs / "index.md").write_text(f"# Home\n\n{text}: [page 1](p1.md)\n", encoding="utf-8")
    for number in range(1, PAGES + 1):
        (docs / f"p{number}.md").write_text(f"# Page {number}\n\n{text} {number}.\n", "utf-8")


def start(project: Path, *args: str, **popen: object) -> subprocess.Popen[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    env.pop("MAKEFLAGS", None)
    return subprocess.Popen(
        ["make", "--no-print-directory", "build", *args],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's command has
        **popen,
    )


def build(project: Path, **popen: object) -> tuple[int, str]:
    process = start(project, **popen)
    output, _ = process.communicate(timeout=300)
    return process.returncode, output


def manifest(site: Path) -> dict[str, str]:
    """Every file of the site and its SHA-256 (the site's root followed if it is a link)."""
    root = site.resolve()
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# make's own line after a failed recipe: "make: ***", or "make[1]: ***" when the test
# itself runs under make (`make test` sets MAKELEVEL)
MAKES_OWN = re.compile(r"^make(\[\d+\])?: ")


def said(output: str) -> list[str]:
    """The build's lines, without make's own (``make: *** [build] Error 1``) after them."""
    return [line for line in output.splitlines() if not MAKES_OWN.match(line)]


def last_line(output: str) -> str:
    lines = said(output)
    return lines[-1] if lines else ""


def leftovers(project: Path) -> list[str]:
    """What is in .site-builds/ besides the lock and the live build."""
    builds = project / ".site-builds"
    live = os.readlink(project / "site") if (project / "site").is_symlink() else ""
    if not builds.is_dir():
        return []
    return sorted(p.name for p in builds.iterdir() if p.name not in ("lock", Path(live).name))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The whole site before (``first``) and after (``second``) the change, built alone."""
    found = {}
    for text in ("first", "second"):
        project = make_project(tmp_path_factory.mktemp(text) / "project", text)
        status, output = build(project)
        assert status == 0, output
        found[text] = manifest(project / "site")
    assert found["first"] != found["second"]
    assert len(found["first"]) > PAGES
    return found


@pytest.fixture
def published(tmp_path: Path, sites: dict[str, dict[str, str]]) -> Path:
    """A project whose site/ is the first site, with its docs changed to the second."""
    project = make_project(tmp_path / "project")
    status, output = build(project)
    assert status == 0, output
    assert manifest(project / "site") == sites["first"]
    write_pages(project, "second")
    return project


# Two at once --------------------------------------------------------------------------


def test_two_builds_at_once_take_turns_and_both_say_so(
    published: Path, sites: dict[str, dict[str, str]]
) -> None:
    first = start(published)
    time.sleep(0.3)
    second = start(published)
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert [last_line(output).startswith(BUILT) for output in outputs] == [True, True], outputs
    waited = [output for output in outputs if "Waiting for the other build" in output]
    assert len(waited) == 1, outputs
    assert "(process " in waited[0]  # which build it waits for
    assert manifest(published / "site") == sites["second"]
    assert leftovers(published) == []


def test_a_second_build_told_not_to_wait_refuses_in_one_line(published: Path) -> None:
    first = start(published)
    time.sleep(0.3)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    second = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "privacy-site"), "build", "--no-wait"],
        cwd=published,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    first.communicate(timeout=300)
    assert second.returncode == 1
    assert "another build of this site is running" in second.stderr
    assert second.stderr.count("\n") == 1, second.stderr
    assert second.stdout.startswith(NOT_BUILT)
    assert first.returncode == 0


# Stopped or killed --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how", "sent"),
    [
        ("Ctrl-C (SIGINT to the group)", signal.SIGINT),
        ("SIGTERM to make", signal.SIGTERM),
        ("SIGKILL to the group", signal.SIGKILL),
    ],
    ids=["ctrl-c", "sigterm", "sigkill"],
)
def test_a_build_stopped_at_any_moment_leaves_a_whole_site(
    published: Path, sites: dict[str, dict[str, str]], how: str, sent: signal.Signals
) -> None:
    began = time.monotonic()
    status, output = build(published)  # how long a build takes here, now
    duration = time.monotonic() - began
    assert status == 0, output
    for fraction in (0.05, 0.2, 0.4, 0.6, 0.75, 0.85, 0.95, 1.1):
        before = manifest(published / "site")
        making = "first" if before == sites["second"] else "second"
        write_pages(published, making)
        process = start(published)
        time.sleep(duration * fraction)
        try:
            if sent == signal.SIGTERM:
                process.send_signal(sent)  # make passes it on to the build
            else:
                os.killpg(process.pid, sent)
        except ProcessLookupError:
            pass  # it had ended
        output, _ = process.communicate(timeout=300)
        if sent == signal.SIGKILL:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # anything it left running
        after = manifest(published / "site")
        said = last_line(output)
        where = (how, fraction, output)
        assert after in (before, sites[making]), where  # whole: the old or the new
        if said.startswith(BUILT):
            assert after == sites[making], where
        elif sent != signal.SIGKILL:  # a SIGKILL just after the switch leaves no last word
            assert after == before, where
        if sent != signal.SIGKILL and "Building documentation" in output:
            # Stopped once the build had begun: it says which, and leaves nothing behind.
            # (Stopped sooner, while Python starts, it had done nothing to say.)
            assert said.startswith((NOT_BUILT, BUILT)), where
            assert leftovers(published) == [], where
    status, output = build(published)  # whatever a killed build left is cleared
    assert status == 0 and last_line(output).startswith(BUILT), output
    assert leftovers(published) == []


# Failed -------------------------------------------------------------------------------


def test_a_failed_build_leaves_the_previous_site_untouched(
    published: Path, sites: dict[str, dict[str, str]]
) -> None:
    (published / "docs" / "p2.md").write_text("# Page 2\n\n[broken](nowhere.md)\n", "utf-8")
    status, output = build(published)
    assert status != 0
    assert "nowhere.md" in output
    assert last_line(output).startswith(f"{NOT_BUILT} Fix the problems listed above")
    assert manifest(published / "site") == sites["first"]
    assert leftovers(published) == []


def test_a_full_disk_is_one_located_line_and_the_site_is_untouched(
    published: Path, sites: dict[str, dict[str, str]]
) -> None:
    """A write that fails (RLIMIT_FSIZE with SIGXFSZ ignored: EFBIG, as ENOSPC on a full
    disk) in the middle of the build: one line naming the file, then Not built."""

    def small_files_only() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    status, output = build(published, preexec_fn=small_files_only)
    assert status != 0
    assert "Traceback" not in output, output
    lines = said(output)
    assert lines[-1] == f"{NOT_BUILT} Fix the problem above, then run make build again."
    assert lines[-2].startswith(".site-builds/build-"), output
    assert ": could not be written or read (File too large); free some space" in lines[-2]
    assert manifest(published / "site") == sites["first"]
    assert leftovers(published) == []


def test_a_site_folder_that_cannot_be_replaced_is_left_whole(
    tmp_path: Path, sites: dict[str, dict[str, str]]
) -> None:
    """A real site/ folder (from a build before links) marked immutable (chattr +i)."""
    project = make_project(tmp_path / "project")
    status, output = build(project)
    assert status == 0, output
    if (project / "site").is_symlink():  # as a build before links left it: a real folder
        shutil.copytree(project / "site", tmp_path / "real")
        (project / "site").unlink()
        (tmp_path / "real").rename(project / "site")
    if subprocess.run(["chattr", "+i", project / "site"], capture_output=True).returncode:
        pytest.skip("chattr +i is not allowed here (needs root and a file system with it)")
    try:
        write_pages(project, "second")
        status, output = build(project)
        assert status != 0
        assert manifest(project / "site") == sites["first"]  # not half emptied
        assert not (project / "site").is_symlink()
        assert "Traceback" not in output
        lines = said(output)
        assert lines[-2].startswith("site: could not be written or read (Operation not permitted")
        assert lines[-1].startswith(NOT_BUILT)
    finally:
        subprocess.run(["chattr", "-i", project / "site"], check=True)
    status, output = build(project)  # once it can be, the folder becomes the link
    assert status == 0, output
    assert (project / "site").is_symlink()
    assert manifest(project / "site") == sites["second"]
    assert leftovers(project) == []


# Read as before -----------------------------------------------------------------------


def test_what_reads_site_reads_the_live_build(
    published: Path, sites: dict[str, dict[str, str]]
) -> None:
    """The Pages upload's own tar command (actions/upload-pages-artifact) and the test
    server that `make links` crawls both see the files of the live build."""
    listing = subprocess.run(
        ["tar", "--dereference", "--hard-dereference", "--directory", "site", "-cvf", "-", "."],
        cwd=published,
        capture_output=True,
        check=True,
    )
    table = subprocess.run(
        ["tar", "-tvf", "-"], input=listing.stdout, capture_output=True, check=True
    ).stdout.decode()
    files = {line.split()[-1].removeprefix("./") for line in table.splitlines() if line[0] == "-"}
    assert files == set(sites["first"])
    assert not [line for line in table.splitlines() if line[0] not in "-d"]  # no links
    with serve(published / "site") as base:
        page = urllib.request.urlopen(f"{base}p7/", timeout=10).read().decode()
    assert "first 7." in page
