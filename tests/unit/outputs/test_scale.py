"""The work a build does grows linearly with the versions of a policy and with the vendors
(issue 22: 300 versions took 266 s and 10,000 vendors 409 s, about three times the time
per doubling). Counted, not timed: the Python lines run (``sys.settrace``) to answer
everything the pages ask, at one size and at twice it. Linear work doubles; work that
scans every version for each version's page, or walks every vendor for each vendor,
quadruples (or worse). The benchmark times the same growth (``make bench``, parts
``vendors`` and ``versions``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from bench.synthetic import vendors_yaml
from factories import language, version
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import AnchorLink, TableOfContents
from privacy_site.content import Content
from privacy_site.model.policies import Policy
from privacy_site.model.settings import Settings
from privacy_site.outputs import policy_views
from privacy_site.outputs.changes import all_changes
from privacy_site.registry.vendors import load_vendors
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from privacy_site.adapter.search import index_vendors
from privacy_site.adapter.site_context import BuildContext

TODAY = date(2026, 11, 22)
LINEAR = 2.3  # work at twice the size, at most this many times the work at the size


def work(task: Callable[[], object]) -> int:
    """How many lines of Python ``task`` runs (every function, libraries included)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        task()
    finally:
        sys.settrace(previous)
    return count


def content(versions: int = 1, vendors: list | None = None) -> Content:
    """One policy of ``versions`` versions, ten days apart (the last one announced), some
    of them corrections; the vendors given."""
    first = date(2018, 1, 1)
    made = []
    for n in range(versions):
        effective = first + timedelta(days=10 * n) if n < versions - 1 else TODAY + timedelta(20)
        posted = effective - timedelta(days=35) if n else None
        made.append(
            version(
                effective,
                posted,
                f"Change {n}." if n else None,
                policy="website-privacy",
                substantive=n % 7 != 3,
            )
        )
    return Content(
        today=TODAY,
        settings=Settings("Sample District", "America/New_York", None),
        default_language="en",
        languages=["en"],
        policies=[Policy("website-privacy", tuple(made))],
        vendors=vendors or [],
    )


def policy_pages(site: Content) -> None:
    """What a build's pages ask about the policy, as the hooks ask it: the policy's page,
    each version's page, each redline's two versions, the change list, the home page's
    list and the page of every page."""
    english = language("en")
    policy = site.policies[0]
    policy_views.policy_view(site, policy, "en")
    for shown in policy.published(TODAY):
        policy_views.policy_view(site, policy, "en", shown)
        before = policy.previous(shown, TODAY)
        if before is not None:
            policy_views.version_row(site, policy, shown, "en")
            policy_views.version_row(site, policy, before, "en")
    all_changes(site, english)
    policy_views.policy_list(site, "en")
    [policy_views.policy_view(site, p, "en") for p in site.policies]


def test_a_policys_pages_take_linear_work_in_its_versions() -> None:
    small, large = content(40), content(80)
    assert len(large.policies[0].published(TODAY)) == 2 * len(small.policies[0].published(TODAY))
    policy_pages(content(3))  # what is done once per process (imports, catalogues)
    ratio = work(lambda: policy_pages(large)) / work(lambda: policy_pages(small))
    assert ratio <= LINEAR, f"twice the versions took {ratio:.1f} times the work"


def test_the_policys_page_lists_every_version_and_a_versions_page_none() -> None:
    """The history table is the policy's page's (every published version, newest first);
    a version's page names its version and the one in effect, not every other one."""
    site = content(30)
    policy = site.policies[0]
    main = policy_views.policy_view(site, policy, "en")
    assert [row.slug for row in main.history] == [v.slug for v in reversed(policy.published(TODAY))]
    old = policy_views.policy_view(site, policy, "en", policy.versions[3])
    assert old.history == []
    assert old.version.slug == policy.versions[3].slug
    assert old.in_effect.slug == policy.in_effect(TODAY).slug


def vendors_page(tmp_path: Path, count: int) -> tuple[list, Callable[[], SearchIndex]]:
    """``count`` vendors read from a vendors.yml, and the vendors page's indexing as the
    build does it: a page whose table of contents lists every vendor (vendor_pages adds
    them) and Material's own search index."""
    registry = tmp_path / f"vendors-{count}.yml"
    registry.write_text(vendors_yaml(count), encoding="utf-8")
    vendors, problems = load_vendors(registry, TODAY)
    assert len(vendors) == count and not [p for p in problems if p.severity == "error"]
    build = BuildContext(
        content=content(vendors=vendors),
        language=language("en"),
        default="en",
        built=["en"],
        names={"en": "English"},
        site_url=None,
    )
    category = AnchorLink("Analytics", "category-analytics", 2)
    category.children = [AnchorLink(v.name, v.id, 3) for v in vendors]
    page = SimpleNamespace(
        meta={}, content="", toc=TableOfContents([category]), url="vendors/", title="Vendors"
    )

    def index() -> SearchIndex:
        search = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
        index_vendors(search, page, build, [str(ROOT / "overrides")])
        return search

    return vendors, index


def test_the_vendors_search_entries_take_linear_work_in_the_vendors(tmp_path: Path) -> None:
    vendors, small = vendors_page(tmp_path, 150)
    _, large = vendors_page(tmp_path, 300)
    small()  # what is done once per process
    ratio = work(large) / work(small)
    assert ratio <= LINEAR, f"twice the vendors took {ratio:.1f} times the work"
    entries = small().entries  # the page's own entry, then one per vendor at its anchor
    assert [entry["location"] for entry in entries] == ["vendors/"] + [
        f"vendors/#{v.id}" for v in vendors
    ]
    assert [entry["title"] for entry in entries[1:]] == [v.name for v in vendors]
