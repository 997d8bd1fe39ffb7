from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from fazhi.related import similar_reports, tfidf_matrix
from fazhi.site import build_context, place_key

TOY = {
    "a": "行政 执法 执法 人员 培训 执法 公示",
    "b": "行政 执法 人员 执法 公示 记录",
    "c": "普法 宣传 宪法 宣传 民法典 普法",
    "d": "普法 宣传 活动 宪法 学法",
    "e": "法律 顾问 律师 合同 审查",
}


def toy(groups=None, chunk=500, k=5):
    ids = list(TOY)
    return similar_reports(ids, [TOY[i].split() for i in ids], groups, k=k, chunk=chunk)


def test_nearest_neighbour_is_the_report_on_the_same_subject():
    result = toy(k=1)
    assert {i: [n.id for n in result[i]] for i in "abcd"} == {"a": ["b"], "b": ["a"], "c": ["d"], "d": ["c"]}


def test_no_report_is_its_own_neighbour_and_unrelated_reports_are_left_out():
    result = toy()
    assert all(i not in [n.id for n in ns] for i, ns in result.items())
    assert result["e"] == []  # shares no word with any other report
    scores = [n.score for n in result["a"]]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


@pytest.mark.parametrize("chunk", [1, 2, 3, 500])
def test_chunk_size_does_not_change_the_answer(chunk: int):
    assert toy(chunk=chunk) == toy()


def random_corpus(n: int, seed: int, longest: int = 200) -> tuple[list[str], list[list[str]]]:
    rng = np.random.default_rng(seed)
    words = [f"词{i}" for i in range(max(300, longest))]
    weights = 1 / np.arange(1, len(words) + 1)
    weights /= weights.sum()
    docs = [list(rng.choice(words, size=int(rng.integers(5, longest)), p=weights)) for _ in range(n)]
    return [f"r{i:03d}" for i in range(n)], docs


@pytest.mark.parametrize("seed", [0, 1])
def test_dense_and_sparse_products_give_the_same_neighbours_and_scores(monkeypatch, seed: int):
    ids, docs = random_corpus(120, seed)
    dense = similar_reports(ids, docs, chunk=50)
    monkeypatch.setattr("fazhi.related.DENSE_BYTES", 0)
    assert similar_reports(ids, docs, chunk=50) == dense


def sklearn_tfidf(docs: list[list[str]]):
    """The reference the hand-made count matrix must reproduce float for float."""
    large = len(docs) >= 20
    return TfidfVectorizer(
        analyzer=lambda tokens: tokens,
        sublinear_tf=True,
        min_df=2 if large else 1,
        max_df=0.95 if large else 1.0,
        dtype=np.float32,
    ).fit_transform(docs)


@pytest.mark.parametrize(
    ("n", "seed", "longest"), [(5, 0, 200), (19, 1, 200), (20, 2, 200), (150, 3, 200), (60, 4, 5000)]
)
def test_tfidf_matrix_is_scikit_learns_to_the_last_bit(n: int, seed: int, longest: int):
    """Long reports included: their squares must be summed in order, not pairwise."""
    _, docs = random_corpus(n, seed, longest)
    ours, theirs = tfidf_matrix(docs), sklearn_tfidf(docs)
    assert ours.dtype == theirs.dtype == np.float32
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(ours, part), getattr(theirs, part)), part


def test_reports_of_the_same_group_are_not_each_others_neighbours():
    result = toy(groups=["x", "x", None, None, None])
    assert "b" not in [n.id for n in result["a"]]
    assert "a" not in [n.id for n in result["b"]]


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def topic_agreement(reports, similar) -> tuple[float, float, float, float]:
    """Mean topic Jaccard and share-any rate: (neighbours, all other-place pairs)."""
    names = sorted({t for r in reports for t in r.topics})
    matrix = np.array([[t in r.topics for t in names] for r in reports], dtype=np.float32)
    inter = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    jac = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    keys = [repr(place_key(r)) for r in reports]
    valid = np.array([[a != b for b in keys] for a in keys])
    index = {r.id: i for i, r in enumerate(reports)}
    pairs = [(index[r.id], index[n.id]) for r in reports for n in similar[r.id]]
    rows, cols = np.array(pairs).T
    return (
        float(jac[rows, cols].mean()),
        float(jac[valid].mean()),
        float((inter[rows, cols] > 0).mean()),
        float((inter[valid] > 0).mean()),
    )


def test_similar_reports_share_topics_more_often_than_chance(browse_corpus):
    ctx = build_context(browse_corpus)
    assert sum(len(v) == 5 for v in ctx.similar.values()) == len(browse_corpus)
    near_j, base_j, near_any, base_any = topic_agreement(browse_corpus, ctx.similar)
    print(
        f"\nsimilar reports vs random pairs (other places), {len(browse_corpus)} reports: "
        f"topic Jaccard {near_j:.3f} vs {base_j:.3f} ({near_j / base_j:.2f}×); "
        f"share ≥1 topic {near_any:.3f} vs {base_any:.3f}"
    )
    assert near_j > 1.2 * base_j
    assert near_any >= base_any


