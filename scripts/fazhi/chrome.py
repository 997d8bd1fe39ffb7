"""Web-page chrome around a copied report: metadata rows, navigation words, breadcrumbs, stale dates,
page numbers. Metadata rows are parsed into ChromeRow evidence; everything removed is logged.

Removed lines become blank lines, so a page number between two halves of a sentence reads as the
page break it was.
"""

from __future__ import annotations

import re

from . import parts
from .chrome_apps import ACCOUNT_ABOVE_BYLINE, BYLINE, app_chrome, page_title
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
    "地址", "邮编", "邮政编码", "联系电话", "电话", "传真", "电子邮箱", "邮箱", "联系邮箱",
    "发文机构", "发布单位", "发布部门", "来源单位", "信息提供单位", "供稿单位", "公开主体", "所属部门",
    "信息索引号", "索取号", "信息索取号", "发布机关", "成文时间", "发文时间", "所属主题", "主题分类名称",
    "文件编号", "来源机构", "发布者", "浏览人次", "文章来源", "稿件来源", "新闻来源", "审核", "校对", "撰稿",
    "初审", "复审", "终审",
    # document-sharing mirrors and article apps
    "上传者", "上传人", "上传时间", "上传日期", "贡献者", "文档贡献者", "页数", "文档格式", "文件格式", "文件大小",
    "大小", "价格", "下载积分", "下载次数", "下载", "收藏", "分享", "责编", "供稿", "图文来源", "图文", "摄影",
    "美编", "排版", "监制", "出品", "统筹", "编审", "一审", "二审", "三审", "来自", "图片", "图片来源",
    "文字", "文字来源", "视频", "制图", "设计", "记者", "通讯员", "原标题",
)
# Labels as a traditional-script page writes them (chrome is removed before script conversion).
_T2S_LABEL = str.maketrans(
    "發佈機構關單時間來標題稱號類瀏覽閱讀點擊數網識碼權辦術資訊開與錄審編輯責體組務對齊範圍態屬內產",
    "发布机构关单时间来标题称号类浏览阅读点击数网识码权办术资讯开与录审编辑责体组务对齐范围态属内产",
)
_S2T_LABEL = {v: k for k, v in zip(
    "發佈機構關單時間來標題稱號類瀏覽閱讀點擊數網識碼權辦術資訊開與錄審編輯責體組務對齊範圍態屬內產",
    "发布机构关单时间来标题称号类浏览阅读点击数网识码权办术资讯开与录审编辑责体组务对齐范围态属内产",
    strict=True,
)}
_TRADITIONAL = {label: "".join(_S2T_LABEL.get(c, c) for c in label) for label in LABELS}
_LABEL_SPELLINGS = {
    spelling
    for label, traditional in _TRADITIONAL.items()
    for spelling in (label, traditional, traditional.replace("佈", "布"))
}
_LABEL_ALT = "|".join(
    sorted(("[ \u3000]*".join(label) for label in _LABEL_SPELLINGS), key=len, reverse=True)
)
_LABEL = rf"(?:{_LABEL_ALT})"
_BULLET = r"^(?:[-*+·•●▪◆■]\s*)?"
# A Markdown mirror quotes the page's metadata line (> 发布时间：…); the line is still chrome.
_QUOTED = re.compile(r"^>\s*")
_ROW = re.compile(rf"{_BULLET}({_LABEL})\s*[:：]\s*(.*)$")
# [索引号] 0110…  or 【发布机关】…: the label in brackets instead of before a colon.
_BRACKET_LABEL = re.compile(rf"[\[【［]\s*({_LABEL})\s*[\]】］]\s*[:：]?\s*")
_LABEL_ONLY = re.compile(rf"{_BULLET}({_LABEL})\s*[:：]?$")
_LABEL_COLON = re.compile(rf"({_LABEL})\s*[:：]")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")

