"""Contract of :class:`ragqa.interfaces.VectorStore`, run against every store registered in wiring and, for
FAISS, an exact type (Flat), an HNSW type and an IVF type, with and without exact re-ranking of their
candidates (``refine``) (real FAISS), and for Milvus Lite IVF_FLAT forced at a small nlist, with and without
``refine`` (real Milvus Lite)."""

import numpy as np
import pytest

from ragqa.interfaces import VectorStore
from ragqa.wiring import VECTOR_STORES

VARIANTS = {name: (cls, {}) for name, cls in VECTOR_STORES.items()}
VARIANTS["faiss-hnsw"] = (VECTOR_STORES["faiss"], {"factory": "HNSW32,SQ8", "ef_search": 64})
VARIANTS["faiss-ivf"] = (VECTOR_STORES["faiss"], {"factory": "IVF2,SQ8", "nprobe": 2})
VARIANTS["faiss-hnsw-refine"] = (VECTOR_STORES["faiss"], {"factory": "HNSW32,SQ8", "ef_search": 64, "refine": 4})
VARIANTS["faiss-ivf-refine"] = (VECTOR_STORES["faiss"], {"factory": "IVF2,SQ8", "nprobe": 2, "refine": 4})
VARIANTS["milvus-ivf"] = (VECTOR_STORES["milvus"], {"index": "IVF_FLAT", "nlist": 4, "nprobe": 2})
VARIANTS["milvus-ivf-refine"] = (VECTOR_STORES["milvus"], {"index": "IVF_FLAT", "nlist": 4, "nprobe": 2, "refine": 4})
# search scores are exact (the ANN types quantise: SQ8 codes; with refine the candidates are re-scored exactly)
EXACT = {"faiss", "numpy", "faiss-hnsw-refine", "faiss-ivf-refine", "milvus-ivf-refine"}
STORES = pytest.mark.parametrize("variant", list(VARIANTS), ids=list(VARIANTS))


class Store:
    """Makes and loads stores of one variant the way wiring does (class + options)."""

    def __init__(self, variant):
        self.name = variant
        self.cls, self.options = VARIANTS[variant]

    def new(self, dim):
        return self.cls(dim, **self.options)

    def load(self, path, dim):
        return self.cls.load(path, dim, **self.options)


