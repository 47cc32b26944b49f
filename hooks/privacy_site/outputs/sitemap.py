"""The site's sitemap: every page a reader can reach, in every language, with its alternates.

mkdocs-static-i18n's sitemap lists only the pages it placed from ``docs/``: the pages the
site adds itself (each policy's main page, the redlines, the list of all pages) were
missing, so the most important page of each policy had no ``hreflang`` alternate anywhere.
The sitemap is therefore written from what was published: the pages of the finished site
(:func:`pages`), less those that ask search engines not to index them.

Every language has the same paths (``/es/<path>`` for ``/<path>``), so the alternates of a
page are the same path in each language that has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NOINDEX = re.compile(rb"<meta\s+name=\"robots\"\s+content=\"[^\"]*noindex", re.IGNORECASE)
HEAD_END = b"</head>"


@dataclass(frozen=True, order=True)
class SitePage:
    """A page of the finished site: its language and its path inside that language
    (``""`` for the language's home page, ``policies/x/`` for the others)."""

    lang: str
    path: str


def pages(site: Path, default: str, languages: Sequence[str]) -> list[SitePage]:
    """Every page of ``site`` a search engine may list: each ``index.html`` whose head does
    not say ``noindex`` (the 404 page is not an ``index.html``)."""
    others = {code for code in languages if code != default}
    found = []
    for html in site.rglob("index.html"):
        head = _head(html)
        if NOINDEX.search(head):
            continue
        parts = html.relative_to(site).parts[:-1]
        lang = parts[0] if parts and parts[0] in others else default
        inside = parts[1:] if lang != default else parts
        found.append(SitePage(lang, "".join(f"{part}/" for part in inside)))
    return sorted(found)


def render(found: Iterable[SitePage], site_url: str, default: str, languages: Sequence[str]) -> str:
    """The sitemap's XML: one ``<url>`` per page, each with every language's address of the
    same path as an alternate (itself included, as the sitemaps' ``hreflang`` rules ask)."""
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    order = {code: index for index, code in enumerate(languages)}
    by_path: dict[str, list[str]] = {}
    for page in found:
        by_path.setdefault(page.path, []).append(page.lang)

    def address(lang: str, path: str) -> str:
        return base + ("" if lang == default else f"{lang}/") + path

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    entries = sorted(
        (order.get(lang, len(order)), path, lang)
        for path, langs in by_path.items()
        for lang in langs
    )
    for _, path, lang in entries:
        langs = sorted(by_path[path], key=lambda code: order.get(code, len(order)))
        lines.append("    <url>")
        lines.append(f"        <loc>{escape(address(lang, path))}</loc>")
        lines.append("        <changefreq>daily</changefreq>")
        lines += [
            f'        <xhtml:link rel="alternate" hreflang={quoteattr(other)} '
            f"href={quoteattr(address(other, path))}/>"
            for other in langs
        ]
        if default in langs:  # for readers of a language the site does not have
            lines.append(
                f'        <xhtml:link rel="alternate" hreflang="x-default" '
                f"href={quoteattr(address(default, path))}/>"
            )
        lines.append("    </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _head(html: Path) -> bytes:
    """The start of a page up to the end of its ``<head>`` (a robots tag is in it)."""
    head = b""
    with html.open("rb") as stream:
        while HEAD_END not in head and (chunk := stream.read(65536)):
            head += chunk
    end = head.find(HEAD_END)
    return head if end < 0 else head[:end]
