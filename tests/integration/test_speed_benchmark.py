"""benchmarks/speed.py end to end, scaled down (the README's `make bench` command with short phases): it
measures the floor in its own process, spawns `ragqa serve`, and writes ratios from the same run."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration


def test_speed_benchmark_writes_floor_service_and_ratios(real_engine, real_settings, tmp_path):
    out = tmp_path / "speed.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAGQA_LLM__")}
    env.update(RAGQA_CORPUS__DIR=str(real_settings.corpus.dir), RAGQA_DATA__DIR=str(tmp_path / "data"))
    if real_settings.index.cache_dir:
        env["RAGQA_INDEX__CACHE_DIR"] = str(real_settings.index.cache_dir)
    run = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "speed.py"), "--index-dir", str(real_settings.index.dir),
         "--duration", "1", "--clients", "4", "--rounds", "1", "--starts", "1", "--out", str(out)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out.read_text())
    floor = result["floor_clean_process"]
    assert floor["embed_one_query_p50_ms"] > 0 and set(floor["batched_rate_qps"]) == {"1", "8", "16", "32"}
    one = result["one_client"]
    assert one["requests"] == 60 and one["retrieve_p50_ms"] > 0
    # the breakdown: the embedding and the rankers lie within the engine's retrieve, which lies within the request
    assert 0 < one["in_server_embed_p50_ms"] < one["in_server_retrieve_total_p50_ms"] < one["retrieve_p50_ms"]
    assert 0 < one["in_server_search_p50_ms"] < one["in_server_retrieve_total_p50_ms"]
    assert one["outside_engine_p50_ms"] > 0 and "where a retrieve's time goes" in run.stdout
    for name in ("retrieve", "ask"):
        t = result["throughput"][name]
        assert t["errors"] == 0 and t["requests"] > 0 and t["p99_ms"] >= t["p50_ms"] > 0
    r = result["ratios"]
    assert r["retrieve_p50_over_floor"] == round(result["one_client"]["retrieve_p50_ms"] / floor["embed_one_query_p50_ms"], 3)
    assert 0 < result["start_to_ready_s"]["median"] < 120
    assert "start to ready" in run.stdout and "16 clients" not in run.stdout and "4 clients retrieve" in run.stdout


def test_omp_contention_benchmark_measures_the_embedding_alone_and_beside_a_python_thread(tmp_path):
    out = tmp_path / "omp.json"
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "omp_contention.py"), "--reps", "3", "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["reps"] == 3 and result["embed_alone_p50_ms"] > 0
    assert result["embed_beside_python_thread_max_ms"] >= result["embed_beside_python_thread_p50_ms"] > 0
    assert result["slowdown"] == round(result["embed_beside_python_thread_p50_ms"] / result["embed_alone_p50_ms"], 2)
    assert "beside a Python thread" in run.stdout
    bad = subprocess.run([sys.executable, str(REPO / "benchmarks" / "omp_contention.py"), "--reps", "0"],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "--reps must be at least 1, got 0" in bad.stderr
