"""The district's settings, read from ``extra.privacy_site`` in mkdocs.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .problems import Problem

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SOURCE = "mkdocs.yml"
KNOWN = {"district", "timezone", "contact_email"}


@dataclass(frozen=True)
class Settings:
    district: str
    timezone: str
    contact_email: str | None


def read_settings(extra: dict[str, Any] | None) -> tuple[Settings, list[Problem]]:
    raw = (extra or {}).get("privacy_site") or {}
    problems: list[Problem] = []
    for key in raw:
        if key not in KNOWN:
            problems.append(
                Problem(
                    SOURCE,
                    message=f"extra.privacy_site.{key}: not a setting; the settings "
                    "are " + ", ".join(sorted(KNOWN)),
                )
            )
    district = str(raw.get("district") or "").strip()
    if not district:
        problems.append(
            Problem(
                SOURCE,
                message="extra.privacy_site.district: missing; set the district's "
                "name, for example 'district: Cambridge Public Schools'",
            )
        )
    email = str(raw.get("contact_email") or "").strip() or None
    if email is None:
        problems.append(
            Problem(
                SOURCE,
                severity="warning",
                message="extra.privacy_site.contact_email is not set, so the contact page gives "
                "no e-mail address; set it to the Web Administrator's address when the district "
                "confirms it",
            )
        )
    elif not EMAIL.match(email):
        problems.append(
            Problem(
                SOURCE,
                message=f"extra.privacy_site.contact_email: {email!r} is not an "
                "e-mail address; write it as name@example.org",
            )
        )
        email = None
    settings = Settings(
        district=district,
        timezone=str(raw.get("timezone") or "America/New_York").strip(),
        contact_email=email,
    )
    return settings, problems
