"""Chinese numerals read without cn2an (`common_value`) are read as cn2an reads them."""

from __future__ import annotations

import itertools
from decimal import Decimal

import cn2an
import pytest

from fazhi.numerals import NumeralError, chinese_value, common_value, written

FULL = {written(n): n for n in range(1, 10_000)} | {written(n)[1:]: n for n in range(10, 20)}


def test_every_number_written_in_full_is_cn2ans_value() -> None:
    assert {text: cn2an.cn2an(text, "normal") for text in FULL} == FULL
    assert all(common_value(text) == n for text, n in FULL.items())


def test_nothing_else_is_read_without_cn2an() -> None:
    chars = "〇零一二三四五六七八九十百千万亿"
    for length in range(1, 4):
        for text in map("".join, itertools.product(chars, repeat=length)):
            assert common_value(text) == FULL.get(text, 0 if text in ("零", "〇") else None)


@pytest.mark.parametrize(
    ("span", "value"),
    [("十二", 12), ("两百", 200), ("一千零五", 1005), ("三百零五", 305), ("零", 0),
     ("一百二", 120), ("两万", 20000), ("三千五百万", 35_000_000), ("百", 100)],
)  # fmt: skip
def test_chinese_values(span: str, value: int) -> None:
    assert chinese_value(span) == Decimal(value)


@pytest.mark.parametrize("span", ["一一", "二〇二三", "", "十x"])
def test_not_numerals(span: str) -> None:
    with pytest.raises(NumeralError):
        chinese_value(span)
