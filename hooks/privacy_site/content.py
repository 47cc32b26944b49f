"""Everything the site is built from, loaded and checked once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .docs_tree import DocsTree
from .policies import Policy, Translation
from .policy_files import load_policies, load_translations
from .problems import Problem
from .settings import Settings, read_settings
from .vendors import Vendor, load_vendors


@dataclass
class Content:
    today: date
    settings: Settings
    default_language: str
    languages: list[str]
    policies: list[Policy]
    translations: dict[str, dict[tuple[str, date], Translation]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    vendors: list[Vendor] = field(default_factory=list)

    def policy(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)


def load_content(
    docs_dir: Path,
    today: date,
    extra: dict[str, Any] | None,
    default_language: str = "en",
    languages: list[str] | None = None,
    vendors_file: Path | None = None,
) -> Content:
    """Read and check everything; ``vendors_file`` (default: vendors.yml beside docs/)."""
    languages = languages or [default_language]
    settings, problems = read_settings(extra)
    tree = DocsTree(docs_dir, languages)
    policies, found = load_policies(tree, default_language)
    problems += found
    translations: dict[str, dict[tuple[str, date], Translation]] = {}
    for lang in languages:
        if lang == default_language:
            continue
        translations[lang], found = load_translations(tree, lang, policies)
        problems += found
    problems += tree.problems
    vendors, found = load_vendors(vendors_file or docs_dir.parent / "vendors.yml", today)
    problems += found
    return Content(
        today=today,
        settings=settings,
        default_language=default_language,
        languages=languages,
        policies=policies,
        translations=translations,
        problems=problems,
        vendors=vendors,
    )
