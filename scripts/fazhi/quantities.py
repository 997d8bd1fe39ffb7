"""Find reported quantities in one sentence: a numeral, its unit, and whether it is approximate.

A quantity is a numeral followed (optionally after 余/多 and a 万/亿 magnitude) by a counting unit. Numbers
without a unit are never quantities, which alone rules out years (`2023年`), dates (`1月2日`), 文号
(`〔2021〕16号`) and hotlines (`12345热线`). The remaining traps are ruled out explicitly, each with a reason
(see `TRAPS` and `Rejected`).

Ordinal ranks (`第五名`, `排名第3`) are NOT emitted: every number after 第 is an ordinal (第X条, 第一责任人,
第3次会议), and a rank read as a count would be wrong in the unit column (`5 名` = five people).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numerals import ARABIC, CHINESE, CN_DIGITS, NumeralError, as_number, is_chinese, numeral_value

# Longest first so 人次 wins over 人 and 万元 over 万. Each unit may forbid what follows it
# (家庭, 期间, 起草 … are words, not counts).
_UNIT_GUARDS: dict[str, str] = {
    "个百分点": "",
    "百分点": "",
    "人次": "",
    "场次": "",
    "件次": "",
    "户次": "",
    "台次": "",
    "车次": "",
    "架次": "",
    "辆次": "",
    "班次": "",
    "批次": "",
    "家次": "",
    "学时": "",
    "课时": "",
    "万元": "",
    "亿元": "",
    "%": "",
    "％": "",
    "个": "月|工作日|小时|人|体|性|别|案",
    "次": "日|要|年|序|性|数|生",
    "件": "事|套",
    "项": "目",
    "份": "额|子",
    "场": "所|地|景|域|合|馆|面",
    "名": "单|称|义|列|录|片|誉|次",
    "本": "着|乡|镇|县|市|区|村|单位|部门|地|级|年|次|职|身|人|辖|届|系统|领域",
    "篇": "章|幅",
    "家": "庭|属|长|乡|园|风|中|里|门|人",
    "门": "户|诊|槛|口|类",
    "条": "例|件|款|线|理",
    "起": "草|诉|到|来|点|始|步|止|码|因|见",
    "宗": "教|旨",
    "人": "民|大|员|口|才|士|身|格|生",
    "户": "籍|口|外|主",
    "册": "子",
    "张": "贴",
    "期": "间|限|刊|待|望|末|初|满",
    "批": "准|示|评|复|次",
    "台": "账|阶|风",
    "辆": "",
    "支": "持|付|出|部|撑",
    "所": "有|在|属|以|谓|得",
    "处": "理|置|罚|分|于|室|长",
    "套": "",
    "块": "",
    "幅": "度",
    "部": "门|署|分|队|位",
    "位": "于|置|列",
    "座": "谈",
    "堂": "",
    "节": "日|点|约|假|能",
    "例": "会|行|如",
    "轮": "",
    "卷": "入|宗|烟|帘|尺|轴|起",
    "元": "旦|素",
    "吨": "",
    "亩": "",
    "平方米": "",
    "公里": "",
}
UNITS = sorted(_UNIT_GUARDS, key=len, reverse=True)
_UNIT_ALT = "|".join(
    re.escape(u) + (f"(?!{_UNIT_GUARDS[u]})" if _UNIT_GUARDS[u] else "") for u in UNITS
)
QUANTITY = re.compile(
    rf"(?P<num>{ARABIC}|{CHINESE})\s*(?P<mag>[百千]?(?:[万亿](?!元))?)\s*(?P<more>余|多|来)?\s*"
    rf"(?P<unit>{_UNIT_ALT})(?P<post>以上|以下|以内|左右|余|多)?"
)
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE}(?:点[{CN_DIGITS}]+)?)")

APPROX_BEFORE = re.compile(
    r"(?<![最附])(?:约|大约|近|将近|接近|超过|超|逾|多达|不少于|至少|不低于|不足|不到|低于|少于|高于)\s*$"
)
_UPPER = re.compile(r"上\s*$")
_STUCK_BEFORE = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ.．\-－—–~～/·]\s*$")
_ORDINAL = re.compile(r"第\s*$")
_TOP_RANK = re.compile(r"(?<![目此之以提当年日月天])前\s*$")  # 前十名, 前3位: a rank, not people
_VAGUE = re.compile(r"(?:数|几|若干|好几)\s*$")
_RANGE = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万]\s*[至到~～\-－—–]\s*$")
_RANGE_NEXT = re.compile(r"\s*[至到~～\-－—–]\s*[0-9０-９〇零一二两三四五六七八九十百千]")
_EVERY = re.compile(r"每(?:天|日|周|月|季度|季|年|半年|次|人|户|村|乡|镇|个|万|名|期|场|两|隔)")
HOTLINES = frozenset(
    {
        110,
        119,
        120,
        122,
        12309,
        12315,
        12319,
        12320,
        12333,
        12345,
        12348,
        12351,
        12355,
        12356,
        12358,
        12366,
        12368,
        12369,
        12388,
        12393,
        8890,
        96110,
    }
)
# What follows a hotline's number (`110处警`, `12345平台`); a count is followed by its unit and
# the rest of its clause (`12345平台受理110件。` counts 110 cases).
_HOTLINE_AFTER = re.compile(
    r"^\s*(?:热线|专线|平台|电话|报警|处警|接警|接处警|出警|急救|火警|服务|便民|政务|投诉|举报|法网|"
    r"指挥|工单|转办|话务|坐席|座席|市民|反诈|检察|公共|消费|社保|纳税|法律)"
)
_SLOGAN_UNITS = frozenset({"个", "项", "条", "支", "门", "部", "位", "本", "家", "名"})

# Fixed expressions and plan names that contain a numeral and a unit-like character but count nothing.
TRAPS = re.compile(
    r"千家万户|三番五次|千方百计|一次性|一揽子|一站式|一件事|一村一|一对一|一户一|一人一|一校一|一案一|"
    r"四个意识|四个自信|两个维护|两个确立|两个责任|三项制度|三重一大|一规划两纲要|两纲要|[五六七八九]五普法|"
    r"[五六七八九]五规划|十[一二三四五六]五|五个一|两学一做|三会一课|四议两公开|双随机|一岗双责|两法衔接|"
    r"三治融合|一网通办|一窗通办|一次办|最多跑一次|一把手|一线|一体|一起|一批批|一件件|一次次|"
    r"百分百|十分|万一|一点|一些|一切|一项项|一系列|一段|一定|一般|一致|一律|一道|一同"
)
# Quoted names, book titles and document-number brackets: numbers inside them are names, not counts.
_ENCLOSED = re.compile(
    r"“[^”]{0,40}”|\"[^\"]{0,40}\"|《[^》]{0,80}》|〔[^〕]{0,10}〕|「[^」]{0,40}」|‘[^’]{0,40}’"
)


@dataclass(frozen=True)
class Quantity:
    """One quantity in a sentence; `start`/`end` span the numeral through the unit (and 以上/左右)."""

    start: int
    end: int
    value: int | float
    unit: str
    approx: bool


@dataclass(frozen=True)
class Rejected:
    """A numeral-with-unit that is not a quantity, and why (kept for tests and debugging)."""

    start: int
    end: int
    span: str
    reason: str


def masked_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ENCLOSED.finditer(sentence)] + [
        m.span() for m in TRAPS.finditer(sentence)
    ]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _clause_before(sentence: str, pos: int) -> str:
    cut = max(sentence.rfind(d, 0, pos) for d in "，,：:")
    return sentence[cut + 1 : pos]


def _at_clause_end(sentence: str, end: int) -> bool:
    rest = sentence[end:].lstrip()
    return not rest or rest[0] in "，,。；;：:、）)！？"


def trap_reason(
    sentence: str, m: re.Match[str], value: Decimal, masked: list[tuple[int, int]]
) -> str:
    """Why this numeral-with-unit is not a quantity, or '' when it is one."""
    start, num = m.start("num"), m.group("num")
    before = sentence[:start]
    approx = bool(m.group("more") or m.group("post") or APPROX_BEFORE.search(before))
    if _ORDINAL.search(before):
        return "ordinal (第…)"
    if _TOP_RANK.search(before) and m.group("unit") in ("名", "位"):
        return "rank (前十名)"
    if re.search(r"每\s*$", before):
        return "a ratio (每万名…), not a count"
    if is_chinese(num) and _VAGUE.search(before):
        return "vague amount (数十, 几百)"
    if _STUCK_BEFORE.search(before):
        return "part of a code, date or decimal"
    if _RANGE.search(before):
        return "upper end of a range"
    if _RANGE_NEXT.match(sentence, m.end()) and not re.search(r"[由从]\s*$", before):
        return "lower end of a range (95%-98%)"
    if _inside(start, masked):
        return "inside a quoted name, title, 文号 or fixed expression"
    if _EVERY.search(_clause_before(sentence, start)):
        return "a frequency or rate (每…), not a count"
    after_number = sentence[start + len(num) :]
    if not is_chinese(num) and value in HOTLINES and _HOTLINE_AFTER.match(after_number):
        return "hotline number"
    if is_chinese(num) and not approx:
        if num == "一" and not _at_clause_end(sentence, m.end()):
            return "the word 一 (a/one), not a count"
        if (
            value < 10
            and m.group("unit") in _SLOGAN_UNITS
            and not _at_clause_end(sentence, m.end())
        ):
            return "slogan-like small Chinese numeral (四个意识, 三项制度)"
    return ""


def _unit_and_value(m: re.Match[str]) -> tuple[str, Decimal]:
    num, mag, unit = m.group("num"), m.group("mag") or "", m.group("unit")
    if unit == "％":
        unit = "%"
    if unit == "元" and is_chinese(num) and num[-1] in "万亿" and len(num) > 1:
        return num[-1] + "元", numeral_value(num[:-1], mag)
    return unit, numeral_value(num, mag)


def scan(sentence: str) -> tuple[list[Quantity], list[Rejected]]:
    """All quantities in a sentence, in order, plus the numerals-with-units rejected as traps."""
    found: list[Quantity] = []
    rejected: list[Rejected] = []
    masked = masked_spans(sentence)
    for m in QUANTITY.finditer(sentence):
        try:
            unit, value = _unit_and_value(m)
        except NumeralError:
            rejected.append(Rejected(m.start(), m.end(), m.group(0), "not a numeral"))
            continue
        reason = trap_reason(sentence, m, value, masked)
        if reason:
            rejected.append(Rejected(m.start(), m.end(), m.group(0), reason))
            continue
        before = sentence[: m.start("num")]
        approx = bool(m.group("more") or m.group("post") or APPROX_BEFORE.search(before))
        if _UPPER.search(before) and m.group("num")[0] in "百千万":
            approx = True
        found.append(Quantity(m.start(), m.end(), as_number(value), unit, approx))
    found += _percent_words(sentence, masked)
    return sorted(found, key=lambda q: q.start), rejected


def _percent_words(sentence: str, masked: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in PERCENT_WORDS.finditer(sentence):
        if _inside(m.start(), masked):
            continue
        try:
            value = numeral_value(m.group("num"))
        except NumeralError:
            continue
        approx = bool(APPROX_BEFORE.search(sentence[: m.start()]))
        out.append(Quantity(m.start(), m.end(), as_number(value), "%", approx))
    return out
