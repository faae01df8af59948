"""Edge logic of the OpenAI-compatible API and bounded growth: token estimates, the text pattern the
OpenAPI document states, the per-client limiter, the feedback settings."""

from __future__ import annotations

import re

import pytest

from ragqa import Answer, ConfigError, load_settings
from service.api.chat import estimate_tokens, usage_of
from service.api.errors import error_body
from service.api.schemas import TEXT_PATTERN, WHITESPACE, ChatRequest, CompletionRequest, RetrieveRequest
from service.ratelimit import RateLimiter


def _answer(usage=None) -> Answer:
    return Answer(answer="답 [1]", abstained=False, citations=[], passages=[], mode="extractive", model=None,
                  degraded=False, timings_ms={}, usage=usage or {})


@pytest.mark.parametrize(("text", "tokens"), [
    ("", 0),
    ("WAIC", 1),
    ("hello world", 2),  # up to 6 letters: one each
    ("information", 2),
    ("6,000명", 5),  # 6 , 000 -> 3, 명 -> 1.35, rounded up
    ("세계인공지능대회", 11),  # 8 x 1.35
    ("1234567", 3),
])
def test_estimate_tokens(text, tokens):
    assert estimate_tokens(text) == tokens


def test_usage_prefers_the_llms_counts_and_estimates_otherwise():
    usage, estimated = usage_of(_answer({"prompt_tokens": 100, "completion_tokens": 20}), "q", "a")
    assert usage == {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120} and not estimated
    usage, estimated = usage_of(_answer(), "세계 대회?", "답 [1]")
    assert usage == {"prompt_tokens": 7, "completion_tokens": 5, "total_tokens": 12} and estimated


def test_the_documented_text_pattern_is_what_validation_does():
    """JSON Schema (ECMA), pydantic (Rust) and str.strip disagree on some whitespace; the pattern spells it
    out, and validation accepts exactly the strings the pattern matches."""
    pattern = re.compile(TEXT_PATTERN)
    for cp in [*range(0, 0x3100), 0xFEFF, 0xFFFD]:
        ch = chr(cp)
        for text in (ch, f"{ch} ", f" a{ch}"):
            documented = pattern.fullmatch(text) is not None
            try:
                RetrieveRequest.model_validate({"query": text})
                accepted = True
            except ValueError:
                accepted = False
            assert documented == accepted, (hex(cp), text)
    assert RetrieveRequest.model_validate({"query": "\u3000 화웨이\ufeff"}).query == "화웨이"
    assert all(not pattern.fullmatch(w) for w in WHITESPACE)


def test_integers_accept_whole_floats_only():
    assert RetrieveRequest.model_validate({"query": "q", "top_k": 3.0}).top_k == 3
    for bad in (2.5, "3", True):
        with pytest.raises(ValueError):
            RetrieveRequest.model_validate({"query": "q", "top_k": bad})


def test_chat_question_is_the_last_user_message_with_text():
    from service.api.chat import _conversation

    body = ChatRequest.model_validate({"messages": [
        {"role": "user", "content": "첫 질문"}, {"role": "assistant", "content": "답 [1]"},
        {"role": "user", "content": [{"type": "text", "text": "둘째 질문"}]}, {"role": "assistant", "content": "..."},
        {"role": "tool", "content": None}]})
    question, history = _conversation(body)
    assert question == "둘째 질문" and [t.role for t in history] == ["user", "assistant"]
    for messages in ([{"role": "assistant", "content": "hi"}], [{"role": "user", "content": " \u3000"}],
                     [{"role": "user", "content": "x" * 4001}],
                     [{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}]):
        with pytest.raises(ValueError):
            ChatRequest.model_validate({"messages": messages})
    assert "contains" in ChatRequest.model_json_schema()["properties"]["messages"]


def test_completion_prompt_is_one_question():
    assert CompletionRequest.model_validate({"prompt": [" q "]}).text() == "q"
    for bad in ("", "  ", ["a", "b"], [], "x" * 4001):
        with pytest.raises(ValueError):
            CompletionRequest.model_validate({"prompt": bad})


def test_error_bodies():
    assert error_body("/healthz", 404, "Not Found") == {"detail": "Not Found"}
    openai = error_body("/v1/chat/completions", 413, "too big")
    assert openai == {"error": {"message": "too big", "type": "invalid_request_error", "param": None,
                                "code": "request_too_large"}}
    native = error_body("/v1/ask", 422, "question: bad", detail=[{"loc": ["body", "question"]}], param="question")
    assert native["detail"] == [{"loc": ["body", "question"]}] and native["error"]["param"] == "question"
    assert error_body("/v1/feedback", 429, "slow down")["error"]["type"] == "rate_limit_error"


def test_rate_limiter_forgets_idle_clients():
    now = [0.0]
    limiter = RateLimiter(2, 10, clock=lambda: now[0], max_keys=100)
    assert limiter.check("a") == 0 and limiter.check("a") == 0 and limiter.check("a") == pytest.approx(10)
    for i in range(1000):
        now[0] += 0.5
        limiter.check(f"client-{i}")
    assert len(limiter) <= 100
    now[0] += 20
    assert limiter.check("a") == 0


def test_feedback_settings_are_validated_with_the_variable_name():
    s = load_settings(feedback={"max_records": 500, "rate_limit_count": 0})
    assert s.feedback.max_records == 500 and s.feedback.rate_limit_count == 0
    with pytest.raises(ConfigError, match="RAGQA_FEEDBACK__MAX_RECORDS=0"):
        load_settings(feedback={"max_records": 0})
    with pytest.raises(ConfigError, match="max_bytes .* must be >= feedback.max_body_bytes"):
        load_settings(feedback={"max_bytes": 65536, "max_body_bytes": 100000})