def _unit(rng, n, d):
    m = rng.normal(size=(n, d)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


@STORES
def test_search_round_trip_and_k_beyond_count(variant, tmp_path):
    s = Store(variant)
    rng = np.random.default_rng(0)
    m = _unit(rng, 7, 16)
    idx = s.new(16)
    assert isinstance(idx, VectorStore) and idx.kind and idx.file_suffix.startswith(".")
    idx.add(m)
    ids, scores = idx.search(m[3], k=50)
    assert len(ids) == 7 and ids[0] == 3 and scores[0] == pytest.approx(1.0, abs=0.02 if variant not in EXACT else 1e-5)
    assert list(scores) == sorted(scores, reverse=True)
    path = tmp_path / ("v" + idx.file_suffix)
    idx.save(path)
    loaded = s.load(path, 16)
    assert len(loaded) == 7 and loaded.kind == idx.kind == s.cls.kind_for(7, **s.options)
    ids2, scores2 = loaded.search(m[3], k=3)
    assert list(ids2) == list(ids[:3]) and np.allclose(scores2, scores[:3])
    assert np.array_equal(loaded.get(np.array([1, 4])), m[[1, 4]])  # exact, whatever the index type


@STORES
def test_empty_store_and_bad_shapes(variant, tmp_path):
    s = Store(variant)
    idx = s.new(8)
    ids, scores = idx.search(np.ones(8, np.float32), k=5)
    assert len(ids) == 0 and len(scores) == 0 and len(idx) == 0
    assert idx.get(np.array([], dtype=np.int64)).shape[0] == 0
    with pytest.raises(ValueError):
        idx.add(np.ones((2, 9), np.float32))
    idx.add(_unit(np.random.default_rng(3), 8, 8))
    idx.save(tmp_path / "v.bin")
    with pytest.raises(ValueError):
        s.load(tmp_path / "v.bin", 16)


@STORES
def test_appends_keep_positions(variant, tmp_path):
    s = Store(variant)
    rng = np.random.default_rng(2)
    # (types that train do so on the first batch, so it is the larger one)
    a, b, c = _unit(rng, 40, 6), _unit(rng, 4, 6), _unit(rng, 2, 6)
    idx = s.new(6)
    idx.add(a)
    idx.add(b)
    assert len(idx) == 44
    assert idx.search(b[2], 1)[0][0] == 42
    assert np.array_equal(idx.get(np.array([0, 43])), np.vstack([a[0], b[3]]))
    idx.save(tmp_path / "v.bin")
    again = s.load(tmp_path / "v.bin", 6)
    again.add(c)  # appending after a load (what incremental ingest will do)
    assert len(again) == 46 and again.search(c[1], 1)[0][0] == 45
    assert np.array_equal(again.get(np.array([1, 45, 42])), np.vstack([a[1], c[1], b[2]]))


@STORES
def test_agrees_with_exact_search(variant):
    s = Store(variant)
    rng = np.random.default_rng(1)
    m = _unit(rng, 300, 12)
    q = _unit(rng, 20, 12)
    idx = s.new(12)
    idx.add(m)
    exact = np.argsort(-(q @ m.T), axis=1, kind="stable")[:, :10]
    found = [idx.search(qq, 10)[0] for qq in q]
    if variant in EXACT:
        assert all(list(f) == list(e) for f, e in zip(found, exact, strict=True))
    else:  # approximate: SQ8 codes may swap near-ties, never lose many true neighbours at this size
        recall = np.mean([len(set(f) & set(e)) / 10 for f, e in zip(found, exact, strict=True)])
        assert recall >= 0.9


# -- FAISS types ------------------------------------------------------------------------------------------------
FAISS = VECTOR_STORES["faiss"]


def _recall(store, m, queries, k=10):
    exact = np.argsort(-(queries @ m.T), axis=1, kind="stable")[:, :k]
    return np.mean([len(set(store.search(q, k)[0]) & set(e)) / k for q, e in zip(queries, exact, strict=True)])


@pytest.mark.parametrize(("factory", "param", "low", "high"), [
    ("IVF32,Flat", "nprobe", 1, 32),
    ("HNSW8,Flat", "ef_search", 1, 256),
])
def test_search_parameters_apply_at_load_without_rebuild(tmp_path, factory, param, low, high):
    rng = np.random.default_rng(4)
    m, queries = _unit(rng, 4000, 32), _unit(rng, 40, 32)
    idx = FAISS(32, factory)
    idx.add(m)
    idx.save(tmp_path / "v.faiss")
    narrow = FAISS.load(tmp_path / "v.faiss", 32, factory, **{param: low})
    wide = FAISS.load(tmp_path / "v.faiss", 32, factory, **{param: high})
    r_narrow, r_wide = _recall(narrow, m, queries), _recall(wide, m, queries)
    assert r_narrow < 0.8 and r_wide >= 0.97, (r_narrow, r_wide)
    if factory.startswith("IVF"):
        assert r_wide == 1.0  # every list probed over flat codes = exact


@pytest.mark.parametrize(("built", "wanted"), [("HNSW32,SQ8", "Flat"), ("Flat", "IVF2,SQ8"),
                                              ("IVF2,SQ8", "HNSW32,SQ8"), ("HNSW32,SQ8", "HNSW16,SQ8")])
def test_an_index_of_another_type_is_refused_on_load(tmp_path, built, wanted):
    idx = FAISS(8, built)
    idx.add(_unit(np.random.default_rng(5), 50, 8))
    idx.save(tmp_path / "v.faiss")
    with pytest.raises(ValueError, match=f"not a '{wanted}' inner-product index"):
        FAISS.load(tmp_path / "v.faiss", 8, wanted)


def test_ann_types_keep_exact_rows_in_a_memory_mapped_sidecar(tmp_path):
    m = _unit(np.random.default_rng(6), 500, 16)
    idx = FAISS(16, "HNSW16,SQ8")
    idx.add(m)
    idx.save(tmp_path / "v.faiss")
    assert (tmp_path / "v.faiss.exact.npy").exists()
    loaded = FAISS.load(tmp_path / "v.faiss", 16, "HNSW16,SQ8")
    assert isinstance(loaded._exact, np.memmap)  # not read into memory
    assert np.array_equal(loaded.get(np.array([499, 0, 250])), m[[499, 0, 250]])
    flat = FAISS(16)
    flat.add(m)
    flat.save(tmp_path / "f.faiss")
    assert not (tmp_path / "f.faiss.exact.npy").exists()  # Flat keeps exact rows itself


def test_training_is_deterministic_and_bounded(monkeypatch, tmp_path):
    import ragqa.index.vector as vector

    monkeypatch.setattr(vector, "TRAIN_MAX", 300)
    m = _unit(np.random.default_rng(7), 2000, 16)
    seen = []
    for _ in range(2):
        idx = FAISS(16, "IVF8,SQ8", nprobe=2)
        train = idx._index.train
        sample_sizes = []

        def spy(x, _train=train, _sizes=sample_sizes):
            _sizes.append(len(x))
            return _train(x)

        idx._index = _Wrapped(idx._index, spy)
        idx.add(m)
        seen.append((sample_sizes, [idx.search(q, 5)[0].tolist() for q in m[:20]]))
    assert seen[0][0] == [300] and seen[0] == seen[1]


class _Wrapped:
    """Delegates to a FAISS index but routes train() through a spy."""

    def __init__(self, index, train):
        self._ix, self.train = index, train

    def __getattr__(self, name):
        return getattr(self._ix, name)


@STORES
def test_search_threads_change_no_result(variant):
    s = Store(variant)
    cls = s.cls
    rng = np.random.default_rng(1)
    m = _unit(rng, 500, 32)
    idx = s.new(32)
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


# -- refine: exact re-ranking of an ANN type's candidates -----------------------------------------------------------
@pytest.mark.parametrize("factory", ["IVF4,SQ4", "HNSW8,SQ4", "IVF4,PQ4x4"])
def test_refine_equals_exact_search_when_the_candidates_cover_every_row(factory):
    rng = np.random.default_rng(8)
    m, queries = _unit(rng, 60, 16), _unit(rng, 25, 16)
    coarse = FAISS(16, factory, nprobe=4, ef_search=64)  # 4-bit codes: rankings and scores visibly off
    coarse.add(m)
    refined = FAISS(16, factory, nprobe=4, ef_search=64, refine=12)  # 5 x 12 = 60 candidates = every row
    refined.add(m)
    exact_scores = queries @ m.T
    exact = np.argsort(-exact_scores, axis=1, kind="stable")[:, :5]
    off = 0
    for q, e, sc in zip(queries, exact, exact_scores, strict=True):
        ids, scores = refined.search(q, 5)
        assert list(ids) == list(e)
        assert np.allclose(scores, sc[e], atol=1e-6)  # exact scores, not the codes' approximations
        c_ids, c_scores = coarse.search(q, 5)
        off += list(c_ids) != list(e) or not np.allclose(c_scores, sc[e], atol=1e-6)
    assert off > 0  # without refine the same index is approximate


def test_refine_applies_at_load_and_lifts_recall(tmp_path):
    rng = np.random.default_rng(9)
    m, queries = _unit(rng, 3000, 32), _unit(rng, 40, 32)
    idx = FAISS(32, "IVF16,SQ4")
    idx.add(m)
    idx.save(tmp_path / "v.faiss")
    plain = FAISS.load(tmp_path / "v.faiss", 32, "IVF16,SQ4", nprobe=16)
    refined = FAISS.load(tmp_path / "v.faiss", 32, "IVF16,SQ4", nprobe=16, refine=10)
    assert isinstance(refined._exact, np.memmap)  # candidates re-scored from the memory-mapped sidecar
    r_plain, r_refined = _recall(plain, m, queries), _recall(refined, m, queries)
    assert r_plain < 0.9 and r_refined >= 0.99, (r_plain, r_refined)
    plain.configure(nprobe=16, refine=10)  # a search-time parameter: no rebuild
    assert _recall(plain, m, queries) == r_refined
    q = queries[0]
    ids, scores = refined.search(q, 10)
    assert np.allclose(scores, m[ids] @ q, atol=1e-6) and list(scores) == sorted(scores, reverse=True)


def test_refine_is_ignored_by_flat_and_checked():
    rng = np.random.default_rng(10)
    m = _unit(rng, 200, 8)
    flat, flat_refined = FAISS(8), FAISS(8, refine=8)
    flat.add(m)
    flat_refined.add(m)
    for q in m[:10]:
        a, sa = flat.search(q, 5)
        b, sb = flat_refined.search(q, 5)
        assert list(a) == list(b) and np.array_equal(sa, sb)
    for bad in (-1, 101, 2.5, True):
        with pytest.raises(ValueError, match=f"refine factor {bad!r}"):
            FAISS(8, "IVF2,SQ8", refine=bad)


def test_sidecar_rows_are_read_without_mapping_them_and_survive_removal(tmp_path):
    import os

    m = _unit(np.random.default_rng(11), 300, 16)
    idx = FAISS(16, "IVF2,SQ8", nprobe=2, refine=3)
    idx.add(m)
    idx.save(tmp_path / "v.faiss")
    loaded = FAISS.load(tmp_path / "v.faiss", 16, "IVF2,SQ8", nprobe=2, refine=3)
    os.remove(tmp_path / "v.faiss.exact.npy")  # e.g. an old build removed while a process still serves it
    assert np.array_equal(loaded.get(np.array([299, 0, -1, 7])), m[[299, 0, -1, 7]])
    assert list(loaded.search(m[5], 3)[0])[0] == 5
    with pytest.raises(IndexError):
        loaded.get(np.array([300]))


# -- Milvus index types (real Milvus Lite) ---------------------------------------------------------------------------
MILVUS = VECTOR_STORES["milvus"]


def test_milvus_index_type_is_kept_by_the_collection_and_search_parameters_apply_at_load(tmp_path):
    pytest.importorskip("pymilvus")
    rng = np.random.default_rng(12)
    m, queries = _unit(rng, 500, 16), _unit(rng, 10, 16)
    idx = MILVUS(16, index="IVF_FLAT", nlist=4)
    idx.add(m)
    assert idx.kind == MILVUS.kind_for(500, index="IVF_FLAT", nlist=4) == "milvus-ip/IVF_FLAT,nlist=4"
    idx.save(tmp_path / "v.db")
    idx.close()
    # loaded under other options: the kind is what the collection holds (the manifest check refuses a build
    # whose kinds differ from the settings'; an incremental build reads it to reuse its rows)
    plain = MILVUS.load(tmp_path / "v.db", 16, index="auto", nprobe=1)
    refined = MILVUS.load(tmp_path / "v.db", 16, index="FLAT", nprobe=4, refine=50)  # 10 x 50 = every row
    try:
        assert plain.kind == refined.kind == "milvus-ip/IVF_FLAT,nlist=4" and len(plain) == 500
        exact_scores = queries @ m.T
        exact = np.argsort(-exact_scores, axis=1, kind="stable")[:, :10]
        for q, e, sc in zip(queries, exact, exact_scores, strict=True):
            ids, scores = refined.search(q, 10)
            assert list(ids) == list(e) and np.allclose(scores, sc[e], atol=1e-6)
        assert _recall(plain, m, queries) >= 0.9  # Lite: a 500-row segment is searched exactly anyway
        plain.configure(nprobe=4, refine=50)  # search-time parameters: no rebuild
        assert [list(plain.search(q, 10)[0]) for q in queries] == [list(e) for e in exact]
    finally:
        plain.close()
        refined.close()


def test_milvus_auto_takes_its_type_from_the_first_batch(monkeypatch, tmp_path):
    pytest.importorskip("pymilvus")
    import ragqa.index.vector as vector

    monkeypatch.setattr(vector, "AUTO_FLAT_MAX", 100)
    rng = np.random.default_rng(13)
    small, large = MILVUS(8, index="auto"), MILVUS(8, index="auto")
    try:
        assert small.kind == "milvus-flat-ip" and len(small) == 0
        small.add(_unit(rng, 100, 8))
        large.add(_unit(rng, 101, 8))
        large.add(_unit(rng, 5, 8))  # a later batch keeps the type
        assert small.kind == "milvus-flat-ip" and large.kind == "milvus-ip/IVF_FLAT,nlist=2"  # 101 // 39 lists
        large.save(tmp_path / "large.db")
        assert large.kind == MILVUS.load(tmp_path / "large.db", 8).kind == "milvus-ip/IVF_FLAT,nlist=2"
        assert large.search(large.get(np.array([103]))[0], 1)[0][0] == 103
    finally:
        small.close()
        large.close()


def test_milvus_lite_refuses_server_only_types_before_starting_anything():
    pytest.importorskip("pymilvus")
    for kind in ("HNSW", "IVF_SQ8"):
        store = MILVUS(8, index=kind)
        with pytest.raises(ValueError, match=f"Milvus index type '{kind}' needs a Milvus server"):
            store.add(_unit(np.random.default_rng(14), 4, 8))
        assert store._loc is None and len(store) == 0
