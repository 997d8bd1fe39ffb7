"""jieba's cut, with the best route through each run of Chinese characters found by rjieba (jieba-rs).

jieba cuts a text run by run (`jieba.re_han_default` splits it, and each run is cut on its own):
through a run it takes the most probable path of dictionary words (the prefix DAG and its best
route, the slow part in Python), then gives each stretch of one-character steps to its HMM to find
words the dictionary lacks. For a run made only of Chinese characters the route comes from an rjieba
tokenizer holding the Python tokenizer's dictionary (every word and frequency, user words included)
and the same total frequency: jieba-rs computes the same scores in the same order and, like jieba,
prefers the longer word on a tie. The HMM stays jieba's own (rjieba's breaks exact ties between
paths differently). A run with digits or Latin letters (2023年, A股) is cut the same way once each
of its ASCII characters is replaced by a stand-in from CJK Extension A (㐀…): jieba-rs treats those as
Chinese characters, one character each, so that it neither splits the run nor joins letters the way
its own cut does, and the twin holds every dictionary word with the same stand-ins (the few words
that contain the stand-ins themselves are left out, since jieba's runs never contain Extension A;
their frequency still counts in the total). The route is then read back on the original characters.
Without rjieba, when jieba was told to force-split words, or when the two routes differ on the probe
texts, every run stays with jieba.

The dictionary may also come from a prepared table (`LazyWords`): jieba's tokenizer then holds only
the entries a text can consult (every entry starting with one of its characters or pairs of
characters), loaded before the text is cut, so that a process cutting one report never loads the
350,000 words of jieba's dictionary.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Callable, Iterable
from operator import add, itemgetter
from typing import Any

from .prepared import Table, TableUnreadable

_PURE_HAN = re.compile(r"[\u4e00-\u9fd5]+")
# 达理 against 达 + 理 is decided by 0.0014 in log probability: a total frequency that differs by a
# few tenths of a percent flips it
PROBES = (
    "调达理",
    "依法全面履行政府职能深入推进严格规范公正文明执法",
    "乡镇人民政府法治政府建设年度报告",
    "2023年共办理A股4S店案件12件占3.5%",
)
_OUTSIDE_HAN = "\ue000"  # a private-use character: in no run of Chinese characters
_RUN_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-"  # re_han_default's
_STAND_INS = "".join(chr(0x3400 + i) for i in range(len(_RUN_ASCII)))
_TO_STAND_INS = str.maketrans(_RUN_ASCII, _STAND_INS)
_STAND_IN_SET = frozenset(_STAND_INS)


def import_jieba() -> Any:
    """`jieba` with `jieba.finalseg`, imported without `pkg_resources`.

    jieba's `_compat` imports pkg_resources (a seventh of a second) only to open its own data files,
    and opens them from its package folder when that import fails. The import is made to fail for
    jieba alone: pkg_resources is hidden while jieba is imported (unless it is loaded already)."""
    if "jieba.finalseg" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
        import jieba.finalseg
    finally:
        if hide and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


# The bucket key of a dictionary entry, its first two characters (word[:2]): every entry a text
# consults at one position starts with the character there, or with it and the next one.
first_two = itemgetter(slice(0, 2))


class LazyWords:
    """jieba's `FREQ` filled from a prepared table (bucket key `first_two`) as texts need it.

    `full` makes the tokenizer with the whole dictionary, used from then on if the table turns out
    unreadable."""

    def __init__(self, table: Table, total: int, full: Callable[[], Any]) -> None:
        jieba = import_jieba()
        self.table = table
        self.freq: dict[str, int] = {}
        self.loaded: set[int] = set()
        self.full = full
        self.complete = False
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ = self.freq
        self.tokenizer.total = total
        self.tokenizer.initialized = True

    def cover(self, text: str) -> None:
        """Load every entry that cutting `text` may consult."""
        if self.complete:
            return
        keys = set(text)
        keys.update(map(add, text, text[1:]))
        crc, count = zlib.crc32, self.table.count
        for index in {crc(key.encode("utf-8")) % count for key in keys} - self.loaded:
            self._load(index)

    def get(self, word: str) -> int | None:
        if not self.complete:
            index = self.table.bucket_index(word)
            if index not in self.loaded:
                self._load(index)
        return self.freq.get(word)

    def _load(self, index: int) -> None:
        if self.complete:
            return
        try:
            self.freq.update(self.table.bucket(index))
            self.loaded.add(index)
        except TableUnreadable:
            whole = self.full()
            self.freq.clear()
            self.freq.update(whole.FREQ)
            self.tokenizer.total = whole.total
            self.complete = True


class HanCut:
    """`lcut(text)` as `tokenizer.lcut(text)` (HMM on) gives it.

    The rjieba twin costs about a third of a second to fill, what jieba spends on a hundred reports'
    Chinese runs: it is made once this cutter has cut `warm_after` texts, so a rebuild of a few
    changed reports does not pay for it. With `words` (a prepared dictionary) the twin is filled
    from `twin_words()`, the dictionary's words of nonzero frequency.
    """

    def __init__(
        self,
        tokenizer: Any,
        warm_after: int = 32,
        words: LazyWords | None = None,
        twin_words: Callable[[], Iterable[tuple[str, int]] | None] | None = None,
    ) -> None:
        jieba = import_jieba()
        self.tokenizer = tokenizer
        self.words = words
        self.twin_words = twin_words
        self.split = jieba.re_han_default.split
        self.space = jieba.re_skip_default
        self.finalseg = jieba.finalseg
        self.fast: Any | None = None
        self.texts_left = warm_after

    def warm(self) -> None:
        """Make the rjieba twin now (before a pool of workers forks, so that they share it)."""
        if self.texts_left >= 0:
            self.texts_left = -1
            self.fast = self._twin()

    def _twin(self) -> Any | None:
        if self.words is None:
            return twin(self.tokenizer)
        entries = self.twin_words() if self.twin_words else None
        if entries is None:
            return None
        for probe in PROBES:
            self.words.cover(probe)
        return twin(self.tokenizer, entries)

    def _cut(self, text: str) -> list[str]:
        if self.words is not None:
            self.words.cover(text)
        return self.tokenizer.lcut(text)

    def lcut(self, text: str) -> list[str]:
        if self.texts_left >= 0:
            self.texts_left -= 1
            if self.texts_left < 0:
                self.fast = self._twin()
        if self.fast is None:
            return self._cut(text)
        words: list[str] = []
        for index, run in enumerate(self.split(text)):
            if not run:
                continue
            if index % 2 == 0:  # between runs, as jieba.cut: whitespace whole, the rest char by char
                for piece in self.space.split(run):
                    if self.space.match(piece):
                        words.append(piece)
                    else:
                        words += piece
            elif _PURE_HAN.fullmatch(run):
                words += self._cut_han(run, run)
            else:
                words += self._cut_han(run, run.translate(_TO_STAND_INS))
        return words

    def _cut_han(self, run: str, stand_in: str) -> list[str]:
        """jieba's `__cut_DAG` on a run, its best route taken from rjieba's cut of `stand_in` (the
        run, its ASCII characters replaced by their stand-ins).

        Only the route: consecutive one-character steps are gathered and passed to jieba's own HMM
        (`finalseg`) as jieba does, since rjieba's HMM breaks exact ties differently (达达达达率)."""
        words: list[str] = []
        gathered = ""
        start = 0
        for step in self.fast.cut(stand_in, False):
            end = start + len(step)
            word = run[start:end]
            start = end
            if len(word) == 1:
                gathered += word
                continue
            if gathered:
                words += self._unknown(gathered)
                gathered = ""
            words.append(word)
        if gathered:
            words += self._unknown(gathered)
        return words

    def _unknown(self, chars: str) -> list[str]:
        if len(chars) == 1:
            return [chars]
        known = self.words.get(chars) if self.words is not None else self.tokenizer.FREQ.get(chars)
        if not known:
            return list(self.finalseg.cut(chars))
        return list(chars)


