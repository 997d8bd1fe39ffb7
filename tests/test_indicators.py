"""Indicator extraction on sentences written for each pattern and trap (not taken from the seeds)."""

from __future__ import annotations

import pytest

from fazhi.indicators import (
    canonical_name,
    default_vocab,
    extract_indicators,
    names_for,
    parse_vocab,
)
from fazhi.model import Block, Document
from fazhi.numerals import NumeralError, chinese_value, numeral_value

# sentence → expected indicators as (value, unit, approx); [] means: nothing here is an indicator.
CASES: list[tuple[str, list[tuple[float, str, bool]]]] = [
    # Arabic numerals, units, spaces, full-width digits
    ("全年共办理行政复议案件12件。", [(12, "件", False)]),
    ("全年受理行政诉讼案件 7 件，其中败诉 1 件。", [(7, "件", False), (1, "件", False)]),
    ("举办法治讲座１２场次，受众２３００人次。", [(12, "场次", False), (2300, "人次", False)]),
    ("发放《民法典》读本500本，张贴标语30幅。", [(500, "本", False), (30, "幅", False)]),
    ("审查规范性文件8份，提出修改意见15条。", [(8, "份", False), (15, "条", False)]),
    ("辖区内12家企业签订合规承诺书。", [(12, "家", False)]),
    ("开设法治课程4门，发表理论文章3篇。", [(4, "门", False), (3, "篇", False)]),
    ("累计接待来访群众1,250人次。", [(1250, "人次", False)]),
    ("收缴罚没款3.5万元，发放补助资金2000元。", [(3.5, "万元", False), (2000, "元", False)]),
    # magnitudes
    ("线上学法参与人数达1.19万人。", [(11900, "人", False)]),
    ("覆盖群众3万余人次。", [(30000, "人次", True)]),
    ("普法受众两万余人次。", [(20000, "人次", True)]),
    # Chinese numerals
    ("召开三次专题会议研究法治建设。", [(3, "次", False)]),
    ("全年开展送法下乡活动十二场。", [(12, "场", False)]),
    ("组织法律明白人培训十余期。", [(10, "期", True)]),
    # approximations
    ("发放宣传资料3000余份。", [(3000, "份", True)]),
    ("近百人参加了宪法宣誓仪式。", [(100, "人", True)]),
    ("参与群众超过500人。", [(500, "人", True)]),
    ("培训网格员60余人。", [(60, "人", True)]),
    ("参加线上答题的干部约200名。", [(200, "名", True)]),
    ("服务企业100家左右。", [(100, "家", True)]),
    ("群众满意度达到98%以上。", [(98, "%", True)]),
    # number-first phrases and coverage
    ("召开3次专题会议部署普法工作。", [(3, "次", False)]),
    ("26个行政村全部聘请法律顾问。", [(26, "个", False)]),
    ("全镇18个村（社区）均配备法律顾问，覆盖率100%。", [(18, "个", False), (100, "%", False)]),
    # rates and shared values
    ("矛盾纠纷化解率达96%。", [(96, "%", False)]),
    ("行政机关负责人出庭应诉率100％。", [(100, "%", False)]),
    ("参考率和合格率均达100%。", [(100, "%", False), (100, "%", False)]),
    ("参考率、通过率均为100%。", [(100, "%", False), (100, "%", False)]),
    ("合格率百分之九十五。", [(95, "%", False)]),
    # traps: years, dates, 文号, hotlines, plans, numbering, articles, ordinals, slogans
    ("2023年，我镇法治政府建设取得新成效。", []),
    ("2024年1月2日", []),
    ("根据《关于印发2023年普法要点的通知》（鹿法办通〔2021〕16号）要求。", []),
    ("依托12345政务服务便民热线和12348公共法律服务热线受理诉求。", []),
    ("畅通8890热线。", []),
    ("深入实施“八五”普法规划，落实“一规划两纲要”。", []),
    ("严格执行“三重一大”集体决策制度。", []),
    ("增强“四个意识”，坚定“四个自信”，做到“两个维护”。", []),
    ("一是加强组织领导。二是完善制度。", []),
    ("（一）强化组织领导。", []),
    ("依据《行政处罚法》第三十二条和第33条规定处理。", []),
    ("在全县考核中获得第五名。", []),
    ("落实法治政府建设实施纲要（2021-2025年）。", []),
    ("依托“12.4”国家宪法日开展宣传。", []),
    ("每季度开展一次学法活动，每月召开1次例会。", []),
    ("进一步健全一个良好的法治环境。", []),
    ("走进千家万户宣传法律知识。", []),
    ("坚持第一时间回应群众关切，落实第一责任人职责。", []),
    ("推进“十四五”期间法治建设。", []),
    ("落实三项制度，健全两个机制。", []),
    ("用3个月时间开展专项整治，承诺5个工作日内办结。", []),
    ("组建法律服务队伍一支。", [(1, "支", False)]),
    ("开展数十场宣传，走访几百户群众。", []),
    ("参考率、合格率分别为98%、96%。", [(98, "%", False), (96, "%", False)]),
    ("行政执法案件错误率控制在5%以内。", [(5, "%", True)]),
    ("开展培训1，250人参加。", [(250, "人", False)]),
    ("出动执法人员150人次、车辆40台次。", [(150, "人次", False), (40, "台次", False)]),
    ("实现每个村（社区）至少1名法律明白人。", []),
    ("一审败诉率同比下降2.1个百分点。", [(2.1, "个百分点", False)]),
    (
        "累计减免各类费用5.6亿元，惠及市场主体3.2万户。",
        [(5.6, "亿元", False), (32000, "户", False)],
    ),
    ("拨打12348热线咨询的群众达1560人次。", [(1560, "人次", False)]),
    ("全市法院共受理一审行政案件1,035件。", [(1035, "件", False)]),
    ("根据《行政复议法》第二十八条第一款第三项规定，依法撤销1件。", [(1, "件", False)]),
    ("建立“1名律师+1名法律服务工作者+N名法律明白人”服务队。", []),
    ("二〇二三年，全镇未发生一起行政诉讼案件。", []),
    ("受理申请3至5件。", []),
    ("收到巡视整改建议0件。", [(0, "件", False)]),
]


