"""The staff's command line: ``privacy-site <command>`` (also ``make check`` and friends).

- ``check``: every problem in the content, grouped, with a count; exit 1 on errors.
- ``build``: build the site into site/, switched in one step (``make build``; ``publish``).
- ``new-version <policy>``: the next version's file, posted today, in effect 30 days later.
- ``correct <policy>``: a correction of the version in effect, in effect today.
- ``post``: record what is posted in posted.lock (the daily publish runs it).
- ``preview --date YYYY-MM-DD``: serve the site as it will look that day.
- ``messages [--date D] [--lang L]``: the messages for the changes posted that day.
- ``notify [--date D]``: e-mail each change notice due to the district's lists, once (``notify``).
- ``check-record --base REF``: CI's guard that a pull request only adds to posted.lock
  and notified.lock.
- ``new-district``: start the site of another district (``new_district``).

Every message is one line that names the file (and line) and says what to do; nothing
here prints a traceback for a problem in the content or the command.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..content import Content, project_content
from ..languages.language import load_language
from ..model import dates
from ..model.dates import SettingError
from ..model.policies import NOTICE_DAYS, SUMMARY_PLACEHOLDER, Version, earliest_effective
from ..model.problems import Problem, errors, warnings
from ..model.text import CONTROL
from ..outputs import messages
from ..outputs.changes import all_changes
from ..reading import files, notified_lock, posted_lock
from ..reading.mkdocs_yml import Project, read_config, read_project
from . import checks, new_district, notify, publish, readability, upgrade
from .preview_date import epoch

PROGRAM = "privacy-site"


class Refused(Exception):
    """The command cannot do what was asked: one line that says why and what to do."""


# Entry point ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (Refused, SettingError, files.WriteFailed) as exc:
        print(f"{PROGRAM} {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM, description="Check, change and preview the privacy site's content."
    )
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    def command(name: str, run: Any, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    def as_of(sub: argparse.ArgumentParser, what: str) -> None:
        sub.add_argument("--date", type=_day, help=f"{what} (default: today in the site's zone)")

    sub = command("check", check, "check everything; exit 1 if anything must be fixed")
    as_of(sub, "check the site as it will be on YYYY-MM-DD")
    sub = command("build", build, "build the site into site/, replacing it in one step")
    as_of(sub, "build the site as it will be on YYYY-MM-DD")
    sub.add_argument(
        "--no-wait",
        action="store_true",
        help="refuse, rather than wait, when another build of the site is running",
    )
    sub = command("new-version", new_version, "start the next version of a policy")
    sub.add_argument("policy", help="the policy's folder name, e.g. website-privacy")
    sub.add_argument("--effective", type=_day, help="when it takes effect (default: in 30 days)")
    sub.add_argument(
        "--correction",
        action="store_true",
        help="a minor correction (substantive: false), which may take effect sooner",
    )
    as_of(sub, "the day it is posted")
    sub = command("correct", correct, "correct a typo or a broken link in the version in effect")
    sub.add_argument("policy", help="the policy's folder name, e.g. website-privacy")
    as_of(sub, "the day the correction is posted and takes effect")
    sub = command("post", post, "record in posted.lock what is posted (the publish job runs it)")
    as_of(sub, "record what is posted as of YYYY-MM-DD")
    sub.add_argument(
        "--site",
        type=Path,
        default=None,
        help="the built site whose PDFs are recorded too (default: site/ beside mkdocs.yml)",
    )
    sub = command("preview", preview, "serve the site as it will look on a day")
    sub.add_argument("--date", type=_day, required=True, help="the day to preview, YYYY-MM-DD")
    sub.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    sub = command("messages", messages_command, "the messages for changes posted on a day")
    as_of(sub, "the day the changes were posted")
    sub.add_argument("--lang", help="one language (default: every language built)")
    sub = command("notify", notify.run, "e-mail each change notice due to the mailing lists, once")
    notify.add_arguments(sub)
    sub = command("upgrade", upgrade_command, "take the engine's improvements from upstream")
    sub.add_argument("repository", help="upstream's address or path, e.g. https://github.com/o/r")
    sub.add_argument("branch", nargs="?", default="main", help="upstream's branch (default main)")
    sub = command("new-district", new_district.run, "start the site of another district here")
    new_district.add_arguments(sub)
    sub = command("check-record", check_record, "CI: refuse changes to posted.lock's lines")
    sub.add_argument("--base", required=True, help="the git revision to compare with")
    return parser


def _day(raw: str) -> date:
    day = dates.parse_date(raw)
    if day is None:
        raise argparse.ArgumentTypeError(dates.why_not(raw))
    return day


# Commands ---------------------------------------------------------------------------


def upgrade_command(args: argparse.Namespace) -> int:
    try:
        print(upgrade.upgrade(args.config.resolve().parent, args.repository, args.branch))
    except upgrade.UpgradeError as exc:
        print(f"{PROGRAM} upgrade: {exc}", file=sys.stderr)
        return 2
    return 0


def check(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    today = args.date or dates.build_date(project.settings.timezone)
    checked = checks.run(project, project_content(project, today))  # the build runs the same list
    print(report(checked.problems, today, readability.report(checked.grades)))
    return 1 if errors(checked.problems) else 0


def build(args: argparse.Namespace) -> int:
    read_config(args.config)  # one line if mkdocs.yml is missing or unreadable
    env = dict(os.environ)
    if args.date is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch(args.date.isoformat(), args.config))
    engine = ["build", "--clean", "--config-file", str(args.config.resolve())]
    return publish.build(args.config.resolve().parent, engine, env, wait=not args.no_wait)


def new_version(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    today = args.date or dates.build_date(project.settings.timezone)
    content = project_content(project, today)
    policy = _policy(project, content, args.policy)
    latest = policy.versions[-1]
    base = (policy.published(today) or list(policy.versions))[-1]
    earliest = earliest_effective(today)
    effective = args.effective or earliest
    if effective < today:
        raise Refused(
            f"--effective {effective}: is before today ({today}); a version cannot "
            "take effect in the past"
        )
    if effective < earliest and not args.correction:
        raise Refused(
            f"--effective {effective}: is {(effective - today).days} days after today; a "
            f"change takes effect at least {NOTICE_DAYS} days after it is posted, so "
            f"{earliest} at the earliest. For a minor correction (a typo, a broken link) add "
            "--correction, or use `privacy-site correct`"
        )
    if effective <= latest.effective:
        raise Refused(
            f"{policy.id} already has a version taking effect on {latest.effective} "
            f"({project.docs_dir.name}/{latest.src_uri}); a new version takes effect after it: "
            "give a later --effective date, or edit that version if it is not posted yet"
        )
    path = _write_version(project, base, effective, today, correction=args.correction)
    _next_steps(project, path, base, effective, today, correction=args.correction)
    return 0


def correct(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    today = args.date or dates.build_date(project.settings.timezone)
    content = project_content(project, today)
    policy = _policy(project, content, args.policy)
    base = policy.in_effect(today)
    if base is None:
        raise Refused(
            f"{policy.id} has no version in effect yet; edit its announced version's file "
            "before it is posted, or add one with `privacy-site new-version`"
        )
    path = _write_version(project, base, today, today, correction=True)
    _next_steps(project, path, base, today, today, correction=True)
    return 0


def post(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    today = args.date or dates.build_date(project.settings.timezone)
    _usable_record(project)  # never written through a link, never into a folder
    content = project_content(project, today, record_required=False)  # post starts a record
    found = errors(content.problems)
    if found:
        print(report(found, today), file=sys.stderr)
        print("Nothing recorded: fix the errors first.", file=sys.stderr)
        return 1
    entries, _ = posted_lock.read(project.record_file, docs=project.docs_dir.name)
    posted = content.posted(project.docs_dir)
    posted.pdfs = posted_lock.published_pdfs(args.site or project.root / "site")
    new = posted_lock.pending(entries, posted, today)
    if not new:
        print(f"{posted_lock.RECORD}: nothing new is posted as of {today}.")
        return 0
    posted_lock.append(project.record_file, new)
    for entry in new:
        print(f"Recorded {entry.kind} {entry.key}")
    print(f"{posted_lock.RECORD}: {len(new)} line{'s' if len(new) != 1 else ''} added; commit it.")
    return 0


def preview(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    seconds = epoch(args.date.isoformat(), project.config_file)
    address = f"127.0.0.1:{args.port}"
    print(
        f"Previewing the site as it will be on {args.date} at http://{address}/ (Ctrl+C stops it)",
        flush=True,
    )
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(seconds), NO_MKDOCS_2_WARNING="1")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        address,
        "--config-file",
        str(project.config_file),
    ]
    return subprocess.call(command, env=env, cwd=project.root)


def messages_command(args: argparse.Namespace) -> int:
    """Print the messages of the announcements posted on the day, ready to paste."""
    project = read_project(args.config)
    today = args.date or dates.build_date(project.settings.timezone)
    codes = project.languages if args.lang is None else [args.lang]
    if args.lang is not None and args.lang not in project.languages:
        raise Refused(
            f"--lang {args.lang}: the site's languages are {', '.join(project.languages)}"
        )
    content = project_content(project, today)
    if errors(content.problems):
        count = len(errors(content.problems))
        raise Refused(
            f"the content has {count} error{'s' if count != 1 else ''} the build refuses; "
            "run `privacy-site check`, fix them, then ask for the messages again"
        )
    site_url = read_config(project.config_file).get("site_url") or None
    posted = []
    for code in codes:
        language = load_language(code)[0]
        changes = all_changes(content, language)
        posted += [
            (change.key, sent)
            for change, sent in messages.announced(content, language, changes, site_url)
            if change.posted == today
        ]
    if not posted:
        print(f"No change was posted on {today}.")
        return 0
    for key, sent in sorted(posted, key=lambda item: item[0]):
        parts = (
            f"{sent.sms_segments.count} SMS segment{'s' if sent.sms_segments.count != 1 else ''}"
        )
        print(_printable(f"=== {key} [{sent.lang}] ==="))
        print(_printable(f"Text message ({parts}, {sent.sms_segments.encoding}):\n{sent.sms}\n"))
        print(_printable(f"Subject: {sent.subject}\n\n{sent.body}\n"))
    return 0


def _printable(text: str) -> str:
    """``text`` with any control character shown as ``\\xNN`` rather than sent to the
    terminal (the checks refuse them in content; this keeps a terminal safe regardless)."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def check_record(args: argparse.Namespace) -> int:
    project = read_project(args.config)

    def git(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *words], cwd=project.root, capture_output=True, text=True)

    if git("rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}").returncode != 0:
        raise Refused(f"--base {args.base}: not a commit of this repository (fetch it first)")
    _usable_record(project)
    path = f"{args.base}:./{posted_lock.RECORD}"  # ./: the project's folder, not the repository's
    present = git("cat-file", "-e", path).returncode == 0
    before = git("show", path).stdout if present else ""  # no record yet: anything goes
    after = project.record_file.read_text(encoding="utf-8") if project.record_file.exists() else ""
    problems = posted_lock.append_only(before, after, root=project.root)
    problems += _ledger_grew(git, args.base, project)
    for problem in problems:
        print(problem, file=sys.stderr)
    day = posted_lock.restart_day(after)
    if not problems and day and before.split("\n", 1)[0] != after.split("\n", 1)[0]:
        print(
            f"{posted_lock.RECORD}: a new record, started on {day}; none of the files the "
            "old one names is still on the site"
        )
    return 1 if problems else 0


