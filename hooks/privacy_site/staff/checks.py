"""The one list of checks: what ``privacy-site check`` runs and what the build runs, in
the same order, on the same project (``mkdocs.yml`` as :mod:`reading.mkdocs_yml` reads it),
so a file that passes ``check`` builds and a build that fails has failed ``check`` first.

1. the content: every source file read and checked (:func:`privacy_site.content.load_content`:
   mkdocs.yml's settings, docs/, front matter, each page rendered and its HTML checked,
   policies, translations, vendors.yml, posted.lock), and the mailing lists ``notify``
   e-mails (:mod:`reading.notify_config`);
2. the site's words: each language's catalogue can be read (an error) and has every phrase
   (a warning: the missing ones show in English);
3. the theme's words: Material has ``partials/languages/<code>.html`` for each language;
4. links between pages, from the Markdown (MkDocs checks them again on the finished pages);
5. links (symlinks) in the theme's folder (overrides/), whose files are published as they are;
6. what is posted but not yet in posted.lock (a warning; the daily publish records it);
7. reading grades: each text staff can still change that reads above grade 8 (a warning,
   never an error: real adopted policies read above it and must still build).

What only a finished page shows (an id its template uses too, an inline script a setting
put there) stays in the build (``hooks/page_safety.py``); ``check`` renders each page as
the build does (:mod:`reading.rendering`) and finds the rest of what the sanitizer refuses.
The build checks the environment it runs in (SOURCE_DATE_EPOCH) itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..content import Content
from ..languages.language import load_language, missing, read_catalogue, read_template
from ..model.problems import Problem
from ..reading import links, notify_config, posted_lock, symlinks
from ..reading.docs_tree import DocsTree
from ..reading.mkdocs_yml import Project
from . import readability

PROGRAM = "privacy-site"


@dataclass(frozen=True)
class Checked:
    problems: list[Problem]  # errors and warnings, unsorted
    grades: list[readability.Grade]  # every text graded, for check's report


def run(project: Project, content: Content) -> Checked:
    """Every check of the list, on ``content`` as loaded for ``project`` (as of its day)."""
    today = content.today
    problems = list(content.problems)
    problems += notify_config.read(project.config_file, project.languages)[1]
    for code in project.languages:
        problems += load_language(code)[1]
        problems += _theme_words(project, code)
        if code != project.default_language:
            problems += _untranslated(code)
    tree = content.tree or DocsTree(project.docs_dir, project.languages)
    problems += links.check(tree, project.default_language, {v.id for v in content.vendors})
    if project.theme_dir:
        problems += symlinks.found_in(project.root / project.theme_dir, project.theme_dir)
    entries, _ = posted_lock.read(project.record_file, docs=project.docs_dir.name)
    unrecorded = posted_lock.pending(entries, content.posted(project.docs_dir), today)
    problems += [_unrecorded(entry, today) for entry in unrecorded]
    recorded = frozenset(entry.key for entry in entries if entry.kind == "version")
    grades = readability.site_grades(project, content, today, recorded)
    problems += readability.warnings(grades)
    # The same problem found twice (an address refused when its page is rendered and again
    # among the links between pages) is said once.
    return Checked(list(dict.fromkeys(problems)), grades)


_LAST: list[tuple[Content, Checked]] = []


def run_once(project: Project, content: Content) -> Checked:
    """:func:`run`, once per loaded content: the build asks for each language it builds,
    and the content is loaded again only when a file it was read from changes."""
    if not _LAST or _LAST[0][0] is not content:
        _LAST[:] = [(content, run(project, content))]
    return _LAST[0][1]


def _theme_words(project: Project, code: str) -> list[Problem]:
    """Material draws its own interface from ``partials/languages/<code>.html``."""
    name = f"partials/languages/{code}.html"
    if any((folder / name).is_file() for folder in project.theme_dirs):
        return []
    return [
        Problem(
            f"overrides/{name}",
            message=f"the language '{code}' is built but Material has no interface strings "
            f"for it: add overrides/{name}, a copy of Material's partials/languages/en.html "
            "with each value translated (README, 'Adding a language')",
        )
    ]


def _untranslated(code: str) -> list[Problem]:
    """A catalogue that lacks some of the site's words: they show in English meanwhile."""
    catalogue = read_catalogue(code)
    if catalogue.catalog is None:
        return []
    gaps = missing(catalogue.catalog, read_template())
    if not gaps:
        return []
    return [
        Problem(
            f"hooks/privacy_site/languages/locale/{code}/LC_MESSAGES/messages.po",
            message=f"{len(gaps)} of the site's phrases have no translation yet, for example "
            f"{gaps[0]!r}; they show in English until translated (run 'make messages', "
            "then translate the empty msgstr lines)",
            severity="warning",
        )
    ]


def _unrecorded(entry: posted_lock.Entry, today: date) -> Problem:
    where = entry.key if entry.kind != "vendor" else "vendors.yml"
    what = f"the vendor '{entry.key}'" if entry.kind == "vendor" else f"this {entry.kind}"
    return Problem(
        where,
        message=f"{what} is posted as of {today} but not yet in {posted_lock.RECORD}; "
        f"the daily publish records it (or run `{PROGRAM} post`), and from then on it "
        "cannot change",
        severity="warning",
    )
