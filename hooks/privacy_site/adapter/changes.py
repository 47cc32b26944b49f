"""Changes in an MkDocs build: each version's redline page, the change list's Atom feed
and calendar, the JSON API, and the messages staff send (``change_pages.py``).

Over ``privacy_site.outputs.changes``, ``redline``, ``feeds``, ``api`` and ``messages``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from privacy_site.adapter.generated_files import add_page, add_static, anchor_title
from privacy_site.adapter.internals import norm_src_uri
from privacy_site.adapter.site_context import BuildContext, project_dir
from privacy_site.languages.language import direction
from privacy_site.model import urls
from privacy_site.outputs import api, feeds, messages, policy_views
from privacy_site.outputs.follow import follow_view
from privacy_site.outputs.redline import Labels
from privacy_site.outputs.redline_nav import Words, navigable
from privacy_site.reading import frontmatter, notify_config

REDLINE_SRC = re.compile(
    r"^policies/(?P<policy>[^/]+)/(?P<slug>[0-9]{4}-[0-9]{2}-[0-9]{2})/changes/index\.md$"
)
FEED = "changes/feed.xml"
CALENDAR = "changes/calendar.ics"
POLICIES_API = "api/policies.json"
BUILD_API = "api/build.json"
MESSAGES_API = "api/messages.json"
STAFF_MESSAGES = "staff/messages.md"  # /staff/messages/: the messages, with copy buttons
FOLLOW = "follow.md"  # /follow/: how to hear of each change without visiting, every language


def add_files(files: Files, config: MkDocsConfig, build: BuildContext) -> None:
    """Each version's redline page, the feed, the calendar, the API; the build's and the
    messages' documents and the staff's messages page once, with the default language."""
    content, language = build.content, build.language
    for policy in content.policies:
        for version in policy.published(content.today):
            if policy.previous(version, content.today) is None:
                continue
            row = policy_views.version_row(content, policy, version, build.lang)
            meta = {
                # In the tense of the build's day; CI rebuilds daily, so it turns on time.
                "title": language.fill(
                    "%(title)s: what will change on %(date)s",
                    title=row.title,
                    date=version.effective,
                )
                if version.effective > content.today
                else language.fill(
                    "%(title)s: what changed on %(date)s",
                    title=row.title,
                    date=version.effective,
                ),
                "template": "redline.html",
                "search": {"exclude": True},
            }
            add_page(
                files,
                config,
                build,
                f"policies/{policy.id}/{version.slug}/changes/index.md",
                frontmatter.page_text(meta),
            )
    follow = {"title": language.gettext("Follow changes"), "template": "follow.html"}
    add_page(files, config, build, FOLLOW, frontmatter.page_text(follow))
    prefix = build.prefix
    district = content.settings.district
    title = language.fill("%(district)s: privacy policy changes", district=district)
    add_static(
        files,
        config,
        build,
        FEED,
        feeds.atom_feed(
            build.changes,
            title=title,
            author=district,
            feed_path=prefix + FEED,
            site_url=build.site_url,
            updated_fallback=content.today,
            language=language,
            page_path=prefix + "changes/",
            today=content.today,
        ),
    )
    add_static(
        files,
        config,
        build,
        CALENDAR,
        feeds.icalendar_feed(
            build.changes,
            calendar_name=title,
            site_url=build.site_url,
            feed_path=prefix + CALENDAR,
            language=language,
            today=content.today,
        ),
    )
    add_static(
        files,
        config,
        build,
        POLICIES_API,
        api.json_bytes(api.policies_document(content, build.lang, build.site_url)),
    )
    if build.lang == build.default:  # one for the whole site, at its root
        document = api.build_document(content, _commit(config))
        add_static(files, config, build, BUILD_API, api.json_bytes(document))
        add_static(files, config, build, MESSAGES_API, api.json_bytes(build.messages))
        staff = {
            "title": "Messages to send about changes",
            "template": "staff-messages.html",
            "search": {"exclude": True},
            "robots": "noindex",
        }
        add_page(
            files,
            config,
            build,
            STAFF_MESSAGES,
            frontmatter.page_text(staff),
            only_here=True,
        )


def _commit(config: MkDocsConfig) -> str | None:
    """The commit the site is built from: CI's GITHUB_SHA, else the checkout's HEAD, else
    None (a copy of the files outside git)."""
    sha = os.environ.get("GITHUB_SHA", "").strip().lower()
    if not re.fullmatch(r"[0-9a-f]{40}", sha):
        try:
            sha = subprocess.run(
                ["git", "rev-parse", "--verify", "HEAD"],
                cwd=project_dir(config),
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except OSError:
            sha = ""
    return sha if re.fullmatch(r"[0-9a-f]{40}", sha) else None


def titled(page: Page) -> None:
    """A page whose template writes the <h1>: "Skip to content" lands on it."""
    if REDLINE_SRC.match(norm_src_uri(page.file)) or norm_src_uri(page.file) in (
        STAFF_MESSAGES,
        FOLLOW,
    ):
        anchor_title(page)


def page_context(context: dict[str, Any], page: Page, build: BuildContext) -> dict[str, Any]:
    """``redline`` on a redline page, ``staff`` on the staff's messages page, ``follow``
    on /follow/."""
    match = REDLINE_SRC.match(norm_src_uri(page.file))
    if match:
        context["redline"] = _redline(build, match["policy"], match["slug"])
    elif norm_src_uri(page.file) == STAFF_MESSAGES:
        directions = {code: direction(code) for code in build.built}
        context["staff"] = messages.staff_view(build.messages, build.names, directions)
    elif norm_src_uri(page.file) == FOLLOW:
        config_file = Path(context["config"].config_file_path)  # its problems: checks.py
        lists, _ = notify_config.read(config_file, build.built)
        context["follow"] = follow_view(lists, build.lang, build.default, build.site_url)
    return context


# Helper functions ---------------------------------------------------------------------


def _redline(build: BuildContext, policy_id: str, slug: str) -> dict[str, Any]:
    """Compare the two versions' rendered text, once per version pair and text language:
    the language's own redline when both versions are translated, else the English one."""
    content, language, lang = build.content, build.language, build.lang
    policy = content.policy(policy_id)
    new = policy.version(slug)
    old = policy.previous(new, content.today)
    labels = Labels(
        inserted=language.gettext("Inserted:"),
        inserted_end=language.gettext("End of insertion."),
        deleted=language.gettext("Deleted:"),
        deleted_end=language.gettext("End of deletion."),
    )
    own = build.translated(policy.id, old.slug) and build.translated(policy.id, new.slug)
    text_lang = lang if own else build.default
    key = (policy.id, old.slug, new.slug, text_lang)
    result = None if own else build.process.redlines.known(key, labels)
    if result is None:
        old_page = build.page(f"policies/{policy.id}/{old.slug}.md")
        new_page = build.page(f"policies/{policy.id}/{new.slug}.md")
        # The redline page is one folder below the version page its content was rendered for.
        result = build.process.redlines.compare(
            key, old_page.content, new_page.content, labels, link_prefix="../"
        )
    words = Words(
        step=lambda n, total: language.fill("Change %(num)d of %(total)d", num=n, total=total),
        previous=language.gettext("Previous change"),
        next=language.gettext("Next change"),
        folded=lambda title, count: language.nsay(
            "Unchanged: %(title)s (%(num)d paragraph)",
            "Unchanged: %(title)s (%(num)d paragraphs)",
            count,
            title=title,
        ),
        opening=language.gettext("Opening text"),
    )
    nav = navigable(result.html, words)
    return {
        "html": nav.html,
        "changes": nav.changes,  # listed at the top (fragments.html's redline_changes)
        "change_count": len(nav.changes),
        "sections_changed": sorted({c.section for c in nav.changes}),
        "folded": nav.folded,
        "inserted_words": result.inserted_words,
        "deleted_words": result.deleted_words,
        "english_text": text_lang != lang,
        "new": policy_views.version_row(content, policy, new, lang),
        "old": policy_views.version_row(content, policy, old, lang),
        "policy_url": urls.policy_path(policy.id, lang, content.default_language),
    }