# Helper functions -------------------------------------------------------------------


def _ledger_grew(git: Any, base: str, project: Project) -> list[Problem]:
    """notified.lock, like posted.lock, only grows (its lines are the e-mails sent)."""
    path = f"{base}:./{notified_lock.LEDGER}"
    before = git("show", path).stdout if git("cat-file", "-e", path).returncode == 0 else ""
    ledger = project.root / notified_lock.LEDGER
    after = ledger.read_text(encoding="utf-8") if ledger.is_file() else ""
    return notified_lock.append_only(before, after)


def _usable_record(project: Project) -> None:
    wrong = posted_lock.unusable(project.record_file)
    if wrong is not None:
        raise Refused(str(wrong))


def _policy(project: Project, content: Content, policy_id: str) -> Any:
    policy = content.policy(policy_id)
    if policy is None:
        known = ", ".join(p.id for p in content.policies) or "none"
        raise Refused(
            f"no policy '{policy_id}' in {project.docs_dir.name}/{project.default_language}/"
            f"policies/ (or none of its versions can be read: run `privacy-site check`); "
            f"the policies are: {known}"
        )
    return policy


def _write_version(
    project: Project, base: Version, effective: date, today: date, *, correction: bool
) -> Path:
    path = project.docs_dir / Path(base.src_uri).parent / f"{effective.isoformat()}.md"
    if path.exists():
        raise Refused(
            f"{_shown(project, path)} already exists; choose another date (a posted version "
            "never changes: a correction is a new file)"
        )
    fields: dict[str, Any] = {
        "title": base.title,
        "effective": effective,
        "posted": today,
        "summary": SUMMARY_PLACEHOLDER,
    }
    if correction:
        fields["substantive"] = False
    if base.in_short:
        fields["in_short"] = list(base.in_short)
    front = yaml.dump(fields, Dumper=_Plain, allow_unicode=True, sort_keys=False, width=10_000)
    text = f"---\n{front}---\n\n{base.body.lstrip()}"
    files.write_text(path, text, replace=False, shown=_shown(project, path))
    return path


