"""Assemble with a memory: a rebuild that takes pieces from the last build makes the same site as a
build from nothing, whatever changed in between."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fazhi.model import Report
from fazhi.site import build_context, with_page_links
from fazhi.site_files import shared_tree
from fazhi.site_memo import assemble_site
from fazhi.topics import load_topics

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "content" / "pages"
TOPICS = load_topics(ROOT / "content" / "vocab" / "topics.yml")


def keyed(reports: list[Report], changed: set[str] = frozenset()) -> dict[str, str]:
    """Cache keys as the build gives them: a changed report gets a new one."""
    return {r.id: f"{r.id}-{'new' if r.id in changed else 'old'}" for r in reports}


def retitled(report: Report) -> Report:
    return replace(report, meta=replace(report.meta, title=report.meta.title + "（修订）"))


def reworded(report: Report) -> Report:
    return replace(report, tokens=report.tokens + " 补充 修订 新增词语")


def moved_year(report: Report) -> Report:
    return replace(report, meta=replace(report.meta, year=(report.meta.year or 2020) - 1))


@pytest.fixture(scope="module")
def corpus(browse_corpus) -> list[Report]:
    return browse_corpus[:240]


def test_pages_from_browse_views_are_those_from_whole_reports(corpus):
    context = build_context(corpus, TOPICS)
    linked = with_page_links(corpus, context)
    reports, pages = assemble_site(corpus, {}, PAGES, TOPICS)
    assert [r.page_links for r in reports] == [r.page_links for r in linked]
    assert pages == shared_tree(linked, PAGES, context)


@pytest.mark.parametrize("change", [retitled, reworded, moved_year])
def test_a_rebuild_from_memory_makes_what_a_fresh_build_makes(corpus, tmp_path, change):
    assemble_site(corpus, keyed(corpus), PAGES, TOPICS, tmp_path)
    reports = [change(r) if n in (3, 120) else r for n, r in enumerate(corpus)]
    inputs = keyed(reports, {corpus[3].id, corpus[120].id})
    again, again_pages = assemble_site(reports, inputs, PAGES, TOPICS, tmp_path)
    fresh, fresh_pages = assemble_site(reports, {}, PAGES, TOPICS)
    assert [r.page_links for r in again] == [r.page_links for r in fresh]
    assert again_pages == fresh_pages
    assert again == fresh


def test_a_removed_report_leaves_no_trace(corpus, tmp_path):
    assemble_site(corpus, keyed(corpus), PAGES, TOPICS, tmp_path)
    reports = corpus[:7] + corpus[8:]
    again, again_pages = assemble_site(reports, keyed(reports), PAGES, TOPICS, tmp_path)
    fresh, fresh_pages = assemble_site(reports, {}, PAGES, TOPICS)
    assert [r.page_links for r in again] == [r.page_links for r in fresh]
    assert again_pages == fresh_pages


def test_a_memory_made_by_other_code_is_not_used(corpus, tmp_path, monkeypatch):
    assemble_site(corpus, keyed(corpus), PAGES, TOPICS, tmp_path)
    # the same keys, but the code that made the memory is not this code
    monkeypatch.setattr("fazhi.site_memo.made_by", lambda: "other code")
    reports = [retitled(r) for r in corpus]
    again, again_pages = assemble_site(reports, keyed(reports), PAGES, TOPICS, tmp_path)
    fresh, fresh_pages = assemble_site(reports, {}, PAGES, TOPICS)
    assert again_pages == fresh_pages
    assert [r.page_links for r in again] == [r.page_links for r in fresh]


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_memory_is_ignored(corpus, tmp_path, content: bytes):
    for name in ("site-memo.pickle", "site-pages.pickle"):
        (tmp_path / name).write_bytes(content)
    reports, pages = assemble_site(corpus, keyed(corpus), PAGES, TOPICS, tmp_path)
    fresh, fresh_pages = assemble_site(corpus, {}, PAGES, TOPICS)
    assert pages == fresh_pages and reports == fresh


def test_a_series_of_small_rebuilds_writes_deltas_and_stays_right(corpus, tmp_path):
    """Each rebuild with one changed report writes a small delta beside the memory, not the whole
    memory again; what every rebuild makes is what a build from nothing makes."""
    from fazhi.site_memo import Memo

    def key_of(reports: list[Report]) -> dict[str, str]:
        return {r.id: f"{r.id}-{r.tokens.count('补充')}" for r in reports}

    assemble_site(corpus, key_of(corpus), PAGES, TOPICS, tmp_path)
    base = (tmp_path / "site-memo.pickle").read_bytes()
    reports = list(corpus)
    for n in (5, 60, 130):
        reports = [reworded(r) if i == n else r for i, r in enumerate(reports)]
        inputs = key_of(reports)
        again, again_pages = assemble_site(reports, inputs, PAGES, TOPICS, tmp_path)
        fresh, fresh_pages = assemble_site(reports, {}, PAGES, TOPICS)
        assert again == fresh and again_pages == fresh_pages
        assert (tmp_path / "site-memo.pickle").read_bytes() == base
        assert (tmp_path / "site-memo.pickle.delta").is_file()
    memo = Memo(tmp_path / "site-memo.pickle")
    assert len(memo._old["terms"]) == len(corpus) + 3  # the base's entries and the delta's


@pytest.mark.parametrize("damage", ["byte flipped", "cut short", "garbage"])
def test_a_damaged_delta_or_similarity_file_is_ignored(corpus, tmp_path, damage):
    assemble_site(corpus, keyed(corpus), PAGES, TOPICS, tmp_path)
    reports = [reworded(r) if i == 9 else r for i, r in enumerate(corpus)]
    inputs = keyed(reports, {corpus[9].id})
    assemble_site(reports, inputs, PAGES, TOPICS, tmp_path)
    for name in ("site-memo.pickle.delta", "similarities.pickle"):
        path = tmp_path / name
        data = bytearray(path.read_bytes())
        if damage == "byte flipped":
            data[len(data) // 2] ^= 0x01
        elif damage == "cut short":
            data = data[: len(data) // 2]
        else:
            data = bytearray(b"\x80" * 64)
        path.write_bytes(bytes(data))
    again, again_pages = assemble_site(reports, inputs, PAGES, TOPICS, tmp_path)
    fresh, fresh_pages = assemble_site(reports, {}, PAGES, TOPICS)
    assert again == fresh and again_pages == fresh_pages
