"""The settings in mkdocs.yml that reach a page, each checked for its kind before MkDocs
renders anything (the build's ``on_config``) and by ``privacy-site check`` alike.

A setting is content too: the theme prints ``site_url`` into every page's head and
``site_name`` into every title, and adds every ``extra_javascript`` file to every page.
So, located at the line of mkdocs.yml that sets it:

- URLs (``site_url``, ``repo_url``) are ``https://`` URLs with a host, parsed by a URL
  parser, written only in the characters a URL needs (no quote, ``<``, ``>``, space or
  backslash), with no user name, query or fragment;
- names (``site_name``, ``site_description``, ``site_author``, ``copyright``, each
  language's ``name`` and ``site_name``) are plain text: no markup, and nothing
  ``model.text.text_flaw`` refuses;
- ``extra_css`` and ``extra_javascript`` name the site's own files, which exist (in the
  theme's ``custom_dir`` or in docs/): no scheme, no ``//host``, no ``..``;
- ``extra`` holds only the settings the site uses (Material reads others, such as
  ``analytics``, to add scripts from other hosts);
- languages: each ``locale`` once, written in lower case.

``extra.privacy_site`` (district, time zone, contact address) is read by
:mod:`model.settings`, located with the lines found here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..model.problems import Problem
from ..model.text import text_flaw
from . import sources, yamldoc

SOURCE = "mkdocs.yml"
# What a URL needs, and nothing that can end an HTML attribute or start a tag.
URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+$")
HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
MARKUP = re.compile(r"[<>\"`]")
# mkdocs-static-i18n's form: the language in lower case, then a script and a region
# (pt-BR, zh-Hant-TW, pt_BR).
LOCALE = re.compile(r"^[a-z]{2}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$|^[a-z]{2}_[A-Z]{2}$")
# The keys of ``extra`` that the site itself uses; anything else would reach Material.
EXTRA = {"generator", "privacy_site"}
URL_SETTINGS = ("site_url", "repo_url")
NAME_SETTINGS = ("site_name", "site_description", "site_author", "copyright")
ASSET_SETTINGS = ("extra_css", "extra_javascript")


def read_document(config_file: Path) -> tuple[yamldoc.Document | None, list[Problem]]:
    """mkdocs.yml with the line of every value, and with the settings it inherits (MkDocs'
    ``INHERIT``: the engine's ``hooks/engine.yml``), each value naming the file that wrote
    it; ``None`` with the problem if unreadable. MkDocs' own tags (``!ENV``,
    ``!!python/name:``) are read as nothing. Each file is read once while it is unchanged."""
    document, problems = _load(config_file, SOURCE)
    if document is None or not isinstance(document.data, dict) or "INHERIT" not in document.data:
        return document, problems
    written = document.data["INHERIT"]
    line, column = document.where(("INHERIT",))
    parent_file = config_file.parent / str(written)
    if not isinstance(written, str) or not written or not parent_file.is_file():
        why = (
            f"INHERIT: {written!r} is not a file in the project; write the path of the "
            "engine's settings: hooks/engine.yml"
        )
        return None, [Problem(SOURCE, line, column, why)]
    parent, problems = _load(parent_file, written)
    if parent is None:
        return None, problems
    if not isinstance(parent.data, dict):
        return None, [Problem(written, 1, 1, "holds no settings: restore it from the engine")]
    own = {key: value for key, value in document.data.items() if key != "INHERIT"}
    child = yamldoc.Document(own, document.marks, document.duplicate_keys)
    return yamldoc.inherit(parent, child, written), problems


def _load(path: Path, name: str) -> tuple[yamldoc.Document | None, list[Problem]]:
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    return _read(path, name, stamp)


@functools.lru_cache(maxsize=8)
def _read(
    path: Path, name: str, stamp: tuple[int, int] | None
) -> tuple[yamldoc.Document | None, list[Problem]]:
    text, problems = sources.read_text(path, name)
    if text is None:
        return None, problems
    try:
        return yamldoc.load(text, yamldoc.ConfigLoader), []
    except yamldoc.YamlSyntaxError as exc:
        message = f"not valid YAML: {yamldoc.problem_text(exc)}"
        return None, [Problem(name, exc.line, exc.column, message)]


def settings_lines(config_file: Path) -> dict[str, int]:
    """The line of each setting under ``extra.privacy_site`` (``""``: the line of
    ``privacy_site:``), for :func:`settings.read_settings` to locate its problems."""
    document, _ = read_document(config_file)
    if document is None:  # refused (its problem is said): still locate the settings in it
        try:
            text = config_file.read_text(encoding="utf-8", errors="replace")
            document = yamldoc.load(text, yamldoc.ConfigLoader)
        except (OSError, yamldoc.YamlSyntaxError):
            return {}
    lines = {
        str(path[2]): line
        for path, (line, _column) in document.marks.items()
        if len(path) == 3 and path[:2] == ("extra", "privacy_site")
    }
    lines[""] = document.where(("extra", "privacy_site"))[0] or 0
    return {key: line for key, line in lines.items() if line}


def check(config_file: Path, docs_dir: Path | None = None) -> list[Problem]:
    """Every problem with a setting of mkdocs.yml that reaches a page (not
    ``extra.privacy_site``: :func:`settings.read_settings` has those)."""
    document, unread = read_document(config_file)
    problems = list(unread)  # the cached list stays as it was read
    if document is None or not isinstance(document.data, dict):
        return problems
    config: dict[str, Any] = document.data
    root = config_file.parent
    docs_dir = docs_dir or root / str(config.get("docs_dir") or "docs")

    def at(path: yamldoc.Path, message: str, severity: str = "error") -> Problem:
        line, column = document.where(path)
        return Problem(document.origin(path) or SOURCE, line, column, message, severity)

    for key in URL_SETTINGS:
        if config.get(key) not in (None, ""):
            why = url_flaw(config[key])
            if why:
                problems.append(at((key,), f"{key}: {config[key]!r} {why}"))
    for key in NAME_SETTINGS:
        if config.get(key) is not None:
            why = name_flaw(config[key])
            if why:
                problems.append(at((key,), f"{key}: {why}"))
    custom_dir = _custom_dir(config, root)
    for key in ASSET_SETTINGS:
        entries = config.get(key) or []
        if not isinstance(entries, list):
            problems.append(at((key,), f"{key}: must be a list of the site's own files"))
            continue
        for index, entry in enumerate(entries):
            path = entry.get("path") if isinstance(entry, dict) else entry
            why = asset_flaw(path, [d for d in (custom_dir, docs_dir) if d is not None])
            if why:
                problems.append(at((key, index), f"{key}: {path!r} {why}"))
    extra = config.get("extra")
    if isinstance(extra, dict):
        for key in extra:
            if key not in EXTRA:
                problems.append(
                    at(
                        ("extra", key),
                        f"extra.{key}: not a setting this site uses (the theme would add it "
                        "to pages unchecked, and some, such as analytics, load scripts from "
                        f"other hosts): remove it; the settings under extra are "
                        f"{', '.join(sorted(EXTRA))}",
                    )
                )
    problems += _nav_problems(config.get("nav"), ("nav",), at)
    problems += _language_problems(config, at)
    return problems


def _nav_problems(nav: object, path: yamldoc.Path, at: Any) -> list[Problem]:
    """Menu titles are printed as they are, like names: plain text."""
    problems: list[Problem] = []
    items = nav if isinstance(nav, list) else []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        for title, target in item.items():
            why = name_flaw(title)
            if why:
                problems.append(at((*path, index, title), f"nav: the title {why}"))
            problems += _nav_problems(target, (*path, index, title), at)
    return problems


def url_flaw(value: object) -> str | None:
    """Why ``value`` is not an ``https://`` URL with a host and nothing else; or ``None``."""
    fix = "write it as https://host/path/, for example https://privacy.example.org/"
    if not isinstance(value, str):
        return f"is not a URL; {fix}"
    text = value.strip()
    if not URL_CHARACTERS.match(text) or "'" in text:
        bad = next((c for c in text if not URL_CHARACTERS.match(c) or c == "'"), " ")
        return f"holds {bad!r}, which a URL cannot; {fix}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return f"is not a URL that can be read (its host or port is malformed); {fix}"
    if parts.scheme.lower() == "http":
        return f"is http://, which readers' browsers send unencrypted; {fix}"
    if parts.scheme.lower() != "https":
        return f"is not an https:// URL; {fix}"
    host = parts.hostname or ""
    if not host or not all(HOST_LABEL.match(label) for label in host.rstrip(".").split(".")):
        return (
            "has no host name that can be used (letters, digits and '-' in dotted parts; an "
            f"international name in its xn-- form); {fix}"
        )
    if parts.username is not None or parts.password is not None:
        return f"holds a user name or password before the host; {fix}"
    if parts.query or parts.fragment or "?" in text or "#" in text:
        return f"holds a query or fragment ('?' or '#'); {fix}"
    if port is not None and not 0 < port < 65536:
        return f"has a port outside 1-65535; {fix}"
    return None


