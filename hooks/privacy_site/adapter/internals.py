"""Every name of mkdocs-static-i18n's and of ``mkdocs serve``'s that is not their documented
interface, in one place: the work to do on the day either changes (or the engine is
replaced) starts here. ``tests/unit/adapter/test_internals.py`` fails, naming the project
and version, when an installed version no longer has one of them.

mkdocs-static-i18n (1.3) documents its configuration and its template variables only. The
site reads, from its plugin object (``config.plugins["i18n"]``):

- ``current_language``, ``default_language``, ``build_languages``, ``config.languages``:
  which language is being built, and the languages mkdocs.yml lists (names included).
  i18n builds the site once per language by calling MkDocs' ``build`` again from its
  own ``on_post_build``; no event says which language a build is for.
- ``extra_alternate``: the language links it computes for pages; the 404 page, a theme
  template rendered after every page, is given them again (``site_files.py``).

and on each ``File`` it places (and on each the site generates, so that i18n's templates
and language switcher treat them alike): ``locale``, ``locale_alternate_of``,
``localization``, ``norm_src_uri`` (the path without its language folder) and
``alternates`` (the same page in each language).

The preview's early showing (``privacy_site.adapter.serve_rounds`` says what it is) has no
public way at all; it uses:

- mkdocs-static-i18n's module-level ``build`` (``mkdocs_static_i18n.plugin.build``), which
  its loop over the other languages calls for each: replaced by one that builds the
  language asked for most recently instead, setting ``current_language`` for that build
  and setting it back afterwards (the loop skips the language equal to
  ``current_language``: left changed, a language lost its turn and kept its old pages).
- ``mkdocs serve``'s ``LiveReloadServer``: its ``builder`` (a rebuild begins and ends),
  ``serve_request``, ``mount_path`` and ``set_app`` (a request waits for its own language),
  and its private ``_epoch_cond``, ``_visible_epoch`` and ``_wanted_epoch`` (the pages
  written so far are shown: MkDocs shows a rebuild only once all of it is written).

Where a part is not what this expects, the preview falls back to MkDocs' own behaviour:
every request waits for the whole rebuild.

MkDocs lists the theme's files before any event (``Theme.get_env`` then the Jinja
loader's ``list_templates``), once per language: :func:`list_theme_once` replaces the
configuration's ``theme.get_env`` with one whose loader answers from a listing kept for
the process (``site_context.ThemeListing`` says why).
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

I18N = "i18n"  # the plugin's name in mkdocs.yml

# The names this module uses, checked against the installed versions by the tests.
I18N_PLUGIN_ATTRIBUTES = (
    "current_language",
    "default_language",
    "build_languages",
    "extra_alternate",
)
I18N_FILE_ATTRIBUTES = ("locale", "locale_alternate_of", "localization", "norm_src_uri")
SERVER_ATTRIBUTES = (
    "builder",
    "serve_request",
    "mount_path",
    "set_app",
    "_epoch_cond",
    "_visible_epoch",
    "_wanted_epoch",
)


# Which language is built ------------------------------------------------------------


def languages(config: MkDocsConfig) -> tuple[str, str, list[str]]:
    """(language being built, default language, every language built)."""
    i18n = config.plugins.get(I18N)
    if i18n is None:
        return "en", "en", ["en"]
    default = i18n.default_language
    return i18n.current_language or default, default, list(i18n.build_languages)


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's name as mkdocs.yml gives it (in its own script)."""
    i18n = config.plugins.get(I18N)
    if i18n is None:
        return {}
    return {item.locale: item.name for item in i18n.config.languages if item.name}


def alternate_links(config: MkDocsConfig) -> Any:
    """The language links i18n gives the pages, a copy; ``None`` without them."""
    i18n = config.plugins.get(I18N)
    if i18n is None or not i18n.extra_alternate:
        return None
    return deepcopy(i18n.extra_alternate)


# Files ----------------------------------------------------------------------------------


def norm_src_uri(file: File) -> str:
    """The file's path without its language folder (i18n sets it; plain builds do not)."""
    return getattr(file, "norm_src_uri", None) or file.src_uri


def locale(file: File) -> str | None:
    """The language of the file's text, as i18n chose it (maybe the default's, as fallback)."""
    return getattr(file, "locale", None)


def place(file: File, norm: str, lang: str, alternates: dict[str, File] | None = None) -> File:
    """Mark a generated ``file`` as i18n marks the files it places for ``lang``."""
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = norm
    if alternates is not None:
        file.alternates = alternates
    return file


# The preview's early showing --------------------------------------------------------------


def build_languages_in_order(
    next_language: Callable[[str], str], written: Callable[[str], None]
) -> None:
    """Make i18n's loop build, at each step, ``next_language(proposed)`` instead of the
    language it proposes, and say when each is ``written``. Once per process."""
    try:
        import mkdocs_static_i18n.plugin as i18n_plugin
    except ImportError:
        return
    build = getattr(i18n_plugin, "build", None)
    if build is None or getattr(build, "privacy_site_order", False):
        return

    def build_next(config: MkDocsConfig, **options: Any) -> None:
        i18n = config.plugins[I18N]
        proposed = i18n.current_language
        language = next_language(proposed)
        i18n.current_language = language
        try:
            build(config, **options)
        finally:
            written(language)
            i18n.current_language = proposed  # the loop's own turn-keeping (docstring)

    build_next.privacy_site_order = True  # type: ignore[attr-defined]
    i18n_plugin.build = build_next


def serve_by_language(
    server: Any,
    rebuild_around: Callable[[Callable[[], None]], None],
    before_answer: Callable[[str], None],
) -> bool:
    """Wrap the server's rebuild in ``rebuild_around`` and call ``before_answer`` with the
    path under the site's root of every request but live reload's own; False (nothing
    changed) when the server is not the one this was written for."""
    if not all(hasattr(server, name) for name in SERVER_ATTRIBUTES):
        return False
    rebuild = server.builder
    answer = server.serve_request
    mount = server.mount_path

    def serve_request(environ: dict, start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        inside = path[len(mount) :] if path.startswith(mount) else path.lstrip("/")
        if not inside.startswith("livereload/"):
            before_answer(inside)
        return answer(environ, start_response)

    server.builder = lambda: rebuild_around(rebuild)
    server.set_app(serve_request)
    return True


def show_written(server: Any) -> None:
    """Let the server send the pages written so far (as MkDocs does once all are)."""
    condition = getattr(server, "_epoch_cond", None)
    if condition is None:
        return
    with condition:
        server._visible_epoch = server._wanted_epoch
        condition.notify_all()


# The theme's files ------------------------------------------------------------------------


def list_theme_once(config: MkDocsConfig, names: Callable[[list[str], Callable], list[str]]):
    """Make the theme's environments answer MkDocs' listing of the theme's files from
    ``names(folders, walk)`` (a loader's folders and its own listing)."""
    theme = config.theme
    make_env = theme.get_env
    if getattr(make_env, "lists_once", False):
        return

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            folders, walk = loader.searchpath, loader.list_templates
            loader.list_templates = lambda: list(names(folders, walk))
        return env

    get_env.lists_once = True  # type: ignore[attr-defined]
    theme.get_env = get_env
