"""The year reported on: the title's year, else the body's opening, else the signing date.

Years that are not the subject are removed first: plan ranges (2021—2025年), years inside a
document number (〔2021〕16号) or a cited document (《…2023年…》), and next-year plans
(2024年工作计划) when the title also names the reported year.
"""

from __future__ import annotations

import re

from .meta_text import FULLWIDTH_DIGITS, arabic_years
from .model import Block, Provenance

_RANGE = re.compile(r"20\d\d\s*(?:年)?\s*[—\-–~～至到]+\s*20\d\d\s*年?")
_DOCNO_YEAR = re.compile(r"[〔\[［(（【]\s*20\d\d\s*[〕\]］)）】]\s*\d*\s*号?")
_QUOTED = re.compile(r"《[^》]{0,80}》")
_YEAR = re.compile(r"(20\d\d)\s*(年度|年)")
_PLAN = re.compile(r"^\s*(?:度)?(?:的)?(?:工作)?(?:计划|打算|安排|思路|要点)")
_REPORTED = re.compile(r"^\s*(?:度)?(?:的)?(?:法治|依法行政|法制|工作总结|工作报告|述职)")
_OPENING = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?\s*(20\d\d)\s*年(?:度)?\s*(?:[，,、]|以来|来|是|全年|我|在|，)"
)
_REPORT_AS_FOLLOWS = re.compile(
    r"(20\d\d)\s*年度?(?:的)?(?:法治政府建设|依法行政|法治建设)[^。]{0,20}(?:报告|汇报)如下"
)
_OPENING_BLOCKS = 4
_EARLIEST, _LATEST = 2000, 2100
_TOP_HEADING_YEAR = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*(20\d\d)\s*年")
_PLAN_WORDS = re.compile(r"安排|计划|打算|思路|展望|重点工作|下一步|下一年")
_MEASURE_WORDS = re.compile(r"举措|成效|做法|情况|推进|开展|工作")


def _clean_years(text: str) -> str:
    text = _RANGE.sub(" ", arabic_years(text.translate(FULLWIDTH_DIGITS)))
    text = _DOCNO_YEAR.sub(" ", text)
    return text


_SPAN = re.compile(r"(20\d\d)\s*(?:年度?)?\s*([—\-–~～至到和及与、]+)\s*(20\d\d)\s*年度?")
_RANGE_MARK = re.compile(r"[—\-–~～至到]")


def two_year_span(title: str) -> str | None:
    """`2022—2023年度法治政府建设情况报告`, `2019—2023年法治政府建设工作情况报告`: a report over
    several years has no single reported year. A plan's range is not the report's span: one
    followed by plan words (2024—2025年工作计划), in brackets (纲要（2021—2025年）) or inside a
    cited title (《…》). Years joined by 和/及 count only when consecutive."""
    text = _QUOTED.sub(" ", arabic_years(title.translate(FULLWIDTH_DIGITS)))
    for match in _SPAN.finditer(text):
        first, last = int(match.group(1)), int(match.group(3))
        tail = text[match.end() :]
        if last <= first or _PLAN.match(tail) or text[: match.start()].endswith(("（", "(")):
            continue
        if last == first + 1 or _RANGE_MARK.search(match.group(2)):
            return match.group(0)
    return None


def year_in_title(title: str) -> int | None:
    """The one reported year a title names; None when it names none or cannot be decided."""
    text = _clean_years(title)
    found = [(int(m.group(1)), text[m.end() :]) for m in _YEAR.finditer(text)]
    years = {y for y, _ in found}
    if len(years) == 1:
        year = years.pop()
        return year if _EARLIEST <= year <= _LATEST else None
    if len(years) > 1:
        reported = {y for y, tail in found if _REPORTED.match(tail) and not _PLAN.match(tail)}
        if len(reported) == 1:
            return reported.pop()
        not_plans = {y for y, tail in found if not _PLAN.match(tail)}
        if len(not_plans) == 1:
            return not_plans.pop()
    return None


