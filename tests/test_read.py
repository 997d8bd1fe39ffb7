from __future__ import annotations

import pytest

from fazhi.exceptions import ReadError
from fazhi.read import decode_bytes, read_all

TEXT = "拉沟乡2023年度法治政府建设工作报告\n一、工作措施及成效\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_decodes_common_chinese_encodings(data, encoding):
    decoded = decode_bytes(data, "r.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_empty_file_is_an_error_naming_the_file():
    with pytest.raises(ReadError, match=r"^empty\.txt: the file is empty"):
        decode_bytes(b"", "empty.txt")


def test_bad_file_is_a_problem_and_the_rest_are_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    texts, problems = read_all(tmp_path)
    assert [t.source.file for t in texts] == ["a.txt"]
    assert texts[0].raw == TEXT.encode("utf-8")
    assert len(texts[0].source.sha256) == 64
    assert [(p.file, p.message, p.severity) for p in problems] == [
        (".hidden.txt", "is hidden (its name starts with a dot), so it is not published", "warning"),
        ("b.txt", "the file is empty (0 bytes)", "error"),
    ]
