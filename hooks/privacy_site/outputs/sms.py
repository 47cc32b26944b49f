"""How many SMS segments a text message takes (3GPP TS 23.038 and 23.040).

A message that uses only the GSM 7-bit default alphabet (with its extension table, whose
characters take two septets) fits 160 septets in one segment, and 153 per segment once
split (each part carries a 7-octet header). Any other character makes the whole message
UCS-2: 70 UTF-16 code units in one segment, 67 per part; a character outside the Basic
Multilingual Plane (an emoji) takes two units, and a part never splits one.
"""

from __future__ import annotations

from dataclasses import dataclass

# The GSM 03.38 default alphabet (ESC, 0x1B, is not a character of its own).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each is sent as ESC + a character, two septets.
GSM7_EXTENDED = frozenset("\f^{}\\[~]|€")

SINGLE = {"GSM-7": 160, "UCS-2": 70}
PART = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class Segments:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    count: int  # segments the message is sent in


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text)


def segments(text: str) -> Segments:
    """The encoding a phone would use for ``text`` and how many segments it takes."""
    if is_gsm7(text):
        sizes = [2 if c in GSM7_EXTENDED else 1 for c in text]
        encoding = "GSM-7"
    else:
        sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
        encoding = "UCS-2"
    units = sum(sizes)
    if units <= SINGLE[encoding]:
        return Segments(encoding, units, 1 if units else 0)
    count, filled = 1, 0
    for size in sizes:  # an escape pair or a surrogate pair is never split between parts
        if filled + size > PART[encoding]:
            count, filled = count + 1, 0
        filled += size
    return Segments(encoding, units, count)
