"""`fazhi bench`: build synthetic corpora of N reports and measure where the time, memory and bytes go.

For each N, in build/bench/n<N>/ (a project with this project's config, pages and vocabulary and N
synthetic reports): a cold `fazhi build` in a child process (wall time, peak memory of its process tree,
the stage times it writes), a no-change and a one-changed-report rebuild, each a `fazhi build` in a
fresh child process too (their figures: the stages before mkdocs), a bare `mkdocs build` of the
same docs, one bare jieba pass over all texts, and the rjieba comparison. Results go to build/bench/results.json, one entry per N, and are printed as a table.
Ratios are only meaningful within one run on one machine: the load average is recorded with them.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from .build import Project
from .parallel import worker_count
from .read import find_report_files, read_all
from .synth import write_corpus

FIRST_QUERY = "法治政府建设"
# the whole-site stages: mkdocs renders every page again, so the staged docs it reads (hard links),
# the search index of its pages and the swap of the new site for the old one scale with the site, not
# with what changed; the pipeline is everything before them
STAGES_AFTER_PIPELINE = ("stage docs", "mkdocs", "search index", "publish")
MAX_FILE_BYTES = 20 * 1024 * 1024


def bench_project(root: Path, n: int) -> Project:
    """build/bench/n<N>: this project's config, pages and vocabulary, N synthetic reports (seed 0)."""
    target = root / "build" / "bench" / f"n{n}"
    if target.exists():
        shutil.rmtree(target)
    (target / "content").mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("pages", "vocab"):
        if (root / "content" / folder).is_dir():
            shutil.copytree(root / "content" / folder, target / "content" / folder)
    write_corpus(target / "content" / "reports", n, seed=0, sources=root / "content" / "reports")
    return Project(target)


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its children. Proportional (PSS) where the system reports
    it: forked workers share most of their pages with the parent, and RSS would count them twice."""
    import psutil

    try:
        parent = psutil.Process(pid)
        procs = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            info = proc.memory_full_info()
        except psutil.Error:
            continue
        total += getattr(info, "pss", info.rss)
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, int, float]:
    """Run `cmd`; return its wall seconds, the peak resident memory of its whole process tree and the
    CPU seconds of all its processes (the wall time alone is unreliable on a shared machine)."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    stop.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return seconds, peak, _children_cpu() - cpu_before


def fazhi_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from fazhi.cli import main; main()", *args]


def pipeline_seconds(times: dict[str, float]) -> float:
    return sum(s for stage, s in times.items() if stage not in STAGES_AFTER_PIPELINE)


def timed_build(project: Project, name: str) -> tuple[float, int, float, dict]:
    """`fazhi build` in a fresh process, as a user runs it: its wall seconds, peak memory, CPU
    seconds and the stage timings it writes (build/bench-<name>-timings.json)."""
    timings = project.root / "build" / f"bench-{name}-timings.json"
    seconds, peak, cpu = run_measured(
        fazhi_command("build", "--keep-going", "--timings-json", str(timings)), project.root
    )
    return seconds, peak, cpu, json.loads(timings.read_text(encoding="utf-8"))


def cold_build(project: Project) -> dict[str, float]:
    seconds, peak, cpu, record = timed_build(project, "cold")
    times = record["wall"]
    return {
        "build_s": seconds,
        "build_cpu_s": cpu,
        "pipeline_s": pipeline_seconds(times),
        "pipeline_cpu_s": pipeline_seconds(record["cpu"]),
        "mkdocs_s": times.get("mkdocs", 0.0),
        "search_index_s": times.get("search index", 0.0),
        "peak_rss_mb": peak / 1024 / 1024,
        "stages": times,
        "stages_cpu": record["cpu"],
    }


