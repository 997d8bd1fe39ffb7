"""The matching form of text for site search, shared by the index (Python) and the browser (fazhi-search.js).

`fold` maps each character on its own: NFKC (full-width ２０２３ → 2023, ％ → %), lower case, traditional →
simplified by OpenCC's character table, and whitespace dropped (`法治政府 建设` matches 法治政府建设). It is a
matching key only, never shown: pages keep their own text. The browser applies the same steps with
String.normalize("NFKC"), toLowerCase() and the t2s table shipped in the index manifest.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources


@cache
def t2s_table() -> dict[str, str]:
    """Traditional → simplified, one character to one character (OpenCC TSCharacters, first choice)."""
    text = (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


@cache
def fold_char(char: str) -> str:
    """The matching form of one character: '' for whitespace, else NFKC + lower case + t2s."""
    if char.isspace():
        return ""
    table = t2s_table()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", char).lower() if not c.isspace())


_changes: dict[int, str] = {}
_known: set[str] = set()


def changes_for(chars: set[str]) -> dict[int, str]:
    """The str.translate table of `fold`, grown by those of `chars` not met so far."""
    new = chars - _known
    for char in new:
        folded = fold_char(char)
        if folded != char:
            _changes[ord(char)] = folded
    _known.update(new)
    return _changes


def fold(text: str) -> str:
    """`fold_char` over `text`, as one str.translate with a table grown by the characters met so far."""
    return text.translate(changes_for(set(text)))


def browser_table(folded_corpus_chars: set[str]) -> dict[str, str]:
    """The part of the t2s table the browser needs: entries whose simplified form occurs in the index.

    A query character whose simplified form is nowhere in the corpus cannot match anything either way.
    """
    return {k: v for k, v in sorted(t2s_table().items()) if v in folded_corpus_chars}
