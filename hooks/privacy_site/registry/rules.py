"""The district's rules for the registry: what a schema says badly or not at all.

Real calendar dates, unique ids, the order of dates, the 30-day notice before an analytics
or advertising vendor is added and a way to opt out of one, and an agreement for student
data (and its expiry). Runs after :mod:`vendor_schema`, on whatever it could read, and
stays quiet about a field the schema pass has already said was probably misspelt.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path as FilePath
from typing import Any

from ..model import addresses, state_laws
from ..model.dates import ISO_DATE, parse_date, why_not
from ..model.policies import NOTICE_DAYS, earliest_effective
from ..reading.yamldoc import Path
from .locate import Collector, dotted
from .schema import schema

OPT_OUT_CATEGORIES = ("analytics", "advertising")
DATE_FIELDS = ("added", "announced", "removed")
AGREEMENT_DATES = ("signed", "expires")
EXPIRY_WARNING_DAYS = 60  # an agreement expiring this soon is a warning


def rules_pass(
    found: Collector,
    data: Any,
    today: date,
    suggested: set[tuple[Path, str]],
    state: str | None = None,
    root: FilePath | None = None,
) -> None:
    """``state``: the district's state, whose profile (:mod:`model.state_laws`) makes its
    fields required of a vendor that receives student data; ``root``: the project's folder,
    where a copy of an agreement is looked for."""
    entries = data.get("vendors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        base: Path = ("vendors", index)
        vendor_id = entry.get("id")
        if isinstance(vendor_id, str):
            if vendor_id in first_index:
                earlier = first_index[vendor_id]
                line = found.document.where(("vendors", earlier, "id"))[0]
                found.add(
                    (*base, "id"),
                    f"{dotted((*base, 'id'))}: {vendor_id!r} is already the id of "
                    f"vendors[{earlier}] (line {line}); give each vendor its own id",
                )
            else:
                first_index[vendor_id] = index
        dates = _real_dates(found, base, entry)
        _agreement_rules(found, base, entry, dates, today, suggested)
        _opt_out_rule(found, base, entry, suggested)
        _link_rules(found, base, entry)
        _cookies_rule(found, base, entry, suggested)
        _order_rules(found, base, entry, dates)
        _disclosure_rules(found, base, entry, root, suggested)
        _update_rules(found, base, entry, dates)
        _profile_rules(found, base, entry, dates, state_laws.profile(state), suggested)


def _real_dates(found: Collector, base: Path, entry: dict[Any, Any]) -> dict[str, date]:
    """The dates that are real; a YYYY-MM-DD that does not exist is reported here."""
    places: list[tuple[str, Path, object]] = [(n, (*base, n), entry.get(n)) for n in DATE_FIELDS]
    agreement = entry.get("agreement")
    if isinstance(agreement, dict):
        places += [
            (f"agreement.{n}", (*base, "agreement", n), agreement.get(n)) for n in AGREEMENT_DATES
        ]
    dates: dict[str, date] = {}
    for key, path, raw in places:
        if not isinstance(raw, str) or not ISO_DATE.match(raw.strip()):
            continue  # absent, or the schema has already said it is not YYYY-MM-DD
        value = parse_date(raw)
        if value is None:
            found.add(path, f"{dotted(path)}: {raw!r} {why_not(raw)}")
        else:
            dates[key] = value
    return dates


def _agreement_rules(
    found: Collector,
    base: Path,
    entry: dict[Any, Any],
    dates: dict[str, date],
    today: date,
    suggested: set[tuple[Path, str]],
) -> None:
    wanted = entry.get("student_data") is True and "agreement" not in entry
    if wanted and (base, "agreement") not in suggested:
        found.add(
            (*base, "agreement"),
            f"{dotted((*base, 'agreement'))}: missing, and student_data is true; add "
            "'agreement:' with its 'type:' and 'signed:' date, or set student_data: false "
            "if it receives no student record information",
            at=(*base, "student_data"),
        )
    signed, expires = dates.get("agreement.signed"), dates.get("agreement.expires")
    path = (*base, "agreement", "expires")
    if signed and expires and expires < signed:
        found.add(
            path,
            f"{dotted(path)}: {expires.isoformat()} is before agreement.signed "
            f"{signed.isoformat()}; correct one of the two dates",
        )
    elif expires and expires <= today + timedelta(days=EXPIRY_WARNING_DAYS):
        removed = dates.get("removed")
        if removed is None or removed > expires:
            when = (
                "has passed"
                if expires < today
                else f"is in {(expires - today).days} days"
                if expires > today
                else "is today"
            )
            found.add(
                path,
                f"{dotted(path)}: {expires.isoformat()} {when}; renew the agreement and update "
                "the date, or set 'removed:' to the day the tool stops being used",
                severity="warning",
            )


def _opt_out_rule(
    found: Collector, base: Path, entry: dict[Any, Any], suggested: set[tuple[Path, str]]
) -> None:
    category = entry.get("category")
    if category not in OPT_OUT_CATEGORIES or "opt_out_instructions" in entry:
        return
    links = entry.get("links")
    if isinstance(links, dict) and "opt_out" in links:
        return
    links_path: Path = (*base, "links")
    if (base, "opt_out_instructions") in suggested or (links_path, "opt_out") in suggested:
        return  # a misspelt field: its own message says which
    path = (*links_path, "opt_out")
    found.add(
        path,
        f"{dotted(path)}: missing, and an {category} vendor must say how to opt out; add the "
        "address where people opt out under 'links:', or explain how in opt_out_instructions",
    )


def _link_rules(found: Collector, base: Path, entry: dict[Any, Any]) -> None:
    """Each address as a browser reads it (:mod:`addresses`): the schema's pattern sees its
    shape only, not a look-alike site name, an IP address or a port no browser opens."""
    links = entry.get("links")
    if not isinstance(links, dict):
        return
    for field, value in links.items():
        if not isinstance(value, str) or not _link_shape().match(value):
            continue  # not text, or not an address at all: the schema has said so
        verdict = addresses.judge(value)
        if verdict:
            path = (*base, "links", field)
            shown = value if len(value) <= 80 else value[:77] + "…"
            found.add(path, f"{dotted(path)}: '{shown}' cannot be used: {verdict.reason}")


@cache
def _link_shape() -> re.Pattern[str]:
    return re.compile(schema()["$defs"]["link"]["pattern"])


def _cookies_rule(
    found: Collector, base: Path, entry: dict[Any, Any], suggested: set[tuple[Path, str]]
) -> None:
    """Without ``cookies`` the page can only say the district has not listed them."""
    if "cookies" in entry or (base, "cookies") in suggested:
        return
    found.add(
        (*base, "cookies"),
        f"{dotted((*base, 'cookies'))}: not listed, so the vendors page says the district "
        "has not listed this tool's cookies; list each (name, purpose, expires), or write "
        "'cookies: []' if the tool sets none",
        at=(*base, "id") if "id" in entry else base,
        severity="warning",
    )


def _order_rules(
    found: Collector, base: Path, entry: dict[Any, Any], dates: dict[str, date]
) -> None:
    added, announced, removed = (dates.get(n) for n in DATE_FIELDS)
    if added and announced and announced > added:
        path = (*base, "announced")
        found.add(
            path,
            f"{dotted(path)}: {announced.isoformat()} is after added {added.isoformat()}; a "
            "vendor is announced on or before the day it is added: correct one of the two dates",
        )
    elif added and announced and entry.get("category") in OPT_OUT_CATEGORIES:
        notice = (added - announced).days
        earliest = earliest_effective(announced)
        if added < earliest:
            path = (*base, "added")
            found.add(
                path,
                f"{dotted(path)}: {added.isoformat()} is {notice} day{'s' if notice != 1 else ''} "
                f"after announced {announced.isoformat()}; an {entry['category']} vendor is added "
                f"at least {NOTICE_DAYS} days after it is announced: set added to "
                f"{earliest.isoformat()} or later",
            )
    if added and removed and removed < added:
        path = (*base, "removed")
        found.add(
            path,
            f"{dotted(path)}: {removed.isoformat()} is before added {added.isoformat()}; a vendor "
            "is removed on or after the day it was added: correct one of the two dates",
        )


def _disclosure_rules(
    found: Collector,
    base: Path,
    entry: dict[Any, Any],
    root: FilePath | None,
    suggested: set[tuple[Path, str]],
) -> None:
    """'other' among the data elements says what it is; a copy of an agreement exists."""
    elements = entry.get("data_elements")
    if (
        isinstance(elements, list)
        and "other" in elements
        and "data_elements_other" not in entry
        and (base, "data_elements_other") not in suggested
    ):
        path = (*base, "data_elements_other")
        found.add(
            path,
            f"{dotted(path)}: missing, and data_elements lists 'other'; say what it is in "
            "'data_elements_other:', in plain words",
            at=(*base, "data_elements"),
        )
    agreement = entry.get("agreement")
    copy = agreement.get("copy") if isinstance(agreement, dict) else None
    if (
        root is not None
        and isinstance(copy, str)
        and _copy_shape().match(copy)
        and not (root / copy).is_file()
    ):
        path = (*base, "agreement", "copy")
        found.add(
            path,
            f"{dotted(path)}: {copy!r} is not a file in the project; put the copy there "
            "(and commit it), or correct the path",
        )


@cache
def _copy_shape() -> re.Pattern[str]:
    return re.compile(schema()["$defs"]["agreement"]["properties"]["copy"]["pattern"])


def _profile_rules(
    found: Collector,
    base: Path,
    entry: dict[Any, Any],
    dates: dict[str, date],
    profile: state_laws.Profile | None,
    suggested: set[tuple[Path, str]],
) -> None:
    """The state's fields, required of a vendor that receives student data, each message
    naming the section that asks for it; and Connecticut's notice within business days."""
    if profile is None or entry.get("student_data") is not True:
        return
    agreement = entry.get("agreement")
    at = (*base, "id") if "id" in entry else base
    for requirement in profile.requirements:
        if any(_present(entry, field) for field in requirement.fields):
            continue
        places = [tuple(field.split(".")) for field in requirement.fields]
        if any(((*base, *place[:-1]), place[-1]) in suggested for place in places):
            continue  # a misspelt field: its own message says which
        if places[0][0] == "agreement" and not isinstance(agreement, dict):
            continue  # the agreement itself is missing: said once, by its own rule
        path = (*base, *places[0])
        name = " or ".join(requirement.fields)
        found.add(
            path,
            f"{dotted(base)}.{name}: missing, and {requirement.citation} asks for "
            f"{requirement.asks}; {requirement.fix}",
            at=at,
            severity=profile.severity,
        )
    if profile.notice_business_days is None:
        return
    signed = dates.get("agreement.signed")
    field = "announced" if "announced" in dates else "added"
    posted = dates.get(field)
    if signed is None or posted is None or posted <= signed:
        return
    last = state_laws.add_business_days(signed, profile.notice_business_days)
    if posted > last:
        days = state_laws.business_days_between(signed, posted)
        path = (*base, field)
        found.add(
            path,
            f"{dotted(path)}: {posted.isoformat()} is {days} business days after "
            f"agreement.signed {signed.isoformat()}, and {profile.notice_citation} asks for "
            f"notice of a contract within {profile.notice_business_days} business days of "
            f"signing it; post the entry by {last.isoformat()} (set 'announced:' to the day "
            "it is posted), or correct the dates",
            severity=profile.severity,
        )


