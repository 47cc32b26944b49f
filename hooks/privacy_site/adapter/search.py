"""Search in an MkDocs build (``search_pages.py``): what Material's index holds, one index
per language, and ``/all-pages/``, the page for readers without it.

- Each listed vendor is a section of the vendors page in the index, at its ``#id``.
- A version's own page ranks below its policy's main page, with its state in its result's
  title; the version in effect is left out (its policy's main page is the same text).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from privacy_site.adapter.changes import FOLLOW
from privacy_site.adapter.generated_files import add_page, anchor_title
from privacy_site.adapter.internals import norm_src_uri
from privacy_site.adapter.site_context import BuildContext, macros
from privacy_site.model.policies import State
from privacy_site.model.urls import MAIN_SRC, VERSION_SRC
from privacy_site.outputs import policy_views, search_index
from privacy_site.outputs.vendor_views import vendor_rows
from privacy_site.reading import frontmatter

ALL_PAGES = "all-pages.md"
# The words /follow/'s template writes under its title, in the finished page.
FOLLOW_BODY = re.compile(r'<h1 id="page-title">.*?</h1>(?P<body>.*?)</article>', re.S)
ARCHIVED_BOOST = 0.1
ANNOUNCED_BOOST = 0.5
MAIN_BOOST = 2.0


def rebased(output: str, build: BuildContext) -> str:
    """A finished page outside the default language, its search configuration pointing at
    its language's own index."""
    if build.lang == build.default:
        return output
    return search_index.rebase_config(output, build.lang)


def split_index(config: MkDocsConfig, build: BuildContext) -> None:
    """Once every language is built: the index mkdocs-static-i18n merged, split into one
    per language (each configured with the languages Material's search supports)."""
    if build.in_language_loop:
        return  # the merged index is not written yet
    default, built = build.default, build.built
    material = Path(importlib.util.find_spec("material").origin).parent
    lunr = material / "templates" / "assets" / "javascripts" / "lunr" / "min"
    shipped = {p.name.split(".")[1] for p in lunr.glob("lunr.*.min.js")}
    search_index.split(Path(config.site_dir), built, default, shipped)


def add_all_pages(files: Files, config: MkDocsConfig, build: BuildContext) -> None:
    """``/all-pages/`` in the language being built, drawn by its template."""
    language = build.language
    meta = {
        "title": language.gettext("Every page, policy version and tool"),
        "template": "all-pages.html",
        "search": {"exclude": True},
    }
    add_page(files, config, build, ALL_PAGES, frontmatter.page_text(meta))


def anchor_all_pages_title(page: Page) -> None:
    if norm_src_uri(page.file) == ALL_PAGES:
        anchor_title(page)  # the template writes the <h1>: "Skip to content" lands on it


def index_page(
    context: dict[str, Any], page: Page, config: MkDocsConfig, build: BuildContext
) -> dict[str, Any]:
    """The page in Material's search index, as its kind asks; ``/all-pages/``'s lists in
    its template ``context``."""
    content, lang = build.content, build.lang
    src = norm_src_uri(page.file)
    index = _search_index(config)
    if src == "vendors.md" and index is not None:
        index_vendors(index, page, build, config.theme.dirs)
    elif MAIN_SRC.match(src):
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": MAIN_BOOST}
    elif (match := VERSION_SRC.match(src)) and index is not None:
        _index_version(index, page, build, match["policy"], match["slug"])
    if src == ALL_PAGES:
        views_of = [policy_views.policy_view(content, p, lang) for p in content.policies]
        context["all_policies"] = [view for view in views_of if view.history]
        context["all_vendors"] = vendor_rows(
            content.vendors, content.today, lang, build.language.gettext
        )
    return context


def index_follow(output: str, page: Page, config: MkDocsConfig) -> None:
    """/follow/ in the search index: its template writes every word, which Material's index
    (fed the page's Markdown, empty here) never sees; the finished page's words under its
    title are indexed instead, so "e-mail", "calendar" or "feed" finds the page."""
    index = _search_index(config)
    found = FOLLOW_BODY.search(output) if norm_src_uri(page.file) == FOLLOW else None
    if index is None or found is None:
        return
    title = f'<h1 id="page-title">{escape(page.title)}</h1>'
    index.add_entry_from_context(_as_indexed(page, content=title + found["body"]))


def index_vendors(index: Any, page: Page, build: BuildContext, dirs: Sequence[str]) -> None:
    """Each listed vendor as a section of the vendors page in Material's search ``index``,
    at the vendor's ``#id``. Given no table of contents: Material looks each section's id
    up in it by a walk of the whole table (one walk per vendor: the square of the vendors,
    2 million steps for 2,000), to find the ``#<id>`` the section's own id gives it anyway."""
    index.add_entry_from_context(
        _as_indexed(page, content=_vendor_sections(build, dirs), toc=TableOfContents([]))
    )


def _index_version(index: Any, page: Page, build: BuildContext, policy_id: str, slug: str):
    """A version page in search: left out while in effect (its policy's main page is the same
    text), else ranked low with its state in its title. The page itself keeps its title."""
    content, language = build.content, build.language
    policy = content.policy(policy_id)
    version = policy.version(slug) if policy else None
    if version is None:
        return
    state = policy.state(version, content.today)
    page.meta["search"] = {"exclude": True}  # Material's own pass leaves it to us
    if state is State.IN_EFFECT:
        return
    if state is State.SUPERSEDED:
        label = language.fill("version of %(date)s, no longer in effect", date=version.effective)
    else:
        label = language.fill("version taking effect on %(date)s", date=version.effective)
    boost = ARCHIVED_BOOST if state is State.SUPERSEDED else ANNOUNCED_BOOST
    meta = {**page.meta, "title": Markup(f"{escape(page.title)} ({escape(label)})")}
    meta["search"] = {"boost": boost}
    index.add_entry_from_context(_as_indexed(page, meta=meta))


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index for this build, or ``None`` when search is off."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


def _as_indexed(page: Page, **changes: Any) -> SimpleNamespace:
    """The parts of a page that Material's indexer reads, some of them replaced."""
    parts = {"meta": page.meta, "content": page.content, "toc": page.toc, "url": page.url}
    parts["title"] = page.title
    return SimpleNamespace(**{**parts, **changes})


@dataclass(frozen=True)
class VendorSection:
    """A listed vendor as the search index reads it (``vendor_sections`` in
    overrides/partials/fragments.html): a heading with its id, then its words."""

    id: str
    name: str
    words: tuple[str, ...]  # provider, category, purpose, what it collects (empty ones too)


def _vendor_sections(build: BuildContext, dirs: Sequence[str]) -> str:
    """One section per listed vendor, by the macro in the theme's folders ``dirs``."""
    sections = []
    content = build.content
    for group in vendor_rows(content.vendors, content.today, build.lang, build.language.gettext):
        for row in group["vendors"]:
            words = [row["provider"], group["label"], row["purpose"]]
            words += [item["text"] for item in row["data_collected"]]
            sections.append(VendorSection(row["id"], row["name"], tuple(words)))
    return str(macros(dirs, build.language).vendor_sections(sections))
