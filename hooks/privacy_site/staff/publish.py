"""Building the site into ``site/`` so that ``site/`` is always a whole site: the one
before the build or the one it made, never a mix, never half of one (``make build``).

How, and why this way:

- One build at a time: an exclusive ``flock`` on ``.site-builds/lock``. A second build
  says in one line that it waits, and waits (``--no-wait``: it refuses in one line). The
  lock is handed to the engine's process too, so an engine left running by a killed
  build still holds it, and nothing removes the folder it writes.
- Each build writes into a fresh folder, ``.site-builds/build-<time>-<random>/``.
  Nothing in ``site/`` is touched while the engine runs: a failed, stopped (Ctrl-C,
  SIGTERM) or killed build changes nothing that is published.
- ``site`` is a symbolic link to the build that is live, and is switched by writing the
  new link beside it and renaming it over the old one (``os.replace``: rename(2), one
  atomic step on every POSIX file system). A reader sees the old site or the new one.
  The alternative, exchanging two real folders with renameat2(RENAME_EXCHANGE), needs
  Linux and a file system that supports it; a link works wherever the site is built.
  What reads ``site/`` follows the link: the GitHub Pages upload (``tar --dereference
  --directory site``), ``tests/support/linkcheck.py`` and ``make links``, ``cp -r site/ ...``.
  A copy made without the trailing slash by a tool that keeps links (``rsync -a site
  host:``) copies the link itself: give such a tool ``site/``.
- A ``site/`` that is still a real folder (built before this module) becomes a link
  once: exchanged with the new link in one step where renameat2 exists, else moved
  aside and replaced (two renames, microseconds apart).
- After the switch, every other folder in ``.site-builds/`` is removed: earlier builds
  and whatever a killed build left. The live build is never touched.
- The engine (``mkdocs build``) runs in its own process, through :func:`engine`, which
  turns an ``OSError`` (a full disk, a folder that cannot be written) into one line that
  names the file instead of a traceback.

The last line says what happened: ``Built: site/ is ready to publish.`` only once the
new build is live, else ``Not built: site/ is unchanged.`` and why.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import io
import os
import runpy
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType, TracebackType

from ..reading import files

LIVE = "site"
BUILDS = ".site-builds"
LOCK = "lock"
BUILT = (
    "Built: site/ is ready to publish. Lines marked WARNING above are reminders; "
    "they do not stop the build."
)
NOT_BUILT = "Not built: site/ is unchanged."
FIX_ABOVE = (
    f"{NOT_BUILT} Fix the problems listed above (each names its file and line), "
    "then run make build again."
)
WRITE_FAILED = 74  # the engine's exit status when a file could not be written (EX_IOERR)
STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(Exception):
    """The build was asked to stop (Ctrl-C, SIGTERM, the terminal closed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Failed(Exception):
    """Something outside the content went wrong: one line naming the file."""


def build(root: Path, engine_args: list[str], env: dict[str, str], *, wait: bool = True) -> int:
    """Build the site of the project at ``root`` into ``root/site`` in one switch, running
    the engine with ``engine_args`` (plus ``--site-dir``); the exit status of make build."""
    previous = {signum: signal.signal(signum, _stop) for signum in STOPPING}
    target: Path | None = None
    lock: int | None = None
    try:
        builds = root / BUILDS
        lock = _lock(builds, wait)
        _check_live(root)
        _remove_stale(root, keep=None)
        target = _fresh_folder(builds)
        status = _run_engine(engine_args, root, target, env, lock)
        if status != 0:
            print(
                f"{NOT_BUILT} Fix the problem above, then run make build again."
                if status == WRITE_FAILED
                else FIX_ABOVE,
                flush=True,
            )
            return 1
        if not (target / "index.html").is_file():
            raise Failed(
                f"{_shown(root, target)}: the engine made no index.html; nothing was published"
            )
        for signum in STOPPING:  # the switch and what follows are not cut short
            signal.signal(signum, signal.SIG_IGN)
        _switch(root, target)  # from here on, the new site is live
        live, target = target, None  # never removed below
        with contextlib.suppress(OSError):  # what is left only takes space
            _remove_stale(root, keep=live.name)
        print(BUILT, flush=True)
        return 0
    except Stopped as stop:
        print(f"{NOT_BUILT} The build was stopped ({stop}).", flush=True)
        return 128 + stop.signum
    except Failed as failure:
        print(failure, file=sys.stderr, flush=True)
        print(f"{NOT_BUILT} Fix the problem above, then run make build again.", flush=True)
        return 1
    except OSError as exc:
        print(_located(exc, root), file=sys.stderr, flush=True)
        print(f"{NOT_BUILT} Fix the problem above, then run make build again.", flush=True)
        return 1
    finally:
        for signum in STOPPING:  # the clean-up is not cut short
            signal.signal(signum, signal.SIG_IGN)
        if target is not None:
            shutil.rmtree(target, ignore_errors=True)
        if lock is not None:
            os.close(lock)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# Helper functions -------------------------------------------------------------------


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def _lock(builds: Path, wait: bool) -> int:
    """The lock file's descriptor, held (exclusively) until this process and the engine
    end; a second build waits for it, saying so, or refuses."""
    builds.mkdir(exist_ok=True)
    # O_NOFOLLOW: the pid written below never lands in a file a link points at
    descriptor = os.open(builds / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        other = _holder(descriptor)
        if not wait:
            raise Failed(
                f"{BUILDS}/{LOCK}: another build of this site is running{other}; wait for "
                "it to end (or leave out --no-wait to wait)"
            ) from None
        print(f"Waiting for the other build of this site to end{other}...", flush=True)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
    return descriptor


def _holder(descriptor: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        return f" (process {int(os.pread(descriptor, 32, 0).decode().strip())})"
    return ""


def _fresh_folder(builds: Path) -> Path:
    """A new, empty build folder, readable as the user's umask allows (mkdtemp's would be
    private to its owner, which a web server serving site/ could not read)."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    while True:
        folder = builds / f"build-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
        with contextlib.suppress(FileExistsError):
            folder.mkdir(0o777)
            return folder


def _check_live(root: Path) -> None:
    live = root / LIVE
    if live.is_symlink() or not live.exists() or live.is_dir():
        return
    raise Failed(f"{LIVE}: is a file, not the built site; move it away, then run make build again")


def _run_engine(args: list[str], root: Path, target: Path, env: dict[str, str], lock: int) -> int:
    command = [sys.executable, "-m", __spec__.name, *args, "--site-dir", str(target)]
    process = subprocess.Popen(command, cwd=root, env=env, pass_fds=(lock,))
    try:
        return process.wait()
    except Stopped:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise


def _switch(root: Path, target: Path) -> None:
    """Make ``site`` point at ``target`` in one step (see the module's docstring)."""
    live = root / LIVE
    link = target.parent / f"link-{target.name}"
    os.symlink(f"{BUILDS}/{target.name}", link)  # read from root/, where it will stand
    try:
        if live.is_dir() and not live.is_symlink():  # a real folder, from before links
            aside = target.parent / f"old-{target.name}"
            if _exchange(link, live):
                os.rename(link, aside)  # the old folder, now named like the link was
            else:
                os.rename(live, aside)
                os.replace(link, live)
        else:
            os.replace(link, live)
    finally:
        with contextlib.suppress(FileNotFoundError):
            if link.is_symlink():
                link.unlink()
    files.sync_folder(root)


def _exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): the two names swapped in one step; False where the
    system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove_stale(root: Path, keep: str | None) -> None:
    """Every build folder but the live one (and ``keep``), and any half-made link."""
    builds = root / BUILDS
    live = root / LIVE
    kept = {LOCK}
    for name in (keep, os.readlink(live) if live.is_symlink() else None):
        if name:
            kept.add(Path(name).name)
    for entry in builds.iterdir():
        if entry.name in kept:
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:  # only disk space is lost; the next build tries again
            print(
                f"WARNING -  {BUILDS}/{entry.name}: an earlier build could not be removed "
                f"({exc.strerror}); it only takes space: remove it once it can be",
                flush=True,
            )


def _shown(root: Path, path: Path | str) -> str:
    with contextlib.suppress(ValueError):
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    return str(path)


def _located(exc: OSError, root: Path, tb: TracebackType | None = None) -> str:
    """One line for a failed read or write: the file (from the error, or the file being
    written where it was raised), what happened, what to do."""
    where = (  # a copy names its destination second
        exc.filename2 or exc.filename or _file_written(tb or exc.__traceback__) or BUILDS
    )
    reason = exc.strerror or type(exc).__name__
    return (
        f"{_shown(root, where)}: could not be written or read ({reason}); free some space "
        "on the disk, or fix the folder's permissions, then run make build again"
    )


def _file_written(tb: TracebackType | None) -> str | None:
    """The name of the innermost open file being written where ``tb`` ends: a write to an
    open file fails without naming it."""
    found = None
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            if isinstance(value, io.IOBase) and not value.closed and value.writable():
                name = getattr(value, "name", None)
                if isinstance(name, str):
                    found = name
        tb = tb.tb_next
    return found


# The engine's process ---------------------------------------------------------------


def engine(argv: list[str]) -> int:
    """Run ``mkdocs <argv>`` as its own command does; an ``OSError`` is one line that
    names the file (exit status :data:`WRITE_FAILED`), not a traceback."""
    sys.argv = ["mkdocs", *argv]
    try:
        runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except OSError as exc:
        print(_located(exc, Path.cwd(), exc.__traceback__), file=sys.stderr, flush=True)
        return WRITE_FAILED
    return 0


if __name__ == "__main__":
    sys.exit(engine(sys.argv[1:]))
