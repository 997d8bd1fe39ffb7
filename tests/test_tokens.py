"""Segmentation with the domain vocabulary: domain terms and places stay whole words."""

from __future__ import annotations

import random

import pytest

from fazhi import hancut, tokens
from fazhi.tokens import Entry, VocabError, parse_vocab

from .conftest import ROOT


@pytest.fixture(scope="module", autouse=True)
def project_vocab():
    tokens.use_vocab(ROOT / tokens.VOCAB_FILE)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("全面推进法治政府建设工作", "法治政府建设"),
        ("严格落实三重一大决策制度", "三重一大"),
        ("实现一村一法律顾问全覆盖", "一村一法律顾问"),
        ("落实谁执法谁普法责任制", "谁执法谁普法"),
        ("规范行政执法行为", "行政执法"),
        ("拉沟乡党委书记认真履职", "拉沟乡"),
        ("鹿寨县司法局指导", "鹿寨县"),
        ("五指峰乡2023年度报告", "五指峰乡"),
    ],
)
def test_domain_terms_and_places_are_one_word(text, word):
    assert word in tokens.tokenize(text)


def test_punctuation_and_whitespace_are_dropped_but_numbers_kept():
    words = tokens.tokenize("覆盖率达100%， 共 3 次。")
    assert "，" not in words and " " not in words and "。" not in words
    assert "100%" in words and "3" in words


def test_every_character_of_a_word_comes_from_the_text():
    text = "柱山乡严格履行法治政府建设“第一责任人”职责"
    assert "".join(tokens.tokenize(text)) == "柱山乡严格履行法治政府建设第一责任人职责"


def test_project_vocabulary_parses():
    entries = parse_vocab((ROOT / tokens.VOCAB_FILE).read_text(encoding="utf-8"))
    assert Entry("三重一大", 20000, "n") in entries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三重一大 20000 n\n", [Entry("三重一大", 20000, "n")]),
        ("述法\n\n法律明白人 5\n", [Entry("述法"), Entry("法律明白人", 5)]),
    ],
)
def test_parse_vocab(text, expected):
    assert parse_vocab(text) == expected


def test_parse_vocab_names_the_bad_line():
    with pytest.raises(VocabError, match=r"jieba.txt:2: expected"):
        parse_vocab("述法\n法治 政府 建设 1 n\n")


def test_gazetteer_names_exclude_placeholders():
    names = tokens.place_names()
    assert "拉沟乡" in names and "市辖区" not in names
    assert all(len(n) >= 3 for n in names)


def _random_texts(count: int, seed: int) -> list[str]:
    """Strings over the seeds' characters (Chinese, digits, Latin, punctuation), 1 to 80 long."""
    seeds = sorted((ROOT / "content" / "reports").glob("*.txt"))
    alphabet = sorted(set("".join(p.read_text(encoding="utf-8") for p in seeds)))
    rnd = random.Random(seed)
    return ["".join(rnd.choices(alphabet, k=rnd.randint(1, 80))) for _ in range(count)]


def _tie_texts(count: int, seed: int) -> list[str]:
    """Repetitive strings over a few characters: paths of exactly equal probability (达达达达率)."""
    rnd = random.Random(seed)
    alphabets = ("达率", "达达率百", "哈呵嘿", "法治政府建设年度报告", "乡镇街道村社区")
    return ["".join(rnd.choices(a, k=rnd.randint(2, 14))) for a in alphabets for _ in range(count)]


def test_runs_of_chinese_are_cut_by_rjieba_exactly_as_jieba_cuts_them():
    segmenter = hancut.HanCut(tokens._segmenter().tokenizer, warm_after=0)
    segmenter.lcut("")
    assert segmenter.fast is not None, "rjieba is a dependency: it should be in use"
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / "reports").glob("*.txt"))]
    spaced = ["第一条\r\n第二条 ３\u3000条\t（2023-2025年）", " \r\n\r\n ", "Ａ股B超 4S店"]
    texts = [*seeds, *hancut.PROBES, *spaced, *_random_texts(1500, seed=10), *_tie_texts(400, seed=11)]
    for text in texts:
        assert segmenter.lcut(text) == segmenter.tokenizer.lcut(text), text


def _mixed_texts(count: int, seed: int) -> list[str]:
    """Chinese runs with digits, Latin letters, jieba's run characters (+#&._%-), spaces, punctuation."""
    rnd = random.Random(seed)
    pieces = ["法治政府", "建设", "年度", "报告", "乡镇", "拉沟乡", "2023年", "12件", "5%", "A股", "4S店", "e.g",
              "C++", "R&D", "v1.2", " ", "\u3000", "\r\n", "，", "。", "（", "）", "-", "_", "达", "率", "3.5%"]
    return ["".join(rnd.choices(pieces, k=rnd.randint(1, 25))) for _ in range(count)]


@pytest.fixture(scope="module")
def prepared_cutters(tmp_path_factory: pytest.TempPathFactory):
    """The in-memory segmenter (whose table it writes) and two read back from its prepared table:
    one without its rjieba twin, one with the twin filled from the table."""
    from fazhi.prepared import tables_in

    vocab = ROOT / tokens.VOCAB_FILE
    with tables_in(tmp_path_factory.mktemp("tables")):
        whole = tokens.make_segmenter(vocab)
        lazy = tokens.make_segmenter(vocab)
        twinned = tokens.make_segmenter(vocab)
    assert whole.words is None and lazy.words is not None
    lazy.texts_left = 10**9
    twinned.warm()
    assert twinned.fast is not None
    return whole.tokenizer, lazy, twinned


def test_the_prepared_dictionary_cuts_exactly_as_jieba(prepared_cutters):
    jieba_tokenizer, lazy, twinned = prepared_cutters
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / "reports").glob("*.txt"))]
    spaced = ["第一条\r\n第二条 ３\u3000条\t（2023-2025年）", " \r\n\r\n ", "Ａ股B超 4S店"]
    texts = [
        *seeds, *hancut.PROBES, *spaced, *_random_texts(1500, seed=12), *_tie_texts(300, seed=13),
        *_mixed_texts(1500, seed=14),
    ]
    for text in texts:
        expected = jieba_tokenizer.lcut(text)
        assert lazy.lcut(text) == expected, text
        assert twinned.lcut(text) == expected, text
    assert len(lazy.words.freq) < len(jieba_tokenizer.FREQ) / 2  # it did load only part


def test_an_unreadable_prepared_dictionary_falls_back_to_jieba(prepared_cutters, tmp_path):
    from fazhi.prepared import Table, TableUnreadable

    jieba_tokenizer, lazy, _ = prepared_cutters

    class Damaged(Table):
        def bucket(self, index):
            raise TableUnreadable("damaged")

    table = lazy.words.table
    damaged = object.__new__(Damaged)
    damaged.__dict__.update(table.__dict__)
    words = hancut.LazyWords(damaged, table.header["total"], lambda: jieba_tokenizer)
    cutter = hancut.HanCut(words.tokenizer, warm_after=10**9, words=words)
    for text in [*hancut.PROBES, *_mixed_texts(50, seed=15)]:
        assert cutter.lcut(text) == jieba_tokenizer.lcut(text)
    assert words.complete
