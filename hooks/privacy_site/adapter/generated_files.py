"""Adding generated pages to an mkdocs-static-i18n build, one language at a time.

i18n rewrites the file list in its ``on_files`` (priority -100) for the language being
built, so generated pages are added after it, already placed for that language, with the
attributes i18n's templates and language switcher read.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from privacy_site.adapter.internals import place
from privacy_site.adapter.site_context import BuildContext


def dest_for(norm_src_uri: str, lang: str, default: str) -> str:
    """``policies/x/index.md`` -> ``es/policies/x/index.html``; non-index pages get a folder."""
    stem = norm_src_uri.removesuffix(".md")
    path = f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
    return path if lang == default else f"{lang}/{path}"


def add_page(
    files: Files,
    config: MkDocsConfig,
    build: BuildContext,
    norm_src_uri: str,
    markdown: str,
    *,
    only_here=False,
) -> File:
    """Add a generated Markdown page at ``norm_src_uri`` for the language being built;
    ``only_here``: a page this language alone has, whose language switcher leads to the
    other languages' home pages."""
    lang, default = build.lang, build.default
    page = _generated(config, norm_src_uri, markdown, lang, default)
    elsewhere = "index.md" if only_here else norm_src_uri
    alternates = {
        other: page if other == lang else _generated(config, elsewhere, "", other, default)
        for other in build.built
    }
    place(page, norm_src_uri, lang, alternates)
    existing = files.get_file_from_path(page.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(page)
    return page


def add_static(
    files: Files, config: MkDocsConfig, build: BuildContext, path: str, content: str | bytes
) -> File:
    """Add a generated non-page file (feed, JSON) at ``path`` under the language's folder."""
    lang = build.lang
    file = File.generated(config, f"{lang}/{path}", content=content)
    file.dest_uri = path if lang == build.default else f"{lang}/{path}"
    place(file, path, lang, {lang: file})
    files.append(file)
    return file


def _generated(config: MkDocsConfig, norm: str, markdown: str, lang: str, default: str) -> File:
    # Not in the nav config by design: hooks place the pages that belong in the nav.
    file = File.generated(
        config, f"{lang}/{norm}", content=markdown, inclusion=InclusionLevel.NOT_IN_NAV
    )
    file.dest_uri = dest_for(norm, lang, default)
    return place(file, norm, lang)


TITLE_ANCHOR = "page-title"


def under_template_title(page, body) -> None:
    """The table of contents of a page whose body was fit under its template's title
    (``privacy_site.html.headings.under_title``): without the body's own title, one level down
    where the body's headings were."""
    entries = list(page.toc)
    if body.title_id is not None and entries and entries[0].id == body.title_id:
        entries = list(entries[0].children) + entries[1:]
    if body.demoted:

        def down(links) -> None:
            for link in links:
                link.level = min(link.level + 1, 6)
                down(link.children)

        down(entries)
    page.toc = TableOfContents(entries)


def anchor_title(page) -> None:
    """Make a template-written ``<h1 id="page-title">`` the first table-of-contents entry,
    so Material's "Skip to content" link lands on the title, not on the first section."""
    link = AnchorLink(page.title, TITLE_ANCHOR, 1)
    link.children = list(page.toc)
    page.toc = TableOfContents([link])
