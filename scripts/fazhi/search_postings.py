"""Index keys and postings as integer arrays, so building the index costs C loops, not Python ones.

A key (one character, or two adjacent characters of one block) is the integer `first << 21 | second + 1`
(`second + 1` is 0 for a single character): code points fit in 21 bits, and integer order is the order
of the key strings, so the shard files list their keys exactly as `sorted()` over the strings would.
A posting is `key << DOC_BITS | document`, so one sort of all postings groups them by key with the
documents ascending. The encodings (gaps in base-64 digits, FNV-1a shards) are those of `search`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .searchtext import changes_for

CODE_BITS = 21
DOC_BITS = 22
MAX_DOCS = 1 << DOC_BITS
SLICE = 1 << 20  # postings encoded at once (more when there are more documents than that)
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_B64 = np.frombuffer(B64.encode("ascii"), np.uint8)
_DELETED = 0xFFFFFFFF  # not a code point: marks a character that folding drops
_met: set[int] = set()  # code points whose folding `changes_for` has already been asked for


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def fold_codes(text: str) -> np.ndarray:
    """The code points of `searchtext.fold(text)`, mapped by array lookups instead of str.translate's
    dictionary lookup per character (most changes are one character for one, or a deletion)."""
    codes = code_points(text)
    present = distinct(codes).tolist()
    new = set(present).difference(_met)
    table = changes_for(set(map(chr, new)))
    _met.update(new)
    changed = [code for code in present if code in table]
    targets = [table[code] for code in changed]
    if not changed:
        return codes
    if any(len(target) > 1 for target in targets):
        return code_points(text.translate(table))
    source = np.array(changed, np.uint32)
    target = np.array([ord(t) if t else _DELETED for t in targets], np.uint32)
    at = np.minimum(np.searchsorted(source, codes), len(source) - 1)
    hit = source[at] == codes
    folded = codes.copy()
    folded[hit] = target[at[hit]]
    return folded[folded != _DELETED] if "" in targets else folded


def key_codes(folded: np.ndarray) -> np.ndarray:
    """The sorted distinct keys of folded code points whose blocks are separated by 0 (no key spans two)."""
    chars = folded.astype(np.uint64)
    first, second = chars[:-1], chars[1:]
    pairs = (first << CODE_BITS) | (second + 1)
    pairs = pairs[(first != 0) & (second != 0)]
    singles = chars[chars != 0] << CODE_BITS
    return distinct(np.concatenate([singles, pairs]))


def distinct(codes: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique, without its hashing pass that costs more than the sort)."""
    codes = np.sort(codes)
    keep = np.ones(len(codes), bool)
    keep[1:] = codes[1:] != codes[:-1]
    return codes[keep]


def key_string(code: int) -> str:
    second = code & ((1 << CODE_BITS) - 1)
    first = chr(code >> CODE_BITS)
    return first + chr(second - 1) if second else first


@dataclass(frozen=True)
class Postings:
    """Distinct keys (ascending) and, for each, its documents as a gap string: `text[start[i]:end[i]]`."""

    keys: np.ndarray
    text: str
    start: np.ndarray
    end: np.ndarray


def postings(per_doc: list[np.ndarray]) -> Postings:
    """Invert each document's distinct keys (document n = per_doc[n]) into gap-encoded postings.

    The sorted postings are encoded a slice of whole keys at a time, so the temporary arrays stay
    small however large the index is.
    """
    if len(per_doc) >= MAX_DOCS:
        raise ValueError(f"the search index holds at most {MAX_DOCS - 1} documents")
    combined = np.concatenate(
        [(np.asarray(k, np.uint64) << DOC_BITS) | np.uint64(n) for n, k in enumerate(per_doc)]
        or [np.empty(0, np.uint64)]
    )
    combined.sort()
    pieces: list[Postings] = []
    start, length = 0, 0
    size = max(SLICE, len(per_doc) + 1)  # more than any one key has, so every slice holds a key
    while start < len(combined):
        stop = min(start + size, len(combined))
        if stop < len(combined):  # back to the first posting of the key at `stop`
            stop = int(np.searchsorted(combined, (combined[stop] >> DOC_BITS) << DOC_BITS))
        piece = _slice_postings(combined[start:stop])
        pieces.append(replace(piece, start=piece.start + length, end=piece.end + length))
        length += len(piece.text)
        start = stop
    if not pieces:
        empty = np.empty(0, np.int64)
        return Postings(np.empty(0, np.uint64), "", empty, empty)
    return Postings(
        np.concatenate([p.keys for p in pieces]),
        "".join(p.text for p in pieces),
        np.concatenate([p.start for p in pieces]),
        np.concatenate([p.end for p in pieces]),
    )


def _slice_postings(combined: np.ndarray) -> Postings:
    """Postings of sorted `key << DOC_BITS | document` values that hold every posting of their keys."""
    keys = combined >> DOC_BITS
    docs = (combined & np.uint64(MAX_DOCS - 1)).astype(np.int32)
    new = np.ones(len(keys), bool)
    new[1:] = keys[1:] != keys[:-1]
    previous = np.empty(len(docs), np.int32)
    previous[1:] = docs[:-1]
    previous[new] = -1
    text, offsets = encode_gaps(docs - previous - 1)
    firsts = np.flatnonzero(new)
    ends = np.append(offsets[firsts[1:]], len(text))
    return Postings(keys[firsts], text, offsets[firsts], ends)


def encode_gaps(gaps: np.ndarray) -> tuple[str, np.ndarray]:
    """Each gap in base-64 digits, 5 bits a digit, low bits first, bit 6 set on all but the last digit;
    the digits of all gaps as one string and where each gap's digits start."""
    digits = np.ones(len(gaps), np.int32)
    limit = 32
    while len(gaps) and limit <= gaps.max():
        digits += gaps >= limit
        limit <<= 5
    ends = np.cumsum(digits, dtype=np.int64)
    starts = ends - digits
    out = np.empty(int(ends[-1]) if len(ends) else 0, np.uint8)
    out[starts] = (gaps & 31) | ((digits > 1).view(np.uint8) << 5)
    longer = np.flatnonzero(digits > 1)
    place = 1
    while len(longer):
        value = (gaps[longer] >> (5 * place)) & 31
        more = (digits[longer] > place + 1).astype(np.int64) << 5
        out[starts[longer] + place] = value | more
        longer = longer[digits[longer] > place + 1]
        place += 1
    return _B64[out].tobytes().decode("ascii"), starts


def shards_of(keys: np.ndarray, shards: int) -> np.ndarray:
    """`search.shard_of` for many keys at once: FNV-1a over the UTF-16 code units of each key string."""
    low = keys & np.uint64((1 << CODE_BITS) - 1)
    chars = [keys >> CODE_BITS, np.where(low > 0, low - 1, np.uint64(0))]
    present = [np.ones(len(keys), bool), low > 0]
    h = np.full(len(keys), FNV_OFFSET, np.uint64)
    for char, has in zip(chars, present, strict=True):
        astral = char >= 0x10000
        high_unit = np.where(astral, 0xD800 + ((char - 0x10000) >> 10), char)
        low_unit = 0xDC00 + ((char - 0x10000) & 0x3FF)
        h = np.where(has, _fnv_step(h, high_unit), h)
        h = np.where(has & astral, _fnv_step(h, low_unit), h)
    return (h % np.uint64(shards)).astype(np.int64)


def _fnv_step(h: np.ndarray, unit: np.ndarray) -> np.ndarray:
    return ((h ^ unit) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
