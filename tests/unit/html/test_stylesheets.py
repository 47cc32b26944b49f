"""The site's own stylesheet is sent without its comments (privacy_site.html.stylesheets)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from privacy_site.html.stylesheets import without_comments
from sitebuild import ROOT

SOURCE = ROOT / "overrides" / "assets" / "stylesheets" / "privacy-site.css"


def test_comments_and_the_lines_they_leave_go_and_every_rule_stays() -> None:
    css = (
        "/* The page. */\n"
        ":root {\n  /* a colour,\n     over two lines */\n  --x: #000;\n}\n\n"
        "a { color: red; } /* after a rule */\n\n\n"
        "@media print {\n  /* print */\n  a { color: #000; }\n}\n"
    )
    assert without_comments(css) == (
        ":root {\n  --x: #000;\n}\na { color: red; } \n@media print {\n  a { color: #000; }\n}\n"
    )


def test_the_real_stylesheet_is_sent_without_comments(real_site: Path) -> None:
    source = SOURCE.read_text("utf-8")
    sent = (real_site / "assets" / "stylesheets" / "privacy-site.css").read_text("utf-8")
    assert sent == without_comments(source)
    assert "/*" not in sent and "*/" not in sent  # no string or url() held a "/*"
    assert sent.count("{") == source.count("{") > 0
    strings = re.findall(r""""[^"\n]*"|'[^'\n]*'|url\([^)]*\)""", sent)
    assert all(string in source for string in strings)
    assert len(gzip.compress(sent.encode())) < 0.7 * len(gzip.compress(source.encode()))
