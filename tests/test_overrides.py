"""Editor overrides (<stem>.meta.yml): values win and are marked `editor`; bad files name file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.cli import main
from fazhi.exceptions import OverrideError
from fazhi.overrides import apply_override, parse_override
from fazhi.read import read_all
from tests.meta_expect import FIXTURES, extract

CHENGGUAN = FIXTURES / "f10_chengguan_no_clue.txt"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("year: 2023\nplace: 鹿寨县\n", "unknown field 'place'", 2),
        ("title: 某报告\nyear: 二〇二三\n", "year: expected a year such as 2023", 2),
        ("level: village\n", "level: expected township | county", 1),
        ("cc: 县司法局\n", "cc: expected a list of strings", 1),
        ("date_signed: 2024-13-01\n", "has an impossible value", 1),
        ("date_signed: 1月2日\n", "date_signed: expected a date", 1),
        ("region:\n  county: 鹿寨县\n  village: 拉沟村\n", "expected a mapping with keys among", 1),
        ("region: {code: 4502}\n", None, None),
        ("year: 2023\n  title: [unclosed\n", "is not valid YAML", 2),
        ("- just\n- a list\n", "must be a mapping", 1),
    ],
)
def test_invalid_overrides_name_file_and_line(text, message, line):
    if message is None:
        assert parse_override(text, "x.meta.yml") == {"region": {"code": "4502"}}
        return
    with pytest.raises(OverrideError) as info:
        parse_override(text, "x.meta.yml")
    assert message in str(info.value)
    assert info.value.file == "x.meta.yml"
    assert info.value.line == line


def test_editor_values_win_and_are_marked():
    meta = extract(CHENGGUAN).meta
    assert meta.region.county is None
    override = parse_override(
        "region:\n  county: 五河县\ndoc_number: 城政〔2024〕3号\ndate_signed: 2024-01-09\n", "f.meta.yml"
    )
    fixed = apply_override(meta, override)
    assert fixed.doc_number == "城政〔2024〕3号"
    assert fixed.date_signed == "2024-01-09"
    assert fixed.provenance["doc_number"] == "editor"
    assert "doc_number" not in fixed.unknown
    # the editor's county decides the repeated township name; the rest comes from the gazetteer
    assert fixed.region.code == "340322100"
    assert fixed.region.city == "蚌埠市"
    assert fixed.provenance["region.county"] == "editor"
    assert fixed.provenance["region.city"] == "gazetteer"
    assert "region" not in fixed.unknown
    assert meta.region.county is None  # the extracted record is not changed in place


def test_editor_may_set_a_field_to_null_with_a_reason():
    meta = extract(CHENGGUAN).meta
    fixed = apply_override(meta, parse_override("issuer: null\n", "f.meta.yml"))
    assert fixed.issuer is None
    assert fixed.unknown["issuer"] == "set to null by an editor"


def copy_with_override(tmp_path: Path, override: str) -> Path:
    report = tmp_path / CHENGGUAN.name
    report.write_bytes(CHENGGUAN.read_bytes())
    (tmp_path / (CHENGGUAN.stem + ".meta.yml")).write_text(override, encoding="utf-8")
    return report


def test_read_all_attaches_the_override(tmp_path):
    copy_with_override(tmp_path, "year: 2022\n")
    texts, problems = read_all(tmp_path)
    assert not problems
    assert texts[0].override == {"year": 2022}
    assert texts[0].override_file == CHENGGUAN.stem + ".meta.yml"


def test_a_bad_override_is_a_problem_naming_file_and_line(tmp_path):
    copy_with_override(tmp_path, "year: 2022\nyaer: 2023\n")
    texts, problems = read_all(tmp_path)
    assert texts == []
    assert str(problems[0]).startswith(f"error: {CHENGGUAN.stem}.meta.yml:2: unknown field 'yaer'")


def test_extract_applies_the_override(tmp_path):
    report = copy_with_override(tmp_path, "year: 2022\n")
    result = CliRunner().invoke(main, ["extract", str(report)])
    record = json.loads(result.output)
    assert record["year"] == 2022
    assert record["provenance"]["year"] == "editor"
