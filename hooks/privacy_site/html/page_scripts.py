"""Each page loads only the site's own scripts it runs.

The theme writes every page script of ``mkdocs.yml`` (``extra_javascript``) into every
page, and each works on one kind of element, doing nothing on a page without it. A page
keeps a script's ``<script src>`` only when it has that element:

- ``effective-dates.js``: a date that switches words (``data-switch-on``: a change
  notice, the banner of an announced change);
- ``redline.js``: a redline's "Show the whole text" button (``redline-whole``);
- ``copy-messages.js``: the staff page's Copy buttons (``data-copy``).

Every other script is kept (``keyboard.js`` works on the header's controls, on every
page).
"""

from __future__ import annotations

import re

# The element each script works on, as the finished page writes it: a word it must hold
# (found fast in a long page), then the pattern that says it is that element.
USED_WHERE = {
    "effective-dates.js": ("data-switch-on=", re.compile(r'\sdata-switch-on="')),
    "redline.js": ("redline-whole", re.compile(r'\sclass="(?:[^"]*\s)?redline-whole[\s"]')),
    "copy-messages.js": ("data-copy=", re.compile(r'\sdata-copy="')),
}
SCRIPT = re.compile(
    r'[ \t]*<script src="(?:[^"]*/)?assets/javascripts/(?P<name>[\w.-]+)"></script>[ \t]*\n?'
)


def without_unused_scripts(html: str) -> str:
    """``html`` without the ``<script src>`` of each site script it has nothing for."""
    unused = {
        name
        for name, (word, used) in USED_WHERE.items()
        if word not in html or not used.search(html)
    }
    first = html.find("<script src=")
    if not unused or first < 0:
        return html
    start = html.rfind("\n", 0, first) + 1  # the scripts come last: the text before is kept
    rest = SCRIPT.sub(lambda match: "" if match["name"] in unused else match[0], html[start:])
    return html[:start] + rest
