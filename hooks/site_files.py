"""MkDocs hooks for what the theme asks for in every language: one 404 page, the theme's
files copied once, every language's sitemap, no ``<head>`` language link that leads
nowhere (``privacy_site.adapter.site_files`` says why each).
"""

from __future__ import annotations

from typing import Any

from privacy_site.adapter import site_files
from privacy_site.adapter.material_html import without_language_links
from privacy_site.adapter.mkdocs_api import Files, MkDocsConfig, event_priority
from privacy_site.adapter.site_context import current


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_files.state_pages_in_menu(config)
    site_files.one_404_page(config, current(config))
    return config


@event_priority(-120)  # after mkdocs-static-i18n has chosen this language's files (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site_files.theme_files_once(files, config, current(config))
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    build = current(config)
    if not build.in_language_loop:  # the others are built inside this one's end
        site_files.sitemaps(config, build)


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    site_files.language_links_for_404(template_name, config)
    return context


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    env.filters["without_language_links"] = without_language_links
    return env
