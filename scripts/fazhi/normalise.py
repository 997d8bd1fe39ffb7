"""Character-level normalisation of report text, each change logged.

Documented transforms (the nothing-lost check undoes them before comparing):
full-width digits, letters and ％ → half-width; half-width brackets, commas, semicolons and colons
in Chinese context → full-width; spaces inside Chinese text removed; traditional characters →
simplified with OpenCC `t2s` (character and term tables only, never the regional phrase modes).
Suspected artefacts (Latin words inside Chinese text, garbled characters) are kept and flagged.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .meta_text import t2s_single_keys
from .model import LogEntry
from .prepared import inputs_key, load_value, save_value, tables_folder

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018-\u201d\u2026\u00b7"

TRADITIONAL_ONLY = "traditional-only"
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH["％"] = "%"
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)

_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000\ufeff]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SPACE_BETWEEN = re.compile(
    rf"(?<=[{HAN}{_CJK_PUNCT}]) (?=[{HAN}{_CJK_PUNCT}\d])"
    rf"|(?<=[\d%{_CJK_PUNCT}]) (?=[{HAN}{_CJK_PUNCT}])"
    rf"|(?<=[{_CJK_PUNCT}]) (?=[\w(])|(?<=[\w)]) (?=[{_CJK_PUNCT}])"
    rf"|(?<=[{HAN}]) (?=[A-Za-z])|(?<=[A-Za-z]) (?=[{HAN}])|(?<=\d) (?=%)"
)
ORG_SUFFIX = r"(?:委员会|人民政府|办事处|办公室|党工委|党委)"
# A space between two organisation names (joint-issuer titles: 中共××委员会 ××人民政府关于… or
# …人民政府2023年…) is kept.
_ORG_GAP = re.compile(rf"{ORG_SUFFIX} (?=[{HAN}（）]{{2,30}}?{ORG_SUFFIX}(?:关于| |$|\d{{4}}|[〇○零一二三四五六七八九]{{4}}年|法治|依法))")

_BRACKETS = re.compile(r"\(([^()]{0,40})\)")
_HAN_RE = re.compile(rf"[{HAN}]")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_PUNCT_IN_HAN = re.compile(
    rf"(?<=[{HAN}]) ?([,;:?!]) ?(?=[{HAN}\d“《（(])|(?<=[\d%]) ?([,;:?!]) ?(?=[{HAN}“《（(])"
    rf"|(?<=[{HAN}])([,;:?!])$"
)
_DECIMAL = re.compile(r"(?<=\d)[．。](?=\d)")
_PUNCT_MAP = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

_LATIN_WORD = re.compile(rf"(?<=[{HAN}{_CJK_PUNCT}])([a-z]{{2,}}(?: [a-z]{{2,}})*)(?=[{HAN}])")
_WEB_ADDRESS = re.compile(r"https?://\S+|www\.[\w.-]+", re.IGNORECASE)
_GARBLED = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|锟斤拷|烫烫烫|Ã.|â€")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def fullwidth_to_halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH_TABLE)


def documented_transforms(text: str, whole_script: bool = False) -> str:
    """The character transforms that cleaning applies everywhere (used by the nothing-lost check)."""
    text = fullwidth_to_halfwidth(text)
    return to_simplified(text) if whole_script else simplify_isolated(text)


def is_han(char: str) -> bool:
    return bool(_HAN_RE.match(char))


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _remove_cjk_spaces(text: str) -> str:
    if " " not in text:
        return text
    kept = {m.end() - 1 for m in _ORG_GAP.finditer(text)}
    out = []
    for index, char in enumerate(text):
        if char == " " and index not in kept and _SPACE_BETWEEN.match(text, index):
            continue
        out.append(char)
    return "".join(out)


def _full_brackets(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        inner = match.group(1)
        start = match.start()
        before = text[start - 1] if start else ""
        chinese = bool(_HAN_RE.search(inner)) or is_han(before) or start == 0
        return f"（{inner}）" if chinese else match.group(0)

    return _BRACKETS.sub(repl, text)


def _full_punct(text: str) -> str:
    return _PUNCT_IN_HAN.sub(lambda m: _PUNCT_MAP[m.group(1) or m.group(2) or m.group(3)], text)


_STEPS = (
    ("normalised-width", lambda t: _DECIMAL.sub(".", fullwidth_to_halfwidth(t))),
    ("normalised-space", lambda t: _remove_cjk_spaces(collapse_spaces(t))),
    ("normalised-punctuation", lambda t: _full_punct(_full_brackets(t))),
)


def normalise_line(text: str, line: int) -> tuple[str, list[LogEntry]]:
    """Normalise one line of report text; returns the new text and one log entry per kind of change."""
    log: list[LogEntry] = []
    for action, step in _STEPS:
        changed = step(text)
        visible = text.strip() != changed if action == "normalised-space" else text != changed
        if visible:
            log.append(LogEntry(action, line, text, changed))
        text = changed
    log.extend(flag_artefacts(text, line))
    return text, log


def flag_artefacts(text: str, line: int) -> list[LogEntry]:
    """Suspected conversion artefacts and garbled characters: kept in the text, flagged here."""
    log = [
        LogEntry("suspect-artefact", line, text, note=f"Latin word inside Chinese text: {m.group(1)}")
        for m in _LATIN_WORD.finditer(text)
    ]
    log += [
        LogEntry("suspect-garbled", line, text, note=f"garbled character(s): {m.group(0)!r}")
        for m in _GARBLED.finditer(text)
    ]
    log += [
        LogEntry("suspect-insertion", line, text, note=f"web address inside the text: {m.group(0)}")
        for m in _WEB_ADDRESS.finditer(text)
    ]
    return log


@lru_cache(maxsize=65536)
def is_traditional_only(char: str) -> bool:
    """A character that simplified Chinese does not use: t2s changes it and GB 2312 (the simplified
    character set) cannot encode it. 爲 is; 乾 is not (乾县 is a county, 乾坤 a word)."""
    if not is_han(char) or to_simplified(char) == char:
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """Every character `is_traditional_only` accepts. t2s changes a single character only by a key
    of its character table, so the candidates are those keys (every Han character when the opencc
    tables cannot be read). Testing the 4,000 keys takes a fresh process a fiftieth of a second:
    where the build keeps prepared tables the answer is kept there."""
    key = _traditional_key()
    if key is not None:
        kept = load_value(TRADITIONAL_ONLY, key)
        if isinstance(kept, str):
            return frozenset(kept)
    keys = t2s_single_keys()
    if keys is None:
        keys = frozenset(chr(c) for r in _HAN_RANGES for c in range(r[0], r[1] + 1))
    found = frozenset(c for c in keys if is_traditional_only(c))
    if key is not None:
        save_value(TRADITIONAL_ONLY, key, "".join(sorted(found)))
    return found


def _traditional_key() -> str | None:
    """Digest of what `_traditional_only` depends on: opencc's t2s tables and code, this module
    and meta_text (which reads the tables). None when no tables are kept or opencc is missing."""
    spec = importlib.util.find_spec("opencc")
    if tables_folder() is None or spec is None or spec.origin is None:
        return None
    opencc = Path(spec.origin).parent
    here = Path(__file__).parent
    return inputs_key(
        TRADITIONAL_ONLY,
        opencc / "opencc.py",
        opencc / "config" / "t2s.json",
        opencc / "dictionary" / "TSCharacters.txt",
        opencc / "dictionary" / "TSPhrases.txt",
        here / "normalise.py",
        here / "meta_text.py",
        here / "prepared.py",
    )


def simplify_isolated(text: str) -> str:
    """Convert only traditional-only characters, one at a time (for a simplified text)."""
    if _traditional_only().isdisjoint(text):
        return text
    table = {ord(c): to_simplified(c) for c in set(text) if is_traditional_only(c)}
    return text.translate(table) if table else text


def convert_script(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[LogEntry], bool]:
    """Traditional → simplified with OpenCC t2s. A text whose Han characters are more than 5%
    traditional-only (and at least five) is converted whole; otherwise only its isolated
    traditional-only characters are. Returns new lines, log, and whether it was converted whole."""
    counts = Counter("".join(t for _, t in lines))
    han = sum(n for c, n in counts.items() if is_han(c))
    traditional = sum(n for c, n in counts.items() if is_traditional_only(c))
    whole = traditional >= 5 and traditional / max(han, 1) > 0.05
    convert = to_simplified if whole else simplify_isolated
    out: list[tuple[int, str]] = []
    log: list[LogEntry] = []
    for number, text in lines:
        simple = convert(text)
        if simple != text:
            log.append(LogEntry("t2s", number, text, simple, note="traditional → simplified (OpenCC t2s)"))
        out.append((number, simple))
    return out, log, whole
