"""Each page loads only the site's own scripts it runs (``privacy_site.html.page_scripts``);
the browser side is in ``tests/browser/test_search_lazy.py`` (a first visit's requests)."""

from __future__ import annotations

import re

from privacy_site.html.page_scripts import without_unused_scripts

SCRIPTS = """<body>{body}
    <script src="../assets/javascripts/search-on-demand.js"></script>
      <script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>
        <script src="../assets/javascripts/effective-dates.js"></script>
        <script src="../assets/javascripts/keyboard.js"></script>
        <script src="../assets/javascripts/redline.js"></script>
</body>"""


def loaded(html: str) -> list[str]:
    return re.findall(r'<script src="[^"]*/([^/"]+)"></script>', html)


def test_a_page_keeps_only_the_site_scripts_it_runs() -> None:
    plain = without_unused_scripts(SCRIPTS.format(body="<p>Text</p>"))
    assert loaded(plain) == ["search-on-demand.js", "bundle.a5f9d56c.min.js", "keyboard.js"]
    switch = '<span class="date-switch" data-switch-on="2026-12-22">'
    redline = '<p class="redline-whole" hidden><button type="button">'
    both = without_unused_scripts(SCRIPTS.format(body=switch + redline))
    assert loaded(both) == loaded(SCRIPTS)
    assert without_unused_scripts(SCRIPTS.format(body=switch + redline)) == SCRIPTS.format(
        body=switch + redline
    )
    alone = without_unused_scripts(SCRIPTS.format(body=switch))
    assert "effective-dates.js" in loaded(alone) and "redline.js" not in loaded(alone)
    alone = without_unused_scripts(SCRIPTS.format(body=redline))
    assert "redline.js" in loaded(alone) and "effective-dates.js" not in loaded(alone)
    # Text that merely names the attribute or the class does not keep a script.
    text = "<p>data-switch-on and redline-whole are words here</p>"
    assert loaded(without_unused_scripts(SCRIPTS.format(body=text))) == loaded(plain)
