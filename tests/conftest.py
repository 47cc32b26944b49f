"""Shared fixtures: the real site and the two-language fixture site, each built once per
run (the browser sweeps name their tests after the pages, so the builds are made at
collection and the fixtures reuse them), and the ten-language fixture."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from sitebuild import ROOT, TESTS, Build, build_site, fixture_docs

FIXTURES = TESTS / "fixtures"
REAL_DATE = date(2026, 11, 22)
# The two-language fixture: the lifecycle policies and the valid vendors, in en and es.
LIFECYCLE_FIXTURE = FIXTURES / "lifecycle"
TWO_LANGUAGES = ["en", "es"]
TWO_LANGUAGES_DATE = date(2026, 11, 22)


@cache
def _builds() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="privacy-site-builds-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def real_site_build() -> Build:
    """The district's real site as of REAL_DATE, built once per run."""
    return build_site(_builds() / "real", when=REAL_DATE)


def build_two_languages(workdir: Path) -> Build:
    docs = fixture_docs(workdir, LIFECYCLE_FIXTURE)
    return build_site(
        workdir,
        docs=docs,
        when=TWO_LANGUAGES_DATE,
        languages=TWO_LANGUAGES,
        vendors=FIXTURES / "vendors" / "valid.yml",
    )


@cache
def two_languages_build() -> Build:
    """The two-language fixture site (announced change, redlines, vendors), built once."""
    return build_two_languages(_builds() / "two-languages")


@pytest.fixture(scope="session")
def real_build() -> Build:
    build = real_site_build()
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def two_languages() -> Build:
    build = two_languages_build()
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def two_languages_url(two_languages: Build) -> Iterator[str]:
    """The two-language fixture site served over HTTP as a static host serves it (the
    base URL ends with '/'), once for the run."""
    from browser import serve

    with serve(two_languages.site) as url:
        yield url


@pytest.fixture(scope="session")
def real_site(real_build: Build) -> Path:
    """The root folder of the district's real site, built as of REAL_DATE."""
    return real_build.site


@pytest.fixture(scope="session")
def chromium_session() -> Iterator[object]:
    """One Chromium for the whole run."""
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def browser(chromium_session) -> object:
    """The run's Chromium, for this thread (Playwright's sync API is one instance a thread)."""
    return chromium_session.browser


@pytest.fixture(scope="session")
def browser_endpoint(chromium_session) -> str:
    """Where the sweep's threads reach the same Chromium."""
    return chromium_session.endpoint


LANGUAGES_FIXTURE = FIXTURES / "languages"
LANGUAGES_DATE = date(2026, 11, 23)
STALE = "pt"  # its home page's record names an older English text
UNRECORDED = "ko"  # its home page has no record of the English it translates


def languages_docs(workdir: Path) -> Path:
    """The real pages with the lifecycle policies, and the fixture's translations: a home
    page in every language and some policy versions, each recording the English it
    translates (SOURCE_SHA256 in the fixture is replaced by the English file's digest)."""
    import hashlib

    docs = fixture_docs(workdir, LIFECYCLE_FIXTURE)
    for source in sorted(LANGUAGES_FIXTURE.rglob("*.md")):
        target = docs / source.relative_to(LANGUAGES_FIXTURE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    for target in sorted(docs.rglob("*.md")):
        lang, *rest = target.relative_to(docs).parts
        text = target.read_text(encoding="utf-8")
        if "SOURCE_SHA256" not in text:
            continue
        english = (docs / "en" / Path(*rest)).read_bytes()
        if lang == STALE and rest == ["index.md"]:
            english += b"\nAn older sentence.\n"
        digest = hashlib.sha256(english).hexdigest()
        if lang == UNRECORDED and rest == ["index.md"]:
            text = text.replace("source_sha256: SOURCE_SHA256\n", "")
        target.write_text(text.replace("SOURCE_SHA256", digest), encoding="utf-8")
    return docs


@pytest.fixture(scope="session")
def languages_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The ten-language fixture site, built once for the run."""
    from sitebuild import languages_config  # noqa: F401 - the real list of languages

    workdir = tmp_path_factory.mktemp("languages")
    build = build_site(
        workdir,
        docs=languages_docs(workdir),
        when=LANGUAGES_DATE,
        languages=all_languages(),
        vendors=FIXTURES / "vendors" / "valid.yml",
    )
    assert build.returncode == 0, build.output
    return build


def all_languages() -> list[str]:
    """Every language of mkdocs.yml, default first."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    items = sorted(i18n["languages"], key=lambda item: not item.get("default"))
    return [item["locale"] for item in items]
