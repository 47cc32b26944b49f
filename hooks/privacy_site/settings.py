"""The district's settings, read from ``extra.privacy_site`` in mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .dates import DEFAULT_TIMEZONE, SettingError, zone_for
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
    raw = extra.get("privacy_site") if isinstance(extra, Mapping) else None
    problems: list[Problem] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(
                SOURCE,
                message="extra.privacy_site: must be a list of 'setting: value' lines indented "
                "under 'privacy_site:' (district, timezone, contact_email); see the README",
            )
        )
        raw = {}
    for key in raw:
        if key not in KNOWN:
            problems.append(
                Problem(
                    SOURCE,
                    message=f"extra.privacy_site.{key}: not a setting; the settings "
                    "are " + ", ".join(sorted(KNOWN)),
                )
            )
    district = raw.get("district")
    district = district.strip() if isinstance(district, str) else ""
    if not district:
        problems.append(
            Problem(
                SOURCE,
                message="extra.privacy_site.district: missing; set the district's "
                "name, for example 'district: Cambridge Public Schools'",
            )
        )
    email = raw.get("contact_email")
    email = (email.strip() if isinstance(email, str) else str(email or "")) or None
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
    timezone = raw.get("timezone") or DEFAULT_TIMEZONE
    try:
        zone_for(timezone)
    except SettingError as exc:
        problems.append(Problem(SOURCE, message=str(exc).removeprefix(f"{SOURCE}: ")))
        timezone = DEFAULT_TIMEZONE
    settings = Settings(district=district, timezone=timezone.strip(), contact_email=email)
    return settings, problems
