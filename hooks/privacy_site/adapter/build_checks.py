"""The start of each language's build: the content loaded (once per process) and checked,
the build's context made, and every problem found reported (``policy_pages.on_config``).

A build for publishing stops on any error; a preview (``mkdocs serve``) stops only on a
setting of mkdocs.yml (it reaches every page) and shows the others at the top of every
page. Reminders (warnings) are said once, by the default language's build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from privacy_site.adapter.internals import language_names, languages, list_theme_once
from privacy_site.adapter.site_context import BuildContext, process, project_dir
from privacy_site.html import csp
from privacy_site.languages.language import load_language
from privacy_site.model import dates
from privacy_site.model.problems import ContentError, Problem, errors, warnings
from privacy_site.model.settings import read_settings
from privacy_site.reading import site_config
from privacy_site.reading.mkdocs_yml import read_project
from privacy_site.reading.rendering import MarkdownSettings
from privacy_site.staff import checks

# Outside the "mkdocs" logger on purpose: a reminder such as an unset contact address is
# shown on every build but must not fail a strict build.
notice_log = logging.getLogger("privacy_site")
if not notice_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    notice_log.addHandler(_handler)
    notice_log.propagate = False
    notice_log.setLevel(logging.INFO)


def build_context(config: MkDocsConfig) -> BuildContext:
    """The context of the language being built; raises ``PluginError`` (every problem,
    located) when the build must stop."""
    lang, default, built = languages(config)
    settings, _ = read_settings(config.extra)
    date_problem = None
    try:
        today = dates.build_date(settings.timezone)
    except dates.SettingError as exc:
        today = dates.build_date(settings.timezone, environ={})  # to report everything else
        date_problem = Problem("environment", message=str(exc))
    project = project_dir(config)
    state = process()
    list_theme_once(config, state.theme_files.names)
    state.redlines.cache_dir = project / ".cache" / "redlines"  # git-ignored
    markdown = MarkdownSettings(tuple(config.markdown_extensions), config.mdx_configs or {})
    content = state.content.load(
        Path(config.docs_dir),
        today,
        config.extra,
        default,
        built,
        project / "vendors.yml",
        markdown=markdown,
        config_file=Path(config.config_file_path),
    )
    names = language_names(config)
    checked = checks.run_once(read_project(Path(config.config_file_path)), content)
    found = checked.problems + ([date_problem] if date_problem else [])  # as `check` finds
    language = load_language(lang, names.get(lang))[0]
    shown: list[Problem] = []
    later = content.page_problems  # page_safety reports them once the pages are rendered
    # A setting of mkdocs.yml reaches every page, so even a preview stops for one.
    unsafe = [p for p in errors(found) if p.file == site_config.SOURCE]
    if unsafe or (not state.serving and any(p not in later for p in errors(found))):
        raise PluginError(ContentError(errors(found)).report())
    if errors(found) and state.serving:  # say so in the terminal and on every page
        shown = sorted(errors(found))
        if lang == default:
            notice_log.error(ContentError(shown).report())
    if lang == default:
        for problem in warnings(found):
            notice_log.warning(str(problem))
        notice_log.info("Building the site as of %s", today.isoformat())
    return BuildContext(
        content=content,
        language=language,
        default=default,
        built=built,
        names=names,
        site_url=config.site_url or None,
        process=state,
        problems=shown,
        known_scripts=_known_scripts(config),
    )


def built_summary(build: BuildContext) -> None:
    """Said once every language is built."""
    loads = build.process.content.loads
    redlines = build.process.redlines
    pdfs = build.process.pdfs
    made = len(build.process.pdf_links)
    notice_log.info(
        "Built %d language%s as of %s: content read %s, %d redline%s computed%s%s",
        len(build.built),
        "" if len(build.built) == 1 else "s",
        build.today.isoformat(),
        "once" if loads == 1 else f"{loads} times",
        redlines.computed,
        "" if redlines.computed == 1 else "s",
        f", {redlines.from_disk} read from .cache/redlines" if redlines.from_disk else "",
        f"; {made} PDF{'' if made == 1 else 's'} ({pdfs.made} made, {pdfs.from_disk} read "
        "from .cache/pdfs)"
        if made
        else "",
    )


def _known_scripts(config: MkDocsConfig) -> tuple:
    """The inline scripts the theme's templates write, read once per process (the
    templates do not change while it runs)."""
    dirs = tuple(str(folder) for folder in config.theme.dirs)
    known = process().known_scripts
    if dirs not in known:
        known[dirs] = csp.theme_scripts(dirs)
    return known[dirs]
