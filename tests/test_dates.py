"""The build's "today" in the site's time zone, and strict dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from privacy_site.dates import SettingError, build_date, epoch_for, parse_date

NY = "America/New_York"


def epoch(text: str) -> str:
    return str(int(datetime.fromisoformat(text).timestamp()))


def test_late_evening_in_new_york_is_still_that_day_though_utc_is_the_next() -> None:
    # 23:30 EST on 2026-12-21 is 04:30 UTC on 2026-12-22.
    moment = epoch("2026-12-21T23:30:00-05:00")
    assert datetime.fromtimestamp(int(moment), UTC).date() == date(2026, 12, 22)
    assert build_date(NY, {"SOURCE_DATE_EPOCH": moment}) == date(2026, 12, 21)


def test_midnight_in_new_york_is_the_new_day() -> None:
    assert build_date(NY, {"SOURCE_DATE_EPOCH": epoch("2026-12-22T00:00:00-05:00")}) == date(
        2026, 12, 22
    )


def test_without_source_date_epoch_it_is_today_there() -> None:
    from zoneinfo import ZoneInfo

    assert build_date(NY, {}) == datetime.now(ZoneInfo(NY)).date()


def test_epoch_for_round_trips_across_daylight_saving_changes() -> None:
    for day in (date(2026, 3, 8), date(2026, 11, 1), date(2026, 12, 22)):
        assert build_date(NY, {"SOURCE_DATE_EPOCH": str(epoch_for(day, NY))}) == day


@pytest.mark.parametrize("bad", ["yesterday", "-5", "1.5"])
def test_a_bad_source_date_epoch_is_a_plain_error(bad: str) -> None:
    with pytest.raises(SettingError, match="SOURCE_DATE_EPOCH"):
        build_date(NY, {"SOURCE_DATE_EPOCH": bad})


def test_an_unknown_time_zone_is_a_plain_error() -> None:
    with pytest.raises(SettingError, match="timezone: 'Mars/Olympus' is not a time zone"):
        build_date("Mars/Olympus", {})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-22", date(2026, 12, 22)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2026-02-30", None),
        ("2026-13-01", None),
        ("2026-1-5", None),
        ("22/12/2026", None),
        ("", None),
        (20261222, None),
        (date(2026, 1, 2), date(2026, 1, 2)),
        (datetime(2026, 1, 2, 3, 4), None),
    ],
)
def test_parse_date_accepts_only_real_iso_dates(text, expected) -> None:
    assert parse_date(text) == expected
