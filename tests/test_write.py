from __future__ import annotations

import pytest

from fazhi.write import write_tree


def test_write_replaces_the_previous_tree(tmp_path):
    target = tmp_path / "docs"
    write_tree({"a.md": "甲", "sub/b.bin": b"\x00\x01"}, target)
    write_tree({"c.md": "丙"}, target)
    assert sorted(p.name for p in target.rglob("*")) == ["c.md"]
    assert (target / "c.md").read_text(encoding="utf-8") == "丙"


@pytest.mark.parametrize("rel", ["../evil.md", "sub/../../evil.md", "/tmp/evil.md", ""])
def test_write_refuses_paths_outside(tmp_path, rel):
    with pytest.raises(ValueError, match="outside"):
        write_tree({"ok.md": "x", rel: "x"}, tmp_path / "docs")
    assert not (tmp_path / "evil.md").exists()
