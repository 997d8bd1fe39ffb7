from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from fazhi.markup import escape_block

md = MarkdownIt("commonmark").enable("table")

HOSTILE = [
    "<script>alert(1)</script>正文",
    "见[链接](javascript:alert(1))和![图](x.png)",
    "# 不是标题",
    "1. 不是列表",
    "- 不是列表",
    "**不是粗体** 与 _斜体_ 与 `代码`",
    "表格 | 竖线 | 文本",
    "{{ 模板 }} {% 块 %} <!-- 注释 -->",
    "数值 1.19万人 与 2021-2025年",
    "结尾的井号 #",
]


def rendered_text(markdown: str) -> str:
    tokens = md.parse(markdown)
    inline = [t for t in tokens if t.type == "inline"]
    return "".join(
        child.content for t in inline for child in t.children or [] if child.type == "text"
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_literally(text):
    markdown = escape_block(text)
    tokens = md.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert rendered_text(markdown) == text
