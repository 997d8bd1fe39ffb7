"""What kind of document a file is (`document_type`), read from its own title and opening.

A folder scraped for 法治政府建设 reports also holds the year's plans (工作要点, 实施方案), notices,
督察 feedback, 考核 results, the leaders' 第一责任人 / 述法 reports, 政府工作报告 and a 党委's
法治建设 reports. The 文种 at the end of the title (GB/T 9704: 机关 + 关于 + 事由 + 文种) decides;
keywords elsewhere in the body never do (every report mentions 工作要点 and 第一责任人).

Kinds: annual_report (法治政府建设 / 依法行政 report or summary on a year), leaders_duty_report
(第一责任人职责 / 述法 / 述职), rule_of_law_report (法治建设 without 政府: a 党委's or joint report),
plan (工作要点 / 实施方案 / 计划), other (通知, 公示, 意见, 整改, 政府工作报告 …). None, with a
reason, when neither the title nor the opening decides.
"""

from __future__ import annotations

import re

from .meta_text import squeeze
from .model import Block, Problem, Provenance, Report

DOCUMENT_TYPES = ("annual_report", "leaders_duty_report", "rule_of_law_report", "plan", "other")
# what the site says a document of each kind is (report page, catalogue, warnings)
TYPE_LABELS = {
    "annual_report": "法治政府建设年度报告",
    "leaders_duty_report": "党政主要负责人履行推进法治建设第一责任人职责情况报告（述法报告）",
    "rule_of_law_report": "法治建设工作报告（非法治政府建设年度报告）",
    "plan": "工作要点／实施方案／工作计划（计划，不是年度报告）",
    "other": "其他文件（通知、公示、反馈意见、政府工作报告等）",
}

_TAIL_NOISE = re.compile(r"(?:[（(【\[][^（()）】\]]{0,30}[)）】\]]|全文|正文|[\s。.:：\-—_|｜])+$")
_QUOTED = re.compile(r"印发[《〈<](.+?)[》〉>]")
_PLAN = re.compile(r"(?:工作要点|要点|实施方案|工作方案|方案|纲要|工作计划|计划|工作安排|任务分工|规划|实施意见)$")
_OTHER_TAIL = re.compile(
    r"(?:通知|通报|公示|公告|通告|意见|决定|批复|函|纪要|反馈|清单|名单|结果|办法|规定|细则|讲话|发言)$"
)
_REPORT_TAIL = re.compile(r"(?:报告|总结|汇报|情况|综述|自查|自评)$")
_GOVERNMENT_WORK = re.compile(r"(?<!法治)政府工作报告")
_RECTIFY = re.compile(r"整改|督察反馈|反馈问题|考核结果|评估报告|调研报告|考评")
# 工作总结及2024年工作计划: a report on the year that ends with its next year's plan
_REPORT_THEN_PLAN = re.compile(r"(?:报告|总结|情况)(?:暨|及|和|与|以及|、)[^暨及和与]{0,20}(?:计划|打算|安排|思路|要点)$")
_LEADERS = re.compile(r"第一责任人|述法|述职|述责")
_GOVERNMENT_RULE = re.compile(r"法治政府|依法行政|法治[\u4e00-\u9fff]{0,2}政府建设")
_RULE_OF_LAW = re.compile(r"法治(?:[\u4e00-\u9fff]{1,4})?建设|依法治[县区市省州旗乡镇]|全面依法治")
_NO_KIND = "the title's 文种 is not a report's"
_OPENING_BLOCKS = 3
_OPENING_CHARS = 200
# 2024年，××镇将围绕…重点抓好以下工作: a plan without a title
_OPENING_PLAN = re.compile(r"^(?:20\d\d|二[〇○零]..)年[，,].{0,40}(?:将|要)[^。]{0,40}(?:以下工作|如下工作|工作安排)")
# 2023年，我乡在县委…领导下，全乡法治政府建设工作扎实推进。: a report looking back on its year
_OPENING_REVIEW = re.compile(r"^(?:20\d\d|二[〇○零]..)年(?:度|以来)?[，,][^。]*(?:法治政府建设|依法行政)[^。]*。")
_FORWARD = re.compile(r"将|要|制定|计划|方案|要点|意见|目标")
_OPENING_REPORT = re.compile(r"法治政府建设.{0,60}(?:报告如下|汇报如下|总结如下)|(?:报告如下|汇报如下).{0,5}$")


def _plain(title: str) -> str:
    text = squeeze(title).replace(" ", "").replace("\u3000", "")
    previous = None
    while previous != text:
        previous, text = text, _TAIL_NOISE.sub("", text)
    return text


