"""Decide which administrative unit a report is about, from every clue it gives.

The subject is the deepest place named by the issuer-like clues (title, 发文机关标志, signature,
issuer); the web page's rows and the file name are context, and name the subject only when the
issuer clues name no place. A repeated name (城关镇) is decided only by a named ancestor (county,
city, province) or by the body naming exactly one candidate's county; otherwise the name is kept and
what cannot be decided stays null with the reason. Frequency and similarity never decide. Units
made or renamed after the 2023 list keep the names the report gives, never another unit's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .meta_text import simplified
from .model import Provenance, Region
from .region_names import ORGAN_WORD, abbreviates, unlisted_county
from .regions import (
    LEVEL_ORDER,
    Gazetteer,
    Mention,
    Place,
    PlaceLevel,
    find_places,
    load_gazetteer,
)

_UNLISTED_TOWNSHIP = re.compile(
    r"^([\u4e00-\u9fff]{2,8}?(?:乡|镇|街道|苏木))(?=人民政府|党委|党工委|委员会|办事处|工作委员会|关于|法治|20\d\d|$)"
)
# 在兰考县委、县政府的坚强领导下: the body naming the county that leads the issuer
_LED_BY = re.compile(r"(?:委|人民政府|政府|党委)[^。；]{0,16}领导")
_LEADER_CHARS = 24
_ORGAN_LEAD = re.compile(r"^(?:中共|中国共产党)")
# 朝阳区人民政府劲松街道办事处, 上犹县人民政府营前镇…: the county's organ word inside a chain
_GOVERNMENT_INFIX = re.compile(r"人民政府(?=[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡|苏木))")
_LEADERSHIP = re.compile(r"(?:委|人民政府|政府|党委)")
_ORDER: tuple[PlaceLevel, ...] = ("province", "city", "county", "township")
_ADDRESSEE_KIND = {"区委": ("区",), "县委": ("县", "自治县"), "旗委": ("旗", "自治旗"), "市委": ("市",)}


@dataclass(frozen=True)
class Clue:
    """A short text that may name the report's place. `subject` clues name the issuing unit."""

    text: str
    source: Provenance
    subject: bool = True


@dataclass
class RegionResult:
    region: Region = field(default_factory=Region)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    subject_level: PlaceLevel | None = None
    subject_name: str | None = None
    subject_from_context: bool = False  # only page rows or the file name named a place


@dataclass
class _Found:
    clue: Clue
    mentions: list[Mention]
    unlisted: str | None = None  # a township-like name the 2023 list does not have
    county: str | None = None  # a county-level name the 2023 list does not have (撤县设区)


def _scan(clue: Clue, gaz: Gazetteer) -> _Found:
    text, mentions = _best_script(_GOVERNMENT_INFIX.sub("", _ORGAN_LEAD.sub("", clue.text)), gaz)
    lead = _leading_chain(mentions)
    rest_at = lead[-1].end if lead else 0
    if lead and lead[0].start > 12:
        return _Found(clue, mentions)
    county = unlisted_county(text[rest_at:], bool(lead) and _deepest(lead[-1]) not in ("city", "province"), gaz)
    if county:
        rest_at += len(county)
        listed = next((m for m in mentions if m.start == rest_at and m.levels == {"township"}), None)
        if listed is not None:
            return _Found(clue, mentions, listed.name, county)
    match = _UNLISTED_TOWNSHIP.match(text[rest_at:])
    unlisted = match.group(1) if match and not ORGAN_WORD.search(match.group(1)) else None
    if county:
        return _Found(clue, mentions, unlisted, county)
    if lead and unlisted and lead[-1].levels == {"township"}:
        unlisted = None
    return _Found(clue, mentions, unlisted)


def _best_script(text: str, gaz: Gazetteer) -> tuple[str, list[Mention]]:
    """Look names up as written and in simplified script, and keep the reading that finds more:
    鹿寨縣 needs the conversion, but 垌塚镇 is the official name and t2s would make it 垌冢镇."""
    as_written = find_places(text, gaz)
    converted = simplified(text)
    if converted == text:
        return text, as_written
    in_simplified = find_places(converted, gaz)

    def covered(mentions: list[Mention]) -> int:
        return sum(m.end - m.start for m in mentions)

    if covered(in_simplified) > covered(as_written):
        return converted, in_simplified
    return text, as_written


