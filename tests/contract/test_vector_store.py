"""Contract of :class:`ragqa.interfaces.VectorStore`, run against every store registered in wiring."""

import numpy as np
import pytest

from ragqa.interfaces import VectorStore
from ragqa.wiring import VECTOR_STORES

STORES = pytest.mark.parametrize("cls", list(VECTOR_STORES.values()), ids=list(VECTOR_STORES))


def _unit(rng, n, d):
    m = rng.normal(size=(n, d)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


@STORES
def test_search_round_trip_and_k_beyond_count(cls, tmp_path):
    rng = np.random.default_rng(0)
    m = _unit(rng, 7, 16)
    idx = cls(16)
    assert isinstance(idx, VectorStore) and idx.kind and idx.file_suffix.startswith(".")
    idx.add(m)
    ids, scores = idx.search(m[3], k=50)
    assert len(ids) == 7 and ids[0] == 3 and scores[0] == pytest.approx(1.0, abs=1e-5)
    assert list(scores) == sorted(scores, reverse=True)
    path = tmp_path / ("v" + cls.file_suffix)
    idx.save(path)
    loaded = cls.load(path, 16)
    assert len(loaded) == 7 and loaded.kind == idx.kind
    ids2, scores2 = loaded.search(m[3], k=3)
    assert list(ids2) == list(ids[:3]) and np.allclose(scores2, scores[:3])
    assert np.allclose(loaded.get(np.array([1, 4])), m[[1, 4]])


@STORES
def test_empty_store_and_bad_shapes(cls, tmp_path):
    idx = cls(8)
    ids, scores = idx.search(np.ones(8, np.float32), k=5)
    assert len(ids) == 0 and len(scores) == 0 and len(idx) == 0
    assert idx.get(np.array([], dtype=np.int64)).shape[0] == 0
    with pytest.raises(ValueError):
        idx.add(np.ones((2, 9), np.float32))
    idx.add(np.ones((1, 8), np.float32))
    idx.save(tmp_path / "v.bin")
    with pytest.raises(ValueError):
        cls.load(tmp_path / "v.bin", 16)


@STORES
def test_appends_keep_positions(cls):
    rng = np.random.default_rng(2)
    a, b = _unit(rng, 3, 6), _unit(rng, 4, 6)
    idx = cls(6)
    idx.add(a)
    idx.add(b)
    assert len(idx) == 7
    assert idx.search(b[2], 1)[0][0] == 5
    assert np.allclose(idx.get(np.array([0, 6])), np.vstack([a[0], b[3]]))


@STORES
def test_agrees_with_exact_search(cls):
    rng = np.random.default_rng(1)
    m = _unit(rng, 30, 12)
    q = _unit(rng, 1, 12)[0]
    idx = cls(12)
    idx.add(m)
    exact = np.argsort(-(m @ q), kind="stable")[:10]
    assert list(idx.search(q, 10)[0]) == list(exact)


@STORES
def test_search_threads_change_no_result(cls):
    rng = np.random.default_rng(1)
    m = _unit(rng, 500, 32)
    idx = cls(32)
    idx.add(m)
    queries = _unit(rng, 5, 32)
    try:
        cls.set_search_threads(4)
        wide = [idx.search(q, 10) for q in queries]
        cls.set_search_threads(1)
        narrow = [idx.search(q, 10) for q in queries]
    finally:
        cls.set_search_threads(1)
    for (a, sa), (b, sb) in zip(wide, narrow, strict=True):
        assert list(a) == list(b) and np.allclose(sa, sb)
