"""Every hand-made fixture (tests/fixtures/meta) end to end: read → clean → extract."""

from __future__ import annotations

import pytest

from tests.meta_expect import FIXTURES, expectations, extract, flat_actual, flat_expected

TABLE = expectations("expected.yml")


def test_there_are_at_least_thirty_fixtures():
    assert len(TABLE) >= 30
    assert {p.stem for p in FIXTURES.glob("*.txt")} == set(TABLE)


@pytest.mark.parametrize("stem", sorted(TABLE))
def test_fixture_metadata(stem: str):
    path = FIXTURES / f"{stem}.txt"
    expected = flat_expected(TABLE[stem])
    actual = flat_actual(extract(path))
    wrong = {k: (expected[k], actual[k]) for k in expected if expected[k] != actual[k]}
    assert not wrong, f"{stem}: field: (expected, got) {wrong}"
