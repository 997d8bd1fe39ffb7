"""The metadata header on each report page: every field shown, 未注明 with the reason, never blank."""

from __future__ import annotations

from fazhi.render import meta_table
from tests.meta_expect import FIXTURES, SEED_DIR, extract


def test_known_fields_and_their_sources():
    table = meta_table(extract(SEED_DIR / "001_3ebd2084beff9e3a.txt"))
    assert "雷州市雷高镇人民政府" in table
    assert "雷高府发〔2022〕61号" in table
    assert "2022年" in table and "2022-12-02" in table
    assert '<span title="来源：正文">' in table
    assert "<td></td>" not in table


def test_unknown_fields_read_weizhuming_with_the_reason():
    table = meta_table(extract(FIXTURES / "f10_chengguan_no_clue.txt"))
    assert "城关镇" in table
    assert '<span class="fz-unknown" title="no 发文字号' in table
    assert "未注明" in table


def test_region_levels_link_to_their_pages():
    report = extract(SEED_DIR / "000_3f30c25396e6711b.txt")
    table = meta_table(report, {"county": "../../regions/guangxi/luzhai/"})
    assert '<a href="../../regions/guangxi/luzhai/">鹿寨县</a>' in table
    assert "拉沟乡" in table