def year_in_opening(blocks: list[Block]) -> int | None:
    """`2023年，…` or `…2023年度法治政府建设情况报告如下` in the first body paragraphs."""
    paragraphs = [b for b in blocks if b.kind in ("paragraph", "heading")][:_OPENING_BLOCKS]
    for block in paragraphs:
        text = _QUOTED.sub(" ", _clean_years(block.text))
        match = _OPENING.match(text.strip()) or _REPORT_AS_FOLLOWS.search(text)
        if match:
            return int(match.group(1))
    return None


def year_in_headings(blocks: list[Block]) -> tuple[int | None, int | None]:
    """(year of the 举措和成效 heading, year of the next-year plan heading) among top headings:
    一、2023年推进法治政府建设的主要举措和成效 / 三、2024年推进法治政府建设的主要安排."""
    measures = plan = None
    for block in blocks:
        if block.kind != "heading" and not block.lead:
            continue
        text = arabic_years((block.lead or "") + block.text)
        match = _TOP_HEADING_YEAR.match(text)
        if not match:
            continue
        year = int(match.group(1))
        if _PLAN_WORDS.search(text):
            plan = plan or year
        elif _MEASURE_WORDS.search(text):
            measures = measures or year
    return measures, plan


_LAST_YEAR = re.compile(r"^(?:[一二三四五六七八九十]+、)?\s*去年(?:度|以来|来|，|,|、|是|全年|我|在)")


def year_before_signing(blocks: list[Block], date_signed: str | None) -> int | None:
    """`去年，…` opening the body: the year before the one the report was signed in."""
    if not date_signed:
        return None
    paragraphs = [b for b in blocks if b.kind in ("paragraph", "heading")][:_OPENING_BLOCKS]
    if any(_LAST_YEAR.match(b.text.strip()) for b in paragraphs):
        return int(date_signed[:4]) - 1
    return None


_LATE_SUBMISSION_UNTIL, _OWN_YEAR_FROM = 4, 10


def year_from_signing(date_signed: str | None) -> int | None:
    """A report signed before May covers the year before (it is due by March); one signed from
    October on, its own year. Between the two a late report and an early one look alike."""
    if not date_signed:
        return None
    year, month = int(date_signed[:4]), int(date_signed[5:7])
    if month <= _LATE_SUBMISSION_UNTIL:
        return year - 1
    return year if month >= _OWN_YEAR_FROM else None


def find_year(
    title: str | None,
    row_title: str | None,
    blocks: list[Block],
    date_signed: str | None,
    title_source: Provenance = "text",
) -> tuple[int | None, Provenance | None, str]:
    """(year, provenance, reason when none); a year later than the signing year is refused."""
    signed_year = int(date_signed[:4]) if date_signed else None

    from_signing = year_from_signing(date_signed)

    def plausible(year: int | None) -> bool:
        return year is not None and (signed_year is None or year <= signed_year)

    span = two_year_span(title or "")
    if span:
        return None, None, f"the title reports on two years ({span}), not one"
    measures, plan = year_in_headings(blocks)
    candidates: list[tuple[int | None, Provenance]] = [
        (year_in_title(title) if title else None, title_source),
        (year_in_title(row_title) if row_title else None, "metadata-row"),
        (year_in_opening(blocks), "text"),
        (measures, "text"),
        (year_before_signing(blocks, date_signed), "text"),
        (from_signing, "text"),
        (plan - 1 if plan else None, "text"),
    ]
    body_years = {y for y, _ in candidates[2:4] if y is not None}
    for year, provenance in candidates:
        if not plausible(year):
            continue
        if year == signed_year and from_signing == year - 1 and body_years == {year - 1}:
            return year - 1, "text", ""  # titled with the publication year; the body says which
        return year, provenance, ""
    if title and _YEAR.search(title):
        return None, None, "the title's years do not decide the reported year"
    return None, None, "no year in the title or the body's opening, and no signing date"