def twin(tokenizer: Any, entries: Iterable[tuple[str, int]] | None = None) -> Any | None:
    """An rjieba tokenizer with the dictionary and total frequency of jieba's `tokenizer`, or None.

    `entries`: the dictionary's (word, frequency) of nonzero frequency, when `tokenizer` holds only
    part of it."""
    try:
        import rjieba
    except ImportError:
        return None
    tokenizer.check_initialized()
    words = dict(entries) if entries is not None else {w: f for w, f in tokenizer.FREQ.items() if f}
    words = {w.translate(_TO_STAND_INS): f for w, f in words.items() if _STAND_IN_SET.isdisjoint(w)}
    # jieba's total counts every word added, also a word added twice (and the words left out above);
    # one spare word makes up the gap
    spare = tokenizer.total - sum(words.values())
    if import_jieba().finalseg.Force_Split_Words or spare < 0:
        return None
    fast = rjieba.Jieba.empty()
    for word, freq in words.items():
        fast.add_word(word, freq, None)
    if spare:
        fast.add_word(_OUTSIDE_HAN, spare, None)
    if any(
        fast.cut(text.translate(_TO_STAND_INS), False)
        != [word.translate(_TO_STAND_INS) for word in _route_words(tokenizer, text)]
        for text in PROBES
    ):
        return None
    return fast


def _route_words(tokenizer: Any, text: str) -> list[str]:
    """jieba's best route through `text` (a run of Chinese characters), one word per step."""
    dag = tokenizer.get_DAG(text)
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, dag, route)
    words, start = [], 0
    while start < len(text):
        end = route[start][1] + 1
        words.append(text[start:end])
        start = end
    return words
