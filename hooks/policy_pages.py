"""MkDocs hooks for policies: load and check the content, place each version, and add
each policy's main page (the version in effect, with its history and notices).

Thin adapter: the rules live in ``privacy_site``; this file moves MkDocs objects to plain
data and back. Runs once per language (mkdocs-static-i18n rebuilds the site for each).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from privacy_site.adapter.generated_files import (
    add_page,
    anchor_title,
    in_language_loop,
    language_names,
    languages,
    norm_src_uri,
    under_template_title,
)
from privacy_site.adapter.site_context import (
    PROCESS,
    BuildContext,
    current,
    list_theme_once,
    project_dir,
    start,
)
from privacy_site.content import Content
from privacy_site.html import headings
from privacy_site.languages.language import load_language
from privacy_site.model import dates
from privacy_site.model.policies import State, Version
from privacy_site.model.problems import ContentError, Problem, errors, warnings
from privacy_site.outputs import policy_views
from privacy_site.reading import frontmatter, site_config
from privacy_site.reading.mkdocs_yml import read_project
from privacy_site.reading.rendering import MarkdownSettings
from privacy_site.reading.settings import read_settings
from privacy_site.staff import checks

VERSION_SRC = re.compile(r"^policies/(?P<policy>[^/]+)/(?P<slug>[0-9]{4}-[0-9]{2}-[0-9]{2})\.md$")
MAIN_SRC = re.compile(r"^policies/(?P<policy>[^/]+)/index\.md$")
POLICY_INDEX = "policies/index.md"

# Outside the "mkdocs" logger on purpose: a reminder such as an unset contact address is
# shown on every build but must not fail a strict build.
notice_log = logging.getLogger("privacy_site")
if not notice_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    notice_log.addHandler(_handler)
    notice_log.propagate = False
    notice_log.setLevel(logging.INFO)


# Hooks ------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    PROCESS.serving = command == "serve"
    # An empty SOURCE_DATE_EPOCH means "today" to the site (privacy_site.model.dates.build_date);
    # MkDocs reads the variable too, later, and stops on an empty one with a traceback.
    if not os.environ.get("SOURCE_DATE_EPOCH", "unset").strip():
        del os.environ["SOURCE_DATE_EPOCH"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang, default, built = languages(config)
    settings, _ = read_settings(config.extra)
    date_problem = None
    try:
        today = dates.build_date(settings.timezone)
    except dates.SettingError as exc:
        today = dates.build_date(settings.timezone, environ={})  # to report everything else
        date_problem = Problem("environment", message=str(exc))
    project = project_dir(config)
    list_theme_once(config)
    PROCESS.redlines.cache_dir = project / ".cache" / "redlines"  # git-ignored
    markdown = MarkdownSettings(tuple(config.markdown_extensions), config.mdx_configs or {})
    content = PROCESS.content.load(
        Path(config.docs_dir),
        today,
        config.extra,
        default,
        built,
        project / "vendors.yml",
        markdown=markdown,
        config_file=Path(config.config_file_path),
    )
    names = language_names(config)
    checked = checks.run_once(read_project(Path(config.config_file_path)), content)
    found = checked.problems + ([date_problem] if date_problem else [])  # as `check` finds
    language = load_language(lang, names.get(lang))[0]
    shown: list[Problem] = []
    later = content.page_problems  # page_safety reports them once the pages are rendered
    # A setting of mkdocs.yml reaches every page, so even a preview stops for one.
    unsafe = [p for p in errors(found) if p.file == site_config.SOURCE]
    if unsafe or (not PROCESS.serving and any(p not in later for p in errors(found))):
        raise PluginError(ContentError(errors(found)).report())
    if errors(found):  # a preview: say so in the terminal and on every page, keep serving
        shown = sorted(errors(found))
        if lang == default:
            notice_log.error(ContentError(shown).report())
    if lang == default:
        for problem in warnings(found):
            notice_log.warning(str(problem))
        notice_log.info("Building the site as of %s", today.isoformat())
    start(
        BuildContext(
            content=content,
            language=language,
            default=default,
            built=built,
            names=names,
            site_url=config.site_url or None,
            problems=shown,
        )
    )
    return config


@event_priority(-300)  # the very end: after every language and the search indexes
def on_post_build(config: MkDocsConfig) -> None:
    if in_language_loop(config):
        return  # the others follow
    _, _, built = languages(config)
    build = current(config)
    loads = PROCESS.content.loads
    redlines = PROCESS.redlines
    notice_log.info(
        "Built %d language%s as of %s: content read %s, %d redline%s computed%s",
        len(built),
        "" if len(built) == 1 else "s",
        build.today.isoformat(),
        "once" if loads == 1 else f"{loads} times",
        redlines.computed,
        "" if redlines.computed == 1 else "s",
        f", {redlines.from_disk} read from .cache/redlines" if redlines.from_disk else "",
    )


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """The site's words in the language being built: ``_`` (text), ``say`` and ``nsay``
    (HTML with slots filled), ``language`` (dates, direction, English marking)."""
    language = current(config).language
    # MkDocs makes a new environment for each language: compile each template once per
    # process, not once per language (keyed by its source, so an edit recompiles it).
    env.bytecode_cache = PROCESS.templates
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
    content = _content(config)
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
        page = add_page(files, config, f"policies/{policy.id}/index.md", _main_page(source, shown))
        page.text_locale = getattr(source, "locale", None)  # the text's language, maybe English
    return files


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Put every policy under the Policies entry, so a new folder needs no nav edit."""
    for index, item in enumerate(nav.items):
        if isinstance(item, Page) and norm_src_uri(item.file) == POLICY_INDEX:
            children: list[Any] = [item]
            pages: dict[str, Any] = {}
            for file in files.documentation_pages():
                pages.setdefault(norm_src_uri(file), file.page)
            for row in current(config).shared["policies"]:
                page = pages.get(f"policies/{row['policy']}/index.md")
                if page is not None:
                    children.append(page)
            section = Section(item.title, children)
            for child in children:
                child.parent = section
            nav.items[index] = section
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = norm_src_uri(page.file)
    match = VERSION_SRC.match(src) or MAIN_SRC.match(src)
    if match:
        page.meta["template"] = "policy.html"
        build = current(config)
        if not markdown.strip() and build.lang != build.default:
            # A translation of the title (and summary) alone: the English text, which the
            # template marks as English under the translated title, with the notice.
            policy = build.content.policy(match["policy"])
            slug = match.groupdict().get("slug")
            versions = policy.versions if policy else ()
            shown = (
                next((v for v in versions if v.slug == slug), None)
                if slug or policy is None
                else policy.current(build.content.today)
            )
            if shown is not None:
                return shown.body
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = norm_src_uri(page.file)
    if VERSION_SRC.match(src) or MAIN_SRC.match(src):
        body = headings.under_title(html)  # the template writes the one <h1>
        under_template_title(page, body)
        anchor_title(page)
        html = body.html
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    build = current(config)
    content, lang = build.content, build.lang
    src = norm_src_uri(page.file)
    context["privacy"] = build.shared
    match = VERSION_SRC.match(src) or MAIN_SRC.match(src)
    policy = content.policy(match["policy"]) if match else None
    if policy is not None:
        slug = match.groupdict().get("slug")
        version = policy.version(slug) if slug else None
        context["policy"] = policy_views.policy_view(content, policy, lang, version)
    return context


# Helper functions ---------------------------------------------------------------------


def _content(config: MkDocsConfig) -> Content:
    return current(config).content


def _main_page(source: File, version: Version) -> str:
    """The Markdown of a policy's main page: the shown version's text (in this language)."""
    parsed = frontmatter.parse(source.content_string)
    title = parsed.fields.get("title")
    meta = {
        "title": title if isinstance(title, str) and title.strip() else version.title,
        "source_file": source.src_uri,  # where staff fix what this page shows
    }
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{parsed.body}"
