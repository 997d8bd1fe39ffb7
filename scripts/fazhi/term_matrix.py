"""The reports × terms count matrix that similar reports start from (`fazhi.related`).

Each report's distinct terms are numbered once (`Terms`) and kept as arrays of numbers with their
counts (`TermCounts`); `fazhi.site_memo` keeps both from one build to the next, so a rebuild counts
again only the reports that changed and lays the matrix out with array operations alone.

The layout is scikit-learn's CountVectorizer's, entry for entry: columns in the terms' sorted order,
each row's entries in the order in which the corpus first shows its terms. That order matters: it is
the order in which a row's products are summed.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

INDEX = np.int32  # term numbers, as stored


@dataclass(frozen=True)
class TermCounts:
    """One report's distinct terms (their `Terms` numbers, in order of first appearance) and how
    often each occurs, as int32 bytes: quicker to keep and load than thousands of objects."""

    terms: bytes
    counts: bytes


@dataclass
class Terms:
    """Every term counted so far, numbered in order of first sight."""

    names: list[str] = field(default_factory=list)
    _numbers: dict[str, int] = field(default_factory=dict, repr=False)
    _in_order: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._numbers = {name: n for n, name in enumerate(self.names)}

    def count(self, tokens: list[str]) -> TermCounts:
        counted = Counter(tokens)
        numbers = list(map(self._numbers.get, counted))
        if None in numbers:
            numbers = [
                self._add(t) if n is None else n for t, n in zip(counted, numbers, strict=True)
            ]
        as_array = np.fromiter(numbers, INDEX, len(numbers))
        counts = np.fromiter(counted.values(), np.int32, len(counted))
        return TermCounts(as_array.tobytes(), counts.tobytes())

    def _add(self, name: str) -> int:
        self._numbers[name] = len(self.names)
        self.names.append(name)
        return len(self.names) - 1

    def in_order(self) -> list[int]:
        """The numbers sorted by name; a few new names are put in place, many sorted anew."""
        new = range(len(self._in_order), len(self.names))
        if len(new) > 64:
            self._in_order = sorted(range(len(self.names)), key=self.names.__getitem__)
        for number in new if len(new) <= 64 else ():
            bisect.insort(self._in_order, number, key=self.names.__getitem__)
        return self._in_order


@dataclass(frozen=True)
class Csr:
    """A sparse matrix in compressed sparse row form, as scipy.sparse's csr_matrix keeps it."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]
    # each column's term (its `Terms` number), when the matrix was counted from `Terms`
    column_terms: np.ndarray | None = None

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype


def count_matrix(terms: Terms, counted: list[TermCounts], min_df: int, max_df: float) -> Csr:
    """Term counts (reports × terms in sorted order, float32), without the terms in fewer than
    `min_df` reports or in more than the share `max_df` of them."""
    numbers = np.frombuffer(b"".join(c.terms for c in counted), INDEX)
    values = np.frombuffer(b"".join(c.counts for c in counted), np.int32).astype(np.float32)
    lengths = np.fromiter((len(c.terms) // np.dtype(INDEX).itemsize for c in counted), np.int64)
    rows = np.repeat(np.arange(len(counted)), lengths)
    first = np.full(len(terms.names), len(numbers), dtype=np.int64)
    np.minimum.at(first, numbers, np.arange(len(numbers)))
    present = np.flatnonzero(first < len(numbers))
    seen = np.empty(len(terms.names), dtype=np.int64)
    seen[present[np.argsort(first[present], kind="stable")]] = np.arange(len(present))
    order = _row_major(rows, seen[numbers])
    in_order = np.asarray(terms.in_order(), dtype=np.int64)
    in_order = in_order[first[in_order] < len(numbers)]
    rank = np.empty(len(terms.names), dtype=np.int64)
    rank[in_order] = np.arange(len(in_order))
    columns = rank[numbers[order]]
    df = np.bincount(columns, minlength=len(present))
    kept = (df >= min_df) & (df <= max_df * len(counted))
    stored = kept[columns]
    ends = np.concatenate(([0], np.cumsum(stored)))[np.concatenate(([0], np.cumsum(lengths)))]
    index = np.int32 if len(numbers) < 2**31 else np.int64
    return Csr(
        values[order][stored],
        (np.cumsum(kept) - 1)[columns[stored]].astype(index),
        ends.astype(index),
        (len(counted), int(kept.sum())),
        in_order[kept],
    )


def _row_major(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The order that sorts entries by row, then column (ties in input order, as `lexsort`): one
    stable sort of the combined key, quicker than two."""
    if not rows.size:
        return np.arange(0)
    width = int(columns.max()) + 1
    if int(rows.max()) < np.iinfo(np.int64).max // width:
        return np.argsort(rows.astype(np.int64) * width + columns, kind="stable")
    return np.lexsort((columns, rows))
