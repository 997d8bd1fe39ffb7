"""Stage timing for every build, a live progress bar for long ones, and the end-of-build summary."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from time import perf_counter

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table


def _ignore(_: int) -> None:
    return None


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class StageClock:
    """Wall time (and CPU time) per stage; with `live`, a progress bar (reports done / total)."""

    live: bool = False
    times: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    _bar: Progress | None = None

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        start, cpu = perf_counter(), cpu_seconds()
        task = None if self._bar is None or total is None else self._bar.add_task(name, total=total)
        try:
            if task is None:
                yield _ignore
            else:
                yield lambda n: self._bar.advance(task, n) if self._bar else None
        finally:
            if task is not None and self._bar is not None:
                self._bar.update(task, completed=total)
            self.times[name] = self.times.get(name, 0.0) + perf_counter() - start
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu_seconds() - cpu

    @contextmanager
    def shown(self) -> Iterator[StageClock]:
        """Show the bars while the block runs (only when `live` and stderr is a terminal)."""
        if not self.live or not sys.stderr.isatty():
            yield self
            return
        self._bar = Progress(
            TextColumn("{task.description:<18}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        with self._bar:
            yield self
        self._bar = None


def summary_table(
    *,
    published: int,
    errors: int,
    warnings: int,
    cached: int,
    times: dict[str, float],
) -> Table:
    """One screen: what was published, what went wrong, where the time went."""
    table = Table(title="fazhi build", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("reports published", str(published))
    table.add_row("reports from cache", str(cached))
    table.add_row("errors", str(errors), style="red" if errors else None)
    table.add_row("warnings", str(warnings), style="yellow" if warnings else None)
    for name, seconds in times.items():
        table.add_row(f"time: {name}", f"{seconds:.2f} s")
    table.add_row("time: total", f"{sum(times.values()):.2f} s", style="bold")
    return table


def print_summary(table: Table) -> None:
    Console(stderr=True).print(table)
