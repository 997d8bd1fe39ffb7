"""A seeded synthetic corpus: N report files recombined from real reports and gazetteer places.

The paragraphs come from the reports in a folder (by default this project's content/reports), so the
generator carries no report text of its own. Place names and years in those paragraphs are swapped for the
synthetic report's own, then the report is dressed in the variations real portals show: split or
repeated titles, several heading styles, page chrome, page numbers, indicators, signatures, GB18030 files.
Same (sources, n, seed) → byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .read import decode_bytes, find_report_files

GAZETTEER = Path(__file__).parent / "data" / "admin-divisions"
DEFAULT_SOURCES = Path(__file__).resolve().parents[2] / "content" / "reports"
YEARS = range(2019, 2026)
ROLES = ("measures", "duty", "shortcomings", "next")

_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_SUB = re.compile(r"^（[一二三四五六七八九十]+）")
_ITEM = re.compile(r"^\d+[、.．]")
_YEAR = re.compile(r"20[12]\d")
_SECTION_WORDS = re.compile("情况|成效|做法|举措|问题|不足|打算|计划|安排|思路")
_UNIT_WORDS = ("我{}", "全{}", "{}党委", "{}人民政府", "{}政府", "{}长", "{}司法所", "{}纪委")
_STREET_UNIT = {
    "{}党委": "街道党工委",
    "{}人民政府": "街道办事处",
    "{}政府": "街道办事处",
    "{}长": "街道办事处主任",
}
Y, Y1, TOWN, COUNTY, CITY = "\x00Y\x00", "\x00Y1\x00", "\x00T\x00", "\x00C\x00", "\x00S\x00"


@dataclass(frozen=True)
class Place:
    province: str
    city: str
    county: str
    township: str
    code: str

    @property
    def unit(self) -> str:
        return "街道" if self.township.endswith("街道") else self.township[-1]


@dataclass(frozen=True)
class Sub:
    title: str | None
    paras: tuple[str, ...]


@dataclass
class Pool:
    """What the source reports offer, with places and years turned into markers."""

    intros: list[str] = field(default_factory=list)
    tops: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in ROLES})
    subs: dict[str, list[Sub]] = field(default_factory=lambda: {r: [] for r in ROLES})


def load_places() -> list[Place]:
    """Townships with their county, city and province, in gazetteer order."""

    def rows(name: str) -> list[dict[str, str]]:
        with (GAZETTEER / name).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    provinces = {r["code"]: r["name"] for r in rows("provinces.csv")}
    cities = {r["code"]: r["name"] for r in rows("cities.csv")}
    areas = {r["code"]: r["name"] for r in rows("areas.csv")}
    places = []
    for r in rows("streets.csv"):
        county = areas.get(r["areaCode"], "市辖区")
        if county == "市辖区" or not r["name"].endswith(("乡", "镇", "街道")):
            continue
        city = cities.get(r["cityCode"], "市辖区")
        province = provinces[r["provinceCode"]]
        places.append(
            Place(province, province if city == "市辖区" else city, county, r["name"], r["code"])
        )
    return places


def role_of(title: str) -> str:
    if re.search("下一步|打算|计划|安排|思路", title):
        return "next"
    if re.search("不足|问题", title):
        return "shortcomings"
    if re.search("第一责任人|主要负责人", title):
        return "duty"
    return "measures"


def _bare_heading(line: str) -> str:
    line = line.lstrip("#").strip().strip("*").strip()
    for pattern in (_TOP, _SUB, _ITEM):
        line = pattern.sub("", line)
    return line.strip().rstrip("。：:").strip("*")


def _markers(text: str, names: dict[str, str], year: int | None) -> str:
    for name, marker in names.items():
        text = text.replace(name, marker)
    if year is not None:
        for value, marker in ((year + 1, Y1), (year, Y)):
            text = re.sub(rf"(?<![\d\-－—至]){value}(?=\s*年(?![\d\-－—]))", marker, text)
    return text


def _place_names(text: str, places: list[Place]) -> dict[str, str]:
    """Gazetteer names found in a source report → the marker that replaces them (longest first)."""
    head = text[:500]
    found: dict[str, str] = {}
    for names, marker, where in (
        ({p.township for p in places}, TOWN, head),
        ({p.county for p in places}, COUNTY, text),
        ({p.city for p in places if p.city != p.province}, CITY, text),
    ):
        found.update((name, marker) for name in names if len(name) >= 3 and name in where)
    for name in list(found):
        if found[name] == TOWN:
            for word in _UNIT_WORDS:
                found[word.format(name[-1])] = word.format("\x00U\x00")
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def _seed_year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR.findall(text[:400]))
    return years.most_common(1)[0][0] if years else None


def parse_source(text: str, places: list[Place], pool: Pool) -> None:
    """Add one source report's intro, section titles and sub-sections to `pool`."""
    names, year = _place_names(text, places), _seed_year(text)
    top_role, sub_title, paras, seen_top = "measures", None, [], False

    def flush() -> None:
        if paras:
            role = role_of(sub_title) if sub_title and top_role == "compound" else top_role
            pool.subs["measures" if role == "compound" else role].append(
                Sub(sub_title, tuple(paras))
            )

    for raw in text.splitlines():
        line = raw.strip()
        bare = _bare_heading(line)
        is_short = len(bare) <= 24 and "。" not in line and "报告" not in bare
        bullet = line.lstrip("#* ")
        if _TOP.match(bullet) or (
            not _SUB.match(bullet) and is_short and _SECTION_WORDS.search(bare)
        ):
            flush()
            seen_top, sub_title, paras = True, None, []
            top_role = (
                "compound"
                if re.search("问题|不足", bare) and role_of(bare) == "next"
                else role_of(bare)
            )
            pool.tops[top_role if top_role != "compound" else "shortcomings"].append(
                _markers(bare, names, year)
            )
        elif _SUB.match(bullet) and seen_top:
            flush()
            head, _, rest = line.partition("。") if len(line) > 40 else (line, "", "")
            sub_title, paras = _markers(_bare_heading(head), names, year), []
            if rest.strip():
                paras.append(_markers(rest.strip(), names, year))
        elif len(line) >= 40 and not is_short:
            if seen_top:
                paras.append(_markers(line, names, year))
            else:
                pool.intros.append(_markers(line, names, year))
    flush()


