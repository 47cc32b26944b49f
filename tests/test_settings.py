"""Site settings: the contact address is one setting, reported while unset."""

from __future__ import annotations

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
