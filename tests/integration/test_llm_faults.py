"""LLM faults against a real server and a local fake OpenAI-compatible endpoint: every fault ends in the
extractive answer flagged degraded within the question's deadline, slow LLM calls never starve health checks
or retrieval, and a client that goes away stops its LLM call."""

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ragqa import build_engine, load_settings
from service.api import create_app
from tests.conftest import LiveServer
from tests.fakes.openai_server import FakeOpenAI

pytestmark = pytest.mark.integration

Q = {"question": "화웨이가 WAIC에서 공개한 컴퓨팅 시스템은?", "mode": "llm"}


def _server(real_settings, text_processor, fake: FakeOpenAI, **llm):
    settings = real_settings.model_copy(update={"llm": load_settings(llm={"base_url": fake.url, "model": "fake", **llm}).llm})
    return LiveServer(create_app(build_engine(settings, text=text_processor)))


def _final(text: str) -> dict:
    import json

    data = [line[6:] for line in text.splitlines() if line.startswith("data: ")]
    return json.loads(data[-1])


@pytest.mark.parametrize("mode,delay", [("slow", 60), ("429", 0)])
def test_one_deadline_covers_attempts_retries_and_retry_after(real_engine, real_settings, text_processor, mode, delay):
    with FakeOpenAI(mode, delay=delay, retry_after=50) as fake, \
            _server(real_settings, text_processor, fake, deadline_s=2, timeout_s=30, max_retries=2) as srv:
        srv.wait_ready()
        t0 = time.monotonic()
        r = httpx.post(srv.url + "/v1/ask", json=Q, timeout=30)
        took = time.monotonic() - t0
        body = r.json()
        assert r.status_code == 200 and body["degraded"] and "384" in body["answer"] and body["citations"]
        assert took < 3.5, took
        if mode == "429":
            assert fake.requests == 1  # Retry-After 50 s is past the deadline: no second attempt


def test_condense_step_shares_the_deadline(real_engine, real_settings, text_processor):
    history = [{"role": "user", "content": "화웨이가 공개한 장비는?"},
               {"role": "assistant", "content": "클라우드매트릭스 384 [1]."}]
    with FakeOpenAI("slow", delay=60) as fake, \
            _server(real_settings, text_processor, fake, deadline_s=3, timeout_s=30) as srv:
        srv.wait_ready()
        t0 = time.monotonic()
        r = httpx.post(srv.url + "/v1/ask", json={**Q, "question": "그 장비에 칩이 몇 개 들어가?", "history": history},
                       timeout=30)
        assert r.status_code == 200 and r.json()["degraded"]
        assert time.monotonic() - t0 < 4.5
        assert fake.requests == 2  # condense, then the answer with the time that was left


@pytest.mark.parametrize("mode", ["drip", "stall"])
def test_streams_that_drip_or_stall_end_at_the_deadline_and_start_at_once(real_engine, real_settings,
                                                                         text_processor, mode):
    with FakeOpenAI(mode, delay=0.5) as fake, _server(real_settings, text_processor, fake, deadline_s=2) as srv:
        srv.wait_ready()
        t0 = time.monotonic()
        first_at = None
        text = ""
        with httpx.stream("POST", srv.url + "/v1/ask", json={**Q, "stream": True}, timeout=30) as r:
            assert r.status_code == 200
            for chunk in r.iter_text():
                first_at = first_at or time.monotonic() - t0
                text += chunk
        took = time.monotonic() - t0
        assert first_at < 1.0, first_at
        final = _final(text)
        assert final["degraded"] and "384" in final["answer"] and took < 3.5, took


def test_slow_llm_never_starves_health_metrics_or_retrieval(real_engine, real_settings, text_processor):
    with FakeOpenAI("slow", delay=120) as fake, \
            _server(real_settings, text_processor, fake, deadline_s=60, max_concurrency=2) as srv:
        srv.wait_ready()
        pool = ThreadPoolExecutor(45)
        try:
            futs = [pool.submit(httpx.post, srv.url + "/v1/ask", json=Q, timeout=90) for _ in range(45)]
            deadline = time.monotonic() + 30
            while (sum(f.done() for f in futs) < 43 or fake.in_flight < 2) and time.monotonic() < deadline:
                time.sleep(0.05)
            refused = [f.result() for f in futs if f.done()]
            assert len(refused) == 43 and fake.in_flight == 2
            assert all(r.status_code == 503 and r.headers["retry-after"] for r in refused), [(r.status_code, r.text[:200]) for r in refused if r.status_code != 503]
            for path in ("/healthz", "/readyz", "/metrics"):
                t0 = time.monotonic()
                assert httpx.get(srv.url + path, timeout=5).status_code == 200
                assert time.monotonic() - t0 < 1.0, path
            t0 = time.monotonic()
            assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"}, timeout=10).status_code == 200
            assert httpx.post(srv.url + "/v1/ask", json={**Q, "mode": "extractive"}, timeout=10).status_code == 200
            assert time.monotonic() - t0 < 5
        finally:
            fake.release()
            pool.shutdown(wait=True)
        assert all(f.result().status_code in (200, 503) for f in futs)


