"""Indicator extraction on sentences written for each pattern and trap (not taken from the seeds)."""

from __future__ import annotations

import pytest

from fazhi.indicator_views import format_value, value_in_yuan
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
        (
            "受理行政复议案件15件，较上年增长25%。",
            ["受理行政复议案件", "受理行政复议案件较上年增长"],
        ),
        ("行政诉讼案件由12件下降至7件。", ["行政诉讼案件", "行政诉讼案件"]),
        ("全年办理投诉64件，上年同期为50件。", ["办理投诉", "办理投诉"]),
        (
            "复议和诉讼分别为6件和4件，分别较上年减少2件和1件。",
            ["复议", "诉讼", "分别较上年减少", "分别较上年减少"],
        ),
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


# sentence → the kind of each quantity, in order (see indicator_kinds)
KIND_CASES: list[tuple[str, list[str]]] = [
    ("全年受理行政复议案件15件，较上年增长25%。", ["result", "change"]),
    ("行政诉讼案件由12件下降至7件。", ["previous", "result"]),
    ("化解率从90%提升到95%。", ["previous", "result"]),
    ("由2名律师组成法律顾问团。", ["result"]),
    ("上年同期为50件。", ["previous"]),
    ("比去年同期的20件增加了5件。", ["previous", "change"]),
    ("较上年多办理3件。", ["change"]),
    ("败诉率同比下降2.1个百分点。", ["change"]),
    ("办结率提升5%。", ["change"]),
    ("新增法律顾问3名。", ["result"]),
    ("去年全年仅开展培训2期，今年增至5期。", ["previous", "result"]),
    ("受理案件15件（含上年结转2件）。", ["result", "result"]),
    ("计划开展法治培训10次。", ["plan"]),
    ("按计划完成培训6期。", ["result"]),
    ("制定年度普法计划3份。", ["result"]),
    ("拟新建法治文化广场2个，力争覆盖率达到100%。", ["plan", "plan"]),
    ("分别较上年减少2件和1件。", ["change", "change"]),
    ("去年以来共开展培训20场。", ["result"]),
    ("计划生育行政案件3件。", ["result"]),
    ("开展模拟法庭活动3场。", ["result"]),
    ("拟定制度5项。", ["result"]),
    ("争取上级资金500万元。", ["result"]),
    ("全年共受理行政复议案件20件，与上年持平。", ["result"]),
    ("比例达到95%。", ["result"]),
    ("群众满意度提升到98%。", ["result"]),
    ("减少群众跑腿次数2万余次。", ["result"]),
    ("原计划开展10场，实际开展12场。", ["plan", "result"]),
    ("对上年度发现的12个问题全部整改到位。", ["result"]),
    ("比上年同期多受理5件。", ["change"]),
    ("受理案件同比持平，为15件。", ["result"]),
    ("与2022年相比，受理案件增加5件。", ["change"]),
    ("与上年相比，调解成功率提高3个百分点，达到98%。", ["change", "result"]),
    ("行政复议案件增长率为12%。", ["change"]),
    ("受理行政复议案件20件（上年为12件）。", ["result", "previous"]),
    ("办结率、满意率分别增长12%、15%。", ["change", "change"]),
    ("同比，受理案件减少3件。", ["change"]),
    ("相比之下，今年受理案件18件。", ["result"]),
    ("全年受理案件18件，比较复杂的案件5件。", ["result", "result"]),
]


@pytest.mark.parametrize(("sentence", "kinds"), KIND_CASES)
def test_kinds(sentence, kinds):
    assert [i.kind for i in _extract(sentence)] == kinds


