"""MkDocs hooks that keep every page safe to publish and every problem in it located.

- Page text is checked against the allowlist after rendering and always sanitized
  (``privacy_site.html.sanitize``); anything outside it fails the build, naming the file and
  the line of the Markdown where it is written. The content checks found the same before
  any page was rendered (``privacy_site.reading.rendering``, shared with ``privacy-site check``);
  a page they could not render is rendered empty.
- No file reached through a link under docs/ or overrides/ is copied or rendered
  (``privacy_site.reading.symlinks``).
- Front matter titles are escaped once, here, so the theme prints them as text wherever it
  puts them (header, tabs, navigation, ``<title>``).
- An id used twice on a finished page fails the build.
- Every page gets its Content-Security-Policy (``privacy_site.html.csp``), which allows only
  the inline scripts the theme's templates write; any other inline script on a finished
  page is taken out and fails the build.
- MkDocs' own link warnings are rewritten to name ``docs/<file>:<line>`` and the fix.

Problems are collected over the whole language build and reported together at its end;
the build's output is never published when there is one (``make build`` swaps folders
only on success).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

import lxml.html
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from privacy_site.adapter.site_context import PROCESS, current
from privacy_site.html import csp, sanitize
from privacy_site.model.problems import ContentError, Problem, errors
from privacy_site.reading import symlinks

# Hooks ------------------------------------------------------------------------------
# `mkdocs serve` injects its own inline live-reload script into every page it serves,
# after the build: a policy with script hashes would block it, so previews go without.


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.privacy_page_problems = []
    _install_link_messages(Path(config.docs_dir))
    dirs = tuple(str(folder) for folder in config.theme.dirs)
    if dirs not in _KNOWN_SCRIPTS:  # once per process: the templates do not change
        _KNOWN_SCRIPTS[dirs] = csp.theme_scripts(dirs)
    config.privacy_known_scripts = _KNOWN_SCRIPTS[dirs]
    return config


@event_priority(100)  # before mkdocs-static-i18n (-100) lists each language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Nothing reached through a link under docs/ or overrides/ is copied or rendered
    (the content checks name each link; ``privacy_site.reading.symlinks``)."""
    roots = [Path(config.docs_dir)] + (
        [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    )
    for file in list(files):
        source = Path(file.abs_src_path) if file.abs_src_path else None
        if source is not None and any(symlinks.link_on_the_way(source, root) for root in roots):
            files.remove(file)
    return files


_KNOWN_SCRIPTS: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _display(config, page) in current(config).content.unrenderable:
        return ""  # only a preview gets here: its problem is shown at the top of the page
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = Markup(escape(title))
    return markdown


@event_priority(100)  # before any other hook reads the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = _source(config, page)
    if source is not None:
        for problem in errors(sanitize.problems(_display(config, page), html, source)):
            _problem(config, problem)  # its reminders (an http:// link) were said with the
            # content's, once for the site, before any page was rendered
    return sanitize.clean(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    root = lxml.html.document_fromstring(output)
    counts = Counter(element.get("id") for element in root.iter() if element.get("id"))
    source = _source(config, page)
    for anchor, count in sorted(counts.items()):
        if count > 1:
            line = _locate_id(source, anchor) if source else None
            _problem(
                config,
                Problem(
                    _display(config, page),
                    line,
                    message=f"the id '{anchor}' is used {count} times on the page (the page's "
                    "template may use it too), so links to it cannot say which they mean: "
                    f"give the heading another id, for example {{#{anchor}-2}}",
                ),
            )
    if PROCESS.serving:
        return output
    return _guarded(config, output, _display(config, page), root)  # parsed once


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html") and not PROCESS.serving:
        return _guarded(config, output, template_name)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    found = getattr(config, "privacy_page_problems", [])
    for problem in errors(current(config).content.page_problems):  # found before rendering
        _problem(config, problem)
    if found:
        raise PluginError(ContentError(found).report())


# Helper functions ---------------------------------------------------------------------


def _guarded(config: MkDocsConfig, output: str, display: str, root: object = None) -> str:
    """The finished page with its policy, and without any inline script that the theme's
    templates do not write (reported: something put it there, most likely a setting)."""
    known = config.privacy_known_scripts
    root = lxml.html.document_fromstring(output) if root is None else root
    foreign = csp.unexpected_scripts(root, known)
    for text in foreign:
        shown = " ".join(text.split())[:60]
        _problem(
            config,
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


def _problem(config: MkDocsConfig, problem: Problem) -> None:
    if problem not in config.privacy_page_problems:
        config.privacy_page_problems.append(problem)


def _src_uri(page: Page) -> str:
    """The file staff edit for this page: a policy's main page names its version file."""
    return str(page.meta.get("source_file") or page.file.src_uri)


def _display(config: MkDocsConfig, page: Page) -> str:
    return f"{Path(config.docs_dir).name}/{_src_uri(page)}"


def _source(config: MkDocsConfig, page: Page) -> str | None:
    """The Markdown file behind the page as staff wrote it (front matter included, so lines
    match); ``None`` for a page the templates make alone (a redline)."""
    path = Path(config.docs_dir) / _src_uri(page)
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


LINK_WARNING = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?:a link to|an? (?:absolute |unrecognized relative )?"
    r"link) '(?P<link>[^']*)'(?P<rest>.*)$",
    re.DOTALL,
)


class _LinkMessages(logging.Filter):
    """MkDocs names a page as ``en/x.md`` with no line (a broken link, a page in no menu); say
    which file, where, and what to do."""

    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        match = LINK_WARNING.match(record.getMessage())
        if match:
            src, link, rest = match.group("src", "link", "rest")
            rest = re.sub(r"^,?\s*but\s+", ": ", rest)
            path = self.docs_dir / src
            line = None
            try:
                text = path.read_text(encoding="utf-8")
                line = sanitize.locate(text, f"({link}") or sanitize.locate(text, link)
            except (OSError, UnicodeDecodeError):
                pass
            where = f"{self.docs_dir.name}/{src}" + (f":{line}" if line else "")
            record.msg = (
                f"{where}: the link '{link}'{rest.rstrip('.')}. Links between pages name the "
                "other page's .md file relative to this one (policies/index.md), and "
                "'#anchor' must be the id of a heading on that page"
            )
            record.args = ()
        elif record.getMessage().startswith(NOT_IN_NAV):
            pages = [line.strip()[2:] for line in record.getMessage().splitlines()[1:]]
            record.msg = "\n".join(
                f"{self.docs_dir.name}/{page}: the page is in no menu, so readers cannot find "
                "it: add it under 'nav:' in mkdocs.yml (a line such as '- Title: "
                f"{page.split('/', 1)[-1]}'), or delete the file"
                for page in pages
            )
            record.args = ()
        return True


NOT_IN_NAV = "The following pages exist in the docs directory, but are not included"


def _install_link_messages(docs_dir: Path) -> None:
    # ProperDocs, the maintained MkDocs 1.x, logs the same messages under its own name.
    for name in (
        "mkdocs.structure.pages",
        "mkdocs.structure.nav",
        "properdocs.structure.pages",
        "properdocs.structure.nav",
    ):
        logger = logging.getLogger(name)
        for existing in [f for f in logger.filters if isinstance(f, _LinkMessages)]:
            logger.removeFilter(existing)
        logger.addFilter(_LinkMessages(docs_dir))
