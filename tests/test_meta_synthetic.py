"""Metadata on the synthetic corpus (seed paragraphs re-dressed for real places and years): the
generator knows each report's place and year, so every answer can be checked."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fazhi import synth
from fazhi.pipeline import process_source
from fazhi.read import read_source

N = 150
SEED = 11


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[tuple, tuple]]:
    folder: Path = tmp_path_factory.mktemp("synthetic-meta")
    truth = synth.plan(random.Random(SEED), synth.load_places(), N)
    paths = synth.write_corpus(folder, N, seed=SEED)
    out = []
    for (place, year), path in zip(truth, paths, strict=True):
        meta = process_source(read_source(path, folder)).meta
        got = (meta.year, meta.region.county, meta.region.township, meta.region.code)
        out.append(((year, place.county, place.township, place.code), got))
    return out


@pytest.mark.parametrize("index,field", [(0, "year"), (1, "county"), (2, "township"), (3, "code")])
def test_no_wrong_answer_and_few_abstentions(answers, index, field):
    wrong = [(want, got) for want, got in answers if got[index] is not None and got[index] != want[index]]
    abstained = [want for want, got in answers if got[index] is None]
    assert wrong == [], f"{field}: {wrong[:5]}"
    assert len(abstained) <= N * 0.02, f"{field}: {len(abstained)} abstentions"
