"""tests/compare_revisions.py without a build: its one normalisation, and a revision that
cannot be read (one line, exit 2, never a traceback). ``make same-output`` runs it whole."""

from __future__ import annotations

import compare_revisions


def test_only_the_commit_of_build_json_is_normalised() -> None:
    data = b'{\n  "commit": "1723510abc",\n  "date": "2026-12-07"\n}\n'
    assert compare_revisions.normalise("api/build.json", data) == (
        b'{\n  "commit": "(commit)",\n  "date": "2026-12-07"\n}\n'
    )
    # the same text anywhere else is content, compared as it is
    assert compare_revisions.normalise("api/policies.json", data) == data


def test_a_revision_that_does_not_exist_is_one_line_and_exit_2(capsys, tmp_path) -> None:
    code = compare_revisions.main(["--before", "no-such-revision", "--work", str(tmp_path / "w")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("no-such-revision: cannot be read (")
    assert err.count("\n") == 1 and "Traceback" not in err
