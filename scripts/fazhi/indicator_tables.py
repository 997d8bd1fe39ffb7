"""Indicators in tables pasted into a report (rows joined by newlines, cells by tabs).

A table states its numbers as cells: the row's label names the quantity, the unit stands in the
label (`行政复议案件（件）`), in the column header (`提出意见（条）`, `件数`) or in the cell itself
(`45场`, `95%`). A cell whose unit cannot be found is not an indicator (a bare `8` could be anything).
Columns headed by years compare periods: the report's year (or, when it is unknown, the latest) holds
the results, earlier years `previous`, later years `plan`; `同比`/`增减` columns hold changes.
The indicator's `text` is the whole row, exactly as in the table block.
"""

from __future__ import annotations

import re

from .indicator_kinds import Kind
from .model import Indicator
from .numerals import ARABIC, NumeralError, as_number, numeral_value
from .quantities import UNITS, scan

_YEAR_HEADER = re.compile(r"^(\d{4})\s*年?度?(?:数据|情况)?$")
_PLAN_HEADER = re.compile(r"目标|计划|预计")
_CHANGE_HEADER = re.compile(r"同比|环比|增减|增长|变化|变动|升降|增幅|降幅|较上年")
_BARE = re.compile(rf"^(?P<sign>[+＋\-－−])?(?P<num>{ARABIC})\s*(?P<pct>[%％])?$")
_UNIT_BRACKET = re.compile(r"[（(]\s*(?:单位[:：]?)?\s*([^（）()]{1,4})\s*[）)]\s*$")
_COUNT_HEADER = re.compile(r"(?P<unit>[件次项份场人名个家起宗户])数$")  # 件数, 受理件数, 人数
_INDEX_HEADER = re.compile(r"^(?:序号|编号|排序|No\.?)$", re.I)
_KNOWN_UNITS = frozenset(UNITS) | {"%"}


def _unit_of(label: str) -> str | None:
    """`行政复议案件（件）` → 件; `件数` → 件; `提出意见（条）` → 条."""
    bracket = _UNIT_BRACKET.search(label)
    if bracket:
        unit = bracket.group(1).replace("％", "%")
        return unit if unit in _KNOWN_UNITS else None
    count = _COUNT_HEADER.search(label.strip())
    return count.group("unit") if count else None


def _plain_label(label: str) -> str:
    return _UNIT_BRACKET.sub("", label).strip()


def _column_kinds(header: list[str], year: int | None) -> list[Kind | None]:
    """The kind of each column's numbers; None for a column without a kind of its own."""
    years = {i: int(m.group(1)) for i, c in enumerate(header) if (m := _YEAR_HEADER.match(c))}
    subject = year if year in years.values() else max(years.values(), default=None)
    kinds: list[Kind | None] = []
    for index, cell in enumerate(header):
        if _CHANGE_HEADER.search(cell):
            kinds.append("change")
        elif _PLAN_HEADER.search(cell):
            kinds.append("plan")
        elif index in years and subject is not None:
            kinds.append(
                "result"
                if years[index] == subject
                else ("previous" if years[index] < subject else "plan")
            )
        else:
            kinds.append(None)
    return kinds


def _cell_quantity(cell: str, unit: str | None) -> tuple[int | float, str, bool] | None:
    """(value, unit, approx) of a cell that is one quantity, or a bare number when `unit` is known."""
    cell = cell.strip().lstrip("+＋")
    found, _ = scan(cell)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(cell):
        return found[0].value, found[0].unit, found[0].approx
    bare = _BARE.match(cell)
    if not bare:
        return None
    unit = "%" if bare.group("pct") else unit
    if not unit:
        return None
    try:
        value = numeral_value(bare.group("num"))
    except NumeralError:
        return None
    if bare.group("sign") in ("-", "－", "−"):
        value = -value
    return as_number(value), unit, False


def _label_column(header: list[str], rows: list[list[str]]) -> int:
    """The first column that names the rows (not a 序号 column of numbers)."""
    for index, cell in enumerate(header):
        values = [r[index] for r in rows if index < len(r)]
        if not _INDEX_HEADER.match(cell) and not all(_BARE.match(v) for v in values if v):
            return index
    return 0


def table_indicators(text: str, section: str, year: int | None = None) -> list[Indicator]:
    """Indicators of a table block's text, row by row; `canonical` is left for the caller."""
    lines = text.split("\n")
    rows = [[c.strip() for c in line.split("\t")] for line in lines]
    if len(rows) < 2:
        return []
    if any(not _YEAR_HEADER.match(c) and _cell_quantity(c, "件") for c in rows[0][1:]):
        # no header row: only cells that carry their own unit (`45场`) can be read
        lines, header, body = ["", *lines], [""] * max(map(len, rows)), rows
    else:
        header, body = rows[0], rows[1:]
    label_at = _label_column(header, body)
    kinds = _column_kinds(header, year)
    value_columns = [i for i in range(len(header)) if i != label_at and i > label_at]
    named_by_column = len(value_columns) > 1 and not any(k for k in kinds)
    out: list[Indicator] = []
    for line, row in zip(lines[1:], body, strict=True):
        if label_at >= len(row) or not row[label_at]:
            continue
        label = row[label_at]
        for index in value_columns:
            if index >= len(row):
                continue
            unit = _unit_of(label) or _unit_of(header[index])
            quantity = _cell_quantity(row[index], unit)
            if quantity is None:
                continue
            value, unit, approx = quantity
            name = _plain_label(label)
            if named_by_column and header[index]:
                name = f"{name} {_plain_label(header[index])}"
            kind = kinds[index] or "result"
            if kind == "result" and row[index].strip()[:1] in "+＋-－−":  # a signed cell
                kind = "change"
            out.append(Indicator(name[:30], value, unit, approx, line, section, None, kind=kind))
    return out
