"""MkDocs hook for files the theme asks for in every language.

Material's language switcher fetches ``sitemap.xml`` under each language's root
(``/es/sitemap.xml``); mkdocs-static-i18n writes only the root one, so each language build
copies it into its own folder (the root sitemap already lists every language).
"""

from __future__ import annotations

import shutil
from pathlib import Path

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