def _leading_chain(mentions: list[Mention]) -> list[Mention]:
    """The first run of adjacent mentions (重庆市|万州区|柱山乡): the name of the issuing unit."""
    chain: list[Mention] = []
    for mention in mentions:
        if chain and mention.start != chain[-1].end:
            break
        chain.append(mention)
    return chain


def _deepest(mention: Mention) -> PlaceLevel:
    order = ("township", "county", "city", "province")
    levels = mention.levels
    if len(levels) > 1 and "township" in levels:
        levels = levels - {"township"}
    return next(level for level in order if level in levels)


def _one_unit(candidates: list[list[Place]]) -> bool:
    """Two spellings of one unit (黔东南州 and 黔东南苗族侗族自治州): every name has candidates and
    they share a place."""
    return all(candidates) and bool(set.intersection(*({p.code for p in c} for c in candidates)))


def resolve_region(clues: list[Clue], body: str = "", addressee: str | None = None) -> RegionResult:
    """The report's region from its clues (module docstring); `body` in simplified script."""
    gaz = load_gazetteer()
    found = [_scan(c, gaz) for c in clues if c.text]
    if any(_deepest(m) == "county" for f in found for m in f.mentions):
        # a listed county is named: an unlisted county-level name beside it is more likely an
        # abbreviation (达茂旗) than a new unit, and the usual resolution decides
        found = [f if not f.county else _Found(f.clue, f.mentions, f.unlisted) for f in found]
    subject = [f for f in found if f.clue.subject and (f.mentions or f.unlisted or f.county)]
    from_context = not subject
    if from_context:
        subject = [f for f in found if f.mentions or f.unlisted or f.county]
    if not subject:
        result = RegionResult()
        result.unknown["region"] = "no place is named in the title, issuer, signature or page rows"
        return result
    result = _Resolver(gaz, found, subject, body, addressee).run()
    result.subject_from_context = from_context
    return result


class _Resolver:
    def __init__(
        self,
        gaz: Gazetteer,
        found: list[_Found],
        subject: list[_Found],
        body: str,
        addressee: str | None,
    ) -> None:
        self.gaz = gaz
        self.found = found
        self.subject = subject
        self.body = body
        self.addressee = addressee or ""
        self.result = RegionResult()

    def run(self) -> RegionResult:
        unlisted_county = next((f for f in self.subject if f.county), None)
        if unlisted_county is not None:
            return self._in_unlisted_county(unlisted_county)
        level, name, places, source = self._subject()
        res = self.result
        res.subject_level, res.subject_name = level, name
        if name is None:
            res.unknown["region"] = "the issuer clues name different places"
            return res
        chosen, reason = self._decide(places)
        if chosen is not None:
            self._fill(chosen, source, chosen.name)
            self._explain_below(chosen.level, f"the report is issued at {chosen.level} level")
            return res
        consistent = [p for p in places if not self._contradicted(p)]
        if consistent and self._led_from_elsewhere(consistent):
            consistent = []
        self._fill_ancestor_only(level, consistent, subject_only=bool(places) and not consistent)
        if places and not consistent and res.region.province is None:
            self._fill_shared_ancestor(places)
        unanchored = res.region.county is None and res.region.city is None
        if unanchored and not consistent and self._fill_body_leadership(level, name):
            return res
        if unanchored and not places:
            # a name the list lacks, with no county to anchor it: a placeholder (某某镇) or noise
            res.region = Region()
            res.provenance.clear()
            res.unknown["region"] = f"{name} is not in the 2023 division list and no county is named"
            for lvl in _ORDER:
                res.unknown[f"region.{lvl}"] = res.unknown["region"]
            res.unknown["region.code"] = res.unknown["region"]
            return res
        res.region = _with(res.region, **{level: name}, code=None)
        res.provenance[f"region.{level}"] = source
        res.provenance.pop("region.code", None)
        for lvl in _ORDER[: _ORDER.index(level)]:
            if getattr(res.region, lvl) is None:
                res.unknown.setdefault(f"region.{lvl}", reason)
        self._explain_below(level, f"the report is issued at {level} level")
        res.unknown["region.code"] = reason
        return res

    def _in_unlisted_county(self, found: _Found) -> RegionResult:
        """The issuer names a county-level unit the 2023 list lacks (福州市永泰区城峰镇): the
        listed city or province named with it, then the names as written; no code, since the list
        has none for them (and a same-named township elsewhere is another unit)."""
        res = self.result
        county, township = found.county or "", found.unlisted
        lead = _leading_chain(found.mentions)
        anchor = self._unique_above(lead[-1:] if lead else [m for f in self.found for m in f.mentions])
        reason = f"{county} is not in the 2023 division list (made a district or city since?)"
        res.subject_level = "township" if township else "county"
        res.subject_name = township or county
        if anchor is None:
            res.unknown["region"] = f"{reason}, and no listed city or province is named with it"
            for lvl in (*_ORDER, "code"):
                res.unknown[f"region.{lvl}"] = res.unknown["region"]
            return res
        canonical = self._abbreviated(county, anchor)
        if canonical is not None:
            unit = self.gaz.children.get(canonical.code, {}).get(township or "")
            self._fill(unit or canonical, found.clue.source)
            if township and unit is None:
                res.region = _with(res.region, township=township, code=None)
                res.unknown["region.code"] = self._not_listed_reason(township)
            return res
        self._fill(anchor, found.clue.source)
        res.region = _with(res.region, county=county, township=township, code=None)
        res.provenance.pop("region.code", None)
        res.provenance["region.county"] = found.clue.source
        if township:
            res.provenance["region.township"] = found.clue.source
        else:
            res.unknown["region.township"] = "the report is issued at county level"
        res.unknown.pop("region.county", None)
        res.unknown["region.code"] = reason
        return res

    def _unique_above(self, mentions: list[Mention]) -> Place | None:
        """The one city (else the one province) the mentions name; None when they name several."""
        for level in ("city", "province"):
            places = {p.code: p for m in mentions for p in m.places if p.level == level}
            if places:
                return next(iter(places.values())) if len(places) == 1 else None
        return None

    def _abbreviated(self, name: str, anchor: Place) -> Place | None:
        """达茂旗 under 包头市: the one listed county of the anchor that `name` abbreviates."""
        kids = list(self.gaz.children.get(anchor.code, {}).values())
        if anchor.level == "province":
            kids = [k for c in kids for k in self.gaz.children.get(c.code, {}).values()]
        hits = [k for k in kids if k.level == "county" and abbreviates(name, k.name)]
        return hits[0] if len(hits) == 1 else None

    def _led_from_elsewhere(self, places: list[Place]) -> bool:
        """A single listed candidate that no clue's county or city supports, while the body names
        as its leadership (在兰考县委、县政府的坚强领导下) only counties or cities that do not
        contain it: the same name elsewhere (孟寨乡 made 孟寨镇, and 孟寨镇 is another county's).
        A county or city named as leading itself (大理市人民政府在州委、州政府和市委的领导下) contains it."""
        if len(places) != 1 or self.gaz.ancestors(places[0]) & self._named_codes():
            return False
        # only the few words before each 领导 phrase are looked up, not the whole body
        before = [self.body[max(0, m.start() - _LEADER_CHARS) : m.end()] for m in _LED_BY.finditer(self.body)]
        leaders = self._body_leaders(_LED_BY, "\n".join(before))
        containing = self.gaz.ancestors(places[0]) | {places[0].code}
        return bool(leaders) and not any(p.code in containing for p in leaders)

    def _fill_shared_ancestor(self, places: list[Place]) -> None:
        """Every candidate is contradicted by a named county (营前镇, listed under 上犹县, on a page
        whose row names 崇义县): the deepest place both sides agree on (赣州市), nothing below it."""
        shared = set.intersection(*(self.gaz.ancestors(p) for p in places))
        compared = False
        for f in self.found:
            for mention in f.mentions:
                if mention.levels & {"township"} or (len(mention.name) == 2 and mention.levels == {"province"}):
                    continue
                named = {c for p in mention.places for c in (*self.gaz.ancestors(p), p.code)}
                shared &= named
                compared = True
        if not compared:
            return
        deepest = max((self.gaz.places[c] for c in shared), key=lambda p: LEVEL_ORDER.index(p.level), default=None)
        if deepest is not None and deepest.level in ("province", "city"):
            self._fill(deepest, "gazetteer")

    def _fill_body_leadership(self, level: PlaceLevel, name: str) -> bool:
        """A unit the 2023 list lacks (叶坪乡, renamed 叶坪镇) whose body names one county or city as
        its leadership (在瑞金市委、市政府的领导下): that county or city and its ancestors are
        given; the unit itself stays null, since the list cannot confirm it."""
        depth = LEVEL_ORDER.index(level)
        above = [p for p in self._body_leaders() if LEVEL_ORDER.index(p.level) < depth]
        if len(above) != 1:
            return False
        self._fill(above[0], "text")
        reason = f"{name} is not listed under {above[0].name} in the 2023 list (renamed or merged?)"
        self.result.provenance.pop("region.code", None)
        self.result.unknown[f"region.{level}"] = reason
        self.result.unknown["region.code"] = reason
        self.result.region = _with(self.result.region, code=None)
        self._explain_below(level, f"the report is issued at {level} level")
        return True

    def _body_leaders(self, leadership: re.Pattern[str] = _LEADERSHIP, body: str | None = None) -> list[Place]:
        """The deepest places the body names as leadership (××县委 / ××市人民政府)."""
        leaders: dict[str, Place] = {}
        body = self.body if body is None else body
        for mention in find_places(body, self.gaz):
            if leadership.match(body, mention.end):
                level = _deepest(mention)
                if level in ("county", "city"):
                    leaders.update({p.code: p for p in mention.places if p.level == level})
        covered = {a for p in leaders.values() for a in self.gaz.ancestors(p)}
        return [p for code, p in leaders.items() if code not in covered]

    def _explain_below(self, level: PlaceLevel, reason: str) -> None:
        for lvl in _ORDER[_ORDER.index(level) + 1 :]:
            if getattr(self.result.region, lvl) is None:
                self.result.unknown.setdefault(f"region.{lvl}", reason)

    def _subject(self) -> tuple[PlaceLevel, str | None, list[Place], Provenance]:
        """The deepest unit named at the head of a subject clue; (level, name, candidates, source)."""
        picks: list[tuple[PlaceLevel, str, list[Place], Provenance]] = []
        for f in self.subject:
            chain = _leading_chain(f.mentions)
            if f.unlisted:
                picks.append(("township", f.unlisted, [], f.clue.source))
            elif chain:
                last = chain[-1]
                level = _deepest(last)
                places = [p for p in last.places if p.level == level]
                picks.append((level, last.name, places, f.clue.source))
        # A listed name whose every place the other clues contradict names something else here
        # (高新区 in 石家庄高新区管委会 is the zone, not 常州's 高新区 township).
        fitting = [p for p in picks if not p[2] or not all(map(self._contradicted, p[2]))]
        picks = fitting or picks
        order = {"township": 0, "county": 1, "city": 2, "province": 3}
        picks.sort(key=lambda p: order[p[0]])
        level, name, _, source = picks[0]
        same = [p for p in picks if p[0] == level]
        if len({simplified(p[1]) for p in same}) > 1 and not _one_unit([p[2] for p in same]):
            return level, None, [], source
        sets = [p[2] for p in same if p[2]]
        codes = set.intersection(*({c.code for c in s} for s in sets)) if sets else set()
        places = [c for c in sets[0] if c.code in codes] if codes else min(sets, key=len, default=[])
        return level, name, places, source

    def _named_codes(self) -> set[str]:
        return {p.code for f in self.found for m in f.mentions for p in m.places}

    def _contradicted(self, place: Place) -> bool:
        """A clue names a county, city or province that does not contain `place`."""
        ancestors = self.gaz.ancestors(place)
        for f in self.found:
            for mention in f.mentions:
                if mention.levels & {"township"} or place in mention.places:
                    continue
                if len(mention.name) == 2 and mention.levels == {"province"}:
                    continue  # 重庆 in 人民网重庆频道 is a weak, often incidental, mention
                if not any(p.code in ancestors for p in mention.places):
                    return True
        return False

    def _not_listed_reason(self, name: str) -> str:
        named = [
            (max(LEVEL_ORDER.index(p.level) for p in m.places), m.name)
            for f in self.found for m in f.mentions
            if not m.levels & {"township"} and not (len(m.name) == 2 and m.levels == {"province"})
        ]
        where = max(named)[1] if named else "the county, city or province named"
        return f"{name} is not listed under {where} in the 2023 list (renamed or merged?)"

    def _decide(self, places: list[Place]) -> tuple[Place | None, str]:
        if not places:
            return None, "the name is not in the 2023 division list (renamed, merged or misspelt)"
        consistent = [p for p in places if not self._contradicted(p)]
        if not consistent:
            return None, self._not_listed_reason(places[0].name)
        places = consistent
        named = self._named_codes()
        support = {p.code: len(self.gaz.ancestors(p) & named) for p in places}
        best = max(support.values())
        top = [p for p in places if support[p.code] == best]
        if len(top) == 1 and best == 0 and len(places) == 1 and self._led_from_elsewhere(top):
            return None, (
                f"the body is led by a county or city that does not contain the listed {top[0].name}"
                " (renamed or moved since 2023?)"
            )
        if len(top) == 1 and (best > 0 or len(places) == 1):
            return top[0], ""
        if best == 0 and len(places) > 1:
            narrowed = self._body_county(places)
            if len(narrowed) == 1:
                return narrowed[0], ""
            return None, (
                f"{places[0].name} exists in {len(places)} places and no clue names its county or city"
            )
        narrowed = self._addressee_kind(top)
        narrowed = self._body_county(narrowed) or narrowed
        if len(narrowed) == 1:
            return narrowed[0], ""
        return None, f"{places[0].name}: the clues leave {len(top)} candidates"

    def _addressee_kind(self, places: list[Place]) -> list[Place]:
        for word, kinds in _ADDRESSEE_KIND.items():
            if word in self.addressee:
                kept = [p for p in places if self._county_kind(p) in kinds]
                return kept or places
        return places

    def _county_kind(self, place: Place) -> str:
        county = next((p for p in self.gaz.chain(place) if p.level == "county"), None)
        return county.kind if county else ""

    def _body_county(self, places: list[Place]) -> list[Place]:
        """Candidates whose county the body names as its leadership (在五河县委、县政府的领导下);
        a neighbour's address (桂东县新坊乡) or a place it learnt from does not count."""
        named: set[str] = set()
        for mention in find_places(self.body, self.gaz):
            if _LEADERSHIP.match(self.body, mention.end):
                named.update(p.code for p in mention.places if p.level in ("county", "city"))
        return [p for p in places if self.gaz.ancestors(p) & named]

    def _fill(self, place: Place, source: Provenance, name: str = "") -> None:
        res = self.result
        chain = self.gaz.chain(place)
        values: dict[str, str | None] = {p.level: p.name for p in chain}
        city, county = values.get("city"), values.get("county")
        if county is not None and county == city:
            values["county"] = None
            res.unknown["region.county"] = f"{city} has no county level"
        res.region = Region(
            province=values.get("province"),
            city=values.get("city"),
            county=values.get("county"),
            township=values.get("township"),
            code=place.code,
        )
        named_by: dict[str, Provenance] = {}
        for f in sorted(self.found, key=lambda f: not f.clue.subject):
            for m in f.mentions:
                named_by.setdefault(m.name, f.clue.source)
        named_by.update({name: source})
        for p in chain:
            if values.get(p.level) is not None:
                res.provenance[f"region.{p.level}"] = named_by.get(p.name, "gazetteer")
        res.provenance["region.code"] = "gazetteer"
        if values.get("city") is None and "region.county" not in res.unknown:
            res.unknown["region.city"] = "directly under the province (municipality or 省直辖)"

    def _fill_ancestor_only(
        self, level: PlaceLevel, places: list[Place], subject_only: bool = False
    ) -> None:
        """The subject is undecided: keep what its named ancestors settle on their own (when the
        clues contradict the gazetteer, only what the issuer's own name says)."""
        above = _ORDER[: _ORDER.index(level)]
        named = [
            (f, m)
            for f in self.found
            if f.clue.subject or not subject_only
            for m in f.mentions
            if _deepest(m) in above
        ]
        named.sort(key=lambda fm: _ORDER.index(_deepest(fm[1])), reverse=True)
        for f, mention in named:
            lvl = _deepest(mention)
            candidates = [p for p in mention.places if p.level == lvl]
            if places:
                candidates = [
                    c for c in candidates if any(c.code in self.gaz.ancestors(p) for p in places)
                ]
            if len(candidates) == 1:
                self._fill(candidates[0], f.clue.source)
                return


def _with(region: Region, **changes: str | None) -> Region:
    values = region.as_dict()
    values.update(changes)
    return Region(**values)
