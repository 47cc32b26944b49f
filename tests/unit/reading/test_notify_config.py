"""The mailing lists of `privacy-site notify` (extra.privacy_site.notify in mkdocs.yml):
each problem one line naming the file, the line, the field and the fix; and the SMTP
settings read from the environment, refused where they would leak the password."""

from __future__ import annotations

from pathlib import Path

import pytest
from privacy_site.reading import notify_config
from privacy_site.staff import notify

CONFIG = """\
site_name: Test
extra:
  privacy_site:
    district: Sample District
    notify:
      lists:
        en: families@lists.example.org
        es: not-an-address
        fr: familles@lists.example.org
      join:
        en: http://lists.example.org/join
      colour: blue
"""


def test_each_problem_names_the_line_the_field_and_the_fix(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    found, problems = notify_config.read(config, ["en", "es"])
    shown = sorted(str(problem) for problem in problems)
    assert shown == [
        "mkdocs.yml:11:9: extra.privacy_site.notify.join.en: 'http://lists.example.org/join' "
        "is not a link families can open; write the list's join page as https://... (or "
        "mailto:...), or remove the line",
        "mkdocs.yml:12:7: extra.privacy_site.notify.colour: not a setting; the settings are "
        "sender, lists, join",
        "mkdocs.yml:5:5: extra.privacy_site.notify.sender: missing: the lists need the address "
        "their e-mails come from; add 'sender: privacy@example.org' under 'notify:' (an "
        "address the SMTP server may send from)",
        "mkdocs.yml:8:9: extra.privacy_site.notify.lists.es: 'not-an-address' is not an e-mail "
        "address; for example 'en: families@lists.example.org'",
        "mkdocs.yml:9:9: extra.privacy_site.notify.lists.fr: 'fr' is not a language the site "
        "builds; the languages are en, es",
    ]
    assert [(m.lang, m.address, m.join) for m in found.lists] == [
        ("en", "families@lists.example.org", None)
    ]


def test_no_notify_setting_is_no_lists_and_no_problem(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\nextra:\n  privacy_site:\n    district: D\n", "utf-8")
    assert notify_config.read(config, ["en"]) == (notify_config.Notify(), [])


@pytest.mark.parametrize(
    "environ, words",
    [
        ({}, "SMTP_HOST is not set"),
        ({"SMTP_HOST": "mail.example.org", "SMTP_SECURITY": "none"}, "unencrypted"),
        ({"SMTP_HOST": "mail.example.org", "SMTP_SECURITY": "ssl"}, "write starttls"),
        ({"SMTP_HOST": "mail.example.org", "SMTP_PORT": "smtp"}, "not a port number"),
        ({"SMTP_HOST": "mail.example.org", "SMTP_USER": "u"}, "SMTP_PASSWORD is not set"),
    ],
)
def test_smtp_settings_refused_in_one_line(environ: dict[str, str], words: str) -> None:
    with pytest.raises(notify.Refused) as refused:
        notify.server_settings(environ)
    assert words in str(refused.value) and "\n" not in str(refused.value)


def test_smtp_settings_defaults_and_loopback() -> None:
    assert notify.server_settings({"SMTP_HOST": "mail.example.org"}) == notify.Server(
        "mail.example.org", 587, "starttls", None, None
    )
    assert (
        notify.server_settings({"SMTP_HOST": "smtp.example.org", "SMTP_SECURITY": "TLS"}).port
        == 465
    )
    for host in ("127.0.0.1", "::1", "localhost"):
        assert notify.server_settings({"SMTP_HOST": host, "SMTP_SECURITY": "none"}).port == 25
