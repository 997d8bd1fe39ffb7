"""The gazetteer (统计用区划代码 2023) and place mentions found in short clue texts.

`find_places` turns a clue such as 鹿寨县拉沟乡人民政府 into the places it names; `regions_resolve`
decides which unit a report is about from several clues. Names are matched in full (with their
suffix) so that 长寿区 never matches 长寿镇; names of two characters (义县, 新镇) only count right
after their parent (锦州市义县), because alone they are ordinary words.

Where the build keeps prepared tables (`fazhi.prepared`) the gazetteer is kept as one and a process
reads only the entries its lookups ask for (`LazyMap`): building the whole index of 44,703 places
costs a quarter of a second, a few clue texts consult a few hundred entries.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from .prepared import (
    Table,
    TableUnreadable,
    inputs_key,
    open_table,
    save_table,
    tables_folder,
    whole_key,
)

PlaceLevel = Literal["province", "city", "county", "township"]
LEVEL_ORDER: tuple[PlaceLevel, ...] = ("province", "city", "county", "township")

# Cities in the list that are placeholders, not places (直辖市 districts, 省直辖县级行政区划).
PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
_MIN_FREE_LENGTH = 3
_TOWNSHIP_KINDS = frozenset({"街道", "苏木", "民族乡", "乡", "镇"})
_MAX_NAME_LENGTH = 24
GAZETTEER_TABLE = "gazetteer"
_GAZETTEER_BUCKETS = 1 << 14
_DIVISIONS = Path(__file__).parent / "data" / "admin-divisions"
V = TypeVar("V")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: PlaceLevel
    parent: str | None

    @property
    def kind(self) -> str:
        """The name's type suffix: 乡, 镇, 街道, 苏木, 县, 区, 市, 旗 … ('' when none)."""
        for suffix in ("街道", "苏木", "民族乡", "乡", "镇", "自治县", "自治旗", "县", "区", "市", "旗"):
            if self.name.endswith(suffix):
                return suffix
        return ""


@dataclass
class Gazetteer:
    places: Mapping[str, Place] = field(default_factory=dict)
    by_name: Mapping[str, list[Place]] = field(default_factory=dict)
    children: Mapping[str, dict[str, Place]] = field(default_factory=dict)
    spellings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # code → other spellings
    _lengths: tuple[int, dict[str, tuple[int, ...]]] | None = field(default=None, repr=False, compare=False)
    autonomous_short: dict[str, tuple[Place, ...]] | None = field(default=None, repr=False, compare=False)
    autonomous_first: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def name_lengths(self, first: str) -> tuple[int, ...]:
        """Lengths of the names in `by_name` that start with `first`, longest first (rebuilt when
        names are added or removed)."""
        if self._lengths is None or self._lengths[0] != len(self.by_name):
            self._lengths = (len(self.by_name), _length_table(self))
        return self._lengths[1].get(first, ())

    def names_of(self, place: Place) -> tuple[str, ...]:
        return (place.name, *self.spellings.get(place.code, ()))

    def add(self, place: Place, aliases: tuple[str, ...] = ()) -> None:
        """Add a place (to a gazetteer of plain dicts, as `build_gazetteer` makes)."""
        places, by_name, children = _dicts(self)
        places[place.code] = place
        for name in (place.name, *aliases):
            by_name.setdefault(name, []).append(place)
        if place.parent:
            children.setdefault(place.parent, {})[place.name] = place

    def chain(self, place: Place) -> list[Place]:
        """The place and its ancestors, province first; placeholder cities are skipped."""
        out: list[Place] = []
        current: Place | None = place
        while current is not None:
            if not (current.level == "city" and current.name in PLACEHOLDER_CITIES):
                out.append(current)
            current = self.places.get(current.parent) if current.parent else None
        return out[::-1]

    def ancestors(self, place: Place) -> set[str]:
        return {p.code for p in self.chain(place) if p.code != place.code}


