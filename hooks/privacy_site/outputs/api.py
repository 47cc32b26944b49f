"""``/api/policies.json``: every published policy version as data, for other sites and tools.

Built from the same rows the pages show (:func:`policy_views.version_row`), so the JSON and the
HTML cannot disagree about a state, a title or a URL. Scheduled versions are left out, as
they are from every page: the file says nothing the site does not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..content import Content
from ..model import urls
from . import policy_views


def policies_document(
    content: Content, lang: str, site_url: str | None, pdfs: Mapping[str, Mapping] | None = None
) -> dict[str, Any]:
    """The document for ``lang`` as of ``content.today``; policies ordered by id, versions oldest
    first. Values are JSON types only (dates as ``YYYY-MM-DD``), so it serialises as is.
    ``pdfs`` (``"policy/slug"`` -> its ``own`` and ``english`` ``PdfLink``, once they are
    made) adds each version's ``pdf``: the one a reader of ``lang`` is given."""
    today = content.today
    policies = []
    for policy in sorted(content.policies, key=lambda p: p.id):
        current = policy.current(today)
        if current is None:
            continue  # nothing published yet: the policy does not exist on the site
        in_effect = policy.in_effect(today)
        versions = []
        for version in policy.published(today):
            row = policy_views.version_row(content, policy, version, lang)
            first = policy.previous(version) is None
            versions.append(
                {
                    "effective": row.effective.isoformat(),
                    "posted": row.posted.isoformat() if row.posted else None,
                    "state": row.state,
                    "substantive": row.substantive,
                    "summary": None if first else row.summary,
                    "title": row.title,
                    "url": urls.absolute(row.url, site_url),
                    "changes_url": urls.absolute(row.changes_url, site_url)
                    if row.changes_url
                    else None,
                    # The English file as published: `sha256sum docs/en/policies/<id>/<date>.md`
                    # in the repository gives the same, so a saved copy can be checked.
                    "source_sha256": version.sha256,
                }
            )
            if pdfs is not None:
                versions[-1].update(_pdf(pdfs.get(f"{policy.id}/{version.slug}"), site_url))
        policies.append(
            {
                "id": policy.id,
                "title": policy_views.version_row(content, policy, current, lang).title,
                "url": urls.absolute(
                    urls.policy_path(policy.id, lang, content.default_language), site_url
                ),
                "in_effect": in_effect.slug if in_effect else None,
                "versions": versions,
            }
        )
    return {
        "generated": today.isoformat(),
        "timezone": content.settings.timezone,
        "policies": policies,
    }


def _pdf(links: Mapping | None, site_url: str | None) -> dict[str, Any]:
    """``pdf``: the version's PDF in this language, else the English one (``lang`` says
    which), with its size and SHA-256 (``sha256sum`` of a saved copy gives the same); and
    ``pdf_withheld``, why this language's was not published, when it was not."""
    own = links.get("own") if links else None
    english = links.get("english") if links else None
    shown = own if own is not None and own.withheld is None else english
    found: dict[str, Any] = {"pdf": None}
    if shown is not None and shown.withheld is None:
        found["pdf"] = {
            "url": urls.absolute(shown.url, site_url),
            "lang": shown.lang,
            "bytes": shown.size,
            "sha256": shown.sha256,
        }
    if own is not None and own.withheld:
        found["pdf_withheld"] = own.withheld
    return found


def build_document(content: Content, commit: str | None) -> dict[str, Any]:
    """``/api/build.json``: when the published site was built, so a watchdog can tell a
    site that stopped being rebuilt (its change notices would stop turning on time)."""
    return {
        "built": content.today.isoformat(),
        "timezone": content.settings.timezone,
        "commit": commit,
    }


def json_bytes(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON, readable in a diff: indented, keys in the order written, text unescaped."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()
