"""The five seeds, every number classified by hand (tests/fixtures/indicators/seeds.yml)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from fazhi.clean import clean_report
from fazhi.indicator_views import format_value
from fazhi.indicators import extract_indicators, sentences
from fazhi.quantities import scan
from fazhi.read import read_all

ROOT = Path(__file__).resolve().parent.parent
TABLE = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "indicators" / "seeds.yml").read_text("utf-8")
)


@pytest.fixture(scope="module")
def documents():
    texts, _ = read_all(ROOT / "content" / "reports")
    return {t.source.file: clean_report(t.text) for t in texts}


def _key(value, unit: str, approx: bool, kind: str) -> str:
    """The seeds' numbers are all results of their year: any other kind is a mismatch."""
    suffix = "" if kind == "result" else f" {kind}"
    return f"{format_value(value)} {unit}" + (" 约" if approx else "") + suffix


def _scores(documents) -> tuple[int, int, int]:
    hits = emitted = labelled = 0
    for name, row in TABLE.items():
        got = Counter(
            _key(i.value, i.unit, i.approx, i.kind) for i in extract_indicators(documents[name])
        )
        want = Counter(row["indicators"])
        hits += sum((got & want).values())
        emitted += sum(got.values())
        labelled += sum(want.values())
    return hits, emitted, labelled


def test_precision_and_recall_on_the_seeds(documents):
    hits, emitted, labelled = _scores(documents)
    precision, recall = hits / emitted, hits / labelled
    print(
        f"seeds: precision {precision:.3f} ({hits}/{emitted}), recall {recall:.3f} ({hits}/{labelled})"
    )
    assert precision >= 0.95
    assert recall >= 0.90


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("seed", "fragment", "reason"),
    [(s, n["fragment"], n["reason"]) for s, row in TABLE.items() for n in row["not_indicators"]],
)
def test_numbers_that_are_not_indicators(documents, seed, fragment, reason):
    wanted = _squeeze(fragment)
    for block in documents[seed].blocks:
        for _, sentence in sentences((block.lead or "") + block.text):
            squeezed = _squeeze(sentence)
            at = squeezed.find(wanted)
            if at < 0:
                continue
            found, _ = scan(sentence)
            for q in found:
                start = len(_squeeze(sentence[: q.start]))
                assert not at <= start < at + len(wanted), (
                    fragment,
                    reason,
                    sentence[q.start : q.end],
                )
            return
    pytest.fail(f"fragment not in the cleaned text: {fragment}")
