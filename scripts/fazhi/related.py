"""Similar reports: TF-IDF cosine over the reports' tokens, nearest neighbours in chunks.

The TF-IDF matrix is sparse (reports × vocabulary). Similarities are computed for a block of rows at a
time against all reports, so memory stays at `chunk × reports` floats (500 × 10,000 float32 is 20 MB),
or at the whole reports × reports matrix when it is at most SYMMETRIC_BYTES (then only the half right
of the diagonal is computed). Reports of the same place (the same township's other years) are left
out of each other's neighbours: the page lists those already, and they would crowd out every other
place.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import zlib
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
# the whole matrix kept for the next build (2,048 reports), when the dense matrix is no larger
INCREMENTAL_BYTES = 16 * 1024 * 1024


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
    totals = np.array(
        [
            np.cumsum(squares[start:end])[-1] if end > start else 0.0
            for start, end in zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True)
        ]
    )
    norms = np.repeat(np.sqrt(totals), np.diff(matrix.indptr))
    scaled = norms != 0.0
    data[scaled] = (data[scaled].astype(np.float64) / norms[scaled]).astype(np.float32)
    return matrix


@dataclass(frozen=True)
class Similarities:
    """The whole similarity matrix of a build, with what made each row: the next build computes
    again only the rows (and so the columns) of reports whose TF-IDF row is new."""

    rows: tuple[bytes, ...]  # a digest of each row: its terms (`Terms` numbers) and weights, in order
    whole: np.ndarray
    check: int  # CRC-32 of `whole`'s bytes

    def usable(self) -> bool:
        size = len(self.rows)
        return self.whole.shape == (size, size) and zlib.crc32(self.whole.tobytes()) == self.check


def similar_reports(
    ids: list[str],
    token_lists: list[list[str]],
    groups: list[str | None] | None = None,
    k: int = NEIGHBOURS,
    chunk: int = CHUNK,
    terms: Terms | None = None,
    counted: list[TermCounts] | None = None,
    memory: list[Similarities] | None = None,
) -> dict[str, list[Neighbour]]:
    """The `k` most similar reports for each id, best first; same non-null group excluded.
    `terms` and `counted`: the reports' counts, when known (then `token_lists` is not read).
    `memory`: holds the last build's `Similarities` (if any) and is given this build's, when
    the whole matrix is at most INCREMENTAL_BYTES (see `_similarities`)."""
    if terms is None or counted is None:
        terms = Terms()
        counted = [terms.count(tokens) for tokens in token_lists]
    if len(ids) < 2 or not any(c.terms for c in counted):
        return {i: [] for i in ids}
    matrix = tfidf_matrix([], terms, counted)
    rows, columns = matrix.shape
    size = matrix.dtype.itemsize
    if memory is not None and rows * rows * size <= INCREMENTAL_BYTES >= rows * columns * size:
        kept = memory[0] if memory and isinstance(memory[0], Similarities) else None
        memory[:] = [_remembered(matrix, kept if kept is not None and kept.usable() else None)]
        blocks: Iterator[tuple[int, np.ndarray]] = _blocks(memory[0].whole, chunk)
    else:
        blocks = _similarities(matrix, chunk)
    members: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups or []):
        if group is not None:
            members[group].append(index)
    result: dict[str, list[Neighbour]] = {}
    for start, block in blocks:
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
    dense = _dense(matrix)
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


def _blocks(whole: np.ndarray, chunk: int) -> Iterator[tuple[int, np.ndarray]]:
    for start in range(0, len(whole), chunk):
        yield start, whole[start : start + chunk].copy()


def _row_digests(matrix: Csr) -> tuple[bytes, ...]:
    assert matrix.column_terms is not None
    terms = matrix.column_terms[matrix.indices].astype(np.int64)
    return tuple(
        hashlib.blake2b(terms[a:b].tobytes() + matrix.data[a:b].tobytes(), digest_size=16).digest()
        for a, b in zip(matrix.indptr[:-1].tolist(), matrix.indptr[1:].tolist(), strict=True)
    )


def _remembered(matrix: Csr, before: Similarities | None) -> Similarities:
    """The whole similarity matrix, cells of `before` taken again where both reports' rows are rows
    it had (wherever they were). A cell sums its two rows' shared terms' products in the order the
    rows keep them (`_similarities`), so the same two rows give the same float; the rows of
    the other reports are computed again, and copied into their columns (the matrix is symmetric
    to the last bit)."""
    if matrix.column_terms is None:
        whole = np.concatenate([block for _, block in _similarities(matrix, CHUNK)])
        return Similarities((), whole, zlib.crc32(whole.tobytes()))
    rows = _row_digests(matrix)
    at = {digest: n for n, digest in enumerate(before.rows)} if before is not None else {}
    source = np.array([at.get(digest, -1) for digest in rows], dtype=np.int64)
    changed = np.flatnonzero(source < 0)
    in_place = (
        before is not None
        and len(rows) == len(before.rows)
        and bool(np.all((source < 0) | (source == np.arange(len(rows)))))
    )
    if in_place and not len(changed):
        return before
    if before is None or 2 * len(changed) > len(rows):
        whole = np.concatenate([block for _, block in _similarities(matrix, CHUNK)])
    else:
        if in_place:
            whole = before.whole.copy()
        else:
            whole = np.empty((len(rows), len(rows)), dtype=matrix.dtype)
            taken = np.flatnonzero(source >= 0)
            whole[np.ix_(taken, taken)] = before.whole[np.ix_(source[taken], source[taken])]
        if len(changed):
            again = _product(_take_rows(matrix, changed.tolist()), 0, len(changed), _dense(matrix))
            whole[changed, :] = again
            whole[:, changed] = again.T
    return Similarities(rows, whole, zlib.crc32(whole.tobytes()))


def _take_rows(matrix: Csr, rows: list[int]) -> Csr:
    """The matrix of these rows only (same columns)."""
    spans = [(int(matrix.indptr[r]), int(matrix.indptr[r + 1])) for r in rows]
    picked = np.concatenate([np.arange(a, b) for a, b in spans]) if spans else np.arange(0)
    ends = np.cumsum([0] + [b - a for a, b in spans]).astype(matrix.indptr.dtype)
    return Csr(matrix.data[picked], matrix.indices[picked], ends, (len(rows), matrix.shape[1]))


def _dense(matrix: Csr) -> np.ndarray:
    """The transposed matrix, dense (columns × rows)."""
    rows, columns = matrix.shape
    dense = np.zeros((columns, rows), dtype=matrix.dtype)
    dense[matrix.indices, np.repeat(np.arange(rows), np.diff(matrix.indptr))] = matrix.data
    return dense


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
