"""``/api/policies.json`` at a fixed "today": states, what is left out, URLs, encoding."""

from __future__ import annotations

import json
from datetime import date

from factories import version
from privacy_site.content import Content
from privacy_site.model.policies import Policy
from privacy_site.model.settings import Settings
from privacy_site.model.translations import Translation
from privacy_site.outputs.api import json_bytes, policies_document

TODAY = date(2026, 11, 22)
HOST = "https://privacy.example.org/"
HOSTILE = '<script>alert(1)</script> & "quotes"'


def content(announced_summary: str = "Names the new analytics tool.") -> Content:
    website = Policy(
        "website-privacy",
        (
            version(
                date(2018, 5, 15), summary="Ignored on a first version.", policy="website-privacy"
            ),
            version(
                date(2024, 9, 1), date(2024, 7, 15), "Adds log retention.", policy="website-privacy"
            ),
            version(
                date(2026, 12, 22), date(2026, 11, 15), announced_summary, policy="website-privacy"
            ),
            version(
                date(2027, 3, 1), date(2026, 12, 1), "Not yet posted.", policy="website-privacy"
            ),
        ),
    )
    brand_new = Policy(
        "brand-new", (version(date(2027, 1, 1), date(2026, 11, 1), policy="brand-new"),)
    )
    unposted = Policy(
        "unposted", (version(date(2027, 2, 1), date(2026, 12, 1), policy="unposted"),)
    )
    spanish = Translation(
        lang="es",
        path="policies/website-privacy/2024-09-01.md",
        kind="reviewed",
        title="Política de privacidad del sitio web",
        summary="Añade la conservación de registros.",
    )
    return Content(
        today=TODAY,
        settings=Settings("Sample District", "America/New_York", None),
        default_language="en",
        languages=["en", "es"],
        policies=[website, brand_new, unposted],
        translations={"es": {("website-privacy", date(2024, 9, 1)): spanish}},
    )


def website(document: dict) -> dict:
    [policy] = [p for p in document["policies"] if p["id"] == "website-privacy"]
    return policy


def test_top_level_fields() -> None:
    document = policies_document(content(), "en", None)
    assert document["generated"] == "2026-11-22"
    assert document["timezone"] == "America/New_York"
    assert [p["id"] for p in document["policies"]] == ["brand-new", "website-privacy"]


def test_states_oldest_first_and_the_scheduled_version_absent() -> None:
    policy = website(policies_document(content(), "en", None))
    assert [(v["effective"], v["state"]) for v in policy["versions"]] == [
        ("2018-05-15", "superseded"),
        ("2024-09-01", "in-effect"),
        ("2026-12-22", "announced"),
    ]
    assert policy["in_effect"] == "2024-09-01"
    assert "Not yet posted." not in json_bytes(policies_document(content(), "en", None)).decode()


def test_a_first_version_has_no_posted_summary_or_changes() -> None:
    first, second, _ = website(policies_document(content(), "en", None))["versions"]
    assert first["posted"] is None
    assert first["summary"] is None
    assert first["changes_url"] is None
    assert second["posted"] == "2024-07-15"
    assert second["summary"] == "Adds log retention."
    assert second["substantive"] is True


def test_a_policy_only_announced_has_nothing_in_effect_and_an_unposted_one_is_absent() -> None:
    document = policies_document(content(), "en", None)
    [brand_new] = [p for p in document["policies"] if p["id"] == "brand-new"]
    assert brand_new["in_effect"] is None
    assert [v["state"] for v in brand_new["versions"]] == ["announced"]
    assert "unposted" not in json_bytes(document).decode()


def test_urls_are_root_relative_without_a_site_url() -> None:
    policy = website(policies_document(content(), "en", None))
    assert policy["url"] == "/policies/website-privacy/"
    assert policy["versions"][1]["url"] == "/policies/website-privacy/2024-09-01/"
    assert policy["versions"][1]["changes_url"] == "/policies/website-privacy/2024-09-01/changes/"


def test_urls_are_absolute_with_a_site_url_and_carry_the_language() -> None:
    for site_url in ("https://example.org/privacy", "https://example.org/privacy/"):
        policy = website(policies_document(content(), "es", site_url))
        assert policy["url"] == "https://example.org/privacy/es/policies/website-privacy/"
        assert policy["versions"][2]["url"] == (
            "https://example.org/privacy/es/policies/website-privacy/2026-12-22/"
        )
    assert website(policies_document(content(), "en", HOST))["url"] == (
        f"{HOST}policies/website-privacy/"
    )


def test_titles_and_summaries_in_the_readers_language() -> None:
    policy = website(policies_document(content(), "es", None))
    assert policy["title"] == "Política de privacidad del sitio web"
    in_effect = policy["versions"][1]
    assert in_effect["title"] == "Política de privacidad del sitio web"
    assert in_effect["summary"] == "Añade la conservación de registros."
    assert policy["versions"][2]["summary"] == "Names the new analytics tool."  # English fallback


def test_json_round_trip_utf8_and_trailing_newline() -> None:
    document = policies_document(content(), "es", HOST)
    data = json_bytes(document)
    assert json.loads(data) == document
    assert data.endswith(b"}\n")
    assert "Política".encode() in data
    assert b"\\u00ed" not in data
    assert data == json_bytes(policies_document(content(), "es", HOST))


def test_hostile_text_is_kept_literally() -> None:
    document = policies_document(content(HOSTILE), "en", None)
    assert website(document)["versions"][2]["summary"] == HOSTILE
    data = json_bytes(document)
    assert website(json.loads(data))["versions"][2]["summary"] == HOSTILE
    assert b'<script>alert(1)</script> & \\"quotes\\"' in data


# What the published site says of itself (issue 12, part) --------------------------------


def test_the_site_says_when_and_from_what_it_was_built(real_build) -> None:
    import re

    from conftest import REAL_DATE
    from sitebuild import district_timezone

    data = json.loads((real_build.site / "api" / "build.json").read_text(encoding="utf-8"))
    assert set(data) == {"built", "timezone", "commit"}
    assert data["built"] == REAL_DATE.isoformat()
    assert data["timezone"] == district_timezone()
    # A copy outside git (as the tests build) has no commit; CI's checkout has its SHA.
    assert data["commit"] is None or re.fullmatch(r"[0-9a-f]{40}", data["commit"])
    assert not (real_build.site / "es" / "api" / "build.json").exists()  # one per site


def test_each_published_version_carries_the_sha256_of_its_english_file(real_build) -> None:
    import hashlib

    from sitebuild import ROOT

    data = json.loads((real_build.site / "api" / "policies.json").read_text(encoding="utf-8"))
    checked = 0
    for policy in data["policies"]:
        for row in policy["versions"]:
            source = ROOT / "docs" / "en" / "policies" / policy["id"] / f"{row['effective']}.md"
            assert row["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
            checked += 1
    assert checked >= 1
