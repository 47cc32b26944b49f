"""Plain words: the reading grade of what families read first.

The School Committee asked for plain language, and parents read these texts on a phone:
each English policy version's ``summary`` and ``in_short`` points, every answer of an FAQ
page (``faq: true``), and the English messages sent about each announced change. Each is
graded with the Flesch-Kincaid grade level (textstat), and so is each of its sentences.
``privacy-site check`` lists every grade, and warns about a text above grade 8 that staff
can still change (an FAQ answer; a version not yet recorded in posted.lock), naming the
file, the line and the hardest sentence to shorten. A recorded version is fixed: its grades
are reported only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import textstat

from ..languages.language import load_language
from ..model.problems import Problem
from ..outputs import messages
from ..outputs.changes import all_changes
from ..reading.docs_tree import DocsTree
from ..reading.frontmatter import parse
from ..reading.mkdocs_yml import read_config

LIMIT = 8.0  # the highest grade of plain words
SCALE = "Flesch-Kincaid grade"

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) before a space
# and a capital, a digit or an opening quote; "e.g. the" and "U.S. law" stay whole.
CLOSE, OPEN = "\"'\u201d\u2019)]", "\"'\u201c\u2018("
SENTENCE_END = re.compile(
    rf"(?:(?<=[.!?])|(?<=[.!?][{re.escape(CLOSE)}]))\s+(?=[A-Z0-9{re.escape(OPEN)}])"
)
ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){1,3}$|\b(?:e\.g|i\.e|etc|Mr|Ms|Mrs|Dr|St|No)\.$")
URL = re.compile(r"(?:https?://|/)\S+")

# Markdown that is not words: heading ids, link targets, emphasis marks, list markers.
MARKDOWN = [
    (re.compile(r"\{[#.][^}]*\}"), ""),
    (re.compile(r"^\s*#{1,6}\s+", re.MULTILINE), ""),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE), ""),
    (re.compile(r"^\s*(?:>|!!!|\?\?\?\+?)\s*\S*", re.MULTILINE), ""),
    (re.compile(r"[*_`]+"), ""),
]


@dataclass(frozen=True)
class Text:
    """One text to grade, where staff write it."""

    file: str  # as staff see it: "docs/en/student-data-privacy.md"
    line: int | None
    what: str  # "summary", "in_short point 2", 'the answer to "Who …?"'
    text: str  # plain words, without Markdown or links
    editable: bool = True  # False once recorded as posted: reported, never warned about
    source: tuple[str, ...] = ()  # the file's lines, to find the hardest sentence's line


@dataclass(frozen=True)
class Grade:
    text: Text
    grade: float
    hardest: str  # the sentence with the highest grade
    hardest_grade: float
    hardest_line: int | None

    @property
    def over(self) -> bool:
        return self.grade > LIMIT


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text``, never below 0 (very short texts go negative)."""
    return max(0.0, round(float(textstat.flesch_kincaid_grade(text)), 1)) if text.strip() else 0.0


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in SENTENCE_END.split(" ".join(text.split())):
        if parts and ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece.strip():
            parts.append(piece.strip())
    return parts


def plain(markdown: str) -> str:
    """Markdown as the words a reader reads."""
    for pattern, replacement in MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return " ".join(markdown.split())


def without_links(text: str) -> str:
    return " ".join(URL.sub(" ", text).split())


def assess(text: Text) -> Grade:
    graded = [(grade(s), s) for s in sentences(text.text)] or [(0.0, text.text)]
    hardest_grade, hardest = max(graded, key=lambda pair: pair[0])
    return Grade(
        text, grade(text.text), hardest, hardest_grade, _line_of(hardest, text) or text.line
    )


def warnings(grades: Iterable[Grade]) -> list[Problem]:
    """A warning for each text staff can still change that reads above grade 8."""
    return [
        Problem(
            g.text.file,
            g.hardest_line,
            message=(
                f"{g.text.what} reads at grade {g.grade:.1f}, above grade {LIMIT:.0f} "
                f"(plain words for families): its hardest sentence, at grade "
                f"{g.hardest_grade:.1f}, is “{_shorten(g.hardest)}”; split it or use "
                "shorter, everyday words"
            ),
            severity="warning",
        )
        for g in grades
        if g.over and g.text.editable
    ]


def report(grades: list[Grade]) -> str:
    """Every grade, one line each, for ``privacy-site check``."""
    if not grades:
        return f"Reading grades ({SCALE}; plain words are grade {LIMIT:.0f} or below): none."
    over = sum(1 for g in grades if g.over)
    lines = [
        f"Reading grades ({SCALE}; plain words are grade {LIMIT:.0f} or below): "
        f"{len(grades)} texts, {over} above grade {LIMIT:.0f}."
    ]
    for g in sorted(grades, key=lambda g: (g.text.file, g.text.line or 0, g.text.what)):
        where = f"{g.text.file}:{g.text.line}" if g.text.line else g.text.file
        mark = " above" if g.over else ""
        fixed = "" if g.text.editable else " (posted and recorded: fixed)"
        lines.append(f"  {g.grade:5.1f}{mark:6} {where}: {g.text.what}{fixed}")
    return "\n".join(lines)


