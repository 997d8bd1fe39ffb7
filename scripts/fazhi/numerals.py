"""Numeral spans → numbers: Arabic (half- or full-width, with separators), Chinese, 万/亿 magnitudes.

Chinese numerals go through cn2an, but only ever on a span that is already isolated and made of numeral
characters: cn2an raises on `余` and rewrites words (`三重一大` → `3重1大`) when run over whole text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = "〇零一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿"
ARABIC = (
    r"[0-9０-９]+(?:,[0-9０-９]{3})*(?:[.．][0-9０-９]+)?"  # a full-width ， separates list items
)
CHINESE = rf"[{CN_NUMERAL_CHARS}]+"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_DIGIT_VALUE = dict(zip(CN_DIGITS, (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_MAGNITUDE = {
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}


class NumeralError(ValueError):
    """A span that looked like a numeral but is not one (e.g. `百二`, `一一`)."""


def arabic_value(span: str) -> Decimal:
    """`1,234` → 1234, `３.５` → 3.5."""
    plain = span.translate(_FULL_WIDTH).replace(",", "")
    try:
        return Decimal(plain)
    except InvalidOperation as exc:
        raise NumeralError(span) from exc


def chinese_value(span: str) -> Decimal:
    """`两万` → 20000, `百` → 100, `十二` → 12, `九十八点五` → 98.5. Raises NumeralError on malformed spans."""
    whole, point, fraction = span.partition("点")
    if point:
        if not fraction or any(c not in CN_DIGITS for c in fraction):
            raise NumeralError(span)
        digits = "".join(str(_DIGIT_VALUE[c]) for c in fraction)
        return chinese_value(whole) + Decimal("0." + digits)
    if not span or any(c not in CN_NUMERAL_CHARS for c in span):
        raise NumeralError(span)
    if span[0] in "百千万亿":
        span = "一" + span
    if len(span) > 1 and all(c in CN_DIGITS for c in span):
        raise NumeralError(
            span
        )  # digit strings like 一一 or 二〇二三 are codes or years, not counts
    plain = span.replace("两", "二")
    known = common_value(plain)
    if known is not None:
        return Decimal(known)
    import cn2an  # about 0.2 s of CPU to import: only for a numeral `common_value` does not read

    try:
        value = cn2an.cn2an(plain, "normal")
    except (ValueError, KeyError) as exc:
        raise NumeralError(span) from exc
    return Decimal(str(value))


_UNITS = ("千", "百", "十", "")
_UNIT_VALUES = {"千": 1000, "百": 100, "十": 10}
_WRITTEN_DIGITS = "一二三四五六七八九"


def written(n: int) -> str:
    """1 ≤ n ≤ 9999 as written in full: 1010 → 一千零一十, 305 → 三百零五, 12 → 一十二."""
    parts: list[str] = []
    gap = False
    for unit, digit in zip(_UNITS, f"{n:04d}", strict=True):
        if digit == "0":
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
        parts.append(_WRITTEN_DIGITS[int(digit) - 1] + unit)
        gap = False
    return "".join(parts)


def common_value(text: str) -> int | None:
    """The value of a number below 10,000 written in full (`written`, or 十… for 10–19, or 零/〇);
    None for any other text. These are what reports write; they are read without cn2an, whose
    import costs more than a changed report's indicators. The values are cn2an's own (a test
    compares every such number)."""
    if text in ("零", "〇"):
        return 0
    value, digit = 0, None
    for char in text:
        if char in _UNIT_VALUES:
            value += (1 if digit is None else digit) * _UNIT_VALUES[char]
            digit = None
        elif char != "零":
            index = _WRITTEN_DIGITS.find(char)
            if index < 0 or digit is not None:
                return None
            digit = index + 1
    value += digit or 0
    if not 0 < value < 10_000:
        return None
    full = written(value)
    return value if text == full or (10 <= value < 20 and text == full[1:]) else None


def numeral_value(span: str, magnitude: str = "") -> Decimal:
    """Value of an Arabic or Chinese numeral span times its 万/亿 magnitude suffix, if any."""
    if span and span[0] in "0123456789０１２３４５６７８９":
        value = arabic_value(span)
    else:
        value = chinese_value(span)
    for char in magnitude:
        value *= _MAGNITUDE[char]
    return value


def as_number(value: Decimal) -> int | float:
    """An int when the value is whole (11900), else a float (3.5)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def is_chinese(span: str) -> bool:
    return bool(span) and span[0] in CN_NUMERAL_CHARS


SPAN = re.compile(rf"{ARABIC}|{CHINESE}")
