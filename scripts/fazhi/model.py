"""The nouns of the pipeline: what each stage takes and returns.

Stages are functions between these types; only `read` and `write` touch the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_ID = "fazhi/report/1"

BlockKind = Literal[
    "issuer_mark",  # 发文机关标志 (雷高镇人民政府文件)
    "doc_number",  # 发文字号 (雷高府发〔2022〕61号)
    "signer",  # 签发人：王科栋
    "title",  # 标题, on one line
    "addressee",  # 主送机关 (区委、区政府：)
    "heading",  # 一、 (level 2) → （一） (3) → 1. (4) → （1） (5); 第一部分 above 一、 shifts them down one
    "paragraph",  # 正文
    "table",  # a table pasted as text: rows joined by newlines, cells by tabs
    "attachment",  # 附件说明
    "signature",  # 发文机关署名, one block per line
    "date",  # 成文日期
    "note",  # 附注 (（此件公开发布）)
    "cc",  # 抄送
    "printed",  # 印发机关和印发日期
]

Level = Literal["township", "county", "city", "province", "department"]
Provenance = Literal["text", "metadata-row", "gazetteer", "editor", "file-name"]


@dataclass(frozen=True)
class Source:
    """The file as received; `file` is its name relative to the content folder."""

    file: str
    sha256: str
    encoding: str
    size: int
    url: str | None = None


@dataclass(frozen=True)
class SourceText:
    """Output of `read`: the decoded text of one source file plus its editor override, if any."""

    source: Source
    text: str
    raw: bytes = field(default=b"", repr=False)
    override: dict[str, Any] | None = None
    override_file: str | None = None
    log: tuple[LogEntry, ...] = ()  # characters `read` removed while decoding; cleaning's log starts with them
    # False: the file is unchanged since the last build and was not read (`source_index`): only
    # `source` and the override are set; `read.reread` gives the whole SourceText
    loaded: bool = True


@dataclass(frozen=True)
class Block:
    """One structural part of a cleaned report. `line` is the 1-based source line it started on."""

    kind: BlockKind
    text: str
    level: int = 0
    line: int = 0
    lead: str | None = None  # run-in heading: the heading part; `text` keeps the rest


@dataclass(frozen=True)
class ChromeRow:
    """A metadata row copied from the hosting web page (索引号, 发布机构, 成文日期 …)."""

    label: str
    value: str
    line: int


@dataclass(frozen=True)
class LogEntry:
    """One change that cleaning made: what it removed or rewrote, where, and why."""

    action: str  # e.g. removed-chrome, joined-lines, normalised-space, t2s
    line: int
    before: str
    after: str = ""
    note: str = ""


@dataclass
class Document:
    """Output of `clean`: the report as ordered blocks, the page chrome it carried, and the log."""

    blocks: list[Block]
    chrome: list[ChromeRow] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    script_converted: bool = False  # the whole text was traditional script and was converted

    def first(self, kind: BlockKind) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    def of_kind(self, kind: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    @property
    def title(self) -> str | None:
        block = self.first("title")
        return block.text if block else None

    @property
    def body_text(self) -> str:
        return "\n".join((b.lead or "") + b.text for b in self.blocks)


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    code: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "province": self.province,
            "city": self.city,
            "county": self.county,
            "township": self.township,
            "code": self.code,
        }


@dataclass(frozen=True)
class Indicator:
    name: str
    value: float | int
    unit: str
    approx: bool
    text: str
    section: str
    canonical: str | None = None
    block: int = -1  # index in Document.blocks of the paragraph holding `text`
    # result | previous | change | plan (see indicator_kinds): only results are this year's numbers
    kind: str = "result"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "canonical": self.canonical,
            "value": self.value,
            "unit": self.unit,
            "approx": self.approx,
            "kind": self.kind,
            "text": self.text,
            "section": self.section,
        }


META_FIELDS = (
    "title",
    "issuer",
    "co_issuers",
    "level",
    "region",
    "year",
    "date_signed",
    "doc_number",
    "signer",
    "addressee",
    "cc",
    "document_type",
)


@dataclass
class ReportMeta:
    """Extracted metadata (schema v1). Every null field has a reason in `unknown`."""

    title: str | None = None
    issuer: str | None = None
    co_issuers: list[str] = field(default_factory=list)
    level: Level | None = None
    region: Region = field(default_factory=Region)
    year: int | None = None
    date_signed: str | None = None  # ISO date
    doc_number: str | None = None
    signer: str | None = None
    addressee: str | None = None
    cc: list[str] = field(default_factory=list)
    # annual_report | leaders_duty_report | rule_of_law_report | plan | other (fazhi.meta_doctype)
    document_type: str | None = None
    unknown: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicEvidence:
    """Why a report was (or was not) put under a topic: term counts, the headings they were in."""

    topic: str
    hits: int  # weighted: a term in a heading counts `heading_weight` times
    per_1000: float  # weighted hits per 1,000 characters of text
    terms: dict[str, int]
    headings: tuple[str, ...]
    assigned: bool


@dataclass
class Report:
    """Everything the site knows about one report."""

    id: str
    source: Source
    doc: Document
    meta: ReportMeta
    indicators: list[Indicator] = field(default_factory=list)
    outline: list[dict[str, Any]] = field(default_factory=list)
    required_items: dict[str, bool] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    topic_evidence: list[TopicEvidence] = field(default_factory=list)
    # required item key → the heading or sentence that covers it
    coverage_evidence: dict[str, str] = field(default_factory=dict)
    # content tokens, space-separated: the input of similarity (fazhi.related)
    tokens: str = field(default="", repr=False)
    # the page's links to other reports ("lead": breadcrumbs, badges; "extra": neighbours), from
    # fazhi.site: part of the Report (and of its repr, which cache.render_key digests) so that a
    # page is re-rendered when its neighbours change
    page_links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while processing (nothing-lost)

    def sidecar(self) -> dict[str, Any]:
        """The metadata sidecar (schema v1), also the JSON that `fazhi extract` prints."""
        meta = self.meta
        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "title": meta.title,
            "issuer": meta.issuer,
            "co_issuers": list(meta.co_issuers),
            "level": meta.level,
            "region": meta.region.as_dict(),
            "year": meta.year,
            "date_signed": meta.date_signed,
            "doc_number": meta.doc_number,
            "signer": meta.signer,
            "addressee": meta.addressee,
            "cc": list(meta.cc),
            "document_type": meta.document_type,
            "source": {
                "file": self.source.file,
                "sha256": self.source.sha256,
                "encoding": self.source.encoding,
                "url": self.source.url,
            },
            "outline": self.outline,
            "required_items": self.required_items,
            "indicators": [i.as_dict() for i in self.indicators],
            "keywords": self.keywords,
            "topics": self.topics,
            "unknown": dict(sorted(meta.unknown.items())),
            "provenance": dict(sorted(meta.provenance.items())),
        }


@dataclass(frozen=True)
class Problem:
    """A per-file problem found during the build; the build goes on without that file."""

    file: str
    message: str
    hint: str = ""
    line: int | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tail = f" ({self.hint})" if self.hint else ""
        return f"{self.severity}: {where}: {self.message}{tail}"
