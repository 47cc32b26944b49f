"""The project as mkdocs.yml describes it, read without MkDocs: where the content is, the
district's settings and the languages built. Used by the staff's command line, which
must work (and explain itself) even when MkDocs would not start."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from ..model.dates import SettingError
from ..model.problems import Problem
from ..model.settings import Settings, read_settings
from . import yamldoc
from .posted_lock import RECORD
from .rendering import MarkdownSettings


@dataclass(frozen=True)
class Project:
    config_file: Path
    extra: dict[str, Any]
    settings: Settings
    setting_problems: list[Problem]
    default_language: str
    languages: list[str]  # every language built, the default first
    markdown: MarkdownSettings = field(default_factory=MarkdownSettings)
    theme_dir: str | None = None  # theme.custom_dir (overrides/), as mkdocs.yml names it
    theme_name: str | None = None  # theme.name: material

    @property
    def theme_dirs(self) -> list[Path]:
        """Where the theme's templates are looked for, in order: theme.custom_dir, then the
        installed theme's own folder, found as MkDocs finds it (its ``mkdocs.themes`` entry
        point), without starting MkDocs."""
        found = [self.root / self.theme_dir] if self.theme_dir else []
        for point in entry_points(group="mkdocs.themes", name=self.theme_name or ""):
            try:
                spec = importlib.util.find_spec(point.value)
            except (ImportError, ValueError):
                continue
            if spec is None:
                continue
            found += [Path(folder) for folder in (spec.submodule_search_locations or [])]
        return found

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def vendors_file(self) -> Path:
        return self.root / "vendors.yml"

    @property
    def record_file(self) -> Path:
        return self.root / RECORD


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (``!ENV``, ``!relative``): read them as text."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data, with the settings it inherits as MkDocs reads them (``INHERIT``:
    the engine's ``hooks/engine.yml``); :class:`SettingError` with a one-line reason if
    unreadable."""
    config = _read(config_file)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    if not isinstance(parent, str) or not (config_file.parent / parent).is_file():
        raise SettingError(
            f"{config_file}: INHERIT: {parent!r} is not a file in the project; write the path "
            "of the engine's settings: hooks/engine.yml"
        )
    return yamldoc.merged(_read(config_file.parent / parent), config)


def _read(config_file: Path) -> dict[str, Any]:
    try:
        loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except FileNotFoundError:
        raise SettingError(
            f"{config_file}: not found; run this from the project's folder (the one with "
            "mkdocs.yml), or name the file with --config"
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingError(f"{config_file}: cannot be read ({type(exc).__name__})") from None
    return loaded if isinstance(loaded, dict) else {}


def read_project(config_file: Path) -> Project:
    config = read_config(config_file)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    settings, problems = read_settings(extra)
    default, built = languages(config)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom_dir = theme.get("custom_dir")
    name = theme.get("name")
    return Project(
        config_file.resolve(),
        extra,
        settings,
        problems,
        default,
        built,
        MarkdownSettings.from_config(config.get("markdown_extensions")),
        custom_dir if isinstance(custom_dir, str) else None,
        name if isinstance(name, str) else None,
    )


def languages(config: dict[str, Any]) -> tuple[str, list[str]]:
    """The default language and mkdocs-static-i18n's languages with ``build`` on (its
    default), the default first: the one reading of the language list in mkdocs.yml."""
    plugins = config.get("plugins") or []
    i18n = next(
        (p["i18n"] for p in plugins if isinstance(p, dict) and isinstance(p.get("i18n"), dict)),
        None,
    )
    items = [item for item in (i18n or {}).get("languages") or [] if isinstance(item, dict)]
    built = [str(item["locale"]) for item in items if "locale" in item and item.get("build", True)]
    default = next((str(item["locale"]) for item in items if item.get("default")), None)
    default = default or (built[0] if built else "en")
    return default, [default] + [code for code in built if code != default]
