"""Stage `indicators`: every reported quantity of a cleaned report, with its source sentence.

An indicator is {name, value, unit, approx, text, section, canonical}: `text` is the sentence of the cleaned
page it came from (an exact substring of one block), `section` the heading path above it, `canonical` the
vocabulary name (content/vocab/indicators.yml) that makes the same quantity comparable across reports.
Numbers are found in `quantities`; this module names them and places them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from .exceptions import FazhiError
from .indicator_kinds import (
    change_after_previous,
    is_plan_section,
    quantity_kind,
    years_listed_kinds,
)
from .indicator_tables import table_indicators
from .model import Block, Document, Indicator
from .prepared import kept_yaml, tables_folder
from .quantities import Quantity, scan

SECTION_SEPARATOR = " / "
VOCAB_TABLE = "indicator-vocabulary"
VOCAB_FILE = Path(__file__).resolve().parents[2] / "content" / "vocab" / "indicators.yml"
_SOURCE_KINDS = frozenset({"paragraph"})
_SENTENCE = re.compile(r"[^。！？；;!?\n]+")
_CLAUSE_DELIMS = "，,：:"
_LEAD_FILLER = re.compile(
    r"^(?:[、，,\s]|其中|同时|并且|并|且|还|另外|此外|(?:截至|截止)(?:目前|今年|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|年底)?|"
    r"根据|按照|\d{1,2}月份?|目前|今年以来|今年|全年|年内|当年|\d{4}年(?:度|以来|来)?|以来|共计|共|累计|合计|总计|先后|已经|已|"
    r"全乡|全镇|全县|全区|全市|全街道|本乡|本镇|本县|我乡|我镇|我县|我区|我市|我局|我街道|我委|"
    r"(?:为|对|向|与|给|在|通过|一共)(?=\S{2}|$))+"
)
_TRAIL_FILLER = re.compile(
    r"(?:(?:提升|提高|下降|降低|增加|减少|增长|上升|增|降|升|减)?(?:至|到)|达到了|达到|达|为|是|有|共计|共|累计|约|大约|近|将近|接近|超过|超|逾|多达|不少于|至少|不低于|不足|上|了|均|都|全部|分别|"
    r"(?:由|从)(?:上年|去年|上一年|上年度)?(?:同期)?的?|(?:上年|去年)同期|"
    r"[、，,\s])+$"
)
_NUMBERED_BRACKET = re.compile(r"[（(][^）)]*\d")  # a bracket listing counts starts new clauses
_CLASSIFIERS = frozenset("个名家所位户支台辆本篇条门项部座")
_AFTER_LEAD = re.compile(r"^(?:以上|左右|的|为|是|[（(][^）)]*[）)]|[、\s])+")
_SHARED = re.compile(r"^(?P<names>.+?)(?:均|都|皆)(?:达到了|达到|达|为|是|在|实现)?$")
_SHARED_SPLIT = re.compile(r"以及|和|及|与|、")
_RESPECTIVELY = re.compile(r"^(?P<names>.+?)分别(?:达到了|达到|达|为|是|有)?$")
_LIST_JOINER = re.compile(r"^(?:[、和及与]|以及)?$")
_GENERIC_RATE = re.compile(r"^[\u4e00-\u9fff]{0,4}率$")
_CHANGE_ONLY = re.compile(
    r"^(?:分别|较|比|与|同比|环比|上年|去年|同期|相比|增长|增加|上升|提高|提升|下降|减少|降低|增|减|了)+$"
)
_RATE_WORD = re.compile(r"[\u4e00-\u9fff]{0,6}率")
_ITEM_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})[.．、](?P<digit>(?=\d))?")
MAX_NAME = 30
UNNAMED = "未命名"


class VocabularyError(FazhiError):
    """content/vocab/indicators.yml is malformed."""


@dataclass(frozen=True)
class Canonical:
    """One canonical indicator: it matches a name when every word of one `match` set occurs in it."""

    name: str
    units: frozenset[str]
    match: tuple[tuple[str, ...], ...]
    summary: bool = False  # a column of the cross-report table
    chart: bool = False  # its distribution is charted
    exclude: tuple[
        str, ...
    ] = ()  # patterns naming another quantity (案卷合格率 is no exam's 合格率)

    def matches(self, text: str, unit: str) -> bool:
        if unit not in self.units or any(re.search(w, text) for w in self.exclude):
            return False
        return any(all(w in text for w in words) for words in self.match)


Vocabulary = tuple[Canonical, ...]


def parse_vocab(data: object, path: str = "indicators.yml") -> Vocabulary:
    """The vocabulary from its YAML data: a list of {name, units, match: [[word, …], …]}."""
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise VocabularyError(path, "expected a mapping with an `indicators` list")
    entries = []
    for number, item in enumerate(data["indicators"], start=1):
        if not isinstance(item, dict) or not {"name", "units", "match"} <= set(item):
            raise VocabularyError(path, f"entry {number} needs name, units and match")
        match = tuple(
            tuple(str(w) for w in ([m] if isinstance(m, str) else m)) for m in item["match"]
        )
        entries.append(
            Canonical(
                str(item["name"]),
                frozenset(map(str, item["units"])),
                match,
                summary=bool(item.get("summary")),
                chart=bool(item.get("chart")),
                exclude=tuple(str(w) for w in item.get("exclude") or ()),
            )
        )
    return tuple(entries)


def load_vocab(path: Path) -> Vocabulary:
    with path.open(encoding="utf-8") as handle:
        return parse_vocab(yaml.safe_load(handle), str(path))


@lru_cache(maxsize=1)
def default_vocab() -> Vocabulary:
    """The project's vocabulary (content/vocab/indicators.yml beside this package's source tree).
    Its parsed YAML is kept with the prepared tables (`prepared.save_value`), by a digest of the
    file and the YAML library: parsing it costs a fresh process more than a changed report's
    indicators."""
    if tables_folder() is None or not VOCAB_FILE.is_file():
        return load_vocab(VOCAB_FILE)
    return parse_vocab(kept_yaml(VOCAB_TABLE, VOCAB_FILE), str(VOCAB_FILE))


def canonical_name(name: str, unit: str, context: str, vocab: Vocabulary) -> str | None:
    """The first vocabulary entry matching the name; a bare rate (`覆盖率`) borrows its clause context."""
    found = next((c.name for c in vocab if c.matches(name, unit)), None)
    if found or not _GENERIC_RATE.match(name):
        return found
    context = _RATE_WORD.sub("", context)  # `出庭应诉率和旁听率`: 旁听率 is not borrowing a rate
    return next((c.name for c in vocab if c.matches(context + name, unit)), None)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs, split at 。！？； and trimmed of surrounding space."""
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        stripped = raw.strip()
        if stripped:
            yield m.start() + raw.index(stripped), stripped