def load_pool(sources: Path, places: list[Place]) -> Pool:
    pool = Pool()
    for path in find_report_files(sources):
        parse_source(decode_bytes(path.read_bytes(), path.name).text, places, pool)
    for role in ROLES:
        if not pool.subs[role]:
            pool.subs[role] = list(pool.subs["measures"])
        if not pool.tops[role]:
            pool.tops[role] = ["工作开展情况"] if role == "measures" else []
    if not pool.subs["measures"]:
        raise ValueError(f"no report paragraphs to recombine in {sources}")
    return pool


# ---- rendering one synthetic report -------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_NUMERALS = "一二三四五六七八九十"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = "伟芳军敏静丽强磊洋勇艳杰涛明超秀华平刚桂英文辉力建国志红"
_INDICATORS = (
    ("办理行政复议案件{}件", 1, 60),
    ("行政诉讼应诉{}件", 1, 30),
    ("行政机关负责人出庭应诉率达{}%", 80, 100),
    ("开展普法宣传活动{}场次", 5, 120),
    ("发放宣传资料{}余份", 500, 20000),
    ("调解矛盾纠纷{}起", 10, 600),
    ("调解成功率达{}%", 90, 100),
    ("组织执法人员培训{}人次", 20, 800),
    ("审核行政规范性文件{}件", 1, 40),
    ("公开政府信息{}条", 50, 3000),
    ("村（社区）法律顾问覆盖率达{}%", 90, 100),
    ("受理法律援助案件{}件", 3, 150),
)


def _fill(text: str, place: Place, year: int) -> str:
    unit_words = {
        word.format("\x00U\x00"): _STREET_UNIT.get(word, word).format("街道")
        if place.unit == "街道"
        else word.format(place.unit)
        for word in _UNIT_WORDS
    }
    for marker, value in unit_words.items():
        text = text.replace(marker, value)
    for marker, value in ((Y1, str(year + 1)), (Y, str(year)), (TOWN, place.township)):
        text = text.replace(marker, value)
    return text.replace(COUNTY, place.county).replace(CITY, place.city)


