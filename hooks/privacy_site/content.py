"""Everything the site is built from, loaded and checked once per process: shared by every
language build, and read again only when a file it depends on changes (``mkdocs serve``)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .languages.translation_status import PageStatus, page_status
from .model.policies import Policy, Version
from .model.problems import Problem
from .model.settings import Settings, read_settings
from .model.translations import Translation
from .model.vendors import Vendor, VendorState
from .reading import placeholders, posted_lock, rendering, site_config
from .reading.docs_tree import DocsTree
from .reading.mkdocs_yml import Project
from .reading.policy_files import load_policies, load_translations
from .reading.translations import check_translations
from .registry.vendors import load_vendors


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
    # (language, path inside its folder) -> how that translated file was made
    page_translations: dict[tuple[str, str], Translation] = field(default_factory=dict)
    # every English page, with how each language has it (the completeness report)
    translation_status: list[PageStatus] = field(default_factory=list)
    # what rendering each page found (also in ``problems``): the build goes on to render
    # the site and reports them with what only a finished page shows (an id used twice)
    page_problems: list[Problem] = field(default_factory=list)
    # pages whose Markdown cannot be rendered (docs/en/x.md): the build renders them empty
    unrenderable: set[str] = field(default_factory=set)
    # the docs/ folder as read, for the checks that read it again (links between pages)
    tree: DocsTree | None = field(default=None, repr=False, compare=False)
    # policy id -> policy, made on first use (every policy page asks; a scan per page of
    # every policy grew with the square of the policies), remade if the list is replaced
    _by_id: tuple[Any, int, dict[str, Policy]] = field(
        default=(None, 0, {}), init=False, repr=False, compare=False
    )

    def policy(self, policy_id: str) -> Policy | None:
        made_from, count, by_id = self._by_id
        if made_from is not self.policies or count != len(self.policies):
            by_id = {}
            for p in self.policies:
                by_id.setdefault(p.id, p)
            self._by_id = (self.policies, len(self.policies), by_id)
        return by_id.get(policy_id)

    def version(self, policy_id: str, slug: str) -> Version | None:
        """Version ``slug`` (its effective date, ``2026-12-22``) of a policy, if both exist."""
        policy = self.policy(policy_id)
        return policy.version(slug) if policy else None

    def scheduled(self) -> set[str]:
        """Versions whose day has not come (``policies/<id>/<date>.md``): not in the output,
        so nothing published may list or link them."""
        return {
            version.src_uri.split("/", 1)[1]
            for policy in self.policies
            for version in policy.versions
            if version.published_on > self.today
        }

    def posted(self, docs_dir: Path) -> posted_lock.Posted:
        """What is on the site today, as the record keeps it (files relative to the project)."""
        found = posted_lock.Posted()
        folder = docs_dir.name
        for policy in self.policies:
            for version in policy.published(self.today):
                found.versions[f"{folder}/{version.src_uri}"] = version.sha256
        for table in self.translations.values():
            for (policy_id, effective), translation in table.items():
                version = self.version(policy_id, effective.isoformat())
                if version is not None and version.published_on <= self.today:
                    sha = posted_lock.digest(docs_dir / translation.src_uri)
                    found.translations[f"{folder}/{translation.src_uri}"] = (sha, translation.kind)
        found.vendors = {v.id for v in self.vendors if v.state(self.today) != VendorState.HIDDEN}
        return found


def project_content(project: Project, today: date, *, record_required: bool = True) -> Content:
    """:func:`load_content` of a project as mkdocs.yml describes it (``privacy-site``'s
    commands: check, post, notify, ...)."""
    return load_content(
        project.docs_dir,
        today,
        project.extra,
        project.default_language,
        project.languages,
        project.vendors_file,
        markdown=project.markdown,
        config_file=project.config_file,
        record_required=record_required,
    )


def load_content(
    docs_dir: Path,
    today: date,
    extra: dict[str, Any] | None,
    default_language: str = "en",
    languages: list[str] | None = None,
    vendors_file: Path | None = None,
    markdown: rendering.MarkdownSettings | None = None,
    config_file: Path | None = None,
    *,
    record_required: bool = True,
) -> Content:
    """Read and check everything; ``vendors_file`` (default: vendors.yml beside docs/), and
    the record of what was posted (``posted.lock`` beside it), which must exist once a
    version is posted, unless not ``record_required`` (``post``, which starts it); with
    ``config_file``, the settings of mkdocs.yml that reach a page (``site_config``). Every
    page is rendered with ``markdown`` (mkdocs.yml's extensions; default: MkDocs' own) and
    its HTML checked, as the build will."""
    languages = languages or [default_language]
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    if config_file is not None:
        problems += site_config.check(config_file, docs_dir)
        lines = site_config.settings_lines(config_file)
    settings, found = read_settings(extra, lines, languages)
    problems += found
    tree = DocsTree(docs_dir, languages)
    rendered = rendering.check_pages(_pages(tree), markdown or rendering.MarkdownSettings())
    policies, found = load_policies(tree, default_language)
    problems += found
    translations: dict[str, dict[tuple[str, date], Translation]] = {}
    for lang in languages:
        if lang == default_language:
            continue
        translations[lang], found = load_translations(tree, lang, policies)
        problems += found
    page_translations, found = check_translations(tree, default_language)
    problems += found
    for lang, table in translations.items():  # one Translation a file: its words and state
        for key, words in table.items():
            checked = page_translations.get((lang, words.path))
            if checked is not None:
                table[key] = page_translations[(lang, words.path)] = replace(
                    words, stale=checked.stale
                )
    problems += tree.problems + rendered.problems + placeholders.found_in(tree)
    vendors_file = vendors_file or docs_dir.parent / "vendors.yml"
    vendors, found = load_vendors(vendors_file, today, state=settings.state)
    problems += found
    record_file = vendors_file.parent / posted_lock.RECORD
    entries, found = posted_lock.read(record_file, docs=docs_dir.name)
    problems += found + posted_lock.check(entries, vendors_file.parent, vendors_file)
    if record_required:
        posted = (
            f"{docs_dir.name}/{version.src_uri}"
            for policy in policies
            for version in policy.published(today)
        )
        gone = posted_lock.missing(record_file, posted, today)
        problems += [gone] if gone else []
    return Content(
        today=today,
        settings=settings,
        default_language=default_language,
        languages=languages,
        policies=policies,
        translations=translations,
        problems=problems,
        vendors=vendors,
        page_translations=page_translations,
        translation_status=page_status(tree, page_translations, default_language, languages),
        page_problems=rendered.problems,
        unrenderable=rendered.unrenderable,
        tree=tree,
    )


def _pages(tree: DocsTree) -> list[rendering.Page]:
    """Every Markdown page the tree could read, in every language built."""
    found = []
    for pages in tree.pages.values():
        for path in sorted(pages.values()):
            parsed, source = tree.markdown(path), tree.source(path)
            if parsed is not None and source is not None:
                found.append(
                    rendering.Page(tree.display(path), source, parsed.body, parsed.body_line)
                )
    return found


class ContentCache:
    """The content last loaded, kept while the files it was read from are unchanged."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._content: Content | None = None
        self.loads = 0

    def load(
        self,
        docs_dir: Path,
        today: date,
        extra: Any,
        default_language: str,
        languages: list[str],
        vendors_file: Path,
        markdown: rendering.MarkdownSettings | None = None,
        config_file: Path | None = None,
    ) -> Content:
        key = fingerprint(
            docs_dir, vendors_file, extra, today, default_language, languages, config_file
        )
        key += markdown.key() if markdown else ""
        if self._content is None or key != self._key:
            self._content = load_content(
                docs_dir,
                today,
                extra,
                default_language,
                languages,
                vendors_file,
                markdown=markdown,
                config_file=config_file,
            )
            self._key = key
            self.loads += 1
        return self._content


def fingerprint(
    docs_dir: Path,
    vendors_file: Path,
    extra: Any,
    today: date,
    default_language: str,
    languages: list[str],
    config_file: Path | None = None,
) -> str:
    """Names, sizes and modification times of everything read, and the settings used."""
    digest = hashlib.sha256()
    for root, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    for path in (vendors_file, vendors_file.parent / posted_lock.RECORD, config_file):
        if path is None:
            continue
        try:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
        except OSError:
            digest.update(f"no {path.name}\n".encode())
    settings = extra.get("privacy_site") if isinstance(extra, Mapping) else extra
    digest.update(repr((settings, today, default_language, languages)).encode())
    return digest.hexdigest()
