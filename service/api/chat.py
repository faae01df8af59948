"""OpenAI-compatible chat: ``POST /v1/chat/completions`` and ``GET /v1/models``.

The last user message is the question; earlier user/assistant turns are history. The assistant content is
the answer with its ``[n]`` markers; a top-level ``citations`` list (the /v1/ask shape) and a ``ragqa``
object (abstained, mode, degraded, retrieval_query, passages) ride along for clients that know them.
Errors use OpenAI's ``{"error": {...}}`` shape so SDKs raise their usual exceptions.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse

from ragqa import MAX_HISTORY_TURNS, MAX_TURN_CHARS, Answer, StreamEvent, Turn
from service.api.deps import EngineDep, MetricsDep
from service.api.schemas import ChatRequest

MODEL_ID = "ragqa"
CREATED = 1_735_689_600  # fixed "created" for the model list (2025-01-01)
chat = APIRouter(prefix="/v1", tags=["openai-compatible"])
_FOOTER = re.compile(r"\n\n(?:Sources|출처):\n(?:\[\d+\][^\n]*\n?)+\s*$")


def openai_error(status: int, message: str, type_: str = "invalid_request_error", param: str | None = None,
                 code: str | None = None) -> JSONResponse:
    return JSONResponse(status_code=status,
                        content={"error": {"message": message, "type": type_, "param": param, "code": code}})


def footer(answer: Answer) -> str:
    if not answer.citations:
        return ""
    head = "출처" if answer.language == "ko" else "Sources"
    lines = []
    for c in answer.citations:
        quote = re.sub(r"\s+", " ", c.quote or c.text).strip()
        quote = quote if len(quote) <= 120 else quote[:119] + "…"
        lines.append(f"[{c.id}] {c.title} — “{quote}”")
    return f"\n\n{head}:\n" + "\n".join(lines)


def _extension(answer: Answer) -> dict:
    return {
        "citations": [c.model_dump() for c in answer.citations],
        "ragqa": {
            "answer": answer.answer,
            "abstained": answer.abstained,
            "mode": answer.mode,
            "model": answer.model,
            "degraded": answer.degraded,
            "language": answer.language,
            "retrieval_query": answer.retrieval_query,
            "timings_ms": answer.timings_ms,
            "passages": [p.model_dump() for p in answer.passages],
        },
    }


def _usage(answer: Answer) -> dict | None:
    u = answer.usage
    if not u:
        return None
    return {"prompt_tokens": u.get("prompt_tokens", 0), "completion_tokens": u.get("completion_tokens", 0),
            "total_tokens": u.get("total_tokens", u.get("prompt_tokens", 0) + u.get("completion_tokens", 0))}


def _conversation(body: ChatRequest) -> tuple[str, list[Turn]] | JSONResponse:
    last = body.messages[-1]
    if last.role != "user":
        return openai_error(400, f"the last message must come from the user, got role {last.role!r}", param="messages")
    question = last.text()
    if not question.strip():
        return openai_error(400, "the last user message has no text", param="messages")
    history = []
    for m in body.messages[:-1]:
        if m.role in ("user", "assistant") and m.text().strip():
            content = _FOOTER.sub("", m.text()) if m.role == "assistant" else m.text()
            history.append(Turn(role=m.role, content=content[:MAX_TURN_CHARS]))
    return question, history[-MAX_HISTORY_TURNS:]


@chat.get("/models")
def models() -> dict:
    return {"object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "ragqa"}]}


@chat.post("/chat/completions", responses={200: {"content": {"text/event-stream": {}}}})
def completions(body: ChatRequest, engine: EngineDep, metrics: MetricsDep):
    if body.model != MODEL_ID:
        return openai_error(404, f"The model {body.model!r} does not exist; this service serves {MODEL_ID!r}",
                            param="model", code="model_not_found")
    parsed = _conversation(body)
    if isinstance(parsed, JSONResponse):
        return parsed
    question, history = parsed
    cid = "chatcmpl-" + uuid.uuid4().hex
    created = int(time.time())
    kwargs = {"top_k": body.top_k, "history": history, "mode": body.mode, "temperature": body.temperature,
              "max_tokens": body.max_tokens}
    if body.stream:
        events = engine.ask_stream(question, **kwargs)  # raises (-> 4xx/503) before streaming starts
        return StreamingResponse(_chunks(events, cid, created, body.sources_footer, metrics),
                                 media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    answer = engine.ask(question, **kwargs)
    metrics.observe_answer("chat", answer)
    content = answer.answer + (footer(answer) if body.sources_footer else "")
    return {
        "id": cid, "object": "chat.completion", "created": created, "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop",
                     "logprobs": None}],
        "usage": _usage(answer),
        **_extension(answer),
    }


def _chunk(cid: str, created: int, delta: dict, finish: str | None = None, **extra) -> str:
    payload = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **extra}
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _chunks(events: Iterator[StreamEvent], cid: str, created: int, with_footer: bool, metrics) -> Iterator[str]:
    yield _chunk(cid, created, {"role": "assistant", "content": ""})
    for ev in events:
        if ev.type == "delta":
            if ev.text:
                yield _chunk(cid, created, {"content": ev.text})
            continue
        answer = ev.answer
        metrics.observe_answer("chat", answer)
        if with_footer and answer.citations:
            yield _chunk(cid, created, {"content": footer(answer)})
        yield _chunk(cid, created, {}, "stop", usage=_usage(answer), **_extension(answer))
    yield "data: [DONE]\n\n"
