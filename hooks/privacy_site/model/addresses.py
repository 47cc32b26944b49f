"""Addresses of other sites, read the way a browser reads them, and whether one may be
published: one rule for a vendor's links in ``vendors.yml`` and for links in page text.

An address is parsed by the WHATWG URL standard (``ada_url``, the parser Node uses), so a
backslash, an IP address written in hex or an out-of-range port mean here what they mean
to the reader's browser. Its site name is then judged as browsers judge an IDN (UTS #39,
"highly restrictive"): each label in one script (Latin may join Han with Kana, Bopomofo
or Hangul), and no label of a non-Latin script made only of letters that look Latin
under a top-level domain of another script. Script and look-alike data come from
Unicode's tables (``confusable_homoglyphs``); a label beyond ASCII must be valid IDNA
2008 (``idna``), which has no symbols and no look-alike slashes or hyphens. Names in one
non-Latin script throughout, such as ``例子.中国``, are fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ada_url
import idna
from confusable_homoglyphs import categories, confusables

# Names that never reach a public site (RFC 6761, 6762, 8375, 9476; ICANN's .internal).
PRIVATE_SUFFIXES = ("localhost", "local", "internal", "home.arpa", "test", "invalid", "onion")
# Scripts that may share a label with each other (UTS #39, highly restrictive).
SCRIPT_SETS = (
    {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
    {"LATIN", "HAN", "BOPOMOFO"},
    {"LATIN", "HAN", "HANGUL"},
)
NEUTRAL = {"COMMON", "INHERITED"}  # digits, hyphens, combining marks: any script's
AUTHORITY_PORT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/*[^/?#]*:(\d+)(?:[/?#]|$)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # an address of its own, not a path
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SPACE = re.compile(r"\s")
TYPE_AGAIN = "type the address again from the site itself, copied from the address bar"


@dataclass(frozen=True)
class Verdict:
    """Why an address may not be published as written (``error``), or what staff should
    ask about although it is published (``warning``); ``reason`` includes the fix."""

    reason: str
    severity: str = "error"


def judge(address: str, *, page_text: bool = False) -> Verdict | None:
    """The verdict on one link's address, or ``None`` when it is fine.

    ``page_text``: a link in a page, where adopted legal text may cite an ``http://``
    address (a warning); the site's own links to vendors are ``https://`` only.
    """
    text = address.strip()
    if CONTROL.search(text):
        return Verdict("it contains a control character")
    if "\\" in text:
        return Verdict(
            "it contains a backslash, which a browser reads as '/', so the link can lead "
            "to another site than the one written; write '/' or remove it"
        )
    if SPACE.search(text):
        return Verdict(
            "it contains a space, so a browser opens another address or none; remove the "
            "space, or write it as %20 if the address really has one"
        )
    if not SCHEME.match(text):
        if text.startswith("//"):
            return Verdict("write https:// in full")
        return None  # a link within the site: checked by the build's link validation
    scheme = text.split(":", 1)[0].lower()
    if scheme == "mailto":
        return _mailto(text)
    if scheme not in ("https", "http"):
        return Verdict("links are https:// or mailto: addresses")
    try:
        url = ada_url.URL(text)
    except ValueError:
        return Verdict(_unreadable(text))
    if url.username or url.password:
        return Verdict("an address must not carry a user name or password")
    verdict = host_verdict(url.hostname, url.host_type)
    if verdict:
        return verdict
    if url.port:
        return Verdict(
            f"it names the port :{url.port}, which public pages do not need: it is how test "
            "and internal servers are reached; remove it, or ask the site for its public "
            "address",
            "warning" if page_text else "error",
        )
    if scheme == "http":
        if not page_text:
            return Verdict("a vendor's address must start with https://")
        return Verdict(
            "it is an unencrypted http:// address, published as written: ask whether an "
            "https:// address exists, and if it does write that one",
            "warning",
        )
    return None


def host_verdict(hostname: str, host_type: ada_url.HostType) -> Verdict | None:
    """Why a site's name (as the parser gives it: lower case, IDNA-encoded) is not one a
    reader can trust, or ``None``."""
    if host_type != ada_url.HostType.DEFAULT:  # IPv4 in any notation, or IPv6
        return Verdict(
            f"it names a machine by its IP address, {hostname}, not a public site's name; "
            "use the site's name, such as https://example.org/"
        )
    name = hostname.rstrip(".")
    if any(name == s or name.endswith("." + s) for s in PRIVATE_SUFFIXES):
        return Verdict(
            f"'{name}' is not a public site's name: '{name.rsplit('.', 1)[-1]}' names machines "
            "on a private network; use the address readers can reach"
        )
    if "." not in name:
        return Verdict("an https:// address needs the site's name")
    shown = name
    if "xn--" in name:
        try:
            shown = ada_url.idna_to_unicode(name)
        except (ValueError, UnicodeError):
            shown = name
    labels = shown.split(".")
    for label in labels:
        odd = _not_idna2008(label)
        if odd:
            return Verdict(
                f"its site name '{shown}' has {odd}, which IDNA 2008 allows in no site name, "
                f"so it can pass for another site's name; a browser shows it as "
                f"{name}: {TYPE_AGAIN}"
            )
        scripts = _scripts(label)
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in SCRIPT_SETS):
            mixed = " and ".join(sorted(s.title() for s in scripts))
            return Verdict(
                f"its site name '{shown}' mixes {mixed} letters in '{label}', so it can pass "
                f"for another site's name; a browser shows it as {name}: {TYPE_AGAIN}"
            )
    top = _scripts(labels[-1])
    for label in labels[:-1]:
        scripts = _scripts(label)
        if len(scripts) == 1 and scripts not in ({"LATIN"}, top) and _all_look_latin(label):
            (script,) = scripts
            return Verdict(
                f"every letter of '{label}' in its site name '{shown}' is a "
                f"{script.title()} letter that looks like a Latin one, so it can pass "
                f"for another site's name; a browser shows it as {name}: {TYPE_AGAIN}"
            )
    return None


def _not_idna2008(label: str) -> str | None:
    """What in a label written beyond ASCII (or as ``xn--``) IDNA 2008 disallows, such as
    a fraction slash that reads as '/', a Unicode hyphen or a symbol; ``None`` if valid."""
    if label.isascii() and not label.startswith("xn--"):
        return None  # ASCII names are read as typed: the parser has checked them
    try:
        idna.encode(label, uts46=True)
    except idna.IDNAError as exc:
        point = re.search(r"U\+([0-9A-F]{4,6})", str(exc))
        if point:
            return f"'{chr(int(point.group(1), 16))}' (U+{point.group(1)})"
        return f"the label '{label}'"
    return None


def _mailto(text: str) -> Verdict | None:
    address = text.split(":", 1)[1].split("?", 1)[0]
    if "@" not in address:
        return Verdict("a mailto: address needs an e-mail address")
    domain = address.rsplit("@", 1)[1]
    try:
        url = ada_url.URL(f"https://{domain}/")
    except ValueError:
        return Verdict(f"'{domain}' is not a name a mail server can have")
    return host_verdict(url.hostname, url.host_type)


def _unreadable(text: str) -> str:
    if not re.match(r"[A-Za-z]+:/*[^/?#]", text):  # nothing where the site's name goes
        return "an https:// address needs the site's name"
    port = AUTHORITY_PORT.match(text)
    if port and int(port.group(1)) > 65535:
        return (
            f"its port :{port.group(1)} is above 65535, so no browser can open it; remove the "
            "port, which public pages do not need"
        )
    return (
        "a browser cannot read it as an address: a character that is not allowed in a site's "
        f"name, or a malformed one; {TYPE_AGAIN}"
    )


def _scripts(label: str) -> set[str]:
    if label.isascii():  # most names: Latin letters, digits and hyphens
        return {"LATIN"} if any(c.isalpha() for c in label) else set()
    return {_script(c) for c in label} - NEUTRAL


@cache
def _script(char: str) -> str:
    """The character's script (Unicode's Scripts.txt); the table is searched once a letter."""
    return categories.alias(char)


def _all_look_latin(label: str) -> bool:
    """Every letter has a Latin look-alike (Unicode's confusables): a whole-script spoof."""
    letters = [c for c in label if _script(c) not in NEUTRAL]
    return all(confusables.is_confusable(c, preferred_aliases=["latin"]) for c in letters)
