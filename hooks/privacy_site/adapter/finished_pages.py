"""Every page safe to publish and every problem in it located (``page_safety.py``).

- Page text is checked against the allowlist after rendering and always sanitized
  (``privacy_site.html.sanitize``); anything outside it fails the build, naming the file and
  the line of the Markdown where it is written. The content checks found the same before
  any page was rendered (``privacy_site.reading.rendering``, shared with ``privacy-site check``);
  a page they could not render is rendered empty.
- No file reached through a link under docs/ or overrides/ is copied or rendered
  (``privacy_site.reading.symlinks``).
- Front matter titles are escaped once, so the theme prints them as text wherever it
  puts them (header, tabs, navigation, ``<title>``).
- An id used twice on a finished page fails the build.
- Every page gets its Content-Security-Policy (``privacy_site.html.csp``), which allows only
  the inline scripts the theme's templates write; any other inline script on a finished
  page is taken out and fails the build. ``mkdocs serve`` injects its own inline
  live-reload script into every page it serves, after the build: a policy with script
  hashes would block it, so previews go without.

Problems are collected over the whole language build (``BuildContext.page_problems``) and
reported together at its end; the build's output is never published when there is one
(``make build`` swaps folders only on success).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from privacy_site.adapter.site_context import BuildContext
from privacy_site.html import csp, sanitize
from privacy_site.model.problems import ContentError, Problem, errors
from privacy_site.reading import symlinks


def without_linked_files(files: Files, config: MkDocsConfig) -> None:
    """Nothing reached through a link under docs/ or overrides/ is copied or rendered
    (the content checks name each link; ``privacy_site.reading.symlinks``)."""
    roots = [Path(config.docs_dir)] + (
        [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    )
    for file in list(files):
        source = Path(file.abs_src_path) if file.abs_src_path else None
        if source is not None and any(symlinks.link_on_the_way(source, root) for root in roots):
            files.remove(file)


def markdown_of(markdown: str, page: Page, config: MkDocsConfig, build: BuildContext) -> str:
    """The page's Markdown, with its title escaped; empty when it could not be rendered."""
    if _display(config, page, build) in build.content.unrenderable:
        return ""  # only a preview gets here: its problem is shown at the top of the page
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = Markup(escape(title))
    return markdown


def sanitized(html: str, page: Page, config: MkDocsConfig, build: BuildContext) -> str:
    source = _source(config, page, build)
    if source is not None:
        for problem in errors(sanitize.problems(_display(config, page, build), html, source)):
            build.problem(problem)  # its reminders (an http:// link) were said with the
            # content's, once for the site, before any page was rendered
    return sanitize.clean(html)


def finished_page(output: str, page: Page, config: MkDocsConfig, build: BuildContext) -> str:
    """The finished page, its ids checked, with its security policy (not in a preview)."""
    root = lxml.html.document_fromstring(output)
    counts = Counter(element.get("id") for element in root.iter() if element.get("id"))
    source = _source(config, page, build)
    for anchor, count in sorted(counts.items()):
        if count > 1:
            line = _locate_id(source, anchor) if source else None
            build.problem(
                Problem(
                    _display(config, page, build),
                    line,
                    message=f"the id '{anchor}' is used {count} times on the page (the page's "
                    "template may use it too), so links to it cannot say which they mean: "
                    f"give the heading another id, for example {{#{anchor}-2}}",
                ),
            )
    if build.serving:
        return output
    return guarded(build, output, _display(config, page, build), root)  # parsed once


def finished_template(output: str, template_name: str, build: BuildContext) -> str:
    if template_name.endswith(".html") and not build.serving:
        return guarded(build, output, template_name)
    return output


def report(build: BuildContext) -> None:
    """Stop the build on any problem found in its pages."""
    for problem in errors(build.content.page_problems):  # found before rendering
        build.problem(problem)
    if build.page_problems:
        raise PluginError(ContentError(build.page_problems).report())


def guarded(build: BuildContext, output: str, display: str, root: object = None) -> str:
    """The finished page with its policy, and without any inline script that the theme's
    templates do not write (reported: something put it there, most likely a setting)."""
    known = build.known_scripts
    root = lxml.html.document_fromstring(output) if root is None else root
    foreign = csp.unexpected_scripts(root, known)
    for text in foreign:
        shown = " ".join(text.split())[:60]
        build.problem(
            Problem(
                display,
                message=f"the finished page holds an inline script that neither the theme nor "
                f"the site writes ('{shown}'); it was taken out and is not allowed to run. It "
                "came from the content or from a setting in mkdocs.yml: run `privacy-site "
                "check`, and write settings as plain text and https:// addresses",
            ),
        )
    if foreign:
        output = csp.without(output, foreign)
        root = None
    return csp.with_policy(output, root, known)


def _display(config: MkDocsConfig, page: Page, build: BuildContext) -> str:
    return f"{Path(config.docs_dir).name}/{build.source_of(page)}"


def _source(config: MkDocsConfig, page: Page, build: BuildContext) -> str | None:
    """The Markdown file behind the page as staff wrote it (front matter included, so lines
    match); ``None`` for a page the templates make alone (a redline)."""
    path = Path(config.docs_dir) / build.source_of(page)
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _locate_id(source: str, anchor: str) -> int | None:
    """The line that gives a heading the id ``anchor`` ({#id} or id="id"), if written."""
    match = re.search(
        rf"(\{{[^}}\n]*#{re.escape(anchor)}[\s}}])|(id=[\"']{re.escape(anchor)}[\"'])", source
    )
    return source.count("\n", 0, match.start()) + 1 if match else None
