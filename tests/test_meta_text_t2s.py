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
    "覆核",
    "沈默",
    "不沈船",
    "法治政府建设",
    "",
]


@pytest.mark.parametrize("text", SAMPLES + [p.read_text(encoding="utf-8") for p in SEEDS])
def test_simplified_equals_opencc_t2s(text: str) -> None:
    assert simplified(text) == _t2s().convert(text)


def test_simplified_equals_opencc_t2s_on_every_dictionary_key() -> None:
    """Each key of t2s's tables, alone and inside other text, whether t2s changes it or not."""
    converter = _t2s()
    converter.convert("")
    keys = [key for group in converter._dict_chain_data for (_, _, table) in group for key in table]
    for key in keys:
        for text in (key, f"法治{key}政府"):
            assert simplified(text) == converter.convert(text), text
