"""The search index as built: folding, page text, postings encoding, sharding, files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fazhi.search import SearchDoc, Section, index_doc, keys_of, search_tree, shard_of
from fazhi.search_bench import decode_gaps, first_page, first_query_bytes, query_keys
from fazhi.search_html import article_html, page_text, parsed_blocks, plain_blocks
from fazhi.search_postings import encode_gaps
from fazhi.searchtext import browser_table, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("行政復議", "行政复议"),
        ("法治政府 建设", "法治政府建设"),
        ("２０２３年　度", "2023年度"),
        ("１００％", "100%"),
        ("GDP\t增长", "gdp增长"),
        ("關於", "关于"),
        ("鹿法办通〔2021〕16号", "鹿法办通〔2021〕16号"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_browser_table_keeps_only_targets_in_the_corpus():
    table = browser_table({"复", "议"})
    assert table["復"] == "复" and table["議"] == "议"
    assert "國" not in table


def encoded(ids: list[int]) -> str:
    return encode_gaps(np.diff(np.array(ids), prepend=-1) - 1)[0]


@pytest.mark.parametrize("ids", [[0], [0, 1, 2, 3], [5, 31, 32, 33, 1000, 40000, 1_000_000]])
def test_gap_encoding_round_trips(ids):
    assert decode_gaps(encoded(ids)) == ids


def test_dense_postings_cost_one_digit_per_document():
    assert len(encoded(list(range(1000)))) == 1000


def test_keys_are_characters_and_adjacent_pairs():
    assert keys_of(["三重一大"]) == {"三", "重", "一", "大", "三重", "重一", "一大"}


def test_no_key_spans_two_blocks():
    assert keys_of(["三重", "一大"]) == {"三", "重", "一", "大", "三重", "一大"}


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("法", ["法"]),
        ("信访", ["信访"]),
        ("三重一大", ["三重", "重一", "一大"]),
        ("法治法治", ["法治", "治法"]),
    ],
)
def test_query_keys_cover_every_character(query, keys):
    assert query_keys(query) == keys


def test_long_queries_fetch_at_most_twelve_keys_covering_every_character():
    query = "党委理论学习中心组集中学习习近平法治思想和中央全面依法治国工作会议精神"
    keys = query_keys(query)
    assert len(keys) == 12 and keys[0] == "党委" and keys[-1] == "精神"
    assert set("".join(query_keys("党委理论学习中心组集中学习"))) == set(
        "党委理论学习中心组集中学习"
    )


def test_shard_of_is_stable_fnv1a():
    assert shard_of("法治", 1) == 0
    assert [shard_of(k, 97) for k in ("法治", "a", "𠀋")] == [
        shard_of(k, 97) for k in ("法治", "a", "𠀋")
    ]
    assert len({shard_of(chr(0x4E00 + n), 64) for n in range(2000)}) == 64


PAGE = """<html><body><nav>导航 法治</nav><article class="md-content__inner md-typeset">
<h1 id="x">拉沟乡 2023 年度报告<a class="headerlink" href="#x">¶</a></h1>
<table><tr><th>地区</th><td>鹿寨县</td></tr></table>
<h2>一、工作措施</h2><p><strong>（一）强化领导。</strong>落实<br>责任</p>
<div data-search-exclude><p>相关报告：五指峰乡</p><img src="x.png"></div>
<script>var 法治 = 1;</script><h3>（二）下一步</h3><ul><li>加强  学习</li></ul>
</article><footer>页脚</footer></body></html>"""


def test_page_text_is_the_article_split_at_headings():
    page = page_text(PAGE)
    assert page.title == "拉沟乡 2023 年度报告"
    assert page.sections == (
        Section("", ("拉沟乡 2023 年度报告", "地区", "鹿寨县")),
        Section("一、工作措施", ("一、工作措施", "（一）强化领导。落实", "责任")),
        Section("（二）下一步", ("（二）下一步", "加强 学习")),
    )


# Markup that the fast reading (a split at plain tags) must read as HTMLParser does, or leave to it.
ARTICLES = [
    "<article><h1>标题</h1><p>正文<strong>加粗</strong>文字</p></article>",
    "<article><h2 id='a' class=\"x\">一、<a href=\"#a\" title='a>b'>措施</a></h2><p>A &amp; B &lt;C&gt;</p></article>",
    "<article><p>&am<b>p;</b> 与 &#x6cd5;治 &nbsp;空格&#12288;全角</p></article>",
    "<article><table><tr><th>地区</th><td>鹿寨县</td></tr></table>\n<ul><li>一</li> <li>二</li></ul></article>",
    "<article><p>落实<br>责任<br/>制度<br />到位</p><h3/>不是标题<h4 >标题</h4 ></article>",
    "<article><P>大写</P><H2>标题</H2></article>",
    "<article><p>x < y 与 a<b</p></article>",
    "<article><!-- 注释 --><p>前<!-- x -->后</p></article>",
    "<article><div data-search-exclude><p>相关</p></div><p>正文</p></article>",
    "<article><div DATA-SEARCH-EXCLUDE=''><p>相关</p></div><p>正文</p></article>",
    "<article><h2>标题<a class='headerlink' href='#x'>¶</a></h2></article>",
    "<article><p>一</p><script>var s = '<p>不算</p>';</script><style>p{}</style><p>二</p></article>",
    "<article><svg><text>图</text></svg><p>表</p><textarea><p>x</p></textarea></article>",
    "<article><a href=x/>链接</a><p/>后</p></article>",
    "<article><p class=a&amp;b>实体属性</p></article>",
    "<article><p>未闭合<div>块<span>行内</div>尾</p></article>",
    "<article></p ></article>",
    "<article><p>\x00零\u3000字符</p></article>",
]


@pytest.mark.parametrize("article", ARTICLES)
def test_fast_reading_agrees_with_htmlparser(article):
    fast = plain_blocks(article)
    assert fast is None or fast == parsed_blocks(article)


def test_fast_reading_takes_the_plain_articles():
    assert sum(plain_blocks(a) is not None for a in ARTICLES) >= 8


def test_built_report_pages_are_read_the_fast_way(built):
    project, result = built
    for report in result.reports:
        page = (project.site_dir / "reports" / report.id / "index.html").read_text(encoding="utf-8")
        assert plain_blocks(article_html(page)) == parsed_blocks(article_html(page))


def _doc(url: str, title: str, *blocks: str) -> SearchDoc:
    return SearchDoc(url, title, "某县", 2023, (Section("", (title, *blocks)),))


@pytest.fixture
def tiny_site(tmp_path):
    docs = [
        _doc("reports/a/", "甲乡报告", "落实三重一大制度"),
        _doc("reports/b/", "乙镇报告", "三重保障，一大批项目"),
        _doc("reports/c/", "三重一大专项报告", "无"),
        _doc("reports/d/", "丁鄉報告", "健全行政復議工作機制"),
    ]
    for rel, content in search_tree([index_doc(d) for d in docs], []).items():
        path = tmp_path / "search" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return tmp_path


def test_first_page_keeps_literal_matches_only_and_titles_first(tiny_site):
    found, fetches = first_page(tiny_site, "三重一大")
    assert found == [2, 0]
    assert "t/1.json" not in fetches.files  # b has 三重 and 一大 but not 重一: never a candidate
    assert first_query_bytes(tiny_site, "三重一大") == fetches.total


@pytest.mark.parametrize("query", ["行政复议", "行政復議", "復议工作"])
def test_a_page_in_traditional_script_is_found_in_either_script(tiny_site, query):
    assert first_page(tiny_site, query)[0] == [3]


def test_manifest_lists_shards_and_documents(tiny_site):
    manifest = json.loads((tiny_site / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == 4
    assert manifest["t2s"]["復"] == "复"
    assert len(list((tiny_site / "search" / "k").iterdir())) == manifest["shards"]


def test_seed_index_covers_every_report_and_the_about_page(built):
    project, result = built
    rows = json.loads((project.site_dir / "search" / "d" / "0.json").read_text(encoding="utf-8"))
    urls = [row[0] for row in rows]
    assert sorted(urls) == sorted([f"reports/{r.id}/" for r in result.reports] + ["about/"])
    assert urls[-1] == "about/"