def classify_title(title: str) -> tuple[str | None, str]:
    """(document_type, reason when None) from a title alone; the 文种 at its end decides."""
    text = _plain(title)
    quoted = _QUOTED.search(text)
    if quoted and text.endswith("通知"):
        inner, _ = classify_title(quoted.group(1))
        return ("plan", "") if inner == "plan" else ("other", "")
    if _GOVERNMENT_WORK.search(text) or _RECTIFY.search(text):
        return "other", ""
    if _PLAN.search(text) and not _REPORT_THEN_PLAN.search(text):
        return "plan", ""
    if _OTHER_TAIL.search(text):
        return "other", ""
    if not _REPORT_TAIL.search(text) and not _REPORT_THEN_PLAN.search(text):
        return None, f"{_NO_KIND} (报告/总结/情况): {text[-12:]}"
    if _GOVERNMENT_RULE.search(text):
        return "annual_report", ""  # 法治政府建设暨…第一责任人职责情况报告 is the annual report
    if _LEADERS.search(text):
        return "leaders_duty_report", ""
    if _RULE_OF_LAW.search(text):
        return "rule_of_law_report", ""
    return None, "the title names neither 法治政府建设 nor 法治建设"


def classify_opening(blocks: list[Block]) -> tuple[str | None, str]:
    """A report without a title: its first paragraph introduces it (…法治政府建设…报告如下)."""
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"][:_OPENING_BLOCKS]
    for text in paragraphs:
        whole = squeeze(text)
        opening = whole[:_OPENING_CHARS]
        ending = whole[-_OPENING_CHARS:]  # …扎实推进法治政府建设，现将工作情况汇报如下：
        if any(_OPENING_REPORT.search(t) and _GOVERNMENT_RULE.search(t) for t in (opening, ending)):
            return "annual_report", ""
        if _OPENING_PLAN.search(opening):
            return "plan", ""
        review = _OPENING_REVIEW.match(opening)
        if review and not _FORWARD.search(review.group(0)):
            return "annual_report", ""
    return None, "no title, and the opening does not say it reports on 法治政府建设"


def find_document_type(
    title: str | None, row_title: str | None, blocks: list[Block]
) -> tuple[str | None, Provenance | None, str]:
    """(document_type, provenance: text | metadata-row, reason when None)."""
    origins: tuple[tuple[str | None, Provenance], ...] = ((title, "text"), (row_title, "metadata-row"))
    for text, origin in origins:
        if text:
            kind, reason = classify_title(text)
            if kind:
                return kind, origin, ""
    reason = classify_title(title)[1] if title else ""
    if title and not reason.startswith(_NO_KIND):
        return None, None, reason  # a report on another subject: its opening does not overrule it
    kind, opening_reason = classify_opening(blocks)
    if title and kind is None:
        return None, None, reason
    return kind, "text" if kind else None, opening_reason


def year_for_type(
    document_type: str | None, year: int | None, provenance: Provenance | None, reason: str
) -> tuple[int | None, Provenance | None, str]:
    """`year` is the year a document reports on. A plan names the year it plans (2024年工作要点
    is written early in 2024 about 2024) and a notice or 政府工作报告 reports on no single year of
    法治政府建设: for them `year` abstains, and the title keeps the year they name."""
    if document_type == "plan":
        return None, None, "a plan (工作要点/实施方案/计划): the year it names is planned, not reported on"
    if document_type == "other":
        return None, None, "not a report on a year of 法治政府建设 (通知, 公示, 政府工作报告 …)"
    return year, provenance, reason


_OFFICE_POST = re.compile(
    r"^(.{4,30}?(?:局|委员会办公室|厅|办公室|中心|委员会|人民政府|政府))(?:党组)?"
    r"(?:主要负责人|书记|局长|厅长|主任|副主任|委员|县长|区长|市长|镇长|乡长)"
)


def office_in_title(title: str | None) -> str | None:
    """郫都区司法局局长2023年度述法报告 → 郫都区司法局: the organ whose head signs a person's
    report (the signature is a name, not an organ); it tells the level, not the issuer."""
    match = _OFFICE_POST.match(squeeze(title or ""))
    return match.group(1) if match else None


def counted(report: Report) -> bool:
    """Whether a report counts in the annual-report statistics: an annual 法治政府建设 report, or
    one whose kind the title does not decide (an untitled report is still a report). Plans,
    notices, 述法 and 法治建设 reports are published with their kind on their page, not counted."""
    return report.meta.document_type in ("annual_report", None)


def type_warnings(reports: list[Report]) -> list[Problem]:
    """A warning naming each file that is not (or not shown to be) an annual 法治政府建设 report."""
    problems = []
    for report in reports:
        kind = report.meta.document_type
        if kind == "annual_report":
            continue
        if kind:
            message = (
                f"is not an annual 法治政府建设 report: {TYPE_LABELS[kind]}; its page says so and "
                "the annual-report statistics leave it out"
            )
        else:
            message = (
                "is not shown to be an annual 法治政府建设 report ("
                + report.meta.unknown.get("document_type", "")
                + "); it is counted as one"
            )
        hint = "set document_type (annual_report, plan, other …) in its .meta.yml"
        problems.append(Problem(report.source.file, message, hint=hint, severity="warning"))
    return problems
