"""The facts of a new district (``privacy-site new-district``), from its flags or asked
for, each checked by the rule the build applies to the setting it becomes: a value that
cannot be used is one line naming the flag, or, when asked, the question again."""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..languages.language import SOURCE_LANGUAGE, catalogue_path, codes_with_catalogues
from ..model import dates
from ..model.dates import SettingError
from ..model.settings import EMAIL, MARKUP
from ..model.states import state_flaw
from ..model.text import text_flaw
from ..reading import site_config


class Refused(Exception):
    """One line: what cannot be done, and what to do."""


class Invalid(ValueError):
    """Why one value cannot be used (the flag is added where it is said)."""


@dataclass(frozen=True)
class District:
    name: str
    short_name: str
    state: str
    timezone: str
    languages: tuple[str, ...]  # English first
    site_url: str
    contact_role: str | None = None
    contact_email: str | None = None


# The values: each checked by the rule the build applies to its setting -------------------


def _plain(value: str, example: str) -> str:
    text = value.strip()
    if not text:
        raise Invalid(f"is empty; give it, such as {example}")
    flaw = text_flaw(text)
    if not flaw and (mark := MARKUP.search(text)):
        flaw = f"holds {mark.group()!r}: it is plain text, printed as it is; remove the markup"
    if flaw:
        raise Invalid(flaw)
    return text


def check_name(value: str) -> str:
    name = _plain(value, "Riverside Unified School District")
    flaw = site_config.name_flaw(f"{name} Privacy")  # the site's name is made from it
    if flaw:
        raise Invalid(flaw)
    return name


def check_short_name(value: str) -> str:
    return _plain(value, "RUSD")


def check_state(value: str) -> str:
    code = value.strip().upper()
    flaw = state_flaw(code)
    if flaw:
        raise Invalid(flaw.replace(repr(code), repr(value), 1))
    return code


def check_timezone(value: str) -> str:
    try:
        dates.zone_for(value)
    except SettingError as exc:
        raise Invalid(str(exc).removeprefix("mkdocs.yml: extra.privacy_site.timezone: ")) from exc
    return value.strip()


def check_languages(value: str, overrides: Path | None = None) -> tuple[str, ...]:
    """English first, then the codes given, each one the site has words for: a catalogue
    and the theme's interface strings (``overrides``: the project's theme folder)."""
    known = available_languages(overrides)
    codes = [code for code in re.split(r"[\s,]+", value.strip()) if code]
    for code in codes:
        if not site_config.LOCALE.match(code):
            raise Invalid(
                f"{code!r} is not a language code; write codes such as en,es (the languages "
                f"the site has words for: {', '.join(known)})"
            )
        if code not in known:
            shown = catalogue_path(code).as_posix()
            shown = shown[shown.index("hooks/") :] if "hooks/" in shown else shown
            why = (
                f"the theme has no interface strings for it (no overrides/partials/languages/"
                f"{code}.html)"
                if code in codes_with_catalogues()
                else f"no catalogue {shown}"
            )
            raise Invalid(
                f"the site has no words in {code!r} ({why}); choose among "
                f"{', '.join(known)}, or add the language first (README, 'Adding a language')"
            )
    chosen = [SOURCE_LANGUAGE] + [code for code in codes if code != SOURCE_LANGUAGE]
    return tuple(dict.fromkeys(chosen))


def check_site_url(value: str) -> str:
    url = value.strip()
    flaw = site_config.url_flaw(url)
    if flaw:
        raise Invalid(f"{url!r} {flaw}")
    return url if url.endswith("/") else url + "/"


def check_contact_role(value: str) -> str | None:
    return _plain(value, "Privacy Officer") if value.strip() else None


def check_contact_email(value: str) -> str | None:
    email = value.strip()
    if not email:
        return None
    if not EMAIL.match(email):
        raise Invalid(f"{email!r} is not an e-mail address; write it as name@example.org")
    return email


def available_languages(overrides: Path | None = None) -> list[str]:
    """English, and every language with a catalogue of the site's words whose interface
    strings the theme has (Material's own, or ``overrides``/partials/languages/<code>.html)."""
    found = [SOURCE_LANGUAGE]
    material = importlib.util.find_spec("material")
    theme = Path(material.origin).parent / "templates" if material and material.origin else None
    for code in codes_with_catalogues():
        name = f"partials/languages/{code}.html"
        if any((folder / name).is_file() for folder in (theme, overrides) if folder):
            found.append(code)
    return sorted(found, key=lambda code: (code != SOURCE_LANGUAGE, code))


@dataclass(frozen=True)
class Question:
    flag: str
    key: str
    ask: str
    check: Callable[[str], Any]
    required: bool = True


QUESTIONS = (
    Question("--name", "name", "The district's full name (such as Riverside Unified School "
             "District)", check_name),
    Question("--short-name", "short_name", "Its short name (such as RUSD)", check_short_name),
    Question("--state", "state", "Its state, as a two-letter postal code (such as CA)",
             check_state),
    Question("--timezone", "timezone", "Its time zone, by its IANA name (such as "
             "America/Los_Angeles)", check_timezone),
    Question("--languages", "languages", "The site's languages, as codes separated by commas; "
             "English (en) is always one", check_languages),
    Question("--site-url", "site_url", "The site's address (such as "
             "https://privacy.example.org/)", check_site_url),
    Question("--contact-role", "contact_role", "Whom to contact about privacy, by title (such "
             "as Privacy Officer; Enter to leave it out)", check_contact_role, required=False),
    Question("--contact-email", "contact_email", "Their e-mail address (Enter to leave it out "
             "for now)", check_contact_email, required=False),
)  # fmt: skip


def gather(
    args: argparse.Namespace, overrides: Path, ask: Callable[[str], str] = input
) -> District:
    """The district from the flags; anything missing is asked for (again until it can be
    used), unless every required flag is given: then nothing is asked. ``overrides``: the
    project's theme folder, for the languages it has words for."""
    given = {q.key: getattr(args, q.key) for q in QUESTIONS}
    asking = any(given[q.key] is None for q in QUESTIONS if q.required)
    values: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.key == "languages":
            question = replace(question, check=partial(check_languages, overrides=overrides))
        raw = given[question.key]
        if raw is not None:
            try:
                values[question.key] = question.check(raw)
            except Invalid as exc:
                raise Refused(f"{question.flag}: {exc}") from None
        elif asking:
            values[question.key] = _ask(question, ask, overrides)
    return District(**values)


def _ask(question: Question, ask: Callable[[str], str], overrides: Path) -> Any:
    if question.key == "languages":
        print(f"(The site has words in: {', '.join(available_languages(overrides))}.)")
    while True:
        try:
            answer = ask(f"{question.ask}: ")
        except EOFError:
            raise Refused(
                f"{question.flag}: no answer (the input ended); give it as {question.flag}"
            ) from None
        try:
            return question.check(answer)
        except Invalid as exc:
            print(f"  {question.flag}: {exc}; try again", file=sys.stderr)
