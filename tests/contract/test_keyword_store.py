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


def test_bm25_matrix_is_the_one_bm25s_builds(tmp_path):
    """BM25Index computes bm25s' Lucene score matrix with array operations (fast rebuilds from stored tokens);
    the scores must be bm25s' own, bit for bit, empty documents included."""
    import random

    import bm25s

    from ragqa.index.keyword import BM25Index

    rng = random.Random(7)
    vocab = [f"t{i}" for i in range(300)]
    docs = [[rng.choice(vocab) for _ in range(rng.randint(0, 40))] for _ in range(800)]
    docs[3] = []
    ours = BM25Index().build(docs)
    ref = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    ref.index([d or ["\x00"] for d in docs], show_progress=False)
    for _ in range(50):
        query = [rng.choice(vocab) for _ in range(rng.randint(1, 5))]
        assert np.array_equal(ours._bm25.get_scores(query), ref.get_scores(query))
    assert ours.doc_freq("\x00") == 0 and ours.doc_freq("t1") == sum("t1" in d for d in docs)
    ours.save(tmp_path / "kw")
    loaded = BM25Index.load(tmp_path / "kw")
    query = docs[10][:3]
    assert [a.tolist() for a in loaded.search(query, 5)] == [a.tolist() for a in ours.search(query, 5)]