def rebuild_pipelines(project: Project) -> dict[str, float]:
    """Two more `fazhi build`s, each in a fresh process (dictionaries and tables loaded again, as a
    user's rebuild does): with nothing changed, then with one report changed. Their figures are
    those of the stages before mkdocs."""
    noop = timed_build(project, "noop")[3]
    files = find_report_files(project.reports_dir)
    changed = files[len(files) // 2]
    changed.write_bytes(
        changed.read_bytes() + "\n附：本报告已于公开前补充修订。\n".encode(_encoding(changed))
    )
    one = timed_build(project, "one-changed")[3]
    return {
        "noop_pipeline_s": pipeline_seconds(noop["wall"]),
        "noop_pipeline_cpu_s": pipeline_seconds(noop["cpu"]),
        "noop_reports_from_cache": noop["cached"],
        "one_changed_pipeline_s": pipeline_seconds(one["wall"]),
        "one_changed_pipeline_cpu_s": pipeline_seconds(one["cpu"]),
        # not in the pipeline figures: the process's start (interpreter, imports) before any stage
        "one_changed_startup_cpu_s": one.get("startup_cpu", 0.0),
        "one_changed_reports_rendered": one["rendered"],
        "one_changed_site_stages_s": sum(one["wall"].get(stage, 0.0) for stage in STAGES_AFTER_PIPELINE),
        "one_changed_stages": one["wall"],
        "one_changed_stages_cpu": one["cpu"],
    }


def _encoding(path: Path) -> str:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def bare_mkdocs(project: Project) -> dict[str, float]:
    """Plain `mkdocs build` of the generated docs: Material, no plugins, nothing of fazhi's.

    The nav is the site's own: without one, MkDocs lists every page in every page's sidebar, which is
    quadratic in the number of reports (1.3 GB of HTML at 1,000) and measures nothing we would ship."""
    ours = yaml.safe_load(project.mkdocs_yml.read_text(encoding="utf-8").replace("!ENV", "")) or {}
    config = {
        "site_name": "bare",
        "docs_dir": str(project.docs_dir),
        "site_dir": str(project.root / "build" / "bare-site"),
        "theme": {"name": "material"},
        "plugins": [],
        "nav": ours.get("nav", []),
    }
    path = project.root / "build" / "bare-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)]
    seconds, _, cpu = run_measured(cmd, project.root)
    shutil.rmtree(project.root / "build" / "bare-site", ignore_errors=True)
    return {"bare_mkdocs_s": seconds, "bare_mkdocs_cpu_s": cpu}


def segmentation(project: Project) -> dict[str, object]:
    """One bare single-process jieba pass over all texts, and rjieba against our tokenizer."""
    import jieba

    from .segment_compare import compare_rjieba

    texts = [t.text for t in read_all(project.reports_dir)[0]]
    jieba.setLogLevel(60)
    jieba.initialize()
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    figures = {"jieba_s": time.perf_counter() - start, "jieba_cpu_s": time.process_time() - cpu}
    figures["chars"] = sum(map(len, texts))
    return figures | compare_rjieba(texts, project.vocab_dir / "jieba.txt")


def site_figures(project: Project) -> dict[str, object]:
    files = [p for p in project.site_dir.rglob("*") if p.is_file()]
    largest = max(files, key=lambda p: p.stat().st_size)
    figures: dict[str, object] = {
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_files": len(files),
        "largest_file_bytes": largest.stat().st_size,
        "largest_file": largest.relative_to(project.site_dir).as_posix(),
    }
    try:
        from .search_bench import first_query_bytes

        figures["search_first_query_bytes"] = first_query_bytes(project.site_dir, FIRST_QUERY)
        figures["search_first_query_method"] = f"search_bench.first_query_bytes({FIRST_QUERY!r})"
    except ImportError:
        index = project.site_dir / "search" / "search_index.json"
        figures["search_first_query_bytes"] = index.stat().st_size if index.is_file() else None
        figures["search_first_query_method"] = "size of search/search_index.json"
    return figures


def bench_one(root: Path, n: int, *, baselines: bool = True) -> dict[str, object]:
    """All figures for N reports; without `baselines`, no bare mkdocs build and no segmentation runs
    (the 10,000 targets need neither, and they are the slowest part on a small machine)."""
    project = bench_project(root, n)
    entry: dict[str, object] = {"reports": n, "cores": worker_count()}
    entry["load_avg_before"] = round(os.getloadavg()[0], 2)
    entry |= cold_build(project)
    entry |= site_figures(project)
    entry |= rebuild_pipelines(project)
    if baselines:
        entry |= bare_mkdocs(project)
        entry |= segmentation(project)
    entry["load_avg_after"] = round(os.getloadavg()[0], 2)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in entry.items()}


