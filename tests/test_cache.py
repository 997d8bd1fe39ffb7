"""The per-report cache: invalidated by a changed source, override, vocabulary file or code version,
and by nothing else; an incremental build writes the same docs as a clean one."""

from __future__ import annotations

import copy
import pickle
import shutil
from dataclasses import asdict, replace
from pathlib import Path

import pytest

import fazhi.build
from fazhi.build import Project, build_docs, collect
from fazhi.cache import DEFERRED, CacheContext, CachedReport
from fazhi.model import Report, Source, SourceText

from .conftest import SEEDS, copy_project

BASE = SourceText(
    source=Source(file="a.txt", sha256="0" * 64, encoding="utf-8", size=3),
    text="报告",
    override={"year": 2023},
    override_file="a.meta.yml",
)
CONTEXT = CacheContext(code="code-1", vocabulary="vocab-1")


@pytest.mark.parametrize(
    ("what", "context", "src"),
    [
        ("source bytes", CONTEXT, replace(BASE, source=replace(BASE.source, sha256="1" * 64))),
        ("file name", CONTEXT, replace(BASE, source=replace(BASE.source, file="b.txt"))),
        ("override value", CONTEXT, replace(BASE, override={"year": 2024})),
        ("override added", CONTEXT, replace(BASE, override={"year": 2023, "signer": "王"})),
        ("override removed", CONTEXT, replace(BASE, override=None, override_file=None)),
        ("vocabulary", replace(CONTEXT, vocabulary="vocab-2"), BASE),
        ("code version", replace(CONTEXT, code="code-2"), BASE),
    ],
)
def test_key_changes_with_each_input(what: str, context: CacheContext, src: SourceText) -> None:
    assert context.key(src) != CONTEXT.key(BASE), what


@pytest.mark.parametrize(
    ("what", "src"),
    [
        ("a copy", replace(BASE)),
        (
            "override keys in another order",
            replace(BASE, override=dict(reversed({"year": 2023}.items()))),
        ),
        ("the decoded text (derived from the bytes)", replace(BASE, text="报告 ")),
    ],
)
def test_key_stays_for_the_same_inputs(what: str, src: SourceText) -> None:
    assert CONTEXT.key(src) == CONTEXT.key(BASE), what


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path, SEEDS)


def rebuild(project: Project) -> tuple[int, int]:
    """(reports from the cache, report folders rendered)."""
    result = build_docs(project)
    assert not result.errors
    return result.cached, result.rendered


def test_unchanged_rebuild_redoes_nothing(project: Project) -> None:
    assert rebuild(project) == (0, len(SEEDS))
    assert rebuild(project) == (len(SEEDS), 0)


