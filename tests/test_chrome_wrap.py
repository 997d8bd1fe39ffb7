"""Every fixture and seed wrapped in a web page's chrome (column names, breadcrumbs, page rows,
print and share buttons, pagers, footers) cleans to the same body and the same metadata, and
the chrome goes to the cleaning log."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest

from fazhi.clean import clean_report
from fazhi.fidelity import missing_characters
from fazhi.meta import extract_meta
from fazhi.model import Source
from tests.clean_support import SEEDS, page_of, read_text

META = Path(__file__).resolve().parent / "fixtures" / "meta"
CASES = [*SEEDS, *sorted(META.glob("*.txt"))]

# No 来源 or 发布机构 rows: a fixture may carry its own, and two would be conflicting evidence.
HEAD = (
    "网站首页 | 政务公开 | 政务服务 | 互动交流", "当前位置：首页 > 政务公开 > 法治政府建设",
    "首页>>信息公开>>法定主动公开内容", "信息公开 > 法定主动公开内容 > 法治政府建设", "专题专栏", "政务公开",
    "信息公开目录", "政府信息公开", "【字体：大 中 小】", "字号：大 中 小", "打印本页 关闭窗口", "视力保护色",
    "今天是：2024年3月18日 星期一", "浏览次数：", "分享到：", "发布时间：2024-03-15 10:21  浏览次数：12",
    "[索引号] 0001/2024-00012", "索 引 号：0001/2024-01", "生成日期：2024-03-01", "无障碍浏览",
    "【发布时间：2024-02-20】【浏览次数：35】【字体：大 中 小】", "2024-03-01 09:30 浏览次数：120",
    "索 引 号　 0001/2024-00031　　主题分类　 政务公开", "发布日期：2024-03-01 | 点击数：9 | 【字体：大 中 小】 | 打印",
)
TAIL = (
    "扫一扫在手机打开当前页", "【打印】【关闭】", "分享到", "上一篇：关于开展安全生产检查的通知", "下一篇：无",
    "版权所有：某县人民政府  网站标识码：3607000001  赣ICP备05001234号", "主办单位：某县人民政府办公室",
    "【我要纠错】", "联系我们 | 网站地图", "政务公开", "专题专栏", "浏览次数：88次", "手机版",
    "附件下载：\n某县法治政府建设工作台账.docx", "扫一扫在手机上查看当前页面",
)
SOURCE = Source("x.txt", "0" * 64, "utf-8", 0)


def outcome(text: str) -> tuple[tuple, list]:
    doc = clean_report(text)
    meta = extract_meta(doc, SOURCE)
    fields = (meta.title, meta.issuer, meta.level, meta.year, meta.date_signed, meta.doc_number,
              meta.addressee, meta.co_issuers, meta.region.code)
    return fields, [(b.kind, b.lead, b.text) for b in doc.blocks if b.kind != "title"]


@functools.cache
def plain(path: Path) -> tuple[tuple, list]:
    return outcome(read_text(path).lstrip("\ufeff"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_page_chrome_changes_nothing(path):
    rng = random.Random(path.stem)
    text = read_text(path).lstrip("\ufeff")
    head = rng.sample(HEAD, rng.randint(1, 5))
    tail = rng.sample(TAIL, rng.randint(1, 5))
    wrapped = "\n".join([*head, text.strip(), *tail]) + "\n"
    assert outcome(wrapped) == plain(path), (head, tail)
    doc = clean_report(wrapped)
    assert not missing_characters(wrapped, doc, page_of(doc))