@pytest.mark.parametrize(
    ("sentence", "year", "kinds"),
    [
        ("2022年受理行政复议案件8件。", 2023, ["previous"]),
        ("2024年开展培训不少于3期。", 2023, ["plan"]),
        ("2023年受理行政复议案件8件。", 2023, ["result"]),
        ("2020年以来累计培训1200人次。", 2023, ["cumulative"]),
        ("2023年以来累计培训1200人次。", 2023, ["result"]),
        ("2020年以来累计培训1200人次。", None, ["result"]),
        ("近三年累计办理案件300件，其中2023年办理112件。", 2023, ["cumulative", "result"]),
        ("五年来审议规范性文件86件，年内审议18件。", 2023, ["cumulative", "result"]),
        ("截至目前，累计建成服务站78个，培育法律明白人1560名。", 2023, ["cumulative", "cumulative"]),
        ("截至年底，全县共有律师21名。", 2023, ["result"]),
        ("截至目前，累计收到整改建议0件，出庭应诉3次。", 2023, ["result", "result"]),
        ("自综合行政执法办公室成立以来，共查扣挖掘机28台。", 2023, ["result"]),
        ("1至3季度累计减税降费5.6亿元。", 2023, ["result"]),
        ("力争到2025年累计建成示范村30个。", 2023, ["plan"]),
        ("上年为298万元，增加88万元。", 2023, ["previous", "change"]),
        ("2021年、2022年、2023年分别办理案件80件、95件、112件。", 2023, ["previous", "previous", "result"]),
        ("2022年受理行政复议案件8件。", None, ["result"]),
        ("下一步，将开展培训10次。", 2023, ["plan"]),
        ("2024年，全镇将开展普法活动20场。", 2023, ["plan"]),
        ("2022年，我镇受理案件8件。", 2023, ["previous"]),
        ("2023年，我镇受理案件8件。", 2023, ["result"]),
        ("2021年以来，累计培训120人次。", 2023, ["cumulative"]),
        ("下一步工作中，继续巩固已建成的法治阵地12个。", 2023, ["plan"]),
        ("2022年同期受理投诉32件，今年受理41件。", 2023, ["previous", "result"]),
    ],
)
def test_kinds_by_the_report_year(sentence, year, kinds):
    doc = Document(blocks=[Block("paragraph", sentence, line=1)])
    assert [i.kind for i in extract_indicators(doc, year=year)] == kinds


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("三、下一步工作打算", "plan"),
        ("三、2024年工作计划", "plan"),
        ("二、存在的不足", "result"),
        ("一、2023年工作计划完成情况", "result"),
        ("三、存在的问题及下一步打算", "result"),  # mixed: decided sentence by sentence
        ("（一）科学制定年度工作计划，统筹推进法治建设", "result"),
        ("四、今后工作思路", "plan"),
        ("三、2024年工作安排", "plan"),
        ("三、2023年工作安排", "result"),  # the report's own year
    ],
)
def test_numbers_under_a_plan_heading_are_plans(heading, kind):
    doc = Document(
        blocks=[Block("heading", heading, level=2), Block("paragraph", "开展普法活动12场。")]
    )
    assert [i.kind for i in extract_indicators(doc, year=2023)] == [kind]


@pytest.mark.parametrize(
    ("table", "year", "expected"),
    [
        (  # year columns: the report's year is the result, earlier years previous
            "指标\t2022年\t2023年\n行政复议案件（件）\t8\t12\n出庭应诉率\t95%\t100%",
            2023,
            [
                (8, "件", "previous"),
                (12, "件", "result"),
                (95, "%", "previous"),
                (100, "%", "result"),
            ],
        ),
        (  # without the report's year the latest column is the result; 同比 holds changes
            "项目\t2021年\t2022年\t同比\n受理（件）\t287\t331\t+15.3%",
            None,
            [(287, "件", "previous"), (331, "件", "result"), (15.3, "%", "change")],
        ),
        (  # units in the cells, or from 件数 / （条） headers
            "审查类别\t件数\t提出意见（条）\n规范性文件\t4\t18",
            None,
            [(4, "件", "result"), (18, "条", "result")],
        ),
        ("项目\t数量\n开展普法活动\t45场\n其他\t8", None, [(45, "场", "result")]),  # no unit: none
        ("序号\t事项\t数量\n1\t走访企业\t45家", None, [(45, "家", "result")]),
        (
            "类别\t目标值\t完成值\n法律顾问覆盖率\t100%\t100%",
            None,
            [(100, "%", "plan"), (100, "%", "result")],
        ),
        ("8\t12\n5\t3", None, []),  # no header row and no units: nothing can be read
        (
            "开展普法活动\t45场\n发放资料\t8000份\n其他\t8",
            None,
            [(45, "场", "result"), (8000, "份", "result")],
        ),
        (
            "项目\t数量\t变动\n受理（件）\t12\t-3",
            None,
            [(12, "件", "result"), (-3, "件", "change")],
        ),
    ],
)
def test_table_indicators(table, year, expected):
    doc = Document(blocks=[Block("table", table)])
    found = extract_indicators(doc, default_vocab(), year=year)
    assert [(i.value, i.unit, i.kind) for i in found] == expected
    assert all(i.text in table.split("\n") for i in found)


