"""Print the SOURCE_DATE_EPOCH that makes a build see a given date (``make preview``).

Usage: ``python -m privacy_site.staff.preview_date 2026-12-22 [mkdocs.yml]``. The date is taken in
the site's time zone from mkdocs.yml, at noon, so the build sees exactly that day. Any
problem is one line on stderr that names the value, and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.dates import SettingError, epoch_for, parse_date, why_not
from ..model.settings import read_settings
from ..reading.mkdocs_yml import read_config


def epoch(raw: str, config: Path) -> int:
    """The epoch for the date ``raw``; :class:`SettingError` with a one-line reason."""
    day = parse_date(raw)
    if day is None:
        reason = why_not(raw).removeprefix("is not a real date: ")
        shown = "".join(c if c.isprintable() else "?" for c in raw[:40])
        raise SettingError(f"DATE={shown}: {reason}")
    settings, problems = read_settings(read_config(config).get("extra"))
    zone_problems = [p for p in problems if "timezone" in p.message]
    if zone_problems:
        raise SettingError(str(zone_problems[0]))
    return epoch_for(day, settings.timezone)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: make preview DATE=YYYY-MM-DD  (such as 2026-12-22)", file=sys.stderr)
        return 2
    try:
        print(epoch(argv[1], Path(argv[2] if len(argv) == 3 else "mkdocs.yml")))
    except SettingError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
