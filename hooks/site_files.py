"""MkDocs hooks for what the theme asks for in every language.

Material's language switcher fetches ``sitemap.xml`` beside every ``rel=alternate`` link
(``/es/sitemap.xml``); mkdocs-static-i18n writes only the root one, so each language build
copies it into its own folder (the root sitemap already lists every language). And the
404 page, rendered after all pages, would otherwise keep the last page's language links.

Material expects those ``rel=alternate`` links to be language *roots*, but i18n points
them at the same page in each language (right for readers): Material would then fetch
``<page>/sitemap.xml`` for every page, a 404 each time. The language switcher, which
works without JavaScript, keeps the per-page links; the ``<head>`` links are dropped
(``without_language_links``) so nothing asks for a file that cannot exist.
"""

from __future__ import annotations

import re
import shutil
from copy import deepcopy
from pathlib import Path
from typing import Any

from generated_files import languages
from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    lang, default, _ = languages(config)
    if lang == default:
        return
    site = Path(config.site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).exists():
            shutil.copyfile(site / name, site / lang / name)


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None and i18n.extra_alternate:
        config.extra.alternate = deepcopy(i18n.extra_alternate)  # as i18n sets it
    return context


LANGUAGE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    env.filters["without_language_links"] = lambda html: LANGUAGE_LINK.sub("", str(html))
    return env