def _extract(sentence: str):
    doc = Document(blocks=[Block("paragraph", sentence, line=1)])
    return extract_indicators(doc, default_vocab())


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_quantities(sentence, expected):
    got = [(i.value, i.unit, i.approx) for i in _extract(sentence)]
    assert got == expected


def test_at_least_forty_own_sentences():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("召开3次专题会议。", ["召开专题会议"]),
        ("今年共计开展法律宣传活动3场次、悬挂宣传横幅40条。", ["开展法律宣传活动", "悬挂宣传横幅"]),
        ("参考率和合格率均达100%。", ["参考率", "合格率"]),
        ("其中19宗为非法采矿案件。", ["非法采矿案件"]),
        ("对51名在册重点管理人员（精神病患者17名）建立台账。", ["在册重点管理人员", "精神病患者"]),
        ("截至目前，通过率100%。", ["通过率"]),
        ("参考率、合格率分别为98%、96%。", ["参考率", "合格率"]),
        ("受理和办结分别为12件和10件，调解3件。", ["受理", "办结", "调解"]),
        ("根据全县19个乡镇、256个行政村的实际。", ["乡镇", "行政村的实际"]),
    ],
)
def test_names(sentence, names):
    assert [i.name for i in _extract(sentence)] == names


@pytest.mark.parametrize(
    ("sentence", "canonical"),
    [
        ("全年共办理行政复议案件12件。", ["行政复议案件"]),
        ("全镇18个村均配备法律顾问，覆盖率100%。", ["聘请法律顾问", "法律顾问覆盖率"]),
        ("矛盾纠纷化解率达96%。", ["矛盾纠纷化解率"]),
        ("组织党委中心组学法6次。", ["专题学法"]),
        ("开展合法性审查15件。", ["合法性审查"]),
        ("新建文化广场2个。", [None]),
    ],
)
def test_canonical_names(sentence, canonical):
    assert [i.canonical for i in _extract(sentence)] == canonical


def test_provenance_text_and_section_come_from_the_page():
    doc = Document(
        blocks=[
            Block("heading", "一、主要举措和成效", level=2),
            Block("heading", "（一）加强普法", level=3),
            Block("paragraph", "全年开展普法活动20场。发放资料3000余份。"),
        ]
    )
    found = extract_indicators(doc, default_vocab())
    assert [i.text for i in found] == ["全年开展普法活动20场", "发放资料3000余份"]
    assert {i.section for i in found} == {"一、主要举措和成效 / （一）加强普法"}
    assert {i.block for i in found} == {2}
    assert all(i.text in doc.blocks[2].text for i in found)


def test_shared_value_names():
    assert names_for("参考率、合格率均为", "", "%") == ["参考率", "合格率"]


@pytest.mark.parametrize(
    ("span", "value"), [("两万", 20000), ("百", 100), ("十二", 12), ("三千", 3000)]
)
def test_chinese_numerals(span, value):
    assert chinese_value(span) == value


@pytest.mark.parametrize("span", ["一一", "二〇二三", "十十", "余"])
def test_malformed_chinese_numerals_raise(span):
    with pytest.raises(NumeralError):
        chinese_value(span)


def test_arabic_with_magnitude():
    assert numeral_value("1.19", "万") == 11900


def test_vocab_entries_need_name_units_and_match():
    with pytest.raises(Exception, match="needs name, units and match"):
        parse_vocab({"indicators": [{"name": "x"}]})


def test_canonical_needs_a_matching_unit():
    vocab = default_vocab()
    assert canonical_name("行政复议案件", "件", "", vocab) == "行政复议案件"
    assert canonical_name("行政复议案件", "%", "", vocab) is None
