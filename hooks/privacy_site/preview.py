"""Print the SOURCE_DATE_EPOCH that makes a build see a given date (``make preview``).

Usage: ``python -m privacy_site.preview 2026-12-22 [mkdocs.yml]``. The date is taken in
the site's time zone from mkdocs.yml, at noon, so the build sees exactly that day.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from .dates import epoch_for, parse_date


def main(argv: list[str]) -> int:
    day = parse_date(argv[1]) if len(argv) in (2, 3) else None
    if day is None:
        print(
            "usage: make preview DATE=YYYY-MM-DD  (a real date, such as 2026-12-22)",
            file=sys.stderr,
        )
        return 2
    config = Path(argv[2] if len(argv) == 3 else "mkdocs.yml")
    extra = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("extra") or {}
    timezone = (extra.get("privacy_site") or {}).get("timezone") or "America/New_York"
    print(epoch_for(day, timezone))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