NAV_WORDS = (
    "字体大小", "字号", "字体", "大", "中", "小", "默认", "打印本页", "打印此页", "打印", "关闭窗口",
    "关闭本页", "关闭", "分享到", "分享", "微信", "微博", "QQ空间", "收藏", "返回顶部", "返回",
    "扫一扫", "在手机上打开", "在手机打开", "当前页", "手机扫一扫", "朋友圈", "视力保护色", "保存",
    "纠错", "我要纠错", "我要打印", "无障碍", "繁体", "简体", "繁體", "【", "】", "[", "]", "网站地图",
    "联系我们", "设为首页", "加入收藏", "智能问答", "长者模式", "关怀版", "English", "隐私声明",
    "免责声明", "网站声明", "字體", "列印", "關閉", "視窗", "關閉視窗", "網站地圖", "聯繫我們", "视窗", "关闭视窗",
    "在手机上查看", "当前页面", "扫码阅读", "扫码", "手机", "阅读", "查看", "本页", "此页", "分享至",
    "手机版", "电脑版", "无障碍浏览", "政府网站找错", "网站找错", "适老化", "读屏",
    "首页", "搜索", "登录", "注册", "赏", "举报", "下载", "VIP", "转藏", "全屏", "献花", "反馈", "关注", "已关注", "+关注",
)
_NAV_TOKEN = re.compile("|".join(re.escape(w) for w in sorted(NAV_WORDS, key=len, reverse=True)))
_NAV_SEPARATORS = re.compile(r"[\s|｜/:：、,，.·•\-—]+")
_BREADCRUMB = re.compile(
    r"^(?:[您你])?(?:当前|现在|所在)?的?(?:位置|位於|位于)\s*[:：]|^(?:网站)?首页\s*(?:[>＞»/→\-—－]|&gt;)"
)
# 信息公开 > 法定主动公开内容 > 法治政府建设: a trail of two or more short column names.
_TRAIL = re.compile(
    r"^(?:(?:>{1,2}|＞{1,2}|»)\s*)?[\u4e00-\u9fff（）]{2,16}"
    r"(?:\s*(?:>{1,2}|＞{1,2}|»|→|&gt;)\s*[\u4e00-\u9fff（）]{2,24})+$"
)
# 2024-03-01 09:30 来源：… : the page's time stamp written before its labelled rows.
_STAMP = re.compile(
    r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?=[\u4e00-\u9fff\[【［])"
)
# A site's column names on a line of their own (专题专栏, 信息公开目录). Only above the report's
# first sentence or below its last are they chrome: inside the text 政务公开 may be a heading.
COLUMN_NAMES = frozenset((
    "专题专栏", "专题", "专栏", "政务公开", "信息公开", "信息公开目录", "政府信息公开", "政府信息公开目录",
    "政府信息公开专栏", "法定主动公开内容", "主动公开", "部门信息公开", "乡镇信息公开", "乡镇街道",
    "乡镇街道信息公开", "部门动态", "通知公告", "工作动态", "政务动态", "政策文件", "政策法规", "部门文件",
    "政府文件", "规划计划", "公示公告", "重点领域信息公开", "法治政府建设",
    "正文", "文章正文", "信息公开年报", "法治政府建设专栏", "政务公开专栏",
    "政府信息公開", "政務公開", "專題專欄", "信息公開目錄",
))
_PAGER = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读)\s*[:：]?")
# The heading of a list of links at the foot of a page; the titles under it are links too.
_LINK_LIST = re.compile(
    r"^(?:相关链接|相关文章|相关阅读|相关新闻|相关推荐|推荐阅读|相关信息|延伸阅读|附件下载|相关附件|下载附件"
    r"|相关文档|往期推荐|往期回顾|往期精彩|往期精选|精彩推荐|精彩回顾|热门推荐|热门文章|猜你喜欢|更多推荐)\s*[:：]?$"
)
# A site's menu bar: three or more short items between | bars (网站首页 | 政务公开 | 互动交流).
_MENU = re.compile(r"^[^|｜\d]{2,10}(?:\s*[|｜]\s*[^|｜\d]{2,10}){3,}$")
# A breadcrumb written with bars from the site's name (五常市人民政府 | 政务公开 | 法治政府建设); a
# table's header row (类别 | 责任单位 | 完成时限) starts with no site.
_BAR_TRAIL = re.compile(
    r"^[\u4e00-\u9fff]{2,16}(?:人民政府|政府|网站|政府网|门户网站|首页)"
    r"(?:\s*[|｜]\s*[\u4e00-\u9fff（）]{2,16}){2,}$"
)
# 字号：T | T, 字体：A+ A-: the font-size switch, whatever its buttons say.
_FONT_SWITCH = re.compile(r"^(?:字号|字体|字體|文字大小)\s*[:：]")
# 正定县人民政府网 2024-02-26 字体：大 中 小 打印本页: the site's name and date, then its buttons.
_STAMP_AND_BUTTONS = re.compile(
    r"^(?P<head>[\u4e00-\u9fff]{0,24}(?:网|网站|门户)?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?P<tail>(?:字号|字体|字體|文字大小)\s*[:：].*)$"
)
_SITE_FOOTER = re.compile(
    r"ICP备\s*\d+|公网安备\s*\d+|网站标识码|版权所有|Copyright|©|技术支持\s*[:：]|ICP备案号"
    r"|網站標識碼|版權所有|技術支持\s*[:：]"
    r"|^您是本站第|本站访问量|建议使用.{0,30}(?:分辨率|浏览器)|分辨率.{0,20}浏览"
)
# A site's name line: a place, maybe its government, then 门户网站 / 政府网 (××县人民政府门户网站).
_SITE_BANNER = re.compile(
    r"^[\u4e00-\u9fff]{1,20}(?:省|市|县|区|旗|州|盟|镇|乡|街道|縣|區)(?:人民政府|政府|人民政府辦公室)?"
    r"(?:门户网站|政府网|政务网|网站|門戶網站|政府網|網站)$"
)
_STALE_DATE = re.compile(r"^(?:今天是|今日是|今天：|今天:)")
_PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－一]{1,2}\s*\d{1,3}\s*[—–\-－一]{1,2}|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|共\s*\d{1,3}\s*页)$"
)


