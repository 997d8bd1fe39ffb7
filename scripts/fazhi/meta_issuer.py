"""Who issued the report (issuer, co_issuers) and at which level.

Evidence in order: the signature lines, the 发文机关标志, the organ that opens the title, the
page's 发布机构 row. A page row is only trusted when the text names no organ: the site that hosts
a page (来源：司法局) is often not the issuer. A title that opens with a bare place name
(五指峰乡2023年度…报告) names the place's government.
"""

from __future__ import annotations

import itertools
import re

from .meta_text import ISSUER_ROWS, ORGAN_END, Row, is_only_date, row_value, squeeze
from .model import Document, Level, Provenance
from .regions import find_places, load_gazetteer

_SPLIT = re.compile(r"[\s、，,　]+")
_SENTENCE = re.compile(r"[。；;：:！？]")
# A zone's 管委会 governs it as a government does (石家庄高新区管委会); 城市管理委员会 is a department.
_GOVERNMENT = re.compile(r"(?:政府|行政公署|办事处|街道办|区管理委员会|区管委会)$")
_PARTY_LEAD = re.compile(r"^(?:中共|中国共产党)")
_PARTY_COMMITTEE = re.compile(r"^(?:中共|中国共产党)?(.+?)(?:工作委员会|委员会|党工委|党委|工委|委)$")
_PARTY_OWN = re.compile(r"(?:党委|党工委)$")
# 新疆生产建设兵团 and its 师/团: a system of its own beside the local governments' levels
_ZONE_COMMITTEE = re.compile(r"(?:开发区|园区|高新区|经开区|新区|试验区|示范区)(?:管理委员会|管委会)$")
_BINGTUAN = re.compile(r"生产建设兵团|^兵团")
_TOWNSHIP_PLACE = re.compile(r"(?:乡|镇|街道|苏木)$")
_TITLE_HEAD = re.compile(r"^(.*?)(?:关于|20\d\d|二[〇○零]|法治政府|依法行政)")
_MARK_TAIL = re.compile(r"文件$")
_TOWNSHIP_VOICE = re.compile(r"(?:我|全|本)(?:乡|镇|街道|苏木)(?![长政府委])")
_COUNTY_VOICE = re.compile(r"(?:我|全|本)(?:县|旗)(?![长政府委])")
_TAIL_BLOCKS = 10


def is_party_committee(organ: str) -> bool:
    """中共××县委, 中共××镇委员会, ××街道党工委: a place's party committee. A committee's own
    office or commission (中共××区委全面依法治区委员会办公室) is a department."""
    match = _PARTY_COMMITTEE.match(organ)
    if not match or not (_PARTY_LEAD.match(organ) or _PARTY_OWN.search(organ)):
        return False
    return not re.search(r"[委办部局组厅]|纪律检查|政法|宣传|组织|统战|编制|依法治", match.group(1))


def organs_in(text: str) -> list[str]:
    """The organ names on one line (中共××乡委员会  ××乡人民政府 → two); [] if the line is not one."""
    text = text.strip()
    if not text or _SENTENCE.search(text) or len(text) > 60:
        return []
    organs: list[str] = []
    pending = ""
    for part in _SPLIT.split(text):
        pending += squeeze(part)
        if ORGAN_END.search(pending):
            organs.append(pending)
            pending = ""
    if pending or any(len(o) < 4 for o in organs):
        return []
    return [piece for organ in organs for piece in _unglue(organ)]


_GLUE_POINT = re.compile(r"(?:人民政府|委员会|委|办事处)(?=中共|[\u4e00-\u9fff]{2})")


def _unglue(organ: str) -> list[str]:
    """中共上犹县委上犹县人民政府 (spaces lost in cleaning) → the two organs it names."""
    for match in _GLUE_POINT.finditer(organ):
        head, rest = organ[: match.end()], organ[match.end() :]
        if len(head) < 4 or not ORGAN_END.search(rest):
            continue
        if rest.startswith(("中共", "中国共产党")):
            return [head, *_unglue(rest)]
        if head.endswith("人民政府"):
            continue  # 朝阳区人民政府劲松街道办事处 is one organ
        mentions = find_places(rest, load_gazetteer())
        if mentions and mentions[0].start == 0:
            return [head, *_unglue(rest)]
    return [organ]


def _signature_organs(doc: Document) -> list[str]:
    lines = [b.text for b in doc.of_kind("signature")]
    if not lines:
        tail = doc.blocks[-_TAIL_BLOCKS:]
        lines = [b.text for b in tail if b.kind in ("paragraph", "signature", "heading") and not is_only_date(b.text)]
    return [organ for line in lines for organ in organs_in(line)]


def _mark_organs(doc: Document) -> list[str]:
    return [o for b in doc.of_kind("issuer_mark") for o in organs_in(_MARK_TAIL.sub("", b.text.strip()))]


def _title_organs(title: str | None) -> list[str]:
    match = _TITLE_HEAD.match(title or "")
    return organs_in(match.group(1)) if match else []


def _full_name(organ: str, title_organs: list[str]) -> str:
    """A signature that abbreviates the organ the title names (石家庄高新区管委会 for
    石家庄高新技术产业开发区管理委员会: its characters in order, same first and last) → the full name."""
    for full in title_organs:
        if len(full) > len(organ) and full[0] == organ[0] and full[-1] == organ[-1]:
            rest = iter(full)
            if all(ch in rest for ch in organ):
                return full
    return organ


