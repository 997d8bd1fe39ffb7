"""`simplified` skips opencc for texts it cannot change; it must still equal opencc's t2s on every text."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.meta_text import _t2s, simplified

SEEDS = sorted((Path(__file__).resolve().parent.parent / "content" / "reports").glob("*.txt"))
SAMPLES = [
    "這是一個測試，政府報告",
    "一目瞭然",
    "乾坤",
    "後來",
    "头发",
    "發展",
    "覆盖率达100%",
    "法治政府建设",
    "",
]


@pytest.mark.parametrize("text", SAMPLES + [p.read_text(encoding="utf-8") for p in SEEDS])
def test_simplified_equals_opencc_t2s(text: str) -> None:
    assert simplified(text) == _t2s().convert(text)
