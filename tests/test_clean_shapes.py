"""Cleaning of report copies in shapes from outside government sites (document mirrors, WeChat
articles, PDF extractions, conversion leftovers): what is removed (and logged), which headings
remain, which wrapped lines are rejoined, what suspect text is kept and flagged. The expectations
(tests/fixtures/clean/x_shapes.yml) were written by eye before the code ran on the reports."""

from __future__ import annotations

import functools
import re

import pytest
import yaml

from fazhi.clean import clean_report
from fazhi.model import Document
from fazhi.normalise import normalise_line
from tests.clean_support import FIXTURES, clean_file

REPORTS = FIXTURES.parent / "meta"
SHAPES = yaml.safe_load((FIXTURES / "x_shapes.yml").read_text(encoding="utf-8"))
_SPACE = re.compile(r"\s+")
BODY_KINDS = ("heading", "paragraph", "table")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@functools.cache
def cleaned(stem: str) -> Document:
    return clean_file(REPORTS / f"{stem}.txt")


def shown(doc: Document, kinds: tuple[str, ...] | None = None) -> list[str]:
    return [squeeze((b.lead or "") + b.text) for b in doc.blocks if kinds is None or b.kind in kinds]


def problems(stem: str, spec: dict[str, list[str]]) -> list[str]:
    doc = cleaned(stem)
    logged = [squeeze(e.before) for e in doc.log if e.action.startswith("removed-")]
    body = shown(doc, BODY_KINDS)
    out = []
    for line in (squeeze(normalise_line(s, 0)[0]) for s in spec.get("removed", [])):
        if not any(line in before for before in logged):
            out.append(f"not logged as removed: {line}")
        if any(text == line or (len(line) >= 6 and line in text) for text in body):
            out.append(f"still in the body: {line}")
    headings = [squeeze(b.text) for b in doc.blocks if b.kind == "heading"]
    if "headings" in spec and headings != [squeeze(h) for h in spec["headings"]]:
        out.append(f"headings {headings}")
    page = shown(doc)
    for piece in map(squeeze, spec.get("joined", []) + spec.get("kept", [])):
        if not any(piece in text for text in page):
            out.append(f"not one piece on the page: {piece}")
    for piece in map(squeeze, spec.get("inline_removed", [])):
        if not any(piece in before for before in logged) or any(piece in text for text in page):
            out.append(f"inline text not removed: {piece}")
    actions = {e.action for e in doc.log}
    out += [f"not flagged: {a}" for a in spec.get("flagged", []) if a not in actions]
    return out


def test_every_x_report_has_expectations():
    assert {p.stem for p in REPORTS.glob("x*.txt")} == set(SHAPES)


@pytest.mark.parametrize("stem", sorted(SHAPES))
def test_cleaning_shape(stem: str):
    assert not problems(stem, SHAPES[stem])


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("二、党政主要负责人履行推进法治建设第一责任人", "职责情况", True),
        ("一、2023年度推进法治政府建设的主要举措", "和成效", True),
        ("二、健全依法决策机制，提升决策科学化", "民主化法治化水平", True),
        ("四、其他需要报告的情况", "无", False),
        ("一、2023年度推进法治政府建设的主要举措和成效", "全年共召开会议", False),
        ("一、2023年度推进法治政府建设的主要举措", "2023年工作", False),
        ("（一）坚持党的全面领导，统筹推进法治建设", "成效明显。", False),
    ],
)
def test_heading_broken_over_two_lines(head, tail, joined):
    doc = clean_report(f"某镇2023年法治政府建设年度报告\n{head}\n{tail}\n（一）加强领导。全年研究4次。\n")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert (headings[:1] == [head + tail]) is joined


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("推进&ldquo;法治街道&rdquo;建设", "推进“法治街道”建设"),
        ("述法&mdash;&mdash;以案说法", "述法——以案说法"),
        ("共&#12289;计", "共、计"),
        ("开展学法活动&hellip;&hellip;共12次", "开展学法活动……共12次"),
        ("&amp;nbsp;&amp;ldquo;茶旅融合&amp;rdquo;", "“茶旅融合”"),
        ("a &lt; b 与 x &amp; y 照写", "a &lt; b与x &amp; y照写"),
    ],
)
def test_punctuation_entities_are_decoded_and_logged(raw, clean):
    doc = clean_report(f"某镇2023年法治政府建设年度报告\n{raw}\n")
    assert doc.blocks[-1].text == clean
    decoded = "&lt;" not in clean
    assert decoded == any(e.action == "removed-markup" for e in doc.log)


@pytest.mark.parametrize(
    "title",
    ["《北滘镇2023年法治政府建设年度报告》", "北滘镇2023年法治政府建设年度报告"],
)
def test_title_in_guillemets_and_its_copy(title):
    text = f"{title}\n《北滘镇2023年法治政府建设年度报告》\n2023年，北滘镇推进法治政府建设。\n"
    doc = clean_report(text)
    assert doc.title == "北滘镇2023年法治政府建设年度报告"
    assert [b.kind for b in doc.blocks] == ["title", "paragraph"]


def test_title_repeated_without_its_place_prefix_is_dropped():
    text = (
        "郫都区犀浦街道2023年法治政府建设年度报告\n现将犀浦街道2023年法治政府建设年度报告予以公开。\n"
        "犀浦街道2023年法治政府建设年度报告\n2023年，犀浦街道推进法治建设。\n"
    )
    doc = clean_report(text)
    assert [b.kind for b in doc.blocks] == ["title", "paragraph", "paragraph"]
    assert any(e.action == "removed-repeated-title" for e in doc.log)


def main() -> None:
    """Print the counts per check: `python -m tests.test_clean_shapes`."""
    totals = {k: [0, 0] for k in ("removed", "inline_removed", "headings", "joined", "kept", "flagged")}
    for stem, spec in sorted(SHAPES.items()):
        found = problems(stem, spec)
        for key, items in spec.items():
            n = len(items) if key != "headings" else 1
            totals[key][1] += n
            if key == "removed":
                bad = {p.split(": ", 1)[1] for p in found if p.startswith(("not logged", "still in"))}
                totals[key][0] += n - len(bad)
            elif key == "headings":
                totals[key][0] += not any(p.startswith("headings") for p in found)
            elif key == "inline_removed":
                totals[key][0] += sum(f"inline text not removed: {squeeze(i)}" not in found for i in items)
            elif key in ("joined", "kept"):
                bad = {p.split(": ", 1)[1] for p in found if p.startswith("not one piece")}
                totals[key][0] += sum(squeeze(i) not in bad for i in items)
            else:
                totals[key][0] += sum(f"not flagged: {i}" not in found for i in items)
        for p in found:
            print(f"{stem}: {p}")
    for key, (right, total) in totals.items():
        print(f"{key:9} {right}/{total}")


if __name__ == "__main__":
    main()
