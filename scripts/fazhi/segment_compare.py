"""Does rjieba (the jieba-rs binding) cut like our jieba tokenizer, and how much faster? (for `make bench`)

Both get the same dictionary: jieba's default one plus what `tokens` adds (every gazetteer place name
and content/vocab/jieba.txt), each word with the same frequency and tag.
"""

from __future__ import annotations

import time
from pathlib import Path

from .tokens import PLACE_FREQ, new_segmenter, parse_vocab, place_names


def compare_rjieba(texts: list[str], vocab_file: Path) -> dict[str, object]:
    vocab = (
        parse_vocab(vocab_file.read_text(encoding="utf-8"), str(vocab_file))
        if vocab_file.is_file()
        else []
    )
    start = time.perf_counter()
    ours = new_segmenter(vocab)
    jieba_init = time.perf_counter() - start
    start = time.perf_counter()
    expected = [ours.lcut(t) for t in texts]
    jieba_user_s = time.perf_counter() - start
    try:
        import rjieba
    except ImportError:
        return {"jieba_user_dict_s": jieba_user_s, "rjieba_s": None, "rjieba_same_tokens": None}
    start = time.perf_counter()
    fast = rjieba.Jieba()
    for name in place_names():
        fast.add_word(name, PLACE_FREQ, "ns")
    for entry in vocab:
        fast.add_word(entry.word, entry.freq, entry.tag)
    rjieba_init = time.perf_counter() - start
    start = time.perf_counter()
    got = [fast.cut(t) for t in texts]
    rjieba_s = time.perf_counter() - start
    same_texts = sum(a == b for a, b in zip(expected, got, strict=True))
    return {
        "jieba_user_dict_init_s": jieba_init,
        "jieba_user_dict_s": jieba_user_s,
        "rjieba_init_s": rjieba_init,
        "rjieba_s": rjieba_s,
        "rjieba_same_tokens": same_texts == len(texts),
        "rjieba_texts_identical": f"{same_texts}/{len(texts)}",
        "rjieba_first_difference": _first_difference(expected, got),
    }


def _first_difference(expected: list[list[str]], got: list[list[str]]) -> str | None:
    for a, b in zip(expected, got, strict=True):
        if a != b:
            pairs = zip(a, b, strict=False)
            k = next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))
            return f"jieba {a[max(0, k - 2) : k + 3]} vs rjieba {b[max(0, k - 2) : k + 3]}"
    return None
