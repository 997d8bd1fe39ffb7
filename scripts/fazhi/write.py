"""Stage `write`: put the generated docs tree on disk, replacing the previous one in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

DocsTree = dict[str, "str | bytes"]


def write_tree(tree: DocsTree, target: Path) -> None:
    """Write `tree` (relative path → content) to a fresh folder beside `target`, then swap it in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    made: set[Path] = set()
    for rel in sorted(tree):
        path = staging / _inside(rel)  # a fresh folder holds no links, so no need to resolve
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        content = tree[rel]
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    swap_in(staging, target)


def _inside(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"refusing to write outside the docs folder: {rel}")
    return path


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; at every moment one complete version exists on disk."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old)


def read_folder_files(folder: Path) -> dict[str, bytes]:
    """The files directly in `folder` (name → bytes), as published."""
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def replace_files(tree: DocsTree, root: Path) -> None:
    """Write each file of `tree` below `root` by replacing it (never in place: the folder may be
    hard-linked into a published copy); files whose bytes are unchanged are left alone."""
    for rel in sorted(tree):
        path = root / rel
        if not path.resolve().is_relative_to(root.resolve()):
            raise ValueError(f"refusing to write outside {root}: {rel}")
        content = tree[rel]
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
