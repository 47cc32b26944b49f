"""The build's "today" in the site's time zone, and strict dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from privacy_site.model.dates import SettingError, build_date, epoch_for, parse_date, read_date
from sitebuild import ROOT, build_and_check, build_site, config_with, fixture_docs

LIFECYCLE = ROOT / "tests" / "fixtures" / "lifecycle"

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


@pytest.mark.parametrize(
    "raw", ["abc", "-5", "1e9", "١٢٣٤٥", "²", "99999999999999999999", "9" * 12, "1.5"]
)
def test_an_unusable_source_date_epoch_is_a_setting_error_naming_it(raw: str) -> None:
    with pytest.raises(SettingError, match=r"^SOURCE_DATE_EPOCH: .* unset it, or build with DATE="):
        build_date(NY, {"SOURCE_DATE_EPOCH": raw})


def test_an_empty_source_date_epoch_means_today() -> None:
    assert build_date(NY, {"SOURCE_DATE_EPOCH": "  "}) == build_date(NY, {})


@pytest.mark.build
@pytest.mark.parametrize("empty", ["", "  "])
def test_a_build_with_an_empty_source_date_epoch_is_a_build_of_today(
    tmp_path: Path, empty: str
) -> None:
    """MkDocs reads the variable itself and stopped on an empty one with its own traceback
    (``ValueError: invalid literal for int()``) after the site's checks had passed."""
    zone = config_with()["extra"]["privacy_site"]["timezone"]
    before = build_date(zone, {})
    build = build_site(tmp_path, docs=fixture_docs(tmp_path, LIFECYCLE), epoch=empty)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    days = {before, build_date(zone, {})}  # a build across midnight sees either day
    assert any(f"as of {day.isoformat()}" in build.output for day in days), build.output


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../../etc/passwd", 5, None])
def test_a_bad_time_zone_is_a_setting_error_naming_the_setting(zone: object) -> None:
    with pytest.raises(SettingError, match=r"extra\.privacy_site\.timezone"):
        build_date(zone, {})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("2026-02-30", "is not a real date: February 2026 has 28 days"),
        ("2024-02-30", "is not a real date: February 2024 has 29 days"),
        ("2026-13-01", "there is no month 13"),
        ("0000-01-01", "there is no year 0"),
        ("9999-12-31", "outside the years the site accepts (1900 to 2199)"),
        ("1066-10-14", "outside the years the site accepts"),
        ("22/12/2026", "is not a date written YYYY-MM-DD"),
        (20261222, "is not a date written YYYY-MM-DD"),
    ],
)
def test_read_date_says_why_a_value_is_not_a_date(raw: object, why: str) -> None:
    day, reason = read_date(raw)
    assert day is None and why in reason


def test_read_date_accepts_a_real_date_in_range() -> None:
    assert read_date("2026-12-22") == (date(2026, 12, 22), None)


def written_in(text: str, zero: int) -> str:
    """``text`` with its ASCII digits written in the script whose zero is ``zero``."""
    return "".join(chr(zero + int(c)) if c.isascii() and c.isdigit() else c for c in text)


ARABIC_INDIC, PERSIAN, BENGALI, FULL_WIDTH = 0x0660, 0x06F0, 0x09E6, 0xFF10


@pytest.mark.parametrize("zero", [ARABIC_INDIC, PERSIAN, BENGALI, FULL_WIDTH])
def test_only_ascii_digits_make_a_date(zero: int) -> None:
    # Before: "\d" and int() read any script's digits, so these were 2026-12-07.
    raw = written_in("2026-12-07", zero)
    assert parse_date(raw) is None
    day, reason = read_date(raw)
    assert day is None
    assert reason.startswith("is written with digits other than 0-9; dates use the digits 0")


POSTED = written_in("2026-11-20", ARABIC_INDIC)
ADDED = written_in("2019-03-01", FULL_WIDTH)
OTHER_DIGITS = {
    # where, text replaced, replacement, the located message
    "a version's posted date": (
        "docs/en/policies/sample-policy/2026-12-22.md",
        "posted: 2026-11-20",
        f'posted: "{POSTED}"',
        f"docs/en/policies/sample-policy/2026-12-22.md:4: posted: '{POSTED}' is written with "
        "digits other than 0-9",
    ),
    "a vendor's added date": (
        "vendors.yml",
        "added: 2019-03-01",
        f'added: "{ADDED}"',
        f"vendors.yml:22:5: vendor 'site-stats', added: '{ADDED}' is written with digits "
        "other than 0-9",
    ),
}


@pytest.mark.build
@pytest.mark.parametrize("case", sorted(OTHER_DIGITS))
def test_a_date_in_other_digits_fails_the_build_and_check_alike(case: str, tmp_path) -> None:

    from conftest import FIXTURES, LIFECYCLE_FIXTURE
    from sitebuild import scratch_project

    project = scratch_project(tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml")
    file, old, new, message = OTHER_DIGITS[case]
    path = project / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    for command, status, output in build_and_check(project, tmp_path / "site"):
        assert status != 0, (command, output)
        assert message in output, (command, output)
