"""Site settings: the contact address is one setting, reported while unset."""

from __future__ import annotations

from datetime import date as date_
from pathlib import Path

import pytest
from privacy_site.model.dates import epoch_for
from privacy_site.model.settings import read_settings
from privacy_site.staff import preview_date

ZONE = "America/Denver"  # the tests' own district's zone


def test_unset_contact_is_a_warning_not_an_error() -> None:
    settings, problems = read_settings(
        {"privacy_site": {"district": "D", "timezone": ZONE, "contact_email": ""}}
    )
    assert settings.contact_email is None
    assert [(p.severity, p.message.split(" is not set")[0]) for p in problems] == [
        ("warning", "extra.privacy_site.contact_email")
    ]


def test_a_real_address_is_used() -> None:
    settings, problems = read_settings(
        {"privacy_site": {"district": "D", "timezone": ZONE, "contact_email": "web@example.org"}}
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
    # no zone is guessed: the missing one is said, once
    zone_problems = [p for p in problems if p.message.startswith("extra.privacy_site.timezone")]
    assert len(zone_problems) == 1 and "New_York" not in settings.timezone


def test_a_missing_time_zone_is_one_located_error_with_no_fallback() -> None:
    _, problems = read_settings(
        {"privacy_site": {"district": "D", "contact_email": "web@example.org"}},
        lines={"": 40, "district": 41},
    )
    assert [(p.severity, p.line, p.message.split(";")[0]) for p in problems] == [
        ("error", 40, "extra.privacy_site.timezone: missing")
    ]
    assert "America/New_York" not in problems[0].message


def test_the_contact_role_is_read_by_language_and_a_missing_one_is_said() -> None:
    settings, problems = read_settings(
        {
            "privacy_site": {
                "district": "D",
                "timezone": ZONE,
                "contact_email": "web@example.org",
                "contact_role": {"en": " Privacy Officer ", "es": "Oficial de Privacidad"},
            }
        },
        lines={"contact_role": 7},
        languages=["en", "es", "so"],
    )
    assert settings.role_in("en") == "Privacy Officer"
    assert settings.role_in("es") == "Oficial de Privacidad"
    assert settings.role_in("so") is None
    assert [(p.severity, p.line, p.message.split(":")[0]) for p in problems] == [
        ("warning", 7, "extra.privacy_site.contact_role")
    ]
    assert "'so'" in problems[0].message


@pytest.mark.parametrize(
    ("role", "said"),
    [
        ("Privacy Officer", "extra.privacy_site.contact_role: write the role in each"),
        ({"en": "<b>Officer</b>"}, "extra.privacy_site.contact_role.en: holds '<'"),
        ({"en": ""}, "extra.privacy_site.contact_role.en: is empty"),
        ({"en": 5}, "extra.privacy_site.contact_role.en: 5 is not text"),
    ],
)
def test_a_contact_role_that_cannot_be_printed_is_an_error(role, said) -> None:
    settings, problems = read_settings(
        {"privacy_site": {"district": "D", "timezone": ZONE, "contact_role": role}},
        languages=["en"],
    )
    errors = [p.message for p in problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith(said), errors
    assert settings.role_in("en") is None


@pytest.mark.parametrize(("written", "read"), [("MA", "MA"), (" co ", "CO"), (None, None)])
def test_the_state_is_its_postal_code(written, read) -> None:
    settings, problems = read_settings(
        {"privacy_site": {"district": "D", "timezone": ZONE, "state": written}}
    )
    assert settings.state == read
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("written", ["Massachusetts", "XX", 5])
def test_a_state_that_is_not_a_postal_code_is_an_error(written) -> None:
    settings, problems = read_settings(
        {"privacy_site": {"district": "D", "timezone": ZONE, "state": written}}, {"state": 3}
    )
    assert settings.state is None
    assert [(p.line, p.message.split(":")[0]) for p in problems if p.severity == "error"] == [
        (3, "extra.privacy_site.state")
    ]


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
    assert preview_date.main(["preview", date, str(config)]) == 2
    assert message in capsys.readouterr().err


def test_preview_prints_the_epoch_of_noon_that_day(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  privacy_site:\n    timezone: America/New_York\n", "utf-8")
    assert preview_date.main(["preview", "2026-12-22", str(config)]) == 0
    assert int(capsys.readouterr().out) == epoch_for(date_(2026, 12, 22), "America/New_York")


# Settings that reach a page (privacy_site.reading.site_config) ------------------------------------
# Each is checked for its kind, located at its line of mkdocs.yml, by the build before
# MkDocs renders anything and by `privacy-site check`, in the same words.


def _edit(config: dict, change: str) -> None:
    """Apply one named hostile or wrong setting to a loaded mkdocs.yml."""
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    settings = config["extra"]["privacy_site"]
    edits = {
        "site_url script": lambda: config.update(
            site_url='https://example.org/"><script>alert(1)</script>'
        ),
        "site_url http": lambda: config.update(site_url="http://example.org/"),
        "repo_url quote": lambda: config.update(
            repo_url="https://github.com/x'onmouseover=alert(1)"
        ),
        "site_name markup": lambda: config.update(site_name="Privacy <img src=x onerror=alert(1)>"),
        "site_description escape": lambda: config.update(site_description="Bell\a ESC\x1b[31m"),
        "outside script": lambda: config["extra_javascript"].append("https://evil.example/x.js"),
        "protocol-relative style": lambda: config["extra_css"].append("//evil.example/x.css"),
        "parent path": lambda: config["extra_javascript"].append("../../etc/passwd"),
        "missing asset": lambda: config["extra_css"].append("assets/stylesheets/none.css"),
        "analytics": lambda: config["extra"].update(analytics={"provider": "google"}),
        "nav title markup": lambda: config["nav"].__setitem__(
            0, {"Home<img src=x onerror=alert(1)>": "index.md"}
        ),
        "contact markup": lambda: settings.update(contact_email='"><script>@example.org'),
        "district tag characters": lambda: settings.update(district="Cambridge\U000e0041"),
        "timezone localtime": lambda: settings.update(timezone="localtime"),
        "timezone empty": lambda: settings.update(timezone=""),
        "duplicate locale": lambda: i18n["languages"].append(dict(i18n["languages"][1])),
        "upper-case locale": lambda: i18n["languages"][1].update(locale="ES"),
        "language name only ZWJ": lambda: i18n["languages"][1].update(name="\u200d"),
        "language fixed_link": lambda: i18n["languages"][1].update(
            fixed_link="javascript:alert(1)"
        ),
        "language extra analytics": lambda: i18n["languages"][1].update(
            extra={"analytics": {"provider": "google", "property": "G-X"}}
        ),
        "language site_name RLO": lambda: i18n["languages"][1].update(
            site_name="Privacy \u202eevil"
        ),
    }
    edits[change]()


# change -> (the key whose line is named, the start of the message after "mkdocs.yml:N:C: ")
# Where MkDocs' own reading of mkdocs.yml refuses a value before any hook runs, the build
# stops with MkDocs' words (naming the setting, with no line); `check` still locates it.
REFUSED_BY_MKDOCS = {"upper-case locale": "received 'ES'"}
HOSTILE_SETTINGS = {
    "site_url script": ("site_url", "site_url: 'https://example.org/\"><script>"),
    "site_url http": ("site_url", "site_url: 'http://example.org/' is http://"),
    "repo_url quote": ("repo_url", 'repo_url: "https://github.com/x\'onmouseover=alert(1)" holds'),
    "site_name markup": ("site_name", "site_name: holds '<': names and descriptions are plain"),
    "site_description escape": (
        "site_description",
        "site_description: contains a control character (U+0007",
    ),
    "outside script": (
        "https://evil.example/x.js",
        "extra_javascript: 'https://evil.example/x.js' is an address, not one of the site's",
    ),
    "protocol-relative style": (
        "//evil.example/x.css",
        "extra_css: '//evil.example/x.css' is an address, not one of the site's files",
    ),
    "parent path": ("../../etc/passwd", "extra_javascript: '../../etc/passwd' is not a plain path"),
    "missing asset": ("none.css", "extra_css: 'assets/stylesheets/none.css' is not a file in"),
    "analytics": ("analytics", "extra.analytics: not a setting this site uses"),
    "nav title markup": ("Home<img", "nav: the title holds '<': names and descriptions are"),
    "contact markup": (
        "contact_email",
        "extra.privacy_site.contact_email: '\"><script>@example.org' is not an e-mail address",
    ),
    "district tag characters": (
        "district",
        "extra.privacy_site.district: contains an invisible tag character (U+E0041",
    ),
    "timezone localtime": (
        "timezone",
        "extra.privacy_site.timezone: 'localtime' is not a place",
    ),
    "timezone empty": ("timezone", "extra.privacy_site.timezone: '' is empty; set the district's"),
    "duplicate locale": ("locale: es", "locale: 'es' is listed twice in the i18n languages"),
    "upper-case locale": ("locale: ES", "locale: 'ES' is not a language code as the site"),
    "language name only ZWJ": (
        "name: \u200d",
        "languages (es) name: is made only of invisible characters (U+200D ZERO WIDTH JOINER)",
    ),
    "language fixed_link": (
        "fixed_link",
        "languages (es) fixed_link: 'javascript:alert(1)' is not an https:// URL",
    ),
    "language extra analytics": (
        "analytics",
        "languages (es) extra.analytics: not a setting this site uses",
    ),
    "language site_name RLO": (
        "site_name: Privacy",
        "languages (es) site_name: contains an invisible character (U+202E RIGHT-TO-LEFT",
    ),
}


def _hostile_project(tmp_path: Path, change: str) -> tuple[Path, int]:
    """A scratch project (English and Spanish) with one setting changed; the line of
    mkdocs.yml where the setting is written."""
    import yaml
    from conftest import FIXTURES, LIFECYCLE_FIXTURE
    from sitebuild import scratch_project

    project = scratch_project(
        tmp_path, LIFECYCLE_FIXTURE, FIXTURES / "vendors" / "valid.yml", languages=["en", "es"]
    )
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["extra"]["privacy_site"]["contact_email"] = "privacy@example.org"
    _edit(config, change)
    text = yaml.safe_dump(config, allow_unicode=True, width=1000)
    config_file.write_text(text, encoding="utf-8")
    key = HOSTILE_SETTINGS[change][0]
    lines = text.splitlines()
    matches = [
        n for n, line in enumerate(lines, 1) if key in line and line.lstrip("- ").startswith(key)
    ] or [n for n, line in enumerate(lines, 1) if key in line]
    return project, matches[-1]


@pytest.mark.parametrize("change", sorted(HOSTILE_SETTINGS))
def test_a_setting_is_checked_for_its_kind_at_its_line(change: str, tmp_path: Path) -> None:
    from privacy_site.model.settings import read_settings
    from privacy_site.reading import site_config

    project, line = _hostile_project(tmp_path, change)
    import yaml

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    found = site_config.check(project / "mkdocs.yml")
    found += read_settings(config["extra"], site_config.settings_lines(project / "mkdocs.yml"))[1]
    expected = HOSTILE_SETTINGS[change][1]
    shown = [str(p) for p in found if p.severity == "error"]
    assert [s for s in shown if expected in s], shown
    [problem] = [p for p in found if expected in p.message]
    assert (problem.file, problem.line) == ("mkdocs.yml", line), problem


@pytest.mark.build
@pytest.mark.parametrize("change", sorted(HOSTILE_SETTINGS))
def test_a_hostile_setting_fails_the_build_and_check_alike_writing_nothing(
    change: str, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    project, line = _hostile_project(tmp_path, change)
    expected = HOSTILE_SETTINGS[change][1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    site = tmp_path / "site"
    bin_dir = Path(sys.executable).parent
    build = subprocess.run(
        [str(bin_dir / "mkdocs"), "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    check = subprocess.run(
        [str(bin_dir / "privacy-site"), "--config", str(project / "mkdocs.yml"), "check"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    for name, result in (("build", build), ("check", check)):
        output = result.stdout + result.stderr
        assert result.returncode != 0, (name, output)
        assert "Traceback" not in output, (name, output)
        if name == "build" and change in REFUSED_BY_MKDOCS:
            assert REFUSED_BY_MKDOCS[change] in output, output
            continue
        located = [row for row in output.splitlines() if expected in row]
        assert located and f"mkdocs.yml:{line}:" in located[0], (name, output)
    # refused in on_config, before MkDocs renders a page: nothing is written
    assert not list(site.rglob("*.html")) if site.exists() else True


@pytest.mark.build
def test_the_contact_page_names_the_configured_role_and_no_role_where_none_is_given(
    tmp_path: Path,
) -> None:
    """The role is the district's (mkdocs.yml), in each language; a language without one
    gets the catalogue's role-less words, translated, and the build says which."""
    from bs4 import BeautifulSoup
    from conftest import LIFECYCLE_FIXTURE
    from sitebuild import build_site, config_with, fixture_docs

    config = config_with()
    config["extra"]["privacy_site"]["contact_role"] = {"en": "Privacy Officer"}
    build = build_site(
        tmp_path,
        docs=fixture_docs(tmp_path, LIFECYCLE_FIXTURE),
        when=date_(2026, 11, 22),
        config=config,
        languages=["en", "es"],
    )
    assert build.returncode == 0, build.output
    assert "extra.privacy_site.contact_role: no role in 'es'" in build.output

    def notice(path: str) -> str:
        page = BeautifulSoup(build.html(path), "lxml")
        return " ".join(page.select_one(".contact-unset").get_text(" ").split())

    english = notice("contact/")
    assert "The Privacy Officer's e-mail address is not published here yet" in english
    assert "to pass your question to the Privacy Officer." in english
    assert "Administrator" not in english
    spanish = notice("es/contact/")
    assert "La dirección de correo electrónico de contacto del distrito" in spanish
    assert "Administrador" not in spanish and "Privacy Officer" not in spanish
