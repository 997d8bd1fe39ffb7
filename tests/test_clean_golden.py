"""Golden Markdown for the seeds and for hand-written fixtures in shapes the seeds do not have.

Golden files change only with `pytest --update-golden`; review the diff (and a screenshot) by eye.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clean_support import FIXTURES, GOLDEN, SEEDS, clean_file, fixture_files, page_of

FIXTURE_FILES = fixture_files()


def expected_path(path: Path) -> Path:
    if path.parent == FIXTURES:
        return path.with_name(path.stem + ".expected.md")
    return GOLDEN / f"{path.stem}.md"


def check_golden(path: Path, update: bool) -> None:
    actual = page_of(clean_file(path))
    golden = expected_path(path)
    if update or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{golden.name} did not exist; written now, review it and commit")
    assert actual == golden.read_text(encoding="utf-8")


def test_at_least_twelve_fixtures():
    assert len(FIXTURE_FILES) >= 12


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_golden(path, update_golden):
    check_golden(path, update_golden)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_expected(path, update_golden):
    check_golden(path, update_golden)
