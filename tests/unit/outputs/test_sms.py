"""SMS segment counting, on strings whose encoding and segment counts are known."""

from __future__ import annotations

import pytest
from privacy_site.outputs.sms import GSM7_BASIC, GSM7_EXTENDED, is_gsm7, segments


def test_the_alphabets_have_their_sizes() -> None:
    assert len(GSM7_BASIC) == 127  # 128 positions, ESC not a character
    assert len(GSM7_EXTENDED) == 10


@pytest.mark.parametrize(
    "text, encoding, units, count",
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters take two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("a" * 152 + "€", "GSM-7", 154, 1),
        # the escape pair is not split: 152 + 2 would straddle the 153-septet part
        ("a" * 152 + "€" + "a" * 152, "GSM-7", 306, 3),
        ("Política de privacidad: cambia el 22/12/2026.", "UCS-2", 45, 1),  # í is not GSM-7
        ("Añadir ñ, ü, é, à: sí GSM-7? No: í.", "UCS-2", 35, 1),
        ("Añadir ñ, ü, é, à", "GSM-7", 17, 1),
        ("ب" * 70, "UCS-2", 70, 1),
        ("ب" * 71, "UCS-2", 71, 2),
        ("ب" * 134, "UCS-2", 134, 2),
        ("ب" * 135, "UCS-2", 135, 3),
        ("😀" * 35, "UCS-2", 70, 1),  # outside the BMP: two units each
        ("a" * 66 + "😀" + "a" * 66, "UCS-2", 134, 3),  # the pair is not split either
    ],
)
def test_segments(text: str, encoding: str, units: int, count: int) -> None:
    found = segments(text)
    assert (found.encoding, found.units, found.count) == (encoding, units, count)


def test_every_language_of_the_site_is_classified() -> None:
    assert is_gsm7("Privacy policy changes on December 22, 2026: https://x.org/p/")
    assert is_gsm7("Politik konfidansyalite a ap chanje 22 desanm 2026")  # Haitian Creole
    for text in ("የግላዊነት ፖሊሲ", "سياسة الخصوصية", "গোপনীয়তা নীতি", "隐私政策", "개인정보"):
        assert not is_gsm7(text)
