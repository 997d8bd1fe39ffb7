"""Prepared tables: what is read back a bucket at a time is exactly what was written, and a table
that cannot be trusted is never used."""

from __future__ import annotations

import marshal
import random
from pathlib import Path

import pytest

from fazhi import prepared
from fazhi.hancut import first_two
from fazhi.prepared import Table, TableUnreadable, open_table, save_table, tables_in, whole_key


def _entries(kind: str, count: int) -> dict[str, object]:
    rnd = random.Random(kind)
    alphabet = "法治政府建设年度报告乡镇街道abc123％·\u3400"
    names = {"".join(rnd.choices(alphabet, k=rnd.randint(1, 6))) for _ in range(count)}
    if kind == "q":
        return {n: rnd.choice([0, 1, 7, 2**40]) for n in sorted(names)}
    if kind == "d":
        return {n: rnd.random() * 12 for n in sorted(names)}
    return {n: (n, rnd.choice(["county", "township"]), ("a", n)) for n in sorted(names)}


@pytest.mark.parametrize(("kind", "key", "buckets"), [("q", first_two, 64), ("d", whole_key, 7), ("", whole_key, 32)])
@pytest.mark.parametrize("count", [0, 1, 500])
def test_every_entry_is_read_back_from_its_bucket(tmp_path: Path, kind, key, buckets, count):
    entries = _entries(kind, count)
    path = tmp_path / "t.table"
    prepared.write_table(path, "k", {"h": 1}, entries, key, buckets, kind)
    table = Table(path, "k", key)
    assert table.header == {"h": 1}
    read: dict[str, object] = {}
    for index in range(buckets):
        bucket = table.bucket(index)
        assert all(table.bucket_index(name) == index for name in bucket)
        read.update(bucket)
    assert read == entries
    if kind:
        names, values = table.columns()
        assert dict(zip(names, values, strict=True)) == entries


def test_a_table_made_from_other_inputs_or_damaged_is_not_opened(tmp_path: Path):
    with tables_in(tmp_path):
        save_table("words", "key-1", None, {"法治": 3}, first_two, 8, "q")
        assert open_table("words", "key-1", first_two) is not None
        assert open_table("words", "key-2", first_two) is None
        path = next(tmp_path.glob("words-*.table"))
        data = path.read_bytes()
        for damaged in (data[:-1], data + b"\0", b"", b"other" + data[5:]):
            path.write_bytes(damaged)
            assert open_table("words", "key-1", first_two) is None


def test_a_damaged_bucket_is_reported(tmp_path: Path):
    path = tmp_path / "t.table"
    prepared.write_table(path, "k", None, {"法治": (1, 2)}, whole_key, 1)
    blob = len(marshal.dumps({"法治": (1, 2)}))
    path.write_bytes(path.read_bytes()[:-blob] + b"\xff" * blob)  # the one bucket, overwritten
    with pytest.raises(TableUnreadable):
        Table(path, "k", whole_key).bucket(0)


def test_tables_are_kept_only_where_the_build_points(tmp_path: Path):
    save_table("words", "k", None, {"法治": 3}, first_two, 8, "q")
    assert prepared.tables_folder() is None
    with tables_in(tmp_path / "tables"):
        for key in ("k1", "k2", "k3"):
            save_table("words", key, None, {"法治": 3}, first_two, 8, "q")
    assert len(list((tmp_path / "tables").glob("words-*.table"))) == 2  # the newest two
    assert prepared.tables_folder() is None


def test_an_unwritable_folder_only_means_no_table(tmp_path: Path):
    (tmp_path / "file").write_text("")
    with tables_in(tmp_path / "file" / "tables"):
        save_table("words", "k", None, {"法治": 3}, first_two, 8, "q")
        assert open_table("words", "k", first_two) is None


def test_the_prepared_idf_table_gives_jiebas_values(tmp_path: Path):
    from fazhi import keywords

    idf, median = keywords._idf_table()
    try:
        with tables_in(tmp_path):
            keywords._idf.cache_clear()
            keywords._idf()
            keywords._idf.cache_clear()
            prepared_idf, prepared_median = keywords._idf()
    finally:
        keywords._idf.cache_clear()
    assert isinstance(prepared_idf, keywords.PreparedIdf) and prepared_median == median
    words = [*random.Random(5).sample(sorted(idf), 3000), "不在表中的词", "法治政府建设年度报告"]
    assert all(prepared_idf.get(w, -1.0) == idf.get(w, -1.0) for w in words)


@pytest.mark.parametrize("damage", ["byte flipped", "cut short", "empty", "other inputs"])
def test_a_damaged_kept_value_is_not_read_back(tmp_path: Path, damage: str):
    from fazhi.prepared import load_value, save_value, tables_in

    value = {"indicators": [{"name": "行政复议", "units": ["件"]}] * 20}
    with tables_in(tmp_path):
        save_value("thing", "key-1", value)
        assert load_value("thing", "key-1") == value
        (path,) = tmp_path.glob("thing-*")
        data = path.read_bytes()
        if damage == "byte flipped":
            changed = bytearray(data)
            changed[len(data) - 10] ^= 0x01
            path.write_bytes(bytes(changed))
        elif damage == "cut short":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        assert load_value("thing", "key-2" if damage == "other inputs" else "key-1") is None


def test_kept_yaml_is_the_files_data_and_follows_its_changes(tmp_path: Path):
    import yaml

    from fazhi.prepared import kept_yaml, tables_in

    source = tmp_path / "vocab.yml"
    source.write_text("topics: [普法, 执法]\n", encoding="utf-8")
    with tables_in(tmp_path / "tables"):
        assert kept_yaml("vocab", source) == {"topics": ["普法", "执法"]}
        assert kept_yaml("vocab", source) == {"topics": ["普法", "执法"]}
        source.write_text("topics: [复议]\n", encoding="utf-8")
        assert kept_yaml("vocab", source) == {"topics": ["复议"]}
        source.write_text("topics: [\n", encoding="utf-8")
        with pytest.raises(yaml.YAMLError):
            kept_yaml("vocab", source)