def _present(entry: dict[Any, Any], field: str) -> bool:
    node: Any = entry
    for part in field.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _update_rules(
    found: Collector, base: Path, entry: dict[Any, Any], dates: dict[str, date]
) -> None:
    """Each announced change: real dates in order, with an addition's notice, saying what."""
    updates = entry.get("updates")
    if not isinstance(updates, list):
        return
    for index, update in enumerate(updates):
        if not isinstance(update, dict):
            continue
        here: Path = (*base, "updates", index)
        days: dict[str, date] = {}
        for name in ("announced", "effective"):
            raw = update.get(name)
            if isinstance(raw, str) and ISO_DATE.match(raw.strip()):
                value = parse_date(raw)
                if value is None:
                    found.add((*here, name), f"{dotted((*here, name))}: {raw!r} {why_not(raw)}")
                else:
                    days[name] = value
        if "data_elements" not in update and "subprocessors" not in update:
            found.add(
                here,
                f"{dotted(here)}: says neither data_elements nor subprocessors; write the "
                "whole new list of one or both",
            )
        announced, effective = days.get("announced"), days.get("effective")
        if announced and effective and effective < announced:
            path = (*here, "effective")
            found.add(
                path,
                f"{dotted(path)}: {effective.isoformat()} is before announced "
                f"{announced.isoformat()}; a change takes effect on or after the day it is "
                "announced: correct one of the two dates",
            )
        elif announced and effective and entry.get("category") in OPT_OUT_CATEGORIES:
            earliest = earliest_effective(announced)
            if effective < earliest:
                path = (*here, "effective")
                found.add(
                    path,
                    f"{dotted(path)}: {effective.isoformat()} is "
                    f"{(effective - announced).days} days after announced "
                    f"{announced.isoformat()}; a change to an {entry['category']} tool takes "
                    f"effect at least {NOTICE_DAYS} days after it is announced, as an addition "
                    f"does: set effective to {earliest.isoformat()} or later",
                )
        elements = update.get("data_elements")
        if (
            isinstance(elements, list)
            and "other" in elements
            and "data_elements_other" not in entry
        ):
            path = (*base, "data_elements_other")
            found.add(
                path,
                f"{dotted(path)}: missing, and an update's data_elements lists 'other'; say "
                "what it is in 'data_elements_other:', in plain words",
                at=(*here, "data_elements"),
            )
