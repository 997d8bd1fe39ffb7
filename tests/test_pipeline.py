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
