"""Each published version's PDF in an MkDocs build (``policy_pages.on_env``, once every
page is rendered): made from the version page's rendered text, in each language that has
its own text (the default language always), added to the site beside the version's page,
and listed in ``/api/policies.json``.

mkdocs-static-i18n builds the default language first, so a language that shows a version
in English links the English PDF already made. Made PDFs are kept by
``outputs.pdfs.Pdfs`` (memory and ``.cache/pdfs``), so another language or a rebuild
makes none twice.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from privacy_site.adapter.generated_files import add_static
from privacy_site.adapter.site_context import BuildContext, macros, project_dir
from privacy_site.outputs import api, policy_pdfs
from privacy_site.outputs.pdfs import PdfToolMissing
from privacy_site.outputs.policy_pdfs import PdfLink

log = logging.getLogger("privacy_site")
POLICIES_API = "api/policies.json"
# PRIVACY_SITE_PDFS=off: a build without PDFs (the tests' builds that are not about them);
# PRIVACY_SITE_CACHE: the folder of the PDF cache, instead of the project's .cache (the
# tests share one; entries are named by what they are made from, so any build may reuse).
SWITCH = "PRIVACY_SITE_PDFS"
CACHE = "PRIVACY_SITE_CACHE"


def add_pdfs(files: Files, config: MkDocsConfig, build: BuildContext) -> None:
    """Make (or find in the cache) this language's PDFs, add them, and list them."""
    state = build.process
    if os.environ.get(SWITCH, "").strip().lower() == "off":
        return
    cache = os.environ.get(CACHE, "").strip()
    state.pdfs.cache_dir = (Path(cache) if cache else project_dir(config) / ".cache") / "pdfs"
    content, lang, default = build.content, build.lang, build.default
    for key in [key for key in state.pdf_links if key[2] == lang or lang == default]:
        del state.pdf_links[key]  # made again below: the site as of this build only
    for policy in content.policies:
        for version in policy.published(content.today):
            if not build.translated(policy.id, version.slug):
                continue  # shown in English: the English PDF is linked
            page = build.rendered.get(f"policies/{policy.id}/{version.slug}.md")
            if page is None or page.content is None:
                continue
            path = policy_pdfs.pdf_path(policy.id, version.slug, lang, default)
            view = policy_pdfs.pdf_view(
                content,
                policy,
                version,
                lang,
                build.language.direction,
                page.content,
                build.site_url,
            )
            html = str(macros(config.theme.dirs, build.language).pdf_document(view))
            # Relative links in the text are relative to the version's page.
            base = (build.site_url or "").rstrip("/") + "/" + path.rsplit("/", 1)[0] + "/"
            try:
                made = state.pdfs.make(html, base if build.site_url else None)
            except PdfToolMissing as exc:
                if not state.pdf_tool_missing:
                    log.warning(str(exc))
                state.pdf_tool_missing = True
                return
            if made.withheld:
                log.warning(
                    "docs/%s/policies/%s/%s.md: its PDF is not published: %s (the page says "
                    "so; check the text's script and fonts)",
                    lang,
                    policy.id,
                    version.slug,
                    made.withheld,
                )
            else:
                add_static(files, config, build, path.removeprefix(build.prefix), made.data)
            state.pdf_links[(policy.id, version.slug, lang)] = PdfLink(
                policy.id, version.slug, lang, path, made.size, made.sha256, made.withheld
            )
    _list_in_api(files, build)


def links(build: BuildContext) -> dict[str, dict[str, PdfLink | None]]:
    """For the templates (``pdf`` in a page's context): ``"policy/slug"`` -> the version's
    PDF in this language (``own``, maybe withheld) and the English one (``english``)."""
    found: dict[str, dict[str, PdfLink | None]] = {}
    for (policy, slug, lang), link in build.process.pdf_links.items():
        if lang in (build.lang, build.default):
            entry = found.setdefault(f"{policy}/{slug}", {"own": None, "english": None})
            entry["own" if lang == build.lang else "english"] = link
    return found


def _list_in_api(files: Files, build: BuildContext) -> None:
    """``/api/policies.json`` again, now with each version's PDF (it was added, before any
    page was rendered, by ``changes.add_files``)."""
    dest = POLICIES_API if build.lang == build.default else f"{build.lang}/{POLICIES_API}"
    listed = files.get_file_from_path(f"{build.lang}/{POLICIES_API}")
    for file in files:
        if file.dest_uri == dest:
            listed = file
    if listed is None:
        return
    document = api.policies_document(build.content, build.lang, build.site_url, links(build))
    listed.content_bytes = api.json_bytes(document)