@pytest.mark.parametrize(
    ("sentence", "canonical"),
    [
        ("行政执法案卷合格率98.5%。", [None]),  # a case file's 合格率 is not an exam's
        ("参考率、合格率、优秀率均为100%。", ["学法考试参考率", "学法考试合格率", None]),
        ("负责人出庭应诉率和旁听率均达到100%。", ["行政机关负责人出庭应诉率", None]),
        ("14个村（社区）均建立人民调解委员会。", [None]),
        ("全年受理行政复议案件15件，较上年增长25%。", ["行政复议案件", None]),
        # the committees counted before the disputes share their words, not their canonical name
        ("全乡18个村调委会共排查化解矛盾纠纷146起。", [None, "矛盾纠纷排查调处"]),
        ("我乡7个行政村法律顾问覆盖率达100%。", ["聘请法律顾问", "法律顾问覆盖率"]),
    ],
)
def test_canonical_names_of_look_alikes(sentence, canonical):
    assert [i.canonical for i in _extract(sentence)] == canonical


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("合格率百分之九十八点五。", [(98.5, "%", False)]),
        ("位列全区前十名，获得团体前3名。", []),
        ("目前25名执法人员持证上岗。", [(25, "名", False)]),
        ("每万名从业人员配备安全员2.5名。", []),
        ("参学率不足60%。", [(60, "%", True)]),
        ("检查企业310家次，评查案卷218卷。", [(310, "家次", False), (218, "卷", False)]),
        ("办理12345热线转办工单120件。", [(120, "件", False)]),
        ("发放宣传册5千余份，培训3百余人次。", [(5000, "份", True), (300, "人次", True)]),
        ("涉案金额达1.5亿余元。", [(150000000, "元", True)]),
        ("办理案件30余件（次）。", [(30, "件", True)]),
        ("全年累计接待群众来访80批次320人次。", [(80, "批次", False), (320, "人次", False)]),
        (
            "辖区共有人口3.2万人，其中60岁以上老人4500人。",
            [(32000, "人", False), (4500, "人", False)],
        ),
        ("实施第十四个五年规划，制定三年行动计划。", []),
        ("12345平台受理110件，落实110处警联动。", [(110, "件", False)]),  # a count, then a hotline
        ("化解率保持在95%-98%，误差控制在1%~2%之间。", []),  # ranges: neither end is the value
        ("12345平台工单120件，出动120辆救护车。", [(120, "件", False), (120, "辆", False)]),
    ],
)
def test_more_quantities(sentence, expected):
    assert [(i.value, i.unit, i.approx) for i in _extract(sentence)] == expected


# whole paragraphs mixing results, comparisons, plans and ratios, as "value unit[ 约][ kind]"
KIND_SUFFIX = {"result": "", "previous": " 上年", "change": " 增减", "plan": " 计划"}
PARAGRAPH_CASES = [
    (
        "2023年，全县共办理行政复议案件46件，同比下降8%，其中维持32件、撤销5件、确认违法2件、终止7件，综合纠错率15.2%，较上年提高3.1个百分点。全县行政机关负责人出庭应诉率达100%，连续三年保持100%。",
        [
            "46 件",
            "8 % 增减",
            "32 件",
            "5 件",
            "2 件",
            "7 件",
            "15.2 %",
            "3.1 个百分点 增减",
            "100 %",
            "100 %",
        ],
    ),
    (
        "全年共开展“送法下乡”活动36场次，较2022年的28场次增加8场次，受众群众约4500人次。",
        ["36 场次", "28 场次 上年", "8 场次 增减", "4500 人次 约"],
    ),
    (
        "下一步，我局将继续深化“八五”普法，力争全年开展法治宣传活动不少于50场，培训执法人员200人次以上。",
        ["50 场 约 计划", "200 人次 约 计划"],
    ),
    (
        "截至2023年底，全县共有执业律师126名、基层法律服务工作者58名，每万人拥有律师1.8名。",
        ["126 名", "58 名"],
    ),
    (
        "受理政府信息公开申请152件，按期答复率100%，其中予以公开98件，部分公开21件，不予公开13件，信息不存在20件。",
        ["152 件", "100 %", "98 件", "21 件", "13 件", "20 件"],
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), PARAGRAPH_CASES)
def test_paragraphs(paragraph, expected):
    doc = Document(blocks=[Block("paragraph", paragraph)])
    found = extract_indicators(doc, year=2023)
    got = [
        f"{format_value(i.value)} {i.unit}" + (" 约" if i.approx else "") + KIND_SUFFIX[i.kind]
        for i in found
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("value", "unit", "yuan"),
    [
        (36.8, "万元", 368000),  # exact: 36.8 * 10000 in binary floating point is 368000.00000000006
        (2.35, "亿元", 235000000),
        (8000, "元", 8000),
        (0.05, "元", 0.05),
        (12.5, "件", None),
        (98.5, "%", None),
    ],
)
def test_money_in_yuan(value, unit, yuan):
    assert value_in_yuan(value, unit) == yuan
    assert type(value_in_yuan(value, unit)) is type(yuan)
