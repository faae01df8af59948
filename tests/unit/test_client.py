"""RemoteBackend: how a remote service's answers and failures map to the engine's types and errors."""

import httpx
import pytest

from ragqa import FeedbackStore, IndexNotReady, InvalidQuery, ServiceUnavailable, Turn
from ragqa.client import RemoteBackend
from ragqa.types import Answer, Feedback

ANSWER = {"answer": "384개 [1].", "abstained": False, "citations": [], "passages": [], "mode": "extractive",
          "model": None, "degraded": False, "timings_ms": {"total": 1.0}, "language": "ko", "retrieval_query": "q"}


@pytest.fixture
def calls(monkeypatch):
    seen, replies = [], []

    def fake_post(url, json=None, headers=None, timeout=None):
        seen.append({"url": url, "json": json, "headers": headers, "timeout": timeout})
        reply = replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        status, body = reply
        return httpx.Response(status, json=body, request=httpx.Request("POST", url))

    monkeypatch.setattr("httpx.post", fake_post)
    return seen, replies


def _backend(tmp_path):
    return RemoteBackend("http://svc:8000/", FeedbackStore(tmp_path / "fb.sqlite"), api_key="k1", timeout_s=7)


def test_ask_sends_the_question_and_returns_an_answer(calls, tmp_path):
    seen, replies = calls
    replies.append((200, ANSWER))
    ans = _backend(tmp_path).ask("칩은 몇 개?", top_k=3, history=[Turn(role="user", content="앞 질문")], mode="extractive")
    assert isinstance(ans, Answer) and ans.answer == "384개 [1]."
    assert seen[0]["url"] == "http://svc:8000/v1/ask" and seen[0]["timeout"] == 7
    assert seen[0]["headers"] == {"Authorization": "Bearer k1"}
    assert seen[0]["json"] == {"question": "칩은 몇 개?", "top_k": 3, "mode": "extractive",
                               "history": [{"role": "user", "content": "앞 질문"}]}


@pytest.mark.parametrize("status, body, error", [
    (422, {"detail": "question must not be empty"}, InvalidQuery),
    (503, {"detail": "index not loaded yet"}, IndexNotReady),
    (500, {"detail": "boom"}, ServiceUnavailable),
])
def test_error_statuses_map_to_engine_errors(calls, tmp_path, status, body, error):
    calls[1].append((status, body))
    with pytest.raises(error, match=body["detail"]):
        _backend(tmp_path).ask("x")


def test_unreachable_service_is_service_unavailable(calls, tmp_path):
    calls[1].append(httpx.ConnectError("refused"))
    with pytest.raises(ServiceUnavailable, match="unreachable"):
        _backend(tmp_path).ask("x")


def test_feedback_is_kept_locally_even_when_the_service_is_down(calls, tmp_path):
    calls[1].append(httpx.ConnectError("refused"))
    backend = _backend(tmp_path)
    backend.record_feedback(Feedback(vote="up", question="q", answer="a", user="U1", source="slack"))
    rows = backend.store.feedback()
    assert len(rows) == 1 and rows[0]["vote"] == "up" and rows[0]["user"] == "U1"
    assert calls[0][0]["url"] == "http://svc:8000/v1/feedback"
