"""Stage `assemble` with a memory: what the last build made from unchanged inputs is taken again.

Everything `assemble` makes is a pure function of its inputs, so a piece is reused only when the inputs
it is made of are equal to those it was made of last time:

- a report's term counts (the input of similar reports, numbered by the memory's own `Terms`) and
  its browse view's digest, by its cache key and id (`BuildResult.inputs`: the digest of its source,
  override, vocabulary and the code);
- a report's page links, by `site.page_links_inputs`: its own key, the pages of its places, the
  reports it lists and the browse view digests of those (which cover all a list shows of them);
- a place's folder name (pinyin), by its name;
- the whole similarity matrix and what made each of its rows (`related.Similarities`): the rows
  of unchanged reports are taken again;
- the site-wide pages (`site_files.shared_tree`), by the digest of every report's browse view
  (`browse_view`: the report without what only its own page shows), the hand-written pages, the
  topics, the indicator vocabulary and the code. They are always made from those views, so the
  digest covers everything they read.

The memory is pickles of our own in build/cache (never read from anywhere else), dropped whole
when made by other code; each table kept as a base and a small delta (see `Memo`), the similarity
matrix in a file of its own (both CRC-checked); entries no build uses any more are dropped.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.metadata
import pickle
import secrets
import zlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .atomic import write_file
from .cache import code_version, digest_files, files_below
from .incremental import collector_paused
from .indicators import VOCAB_FILE
from .model import Document, Report
from .related import Similarities
from .site import SiteContext, build_context, page_links_inputs, place_slug, with_page_links
from .site_files import shared_tree
from .term_matrix import INDEX, TermCounts, Terms
from .topics import Topic
from .write import DocsTree

MEMO_SCHEMA = "fazhi/site-memo/2"
SIMILARITIES_FILE = "similarities.pickle"


@cache
def made_by() -> str:
    """The code, and the place-name romanisation its folder names come from: a memory made by
    other code is not used."""
    return f"{code_version()} pypinyin {importlib.metadata.version('pypinyin')}"


_UNREADABLE = (
    OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError, ValueError
)  # fmt: skip
# tables whose values change in place (the term numbering grows): written whole with every delta
CHANGED_IN_PLACE = frozenset({"vocabulary"})


def read_checked(path: Path) -> Any:
    """A pickle written by `write_checked`, or None when missing, damaged or unreadable."""
    try:
        data = path.read_bytes()
        if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
            return None
        return pickle.loads(data[4:])
    except _UNREADABLE:
        return None


def write_checked(path: Path, value: Any) -> None:
    """`value` pickled behind the CRC-32 of its bytes, in one step."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    write_file(path, [zlib.crc32(data).to_bytes(4, "little"), data])


