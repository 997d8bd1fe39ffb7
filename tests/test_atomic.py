"""The published site survives anything: a build killed mid-way, a rebuild, a machine with no network."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi.atomic import link_copy, remove_tree, write_file

from .conftest import copy_project
from .hostile_cases import report

FAZHI = [sys.executable, "-c", "from fazhi.cli import main; main()"]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fazhi(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FAZHI, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def add_reports(reports_dir: Path, count: int, tag: str) -> None:
    for n in range(count):
        (reports_dir / f"{tag}-{n:03d}.txt").write_text(report(f"{tag}{n}"), encoding="utf-8")


def start_and_kill(root: Path, when: str | float) -> tuple[float, bool]:
    """Start `fazhi build`; SIGKILL it when `when` (a path under build/) appears or after `when` s.

    Returns the seconds it ran and whether it had already finished on its own.
    """
    process = subprocess.Popen(
        [*FAZHI, "build"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    started = time.monotonic()
    deadline = started + 60
    marker = root / "build" / when if isinstance(when, str) else None
    stale = marker is not None and marker.exists()  # left by the build killed before
    while time.monotonic() < deadline and process.poll() is None:
        elapsed = time.monotonic() - started
        if marker is None and elapsed >= when:
            break
        if marker is not None:
            stale = stale and marker.exists()
            if not stale and marker.exists():
                break
        time.sleep(0.005)
    elapsed = time.monotonic() - started
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return elapsed, finished


KILL_POINTS = (".staging/docs", ".staging/site/assets", ".staging/site/reports", 0.3, 0.9, 1.6)


def test_a_killed_build_leaves_the_previous_site_intact(tmp_path):
    """Killed at any point, build/site is the previous site or, when the kill came after the swap
    (the process was still exiting), the complete new one: never a mix."""
    project = copy_project(tmp_path)
    add_reports(project.reports_dir, 10, "old")
    assert fazhi(tmp_path, "build").returncode == 0
    before = snapshot(project.site_dir)
    add_reports(project.reports_dir, 3, "new")
    timings, seen = [], []
    for when in KILL_POINTS:
        elapsed, finished = start_and_kill(tmp_path, when)
        if finished:  # a fast machine: the build was done before this kill point
            timings.append(f"{when}: finished in {elapsed:.2f}s")
            break
        timings.append(f"{when}: killed after {elapsed:.2f}s")
        seen.append((when, snapshot(project.site_dir)))
    print("\nkill timings: " + "; ".join(timings))
    done = fazhi(tmp_path, "build")
    assert done.returncode == 0, done.stderr
    after = snapshot(project.site_dir)
    assert after != before
    for when, site in seen:
        assert site in (before, after), (when, timings)
    assert any(site == before for _, site in seen), timings
    assert not project.staging_dir.exists()
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == [".lock", "cache", "docs", "site"]


def test_same_inputs_give_a_byte_identical_site(tmp_path):
    """Two checkouts in different folders, different hash seeds, one second apart: same bytes."""
    sites = []
    for n, seed in enumerate(("1", "2")):
        root = tmp_path / f"copy{n}"
        root.mkdir()
        project = copy_project(root)
        add_reports(project.reports_dir, 3, "det")
        done = fazhi(root, "build", PYTHONHASHSEED=seed)
        assert done.returncode == 0, done.stderr
        sites.append(snapshot(project.site_dir))
        time.sleep(1.0)
    assert sites[0] == sites[1]


def _unshare() -> list[str] | None:
    """The `unshare` command that gives a process no network: as root, else in a user namespace."""
    tool = shutil.which("unshare")
    if tool is None:
        return None
    for command in ([tool, "-n"], [tool, "-r", "-n"]):
        if subprocess.run([*command, "true"], capture_output=True).returncode == 0:
            return command
    return None


def test_build_passes_with_no_network(tmp_path):
    command = _unshare()
    if command is None:
        pytest.skip("unshare is not available or not permitted here")
    probe = subprocess.run(
        [*command, sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 80), 2)"],
        capture_output=True,
    )
    assert probe.returncode != 0, "the namespace still has a network"
    project = copy_project(tmp_path)
    done = subprocess.run(
        [*command, *FAZHI, "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert (project.site_dir / "index.html").is_file()


def test_remove_tree_removes_everything_and_follows_no_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("留下", encoding="utf-8")
    tree = tmp_path / "tree"
    for n in range(30):
        folder = tree / "reports" / f"r{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text("页", encoding="utf-8")
    (tree / "index.md").write_text("首页", encoding="utf-8")
    (tree / "deep" / "er" / "est").mkdir(parents=True)
    (tree / "link").symlink_to(outside)
    (tree / "reports" / "link").symlink_to(outside)
    remove_tree(tree)
    assert not tree.exists()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "留下"


def test_link_copy_is_the_same_tree_of_hard_links(tmp_path: Path) -> None:
    source = tmp_path / "docs"
    for n in range(20):
        folder = source / "reports" / f"r{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(f"页{n}", encoding="utf-8")
    (source / "index.md").write_text("首页", encoding="utf-8")
    (source / "a" / "b" / "c").mkdir(parents=True)
    (source / "a" / "b" / "c" / "d.txt").write_text("深", encoding="utf-8")
    (source / "empty").mkdir()
    link_copy(source, tmp_path / "copy")
    files = {p.relative_to(source) for p in source.rglob("*")}
    assert {p.relative_to(tmp_path / "copy") for p in (tmp_path / "copy").rglob("*")} == files
    for rel in files:
        if (source / rel).is_file():
            assert (source / rel).stat().st_ino == (tmp_path / "copy" / rel).stat().st_ino


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"bytes", b"bytes"), ("文字", "文字".encode()), ([b"a", b"b", b"c"], b"abc")],
)
def test_write_file_writes_bytes_text_or_chunks(tmp_path, content, expected):
    target = tmp_path / "deep" / "file.bin"
    write_file(target, content)
    assert target.read_bytes() == expected
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_write_file_failing_midway_keeps_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")

    def chunks():
        yield b"new part"
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_file(target, chunks())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]