def _clause_start(sentence: str, pos: int) -> int:
    return max(sentence.rfind(d, 0, pos) for d in _CLAUSE_DELIMS) + 1


def _clause_end(sentence: str, pos: int) -> int:
    ends = [i for i in (sentence.find(d, pos) for d in _CLAUSE_DELIMS) if i >= 0]
    return min(ends, default=len(sentence))


def _previous_clause_start(sentence: str, pos: int) -> int:
    """Start of the clause before the one holding `pos` (the context of a bare `覆盖率100%`)."""
    return _clause_start(sentence, max(0, _clause_start(sentence, pos) - 1))


def _strip_brackets(text: str) -> str:
    """Drop an unclosed bracket's opening part: `人员（精神病患者` → `精神病患者`."""
    cut = max(text.rfind("（"), text.rfind("("))
    if cut >= 0 and ")" not in text[cut:] and "）" not in text[cut:]:
        return text[cut + 1 :]
    return text


def name_parts(sentence: str, found: list[Quantity], index: int) -> tuple[str, str]:
    """The words before the quantity (from the clause start or the previous quantity) and after it.

    The words after are kept only when they cannot belong to the next quantity of the same clause.
    """
    q = found[index]
    start = max(_clause_start(sentence, q.start), found[index - 1].end if index else 0)
    stop = _clause_end(sentence, q.end)
    stop = min((m.start() for m in _NUMBERED_BRACKET.finditer(sentence, q.end, stop)), default=stop)
    before = _LEAD_FILLER.sub("", _strip_brackets(sentence[start : q.start]).strip())
    followed = index + 1 < len(found) and found[index + 1].start < stop
    if followed:
        stop = found[index + 1].start
    after = re.sub(r"[（(][^）)]{0,6}[）)]", "", sentence[q.end : stop])
    after = _AFTER_LEAD.sub("", after.strip())
    listed = "、" in after  # `19个乡镇、256个行政村`: the words up to 、 name this quantity
    after = re.split(r"[（(、）)]", after)[0][:16]
    if followed and not listed and _TRAIL_FILLER.sub("", before):
        after = ""
    return before, _TRAIL_FILLER.sub("", after)


