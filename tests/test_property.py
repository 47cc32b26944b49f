"""Whatever staff save, the build answers with located problems or a site: never a traceback,
never a hang.

Hypothesis writes random front matter, file names, bytes and YAML into a fixture site.
The checks that every file goes through (``load_content``) run on many examples in
process; a smaller number go through the real ``mkdocs build``.
"""

from __future__ import annotations

import re
import shutil
import string
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from privacy_site import record
from privacy_site.content import load_content
from sitebuild import build_site, fixture_docs

FIXTURE = Path(__file__).parent / "fixtures" / "lifecycle"
TODAY = date(2026, 11, 22)
EXTRA = {"privacy_site": {"district": "Test District", "contact_email": "web@example.org"}}
FIELDS = ["title", "effective", "posted", "summary", "substantive", "adopted_by", "translation"]
LEVEL = re.compile(r"^(WARNING|ERROR) +- +")
LOCATED = re.compile(r"^(docs/\S.*|vendors\.yml|mkdocs\.yml|environment)(:\d+)*: \S")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1)).map(str),
    st.sampled_from(["2026-02-30", "9999-12-31", "0000-01-01", "2026-12-22", "", "~", "*a"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
front_matter = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=6
).map(lambda fields: "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n\nBody.\n")
raw_yaml = st.one_of(
    st.text(alphabet=string.printable + "&*!|>-: \t\u202e\u200b\x00é", max_size=120),
    st.just("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"),
    st.just("a: &a [*a]\n"),
    st.just("[" * 5000),
).map(lambda text: f"---\n{text}\n---\n\nBody.\n")
file_text = st.one_of(front_matter, raw_yaml, st.binary(max_size=200))
names = st.one_of(
    st.sampled_from(["2026-12-22.md", "2026-02-30.md", "9999-12-31.md", "x.MD", " .md", "a b.md"]),
    st.text(alphabet=string.ascii_letters + string.digits + " ._-é", min_size=1, max_size=16),
).filter(lambda name: name not in (".", "..") and not name.startswith("."))
folders = st.sampled_from(["en", "en/policies/sample-policy", "en/policies/New Policy", "fr", "es"])
trees = st.lists(st.tuples(folders, names, file_text), min_size=1, max_size=4)
registries = st.one_of(
    st.none(),
    st.binary(max_size=200),
    raw_yaml.map(lambda text: text.strip("-\n").removesuffix("Body.").encode()),
    st.dictionaries(st.sampled_from(["vendors", "x"]), values, max_size=2).map(
        lambda data: yaml.safe_dump(data, allow_unicode=True).encode()
    ),
)


def write_tree(root: Path, tree: list[tuple[str, str, object]]) -> None:
    for folder, name, content in tree:
        target = root / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            continue
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", errors="surrogatepass")


@settings(
    max_examples=300,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tree=trees, registry=registries)
def test_checks_answer_every_input_with_located_problems(tree, registry) -> None:
    with tempfile.TemporaryDirectory() as work:
        docs = Path(work) / "docs"
        shutil.copytree(FIXTURE, docs)
        write_tree(docs, tree)
        vendors = Path(work) / "vendors.yml"
        if registry is not None:
            vendors.write_bytes(registry)
        (Path(work) / "posted.lock").write_text(record.HEADER, encoding="utf-8")  # none yet
        started = time.monotonic()
        content = load_content(docs, TODAY, EXTRA, "en", ["en", "es"], vendors)
        assert time.monotonic() - started < 5
    for problem in content.problems:
        assert LOCATED.match(str(problem)), str(problem)
        assert problem.message.strip() and "Traceback" not in problem.message


@pytest.mark.build
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tree=trees, registry=registries)
def test_a_real_build_fails_with_located_problems_or_succeeds(tree, registry) -> None:
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        docs = fixture_docs(work_path, FIXTURE)
        write_tree(docs, tree)
        vendors = None
        if registry is not None:
            vendors = work_path / "vendors.yml"
            vendors.write_bytes(registry)
        started = time.monotonic()
        build = build_site(work_path, docs=docs, when=TODAY, vendors=vendors)
        elapsed = time.monotonic() - started
    assert "Traceback" not in build.output, build.output
    assert elapsed < 60, f"the build took {elapsed:.0f} s"
    if build.returncode != 0:
        assert build.returncode == 1
        lines = [LEVEL.sub("", line.strip()) for line in build.output.splitlines()]
        located = [line for line in lines if LOCATED.match(line)]
        assert located, build.output
