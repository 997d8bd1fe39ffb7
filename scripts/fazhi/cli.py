"""The `fazhi` command."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .build import BUG_HINT, Project, build, collect
from .exceptions import OverrideError, ReadError
from .model import Problem
from .pipeline import process_source, with_ids
from .progress import StageClock, print_summary, summary_table
from .read import read_source


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    raise click.ClickException("no fazhi project here (looked for mkdocs.yml and content/ upwards)")


class _Group(click.Group):
    """Turns any unexpected exception into one readable line and exit status 2: never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted: the previous build/site is unchanged", err=True)
            raise SystemExit(130) from None
        except Exception as err:
            click.echo(f"internal error: {type(err).__name__}: {err} ({BUG_HINT})", err=True)
            raise SystemExit(2) from None


@click.group(cls=_Group)
@click.version_option(package_name="fazhi")
def main() -> None:
    """fazhi: build the 法治政府建设年度报告 portal from content/reports."""


def report_problems(problems: list[Problem]) -> None:
    """One line per problem on stderr: file, what is wrong, what to do; then the totals."""
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = sum(p.severity == "error" for p in problems)
    if problems:
        click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)", err=True)


@main.command(name="build")
@click.option(
    "--keep-going", is_flag=True, help="Exit 0 even when some reports could not be published."
)
@click.option(
    "--timings-json",
    type=click.Path(dir_okay=False, path_type=Path),
    hidden=True,
    help="Also write the stage times to this JSON file (for `fazhi bench`).",
)
def build_command(keep_going: bool, timings_json: Path | None) -> None:
    """Build build/docs and build/site from content/.

    The good reports are always published. The exit status is 1 when some report could not be
    published, unless --keep-going is given; warnings alone never fail the build.
    """
    startup_cpu = time.process_time()  # the interpreter's start and the imports, before any stage
    project = Project(find_root(Path.cwd()))
    clock = StageClock(live=True)
    with clock.shown():
        result = build(project, clock)
    report_problems(result.problems)
    print_summary(
        summary_table(
            published=len(result.reports),
            errors=len(result.errors),
            warnings=len(result.problems) - len(result.errors),
            cached=result.cached,
            times=clock.times,
        )
    )
    click.echo(f"published {len(result.reports)} reports → {project.site_dir / 'index.html'}")
    if timings_json is not None:
        record = {
            "wall": clock.times,
            "cpu": clock.cpu,
            "cached": result.cached,
            "rendered": result.rendered,
            "startup_cpu": startup_cpu,
        }
        timings_json.write_text(json.dumps(record, indent=2), encoding="utf-8")
    if result.errors and not keep_going:
        raise SystemExit(1)


@main.command()
def check() -> None:
    """Run every check on content/ without building; exit 1 on any error (warnings only print)."""
    project = Project(find_root(Path.cwd()))
    result = collect(project)
    click.echo(f"{len(result.reports)} reports can be published")
    report_problems(result.problems)
    if result.errors:
        raise SystemExit(1)


@main.command()
@click.option("--port", default=8000, show_default=True)
def serve(port: int) -> None:
    """Serve build/site on http://127.0.0.1:PORT."""
    import functools
    import http.server

    site = Project(find_root(Path.cwd())).site_dir
    if not (site / "index.html").is_file():
        raise click.ClickException("build/site is missing: run `make site` first")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"serving {site} on http://127.0.0.1:{port} (Ctrl-C to stop)")
        server.serve_forever()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(files: tuple[Path, ...]) -> None:
    """Print one JSON object per FILE (JSON Lines) with the sidecar's fields; write nothing."""
    failed = False
    for path in files:
        try:
            if not path.is_file():
                raise ReadError(str(path), "no such file")
            src = read_source(path.resolve(), path.resolve().parent)
        except (ReadError, OverrideError, OSError) as err:
            click.echo(f"error: {err}", err=True)
            failed = True
            continue
        report = with_ids([process_source(src)])[0]
        record = report.sidecar()
        record["source"]["file"] = str(path)
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("n", type=click.IntRange(min=1))
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=0, show_default=True, help="Same seed, same files.")
@click.option(
    "--sources",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Reports whose paragraphs are recombined [default: this project's content/reports].",
)
def synth(n: int, target: Path, seed: int, sources: Path | None) -> None:
    """Write N synthetic reports into TARGET (deterministic, for tests and benchmarks)."""
    from .synth import write_corpus

    if sources is None:
        sources = Project(find_root(Path.cwd())).reports_dir
    paths = write_corpus(target, n, seed=seed, sources=sources)
    click.echo(f"wrote {len(paths)} synthetic reports → {target}")


@main.command()
@click.option(
    "--size",
    "sizes",
    type=click.IntRange(min=1),
    multiple=True,
    help="Report counts to run [default: 100 and 1000, plus $BENCH_N if set].",
)
@click.option(
    "--no-baselines",
    is_flag=True,
    help="Skip the bare mkdocs build and the segmentation runs (the 10,000 targets need neither).",
)
def bench(sizes: tuple[int, ...], no_baselines: bool) -> None:
    """Build synthetic corpora and write build/bench/results.json (see fazhi.bench)."""
    import os

    from .bench import results_table, run_bench, sizes_to_run
    from .progress import print_summary as print_table

    root = find_root(Path.cwd())
    sizes_ = list(sizes) or sizes_to_run(os.environ.get("BENCH_N"))
    entries = run_bench(root, sizes_, baselines=not no_baselines)
    print_table(results_table(entries))
