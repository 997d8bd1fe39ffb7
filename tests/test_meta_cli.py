"""`fazhi extract FILE...`: one JSON object per file, schema v1 keys, nothing written."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from fazhi.cli import main
from tests.meta_expect import FIXTURES, SEED_DIR

V1_KEYS = {
    "schema", "id", "title", "issuer", "co_issuers", "level", "region", "year", "date_signed",
    "doc_number", "signer", "addressee", "cc", "source", "indicators", "unknown", "provenance",
}  # fmt: skip


def run(*args: str):
    return CliRunner().invoke(main, ["extract", *args])


def test_prints_one_json_line_per_file(tmp_path):
    files = [str(p) for p in sorted(SEED_DIR.glob("*.txt"))[:2]] + [str(FIXTURES / "f10_chengguan_no_clue.txt")]
    before = set(os.listdir(tmp_path))
    result = run(*files)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    for record, file in zip(records, files, strict=True):
        assert set(record) >= V1_KEYS
        assert set(record["region"]) == {"province", "city", "county", "township", "code"}
        assert record["source"]["file"] == file
        assert isinstance(record["indicators"], list)
    assert records[2]["region"]["county"] is None  # unknown stays unknown, exit 0 all the same
    assert set(os.listdir(tmp_path)) == before


def test_unreadable_files_give_one_line_each_and_exit_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\xd8" * 3 + b"\x81")
    good = SEED_DIR / "000_3f30c25396e6711b.txt"
    result = CliRunner().invoke(
        main, ["extract", str(empty), str(good), str(tmp_path / "missing.txt"), str(binary)]
    )
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["region"]["township"] == "拉沟乡"
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert all(line.startswith("error: ") for line in errors)
    assert "missing.txt" in errors[1]
