"""Writing a file whole or not at all: the one way the tools write what staff keep.

A file is never rewritten in place: the text goes to a temporary file beside it (same
folder, so the same file system), which is flushed to the disk and then renamed over the
target in one step (``os.replace``). A full disk, a missing permission or a kill at any
moment leaves the target as it was, byte for byte, and no temporary file behind; the
failure is one line (:class:`WriteFailed`) that names the file and what to do.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class WriteFailed(Exception):
    """A file could not be written; the message is one line and the target is unchanged."""


def write_text(path: Path, text: str, *, replace: bool = True, shown: str | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole, or leave ``path`` as it was.

    ``replace=False`` creates a new file and never overwrites one that appeared meanwhile
    (a hard link, which fails when the name is taken). A symlink at ``path`` is replaced
    by the file, never written through."""
    name = shown or path.as_posix()
    data = text.encode("utf-8")
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # keep the mode a file already has
            mode = path.lstat().st_mode
            if path.is_file() and not path.is_symlink():
                os.chmod(temporary, mode & 0o7777)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
            os.unlink(temporary)
        temporary = None
        sync_folder(path.parent)
    except FileExistsError:
        raise WriteFailed(f"{name}: already exists; nothing was written") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise WriteFailed(
            f"{name}: could not be written ({reason}); it is unchanged. Free some space on "
            "the disk (or fix the folder's permissions), then run the command again"
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def sync_folder(folder: Path) -> None:
    """The rename itself on the disk, so a power cut cannot undo it (best effort)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