def normalise_label(label: str) -> str:
    return re.sub(r"[\s\u3000]+", "", label).translate(_T2S_LABEL)


def is_label(text: str) -> bool:
    """A known page-row label on its own (索引号, 發布機構 …), colon allowed."""
    return bool(_LABEL_ONLY.match(text.strip()))


def is_page_label(text: str) -> bool:
    """A label only web-page metadata uses (发布时间, 索引号 …), colon allowed: chrome even in
    the middle of the text (a page header repeated in a multi-page copy)."""
    return normalise_label(text.strip().rstrip(":：")) in PAGE_LABELS


def is_metadata_row(text: str) -> bool:
    """`发布机构：××` — a known label followed by a colon and a value."""
    return bool(_ROW.match(text.strip()))


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """`索引号：X  主题分类：Y` → [(索引号, X), (主题分类, Y)], or None when the line is no row."""
    match = _ROW.match(text)
    if not match:
        return None
    labels = list(_LABEL_COLON.finditer(text, match.start(1)))
    pairs = []
    for this, nxt in zip(labels, [*labels[1:], None], strict=True):
        end = nxt.start() if nxt else len(text)
        pairs.append((normalise_label(this.group(1)), _without_buttons(text[this.end() : end])))
    return pairs


_TRAILING_BRACKET = re.compile(r"[\[【［]([^\]】］]*)[\]】］]\s*$")


