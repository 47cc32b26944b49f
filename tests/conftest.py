"""Shared fixtures: the real site, the two-language fixture site and the ten-language
fixture site, each built once per run (the browser sweeps name their tests after the
pages, so the first two are built when tests/browser is collected, and started together in
the background as soon as a run that collects tests/browser begins).

A run's shared builds live in one folder named by PRIVACY_SITE_TEST_BUILDS, made by the
run's first process; with pytest-xdist (``-n 2``) every worker reuses the build the first
worker to need it made (a file lock per build), so no site is built twice."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from privacy_site.model.dates import build_date
from sitebuild import TESTS, Build, build_site, district_timezone, fixture_docs

FIXTURES = TESTS / "fixtures"
# The district's site is built as of its own today (in its own zone), as it is published:
# its tests hold on any day, so no fixed date decides which of its content exists.
REAL_DATE = build_date(district_timezone())
# The two-language fixture: the lifecycle policies and the valid vendors, in en and es.
LIFECYCLE_FIXTURE = FIXTURES / "lifecycle"
TWO_LANGUAGES = ["en", "es"]
TWO_LANGUAGES_DATE = date(2026, 11, 22)
SHARED_BUILDS = "PRIVACY_SITE_TEST_BUILDS"


def pytest_configure(config: pytest.Config) -> None:
    """The run's first process makes the folder of shared builds; workers inherit it."""
    if SHARED_BUILDS not in os.environ:
        os.environ[SHARED_BUILDS] = tempfile.mkdtemp(prefix="privacy-site-builds-")
        config.stash[_OWNED] = os.environ[SHARED_BUILDS]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_OWNED, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ[SHARED_BUILDS]


_OWNED = pytest.StashKey[str]()


def pytest_collection(session: pytest.Session) -> None:
    """A run that collects the browser tests needs the real and the two-language sites at
    collection (and the ten-language site soon after): start the three builds now, side by
    side, instead of one after another when each is first asked for."""
    browser = (TESTS / "browser").resolve()
    for arg in session.config.args:
        path = Path(arg.split("::")[0]).resolve()
        if path == browser or browser in path.parents or path in browser.parents:
            for build in (real_site_build, two_languages_build, ten_languages_build):
                threading.Thread(target=build, daemon=True).start()
            return


def shared_build(name: str, make: Callable[[Path], Build]) -> Build:
    """``make(folder)`` once per run, whichever process or thread asks first; the others
    wait for it and reuse its site."""
    folder = Path(os.environ[SHARED_BUILDS])
    record = folder / f"{name}.json"
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            build = make(folder / name)
            record.write_text(
                json.dumps([build.returncode, build.output, str(build.site)]), encoding="utf-8"
            )
    returncode, output, site = json.loads(record.read_text(encoding="utf-8"))
    return Build(returncode, output, Path(site))


@cache
def real_site_build() -> Build:
    """The district's real site as of REAL_DATE, built once per run."""
    return shared_build("real", lambda folder: build_site(folder, when=REAL_DATE))


def build_two_languages(workdir: Path) -> Build:
    docs = fixture_docs(workdir, LIFECYCLE_FIXTURE)
    return build_site(
        workdir,
        docs=docs,
        when=TWO_LANGUAGES_DATE,
        languages=TWO_LANGUAGES,
        vendors=FIXTURES / "vendors" / "valid.yml",
        pdfs=True,  # the browser sweep follows every PDF link
    )


@cache
def two_languages_build() -> Build:
    """The two-language fixture site (announced change, redlines, vendors), built once."""
    return shared_build("two-languages", build_two_languages)


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


def build_ten_languages(workdir: Path) -> Build:
    return build_site(
        workdir,
        docs=languages_docs(workdir),
        when=LANGUAGES_DATE,
        languages=all_languages(),
        vendors=FIXTURES / "vendors" / "valid.yml",
    )


@cache
def ten_languages_build() -> Build:
    """The ten-language fixture site, built once for the run."""
    return shared_build("ten-languages", build_ten_languages)


@pytest.fixture(scope="session")
def languages_build() -> Build:
    """The ten-language fixture site, built once for the run."""
    build = ten_languages_build()
    assert build.returncode == 0, build.output
    return build


def all_languages() -> list[str]:
    """Every language of the tests' own district (tests/fixtures/district/mkdocs.yml),
    default first: every language the engine has words for, whatever the district has."""
    from sitebuild import fixture_languages

    return fixture_languages()
