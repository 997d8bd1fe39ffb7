"""The append-only record file under the report cache: records come back as written, one more record
is appended (not the whole file written again), and nothing damaged is ever handed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.segment_pack import HEADER_BYTES, SegmentPack

SCHEMA = "test-pack/1"


def saved(folder: Path, records: dict[str, list[bytes]]) -> SegmentPack:
    pack = SegmentPack(folder, "pack", SCHEMA)
    for key, parts in records.items():
        pack.put(key, parts)
    pack.save()
    return SegmentPack(folder, "pack", SCHEMA)


def parts_of(pack: SegmentPack, key: str) -> list[bytes] | None:
    found = pack.get(key)
    return None if found is None else [bytes(p) for p in found]


RECORDS = {"a": [b"head-a", b"body-a" * 50], "b": [b"head-b", b""], "c": [b"x" * 1000, b"y"]}


def test_records_come_back_as_written(tmp_path: Path) -> None:
    pack = saved(tmp_path, RECORDS)
    assert {k: parts_of(pack, k) for k in RECORDS} == RECORDS
    assert parts_of(pack, "missing") is None


def test_one_new_record_is_appended_and_unused_ones_dropped(tmp_path: Path) -> None:
    pack = saved(tmp_path, RECORDS)
    data = pack.data_path.read_bytes()
    for key in ("a", "c"):
        pack.get(key)
    pack.put("d", [b"new", b"record"])
    assert pack.save()
    after = SegmentPack(tmp_path, "pack", SCHEMA)
    assert after.data_path.read_bytes().startswith(data)  # appended, the old bytes untouched
    assert {k: parts_of(after, k) for k in ("a", "b", "c", "d")} == {
        "a": RECORDS["a"], "b": None, "c": RECORDS["c"], "d": [b"new", b"record"]
    }


def test_nothing_used_differently_writes_nothing(tmp_path: Path) -> None:
    pack = saved(tmp_path, RECORDS)
    for key in RECORDS:
        pack.get(key)
    assert not pack.save()


def test_a_file_mostly_of_dropped_records_is_written_again(tmp_path: Path) -> None:
    pack = saved(tmp_path, RECORDS)
    pack.get("b")
    pack.put("e", [b"e"])
    pack.save()
    after = SegmentPack(tmp_path, "pack", SCHEMA)
    assert after.data_path.stat().st_size == HEADER_BYTES + len(b"head-b") + 1
    assert parts_of(after, "b") == RECORDS["b"] and parts_of(after, "e") == [b"e"]


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    ["byte flipped in a record", "data cut short", "data empty", "data garbage", "index garbage",
     "index cut short", "index of another data file", "index missing"],
)
def test_damage_is_never_handed_out(tmp_path: Path, damage: str) -> None:
    pack = saved(tmp_path, RECORDS)
    data, index = pack.data_path, pack.index_path
    if damage == "byte flipped in a record":
        _flip(data, data.stat().st_size - 2)  # inside the last record
    elif damage == "data cut short":
        data.write_bytes(data.read_bytes()[: data.stat().st_size - 600])
    elif damage == "data empty":
        data.write_bytes(b"")
    elif damage == "data garbage":
        data.write_bytes(b"\x80" * 5000)
    elif damage == "index garbage":
        index.write_bytes(b"\x80" * 100)
    elif damage == "index cut short":
        index.write_bytes(index.read_bytes()[:40])
    elif damage == "index of another data file":
        other = saved(tmp_path / "other", RECORDS)
        index.write_bytes(other.index_path.read_bytes())
    else:
        index.unlink()
    damaged = SegmentPack(tmp_path, "pack", SCHEMA)
    found = {k: parts_of(damaged, k) for k in RECORDS}
    assert all(v is None or v == RECORDS[k] for k, v in found.items())
    assert any(v is None for v in found.values())
    for key in RECORDS:  # what was lost is written again, and read back whole
        if found[key] is None:
            damaged.put(key, RECORDS[key])
    damaged.save()
    repaired = SegmentPack(tmp_path, "pack", SCHEMA)
    assert {k: parts_of(repaired, k) for k in RECORDS} == RECORDS
