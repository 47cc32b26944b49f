"""FORMAT.md is what the schemas say, and the front-matter schema names exactly the fields
the checks accept."""

from __future__ import annotations

import json

from privacy_site.model.policies import ENGLISH_FIELDS, TRANSLATION_FIELDS
from privacy_site.staff import format_reference
from sitebuild import ROOT


def test_the_format_reference_is_generated_from_the_schemas() -> None:
    """After editing a schema, `make format-reference` rewrites FORMAT.md."""
    assert (ROOT / "FORMAT.md").read_text(encoding="utf-8") == format_reference.render()


def test_every_field_the_checks_accept_is_in_the_reference_and_no_other() -> None:
    schema = json.loads(format_reference.FRONT_MATTER.read_text(encoding="utf-8"))
    fields = {
        kind: set(schema["$defs"][kind]["properties"]) for kind in format_reference.PAGE_KINDS
    }
    assert fields["policy_version"] == ENGLISH_FIELDS
    assert fields["policy_translation"] == TRANSLATION_FIELDS
    reference = format_reference.render()
    for kind, names in fields.items():
        for name in names:
            assert f"| `{name}` |" in reference, (kind, name)
    vendors = json.loads(format_reference.VENDORS.read_text(encoding="utf-8"))
    for name in vendors["$defs"]["vendor"]["properties"]:
        assert f"| `{name}` |" in reference, name
    assert "`learning`" in reference  # the categories, from the schema's enum
