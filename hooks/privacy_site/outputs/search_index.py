"""One search index per language, so a reader's search returns pages in the language
being read, and each page downloads only its own language's index.

Material's search plugin (with mkdocs-static-i18n) writes one index for every language at
``search/search_index.json``. :func:`split` divides it by each entry's language folder
into ``<lang>/search/search_index.json`` (the default language keeps the root one), each
with its language's tokenizer settings, and entry locations relative to that language's
root. Pages of a language point Material's script there by setting ``base`` in its
``__config`` to the language's root (:func:`rebase_config`).

Scripts without spaces between words (Chinese) are indexed one character to a word:
Material's search splits a typed query against the words in the index, so a query of any
length finds the pages that hold its characters. Scripts lunr's English trimmer would
erase (Ethiopic, Bengali, Arabic) are indexed without that pipeline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

# Words run together in Han script: a zero-width space between characters makes each a word.
HAN = "\u3400-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")
ZERO_WIDTH_SPACE = "\u200b"
# Spaces, hyphens, and the sentence and word marks of the district's scripts.
SEPARATOR = (
    r"[\s\u200b\u3000\-,.;:!?()\[\]\"'\u00ab\u00bb\u201c\u201d"  # spaces, Latin marks
    r"\u3001\u3002\uff0c\uff0e\uff1f\uff01\uff1b\uff1a"  # CJK marks
    r"\u1361-\u1368\u0964\u0965\u061f\u060c\u061b]+"  # Ethiopic, Bengali, Arabic marks
)
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def language_config(code: str, lunr_languages: set[str], base: Mapping[str, Any]) -> dict:
    """Tokenizer settings for one language's index. No stemmer and no trimmer, as Material
    has for English: its search adds a wildcard to what is typed, and lunr does not stem
    wildcard terms, so stemmed words would never match; the trimmer would erase whole words
    of other scripts. Stop words in the language where lunr has a list for it."""
    config = dict(base)
    config["separator"] = SEPARATOR
    if code in lunr_languages and code not in {"ar", "ko", "zh", "ja"}:
        config.update(lang=[code], pipeline=["stopWordFilter"])
    elif code == "en":
        config.update(lang=["en"], pipeline=["stopWordFilter"])
    else:
        config.update(lang=["en"], pipeline=[])
    return config


def split(site_dir: Path, languages: list[str], default: str, lunr_languages: set[str]) -> dict:
    """Write each language's index; returns {language: number of entries}."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return {}
    merged = json.loads(path.read_text(encoding="utf-8"))
    others = [lang for lang in languages if lang != default]
    by_language: dict[str, list[dict]] = {lang: [] for lang in languages}
    for entry in merged.get("docs", []):
        location = entry.get("location", "")
        lang = next((code for code in others if location.startswith(f"{code}/")), default)
        if lang != default:
            entry = {**entry, "location": location.removeprefix(f"{lang}/")}
        by_language[lang].append(entry)
    counts = {}
    for lang, entries in by_language.items():
        if lang == "zh" or lang.startswith("zh-"):
            entries = [_spaced(entry) for entry in entries]
        document = {
            "config": language_config(lang, lunr_languages, merged.get("config", {})),
            "docs": entries,
        }
        target = path if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(entries)
    return counts


def _spaced(entry: dict) -> dict:
    return {
        **entry,
        **{
            key: HAN_RUN.sub(ZERO_WIDTH_SPACE, entry[key])
            for key in ("title", "text")
            if isinstance(entry.get(key), str)
        },
    }


def rebase_config(html: str, lang_root: str) -> str:
    """Point Material's script at the language's root (its search index lives there)."""

    def rebase(match: re.Match[str]) -> str:
        try:
            config = json.loads(match[2])
        except ValueError:
            return match[0]
        config["base"] = f"{str(config.get('base') or '.').rstrip('/')}/{lang_root}/"
        # As Jinja's tojson writes it: safe inside <script>.
        text = json.dumps(config, sort_keys=True)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return match[1] + str(Markup(text)) + match[3]

    return CONFIG.sub(rebase, html, count=1)
