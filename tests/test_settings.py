"""Site settings: the contact address is one setting, reported while unset."""

from __future__ import annotations

from datetime import date as date_
from pathlib import Path

import pytest
from privacy_site import preview
from privacy_site.dates import epoch_for
from privacy_site.settings import read_settings


def test_unset_contact_is_a_warning_not_an_error() -> None:
    settings, problems = read_settings({"privacy_site": {"district": "D", "contact_email": ""}})
    assert settings.contact_email is None
    assert [(p.severity, p.message.split(" is not set")[0]) for p in problems] == [
        ("warning", "extra.privacy_site.contact_email")
    ]


def test_a_real_address_is_used() -> None:
    settings, problems = read_settings(
        {"privacy_site": {"district": "D", "contact_email": "web@example.org"}}
    )
    assert settings.contact_email == "web@example.org" and problems == []


def test_bad_settings_are_errors_naming_the_setting() -> None:
    _, problems = read_settings({"privacy_site": {"contact_email": "nobody", "colour": "red"}})
    messages = sorted(p.message for p in problems if p.severity == "error")
    assert messages[0].startswith("extra.privacy_site.colour: not a setting")
    assert messages[1].startswith("extra.privacy_site.contact_email: 'nobody' is not an e-mail")
    assert messages[2].startswith("extra.privacy_site.district: missing")


@pytest.mark.parametrize("written", ["Cambridge", ["district", "timezone"], 5, True])
def test_settings_written_as_something_other_than_a_mapping_are_one_problem(written) -> None:
    settings, problems = read_settings({"privacy_site": written})
    assert [p.message.split(":")[0] for p in problems if p.severity == "error"][:1] == [
        "extra.privacy_site"
    ]
    assert settings.timezone == "America/New_York"


def test_a_bad_time_zone_is_a_problem_not_an_exception() -> None:
    _, problems = read_settings({"privacy_site": {"district": "D", "timezone": "Mars/Base"}})
    assert any(p.message.startswith("extra.privacy_site.timezone: 'Mars/Base'") for p in problems)


@pytest.mark.parametrize(
    ("date", "zone", "message"),
    [
        ("2026-02-30", "America/New_York", "DATE=2026-02-30: February 2026 has 28 days"),
        ("9999-12-31", "America/New_York", "DATE=9999-12-31: is outside the years"),
        ("2026-12-22", "Mars/Base", "extra.privacy_site.timezone: 'Mars/Base'"),
        ("", "America/New_York", "DATE=: is not a date written YYYY-MM-DD"),
    ],
)
def test_preview_dates_fail_with_one_line_naming_the_value(
    date: str, zone: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: x\nextra:\n  privacy_site:\n    district: D\n    timezone: {zone}\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: "
        "!!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    assert preview.main(["preview", date, str(config)]) == 2
    assert message in capsys.readouterr().err


def test_preview_prints_the_epoch_of_noon_that_day(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  privacy_site:\n    timezone: America/New_York\n", "utf-8")
    assert preview.main(["preview", "2026-12-22", str(config)]) == 0
    assert int(capsys.readouterr().out) == epoch_for(date_(2026, 12, 22), "America/New_York")
