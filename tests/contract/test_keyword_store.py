"""Contract of :class:`ragqa.interfaces.KeywordStore`, run against every store registered in wiring."""

import numpy as np
import pytest

from ragqa.interfaces import KeywordStore
from ragqa.wiring import KEYWORD_STORES

STORES = pytest.mark.parametrize("cls", list(KEYWORD_STORES.values()), ids=list(KEYWORD_STORES))
DOCS = [["화웨이", "장비", "공개"], ["알리바바", "안경"], ["화웨이", "칩"], []]


@STORES
def test_round_trip_k_beyond_count_and_unknown_terms(cls, tmp_path):
    idx = cls().build(DOCS)
    assert isinstance(idx, KeywordStore) and idx.kind
    ids, scores = idx.search(["화웨이", "장비"], k=100)
    assert ids[0] == 0 and set(ids) == {0, 2} and all(s > 0 for s in scores)
    assert list(scores) == sorted(scores, reverse=True)
    assert len(idx.search(["없는말"], k=5)[0]) == 0
    assert len(idx.search(["화웨이"], k=0)[0]) == 0
    assert idx.doc_freq("화웨이") == 2 and idx.doc_freq("없는말") == 0 and idx.n_docs == 4
    idx.save(tmp_path / "kw")
    loaded = cls.load(tmp_path / "kw")
    ids2, scores2 = loaded.search(["화웨이", "장비"], k=100)
    assert list(ids2) == list(ids) and np.allclose(scores2, scores)
    assert loaded.idf("화웨이") == pytest.approx(idx.idf("화웨이"))


@STORES
def test_idf_orders_rare_above_common_and_unknown_highest(cls):
    idx = cls().build(DOCS)
    assert idx.idf("없는말") > idx.idf("장비") > idx.idf("화웨이") > 0


@STORES
def test_empty_corpus(cls, tmp_path):
    idx = cls().build([])
    assert len(idx.search(["x"], 3)[0]) == 0
    idx.save(tmp_path / "kw")
    assert cls.load(tmp_path / "kw").n_docs == 0