def province_short(name: str) -> str:
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("fazhi") / "data" / "admin-divisions" / name
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _dicts(gaz: Gazetteer) -> tuple[dict[str, Place], dict[str, list[Place]], dict[str, dict[str, Place]]]:
    if not (isinstance(gaz.places, dict) and isinstance(gaz.by_name, dict) and isinstance(gaz.children, dict)):
        raise TypeError("a prepared gazetteer is read-only")
    return gaz.places, gaz.by_name, gaz.children


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The 2023 division list as a name index; loaded once per process (from the prepared table
    where the build keeps one, written the first time)."""
    if tables_folder() is None:
        return build_gazetteer()
    key = inputs_key(
        GAZETTEER_TABLE,
        Path(__file__),
        Path(__file__).parent / "prepared.py",
        *(_DIVISIONS / f"{stem}.csv" for stem in ("provinces", "cities", "areas", "streets")),
        Path(__file__).parent / "data" / VARIANTS_FILE,
    )
    table = open_table(GAZETTEER_TABLE, key, whole_key)
    if table is not None:
        return prepared_gazetteer(table)
    gaz = build_gazetteer()
    header = {
        "lengths": _length_table(gaz),
        "names": len(gaz.by_name),
        "spellings": dict(gaz.spellings),
        "autonomous": {
            short: tuple((p.code, p.name, p.level, p.parent) for p in places)
            for short, places in _autonomous_short_names(gaz).items()
        },
    }
    save_table(GAZETTEER_TABLE, key, header, _table_entries(gaz), whole_key, _GAZETTEER_BUCKETS)
    return gaz


def build_gazetteer() -> Gazetteer:
    """The gazetteer made from the division list (see `load_gazetteer`)."""
    gaz = Gazetteer()
    _, by_name, children = _dicts(gaz)
    for row in _rows("provinces.csv"):
        short = province_short(row["name"])
        gaz.add(Place(row["code"], row["name"], "province", None), (short,) if short != row["name"] else ())
    for row in _rows("cities.csv"):
        gaz.add(Place(row["code"], row["name"], "city", row["provinceCode"]))
    for row in _rows("areas.csv"):
        gaz.add(Place(row["code"], row["name"], "county", row["cityCode"]))
    for row in _rows("streets.csv"):
        gaz.add(Place(row["code"], row["name"], "township", row["areaCode"]))
    for placeholder in PLACEHOLDER_CITIES:
        by_name.pop(placeholder, None)
    spellings: dict[str, tuple[str, ...]] = {}
    for row in _variant_rows():
        place = gaz.places.get(row["code"])
        if place is not None and place.name == row["name"]:
            by_name.setdefault(row["simplified"], []).append(place)
            spellings[place.code] = (*spellings.get(place.code, ()), row["simplified"])
            if place.parent:
                children.setdefault(place.parent, {}).setdefault(row["simplified"], place)
    gaz.spellings = spellings
    return gaz


def _length_table(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    index: dict[str, set[int]] = {}
    for name in gaz.by_name:
        index.setdefault(name[:1], set()).add(len(name))
    return {c: tuple(sorted(lengths, reverse=True)) for c, lengths in index.items()}


def _table_entries(gaz: Gazetteer) -> dict[str, Any]:
    """The gazetteer as prepared-table entries: p+code → (name, level, parent), n+name → codes,
    c+code → its children's (name, code) in order."""
    entries: dict[str, Any] = {}
    for code, place in gaz.places.items():
        entries["p" + code] = (place.name, place.level, place.parent or "")
    for name, places in gaz.by_name.items():
        entries["n" + name] = tuple(p.code for p in places)
    for code, kids in gaz.children.items():
        entries["c" + code] = tuple((name, p.code) for name, p in kids.items())
    return entries


