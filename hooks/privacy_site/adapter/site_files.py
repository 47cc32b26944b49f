"""What the theme asks for in every language, in an MkDocs build (``site_files.py``).

Material's language switcher fetches ``sitemap.xml`` beside every ``rel=alternate`` link
(``/es/sitemap.xml``); mkdocs-static-i18n writes only the root one, and lists only the
pages it placed. Once the last language is built, the root sitemap is written again from
the finished site (``privacy_site.outputs.sitemap``: every page a reader can reach, with its
alternates) and copied into each language's folder.

The site has one 404 page, the source language's, written by its build alone; rendered
after all pages, it would otherwise keep the last page's language links. The theme's own
files are copied once, by the source language's build; the site's own stylesheet without
its comments.

Material expects those ``rel=alternate`` links to be language *roots*, but i18n points
them at the same page in each language (right for readers): Material would then fetch
``<page>/sitemap.xml`` for every page, a 404 each time. The language switcher, which
works without JavaScript, keeps the per-page links; the ``<head>`` links are dropped
(``without_language_links``) so nothing asks for a file that cannot exist.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from privacy_site.adapter.internals import alternate_links
from privacy_site.adapter.site_context import BuildContext
from privacy_site.html.stylesheets import without_comments
from privacy_site.model.state_laws import STATE_PAGES, STATE_PAGES_AFTER
from privacy_site.outputs import sitemap


def state_pages_in_menu(config: MkDocsConfig) -> None:
    """The pages a state's law asks for (``model.state_laws.STATE_PAGES``) that the district
    has, in the menu after the student data page: the engine's menu stays the engine's,
    so an upgrade's change to it reaches the district. A page the menu already names, or
    one the district does not have, is left as it is."""
    nav = config.nav
    if not isinstance(nav, list):
        return
    docs = Path(config.docs_dir)
    named = {_menu_page(entry) for entry in nav}
    wanted = sorted({page for pages in STATE_PAGES.values() for page in pages})
    for page in wanted:
        if page in named or not any(docs.glob(f"*/{page}")):
            continue
        after = [i for i, entry in enumerate(nav) if _menu_page(entry) == STATE_PAGES_AFTER]
        nav.insert(after[0] + 1 if after else len(nav), page)


def _menu_page(entry: Any) -> Any:
    """The file a menu entry names (``page.md`` or ``{Title: page.md}``); else ``None``."""
    if isinstance(entry, dict) and len(entry) == 1:
        entry = next(iter(entry.values()))
    return entry if isinstance(entry, str) else None


def one_404_page(config: MkDocsConfig, build: BuildContext) -> None:
    """One 404 page for the site, in the source language: the host sends it for every
    missing address. Each language's build wrote it again over the last, so the site's
    404 page was the last language's (Korean)."""
    if build.lang != build.default:
        config.theme.static_templates.discard("404.html")


def theme_files_once(files: Files, config: MkDocsConfig, build: BuildContext) -> None:
    """The theme's files (CSS, JavaScript, icons) are the same in every language and the
    source language's build has copied them to the site's root: each other language copied
    them all again (9 x 53 files a build), and under ``mkdocs serve`` a page could be sent
    a stylesheet half rewritten. A file is left out only when its copy is already there
    and not older than its source (MkDocs' own test for a file to copy again)."""
    lang = build.lang
    if lang == build.default:
        for file in files:
            if file.src_uri in config.extra_css:  # the site's own, sent without comments
                file.content_string = without_comments(file.content_string)
        return
    for file in [f for f in files if _copied_already(f, lang)]:
        files.remove(file)


def _copied_already(file: Any, lang: str) -> bool:
    if file.is_documentation_page() or file.dest_uri.startswith(f"{lang}/"):
        return False
    if file.generated_by is not None or not file.abs_src_path:
        return False
    target = Path(file.abs_dest_path)
    try:
        return target.stat().st_mtime >= Path(file.abs_src_path).stat().st_mtime
    except OSError:
        return False


def sitemaps(config: MkDocsConfig, build: BuildContext) -> None:
    """Once every language is built. Each language's build writes the root sitemap again,
    with the languages built so far: copied once the last is built (copied after each
    language's own build, /es/'s listed 2 of 10 languages' pages, /ko/'s all ten)."""
    default, built = build.default, build.built
    site = Path(config.site_dir)
    if config.site_url and (site / "sitemap.xml").exists():
        found = sitemap.pages(site, default, built)
        _write_sitemap(site, sitemap.render(found, config.site_url, default, built))
    for lang in built:
        if lang == default:
            continue
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).exists():
                shutil.copyfile(site / name, site / lang / name)


def _write_sitemap(site: Path, xml: str) -> None:
    """The sitemap and its gzip copy, the copy dated as MkDocs dated the one it replaces
    (the build's timestamp), so two builds of the same sources are byte-identical."""
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    packed = site / "sitemap.xml.gz"
    header = packed.read_bytes()[:8] if packed.exists() else b""
    mtime = int.from_bytes(header[4:8], "little") if len(header) == 8 else 0
    with (
        packed.open("wb") as stream,
        gzip.GzipFile(filename=str(packed), mode="wb", fileobj=stream, mtime=mtime) as gz,
    ):
        gz.write(xml.encode("utf-8"))


def language_links_for_404(template_name: str, config: MkDocsConfig) -> None:
    """The 404 page, a theme template rendered after every page, has i18n's language links
    again (as i18n sets them for pages)."""
    links = alternate_links(config) if template_name == "404.html" else None
    if links:
        config.extra.alternate = links