def _completed_by_row(organ: str, rows: list[Row]) -> str | None:
    """县司法局 signed without its place, and a 发布机构 row naming 玉屏侗族自治县司法局: the
    row's name, which ends with the signature's, is the full name."""
    if organ[0] not in "省市州盟县区旗乡镇":
        return None
    row = row_value(rows, *ISSUER_ROWS)
    return next((o for o in organs_in(row or "") if len(o) > len(organ) and o.endswith(organ)), None)


def _place_government(title: str | None) -> str | None:
    """五指峰乡2023年度…: a title opening with nothing but a township or county name."""
    match = _TITLE_HEAD.match(title or "")
    head = match.group(1) if match else ""
    if not head:
        return None
    mentions = find_places(head, load_gazetteer())
    if not mentions or mentions[0].start != 0 or mentions[-1].end != len(head):
        return None
    if any(m.start != prev.end for prev, m in itertools.pairwise(mentions)):
        return None
    if head.endswith("街道"):
        return head + "办事处"
    if _TOWNSHIP_PLACE.search(head) or head.endswith(("县", "区", "旗", "市")):
        return head + "人民政府"
    return None


def find_issuer(
    doc: Document, title: str | None, rows: list[Row], derive: bool = True
) -> tuple[str | None, list[str], Provenance | None, str]:
    """(issuer, co_issuers, provenance, reason when none); the government leads a joint report.

    `derive`: a title that opens with a bare place names its government as issuer. Not for a
    plan or a notice (杭州市…第三方评估报告 is written by evaluators about the place)."""
    sources: list[tuple[list[str], Provenance]] = [
        (_signature_organs(doc), "text"),
        (_mark_organs(doc), "text"),
        (_title_organs(title), "text"),
    ]
    for organs, provenance in sources:
        if organs:
            issuer, co_issuers = _lead(organs)
            issuer = _full_name(issuer, _title_organs(title))
            completed = _completed_by_row(issuer, rows)
            if completed:
                return completed, co_issuers, "metadata-row", ""
            return issuer, co_issuers, provenance, ""
    derived = _place_government(title) if derive else None
    row = row_value(rows, *ISSUER_ROWS)
    row_organs = organs_in(row) if row else []
    if row_organs and _row_fits(row_organs[0], title, body_voice(doc.body_text)):
        return (*_lead(row_organs), "metadata-row", "")
    if derived:
        return derived, [], "text", ""
    return None, [], None, "no signature, 发文机关标志, organ in the title or fitting 发布机构 row"


def _title_place(title: str | None) -> str:
    match = _TITLE_HEAD.match(title or "")
    return match.group(1) if match else ""


def _row_fits(organ: str, title: str | None, voice: str | None) -> bool:
    """A 发布机构 row names the issuer only when the title agrees: the hosting site is often
    another office (来源：司法局). A department must be named by the title; a government must
    contain the place the title opens with, and speak at the level the body speaks (我乡)."""
    head = _title_place(title)
    government = bool(_GOVERNMENT.search(organ) or is_party_committee(organ))
    if not government:
        return bool(title) and organ in (title or "")
    if head and head not in organ:
        return False
    organ_is_township = bool(_TOWNSHIP_PLACE.search(_place_part(organ)))
    return voice is None or (voice == "township") == organ_is_township


def _lead(organs: list[str]) -> tuple[str, list[str]]:
    unique = list(dict.fromkeys(organs))
    government = next((o for o in unique if _GOVERNMENT.search(o)), None)
    issuer = government or next((o for o in unique if not is_party_committee(o)), unique[0])
    return issuer, [o for o in unique if o != issuer]


def _place_part(organ: str) -> str:
    return re.sub(r"^(?:中共|中国共产党)|(?:人民政府|政府|街道办事处|办事处|街道办|管理委员会|管委会|委员会|党委|党工委)$", "", organ)


def body_voice(body: str) -> str | None:
    """'township' when the body speaks as one (我乡, 全镇), 'county' for 我县/全县, else None."""
    township = len(_TOWNSHIP_VOICE.findall(body))
    county = len(_COUNTY_VOICE.findall(body))
    if township >= 2 and township > 2 * county:
        return "township"
    if county >= 2 and county > 2 * township:
        return "county"
    return None


def find_level(
    issuer: str | None, subject_level: str | None, body: str
) -> tuple[Level | None, str]:
    """(level, reason when none): from the issuer's kind, else how the body speaks (我乡, 全县)."""
    if issuer and _ZONE_COMMITTEE.search(issuer) and subject_level == "township":
        return None, "a zone's 管委会 the list files at township level: not a township government"
    if issuer and _BINGTUAN.search(issuer):
        return None, "units of the 新疆生产建设兵团 are outside the local government levels"
    if issuer:
        if not (_GOVERNMENT.search(issuer) or is_party_committee(issuer)):
            return "department", ""
        if _TOWNSHIP_PLACE.search(_place_part(issuer)) or issuer.endswith(("街道办事处", "街道办")):
            return "township", ""
        if subject_level in ("county", "city", "province"):
            return subject_level, ""  # type: ignore[return-value]
        place = _place_part(issuer)
        if place.endswith(("县", "旗")):
            return "county", ""
        if place.endswith(("省", "自治区")):
            return "province", ""
    if subject_level == "township":
        return "township", ""
    voice = body_voice(body)
    if voice == "township":
        return "township", ""
    if subject_level in ("county", "city", "province") and not issuer:
        return subject_level, ""  # type: ignore[return-value]
    return None, "the issuer's kind and the body do not show the level"