def checks(entry: dict, baseline: dict | None) -> dict[str, object]:
    """The issue's targets, as ratios (the 1,000 figures are the reference for larger N)."""
    out: dict[str, object] = {}
    if "bare_mkdocs_s" in entry and "jieba_s" in entry:
        out["build_vs_bare_mkdocs_plus_jieba"] = entry["build_s"] / (
            entry["bare_mkdocs_s"] + entry["jieba_s"]
        )
        out["build_vs_bare_mkdocs_plus_jieba_cpu"] = entry["build_cpu_s"] / (
            entry["bare_mkdocs_cpu_s"] + entry["jieba_cpu_s"]
        )
    for run in ("noop", "one_changed"):
        out[f"{run}_share_of_pipeline"] = entry[f"{run}_pipeline_s"] / entry["pipeline_s"]
        if entry.get("pipeline_cpu_s"):
            out[f"{run}_share_of_pipeline_cpu"] = (
                entry[f"{run}_pipeline_cpu_s"] / entry["pipeline_cpu_s"]
            )
    out |= {
        "peak_rss_under_4gb": entry["peak_rss_mb"] < 4096,
        "no_file_over_20mb": entry["largest_file_bytes"] <= MAX_FILE_BYTES,
    }
    if baseline and baseline is not entry:
        per_report = entry["site_bytes"] / entry["reports"]
        out["site_bytes_per_report_vs_1000"] = per_report / (
            baseline["site_bytes"] / baseline["reports"]
        )
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def sizes_to_run(extra: str | None) -> list[int]:
    sizes = [100, 1000]
    if extra and extra.strip().isdigit() and int(extra) not in sizes:
        sizes.append(int(extra))
    return sizes


def merge_results(path: Path, new: list[dict]) -> list[dict]:
    """Entries of this run replace earlier ones of the same N; the others are kept."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = []
    by_n = {e["reports"]: e for e in old if isinstance(e, dict) and "reports" in e}
    by_n.update({e["reports"]: e for e in new})
    entries = [by_n[n] for n in sorted(by_n)]
    baseline = by_n.get(1000)
    for entry in entries:
        entry["checks"] = checks(entry, baseline)
    return entries


TABLE_KEYS = (
    "reports", "cores", "build_s", "build_cpu_s", "pipeline_s", "mkdocs_s", "search_index_s",
    "bare_mkdocs_s", "bare_mkdocs_cpu_s", "jieba_s", "jieba_cpu_s", "rjieba_s", "pipeline_cpu_s", "noop_pipeline_cpu_s",
    "one_changed_pipeline_cpu_s", "rjieba_same_tokens", "noop_pipeline_s", "one_changed_pipeline_s",
    "one_changed_startup_cpu_s",
    "peak_rss_mb", "site_bytes", "largest_file_bytes", "search_first_query_bytes", "load_avg_before",
)  # fmt: skip


def results_table(entries: list[dict]):
    from rich.table import Table

    table = Table(title="fazhi bench (build/bench/results.json)")
    table.add_column("")
    for entry in entries:
        table.add_column(f"N={entry['reports']}", justify="right")
    for key in TABLE_KEYS:
        table.add_row(key, *(str(e.get(key, "")) for e in entries))
    for key in dict.fromkeys(k for e in entries for k in e["checks"]):
        table.add_row(f"check: {key}", *(str(e["checks"].get(key, "")) for e in entries))
    return table


def run_bench(root: Path, sizes: list[int], *, baselines: bool = True) -> list[dict]:
    """Bench each size in turn; results.json is rewritten after each, so a long run keeps what it has."""
    out = root / "build" / "bench" / "results.json"
    entries: list[dict] = []
    for n in sizes:
        entries = merge_results(out, [bench_one(root, n, baselines=baselines)])
        out.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entries
