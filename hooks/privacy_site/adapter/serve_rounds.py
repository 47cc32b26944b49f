"""A preview shows a save as soon as the page's own language is rebuilt (``make serve``).

``mkdocs serve`` rebuilds the whole site after every save and holds every request until
all of it is written: every language, the source language's build first. A page needs
only its own language's build: the source language's writes every page at the root and
the theme's files, each other language's writes its folder.
So the rebuild is shown once the source language is written, a request for another
language's page waits until that language's build of this rebuild has written it, and the
languages of the pages asked for most recently are built first. A file that every
language's build writes again (the search indexes, the sitemaps) waits for the whole
rebuild. Standard library only; ``hooks/preview_languages.py`` wires it into MkDocs,
through ``privacy_site.adapter.internals``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

# Written again by every language's build, or after the last one: ready only at the end.
WHOLE_SITE_FILES = ("search_index.json", "sitemap.xml", "sitemap.xml.gz")
LONGEST_WAIT = 300.0  # seconds: a request is never held longer than a rebuild could take


class Rebuilds:
    """Which languages the rebuild under way has written; shared by the thread that builds
    and the threads that answer requests."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._running = False
        self._pending: list[str] = []  # in the order the configuration gives them
        self._asked: list[str] = []  # languages of pages asked for, most recent first
        # (default language, every language built), as the latest configuration says.
        self.languages: tuple[str, list[str]] = ("en", ["en"])
        # The server answering requests, once `mkdocs serve` has started it.
        self.server: Any = None

    def around(self, rebuild: Callable[[], None]) -> None:
        """Run one rebuild of every language (the server's)."""
        self.begin(self.languages[1])
        try:
            rebuild()
        finally:
            self.end()

    def request(self, path: str) -> None:
        """Before a request for ``path`` (under the site's root) is answered: note its
        language if it is a page's, and wait until its file is written."""
        default, built = self.languages
        language = language_of(path, built, default)
        if language is not None and is_page(path):
            self.asked(language)
        self.wait(language)

    def begin(self, languages: Iterable[str]) -> None:
        with self._changed:
            self._running = True
            self._pending = list(dict.fromkeys(languages))

    def written(self, language: str) -> None:
        with self._changed:
            if language in self._pending:
                self._pending.remove(language)
            self._changed.notify_all()

    def end(self) -> None:
        with self._changed:
            self._running = False
            self._pending = []
            self._changed.notify_all()

    def wait(self, language: str | None, timeout: float = LONGEST_WAIT) -> bool:
        """Until ``language`` (``None``: the whole rebuild) is written; False on timeout."""
        with self._changed:
            return self._changed.wait_for(
                lambda: (
                    not self._running or (language is not None and language not in self._pending)
                ),
                timeout,
            )

    def asked(self, language: str) -> None:
        with self._changed:
            if language in self._asked:
                self._asked.remove(language)
            self._asked.insert(0, language)

    def next_language(self, proposed: str) -> str:
        """The language to build next in place of ``proposed``: the most recently asked
        for that this rebuild has not written, else ``proposed``."""
        with self._changed:
            if not self._running:
                return proposed
            for language in self._asked:
                if language in self._pending:
                    return language
            if proposed in self._pending:
                return proposed
            return self._pending[0] if self._pending else proposed


def language_of(path: str, languages: list[str], default: str) -> str | None:
    """The language whose build writes the file a request ``path`` (the part after the
    site's root) asks for; ``None`` for a file ready only when every language is written."""
    if path.rsplit("/", 1)[-1] in WHOLE_SITE_FILES:
        return None
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in languages and first != default else default


def is_page(path: str) -> bool:
    """A request for a page (not a stylesheet, script or image)."""
    return path.endswith("/") or path.endswith(".html") or path == ""
