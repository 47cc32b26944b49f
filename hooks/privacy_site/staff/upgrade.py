"""Take the engine's improvements from upstream without merging anything by hand.

A district's repository holds two kinds of file that never share a file:

- **the district's own**: :data:`DISTRICT` (its settings in ``mkdocs.yml``, its pages in
  ``docs/``, its registry ``vendors.yml``, its record ``posted.lock``, and its own source
  documents under ``tests/seeds/``); staff edit these and an upgrade never touches them;
- **the engine's**: everything else (``hooks/`` with the engine's MkDocs settings
  ``hooks/engine.yml``, ``overrides/``, ``tests/``, the ``Makefile``, the locks, the
  workflows, the README). A district does not edit these; an upgrade replaces them with
  upstream's, adding and removing files as upstream did.

So ``privacy-site upgrade <repository> [<branch>]`` is one ``git fetch`` and one
``git restore`` of the engine's paths from what was fetched, then one commit. Nothing is
merged, so nothing can conflict.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# The district's own paths, relative to the project's folder. Everything else is the engine's.
DISTRICT = ("mkdocs.yml", "docs", "vendors.yml", "posted.lock", "tests/seeds")


class UpgradeError(Exception):
    """One line for staff: what stopped the upgrade, and what to do."""


def upgrade(root: Path, repository: str, branch: str = "main") -> str:
    """Replace the engine's files in ``root`` with those of ``branch`` of ``repository``;
    commit; return what changed, in one paragraph."""
    _git(root, "rev-parse", "--show-toplevel", why="is not a git repository")
    if _git(root, "status", "--porcelain", "--untracked-files=no").strip():
        raise UpgradeError(
            "the project has uncommitted changes: commit them (or 'git stash') first, so "
            "the upgrade is one commit of its own"
        )
    _git(
        root, "fetch", "--quiet", repository, branch, why=f"cannot fetch {branch} from {repository}"
    )
    upstream = _git(root, "rev-parse", "FETCH_HEAD").strip()
    keep = [f":(exclude){path}" for path in DISTRICT]
    _git(root, "restore", f"--source={upstream}", "--staged", "--worktree", "--", ".", *keep)
    _git(root, "add", "--all", "--", ".", *keep)
    changed = _git(root, "diff", "--cached", "--name-status").splitlines()
    if not changed:
        return f"The engine is already the same as {repository} {branch} ({upstream[:12]})."
    message = f"Engine from {repository} {branch} ({upstream[:12]})"
    _git(root, "commit", "--quiet", "--no-verify", "-m", message, why="cannot commit the upgrade")
    kinds = [line.split("\t", 1)[0][:1] for line in changed]
    words = (("M", "changed"), ("A", "added"), ("D", "removed"))
    counts = ", ".join(f"{kinds.count(k)} {word}" for k, word in words if kinds.count(k))
    return (
        f"Engine taken from {repository} {branch} ({upstream[:12]}) and committed: {counts}."
        f" Your own files ({', '.join(DISTRICT)}) are as they were."
        " Next: make build, then make test; then push."
    )


def _git(root: Path, *args: str, why: str | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise UpgradeError(f"{why or 'git ' + args[0] + ' failed'} ({detail})")
    return result.stdout
