"""The mailing lists that ``privacy-site notify`` tells of each change, read from
``extra.privacy_site.notify`` in mkdocs.yml and located at the line that sets each::

    extra:
      privacy_site:
        notify:
          sender: privacy@example.org        # required once a list is set
          lists:                             # language code -> the list's address
            en: families@lists.example.org
            es: familias@lists.example.org
          join:                              # optional: where a family joins each list
            en: https://lists.example.org/families/join

A static site keeps no subscribers: the district's own lists (Google Groups, a listserv,
its mass-notification system) do. Only addresses and links are kept here; the SMTP server
and its password come from the environment (:mod:`staff.notify`), never from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ..model.problems import Problem
from ..model.settings import EMAIL
from . import site_config, yamldoc

SOURCE = "mkdocs.yml"
FIELD = "extra.privacy_site.notify"
KEYS = ("sender", "lists", "join")
WHERE = ("extra", "privacy_site", "notify")
EXAMPLE = "for example 'en: families@lists.example.org'"


@dataclass(frozen=True)
class MailingList:
    lang: str
    address: str
    join: str | None = None  # the page where a family joins the list, if there is one


@dataclass(frozen=True)
class Notify:
    sender: str | None = None  # "privacy@example.org" or "Name <privacy@example.org>"
    lists: tuple[MailingList, ...] = ()
    join: dict[str, str] = field(default_factory=dict)  # language -> join link

    def for_language(self, lang: str) -> MailingList | None:
        return next((found for found in self.lists if found.lang == lang), None)


def read(config_file: Path, languages: list[str]) -> tuple[Notify, list[Problem]]:
    """The lists and the sender, and every problem with them (errors, each located)."""
    document, _ = site_config.read_document(config_file)  # site_config reports its problems
    if document is None or not isinstance(document.data, dict):
        return Notify(), []
    return parse(document, languages)


def parse(document: yamldoc.Document, languages: list[str]) -> tuple[Notify, list[Problem]]:
    problems: list[Problem] = []

    def problem(path: tuple[str, ...], message: str) -> None:
        line, column = document.where(WHERE + path)
        name = ".".join((FIELD, *path))
        problems.append(
            Problem(document.origin(WHERE + path) or SOURCE, line, column, f"{name}: {message}")
        )

    raw: Any = document.data
    for key in WHERE:
        raw = raw.get(key) if isinstance(raw, dict) else None
    if raw is None:
        return Notify(), []
    if not isinstance(raw, dict):
        problem((), "must be settings indented under 'notify:' (sender, lists, join); see README")
        return Notify(), problems
    for key in raw:
        if key not in KEYS:
            problem((str(key),), f"not a setting; the settings are {', '.join(KEYS)}")
    lists = _by_language(raw.get("lists"), ("lists",), languages, problem)
    join = _by_language(raw.get("join"), ("join",), languages, problem)
    found = []
    for lang, address in lists.items():
        if not EMAIL.match(address):
            problem(("lists", lang), f"{address!r} is not an e-mail address; {EXAMPLE}")
            continue
        found.append(MailingList(lang, address, join.get(lang)))
    for lang, link in join.items():
        if not (link.startswith("https://") or link.startswith("mailto:")) or any(
            c in link for c in " <>\"'`"
        ):
            problem(
                ("join", lang),
                f"{link!r} is not a link families can open; write the list's join page as "
                "https://... (or mailto:...), or remove the line",
            )
            found = [MailingList(m.lang, m.address, None) if m.lang == lang else m for m in found]
    sender = raw.get("sender")
    if sender is not None and not isinstance(sender, str):
        problem(("sender",), f"{sender!r} is not an address; write it as privacy@example.org")
        sender = None
    sender = (sender or "").strip() or None
    if sender is not None:
        address = parseaddr(sender)[1]
        if not EMAIL.match(address) or any(c in sender for c in "\r\n"):
            problem(
                ("sender",),
                f"{sender!r} is not an e-mail address; write it as privacy@example.org "
                "(or 'District Privacy <privacy@example.org>')",
            )
            sender = None
    elif found:
        problem(
            ("sender",),
            "missing: the lists need the address their e-mails come from; add "
            "'sender: privacy@example.org' under 'notify:' (an address the SMTP server may "
            "send from)",
        )
    return Notify(sender, tuple(found), join), problems


def _by_language(
    value: Any, path: tuple[str, ...], languages: list[str], problem: Any
) -> dict[str, str]:
    """``code: text`` lines, each for one of the site's languages."""
    if value is None or value == {}:
        return {}
    if not isinstance(value, dict):
        problem(path, f"must be one 'code: address' line per language, indented; {EXAMPLE}")
        return {}
    found = {}
    for lang, text in value.items():
        code = str(lang)
        if code not in languages:
            problem(
                (*path, code),
                f"{code!r} is not a language the site builds; the languages are "
                f"{', '.join(languages)}",
            )
            continue
        if not isinstance(text, str) or not text.strip():
            problem((*path, code), f"{text!r} is not text; {EXAMPLE}, or remove the line")
            continue
        found[code] = text.strip()
    return found
