"""Whose number is it: the report year's result, a previous period's value, a change, or a plan.

A report compares (`较上年增长25%`, `由12件下降至7件`, `上年同期为50件`) and plans (`计划开展10次`, the
下一步工作打算 section). Read as results, those numbers would put last year's count, a growth rate or a
target into the column of this year's results, so every quantity gets a kind:

- `result`: what the report's year achieved (the default);
- `previous`: the value of an earlier period (`上年同期为50件`, the 12 of `由12件下降至7件`);
- `change`: a difference from an earlier period (`较上年增长25%`, `减少8件次`, any `个百分点`);
- `plan`: a target or plan (`计划开展10次`, `力争…达到100%`, numbers under a plan heading).

Only the words of the clause before the number decide (and the section heading, for plans), so a
rule never reaches across a comma into the next quantity's clause.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["result", "previous", "change", "plan"]
KINDS: tuple[Kind, ...] = ("result", "previous", "change", "plan")
KIND_LABELS: dict[str, str] = {"result": "", "previous": "往期", "change": "增减", "plan": "计划"}

_CHANGE_UNITS = frozenset({"个百分点", "百分点"})
_FROM = re.compile(r"(?:由|从)(?:上年|去年|上一年|上年度|同期|\d{4}年)?(?:同期)?的?\s*$")
_TO_LATER = re.compile(
    r"^[^，,；;。]*?(?:下降|上升|增加|减少|提高|提升|降低|增长|降|升|增|减|变)?(?:至|到|为)"
)
_CHANGE_VERB = re.compile(
    r"(?<!新)(?:增长率|下降率|增长|增加|上升|提高|提升|下降|减少|降低|回落|压降|增幅|降幅|增速|增|减|降|升|多|少)了?"
    r"(?:约|近|达到|达|为|了)?\s*$"
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
) -> Kind:
    """The kind of one quantity.

    `clause` is the clause before the number (from the last comma), `local` the words since the
    previous quantity of that clause, `after` the rest of the sentence after the quantity,
    `before_clause` the whole clause before `clause` (`与2022年相比`), `opening` the sentence's
    first clause when the quantity is not in it (`下一步，…`, `2024年，…`).
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
    if kind == "result" and _PLAN_OPENING.match(opening) and len(opening) <= 12:
        return "plan"
    if kind == "result" and _YEAR_OPENING.fullmatch(opening):
        return _by_year(opening, year)
    return kind


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
