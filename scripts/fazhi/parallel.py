"""Run a per-report stage over worker processes.

Per-report stages are pure functions, so a build is a map. Workers live for the whole map and keep
their module state, so the segmenter (jieba and its dictionaries, see `tokens`) loads once per worker
on first use, not once per report. Small maps run in this process: starting workers costs more than a
few reports.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 8
MIN_PARALLEL = 24


@dataclass(frozen=True)
class Failed:
    """A per-item exception, carried back as text (exceptions do not always survive pickling)."""

    error: str
    detail: str


@dataclass(frozen=True)
class Outcome(Generic[R]):
    value: R | None = None
    failed: Failed | None = None


def worker_count() -> int:
    """FAZHI_WORKERS if set, else the CPUs this process may run on."""
    env = os.environ.get("FAZHI_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _run_one(fn: Callable[[T], R], item: T) -> Outcome[R]:
    try:
        return Outcome(value=fn(item))
    except Exception as err:
        return Outcome(failed=Failed(f"{type(err).__name__}: {err}", traceback.format_exc()))


def _run_chunk(fn: Callable[[T], R], chunk: Sequence[T]) -> list[Outcome[R]]:
    return [_run_one(fn, item) for item in chunk]


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: workers start in milliseconds and share what is already loaded."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def map_reports(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Outcome[R]]:
    """`fn` over `items`, in order; an exception in one item becomes that item's `Failed`.

    `fn` must be a module-level function (it is pickled to the workers). `on_done(k)` is called in
    this process as each batch of k items finishes, for progress display.
    """
    return list(iter_reports(fn, items, workers=workers, on_done=on_done))


def iter_reports(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[Outcome[R]]:
    """As `map_reports`, but each outcome is yielded as soon as it and those before it are done: a
    caller that writes each result away holds a few chunks in memory, not all N results."""
    workers = worker_count() if workers is None else workers
    if workers <= 1 or len(items) < MIN_PARALLEL:
        for item in items:
            yield _run_one(fn, item)
            if on_done:
                on_done(1)
        return
    size = max(1, min(CHUNK, len(items) // (workers * 4)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    # forked workers would otherwise copy every page of this process's objects the first time
    # their garbage collector walks them (two full copies of thousands of reports)
    gc.freeze()
    pool = ProcessPoolExecutor(workers, mp_context=_context())
    try:
        futures = [pool.submit(_run_chunk, fn, chunk) for chunk in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            outcomes = future.result()
            if on_done:
                on_done(len(chunk))
            yield from outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
