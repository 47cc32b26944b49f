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


# Settings of mkdocs.yml: whatever is written, a located problem or a value safe in a page --

HOSTILE_TEXT = st.sampled_from(
    [
        '"><script>alert(1)</script>',
        "javascript:alert(1)",
        "http://example.org/",
        "https://example.org/",
        "//evil.example/x.js",
        "../../etc/passwd",
        "assets/javascripts/keyboard.js",
        "Bell\a ESC\x1b[31m",
        "\u200d",
        "a\u202eb",
        "x\U000e0041",
        "localtime",
        "America/New_York",
        "web@example.org",
        "Cambridge",
        "ES",
        "es",
    ]
)
setting_values = st.one_of(HOSTILE_TEXT, scalars, st.lists(HOSTILE_TEXT | scalars, max_size=3))
SETTINGS = [
    "site_url",
    "repo_url",
    "site_name",
    "site_description",
    "extra_css",
    "extra_javascript",
]
MARKUP = re.compile(r"[<>\"'`\x00-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(
    top=st.dictionaries(st.sampled_from(SETTINGS), setting_values, max_size=4),
    ours=st.dictionaries(
        st.sampled_from(["district", "timezone", "contact_email"]), setting_values, max_size=3
    ),
    locale=setting_values,
)
def test_every_setting_is_a_located_problem_or_safe_in_a_page(top, ours, locale) -> None:
    root = Path(__file__).resolve().parent.parent
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(top)
    config["extra"]["privacy_site"].update(ours)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    i18n["languages"][1]["locale"] = locale
    with tempfile.TemporaryDirectory() as work:
        project = Path(work)
        shutil.copytree(FIXTURE, project / "docs")
        (project / "overrides").symlink_to(root / "overrides")
        config_file = project / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        content = load_content(
            project / "docs", TODAY, config["extra"], "en", ["en"], config_file=config_file
        )
    setting_errors = [p for p in content.problems if p.file == "mkdocs.yml"]
    for problem in setting_errors:
        assert LOCATED.match(str(problem)) and problem.line, str(problem)
    if any(p.severity == "error" for p in setting_errors):
        return
    # nothing refused: every value that reaches a page is plain and of its kind
    for key in ("site_url", "repo_url"):
        value = config.get(key)
        assert value in (None, "") or (
            str(value).startswith("https://") and not MARKUP.search(value)
        )
    for key in ("site_name", "site_description"):
        assert not MARKUP.search(str(config.get(key) or "").replace("'", "")), key
    for key in ("extra_css", "extra_javascript"):
        for entry in config.get(key) or []:
            assert isinstance(entry, str) and ":" not in entry and not entry.startswith("/")
            assert ".." not in entry.split("/")
    assert isinstance(locale, str) and re.split("[-_]", locale)[0].islower()
    assert content.settings.timezone not in ("localtime", "")
    assert not MARKUP.search(content.settings.district)
