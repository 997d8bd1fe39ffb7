"""The stat index: a rebuild does not read files whose stat is unchanged, and sees every edit, even
one that keeps the size and puts the old mtime back, or one made right after the last build looked."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from fazhi.exceptions import ReadError
from fazhi.model import Source
from fazhi.read import SourceBytes, read_all, reread
from fazhi.source_index import FINE_MARGIN_NS, SourceIndex

TEXT = "拉沟乡2023年度法治政府建设工作报告\n一、工作措施及成效\n"
SETTLE_S = 2 * FINE_MARGIN_NS / 1e9


def read(folder: Path, index_file: Path, code: str = "code-1"):
    index = SourceIndex.load(index_file, code)
    texts, problems = read_all(folder, recall=index)
    index.save()
    assert not problems
    return {t.source.file: t for t in texts}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "content" / "reports"
    reports.mkdir(parents=True)
    (reports / "a.txt").write_text(TEXT, encoding="utf-8")
    (reports / "b.txt").write_text(TEXT + "二、存在问题\n", encoding="gb18030")
    time.sleep(SETTLE_S)
    return reports


def test_an_unchanged_file_is_not_read_again(folder: Path, tmp_path: Path) -> None:
    first = read(folder, tmp_path / "index.json")
    again = read(folder, tmp_path / "index.json")
    assert all(t.loaded for t in first.values())
    assert not any(t.loaded for t in again.values())
    assert {n: t.source for n, t in again.items()} == {n: t.source for n, t in first.items()}
    assert again["a.txt"].text == "" and again["a.txt"].raw == b""


@pytest.mark.parametrize("keep_mtime", [False, True])
def test_a_same_size_edit_is_seen(folder: Path, tmp_path: Path, keep_mtime: bool) -> None:
    read(folder, tmp_path / "index.json")
    path = folder / "a.txt"
    before = path.stat()
    edited = TEXT.replace("成效", "经验").encode("utf-8")
    assert len(edited) == before.st_size
    path.write_bytes(edited)
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = read(folder, tmp_path / "index.json")
    assert again["a.txt"].loaded
    assert again["a.txt"].raw == edited
    assert not again["b.txt"].loaded


def test_a_file_written_just_before_the_scan_is_read_again(tmp_path: Path) -> None:
    """Its timestamps could be repeated by an edit in the same clock tick (git's racy case)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    read(folder, tmp_path / "index.json")
    assert read(folder, tmp_path / "index.json")["a.txt"].loaded


def test_another_code_version_reads_everything(folder: Path, tmp_path: Path) -> None:
    read(folder, tmp_path / "index.json")
    again = read(folder, tmp_path / "index.json", code="code-2")
    assert all(t.loaded for t in again.values())


def test_a_file_not_read_is_read_when_its_text_is_needed(folder: Path, tmp_path: Path) -> None:
    first = read(folder, tmp_path / "index.json")
    light = read(folder, tmp_path / "index.json")["b.txt"]
    full = reread(light, folder)
    assert full == first["b.txt"]


def test_source_bytes_are_read_on_demand_and_checked(folder: Path) -> None:
    data = (folder / "a.txt").read_bytes()
    raws = SourceBytes(folder)
    raws.defer("a", Source("a.txt", hashlib.sha256(data).hexdigest(), "utf-8", 3))
    assert raws["a"] == data
    raws.defer("b", Source("b.txt", "0" * 64, "utf-8", 3))
    with pytest.raises(ReadError, match="changed while the site was being built"):
        raws["b"]
    assert set(raws.only({"a"}).unread) == {"a"}
