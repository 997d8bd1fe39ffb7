"""Topics: a controlled list (content/vocab/topics.yml) assigned to each report by evidence in its text.

A topic's terms are counted in the report's text, headings counting more than paragraphs; a report is put
under the topic when the weighted count, its density per 1,000 characters and the number of distinct terms
all reach the topic's thresholds. The counts are kept as evidence, whether or not the topic was assigned.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .exceptions import FazhiError
from .model import Document, TopicEvidence
from .prepared import kept_yaml, tables_folder

TOPICS_SCHEMA = "fazhi/topics/1"
TOPICS_TABLE = "topics"  # the parsed topic list kept with the prepared tables
_THRESHOLDS = ("min_hits", "min_per_1000", "min_terms", "heading_weight")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class VocabError(FazhiError):
    """A vocabulary file (content/vocab/*.yml) is invalid."""


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    description: str
    terms: tuple[str, ...]
    min_hits: int = 4
    min_per_1000: float = 0.8
    min_terms: int = 2
    heading_weight: int = 3

    @property
    def pattern(self) -> re.Pattern[str]:
        """Longest term first, so 行政复议 is counted once and not again as 复议."""
        ordered = sorted(self.terms, key=len, reverse=True)
        return re.compile("|".join(re.escape(t) for t in ordered))


def load_topics(path: Path) -> list[Topic]:
    """Read and check topics.yml; every problem names the file."""
    try:
        data = kept_yaml(TOPICS_TABLE, path) if tables_folder() else yaml.safe_load(
            path.read_text(encoding="utf-8")
        )
    except (OSError, yaml.YAMLError) as err:
        raise VocabError(str(path), f"cannot read the topic list: {err}") from err
    return parse_topics(data, str(path))


def parse_topics(data: Any, file: str) -> list[Topic]:
    if not isinstance(data, dict) or data.get("schema") != TOPICS_SCHEMA:
        raise VocabError(file, f"expected a mapping with schema: {TOPICS_SCHEMA}")
    defaults = data.get("defaults") or {}
    unknown = set(defaults) - set(_THRESHOLDS)
    if unknown:
        raise VocabError(file, f"unknown defaults {sorted(unknown)}; expected {list(_THRESHOLDS)}")
    entries = data.get("topics")
    if not isinstance(entries, list) or not entries:
        raise VocabError(file, "expected a non-empty list under `topics`")
    topics = [_topic(entry, defaults, file, n) for n, entry in enumerate(entries, start=1)]
    for attr in ("name", "slug"):
        values = [getattr(t, attr) for t in topics]
        if len(set(values)) != len(values):
            raise VocabError(file, f"two topics share a {attr}")
    return topics


def _topic(entry: Any, defaults: dict[str, Any], file: str, number: int) -> Topic:
    where = f"topic #{number}"
    if not isinstance(entry, dict):
        raise VocabError(file, f"{where}: expected a mapping, received {type(entry).__name__}")
    allowed = {"name", "slug", "description", "terms", *_THRESHOLDS}
    if set(entry) - allowed:
        raise VocabError(file, f"{where}: unknown keys {sorted(set(entry) - allowed)}")
    name, slug, terms = entry.get("name"), entry.get("slug"), entry.get("terms")
    if not isinstance(name, str) or not name:
        raise VocabError(file, f"{where}: `name` must be a non-empty string")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise VocabError(file, f"{where} ({name}): `slug` must be lower-case ASCII, digits and -")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t for t in terms):
        raise VocabError(file, f"{where} ({name}): `terms` must be a non-empty list of strings")
    limits = {k: entry.get(k, defaults.get(k)) for k in _THRESHOLDS}
    limits = {k: v for k, v in limits.items() if v is not None}
    if not all(isinstance(v, int | float) and v >= 0 for v in limits.values()):
        raise VocabError(file, f"{where} ({name}): thresholds must be non-negative numbers")
    return Topic(name, slug, str(entry.get("description") or ""), tuple(terms), **limits)


def topic_evidence(doc: Document, topic: Topic) -> TopicEvidence:
    """Count the topic's terms in the report's paragraphs and headings."""
    pattern = topic.pattern
    terms: dict[str, int] = {}
    headings: list[str] = []
    hits = 0
    length = 0
    for block in doc.blocks:
        text = (block.lead or "") + block.text
        length += len(text)
        found = pattern.findall(text)
        if not found:
            continue
        for term in found:
            terms[term] = terms.get(term, 0) + 1
        in_heading = block.kind == "heading" or block.kind == "title" or bool(block.lead)
        hits += len(found) * (topic.heading_weight if in_heading else 1)
        if in_heading:
            headings.append(block.lead or block.text)
    per_1000 = round(1000 * hits / length, 2) if length else 0.0
    assigned = (
        hits >= topic.min_hits and per_1000 >= topic.min_per_1000 and len(terms) >= topic.min_terms
    )
    ordered = dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0])))
    return TopicEvidence(topic.name, hits, per_1000, ordered, tuple(headings), assigned)


def assign_topics(doc: Document, topics: list[Topic]) -> tuple[list[str], list[TopicEvidence]]:
    """The topics a report is about (in vocabulary order) and the evidence for every topic seen."""
    evidence = [topic_evidence(doc, topic) for topic in topics]
    chosen = [e.topic for e in evidence if e.assigned]
    return chosen, [e for e in evidence if e.hits]


TOPICS_FILE = Path("content") / "vocab" / "topics.yml"
_state: dict[str, list[Topic]] = {}
_lock = threading.Lock()


def find_topics_file(start: Path) -> Path | None:
    """content/vocab/topics.yml of the project containing `start`, if there is one."""
    for folder in (start, *start.parents):
        candidate = folder / TOPICS_FILE
        if candidate.is_file():
            return candidate
    return None


def use_topics(path: Path | None) -> None:
    """Assign topics from the list at `path` from now on (None: no topics). Build calls this once."""
    with _lock:
        _state["topics"] = load_topics(path) if path else []


def current_topics() -> list[Topic]:
    """The topic list in use: set by `use_topics`, else the project's around the working folder.

    Per-report stages run in worker processes, which read it on first use like `fazhi.tokens` does.
    """
    with _lock:
        if "topics" not in _state:
            path = find_topics_file(Path.cwd())
            _state["topics"] = load_topics(path) if path else []
        return _state["topics"]
