"""The SHA-256 of every committed version of a file, from git, for telling an old
``source_sha256`` (a stale translation) from one that never matched (a mistake).

Asked only when a translation's ``source_sha256`` is not the English file as it is now,
so a site whose translations are current never runs git. One ``git log`` and one
``git cat-file --batch`` per file, cached per file and commit checked out. ``None`` means
"cannot tell": not a git checkout, a shallow clone (the publishing job checks out one
commit), no git, or a file never committed.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

TIMEOUT = 60  # seconds; a repository that slow is treated as "cannot tell"


class History:
    def __init__(self) -> None:
        self._digests: dict[tuple[Path, str], frozenset[str] | None] = {}
        self._roots: dict[Path, tuple[Path, str] | None] = {}
        self.runs = 0  # git commands run, for tests and measurements

    def digests(self, path: Path) -> frozenset[str] | None:
        """SHA-256 of the bytes of each version of ``path`` ever committed, or ``None``."""
        path = path.resolve()
        found = self._checkout(path.parent)
        if found is None:
            return None
        root, head = found
        key = (path, head)
        if key not in self._digests:
            self._digests[key] = self._read(root, path.relative_to(root).as_posix())
        return self._digests[key]

    def _checkout(self, folder: Path) -> tuple[Path, str] | None:
        """The top of the work tree and its commit, if ``folder`` is in a full clone."""
        if folder not in self._roots:
            output = self._git(
                folder, "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD"
            )
            lines = output.decode("utf-8", "replace").splitlines() if output else []
            if len(lines) == 3 and lines[1] == "false":
                self._roots[folder] = (Path(lines[0]).resolve(), lines[2])
            else:
                self._roots[folder] = None
        return self._roots[folder]

    def _read(self, root: Path, relative: str) -> frozenset[str] | None:
        log = self._git(root, "log", "--format=%H", "--", relative)
        commits = log.decode().split() if log else []
        if not commits:
            return None
        batch = "".join(f"{commit}:{relative}\n" for commit in commits).encode()
        output = self._git(root, "cat-file", "--batch", stdin=batch)
        if output is None:
            return None
        digests = set()
        position = 0
        while position < len(output):
            end = output.index(b"\n", position)
            header = output[position:end].split()
            position = end + 1
            if len(header) != 3:  # "<name> missing": the file was deleted in that commit
                continue
            size = int(header[2])
            digests.add(hashlib.sha256(output[position : position + size]).hexdigest())
            position += size + 1
        return frozenset(digests)

    def _git(self, cwd: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
        self.runs += 1
        try:
            result = subprocess.run(
                ["git", *args],
                cwd=cwd,
                input=stdin,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None
