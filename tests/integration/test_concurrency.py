"""Concurrent requests over a real server: micro-batching changes no result, and a full queue answers 503."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ragqa import build_engine, load_settings
from ragqa.eval.matching import load_gold
from service.api import create_app
from tests.conftest import DEV_QA, LiveServer

pytestmark = pytest.mark.integration


def _key(r: httpx.Response) -> list:
    assert r.status_code == 200, r.text
    return [(p["chunk_id"], p["score"]) for p in r.json()["passages"]]


def test_concurrent_requests_get_what_they_get_one_by_one(real_server, real_engine):
    questions = [q["question"] for q in load_gold(DEV_QA)][:16]
    with httpx.Client(base_url=real_server.url, timeout=60) as c:
        alone = {q: _key(c.post("/v1/retrieve", json={"query": q, "top_k": 10})) for q in questions}
        answers = {q: c.post("/v1/ask", json={"question": q}).json()["answer"] for q in questions}
    emb = real_engine.embedder
    before = (emb.batches, emb.batched_queries)

    def retrieve(q):
        with httpx.Client(base_url=real_server.url, timeout=60) as c:
            return q, _key(c.post("/v1/retrieve", json={"query": q, "top_k": 10}))

    def ask(q):
        with httpx.Client(base_url=real_server.url, timeout=60) as c:
            return q, c.post("/v1/ask", json={"question": q}).json()["answer"]

    with ThreadPoolExecutor(16) as pool:
        together = list(pool.map(retrieve, questions * 3))
        asked = list(pool.map(ask, questions))
    assert all(alone[q] == got for q, got in together)
    assert all(answers[q] == got for q, got in asked)
    calls, embedded = emb.batches - before[0], emb.batched_queries - before[1]
    # every question embedded (multi-part questions embed their parts too); some shared one model call
    assert embedded >= len(questions) * 4 and calls < embedded


def test_full_queue_answers_503_with_retry_after(real_engine, real_settings, text_processor, monkeypatch):
    settings = real_settings.model_copy(update={"embedding": load_settings(embedding={"max_queue": 2}).embedding})
    engine = build_engine(settings, text=text_processor, llm=None)
    with LiveServer(create_app(engine)) as srv:
        srv.wait_ready()
        emb = engine.embedder
        gate = threading.Event()
        real = emb.inner.embed_passages

        def held(texts):  # keeps the model busy with an ingest batch until the test lets it go
            gate.wait(60)
            return real(texts)

        monkeypatch.setattr(emb.inner, "embed_passages", held)
        busy = threading.Thread(target=emb.embed_passages, args=(["문서 한 조각"],))
        busy.start()
        pool = ThreadPoolExecutor(8)
        try:
            futs = [pool.submit(httpx.post, srv.url + "/v1/retrieve", json={"query": f"화웨이 {i}"}, timeout=60)
                    for i in range(6)]
            deadline = time.monotonic() + 30
            while sum(f.done() for f in futs) < 4 and time.monotonic() < deadline:
                time.sleep(0.05)
            refused = [f.result() for f in futs if f.done()]
            assert len(refused) == 4 and emb.queued == 2
            for r in refused:
                assert r.status_code == 503 and r.headers["retry-after"] == "1" and "queue is full" in r.json()["detail"]
            r = httpx.post(srv.url + "/v1/chat/completions", timeout=30,
                           json={"model": "ragqa", "messages": [{"role": "user", "content": "화웨이"}]})
            assert r.status_code == 503 and r.headers["retry-after"] == "1" and r.json()["error"]["message"]
            assert httpx.get(srv.url + "/healthz", timeout=5).status_code == 200
        finally:
            gate.set()
            busy.join(60)
        queued = [f.result(60) for f in futs if f.result(60).status_code == 200]
        assert len(queued) == 2
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"}, timeout=60).status_code == 200
        pool.shutdown()
