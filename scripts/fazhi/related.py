"""Similar reports: TF-IDF cosine over the reports' tokens, nearest neighbours in chunks.

The TF-IDF matrix is sparse (reports × vocabulary). Similarities are computed for a block of rows at a
time against all reports, so memory stays at `chunk × reports` floats (500 × 10,000 float32 is 20 MB),
or at the whole reports × reports matrix when it is at most SYMMETRIC_BYTES (then only the half right
of the diagonal is computed). Reports of the same place (the same township's other years) are left
out of each other's neighbours: the page lists those already, and they would crowd out every other
place.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .term_matrix import Csr, TermCounts, Terms, count_matrix

NEIGHBOURS = 5
CHUNK = 500
DENSE_BYTES = 256 * 1024 * 1024
SYMMETRIC_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Neighbour:
    id: str
    score: float  # cosine similarity, 0..1


def tfidf_matrix(
    token_lists: list[list[str]],
    terms: Terms | None = None,
    counted: list[TermCounts] | None = None,
) -> Csr:
    """Rows are L2-normalised, so a row-by-row dot product is the cosine similarity. Terms in fewer
    than two reports or in more than 95 % of them (from 20 reports on) carry no similarity.

    The weights are scikit-learn's TfidfTransformer(sublinear_tf=True) float for float (smoothed
    idf in float32, each row's squares summed in order in double), without importing scikit-learn:
    its import alone costs more CPU than the similarities of 1,000 reports.
    `terms` and `counted`: the reports' counts, when known (then `token_lists` is not read)."""
    if terms is None or counted is None:
        terms = Terms()
        counted = [terms.count(tokens) for tokens in token_lists]
    large = len(counted) >= 20
    matrix = count_matrix(terms, counted, 2 if large else 1, 0.95 if large else 1.0)
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
    terms: Terms | None = None,
    counted: list[TermCounts] | None = None,
) -> dict[str, list[Neighbour]]:
    """The `k` most similar reports for each id, best first; same non-null group excluded.
    `terms` and `counted`: the reports' counts, when known (then `token_lists` is not read)."""
    if terms is None or counted is None:
        terms = Terms()
        counted = [terms.count(tokens) for tokens in token_lists]
    if len(ids) < 2 or not any(c.terms for c in counted):
        return {i: [] for i in ids}
    matrix = tfidf_matrix([], terms, counted)
    members: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups or []):
        if group is not None:
            members[group].append(index)
    result: dict[str, list[Neighbour]] = {}
    for start, block in _similarities(matrix, chunk):
        block[np.arange(len(block)), np.arange(start, start + len(block))] = -1.0
        for offset, group in enumerate((groups or [])[start : start + len(block)]):
            if group is not None:
                block[offset, members[group]] = -1.0
        for offset, best in enumerate(_top(block, ids, k)):
            result[ids[start + offset]] = best
    return result


def _similarities(matrix: Csr, chunk: int) -> Iterator[tuple[int, np.ndarray]]:
    """Blocks of `chunk` rows of matrix × matrixᵀ (the first row's number, the block).

    With the transposed matrix dense when it fits in DENSE_BYTES, by scipy's sparse × dense kernel:
    several times faster than sparse × sparse for a full similarity block, and it adds the same
    products in the same order (each row's terms in its order), so the similarities are the same
    floats. They are symmetric to the last bit (every row's terms are in the order the corpus first
    shows them, so cell i, j and cell j, i add the same products in the same order), so when the
    whole similarity matrix fits in SYMMETRIC_BYTES a block is computed right of the diagonal only
    and the rest is taken from the blocks above."""
    rows, columns = matrix.shape
    if rows * columns * matrix.dtype.itemsize > DENSE_BYTES:
        import scipy.sparse as sp

        left = sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=matrix.shape)
        right = left.T.tocsc()
        for start in range(0, rows, chunk):
            yield start, (left[start : start + chunk] @ right).toarray()
        return
    dense = np.zeros((columns, rows), dtype=matrix.dtype)
    dense[matrix.indices, np.repeat(np.arange(rows), np.diff(matrix.indptr))] = matrix.data
    if rows * rows * matrix.dtype.itemsize > SYMMETRIC_BYTES:
        for start in range(0, rows, chunk):
            yield start, _product(matrix, start, min(start + chunk, rows), dense)
        return
    whole = np.empty((rows, rows), dtype=matrix.dtype)
    for start in range(0, rows, chunk):
        end = min(start + chunk, rows)
        whole[start:end, start:] = _product(matrix, start, end, dense[:, start:])
        whole[start:end, :start] = whole[:start, start:end].T
        yield start, whole[start:end].copy()


def _product(matrix: Csr, start: int, end: int, dense: np.ndarray) -> np.ndarray:
    """Rows start..end of `matrix` × `dense`, as `csr_matrix @ ndarray` computes it."""
    first, last = matrix.indptr[start], matrix.indptr[end]
    dense = np.ascontiguousarray(dense)
    block = np.zeros((end - start, dense.shape[1]), dtype=matrix.dtype)
    indptr = matrix.indptr[start : end + 1] - first
    indices, data = matrix.indices[first:last], matrix.data[first:last]
    kernel = csr_matvecs()
    kernel(
        end - start,
        matrix.shape[1],
        dense.shape[1],
        indptr,
        indices,
        data,
        dense.ravel(),
        block.ravel(),
    )
    return block


@cache
def csr_matvecs() -> Callable[..., None]:
    """scipy's sparse × dense kernel, the one `csr_matrix @ ndarray` runs, loaded from its extension
    module alone: importing scipy.sparse costs about 0.1 s of CPU (its array-API layer imports
    numpy.f2py and numpy.testing), as much as the products of 1,000 reports. When the module is
    not where scipy keeps it, scipy.sparse is imported after all."""
    name = "scipy.sparse._sparsetools"
    try:
        found = importlib.util.find_spec("scipy")
        folder = Path(next(iter(found.submodule_search_locations or []))) / "sparse"
        path = next(
            folder / f"_sparsetools{suffix}"
            for suffix in importlib.machinery.EXTENSION_SUFFIXES
            if (folder / f"_sparsetools{suffix}").is_file()
        )
        loader = importlib.machinery.ExtensionFileLoader(name, str(path))
        spec = importlib.util.spec_from_file_location(name, path, loader=loader)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        return module.csr_matvecs
    except (ImportError, AttributeError, OSError, StopIteration, TypeError):
        from scipy.sparse import _sparsetools

        return _sparsetools.csr_matvecs


def _top(block: np.ndarray, ids: list[str], k: int) -> list[list[Neighbour]]:
    """Each row's `k` best columns with a positive score, best first (then by column)."""
    count = min(k, block.shape[1])
    best = np.argpartition(-block, count - 1, axis=1)[:, :count]
    scores = np.take_along_axis(block, best, axis=1)
    order = np.lexsort((best, -scores), axis=1)
    best, scores = np.take_along_axis(best, order, 1), np.take_along_axis(scores, order, 1)
    return [
        [
            Neighbour(ids[i], round(score, 4))
            for i, score in zip(row, values, strict=True)
            if score > 0
        ]
        for row, values in zip(best.tolist(), scores.tolist(), strict=True)
    ]
