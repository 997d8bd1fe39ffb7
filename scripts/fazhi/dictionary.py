"""The data dictionary page: every field of the metadata sidecar (from its JSON Schema) and every
column of every published CSV (from the same column lists that write the files)."""

from __future__ import annotations

import json
from typing import Any

from .catalog_csv import CATALOG_COLUMNS, INDICATOR_COLUMNS
from .markup import GENERATED, escape_inline
from .meta import report_schema_text
from .tabular import Column

TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数值",
    "boolean": "布尔值",
    "date": "日期",
    "array": "列表",
    "object": "对象",
    "null": "空",
}
CLEANING_LOG_COLUMNS = (
    ("line", "整数", "改动所在的源文件行号。"),
    ("action", "文本", "改动类别的英文代码，如 removed-chrome、joined-lines。"),
    ("action_zh", "文本", "改动类别的中文名称。"),
    ("before", "文本", "改动前的原文。"),
    ("after", "文本", "改动后的文字（删除时为空）。"),
    ("note", "文本", "补充说明。"),
)


def cell(text: str) -> str:
    return escape_inline(text).replace("\n", " ")


def type_of(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        return type_of(defs.get(spec["$ref"].rsplit("/", 1)[-1], {}), defs)
    if "enum" in spec:
        return "取值：" + "、".join("空" if v is None else str(v) for v in spec["enum"])
    if "const" in spec:
        return f"固定为 {spec['const']}"
    kinds = spec.get("type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "或".join(TYPE_NAMES.get(k, k) for k in kinds if k)


def schema_rows(properties: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> list[str]:
    rows = []
    for name, spec in properties.items():
        path = prefix + name
        rows.append(f"| `{path}` | {cell(type_of(spec, defs))} | {cell(spec.get('description', ''))} |")
        if isinstance(spec.get("properties"), dict):
            rows += schema_rows(spec["properties"], defs, path + ".")
    return rows


def sidecar_section() -> str:
    schema = json.loads(report_schema_text())
    rows = schema_rows(schema.get("properties", {}), schema.get("$defs", {}))
    return "\n".join(
        [
            "## 元数据文件（`<标识>.yml` / `<标识>.json`）",
            "",
            cell(schema.get("description", "")),
            "",
            "| 字段 | 类型 | 说明 |",
            "| --- | --- | --- |",
            *rows,
        ]
    )


def columns_section(title: str, intro: str, columns: tuple[Column, ...]) -> str:
    rows = [
        f"| `{c.name}` | {cell(c.title)} | {TYPE_NAMES[c.type]}{'，必填' if c.required else ''} | {cell(c.description)} |"
        for c in columns
    ]
    return "\n".join([f"## {title}", "", intro, "", "| 列名 | 中文名 | 类型 | 说明 |", "| --- | --- | --- | --- |", *rows])


def simple_section(title: str, intro: str, columns: tuple[tuple[str, str, str], ...]) -> str:
    rows = [f"| `{name}` | {kind} | {text} |" for name, kind, text in columns]
    return "\n".join([f"## {title}", "", intro, "", "| 列名 | 类型 | 说明 |", "| --- | --- | --- |", *rows])


def per_report_sections(present: set[str]) -> list[str]:
    """Sections for the per-report CSV files this build publishes (`present`: their suffixes)."""
    sections = []
    if ".indicators.csv" in present:
        intro = "每份报告一个，每条指标一行；列与 `indicators.csv` 相同（见上），各报告的指标合在一起即 `indicators.csv`。`<标识>.indicators.json` 的每条记录含相同字段。"
        sections.append(f"## 报告的量化指标（`<标识>.indicators.csv`）\n\n{intro}")
    if ".cleaning-log.csv" in present:
        intro = "每份报告一个，记录整理时删除或改动的每一处，保证原文的每个字都能在页面或记录中找到。"
        sections.append(simple_section("整理记录（`<标识>.cleaning-log.csv`）", intro, CLEANING_LOG_COLUMNS))
    return sections


def dictionary_page(present: set[str]) -> str:
    parts = [
        f"---\n{GENERATED}\ntitle: 数据字典\n---",
        "# 数据字典",
        "本页说明本站每个数据文件的每个字段和每一列。CSV 文件均为 UTF-8（带 BOM）、逗号分隔、行尾 CRLF；"
        "空单元格表示原文未载明；多个值以全角分号“；”分隔。返回[数据下载](index.md)。",
        columns_section("报告目录（`catalog.csv`）", "每份报告一行。`catalog.json` 含相同字段，列表字段为数组，另有每份报告的文件清单。", CATALOG_COLUMNS),
        columns_section("量化指标（`indicators.csv`）", "每条指标一行（长表），`report_id` 对应 `catalog.csv` 的 `id`。", INDICATOR_COLUMNS),
        *per_report_sections(present),
        sidecar_section(),
    ]
    return "\n\n".join(parts) + "\n"
