"""`warm_up` loads in this process what workers forked afterwards would otherwise each load."""

from __future__ import annotations

from fazhi import pipeline, tokens
from fazhi.regions import load_gazetteer

from .conftest import ROOT


def test_warm_up_loads_the_segmenter_twin_and_the_gazetteer():
    tokens.use_vocab(ROOT / tokens.VOCAB_FILE)
    load_gazetteer.cache_clear()
    pipeline.warm_up()
    assert tokens._segmenter().fast is not None
    assert load_gazetteer.cache_info().currsize == 1


def _fresh_tables() -> None:
    """Forget the loaded dictionaries and tables, as a new process would not have them."""
    from fazhi import keywords, normalise

    tokens.use_vocab(ROOT / tokens.VOCAB_FILE)
    load_gazetteer.cache_clear()
    keywords._idf.cache_clear()
    normalise._traditional_only.cache_clear()


def test_reports_from_prepared_tables_are_the_reports_without_them(tmp_path):
    from fazhi.prepared import tables_in
    from fazhi.read import read_all

    texts, _ = read_all(ROOT / "content" / "reports")
    _fresh_tables()
    expected = [pipeline.process_source(t) for t in texts]
    try:
        with tables_in(tmp_path):
            _fresh_tables()
            written = [pipeline.process_source(t) for t in texts]
            assert {p.name.split("-")[0] for p in tmp_path.glob("*.table")} >= {"jieba", "gazetteer"}
            _fresh_tables()
            read_back = [pipeline.process_source(t) for t in texts]
            assert not isinstance(load_gazetteer().places, dict)  # it did read the prepared table
    finally:
        _fresh_tables()
    assert written == expected
    assert read_back == expected
