"""The hostile inputs: each file an editor might drop into content/reports, with what it must yield.

`ERRORS` and `WARNINGS` give the exact problem line `fazhi build` prints; `PAGES` give text the
published page must show (literally) and markup it must not contain. Shared by the build test, the
`fazhi check` test and the browser test.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

TITLE = "某某镇2023年度法治政府建设工作报告"
# A real township: both same-place cases resolve to it, so they share a base id.
SAME_PLACE_TITLE = "龙华镇人民政府关于2023年度法治政府建设情况的报告"


PLACE_CHARS = "壹贰叁肆伍陆柒捌玖拾佰仟零廿卅卌"


def place(marker: str) -> str:
    """A made-up township name per marker, so that cases do not share a place (and an id)."""
    digest = hashlib.sha256(marker.encode()).hexdigest()
    return "".join(PLACE_CHARS[int(c, 16)] for c in digest[:5]) + "镇"


def report(marker: str, body: str = "", title: str | None = None) -> str:
    """A small but well-formed report; `marker` makes every case's content (and hash) different."""
    title = title or TITLE.replace("某某镇", place(marker))
    return (
        f"{title}\n"
        "一、主要举措和成效\n"
        f"今年我镇坚持依法行政，案例编号{marker}。\n"
        f"{body}\n"
        "二、存在的不足和原因\n"
        "法治宣传的针对性还不够强。\n"
    )


