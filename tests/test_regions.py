"""Gazetteer lookups and region resolution: decide only when the clues decide."""

from __future__ import annotations

import pytest

from fazhi.region_resolve import Clue, resolve_region
from fazhi.regions import find_places, load_gazetteer


def names(text: str) -> list[str]:
    return [m.name for m in find_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重庆市万州区柱山乡人民政府", ["重庆市", "万州区", "柱山乡"]),
        ("長壽區人民政府", []),  # traditional script is converted before lookup, not here
        ("重庆市长寿区人民政府", ["重庆市", "长寿区"]),
        ("钟祥市长寿镇人民政府", ["钟祥市", "长寿镇"]),
        ("象山县丹东街道办事处", ["象山县", "丹东街道"]),
        ("锦州市义县人民政府", ["锦州市", "义县"]),
        ("新镇和城区的街道", []),  # two-character names only count after their parent
    ],
)
def test_find_places_matches_whole_names(text: str, expected: list[str]):
    assert names(text) == expected


def resolve(*texts: str, body: str = "", addressee: str | None = None, context: tuple = ()):
    clues = [Clue(t, "text") for t in texts]
    clues += [Clue(t, "metadata-row", subject=False) for t in context]
    return resolve_region(clues, body, addressee)


@pytest.mark.parametrize(
    ("clues", "expected"),
    [
        (("鹿寨县拉沟乡人民政府",), ("广西壮族自治区", "柳州市", "鹿寨县", "拉沟乡", "450223203")),
        (("城口县左岚乡人民政府",), ("重庆市", None, "城口县", "左岚乡", "500229205")),
        (("長壽區人民政府",), ("重庆市", None, "长寿区", None, "500115")),
        (("丹东街道办事处",), ("浙江省", "宁波市", "象山县", "丹东街道", "330225001")),
        (("北京市朝阳区人民政府劲松街道办事处",), ("北京市", None, "朝阳区", "劲松街道", "110105017")),
        (("城关镇人民政府",), (None, None, None, "城关镇", None)),
        (("鹿寨县拉沟镇人民政府",), ("广西壮族自治区", "柳州市", "鹿寨县", "拉沟镇", None)),
        (("上犹县司法局",), ("江西省", "赣州市", "上犹县", None, "360724")),
        (("朝阳区人民政府",), (None, None, "朝阳区", None, None)),
        (("和林格尔县城关镇人民政府",), ("内蒙古自治区", "呼和浩特市", "和林格尔县", "城关镇", "150123100")),
        # 高新区 is a township of 常州 etc.; here it abbreviates the zone the title names
        (
            ("石家庄高新技术产业开发区管理委员会", "石家庄高新区管委会"),
            ("河北省", "石家庄市", "石家庄高新技术产业开发区", None, "130171"),
        ),
    ],
)
def test_resolve_from_issuer_clues(clues, expected):
    region = resolve(*clues).region
    assert (region.province, region.city, region.county, region.township, region.code) == expected


def test_repeated_name_is_decided_by_a_page_row_naming_the_county():
    result = resolve("城关镇人民政府", context=("太和县人民政府办公室",))
    assert result.region.code == "341222100"
    assert result.provenance["region.county"] == "metadata-row"
    assert result.provenance["region.city"] == "gazetteer"


def test_repeated_name_is_decided_by_the_body_naming_the_county():
    result = resolve("城关镇人民政府", body="在五河县委、县政府的坚强领导下，我镇……")
    assert result.region.county == "五河县"


def test_a_neighbours_address_in_the_body_decides_nothing():
    result = resolve("城关镇人民政府", body="与相邻的五河县城关镇、太和县城关镇建立联调机制")
    assert result.region.county is None
    assert "88" in result.unknown["region.county"]


def test_addressee_alone_never_picks_among_many():
    result = resolve("高坪镇人民政府", addressee="区委、区政府")
    assert result.region.county is None and result.region.township == "高坪镇"


def test_addressee_narrows_among_candidates_the_clues_left():
    result = resolve("高坪镇人民政府", context=("江西省人民政府",), addressee="区委、区政府")
    assert result.region.county == "临川区"


def test_conflicting_issuer_clues_leave_the_region_unknown():
    result = resolve("拉沟乡人民政府", "五指峰乡人民政府")
    assert result.region.township is None
    assert result.unknown["region"]


def test_every_null_level_has_a_reason():
    for clue in ("城关镇人民政府", "上犹县司法局", "重庆市长寿区人民政府"):
        result = resolve(clue)
        for level, value in result.region.as_dict().items():
            if value is None:
                assert result.unknown[f"region.{level}"]


def test_gazetteer_is_loaded_once():
    assert load_gazetteer() is load_gazetteer()
    assert len([p for p in load_gazetteer().by_name["城关镇"] if p.level == "township"]) == 88


def test_a_unique_name_in_another_county_than_the_one_named_is_not_taken():
    """五指峰乡 is in 上犹县 only; 鹿寨县五指峰乡 must be a place the 2023 list does not have."""
    result = resolve("鹿寨县五指峰乡人民政府")
    assert (result.region.county, result.region.township, result.region.code) == ("鹿寨县", "五指峰乡", None)
    assert "2023 list" in result.unknown["region.code"]


def test_a_page_row_that_contradicts_the_issuer_fills_nothing_in():
    result = resolve("营前镇人民政府", context=("宁波市人民政府",))
    assert result.region.township == "营前镇"
    assert result.region.county is None and result.region.province is None


