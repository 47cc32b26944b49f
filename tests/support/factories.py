"""Policy versions for unit tests, without files: one factory for every test module."""

from __future__ import annotations

from datetime import date

from privacy_site.model.policies import Version


def version(
    effective: date,
    posted: date | None = None,
    summary: str | None = None,
    *,
    policy: str = "website-privacy",
    substantive: bool = True,
) -> Version:
    """A version of ``policy`` titled after it ("Website Privacy Policy"), with no body."""
    return Version(
        policy=policy,
        effective=effective,
        title=f"{policy.replace('-', ' ').title()} Policy",
        posted=posted,
        summary=summary,
        substantive=substantive,
        adopted_by=None,
        src_uri=f"en/policies/{policy}/{effective}.md",
        body="",
    )


def language(code: str = "en", messages: dict[str, str] | None = None, name: str | None = None):
    """A Language with a catalogue the test owns (``{"English": "translation"}``)."""
    from babel.messages.catalog import Catalog
    from privacy_site.languages.language import Language, direction, translations_of

    catalog = Catalog(locale=code.replace("-", "_"))
    for english, translated in (messages or {}).items():
        catalog.add(english, translated)
    translations = translations_of(catalog if code != "en" else None)
    return Language(code, name or code, direction(code), translations)
