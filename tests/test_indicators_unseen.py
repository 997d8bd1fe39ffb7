"""Fifty-five reports written for shapes the seeds lack (tests/fixtures/indicators/z*.txt|md), every
number classified by hand in unseen.yml before the extractor was run on them: comparisons with the
previous year, plans, tables, hotlines, ranks, magnitudes, Chinese and full-width numerals, hard-wrapped
numbers, totals over several years, money in 元/万元/亿元, numbered items. A row with `known_miss`
states what the extractor still gets wrong, and why no general rule fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fazhi.clean import clean_report
from fazhi.indicator_views import format_value
from fazhi.indicators import extract_indicators, sentences
from fazhi.meta import extract_meta
from fazhi.model import Indicator
from fazhi.quantities import scan
from fazhi.read import read_all

FOLDER = Path(__file__).parent / "fixtures" / "indicators"
TABLE = yaml.safe_load((FOLDER / "unseen.yml").read_text("utf-8"))
HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
KIND_SUFFIX = {"result": "", "previous": " 上年", "change": " 增减", "plan": " 计划", "cumulative": " 累计"}


def indicator_key(i: Indicator) -> str:
    """ "value unit[ 约][ kind]", the form the fixture tables are written in."""
    approx = " 约" if i.approx else ""
    return f"{format_value(i.value)} {i.unit}{approx}{KIND_SUFFIX[i.kind]}"


@pytest.fixture(scope="module")
def extracted():
    texts, _ = read_all(FOLDER)
    out = {}
    for text in texts:
        doc = clean_report(text.text)
        year = extract_meta(doc, text.source).year
        out[text.source.file] = (doc, extract_indicators(doc, year=year))
    return out


def test_every_fixture_is_in_the_table(extracted):
    assert sorted(TABLE) == sorted(extracted)
    assert len(TABLE) >= 55


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=TABLE[n]["known_miss"]))
        if "known_miss" in TABLE[n]
        else n
        for n in sorted(TABLE)
    ],
)
def test_indicators_as_classified_by_hand(extracted, name):
    _, found = extracted[name]
    assert [indicator_key(i) for i in found] == TABLE[name]["indicators"]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [(n, x["fragment"]) for n, row in TABLE.items() for x in row["not_indicators"]],
)
def test_numbers_that_are_not_indicators(extracted, name, fragment):
    doc, _ = extracted[name]
    fragment = fragment.translate(HALF_WIDTH_DIGITS)  # cleaning writes full-width digits half-width
    for block in doc.blocks:
        for _, sentence in sentences((block.lead or "") + block.text):
            at = sentence.find(fragment)
            if at < 0:
                continue
            found, _ = scan(sentence)
            hits = [sentence[q.start : q.end] for q in found if at <= q.start < at + len(fragment)]
            assert not hits, (fragment, hits)
            return
    pytest.fail(f"fragment not in the cleaned text: {fragment}")


def test_only_results_carry_a_cross_report_name_for_changes(extracted):
    for _, found in extracted.values():
        assert all(i.canonical is None for i in found if i.kind == "change")


def test_table_indicators_quote_their_row(extracted):
    doc, found = extracted["z17_markdown_table.md"]
    rows = [i for i in found if doc.blocks[i.block].kind == "table"]
    assert [(i.name, i.kind) for i in rows[:2]] == [
        ("行政复议案件", "previous"),
        ("行政复议案件", "result"),
    ]
    assert all(i.text in doc.blocks[i.block].text.split("\n") for i in rows)
