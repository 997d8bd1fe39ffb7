"""CSV files that open correctly both by double-click in Excel on Chinese Windows and in pandas.

UTF-8 with a byte-order mark (Excel guesses GBK without it), RFC 4180 quoting with CRLF line ends,
ISO dates, `true`/`false` booleans. One `Column` list per table drives the CSV header, the
Frictionless table schema and the data dictionary page, so the three cannot disagree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

BOM = "\ufeff"
FieldType = Literal["string", "integer", "number", "boolean", "date"]
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of a published table."""

    name: str
    type: FieldType
    title: str  # Chinese label, shown in the data dictionary
    description: str
    required: bool = False
    unique: bool = False
    pattern: str | None = None

    def table_schema_field(self) -> dict[str, Any]:
        """The Frictionless (Table Schema v2) field descriptor."""
        field: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.type == "boolean":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            field["constraints"] = constraints
        return field


def cell(value: Any, column: Column) -> str:
    """The CSV text of one value: empty for null, `true`/`false`, numbers without a trailing .0."""
    if value is None:
        return ""
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "number" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if column.type == "string" and text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_text(columns: tuple[Column, ...], rows: Iterable[Mapping[str, Any]]) -> str:
    """A whole CSV file as text, BOM first; encode it as UTF-8."""
    return csv_header(columns) + csv_rows(columns, rows)


def csv_header(columns: tuple[Column, ...]) -> str:
    """The start of a CSV file: BOM and the header line."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([c.name for c in columns])
    return BOM + buffer.getvalue()


def csv_rows(columns: tuple[Column, ...], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV lines (CRLF-terminated) of `rows`, to follow `csv_header`: a file can be put together
    from lines made at different times."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([cell(row.get(c.name), c) for c in columns])
    return buffer.getvalue()


def joined(items: Iterable[str]) -> str | None:
    """A list in one cell, separated by the full-width semicolon (never inside Chinese names)."""
    values = [item for item in items if item]
    return "；".join(values) if values else None
