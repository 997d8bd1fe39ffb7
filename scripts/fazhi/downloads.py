"""Per-report download files: what each one is, its size and checksum, the zip of them all, and the
downloads section of the report page.

`site_files.report_files` decides which files a report has (one line each); everything here works on
whatever files it is given, so a new file type only needs a line there and, for a nicer label, a
`FileKind` below.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from .markup import html_text
from .zips import as_bytes, deterministic_zip


@dataclass(frozen=True)
class FileKind:
    """A kind of published file, recognised by the end of its name."""

    suffix: str
    label: str
    media_type: str
    file_type: str  # EU file-type authority code (DCAT format)
    content: str  # "document": the report's own text (not copyrightable); "data": portal metadata


KINDS: tuple[FileKind, ...] = (
    FileKind(".source.md.txt", "原始文件（按收到时原样）", "text/plain", "TXT", "document"),
    FileKind(".source.txt", "原始文件（按收到时原样）", "text/plain", "TXT", "document"),
    FileKind(".source.html.txt", "原始文件（按收到时原样的网页源码）", "text/plain", "TXT", "document"),
    FileKind(".source.htm.txt", "原始文件（按收到时原样的网页源码）", "text/plain", "TXT", "document"),
    FileKind(".source.pdf", "原始文件（按收到时原样，PDF）", "application/pdf", "PDF", "document"),
    FileKind(
        ".source.docx",
        "原始文件（按收到时原样，Word）",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
        "document",
    ),
    FileKind(".md.txt", "整理后的全文（Markdown）", "text/markdown", "MARKDOWN", "document"),
    FileKind(".yml", "元数据（YAML）", "application/yaml", "YAML", "data"),
    FileKind(".json", "元数据（JSON）", "application/json", "JSON", "data"),
    FileKind(".indicators.csv", "量化指标（CSV）", "text/csv", "CSV", "data"),
    FileKind(".indicators.json", "量化指标（JSON）", "application/json", "JSON", "data"),
    FileKind(".cleaning-log.csv", "整理记录（CSV）：整理时删除或改动的每一处", "text/csv", "CSV", "data"),
    FileKind(".zip", "以上全部文件（ZIP 压缩包）", "application/zip", "ZIP", "data"),
)
_BY_LENGTH = sorted(KINDS, key=lambda k: -len(k.suffix))
OTHER = FileKind("", "其他文件", "application/octet-stream", "BIN", "data")


def kind_of(name: str) -> FileKind:
    return next((k for k in _BY_LENGTH if name.endswith(k.suffix)), OTHER)


@dataclass(frozen=True)
class DownloadFile:
    name: str
    data: bytes

    @property
    def kind(self) -> FileKind:
        return kind_of(self.name)

    @property
    def size(self) -> int:
        return len(self.data)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class Listed(Protocol):
    """What a catalogue needs of a published file: a `DownloadFile` or a remembered `FileEntry`."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> FileKind: ...

    @property
    def size(self) -> int: ...

    @property
    def sha256(self) -> str: ...


def zip_name(report_id: str) -> str:
    return f"{report_id}.zip"


def with_zip(report_id: str, files: Mapping[str, str | bytes]) -> dict[str, bytes]:
    """The report's files as bytes plus `<id>.zip` holding exactly those files."""
    data = {name: as_bytes(content) for name, content in files.items()}
    data[zip_name(report_id)] = deterministic_zip(data)
    return data


def listing(files: Mapping[str, bytes]) -> list[DownloadFile]:
    """Files in display order: by kind as listed in KINDS, the zip last, then by name."""
    order = {k.suffix: i for i, k in enumerate(KINDS)}

    def key(name: str) -> tuple[int, str]:
        return (order.get(kind_of(name).suffix, len(KINDS) - 1), name)

    return [DownloadFile(name, files[name]) for name in sorted(files, key=key)]


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def downloads_section(files: list[DownloadFile], encoding: str, citation: str) -> str:
    """The "下载" section: a table of files with sizes, the raw file's SHA-256, the citation line."""
    rows = []
    for f in files:
        note = f"（编码 {html_text(encoding)}）" if f.kind.content == "document" and ".source" in f.name else ""
        rows.append(
            f'<tr><td><a href="{html_text(f.name)}" download>{html_text(f.name)}</a></td>'
            f"<td>{html_text(f.kind.label)}{note}</td>"
            f'<td class="fz-size" data-bytes="{f.size}">{human_size(f.size)}</td></tr>'
        )
    raw = next((f for f in files if ".source" in f.name), None)
    checksum = (
        f'<p class="fz-checksum">原始文件 SHA-256：<code>{raw.sha256}</code></p>' if raw else ""
    )
    return "\n".join(
        [
            '## 下载 {#downloads}',
            "",
            '<table class="fz-downloads">',
            "<thead><tr><th>文件</th><th>内容</th><th>大小</th></tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            checksum,
            "",
            f'<p class="fz-citation">引用本报告：{html_text(citation)}</p>',
            "",
            '<p class="fz-licence">报告原文属于国家机关的官方文件，依《中华人民共和国著作权法》第五条不适用该法保护；'
            '本站整理的元数据和数据文件以 <a href="../../downloads/#licence">CC BY 4.0</a> 许可发布。</p>',
        ]
    )
