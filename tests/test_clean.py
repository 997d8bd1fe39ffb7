from __future__ import annotations

import pytest

from fazhi.chrome import strip_chrome
from fazhi.clean import clean_report, heading_level
from fazhi.normalise import normalise_line


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、工作措施及成效", 2),
        ("一 、工作措施及成效", 2),
        ("三．下一步工作安排", 2),
        ("（一）深入学习贯彻习近平法治思想", 3),
        ("(二)加强组织领导", 3),
        ("（一）、强化学法用法", 3),
        ("二)完善决策机制", 3),
        ("1、落实党政班子领导法治责任", 4),
        ("2.坚持民主集中制", 4),
        ("3. 建立台账", 4),
        ("（1）健全制度", 5),
        ("(2)落实述法制度", 5),
        ("第一部分　2023年度推进法治政府建设的主要举措和成效", 1),
        ("第 三 部分：存在的不足", 1),
        ("第一部分人员参加了培训，其余人员自学。", 0),
        ("2023年，雷高镇以习近平新时代", 0),
        ("1.19万人参加", 0),
        ("一是健全工作机制。", 0),
        ("一、二季度共调解纠纷", 0),
        ("12345热线受理", 0),
    ],
)
def test_heading_level(line, level):
    assert heading_level(line) == level


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("雷高镇人民政府关于 2022 年度法治政府 建设情况的报告", "雷高镇人民政府关于2022年度法治政府建设情况的报告"),
        ("共查扣挖掘机 28 台，罚款 587377 元。", "共查扣挖掘机28台，罚款587377元。"),
        ("参学率达 ９８．５％ ,考试合格率 100 ％。", "参学率达98.5%，考试合格率100%。"),
        ("(一)加强学法用法", "（一）加强学法用法"),
        ("村(社区)法律顾问", "村（社区）法律顾问"),
        ("签发人:王科栋", "签发人：王科栋"),
        ("\t 抄送：区委依法治区办。", "抄送：区委依法治区办。"),
        ("　　2023年，高坪镇坚持依法行政。", "2023年，高坪镇坚持依法行政。"),
        ("推进ＡＰＰ 平台建设", "推进APP平台建设"),
        ("1,000 元 and 2,000 元", "1,000元and 2,000元"),
        ("中共新华乡委员会 新华乡人民政府关于2023年度的报告", "中共新华乡委员会 新华乡人民政府关于2023年度的报告"),
        ("Hello world 保持", "Hello world保持"),
    ],
)
def test_normalise_line(raw, clean):
    assert normalise_line(raw, 1)[0] == clean


@pytest.mark.parametrize(
    ("raw", "action"),
    [
        ("认真落实精神 and 二十大精神要求", "suspect-artefact"),
        ("数据显示为锟斤拷，待核实", "suspect-garbled"),
        ("数据显示为\ufffd，待核实", "suspect-garbled"),
        ("更多资讯请访问www.example.com获取", "suspect-insertion"),
    ],
)
def test_artefacts_are_kept_and_flagged(raw, action):
    text, log = normalise_line(raw, 7)
    assert [e.action for e in log if e.action.startswith("suspect")] == [action]
    assert text.replace(" ", "") == raw.replace(" ", "")


