"""The Milvus index-type setting: validation (naming the bad value), the Lite-only types, what ``auto``
resolves to, the kinds recorded in the manifest, and what wiring hands the Milvus stores (no Milvus process
is started here; tests/contract runs the types on real Milvus Lite)."""

import pytest

from ragqa import ConfigError, load_settings
from ragqa.index.milvus import (
    LEGACY_FLAT_KIND,
    MilvusVectorStore,
    check_index_type,
    index_kind,
    resolve_index,
)
from ragqa.index.vector import AUTO_FLAT_MAX, resolve_factory
from ragqa.wiring import make_index_backends


@pytest.mark.parametrize(("value", "normalised"), [("auto", "auto"), ("AUTO", "auto"), ("flat", "FLAT"),
                                                   (" ivf_flat ", "IVF_FLAT"), ("HNSW", "HNSW"),
                                                   ("ivf_sq8", "IVF_SQ8")])
def test_good_index_types_are_normalised(value, normalised):
    assert check_index_type(value) == normalised
    assert load_settings(index={"milvus_index": value}).index.milvus_index == normalised


@pytest.mark.parametrize("bad", ["IVF", "IVF_PQ", "AUTOINDEX", "", "Flat,SQ8"])
def test_bad_index_types_are_refused_at_start_up_naming_the_value(bad):
    with pytest.raises(ConfigError) as err:
        load_settings(index={"milvus_index": bad})
    msg = str(err.value)
    assert f"RAGQA_INDEX__MILVUS_INDEX={bad!r}" in msg and "auto, FLAT, IVF_FLAT, IVF_SQ8, HNSW" in msg


def test_bad_index_type_from_the_environment(monkeypatch):
    monkeypatch.setenv("RAGQA_INDEX__MILVUS_INDEX", "DISKANN")
    with pytest.raises(ConfigError, match=r"RAGQA_INDEX__MILVUS_INDEX='DISKANN': .*not one of auto"):
        load_settings()


@pytest.mark.parametrize("server_only", ["HNSW", "IVF_SQ8"])
def test_server_only_types_are_refused_for_milvus_lite(server_only):
    with pytest.raises(ConfigError) as err:
        load_settings(index={"backend": "milvus", "milvus_index": server_only})
    msg = str(err.value)
    assert f"RAGQA_INDEX__MILVUS_INDEX={server_only!r} needs a Milvus server" in msg and "FLAT or IVF_FLAT" in msg
    # with a server they are accepted (and with the FAISS backend the setting is not used)
    on_server = load_settings(index={"backend": "milvus", "milvus_index": server_only,
                                     "milvus_uri": "http://milvus:19530"})
    assert on_server.index.milvus_index == server_only
    assert load_settings(index={"milvus_index": server_only}).index.milvus_index == server_only
    with pytest.raises(ValueError, match=f"'{server_only}' needs a Milvus server"):
        MilvusVectorStore(8, index=server_only)._check_location()  # the store itself refuses too (Lite)


def test_bounds_of_nlist_and_refine_name_the_variable():
    with pytest.raises(ConfigError, match="RAGQA_INDEX__MILVUS_NLIST=-1"):
        load_settings(index={"milvus_nlist": -1})
    with pytest.raises(ConfigError, match="RAGQA_INDEX__MILVUS_REFINE=101"):
        load_settings(index={"milvus_refine": 101})
    with pytest.raises(ValueError, match="refine factor -2"):
        MilvusVectorStore(8, refine=-2)


def test_defaults_auto_and_no_refine():
    s = load_settings().index
    assert (s.milvus_index, s.milvus_nlist, s.milvus_refine) == ("auto", 0, 0)


