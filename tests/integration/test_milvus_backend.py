"""The Milvus backend (RAGQA_INDEX__BACKEND=milvus) on real Milvus Lite over the shipped corpus: `ragqa ingest`,
`ragqa serve` answering questions, a second process reading the same build, a restart that serves the same
results from disk, and an index built by the other backend refused with a message naming both."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ragqa import build_engine, load_settings
from ragqa.errors import IndexMismatch
from tests.conftest import REPO, corpus_workspace, free_port

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

QUESTIONS = ["WAIC 2025는 어디서 열렸어?", "화웨이가 공개한 시스템에는 910C 칩이 몇 개 장착됐어?",
             "알리바바 스마트 안경", "중국 인공지능 플러스 정책"]


@pytest.fixture
def workspace(tmp_path: Path) -> dict:
    return corpus_workspace(tmp_path, RAGQA_INDEX__BACKEND="milvus")


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ragqa.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, cwd=REPO)


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:  # the child keeps its own descriptor
        proc = subprocess.Popen([sys.executable, "-m", "ragqa.cli", "serve", "--no-build", "--host", "127.0.0.1",
                                 "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    deadline = time.monotonic() + 120
    while True:
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "ragqa serve never became ready:\n" + log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)


def retrieved(port: int) -> list[list[tuple[str, float]]]:
    out = []
    for q in QUESTIONS:
        r = httpx.post(f"http://127.0.0.1:{port}/v1/retrieve", json={"query": q, "top_k": 5}, timeout=60)
        assert r.status_code == 200, r.text
        out.append([(p["chunk_id"], round(p["score"], 6)) for p in r.json()["passages"]])
    return out


def lite_processes_of(pid: int) -> list[int]:
    """Milvus Lite server processes started by ``pid``."""
    ps = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True).stdout.splitlines()
    rows = [line.split(None, 2) for line in ps]
    return [int(r[0]) for r in rows if len(r) == 3 and r[1] == str(pid) and "milvus_lite" in r[2]]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_ingest_serve_second_reader_restart_same_results(workspace):
    ws = workspace
    built = cli(ws["env"], "ingest", "--json", "--quiet")
    assert built.returncode == 0, built.stderr
    build = Path(json.loads(built.stdout)["index"])
    manifest = json.loads((build / "manifest.json").read_text())
    assert manifest["vector_index"] == {"chunk_vectors": "milvus-flat-ip", "sentence_vectors": "milvus-flat-ip"}
    assert manifest["keyword_index"] == "milvus-bm25"
    assert {"chunk_vectors.db", "sentence_vectors.db", "keyword/keywords.db"} <= set(manifest["files"])

    port = free_port()
    proc = serve(ws["env"], port, ws["tmp"] / "serve1.log")
    try:
        lite = lite_processes_of(proc.pid)
        assert len(lite) == 3, "chunk vectors, sentence vectors and BM25 are each served by Milvus Lite"
        first = retrieved(port)
        assert all(len(hits) == 5 for hits in first)
        assert "상해" in httpx.post(f"http://127.0.0.1:{port}/v1/retrieve",
                                   json={"query": QUESTIONS[0], "top_k": 1}, timeout=60).json()["passages"][0]["text"]
        ask = httpx.post(f"http://127.0.0.1:{port}/v1/ask", json={"question": QUESTIONS[1], "mode": "extractive"},
                         timeout=60)
        assert ask.status_code == 200 and "384" in ask.json()["answer"], ask.text
        # a second process reads the same build while the server has it open (Milvus Lite alone would refuse)
        other = cli(ws["env"], "retrieve", QUESTIONS[0], "--json", "--top-k", "5")
        assert other.returncode == 0, other.stderr
        assert [p["chunk_id"] for p in json.loads(other.stdout)["passages"]] == [c for c, _ in first[0]]
    finally:
        stop(proc)
    time.sleep(1)
    assert not [p for p in lite if alive(p)], "Milvus Lite processes outlived `ragqa serve`"
    # the build's files are still the ones checksummed at build time (readers only open private copies)
    again = cli(ws["env"], "ingest", "--json", "--quiet")
    assert again.returncode == 0 and json.loads(again.stdout)["skipped_unchanged"], again.stderr

    proc = serve(ws["env"], port, ws["tmp"] / "serve2.log")
    try:
        assert retrieved(port) == first
    finally:
        stop(proc)


def test_backend_mismatch_is_refused_both_ways(workspace, text_processor):
    ws = workspace

    def settings(backend: str):
        return load_settings(corpus={"dir": ws["corpus"]}, data={"dir": ws["tmp"] / "data"},
                             index={"dir": ws["index"], "cache_dir": ws["cache"], "backend": backend,
                                    "reload_interval_s": 0})

    for built_with, configured in (("milvus", "faiss"), ("faiss", "milvus")):
        builder = build_engine(settings(built_with), text=text_processor, llm=None)
        builder.build()
        builder.close()
        engine = build_engine(settings(configured), text=text_processor, llm=None)
        with pytest.raises(IndexMismatch) as err:
            engine.start(build="never", watch=False)
        kinds = {"milvus": ("'chunk_vectors': 'milvus-flat-ip'", "'milvus-bm25'"),
                 "faiss": ("'chunk_vectors': 'faiss-ip/Flat'", "'bm25s-lucene'")}
        msg = str(err.value)
        assert f"vector_index: index has {{{kinds[built_with][0]}" in msg and f"settings want {{{kinds[configured][0]}" in msg
        assert f"keyword_index: index has {kinds[built_with][1]}, settings want {kinds[configured][1]}" in msg
        assert "ragqa ingest" in msg
        engine.close()
