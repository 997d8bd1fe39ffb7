"""Stable, readable, URL-safe report ids: year-province-county-township in pinyin (a city's own
reports and its departments': year-province-city)."""

from __future__ import annotations

import functools
import importlib.metadata
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from .cache import code_version
from .model import ReportMeta, Source
from .prepared import inputs_key, load_value, save_value

_SUFFIXES = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市",
    "自治州", "地区", "盟", "自治县", "自治旗", "县", "区", "旗",
    "民族乡", "乡", "镇", "街道", "苏木",
)  # fmt: skip
_UNSAFE = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def short_name(name: str) -> str:
    """Drop the administrative suffix when a name stays at least two characters long."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


_SLUGS_TABLE = "pinyin-slugs"
_slugs: dict[str, str] = {}  # text → its slug, made in this process or kept by `slugs_kept`


def slug(text: str) -> str:
    """Lower-case pinyin without separators: 鹿寨 → luzhai."""
    found = _slugs.get(text)
    if found is None:
        from pypinyin import lazy_pinyin  # about 0.2 s to import: only for names not seen before

        found = _slugs[text] = _UNSAFE.sub("", "".join(lazy_pinyin(text)).lower())
    return found


@contextmanager
def slugs_kept() -> Iterator[None]:
    """Slugs kept with the prepared tables (`prepared.save_value`, where `use_tables` points) by the
    code and pypinyin's version: a rebuild whose place names were all seen before neither imports
    pypinyin nor converts them again."""
    key = inputs_key(_SLUGS_TABLE, code_version(), importlib.metadata.version("pypinyin"))
    kept = load_value(_SLUGS_TABLE, key)
    if isinstance(kept, dict):
        for text, value in kept.items():
            _slugs.setdefault(text, value)
    before = len(_slugs)
    yield
    if not isinstance(kept, dict) or len(_slugs) != before:
        save_value(_SLUGS_TABLE, key, dict(_slugs))


def base_id(meta: ReportMeta, source: Source) -> str:
    """year-place from the metadata; the source's hash stands in for what is unknown."""
    parts = [str(meta.year) if meta.year else "nian-weizhi"]
    region = meta.region
    # the city only when it is the most specific place: county names are nearly unique within a
    # province, and ids of county and township reports stay as they were
    city = region.city if not region.county else None
    places = [region.province, city, region.county, region.township]
    named = [slug(short_name(p)) for p in places if p]
    if named:
        parts.extend(named)
        parts.append(_department_slug(meta))
    else:
        parts.append(source.sha256[:10])
    return "-".join(p for p in parts if p)


def _department_slug(meta: ReportMeta) -> str:
    """上犹县司法局 → sifaju, so that a department's report does not clash with its government's."""
    if meta.level != "department" or not meta.issuer:
        return ""
    office = meta.issuer
    for name in meta.region.as_dict().values():
        if name:
            office = office.replace(name, "")
    return slug(office)


def assign_ids(items: list[tuple[ReportMeta, Source]]) -> list[str]:
    """Unique ids in input order: on a clash every report but the first by file name gets a hash suffix."""
    bases = [base_id(meta, source) for meta, source in items]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, base in enumerate(bases):
        groups[base].append(index)
    ids = list(bases)
    for base, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: items[i][1].file)
        for index in members[1:]:
            ids[index] = f"{base}-{items[index][1].sha256[:8]}"
    return ids
