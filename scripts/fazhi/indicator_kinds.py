"""Whose number is it: the report year's result, a previous period's value, a change, a plan, or a
total over several years.

A report compares (`较上年增长25%`, `由12件下降至7件`, `上年同期为50件`) and plans (`计划开展10次`, the
下一步工作打算 section). Read as results, those numbers would put last year's count, a growth rate or a
target into the column of this year's results, so every quantity gets a kind:

- `result`: what the report's year achieved (the default);
- `previous`: the value of an earlier period (`上年同期为50件`, the 12 of `由12件下降至7件`);
- `change`: a difference from an earlier period (`较上年增长25%`, `减少8件次`, any `个百分点`);
- `plan`: a target or plan (`计划开展10次`, `力争…达到100%`, numbers under a plan heading);
- `cumulative`: a total over a span longer than the report's year (`2019年以来共办理682件`,
  `近三年累计`, `“八五”普法以来`, `累计建成78个`, `累计创建示范村18个`).

A stock stated at the year's end (`现有法律顾问26名`, `共有律师事务所3家`) stays a `result`: it
describes the report's year and compares across reports as it is; only a sum over earlier years
would inflate the year's figure.

Only the words of the clause before the number decide (and the section heading, for plans), so a
rule never reaches across a comma into the next quantity's clause.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["result", "previous", "change", "plan", "cumulative"]
KINDS: tuple[Kind, ...] = ("result", "previous", "change", "plan", "cumulative")
KIND_LABELS: dict[str, str] = {
    "result": "",
    "previous": "往期",
    "change": "增减",
    "plan": "计划",
    "cumulative": "累计",
}

_CHANGE_UNITS = frozenset({"个百分点", "百分点"})
_FROM = re.compile(r"(?:由|从)(?:上年|去年|上一年|上年度|同期|\d{4}年)?(?:同期)?的?\s*$")
_TO_LATER = re.compile(
    r"^[^，,；;。]*?(?:下降|上升|增加|减少|提高|提升|降低|增长|降|升|增|减|变)?(?:至|到|为)"
)
_CHANGE_VERB = re.compile(
    r"(?<!新)(?:增长率|下降率|增长|增加|上升|提高|提升|下降|减少|降低|回落|压降|增幅|降幅|增速|增|减|降|升|多|少)了?"
    r"(?:约|近|达到|达|为|了)?\s*$"
)
_CHANGE_AFTER_PREVIOUS = re.compile(
    r"^(?:同比|比上年|较上年)?(?:增长|增加|上升|提高|提升|下降|减少|降低|增|减|多|少)了?(?:约|近)?$"
)
_COMPARED = re.compile(r"较|比|相比|同比|环比|与上年|与去年")
# A clause that only sets up the comparison for the next one: `与2022年相比，受理案件增加5件`
_COMPARISON_CLAUSE = re.compile(
    r"^(?:与|和|同)?[^，,]{0,12}(?:相比|相较|比较|同期比)$|^(?:同比|环比)$"
)
_GROWTH_RATE = re.compile(r"(?:增长率|下降率|增幅|降幅|增速)(?:为|达|达到|是)?\s*$")
_PREVIOUS = re.compile(r"上年|去年|上一年|前一年|上年度|\d{4}年同期")
_PREVIOUS_END = re.compile(r"(?:上年|去年|上一年|上年度|同期)(?:的|为|是|有|共|计)?\s*$")
_NOT_PREVIOUS = re.compile(r"结转|遗留|积存|今年|本年|当年|以来|至今|的")
_PLAN_WORD = re.compile(
    r"(?<![按照度作法训])计划(?!生育|单列|内|任务|书|表|中|的|方案|安排|[0-9一二三四五六七八九十])|"
    r"(?<![模虚草比])拟(?![定稿制真人])|力争|预计"
)
_NEXT_YEAR = re.compile(r"明年|下一年|来年")
_YEAR_OPENING = re.compile(r"\d{4}年度?(?:[上下]半年|\d{1,2}月份?(?:[至到\-—]\d{1,2}月份?)?)?")
_PLAN_OPENING = re.compile(r"^(?:下一步|今后|明年|来年|下一阶段|下阶段|下一年度?)")
_PLAN_HEADING = re.compile(
    r"下一步|今后|明年|来年|努力方向|工作展望|"
    r"(?P<year>\d{4})年度?的?(?:工作)?(?:计划|打算|思路|安排|设想|重点|目标)"
)
_MIXED_HEADING = re.compile(r"问题|不足|短板|差距|困难|成效|情况")
_YEAR = re.compile(r"(\d{4})年(?!以来|来|起|至今|底前)")
# A span reaching back before the report's year; `(?P<since>…)` is checked against it. Not spans:
# `截至目前，累计收到…0件` and `自…办公室成立以来` (the seeds), which reports also use for their own
# year: nothing in them says the span is longer.
_SPAN = re.compile(
    r"(?:自|从)?(?P<since>\d{4})年(?:\d{1,2}月(?:份)?)?(?:以来|来|至今)|"
    r"近(?:[两二三四五六七八九十]|\d{1,2})年|(?<![今本当全])(?:[两二三四五六七八九十]|\d{1,2})年(?:以)?来|"
    r"多年来|历年|[五六七八九]五”?(?:普法|规划)?(?:实施|启动)?以来|十[八九]大以来|"
    r"累计(?=建成|建立|创建|打造|培育|命名|评选|创成|认定|选聘)"
)
_YEARS_RESPECTIVELY = re.compile(
    r"(?P<years>\d{4}年度?(?:[、和及与至]\d{4}年度?)+)[^，,。；]{0,4}?(?:分别|依次)"
)
# The report's own year named after the span resets it (`五年来…，年内审议18件`).
_OWN_YEAR = re.compile(r"今年|本年|全年|年内|当年|本年度|(?P<year>\d{4})年(?!以来|来|至今|同期)")


def is_plan_section(section: str, year: int | None = None) -> bool:
    """A heading path under which numbers are plans (下一步工作打算, 2024年工作计划).

    A heading that also names problems or results (存在的问题及下一步打算) is not one: its numbers
    are decided sentence by sentence.
    """
    for heading in section.split(" / "):
        found = _PLAN_HEADING.search(heading)
        if not found or _MIXED_HEADING.search(heading):
            continue
        if found.group("year") and year is not None and int(found.group("year")) <= year:
            continue
        return True
    return False


def quantity_kind(
    clause: str,
    local: str,
    after: str,
    unit: str,
    year: int | None = None,
    before_clause: str = "",
    opening: str = "",
    preceding: str = "",
) -> Kind:
    """The kind of one quantity.

    `clause` is the clause before the number (from the last comma), `local` the words since the
    previous quantity of that clause, `after` the rest of the sentence after the quantity,
    `before_clause` the whole clause before `clause` (`与2022年相比`), `opening` the sentence's
    first clause when the quantity is not in it (`下一步，…`, `2024年，…`), `preceding` the whole
    sentence before the number (a span it opens, `2019年以来，…`, covers all its clauses).
    """
    if unit in _CHANGE_UNITS:
        return "change"
    if _FROM.search(local) and _TO_LATER.match(after):
        return "previous"
    if _GROWTH_RATE.search(local) and unit == "%":
        return "change"
    if _CHANGE_VERB.search(local) and (
        _COMPARED.search(clause) or unit == "%" or _COMPARISON_CLAUSE.match(before_clause)
    ):
        return "change"
    if _PREVIOUS_END.search(local):
        return "previous"
    if _PLAN_WORD.search(clause) or _NEXT_YEAR.search(clause):
        return "plan"
    if _COMPARED.search(clause) and _PREVIOUS.search(clause) and not _FROM.search(clause):
        return "change"
    if _PREVIOUS.search(clause) and not _NOT_PREVIOUS.search(_after_last_previous(clause)):
        return "previous"
    kind = _by_year(clause, year)
    if kind == "result" and is_cumulative(preceding or clause, year):
        return "cumulative"
    if kind == "result" and _PLAN_OPENING.match(opening) and len(opening) <= 12:
        return "plan"
    if kind == "result" and _YEAR_OPENING.fullmatch(opening):
        return _by_year(opening, year)
    return kind


def change_after_previous(local: str) -> bool:
    """`上年为298万元，增加88万元`: after a previous period's value, a bare change verb compares."""
    return bool(_CHANGE_AFTER_PREVIOUS.match(local.strip()))


