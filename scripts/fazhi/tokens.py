"""Chinese word segmentation shared by keywords, topics and similarity: jieba plus the domain vocabulary.

One jieba tokenizer per process, initialised on first use with
- every place name of the official admin-division list (拉沟乡, 鹿寨县 … stay one word), and
- the editors' domain dictionary content/vocab/jieba.txt (法治政府建设, 三重一大, 谁执法谁普法 …).
All gazetteer names are loaded, not only those in the current corpus, so that adding a report never changes how
the others are segmented. Site search does not use this module: it indexes characters (see `search`).

Building that dictionary costs a fresh process a second (jieba's 350,000 words, then 36,000 added):
where the build keeps prepared tables (`fazhi.prepared`) it is built once and kept as a table, and a
later process loads only the entries the texts it cuts can consult (`hancut.LazyWords`).
"""

from __future__ import annotations

import csv
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress
from pathlib import Path

from .exceptions import FazhiError
from .hancut import HanCut, LazyWords, first_two, import_jieba
from .prepared import TableUnreadable, inputs_key, open_table, save_table, tables_folder

VOCAB_FILE = Path("content") / "vocab" / "jieba.txt"
PLACE_FREQ = 1000
_DIVISION_FILES = ("provinces", "cities", "areas", "streets")
_NOT_PLACES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
WORDS_TABLE = "jieba-words"
_WORD_BUCKETS = 1 << 17
_WORD_RE = re.compile(r"[\w%％]")
_ENTRY_RE = re.compile(r"^(?P<word>.+?)(?: (?P<freq>\d+))?(?: (?P<tag>[A-Za-z]+))?$")


class VocabError(FazhiError):
    """A line of the jieba user dictionary that is not `词 [频率] [词性]`."""


@dataclass(frozen=True)
class Entry:
    word: str
    freq: int | None = None
    tag: str | None = None


def parse_vocab(text: str, file: str = "jieba.txt") -> list[Entry]:
    """Entries of a jieba user dictionary (jieba's own format: `词 [频率] [词性]`, one per line)."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _ENTRY_RE.match(line)
        if not match or " " in match["word"]:
            raise VocabError(file, f"expected `词 [频率] [词性]`, got {line!r}", line=number)
        freq = int(match["freq"]) if match["freq"] else None
        entries.append(Entry(match["word"], freq, match["tag"]))
    return entries


@cache
def place_names() -> tuple[str, ...]:
    """Distinct names of the admin-division list, three characters or longer (鹿寨县, 拉沟乡)."""
    root = resources.files("fazhi") / "data" / "admin-divisions"
    names: set[str] = set()
    for stem in _DIVISION_FILES:
        with (root / f"{stem}.csv").open(encoding="utf-8") as handle:
            names.update(row["name"].strip() for row in csv.DictReader(handle))
    return tuple(sorted(n for n in names if len(n) >= 3 and n not in _NOT_PLACES))


def find_vocab(start: Path) -> Path | None:
    """content/vocab/jieba.txt of the project containing `start`, if there is one."""
    for folder in (start, *start.parents):
        candidate = folder / VOCAB_FILE
        if candidate.is_file():
            return candidate
    return None


def new_segmenter(vocab: list[Entry]):  # -> jieba.Tokenizer (jieba ships no type hints)
    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    segmenter.initialize()
    for name in place_names():
        segmenter.add_word(name, PLACE_FREQ, "ns")
    for entry in vocab:
        segmenter.add_word(entry.word, entry.freq, entry.tag)
    return segmenter


_lock = threading.Lock()
_state: dict[str, object] = {}


def use_vocab(path: Path | None) -> None:
    """Segment with the dictionary at `path` from now on (None: places only). Build calls this once;
    the segmenter already made is kept when the dictionary is the same file with the same words."""
    words = path.read_bytes() if path else b""
    with _lock:
        if _state.get("vocab", ...) != path or _state.get("words") != words:
            _state.pop("segmenter", None)
        _state["vocab"], _state["words"] = path, words


def _segmenter():
    with _lock:
        if "segmenter" not in _state:
            path = _state["vocab"] if "vocab" in _state else find_vocab(Path.cwd())
            _state["segmenter"] = make_segmenter(path)
        return _state["segmenter"]


def _vocab_of(path: Path | None) -> list[Entry]:
    return parse_vocab(path.read_text(encoding="utf-8"), str(path)) if path else []


def _words_key(path: Path | None) -> str:
    """Digest of what the dictionary is made from: jieba (its version), the admin-division list,
    this module (how the list becomes words), the table format and the user dictionary."""
    jieba = import_jieba()
    divisions = Path(__file__).parent / "data" / "admin-divisions"
    return inputs_key(
        WORDS_TABLE,
        Path(jieba.__file__),
        Path(__file__),
        Path(__file__).parent / "prepared.py",
        *(divisions / f"{stem}.csv" for stem in _DIVISION_FILES),
        path.read_bytes() if path else b"",
    )


def make_segmenter(path: Path | None) -> HanCut:
    """The segmenter with the user dictionary at `path`: from the prepared table when there is one,
    else built (and its table written, when the build keeps tables)."""
    key = _words_key(path) if tables_folder() is not None else ""
    table = open_table(WORDS_TABLE, key, first_two)
    if table is not None:
        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        for word in table.header["force_split"]:
            jieba.finalseg.add_force_split(word)
        words = LazyWords(table, table.header["total"], lambda: new_segmenter(_vocab_of(path)))

        def twin_words() -> Iterable[tuple[str, int]] | None:
            try:
                names, freqs = table.columns()
            except TableUnreadable:
                return None
            return zip(compress(names, freqs), filter(None, freqs), strict=True)

        return HanCut(words.tokenizer, words=words, twin_words=twin_words)
    tokenizer = new_segmenter(_vocab_of(path))
    if tables_folder() is not None:
        force_split = sorted(import_jieba().finalseg.Force_Split_Words)
        header = {"total": tokenizer.total, "force_split": force_split}
        save_table(WORDS_TABLE, key, header, tokenizer.FREQ, first_two, _WORD_BUCKETS, "q")
    return HanCut(tokenizer)


def tokenize(text: str) -> list[str]:
    """Words of `text` in order; whitespace and punctuation-only pieces are dropped."""
    return [w for w in _segmenter().lcut(text) if _WORD_RE.search(w)]


def warm_up() -> None:
    """Load the segmenter with its rjieba twin now (see `fazhi.pipeline.warm_up`)."""
    segmenter = _segmenter()
    if isinstance(segmenter, HanCut):
        segmenter.warm()
