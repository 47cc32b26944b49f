"""The district's settings, read from ``extra.privacy_site`` in mkdocs.yml: every fact about
the district that the engine prints or computes with (its name, state, time zone, and who
answers readers' questions), so that no district's facts live in code."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .dates import EXAMPLE_TIMEZONE, SettingError, zone_for
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
KNOWN = {
    "district",
    "short_name",
    "state",
    "timezone",
    "contact_role",
    "contact_email",
    "notify",  # the mailing lists told of each change: reading.notify_config
}
# Names written as they are, like the district's (``privacy-site new-district`` sets them).
PLAIN = ("short_name",)
# Only while the time zone is refused, to report the content's other problems: the
# refusal stops every build, so no page is ever dated in it.
UNSET_TIMEZONE = "UTC"


@dataclass(frozen=True)
class Settings:
    district: str
    timezone: str
    contact_email: str | None
    # Who answers readers' questions, by language ("Web Administrator", "Administrador
    # Web"); a language without one gets words that name no role.
    contact_role: Mapping[str, str] = field(default_factory=dict)
    state: str | None = None  # the two-letter postal code, such as "MA"

    def role_in(self, lang: str) -> str | None:
        """The contact's role in the language ``lang``, if the district gave one."""
        return self.contact_role.get(lang)


def read_settings(
    extra: dict[str, Any] | None,
    lines: Mapping[str, int] | None = None,
    languages: list[str] | None = None,
) -> tuple[Settings, list[Problem]]:
    """The settings, and their problems; ``lines`` (setting -> line of mkdocs.yml, with
    ``""`` for ``privacy_site:`` itself) locates them when known; with ``languages`` (the
    site's), a contact role missing in one of them is said."""
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
                "under 'privacy_site:' (district, state, timezone, contact_role, contact_email); "
                "see the README",
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
                "extra.privacy_site.district: missing; set the district's name as the "
                "site prints it, for example 'district: Riverside Unified School District'",
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
    email = raw.get("contact_email")
    email = (email.strip() if isinstance(email, str) else str(email or "")) or None
    if email is None:
        problems.append(
            problem(
                "extra.privacy_site.contact_email is not set, so the contact page gives "
                "no e-mail address; set it to the address of whoever answers readers' questions "
                "(contact_role) when the district confirms it",
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
    state = _state(raw.get("state"), problem, problems)
    roles = _roles(raw.get("contact_role"), languages, problem, problems)
    timezone = raw.get("timezone")
    if timezone is None:
        problems.append(
            problem(
                "extra.privacy_site.timezone: missing; set the district's time zone by its "
                f"IANA name, for example 'timezone: {EXAMPLE_TIMEZONE}' (every date the site "
                "shows, and the day each version takes effect, is the district's)",
                key="timezone",
            )
        )
        timezone = UNSET_TIMEZONE
    else:
        try:
            zone_for(timezone)
        except SettingError as exc:
            message = str(exc).removeprefix(f"{SOURCE}: ")
            problems.append(problem(message, key="timezone"))
            timezone = UNSET_TIMEZONE
    settings = Settings(
        district=district,
        timezone=timezone.strip(),
        contact_email=email,
        contact_role=roles,
        state=state,
    )
    return settings, problems


def _state(value: object, problem: Any, problems: list[Problem]) -> str | None:
    """The state's postal code (optional)."""
    if value is None or value == "":
        return None
    code = value.strip().upper() if isinstance(value, str) else value  # " ma " is MA
    if state_flaw(code):
        problems.append(problem(f"extra.privacy_site.state: {state_flaw(value)}", key="state"))
        return None
    return code


def _roles(
    value: object, languages: list[str] | None, problem: Any, problems: list[Problem]
) -> dict[str, str]:
    """The contact's role by language (optional): ``{en: Web Administrator, es: ...}``."""
    if value is None or value == "":
        return {}
    fix = (
        "write the role in each of the site's languages, one 'code: role' line each "
        "indented under 'contact_role:' (en: Privacy Officer), or remove the setting"
    )
    if not isinstance(value, Mapping):
        problems.append(problem(f"extra.privacy_site.contact_role: {fix}", key="contact_role"))
        return {}
    roles: dict[str, str] = {}
    for lang, role in value.items():
        text = role.strip() if isinstance(role, str) else ""
        flaw = (
            (f"{role!r} is not text" if not isinstance(role, str) else None)
            or text_flaw(text)
            or ("is empty" if not text else None)
            or (
                f"holds {mark.group()!r}: the role is plain text; remove the markup"
                if (mark := MARKUP.search(text))
                else None
            )
        )
        if flaw:
            problems.append(
                problem(f"extra.privacy_site.contact_role.{lang}: {flaw}", key="contact_role")
            )
        else:
            roles[str(lang)] = text
    missing = [lang for lang in languages or () if lang not in roles]
    if roles and missing:
        problems.append(
            problem(
                "extra.privacy_site.contact_role: no role in "
                + ", ".join(repr(lang) for lang in missing)
                + ": the contact page in that language names no role; add a "
                "'code: role' line for each",
                key="contact_role",
                severity="warning",
            )
        )
    return roles
