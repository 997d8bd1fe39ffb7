"""The count matrix laid out from numbered terms: the same whatever the numbers and whatever else
the numbering holds, so counts kept from earlier builds give today's matrix."""

from __future__ import annotations

import numpy as np
import pytest

from fazhi.related import tfidf_matrix
from fazhi.term_matrix import Terms, _row_major, count_matrix

from .test_related import random_corpus, sklearn_tfidf


def same(a, b) -> bool:
    return a.shape == b.shape and all(
        np.array_equal(getattr(a, part), getattr(b, part)) for part in ("indptr", "indices", "data")
    )


@pytest.mark.parametrize("seed", [0, 5])
def test_counts_numbered_in_an_earlier_build_give_the_same_matrix(seed: int):
    _, docs = random_corpus(80, seed)
    _, earlier = random_corpus(60, seed + 100, longest=400)
    kept = Terms()
    for doc in earlier:  # numbers given in another order, and terms no report uses any more
        kept.count([f"旧{t}" for t in doc] + doc[::-1])
    fresh = Terms()
    assert same(
        count_matrix(kept, [kept.count(d) for d in docs], 2, 0.95),
        count_matrix(fresh, [fresh.count(d) for d in docs], 2, 0.95),
    )
    assert same(tfidf_matrix([], kept, [kept.count(d) for d in docs]), sklearn_tfidf(docs))


def test_terms_stay_in_sorted_order_as_they_are_added():
    terms = Terms()
    terms.count([f"词{i}" for i in range(200)])
    for batch in (["乙", "甲"], [f"新{i}" for i in range(100)], ["丙"]):
        terms.count(batch)
        assert [terms.names[n] for n in terms.in_order()] == sorted(terms.names)


@pytest.mark.parametrize("largest", [50, 70_000])
def test_row_major_order_is_lexsorts(largest: int):
    rng = np.random.default_rng(largest)
    rows = np.sort(rng.integers(0, 300, 5000))
    columns = rng.integers(0, largest, 5000)
    expected = np.lexsort((columns, rows))
    assert np.array_equal(_row_major(rows, columns), expected)
