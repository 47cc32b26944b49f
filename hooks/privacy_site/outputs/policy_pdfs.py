"""Plain data for a policy version's PDF: what the document says (``pdf_document`` in
overrides/partials/fragments.html) and how pages, the history table and the API link it.

A version has a PDF in each language it is translated into (its own text) and in the
default language; a language that shows the English text links the English PDF, no copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from markupsafe import Markup

from ..content import Content
from ..model import urls
from ..model.policies import Policy, Version
from . import policy_views
from .pdfs import kilobytes

STYLE = Path(__file__).with_name("pdf.css")


def pdf_path(policy: str, slug: str, lang: str, default_language: str) -> str:
    """``policies/x/2026-12-22/x-2026-12-22-en.pdf``, beside the version's page, in the
    folder of the language it is written in."""
    return f"{urls.version_path(policy, slug, lang, default_language)}{policy}-{slug}-{lang}.pdf"


@dataclass(frozen=True)
class PdfLink:
    """One version's PDF in one language, as pages and the API name it."""

    policy: str
    slug: str
    lang: str  # the language of its text
    url: str  # site path, as pages link it (``policies/x/2026-12-22/x-2026-12-22-en.pdf``)
    size: int  # bytes; 0 when withheld
    sha256: str | None
    withheld: str | None = None  # why it is not published (English, for the log)

    @property
    def kilobytes(self) -> int:
        return kilobytes(self.size)


@dataclass(frozen=True)
class PdfView:
    """What the PDF of one version in one language says."""

    lang: str
    dir: str
    title: str
    title_english: bool
    district: str
    state: str  # a State's value, as of ``made``
    effective: date
    since: date
    correction: bool
    posted: date | None
    last_day: date | None
    as_of: date  # the day its state began: the PDF stays the same bytes until it changes
    page_url: str  # the version's page, absolute when the site's address is known
    machine: bool  # a machine translation: the notice, and a link to the English
    english_url: str | None
    in_short: tuple[str, ...]
    in_short_english: bool
    adopted_by: str | None
    body: Markup  # the version page's text, as rendered
    style: Markup


def state_began(row: policy_views.VersionRow) -> date:
    """The day a version's state (as of the build) began: posted for an announced one, its
    effective date in effect, the day after its last for a superseded one. Not the build's
    day, which would make every PDF anew each day."""
    if row.state == "announced":
        return row.posted or row.effective
    if row.state == "superseded" and row.last_day is not None:
        return row.last_day + timedelta(days=1)
    return row.effective


def pdf_view(
    content: Content,
    policy: Policy,
    version: Version,
    lang: str,
    direction: str,
    body: str,
    site_url: str | None,
) -> PdfView:
    row = policy_views.version_row(content, policy, version, lang)
    default = content.default_language
    translation = content.translations.get(lang, {}).get((policy.id, version.effective))
    machine = lang != default and translation is not None and translation.kind == "machine"
    english = urls.version_path(policy.id, version.slug, default, default)
    return PdfView(
        lang=lang,
        dir=direction,
        title=row.title,
        title_english=row.title_english,
        district=content.settings.district,
        state=row.state,
        effective=row.effective,
        since=row.since,
        correction=row.correction,
        posted=row.posted,
        last_day=row.last_day,
        as_of=state_began(row),
        page_url=urls.absolute(row.url, site_url),
        machine=machine,
        english_url=urls.absolute(english, site_url) if machine else None,
        in_short=row.in_short,
        in_short_english=row.in_short_english,
        adopted_by=row.adopted_by,
        body=Markup(body),
        style=Markup(STYLE.read_text(encoding="utf-8")),
    )
