"""Chrome of copies that did not come from a government site: document-sharing mirrors
(道客巴巴, 豆丁, 百度文库, 原创力文档 …) and WeChat official-account articles.

Mirrors add their name, the document's file name, buttons (下载文档, 举报, 收藏), page counters
(还剩2页未读), upload notices and promotion lines, some of them between the report's paragraphs.
WeChat adds a byline (account, time, province), follow prompts, credits (编辑/审核/责编), a list of
other articles (往期推荐) and counters (阅读 1523, 在看). Each shape here is a whole line that a
report never writes; a line that only mentions such words inside a sentence stays.
"""

from __future__ import annotations

import re

# Names of the mirrors, alone on a line, with their slogan, or after a page title (… - 豆丁网).
MIRROR_NAMES = (
    "道客巴巴", "豆丁网", "豆丁", "百度文库", "原创力文档", "人人文库", "360文库", "爱问共享资料", "新浪爱问",
    "淘豆网", "金锄头文库", "冰点文库", "文库吧", "第一范文网", "范文网", "360doc个人图书馆", "个人图书馆",
    "docin", "doc88", "book118", "知识共享平台",
    # news apps that carry an organ's account
    "澎湃号", "澎湃新闻", "网易号", "搜狐号", "百家号", "头条号", "今日头条", "企鹅号", "大风号", "一点号",
)
_NAMES = "|".join(re.escape(n) for n in sorted(MIRROR_NAMES, key=len, reverse=True))
_MIRROR_NAME = re.compile(rf"^(?:{_NAMES})(?:\.com)?(?:\s*[-—–_|｜·•>＞]\s*[^。；！？]{{0,30}})?$", re.IGNORECASE)
_MIRROR_PAGE_TITLE = re.compile(
    rf"^(?P<title>.{{4,80}}?)\s*[-—–_|｜]\s*(?:{_NAMES})(?:\.com)?$", re.IGNORECASE
)
# 涞水县三坡镇2023年法治政府建设年度报告.doc: the uploaded file's name.
_FILE_NAME = re.compile(
    r"^(?!附件)(?P<title>[^\s。，；！？:：、]{4,80})\.(?:docx?|wps|pdf|txt|rtf|pptx?|xlsx?)$", re.IGNORECASE
)

