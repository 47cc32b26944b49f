"""MkDocs' own warnings about links and pages, rewritten to name ``docs/<file>:<line>``
and the fix (MkDocs names a page as ``en/x.md``, with no line).

MkDocs has no structured form of these: they are English sentences logged by
``mkdocs.structure.pages`` (a link to a missing page or anchor) and
``mkdocs.structure.nav`` (a page in no menu), matched here by :data:`LINK_WARNING` and
:data:`NOT_IN_NAV`. ``tests/unit/adapter/test_internals.py`` checks the installed MkDocs
still writes them; a sentence MkDocs rewords is passed on unchanged.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from privacy_site.html import sanitize

LINK_WARNING = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?:a link to|an? (?:absolute |unrecognized relative )?"
    r"link) '(?P<link>[^']*)'(?P<rest>.*)$",
    re.DOTALL,
)
NOT_IN_NAV = "The following pages exist in the docs directory, but are not included"
# ProperDocs, the maintained MkDocs 1.x, logs the same messages under its own name.
LOGGERS = (
    "mkdocs.structure.pages",
    "mkdocs.structure.nav",
    "properdocs.structure.pages",
    "properdocs.structure.nav",
)


class _LinkMessages(logging.Filter):
    """MkDocs names a page as ``en/x.md`` with no line (a broken link, a page in no menu); say
    which file, where, and what to do."""

    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        match = LINK_WARNING.match(record.getMessage())
        if match:
            src, link, rest = match.group("src", "link", "rest")
            rest = re.sub(r"^,?\s*but\s+", ": ", rest)
            path = self.docs_dir / src
            line = None
            try:
                text = path.read_text(encoding="utf-8")
                line = sanitize.locate(text, f"({link}") or sanitize.locate(text, link)
            except (OSError, UnicodeDecodeError):
                pass
            where = f"{self.docs_dir.name}/{src}" + (f":{line}" if line else "")
            record.msg = (
                f"{where}: the link '{link}'{rest.rstrip('.')}. Links between pages name the "
                "other page's .md file relative to this one (policies/index.md), and "
                "'#anchor' must be the id of a heading on that page"
            )
            record.args = ()
        elif record.getMessage().startswith(NOT_IN_NAV):
            pages = [line.strip()[2:] for line in record.getMessage().splitlines()[1:]]
            record.msg = "\n".join(
                f"{self.docs_dir.name}/{page}: the page is in no menu, so readers cannot find "
                "it: add it under 'nav:' in mkdocs.yml (a line such as '- Title: "
                f"{page.split('/', 1)[-1]}'), or delete the file"
                for page in pages
            )
            record.args = ()
        return True


def install(docs_dir: Path) -> None:
    """Rewrite the messages about ``docs_dir``'s pages from now on (once per logger)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for existing in [f for f in logger.filters if isinstance(f, _LinkMessages)]:
            logger.removeFilter(existing)
        logger.addFilter(_LinkMessages(docs_dir))