@dataclass
class Memo:
    """Tables of values by key; `get` makes what is missing.

    Kept in two pickles: the base (`path`) and a delta beside it (`<path>.delta`, CRC-checked)
    holding the entries the base lacks. A rebuild that made a few entries writes the small delta
    only; the base is written again (with the entries used, the delta removed) once the delta
    passes a quarter of the entries or entries no longer used pass a quarter of the base."""

    path: Path | None
    _old: dict[str, dict[Hashable, Any]] = field(default_factory=dict, repr=False)
    _new: dict[str, dict[Hashable, Any]] = field(default_factory=dict, repr=False)
    _made: bool = False
    _base: dict[str, dict[Hashable, Any]] = field(default_factory=dict, repr=False)
    _base_id: str = ""
    _rewrite: bool = False  # a table was forgotten: the base must go

    @property
    def delta_path(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".delta")

    def __post_init__(self) -> None:
        if self.path is None:
            return
        try:
            loaded = pickle.loads(self.path.read_bytes())
        except _UNREADABLE:
            return
        if not isinstance(loaded, dict) or loaded.get("schema") != MEMO_SCHEMA:
            return
        tables = loaded.get("tables")
        if loaded.get("made_by") != made_by() or not isinstance(tables, dict):
            return
        self._base, self._base_id = tables, str(loaded.get("id", ""))
        self._old = {table: dict(entries) for table, entries in tables.items()}
        assert self.delta_path is not None
        delta = read_checked(self.delta_path)
        if (
            isinstance(delta, dict)
            and delta.get("schema") == MEMO_SCHEMA
            and delta.get("made_by") == made_by()
            and self._base_id
            and delta.get("base") == self._base_id
            and isinstance(delta.get("tables"), dict)
        ):
            for table, entries in delta["tables"].items():
                self._old.setdefault(table, {}).update(entries)

    def get(self, table: str, key: Hashable, make: Callable[[], Any]) -> Any:
        old = self._old.get(table, {})
        new = self._new.setdefault(table, {})
        if key in old:
            new[key] = old[key]
        else:
            new[key] = make()
            self._made = True
        return new[key]

    def previous(self, table: str, key: Hashable) -> Any:
        """What the last build kept under `key` (None when nothing), without keeping it."""
        return self._old.get(table, {}).get(key)

    def put(self, table: str, key: Hashable, value: Any) -> None:
        self._new.setdefault(table, {})[key] = value
        self._base.get(table, {}).pop(key, None)  # written with the delta from now on
        self._made = True

    def forget(self, *tables: str) -> None:
        for table in tables:
            self._old.pop(table, None)
            self._new.pop(table, None)
        self._made = self._rewrite = True

    def save(self) -> None:
        """Write the entries this build used, when one was made or one went unused."""
        if self.path is None or self.delta_path is None:
            return
        used = {t: len(v) for t, v in self._new.items()}
        if not self._made and used == {t: len(v) for t, v in self._old.items()}:
            return
        delta = {
            table: {
                key: value
                for key, value in entries.items()
                if table in CHANGED_IN_PLACE or key not in self._base.get(table, {})
            }
            for table, entries in self._new.items()
        }
        in_delta = sum(map(len, delta.values()))
        in_base = sum(map(len, self._base.values()))
        unused = sum(len(old.keys() - self._new.get(t, {}).keys()) for t, old in self._base.items())
        record = {"schema": MEMO_SCHEMA, "made_by": made_by()}
        small = 4 * in_delta <= sum(used.values()) and 4 * unused <= in_base
        if self._rewrite or not self._base_id or not small:
            self._base_id = secrets.token_hex(8)
            record |= {"id": self._base_id, "tables": self._new}
            self.delta_path.unlink(missing_ok=True)
            write_file(self.path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        else:
            write_checked(self.delta_path, record | {"base": self._base_id, "tables": delta})


EMPTY_DOCUMENT = Document(blocks=[])


def browse_view(report: Report) -> Report:
    """The report as the site-wide pages see it: without its text, its tokens, the evidence and
    keywords shown on its own page only, its page links and its source's digest and size."""
    return replace(
        report,
        source=replace(report.source, sha256="", size=0),
        doc=EMPTY_DOCUMENT,
        outline=[],
        keywords=[],
        topic_evidence=[],
        coverage_evidence={},
        tokens="",
        page_links={},
        problems=[],
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def shared_inputs(views: list[str], pages_dir: Path, topics: list[Topic]) -> str:
    """Digest of everything the site-wide pages are made of, given each report's view digest."""
    parts = [
        code_version(),
        digest_files(files_below(pages_dir), pages_dir),
        digest_files([VOCAB_FILE], VOCAB_FILE.parent) if VOCAB_FILE.is_file() else "",
        repr(topics),
        *views,
    ]
    return _digest("\n".join(parts))


def assemble_site(
    reports: list[Report],
    inputs: Mapping[str, str],
    pages_dir: Path,
    topics: list[Topic],
    cache_dir: Path | None = None,
) -> tuple[list[Report], DocsTree]:
    """The reports with their page links, and the site-wide pages. `inputs`: each report's cache
    key by id; a report without one is made afresh every time, and the site-wide pages with it."""
    with collector_paused():
        return _assembled(reports, inputs, pages_dir, topics, cache_dir)


def _assembled(
    reports: list[Report],
    inputs: Mapping[str, str],
    pages_dir: Path,
    topics: list[Topic],
    cache_dir: Path | None,
) -> tuple[list[Report], DocsTree]:
    memo = Memo(cache_dir / "site-memo.pickle" if cache_dir else None)
    pages = Memo(cache_dir / "site-pages.pickle" if cache_dir else None)
    counts = _counted(reports, inputs, memo)
    kept = _kept_similarities(cache_dir)
    similarities = [kept]
    context = build_context(
        reports,
        topics,
        counts=counts,
        slug_of=lambda name: memo.get("slugs", name, lambda: place_slug(name)),
        similarities=similarities,
    )
    if cache_dir is not None and similarities and similarities[0] not in (None, kept):
        write_checked(cache_dir / SIMILARITIES_FILE, (made_by(), similarities[0]))

    def make_pages() -> DocsTree:
        views = [browse_view(r) for r in reports]
        lean = replace(context, reports={v.id: v for v in views}, similar={})
        return shared_tree(views, pages_dir, lean)

    if any(r.id not in inputs for r in reports):
        linked, shared = with_page_links(reports, context), make_pages()
    else:
        shown = {
            r.id: memo.get("views", (inputs[r.id], r.id), lambda r=r: _digest(repr(browse_view(r))))
            for r in reports
        }
        linked = _linked(reports, context, inputs, shown, memo, _digest(repr(topics)))
        shared = pages.get(
            "pages", shared_inputs(list(shown.values()), pages_dir, topics), make_pages
        )
    memo.save()
    pages.save()
    return linked, shared


def _kept_similarities(cache_dir: Path | None) -> Similarities | None:
    """The similarity matrix the last build kept (`related.Similarities`), if made by this code."""
    kept = read_checked(cache_dir / SIMILARITIES_FILE) if cache_dir is not None else None
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == made_by():
        return kept[1] if isinstance(kept[1], Similarities) else None
    return None


def _counted(
    reports: list[Report], inputs: Mapping[str, str], memo: Memo
) -> tuple[Terms, list[TermCounts]]:
    """Each report's term counts, from the memo unless the report changed. The term numbers are
    the memo's own; they are numbered afresh (and every report counted again) when more than half
    of the terms it holds are no longer used."""
    for _ in range(2):
        terms: Terms = memo.get("vocabulary", "terms", Terms)
        counted = []
        for report in reports:
            key = inputs.get(report.id)
            make = lambda r=report, t=terms: t.count(r.tokens.split())  # noqa: E731
            counted.append(make() if key is None else memo.get("terms", key, make))
        numbers = np.frombuffer(b"".join(c.terms for c in counted), INDEX)
        in_use = np.count_nonzero(np.bincount(numbers, minlength=len(terms.names)))
        if len(terms.names) <= 2 * in_use + 1000:
            break
        memo.forget("vocabulary", "terms")
    return terms, counted


def _linked(
    reports: list[Report],
    context: SiteContext,
    inputs: Mapping[str, str],
    shown: Mapping[str, str],
    memo: Memo,
    topics: str,
) -> list[Report]:
    """`site.with_page_links`, each report's links taken again when what they show is unchanged
    (`shown`: each report's browse view digest, which covers what a list of reports shows)."""
    linked = []
    for report in reports:
        key = (topics, *page_links_inputs(report, context, inputs[report.id], shown))
        links = memo.get("links", key, lambda r=report: with_page_links([r], context)[0].page_links)
        report = copy.copy(report)
        report.page_links = links
        linked.append(report)
    return linked
