from __future__ import annotations

import json
from pathlib import Path

from fazhi.bench import merge_results, sizes_to_run


def entry(n: int, **figures: float) -> dict:
    base = {
        "reports": n,
        "build_s": 30.0,
        "build_cpu_s": 40.0,
        "pipeline_s": 10.0,
        "pipeline_cpu_s": 12.0,
        "noop_pipeline_s": 0.4,
        "noop_pipeline_cpu_s": 0.3,
        "one_changed_pipeline_s": 0.5,
        "one_changed_pipeline_cpu_s": 0.6,
        "peak_rss_mb": 500.0,
        "largest_file_bytes": 1_000_000,
        "site_bytes": 40_000 * n,
        "bare_mkdocs_s": 15.0,
        "bare_mkdocs_cpu_s": 14.0,
        "jieba_s": 5.0,
        "jieba_cpu_s": 6.0,
    }
    return base | figures


def test_checks_are_the_issue_targets_as_ratios(tmp_path: Path) -> None:
    [result] = merge_results(tmp_path / "results.json", [entry(1000)])
    assert result["checks"] == {
        "build_vs_bare_mkdocs_plus_jieba": 1.5,
        "build_vs_bare_mkdocs_plus_jieba_cpu": 2.0,
        "noop_share_of_pipeline": 0.04,
        "noop_share_of_pipeline_cpu": 0.025,
        "one_changed_share_of_pipeline": 0.05,
        "one_changed_share_of_pipeline_cpu": 0.05,
        "peak_rss_under_4gb": True,
        "no_file_over_20mb": True,
    }


def test_a_new_run_replaces_its_size_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    out.write_text(json.dumps([entry(100), entry(1000, build_s=99.0)]), encoding="utf-8")
    results = merge_results(out, [entry(1000), entry(10000, site_bytes=10000 * 48_000)])
    assert [r["reports"] for r in results] == [100, 1000, 10000]
    assert results[1]["build_s"] == 30.0
    assert results[2]["checks"]["site_bytes_per_report_vs_1000"] == 1.2


def test_bench_n_adds_a_size() -> None:
    assert sizes_to_run(None) == [100, 1000]
    assert sizes_to_run("10000") == [100, 1000, 10000]
    assert sizes_to_run("1000") == [100, 1000]


def test_rebuilds_are_fresh_builds_and_change_one_report(tmp_path: Path, monkeypatch) -> None:
    """Both rebuilds are whole `fazhi build`s in new processes; their figures are the stages before
    mkdocs, and the second one follows one changed report."""
    from fazhi import bench
    from fazhi.build import Project

    reports = tmp_path / "content" / "reports"
    reports.mkdir(parents=True)
    for n in range(4):
        (reports / f"r{n}.txt").write_text(f"报告{n}\n", encoding="utf-8")
    runs: list[tuple[str, dict[str, bytes]]] = []

    def fake_build(project: Project, name: str) -> tuple[float, int, float, dict]:
        runs.append((name, {p.name: p.read_bytes() for p in sorted(project.reports_dir.iterdir())}))
        wall = {"read": 0.5, "clean + extract": 1.0, "mkdocs": 30.0, "search index": 2.0}
        return 40.0, 0, 50.0, {"wall": wall, "cpu": wall, "cached": 4, "rendered": 1}

    monkeypatch.setattr(bench, "timed_build", fake_build)
    figures = bench.rebuild_pipelines(Project(tmp_path))
    assert [name for name, _ in runs] == ["noop", "one-changed"]
    changed = [n for n in runs[0][1] if runs[0][1][n] != runs[1][1][n]]
    assert changed == ["r2.txt"]
    assert figures["noop_pipeline_s"] == figures["one_changed_pipeline_cpu_s"] == 1.5
    assert figures["noop_reports_from_cache"] == 4
    assert figures["one_changed_reports_rendered"] == 1