def years_listed_kinds(sentence: str, starts: list[int], year: int | None) -> dict[int, Kind]:
    """`2021年、2022年、2023年分别办理…80件、95件、112件`: the values listed after a list of
    years belong to those years in order (index in `starts` → kind)."""
    found = _YEARS_RESPECTIVELY.search(sentence)
    if year is None or not found:
        return {}
    years = [int(y) for y in re.findall(r"\d{4}", found.group("years"))]
    after = [i for i, s in enumerate(starts) if s >= found.end()][: len(years)]
    if len(after) != len(years):
        return {}
    return {
        i: "result" if y == year else ("previous" if y < year else "plan")
        for i, y in zip(after, years, strict=True)
    }


def is_cumulative(text: str, year: int | None) -> bool:
    """Whether the last time span named in `text` (the words before a number) reaches back before
    the report's year: `2019年以来`, `近三年`, `“八五”普法以来`; `2023年以来` in a 2023 report, or a
    later `今年`/`年内`, does not."""
    marks: list[tuple[int, bool]] = []
    for m in _SPAN.finditer(text):
        since = m.group("since")
        if since and (year is None or int(since) >= year):
            marks.append((m.start(), False))
            continue
        marks.append((m.start(), True))
    for m in _OWN_YEAR.finditer(text):
        own = m.group("year")
        if own and year is not None and int(own) != year:
            continue
        marks.append((m.start(), False))
    return max(marks, default=(0, False))[1]


def _after_last_previous(clause: str) -> str:
    found = list(_PREVIOUS.finditer(clause))
    return clause[found[-1].end() :] if found else clause


def _by_year(clause: str, year: int | None) -> Kind:
    """A year named in the clause other than the report's: an earlier one is `previous`, a later `plan`."""
    if year is None or re.search(r"以来|至今|累计|今年|本年", clause):
        return "result"
    years = [int(y) for y in _YEAR.findall(clause)]
    if not years:
        return "result"
    if years[-1] < year:
        return "previous"
    if years[-1] > year:
        return "plan"
    return "result"
