"""MkDocs hooks for policies: load and check the content, make each language build's
context, place each version, and add each policy's main page (the version in effect,
with its history and notices).

Thin adapter: the rules live in ``privacy_site``; what knows MkDocs in
``privacy_site.adapter`` (``build_checks``, ``policies``). Runs once per language
(mkdocs-static-i18n rebuilds the site for each). The first hook: its ``on_config`` makes
the context every other hook asks for (``site_context.current``).
"""

from __future__ import annotations

import os
from typing import Any

from privacy_site.adapter import pdf_files, policies
from privacy_site.adapter.build_checks import build_context, built_summary
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, Navigation, Page, event_priority
from privacy_site.adapter.site_context import current, finish, process, start


def on_startup(command: str, dirty: bool) -> None:
    process().serving = command == "serve"
    # An empty SOURCE_DATE_EPOCH means "today" to the site (privacy_site.model.dates.build_date);
    # MkDocs reads the variable too, later, and stops on an empty one with a traceback.
    if not os.environ.get("SOURCE_DATE_EPOCH", "unset").strip():
        del os.environ["SOURCE_DATE_EPOCH"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    start(build_context(config))
    return config


@event_priority(-300)  # the very end: after every language and the search indexes
def on_post_build(config: MkDocsConfig) -> None:
    build = current(config)
    if not build.in_language_loop:  # the others are built inside this one's end
        built_summary(build)
    finish(build)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """The site's words in the language being built: ``_`` (text), ``say`` and ``nsay``
    (HTML with slots filled), ``language`` (dates, direction, English marking)."""
    build = current(config)
    build.pages_rendered(files)  # every page is rendered: the redlines read their HTML
    pdf_files.add_pdfs(files, config, build)  # and the PDFs are made from it
    language = build.language
    # MkDocs makes a new environment for each language: compile each template once per
    # process, not once per language (keyed by its source, so an edit recompiles it).
    env.bytecode_cache = build.process.templates
    env.globals.update(
        _=language.gettext,
        say=language.say,
        nsay=language.nsay,
        fill=language.fill,
        language=language,
    )
    env.filters["long_date"] = lambda day, *_: language.date(day)
    return env


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    policies.place_versions(files, config, current(config))
    return files


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    policies.gather_policies(nav, files, current(config))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return policies.markdown_of(markdown, page, current(config))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return policies.under_title(html, page)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    return policies.page_context(context, page, current(config))
