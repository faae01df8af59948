"""Bounded growth against the live service: feedback storage stays within its retention bounds, client input
adds no metrics series, /v1/feedback has a key, a rate limit and a body bound, and every log line of a real
server process is JSON carrying the request id (unhandled errors and slack_bolt's records included)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from ragqa import FeedbackStore, load_settings
from ragqa.settings import DataSettings, FeedbackSettings
from service.api import create_app
from tests.conftest import REPO, LiveServer, free_port, wait_ready
from tests.fakes.slack_api import TEAM, FakeSlack

pytestmark = pytest.mark.integration


def _service(real_engine, real_settings, tmp_path, **feedback):
    settings = real_settings.model_copy(update={"feedback": FeedbackSettings(**feedback),
                                                "data": DataSettings(dir=tmp_path / "data")})
    return settings, LiveServer(create_app(real_engine, settings=settings))


def _vote(i: int, answer_chars: int = 100, source: str = "web") -> dict:
    return {"vote": "up" if i % 2 else "down", "question": f"질문 {i}?", "answer": "답" * answer_chars + f" [{i}]",
            "user": f"u{i}", "source": source}


def test_2000_feedback_posts_stay_within_the_storage_bound(real_engine, real_settings, tmp_path):
    bound = 256 * 1024
    settings, server = _service(real_engine, real_settings, tmp_path, max_bytes=bound, rate_limit_count=0)
    with server as srv, httpx.Client(base_url=srv.url, timeout=30) as http:
        for i in range(2000):  # ~9 kB of text each: 18 MB if nothing were dropped
            r = http.post("/v1/feedback", json=_vote(i, answer_chars=3000))
            assert r.status_code == 201, r.text
    store = FeedbackStore(settings.data.dir / "feedback.sqlite")
    usage = store.usage()
    assert usage["feedback_bytes"] <= bound
    rows = store.feedback()
    assert len(rows) == usage["feedback_rows"] and 20 <= len(rows) < 2000
    assert rows[-1]["user"] == "u1999" and rows[0]["user"] == f"u{2000 - len(rows)}"  # the oldest went
    on_disk = usage["db_bytes"] + usage.get("wal_bytes", 0)
    print(f"2000 posts, max_bytes={bound}: {usage}")
    assert on_disk < 4 * bound + 4 * 1024 * 1024, usage  # the file stops growing: freed pages are reused


def test_feedback_needs_a_key_has_a_rate_limit_and_a_body_bound(real_engine, real_settings, tmp_path):
    settings = real_settings.model_copy(update={
        "api": load_settings(api={"api_keys": ["k1", "k2"]}).api,
        "feedback": FeedbackSettings(rate_limit_count=3, rate_limit_window_s=60, max_body_bytes=4096),
        "data": DataSettings(dir=tmp_path / "data"),
    })
    with LiveServer(create_app(real_engine, settings=settings)) as srv:
        r = httpx.post(srv.url + "/v1/feedback", json=_vote(1))
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key"
        k1, k2 = ({"Authorization": f"Bearer {k}"} for k in ("k1", "k2"))
        assert [httpx.post(srv.url + "/v1/feedback", json=_vote(i), headers=k1).status_code
                for i in range(3)] == [201, 201, 201]
        limited = httpx.post(srv.url + "/v1/feedback", json=_vote(4), headers=k1)
        assert limited.status_code == 429 and 1 <= int(limited.headers["retry-after"]) <= 60
        assert limited.json()["error"]["type"] == "rate_limit_error" and "RATE_LIMIT" in limited.json()["detail"]
        assert httpx.post(srv.url + "/v1/feedback", json=_vote(5), headers=k2).status_code == 201  # per client
        big = httpx.post(srv.url + "/v1/feedback", json=_vote(6, answer_chars=5000), headers=k2)
        assert big.status_code == 413 and "4096" in big.json()["error"]["message"]
        # other routes keep the general body limit
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이 " + "가" * 1500}, headers=k2, timeout=60).status_code == 200
    assert len(FeedbackStore(settings.data.dir / "feedback.sqlite").feedback()) == 4


def _series(text: str) -> set[str]:
    return {line.rsplit(" ", 1)[0] for line in text.splitlines() if line and not line.startswith("#")}


def test_client_input_adds_no_metrics_series(real_engine, real_settings, tmp_path):
    _, server = _service(real_engine, real_settings, tmp_path, rate_limit_count=0)
    with server as srv, httpx.Client(base_url=srv.url, timeout=30) as http:
        for i in range(3):  # one of each kind first, so every label value that can exist has appeared
            http.post("/v1/feedback", json=_vote(i, source=("api", "web", "slack")[i]))
        http.post("/v1/feedback", json=_vote(0, source="nope"))
        http.get("/v1/unknown-0")
        http.request("PURGE", "/v1/unknown-0")
        http.get("/metrics")  # the scrape counts itself
        before = http.get("/metrics").text
        for i in range(5000):
            if i % 5 == 0:
                r = http.request(f"M{i}", f"/v1/unknown-{i}")  # client-chosen method and path
            elif i % 5 == 1:
                r = http.get(f"/v1/unknown-{i}?x={i}")
            else:
                r = http.post("/v1/feedback", json=_vote(i, source=f"src-{i}"))
            assert 400 <= r.status_code < 500
        after = http.get("/metrics").text
    assert _series(after) == _series(before)
    assert not any(f"src-{i}" in after or f"unknown-{i}" in after or f'"M{i}"' in after for i in range(5000))
    assert len(after) < len(before) * 1.05
    print(f"/metrics before 5000 requests: {len(before)} bytes, {len(_series(before))} series; "
          f"after: {len(after)} bytes, {len(_series(after))} series")


SECRET = "log-test-secret"
SERVER = """
import sys, uvicorn
from ragqa import build_engine, load_settings
from service.api import create_app

