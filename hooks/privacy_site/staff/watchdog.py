"""Is the published site still rebuilt every day? (``.github/workflows/watchdog.yml``)

Reads the site's ``/api/build.json`` and fails when its build date is more than a day
old in the site's time zone: the daily publish has stopped, so change notices would stop
turning on and off on their dates. Standard library only, so the watchdog job installs
nothing: ``PYTHONPATH=hooks python3 -m privacy_site.staff.watchdog https://…/``.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

MAX_AGE_DAYS = 1


def verdict(document: Any, now: datetime, max_age_days: int = MAX_AGE_DAYS) -> str | None:
    """Why the build is too old or unreadable, or ``None`` when it is fresh."""
    try:
        built = date.fromisoformat(document["built"])
        today = now.astimezone(ZoneInfo(document["timezone"])).date()
    except (KeyError, TypeError, ValueError) as exc:
        return f"build.json cannot be read ({type(exc).__name__}: {exc})"
    age = (today - built).days
    if age > max_age_days:
        return (
            f"the site was last built on {built} ({age} days ago, {document['timezone']}); "
            "the daily publish has stopped: see the README, 'If the site stops updating'"
        )
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_url", help="the published site's address, e.g. https://x.org/")
    parser.add_argument("--max-age-days", type=int, default=MAX_AGE_DAYS)
    args = parser.parse_args(argv)
    url = args.site_url.rstrip("/") + "/api/build.json"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            document = json.load(response)
    except (OSError, ValueError) as exc:
        print(f"{url}: cannot be fetched or read ({exc})", file=sys.stderr)
        return 1
    reason = verdict(document, datetime.now().astimezone(), args.max_age_days)
    if reason:
        print(f"{url}: {reason}", file=sys.stderr)
        return 1
    print(f"{url}: built on {document['built']}, commit {document.get('commit')}: fresh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
