"""What "today" is for a build, and strict calendar dates from text.

Only :func:`build_date` reads the environment or the clock; everything else takes the
date as an argument.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class SettingError(ValueError):
    """A site setting or environment variable that cannot be used as it is."""


def build_date(timezone: str, environ: Mapping[str, str] = os.environ) -> date:
    """The build's "today": ``SOURCE_DATE_EPOCH`` if set, else now, in the site's zone."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingError(
            f"mkdocs.yml: extra.privacy_site.timezone: {timezone!r} is not a time zone name; "
            "use one such as America/New_York"
        ) from exc
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(zone).date()
    if not raw.isdigit():
        raise SettingError(
            f"SOURCE_DATE_EPOCH: {raw!r} is not a whole number of seconds since 1970-01-01; "
            "unset it, or use the preview command with a YYYY-MM-DD date"
        )
    return datetime.fromtimestamp(int(raw), UTC).astimezone(zone).date()


def epoch_for(day: date, timezone: str) -> int:
    """The ``SOURCE_DATE_EPOCH`` that makes a build see ``day``: noon there, clear of DST edges."""
    return int(datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(timezone)).timestamp())


def parse_date(value: object) -> date | None:
    """A real calendar date written ``YYYY-MM-DD``, or ``None`` (2026-02-30 is ``None``)."""
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