engine = build_engine(load_settings())
real_retrieve = engine.retrieve
def retrieve(query, **kw):
    if query == "boom":
        raise RuntimeError("planted failure")
    return real_retrieve(query, **kw)
engine.retrieve = retrieve
uvicorn.run(create_app(engine), host="127.0.0.1", port=int(sys.argv[1]), log_config=None, access_log=False)
"""


def _signed(body: str) -> dict:
    stamp = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": sig}


def test_every_log_line_of_a_real_server_is_json_with_the_request_id(real_engine, real_settings, tmp_path):
    s = real_settings
    with FakeSlack() as fake:
        # the server's port is taken once the fake Slack API holds its own: taken before, the fake (which answers
        # 200 to any path, /readyz too) could be given the same port by the OS, and the test would talk to it
        port = free_port()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
               "RAGQA_CORPUS__DIR": str(s.corpus.dir), "RAGQA_INDEX__DIR": str(s.index.dir),
               "RAGQA_DATA__DIR": str(tmp_path / "data"), "SLACK_BOT_TOKEN": "xoxb-test-token",
               "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_BASE_URL": fake.api_url, "RAGQA_API__LOG_LEVEL": "INFO"}
        if s.index.cache_dir:
            env["RAGQA_INDEX__CACHE_DIR"] = str(s.index.cache_dir)
        proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], env=env, cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, proc)
            ok = httpx.post(url + "/v1/retrieve", json={"query": "화웨이"}, headers={"X-Request-ID": "rid-ok"})
            assert ok.status_code == 200
            boom = httpx.post(url + "/v1/retrieve", json={"query": "boom"}, headers={"X-Request-ID": "rid-boom"})
            assert boom.status_code == 500 and boom.headers["x-request-id"] == "rid-boom"
            assert "rid-boom" in boom.json()["error"]["message"] and boom.json()["error"]["type"] == "server_error"
            event = json.dumps({"token": "x", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                                "event_id": "EvLog1", "event_time": int(time.time()),
                                "event": {"type": "reaction_added", "user": "U1", "reaction": "x"}})
            r = httpx.post(url + "/slack/events", content=event,
                           headers={**_signed(event), "X-Request-ID": "rid-slack"})
            assert r.status_code in (200, 404), r.text
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                _, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
    lines = [line for line in err.splitlines() if line.strip()]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            pytest.fail(f"not a JSON log line: {line!r}")
    assert all("request_id" in r and r["level"] and r["logger"] for r in records)
    by_id = {rid: [r for r in records if r["request_id"] == rid] for rid in ("rid-ok", "rid-boom", "rid-slack")}
    assert any(r["logger"] == "service.access" and r["status"] == 200 for r in by_id["rid-ok"])
    crash = [r for r in by_id["rid-boom"] if "planted failure" in r.get("exc", "")]
    assert crash and crash[0]["level"] == "ERROR"
    assert not any("planted failure" in r.get("exc", "") + r["msg"] for r in records if r["request_id"] != "rid-boom")
    assert any(r["logger"].startswith("slack_bolt") for r in by_id["rid-slack"]), by_id["rid-slack"]
    # outside any request (start-up, shutdown) the field is there and says so
    assert all(r["request_id"] == "-" for r in records if r["logger"].startswith("uvicorn"))
