"""Translated pages: how each was made, and whether its English has changed since.

A translated file records the English file it was made from as ``source_sha256``, the
SHA-256 of the English file's bytes (``sha256sum docs/en/index.md``). When the English
changes, the translation says it may be out of date and the build lists it as a warning.
Policy versions never change once posted; their translations are checked like any page.

A ``source_sha256`` that is not the English file as it is now is looked up in the English
file's git history (``git_history``): a version that was committed makes the translation
stale (a warning); one that matches no committed version is an error (a mistyped or
copied value would otherwise label a current translation out of date and turn off the
checks below). Outside a full git checkout the site cannot tell, and warns.

A translation made from the English as it is now must also match its structure (see
``parity``): a mismatch is an error naming both files and lines. A stale translation is
not held to it: the English moved on, and the page already says so.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..model.policies import TRANSLATION_KINDS
from ..model.problems import Problem
from ..model.translations import Translation
from . import parity
from .docs_tree import DocsTree
from .git_history import History

SHA256 = re.compile(r"^[0-9a-f]{64}$")
HISTORY = History()  # one per process: each English file's history is read once


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_translations(
    tree: DocsTree, default: str, history: History = HISTORY
) -> tuple[dict[tuple[str, str], Translation], list[Problem]]:
    """Every translated Markdown file, checked against the English file it translates."""
    english = tree.pages.get(default, {})
    digests: dict[Path, str] = {}  # each English file hashed once, however many languages
    outlines: dict[Path, parity.Outline | None] = {}
    found: dict[tuple[str, str], Translation] = {}
    problems: list[Problem] = []
    for lang, pages in sorted(tree.pages.items()):
        if lang == default:
            continue
        for path, file in sorted(pages.items()):
            source = english.get(path)
            parsed = tree.markdown(file)
            if parsed is None:
                continue
            shown = tree.display(file)
            is_policy = path.startswith("policies/") and path != "policies/index.md"
            if source is None:
                if not is_policy:  # policy versions are matched, and reported, with policies
                    problems.append(
                        Problem(
                            shown,
                            message=f"there is no English page docs/{default}/{path} for this "
                            "translation: name it after the English file it translates, or "
                            "remove it",
                        )
                    )
                continue
            fields = parsed.fields
            kind = fields.get("translation")
            if kind not in TRANSLATION_KINDS:
                if not is_policy:  # a policy version's translation says so with its own check
                    problems.append(
                        Problem(
                            shown,
                            parsed.line_of("translation") or 1,
                            message=f"translation: {'missing' if kind is None else repr(kind)}; "
                            "say how it was translated: 'translation: machine' or "
                            "'translation: reviewed'",
                        )
                    )
                kind = "machine"
            recorded = fields.get("source_sha256")
            if source not in digests:
                digests[source] = digest(source)
            current = digests[source]
            stale = False
            if recorded is None:
                problems.append(
                    Problem(
                        shown,
                        1,
                        message="no record of the English file this translates, so the site "
                        "cannot tell when the English changes: add the line "
                        f"'source_sha256: {current}' to the front matter (if this translation "
                        f"matches docs/{default}/{path} as it is now)",
                        severity="warning",
                    )
                )
            elif not (isinstance(recorded, str) and SHA256.match(recorded.strip().lower())):
                problems.append(
                    Problem(
                        shown,
                        parsed.line_of("source_sha256"),
                        message=f"source_sha256: {recorded!r} is not a SHA-256 (64 hexadecimal "
                        f"characters); for docs/{default}/{path} as it is now, write "
                        f"'source_sha256: {current}'",
                    )
                )
            elif recorded.strip().lower() != current:
                committed = history.digests(source)
                if committed is not None and recorded.strip().lower() not in committed:
                    problems.append(
                        Problem(
                            shown,
                            parsed.line_of("source_sha256"),
                            message=f"source_sha256: '{recorded.strip()}' is no version of "
                            f"docs/{default}/{path} ever committed, so the site cannot tell "
                            "whether this translation is current; if it translates the English "
                            "as it is now, write "
                            f"'source_sha256: {current}'",
                        )
                    )
                else:
                    stale = True
                    problems.append(
                        Problem(
                            shown,
                            parsed.line_of("source_sha256"),
                            message=f"the English docs/{default}/{path} has changed since this "
                            "translation was made: the page says it may be out of date until "
                            "the translation is updated and source_sha256 set to "
                            f"'{current}'",
                            severity="warning",
                        )
                    )
            if source not in outlines:
                english_parsed = tree.markdown(source)
                outlines[source] = (
                    parity.outline(english_parsed.body, english_parsed.body_line)
                    if english_parsed is not None
                    else None
                )
            body = bool(parsed.body.strip()) or not is_policy
            if not stale and body and outlines[source] is not None:
                problems += parity.compare(
                    outlines[source],
                    tree.display(source),
                    parity.outline(parsed.body, parsed.body_line),
                    shown,
                )
            found[(lang, path)] = Translation(lang, path, kind, stale, body)
    return found, problems
