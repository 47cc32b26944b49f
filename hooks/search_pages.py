"""MkDocs hooks for search: what Material's index holds, and a page for readers without it.

- The vendors page is drawn by its template, which the search index never sees: each
  vendor is added to the index as a section at the vendor's ``#id`` (name, provider,
  category, purpose, what it collects), so "Google Analytics" finds it.
- A version's own page ranks below the policy's main page (the version in effect); an
  archived or announced version says so in its result's title. The version in effect is
  left out: its policy's main page is the same text.
- ``/all-pages/`` lists every page, policy version and tool, for readers without
  JavaScript, where Material's search cannot run (the header links to it).

Thin adapter; runs once per language.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from privacy_site.adapter.generated_files import add_page, anchor_title
from privacy_site.adapter.internals import norm_src_uri
from privacy_site.adapter.site_context import BuildContext, current, macros
from privacy_site.model.policies import State
from privacy_site.model.urls import MAIN_SRC, VERSION_SRC
from privacy_site.outputs import policy_views, search_index
from privacy_site.outputs.vendor_views import vendor_rows
from privacy_site.reading import frontmatter

ALL_PAGES = "all-pages.md"
ARCHIVED_BOOST = 0.1
ANNOUNCED_BOOST = 0.5
MAIN_BOOST = 2.0


@event_priority(-50)  # after the other hooks have finished the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build = current(config)
    if build.lang == build.default:
        return output
    return search_index.rebase_config(output, build.lang)


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged search
def on_post_build(config: MkDocsConfig) -> None:
    build = current(config)
    if build.in_language_loop:
        return  # the merged index is not written yet
    default, built = build.default, build.built
    material = Path(importlib.util.find_spec("material").origin).parent
    lunr = material / "templates" / "assets" / "javascripts" / "lunr" / "min"
    shipped = {p.name.split(".")[1] for p in lunr.glob("lunr.*.min.js")}
    search_index.split(Path(config.site_dir), built, default, shipped)


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = current(config)
    language = build.language
    meta = {
        "title": language.gettext("Every page, policy version and tool"),
        "template": "all-pages.html",
        "search": {"exclude": True},
    }
    add_page(files, config, build, ALL_PAGES, frontmatter.page_text(meta))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if norm_src_uri(page.file) == ALL_PAGES:
        anchor_title(page)  # the template writes the <h1>: "Skip to content" lands on it
    return html


@event_priority(10)  # after i18n (50) has set the page's language, before search (0)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    build = current(config)
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
