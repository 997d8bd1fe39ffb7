from __future__ import annotations

import os

import pytest

from fazhi.parallel import MIN_PARALLEL, iter_reports, map_reports


def square_or_fail(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n * n


@pytest.mark.parametrize("workers", [1, 2])
def test_results_in_order_and_failures_per_item(workers: int) -> None:
    items = list(range(MIN_PARALLEL * 2))
    done: list[int] = []
    outcomes = map_reports(square_or_fail, items, workers=workers, on_done=done.append)
    assert [o.value for o in outcomes if o.failed is None] == [n * n for n in items if n != 7]
    assert outcomes[7].failed is not None
    assert outcomes[7].failed.error == "ValueError: seven"
    assert sum(done) == len(items)


def pid_of(_: int) -> int:
    return os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_iter_reports_yields_each_outcome_in_order_before_the_end(workers: int) -> None:
    items = list(range(MIN_PARALLEL * 4))
    done: list[int] = []
    stream = iter_reports(square_or_fail, items, workers=workers, on_done=done.append)
    first = next(stream)
    assert first.value == 0
    assert sum(done) < len(items)  # the first result came before the whole map was collected
    rest = list(stream)
    assert [o.value for o in [first, *rest]] == [None if n == 7 else n * n for n in items]
    assert sum(done) == len(items)


def test_iter_reports_runs_in_worker_processes_and_closes_its_pool() -> None:
    items = list(range(MIN_PARALLEL * 2))
    pids = {o.value for o in iter_reports(pid_of, items, workers=2)}
    assert os.getpid() not in pids
    stream = iter_reports(pid_of, items, workers=2)
    next(stream)
    stream.close()  # a caller that stops early (a failed write) does not leave workers behind
