"""The OpenAI-compatible endpoint, driven by the official `openai` SDK against the running service."""

from __future__ import annotations

import re

import httpx
import openai
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(real_server):
    return real_server


@pytest.fixture
def client(server):
    return openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=60)


def _check_markers(content: str, citations: list[dict], passages: list[dict]):
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", content)}
    assert markers and markers == {c["id"] for c in citations}
    by_id = {p["id"]: p for p in passages}
    assert all(by_id[c["id"]]["text"] == c["text"] for c in citations)


def test_models_lists_ragqa(client):
    assert [m.id for m in client.models.list().data] == ["ragqa"]


def test_completion_has_markers_and_citations(client):
    resp = client.chat.completions.create(
        model="ragqa", messages=[{"role": "system", "content": "be brief"},
                                 {"role": "user", "content": "WAIC에는 누적으로 AI 전문가가 몇 명 참가했어?"}],
        temperature=0.2, max_tokens=200,
    )
    assert resp.object == "chat.completion" and resp.model == "ragqa"
    choice = resp.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    content = choice.message.content
    assert "6,000명" in content and "Sources" not in content and "출처:" not in content
    extra = resp.model_extra
    _check_markers(content, extra["citations"], extra["ragqa"]["passages"])
    assert extra["ragqa"]["abstained"] is False and extra["ragqa"]["mode"] == "extractive"


def test_sources_footer_on_request(client):
    resp = client.chat.completions.create(
        model="ragqa", messages=[{"role": "user", "content": "WAIC에는 누적으로 AI 전문가가 몇 명 참가했어?"}],
        extra_body={"sources_footer": True, "top_k": 3},
    )
    content = resp.choices[0].message.content
    body, _, foot = content.partition("\n\n출처:\n")
    assert foot and re.search(r"^\[\d+\] .+ — “.+”", foot, re.M)
    assert len(resp.model_extra["ragqa"]["passages"]) == 3


def test_streaming_chunks_then_citations_then_done(client, server):
    stream = client.chat.completions.create(
        model="ragqa", stream=True,
        messages=[{"role": "user", "content": "이번 WAIC에는 대략 몇 개의 기업이 참가해서 기술을 선보였어?"}],
    )
    chunks = list(stream)
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert sum(bool(c.choices[0].delta.content) for c in chunks) >= 2  # sentence by sentence
    _check_markers(text, last.model_extra["citations"], last.model_extra["ragqa"]["passages"])
    assert text == last.model_extra["ragqa"]["answer"]
    with httpx.stream("POST", server.url + "/v1/chat/completions", timeout=60,
                      json={"model": "ragqa", "stream": True, "messages": [{"role": "user", "content": "WAIC?"}]}) as r:
        raw = r.read().decode()
    assert raw.rstrip().endswith("data: [DONE]")


def test_follow_up_uses_earlier_turns(client):
    first = client.chat.completions.create(
        model="ragqa", messages=[{"role": "user", "content": "화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?"}])
    follow = client.chat.completions.create(model="ragqa", messages=[
        {"role": "user", "content": "화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?"},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": [{"type": "text", "text": "그 장비에 칩이 몇 개 들어가?"}]},
    ])
    assert "384" in follow.choices[0].message.content
    assert "화웨이" in follow.model_extra["ragqa"]["retrieval_query"]


@pytest.mark.parametrize(
    ("kwargs", "status", "needle"),
    [
        ({"model": "gpt-4o"}, 404, "does not exist"),
        ({"messages": []}, 400, "messages"),
        ({"messages": [{"role": "assistant", "content": "hi"}]}, 400, "no user message with text"),
        ({"messages": [{"role": "user", "content": "   "}]}, 400, "no user message with text"),
        ({"messages": [{"role": "user", "content": "x" * 4001}]}, 400, "messages.0.user.content"),
        ({"temperature": 5}, 400, "temperature"),
        ({"n": 2}, 400, "n"),
        ({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}, 400,
         "messages"),
    ],
)
def test_bad_requests_get_openai_errors(client, kwargs, status, needle):
    args = {"model": "ragqa", "messages": [{"role": "user", "content": "WAIC?"}], **kwargs}
    with pytest.raises(openai.APIStatusError) as err:
        client.chat.completions.create(**args)
    assert err.value.status_code == status
    body = err.value.response.json()["error"]
    assert needle in body["message"] and body["type"]
