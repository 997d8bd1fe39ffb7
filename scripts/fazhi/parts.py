"""Recognisers for the parts of an official document (GB/T 9704): line shapes only, no state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import HAN, ORG_SUFFIX

TERMINAL = "。！？；：!?;:…"
_CLOSERS = "”’）)」』》〉】"
_SENTENCE_PUNCT = re.compile(r"[。；！？!?;]")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后)")
_ANY_PUNCT = re.compile(r"[。，；：！？,;:!?]")

_NUM_CN = "一二三四五六七八九十"
# Level 1 is 第一部分 above 一、: a document that uses it has every numbered level shifted down one.
_MARKERS: tuple[tuple[int, re.Pattern[str], str], ...] = (
    (1, re.compile(rf"^第\s*([{_NUM_CN}]{{1,3}})\s*部\s*分\s*[、.．:：]?\s*"), "第{}部分\u3000"),
    (3, re.compile(rf"^[（(]\s*([{_NUM_CN}]{{1,3}})\s*[）)]\s*[、.．，,]?\s*"), "（{}）"),
    (3, re.compile(rf"^([{_NUM_CN}]{{1,3}})\s*[）)]\s*[、.．]?\s*"), "（{}）"),
    (5, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．，,]?\s*"), "（{}）"),
    (5, re.compile(r"^(\d{1,2})\s*[）)]\s*[、.．]?\s*"), "（{}）"),
    (2, re.compile(rf"^([{_NUM_CN}]{{1,3}})\s*[、.．]\s*(?![{_NUM_CN}\d][、季月年等])"), "{}、"),
    (4, re.compile(r"^(\d{1,2})\s*[、.．](?!\s*\d)\s*"), "{}."),
)

ISSUER_MARK = re.compile(rf"^[{HAN}（）、 ]{{2,40}}文件$")
DOC_NUMBER = re.compile(r"^([^\s，。：:]{1,16}?)\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d{1,4})\s*号$")
SIGNER = re.compile(r"^签\s*发\s*人\s*[:：]\s*(\S.{0,40})$")
_HEADER_LINE = re.compile(r"^(?P<num>.+?号)\s*(?P<signer>签\s*发\s*人\s*[:：].+)$")
TITLE_END = re.compile(r"(?:报告|总结|情况|通报|汇报)(?:（[^）]{1,20}）)?$")
TITLE_SUBJECT = re.compile(r"关于|\d{4}|年度|法治|依法")
ADDRESSEE = re.compile(r"^[^。；！？\d]{2,40}[：:]$")
_ADDRESSEE_NOT = re.compile(r"如下|以下|如次|附件|抄送|签发人")
DATE_LINE = re.compile(
    r"^[〇○零Ｏ一二三四五六七八九\d]{4}\s*年\s*[一二三四五六七八九十\d]{1,3}\s*月\s*[一二三四五六七八九十\d]{1,3}\s*日$"
)
# 成文日期 written with dots or dashes (2024.1.15, 2024-01-22): a date only right under the
# signature; alone at the end of a page it is the site's publication stamp.
NUMERIC_DATE_LINE = re.compile(r"^20\d\d\s*[.．\-/]\s*\d{1,2}\s*[.．\-/]\s*\d{1,2}$")
# 成文日期 written without its day (2024年1月, 二〇二四年一月): still the date line of the closing.
MONTH_LINE = re.compile(r"^[〇○零Ｏ一二三四五六七八九\d]{4}\s*年\s*[一二三四五六七八九十\d]{1,2}\s*月$")
_SIG_SUFFIX = (
    rf"(?:{ORG_SUFFIX}|政府|公署|局|委|处|厅|院|中心|街道|乡|镇|所|部|会|司|队|组"
    rf"|主席团|林场|农场|牧场|兵团[{HAN}]{{0,12}}(?:师|团))"
)
SIGNATURE = re.compile(rf"^[{HAN}（）()·\d]{{2,40}}{_SIG_SUFFIX}$")
SIGNATURE_AND_DATE = re.compile(
    rf"^(?P<sig>[{HAN}（）]{{2,40}}{_SIG_SUFFIX})\s*(?P<date>[〇○零一二三四五六七八九\d]{{4}}年.{{1,6}}日)$"
)
CC = re.compile(r"^抄\s*送\s*[:：]")
PRINTED = re.compile(r"印\s*发$")
NOTE = re.compile(r"^（(?:此件|本件|联系人|联系电话|此文).{0,60}）$")
ATTACHMENT = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：]?")
_PLACE_SUFFIX = r"(?:省|自治区|市|州|盟|地区|县|区|旗|乡|镇|街道|苏木)"
# 定王台街道：2023年…报告, 桐庐县司法局｜2023年度…报告, 临夏市城北街道 / 2023年…, 昆山市人民政府 - …:
# an organ or a place, a separator a web page put there, then the title.
_SEPARATED = re.compile(
    rf"^(?P<head>[{HAN}（）()·]{{2,30}}?(?:{_SIG_SUFFIX}|{_PLACE_SUFFIX})|(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})年度?)"
    r"\s*(?P<sep>[：:｜|丨/／·•]|[-—–]{1,2})\s*(?P<rest>\S.*)$"
)
_BRACKETED = re.compile(rf"^[【\[［](?P<head>[{HAN}（）()·]{{2,30}})[】\]］]\s*(?P<sep>)(?P<rest>\S.*)$")


def separated_title(text: str) -> tuple[str, str] | None:
    """(organ or place, title) when a title line is `organ<separator>title` or `【organ】title`."""
    match = _SEPARATED.match(text) or _BRACKETED.match(text)
    if not match or "丨" in match.group("head"):
        return None
    rest = match.group("rest")
    if not (title_line_shape(rest) and TITLE_END.search(rest) and TITLE_SUBJECT.search(rest)):
        return None
    if _BRACKETED.match(text) and not re.search(rf"(?:{_SIG_SUFFIX}|{_PLACE_SUFFIX})$", match.group("head")):
        return None
    return match.group("head"), rest


def names_organ(text: str) -> bool:
    """A line that is the name of an organ (one or several, spaces between them allowed)."""
    return all(SIGNATURE.match(part) for part in text.split()) and "网" not in text


ORG_LINE = re.compile(rf"^[{HAN}（）]{{2,30}}?{ORG_SUFFIX}(?:关于|$)")


@dataclass(frozen=True)
class Marker:
    level: int
    canonical: str  # the marker in its GB/T 9704 form: 一、 （一） 1. （1）
    rest: str


def parse_marker(text: str) -> Marker | None:
    """The numbered-heading marker a line starts with, in canonical form, and the text after it."""
    for level, pattern, form in _MARKERS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            rest = text[match.end() :].lstrip()
            if level == 2 and rest.startswith(("是", "要", "则", "方面", "些", "般")):
                return None
            if level == 1 and match.group(0)[-1] == "分" and _ANY_PUNCT.search(rest[:-1]):
                return None  # 第一部分人员参加培训，…: a sentence, not a part heading
            return Marker(level, form.format(match.group(1)), rest)
    return None


def ends_sentence(text: str) -> bool:
    """Whether a line ends where a sentence (or a clause before a list) ends."""
    text = text.rstrip()
    if not text:
        return True
    while len(text) > 1 and text[-1] in _CLOSERS:
        if text[-2] in TERMINAL:
            return True
        text = text[:-1]
    return text[-1] in TERMINAL


def is_heading_shaped(rest: str, text: str) -> bool:
    """A numbered line that is a whole heading: short, one phrase, at most a final full stop."""
    if rest.endswith("。") and "，" in rest and re.search(r"\d", rest):
        return False  # clauses, a count and a full stop: an item (（一）开展督察，发现问题23个，全部整改。)
    return len(text) <= 60 and not _SENTENCE_PUNCT.search(rest[:-1])


def run_in_split(marker: Marker) -> tuple[str, str] | None:
    """`（一）强化组织领导。党政主要负责人……` → (heading part, rest), or None."""
    match = re.search(r"[。！？；：]", marker.rest)
    if not match or match.start() < 2 or match.start() > 40:
        return None
    tail = marker.rest[match.end() :]
    if not tail.strip():
        return None
    return marker.canonical + marker.rest[: match.end()], tail


def is_date_line(text: str) -> bool:
    """A line that is only a date, bare or in brackets: 2024年1月12日, （2024年1月12日）."""
    return bool(DATE_LINE.match(text.strip().strip("（）()")))


def unnumbered_heading_shape(text: str) -> bool:
    """A short line with no punctuation that could be a heading without a number."""
    return (
        2 <= len(text) <= 25
        and not _ANY_PUNCT.search(text)
        and not is_date_line(text)
        and not _ENUMERATION.match(text)
    )


def split_header_line(text: str) -> list[tuple[str, str]]:
    """`雷高府发〔2022〕61号  签发人：王科栋` → [(doc_number, …), (signer, …)]."""
    match = _HEADER_LINE.match(text)
    if match and DOC_NUMBER.match(match.group("num")):
        return [("doc_number", match.group("num")), ("signer", match.group("signer"))]
    return []


def canonical_doc_number(text: str) -> str:
    match = DOC_NUMBER.match(text)
    if not match:
        return text
    return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"


def addressee_shape(text: str) -> bool:
    return bool(ADDRESSEE.match(text)) and not _ADDRESSEE_NOT.search(text)


def title_line_shape(text: str) -> bool:
    return (
        len(text) <= 70
        and not _ANY_PUNCT.search(text)
        and parse_marker(text) is None
        and not DATE_LINE.match(text)
        and not ISSUER_MARK.match(text)
    )


def display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)