def test_auto_is_flat_up_to_the_faiss_cut_over_then_ivf_flat_with_the_faiss_nlist():
    assert resolve_index("auto", 0) == ("FLAT", {})
    assert resolve_index("auto", 308) == ("FLAT", {})  # the shipped corpus (chunks + sentences) stays exact
    assert resolve_index("auto", AUTO_FLAT_MAX) == ("FLAT", {})
    assert resolve_index("auto", AUTO_FLAT_MAX + 1) == ("IVF_FLAT", {"nlist": (AUTO_FLAT_MAX + 1) // 39})
    assert resolve_index("auto", 100_000) == ("IVF_FLAT", {"nlist": 1024})
    assert resolve_index("auto", 10**6) == ("IVF_FLAT", {"nlist": 4096})
    for n in (AUTO_FLAT_MAX + 1, 100_000, 10**6):  # the same lists as FAISS's auto at every size
        assert resolve_factory("auto", n) == f"IVF{resolve_index('auto', n)[1]['nlist']},SQ8"
    assert resolve_index("IVF_FLAT", 5, nlist=8) == ("IVF_FLAT", {"nlist": 8})  # explicit: never second-guessed
    assert resolve_index("IVF_FLAT", 5) == ("IVF_FLAT", {"nlist": 1})
    assert resolve_index("FLAT", 10**7) == ("FLAT", {})
    assert resolve_index("HNSW", 10) == ("HNSW", {"M": 16, "efConstruction": 200})


def test_auto_follows_the_one_cut_over_constant(monkeypatch):
    import ragqa.index.vector as vector

    monkeypatch.setattr(vector, "AUTO_FLAT_MAX", 100)
    assert resolve_index("auto", 100) == ("FLAT", {}) and resolve_index("auto", 101) == ("IVF_FLAT", {"nlist": 2})


def test_kinds_name_type_and_build_parameters():
    assert index_kind("FLAT", {}) == LEGACY_FLAT_KIND == "milvus-flat-ip"  # builds made before the setting stay valid
    assert MilvusVectorStore.kind_for(80, index="auto") == "milvus-flat-ip"
    assert MilvusVectorStore.kind_for(100_000, index="auto") == "milvus-ip/IVF_FLAT,nlist=1024"
    assert MilvusVectorStore.kind_for(100_000, index="IVF_FLAT", nlist=64) == "milvus-ip/IVF_FLAT,nlist=64"
    assert MilvusVectorStore.kind_for(9, index="IVF_SQ8", nlist=4) == "milvus-ip/IVF_SQ8,nlist=4"
    assert MilvusVectorStore.kind_for(9, index="HNSW") == "milvus-ip/HNSW,M=16,efConstruction=200"
    assert MilvusVectorStore(8, index="IVF_FLAT", nlist=3).kind == "milvus-ip/IVF_FLAT,nlist=3"  # before any add
    assert MilvusVectorStore(8).kind == "milvus-flat-ip"


def test_wiring_passes_the_index_settings_to_the_milvus_stores(tmp_path):
    s = load_settings(index={"dir": tmp_path, "backend": "milvus", "milvus_index": "ivf_flat", "milvus_nlist": 16,
                             "ivf_nprobe": 7, "hnsw_ef_search": 99, "milvus_refine": 3})
    backends = make_index_backends(s)
    assert backends.vector_options == {"index": "IVF_FLAT", "nlist": 16, "nprobe": 7, "ef_search": 99, "refine": 3}
    assert backends.vector_kinds({"chunks": 80, "sentences": 228}) == {
        "chunk_vectors": "milvus-ip/IVF_FLAT,nlist=16", "sentence_vectors": "milvus-ip/IVF_FLAT,nlist=16"}
    auto = make_index_backends(load_settings(index={"dir": tmp_path, "backend": "milvus"}))
    assert auto.vector_kinds({"chunks": 80, "sentences": 100_000}) == {
        "chunk_vectors": "milvus-flat-ip", "sentence_vectors": "milvus-ip/IVF_FLAT,nlist=1024"}
    store = backends.new_vector(8)
    assert (store.index, store.nlist, store.nprobe, store.ef_search, store.refine) == ("IVF_FLAT", 16, 7, 99, 3)
