"""MkDocs hooks for a preview that shows a save as soon as the page's own language is
rebuilt (``privacy_site.adapter.serve_rounds`` says why). Only under ``mkdocs serve``: a build
(``make build``, CI) is not touched, and a served rebuild writes the same files in the end.

Three parts of ``mkdocs serve`` and mkdocs-static-i18n are wrapped, each where it can be
seen: the server's builder (a rebuild begins and ends), its request handler (a request
waits for its language, not for the whole site) and the ``build`` that i18n calls for each
other language (which language comes next). Where a part is not what this expects, the
preview falls back to MkDocs' own behaviour: every request waits for the whole rebuild.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from privacy_site.adapter.generated_files import in_language_loop, languages
from privacy_site.adapter.serve_rounds import REBUILDS, is_page, language_of
from privacy_site.adapter.site_context import PROCESS


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        _build_languages_in_asked_order()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _, default, built = languages(config)
    REBUILDS.languages = (default, built)
    return config


@event_priority(-90)  # before mkdocs-static-i18n (-100) starts the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    lang, default, _ = languages(config)
    if PROCESS.serving and lang == default and not in_language_loop(config):
        REBUILDS.written(default)
        REBUILDS.show()  # the source language's pages and the theme's files are written


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    condition = getattr(server, "_epoch_cond", None)
    if condition is None or not hasattr(server, "set_app") or not hasattr(server, "builder"):
        return server  # not the server this was written for: MkDocs' own waiting

    rebuild = server.builder

    def rebuild_in_order() -> None:
        REBUILDS.begin(REBUILDS.languages[1])
        try:
            rebuild()
        finally:
            REBUILDS.end()

    def show() -> None:
        with condition:
            server._visible_epoch = server._wanted_epoch
            condition.notify_all()

    answer = server.serve_request
    mount = server.mount_path

    def serve_request(environ: dict, start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        inside = path[len(mount) :] if path.startswith(mount) else path.lstrip("/")
        if not inside.startswith("livereload/"):
            default, built = REBUILDS.languages
            language = language_of(inside, built, default)
            if language is not None and is_page(inside):
                REBUILDS.asked(language)
            REBUILDS.wait(language)
        return answer(environ, start_response)

    server.builder = rebuild_in_order
    REBUILDS.show = show
    server.set_app(serve_request)
    return server


# Helper functions ---------------------------------------------------------------------


def _build_languages_in_asked_order() -> None:
    """i18n builds the other languages in mkdocs.yml's order by calling ``build`` from its
    module: build instead the language asked for most recently that this rebuild has not
    written yet, and say when each is written."""
    try:
        import mkdocs_static_i18n.plugin as i18n_plugin
    except ImportError:
        return
    build = getattr(i18n_plugin, "build", None)
    if build is None or getattr(build, "privacy_site_order", False):
        return

    def build_next(config: MkDocsConfig, **options: Any) -> None:
        i18n = config.plugins["i18n"]
        proposed = i18n.current_language
        language = REBUILDS.next_language(proposed)
        i18n.current_language = language
        try:
            build(config, **options)
        finally:
            REBUILDS.written(language)
            # i18n's loop skips the language equal to current_language: left at the one
            # built out of turn, it skipped that language's own turn, so one call too few
            # was made and a language kept its pages from before the save.
            i18n.current_language = proposed

    build_next.privacy_site_order = True  # type: ignore[attr-defined]
    i18n_plugin.build = build_next