def name_flaw(value: object) -> str | None:
    """Why ``value`` is not plain text for a name or description; or ``None``."""
    if not isinstance(value, str):
        return f"{value!r} is not text; write the words, in quotes if they contain ': '"
    flaw = text_flaw(value)
    if flaw:
        return flaw
    mark = MARKUP.search(value)
    if mark:
        return (
            f"holds {mark.group()!r}: names and descriptions are plain text, printed as "
            "they are in every page; remove the markup"
        )
    return None


def asset_flaw(path: object, folders: list[Path]) -> str | None:
    """Why ``path`` is not one of the site's own files in ``folders``; or ``None``."""
    fix = (
        "list only the site's own files, by their path inside overrides/ or docs/ "
        "(such as assets/javascripts/x.js); a script or style from another host is not added"
    )
    if not isinstance(path, str) or not path.strip():
        return f"is not a file name; {fix}"
    try:
        parts = urlsplit(path)
    except ValueError:
        parts = None
    if parts is None or parts.scheme or parts.netloc or path.startswith(("/", "\\")):
        return f"is an address, not one of the site's files; {fix}"
    if "\\" in path or ".." in path.split("/") or not URL_CHARACTERS.match(path):
        return f"is not a plain path inside the site ('..', a backslash or a quote); {fix}"
    for folder in folders:
        candidates = [folder / path] + [sub / path for sub in _subfolders(folder)]
        if any(c.is_file() for c in candidates):
            return None
    return f"is not a file in overrides/ or docs/; add the file, or {fix}"


