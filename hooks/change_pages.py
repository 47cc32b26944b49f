"""MkDocs hooks for changes: each version's redline page, the change list behind
``/changes/`` and the site-wide notice, its Atom feed and calendar, and the JSON API.

Thin adapter over ``privacy_site.changes``, ``redline``, ``feeds`` and ``api``; runs once
per language (mkdocs-static-i18n rebuilds the site for each).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from generated_files import add_page, add_static, anchor_title, languages, norm_src_uri
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from privacy_site import api, feeds, ui, urls, views
from privacy_site.content import Content
from privacy_site.redline import Labels, render_redline
from site_context import shared

REDLINE_SRC = re.compile(
    r"^policies/(?P<policy>[^/]+)/(?P<slug>\d{4}-\d{2}-\d{2})/changes/index\.md$"
)
FEED = "changes/feed.xml"
CALENDAR = "changes/calendar.ics"
POLICIES_API = "api/policies.json"


# Hooks ------------------------------------------------------------------------------


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    content = _content(config)
    lang, default, _ = languages(config)
    strings = ui.strings(lang)
    for policy in content.policies:
        for version in policy.published(content.today):
            if policy.previous(version, content.today) is None:
                continue
            row = views.version_row(content, policy, version, lang)
            meta = {
                "title": strings["redline_title"].format(title=row["title"]),
                "template": "redline.html",
                "search": {"exclude": True},
            }
            add_page(
                files,
                config,
                f"policies/{policy.id}/{version.slug}/changes/index.md",
                f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n",
            )
    changes = shared(config)["changes"]
    prefix = urls.lang_prefix(lang, default)
    site_url = config.site_url or None
    district = content.settings.district
    add_static(
        files,
        config,
        FEED,
        feeds.atom_feed(
            changes,
            title=strings["feed_title"].format(district=district),
            author=district,
            feed_path=prefix + FEED,
            site_url=site_url,
            updated_fallback=content.today,
            lang=lang,
            takes_effect=strings["takes_effect_plain"],
            page_path=prefix + "changes/",
        ),
    )
    add_static(
        files,
        config,
        CALENDAR,
        feeds.icalendar_feed(
            changes,
            calendar_name=strings["feed_title"].format(district=district),
            site_url=site_url,
            feed_path=prefix + CALENDAR,
            event_title=strings["calendar_event"],
        ),
    )
    add_static(
        files, config, POLICIES_API, api.json_bytes(api.policies_document(content, lang, site_url))
    )
    config.privacy_files = files  # the redlines read other pages' HTML while rendering
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if REDLINE_SRC.match(norm_src_uri(page.file)):
        anchor_title(page)
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    match = REDLINE_SRC.match(norm_src_uri(page.file))
    if match:
        lang, _, _ = languages(config)
        context["redline"] = _redline(
            _content(config), match["policy"], match["slug"], lang, config
        )
    return context


# Helper functions ---------------------------------------------------------------------


def _content(config: MkDocsConfig) -> Content:
    return config.privacy_content


def _redline(
    content: Content, policy_id: str, slug: str, lang: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Compare the two versions as this language's build rendered them."""
    policy = content.policy(policy_id)
    new = next(v for v in policy.versions if v.slug == slug)
    old = policy.previous(new, content.today)
    strings = ui.strings(lang)
    pages = {norm_src_uri(f): f.page for f in config.privacy_files.documentation_pages() if f.page}
    old_page = pages[f"policies/{policy.id}/{old.slug}.md"]
    new_page = pages[f"policies/{policy.id}/{new.slug}.md"]
    labels = Labels(
        inserted=strings["inserted"],
        inserted_end=strings["inserted_end"],
        deleted=strings["deleted"],
        deleted_end=strings["deleted_end"],
    )
    # The redline page is one folder below the version page its content was rendered for.
    result = render_redline(old_page.content, new_page.content, labels, link_prefix="../")
    return {
        "html": result.html,
        "inserted_words": result.inserted_words,
        "deleted_words": result.deleted_words,
        "new": views.version_row(content, policy, new, lang),
        "old": views.version_row(content, policy, old, lang),
        "policy_url": urls.policy_path(policy.id, lang, content.default_language),
    }