def names_for(before: str, after: str, unit: str) -> list[str]:
    """One name, or several when a value is shared (`参考率和合格率均达100%`)."""
    shared = _SHARED.match(before)
    if shared:
        parts = [p.strip() for p in _SHARED_SPLIT.split(shared.group("names")) if p.strip()]
        if len(parts) >= 2 and all(len(p) <= 12 or p.endswith("率") for p in parts):
            return parts
    if before.rstrip().endswith("、"):
        before = ""  # `19个乡镇、256个行政村`: what precedes 、 names the previous quantity
    before = _TRAIL_FILLER.sub("", before)
    tail = before.rsplit("、", 1)[-1]
    before = tail if len(tail) >= 2 else before
    if after and len(before) <= 4:
        name = before + after
    elif after and len(after) >= 2 and unit in _CLASSIFIERS:
        name = after
    else:
        name = before
    return [name[:MAX_NAME]] if name else []


def section_paths(doc: Document) -> Iterator[tuple[int, Block, str]]:
    """(index, block, heading path) for every block, the path built from heading levels 2..5."""
    stack: dict[int, str] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind == "heading":
            stack = {lvl: t for lvl, t in stack.items() if lvl < block.level}
            stack[block.level] = block.text
        path = [stack[lvl] for lvl in sorted(stack)]
        if block.lead:
            path.append(block.lead.strip())
        yield index, block, SECTION_SEPARATOR.join(path)


def _kind(
    sentence: str, found: list[Quantity], index: int, year: int | None, previous_kind: str
) -> str:
    q = found[index]
    start = _clause_start(sentence, q.start)
    local_start = max(start, found[index - 1].end if index else 0)
    if previous_kind == "previous" and change_after_previous(sentence[local_start : q.start]):
        return "change"
    before_clause = sentence[_clause_start(sentence, max(0, start - 1)) : max(0, start - 1)]
    opening = sentence[: _clause_end(sentence, 0)] if start > 0 else ""
    return quantity_kind(
        sentence[start : q.start],
        sentence[local_start : q.start],
        sentence[q.end :],
        q.unit,
        year,
        before_clause.strip(),
        opening.strip(),
        sentence[: q.start],
    )


def _drop_borrowed_canonical(out: list[Indicator], sentence: str) -> None:
    """`9个社区调委会调解纠纷132件`: the words after 9个 name the 132 cases; 9 counts the committees
    and must not stand for the disputes in the cross-report table. A rate after a count is a
    coverage statement (`7个行政村法律顾问覆盖率100%` counts the villages covered) and keeps it."""
    if (
        len(out) >= 2
        and out[-2].text == sentence
        and out[-2].name == out[-1].name
        and out[-2].unit != out[-1].unit
        and out[-1].unit != "%"
    ):
        out[-2] = replace(out[-2], canonical=None)


