"""jieba's cut, with the best route through each run of Chinese characters found by rjieba (jieba-rs).

jieba cuts a text run by run (`jieba.re_han_default` splits it, and each run is cut on its own):
through a run it takes the most probable path of dictionary words (the prefix DAG and its best
route, the slow part in Python), then gives each stretch of one-character steps to its HMM to find
words the dictionary lacks. For a run made only of Chinese characters the route comes from an rjieba
tokenizer holding the Python tokenizer's dictionary (every word and frequency, user words included)
and the same total frequency: jieba-rs computes the same scores in the same order and, like jieba,
prefers the longer word on a tie. The HMM stays jieba's own (rjieba's breaks exact ties between
paths differently). Runs with digits, Latin letters or other characters stay with jieba.
Without rjieba, when jieba was told to force-split words, or when the two routes differ on the probe
texts, every run stays with jieba.
"""

from __future__ import annotations

import re
from typing import Any

_PURE_HAN = re.compile(r"[\u4e00-\u9fd5]+")
# 达理 against 达 + 理 is decided by 0.0014 in log probability: a total frequency that differs by a
# few tenths of a percent flips it
PROBES = ("调达理", "依法全面履行政府职能深入推进严格规范公正文明执法", "乡镇人民政府法治政府建设年度报告")
_OUTSIDE_HAN = "\ue000"  # a private-use character: in no run of Chinese characters


class HanCut:
    """`lcut(text)` as `tokenizer.lcut(text)` (HMM on) gives it.

    The rjieba twin costs about a third of a second to fill, what jieba spends on a hundred reports'
    Chinese runs: it is made once this cutter has cut `warm_after` texts, so a rebuild of a few
    changed reports does not pay for it.
    """

    def __init__(self, tokenizer: Any, warm_after: int = 32) -> None:
        import jieba

        self.tokenizer = tokenizer
        self.split = jieba.re_han_default.split
        self.space = jieba.re_skip_default
        self.finalseg = jieba.finalseg
        self.fast: Any | None = None
        self.texts_left = warm_after

    def warm(self) -> None:
        """Make the rjieba twin now (before a pool of workers forks, so that they share it)."""
        if self.texts_left >= 0:
            self.texts_left = -1
            self.fast = twin(self.tokenizer)

    def lcut(self, text: str) -> list[str]:
        if self.texts_left >= 0:
            self.texts_left -= 1
            if self.texts_left < 0:
                self.fast = twin(self.tokenizer)
        if self.fast is None:
            return self.tokenizer.lcut(text)
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
                words += self._cut_han(run)
            else:
                words += self.tokenizer.lcut(run)
        return words

    def _cut_han(self, run: str) -> list[str]:
        """jieba's `__cut_DAG` on a run of Chinese characters, its best route taken from rjieba.

        Only the route: consecutive one-character steps are gathered and passed to jieba's own HMM
        (`finalseg`) as jieba does, since rjieba's HMM breaks exact ties differently (达达达达率)."""
        words: list[str] = []
        gathered = ""
        for word in self.fast.cut(run, False):
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
        if not self.tokenizer.FREQ.get(chars):
            return list(self.finalseg.cut(chars))
        return list(chars)


def twin(tokenizer: Any) -> Any | None:
    """An rjieba tokenizer with the dictionary and total frequency of jieba's `tokenizer`, or None."""
    try:
        import rjieba
        from jieba import finalseg
    except ImportError:
        return None
    tokenizer.check_initialized()
    words = {word: freq for word, freq in tokenizer.FREQ.items() if freq}
    # jieba's total counts every word added, also a word added twice; one spare word makes up the gap
    spare = tokenizer.total - sum(words.values())
    if finalseg.Force_Split_Words or spare < 0:
        return None
    fast = rjieba.Jieba.empty()
    for word, freq in words.items():
        fast.add_word(word, freq, None)
    if spare:
        fast.add_word(_OUTSIDE_HAN, spare, None)
    if any(fast.cut(text, False) != _route_words(tokenizer, text) for text in PROBES):
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
