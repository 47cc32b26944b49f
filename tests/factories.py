"""Policy versions for unit tests, without files: one factory for every test module."""

from __future__ import annotations

from datetime import date

from privacy_site.policies import Version


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
