"""Perturbations of the seeds (and of the fixtures) must not change the cleaned result."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from fazhi.clean import clean_report
from fazhi.fidelity import missing_characters
from fazhi.model import Document
from fazhi.read import decode_bytes
from tests.clean_support import FIXTURES, SEEDS, page_of, read_text

BODY_FIXTURES = [FIXTURES / n for n in ("05-hard-wrapped-page-breaks.txt", "10-unnumbered-headings.txt", "11-run-in-all-levels.txt")]
CASES = [*SEEDS, *BODY_FIXTURES]


def shape(doc: Document) -> list[tuple[str, str, int, str | None]]:
    return [(b.kind, b.text, b.level, b.lead) for b in doc.blocks]


def wrap_line(line: str, width: int) -> list[str]:
    """Cut every `width` characters, but never inside a Latin word (as text wrappers do)."""
    pieces = []
    while len(line) > width:
        cut = width
        while 0 < cut < len(line) and (
            (line[cut - 1].isascii() and line[cut].isascii() and line[cut].isalpha())
            or line[cut - 1 : cut + 1] == "**"
        ):
            cut -= 1
        cut = cut or width
        pieces.append(line[:cut])
        line = line[cut:]
    return [*pieces, line]


def rewrap(text: str, width: int) -> str:
    """Hard-wrap every paragraph line longer than 40 characters at `width` characters."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        out += wrap_line(line, width) if len(line) > 40 else [line]
    return "\n".join(out) + "\n"


def insert_page_numbers(text: str, rng: random.Random, count: int = 4) -> str:
    """Page numbers in the styles seen in real reports, at random line breaks (mid-paragraph too)."""
    lines = text.splitlines()
    styles = ("— {} —", "- {} -", "第{}页", "{}", "－{}－", "第{}页 共9页")
    first_body = min(6, len(lines) // 3)
    for page in range(count, 0, -1):
        at = rng.randrange(first_body + 1, len(lines) - 4)
        lines[at:at] = ["", rng.choice(styles).format(page + 1), ""]
    return "\n".join(lines) + "\n"


CHROME_TOP = """首页 > 政务公开 > 法治政府建设
今天是：2024年3月18日 星期一
| 索引号 | 000014349/2024-00012 | 主题分类 | 司法 |
|---|---|---|---|
| 发布机构 | 某某镇人民政府 | 发布日期 | 2024-03-01 |
- 信息来源：某某镇党政办
成 文 日 期 ：2024年2月20日
字体大小：大 中 小  【打印本页】

"""
CHROME_BOTTOM = """

【打印本页】【关闭窗口】
分享到：微信 微博
上一篇：某某镇开展宪法宣传周活动
"""

_L2 = re.compile(r"^(#+\s*)?(\*\*)?([一二三四五六七八九十]{1,3})、")
_L3 = re.compile(r"^(#+\s*)?(\*\*)?[（(]([一二三四五六七八九十]{1,3})[）)]")
_L4 = re.compile(r"^(#+\s*)?(\*\*)?(\d{1,2})[、.]\s*")
_L5 = re.compile(r"^(#+\s*)?(\*\*)?[（(](\d{1,2})[）)]")


def switch_heading_styles(text: str, rng: random.Random) -> str:
    """Rewrite each heading marker in a variant real reports use, maybe add # or ** wrapping."""
    out = []
    for line in text.splitlines():
        bare = line.strip()
        for pattern, variants in (
            (_L3, ("({})", "（{}）、", "{})", "（{}） ")),
            (_L5, ("({})", "（{}） ", "{})")),
            (_L2, ("{}．", "{} 、", "{}.")),
            (_L4, ("{}.", "{}、 ", "{}．", "{}. ")),
        ):
            match = pattern.match(bare)
            if match:
                md, bold = match.group(1) or "", match.group(2) or ""
                bare = md + bold + rng.choice(variants).format(match.group(3)) + bare[match.end() :]
                if not md and not bold and len(bare) < 30 and "。" not in bare[:-1]:
                    bare = rng.choice(("", "## ", "#### ")) + bare
                break
        out.append(bare)
    return "\n".join(out) + "\n"


def _assert_same(base: Document, perturbed: Document, source: str) -> None:
    assert shape(perturbed) == shape(base)
    assert page_of(perturbed) == page_of(base)
    assert not missing_characters(source, perturbed, page_of(perturbed))


def _seed_rng(path: Path, salt: int) -> random.Random:
    return random.Random(f"{path.name}:{salt}")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("salt", range(3))
def test_rewrap_at_random_width(path, salt):
    text = read_text(path)
    width = _seed_rng(path, salt).randrange(12, 41)
    wrapped = rewrap(text, width)
    _assert_same(clean_report(text), clean_report(wrapped), wrapped)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("salt", range(3))
def test_page_numbers_and_chrome(path, salt):
    rng = _seed_rng(path, salt)
    text = read_text(path)
    noisy = CHROME_TOP + insert_page_numbers(rewrap(text, rng.randrange(14, 41)), rng) + CHROME_BOTTOM
    cleaned = clean_report(noisy)
    _assert_same(clean_report(text), cleaned, noisy)
    labels = [row.label for row in cleaned.chrome]
    assert labels[:7] == ["索引号", "主题分类", "发布机构", "发布日期", "信息来源", "成文日期"][:7]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("salt", range(3))
def test_switched_heading_styles(path, salt):
    text = read_text(path)
    switched = switch_heading_styles(text, _seed_rng(path, salt))
    _assert_same(clean_report(text), clean_report(switched), switched)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("codec", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings(path, codec):
    text = read_text(path)
    decoded = decode_bytes(text.encode(codec), path.name).text
    _assert_same(clean_report(text), clean_report(decoded), decoded)
