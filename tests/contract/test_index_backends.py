"""Contract suite run against every backend of the vector and keyword interfaces."""

import numpy as np
import pytest

from ragqa.index.keyword import BM25Index
from ragqa.index.vector import FaissVectorIndex, NumpyVectorIndex, VectorIndex

VECTOR_BACKENDS = [FaissVectorIndex, NumpyVectorIndex]


def _unit(rng, n, d):
    m = rng.normal(size=(n, d)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


@pytest.mark.parametrize("cls", VECTOR_BACKENDS)
def test_vector_search_round_trip_and_k_beyond_count(cls, tmp_path):
    rng = np.random.default_rng(0)
    m = _unit(rng, 7, 16)
    idx = cls(16)
    assert isinstance(idx, VectorIndex)
    idx.add(m)
    ids, scores = idx.search(m[3], k=50)
    assert len(ids) == 7 and ids[0] == 3 and scores[0] == pytest.approx(1.0, abs=1e-5)
    assert list(scores) == sorted(scores, reverse=True)
    path = tmp_path / "v.bin"
    idx.save(path)
    loaded = cls.load(path, 16)
    ids2, scores2 = loaded.search(m[3], k=3)
    assert list(ids2) == list(ids[:3]) and np.allclose(scores2, scores[:3])
    assert np.allclose(loaded.get(np.array([1, 4])), m[[1, 4]])


@pytest.mark.parametrize("cls", VECTOR_BACKENDS)
def test_vector_empty_and_bad_shapes(cls, tmp_path):
    idx = cls(8)
    ids, scores = idx.search(np.ones(8, np.float32), k=5)
    assert len(ids) == 0 and len(idx) == 0
    with pytest.raises(ValueError):
        idx.add(np.ones((2, 9), np.float32))
    idx.add(np.ones((1, 8), np.float32))
    idx.save(tmp_path / "v.bin")
    with pytest.raises(ValueError):
        cls.load(tmp_path / "v.bin", 16)


@pytest.mark.parametrize("cls", VECTOR_BACKENDS)
def test_vector_backends_agree(cls):
    rng = np.random.default_rng(1)
    m = _unit(rng, 30, 12)
    q = _unit(rng, 1, 12)[0]
    ref = NumpyVectorIndex(12)
    ref.add(m)
    idx = cls(12)
    idx.add(m)
    assert list(idx.search(q, 10)[0]) == list(ref.search(q, 10)[0])


def test_bm25_round_trip_k_beyond_count_and_unknown_terms(tmp_path):
    docs = [["화웨이", "장비", "공개"], ["알리바바", "안경"], ["화웨이", "칩"], []]
    idx = BM25Index().build(docs)
    ids, scores = idx.search(["화웨이", "장비"], k=100)
    assert ids[0] == 0 and set(ids) == {0, 2} and all(s > 0 for s in scores)
    assert len(idx.search(["없는말"], k=5)[0]) == 0
    assert idx.doc_freq("화웨이") == 2 and idx.n_docs == 4
    idx.save(tmp_path / "kw")
    loaded = BM25Index.load(tmp_path / "kw")
    ids2, scores2 = loaded.search(["화웨이", "장비"], k=100)
    assert list(ids2) == list(ids) and np.allclose(scores2, scores)
    assert loaded.idf("화웨이") == pytest.approx(idx.idf("화웨이"))


def test_bm25_empty_corpus(tmp_path):
    idx = BM25Index().build([])
    assert len(idx.search(["x"], 3)[0]) == 0
    idx.save(tmp_path / "kw")
    assert BM25Index.load(tmp_path / "kw").n_docs == 0