# What to grade ------------------------------------------------------------------------


def version_texts(
    content, docs_dir: Path, today: date, recorded: frozenset[str] = frozenset()
) -> list[Text]:
    """The English summary and "In short" points of every policy version; a version in
    ``recorded`` (posted.lock's files) and on the site by ``today`` is fixed."""
    found: list[Text] = []
    default = content.default_language
    for policy in content.policies:
        for version in policy.versions:
            if not version.src_uri.startswith(f"{default}/"):
                continue
            path = docs_dir / version.src_uri
            source = tuple(path.read_text(encoding="utf-8").splitlines())
            parsed = parse("\n".join(source) + "\n")
            file = f"{docs_dir.name}/{version.src_uri}"
            editable = version.published_on > today or file not in recorded
            if version.summary:
                found.append(
                    Text(
                        file,
                        parsed.line_of("summary"),
                        "summary",
                        plain(version.summary),
                        editable,
                        source,
                    )
                )
            for n, point in enumerate(version.in_short, start=1):
                text = Text(file, None, f"in_short point {n}", plain(point), editable, source)
                line = _line_of(text.text, text) or parsed.line_of("in_short")
                found.append(Text(file, line, text.what, text.text, editable, source))
    return found


def faq_texts(docs_dir: Path, default: str) -> list[Text]:
    """Each answer of each English page with ``faq: true``: the text under a ``##``
    question up to the next one."""
    found: list[Text] = []
    tree = DocsTree(docs_dir, [default])  # the files the build reads, as it reads them
    for path in sorted(tree.pages.get(default, {}).values()):
        raw, parsed = tree.source(path), tree.markdown(path)
        if raw is None or parsed is None or parsed.fields.get("faq") is not True:
            continue
        file = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        source = tuple(raw.splitlines())
        question, start, answer = None, None, []
        for number, line in enumerate(parsed.body.splitlines(), start=parsed.body_line):
            if line.startswith("## "):
                if question:
                    found.append(_answer(file, question, start, answer, source))
                question, start, answer = plain(line[3:]), number, []
            elif question is not None:
                answer.append(line)
        if question:
            found.append(_answer(file, question, start, answer, source))
    return found


def message_texts(sent: Iterable[tuple[str, int | None, str, object]]) -> list[Text]:
    """The English messages (``(file, line, key, Message)``): the text message and the body,
    their links left out (an address is not words)."""
    found: list[Text] = []
    for file, line, key, message in sent:
        for part, label in (("sms", "text message"), ("body", "message")):
            words = without_links(getattr(message, part))
            found.append(Text(file, line, f"the {label} for {key}", words, editable=False))
    return found


def site_grades(
    project, content, today: date, recorded: frozenset[str] = frozenset()
) -> list[Grade]:
    """The grade of each English summary, "In short" point, FAQ answer and message of the
    announcements as of ``today`` (``project``: ``privacy_site.reading.mkdocs_yml.Project``;
    ``recorded``: the files posted.lock holds)."""
    default = project.default_language
    english = load_language(default)[0]
    site_url = read_config(project.config_file).get("site_url") or None
    sent = []
    for change, message in messages.announced(
        content, english, all_changes(content, english), site_url
    ):
        file = project.vendors_file.name
        if change.kind == "policy":  # "policy/<id>/<date>": its summary is in the message
            _, policy_id, slug = change.key.split("/")
            version = content.version(policy_id, slug)
            file = f"{project.docs_dir.name}/{version.src_uri}"
        sent.append((file, None, change.key, message))
    texts = (
        version_texts(content, project.docs_dir, today, recorded)
        + faq_texts(project.docs_dir, default)
        + message_texts(sent)
    )
    return [assess(text) for text in texts]


# Helper functions ---------------------------------------------------------------------


def _answer(file: str, question: str, line: int, lines: list[str], source) -> Text:
    return Text(file, line, f"the answer to “{question}”", plain("\n".join(lines)), True, source)


def _line_of(sentence: str, text: Text) -> int | None:
    """The file line on which ``sentence`` starts (its first words, as written)."""
    words = sentence.split()[:4]
    if not words or not text.source:
        return None
    pattern = re.compile(r"\W+".join(re.escape(re.sub(r"\W+$", "", w)) for w in words if w))
    start = (text.line or 1) - 1
    for number in range(start, len(text.source)):
        if pattern.search(plain(text.source[number])):
            return number + 1
    for number, line in enumerate(text.source[:start]):
        if pattern.search(plain(line)):
            return number + 1
    return None


def _shorten(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
