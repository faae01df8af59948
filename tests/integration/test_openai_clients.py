"""Common OpenAI clients against the live service (uvicorn on 127.0.0.1): the official SDK, LangChain's
ChatOpenAI, LlamaIndex's OpenAILike with its default settings (the legacy /v1/completions endpoint) and the
`llm` CLI, streaming and not. Each checks the cited answer; plus OpenAI-shaped errors on every /v1 path."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import openai
import pytest

from ragqa import load_settings
from service.api import create_app
from tests.conftest import LiveServer

pytestmark = pytest.mark.integration

QUESTION = "WAIC에는 누적으로 AI 전문가가 몇 명 참가했어?"
EXPECTED = "6,000명"
MARKER = re.compile(r"\[\d+\]")


@pytest.fixture(scope="module")
def server(real_server):
    return real_server


@pytest.fixture
def client(server):
    return openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=60)


def _cited(text: str) -> None:
    assert EXPECTED in text and MARKER.search(text), text


def _usage_ok(usage) -> None:
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


# -- the official SDK -------------------------------------------------------------------------------------
def test_sdk_chat_usage_is_always_present(client):
    resp = client.chat.completions.create(model="ragqa", messages=[{"role": "user", "content": QUESTION}])
    _cited(resp.choices[0].message.content)
    assert resp.model_extra["ragqa"]["mode"] == "extractive"
    _usage_ok(resp.usage)
    assert resp.model_extra["ragqa"]["usage_estimated"] is True


def test_sdk_chat_stream_include_usage_sends_a_last_usage_chunk(client):
    chunks = list(client.chat.completions.create(model="ragqa", stream=True, stream_options={"include_usage": True},
                                                 messages=[{"role": "user", "content": QUESTION}]))
    *body, last = chunks
    assert last.choices == [] and last.usage is not None
    _usage_ok(last.usage)
    assert all(c.usage is None for c in body)
    assert body[-1].choices[0].finish_reason == "stop"
    text = "".join(c.choices[0].delta.content or "" for c in body)
    _cited(text)
    assert last.usage.completion_tokens == client.chat.completions.create(
        model="ragqa", messages=[{"role": "user", "content": QUESTION}]).usage.completion_tokens


def test_sdk_chat_stream_without_include_usage_has_no_usage_chunk(client):
    chunks = list(client.chat.completions.create(model="ragqa", stream=True,
                                                 messages=[{"role": "user", "content": QUESTION}]))
    assert chunks[-1].choices[0].finish_reason == "stop" and all(c.usage is None for c in chunks)


def test_sdk_legacy_completions(client):
    resp = client.completions.create(model="ragqa", prompt=QUESTION, max_tokens=200)
    assert resp.object == "text_completion" and resp.id.startswith("cmpl-")
    assert resp.choices[0].finish_reason == "stop"
    _cited(resp.choices[0].text)
    _usage_ok(resp.usage)
    assert {c["id"] for c in resp.model_extra["citations"]} == {int(m) for m in re.findall(r"\[(\d+)\]",
                                                                                          resp.choices[0].text)}
    chunks = list(client.completions.create(model="ragqa", prompt=[QUESTION], stream=True,
                                            stream_options={"include_usage": True}))
    *body, last = chunks
    assert all(c.object == "text_completion" for c in chunks)
    text = "".join(c.choices[0].text for c in body)
    assert text == resp.choices[0].text and body[-1].choices[0].finish_reason == "stop"
    assert body[-1].model_extra["citations"] == resp.model_extra["citations"]
    assert last.choices == [] and last.usage.total_tokens == resp.usage.total_tokens


@pytest.mark.parametrize(("args", "needle"), [
    ({"model": "gpt-4o", "prompt": QUESTION}, "does not exist"),
    ({"model": "ragqa", "prompt": "   "}, "prompt: Value error, must not be empty or blank"),
    ({"model": "ragqa", "prompt": ["a", "b"]}, "prompt"),
    ({"model": "ragqa", "prompt": QUESTION, "n": 2}, "n"),
])
def test_sdk_legacy_completions_errors(client, args, needle):
    with pytest.raises(openai.APIStatusError) as err:
        client.completions.create(**args)
    assert err.value.status_code in (400, 404) and needle in err.value.body["message"]


# -- LangChain ----------------------------------------------------------------------------------------------
def test_langchain_chat_openai_invoke_and_stream(server):
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(model="ragqa", base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=60)
    msg = llm.invoke(QUESTION)
    _cited(msg.content)
    assert msg.usage_metadata["input_tokens"] > 0 and msg.usage_metadata["output_tokens"] > 0
    chunks = list(llm.stream(QUESTION))
    assert len([c for c in chunks if c.content]) >= 1
    _cited("".join(c.content for c in chunks))
    assert "".join(c.content for c in chunks) == msg.content


# -- LlamaIndex OpenAILike, default settings (is_chat_model=False -> /v1/completions) ---------------------
def test_llama_index_openai_like_defaults(server):
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(model="ragqa", api_base=server.url + "/v1", api_key="unused", max_retries=0, timeout=60)
    assert llm.metadata.is_chat_model is False
    _cited(llm.complete(QUESTION).text)
    pieces = [r.delta for r in llm.stream_complete(QUESTION)]
    assert len(pieces) >= 1
    _cited("".join(p or "" for p in pieces))


# -- the `llm` CLI --------------------------------------------------------------------------------------------
def _llm_cli() -> str:
    found = shutil.which("llm", path=str(Path(sys.executable).parent)) or shutil.which("llm")
    if found is None:
        pytest.fail("the `llm` CLI is not installed (dev extra)")
    return found


@pytest.mark.parametrize("stream", [False, True], ids=["no-stream", "stream"])
def test_llm_cli(server, tmp_path, stream):
    (tmp_path / "extra-openai-models.yaml").write_text(
        f"- model_id: ragqa-local\n  model_name: ragqa\n  api_base: \"{server.url}/v1\"\n", encoding="utf-8")
    env = {**os.environ, "LLM_USER_PATH": str(tmp_path), "OPENAI_API_KEY": "unused"}
    args = [_llm_cli(), "-m", "ragqa-local", *([] if stream else ["--no-stream"]), QUESTION]
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    _cited(out.stdout)
    # llm logged the exchange with the usage the service reported
    logs = subprocess.run([_llm_cli(), "logs", "--json", "-n", "1"], env=env, capture_output=True, text=True,
                          timeout=60)
    entry = json.loads(logs.stdout)[0]
    assert EXPECTED in entry["response"]
    if not stream:
        assert entry["input_tokens"] > 0 and entry["output_tokens"] > 0


# -- errors ---------------------------------------------------------------------------------------------------
def _openai_shape(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"} and err["message"] and err["type"]
    return r.json()


def test_unknown_routes_and_wrong_methods_get_openai_errors(server, client):
    body = _openai_shape(httpx.post(server.url + "/v1/embeddings", json={"input": "x"}), 404)
    assert "Invalid URL (POST /v1/embeddings)" in body["error"]["message"]
    r = httpx.get(server.url + "/v1/chat/completions")
    assert _openai_shape(r, 405) and r.headers["allow"] == "POST"
    _openai_shape(httpx.delete(server.url + "/v1/ask"), 405)
    with pytest.raises(openai.NotFoundError):
        client.embeddings.create(model="ragqa", input="x")
    # outside /v1 the plain shape stays
    assert httpx.get(server.url + "/nope").json() == {"detail": "Not Found"}


def test_validation_and_size_errors_are_openai_shaped(server):
    r = httpx.post(server.url + "/v1/chat/completions", json={"model": "ragqa", "messages": "x"})
    assert "detail" not in _openai_shape(r, 400)
    big = {"model": "ragqa", "messages": [{"role": "user", "content": "가" * 60000}]}
    assert "exceeds" in _openai_shape(httpx.post(server.url + "/v1/chat/completions", json=big), 413)["error"]["message"]
    # native routes: OpenAI's error plus the detail they always had
    r = httpx.post(server.url + "/v1/ask", json={"question": ""})
    body = _openai_shape(r, 422)
    assert body["detail"][0]["loc"] == ["body", "question"] and body["error"]["param"] == "question"
    assert "detail" in _openai_shape(httpx.post(server.url + "/v1/ask", content=b"{" + b" " * 70000 + b"}",
                                                headers={"content-type": "application/json"}), 413)


def test_missing_key_is_openai_shaped(real_engine, real_settings):
    settings = real_settings.model_copy(update={"api": load_settings(api={"api_keys": ["k1"]}).api})
    with LiveServer(create_app(real_engine, settings=settings)) as srv:
        srv.wait_ready()
        bad = openai.OpenAI(base_url=srv.url + "/v1", api_key="wrong", max_retries=0, timeout=30)
        with pytest.raises(openai.AuthenticationError) as err:
            bad.chat.completions.create(model="ragqa", messages=[{"role": "user", "content": QUESTION}])
        assert err.value.body["code"] == "invalid_api_key"
        good = openai.OpenAI(base_url=srv.url + "/v1", api_key="k1", max_retries=0, timeout=60)
        _cited(good.completions.create(model="ragqa", prompt=QUESTION).choices[0].text)


def test_readme_curl_legacy_completion(server):
    """The README's curl request, byte for byte the same body."""
    r = httpx.post(server.url + "/v1/completions", headers={"content-type": "application/json"},
                   content='{"model": "ragqa", "prompt": "WAIC에는 누적으로 AI 전문가가 몇 명 참가했어?"}'.encode(),
                   timeout=60)
    body = r.json()
    assert r.status_code == 200 and body["object"] == "text_completion"
    _cited(body["choices"][0]["text"])
    assert body["usage"]["total_tokens"] > 0 and body["citations"]
