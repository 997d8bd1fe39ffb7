"""Helpers shared by the clean tests: render a Document the way the report page shows it."""

from __future__ import annotations

from pathlib import Path

from fazhi.clean import clean_report
from fazhi.model import Document, Report, ReportMeta, Source
from fazhi.read import decode_bytes
from fazhi.render import document_markdown

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "clean"
GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted((ROOT / "content" / "reports").glob("*.txt"))


def as_report(doc: Document, file: str = "x.txt") -> Report:
    return Report("x", Source(file, "0" * 64, "utf-8", 0), doc, ReportMeta())


def page_of(doc: Document) -> str:
    return document_markdown(as_report(doc))


def read_text(path: Path) -> str:
    return decode_bytes(path.read_bytes(), path.name).text


def clean_file(path: Path) -> Document:
    return clean_report(read_text(path))


def fixture_files() -> list[Path]:
    """The hand-written report texts (NN-name.txt|md), not their expected pages or the README."""
    return sorted(
        p
        for p in FIXTURES.iterdir()
        if p.suffix in (".txt", ".md") and p.name[:2].isdigit() and ".expected" not in p.name
    )