CHROME_SHAPES = [
    ("| 索引号 | 0001/2024-01 | 发布机构 | 某镇人民政府 |", [("索引号", "0001/2024-01"), ("发布机构", "某镇人民政府")]),
    ("|索引号：0001/2024-01|主题分类：司法|", [("索引号", "0001/2024-01"), ("主题分类", "司法")]),
    ("- 发布日期：2024年03月25日", [("发布日期", "2024年03月25日")]),
    ("· 发布机构：某县司法局", [("发布机构", "某县司法局")]),
    ("索 引 号：0001/2024-01", [("索引号", "0001/2024-01")]),
    ("成 文 日 期 ：2024年3月10日", [("成文日期", "2024年3月10日")]),
    ("发布机构：某县司法局  发布日期：2024-03-01", [("发布机构", "某县司法局"), ("发布日期", "2024-03-01")]),
    ("标  题：某镇2023年法治政府建设情况报告", [("标题", "某镇2023年法治政府建设情况报告")]),
    ("来源：司法局", [("来源", "司法局")]),
    ("[信息索引号] 011043102/2025-00008", [("信息索引号", "011043102/2025-00008")]),
    ("【发布机关】洪山区珞南街道办事处 【成文时间】2025-01-20",
     [("发布机关", "洪山区珞南街道办事处"), ("成文时间", "2025-01-20")]),
    ("来源：市市场监管局 | 时间：2025-01-13 | 浏览次数：", [("来源", "市市场监管局"), ("时间", "2025-01-13"), ("浏览次数", "")]),
    ("来源：市市场监管局 | 时间：2025-01-13 | 阅读：", [("来源", "市市场监管局"), ("时间", "2025-01-13")]),
    ("所属主题：法治政府建设", [("所属主题", "法治政府建设")]),
    ("浏览次数：136", [("浏览次数", "136")]),
    ("发布日期：2024-03-01 | 来源：县司法局 | 【字体：大 中 小】 | 打印", [("发布日期", "2024-03-01"), ("来源", "县司法局")]),
    ("2024-03-01 09:30 来源：县司法局 浏览次数：120", [("日期", "2024-03-01 09:30"), ("来源", "县司法局"), ("浏览次数", "120")]),
    ("文章来源：本站 发布时间：2024-03-01", [("文章来源", "本站"), ("发布时间", "2024-03-01")]),
    ("发布机构　 桐庐县分水镇人民政府　　成文日期　 2024-02-18", [("发布机构", "桐庐县分水镇人民政府"), ("成文日期", "2024-02-18")]),
    ("【来源：龙里县人民政府】【发布时间：2024-02-20】【字体：大 中 小】",
     [("来源", "龙里县人民政府"), ("发布时间", "2024-02-20")]),
]


@pytest.mark.parametrize(("line", "rows"), CHROME_SHAPES)
def test_chrome_rows(line, rows):
    text = normalise_line(line, 1)[0]
    out, chrome, log = strip_chrome([(1, text)])
    assert [(r.label, r.value) for r in chrome] == rows
    assert out == [(1, "")] and log[0].action == "removed-chrome"


def test_label_and_value_on_separate_lines():
    out, chrome, log = strip_chrome([(1, "发布机构"), (2, "某县某镇人民政府"), (3, "正文第一段。")])
    assert [(r.label, r.value, r.line) for r in chrome] == [("发布机构", "某县某镇人民政府", 1)]
    assert out == [(1, ""), (2, ""), (3, "正文第一段。")]
    assert len(log) == 2


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("— 3 —", "removed-page-number"),
        ("- 12 -", "removed-page-number"),
        ("第3页", "removed-page-number"),
        ("第 3 页 共 9 页", "removed-page-number"),
        ("3/9", "removed-page-number"),
        ("今天是：2024年3月18日 星期一", "removed-stale-date"),
        ("首页 > 政务公开 > 法治政府建设", "removed-navigation"),
        ("当前位置：首页 / 信息公开", "removed-navigation"),
        ("字体大小：大 中 小", "removed-navigation"),
        ("【打印本页】【关闭窗口】", "removed-navigation"),
        ("分享到：微信 微博 QQ空间", "removed-navigation"),
        ("上一篇：某镇开展宪法宣传周活动", "removed-navigation"),
        ("联系我们 | 网站地图 | 技术支持：某某信息技术有限公司", "removed-navigation"),
        ("网站地图 | 联系我们 | 隐私声明", "removed-navigation"),
        ("您是本站第123456位访客", "removed-navigation"),
        ("建议使用1024×768分辨率 IE9.0以上版本浏览器", "removed-navigation"),
        ("网站首页 | 政务公开 | 政务服务 | 互动交流", "removed-navigation"),
        ("您当前的位置：首页 > 政务公开 > 乡镇街道", "removed-navigation"),
        ("你现在的位置: 首页", "removed-navigation"),
        ("字号：T | T", "removed-navigation"),
        ("乌兰浩特市人民政府门户网站", "removed-navigation"),
        ("平和縣人民政府網站", "removed-navigation"),
        ("信息公开 > 法定主动公开内容 > 法治政府建设", "removed-navigation"),
        ("政务公开 > 法治政府建设", "removed-navigation"),
        ("首页-政务公开-法治政府建设", "removed-navigation"),
        ("首页 ＞ 信息公开 ＞ 法治政府建设年度报告", "removed-navigation"),
        (">> 政务公开 > 法治政府", "removed-navigation"),
        ("扫一扫在手机上查看当前页面", "removed-navigation"),
        ("手机扫码阅读", "removed-navigation"),
        ("首页>>政务公开>>部门信息公开>>县司法局", "removed-navigation"),
        ("当前位置：首页 » 政务公开 » 乡镇信息公开", "removed-navigation"),
        ("扫一扫在手机打开当前页", "removed-navigation"),
        ("【打印】【关闭】", "removed-navigation"),
        ("字号：[大] [中] [小]", "removed-navigation"),
        ("五常市人民政府 | 政务公开 | 法治政府建设", "removed-navigation"),
        ("正定县人民政府网　2024-02-26　字体：大 中 小　打印本页", "removed-navigation"),
        ("2024-02-26 10:30 字号：大 中 小", "removed-navigation"),
    ],
)
def test_navigation_and_page_numbers_removed(line, action):
    text = normalise_line(line, 1)[0]
    _, chrome, log = strip_chrome([(1, text)])
    assert [e.action for e in log] == [action] and chrome == []


@pytest.mark.parametrize(
    "line",
    [
        "全年开展普法活动30余场。", "12345热线受理群众诉求", "第一责任人职责", "大力推进依法行政", "2023年",
        "为企业提供技术支持和法律服务", "开通12345联系电话专线",
        "依法治县办 | 司法局 | 各乡镇：认真落实。", "区位优势明显，位置：地处城郊",
        "类别 | 责任单位 | 完成时限", "加强政府网站建设", "加强政府网站", "规范门户网站",
        "2023-12-31前完成整改：共3项", "满意度>95%", "查看详情", "2023年，全县阅读推广活动",
        "时间紧任务重来源广", "发布机构发布日期", "【来源：群众来信】反映的问题全部办结",
        "县政府 | 各乡镇 | 各部门", "2024-02-26召开会议，字体：规范",
    ],
)
def test_report_text_is_not_chrome(line):
    """Ordinary report lines, including words that also occur in page chrome."""
    out, chrome, log = strip_chrome([(1, line)])
    assert out == [(1, line)] and chrome == [] and log == []


COLUMN_PAGE = ["专题专栏", "政务公开", "某镇2023年度法治政府建设情况报告", "全镇推进政务公开。", "（二）", "政务公开", "正文。", "政务公开"]


def test_column_names_are_chrome_only_outside_the_text():
    """A site's column names above the first sentence and below the last are removed and logged;
    the same words inside the text (a heading 政务公开) stay."""
    lines = list(enumerate(COLUMN_PAGE, start=1))
    out, _, log = strip_chrome(lines)
    assert [t for _, t in out] == ["", "", *COLUMN_PAGE[2:7], ""]
    assert [(e.line, e.note) for e in log] == [(1, "site column name"), (2, "site column name"), (8, "site column name")]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("定王台街道：2023年法治政府建设工作报告\n2023年，街道推进法治建设。", "定王台街道：2023年法治政府建设工作报告"),
        ("五里桥街道丨2023年法治政府建设情况报告\n正文。", "五里桥街道丨2023年法治政府建设情况报告"),
        ("桐庐县人民政府\n桐庐县司法局｜2023年度法治政府建设情况报告\n正文。", "桐庐县司法局｜2023年度法治政府建设情况报告"),
        ("鹿邑县人民政府\n邱集乡2021年度法治政府建设情况报告\n正文。", "邱集乡2021年度法治政府建设情况报告"),
        ("全南县人民政府 ｜\n2023年度法治政府建设情况报告\n正文。", "全南县人民政府｜2023年度法治政府建设情况报告"),
        ("鲤城区人民政府\n金龙街道办事处关于2023年度法治政府建设情况的报告\n正文。",
         "鲤城区人民政府金龙街道办事处关于2023年度法治政府建设情况的报告"),
    ],
)
def test_title_after_a_separator_or_under_a_site_banner(text, title):
    doc = clean_report(text)
    assert "".join(doc.title.split()) == title


@pytest.mark.parametrize(
    "lines",
    [
        ["某县2023年度", "法治政府建设", "工作报告", "2023年，全县推进法治建设。"],
        ["某县2023年", "法治政府建设", "年度报告", "2023年，全县推进法治建设。"],
        ["某县2023年法治政府建设", "年度报告", "2023年，全县推进法治建设。"],
        ["上犹县2023年度", "法治政府建设工作报告", "2023年，全县推进法治建设。"],
    ],
)
def test_a_split_title_keeps_every_line(lines):
    """No line of a split title is taken for a site banner or a column name."""
    doc = clean_report("\n".join(lines))
    assert doc.title == "".join(lines[:-1])


def test_labelled_lines_inside_the_text_are_the_reports_own():
    """时间：… / 地点：… between sentences stay; a page header repeated there (发布时间 … 来源 …) goes."""
    lines = [
        "开展宪法宣传活动，安排如下。", "时间：2023年12月4日", "地点：县文化广场",
        "发布时间：2024-03-01 来源：县司法局", "全年办理案件20件，办结率100%。",
    ]
    out, rows, log = strip_chrome(list(enumerate(lines, start=1)))
    assert [t for _, t in out] == [*lines[:3], "", lines[4]]
    assert [r.label for r in rows] == ["发布时间", "来源"] and len(log) == 1


def test_month_only_date_closes_the_signature():
    doc = clean_report("某县2019年度法治政府建设报告\n正文一段。\n修水县人民政府\n2020年3月\n")
    assert [(b.kind, b.text) for b in doc.blocks[-2:]] == [("signature", "修水县人民政府"), ("date", "2020年3月")]


@pytest.mark.parametrize(
    "after",
    [
        "| 指标 | 2023年 | 2022年 |\n| --- | --- | --- |\n| 审查合同（份） | 26 | 21 |\n| 调处纠纷（起） | 91 | 84 |\n",
        "附件1\n重点任务清单\n1.制定工作要点（已完成）\n",
    ],
)
def test_signature_and_date_before_an_attachment_or_table_close_the_report(after):
    doc = clean_report(f"某镇2023年度法治政府建设报告\n正文一段。\n某县某镇人民政府\n2024年1月26日\n{after}")
    closing = [(b.kind, b.text) for b in doc.blocks if b.kind in ("signature", "date")]
    assert closing == [("signature", "某县某镇人民政府"), ("date", "2024年1月26日")]
    assert doc.blocks[-1].kind in ("table", "paragraph", "heading")


@pytest.mark.parametrize("date", ["2024.1.15", "2024-01-15"])
def test_a_numeric_date_under_the_signature_is_its_date(date):
    doc = clean_report(f"某镇2023年度法治政府建设报告\n正文一段。\n某县某镇人民政府\n{date}\n")
    assert [b.kind for b in doc.blocks[-2:]] == ["signature", "date"]
    alone = clean_report(f"某镇2023年度法治政府建设报告\n正文一段。\n{date}\n")
    assert alone.blocks[-1].kind != "date"


def test_title_headings_and_paragraphs():
    doc = clean_report("# 某乡2023年度法治政府建设工作报告\n\n## 一、主要成效\n\n正文一段。\n")
    assert doc.title == "某乡2023年度法治政府建设工作报告"
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("title", 0),
        ("heading", 2),
        ("paragraph", 0),
    ]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, (b.lead or "") + b.text) for b in clean_report(text).blocks]


def test_run_in_heading_is_a_paragraph_with_a_lead():
    doc = clean_report("一、成效\n（一）强化组织领导。党政主要负责人切实履职。\n一是带头学法。二是带头述法。\n")
    run_in = doc.blocks[1]
    assert (run_in.kind, run_in.level, run_in.lead, run_in.text) == (
        "paragraph", 3, "（一）强化组织领导。", "党政主要负责人切实履职。",
    )
    assert (doc.blocks[2].kind, doc.blocks[2].lead) == ("paragraph", None)


def test_signature_and_date_split_from_one_line():
    assert kinds("正文。\n\n某镇人民政府　2024年1月18日\n")[-2:] == [
        ("signature", "某镇人民政府"),
        ("date", "2024年1月18日"),
    ]


def test_footer_parts():
    text = "正文。\n\n某镇人民政府\n2024年1月25日\n（此件公开发布）\n抄送：县司法局。\n某镇党政办 2024年1月25日印发\n"
    assert [k for k, _ in kinds(text)] == ["paragraph", "signature", "date", "note", "cc", "printed"]


def test_text_without_title_starts_with_the_body():
    blocks = kinds("2024年，某镇扎实推进法治政府建设。\n\n一、主要做法\n\n正文。\n")
    assert blocks[0] == ("paragraph", "2024年，某镇扎实推进法治政府建设。")


def test_whole_traditional_text_is_converted_and_flagged():
    doc = clean_report("某鄉2023年度法治政府建設工作報告\n\n一、主要舉措\n\n加強組織領導，規範行政執法。\n")
    assert doc.script_converted
    assert doc.title == "某乡2023年度法治政府建设工作报告"


def test_isolated_traditional_character_converted_without_flag():
    doc = clean_report("某镇报告\n\n严厉打击非法开采矿产资源的行爲。\n")
    assert not doc.script_converted
    assert "行为" in doc.blocks[-1].text
    assert any(e.action == "t2s" and "行爲" in e.before for e in doc.log)


@pytest.mark.parametrize(
    "line",
    [
        "主办单位：某县人民政府办公室 承办单位：某县大数据中心",
        "网站标识码：5101000001 蜀ICP备12345678号 川公网安备 51010402000001号",
        "版权所有：某县人民政府",
        "发布时间：2024-03-05 10:21:33 浏览量：1234",
        "【我要打印】【关闭】",
        "网站地图 | 联系我们",
    ],
)
def test_site_header_and_footer_lines_removed(line):
    text = normalise_line(line, 1)[0]
    out, _, log = strip_chrome([(1, text)])
    assert out == [(1, "")] and len(log) == 1


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("咸阳市乾县梁村镇人民政府", "乾县"),  # 乾 is also a simplified character: a county's name
        ("于是开展工作", "于是"),
        ("台湾同胞", "台湾"),
    ],
)
def test_simplified_characters_are_never_converted(text, kept):
    doc = clean_report(f"某镇2023年度法治政府建设工作报告\n\n{text}，全年调解纠纷12件。\n")
    assert kept in doc.blocks[-1].text
    assert not [e for e in doc.log if e.action == "t2s"]


@pytest.mark.parametrize(
    ("top", "title"),
    [
        ("某某县人民政府门户网站\n某乡2023年度法治政府建设工作报告", "某乡2023年度法治政府建设工作报告"),
        ("某乡2023年度法治政府建设\n工作报告", "某乡2023年度法治政府建设工作报告"),
        ("某县某乡人民政府\n2023年法治政府建设情况报告", "某县某乡人民政府2023年法治政府建设情况报告"),
        ("中共某乡委员会\n某乡人民政府\n关于2023年度法治政府建设情况的报告", "中共某乡委员会 某乡人民政府关于2023年度法治政府建设情况的报告"),
    ],
)
def test_title_lines(top, title):
    doc = clean_report(f"{top}\n\n2023年，某乡扎实推进法治政府建设。\n")
    assert doc.title == title
    assert doc.blocks[1].text == "2023年，某乡扎实推进法治政府建设。"


@pytest.mark.parametrize(
    "footer",
    [
        "主办单位：某县人民政府办公室\n地址：某县某路1号　邮编：341200\n联系电话：0797-8521234\n网站标识码：3607240001",
        "联系我们 | 网站地图 | 技术支持：某某信息技术有限公司",
        "發布機構：某縣人民政府\n版權所有：某縣人民政府　網站標識碼：3607240001",
        "某县人民政府 版权所有\n建议使用1024×768分辨率 IE9.0以上版本浏览器",
    ],
)
def test_footer_after_the_date_is_logged_never_signature(footer):
    doc = clean_report(
        "某镇2023年法治政府建设工作报告\n一、主要成效\n全年开展普法活动30余场。\n"
        f"某县某镇人民政府\n2024年1月20日\n{footer}\n"
    )
    assert [(b.kind, b.text) for b in doc.blocks[-2:]] == [
        ("signature", "某县某镇人民政府"), ("date", "2024年1月20日")
    ]
    logged = {e.line for e in doc.log if e.action in ("removed-chrome", "removed-navigation")}
    assert logged >= set(range(6, 7 + footer.count("\n")))


BODY = "2023年，全县推进法治政府建设。现将有关情况报告如下。\n一、主要成效\n全年办理案件20件。\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # an organ line with a colon above a complete title is a banner, not the 主送
            "某县人民政府：\n某县2023年度法治政府建设情况报告\n" + BODY,
            [("title", "某县2023年度法治政府建设情况报告"), ("paragraph", BODY.split("\n")[0])],
            id="organ-colon-line-above-title",
        ),
        pytest.param(  # after the title it is the 主送机关
            "某县2023年度法治政府建设情况报告\n某市人民政府：\n" + BODY,
            [("title", "某县2023年度法治政府建设情况报告"), ("addressee", "某市人民政府：")],
            id="addressee-after-title",
        ),
        pytest.param(
            "编者按：现将某镇报告全文刊发如下。\n\n某镇2023年度法治政府建设情况报告\n" + BODY,
            [("title", "某镇2023年度法治政府建设情况报告"), ("paragraph", "编者按：现将某镇报告全文刊发如下。")],
            id="editor-note-above-title",
        ),
        pytest.param(
            "某县2023年度法治政府建设情况报告\n目　录\n一、主要成效……………1\n二、存在的不足………3\n\n某市人民政府：\n" + BODY,
            [
                ("title", "某县2023年度法治政府建设情况报告"), ("paragraph", "目录"),
                ("paragraph", "一、主要成效……………1"), ("paragraph", "二、存在的不足………3"),
                ("addressee", "某市人民政府："),
            ],
            id="table-of-contents",
        ),
    ],
)
def test_front_matter(text, expected):
    assert kinds(text)[: len(expected)] == expected


def test_label_value_tab_rows_inside_the_text_are_a_table_not_page_rows():
    text = (
        "某县司法局2023年度法治政府建设工作报告\n2023年，我局推进法治政府建设。\n中心信息如下：\n"
        "名称\t某县公共法律服务中心\t地址\t某县某路1号\n电话\t0797-1234567\t开放时间\t工作日\n"
        "全年接待咨询1200人次。\n"
    )
    doc = clean_report(text)
    assert doc.chrome == []
    assert ("table", "名称\t某县公共法律服务中心\t地址\t某县某路1号\n电话\t0797-1234567\t开放时间\t工作日") in [
        (b.kind, b.text) for b in doc.blocks
    ]


def test_attachment_line_is_not_joined_with_the_signature():
    text = "某县2023年度法治政府建设情况报告\n正文一段。\n附件：主要指标完成情况\n某县人民政府\n2024年3月1日\n"
    assert ("attachment", "附件：主要指标完成情况") in kinds(text)


def test_page_buttons_after_the_last_row_value_are_not_its_value():
    _, rows, _ = strip_chrome([(1, "来源：某区司法局　发布时间：2024-03-29　【字体：大 中 小】")])
    assert [(r.label, r.value) for r in rows] == [("来源", "某区司法局"), ("发布时间", "2024-03-29")]


def test_contents_without_page_numbers_are_entries_repeated_as_headings():
    text = (
        "某县2023年度法治政府建设情况报告\n目录\n一、主要成效\n二、存在的不足\n\n"
        "2023年，全县推进法治政府建设。\n一、主要成效\n全年办理案件20件。\n二、存在的不足\n宣传不够。\n"
    )
    assert [k for k, _ in kinds(text)[:5]] == ["title", "paragraph", "paragraph", "paragraph", "paragraph"]
    assert [t for k, t in kinds(text) if k == "heading"] == ["一、主要成效", "二、存在的不足"]


@pytest.mark.parametrize(
    ("tail", "last_kinds"),
    [
        pytest.param("某县司法局\n2024年2月2日\n注：①含转发文件3件。\n②数据截至年底。\n",
                     ["signature", "date", "note", "note"], id="footnotes-under-the-date"),
        pytest.param("①全年召开会议3次。\n②办理案件12件。\n",
                     ["paragraph", "paragraph"], id="circled-items-without-a-date-stay-body"),
    ],
)
def test_footnotes_under_the_date_are_notes(tail, last_kinds):
    text = "某县司法局2023年度法治政府建设工作报告\n2023年，我局推进法治政府建设。\n" + tail
    assert [k for k, _ in kinds(text)][-len(last_kinds):] == last_kinds


def test_organ_name_and_date_lines_are_no_evidence_of_a_hard_wrap():
    """A joint title and a joint signature, one organ a line, and the date above a note, all of
    a length: no wrap width, so a short heading is not joined to the paragraph under it."""
    text = (
        "中共某某区某某某镇委员会\n某某区某某某镇人民政府\n关于2023年度法治政府建设情况的报告\n\n区委、区政府：\n"
        "　　2023年，某某某镇全面推进法治政府建设，现将有关情况报告如下：\n"
        "　　一、主要举措和成效\n　　（一）加强组织领导。镇党委常委会专题研究法治建设工作5次。\n"
        "　　二、存在的不足\n　　企业合规指导力量不足。\n　　三、2024年工作安排\n　　深化法治化营商环境建设。\n\n"
        "中共某某区某某某镇委员会\n某某区某某某镇人民政府\n2024年1月19日\n（此件公开发布）\n"
    )
    blocks = clean_report(text).blocks
    assert ("heading", "三、2024年工作安排") in [(b.kind, b.text) for b in blocks]
