"""The FAISS index type setting: validation of factory strings, and what ``auto`` resolves to."""

import numpy as np
import pytest

from ragqa import ConfigError, load_settings
from ragqa.index.store import IndexBackends
from ragqa.index.vector import AUTO_ANN, AUTO_FLAT_MAX, FaissVectorIndex, check_factory, resolve_factory
from ragqa.wiring import make_index_backends


@pytest.mark.parametrize("bad", ["HNSW32,XX", "IVF,SQ8", "Flatt", "IDMap,Flat", "  "])
def test_bad_factory_strings_are_refused_at_start_up_naming_the_value(bad):
    with pytest.raises(ConfigError) as err:
        load_settings(index={"faiss_factory": bad})
    assert "RAGQA_INDEX__FAISS_FACTORY" in str(err.value) and repr(bad) in str(err.value)


def test_bad_factory_from_the_environment(monkeypatch):
    monkeypatch.setenv("RAGQA_INDEX__FAISS_FACTORY", "HNSW32,SQ9")
    with pytest.raises(ConfigError, match=r"RAGQA_INDEX__FAISS_FACTORY='HNSW32,SQ9'.*not a valid index-factory"):
        load_settings()


@pytest.mark.parametrize(("value", "normalised"), [("Flat", "Flat"), (" HNSW32,SQ8 ", "HNSW32,SQ8"),
                                                   ("IVF4096,SQ8", "IVF4096,SQ8"), ("AUTO", "auto"),
                                                   ("IVF4096,PQ48", "IVF4096,PQ48")])
def test_good_factory_strings(value, normalised):
    assert check_factory(value) == normalised
    assert load_settings(index={"faiss_factory": value}).index.faiss_factory == normalised


def test_default_is_exact_flat_with_search_parameters():
    s = load_settings().index
    assert s.faiss_factory == "Flat" and s.hnsw_ef_search >= 1 and s.ivf_nprobe >= 1
    with pytest.raises(ConfigError, match="RAGQA_INDEX__HNSW_EF_SEARCH=0"):
        load_settings(index={"hnsw_ef_search": 0})


def test_auto_resolves_by_size():
    assert resolve_factory("auto", 0) == "Flat"
    assert resolve_factory("auto", AUTO_FLAT_MAX) == "Flat"
    assert resolve_factory("auto", AUTO_FLAT_MAX + 1) == f"IVF{(AUTO_FLAT_MAX + 1) // 39},SQ8"  # >= 39 per list
    assert resolve_factory("auto", 100_000) == "IVF1024,SQ8"
    assert resolve_factory("auto", 300_001) == resolve_factory("auto", 10**7) == "IVF4096,SQ8"
    assert resolve_factory("IVF16,SQ8", 5) == "IVF16,SQ8"  # an explicit type is never second-guessed
    assert FaissVectorIndex.kind_for(100_000, factory="auto") == "faiss-ip/IVF1024,SQ8"
    assert AUTO_ANN.format(nlist=1024) == "IVF1024,SQ8"


def test_auto_store_takes_its_type_from_the_first_batch(monkeypatch):
    import ragqa.index.vector as vector

    monkeypatch.setattr(vector, "AUTO_FLAT_MAX", 100)
    rng = np.random.default_rng(0)
    small, large = FaissVectorIndex(8, "auto"), FaissVectorIndex(8, "auto")
    assert small.kind == "faiss-ip/Flat" and len(small) == 0
    small.add(rng.normal(size=(100, 8)).astype(np.float32))
    large.add(rng.normal(size=(101, 8)).astype(np.float32))
    assert small.kind == "faiss-ip/Flat" and large.kind == "faiss-ip/IVF2,SQ8"  # 101 // 39 lists
    ids, _ = large.search(large.get(np.array([7]))[0], 1)
    assert ids[0] == 7


def test_wiring_passes_the_index_settings_to_the_faiss_store(tmp_path):
    s = load_settings(index={"dir": tmp_path, "faiss_factory": "auto", "hnsw_ef_search": 99, "ivf_nprobe": 7,
                             "refine": 5})
    backends = make_index_backends(s)
    assert backends.vector_options == {"factory": "auto", "ef_search": 99, "nprobe": 7, "refine": 5}
    kinds = backends.vector_kinds({"chunks": 80, "sentences": 100_000})
    assert kinds == {"chunk_vectors": "faiss-ip/Flat", "sentence_vectors": "faiss-ip/IVF1024,SQ8"}
    numpy = make_index_backends(load_settings(index={"dir": tmp_path, "vector_store": "numpy"}))
    assert numpy.vector_options == {} and isinstance(numpy, IndexBackends)


@pytest.mark.parametrize("bad", ["-1", "101", "x"])
def test_bad_refine_factor_is_refused_naming_the_value(monkeypatch, bad):
    monkeypatch.setenv("RAGQA_INDEX__REFINE", bad)
    with pytest.raises(ConfigError, match=f"RAGQA_INDEX__REFINE='?{bad}"):
        load_settings()
