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
