"""Site paths, relative to the site root, for every language (``es/policies/x/``)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# A policy's source files, relative to a language's docs folder: a version
# (``policies/x/2026-12-22.md``) and the policy's main page (``policies/x/index.md``).
VERSION_SRC = re.compile(r"^policies/(?P<policy>[^/]+)/(?P<slug>[0-9]{4}-[0-9]{2}-[0-9]{2})\.md$")
MAIN_SRC = re.compile(r"^policies/(?P<policy>[^/]+)/index\.md$")


def lang_prefix(lang: str, default_language: str) -> str:
    return "" if lang == default_language else f"{lang}/"


def policy_path(policy: str, lang: str, default_language: str) -> str:
    return f"{lang_prefix(lang, default_language)}policies/{policy}/"


def version_path(policy: str, slug: str, lang: str, default_language: str) -> str:
    return f"{policy_path(policy, lang, default_language)}{slug}/"


def changes_path(policy: str, slug: str, lang: str, default_language: str) -> str:
    return f"{version_path(policy, slug, lang, default_language)}changes/"


def vendor_path(vendor_id: str, lang: str, default_language: str) -> str:
    """A vendor's entry on the vendors page (``es/vendors/#x``)."""
    return f"{lang_prefix(lang, default_language)}vendors/#{vendor_id}"


def absolute(path: str, site_url: str | None) -> str:
    """Absolute under ``site_url`` when it is known, else root-relative (``/policies/x/``)."""
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", path.lstrip("/"))
    return "/" + path.lstrip("/")
