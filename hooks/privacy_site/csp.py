"""A Content-Security-Policy for each built page, so the browser itself refuses anything
from another host and any script the build did not write.

Delivered as ``<meta http-equiv>`` because the site is static files on any host. The
policy is computed from the finished page: every inline script the theme writes is
allowed by its SHA-256 (Material writes a few, and one differs with the page's depth), and
nothing else inline runs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import lxml.html

from .sanitize import TABLE_ALIGN

EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def policy(html: str, root: Any = None) -> str:
    """The policy for one page (``root``: ``html`` already parsed by lxml, if it is)."""
    root = lxml.html.document_fromstring(html) if root is None else root
    scripts = sorted(
        {
            _hash(script.text or "")
            for script in root.iter("script")
            if script.get("src") is None and (script.get("type") or "").lower() in EXECUTABLE
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


def with_policy(html: str, root: Any = None) -> str:
    """``html`` with its policy as the first thing after ``<meta charset>`` in the head, so
    it governs every element after it (``root``: ``html`` already parsed, if it is)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, root)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + "\n    " + tag + html[anchor.end() :]


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
