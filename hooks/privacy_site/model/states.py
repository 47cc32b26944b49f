"""The states, districts and territories of the United States by their postal codes: the
``state`` a district's settings name (``extra.privacy_site.state``)."""

from __future__ import annotations

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "AS": "American Samoa",
    "GU": "Guam", "MP": "the Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "the U.S. Virgin Islands",
}  # fmt: skip


def state_flaw(value: object) -> str | None:
    """Why ``value`` is not a state's two-letter postal code; or ``None``."""
    code = value.strip() if isinstance(value, str) else ""
    if code in STATES:
        return None
    if code.upper() in STATES:
        return f"{value!r} is written in lower case; write it '{code.upper()}'"
    return (
        f"{value!r} is not a state's two-letter postal code; write it as the Postal Service "
        "does, such as CA, MA or TX"
    )
