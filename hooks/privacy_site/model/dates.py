"""What "today" is for a build, and strict calendar dates from text.

Only :func:`build_date` reads the environment or the clock; everything else takes the
date as an argument.
"""

from __future__ import annotations

import calendar
import functools
import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# ASCII digits only: "\d" (and int()) would also take Arabic-Indic or full-width digits.
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# The same shape in any script's digits: a date that is refused with its own reason.
ANY_DIGITS_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EPOCH = re.compile(r"^[0-9]{1,12}$")  # ASCII digits only: int() would take "١٢٣" too
# Dates a policy or a tool can have: far enough either way for any real document, near
# enough that every date arithmetic the site does (a day after, 30 days before) is valid.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
# Only an example in messages: the time zone is the district's setting, with no default.
EXAMPLE_TIMEZONE = "America/Chicago"


class SettingError(ValueError):
    """A site setting or environment variable that cannot be used as it is."""


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


# Names the time zone database holds that are not places: the machine's own zone (which
# differs between a laptop and the publishing server) and placeholders.
NOT_PLACES = {"localtime", "posixrules", "Factory"}


def zone_for(timezone: object) -> ZoneInfo:
    """The site's time zone; :class:`SettingError` naming the setting when it is not an
    IANA name such as America/Chicago (``localtime`` is the machine's, not the site's)."""
    name = timezone.strip() if isinstance(timezone, str) else ""
    if not name:
        raise SettingError(
            f"mkdocs.yml: extra.privacy_site.timezone: {timezone!r} is empty; set the "
            f"district's time zone by its IANA name, such as {EXAMPLE_TIMEZONE}"
        )
    if name in NOT_PLACES:
        raise SettingError(
            f"mkdocs.yml: extra.privacy_site.timezone: {timezone!r} is not a place: it is "
            "whatever zone the computer building the site is set to, so dates would differ "
            f"between computers; set the district's IANA name, such as {EXAMPLE_TIMEZONE}"
        )
    try:
        if name not in _zone_names():
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        raise SettingError(
            f"mkdocs.yml: extra.privacy_site.timezone: {timezone!r} is not a time zone name; "
            f"use the district's IANA name, such as {EXAMPLE_TIMEZONE}"
        ) from exc


def build_date(timezone: str, environ: Mapping[str, str] = os.environ) -> date:
    """The build's "today": ``SOURCE_DATE_EPOCH`` if set, else now, in the site's zone."""
    zone = zone_for(timezone)
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(zone).date()
    day = None
    if EPOCH.match(raw):
        try:
            day = datetime.fromtimestamp(int(raw), UTC).astimezone(zone).date()
        except (OverflowError, OSError, ValueError):
            day = None
    if day is None or not EARLIEST <= day <= LATEST:
        raise SettingError(
            f"SOURCE_DATE_EPOCH: {raw[:40]!r} is not a number of seconds since 1970-01-01 "
            f"that gives a date from {EARLIEST.year} to {LATEST.year}; unset it, or build with "
            "DATE=YYYY-MM-DD"
        )
    return day


def epoch_for(day: date, timezone: str) -> int:
    """The ``SOURCE_DATE_EPOCH`` that makes a build see ``day``: noon there, clear of DST edges."""
    zone = zone_for(timezone)
    return int(datetime(day.year, day.month, day.day, 12, tzinfo=zone).timestamp())


def parse_date(value: object) -> date | None:
    """A real calendar date written ``YYYY-MM-DD`` in the years the site accepts, or ``None``
    (2026-02-30 and 9999-12-31 are ``None``; :func:`why_not` says why)."""
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and (match := ISO_DATE.match(value.strip())):
        try:
            day = date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    else:
        return None
    return day if EARLIEST <= day <= LATEST else None


def why_not(raw: object) -> str:
    """Why ``raw`` is not a date the site accepts, as the end of a sentence about it."""
    match = ISO_DATE.match(raw.strip()) if isinstance(raw, str) else None
    if not match and isinstance(raw, str) and ANY_DIGITS_DATE.match(raw.strip()):
        return (
            "is written with digits other than 0-9; dates use the digits 0 to 9 whatever the "
            "page's language: write it like 2026-12-22 (year, month, day)"
        )
    if not match:
        return "is not a date written YYYY-MM-DD; write it like 2026-12-22 (year, month, day)"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"is not a real date: there is no month {month}; write it as YYYY-MM-DD"
    if year == 0:
        return "is not a real date: there is no year 0; write it as YYYY-MM-DD"
    # the calendar repeats every 400 years, which keeps monthrange inside datetime's years
    days = calendar.monthrange(2000 + year % 400, month)[1]
    if not 1 <= day <= days:
        return (
            f"is not a real date: {calendar.month_name[month]} {year} has {days} days; write it "
            "as YYYY-MM-DD with a day that exists"
        )
    return (
        f"is outside the years the site accepts ({EARLIEST.year} to {LATEST.year}); check the year"
    )


def read_date(raw: object) -> tuple[date | None, str | None]:
    """A date the site accepts, or ``None`` and why not (see :func:`why_not`)."""
    day = parse_date(raw)
    return (day, None) if day is not None else (None, why_not(raw))
