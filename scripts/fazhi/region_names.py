"""County-level names the 2023 list lacks: new units (撤县设区, 撤县设市) and abbreviations.

Pure string tests on clue texts; `region_resolve` decides what they mean for the report's region.
"""

from __future__ import annotations

import re

from .regions import Gazetteer

# 福州市永泰区城峰镇, 霞浦市人民政府: a county-level name the 2023 list lacks (撤县设区, 撤县设市
# since), written where a county stands: after a listed city or province, or before an organ word
# or a township. Zones (开发区, 园区) and placeholders (某某县) are not counties.
_UNLISTED_COUNTY = re.compile(
    r"^([\u4e00-\u9fff]{2,6}?(?:县|区|市|旗))(?=人民政府|政府|委员会|党委|关于|20\d\d|法治|"
    r"[\u4e00-\u9fff]{2,8}?(?:乡|镇|街道|苏木)(?:人民政府|党委|党工委|委员会|办事处|关于|法治|20\d\d|$))"
)
_NOT_COUNTY = re.compile(
    r"开发区|开区|园区|高新区|新区|试验区|实验区|示范区|工业区|度假区|保税区|管理区|景区|^某|^[各全我本该所]"
)
# words that make a name an organ or a phrase, not a place (本镇, 乡镇, 辖区)
ORGAN_WORD = re.compile(r"政府|委员会|办事处|党委|机关|乡镇|^[各全我本该所]|辖区")


def unlisted_county(text: str, after_county: bool, gaz: Gazetteer) -> str | None:
    """The county-level name opening `text` when the list lacks it (see _UNLISTED_COUNTY);
    never right after a county or township name (`after_county`)."""
    if after_county:
        return None
    match = _UNLISTED_COUNTY.match(text)
    if not match:
        return None
    name = match.group(1)
    if name in gaz.by_name or _NOT_COUNTY.search(name) or ORGAN_WORD.search(name):
        return None
    return name


def abbreviates(short: str, full: str) -> bool:
    """达茂旗 → 达尔罕茂明安联合旗: same first character and suffix, the rest in order."""
    if len(full) <= len(short) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)