def test_one_changed_source_redoes_only_that_report(project: Project) -> None:
    rebuild(project)
    changed = project.reports_dir / SEEDS[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    assert rebuild(project) == (len(SEEDS) - 1, 1)


def test_an_override_redoes_only_its_report(project: Project) -> None:
    rebuild(project)
    override = project.reports_dir / (Path(SEEDS[3].name).stem + ".meta.yml")
    override.write_text("signer: 王某某\n", encoding="utf-8")
    assert rebuild(project) == (len(SEEDS) - 1, 1)
    override.write_text("signer: 李某某\n", encoding="utf-8")
    assert rebuild(project) == (len(SEEDS) - 1, 1)
    assert rebuild(project) == (len(SEEDS), 0)


def test_a_vocabulary_file_invalidates_every_report(project: Project) -> None:
    rebuild(project)
    project.vocab_dir.mkdir(parents=True, exist_ok=True)
    (project.vocab_dir / "extra.txt").write_text("法治督察 5 n\n", encoding="utf-8")
    assert rebuild(project)[0] == 0
    assert rebuild(project)[0] == len(SEEDS)


def test_a_new_code_version_invalidates_every_report(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild(project)
    monkeypatch.setattr(fazhi.build, "code_version", lambda: "another version")
    assert rebuild(project)[0] == 0


def test_incremental_docs_equal_a_clean_build(project: Project, tmp_path_factory) -> None:
    rebuild(project)
    (project.reports_dir / SEEDS[0].name).unlink()
    changed = project.reports_dir / SEEDS[2].name
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("法治", "法制", 1), encoding="utf-8"
    )
    rebuild(project)
    fresh = copy_project(tmp_path_factory.mktemp("fresh"), sorted(project.reports_dir.iterdir()))
    rebuild(fresh)
    assert tree(project.docs_dir) == tree(fresh.docs_dir)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_skipped_rebuild_leaves_the_docs_byte_identical(project: Project) -> None:
    rebuild(project)
    before = tree(project.docs_dir)
    manifest = project.manifest.read_bytes()
    assert rebuild(project) == (len(SEEDS), 0)
    assert tree(project.docs_dir) == before
    assert project.manifest.read_bytes() == manifest


@pytest.mark.parametrize(
    "change",
    ["hand page", "site address", "deleted docs file", "deleted report folder"],
)
def test_inputs_beyond_the_reports_bring_the_docs_up_to_date(
    project: Project, change: str, monkeypatch: pytest.MonkeyPatch, tmp_path_factory
) -> None:
    rebuild(project)
    report = sorted((project.docs_dir / "reports").iterdir())[0]
    if change == "hand page":
        project.pages_dir.mkdir(parents=True, exist_ok=True)
        (project.pages_dir / "about.md").write_text("# 关于本站\n\n新的说明。\n", encoding="utf-8")
    elif change == "site address":
        monkeypatch.setenv("FAZHI_SITE_URL", "https://example.org/fazhi/")
    elif change == "deleted docs file":
        (project.docs_dir / "index.md").unlink()
    else:
        shutil.rmtree(report)
    build_docs(project)
    fresh = copy_project(tmp_path_factory.mktemp("fresh"), sorted(project.reports_dir.iterdir()))
    shutil.copytree(project.pages_dir, fresh.pages_dir, dirs_exist_ok=True)
    build_docs(fresh)
    assert tree(project.docs_dir) == tree(fresh.docs_dir)


def _flipped(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(data) // 2] ^= 0x01
    return bytes(changed)


@pytest.mark.parametrize("damage", ["garbage", "cut in half", "empty", "one byte flipped"])
def test_a_damaged_cache_pack_only_costs_time(project: Project, damage: str) -> None:
    rebuild(project)
    before = tree(project.docs_dir)
    pack = project.cache_dir / "reports" / "pack.bin"
    data = pack.read_bytes()
    damaged = {
        "garbage": b"\x80" * 100,
        "cut in half": data[: len(data) // 2],
        "empty": b"",
        "one byte flipped": _flipped(data),
    }
    pack.write_bytes(damaged[damage])
    cached, rendered = rebuild(project)
    assert cached < len(SEEDS) and rendered == 0
    assert tree(project.docs_dir) == before
    assert rebuild(project) == (len(SEEDS), 0)


@pytest.mark.parametrize("damage", ["garbage", "cut short", "missing"])
def test_a_damaged_cache_index_only_costs_time(project: Project, damage: str) -> None:
    rebuild(project)
    before = tree(project.docs_dir)
    index = project.cache_dir / "reports" / "pack.idx"
    if damage == "missing":
        index.unlink()
    else:
        index.write_bytes(b"\x80" * 100 if damage == "garbage" else index.read_bytes()[:50])
    assert rebuild(project) == (0, 0)
    assert tree(project.docs_dir) == before
    assert rebuild(project) == (len(SEEDS), 0)


def test_a_cached_report_is_the_report_it_stands_for(project: Project) -> None:
    """Reports from the cache read their deferred fields on first use; they equal, print, copy and
    pickle as the fresh reports, and a replaced one is a plain Report."""
    fresh = {r.id: r for r in collect(project).reports}
    cached = {r.id: r for r in collect(project).reports}
    assert cached.keys() == fresh.keys()
    for report_id, report in cached.items():
        assert isinstance(report, CachedReport)
        assert repr(report) == repr(fresh[report_id])
        assert report == fresh[report_id] and fresh[report_id] == report
        assert report != replace(fresh[report_id], tokens="")
        assert pickle.loads(pickle.dumps(report)) == fresh[report_id]
        assert type(pickle.loads(pickle.dumps(report))) is Report
        assert copy.copy(report) == fresh[report_id] and copy.deepcopy(report) == report
        renamed = replace(report, id="x")
        assert type(renamed) is Report and renamed.doc == fresh[report_id].doc
        assert asdict(report) == asdict(fresh[report_id])


def test_a_cached_report_reads_nothing_deferred_until_asked(project: Project) -> None:
    collect(project)
    report = collect(project).reports[0]
    assert isinstance(report, CachedReport)
    assert not {name for group in DEFERRED for name in group} & set(vars(report))
    twin = copy.copy(report)
    twin.id = "other"
    assert report.id != "other" and twin.tokens == report.tokens
    assert "tokens" in vars(twin) and "doc" in vars(twin) and "indicators" not in vars(twin)
