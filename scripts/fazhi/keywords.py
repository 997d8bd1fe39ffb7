"""Tokens and keywords of a report's text.

`tokenize` is the one place that segments text for keywords and similarity; it defers to
`fazhi.tokens` (the search stage's tokenizer, with the project's user dictionary) when that exists.
Keywords are the tokens with the highest TF × IDF, IDF taken from jieba's general-language table so that
a report's keywords do not change when other reports are added. Where the build keeps prepared tables
the IDF table is kept as one, and a report's keywords load only the entries of its own tokens.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .prepared import (
    Table,
    TableUnreadable,
    inputs_key,
    open_table,
    save_table,
    tables_folder,
    whole_key,
)

KEYWORD_COUNT = 10
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9０-９]")
# Words every 法治政府建设 report uses; as keywords they tell one report from another nothing.
_BOILERPLATE_WORDS = (
    "法治 政府 法治政府 建设 工作 开展 加强 推进 进一步 全面 情况 年度 报告 深入 持续 不断 切实 有效 "
    "积极 提高 完善 健全 落实 坚持 扎实 认真 严格 推动 强化 确保 依法 我乡 我镇 全乡 全镇 我县 全县 "
    "我区 全区 我市 全市 街道 乡镇 人民政府 领导 组织 相关 各项 主要 重要 有关 一是 二是 三是 四是 五是 "
    "同时 通过 以及 其中 目前 今年 全年 累计 共计 以上 以来 方面 工作人员 机制 制度 水平 能力 意识 "
    "习近平 学习 群众 行政 法律 干部 宣传 党委 依法行政 学法 思想 精神 要求 问题 实施"
)
BOILERPLATE = frozenset(_BOILERPLATE_WORDS.split())
IDF_TABLE = "jieba-idf"
_IDF_BUCKETS = 1 << 15


@functools.lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    try:
        from . import tokens  # type: ignore[attr-defined]

        return tokens.tokenize  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        import jieba

        jieba.setLogLevel(60)
        return lambda text: jieba.lcut(text, HMM=False)


def tokenize(text: str) -> list[str]:
    """Content tokens: words of two or more characters with a Han character and no digit."""
    return [
        t for t in _segmenter()(text) if len(t) >= 2 and _HAN.search(t) and not _DIGIT.search(t)
    ]


@functools.lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table (jieba/analyse/idf.txt) and its median, read as `jieba.analyse` reads it.

    Read directly: importing `jieba.analyse` also loads the part-of-speech tables, a second of CPU
    in every worker process for nothing keywords use."""
    idf: dict[str, float] = {}
    for line in _idf_file().read_bytes().decode("utf-8").splitlines():
        word, freq = line.strip().split(" ")
        idf[word] = float(freq)
    return idf, sorted(idf.values())[len(idf) // 2]


def _idf_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    return Path(spec.origin).parent / "analyse" / "idf.txt"


class PreparedIdf:
    """IDF values read from the prepared table a bucket at a time, as words are asked for."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.known: dict[str, float] = {}
        self.loaded: set[int] = set()

    def get(self, word: str, default: float) -> float:
        index = self.table.bucket_index(word)
        if index not in self.loaded:
            try:
                self.known.update(self.table.bucket(index))
            except TableUnreadable:
                self.known = _idf_table()[0]
                self.loaded = set(range(self.table.count))
            self.loaded.add(index)
        return self.known.get(word, default)


@functools.lru_cache(maxsize=1)
def _idf() -> tuple[Any, float]:
    """The IDF table and its median: prepared when the build keeps tables (written the first time),
    else `_idf_table`. Key: jieba (its version and the table's size), this module, the format."""
    if tables_folder() is None:
        return _idf_table()
    source = _idf_file()
    key = inputs_key(
        IDF_TABLE,
        source.parent.parent / "__init__.py",
        str(source.stat().st_size),
        Path(__file__),
        Path(__file__).parent / "prepared.py",
    )
    table = open_table(IDF_TABLE, key, whole_key)
    if table is not None:
        return PreparedIdf(table), table.header
    idf, median = _idf_table()
    save_table(IDF_TABLE, key, median, idf, whole_key, _IDF_BUCKETS, "d")
    return idf, median


def keywords(tokens: list[str], count: int = KEYWORD_COUNT) -> list[str]:
    """The `count` tokens that most set this text apart, best first; boilerplate excluded."""
    idf, median = _idf()
    counts = Counter(t for t in tokens if t not in BOILERPLATE)
    if not counts:
        return []
    scored = {t: n * idf.get(t, median) for t, n in counts.items()}
    ranked = sorted(scored, key=lambda t: (-scored[t], t))
    return ranked[:count]
