"""One context object per language build, shared by every hook, and the one object that
lives as long as the process (``mkdocs serve`` rebuilds the site after each save).

A hook asks :func:`current` for the context of the language being built (made by
``policy_pages.on_config``, the first hook, with ``build_checks.build_context``); nothing
is hung on MkDocs' objects. What the context learns during the build is in its own typed
fields, each written at one step: the problems found while rendering (``page_problems``,
reported by ``page_safety.on_post_build``), the version file behind each policy's main
page (``main_sources``, when ``policy_pages.on_files`` places it) and the rendered pages
(``rendered``, once every page is rendered: ``policy_pages.on_env``).
"""

from __future__ import annotations

import os
import re
import sysconfig
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from privacy_site.adapter.internals import locale, norm_src_uri
from privacy_site.adapter.serve_rounds import Rebuilds
from privacy_site.content import Content, ContentCache
from privacy_site.languages.language import Language, load_language
from privacy_site.model import urls
from privacy_site.model.problems import Problem
from privacy_site.model.settings import Settings
from privacy_site.outputs import messages, policy_views
from privacy_site.outputs.changes import Change, all_changes
from privacy_site.outputs.pdfs import Pdfs
from privacy_site.outputs.policy_pdfs import PdfLink
from privacy_site.outputs.redline import Redlines


@dataclass(frozen=True)
class MainSource:
    """The version file a policy's main page shows: where staff fix what the page says."""

    src_uri: str  # as MkDocs names it, with its language folder (``en/policies/x/....md``)
    locale: str | None  # the language of its text (the default's when not translated)


@dataclass(frozen=True)
class SiteView:
    """What every page's templates know, as ``privacy`` (``overrides/main.html``)."""

    lang: str
    prefix: str  # the language's folder under the site's root ("" or "es/")
    today: date
    settings: Settings
    policies: list[policy_views.ListedPolicy]  # the policies list (policy_views.policy_list)
    changes: list[Change]
    upcoming: list[Change]  # the changes still to take effect (the site-wide notice)


@dataclass
class BuildContext:
    content: Content
    language: Language
    default: str  # the default language's code (English, at the site's root)
    built: list[str]  # every language built, in mkdocs.yml's order
    names: dict[str, str]  # language code -> its name in its own script
    site_url: str | None
    process: Process = field(default_factory=lambda: _PROCESS)
    # Under `mkdocs serve` only: the content's errors, shown at the top of every page
    # instead of stopping the preview (a build for publishing stops on them).
    problems: list[Problem] = field(default_factory=list)
    # The inline scripts the theme's templates write (the security policy allows them).
    known_scripts: tuple[re.Pattern[str], ...] = ()
    # Found while rendering pages; reported together at the end of the language's build.
    page_problems: list[Problem] = field(default_factory=list)
    # A policy's main page (``policies/x/index.md``) -> the version file it shows.
    main_sources: dict[str, MainSource] = field(default_factory=dict)
    # Every rendered page by its path without language folder, once all are rendered.
    rendered: dict[str, Page] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def today(self):
        return self.content.today

    @property
    def prefix(self) -> str:
        return urls.lang_prefix(self.lang, self.default)

    @property
    def serving(self) -> bool:
        """Under ``mkdocs serve``: content errors shown in the page, no security policy."""
        return self.process.serving

    @property
    def in_language_loop(self) -> bool:
        """A language's build inside mkdocs-static-i18n's loop over the other languages, which
        the default language's build runs from its own end: a step that needs every
        language built waits for the end of the default language's build, which ends last."""
        return self.lang != self.default

    @cached_property
    def changes(self) -> list[Change]:
        return all_changes(self.content, self.language)

    @cached_property
    def shared(self) -> SiteView:
        """``privacy`` in the templates."""
        return SiteView(
            lang=self.lang,
            prefix=self.prefix,
            today=self.today,
            settings=self.content.settings,
            policies=policy_views.policy_list(self.content, self.lang),
            changes=self.changes,
            upcoming=[change for change in self.changes if change.upcoming(self.today)],
        )

    @cached_property
    def messages(self) -> dict[str, Any]:
        """Every language's messages for the changes announced today."""
        spoken = [load_language(code, self.names.get(code))[0] for code in self.built]
        changes = {lang.code: all_changes(self.content, lang) for lang in spoken}
        return messages.document(self.content, spoken, changes, self.site_url)

    def page(self, src: str) -> Page:
        """This build's rendered page of a Markdown file (``policies/x/2026-12-22.md``)."""
        return self.rendered[src]

    def pages_rendered(self, files: Files) -> None:
        """Every page is rendered: keep them by path, for the pages that read others' HTML."""
        self.rendered = {norm_src_uri(f): f.page for f in files.documentation_pages() if f.page}

    def placed_main_page(self, norm: str, source: File) -> None:
        self.main_sources[norm] = MainSource(source.src_uri, locale(source))

    def source_of(self, page: Page) -> str:
        """The file staff edit for this page (``en/x.md``): a policy's main page names the
        version file it shows."""
        main = self.main_sources.get(norm_src_uri(page.file))
        return main.src_uri if main else page.file.src_uri

    def text_locale(self, page: Page) -> str | None:
        """The language of the page's text (a fallback page's is the default language)."""
        main = self.main_sources.get(norm_src_uri(page.file))
        return (main.locale if main else None) or locale(page.file)

    def is_generated(self, page: Page) -> bool:
        """Written by the site itself (not a file under docs/, nor a policy's main page)."""
        return page.file.generated_by is not None and norm_src_uri(page.file) not in (
            self.main_sources
        )

    def problem(self, found: Problem) -> None:
        """A problem found while rendering, reported with the others at the build's end."""
        if found not in self.page_problems:
            self.page_problems.append(found)

    def translated(self, policy_id: str, slug: str) -> bool:
        """Whether this language has its own text of a policy version."""
        if self.lang == self.default:
            return True
        found = self.content.version(policy_id, slug)
        table = self.content.translations.get(self.lang, {})
        own = table.get((policy_id, found.effective)) if found is not None else None
        return own is not None and own.body