def _cn_date(year: int, month: int, day: int) -> str:
    def num(n: int) -> str:
        return (
            _NUMERALS[n - 1]
            if n <= 10
            else ("十" if n < 20 else _NUMERALS[n // 10 - 1] + "十")
            + (_NUMERALS[n % 10 - 1] if n % 10 else "")
        )

    return "".join(_CN_DIGITS[int(d)] for d in str(year)) + f"年{num(month)}月{num(day)}日"


def _indicator(rng: random.Random) -> str:
    picks = rng.sample(_INDICATORS, rng.randint(1, 3))
    parts = [tpl.format(rng.randint(lo, hi)) for tpl, lo, hi in picks]
    return f"全年共{'，'.join(parts)}。"


def _title(rng: random.Random, place: Place, year: int) -> list[str]:
    t, c = place.township, place.county
    return rng.choice(
        [
            [f"{c}{t}{year}年度法治政府建设工作报告"],
            [f"{t}人民政府", f"关于{year}年度法治政府建设情况的报告"],
            [f"{t}{year}年度法治政府建设", "工作报告"],
            [f"{c}{t}人民政府关于 {year} 年度法治政府 建设情况的报告"],
            [f"{t}法治政府建设工作报告"],
            [f"{place.city}{c}{t}{year}年法治政府建设情况报告"],
        ]
    )


def _chrome_head(rng: random.Random, place: Place, year: int, title: str, signed: str) -> list[str]:
    rows = [
        f"索引号：{place.code}/{year + 1}-{rng.randint(1, 99999):05d}",
        f"发布机构：{place.county}{place.township}人民政府",
        f"成文日期：{signed}",
        f"标题：{title}",
        f"发布日期：{signed}",
        "【字体：大 中 小】",
    ]
    return rng.sample(rows, rng.randint(3, len(rows)))


def _heading(style: str, level: int, text: str) -> str:
    if style == "markdown":
        return "#" * (level + 1) + " " + text
    if style == "bold":
        return f"**{text}**"
    return text


def _section_lines(rng: random.Random, pool: Pool, role: str, index: int, style: str) -> list[str]:
    tops = pool.tops[role] or pool.tops["measures"]
    lines = [_heading(style, 1, f"{_NUMERALS[index]}、{rng.choice(tops)}")]
    subs = rng.sample(pool.subs[role], min(len(pool.subs[role]), rng.randint(2, 5)))
    titled = [s for s in subs if s.title]
    for k, sub in enumerate(titled or subs):
        paras = list(sub.paras[: rng.randint(1, 3)])
        if role == "measures" and rng.random() < 0.6:
            paras.append(_indicator(rng))
        if sub.title and rng.random() < 0.25:
            lines.append(f"（{_NUMERALS[k % 10]}）{sub.title}。{paras.pop(0)}")
        elif sub.title:
            lines.append(_heading(style, 2, f"（{_NUMERALS[k % 10]}）{sub.title}"))
        if rng.random() < 0.2 and len(paras) > 1:
            paras = [f"{n}、{p}" for n, p in enumerate(paras, 1)]
        lines.extend(paras)
    return lines


def _paginate(rng: random.Random, lines: list[str]) -> list[str]:
    """Insert page-number lines every ~1,500 characters, now and then splitting a paragraph."""
    out, since, page = [], 0, 1
    fmt = rng.choice(["- {} -", "— {} —", "第 {} 页"])
    for line in lines:
        since += len(line)
        if since > 1500 and len(line) > 80 and rng.random() < 0.5:
            cut = rng.randint(20, len(line) - 20)
            out += [line[:cut], fmt.format(page), line[cut:]]
            page, since = page + 1, 0
        elif since > 1500:
            out += [line, fmt.format(page)]
            page, since = page + 1, 0
        else:
            out.append(line)
    return out


def render_report(rng: random.Random, pool: Pool, place: Place, year: int) -> tuple[str, str]:
    """One report text and its file suffix."""
    style = rng.choice(["plain", "plain", "markdown", "bold"])
    title = _title(rng, place, year)
    month, day = rng.choice(
        [(1, rng.randint(2, 28)), (2, rng.randint(1, 28)), (12, rng.randint(1, 30))]
    )
    sign_year = year if month == 12 else year + 1
    signed = f"{sign_year}年{month}月{day}日"
    head: list[str] = []
    if rng.random() < 0.3:
        head += _chrome_head(rng, place, year, "".join(title), signed)
    if rng.random() < 0.2:
        name = rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.randint(1, 2)))
        short = place.township[:2]
        head += [
            f"{place.township}人民政府文件",
            f"{short}府发〔{sign_year}〕{rng.randint(1, 99)}号",
            f"签发人：{name}",
        ]
    head += [_heading("markdown", 0, title[0]), *title[1:]] if style == "markdown" else title
    if rng.random() < 0.3:
        head.append(f"{place.county[-1]}委、{place.county[-1]}政府：")
    body = [rng.choice(pool.intros)] if pool.intros else []
    roles = ["measures"] + (["duty"] if rng.random() < 0.4 else []) + ["shortcomings", "next"]
    for index, role in enumerate(roles):
        body += _section_lines(rng, pool, role, index, style)
    if rng.random() < 0.4:
        body = _paginate(rng, body)
    tail = ([f"中共{place.county}{place.township}委员会"] if rng.random() < 0.2 else []) + [
        f"{place.county}{place.township}人民政府",
        _cn_date(sign_year, month, day) if rng.random() < 0.2 else signed,
    ]
    if rng.random() < 0.25:
        tail.append(
            rng.choice(["打印本页 关闭窗口", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页"])
        )
    text = _fill("\n\n".join(head + body + tail), place, year) + "\n"
    return text, ".md" if style == "markdown" else ".txt"


def plan(rng: random.Random, places: list[Place], n: int) -> list[tuple[Place, int]]:
    """(township, year) pairs: several years per township, 2019–2025."""
    pairs: list[tuple[Place, int]] = []
    while len(pairs) < n:
        place = places[rng.randrange(len(places))]
        years = sorted(rng.sample(list(YEARS), rng.randint(2, 5)))
        pairs += [(place, y) for y in years]
    return pairs[:n]


def write_corpus(
    target_dir: Path, n: int, seed: int = 0, sources: Path | None = None
) -> list[Path]:
    """Write `n` synthetic report files into `target_dir`; return their paths in order."""
    places = load_places()
    pool = load_pool(sources or DEFAULT_SOURCES, places)
    rng = random.Random(seed)
    target_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (place, year) in enumerate(plan(rng, places, n)):
        text, suffix = render_report(rng, pool, place, year)
        data = text.encode("gb18030" if rng.random() < 0.1 else "utf-8")
        path = target_dir / f"syn{i:05d}_{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths
