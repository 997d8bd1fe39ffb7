"""Chrome of mirror and article-app copies (chrome_apps.app_chrome): whole lines only; a sentence
of the report that uses the same words stays."""

from __future__ import annotations

import pytest

from fazhi.chrome_apps import app_chrome
from fazhi.clean import clean_report
from fazhi.normalise import normalise_line


def chrome_note(line: str) -> str | None:
    return app_chrome(normalise_line(line, 1)[0])


@pytest.mark.parametrize(
    "line",
    [
        "道客巴巴",
        "百度文库 - 让每个人平等地提升自我",
        "婺源县江湾镇2023年度法治政府建设工作报告 - 豆丁网",
        "涞水县三坡镇2023年法治政府建设年度报告.doc",
        "某镇2023年法治政府建设年度报告.PDF",
        "还剩2页未读，继续阅读",
        "本文由用户上传，如有侵权请联系删除",
        "声明：本文档由用户上传，版权归属用户，百度文库仅提供信息存储空间服务。",
        "VIP专享文档，开通VIP可免费阅读全文",
        "（VIP免费预览）",
        "预览结束，喜欢就下载吧！",
        "下载文档到电脑，查找使用更方便",
        "文档来源为:从网络收集整理.word版本可编辑.欢迎下载支持.",
        "想了解更多法治政府建设工作报告网的资讯，请访问：法治政府建设工作报告",
        "点击上方蓝字关注我们",
        "↑点击上方“安吉司法”关注我们",
        "扫码关注我们",
        "收录于合集 #法治政府建设 5个",
        "继续滑动看下一个",
        "- END -",
        "阅读 1523",
        "阅读 2.1万",
        "分享 收藏 点赞 在看",
        "原创 凤凰司法 凤凰司法 2024-03-18 17:30 发表于湖南",
        "安吉司法　安吉司法　2024-02-29 18:05　浙江",
        "郫都司法 2024-03-26 09:12",
        "2024-03-30 | 阅：56  转：2 | 分享",
        "献花(0)",
        "修武司法 2024-03-25 16:40 · 修武县司法局官方账号",
        "本文来自【修武司法】，仅代表作者观点。",
        "全国党媒信息公共平台提供信息发布传播服务。",
        "ID：jrtt",
        "澎湃号·政务 > 修武司法",
        "想了解更多精彩内容，快来关注某某司法",
        "2024年02月23日 18:05 青海",
        "2024-02-20 09:12 发表于吉林",
        "互助发布 2024年2月23日 18:05 青海",
    ],
)
def test_app_chrome_lines(line):
    assert chrome_note(line)


@pytest.mark.parametrize(
    "line",
    [
        "群众可在网站下载文档模板，全年下载3000余次。",
        "便民服务中心引导群众通过网站下载文档模板，全年",
        "持续加大宣传力度，让更多群众关注我们的工作。",
        "让更多群众关注我们",
        "镇政府于2024-03-18 17:30召开专题会议",
        "镇政府于2024年3月18日 17:30召开专题会议",
        "2024年2月23日",
        "全年阅读推广活动12场次",
        "一、主要举措和成效",
        "法治政府建设年度报告",
        "本文件自印发之日起施行。",
        "了解更多群众诉求，持续关注民生热点。",
        "本文所称法治政府建设，是指依法全面履行政府职能。",
    ],
)
def test_report_text_is_not_app_chrome(line):
    assert chrome_note(line) is None


def test_wechat_footer_list_and_credits_go_to_the_log():
    text = (
        "某镇2023年法治政府建设年度报告\n2023年，某镇扎实推进法治政府建设。\n一、主要成效\n全年调解纠纷12件。\n"
        "某镇人民政府\n2024年1月5日\n来源：某镇司法所\n责编：王五\n往期推荐\n某县2023年法治政府建设年度报告\n阅读原文\n"
    )
    doc = clean_report(text)
    removed = {e.before for e in doc.log if e.action.startswith("removed-")}
    assert {"责编：王五", "往期推荐", "某县2023年法治政府建设年度报告", "阅读原文"} <= removed
    assert doc.blocks[-1].kind == "date"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("上杭县古田镇2023年度法治政府建设工作报告.docx", "上杭县古田镇2023年度法治政府建设工作报告"),
        ("三台县芦溪镇2023年度法治政府建设工作报告 - 豆丁网", "三台县芦溪镇2023年度法治政府建设工作报告"),
    ],
)
def test_a_mirror_title_line_becomes_the_title_row(first_line, title):
    doc = clean_report(f"{first_line}\n县委、县政府：\n2023年，古田镇推进法治政府建设。\n")
    assert [(c.label, c.value) for c in doc.chrome] == [("标题", title)]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("权威发布｜广惠街道2023年度法治政府建设情况报告", "广惠街道2023年度法治政府建设情况报告"),
        ("【法治政府】沱江镇2023年度法治政府建设工作报告", "沱江镇2023年度法治政府建设工作报告"),
        ("桐庐县司法局｜2023年度法治政府建设工作报告", "桐庐县司法局｜2023年度法治政府建设工作报告"),
        ("【宜章县】关于2023年法治政府建设情况的报告", "【宜章县】关于2023年法治政府建设情况的报告"),
    ],
)
def test_a_column_label_before_the_title_is_chrome(line, title):
    doc = clean_report(f"{line}\n2023年，全面推进法治政府建设。\n")
    assert doc.title == title


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("全年研究5次。（本文来源：第一范文网 www.diyifanwen.com）", "全年研究5次。"),
        ("合格率100%。更多精彩范文请关注微信公众号“范文大全”获取。全年开展讲座6场次。", "合格率100%。全年开展讲座6场次。"),
        ("数据来自统计公报（来源：县统计局）。", "数据来自统计公报（来源：县统计局）。"),
        ("编印《法治宣传范文汇编》500册。", "编印《法治宣传范文汇编》500册。"),
    ],
)
def test_mirror_promotion_inside_a_paragraph(line, kept):
    doc = clean_report(f"某镇2023年法治政府建设年度报告\n{line}\n")
    assert doc.blocks[-1].text == kept
    assert any(e.note == "mirror promotion inside the text" for e in doc.log) == (kept != line)


