"""The FAQ's questions and answers, read from the rendered page, as schema.org data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html


@dataclass(frozen=True)
class Entry:
    id: str
    question: str
    answer: str


def faq_entries(html: str) -> list[Entry]:
    """Each ``<h2>`` is a question; everything up to the next ``<h2>`` is its answer."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        link.drop_tree()
    entries: list[Entry] = []
    current: tuple[str, str, list[str]] | None = None
    for element in root:
        if element.tag == "h2":
            if current:
                entries.append(_entry(*current))
            current = (element.get("id") or "", _text(element), [])
        elif current is not None and isinstance(element.tag, str):
            current[2].append(_text(element))
    if current:
        entries.append(_entry(*current))
    return entries


def faq_jsonld(entries: list[Entry]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
            }
            for entry in entries
        ],
    }


def _entry(anchor: str, question: str, parts: list[str]) -> Entry:
    return Entry(anchor, question, " ".join(part for part in parts if part))


BLOCKS = ("p", "li", "dt", "dd", "td", "th", "br", "div", "blockquote", "h3", "h4")


def _text(element: Any) -> str:
    """Text as read aloud: block elements are separated by a space, inline ones are not."""
    for block in element.iter(*BLOCKS):
        block.tail = " " + (block.tail or "")
    return re.sub(r"\s+", " ", element.text_content()).strip()
