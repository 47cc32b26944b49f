"""MkDocs hooks for a preview that shows a save as soon as the page's own language is
rebuilt (``privacy_site.adapter.serve_rounds`` says why). Only under ``mkdocs serve``: a
build (``make build``, CI) is not touched, and a served rebuild writes the same files in
the end. What it changes in ``mkdocs serve`` and mkdocs-static-i18n, none of it public,
is in ``privacy_site.adapter.internals``.
"""

from __future__ import annotations

from typing import Any

from privacy_site.adapter import internals
from privacy_site.adapter.mkdocs_api import MkDocsConfig, event_priority
from privacy_site.adapter.site_context import current, process


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        rebuilds = process().rebuilds
        internals.build_languages_in_order(rebuilds.next_language, rebuilds.written)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = current(config)
    build.process.rebuilds.languages = (build.default, build.built)
    return config


@event_priority(-90)  # before mkdocs-static-i18n (-100) starts the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    build = current(config)
    if build.serving and not build.in_language_loop:
        build.process.rebuilds.written(build.default)
        # the source language's pages and the theme's files are written
        internals.show_written(build.process.rebuilds.server)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    rebuilds = process().rebuilds  # after the first build: none is under way
    if internals.serve_by_language(server, rebuilds.around, rebuilds.request):
        rebuilds.server = server
    return server
