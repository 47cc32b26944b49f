"""The district's settings, read from ``extra.privacy_site`` in mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .dates import DEFAULT_TIMEZONE, SettingError, zone_for
from .problems import Problem
from .states import state_flaw
from .text import text_flaw

# An address as mail programs and readers' browsers take it: a plain local part, then a
# host of dotted letters, digits and '-' (an international domain in its xn-- form).
EMAIL = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$"
)
MARKUP = re.compile(r"[<>\"`]")
SOURCE = "mkdocs.yml"
KNOWN = {"district", "short_name", "state", "timezone", "contact_role", "contact_email"}
# Names written as they are, like the district's (``privacy-site new-district`` sets them).
PLAIN = ("short_name", "contact_role")


@dataclass(frozen=True)
class Settings:
    district: str
    timezone: str
    contact_email: str | None


def read_settings(
    extra: dict[str, Any] | None, lines: Mapping[str, int] | None = None
) -> tuple[Settings, list[Problem]]:
    """The settings, and their problems; ``lines`` (setting -> line of mkdocs.yml, with
    ``""`` for ``privacy_site:`` itself) locates them when known."""
    raw = extra.get("privacy_site") if isinstance(extra, Mapping) else None
    lines = lines or {}

    def problem(message: str, key: str = "", severity: str = "error") -> Problem:
        return Problem(SOURCE, lines.get(key, lines.get("")), message=message, severity=severity)

    problems: list[Problem] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        problems.append(
            problem(
                "extra.privacy_site: must be a list of 'setting: value' lines indented "
                "under 'privacy_site:' (district, timezone, contact_email); see the README",
            )
        )
        raw = {}
    for key in raw:
        if key not in KNOWN:
            problems.append(
                problem(
                    f"extra.privacy_site.{key}: not a setting; the settings "
                    "are " + ", ".join(sorted(KNOWN)),
                    key=str(key),
                )
            )
    district = raw.get("district")
    district = district.strip() if isinstance(district, str) else ""
    flaw = text_flaw(district) or (
        f"holds {mark.group()!r}: the name is plain text, printed as it is in every page; "
        "remove the markup"
        if (mark := MARKUP.search(district))
        else None
    )
    if flaw:
        problems.append(problem(f"extra.privacy_site.district: {flaw}", key="district"))
        district = ""
    elif not district:
        problems.append(
            problem(
                "extra.privacy_site.district: missing; set the district's "
                "name, for example 'district: Cambridge Public Schools'",
                key="district",
            )
        )
    for key in PLAIN:
        value = raw.get(key)
        if value is None:
            continue
        flaw = text_flaw(value) if isinstance(value, str) else f"{value!r} is not text"
        if not flaw and (mark := MARKUP.search(value)):
            flaw = f"holds {mark.group()!r}: it is plain text, printed as it is; remove the markup"
        if flaw:
            problems.append(problem(f"extra.privacy_site.{key}: {flaw}", key=key))
    if raw.get("state") is not None and (flaw := state_flaw(raw["state"])):
        problems.append(problem(f"extra.privacy_site.state: {flaw}", key="state"))
    email = raw.get("contact_email")
    email = (email.strip() if isinstance(email, str) else str(email or "")) or None
    if email is None:
        problems.append(
            problem(
                "extra.privacy_site.contact_email is not set, so the contact page gives "
                "no e-mail address; set it to the Web Administrator's address when the district "
                "confirms it",
                key="contact_email",
                severity="warning",
            )
        )
    elif not EMAIL.match(email):
        problems.append(
            problem(
                f"extra.privacy_site.contact_email: {email!r} is not an "
                "e-mail address; write it as name@example.org",
                key="contact_email",
            )
        )
        email = None
    timezone = raw.get("timezone", DEFAULT_TIMEZONE)  # set in every site made from this one
    try:
        zone_for(timezone)
    except SettingError as exc:
        message = str(exc).removeprefix(f"{SOURCE}: ")
        problems.append(problem(message, key="timezone"))
        timezone = DEFAULT_TIMEZONE
    settings = Settings(district=district, timezone=timezone.strip(), contact_email=email)
    return settings, problems