def _next_steps(
    project: Project, path: Path, base: Version, effective: date, today: date, *, correction: bool
) -> None:
    what = "A correction" if correction else "The next version"
    when = "today" if effective == today else f"on {effective}"
    print(f"Created {_shown(project, path)}")
    print(
        f"{what} of {base.title}, copied from the version of {base.effective}, posted "
        f"today ({today}), taking effect {when}."
    )
    print("Next:")
    steps = [
        "make the changes in the file's text" if not correction else "fix the typo or the link",
        "replace the summary (now a placeholder) with one or two plain sentences saying what "
        "changes; `check` refuses the placeholder",
        "check that the 'in_short' points still hold, if it has any",
        f"run `{PROGRAM} check`, then open a pull request; once it is merged the site "
        + ("shows the correction" if correction else "announces the change")
        + " and the daily publish records the version in posted.lock",
        "translations: copy the new file to each language that has the old one and "
        "translate it (the site shows the English, marked, until then)",
    ]
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")


class _Plain(yaml.SafeDumper):
    """Every value written out: no ``&id001`` anchors, which the site does not accept."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _shown(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()


def report(problems: list[Problem], today: date, grades: str = "") -> str:
    """Errors, then warnings, each as ``file:line: what is wrong; what to do``, with counts;
    then ``grades`` (the reading grades), and the count of each."""
    lines = []
    for title, group in (
        ("Errors ({}): fix these; the site is not built until they are", errors(problems)),
        ("Warnings ({}): reminders; the site is still built", warnings(problems)),
    ):
        if group:
            lines.append(title.format(len(group)))
            lines += [f"  {problem}" for problem in sorted(group)]
    if grades:
        lines.append(grades)
    error_count, warning_count = len(errors(problems)), len(warnings(problems))
    lines.append(
        f"Checked as of {today}: {_count(error_count, 'error')}, "
        f"{_count(warning_count, 'warning')}."
    )
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


if __name__ == "__main__":
    sys.exit(main())
