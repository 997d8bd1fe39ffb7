"""Small text helpers shared by the metadata extractors: dates, spacing, page rows."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import ChromeRow, Document

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_NUM = r"(?:\d{1,4}|[〇○零OＯ一二三四五六七八九十]{1,4})"
DATE = re.compile(
    rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日|(20\d\d)[.\-/](\d{{1,2}})[.\-/](\d{{1,2}})(?!\d)"
)
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff\d（）〔〕《》“”、])\s+(?=[\u4e00-\u9fff\d（）〔〕《》“”、])")
_MARKUP = re.compile(r"^#{1,6}\s*|\*\*|__")
FULLWIDTH_DIGITS = _FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
ORGAN_END = re.compile(
    r"(?:政府|行政公署|办事处|委员会|委|管委会|局|厅|办公室|办|中心|人民法院|人民检察院"
    r"|司法所|林场|农场|主席团|兵团[\u4e00-\u9fff]{0,12}(?:师|团))$"
)
_CN_YEAR = re.compile(r"二[〇○零OＯ][〇○零OＯ一二三四五六七八九]{2}(?=\s*年)")


def arabic_years(text: str) -> str:
    """二〇二三年 → 2023年, so that year patterns see one form."""
    return _CN_YEAR.sub(lambda m: str(_number(m.group(0))), text)


@functools.cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@functools.cache
def _t2s_triggers() -> tuple[frozenset[str], dict[str, tuple[str, ...]]] | None:
    """What t2s can change: every key of its character table, and the phrase keys made only of
    characters outside that table (by first character). A text containing none of them comes out
    of t2s unchanged. None when the installed opencc keeps its tables differently (then every text
    is converted)."""
    converter = _t2s()
    converter.convert("測")
    try:
        tables = [table for group in converter._dict_chain_data for (_, _, table) in group]
    except (AttributeError, TypeError, ValueError):
        return None
    # opencc takes the first of a key's space-separated values (覆 → "覆 复" leaves 覆 as it is)
    changing = [key for table in tables for key, value in table.items() if value.split(" ")[0] != key]
    singles = frozenset(key for key in changing if len(key) == 1)
    phrases: dict[str, list[str]] = {}
    for key in changing:
        if singles.isdisjoint(key):
            phrases.setdefault(key[0], []).append(key)
    return singles, {first: tuple(keys) for first, keys in phrases.items()}


def t2s_single_keys() -> frozenset[str] | None:
    """The characters t2s changes when they stand alone (None: its tables cannot be read)."""
    triggers = _t2s_triggers()
    return None if triggers is None else triggers[0]


def simplified(text: str) -> str:
    """Traditional → simplified characters (opencc t2s; safe on simplified text).

    Most reports are simplified already: a text in which no key t2s changes occurs is returned as
    it is, which skips opencc's pure-Python scan (a third of extraction's time)."""
    triggers = _t2s_triggers()
    if triggers is not None:
        singles, phrases = triggers
        if singles.isdisjoint(text) and not any(
            key in text for first in phrases.keys() & set(text) for key in phrases[first]
        ):
            return text
    return _t2s().convert(text)


def squeeze(text: str) -> str:
    """Remove Markdown emphasis and the stray spaces between CJK characters (法治政府 建设)."""
    text = _MARKUP.sub("", text.translate(_FULLWIDTH_DIGITS)).strip()
    return _CJK_GAP.sub("", text)


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if all(ch in _CN_DIGITS for ch in token):  # a year written digit by digit: 二〇二四
        return int("".join(str(_CN_DIGITS[ch]) for ch in token))
    if "十" in token:
        tens, _, units = token.partition("十")
        high = _CN_DIGITS.get(tens, 0) if tens else 1
        low = _CN_DIGITS.get(units, 0) if units else 0
        return high * 10 + low
    return None


def parse_date(text: str) -> str | None:
    """The first plausible YYYY年M月D日 date in `text` as ISO, Chinese numerals allowed."""
    for match in DATE.finditer(squeeze(text)):
        tokens = [t for t in match.groups() if t is not None]
        year, month, day = (_number(t) for t in tokens)
        if year and month and day and 2000 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def is_only_date(text: str) -> bool:
    squeezed = squeeze(text).strip("　 ")
    match = DATE.search(squeezed)
    return bool(match) and len(squeezed) - len(match.group(0)) <= 2


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    line: int


_ROW = re.compile(r"^\s*([\u4e00-\u9fff][\u4e00-\u9fff\s]{0,8}?)\s*[:：]\s*(\S.{0,80})$")
_ROW_LABELS = frozenset(
    {"索引号", "主题分类", "发布机构", "发文机关", "成文日期", "发布日期", "标题", "文号", "发文字号",
     "信息来源", "来源", "公开方式", "生效日期", "主题词", "公开时间", "发布时间", "作者", "文件编号"}
)  # fmt: skip


def page_rows(doc: Document) -> list[Row]:
    """The web page's metadata rows: cleaning's chrome, or row-like lines it left at the edges."""
    rows = [_row(c) for c in doc.chrome]
    if rows:
        return rows
    edges = doc.blocks[:20] + doc.blocks[-6:]
    for block in edges:
        match = _ROW.match(block.text)
        if match and re.sub(r"\s", "", match.group(1)) in _ROW_LABELS:
            rows.append(Row(re.sub(r"\s", "", match.group(1)), match.group(2).strip(), block.line))
    return rows


def _row(chrome: ChromeRow) -> Row:
    return Row(re.sub(r"[\s:：]", "", chrome.label), chrome.value.strip(), chrome.line)


# The page rows that name the publishing organ, as different sites label them.
ISSUER_ROWS = ("发文机关", "发布机构", "发文机构", "发布机关", "发文单位", "发布单位")


def row_value(rows: list[Row], *labels: str) -> str | None:
    for label in labels:
        for row in rows:
            if row.label == label and row.value:
                return row.value
    return None
