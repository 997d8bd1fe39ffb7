"""Similar reports: TF-IDF cosine over the reports' tokens, nearest neighbours in chunks.

The TF-IDF matrix is sparse (reports × vocabulary). Similarities are computed for a block of rows at a
time against all reports, so memory stays at `chunk × reports` floats: 500 × 10,000 float32 is 20 MB.
Reports of the same place (the same township's other years) are left out of each other's neighbours:
the page lists those already, and they would crowd out every other place.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain

import numpy as np

NEIGHBOURS = 5
CHUNK = 500
DENSE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Neighbour:
    id: str
    score: float  # cosine similarity, 0..1


@dataclass(frozen=True)
class TermCounts:
    """One report's distinct terms in order of first appearance (space-separated: one string is
    quicker to keep and load than thousands), and how often each occurs (int32, one per term)."""

    words: str
    counts: bytes

    @property
    def terms(self) -> list[str]:
        return self.words.split(" ") if self.words else []


def term_counts(tokens: list[str]) -> TermCounts:
    """Tokens hold no whitespace (they are `str.split` pieces)."""
    counted = Counter(tokens)
    counts = np.fromiter(counted.values(), np.int32, len(counted))
    return TermCounts(" ".join(counted), counts.tobytes())


def count_matrix(counted: list[TermCounts], min_df: int, max_df: float):
    """Term counts (reports × terms in sorted order, float32), laid out as scikit-learn's
    CountVectorizer lays them out (each row's terms in order of first appearance in the corpus),
    since the order of a row's terms is the order its products are summed in. Each report's counts
    come from `Counter` (`term_counts`) rather than one dictionary look-up per token in Python: 3×
    faster, and kept from one build to the next by `fazhi.site_memo`."""
    import scipy.sparse as sp

    terms = [c.terms for c in counted]
    first_seen = {term: n for n, term in enumerate(dict.fromkeys(chain.from_iterable(terms)))}
    columns = np.fromiter(map(first_seen.__getitem__, chain.from_iterable(terms)), dtype=np.int32)
    values = np.frombuffer(b"".join(c.counts for c in counted), np.int32).astype(np.float32)
    indptr = np.zeros(len(counted) + 1, dtype=np.int32)
    np.cumsum([len(t) for t in terms], out=indptr[1:])
    matrix = sp.csr_matrix((values, columns, indptr), shape=(len(counted), len(first_seen)))
    matrix.sort_indices()
    rank = np.empty(len(first_seen), dtype=matrix.indices.dtype)
    for position, term in enumerate(sorted(first_seen)):
        rank[first_seen[term]] = position
    matrix.indices = rank.take(matrix.indices, mode="clip")
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    return matrix[:, np.where((df >= min_df) & (df <= max_df * len(counted)))[0]]


def tfidf_matrix(token_lists: list[list[str]], counted: list[TermCounts] | None = None):
    """Rows are L2-normalised, so a row-by-row dot product is the cosine similarity. Terms in fewer
    than two reports or in more than 95 % of them (from 20 reports on) carry no similarity.

    The weights are scikit-learn's TfidfTransformer(sublinear_tf=True) float for float (smoothed
    idf in float32, each row's squares summed in order in double), without importing scikit-learn:
    its import alone costs more CPU than the similarities of 1,000 reports."""
    counted = counted if counted is not None else [term_counts(t) for t in token_lists]
    large = len(counted) >= 20
    matrix = count_matrix(counted, 2 if large else 1, 0.95 if large else 1.0)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float32)
    df += 1.0
    idf = np.full_like(df, fill_value=matrix.shape[0] + 1, dtype=np.float32)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data = matrix.data
    np.log(data, data)
    data += 1.0
    data *= idf[matrix.indices]
    squares = (data * data).astype(np.float64)
    for start, end in zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True):
        total = np.cumsum(squares[start:end])[-1] if end > start else 0.0
        if total != 0.0:
            data[start:end] = (data[start:end].astype(np.float64) / math.sqrt(total)).astype(
                np.float32
            )
    return matrix


def similar_reports(
    ids: list[str],
    token_lists: list[list[str]],
    groups: list[str | None] | None = None,
    k: int = NEIGHBOURS,
    chunk: int = CHUNK,
    counted: list[TermCounts] | None = None,
) -> dict[str, list[Neighbour]]:
    """The `k` most similar reports for each id, best first; same non-null group excluded.
    `counted`: the reports' `term_counts`, when known (then `token_lists` is not read)."""
    counted = counted if counted is not None else [term_counts(t) for t in token_lists]
    if len(ids) < 2 or not any(c.words for c in counted):
        return {i: [] for i in ids}
    matrix = tfidf_matrix([], counted)
    members: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups or []):
        if group is not None:
            members[group].append(index)
    result: dict[str, list[Neighbour]] = {}
    transposed = _right_factor(matrix)
    for start in range(0, len(ids), chunk):
        block = matrix[start : start + chunk] @ transposed
        block = block if isinstance(block, np.ndarray) else block.toarray()
        for offset, row in enumerate(block):
            index = start + offset
            row[index] = -1.0
            group = groups[index] if groups else None
            if group is not None:
                row[members[group]] = -1.0
            result[ids[index]] = _top(row, ids, k)
    return result


def _right_factor(matrix):
    """The transposed matrix, dense when it fits in DENSE_BYTES: sparse × dense is several times
    faster than sparse × sparse for a full similarity block, and adds the same products in the
    same order (each row's terms in column order), so the similarities are the same floats."""
    transposed = matrix.T
    if transposed.shape[0] * transposed.shape[1] * transposed.dtype.itemsize <= DENSE_BYTES:
        return transposed.toarray()
    return transposed.tocsc()


def _top(row: np.ndarray, ids: list[str], k: int) -> list[Neighbour]:
    count = min(k, len(row))
    best = np.argpartition(-row, count - 1)[:count]
    best = best[np.lexsort((best, -row[best]))]
    return [Neighbour(ids[i], round(float(row[i]), 4)) for i in best if row[i] > 0]
