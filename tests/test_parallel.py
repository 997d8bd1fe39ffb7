from __future__ import annotations

import pytest

from fazhi.parallel import MIN_PARALLEL, map_reports


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
