"""Policies in an MkDocs build: each version placed (a scheduled one left out, the others
linked from their policy's history, not the menu), each policy's main page added (the
version in effect, in this language), every policy under the Policies menu entry, and
the page data the ``policy.html`` template reads.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from privacy_site.adapter import pdf_files
from privacy_site.adapter.generated_files import add_page, anchor_title, under_template_title
from privacy_site.adapter.internals import norm_src_uri
from privacy_site.adapter.site_context import BuildContext
from privacy_site.html import headings
from privacy_site.model.policies import State, Version
from privacy_site.model.urls import MAIN_SRC, VERSION_SRC
from privacy_site.outputs import policy_views
from privacy_site.reading import frontmatter

POLICY_INDEX = "policies/index.md"


def policy_page(page: Page) -> re.Match[str] | None:
    """A version's page (``policy`` and ``slug``) or a policy's main page (``policy``)."""
    src = norm_src_uri(page.file)
    return VERSION_SRC.match(src) or MAIN_SRC.match(src)


def place_versions(files: Files, config: MkDocsConfig, build: BuildContext) -> None:
    content = build.content
    by_src = {norm_src_uri(f): f for f in files.documentation_pages()}
    for policy in content.policies:
        for version in policy.versions:
            file = by_src.get(f"policies/{policy.id}/{version.slug}.md")
            if file is None:
                continue
            if policy.state(version, content.today) is State.SCHEDULED:
                files.remove(file)
            else:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # linked from the policy's history
        shown = policy.current(content.today)
        if shown is None:
            continue
        source = by_src[f"policies/{policy.id}/{shown.slug}.md"]
        main = f"policies/{policy.id}/index.md"
        add_page(files, config, build, main, _main_page(source, shown))
        build.placed_main_page(main, source)


def gather_policies(nav: Navigation, files: Files, build: BuildContext) -> None:
    """Put every policy under the Policies entry, so a new folder needs no nav edit."""
    for index, item in enumerate(nav.items):
        if isinstance(item, Page) and norm_src_uri(item.file) == POLICY_INDEX:
            children: list[Any] = [item]
            pages: dict[str, Any] = {}
            for file in files.documentation_pages():
                pages.setdefault(norm_src_uri(file), file.page)
            for row in build.shared.policies:
                page = pages.get(f"policies/{row.policy}/index.md")
                if page is not None:
                    children.append(page)
            section = Section(item.title, children)
            for child in children:
                child.parent = section
            nav.items[index] = section


def markdown_of(markdown: str, page: Page, build: BuildContext) -> str:
    """A policy page's Markdown, with its template. A translation of the title (and
    summary) alone: the English text, which the template marks as English under the
    translated title, with the notice."""
    match = policy_page(page)
    if not match:
        return markdown
    page.meta["template"] = "policy.html"
    if not markdown.strip() and build.lang != build.default:
        policy = build.content.policy(match["policy"])
        slug = match.groupdict().get("slug")
        if policy is None:
            shown = None
        elif slug:
            shown = policy.version(slug)
        else:
            shown = policy.current(build.content.today)
        if shown is not None:
            return shown.body
    return markdown


def under_title(html: str, page: Page) -> str:
    """A policy page's body fit under the one ``<h1>`` its template writes."""
    if not policy_page(page):
        return html
    body = headings.under_title(html)
    under_template_title(page, body)
    anchor_title(page)
    return body.html


def page_context(context: dict[str, Any], page: Page, build: BuildContext) -> dict[str, Any]:
    """``privacy`` on every page; ``policy`` on a policy's pages."""
    context["privacy"] = build.shared
    match = policy_page(page)
    policy = build.content.policy(match["policy"]) if match else None
    if policy is not None:
        slug = match.groupdict().get("slug")
        version = policy.version(slug) if slug else None
        context["policy"] = policy_views.policy_view(build.content, policy, build.lang, version)
        context["pdfs"] = pdf_files.links(build)  # each version's PDF (policy-pdf.html)
    return context


def _main_page(source: File, version: Version) -> str:
    """The Markdown of a policy's main page: the shown version's text (in this language)."""
    parsed = frontmatter.parse(source.content_string)
    title = parsed.fields.get("title")
    meta = {"title": title if isinstance(title, str) and title.strip() else version.title}
    return frontmatter.page_text(meta, parsed.body)
