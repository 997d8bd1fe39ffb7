"""Cleaning of report copies in shapes from outside government sites (document mirrors, WeChat
articles, PDF extractions, conversion leftovers): what is removed (and logged), which headings
remain, which wrapped lines are rejoined, what suspect text is kept and flagged. The expectations
(tests/fixtures/clean/x_shapes.yml) were written by eye before the code ran on the reports."""

from __future__ import annotations

import functools
import re

import pytest
import yaml

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
    actions = {e.action for e in doc.log}
    out += [f"not flagged: {a}" for a in spec.get("flagged", []) if a not in actions]
    return out


def test_every_x_report_has_expectations():
    assert {p.stem for p in REPORTS.glob("x*.txt")} == set(SHAPES)


@pytest.mark.parametrize("stem", sorted(SHAPES))
def test_cleaning_shape(stem: str):
    assert not problems(stem, SHAPES[stem])


def main() -> None:
    """Print the counts per check: `python -m tests.test_clean_shapes`."""
    totals = {"removed": [0, 0], "headings": [0, 0], "joined": [0, 0], "kept": [0, 0], "flagged": [0, 0]}
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