@pytest.mark.parametrize("chunk", [7, 50, 500])
def test_the_similarities_right_of_the_diagonal_give_all_of_them(monkeypatch, chunk: int):
    """Similarity is symmetric to the last bit, so computing half of it changes nothing."""
    ids, docs = random_corpus(90, 11)
    groups = [f"g{i % 13}" if i % 3 else None for i in range(len(ids))]
    half = similar_reports(ids, docs, groups, chunk=chunk)
    monkeypatch.setattr("fazhi.related.SYMMETRIC_BYTES", 0)
    assert similar_reports(ids, docs, groups, chunk=chunk) == half


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_directly_loaded_kernel_multiplies_as_scipy_sparse_does(seed: int):
    """`related.csr_matvecs` loads scipy's private kernel by file; pin it to the public product, so a
    scipy release that changes the kernel fails here instead of changing the similar reports."""
    from scipy.sparse import csr_matrix
    from scipy.sparse import random as sparse_random

    from fazhi.related import _product
    from fazhi.term_matrix import Csr

    rng = np.random.default_rng(seed)
    public = csr_matrix(sparse_random(60, 300, density=0.05, random_state=seed, dtype=np.float64))
    ours = Csr(public.data, public.indices, public.indptr, public.shape)
    dense = rng.random((300, 45))
    expected = public[10:50] @ dense
    assert np.array_equal(_product(ours, 10, 50, dense), expected)


def _whole(ids, terms, counted, groups, memory=None):
    result = similar_reports(ids, [], groups, terms=terms, counted=counted, memory=memory)
    return result, (memory[0].whole if memory else None)


@pytest.mark.parametrize(
    "change",
    ["one report gains words it had", "one report gains a new word", "three reports rewritten",
     "a report loses its rarest word", "nothing", "most reports rewritten", "a report added",
     "two reports change places", "a report renamed"],
)  # fmt: skip
def test_similarities_taken_from_the_last_build_are_those_computed_afresh(change: str):
    """A rebuild computes again only the rows of changed reports: neighbours, scores and every
    float of the similarity matrix are those of a build from nothing."""
    from fazhi.term_matrix import Terms

    ids, docs = random_corpus(150, 7)
    groups = [f"g{i % 17}" if i % 4 else None for i in range(len(ids))]
    terms = Terms()
    memory: list = [None]
    _whole(ids, terms, [terms.count(d) for d in docs], groups, memory)
    changed = [list(d) for d in docs]
    if change == "one report gains words it had":
        changed[40] += changed[40][:3]
    elif change == "one report gains a new word":
        changed[40] += ["新词", "词1"]
    elif change == "three reports rewritten":
        for i, j in ((3, 90), (77, 12), (149, 0)):
            changed[i] = [*docs[j], "词2"]
    elif change == "a report loses its rarest word":
        changed[5] = [w for w in changed[5] if w != max(changed[5], key=lambda w: int(w[1:]))]
    elif change == "most reports rewritten":
        changed = [[*reversed(d), "词9"] for d in changed]
    elif change == "a report added":
        changed.insert(50, list(docs[10]))
        ids = [*ids[:50], "new", *ids[50:]]
        groups = [*groups[:50], None, *groups[50:]]
    elif change == "two reports change places":
        changed[8], changed[99] = changed[99], changed[8]
    elif change == "a report renamed":
        ids = [*ids[:20], "renamed", *ids[21:]]
    counted = [terms.count(d) for d in changed]
    again, whole = _whole(ids, terms, counted, groups, memory)
    fresh_terms = Terms()
    fresh_memory: list = [None]
    fresh, fresh_whole = _whole(
        ids, fresh_terms, [fresh_terms.count(d) for d in changed], groups, fresh_memory
    )
    assert again == fresh == similar_reports(ids, changed, groups)
    assert np.array_equal(whole, fresh_whole)


def test_a_damaged_similarity_matrix_is_not_used():
    from dataclasses import replace

    from fazhi.term_matrix import Terms

    ids, docs = random_corpus(60, 3)
    terms = Terms()
    counted = [terms.count(d) for d in docs]
    memory: list = [None]
    _whole(ids, terms, counted, None, memory)
    damaged = memory[0].whole.copy()
    damaged[3, 4] += 1.0
    memory[0] = replace(memory[0], whole=damaged)
    result, whole = _whole(ids, terms, counted, None, memory)
    assert result == similar_reports(ids, docs) and whole[3, 4] != damaged[3, 4]
