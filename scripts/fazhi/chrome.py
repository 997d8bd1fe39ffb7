"""Web-page chrome around a copied report: metadata rows, navigation words, breadcrumbs, stale dates,
page numbers. Metadata rows are parsed into ChromeRow evidence; everything removed is logged.

Removed lines become blank lines, so a page number between two halves of a sentence reads as the
page break it was.
"""

from __future__ import annotations

import re

from .model import ChromeRow, LogEntry

Lines = list[tuple[int, str]]

LABELS = (
    "索引号", "主题分类", "主题词", "关键词", "发布机构", "发文机关", "发文单位", "成文日期", "发文日期",
    "发布日期", "发布时间", "公开日期", "生成日期", "更新时间", "标题", "名称", "文号", "发文字号",
    "信息来源", "来源", "作者", "责任编辑", "编辑", "浏览次数", "访问次数", "阅读次数", "点击数",
    "信息分类", "体裁分类", "组配分类", "服务对象分类", "公开方式", "公开范围", "公开形式", "有效性",
    "时效", "文种", "统一编码", "效力状态", "信息名称", "所属机构", "公开时限", "内容概述",
    "时间", "日期", "浏览量", "阅读量", "访问量", "点击量", "阅读", "浏览", "点击", "发布人", "审核人",
    "录入人", "主办单位", "主办", "承办单位", "承办", "协办单位", "技术支持", "网站标识码", "版权所有",
)
_LABEL_ALT = "|".join(
    sorted(("[ \u3000]*".join(label) for label in LABELS), key=len, reverse=True)
)
_LABEL = rf"(?:{_LABEL_ALT})"
_BULLET = r"^(?:[-*+·•●▪◆■]\s*)?"
_ROW = re.compile(rf"{_BULLET}({_LABEL})\s*[:：]\s*(.*)$")
_LABEL_ONLY = re.compile(rf"{_BULLET}({_LABEL})\s*[:：]?$")
_LABEL_COLON = re.compile(rf"({_LABEL})\s*[:：]")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")

NAV_WORDS = (
    "字体大小", "字号", "字体", "大", "中", "小", "默认", "打印本页", "打印此页", "打印", "关闭窗口",
    "关闭本页", "关闭", "分享到", "分享", "微信", "微博", "QQ空间", "收藏", "返回顶部", "返回",
    "扫一扫", "在手机上打开", "在手机打开", "当前页", "手机扫一扫", "朋友圈", "视力保护色", "保存",
    "纠错", "我要纠错", "我要打印", "无障碍", "繁体", "简体", "繁體", "【", "】", "[", "]", "网站地图",
    "联系我们", "设为首页", "加入收藏", "智能问答", "长者模式", "关怀版", "English",
)
_NAV_TOKEN = re.compile("|".join(re.escape(w) for w in sorted(NAV_WORDS, key=len, reverse=True)))
_NAV_SEPARATORS = re.compile(r"[\s|｜/:：、,，.·•\-—]+")
_BREADCRUMB = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|你的位置|所在位置|位置)\s*[:：]|^首页\s*(?:[>＞»/→]|&gt;)"
)
_PAGER = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读)\s*[:：]?")
_SITE_FOOTER = re.compile(r"ICP备\s*\d+|公网安备\s*\d+|网站标识码|版权所有|Copyright|©")
_STALE_DATE = re.compile(r"^(?:今天是|今日是|今天：|今天:)")
_PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－一]{1,2}\s*\d{1,3}\s*[—–\-－一]{1,2}|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|共\s*\d{1,3}\s*页)$"
)


def normalise_label(label: str) -> str:
    return re.sub(r"[\s\u3000]+", "", label)


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """`索引号：X  主题分类：Y` → [(索引号, X), (主题分类, Y)], or None when the line is no row."""
    match = _ROW.match(text)
    if not match:
        return None
    labels = list(_LABEL_COLON.finditer(text, match.start(1)))
    pairs = []
    for this, nxt in zip(labels, [*labels[1:], None], strict=True):
        end = nxt.start() if nxt else len(text)
        pairs.append((normalise_label(this.group(1)), text[this.end() : end].strip()))
    return pairs


def _pipe_pairs(text: str) -> list[tuple[str, str]] | None:
    if not text.startswith("|") and text.count("|") < 2:
        return None
    cells = [c.strip() for c in text.strip("|").split("|")]
    pairs = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        row = _ROW.match(cell)
        if row and row.group(2):
            pairs.append((normalise_label(row.group(1)), row.group(2).strip()))
        elif _LABEL_ONLY.match(cell) and index + 1 < len(cells):
            pairs.append((normalise_label(_LABEL_ONLY.match(cell).group(1)), cells[index + 1]))
            index += 1
        elif cell:
            return None
        index += 1
    return pairs or None


def _is_nav(text: str) -> bool:
    if len(text) > 60:
        return False
    rest = _NAV_SEPARATORS.sub("", _NAV_TOKEN.sub("", text))
    return rest == "" and len(_NAV_TOKEN.findall(text)) >= 1 and not text.isdigit()


def _removal_reason(text: str) -> str | None:
    if _PAGE_NUMBER.match(text):
        return "removed-page-number"
    if _STALE_DATE.match(text):
        return "removed-stale-date"
    if _BREADCRUMB.match(text) or _PAGER.match(text):
        return "removed-navigation"
    if _SITE_FOOTER.search(text) and len(text) <= 120:
        return "removed-navigation"
    if _is_nav(text):
        return "removed-navigation"
    if _PIPE_SEPARATOR.match(text):
        return "removed-chrome"
    return None


def strip_chrome(lines: Lines) -> tuple[Lines, list[ChromeRow], list[LogEntry]]:
    """Remove page chrome from normalised lines; parse its metadata rows."""
    out: Lines = []
    rows: list[ChromeRow] = []
    log: list[LogEntry] = []
    skip_next = False
    for index, (number, text) in enumerate(lines):
        if skip_next:
            skip_next = False
            out.append((number, ""))
            continue
        if not text:
            out.append((number, text))
            continue
        pairs = _row_pairs(text)
        if pairs is None and _LABEL_ONLY.match(text):
            value = _next_value(lines, index)
            if value is not None:
                pairs = [(normalise_label(_LABEL_ONLY.match(text).group(1)), value[1])]
                log.append(LogEntry("removed-chrome", value[0], value[1], note="metadata value"))
                skip_next = True
        if pairs is not None:
            rows.extend(ChromeRow(label, value, number) for label, value in pairs)
            log.append(LogEntry("removed-chrome", number, text, note="metadata row"))
            out.append((number, ""))
            continue
        reason = _removal_reason(text)
        if reason:
            log.append(LogEntry(reason, number, text))
            out.append((number, ""))
        else:
            out.append((number, text))
    return out, rows, log


def _row_pairs(text: str) -> list[tuple[str, str]] | None:
    pairs = _pipe_pairs(text) if "|" in text else _pairs(text)
    if pairs is None:
        return None
    if any(len(value) > 80 or "。" in value for _, value in pairs):
        return None
    return pairs


def _next_value(lines: Lines, index: int) -> tuple[int, str] | None:
    """The value line of a label written on its own line (the next line, if it is not a label)."""
    if index + 1 >= len(lines):
        return None
    number, text = lines[index + 1]
    if not text or len(text) > 80 or _LABEL_ONLY.match(text) or _ROW.match(text) or "。" in text:
        return None
    return number, text
