"""Editor overrides: `content/reports/<stem>.meta.yml` corrects any subset of the metadata.

Values given there win over extraction and are marked `editor` in `provenance`. The file is
checked strictly: bad YAML, an unknown field or a value of the wrong type is an OverrideError that
names the file and the line, so an editor can fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

import yaml

from .exceptions import OverrideError
from .meta_doctype import DOCUMENT_TYPES
from .model import Level, Region, ReportMeta
from .region_resolve import Clue, resolve_region

OVERRIDE_SUFFIX = ".meta.yml"
_TEXT_FIELDS = ("title", "issuer", "doc_number", "signer", "addressee")
_LIST_FIELDS = ("co_issuers", "cc")
_REGION_KEYS = ("province", "city", "county", "township", "code")
FIELDS = (*_TEXT_FIELDS, *_LIST_FIELDS, "level", "region", "year", "date_signed", "document_type")
_CODE = re.compile(r"^\d{2}(?:\d{2}(?:\d{2}(?:\d{3})?)?)?$")
_LEVELS = get_args(Level)


def override_path(report: Path) -> Path:
    """Where the override of a report file lives: beside it, `<stem>.meta.yml`."""
    return report.with_name(report.stem + OVERRIDE_SUFFIX)


def load_override(report: Path, root: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The checked override of `report`, and its file name relative to `root`; (None, None) if none."""
    path = override_path(report)
    if not path.is_file():
        return None, None
    name = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise OverrideError(name, f"cannot be read as UTF-8 text ({err})") from err
    return parse_override(text, name), name


def parse_override(text: str, file: str) -> dict[str, Any]:
    """Parse and check an override; the values come back normalised (dates as ISO strings)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise OverrideError(file, f"is not valid YAML: {problem}", line=line) from err
    except ValueError as err:  # e.g. a date with month 13
        line = _bad_value_line(node)
        raise OverrideError(file, f"has an impossible value: {err}", line=line) from err
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise OverrideError(file, "must be a mapping of field: value", line=1)
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    checked: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in FIELDS:
            allowed = ", ".join(FIELDS)
            raise OverrideError(file, f"unknown field {key!r}", line=line, hint=f"allowed: {allowed}")
        checked[key] = _check(key, value, file, line)
    return checked


def _bad_value_line(node: yaml.Node | None) -> int | None:
    """The line of the first value that PyYAML cannot construct."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for _, value in node.value:
        try:
            yaml.SafeLoader("").construct_object(value, deep=True)
        except ValueError:
            return value.start_mark.line + 1
    return None


def _check(key: str, value: Any, file: str, line: int | None) -> Any:
    def fail(expected: str) -> OverrideError:
        got = type(value).__name__
        return OverrideError(file, f"{key}: expected {expected}, got {got} {value!r}", line=line)

    if value is None:
        return None
    if key in _TEXT_FIELDS:
        if not isinstance(value, str) or not value.strip():
            raise fail("a non-empty string")
        return value.strip()
    if key in _LIST_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail("a list of strings")
        return [v.strip() for v in value]
    if key == "level":
        if value not in _LEVELS:
            raise fail(" | ".join(_LEVELS))
        return value
    if key == "document_type":
        if value not in DOCUMENT_TYPES:
            raise fail(" | ".join(DOCUMENT_TYPES))
        return value
    if key == "year":
        if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
            raise fail("a year such as 2023")
        return value
    if key == "date_signed":
        return _check_date(value, fail)
    return _check_region(value, fail)


def _check_date(value: Any, fail) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise fail("a date YYYY-MM-DD")


def _check_region(value: Any, fail) -> dict[str, str | None]:
    if not isinstance(value, dict) or not set(value) <= set(_REGION_KEYS):
        raise fail(f"a mapping with keys among {', '.join(_REGION_KEYS)}")
    out: dict[str, str | None] = {}
    for key, item in value.items():
        if key == "code" and isinstance(item, int):
            item = str(item)
        if item is not None and not (isinstance(item, str) and item.strip()):
            raise fail(f"region.{key} as a string")
        if key == "code" and item is not None and not _CODE.match(item):
            raise fail("region.code of 2, 4, 6 or 9 digits")
        out[key] = item.strip() if isinstance(item, str) else None
    return out


def apply_override(meta: ReportMeta, override: dict[str, Any]) -> ReportMeta:
    """A copy of `meta` with the editor's values; each is marked `editor` and loses its reason."""
    meta = replace(meta, unknown=dict(meta.unknown), provenance=dict(meta.provenance))
    for key, value in override.items():
        if key == "region":
            _apply_region(meta, value)
            continue
        setattr(meta, key, value)
        _mark(meta, key, value is None or value == [], "set to null by an editor")
    return meta


def _mark(meta: ReportMeta, key: str, is_null: bool, reason: str) -> None:
    meta.provenance.pop(key, None)
    meta.unknown.pop(key, None)
    if is_null:
        meta.unknown[key] = reason
    else:
        meta.provenance[key] = "editor"


def _apply_region(meta: ReportMeta, given: dict[str, str | None]) -> None:
    """Editor names win; the levels they leave out are re-resolved in the gazetteer when they decide."""
    places = _REGION_KEYS[:-1]
    current = meta.region.as_dict()
    merged = {k: given[k] if k in given else current[k] for k in places}
    values = {**merged, "code": given.get("code", current["code"] if not given else None)}
    if "code" not in given and any(merged.values()):
        chain = "".join(v for v in merged.values() if v)
        resolved = resolve_region([Clue(chain, "editor")]).region
        agrees = all(given.get(k) in (None, getattr(resolved, k)) for k in places if k in given)
        if agrees and resolved.code:
            values = resolved.as_dict()
            for key in _REGION_KEYS:
                meta.unknown.pop(f"region.{key}", None)
                if key not in given and values[key] is not None:
                    meta.provenance[f"region.{key}"] = "gazetteer"
    for key, value in given.items():
        values[key] = value
        _mark(meta, f"region.{key}", value is None, "set to null by an editor")
    meta.region = Region(**values)
    if meta.region.code is not None:
        meta.unknown.pop("region", None)
        meta.unknown.pop("region.code", None)
    else:
        meta.provenance.pop("region.code", None)
        meta.unknown.setdefault("region.code", "no code for the places the editor named")
        meta.unknown.setdefault("region", meta.unknown["region.code"])