def _subfolders(folder: Path) -> Iterator[Path]:
    """docs/<language>/: mkdocs-static-i18n serves a language folder's files at the root."""
    try:
        yield from (entry for entry in folder.iterdir() if entry.is_dir())
    except OSError:
        return


def _custom_dir(config: dict[str, Any], root: Path) -> Path | None:
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / custom if isinstance(custom, str) and custom.strip() else None


def _language_problems(config: dict[str, Any], at: Any) -> list[Problem]:
    plugins = config.get("plugins") or []
    if not isinstance(plugins, list):
        return []
    problems: list[Problem] = []
    for index, plugin in enumerate(plugins):
        if not (isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict)):
            continue
        items = plugin["i18n"].get("languages") or []
        if not isinstance(items, list):
            continue
        seen: dict[str, int] = {}
        for number, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            base = ("plugins", index, "i18n", "languages", number)
            locale = item.get("locale")
            if not isinstance(locale, str) or not LOCALE.match(locale):
                head, sep, tail = locale.partition("-") if isinstance(locale, str) else ("", "", "")
                fixed = head.lower() + sep + tail
                hint = (
                    f"write the language in lower case, '{fixed}'"
                    if LOCALE.match(fixed)
                    else "write a code such as 'es' or 'pt-BR' (the language in lower case)"
                )
                problems.append(at((*base, "locale"), f"locale: {locale!r} {_not_code(hint)}"))
            elif locale in seen:
                problems.append(
                    at(
                        (*base, "locale"),
                        f"locale: '{locale}' is listed twice in the i18n languages (also item "
                        f"{seen[locale] + 1}); keep one entry for each language",
                    )
                )
            else:
                seen[locale] = number
            # mkdocs-static-i18n sets these for the language's pages: the same rules
            for key in ("name", *NAME_SETTINGS):
                if item.get(key) is not None:
                    why = name_flaw(item[key])
                    if why:
                        problems.append(at((*base, key), f"languages ({locale}) {key}: {why}"))
            for key in ("site_url", "fixed_link"):
                if item.get(key) not in (None, ""):
                    why = url_flaw(item[key])
                    if why:
                        shown = f"languages ({locale}) {key}: {item[key]!r} {why}"
                        problems.append(at((*base, key), shown))
            translations = item.get("nav_translations")
            for english, title in (
                (translations or {}).items() if isinstance(translations, dict) else ()
            ):
                why = name_flaw(title)
                if why:
                    where = (*base, "nav_translations", english)
                    problems.append(at(where, f"languages ({locale}) nav_translations: {why}"))
            link = item.get("link")
            if link is not None and not (
                isinstance(link, str)
                and link.startswith("/")
                and not link.startswith("//")
                and URL_CHARACTERS.match(link)
                and "'" not in link
            ):
                problems.append(
                    at(
                        (*base, "link"),
                        f"languages ({locale}) link: {link!r} is not a path on this site; write "
                        f"it as /{locale}/ or remove it",
                    )
                )
            extra = item.get("extra")
            for key in extra if isinstance(extra, dict) else ():
                if key not in EXTRA:
                    problems.append(
                        at(
                            (*base, "extra", key),
                            f"languages ({locale}) extra.{key}: not a setting this site uses: "
                            f"remove it; the settings under extra are {', '.join(sorted(EXTRA))}",
                        )
                    )
    return problems


def _not_code(hint: str) -> str:
    return f"is not a language code as the site and its i18n plugin read them: {hint}"
