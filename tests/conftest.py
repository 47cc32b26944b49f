"""Shared fixtures: the real site built once at a fixed date, and fixture sites."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sitebuild import Build, build_site

FIXTURES = Path(__file__).parent / "fixtures"
REAL_DATE = date(2026, 11, 22)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("real"), when=REAL_DATE)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def real_site(real_build: Build) -> Path:
    """The root folder of the district's real site, built as of REAL_DATE."""
    return real_build.site


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole run: Playwright's sync API allows one instance at a time."""
    from browser import chromium

    with chromium() as launched:
        yield launched


LANGUAGES_FIXTURE = FIXTURES / "languages"
LIFECYCLE_FIXTURE = FIXTURES / "lifecycle"
LANGUAGES_DATE = date(2026, 11, 23)
STALE = "pt"  # its home page's record names an older English text
UNRECORDED = "ko"  # its home page has no record of the English it translates


def languages_docs(workdir: Path) -> Path:
    """The real pages with the lifecycle policies, and the fixture's translations: a home
    page in every language and some policy versions, each recording the English it
    translates (SOURCE_SHA256 in the fixture is replaced by the English file's digest)."""
    import hashlib

    from sitebuild import fixture_docs

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

    config = yaml.safe_load((Path(__file__).parent.parent / "mkdocs.yml").read_text("utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    items = sorted(i18n["languages"], key=lambda item: not item.get("default"))
    return [item["locale"] for item in items]
