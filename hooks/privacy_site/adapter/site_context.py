"""One context object per language build, shared by every hook: the language-neutral
content (loaded and checked once per process), the reader's :class:`Language`, and what
every page's templates know (``privacy`` in overrides/main.html).

Hooks are thin adapters: they ask :func:`current` for the context of the language being
built instead of hanging attributes on MkDocs' config.
"""

from __future__ import annotations

import os
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from privacy_site.adapter.generated_files import languages, norm_src_uri
from privacy_site.content import Content, ContentCache
from privacy_site.languages.language import Language
from privacy_site.model import urls
from privacy_site.outputs import policy_views
from privacy_site.outputs.changes import Change, all_changes
from privacy_site.outputs.redline import Redlines


@dataclass
class BuildContext:
    content: Content
    language: Language
    default: str  # the default language's code (English, at the site's root)
    built: list[str]  # every language built, in mkdocs.yml's order
    names: dict[str, str]  # language code -> its name in its own script
    site_url: str | None
    files: Any = None  # this build's MkDocs files, once chosen (the redlines read pages)
    extras: dict[str, Any] = field(default_factory=dict)
    # Under `mkdocs serve` only: the content's errors, shown at the top of every page
    # instead of stopping the preview (a build for publishing stops on them).
    problems: list[Any] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def today(self):
        return self.content.today

    @property
    def prefix(self) -> str:
        return urls.lang_prefix(self.lang, self.default)

    @cached_property
    def changes(self) -> list[Change]:
        return all_changes(self.content, self.language)

    @cached_property
    def shared(self) -> dict[str, Any]:
        """``privacy`` in the templates."""
        return {
            "lang": self.lang,
            "prefix": self.prefix,
            "today": self.today,
            "settings": self.content.settings,
            "policies": policy_views.policy_list(self.content, self.lang),
            "changes": self.changes,
            "upcoming": [change for change in self.changes if change.upcoming(self.today)],
        }

    def page(self, src: str) -> Any:
        """This build's page of a Markdown file (``policies/x/2026-12-22.md``), by a table of
        every page made at the first question (once the pages exist), not a scan per page."""
        if self.extras.get("pages_of") is None:
            self.extras["pages_of"] = {
                norm_src_uri(f): f.page for f in self.files.documentation_pages() if f.page
            }
        return self.extras["pages_of"][src]

    def translated(self, policy_id: str, slug: str) -> bool:
        """Whether this language has its own text of a policy version."""
        if self.lang == self.default:
            return True
        found = self.content.version(policy_id, slug)
        table = self.content.translations.get(self.lang, {})
        own = table.get((policy_id, found.effective)) if found is not None else None
        return own is not None and own.body


class Process:
    """What lives as long as the process: the content, the redlines, the contexts."""

    def __init__(self) -> None:
        self.content = ContentCache()
        self.redlines = Redlines()
        self.contexts: dict[str, BuildContext] = {}
        # `mkdocs serve` (set by policy_pages' on_startup, the first hook's): content errors
        # shown in the page, no security policy (live reload), each page sent once its
        # language is rebuilt
        self.serving = False
        self.templates = jinja2.MemcachedBytecodeCache(_Templates())  # compiled once
        self.theme_files = ThemeListing()  # the theme's files, walked once


class ThemeListing:
    """The theme folders' file names, walked once per process instead of once per language.

    MkDocs lists every file of the theme to find the static ones to copy (CSS, JavaScript,
    images), and Material's folder holds some 14,000 files, nearly all of them icons under
    ``.icons/`` that MkDocs then discards one by one (it never copies a hidden file), once
    per language unless listed once here. The listing leaves out
    hidden files, which only that search ever asked for (templates are still found by name),
    and is walked again when a folder outside the installed packages (``overrides/``) has a
    file added, removed or renamed.
    """

    def __init__(self) -> None:
        self._listings: dict[tuple, list[str]] = {}

    def names(self, folders: list[str], walk: Callable[[], list[str]]) -> list[str]:
        """The names ``walk`` (a loader's own listing of ``folders``) gives, without hidden
        ones; walked again only when a folder of the project's own changed."""
        key = (tuple(folders), _folder_times(folders))
        if key not in self._listings:
            self._listings = {key: [name for name in walk() if not _hidden(name)]}
        return self._listings[key]


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


def _folder_times(folders: list[str]) -> tuple:
    """When each folder outside the installed packages (``overrides/``) last had an entry
    added, removed or renamed; an installed theme does not change while we run."""
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    times = []
    for folder in folders:
        if Path(folder).resolve().is_relative_to(installed):
            continue
        for root, subfolders, _ in os.walk(folder, followlinks=True):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            times.append((root, os.stat(root).st_mtime_ns))
    return tuple(times)


class _Templates(dict):
    """The in-memory store jinja2's bytecode cache asks for: ``get`` and ``set``."""

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        self[key] = value


PROCESS = Process()


def start(context: BuildContext) -> BuildContext:
    PROCESS.contexts[context.lang] = context
    return context


def current(config: MkDocsConfig) -> BuildContext:
    """The context of the language being built (set by ``policy_pages.on_config``)."""
    lang, _, _ = languages(config)
    return PROCESS.contexts[lang]


def list_theme_once(config: MkDocsConfig) -> None:
    """Make the theme's environments answer MkDocs' listing of the theme's files from the
    process's cache (:class:`ThemeListing`)."""
    theme = config.theme
    make_env = theme.get_env
    if getattr(make_env, "lists_once", False):
        return

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            folders, walk = loader.searchpath, loader.list_templates
            loader.list_templates = lambda: list(PROCESS.theme_files.names(folders, walk))
        return env

    get_env.lists_once = True
    theme.get_env = get_env


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent
