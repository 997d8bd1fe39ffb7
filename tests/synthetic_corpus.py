"""A seeded synthetic corpus of Reports with known places, years and levels, for the browse tests.

Places are real gazetteer entries (two provinces, their first counties and townships); the text is
sentences of the seed reports, drawn mostly from the sentences about two "focus" topics that each
place keeps over the years, so text similarity and topics are related the way they are in real reports.
The generator records the ground truth (place, level, year) in the ReportMeta it builds; the tests check
the site against that, never against the site's own output.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

from fazhi.model import Block, Document, Region, Report, ReportMeta, Source
from fazhi.pipeline import annotate
from fazhi.topics import Topic, load_topics

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "scripts" / "fazhi" / "data" / "admin-divisions"
YEARS = tuple(range(2019, 2026))
SECTIONS = (
    ("leaders_duty", "二、党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("shortcomings", "三、存在的不足和原因"),
    ("next_year", "四、下一年度工作安排"),
)


@dataclass(frozen=True)
class Place:
    province: str
    city: str
    county: str
    township: str | None
    code: str


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZETTEER / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def gazetteer_places(provinces: tuple[str, ...], counties: int, townships: int) -> list[Place]:
    """`counties` counties per province, `townships` townships per county, in gazetteer order."""
    names = {r["code"]: r["name"] for r in _rows("provinces.csv")}
    cities = {r["code"]: r["name"] for r in _rows("cities.csv")}
    areas = {r["code"]: r for r in _rows("areas.csv")}
    streets: dict[str, list[dict[str, str]]] = {}
    for row in _rows("streets.csv"):
        streets.setdefault(row["areaCode"], []).append(row)
    places: list[Place] = []
    for pcode, pname in names.items():
        if pname not in provinces:
            continue
        chosen = [a for a in areas.values() if a["provinceCode"] == pcode and a["code"] in streets]
        for area in chosen[:counties]:
            city = cities.get(area["cityCode"], pname)
            city = pname if city == "市辖区" else city
            places.append(Place(pname, city, area["name"], None, area["code"]))
            for street in streets[area["code"]][:townships]:
                places.append(Place(pname, city, area["name"], street["name"], street["code"]))
    return places


def sentence_pools(topics: list[Topic]) -> tuple[list[str], dict[str, list[str]]]:
    """Seed sentences: all of them, and those that use each topic's terms."""
    sentences: list[str] = []
    for path in sorted((ROOT / "content" / "reports").glob("*.txt")):
        text = re.sub(r"[#*\s]+", "", path.read_text(encoding="utf-8"))
        sentences += [s + "。" for s in text.split("。") if 15 <= len(s) <= 200]
    pools = {t.name: [s for s in sentences if t.pattern.search(s)] for t in topics}
    return sentences, {name: pool for name, pool in pools.items() if pool}


def _document(rng: random.Random, title: str, focus: list[str], pools, sentences) -> Document:
    blocks = [Block("title", title), Block("heading", "一、主要举措和成效", level=2)]
    for _ in range(5):
        picks = [
            rng.choice(pools[rng.choice(focus)]) if rng.random() < 0.8 else rng.choice(sentences)
            for _ in range(3)
        ]
        blocks.append(Block("paragraph", "".join(picks)))
    for _key, heading in SECTIONS:
        if rng.random() < 0.85:
            blocks += [
                Block("heading", heading, level=2),
                Block("paragraph", rng.choice(sentences)),
            ]
    return Document(blocks)


def synthetic_reports(n: int = 1000, seed: int = 20240301) -> list[Report]:
    """`n` annotated Reports: townships with several years each, their counties, a few departments."""
    rng = random.Random(seed)
    topics = load_topics(ROOT / "content" / "vocab" / "topics.yml")
    sentences, pools = sentence_pools(topics)
    places = gazetteer_places(("广西壮族自治区", "重庆市"), counties=10, townships=14)
    plans: list[tuple[Place, str, str, int]] = []
    for place in places:
        level = "township" if place.township else "county"
        years = sorted(rng.sample(YEARS, rng.randint(2, len(YEARS))))
        issuer = f"{place.township or place.county}人民政府"
        plans += [(place, level, issuer, y) for y in years]
        if not place.township and rng.random() < 0.5:
            plans += [(place, "department", f"{place.county}司法局", y) for y in years[-2:]]
    rng.shuffle(plans)
    focus_of = {p: rng.sample(sorted(pools), 2) for p in places}
    reports = []
    for i, (place, level, issuer, year) in enumerate(
        sorted(plans[:n], key=lambda p: (p[0].code, p[3]))
    ):
        title = f"{issuer}关于{year}年度法治政府建设情况的报告"
        region = Region(place.province, place.city, place.county, place.township, place.code)
        meta = ReportMeta(title=title, issuer=issuer, level=level, region=region, year=year)  # type: ignore[arg-type]
        doc = _document(rng, title, focus_of[place], pools, sentences)
        source = Source(f"synthetic-{i:05d}.txt", f"{i:064x}", "utf-8", 0)
        reports.append(annotate(Report(f"{year}-s{i:05d}", source, doc, meta), topics))
    return reports
