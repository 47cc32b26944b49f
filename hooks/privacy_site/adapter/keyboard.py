"""Material's keyboard gaps, closed on the finished page: its menu and search buttons and its
navigation section toggles are ``<label>`` elements that a keyboard cannot reach or that
have no name; its search dialog has no name either.

Inside each label goes a ``<span role="button" tabindex="0">`` with its name as visually
hidden text (a label bound to a checkbox may not itself be a button, so the span is);
the page script ``keyboard.js`` presses it with Enter or Space, and the click reaches the
label. Done on the output because Material writes these in ``base.html``, ``header.html``
and ``nav-item.html`` without a block to extend.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

HEADER_BUTTON = re.compile(
    r'(?P<open><label class="md-header__button md-icon" for="(?P<for>__drawer|__search)">)'
    r"(?P<inside>.*?)(?P<close></label>)",
    re.DOTALL,
)
SECTION_TOGGLE = re.compile(
    r'(?P<before><div class="md-nav__link md-nav__container">\s*<a\b[^>]*>(?P<title>.*?)</a>\s*)'
    r'<label class="(?P<cls>md-nav__link[^"]*)" for="(?P<for>__nav_[0-9_]+)" '
    r'id="(?P=for)_label" tabindex="0">(?P<inside>.*?)</label>',
    re.DOTALL,
)
TAGS = re.compile(r"<[^>]+>")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


@dataclass(frozen=True)
class LabelButton:
    """What goes inside one of Material's labels (``label_button`` in
    overrides/partials/fragments.html): a button named for what it opens or closes."""

    controls: str  # the checkbox the label is for: "__drawer", "__nav_2"
    name: str  # its name, in the reader's language
    inside: Markup  # what the label held (Material's icon), as it was


def name_controls(
    html: str,
    menu: str,
    search: str,
    section_toggle: str,
    button: Callable[[LabelButton], str],
) -> str:
    """``menu`` and ``search`` name the header's buttons; ``section_toggle`` (with
    ``%(title)s``) each navigation section's toggle; ``button`` writes each button."""
    names = {"__drawer": menu, "__search": search}

    def header(m: re.Match[str]) -> str:
        inside = button(LabelButton(m["for"], names[m["for"]], Markup(m["inside"])))
        return f"{m['open']}{inside}{m['close']}"

    html = HEADER_BUTTON.sub(header, html)

    def toggle(m: re.Match[str]) -> str:
        title = " ".join(TAGS.sub(" ", m["title"]).split())
        name = section_toggle % {"title": title}
        return (
            f'{m["before"]}<label class="{m["cls"]}" for="{m["for"]}" id="{m["for"]}_label">'
            f"{button(LabelButton(m['for'], name, Markup(m['inside'])))}</label>"
        )

    html = html.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG} aria-label="{escape(search)}"', 1)
    return SECTION_TOGGLE.sub(toggle, html)


def retitle_permalinks(html: str, english: str, title: str, attrs: str) -> str:
    """The "¶" beside each heading, titled in the page's language with ``attrs`` (its
    ``lang``, since the heading may be English): Python-Markdown's toc extension writes the
    one ``permalink_title`` of mkdocs.yml on every language's pages."""
    if title == english:
        return html
    permalink = re.compile(
        r'<a class="headerlink" (href="[^"]*") title="' + re.escape(str(escape(english))) + '"'
    )
    return permalink.sub(
        lambda match: f'<a class="headerlink" {match.group(1)} title="{escape(title)}"{attrs}',
        html,
    )
