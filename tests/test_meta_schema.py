"""Every sidecar the pipeline makes (seeds and fixtures) validates against the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from fazhi.meta import report_schema_text
from tests.meta_expect import FIXTURES, SEED_DIR, extract

SCHEMA = json.loads(report_schema_text())
FILES = sorted(SEED_DIR.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))


def test_schema_is_valid_and_every_property_is_described_in_both_languages():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)

    def walk(props: dict) -> None:
        for name, spec in props.items():
            description = spec.get("description", "")
            assert " / " in description, f"{name}: needs 中文 / English description"
            walk(spec.get("properties", {}))

    walk(SCHEMA["properties"])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_sidecar_is_valid(path: Path):
    jsonschema.validate(extract(path).sidecar(), SCHEMA)


def test_schema_rejects_a_wrong_level():
    record = extract(FILES[0]).sidecar()
    record["level"] = "village"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, SCHEMA)


def test_the_site_serves_the_schema(built):
    project, _ = built
    served = project.site_dir / "schema" / "report.schema.json"
    assert json.loads(served.read_text(encoding="utf-8")) == SCHEMA
