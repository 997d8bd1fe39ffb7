"""Similar reports: TF-IDF cosine over the reports' tokens, nearest neighbours in chunks.

The TF-IDF matrix is sparse (reports × vocabulary). Similarities are computed for a block of rows at a
time against all reports, so memory stays at `chunk × reports` floats: 500 × 10,000 float32 is 20 MB.
Reports of the same place (the same township's other years) are left out of each other's neighbours:
the page lists those already, and they would crowd out every other place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

NEIGHBOURS = 5
CHUNK = 500


@dataclass(frozen=True)
class Neighbour:
    id: str
    score: float  # cosine similarity, 0..1


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def tfidf_matrix(token_lists: list[list[str]]):
    """Rows are L2-normalised, so a row-by-row dot product is the cosine similarity."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # a second of CPU to import

    vectorizer = TfidfVectorizer(
        analyzer=_identity,
        sublinear_tf=True,
        min_df=2 if len(token_lists) >= 20 else 1,
        max_df=0.95 if len(token_lists) >= 20 else 1.0,
        dtype=np.float32,
    )
    return vectorizer.fit_transform(token_lists)


def similar_reports(
    ids: list[str],
    token_lists: list[list[str]],
    groups: list[str | None] | None = None,
    k: int = NEIGHBOURS,
    chunk: int = CHUNK,
) -> dict[str, list[Neighbour]]:
    """The `k` most similar reports for each id, best first; same non-null group excluded."""
    if len(ids) < 2 or not any(token_lists):
        return {i: [] for i in ids}
    matrix = tfidf_matrix(token_lists)
    members: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups or []):
        if group is not None:
            members[group].append(index)
    result: dict[str, list[Neighbour]] = {}
    transposed = matrix.T.tocsc()
    for start in range(0, len(ids), chunk):
        block = (matrix[start : start + chunk] @ transposed).toarray()
        for offset, row in enumerate(block):
            index = start + offset
            row[index] = -1.0
            group = groups[index] if groups else None
            if group is not None:
                row[members[group]] = -1.0
            result[ids[index]] = _top(row, ids, k)
    return result


def _top(row: np.ndarray, ids: list[str], k: int) -> list[Neighbour]:
    count = min(k, len(row))
    best = np.argpartition(-row, count - 1)[:count]
    best = best[np.lexsort((best, -row[best]))]
    return [Neighbour(ids[i], round(float(row[i]), 4)) for i in best if row[i] > 0]
