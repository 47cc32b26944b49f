"""What rendered page text may contain: the allowlist legal text needs, and nothing live.

Staff write Markdown, which may hold raw HTML. After MkDocs renders a page, :func:`check`
lists every element, attribute or address outside the allowlist, so the build can fail
and say where, and :func:`clean` (the ``nh3`` sanitizer, with the same allowlist) makes
sure that nothing outside it is ever written, whatever a check might miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import nh3

from ..model import addresses
from ..model.problems import Problem

TAGS = frozenset(
    {
        # structure and headings
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote",
        "details", "summary", "section",
        # lists and tables
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
        # inline
        "a", "strong", "em", "b", "i", "u", "s", "code", "pre", "kbd", "abbr", "sup", "sub",
        "mark", "small", "del", "ins", "cite", "q", "time", "img",
    }
)  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
}
# The only inline style Markdown writes: a table column's alignment (``|:--|``). The page's
# Content-Security-Policy allows exactly these values by hash (see ``csp``).
TABLE_ALIGN = re.compile(r"^text-align: (left|right|center);?$")
# Classes that would dress text up as the site's own interface (a fake change notice).
RESERVED_CLASS = re.compile(r"^(md-|change-|policy-|redline|vendor-|date-switch|visually-hidden)")
# http:// is kept (adopted legal text cites such addresses) with a warning; see addresses.
MARKDOWN_SCHEMES = ("https", "http", "mailto")


@dataclass(frozen=True)
class Finding:
    """One thing outside the allowlist: what it is, and text to look for in the source."""

    what: str
    needle: str
    reason: str = ""
    severity: str = "error"  # "warning": published as written, with a reminder

    def __str__(self) -> str:
        if self.severity == "warning":
            return f"{self.what}: {self.reason}"
        return f"{self.what} cannot be published" + (f" ({self.reason})" if self.reason else "")


def check(html: str) -> list[Finding]:
    """Everything in ``html`` that :func:`clean` would remove or change, each once."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found: dict[str, Finding] = {}

    def add(what: str, needle: str, reason: str = "", severity: str = "error") -> None:
        found.setdefault(what, Finding(what, needle, reason, severity))

    for element in root.iter():
        if not isinstance(element.tag, str):
            if isinstance(element, lxml.html.HtmlComment):
                continue  # comments are dropped silently, as staff notes
            continue
        if element is root:
            continue
        tag = element.tag.lower()
        if tag not in TAGS:
            add(f"the <{tag}> element", f"<{tag}")
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in element.attrib.items():
            name = name.lower()
            if name not in allowed:
                add(f"the {name} attribute on <{tag}>", name)
            elif name == "style" and not TABLE_ALIGN.match(value.strip()):
                add(f"the style attribute on <{tag}>", "style")
            elif name == "class":
                for word in value.split():
                    if RESERVED_CLASS.match(word):
                        add(f"the class {word!r}, which belongs to the site's own layout", word)
            elif name in ("href", "src"):
                verdict = address_verdict(value, image=name == "src")
                if verdict:
                    what = f"the address {value[:80]!r}"
                    add(what, value[:40] or name, verdict.reason, verdict.severity)
    return list(found.values())


ALLOWED = (
    "; page text may use headings, paragraphs, lists, tables, links (https:// or mailto:), "
    "emphasis, abbreviations, footnotes and details blocks: remove it or write it in Markdown"
)


def problems(display: str, html: str, source: str | None) -> list[Problem]:
    """Each finding of :func:`check` as the problem staff get, at the line of ``source``
    (the Markdown file, front matter included) where it is written; an ``http://`` link is
    a warning (published as written)."""
    return [
        Problem(
            display,
            locate(source, finding.needle) if source else None,
            message=f"{finding}" + ("" if finding.reason else ALLOWED),
            severity=finding.severity,
        )
        for finding in check(html)
    ]


def address_verdict(value: str, image: bool = False) -> addresses.Verdict | None:
    """What is wrong with a link or image address (:mod:`addresses`), or ``None``."""
    verdict = addresses.judge(value, page_text=True)
    outside = addresses.SCHEME.match(value.strip())
    if image and outside and (verdict is None or verdict.severity == "warning"):
        return addresses.Verdict("images must be files in docs/")
    return verdict


def address_problem(value: str, image: bool = False) -> str | None:
    """Why a link or image address may not be published, or ``None`` (a warning allows it)."""
    verdict = address_verdict(value, image)
    return verdict.reason if verdict and verdict.severity == "error" else None


# Comments the templates look for in a page's HTML (the vendors page places its registry
# where its Markdown says): kept, every other comment is dropped.
MARKERS = ("<!-- vendor-list -->",)


def clean(html: str) -> str:
    """``html`` with everything outside the allowlist removed (never adds anything)."""
    for marker in MARKERS:
        if marker in html:
            return marker.join(clean(part) for part in html.split(marker))
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(MARKDOWN_SCHEMES),
        link_rel=None,
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "style":
        return value if TABLE_ALIGN.match(value.strip()) else None
    if name == "class":
        kept = [word for word in value.split() if not RESERVED_CLASS.match(word)]
        return " ".join(kept) or None
    if name in ("href", "src") and address_problem(value, image=name == "src"):
        return None
    return value


def locate(source: str, needle: str) -> int | None:
    """The 1-based line of ``source`` where ``needle`` first appears (any letter case), as
    rendered or as written in Markdown (where a backslash is written twice)."""
    for written in dict.fromkeys((needle, needle.replace("\\", "\\\\"))):
        index = source.lower().find(written.lower())
        if index >= 0:
            return source.count("\n", 0, index) + 1
    return None
