"""All metadata fields of the five seed reports, read off each seed by eye."""

from __future__ import annotations

import pytest

from tests.meta_expect import SEED_DIR, extract, flat_actual, flat_expected

SEEDS_EXPECTED = {
    "000_3f30c25396e6711b": {
        "title": "拉沟乡2023年度法治政府建设工作报告",
        "issuer": "鹿寨县拉沟乡人民政府",
        "level": "township",
        "year": 2023,
        "date_signed": "2024-01-02",
        "region": {
            "province": "广西壮族自治区", "city": "柳州市", "county": "鹿寨县",
            "township": "拉沟乡", "code": "450223203",
        },
    },
    "001_3ebd2084beff9e3a": {
        "title": "雷高镇人民政府关于2022年度法治政府建设情况的报告",
        "issuer": "雷州市雷高镇人民政府",
        "level": "township",
        "year": 2022,
        "date_signed": "2022-12-02",
        "doc_number": "雷高府发〔2022〕61号",
        "signer": "王科栋",
        "region": {
            "province": "广东省", "city": "湛江市", "county": "雷州市",
            "township": "雷高镇", "code": "440882109",
        },
    },
    "002_fb4fb1fb4ee4856e": {
        "title": "城口县左岚乡人民政府2024年法治政府建设情况报告",
        "issuer": "城口县左岚乡人民政府",
        "level": "township",
        "year": 2024,
        "region": {
            "province": "重庆市", "county": "城口县", "township": "左岚乡", "code": "500229205",
        },
    },
    "003_a6fefeade6ba0466": {
        "title": "中共重庆市万州区柱山乡委员会重庆市万州区柱山乡人民政府关于2023年度法治政府建设情况的报告",
        "issuer": "重庆市万州区柱山乡人民政府",
        "co_issuers": ["中共重庆市万州区柱山乡委员会"],
        "level": "township",
        "year": 2023,
        "date_signed": "2024-02-28",
        "addressee": "区委、区政府",
        "cc": ["区委依法治区办"],
        "region": {
            "province": "重庆市", "county": "万州区", "township": "柱山乡", "code": "500101201",
        },
    },
    "004_cd7917031f36bf6a": {
        "title": "五指峰乡2023年度法治政府建设工作报告",
        "issuer": "五指峰乡人民政府",
        "level": "township",
        "year": 2023,
        "region": {
            "province": "江西省", "city": "赣州市", "county": "上犹县",
            "township": "五指峰乡", "code": "360724207",
        },
    },
}  # fmt: skip


@pytest.mark.parametrize("stem", sorted(SEEDS_EXPECTED))
def test_seed_metadata(stem: str):
    expected = flat_expected(SEEDS_EXPECTED[stem])
    actual = flat_actual(extract(SEED_DIR / f"{stem}.txt"))
    wrong = {k: (expected[k], actual[k]) for k in expected if expected[k] != actual[k]}
    assert not wrong, f"{stem}: field: (expected, got) {wrong}"


@pytest.mark.parametrize("stem", sorted(SEEDS_EXPECTED))
def test_every_null_has_a_reason_and_every_value_a_source(stem: str):
    record = extract(SEED_DIR / f"{stem}.txt").sidecar()
    fields = ("title", "issuer", "level", "year", "date_signed", "doc_number", "signer", "addressee")
    for field in fields:
        if record[field] is None:
            assert record["unknown"][field]
        else:
            assert record["provenance"][field] in ("text", "metadata-row", "gazetteer", "editor")
    for key, value in record["region"].items():
        if value is None:
            assert record["unknown"][f"region.{key}"]
        else:
            assert record["provenance"][f"region.{key}"]
