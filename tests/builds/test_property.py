# ruff: noqa: RUF001 -- look-alike letters of other scripts are drawn on purpose
"""Whatever staff save, the build answers with located problems or a site: never a traceback,
never a hang.

Hypothesis writes random front matter, file names, bytes and YAML into a fixture site, and
symlinks (to files and folders inside docs/ and outside the project, and to nothing).
The checks that every file goes through (``load_content``) run on many examples in
process; a smaller number go through the real ``mkdocs build`` and ``privacy-site check``,
which must agree, and publish nothing from outside the project.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from privacy_site.content import load_content
from privacy_site.html import sanitize
from privacy_site.model.dates import epoch_for
from privacy_site.model.problems import errors
from privacy_site.reading import links as page_links
from privacy_site.reading import posted_lock
from privacy_site.reading.docs_tree import DocsTree
from privacy_site.reading.mkdocs_yml import read_config
from sitebuild import (
    ROOT,
    TESTS,
    build_site,
    config_with,
    fixture_docs,
    mkdocs_build,
    scratch_project,
)

FIXTURE = TESTS / "fixtures" / "lifecycle"
TODAY = date(2026, 11, 22)
EXTRA = {
    "privacy_site": {
        "district": "Test District",
        "timezone": "America/New_York",
        "contact_email": "web@example.org",
    }
}
FIELDS = ["title", "effective", "posted", "summary", "substantive", "adopted_by", "translation"]
LEVEL = re.compile(r"^(WARNING|ERROR) +- +")
EXTENSIONS = [
    next(iter(e)) if isinstance(e, dict) else e for e in config_with()["markdown_extensions"]
]
LOCATED = re.compile(r"^(docs/\S.*|vendors\.yml|mkdocs\.yml|posted\.lock|environment)(:\d+)*: \S")

DECODED = [
    "Bell\a ESC\x1b[31m red",
    "\u202egnp.exe",
    "tag\U000e0041\U000e007f",
    "line\u2028break",
    "\u200d",
    "\u2066isolated\u2069",
    "٢٠٢٦-١٢-٠٧",
]
DECODED_CHARACTERS = "\x00\x07\x1b\x7f\x85\u200b\u200d\u2028\u2029\u202e\u2067\U000e0001"
# What no published page may carry, whatever the sources said.
HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]"
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1)).map(str),
    st.sampled_from(["2026-02-30", "9999-12-31", "0000-01-01", "2026-12-22", "", "~", "*a"]),
    # Characters YAML writes as escapes ("\a", "\e", "\u202E"): clean bytes in the file,
    # hostile once decoded (issue 22)
    st.sampled_from(DECODED),
    st.text(alphabet=st.sampled_from(DECODED_CHARACTERS), min_size=1, max_size=4),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
# Links a browser may read as another site, or as no public site (issue 22): look-alike
# letters of other scripts among Latin ones, IPs in any notation, private names, ports.
LOOK_ALIKES = "оаеірсхуѕ" + "οαερτν"  # Cyrillic, then Greek
labels = st.text(
    # with a fraction slash and a Unicode hyphen (U+2044, U+2010), which read as / and -
    alphabet=string.ascii_lowercase + string.digits + "-⁄‐" + LOOK_ALIKES + "例子مثال",
    min_size=1,
    max_size=10,
)
hosts = st.one_of(
    st.lists(labels, min_size=1, max_size=3).map(lambda parts: ".".join([*parts, "org"])),
    st.ip_addresses().map(lambda ip: f"[{ip}]" if ip.version == 6 else str(ip)),
    st.sampled_from(
        ["localhost", "printer.local", "0x7f.1", "2130706433", "xn--ggle-55da.com", "例子.中国"]
    ),
    st.just("example.org"),
)
links = st.builds(
    "{}{}{}{}/{}".format,
    st.sampled_from(["https:", "http:", "HTTPS:", "mailto:help@", "javascript:"]),
    st.sampled_from(["//", "//", "\\\\", "/\\", "//user@", "//example.org\\@"]),
    hosts,
    st.one_of(st.just(""), st.integers(min_value=0, max_value=99999).map(":{}".format)),
    st.text(alphabet=string.ascii_letters + " %.\\", max_size=6),
)
front_matter = st.tuples(
    st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=6), links
).map(
    lambda drawn: (
        "---\n"
        + yaml.safe_dump(drawn[0], allow_unicode=True)
        + f"---\n\nBody with [a link]({drawn[1]}).\n"
    )
)
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
# Where a link points: outside the project (a file, a folder), inside docs/ (a file, a
# folder), or nowhere.
TARGETS = ["outside-file", "outside-folder", "inside-file", "inside-folder", "nowhere"]
link_names = st.sampled_from(["users.json", "page.md", "2026-12-22.md", "policies", "shared"])
symlinks_drawn = st.lists(
    st.tuples(folders | st.just("."), link_names, st.sampled_from(TARGETS)), min_size=1, max_size=3
)
SECRET = "OUTSIDE-THE-PROJECT-7f3a"
registries = st.one_of(
    st.none(),
    st.binary(max_size=200),
    raw_yaml.map(lambda text: text.strip("-\n").removesuffix("Body.").encode()),
    st.dictionaries(st.sampled_from(["vendors", "x"]), values, max_size=2).map(
        lambda data: yaml.safe_dump(data, allow_unicode=True).encode()
    ),
)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(link=links)
@example(link="https://example.org/\\\\")  # an escaped backslash, then the link's end
@example(link="x\\)y")  # an escaped parenthesis inside the address
def test_check_and_the_build_judge_every_drawn_link_alike(link: str) -> None:
    """``privacy-site check`` reads the Markdown, the build the page MkDocs renders from it:
    the same link gets the same verdict (error, warning or none) from both, never a
    traceback, and a refused address never reaches the page."""
    body = f"Text with [a link]({link}) in it.\n"
    html = markdown.markdown(body, extensions=EXTENSIONS)
    built = {f.severity for f in sanitize.check(html) if f.what.startswith("the address")}
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "en" / "index.md"
        page.parent.mkdir()
        page.write_text(f"---\ntitle: T\n---\n\n{body}", encoding="utf-8")
        found = page_links.check(DocsTree(Path(work), ["en"]), "en", set())
    checked = {p.severity for p in found if p.message.startswith("the address")}
    assert built == checked, (link, html, found)
    for finding in sanitize.check(html):
        if finding.severity == "error" and finding.what.startswith("the address"):
            assert 'href="' not in sanitize.clean(html), sanitize.clean(html)


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


def write_links(work: Path, docs: Path, drawn: list[tuple[str, str, str]]) -> int:
    """Each drawn link, with what it points to; the number made (a name already taken is
    skipped)."""
    outside = work / "outside"
    (outside / "folder").mkdir(parents=True, exist_ok=True)
    (outside / "passwd").write_text(f"root:{SECRET}\n", encoding="utf-8")
    (outside / "folder" / "page.md").write_text(f"# Page\n\n{SECRET}\n", encoding="utf-8")
    targets = {
        "outside-file": outside / "passwd",
        "outside-folder": outside / "folder",
        "inside-file": docs / "en" / "index.md",
        "inside-folder": docs / "en" / "policies",
        "nowhere": work / "nowhere",
    }
    made = 0
    for folder, name, target in drawn:
        link = docs / folder / name
        if not link.parent.is_dir() or link.parent.is_symlink() or os.path.lexists(link):
            continue
        link.symlink_to(targets[target], target_is_directory=target.endswith("folder"))
        made += 1
    return made


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
        (Path(work) / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")  # none yet
        started = time.monotonic()
        content = load_content(docs, TODAY, EXTRA, "en", ["en", "es"], vendors)
        assert time.monotonic() - started < 5
    for problem in content.problems:
        assert LOCATED.match(str(problem)), str(problem)
        assert problem.message.strip() and "Traceback" not in problem.message


@settings(
    max_examples=40,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tree=trees, drawn=symlinks_drawn)
def test_no_link_is_read_and_none_is_silent(tree, drawn) -> None:
    with tempfile.TemporaryDirectory() as work:
        docs = Path(work) / "docs"
        shutil.copytree(FIXTURE, docs)
        write_tree(docs, tree)
        made = write_links(Path(work), docs, drawn)
        (Path(work) / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")  # none yet
        content = load_content(docs, TODAY, EXTRA, "en", ["en", "es"], Path(work) / "vendors.yml")
    for problem in content.problems:
        assert LOCATED.match(str(problem)), str(problem)
        assert SECRET not in str(problem)
    if made:
        assert errors(content.problems), "a link was made and nothing was said"


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
        published = [
            (page, HIDDEN.search(page.read_text("utf-8", errors="replace")))
            for page in (build.site.rglob("*.html") if build.returncode == 0 else ())
        ]
    assert "Traceback" not in build.output, build.output
    hidden = [(str(page), found.group()) for page, found in published if found]
    assert not hidden, hidden  # decoded escapes and direction controls never reach a page
    assert elapsed < 60, f"the build took {elapsed:.0f} s"
    if build.returncode != 0:
        assert build.returncode == 1
        lines = [LEVEL.sub("", line.strip()) for line in build.output.splitlines()]
        located = [line for line in lines if LOCATED.match(line)]
        assert located, build.output


CLI = Path(sys.executable).parent / "privacy-site"


@pytest.mark.build
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tree=trees, drawn=symlinks_drawn)
def test_links_publish_nothing_and_the_build_and_check_agree(tree, drawn) -> None:
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        docs = fixture_docs(work_path, FIXTURE)
        write_tree(docs, tree)
        made = write_links(work_path, docs, drawn)
        project = scratch_project(
            work_path, FIXTURE, FIXTURE.parent / "vendors" / "valid.yml", docs=docs
        )
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        env["SOURCE_DATE_EPOCH"] = str(epoch_for(TODAY, "America/New_York"))
        site = work_path / "site"
        built = subprocess.run(
            mkdocs_build(project, site), cwd=project, env=env, capture_output=True, text=True
        )
        env.pop("SOURCE_DATE_EPOCH")
        checked = subprocess.run(
            [str(CLI), "--config", str(project / "mkdocs.yml"), "check", "--date", str(TODAY)],
            env=env,
            capture_output=True,
            text=True,
        )
        leaked = [
            path
            for path in (site.rglob("*") if site.exists() else [])
            if path.is_symlink() or (path.is_file() and SECRET.encode() in path.read_bytes())
        ]
    outputs = built.stdout + built.stderr + checked.stdout + checked.stderr
    assert "Traceback" not in outputs, outputs
    assert leaked == [], leaked
    assert checked.returncode in (0, 1), outputs
    assert (built.returncode != 0) == (checked.returncode == 1), outputs
    if made:
        assert built.returncode == 1, outputs


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


@settings(max_examples=60, deadline=10000, suppress_health_check=[HealthCheck.too_slow])
@given(
    top=st.dictionaries(st.sampled_from(SETTINGS), setting_values, max_size=4),
    ours=st.dictionaries(
        st.sampled_from(["district", "state", "timezone", "contact_role", "contact_email"]),
        setting_values | st.dictionaries(HOSTILE_TEXT, setting_values, max_size=2),
        max_size=3,
    ),
    locale=setting_values,
)
def test_every_setting_is_a_located_problem_or_safe_in_a_page(top, ours, locale) -> None:
    # the tests' own district's mkdocs.yml: ten languages, whatever the district has
    config = read_config(TESTS / "fixtures" / "district" / "mkdocs.yml")
    config.update(top)
    config["extra"]["privacy_site"].update(ours)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    i18n["languages"][1]["locale"] = locale
    with tempfile.TemporaryDirectory() as work:
        project = Path(work)
        shutil.copytree(FIXTURE, project / "docs")
        (project / "overrides").symlink_to(ROOT / "overrides")
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
    for role in content.settings.contact_role.values():
        assert isinstance(role, str) and role and not MARKUP.search(role.replace("'", ""))
    assert content.settings.state is None or re.fullmatch("[A-Z]{2}", content.settings.state)
