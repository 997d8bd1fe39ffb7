"""Decoding and reading hostile files, without building: the log entries and the exact refusals."""

from __future__ import annotations

import pytest

from fazhi import atomic
from fazhi.decode import decode_mixed, sanitize, sniff_format
from fazhi.exceptions import ReadError, UnsupportedFormatError
from fazhi.model import LogEntry
from fazhi.read import decode_any, read_all

from .hostile_cases import docx_bytes, report


@pytest.mark.parametrize(
    ("text", "cleaned", "entries"),
    [
        ("a\u200bb", "ab", [("removed-invisible", 1, "a<U+200B>b", "1 removed: U+200B zero-width space")]),
        (
            "x\n金额\u202e001",
            "x\n金额001",
            [("removed-invisible", 2, "金额<U+202E>001", "1 removed: U+202E bidi override (RLO)")],
        ),
        ("响\x07铃", "响铃", [("removed-control", 1, "响<U+0007>铃", "1 removed: U+0007 control character")]),
        ("私\ue000用", "私用", [("removed-invisible", 1, "私<U+E000>用", "1 removed: U+E000 private-use character")]),
        ("上\x0c下", "上\n下", [("line-break", 1, "<U+000C>", "form feed (page break)")]),
        ("a\r\nb\rc", "a\nb\nc", []),
        ("一\n二\u2028三", "一\n二\n三", [("line-break", 2, "<U+2028>", "line separator")]),
        ("tab\tkept", "tab\tkept", []),
    ],
)
def test_sanitize_removes_and_logs(text, cleaned, entries):
    result, log = sanitize(text)
    assert result == cleaned
    assert [(e.action, e.line, e.before, e.note) for e in log] == entries


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"\x89PNG\r\n\x1a\nrest", ("png", "a PNG image")),
        (b"%PDF-1.7", ("pdf", "a PDF document")),
        (docx_bytes(), ("docx", "a Word document (.docx)")),
        (b"PK\x03\x04junk", ("zip", "a damaged ZIP archive")),
        (b"{\\rtf1\\ansi", ("rtf", "an RTF document")),
        ("法治".encode(), None),
    ],
)
def test_sniff_format_names_binary_files(data, found):
    assert sniff_format(data) == found


def test_unsupported_format_carries_its_name_for_future_readers():
    with pytest.raises(UnsupportedFormatError) as caught:
        decode_any(b"{\\rtf1\\ansi", "a.rtf")
    assert caught.value.format == "rtf"
    assert str(caught.value).startswith("a.rtf: is an RTF document; reports are read from .txt")


def test_mixed_file_is_decoded_line_by_line_and_logged():
    data = "第一行\n".encode() + "第二行\n".encode("gbk") + "第三行".encode()
    decoded = decode_mixed(data)
    assert decoded is not None
    assert decoded.text == "第一行\n第二行\n第三行"
    assert decoded.log == (
        LogEntry(
            "decoded-line-gb18030",
            2,
            "第二行",
            note="this line was GB18030/GBK while the rest of the file is UTF-8",
        ),
    )


def test_pure_gbk_is_not_mixed():
    assert decode_mixed(report("gbk").encode("gbk")) is None


def test_decode_log_reaches_the_report(tmp_path):
    (tmp_path / "r.txt").write_bytes(report("z", "法\u200b治").encode())
    texts, problems = read_all(tmp_path)
    assert problems == []
    assert [e.action for e in texts[0].log] == ["removed-invisible"]


def test_symlink_inside_the_content_folder_is_read(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "kept.txt").write_text(report("inside"), encoding="utf-8")
    (reports / "link.txt").symlink_to(tmp_path / "kept.txt")
    texts, problems = read_all(reports)
    assert [t.source.file for t in texts] == ["link.txt"] and problems == []


def test_broken_link_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    texts, problems = read_all(tmp_path)
    assert texts == []
    assert [p.message for p in problems] == ["cannot be read: No such file or directory"]


def test_bom_decides_even_when_the_rest_is_broken():
    with pytest.raises(ReadError, match="starts with a utf-8-sig byte-order mark but is not valid"):
        decode_any(b"\xef\xbb\xbf\xff\xfe", "x.txt")


def test_swap_without_renameat2_and_recovery(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    target, new = tmp_path / "site", tmp_path / "new"
    target.mkdir()
    (target / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    atomic.swap_in(new, target)
    assert [p.name for p in target.iterdir()] == ["new.html"] and not new.exists()
    (tmp_path / "site.old").mkdir()
    target.rename(tmp_path / "gone")  # a build that died between its two renames
    atomic.recover(target)
    assert target.is_dir() and not (tmp_path / "site.old").exists()


def test_swap_with_renameat2_exchanges_in_one_step(tmp_path):
    target, new = tmp_path / "site", tmp_path / "new"
    for folder, name in ((target, "old.html"), (new, "new.html")):
        folder.mkdir()
        (folder / name).write_text(name)
    assert atomic._exchange(new, target)
    assert (target / "new.html").exists() and (new / "old.html").exists()