class Process:
    """What lives as long as the process: the content, the redlines, the contexts, the
    preview's rebuilds."""

    def __init__(self) -> None:
        self.content = ContentCache()
        self.redlines = Redlines()
        self.pdfs = Pdfs()
        # Every version's PDF in each language built so far, by (policy, slug, language):
        # the default language's are built first, and linked where a page is in English.
        self.pdf_links: dict[tuple[str, str, str], PdfLink] = {}
        self.pdf_tool_missing = False  # said once: WeasyPrint cannot run here
        # The contexts of the builds under way: mkdocs-static-i18n builds each other
        # language inside the default language's build, from its end (on_post_build).
        self.builds: list[BuildContext] = []
        # `mkdocs serve` (set by policy_pages' on_startup, the first hook's): content errors
        # shown in the page, no security policy (live reload), each page sent once its
        # language is rebuilt
        self.serving = False
        self.rebuilds = Rebuilds()
        self.templates = jinja2.MemcachedBytecodeCache(_Templates())  # compiled once
        self.theme_files = ThemeListing()  # the theme's files, walked once
        self.known_scripts: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}


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


_PROCESS = Process()


def process() -> Process:
    """The process's own state; a hook with a configuration asks :func:`current` instead."""
    return _PROCESS


def start(context: BuildContext) -> BuildContext:
    """The context of a build that begins (``policy_pages.on_config``): a new site's
    (the default language's, first) or one language's inside it."""
    if not context.in_language_loop:
        _PROCESS.builds.clear()  # a new build of the site: any earlier one has ended
    _PROCESS.builds.append(context)
    return context


def finish(context: BuildContext) -> None:
    """The build of ``context`` has ended (its last ``on_post_build`` hook)."""
    if _PROCESS.builds and _PROCESS.builds[-1] is context:
        _PROCESS.builds.pop()


def current(config: MkDocsConfig) -> BuildContext:
    """The context of the build whose hooks are running: the innermost under way. Not
    i18n's ``current_language``, which stays at the last language built once its loop
    has ended, while the default language's build runs its last hooks."""
    return _PROCESS.builds[-1]


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


FRAGMENTS = "partials/fragments.html"


def macros(dirs: Sequence[str], language: Language) -> Any:
    """The macros of overrides/partials/fragments.html (found in the theme's folders,
    ``dirs``), which write the HTML the hooks add to pages from typed data: every value
    escaped (this environment autoescapes, unlike the theme's), the site's words (``_``,
    ``say``, ``fill``, ``language``) in ``language``."""
    template = _fragment_environment(tuple(dirs)).get_template(FRAGMENTS)
    return template.make_module(
        {
            "_": language.gettext,
            "say": language.say,
            "nsay": language.nsay,
            "fill": language.fill,
            "language": language,
        }
    )


@cache
def _fragment_environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(dirs)
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
