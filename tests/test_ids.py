from __future__ import annotations

from fazhi.ids import assign_ids, base_id, short_name
from fazhi.model import Region, ReportMeta, Source


def source(name: str, sha: str) -> Source:
    return Source(file=name, sha256=sha * 64, encoding="utf-8", size=1)


def test_short_name_keeps_two_characters():
    assert short_name("拉沟乡") == "拉沟"
    assert short_name("广西壮族自治区") == "广西"
    assert short_name("城区") == "城区"


def test_id_is_year_and_place_in_pinyin():
    meta = ReportMeta(
        year=2023, region=Region("广西壮族自治区", "柳州市", "鹿寨县", "拉沟乡", "450223105")
    )
    assert base_id(meta, source("a.txt", "a")) == "2023-guangxi-luzhai-lagou"


def test_unknown_place_uses_the_hash_and_clashes_get_a_suffix():
    items = [
        (ReportMeta(year=2023), source("b.txt", "b")),
        (ReportMeta(year=2023), source("a.txt", "b")),
    ]
    ids = assign_ids(items)
    assert ids == ["2023-bbbbbbbbbb-bbbbbbbb", "2023-bbbbbbbbbb"]
    assert len(set(ids)) == 2


def test_a_department_gets_its_office_in_the_id():
    region = Region("江西省", "赣州市", "上犹县", None, "360724")
    department = ReportMeta(year=2023, level="department", issuer="上犹县司法局", region=region)
    government = ReportMeta(year=2023, level="county", issuer="上犹县人民政府", region=region)
    assert base_id(department, source("a.txt", "a")) == "2023-jiangxi-shangyou-sifaju"
    assert base_id(government, source("b.txt", "b")) == "2023-jiangxi-shangyou"


def test_city_reports_name_their_city_and_do_not_clash_across_cities():
    hangzhou = Region("浙江省", "杭州市", None, None, "330100")
    ningbo = Region("浙江省", "宁波市", None, None, "330200")
    items = [
        (ReportMeta(year=2023, level="city", issuer="杭州市人民政府", region=hangzhou), source("a.txt", "a")),
        (ReportMeta(year=2023, level="city", issuer="宁波市人民政府", region=ningbo), source("b.txt", "b")),
        (
            ReportMeta(year=2023, level="department", issuer="杭州市司法局", region=hangzhou),
            source("c.txt", "c"),
        ),
        (ReportMeta(year=2023, level="province", issuer="浙江省人民政府", region=Region("浙江省")), source("d.txt", "d")),
    ]
    assert assign_ids(items) == [
        "2023-zhejiang-hangzhou",
        "2023-zhejiang-ningbo",
        "2023-zhejiang-hangzhou-sifaju",
        "2023-zhejiang",
    ]


def test_municipality_districts_keep_their_ids():
    region = Region("重庆市", None, "长寿区", "凤城街道", "500115")
    assert base_id(ReportMeta(year=2023, region=region), source("a.txt", "a")) == (
        "2023-chongqing-changshou-fengcheng"
    )


def test_slugs_kept_between_builds_need_no_pypinyin(tmp_path, monkeypatch):
    import sys

    from fazhi import ids
    from fazhi.prepared import tables_in

    monkeypatch.setattr(ids, "_slugs", {})
    with tables_in(tmp_path), ids.slugs_kept():
        made = ids.slug("鹿寨")
    monkeypatch.setattr(ids, "_slugs", {})
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # importing it now fails
    with tables_in(tmp_path), ids.slugs_kept():
        assert ids.slug("鹿寨") == made == "luzhai"
