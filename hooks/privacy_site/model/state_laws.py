"""What each state's student-privacy law (or, for Massachusetts, the agreement its districts
sign) asks a district to publish about a tool that receives student data: the state
profile named by ``extra.privacy_site.state``.

Plain data: each :class:`Requirement` is a field of a vendor in ``vendors.yml``, the
section that asks for it and how to fill it in. The registry's rules
(:mod:`privacy_site.registry.rules`) make them required for a vendor with
``student_data: true``; the vendors page titles its disclosure with :attr:`Profile.title`.

Citations are to the text as checked when this was written (see FORMAT.md): New York
Education Law §2-d(3)(c); Connecticut General Statutes §10-234bb; Colorado Revised
Statutes §22-16-107(1)(b) and §22-16-108(1); the Student Data Privacy Consortium's
National Data Privacy Agreement (NDPA), Exhibits B, E and H.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Requirement:
    fields: tuple[str, ...]  # dotted inside a vendor; any one of them satisfies it
    citation: str  # "New York Education Law §2-d(3)(c)(1)"
    asks: str  # what the text asks for, in plain words
    fix: str  # how to write it in vendors.yml


@dataclass(frozen=True)
class Profile:
    state: str  # the postal code
    title: str  # "Details required by New York law"
    requirements: tuple[Requirement, ...]
    severity: str = "error"  # a law's requirement; "warning" for an agreement's
    notice_business_days: int | None = None  # Connecticut: notice within five business days
    notice_citation: str = ""


# Pages a state's law asks a district to publish: `new-district` writes a starter of each
# for a district in that state, and the engine's menu lists each one a district has, after
# the student data page (no district copies the engine's menu to add it).
STATE_PAGES: dict[str, tuple[str, ...]] = {
    "NY": ("parents-bill-of-rights.md",),  # Education Law §2-d(3): the bill of rights
}
STATE_PAGES_AFTER = "student-data-privacy.md"


_NY = "New York Education Law §2-d(3)(c)"
_CT = "Connecticut General Statutes §10-234bb"
_NDPA = "the National Data Privacy Agreement"
_ELEMENTS_FIX = (
    "list under 'data_elements:' the codes of the student data it receives, one per line, "
    "for example '- demographics' (FORMAT.md lists the codes)"
)
_SUBPROCESSORS_FIX = (
    "list under 'subprocessors:' each company it shares the data with ({name: …, purpose: "
    "…}), or write 'subprocessors: []' if it shares the data with none"
)

PROFILES: dict[str, Profile] = {
    "NY": Profile(
        "NY",
        "Details required by New York law",
        (
            Requirement(
                ("exclusive_purposes",),
                f"{_NY}(1)",
                "the exclusive purposes the student data is used for",
                "add 'exclusive_purposes:' with the purposes the contract allows, in plain words",
            ),
            Requirement(
                ("subprocessor_duties",),
                f"{_NY}(2)",
                "how the vendor holds subcontractors to the same data-protection duties",
                "add 'subprocessor_duties:' saying how the contract binds anyone the vendor "
                "shares the data with",
            ),
            Requirement(
                ("agreement.expires",),
                f"{_NY}(3)",
                "when the contract expires",
                "add 'expires: YYYY-MM-DD' under 'agreement:'",
            ),
            Requirement(
                ("end_of_contract",),
                f"{_NY}(3)",
                "what happens to the student data when the contract ends",
                "add 'end_of_contract:' saying whether the data is returned or destroyed, "
                "when and how",
            ),
            Requirement(
                ("accuracy_challenge",),
                f"{_NY}(4)",
                "how a parent or eligible student can challenge the accuracy of the data",
                "add 'accuracy_challenge:' saying whom to ask and how",
            ),
            Requirement(
                ("storage",),
                f"{_NY}(5)",
                "where the student data is stored",
                "add 'storage:' with 'location:' (country or region) and 'kind:' (vendor, "
                "cloud or district)",
            ),
            Requirement(
                ("security",),
                f"{_NY}(5)",
                "the security protections taken to protect the data",
                "add 'security:' with the protections in plain words",
            ),
            Requirement(
                ("encryption",),
                f"{_NY}(5)",
                "whether the student data is encrypted",
                "add 'encryption:' with 'in_motion: true' or false and 'at_rest: true' or false",
            ),
        ),
    ),
    "CT": Profile(
        "CT",
        "Details required by Connecticut law",
        (
            Requirement(
                ("data_elements",),
                _CT,
                "what student information the contract lets the vendor collect",
                _ELEMENTS_FIX,
            ),
        ),
        notice_business_days=5,
        notice_citation=_CT,
    ),
    "CO": Profile(
        "CO",
        "Details required by Colorado law",
        (
            Requirement(
                ("data_elements",),
                "Colorado Revised Statutes §22-16-108(1)",
                "the data elements the provider collects",
                _ELEMENTS_FIX,
            ),
            Requirement(
                ("subprocessors",),
                "Colorado Revised Statutes §22-16-108(1)",
                "how the provider shares the student data",
                _SUBPROCESSORS_FIX,
            ),
            Requirement(
                ("agreement.link", "agreement.copy"),
                "Colorado Revised Statutes §22-16-107(1)(b)",
                "a copy of each contract",
                "add under 'agreement:' 'copy: docs/en/contracts/<file>.pdf' (a copy in this "
                "repository) or 'link: https://…' (where the signed contract is published)",
            ),
        ),
    ),
    "MA": Profile(
        "MA",
        "Details of the data privacy agreement",
        (
            Requirement(
                ("data_elements",),
                f"{_NDPA}'s Schedule of Data (Exhibit B)",
                "the student data the vendor receives",
                _ELEMENTS_FIX,
            ),
            Requirement(
                ("subprocessors",),
                f"{_NDPA}'s list of subprocessors (Exhibit H)",
                "the companies the vendor shares the data with",
                _SUBPROCESSORS_FIX,
            ),
            Requirement(
                ("agreement.general_offer",),
                f"{_NDPA}'s General Offer of Privacy Terms (Exhibit E)",
                "whether the vendor signed the general offer other districts can accept",
                "add 'general_offer: true' or 'general_offer: false' under 'agreement:'",
            ),
        ),
        # Massachusetts districts sign the NDPA through the Massachusetts Student Privacy
        # Alliance; no statute asks the district to publish these fields, so they are advice.
        severity="warning",
    ),
}


def profile(state: str | None) -> Profile | None:
    """The profile of a state with one; ``None`` for any other state, or none."""
    return PROFILES.get(state or "")


def add_business_days(start: date, days: int) -> date:
    """``days`` business days (Monday to Friday) after ``start``. Public holidays are not
    known here, so the day found may be earlier than the law's last day, never later."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days (Monday to Friday) after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count