def _without_buttons(value: str) -> str:
    """`2024-03-29【字体：大 中 小】` → `2024-03-29`: page buttons after the last row's value."""
    value = value.strip()
    while (match := _TRAILING_BRACKET.search(value)) and (
        _is_nav(match.group(1)) or _FONT_SWITCH.match(match.group(1).strip())
    ):
        value = value[: match.start()].rstrip()
    return value


_BRACKET_GROUP = re.compile(r"\s*[\[【［]([^\]】］]*)[\]】］]\s*")


def _bracket_groups(text: str) -> list[tuple[str, str]] | None:
    """`【来源：X】【发布时间：Y】【字体：大 中 小】`: rows and buttons each in brackets."""
    pairs: list[tuple[str, str]] = []
    end = 0
    for group in _BRACKET_GROUP.finditer(text):
        if group.start() != end:
            return None
        end = group.end()
        row = _ROW.match(group.group(1).strip())
        if row and row.group(2):
            pairs.append((normalise_label(row.group(1)), row.group(2).strip()))
        elif not (_is_nav(group.group(1)) or _FONT_SWITCH.match(group.group(1).strip())):
            return None
    return pairs if pairs and end == len(text) else None


def _bracket_pairs(text: str) -> list[tuple[str, str]] | None:
    """`[信息索引号] X [发布机关] Y` → [(索引号…, X), (发布机关, Y)], or None."""
    if text[:1] not in "[【［":
        return None
    if not _BRACKET_LABEL.match(text):
        return _bracket_groups(text)
    labels = list(_BRACKET_LABEL.finditer(text))
    ends = [m.start() for m in labels[1:]] + [len(text)]
    return [
        (normalise_label(m.group(1)), text[m.end() : end].strip())
        for m, end in zip(labels, ends, strict=True)
    ]


_BARE_LABEL = re.compile(
    "|".join(
        sorted(
            ("[ \u3000]*".join(label) for label in _LABEL_SPELLINGS if len(label) >= 3),
            key=len,
            reverse=True,
        )
    )
)


def _bare_pairs(text: str) -> list[tuple[str, str]] | None:
    """`索引号 X 主题分类 Y` copied without colons (the spaces went in normalising): two or more
    long labels (three characters or more), each with a value, and no sentence in between."""
    if "\t" in text or not _BARE_LABEL.match(text):
        return None  # a table row of the report (主办单位 / 承办单位 …) is text
    labels = list(_BARE_LABEL.finditer(text))
    if len(labels) < 2 or labels[0].start() != 0 or re.search(r"[。，；！？]", text):
        return None
    ends = [m.start() for m in labels[1:]] + [len(text)]
    pairs = [(normalise_label(m.group(0)), text[m.end() : end].strip()) for m, end in zip(labels, ends, strict=True)]
    return pairs if all(value for _, value in pairs) else None


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
        elif pairs and (_is_nav(cell) or _FONT_SWITCH.match(cell)):
            pass  # 【字体：大 中 小】 or 打印 between the rows
        elif row and index == len(cells) - 1:
            pairs.append((normalise_label(row.group(1)), ""))  # 阅读： a counter the copy left empty
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
    if _BREADCRUMB.match(text) or _PAGER.match(text) or _TRAIL.match(text) or _BAR_TRAIL.match(text):
        return "removed-navigation"
    if _SITE_BANNER.match(text):
        return "removed-navigation"
    if _SITE_FOOTER.search(text) and len(text) <= 120:
        return "removed-navigation"
    if _is_nav(text) or (_MENU.match(text) and not re.search(r"[。，；：,;:]", text)):
        return "removed-navigation"
    if _FONT_SWITCH.match(text) and len(text) <= 40 and not re.search(r"[。；]", text):
        return "removed-navigation"
    stamp = _STAMP_AND_BUTTONS.match(text)
    if stamp and len(text) <= 60 and _is_nav(re.sub(r"^(?:字号|字体|字體|文字大小)\s*[:：]", "", stamp["tail"])):
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
    first, last = _running_text(lines)
    for index, (number, text) in enumerate(lines):
        if skip_next:
            skip_next = False
            out.append((number, ""))
            continue
        if not text:
            out.append((number, text))
            continue
        pairs = _row_pairs(_QUOTED.sub("", text))
        value = None
        if pairs is None and _LABEL_ONLY.match(text):
            value = _next_value(lines, index)
            if value is not None:
                pairs = [(normalise_label(_LABEL_ONLY.match(text).group(1)), value[1])]
        if pairs and first < index < last and not any(label in PAGE_LABELS for label, _ in pairs):
            pairs = None  # 时间：… 地点：… inside the text is the report's own list
        if pairs is not None and value is not None:
            log.append(LogEntry("removed-chrome", value[0], value[1], note="metadata value"))
            skip_next = True
        if pairs is not None:
            rows.extend(ChromeRow(label, value, number) for label, value in pairs)
            log.append(LogEntry("removed-chrome", number, text, note="metadata row"))
            out.append((number, ""))
            continue
        note = app_chrome(text)
        if note:
            byline = BYLINE.match(text)
            if byline:
                rows.append(ChromeRow("发布时间", byline.group("time"), number))
                if not byline.group("account"):
                    _drop_account_above(out, log)
            title = page_title(text) if index < first else None
            if title:
                rows.append(ChromeRow("标题", title, number))
            log.append(LogEntry("removed-navigation", number, text, note=note))
            out.append((number, ""))
            continue
        reason = _removal_reason(text)
        if reason:
            log.append(LogEntry(reason, number, text))
            out.append((number, ""))
        else:
            out.append((number, text))
    out = _drop_column_names(out, log)
    return _drop_link_list(lines, out, log), rows, log


