"""What every page's templates know (``privacy`` in overrides/main.html), computed once
per language build rather than once per page, for any hook that needs it."""

from __future__ import annotations

from typing import Any

from generated_files import languages
from mkdocs.config.defaults import MkDocsConfig
from privacy_site import ui, urls, views
from privacy_site.changes import all_changes


def shared(config: MkDocsConfig) -> dict[str, Any]:
    """The language's shared page data; rebuilt when on_config has loaded new content."""
    content = config.privacy_content
    lang, _, _ = languages(config)
    cached = getattr(config, "privacy_shared", None)
    if cached is not None and cached[0] is content and cached[1] == lang:
        return cached[2]
    changes = all_changes(content, lang)
    data = {
        "lang": lang,
        "prefix": urls.lang_prefix(lang, content.default_language),
        "ui": ui.strings(lang),
        "today": content.today,
        "settings": content.settings,
        "policies": views.policy_list(content, lang),
        "changes": changes,
        "upcoming": [change for change in changes if change.upcoming(content.today)],
    }
    config.privacy_shared = (content, lang, data)
    return data