def block_indicators(
    text: str, section: str, vocab: Vocabulary, year: int | None = None
) -> list[Indicator]:
    """Indicators of one block's text (a paragraph), in reading order."""
    out: list[Indicator] = []
    plan_section = is_plan_section(section, year)
    for _, sentence in sentences(text):
        found, _ = scan(sentence)
        previous, previous_kind = UNNAMED, "result"
        pending: list[str] = []  # names given before 分别, for the values that follow in a list
        by_year = years_listed_kinds(sentence, [q.start for q in found], year)
        for index, q in enumerate(found):
            before, after = name_parts(sentence, found, index)
            respectively = _RESPECTIVELY.match(before)
            if respectively:
                pending = [p for p in _SHARED_SPLIT.split(respectively.group("names")) if p.strip()]
            elif pending and not _LIST_JOINER.match(before):
                pending = []
            if pending:
                names = [pending.pop(0).strip()]
            else:
                names = names_for(before, after, q.unit) or [previous]
                if index and _LIST_JOINER.match(before.strip()) and not after:
                    names = [out[-1].name] if out else names  # `减少2件和1件`: 1件 is the same
            kind = _kind(sentence, found, index, year, previous_kind)
            if kind == "result" and index in by_year:
                kind = by_year[index]
            elif index and _LIST_JOINER.match(before) and kind == "result":
                kind = previous_kind  # `减少2件和1件`: a list continues its first value's kind
            if plan_section and kind == "result":
                kind = "plan"
            if kind == "change" and previous != UNNAMED:
                names = [
                    previous + n if _CHANGE_ONLY.match(n) and "分别" not in n else n for n in names
                ]
            context = sentence[_previous_clause_start(sentence, q.start) : q.start]
            for name in names:
                canonical = (
                    None if kind == "change" else canonical_name(name, q.unit, context, vocab)
                )
                out.append(
                    Indicator(
                        name, q.value, q.unit, q.approx, sentence, section, canonical, kind=kind
                    )
                )
            _drop_borrowed_canonical(out, sentence)
            if kind != "change":  # `较上年增长25%` does not name the quantities after it
                previous = names[-1]
            previous_kind = kind
    return out


def extract_indicators(
    doc: Document, vocab: Vocabulary | None = None, year: int | None = None
) -> list[Indicator]:
    """Every quantity reported in the body paragraphs, in reading order; `year` (the report's)
    tells other years' numbers (`2022年同期…`, `2024年计划…`) from its own."""
    vocab = default_vocab() if vocab is None else vocab
    indicators: list[Indicator] = []
    item = 0  # the number of the last `1.` … item paragraph
    for index, block, section in section_paths(doc):
        if block.kind == "table":
            found = [
                replace(i, canonical=_table_canonical(i, vocab))
                for i in table_indicators(block.text, section, year)
            ]
        elif block.kind in _SOURCE_KINDS:
            text = (block.lead or "") + block.text
            text, item = _without_item_number(text, item)
            found = block_indicators(text, section, vocab, year)
        else:
            continue
        indicators += [replace(i, block=index) for i in found]
    return indicators


def _without_item_number(text: str, item: int) -> tuple[str, int]:
    """(text, its item number or 0): `4.12个乡镇…` after an item `3.` is item 4 about 12 乡镇, not
    4.12 of them; the item number is dropped from the text searched (its sentence stays a part of
    the block's text). A first item (`1.12个…`) is left as written: nothing tells it apart."""
    marker = _ITEM_NUMBER.match(text)
    if not marker:
        return text, 0
    number, stuck = int(marker.group("n")), marker.group("digit") is not None
    if stuck and number != item + 1:
        return text, 0
    return (text[marker.end("n") + 1 :] if stuck else text), number


def _table_canonical(indicator: Indicator, vocab: Vocabulary) -> str | None:
    if indicator.kind == "change":
        return None
    return canonical_name(indicator.name, indicator.unit, "", vocab)