def _drop_account_above(out: Lines, log: list[LogEntry]) -> None:
    """A byline without its account (2024年02月23日 18:05 青海) under the account's name alone on
    a line: the name is the byline's too, when it is the page's first kept line or only the
    article's title is above it."""
    kept = [i for i, (_, text) in enumerate(out) if text]
    if not kept or not ACCOUNT_ABOVE_BYLINE.match(out[kept[-1]][1]):
        return
    above = [out[i][1] for i in kept[:-1]]
    if above and not (
        all(parts.title_line_shape(t) for t in above) and parts.TITLE_END.search("".join(above))
    ):
        return
    number, text = out[kept[-1]]
    log.append(LogEntry("removed-navigation", number, text, note="article account above its byline"))
    out[kept[-1]] = (number, "")


_RUNNING_TEXT = re.compile(r"[。；！？，]")
# Labels only a web page's metadata uses. Between the first and the last line of running text a
# row is page chrome only if it has one of them (a page header repeated in a multi-page copy);
# 时间：… / 地点：… / 主办单位：… there are the report's own.
PAGE_LABELS = frozenset((
    "索引号", "信息索引号", "索取号", "信息索取号", "主题分类", "主题分类名称", "所属主题", "信息分类", "体裁分类",
    "组配分类", "服务对象分类", "发布机构", "发文机关", "发文机构", "发布机关", "发布单位", "发布部门", "成文日期",
    "成文时间", "发布日期", "发布时间", "公开日期", "生成日期", "更新时间", "信息来源", "来源", "文章来源", "稿件来源",
    "文号", "发文字号", "浏览次数", "访问次数", "阅读次数", "点击数", "浏览量", "阅读量", "访问量", "点击量",
    "浏览人次", "公开方式", "公开范围", "公开形式", "公开时限", "有效性", "统一编码", "效力状态", "网站标识码",
    "版权所有", "责任编辑", "标题", "信息名称", "文件编号", "日期",
))