def test_a_client_that_goes_away_stops_its_llm_call_and_frees_its_slot(real_engine, real_settings, text_processor):
    with FakeOpenAI("drip", delay=0.2) as fake, \
            _server(real_settings, text_processor, fake, deadline_s=60, max_concurrency=1) as srv:
        srv.wait_ready()
        host, port = srv.url.removeprefix("http://").split(":")
        body = ('{"question": "화웨이가 WAIC에서 공개한 컴퓨팅 시스템은?", "mode": "llm", "stream": true}').encode()
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            got = sock.recv(4096)  # the first bytes come at once; the reply's text only once a sentence is checked
            assert got.startswith(b"HTTP/1.1 200")
            wait = time.monotonic() + 10
            while fake.requests == 0 and time.monotonic() < wait:
                time.sleep(0.05)
            time.sleep(0.5)  # a few tokens into a 40-second stream
            assert fake.requests == 1 and fake.client_closed == 0
        # the client is gone
        deadline = time.monotonic() + 10
        while fake.client_closed == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert fake.client_closed == 1, "the LLM stream was not closed when the client went away"
        fake.mode = "ok"
        r = httpx.post(srv.url + "/v1/ask", json=Q, timeout=30)  # the only slot is free again
        assert r.status_code == 200 and not r.json()["degraded"], r.text


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/chat/completions"])
def test_a_client_that_leaves_a_non_streamed_question_cuts_the_llm_call(real_engine, real_settings, text_processor,
                                                                         path):
    with FakeOpenAI("slow", delay=40) as fake, \
            _server(real_settings, text_processor, fake, deadline_s=60, max_concurrency=1) as srv:
        srv.wait_ready()
        host, port = srv.url.removeprefix("http://").split(":")
        payload = ({"question": "화웨이가 WAIC에서 공개한 컴퓨팅 시스템은?", "mode": "llm"} if path == "/v1/ask" else
                   {"model": "ragqa", "messages": [{"role": "user", "content": "화웨이가 WAIC에서 공개한 컴퓨팅 시스템은?"}]})
        body = json.dumps(payload).encode()
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n".encode()
                         + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            wait = time.monotonic() + 10
            while fake.requests == 0 and time.monotonic() < wait:
                time.sleep(0.05)
            assert fake.requests == 1 and fake.client_closed == 0
        t0 = time.monotonic()  # the client is gone, 40 s before the LLM would answer
        while fake.client_closed == 0 and time.monotonic() - t0 < 10:
            time.sleep(0.05)
        assert fake.client_closed == 1, "the LLM call was not cut when the client went away"
        assert time.monotonic() - t0 < 3
        fake.mode = "ok"
        r = httpx.post(srv.url + "/v1/ask", json=Q, timeout=30)  # the only slot is free again
        assert r.status_code == 200 and not r.json()["degraded"], r.text


def test_sigterm_drains_within_grace(real_engine, real_settings, text_processor, tmp_path):
    """A real `ragqa serve` with an LLM that hangs: SIGTERM ends the process within the grace period."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import free_port, wait_ready

    with FakeOpenAI("slow", delay=120) as fake:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("RAGQA_LLM__")}
        env.update(RAGQA_INDEX__DIR=str(real_settings.index.dir), RAGQA_CORPUS__DIR=str(real_settings.corpus.dir),
                   RAGQA_DATA__DIR=str(tmp_path), RAGQA_LLM__BASE_URL=fake.url, RAGQA_LLM__MODEL="fake",
                   RAGQA_API__SHUTDOWN_GRACE_S="3")
        proc = subprocess.Popen([str(Path(sys.executable).with_name("ragqa")), "serve", "--port", str(port), "--no-build"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, proc)
            deadline = time.monotonic() + 60
            seen = []

            def ask():  # what the client in flight sees: a reply, or the connection closed at shutdown
                try:
                    seen.append(httpx.post(url + "/v1/ask", json=Q, timeout=60).status_code)
                except httpx.HTTPError as exc:
                    seen.append(type(exc).__name__)

            t = threading.Thread(target=ask, daemon=True)
            t.start()
            while fake.in_flight == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            t0 = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)
            assert time.monotonic() - t0 < 3 + 3, time.monotonic() - t0
            t.join(10)
            assert len(seen) == 1, "the request in flight was left hanging after the server stopped"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
