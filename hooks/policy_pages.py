"""MkDocs hooks for policies: load and check the content, place each version, and add
each policy's main page (the version in effect, with its history and notices).

Thin adapter: the rules live in ``privacy_site``; this file moves MkDocs objects to plain
data and back. Runs once per language (mkdocs-static-i18n rebuilds the site for each).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import yaml
from generated_files import add_page, anchor_title, languages, norm_src_uri
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from privacy_site import dates, frontmatter, ui, views
from privacy_site.content import Content, load_content
from privacy_site.policies import State, Version
from privacy_site.problems import ContentError, Problem, errors, warnings
from privacy_site.settings import read_settings
from site_context import shared

VERSION_SRC = re.compile(r"^policies/(?P<policy>[^/]+)/(?P<slug>\d{4}-\d{2}-\d{2})\.md$")
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang, default, built = languages(config)
    settings, _ = read_settings(config.extra)
    date_problem = None
    try:
        today = dates.build_date(settings.timezone)
    except dates.SettingError as exc:
        today = dates.build_date(settings.timezone, environ={})  # to report everything else
        date_problem = Problem("environment", message=str(exc))
    project = Path(config.config_file_path).parent
    content = load_content(
        Path(config.docs_dir), today, config.extra, default, built, project / "vendors.yml"
    )
    found = errors(content.problems) + ([date_problem] if date_problem else [])
    if found:
        raise PluginError(ContentError(found).report())
    if lang == default:
        for problem in warnings(content.problems):
            notice_log.warning(str(problem))
        notice_log.info("Building the site as of %s", today.isoformat())
    config.privacy_content = content
    return config


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.filters["long_date"] = ui.long_date
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
        current = policy.current(content.today)
        if current is None:
            continue
        source = by_src[f"policies/{policy.id}/{current.slug}.md"]
        add_page(files, config, f"policies/{policy.id}/index.md", _main_page(source, current))
    return files


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Put every policy under the Policies entry, so a new folder needs no nav edit."""
    for index, item in enumerate(nav.items):
        if isinstance(item, Page) and norm_src_uri(item.file) == POLICY_INDEX:
            children: list[Any] = [item]
            for row in shared(config)["policies"]:
                page = _page_for(files, f"policies/{row['policy']}/index.md")
                if page is not None:
                    children.append(page)
            section = Section(item.title, children)
            for child in children:
                child.parent = section
            nav.items[index] = section
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = norm_src_uri(page.file)
    if VERSION_SRC.match(src) or MAIN_SRC.match(src):
        page.meta["template"] = "policy.html"
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = norm_src_uri(page.file)
    if VERSION_SRC.match(src) or MAIN_SRC.match(src):
        anchor_title(page)
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    content = _content(config)
    lang, _, _ = languages(config)
    src = norm_src_uri(page.file)
    context["privacy"] = shared(config)
    match = VERSION_SRC.match(src) or MAIN_SRC.match(src)
    policy = content.policy(match["policy"]) if match else None
    if policy is not None:
        slug = match.groupdict().get("slug")
        version = next((v for v in policy.versions if v.slug == slug), None)
        context["policy"] = views.policy_view(content, policy, lang, version)
    return context


# Helper functions ---------------------------------------------------------------------


def _content(config: MkDocsConfig) -> Content:
    return config.privacy_content


def _main_page(source: File, version: Version) -> str:
    """The Markdown of a policy's main page: the shown version's text (in this language)."""
    parsed = frontmatter.parse(source.content_string)
    title = parsed.fields.get("title")
    meta = {
        "title": title if isinstance(title, str) and title.strip() else version.title,
        "source_file": source.src_uri,  # where staff fix what this page shows
    }
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{parsed.body}"


def _page_for(files: Files, src: str) -> Page | None:
    for file in files.documentation_pages():
        if norm_src_uri(file) == src:
            return file.page
    return None