class _PreparedEntries:
    """The prepared gazetteer's raw entries, a bucket read when one of its keys is first asked for."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.raw: dict[str, Any] = {}
        self.loaded: set[int] = set()

    def get(self, key: str) -> Any:
        index = self.table.bucket_index(key)
        if index not in self.loaded:
            self.raw.update(self.table.bucket(index))
            self.loaded.add(index)
        return self.raw.get(key)


class LazyMap(Mapping[str, V]):
    """A read-only mapping whose values are read from a prepared table when first asked for (and
    made by `convert` from the raw entry under `prefix` + key). Going through all of it (`iter`,
    `items` …) uses `whole()`, the mapping built in memory."""

    def __init__(
        self,
        entries: _PreparedEntries,
        prefix: str,
        convert: Callable[[str, Any], V],
        whole: Callable[[], Mapping[str, V]],
        size: int | None = None,
    ) -> None:
        self._entries, self._prefix, self._convert, self._whole = entries, prefix, convert, whole
        self._seen: dict[str, V] = {}
        self._size = size
        self._absent: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        value = self._seen.get(key)
        if value is not None or key in self._absent:
            return default if value is None else value
        try:
            raw = self._entries.get(self._prefix + key)
        except TableUnreadable:
            return self._whole().get(key, default)
        if raw is None:
            self._absent.add(key)
            return default
        value = self._seen[key] = self._convert(key, raw)
        return value

    def __getitem__(self, key: str) -> V:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _ABSENT) is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return self._size if self._size is not None else len(self._whole())


_ABSENT: Any = object()


def prepared_gazetteer(table: Table) -> Gazetteer:
    """The gazetteer reading its entries from `table` as lookups need them; identical in every
    lookup to `build_gazetteer()` (which going through a whole mapping falls back to)."""
    entries = _PreparedEntries(table)
    whole = functools.cache(build_gazetteer)
    places: LazyMap[Place] = LazyMap(
        entries, "p", lambda code, raw: Place(code, raw[0], raw[1], raw[2] or None), lambda: whole().places
    )
    by_name: LazyMap[list[Place]] = LazyMap(
        entries,
        "n",
        lambda _, codes: [places[code] for code in codes],
        lambda: whole().by_name,
        size=table.header["names"],
    )
    children: LazyMap[dict[str, Place]] = LazyMap(
        entries, "c", lambda _, pairs: {name: places[code] for name, code in pairs}, lambda: whole().children
    )
    gaz = Gazetteer(places, by_name, children, table.header["spellings"])
    gaz._lengths = (table.header["names"], table.header["lengths"])
    autonomous = table.header["autonomous"]
    gaz.autonomous_short = {short: tuple(Place(*row) for row in rows) for short, rows in autonomous.items()}
    gaz.autonomous_first = frozenset(name[0] for name in autonomous)
    return gaz


VARIANTS_FILE = "gazetteer-variants.csv"


def _variant_rows() -> list[dict[str, str]]:
    """Official names that simplified-script conversion changes (垌塚镇 → 垌冢镇): cleaning may
    convert a report's text, so the converted spelling must find the place too. Derived from the
    list by `compute_variants`; a test keeps the file in step with the list."""
    path = resources.files("fazhi") / "data" / VARIANTS_FILE
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def compute_variants(gaz: Gazetteer) -> list[tuple[str, str, str]]:
    """(code, name, simplified name) for every name that t2s changes, in code order."""
    from .meta_text import simplified

    out = []
    for code in sorted(gaz.places):
        name = gaz.places[code].name
        converted = simplified(name)
        if converted != name:
            out.append((code, name, converted))
    return out


@dataclass(frozen=True)
class Mention:
    """A place name found in a clue text, with every unit of that name that fits its context."""

    name: str
    start: int
    end: int
    places: tuple[Place, ...]

    @property
    def levels(self) -> set[PlaceLevel]:
        return {p.level for p in self.places}


def _same_unit_as_parent(place: Place, name: str, gaz: Gazetteer) -> bool:
    """东莞市 appears as its own county: the county row repeats the city's name."""
    parent = gaz.places.get(place.parent or "")
    return parent is not None and parent.name == name