# Whole lines only: a sentence of the report that mentions 下载 or 关注 stays.
_MIRROR_LINES = (
    r"^还剩\s*\d+\s*页未读.{0,12}$",
    r"^(?:声明\s*[:：]\s*)?(?:本文|本文档|该文档|此文档)(?:由|为|系)?.{0,20}上传.{0,60}$",
    r"^.{0,20}(?:开通|成为|升级)\s*VIP.{0,20}$|^.{0,6}VIP\s*(?:专享|免费|会员|用户).{0,20}$|^VIP$",
    r"^.{0,12}(?:在线)?预览(?:全文|结束|更多|已结束).{0,16}$|^.{0,20}可免费预览.{0,12}$|^(?:关闭)?预览$",
    r"^(?:已阅读到文档的结尾了?|阅读已结束.{0,20})$",
    r"^下载(?:本文|文档|此文档|本文档|全文).{0,16}$|^(?:立即|免费)?下载$|^举报$",
    r"^(?:点击)?查看更多\s*[>》]*$",
    r"^文档来源为\s*[:：]?\s*从网络收集整理.{0,40}$|^.{0,40}word版本可编辑.{0,20}$",
    r"^想了解更多.{0,40}请访问.{0,30}$",
    r"^(?:想了解更多|更多精彩|了解更多).{0,24}(?:关注|访问)[^。；！？]{0,24}$",
    r"^本文(?:来自|转自|系).{0,30}(?:仅代表|不代表|观点|立场).{0,30}$",
    r"^.{0,20}(?:提供信息发布传播服务|信息公共平台).{0,20}$",
    r"^(?:ID|微信号|公众号|微信公众号)\s*[:：]\s*[\w\-]{2,30}$",
    r"^(?:文档)?评论\s*[（(]\d+[）)]$|^发表评论$",
    # 360doc: 2024-03-30 | 阅：56 转：2 | 分享, 献花(0), +1
    r"^\d{4}-\d{1,2}-\d{1,2}(?:\s*\d{1,2}:\d{2})?\s*[|｜]?\s*(?:阅|阅读|浏览)\s*[:：]?\s*\d+.{0,30}$",
    r"^献花\s*[（(]\d+[）)]$|^\+1$",
)
_WECHAT_LINES = (
    r"^[↑↓☝▲△\s]*(?:点击|戳|欢迎|长按).{0,14}关注(?:我们|该公众号|本公众号|公众号)$",
    r"^(?:扫码|扫描二维码|长按(?:识别)?二维码|长按扫码).{0,8}关注.{0,8}$",
    r"^关注(?:该|本)?公众号$",
    r"^收录于(?:合集|话题)",
    r"^(?:预览时标签不可点|继续滑动看下一个|向上滑动看下一个|轻触阅读原文|知道了|阅读原文|写留言|留言|精选留言)$",
    r"^点击.{0,3}阅读原文.{0,3}(?:查看更多|了解更多|查看详情)?$",
    r"^[-—–_\s]*END[-—–_\s]*$",
    r"^(?:免责)?声明\s*[:：].{0,80}(?:转载|侵权|版权).{0,40}$",
)
_COUNTER_WORD = r"(?:阅读|在看|点赞|赞|分享|收藏|喜欢|浏览|转发|评论)"
_COUNT = r"(?:\s*\d+(?:\.\d+)?\s*[万wW]?\+?)"
# 阅读 1523 / 在看 12 / 分享 收藏 点赞 在看: the article's buttons and their counts.
_COUNTERS = re.compile(rf"^{_COUNTER_WORD}{_COUNT}?(?:\s*{_COUNTER_WORD}{_COUNT}?)*$")
_PROVINCES = (
    "北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西"
    "|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾"
)
# 原创 凤凰司法 凤凰司法 2024-03-18 17:30 发表于湖南 (spaces between Chinese already removed);
# newer pages write the date 2024年03月18日 17:30, and a copy may put the account on a line of its
# own above (ACCOUNT_ABOVE_BYLINE).
BYLINE = re.compile(
    r"^(?:原创)?(?P<account>[\u4e00-\u9fff\w·]{2,40}?)?\s*"
    r"(?P<time>\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2})"
    rf"(?:\s*(?:发表于)?(?:{_PROVINCES})|\s*[·•]\s*[^。，；！？]{{2,30}})?$"
)
_LINES = re.compile("|".join((*_MIRROR_LINES, *_WECHAT_LINES)), re.IGNORECASE)
# The account's name alone on a line (琼海博鳌发布, 巴宜司法): a short name, no punctuation, no
# document word. Only taken when a byline without an account follows it at the top of the page.
ACCOUNT_ABOVE_BYLINE = re.compile(r"^(?!.*(?:报告|总结|汇报|情况|政府建设|文件$))[\u4e00-\u9fff·A-Za-z]{2,16}$")


# Promotion a mirror put inside a paragraph: a bracketed source note naming a mirror, or a sentence
# that sends the reader to a 范文 site or account (范文, model essays, is no word of a report).
_SPAM_NAMES = r"(?:第一范文网|范文网|范文大全|道客巴巴|豆丁网|百度文库|原创力文档|人人文库)"
_INLINE_SPAM = re.compile(
    rf"[（(](?:本文|文章)?来源\s*[:：][^（）()]{{0,20}}{_SPAM_NAMES}[^（）()]{{0,40}}[）)]"
    r"|(?:更多|想了解更多)[^。！？；]{0,12}范文[^。！？；]{0,30}(?:关注|访问|下载|获取)[^。！？；]{0,20}[。！]?"
)


def inline_spam(text: str) -> tuple[str, list[str]]:
    """The line without mirror promotion inside it, and the pieces removed."""
    pieces = [m.group(0) for m in _INLINE_SPAM.finditer(text)]
    return (_INLINE_SPAM.sub("", text), pieces) if pieces else (text, [])


def page_title(text: str) -> str | None:
    """The title a mirror shows as the file's name or in its page title, for the 标题 row."""
    match = _FILE_NAME.match(text) or _MIRROR_PAGE_TITLE.match(text)
    return match.group("title").strip() if match else None


def app_chrome(text: str) -> str | None:
    """Why the whole line is a mirror's or an article app's chrome (a log note), or None."""
    if len(text) > 80:
        return None
    if _MIRROR_NAME.match(text) or _MIRROR_PAGE_TITLE.match(text):
        return "document-sharing site"
    if _FILE_NAME.match(text):
        return "file name on a document-sharing site"
    if _LINES.match(text):
        return "document-sharing site or article app"
    if _COUNTERS.match(text):
        return "article buttons and counts"
    if BYLINE.match(text):
        return "article byline"
    return None
