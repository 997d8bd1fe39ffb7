"""Nothing lost, markup safety and idempotence, on the seeds and on every fixture."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from fazhi.clean import clean_report
from fazhi.fidelity import cleaning_log_csv, missing_characters, nothing_lost_problems, page_text
from fazhi.model import Source, SourceText
from fazhi.pipeline import process_source
from tests.clean_support import FIXTURES, SEEDS, fixture_files, page_of, read_text

META_FIXTURES = sorted((FIXTURES.parent / "meta").glob("*.txt"))
ALL = [*SEEDS, *fixture_files(), *META_FIXTURES]
IDS = [p.stem for p in ALL]


def visible_lines(doc) -> list[str]:
    """What each block should read as on the page (run-in lead and text on one line, a table
    row per line)."""
    title = doc.title or "未注明标题的报告（x.txt）"
    lines = [title]
    for b in doc.blocks:
        if b.kind == "table":
            lines += b.text.split("\n")  # one table row per line, cells apart
        elif b.kind != "title":
            lines.append((b.lead or "") + b.text)
    return lines


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_nothing_lost(path):
    text = read_text(path)
    doc = clean_report(text)
    assert not missing_characters(text, doc, page_of(doc))


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_page_reads_exactly_the_cleaned_text(path):
    """markdown-it's reading of the page equals the cleaned blocks: no markup was interpreted."""
    doc = clean_report(read_text(path))
    shown = [line for line in page_text(page_of(doc)).split("\n") if line]
    assert shown == visible_lines(doc)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_cleaning_is_idempotent(path):
    doc = clean_report(read_text(path))
    text = page_text(page_of(doc))
    if doc.title is None:
        text = text.split("\n", 1)[1]  # the placeholder H1 is the page's, not the report's
    again = clean_report(text)
    assert [(b.kind, b.text, b.level, b.lead) for b in again.blocks] == [
        (b.kind, b.text, b.level, b.lead) for b in doc.blocks
    ]


def test_dropping_one_character_is_caught():
    text = read_text(SEEDS[1])
    doc = clean_report(text)
    index = next(i for i, b in enumerate(doc.blocks) if b.kind == "paragraph" and "587377" in b.text)
    block = doc.blocks[index]
    doc.blocks[index] = replace(block, text=block.text.replace("587377", "58737", 1))
    missing = missing_characters(text, doc, page_of(doc))
    assert missing == {"7": 1}
    problems = nothing_lost_problems("x.txt", text, doc, page_of(doc))
    assert len(problems) == 1 and "7×1" in problems[0].message


def test_dropping_a_line_is_caught_unless_logged():
    text = "某乡2023年度法治政府建设工作报告\n\n一、主要成效\n\n全年调解纠纷12件。\n"
    doc = clean_report(text)
    doc.blocks = [b for b in doc.blocks if b.kind != "heading"]
    assert missing_characters(text, doc, page_of(doc)) == {c: 1 for c in "一主要成效"}


def test_build_time_check_reports_a_problem(monkeypatch):
    text = "某乡2023年度法治政府建设工作报告\n\n全年调解纠纷12件。\n"
    src = SourceText(Source("a.txt", "0" * 64, "utf-8", len(text)), text)
    assert process_source(src).problems == []

    def lossy(text):
        doc = clean_report(text)
        doc.blocks = doc.blocks[:-1]
        return doc

    monkeypatch.setattr("fazhi.pipeline.clean_report", lossy)
    problems = process_source(src).problems
    assert problems and problems[0].file == "a.txt" and "lost" in problems[0].message


def test_removed_chrome_is_in_the_log_and_the_csv():
    doc = clean_report(read_text(FIXTURES / "01-pipe-chrome-no-title.txt"))
    actions = {e.action for e in doc.log}
    assert {"removed-chrome", "removed-navigation", "removed-stale-date"} <= actions
    text = cleaning_log_csv(doc)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0].keys() == {"line", "action", "action_zh", "before", "after", "note"}
    assert any(r["action"] == "removed-stale-date" and "今天是" in r["before"] for r in rows)


HOSTILE = FIXTURES / "12-hostile-markup.txt"


def test_hostile_text_makes_no_html_or_links():
    tokens = MarkdownIt("commonmark").parse(page_of(clean_report(read_text(HOSTILE))))
    kinds = {c.type for t in tokens if t.type == "inline" for c in t.children or []}
    assert not kinds & {"link_open", "image", "em_open", "strong_open", "code_inline"}
    assert not [t for t in tokens if t.type in ("bullet_list_open", "ordered_list_open", "blockquote_open")]
    assert "<script>" not in page_of(clean_report(read_text(HOSTILE)))


# The hostile fixture's page escapes text that looks like markup (`\*`, `&lt;`); cleaning keeps
# such text as written, so its Markdown is not the report's text and is left out here.
PLAIN = [p for p in ALL if "hostile" not in p.name]


@pytest.mark.parametrize("path", PLAIN, ids=[p.stem for p in PLAIN])
def test_cleaning_the_page_markdown_is_idempotent(path):
    doc = clean_report(read_text(path))
    markdown = page_of(doc)
    if doc.title is None:
        markdown = markdown.split("\n", 1)[1]
    again = clean_report(markdown)
    assert not missing_characters(markdown, again, page_of(again))
    assert [(b.kind, b.text, b.level, b.lead) for b in again.blocks] == [
        (b.kind, b.text, b.level, b.lead) for b in doc.blocks
    ]


def test_html_copied_from_a_web_page():
    text = (
        '<p style="text-align:center"><strong>某镇2023年度法治政府建设情况报告</strong></p>\n'
        "<p>&nbsp;&nbsp;一、主要成效</p><p>全年调解纠纷12件，成功率95%。<br/>二、存在问题</p>\n"
        "<div>执法力量不足。</div>\n"
    )
    doc = clean_report(text)
    assert not missing_characters(text, doc, page_of(doc))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "某镇2023年度法治政府建设情况报告"),
        ("heading", "一、主要成效"),
        ("paragraph", "全年调解纠纷12件，成功率95%。"),
        ("heading", "二、存在问题"),
        ("paragraph", "执法力量不足。"),
    ]