TRADITIONAL = (
    "壹貳參肆鎮2023年度法治政府建設工作報告\n一、主要舉措和成效\n今年我鎮堅持依法行政，案例編號big5。\n"
    "二、存在的不足和原因\n法治宣傳的針對性還不夠強。\n"
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("报告.txt", report("zip"))
    return buffer.getvalue()


def noise(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


@dataclass(frozen=True)
class Case:
    file: str
    data: bytes


@dataclass(frozen=True)
class Expected(Case):
    """A file refused (or warned about) with exactly this problem line."""

    line: str


@dataclass(frozen=True)
class Page(Case):
    """A file published; its page shows every string of `shows` as visible text."""

    shows: tuple[str, ...]
    encoding: str = "utf-8"


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise(200, 1)
CONVERT = "(save it as plain text (.txt, UTF-8) and put that file in content/reports)"

ERRORS: tuple[Expected, ...] = (
    Expected("empty.txt", b"", "error: empty.txt: the file is empty (0 bytes)"),
    Expected("blank.txt", b" \n\t\r\n  \n", "error: blank.txt: contains only white space"),
    Expected(
        "invisible-only.txt",
        "\u200b\u200b\n\u202e\n".encode(),
        "error: invisible-only.txt: contains no visible text",
    ),
    Expected("image.txt", PNG, f"error: image.txt: is a PNG image, not report text {CONVERT}"),
    Expected("image.png", PNG, "error: image.png: is a PNG image; reports are read from .txt, .md"),
    Expected("photo.jpg", b"\xff\xd8\xff\xe0" + noise(100, 2), "error: photo.jpg: is a JPEG image;"),
    Expected("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "error: scan.pdf: is not a readable PDF"),
    Expected(
        "renamed-pdf.txt",
        b"%PDF-1.4\n" + noise(300, 3),
        f"error: renamed-pdf.txt: is a PDF document, not report text {CONVERT}",
    ),
    Expected("report.docx", docx_bytes(), "error: report.docx: is not a readable Word document"),
    Expected("docx-as.txt", docx_bytes(), "error: docx-as.txt: is a Word document (.docx), not"),
    Expected(
        "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise(100, 4), "error: old.doc: is a legacy"
    ),
    Expected("reports.zip", zip_bytes(), "error: reports.zip: is a ZIP archive;"),
    Expected(
        "page.html",
        "<html><body><nav>首页</nav><p>页面不存在</p></body></html>".encode(),
        "error: page.html: is a web page with no article body",
    ),
    Expected(
        "nul-heavy.txt",
        b"\x00\x01\x02\x03abc\x00\x00\x00" * 400,
        "error: nul-heavy.txt: does not look like text (decoded as utf-8",
    ),
    Expected(
        "noise.txt", noise(4000, 5), "error: noise.txt: is not text in UTF-8, UTF-16, GB18030/GBK"
    ),
    Expected(
        "bad-bom.txt",
        b"\xff\xfe" + "好".encode("utf-16-le") + b"\x00\xd8",
        "error: bad-bom.txt: starts with a utf-16 byte-order mark but is not valid utf-16",
    ),
    Expected(
        "huge.txt",
        report("huge", "依法行政。" * 350_000).encode(),
        "error: huge.txt: is 5.0 MB; at most 2 MB is accepted",
    ),
    Expected(
        "one-line.txt",
        ("法治政府建设" * 58_255 + "。").encode(),
        "error: one-line.txt:1: line 1 is 349,531 characters long (at most 50,000)",
    ),
)

# Editor overrides (`<stem>.meta.yml`): a bad one keeps its report off the site with a line naming it.
OVERRIDES: dict[str, bytes] = {
    "ov-tag.txt": b'title: !!python/object/apply:os.system ["echo pwned"]\n',
    "ov-name.txt": b"year: !!python/name:os.system\n",
    "ov-unknown.txt": "title: 好\nfoo: 1\n".encode(),
    "ov-type.txt": "year: 二〇二三\n".encode(),
    "ov-list.txt": b"year: [2023]\n",
    "ov-notmap.txt": b"- a\n- b\n",
    "ov-region.txt": "region: 广西\n".encode(),
    "ov-big.txt": b"title: " + b"x" * 100_000 + b"\n",
    "ov-title.txt": "title: \"<script>alert('editor')</script>编辑标题\"\n".encode(),
}
ERRORS += (
    Expected(
        "ov-tag.txt",
        report("ov-tag").encode(),
        "error: ov-tag.meta.yml:1: is not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    Expected(
        "ov-name.txt",
        report("ov-name").encode(),
        "error: ov-name.meta.yml:1: is not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/name:os.system'",
    ),
    Expected(
        "ov-unknown.txt",
        report("ov-unknown").encode(),
        "error: ov-unknown.meta.yml:2: unknown field 'foo' (allowed: title, issuer,",
    ),
    Expected(
        "ov-type.txt",
        report("ov-type").encode(),
        "error: ov-type.meta.yml:1: year: expected a year such as 2023, got str '二〇二三'",
    ),
    Expected(
        "ov-list.txt",
        report("ov-list").encode(),
        "error: ov-list.meta.yml:1: year: expected a year such as 2023, got list [2023]",
    ),
    Expected(
        "ov-notmap.txt",
        report("ov-notmap").encode(),
        "error: ov-notmap.meta.yml:1: must be a mapping of field: value",
    ),
    Expected(
        "ov-region.txt",
        report("ov-region").encode(),
        "error: ov-region.meta.yml:1: region: expected a mapping with keys among province",
    ),
    Expected(
        "ov-big.txt",
        report("ov-big").encode(),
        "error: ov-big.meta.yml: is 98 KB; at most 64 KB is accepted",
    ),
)

WARNINGS: tuple[Expected, ...] = (
    Expected(".hidden report.txt", report("hidden").encode(), "warning: .hidden report.txt: is hidden"),
    Expected("..dots.txt", report("dots").encode(), "warning: ..dots.txt: is hidden"),
    Expected(
        "same-place-2.txt",
        report("place-2", title=SAME_PLACE_TITLE).encode(),
        "warning: same-place-2.txt: is for the same place and year as same-place-1.txt (",
    ),
    Expected(
        "twin-b.txt",
        report("twins").encode(),
        "warning: twin-b.txt: has the same content as twin-a.txt; only twin-a.txt is published",
    ),
)

# pages whose odd titles do not show them to be 法治政府建设 reports: published, and warned about
KIND_WARNINGS = (
    "warning: html-title.txt: is not shown to be an annual 法治政府建设 report",
    "warning: yaml-title.txt: is not shown to be an annual 法治政府建设 report",
)

XSS = (
    "<script>alert('script')</script>",
    '<img src=x onerror="alert(\'img\')">',
    "[点我](javascript:alert('link'))",
    '<a href="javascript:alert(1)">点我</a>',
    "[外部链接](http://evil.example/)",
    "![外部图片](http://evil.example/x.png)",
    "<http://evil.example/auto>",
    "<svg onload=alert('svg')></svg>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "<style>body{display:none}</style>",
    "{{ config.site_name }} {% include 'base.html' %}",
    "<!-- 隐藏的注释 --> 注释之后",
    "&lt;script&gt;已转义&lt;/script&gt;",
    '段落属性 {: onclick="alert(\'attr\')" }',
    "`代码` **粗体** _斜体_ | 表格 |",
)

PAGES: tuple[Page, ...] = (
    *(Page(f"xss-{n:02d}.txt", report(f"x{n}", t).encode(), (t,)) for n, t in enumerate(XSS)),
    Page(
        "front-matter.txt",
        ("---\ntitle: 冒充的标题\ntemplate: evil.html\n---\n" + report("fm")).encode(),
        ("title: 冒充的标题", "template: evil.html"),
    ),
    Page(
        "yaml-title.txt",
        report("yt", title="关于: 某镇 #2023年度 !!python/object/apply:os.system 报告").encode(),
        ("关于: 某镇 #2023年度 !!python/object/apply:os.system 报告",),
    ),
    Page(
        "html-title.txt",
        report("ht", title="<script>alert('t')</script>2023年度报告").encode(),
        ("<script>alert('t')</script>2023年度报告",),
    ),
    Page("gbk.txt", report("gbk").encode("gbk"), ("案例编号gbk",), "gb18030"),
    Page("gb18030.txt", report("gb18030 㐀").encode("gb18030"), ("案例编号gb18030 㐀",), "gb18030"),
    Page("utf16-le.txt", report("u16le").encode("utf-16-le"), ("案例编号u16le",), "utf-16-le"),
    Page("utf16-be.txt", report("u16be").encode("utf-16-be"), ("案例编号u16be",), "utf-16-be"),
    Page("utf16-bom.txt", report("u16bom").encode("utf-16"), ("案例编号u16bom",), "utf-16"),
    Page("utf8-bom.txt", b"\xef\xbb\xbf" + report("bom").encode(), ("案例编号bom",), "utf-8-sig"),
    Page("big5.txt", TRADITIONAL.encode("big5"), ("依法行政", "big5"), "big5"),
    Page(
        "mixed.txt",
        report("mixed").encode() + "这一行是GBK编码。\n".encode("gbk") + "末行是UTF-8。\n".encode(),
        ("这一行是GBK编码。", "末行是UTF-8。"),
        "mixed: utf-8 + gb18030",
    ),
    Page("nul.txt", report("nul", "依法\x00行政\x00。").encode(), ("依法行政。",)),
    Page("controls.txt", report("ctl", "响铃\x07与\x1b[31m转义\x7f").encode(), ("响铃与[31m转义",)),
    Page("zero-width.txt", report("zw", "法\u200b治\u200d政\ufeff府").encode(), ("法治政府",)),
    Page("bidi.txt", report("bidi", "金额\u202e001\u202c元 \u2066隔离\u2069").encode(), ("金额001元 隔离",)),
    Page("page-break.txt", report("ff", "上页\x0c下页\u2028另起").encode(), ("上页", "下页", "另起")),
    Page("old-mac.txt", report("cr").replace("\n", "\r").encode(), ("案例编号cr",)),
    Page("报告 空格.txt", report("space").encode(), ("案例编号space",)),
    Page("中文名称.txt", report("chinese").encode(), ("案例编号chinese",)),
    Page("a..b.txt", report("dotdot").encode(), ("案例编号dotdot",)),
    Page("same-place-1.txt", report("place-1", title=SAME_PLACE_TITLE).encode(), ("案例编号place-1",)),
    Page("twin-a.txt", report("twins").encode(), ("案例编号twins",)),
    Page(
        "formula.txt",
        report("formula", '=HYPERLINK("http://evil.example","点我")  两个空格\n@SUM(1+1)  与\n+1  加').encode(),
        ('=HYPERLINK("http://evil.example","点我")', "@SUM(1+1)"),
    ),
    Page(
        "ov-title.txt",
        report("ov-title").encode(),
        ("案例编号ov-title",),
    ),
    Page("markdown.md", ("# " + report("md", "## 小标题\n- 列表项\n> 引用")).encode(), ("- 列表项", "> 引用")),
)


def write_cases(reports_dir: Path, outside: Path) -> list[str]:
    """Write every case into `reports_dir`; returns the extra problem lines of the cases made here.

    Besides the tables: a link to a file outside content/, a file name that is not UTF-8, one with a
    line break in it, and a named pipe (reading it would hang a naive build).
    """
    for case in (*ERRORS, *WARNINGS, *PAGES):
        (reports_dir / case.file).write_bytes(case.data)
    for file, override in OVERRIDES.items():
        (reports_dir / file).with_suffix(".meta.yml").write_bytes(override)
    secret = outside / "secret.txt"
    secret.write_text(report("secret"), encoding="utf-8")
    (reports_dir / "link.txt").symlink_to(secret)
    (reports_dir / "ov-link.txt").write_text(report("ov-link"), encoding="utf-8")
    (outside / "secret.meta.yml").write_text("title: 外部\n", encoding="utf-8")
    (reports_dir / "ov-link.meta.yml").symlink_to(outside / "secret.meta.yml")
    os.mkfifo(reports_dir / "pipe.txt")
    bad_name = os.fsdecode(b"\xff\xfe-name.txt")
    (reports_dir / bad_name).write_bytes(report("badname").encode())
    (reports_dir / "line\nbreak.txt").write_bytes(report("newline").encode())
    return [
        "error: link.txt: is a link to a file outside content/ "
        "(copy the file into content/reports instead of linking to it)",
        "error: \\xff\\xfe-name.txt: the file name is not valid UTF-8 (rename it)",
        "error: ov-link.meta.yml: is a link to a file outside content/ "
        "(copy the file into content/reports instead of linking to it)",
        "error: line\\x0abreak.txt: the file name contains control characters (rename it)",
    ]
