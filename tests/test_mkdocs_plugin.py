"""The `fazhi` MkDocs plugin renders generated pages as Python-Markdown + mkdocs would have.

Compared per page: the element tree (tags, attributes incl. heading ids, text; whitespace and
entity escaping normalised), the table of contents, the anchor ids and the links to anchors.
One difference is known and normalised away: where a generated line holds two raw HTML elements
side by side (`<p>…</p><p class="fz-note">…</p>` on topic pages), Python-Markdown writes a newline
between them and markdown-it keeps the line as it is; whitespace between block elements shows
nothing in a browser.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from fazhi.markup import GENERATED

from .conftest import ROOT
from .mkdocs_equivalence import Pair, element_tree, rendered_pairs

SMALL_MKDOCS_YML = """\
site_name: test
docs_dir: docs
site_dir: site
strict: true
use_directory_urls: true
markdown_extensions:
  - tables
  - toc:
      permalink: false
  - attr_list
plugins:
  - fazhi
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: warn
    absolute_links: warn
    unrecognized_links: warn
"""


def differences(pair: Pair) -> list[str]:
    found = []
    if element_tree(pair.slow_html) != element_tree(pair.fast_html):
        found.append("html")
    if pair.slow_toc != pair.fast_toc:
        found.append(f"toc {pair.slow_toc} != {pair.fast_toc}")
    if pair.slow_anchors != pair.fast_anchors:
        found.append(f"anchor ids {pair.slow_anchors ^ pair.fast_anchors}")
    if pair.slow_links != pair.fast_links:
        found.append(f"links to anchors {pair.slow_links} != {pair.fast_links}")
    return found


def assert_same(pairs: list[Pair]) -> None:
    assert pairs, "no generated page was compared"
    bad = {p.src_uri: d for p in pairs if (d := differences(p))}
    assert not bad, bad


def test_seed_site_pages_render_as_python_markdown_renders_them(built):
    project, _ = built
    pairs = list(rendered_pairs(project.mkdocs_yml, project.docs_dir))
    assert len(pairs) > 40
    assert_same(pairs)


def test_synthetic_site_pages_render_as_python_markdown_renders_them(synthetic_1000):
    project, _ = synthetic_1000
    pairs = list(rendered_pairs(project.mkdocs_yml, project.docs_dir, every=9))
    assert {p.src_uri.split("/")[0] for p in pairs} >= {"reports", "regions", "topics", "years"}
    assert_same(pairs)


def small_docs(tmp_path: Path, pages: dict[str, str]) -> Path:
    (tmp_path / "mkdocs.yml").write_text(SMALL_MKDOCS_YML, encoding="utf-8")
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def generated(body: str) -> str:
    return f"---\n{GENERATED}\ntitle: 测试页\n---\n\n{body}\n"


@pytest.mark.parametrize(
    "body",
    [
        "# 标题\n\n## 下载 {#downloads}\n\n## 下载\n\n## 相关报告 { .fz-related }",
        "## 一、总体情况\n\n## 二、主要做法\n\n### （一）推进依法行政\n\n## _1\n\n## 2023 年度",
        "## 引用 {#cite}\n\n## cite\n\n## Cite & more <b>x</b>\n\n## 报告目录（`catalog.csv`）",
        "[第 2 页](page-2.md) · [首页](../index.md) · [数据](../data/indicators.csv) · [节](#cite)",
        "[带锚点](page-2.md#part) · [外部](https://example.org/a.md) · ![图](../data/chart.png)",
        '<div class="fz-x" id="box"><a name="old">旧锚</a></div>\n\n正文 <span id="inline">行内</span>',
        '| 省份 | 2023 |\n|:---|---:|\n| 广西 | <a href="x/">3</a> |\n\n<table id="t"><tr><td>1</td></tr></table>',
        '<p>说明。</p><p class="fz-note">依据 "引号" &amp; 符号</p>\n\n文字中的 "引号" &amp; &lt;b&gt;',
    ],
)
def test_markdown_snippets_render_as_python_markdown_renders_them(tmp_path, body):
    pages = {
        "section/index.md": generated(body),
        "section/page-2.md": generated("## part {#part}"),
        "index.md": generated("# 首页"),
        "data/indicators.csv": "a,b\n",
        "data/chart.png": "",
    }
    root = small_docs(tmp_path, pages)
    pairs = [
        p
        for p in rendered_pairs(root / "mkdocs.yml", root / "docs")
        if p.src_uri == "section/index.md"
    ]
    assert_same(pairs)


def build_small(root: Path) -> None:
    config = load_config(str(root / "mkdocs.yml"))
    mkdocs_build(config)


def test_link_to_a_missing_page_fails_the_strict_build(tmp_path, caplog):
    root = small_docs(tmp_path, {"index.md": generated("[下一页](page-9.md)")})
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        build_small(root)
    assert "contains a link 'page-9.md', but the target is not found" in caplog.text


def test_generated_page_is_rendered_by_markdown_it_and_written_page_by_python_markdown(tmp_path):
    # `1. ` after a Chinese full stop without a blank line: a list item for CommonMark only.
    body = "第一段。\n1. 第二段"
    pages = {"gen.md": generated(body), "about.md": f"---\ntitle: 关于\n---\n\n{body}\n"}
    root = small_docs(tmp_path, pages)
    build_small(root)
    home = (root / "site" / "gen" / "index.html").read_text(encoding="utf-8")
    about = (root / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "<li>第二段</li>" in home
    assert "<li>第二段</li>" not in about and "第一段。\n1. 第二段" in about
    assert "<title>测试页" in home and "<title>关于" in about


def test_site_config_uses_the_plugin_and_not_the_default_search_plugin():
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "content" / "pages"))
    assert "fazhi" in config.plugins
    assert "search" not in config.plugins and "material/search" not in config.plugins


def test_report_downloads_are_the_docs_files_linked_not_copied(built):
    project, result = built
    report = result.reports[0]
    folder = f"reports/{report.id}"
    downloads = [p for p in (project.docs_dir / folder).iterdir() if p.suffix != ".md"]
    assert len(downloads) >= 7
    for docs_file in downloads:
        site_file = project.site_dir / folder / docs_file.name
        assert site_file.read_bytes() == docs_file.read_bytes()
        assert site_file.stat().st_ino == docs_file.stat().st_ino
    page = project.site_dir / folder / "index.html"
    assert page.stat().st_nlink == 1