def find_places(text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Place names in `text`, longest match first, left to right.

    After a mention, the next name is first looked up among that mention's children, so 锦州市义县 finds
    the two-character 义县 and 重庆市万州区 ties 万州区 to 重庆.
    """
    gaz = gaz or load_gazetteer()
    _autonomous_short_names(gaz)
    mentions: list[Mention] = []
    i = 0
    while i < len(text):
        parents = mentions[-1].places if mentions and mentions[-1].end == i else ()
        found = _match_child(text, i, parents, gaz) or _match_free(text, i, gaz)
        if found is None:
            i += 1
            continue
        if not parents and len(found.places) > 1:
            found = _after_short_parent(text, found, gaz)
        county = None if parents else _short_county_before(text, found, gaz)
        if county is not None and not (mentions and mentions[-1].end > county.start):
            mentions.append(county)
        mentions.append(found)
        i = found.end
    return mentions


def _after_short_parent(text: str, found: Mention, gaz: Gazetteer) -> Mention:
    """景县龙华镇: a two-character parent (景县) too short to match alone still picks the child."""
    before = text[: found.start]
    kept = tuple(
        p for p in found.places
        if (parent := gaz.places.get(p.parent or "")) is not None
        and len(parent.name) == 2
        and before.endswith(gaz.names_of(parent))
    )
    return Mention(found.name, found.start, found.end, kept) if kept else found


def _short_county_before(text: str, found: Mention, gaz: Gazetteer) -> Mention | None:
    """岷县城关镇: a unique two-character county (岷县, 景县) written right before a township name.

    Only a county-level name ending in 县/区/旗 counts, and only before a township-level name, so
    that ordinary two-character words before a place name are not read as counties.
    """
    if found.start < 2 or not found.levels <= {"township"}:
        return None
    if not all(p.kind in _TOWNSHIP_KINDS for p in found.places):
        return None  # 林业局 and 农场 are listed as townships too; 和县林业局 is not a place
    short = text[found.start - 2 : found.start]
    if short[-1] not in "县区旗":
        return None
    hits = [p for p in gaz.by_name.get(short, []) if p.level == "county"]
    if len(hits) != 1:
        return None
    return Mention(short, found.start - 2, found.start, (hits[0],))


def _match_child(text: str, i: int, parents: tuple[Place, ...], gaz: Gazetteer) -> Mention | None:
    if not parents:
        return None
    for length in range(min(_MAX_NAME_LENGTH, len(text) - i), 1, -1):
        name = text[i : i + length]
        hits = tuple(
            child
            for parent in parents
            for child in _descendants_named(parent, name, gaz)
        )
        if hits:
            return Mention(name, i, i + length, hits)
    return None


def _descendants_named(parent: Place, name: str, gaz: Gazetteer) -> list[Place]:
    """Children named `name`, looking through placeholder cities (重庆市 → 县 → 城口县)."""
    kids = gaz.children.get(parent.code, {})
    out = [kids[name]] if name in kids else []
    for kid in kids.values():
        if kid.level == "city" and kid.name in PLACEHOLDER_CITIES:
            grandkids = gaz.children.get(kid.code, {})
            if name in grandkids:
                out.append(grandkids[name])
    return [p for p in out if not _same_unit_as_parent(p, name, gaz)] or out


def _match_free(text: str, i: int, gaz: Gazetteer) -> Mention | None:
    longest = min(_MAX_NAME_LENGTH, len(text) - i)
    for length in gaz.name_lengths(text[i]):
        if length > longest or length < _MIN_FREE_LENGTH:
            continue
        name = text[i : i + length]
        hits = gaz.by_name.get(name)
        if hits:
            unique = tuple(p for p in hits if not _same_unit_as_parent(p, name, gaz)) or tuple(hits)
            return Mention(name, i, i + length, unique)
    short = text[i : i + 2]
    hits = gaz.by_name.get(short)
    if hits and all(p.level == "province" for p in hits):
        return Mention(short, i, i + 2, tuple(hits))
    if text[i + 1 : i + 2] in ("县", "旗") and _ORGAN_AFTER_SHORT.match(text, i + 2):
        return _short_county_organ(text, i, gaz)
    return _match_autonomous_short(text, i, gaz) if text[i] in gaz.autonomous_first else None


_ORGAN_AFTER_SHORT = re.compile(r"人民政府|政府|委|[\u4e00-\u9fff]{1,8}局")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _short_county_organ(text: str, i: int, gaz: Gazetteer) -> Mention | None:
    """吉县人民政府, 泾县司法局: a unique two-character county opening an organ's name. Only at
    the start of a name (not after another character: 全县人民政府 is no place)."""
    if i > 0 and _HAN_CHAR.match(text[i - 1]):
        return None
    hits = [p for p in gaz.by_name.get(text[i : i + 2], []) if p.level == "county"]
    return Mention(text[i : i + 2], i, i + 2, (hits[0],)) if len(hits) == 1 else None


_AUTONOMOUS = ("自治县", "自治旗", "自治州")
_PEOPLES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|"
    "裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
_PEOPLE = "|".join(sorted(_PEOPLES.split("|"), key=len, reverse=True))
_ETHNIC_TAIL = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,4}}?)(?:(?:{_PEOPLE})族)+(?P<kind>自治[县旗州])$")


def _autonomous_short_names(gaz: Gazetteer) -> dict[str, tuple[Place, ...]]:
    """大通县 → 大通回族土族自治县, 黔东南州 → 黔东南苗族侗族自治州: an autonomous unit named by its
    place and its kind without the peoples, as reports and signatures often write it. Short
    names that are another unit's own name are left out. Built on first use."""
    if gaz.autonomous_short is None:
        index: dict[str, list[Place]] = {}
        for place in gaz.places.values():
            match = place.name.endswith(_AUTONOMOUS) and _ETHNIC_TAIL.match(place.name)
            if match:
                short = match.group("place") + match.group("kind")[-1]
                if short not in gaz.by_name:
                    index.setdefault(short, []).append(place)
        gaz.autonomous_short = {name: tuple(places) for name, places in index.items()}
        gaz.autonomous_first = frozenset(name[0] for name in index)
    return gaz.autonomous_short


def _match_autonomous_short(text: str, i: int, gaz: Gazetteer) -> Mention | None:
    names = _autonomous_short_names(gaz)
    for length in (5, 4, 3):
        hits = names.get(text[i : i + length])
        if hits:
            return Mention(text[i : i + length], i, i + length, hits)
    return None