def _running_text(lines: Lines) -> tuple[int, int]:
    """Indices of the first and last lines that read as running text ((-1, -1) when none); a
    mirror's or an article app's line (声明：本文转载自…。) is none."""
    def running(text: str) -> bool:
        return bool(_RUNNING_TEXT.search(text)) and not app_chrome(text)

    first = next((i for i, (_, t) in enumerate(lines) if running(t)), -1)
    if first < 0:
        return -1, -1
    return first, next(i for i in range(len(lines) - 1, -1, -1) if running(lines[i][1]))
_TITLE_TAIL = re.compile(r"(?:报告|总结|汇报)$")
_ORGAN_TAIL = re.compile(r"(?:政府|委员会|办事处|网站|网|局)$")


def _drop_column_names(lines: Lines, log: list[LogEntry]) -> Lines:
    """Column names above the first line of running text or below the last are the site's,
    unless the name is the middle line of a title split over three lines (××县2023年度 /
    法治政府建设 / 工作报告)."""
    first, last = _running_text(lines)
    if first < 0:
        return lines
    names = {
        i
        for i in [*range(first), *range(last + 1, len(lines))]
        if lines[i][1] and len(lines[i][1]) <= 20
        and re.sub(r"[\s\u3000]+", "", lines[i][1]).strip("【】[]") in COLUMN_NAMES
    }
    filled = [i for i, (_, t) in enumerate(lines) if t]
    out = list(lines)
    for index in sorted(names):
        at = filled.index(index)
        before = lines[filled[at - 1]][1] if at > 0 and filled[at - 1] not in names else ""
        after = lines[filled[at + 1]][1] if at + 1 < len(filled) and filled[at + 1] not in names else ""
        if before and _TITLE_TAIL.search(after) and not _ORGAN_TAIL.search(before):
            continue
        number, text = lines[index]
        log.append(LogEntry("removed-navigation", number, text, note="site column name"))
        out[index] = (number, "")
    return out


def _drop_link_list(source: Lines, lines: Lines, log: list[LogEntry]) -> Lines:
    """相关文章 / 相关链接 / 附件下载 near the end followed only by short title-like lines: the
    page's list of links or downloads, removed with the titles under it. Anything that reads as
    text keeps the list."""
    heads = [i for i, (_, t) in enumerate(source) if _LINK_LIST.match(t)]
    tail: list[tuple[int, int, str]] | None = None
    for head in reversed(heads):  # the first of several lists, if all below it are links
        below = [(i, n, t) for i, (n, t) in enumerate(lines[head:], start=head) if t]
        if len(below) > 12 or any(len(t) > 60 or re.search(r"[。；！？]", t) for _, _, t in below):
            break
        tail = below
    if tail is None:
        return lines
    out = list(lines)
    for index, number, text in tail:
        note = "list of links" if _LINK_LIST.match(text) else "link under 相关文章"
        log.append(LogEntry("removed-navigation", number, text, note=note))
        out[index] = (number, "")
    return out


# 来源 | 凤凰司法, 编辑｜张三: an article's credits with a bar instead of a colon.
_BAR_ROW = re.compile(rf"^({_LABEL})\s*[|｜丨]\s*([^|｜丨]{{1,40}})$")
_PAREN_ROW = re.compile(r"^[（(]([^（）()]{2,60})[）)]$")


def _row_pairs(text: str) -> list[tuple[str, str]] | None:
    stamp = _STAMP.match(text) if text[:1].isdigit() else None
    if stamp:
        rows = _row_pairs(text[stamp.end() :])
        return [("日期", stamp.group(1)), *rows] if rows else None
    paren = _PAREN_ROW.match(text)
    if paren:
        text = paren.group(1).strip()  # （来源：××司法所）
    bar = _BAR_ROW.match(text)
    if bar:
        return [(normalise_label(bar.group(1)), bar.group(2).strip())]
    pairs = _bracket_pairs(text)
    if pairs is None:
        pairs = _pipe_pairs(text) if "|" in text else _pairs(text) or _bare_pairs(text)
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