def test_a_news_site_naming_a_province_in_passing_does_not_block():
    result = resolve("营前镇人民政府", context=("人民网重庆频道",))
    assert result.region.code == "360724103"


def test_an_unlisted_name_without_a_county_is_not_a_place():
    result = resolve("某某镇人民政府")
    assert result.region == type(result.region)()
    assert "某某镇" in result.unknown["region"]


def test_the_variants_file_is_in_step_with_the_list():
    from fazhi.regions import _variant_rows, compute_variants

    rows = [(r["code"], r["name"], r["simplified"]) for r in _variant_rows()]
    assert rows == compute_variants(load_gazetteer())


def test_a_name_converted_to_simplified_script_still_finds_its_place():
    assert resolve("汉川市垌冢镇人民政府").region.township == "垌塚镇"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("大通县卫生健康局", "大通回族土族自治县"),
        ("黔东南州人民政府", "黔东南苗族侗族自治州"),
        ("长阳县司法局", "长阳土家族自治县"),
        ("莫力达瓦旗人民政府", "莫力达瓦达斡尔族自治旗"),
    ],
)
def test_autonomous_unit_named_without_its_peoples(text, name):
    mentions = find_places(text)
    assert [p.name for p in mentions[0].places] == [name]


def test_a_short_name_that_is_another_units_own_name_is_not_an_autonomous_one():
    assert [p.name for p in find_places("大通区司法局")[0].places] == ["大通区"]


def test_the_prepared_gazetteer_finds_what_the_built_one_finds(tmp_path):
    import random

    from fazhi import regions
    from fazhi.prepared import tables_in

    from .conftest import SEEDS

    built = regions.build_gazetteer()
    with tables_in(tmp_path):
        load_gazetteer.cache_clear()
        load_gazetteer()  # writes the table
        load_gazetteer.cache_clear()
        lazy = load_gazetteer()
    load_gazetteer.cache_clear()
    assert isinstance(lazy.by_name, regions.LazyMap)
    rnd = random.Random(3)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    clues = [t[i : i + rnd.randint(4, 40)] for t in texts for i in rnd.sample(range(len(t) - 40), 300)]
    names = list(built.by_name)
    clues += ["".join(rnd.sample(names, 3)) for _ in range(500)] + ["重庆市万州区柱山乡", "锦州市义县", "岷县城关镇", "大通县卫生健康局", "黔东南州人民政府", "莫力达瓦旗人民政府", "吉县人民政府"]
    for clue in clues:
        assert find_places(clue, lazy) == find_places(clue, built), clue
    for place in rnd.sample(list(built.places.values()), 500):
        assert lazy.chain(place) == built.chain(place)
    assert lazy.by_name["城关镇"] == built.by_name["城关镇"]
    assert len(lazy.by_name) == len(built.by_name) and list(lazy.places) == list(built.places)


@pytest.mark.parametrize(
    ("texts", "context", "region"),
    [
        # 撤县设区 / 撤县设市 after the 2023 list: the named city, the names as written, no code
        (("福州市永泰区城峰镇人民政府",), (), ("福建省", "福州市", "永泰区", "城峰镇", None)),
        (("霞浦市人民政府",), ("宁德市人民政府",), ("福建省", "宁德市", "霞浦市", None, None)),
        # nothing listed anchors it: no place at all
        (("达茂旗人民政府",), (), (None, None, None, None, None)),
        # a listed county named beside it: an abbreviation, resolved as usual
        (("达茂旗人民政府",), ("包头市达尔罕茂明安联合旗",), ("内蒙古自治区", "包头市", "达尔罕茂明安联合旗", None, "150223")),
        (("长沙经开区管委会",), (), (None, None, None, None, None)),
        # an abbreviation of one listed county under the named city is that county
        (("包头市达茂旗人民政府",), (), ("内蒙古自治区", "包头市", "达尔罕茂明安联合旗", None, "150223")),
        (("通辽市科左中旗保康镇人民政府",), (), ("内蒙古自治区", "通辽市", "科尔沁左翼中旗", "保康镇", "150521100")),
        (("达茂旗人民政府",), ("包头市人民政府",), ("内蒙古自治区", "包头市", "达尔罕茂明安联合旗", None, "150223")),
    ],
)
def test_a_county_level_name_the_list_lacks(texts, context, region):
    result = resolve(*texts, context=context).region
    assert (result.province, result.city, result.county, result.township, result.code) == region


def test_a_unique_township_led_by_another_county_is_not_taken():
    """孟寨镇 is listed under 舞阳县 only; a report led by 兰考县 is 兰考县's (孟寨乡 made a 镇)."""
    body = "2024年，孟寨镇在兰考县委、县政府的坚强领导下，扎实推进法治政府建设。"
    result = resolve("孟寨镇人民政府", body=body)
    assert (result.region.county, result.region.code) == ("兰考县", None)
    plain = resolve("孟寨镇人民政府", body="2024年，孟寨镇在县委、县政府的坚强领导下推进法治建设。")
    assert plain.region.code == "411121105"


def test_a_county_named_as_leading_itself_keeps_its_code():
    body = "2023年，大理市人民政府在州委、州政府和市委的坚强领导下，全面推进法治政府建设。"
    assert resolve("大理市人民政府", body=body).region.code == "532901"


def test_a_row_contradicting_the_township_keeps_the_city_both_agree_on():
    result = resolve("营前镇人民政府", context=("崇义县人民政府办公室",))
    assert (result.region.city, result.region.county, result.region.township, result.region.code) == (
        "赣州市", None, "营前镇", None,
    )
