from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.read import decode_bytes
from fazhi.synth import load_places, write_corpus

SOURCES = Path(__file__).resolve().parent.parent / "content" / "reports"


TOWNSHIPS = {p.township for p in load_places()}


def townships_in(text: str) -> set[str]:
    """Gazetteer townships named in `text` (every substring ending in 乡/镇/街道, looked up)."""
    found = set()
    for end, char in enumerate(text, start=1):
        if char in "乡镇道":
            found |= {text[start:end] for start in range(max(0, end - 10), end - 1)} & TOWNSHIPS
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("syn"), 60, seed=3, sources=SOURCES)


def test_same_seed_writes_the_same_bytes(corpus: list[Path], tmp_path: Path) -> None:
    again = write_corpus(tmp_path, 60, seed=3, sources=SOURCES)
    assert [p.name for p in again] == [p.name for p in corpus]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, corpus, strict=True))


def test_another_seed_writes_other_reports(corpus: list[Path], tmp_path: Path) -> None:
    other = write_corpus(tmp_path, 60, seed=4, sources=SOURCES)
    assert {p.name for p in other}.isdisjoint({p.name for p in corpus})


def test_reports_name_a_gazetteer_township_and_a_year_in_range(corpus: list[Path]) -> None:
    for path in corpus:
        head = decode_bytes(path.read_bytes(), path.name).text[:600]
        assert townships_in(head), path.name
        assert any(str(y) in head for y in range(2019, 2027)), path.name


def test_corpus_mixes_encodings_heading_styles_and_chrome(corpus: list[Path]) -> None:
    texts = [decode_bytes(p.read_bytes(), p.name) for p in corpus]
    joined = "\n".join(t.text for t in texts)
    assert {t.encoding for t in texts} == {"utf-8", "gb18030"}
    assert {p.suffix for p in corpus} == {".txt", ".md"}
    for marker in ("## ", "**", "（一）", "索引号：", "发布机构：", "年度法治政府建设", "%"):
        assert marker in joined, marker


def test_several_years_per_township(corpus: list[Path]) -> None:
    seen: dict[str, set[str]] = {}
    for path in corpus:
        text = decode_bytes(path.read_bytes(), path.name).text
        town = max(townships_in(text[:600]), key=len)
        seen.setdefault(town, set()).add(path.name)
    assert max(len(v) for v in seen.values()) >= 2


def test_paragraphs_come_from_the_sources(corpus: list[Path]) -> None:
    source_text = "".join(decode_bytes(p.read_bytes(), p.name).text for p in SOURCES.iterdir())
    text = decode_bytes(corpus[0].read_bytes(), corpus[0].name).text
    long_lines = [line for line in text.splitlines() if len(line) > 120]
    assert long_lines
    assert any(line[40:80] in source_text for line in long_lines)