def test_article_credits_with_bars_a_disclaimer_and_a_bracketed_source_close_the_page():
    text = (
        "某镇2023年法治政府建设年度报告\n2023年，某镇推进法治政府建设，取得成效。\n一、主要成效\n全年调解纠纷12件。\n"
        "某镇人民政府\n2024年1月5日\n来源 | 凤凰司法\n编辑｜张三\n图片：王五\n"
        "声明：本文转载自凤凰司法，版权归原作者所有，如有侵权请联系删除。\n（来源：沱江镇人民政府）\n"
    )
    doc = clean_report(text)
    assert [b.kind for b in doc.blocks[-2:]] == ["signature", "date"]
    assert [(c.label, c.value) for c in doc.chrome] == [
        ("来源", "凤凰司法"), ("编辑", "张三"), ("图片", "王五"), ("来源", "沱江镇人民政府")
    ]


@pytest.mark.parametrize(
    ("top", "removed"),
    [
        ("琼海博鳌发布\n2024年3月1日 10:20 海南\n", {"琼海博鳌发布", "2024年3月1日10:20海南"}),
        ("点击蓝字 关注我们\n巴宜司法\n2024-03-20 17:42 西藏\n", {"巴宜司法", "2024-03-20 17:42西藏"}),
        ("某镇2023年度法治政府建设情况报告\n某镇发布\n2024年3月1日 10:20 海南\n", {"某镇发布"}),
    ],
)
def test_an_account_name_above_a_byline_without_one_goes_with_it(top, removed):
    title = "" if top.startswith("某镇2023") else "某镇2023年度法治政府建设情况报告\n"
    text = top + title + "2023年，某镇扎实推进法治政府建设。\n一、主要成效\n全年调解纠纷12件。\n"
    doc = clean_report(text)
    assert removed <= {e.before for e in doc.log if e.action == "removed-navigation"}
    assert doc.blocks[0].kind == "title" and doc.blocks[0].text == "某镇2023年度法治政府建设情况报告"


@pytest.mark.parametrize(
    "top",
    [
        # the byline names its account: the line above is the report's (its title)
        "某镇法治建设\n某镇发布 2024年3月1日 10:20 海南\n",
        # what is above the short line is no title
        "县委、县政府：\n某镇发布\n2024年3月1日 10:20 海南\n",
    ],
)
def test_a_short_line_stays_unless_it_is_the_account_of_the_byline(top):
    doc = clean_report(top + "2023年，某镇扎实推进法治政府建设。\n")
    navigation = {e.before for e in doc.log if e.action == "removed-navigation"}
    assert not navigation & {"某镇法治建设", "某镇发布"}


def test_a_traditional_page_loses_its_buttons_and_credits_and_its_rows_read_simplified():
    text = (
        "發布機構：敦煌市七里鎮人民政府\n字號：大 中 小\n七里鎮2023年法治政府建設工作報告\n"
        "　　2023年，七里鎮全面推進法治政府建設。\n一、主要成效\n調處糾紛97件。\n"
        "敦煌市七里鎮人民政府\n2024年1月29日\n編輯：金美玲\n閱讀原文\n【列印本頁】【關閉視窗】\n"
    )
    doc = clean_report(text)
    assert ("发布机构", "敦煌市七里镇人民政府") in [(c.label, c.value) for c in doc.chrome]
    assert doc.blocks[0].kind == "title" and doc.blocks[-1].kind == "date"
    assert {"字号：大中小", "阅读原文", "【列印本页】【关闭视窗】"} <= {e.before for e in doc.log}
