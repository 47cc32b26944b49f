"""Links between pages, checked from the Markdown (``privacy-site check``), so an editor
hears of a broken one before a build: each relative link must reach a page of the site
(in the page's language, or the English page it falls back to), and a link to a section
(``#id``) must name a heading that page has. Every address is also judged by the build's
rule (:mod:`addresses`): a look-alike site name, a backslash or an IP address is an error
here as in the build, an ``http://`` address a warning in both.

The build checks the same links again on the finished pages (MkDocs' validation, strict).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

import markdown

from ..model import addresses
from ..model.problems import Problem
from . import parity
from .docs_tree import DocsTree

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# What Python-Markdown unescapes in a link's address (``\.`` is ``.``), as the page has it.
MARKDOWN_ESCAPE = re.compile(r"\\([" + re.escape("".join(markdown.Markdown().ESCAPED_CHARS)) + "])")


def check(tree: DocsTree, default: str, vendor_ids: set[str]) -> list[Problem]:
    english = tree.pages.get(default, {})
    outlines: dict[str, dict[str, set[str]]] = {}  # language -> path -> heading ids
    problems: list[Problem] = []

    def ids(lang: str, path: str) -> set[str] | None:
        file = tree.pages.get(lang, {}).get(path) or english.get(path)
        if file is None:
            return None
        cached = outlines.setdefault(lang, {})
        if path not in cached:
            parsed = tree.markdown(file)
            found = parity.outline(parsed.body).headings if parsed else []
            cached[path] = {heading.id for heading in found}
        return cached[path]

    generated = {
        f"policies/{path.split('/')[1]}/index.md"
        for path in english
        if path.count("/") == 2 and path.startswith("policies/")
    }
    for lang, pages in sorted(tree.pages.items()):
        for path, file in sorted(pages.items()):
            parsed = tree.markdown(file)
            if parsed is None:
                continue
            for line, target in parity.outline(parsed.body, parsed.body_line).links:
                rendered = _as_rendered(target)
                verdict = addresses.judge(rendered, page_text=True)
                if verdict:  # the build's rule and words for the same address (sanitize)
                    problems.append(_refused(tree.display(file), line, rendered, verdict))
                    continue
                if SCHEME.match(target) or target.startswith("/"):
                    continue  # outside links are checked weekly; absolute ones by the build
                page, _, anchor = target.partition("#")
                page = unquote(page)
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page))
                resolved = path if not page else resolved
                shown = tree.display(file)
                if resolved.startswith("..") or not (
                    resolved in pages or resolved in english or resolved in generated
                ):
                    problems.append(
                        Problem(
                            shown,
                            line,
                            message=f"the link to '{target}' goes to no page of the site; write "
                            "the path of a Markdown page relative to this one, such as "
                            f"{_example(path)}",
                        )
                    )
                    continue
                known = ids(lang, resolved) if resolved not in generated else None
                if resolved.endswith("vendors.md") and known is not None:
                    known = known | vendor_ids
                if anchor and known is not None and anchor not in known:
                    near = ", ".join(sorted(known)[:6]) or "none"
                    problems.append(
                        Problem(
                            shown,
                            line,
                            message=f"the link to '{target}' names the section '#{anchor}', "
                            f"which {resolved} does not have; its sections are: {near}",
                        )
                    )
    return problems


def _as_rendered(target: str) -> str:
    """The address as it stands in the built page (see ``MARKDOWN_ESCAPE``)."""
    return MARKDOWN_ESCAPE.sub(r"\1", target)


def _refused(shown: str, line: int, target: str, verdict: addresses.Verdict) -> Problem:
    what = f"the address {target[:80]!r}"
    if verdict.severity == "warning":
        return Problem(shown, line, message=f"{what}: {verdict.reason}", severity="warning")
    return Problem(shown, line, message=f"{what} cannot be published ({verdict.reason})")


def _example(path: str) -> str:
    up = "../" * path.count("/")
    return f"{up}contact.md or {up}policies/index.md"
