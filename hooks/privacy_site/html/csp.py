"""A Content-Security-Policy for each built page, so the browser itself refuses anything
from another host and any script the build did not write.

Delivered as ``<meta http-equiv>`` because the site is static files on any host. Every
inline script the theme writes is allowed by its SHA-256 (Material writes a few, and one
differs with the page's depth), and nothing else inline runs.

Which scripts are the theme's is known from the templates, not from the finished page:
:func:`theme_scripts` reads each ``<script>`` the templates hold, and a script on a page
is hashed only when it has one of those shapes exactly, each template expression filled by
a plain path (``__md_scope=new URL("../..",location)``). Any other inline script (text a
setting or a page smuggled into the HTML) is not hashed, so browsers refuse to run it;
:func:`unexpected_scripts` names it so that the build fails, and :func:`without` takes it
out of the page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import lxml.html

from .sanitize import TABLE_ALIGN

EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


# In a template's script: an expression, a statement or a comment of Jinja.
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# What an expression may print inside a known script: a path or URL of plain characters,
# nothing that can end the JavaScript string it stands in.
PLAIN_VALUE = r"[A-Za-z0-9._~/:-]*"


def theme_scripts(template_dirs: Iterable[Path | str]) -> tuple[re.Pattern[str], ...]:
    """The shape of every inline script the templates in ``template_dirs`` can write."""
    shapes: set[str] = set()
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for body in TEMPLATE_SCRIPT.findall(text):
                if "{%" in body or "{#" in body:
                    continue  # a script built by template logic is nobody's known shape
                shapes.add(PLAIN_VALUE.join(re.escape(part) for part in JINJA.split(body)))
    return tuple(re.compile(shape) for shape in sorted(shapes))


def inline_scripts(root: Any) -> list[Any]:
    """The page's inline scripts that a browser runs."""
    return [
        script
        for script in root.iter("script")
        if script.get("src") is None and (script.get("type") or "").lower() in EXECUTABLE
    ]


def unexpected_scripts(root: Any, known: Sequence[re.Pattern[str]]) -> list[str]:
    """The text of each inline script on the page that is none of the ``known`` shapes."""
    found = [script.text or "" for script in inline_scripts(root)]
    return [text for text in found if not any(shape.fullmatch(text) for shape in known)]


def without(html: str, scripts: Iterable[str]) -> str:
    """``html`` without the inline scripts whose text is one of ``scripts``."""
    for text in scripts:
        html = re.sub(rf"<script\b[^>]*>{re.escape(text)}</script>", "", html, flags=re.I)
    return html


def policy(html: str, root: Any = None, known: Sequence[re.Pattern[str]] = ()) -> str:
    """The policy for one page (``root``: ``html`` already parsed by lxml, if it is): the
    inline scripts of a ``known`` shape are allowed, by hash, and no other."""
    root = lxml.html.document_fromstring(html) if root is None else root
    scripts = sorted(
        {
            _hash(script.text or "")
            for script in inline_scripts(root)
            if any(shape.fullmatch(script.text or "") for shape in known)
        }
    )
    styles = sorted({_hash(v) for v in root.xpath("//@style") if TABLE_ALIGN.match(str(v).strip())})
    script_src = " ".join(["'self'", *scripts])
    # Material's stylesheet and ours are files; the only inline styles are a Markdown
    # table's column alignment, allowed value by value.
    style_src = " ".join(["'self'", *(["'unsafe-hashes'", *styles] if styles else [])])
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        f"style-src {style_src}",
        # data: for the icons inside Material's own stylesheet (CSS mask images), which
        # come from the site's own file, never from another host.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "media-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(html: str, root: Any = None, known: Sequence[re.Pattern[str]] = ()) -> str:
    """``html`` with its policy as the first thing after ``<meta charset>`` in the head, so
    it governs every element after it (``root``: ``html`` already parsed, if it is)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, root, known)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + "\n    " + tag + html[anchor.end() :]


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
