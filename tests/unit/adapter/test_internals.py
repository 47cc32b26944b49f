"""The names of other projects' that are not their documented interface
(``privacy_site.adapter.internals``, ``privacy_site.adapter.mkdocs_messages``) are still there,
and still do what the site relies on, in the installed versions. Each failure names the
project, its version and what to rewrite: the day MkDocs, ``mkdocs serve`` or
mkdocs-static-i18n changes, this fails before a preview goes stale or a message goes
unlocated."""

from __future__ import annotations

import inspect
import logging
import re
import sys
import threading
from importlib.metadata import version
from pathlib import Path

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import mkdocs_static_i18n.plugin as i18n_plugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs_static_i18n import folder
from mkdocs_static_i18n.plugin import I18n
from privacy_site.adapter import internals, material_html, mkdocs_messages

I18N = f"mkdocs-static-i18n {version('mkdocs-static-i18n')}"
MKDOCS = f"MkDocs {version('mkdocs')}"
REWRITE = "rewrite privacy_site/adapter/internals.py for it (its docstring lists each name)"


def test_i18n_still_has_the_plugin_state_the_site_reads() -> None:
    plugin = I18n()
    for name in internals.I18N_PLUGIN_ATTRIBUTES:
        assert hasattr(plugin, name) or hasattr(I18n, name), (
            f"{I18N} has no '{name}' on its plugin any more: {REWRITE}"
        )


def test_i18n_still_marks_its_files_as_the_site_marks_generated_ones() -> None:
    source = inspect.getsource(folder)
    for name in (*internals.I18N_FILE_ATTRIBUTES, "alternates"):
        assert f"file.{name} =" in source, (
            f"{I18N} no longer sets File.{name} on the files it places: {REWRITE}"
        )


def test_i18n_still_builds_each_other_language_through_its_module_build() -> None:
    """The preview builds the language asked for first by replacing the ``build`` i18n's
    loop calls; the loop sets ``current_language`` before each call and skips the one
    equal to it."""
    assert i18n_plugin.build is mkdocs_build.build or getattr(
        i18n_plugin.build, "privacy_site_order", False
    ), f"{I18N} no longer calls MkDocs' build from its module: {REWRITE}"
    loop = inspect.getsource(I18n.on_post_build)
    for line in (
        "for locale in self.build_languages:",
        "if locale == self.current_language:",
        "self.current_language = locale",
        "build(config, dirty=dirty)",
    ):
        assert line in loop, f"{I18N}'s loop over the languages changed ({line!r}): {REWRITE}"


def test_the_serve_server_still_holds_requests_until_its_epoch_is_shown(tmp_path: Path) -> None:
    """``mkdocs serve`` holds a request while a rebuild is under way; showing the written
    pages early (``internals.show_written``) lets it through."""
    (tmp_path / "index.html").write_text("<p>page</p>", encoding="utf-8")
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path))
    try:
        missing = [n for n in internals.SERVER_ATTRIBUTES if not hasattr(server, n)]
        assert not missing, f"{MKDOCS}'s LiveReloadServer has no {missing}: {REWRITE}"
        server._wanted_epoch += 1  # a rebuild under way
        answered: list[bytes] = []
        request = threading.Thread(
            target=lambda: answered.extend(
                server.serve_request({"PATH_INFO": "/index.html"}, lambda *_: None)
            ),
            daemon=True,
        )
        request.start()
        request.join(0.5)
        assert request.is_alive(), f"{MKDOCS} no longer holds a request during a rebuild"
        internals.show_written(server)
        request.join(5)
        assert not request.is_alive() and b"".join(answered) == b"<p>page</p>", (
            f"{MKDOCS}'s server no longer sends a page once its epoch is shown: {REWRITE}"
        )
    finally:
        server.server_close()


def test_mkdocs_still_words_its_link_and_menu_warnings_as_matched(tmp_path: Path) -> None:
    """MkDocs' warnings are English sentences; a rewording would leave them unlocated."""
    pages = inspect.getsource(sys.modules["mkdocs.structure.pages"])
    # the source writes the sentence over two lines: compared without the line break
    nav = inspect.getsource(sys.modules["mkdocs.structure.nav"]).replace("'\n            '", "")
    for text in (
        "contains a link '",
        "contains a link to ",
        "contains an absolute link '",
        "contains an unrecognized relative link '",
    ):
        assert f"Doc file '{{self.file.src_uri}}' {text}" in pages, (
            f"{MKDOCS} no longer warns '{text}': update privacy_site/adapter/mkdocs_messages.py"
        )
    assert mkdocs_messages.NOT_IN_NAV in nav, (
        f"{MKDOCS} no longer warns '{mkdocs_messages.NOT_IN_NAV}': update "
        "privacy_site/adapter/mkdocs_messages.py"
    )
    # And the rewriting itself, on the sentence MkDocs logs.
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.md").write_text("# A\n\n[b](b.md)\n", encoding="utf-8")
    mkdocs_messages.install(tmp_path)
    record = logging.LogRecord(
        "mkdocs.structure.pages", logging.WARNING, "", 0,
        "Doc file 'en/a.md' contains a link 'b.md', but the target 'b.md' is not found among "
        "documentation files.", (), None,
    )  # fmt: skip
    logging.getLogger("mkdocs.structure.pages").filters[-1].filter(record)
    assert record.getMessage().startswith(f"{tmp_path.name}/en/a.md:3: the link 'b.md'")


def test_a_generated_file_is_marked_as_i18n_marks_its_own(tmp_path: Path) -> None:
    file = File("x.json", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    internals.place(file, "x.json", "es", {"es": file})
    assert internals.norm_src_uri(file) == "x.json" and internals.locale(file) == "es"
    assert file.alternates == {"es": file} and file.locale_alternate_of == "es"


def test_material_still_writes_the_html_the_site_rewrites() -> None:
    """The patterns of ``privacy_site.adapter.material_html`` match what the installed
    Material's ``base.html`` writes (its Jinja expressions filled in)."""
    material = f"Material for MkDocs {version('mkdocs-material')}"
    base = (Path(material_templates()) / "base.html").read_text(encoding="utf-8")
    toggles = [line.strip() for line in base.splitlines() if 'class="md-toggle"' in line]
    assert len(toggles) == 2 and all(
        material_html.STATE_TOGGLE.fullmatch(line) for line in toggles
    ), f"{material} writes its state checkboxes differently: update material_html.STATE_TOGGLE"
    links = [
        re.sub(r"\{\{.*?\}\}", "x", line)
        for line in base.splitlines()
        if '<link rel="alternate" href=' in line
    ]
    assert links and all(material_html.LANGUAGE_LINK.match(line) for line in links), (
        f"{material} writes its language links differently: update material_html.LANGUAGE_LINK"
    )


def material_templates() -> str:
    import material

    return str(Path(material.__file__).parent / "templates")


def test_mkdocs_still_lists_the_theme_files_through_the_environment_it_asks_for() -> None:
    """``internals.list_theme_once`` answers the listing MkDocs asks the theme's Jinja
    environment for (``Theme.get_env`` then its loader's ``list_templates``)."""
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    assert callable(getattr(Theme, "get_env", None)), f"{MKDOCS}'s Theme has no get_env"
    assert "env.list_templates(" in inspect.getsource(Files.add_files_from_theme), (
        f"{MKDOCS} lists the theme's files another way: update internals.list_theme_once"
    )
