"""The array form of the index equals its plain definition: folding, keys, postings, shards."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import pairwise

import numpy as np
import pytest

from fazhi import search_postings
from fazhi.search import SEP, folded_blocks, keys_of, shard_of
from fazhi.search_bench import decode_gaps
from fazhi.search_postings import (
    code_points,
    fold_codes,
    key_codes,
    key_string,
    postings,
    shards_of,
)
from fazhi.searchtext import fold

TEXTS = [
    "",
    "法治政府建设",
    "行政復議 ２０２３年　度 GDP\t增长 １００％",
    "⑴ 第一项 ㈠ 其一 ½ ﬁ",  # folding turns one character into several
    "𠀋𠀋 astral 𪚥",
    "a\x00b",
    "   ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fold_codes_are_the_code_points_of_fold(text):
    assert fold_codes(text).tolist() == code_points(fold(text)).tolist()


def plain_keys(texts: list[str]) -> set[str]:
    folded = SEP.join(fold(t.replace(SEP, "")) for t in texts)
    keys = set(folded) | {a + b for a, b in pairwise(folded)}
    return {k for k in keys if SEP not in k}


@pytest.mark.parametrize("texts", [[t] for t in TEXTS] + [TEXTS, ["三重", "一大"], ["a\x00b", "c"]])
def test_keys_are_those_of_the_folded_text(texts):
    assert keys_of(texts) == plain_keys(texts)


def test_key_order_is_string_order():
    keys = keys_of(TEXTS)
    codes = key_codes(folded_blocks(TEXTS)).tolist()
    assert [key_string(c) for c in codes] == sorted(keys)


def test_shards_of_equals_shard_of():
    codes = key_codes(folded_blocks(TEXTS))
    for shards in (1, 7, 97):
        expected = [shard_of(key_string(c), shards) for c in codes.tolist()]
        assert shards_of(codes, shards).tolist() == expected


def test_postings_list_each_keys_documents_in_order():
    rng = random.Random(7)
    alphabet = "法治政府建设行政执法复议𠀋ab"
    docs = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    docs += ["法" * 3] + [""] * 2000 + ["法治"]  # gaps of more than one digit
    expected: dict[str, list[int]] = defaultdict(list)
    for number, text in enumerate(docs):
        for key in sorted(plain_keys([text])):
            expected[key].append(number)
    index = postings([key_codes(fold_codes(text)) for text in docs])
    found = {
        key_string(code): decode_gaps(index.text[start:end])
        for code, start, end in zip(index.keys.tolist(), index.start, index.end, strict=True)
    }
    assert found == dict(expected)


def test_no_documents_no_postings():
    index = postings([])
    assert len(index.keys) == 0 and index.text == "" and len(index.end) == 0
    assert postings([np.empty(0, np.uint64)]).text == ""


def test_postings_encoded_in_slices_equal_postings_encoded_at_once(monkeypatch):
    rng = random.Random(3)
    docs = ["".join(rng.choice("法治政府建设行政执法") for _ in range(30)) for _ in range(200)]
    per_doc = [key_codes(fold_codes(text)) for text in docs]
    whole = postings(per_doc)
    monkeypatch.setattr(search_postings, "SLICE", 250)
    sliced = postings(per_doc)
    assert sliced.text == whole.text
    for field in ("keys", "start", "end"):
        assert getattr(sliced, field).tolist() == getattr(whole, field).tolist()
