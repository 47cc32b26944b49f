"""What varies with the reader's language: its words, its plural rules, its dates, its
direction, and how English shown inside its pages is marked.

Every output (pages, redlines, changes, feeds, calendar, API, search) takes a
:class:`Language`. The site's own words live in gettext catalogues,
``locale/<code>/LC_MESSAGES/messages.po``, extracted with Babel from the templates and the
Python (``make messages``). English is the source language and needs no catalogue. One
placeholder syntax everywhere: ``%(name)s``.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from markupsafe import Markup, escape

from ..model.problems import Problem

SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"

# Babel has no Haitian Creole calendar data and falls back to French month names.
HAITIAN_MONTHS = (
    "janvye", "fevriye", "mas", "avril", "me", "jen",
    "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"


def display(path: Path) -> str:
    """A catalogue's path as staff find it, from the project's top folder."""
    parts = path.parts
    return "/".join(parts[parts.index("hooks") :]) if "hooks" in parts else str(path)


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own script: "Español", "العربية"
    direction: str  # "ltr" or "rtl"
    translations: gettext.NullTranslations = field(repr=False, compare=False)

    @property
    def is_source(self) -> bool:
        return self.code == SOURCE_LANGUAGE

    # Words ---------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def fill(self, message: str, **values: Any) -> str:
        """Plain text (titles, feeds, calendar): the translation with its slots filled,
        dates in words."""
        return self.gettext(message) % self._plain(values)

    def nfill(self, singular: str, plural: str, count: int, **values: Any) -> str:
        return self.ngettext(singular, plural, count) % self._plain({"num": count, **values})

    def say(self, message: str, **values: Any) -> Markup:
        """HTML: the translation escaped, text values escaped, dates as ``<time>``."""
        return Markup(escape(self.gettext(message))) % self._html(values)

    def nsay(self, singular: str, plural: str, count: int, **values: Any) -> Markup:
        template = Markup(escape(self.ngettext(singular, plural, count)))
        return template % self._html({"num": count, **values})

    # Dates ---------------------------------------------------------------------------

    def date(self, day: date) -> str:
        """A date in words, the local way: "May 15, 2018", "15 me 2018", "2018年5月15日"."""
        if self.code.split("-")[0] == "ht":
            return f"{day.day} {HAITIAN_MONTHS[day.month - 1]} {day.year}"
        return format_date(day, format="long", locale=_locale(self.code))

    def time(self, day: date) -> Markup:
        return Markup('<time datetime="%s">%s</time>') % (day.isoformat(), self.date(day))

    # English inside this language's pages ---------------------------------------------

    def english_attrs(self) -> Markup:
        """Attributes for an element holding English text inside this language's page."""
        if self.is_source:
            return Markup("")
        return Markup(' lang="en"' + (' dir="ltr"' if self.direction == "rtl" else ""))

    def own_attrs(self) -> Markup:
        """Attributes for this language's words inside an element that may hold English
        (a heading's permalink title on a page shown in English)."""
        return Markup(f' lang="{self.code}"' + (' dir="rtl"' if self.direction == "rtl" else ""))

    def _plain(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {k: self.date(v) if isinstance(v, date) else v for k, v in values.items()}

    def _html(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Dates as ``<time>``; each text (a name, a title) isolated in ``<bdi>``, as the
        HTML standard asks for text of unknown direction: an English title inside Arabic
        ("الخصوصية في …hools") no longer takes the sentence's punctuation with it."""
        return {k: self._slot(v) for k, v in values.items()}

    def _slot(self, value: Any) -> Any:
        if isinstance(value, date):
            return self.time(value)
        if isinstance(value, str):
            return Markup("<bdi>%s</bdi>") % value
        return value


def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def direction(code: str) -> str:
    return _locale(code).text_direction


# Catalogues ------------------------------------------------------------------------


@dataclass
class Catalogue:
    code: str
    catalog: Catalog | None
    problems: list[Problem]


def read_catalogue(code: str, path: Path | None = None) -> Catalogue:
    """Read and check one language's catalogue: every placeholder as in English, every
    plural with the language's number of forms."""
    path = path or catalogue_path(code)
    shown = display(path)
    if not path.is_file():
        return Catalogue(
            code,
            None,
            [
                Problem(
                    shown,
                    message=f"the language '{code}' is built but has no catalogue of the site's "
                    f"words: copy {display(TEMPLATE)} to {shown} and translate it "
                    "(README, 'Adding a language')",
                )
            ],
        )
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code.replace("-", "_"), abort_invalid=True)
    except (PoFileError, ValueError, UnknownLocaleError) as exc:
        return Catalogue(code, None, [Problem(shown, message=f"cannot be read: {exc}")])
    problems = []
    for message, errors in catalog.check():
        for error in errors:
            problems.append(
                Problem(
                    shown,
                    message.lineno,
                    message=f"the translation of {_msgid(message)!r}: {error}; keep every "
                    "%(name)s slot exactly as in the English",
                )
            )
    return Catalogue(code, catalog, problems)


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    """The English messages this catalogue does not translate."""
    found = []
    for message in template:
        if not message.id:
            continue
        own = catalog.get(message.id, message.context)
        strings = own.string if own is not None else None
        translated = all(strings) if isinstance(strings, tuple | list) else bool(strings)
        if own is None or not translated or own.fuzzy:
            found.append(_msgid(message))
    return found


def read_template() -> Catalog:
    with TEMPLATE.open("rb") as handle:
        return read_po(handle)


def _msgid(message: Any) -> str:
    return message.id[0] if isinstance(message.id, tuple | list) else message.id


def translations_of(catalog: Catalog | None) -> gettext.NullTranslations:
    if catalog is None:
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def _loaded(code: str, stamp: tuple[int, int]) -> tuple[gettext.NullTranslations, list[Problem]]:
    catalogue = read_catalogue(code)
    return translations_of(catalogue.catalog), catalogue.problems


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def load_language(code: str, name: str | None = None) -> tuple[Language, list[Problem]]:
    """The language with its catalogue, read once per process and again only when the file
    changes (``mkdocs serve``)."""
    if code == SOURCE_LANGUAGE:
        translations, problems = gettext.NullTranslations(), []
    else:
        path = catalogue_path(code)
        translations, problems = _loaded(code, _stamp(path))
    return Language(code, name or _own_name(code), direction(code), translations), list(problems)


def _own_name(code: str) -> str:
    """The language's name in its own script (``español``), or its code when Unicode's
    data does not know it."""
    try:
        return _locale(code).get_display_name(code.replace("-", "_")) or code
    except (UnknownLocaleError, ValueError):
        return code


def codes_with_catalogues() -> list[str]:
    """The languages the site has words for (a catalogue under ``locale/``)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))


def source_language() -> Language:
    return load_language(SOURCE_LANGUAGE, "English")[0]
