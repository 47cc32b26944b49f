"""The names of MkDocs' hooks interface that the hooks (``hooks/*.py``) use: the types of
the objects each event passes, and ``event_priority``. Hooks import them from here, so
that nothing outside this folder imports ``mkdocs``."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

__all__ = ["Files", "MkDocsConfig", "Navigation", "Page", "event_priority"]
