"""A synthetic district, generated for the growth benchmark: policies x versions x
languages x vendors, on real-length legal text.

The versions' texts are the four versions of GitHub's privacy statement in
``shared/corpus`` (CC0; the copy in ``tests/fixtures/corpus`` when shared/ is absent),
varied per policy by deterministic edits so no two policies have the same text and every
redline has real changes: outside headings (whose ids other lines link to), "GitHub" is
replaced by the policy's own service name, and each version gets one sentence of its own
in a paragraph chosen by the policy and the version.

The rest of the site is the real one: the real ``docs/`` of every language with the real
policies removed. Each policy version is translated, as an English copy marked
``translation: machine`` with the English file's ``source_sha256``, into the languages
that translate the real site's policies (es, ht, am, ar, bn); ko, pt, so and zh show the
English with the site's fallback notice, as they do for the real policies. Vendors are
copies of one entry with their own ids, English only (other languages show the English).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify
from privacy_site.reading import posted_lock

from bench import ROOT

SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "github-privacy-statement"
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "github-privacy-statement"
# The languages the real site translates its policies into (docs/<code>/policies/).
TRANSLATED = ("es", "ht", "am", "ar", "bn")
ANCHOR = re.compile(r"\[([^\]]+)\]\(#([^)\s]+)\)")
ALL_LANGUAGES = ("en", "es", "ht", "am", "ar", "bn", "zh", "pt", "so", "ko")
FRONT = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n(?P<body>.*)\Z", re.DOTALL)


def corpus() -> Path:
    return SHARED_CORPUS if SHARED_CORPUS.is_dir() else FIXTURE_CORPUS


@dataclass(frozen=True)
class District:
    policies: int
    versions: int = 4  # past the corpus's four, its texts again (see _dated)
    vendors: int = 0  # default: two per policy
    translated: tuple[str, ...] = TRANSLATED
    languages: tuple[str, ...] = ()  # a subset of mkdocs.yml's, English first; () = all
    cookies: int = 0  # the cookies each vendor lists (0: "cookies: []", it sets none)

    @property
    def vendor_count(self) -> int:
        return self.vendors or 2 * self.policies

    def built(self) -> tuple[str, ...]:
        return self.languages or ALL_LANGUAGES

    def describe(self) -> str:
        return (
            f"{self.policies} policies x {self.versions} versions, {self.vendor_count} vendors,"
            f" {len(self.built())} languages (policies translated into"
            f" {len([c for c in self.translated if c in self.built()])})"
            + (f", {self.cookies} cookie(s) per vendor" if self.cookies else "")
        )


def _split(text: str) -> tuple[dict, str]:
    match = FRONT.match(text)
    assert match, "corpus file without front matter"
    return yaml.safe_load(match["yaml"]), match["body"]


def _vary(body: str, policy: int, version: int) -> str:
    """The corpus text made this policy's and this version's own; its ``http://`` links
    stay as published (the build warns about each, as it does for staff)."""
    service = f"Service {policy:03d}"
    lines = [
        line if line.lstrip().startswith("#") else line.replace("GitHub", service)
        for line in body.split("\n")
    ]
    paragraphs = [
        n
        for n, line in enumerate(lines)
        if line.strip()
        and line[0].isalpha()  # plain prose: not a heading, table, list or HTML
        and (n + 1 == len(lines) or not lines[n + 1].strip())
    ]
    # One version (2022-12-15) links "#resolving-complaints" with no such heading: as
    # the site refuses a broken anchor, such a link is left as its text.
    ids = {slugify(line.lstrip("#").strip(), "-") for line in lines if line.startswith("#")}
    lines = [ANCHOR.sub(lambda m: m[0] if m[2] in ids else m[1], line) for line in lines]
    chosen = paragraphs[(7 * policy + 3 * version) % len(paragraphs)]
    lines[chosen] += (
        f" For {service}, this paragraph also applies to the records kept under version"
        f" {version + 1} of this policy."
    )
    return "\n".join(lines)


def _dated(texts: list[tuple[dict, str]], versions: int) -> list[tuple[int, tuple[dict, str]]]:
    """(number, (fields, body)) of each version. Up to the corpus's four, its own texts
    and dates. A longer history (one policy revised often, for the versions benchmark)
    goes on from the last text, revised by its added sentence alone (as most revisions
    are small), one version every 5 days from 2019-01-01 (300 versions end in 2023, all
    published by the build's date)."""
    if versions <= len(texts):
        return list(enumerate(texts[:versions]))
    start = date(2019, 1, 1)
    return [
        (v, ({**text[0], "effective": start + timedelta(days=5 * v)}, text[1]))
        for v in range(versions)
        for text in [texts[min(v, len(texts) - 1)]]
    ]


def _front(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"


def generate(district: District, project: Path) -> Path:
    """Write the district's project (docs/, vendors.yml; a posted.lock with nothing
    recorded yet) into ``project``; return it. ``hooks``, ``overrides`` and ``mkdocs.yml``
    are the caller's."""
    docs = project / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(ROOT / "docs", docs)
    for folder in docs.iterdir():
        if folder.name not in district.built():
            shutil.rmtree(folder)
    for folder in docs.glob("*/policies/*"):
        if folder.is_dir():
            shutil.rmtree(folder)
    sources = sorted(corpus().glob("*.md"))
    texts = [_split(path.read_text(encoding="utf-8")) for path in sources]
    for p in range(district.policies):
        policy_id = f"policy-{p:03d}"
        for v, (fields, body) in _dated(texts, district.versions):
            effective = fields["effective"] + timedelta(days=p)
            meta = {
                "title": f"Policy {p:03d}: {fields['title']}",
                "effective": effective,
            }
            if v:
                meta["posted"] = effective - timedelta(days=30)
                meta["summary"] = fields["summary"]
            english = _front(meta) + _vary(body, p, v)
            name = f"policies/{policy_id}/{effective.isoformat()}.md"
            target = docs / "en" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(english, encoding="utf-8")
            sha = hashlib.sha256(english.encode()).hexdigest()
            translated = _front({**meta, "translation": "machine", "source_sha256": sha})
            for lang in (code for code in district.translated if code in district.built()):
                copy = docs / lang / name
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(translated + _vary(body, p, v), encoding="utf-8")
    (project / "vendors.yml").write_text(
        vendors_yaml(district.vendor_count, district.cookies), encoding="utf-8"
    )
    (project / "posted.lock").write_text(posted_lock.HEADER, encoding="utf-8")
    return project


def vendors_yaml(count: int, cookies: int = 0) -> str:
    """``count`` vendors (copies of one analytics entry, each its own id, name and links),
    each listing ``cookies`` cookies (a table on the vendors page)."""
    entries = [
        {
            "id": f"vendor-{n:03d}",
            "name": f"Vendor {n:03d} Analytics",
            "provider": f"Example Provider {n:03d} LLC",
            "category": "analytics",
            "purpose": "Collects information such as how often users visit our site, what"
            " pages they visit when they do so, and what other sites they used prior to"
            " coming to our site.",
            "data_collected": [
                "How often users visit our site",
                "What pages they visit when they do so",
                "What other sites they used prior to coming to our site",
            ],
            "cookies": [
                {"name": f"_v{n:03d}_{c}", "purpose": "Tells visits apart", "expires": "1 year"}
                for c in range(cookies)
            ],
            "student_data": False,
            "links": {
                "privacy_policy": f"https://vendor-{n:03d}.example.org/privacy",
                "terms": f"https://vendor-{n:03d}.example.org/terms",
                "opt_out": f"https://vendor-{n:03d}.example.org/opt-out",
            },
            # in use by the build's date (2026-11-22) however many there are: past 3,000
            # vendors, "added" going on by a day each would hide them as not yet in use
            "added": date(2018, 1, 31) + timedelta(days=n % 3000),
        }
        for n in range(count)
    ]
    return yaml.safe_dump({"vendors": entries}, allow_unicode=True, sort_keys=False)
