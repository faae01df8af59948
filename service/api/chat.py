"""OpenAI-compatible API: ``POST /v1/chat/completions``, ``POST /v1/completions`` (legacy clients such as
LlamaIndex ``OpenAILike`` with its default ``is_chat_model=False``) and ``GET /v1/models``.

Chat: the last user message is the question; earlier user/assistant turns are history. Completions: the
prompt is the question. The text is the answer with its ``[n]`` markers; a top-level ``citations`` list (the
/v1/ask shape) and a ``ragqa`` object (abstained, mode, degraded, retrieval_query, passages) ride along for
clients that know them. ``usage`` is always there: the LLM's token counts when it reported them, else an
estimate (:func:`estimate_tokens`; ``ragqa.usage_estimated`` says which). Errors use OpenAI's
``{"error": {...}}`` shape (:mod:`service.api.errors`) so SDKs raise their usual exceptions.
"""

from __future__ import annotations

import json
import math
import re
import time
import uuid
from collections.abc import Iterator

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from ragqa import MAX_HISTORY_TURNS, MAX_TURN_CHARS, Answer, Engine, StreamEvent, Turn
from service.api.deps import EngineDep, MetricsDep
from service.api.errors import error_response
from service.api.schemas import (
    WHITESPACE,
    ChatRequest,
    CompletionRequest,
    OpenAIErrorResponse,
    OpenAIRequestBase,
)
from service.api.streaming import closing_stream, unless_gone

MODEL_ID = "ragqa"
CREATED = 1_735_689_600  # fixed "created" for the model list (2025-01-01)
chat = APIRouter(prefix="/v1", tags=["openai-compatible"])
_FOOTER = re.compile(r"\n\n(?:Sources|출처):\n(?:\[\d+\][^\n]*\n?)+\s*$")
_SSE = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _err(description: str) -> dict:
    return {"model": OpenAIErrorResponse, "description": description}


ERRORS = {
    400: _err("Invalid request (a field, the conversation, or the question)"),
    401: _err("Missing or invalid API key (when RAGQA_API__API_KEYS is set)"),
    404: _err("Unknown model (code model_not_found)"),
    413: _err("Body larger than RAGQA_API__MAX_BODY_BYTES"),
    503: _err("Index not loaded yet"),
}
STREAM_OK = {200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE chunks when stream=true"}}

# Per piece: a Hangul/kana/CJK character, a run of Latin letters, a run of digits, any other visible character.
_TOKEN_PIECES = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]"
                           r"|[A-Za-z]+|\d+|[^\sA-Za-z\d]")
CJK_TOKENS = 1.35  # cl100k_base spends about this much per Hangul syllable on this corpus


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate of the tokens in ``text`` (extractive answers have no LLM to count them):
    1.35 per Hangul/kana/CJK character, one per 6 Latin letters (rounded up per word), one per 3 digits,
    one per other visible character. README "Chat" gives its measured agreement with cl100k_base;
    ``ragqa.usage_estimated`` tells clients it is an estimate."""
    n = 0.0
    for m in _TOKEN_PIECES.finditer(text):
        piece = m.group(0)
        if piece[0].isascii() and piece[0].isalpha():
            n += math.ceil(len(piece) / 6)
        elif piece[0].isascii() and piece[0].isdigit():
            n += math.ceil(len(piece) / 3)
        elif piece[0].isascii() or not piece[0].isalpha():
            n += 1
        else:
            n += CJK_TOKENS
    return math.ceil(n)


def usage_of(answer: Answer, prompt_text: str, completion_text: str) -> tuple[dict, bool]:
    """(OpenAI ``usage``, estimated?): the LLM's counts when it gave them, else an estimate of the text the
    client sent and the text it got back."""
    u = answer.usage
    if u.get("prompt_tokens") is not None and u.get("completion_tokens") is not None:
        prompt, completion = u["prompt_tokens"], u["completion_tokens"]
        return {"prompt_tokens": prompt, "completion_tokens": completion,
                "total_tokens": u.get("total_tokens", prompt + completion)}, False
    prompt, completion = estimate_tokens(prompt_text), estimate_tokens(completion_text)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}, True


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


def _extension(answer: Answer, usage_estimated: bool | None = None) -> dict:
    ext = {
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
    if usage_estimated is not None:
        ext["ragqa"]["usage_estimated"] = usage_estimated
    return ext


def _conversation(body: ChatRequest) -> tuple[str, list[Turn]]:
    """The last user message with text is the question (the request's validator made sure there is one);
    user/assistant turns before it are history; anything after it (a trailing assistant or tool message)
    is ignored."""
    last = max(i for i, m in enumerate(body.messages) if m.role == "user" and m.text().strip(WHITESPACE))
    history = []
    for m in body.messages[:last]:
        if m.role in ("user", "assistant") and m.text().strip():
            content = _FOOTER.sub("", m.text()) if m.role == "assistant" else m.text()
            history.append(Turn(role=m.role, content=content[:MAX_TURN_CHARS]))
    return body.messages[last].text(), history[-MAX_HISTORY_TURNS:]


def _unknown_model(request: Request, body: OpenAIRequestBase) -> JSONResponse | None:
    if body.model == MODEL_ID:
        return None
    return error_response(request.url.path, 404,
                          f"The model {body.model!r} does not exist; this service serves {MODEL_ID!r}",
                          param="model", code="model_not_found")


@chat.get("/models", responses={401: ERRORS[401]})
def models() -> dict:
    return {"object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "ragqa"}]}


class _Reply:
    """One request's answer turned into OpenAI objects: ``chat.completion(.chunk)`` or ``text_completion``."""

    def __init__(self, body: OpenAIRequestBase, prompt_text: str, chat_api: bool, metrics) -> None:
        self.body = body
        self.prompt_text = prompt_text
        self.chat_api = chat_api
        self.metrics = metrics
        self.id = ("chatcmpl-" if chat_api else "cmpl-") + uuid.uuid4().hex
        self.created = int(time.time())
        self.include_usage = bool(body.stream_options and body.stream_options.include_usage)

    def _kwargs(self, history: list[Turn]) -> dict:
        b = self.body
        return {"top_k": b.top_k, "history": history, "mode": b.mode, "temperature": b.temperature,
                "max_tokens": b.max_tokens}

    def _obj(self, chunk: bool) -> str:
        if self.chat_api:
            return "chat.completion.chunk" if chunk else "chat.completion"
        return "text_completion"

    def _choice(self, text: str | None, finish: str | None, chunk: bool, role: bool = False) -> dict:
        if not self.chat_api:
            return {"index": 0, "text": text or "", "logprobs": None, "finish_reason": finish}
        if chunk:
            delta = ({"role": "assistant"} if role else {}) | ({"content": text} if text is not None else {})
            return {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
        return {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish,
                "logprobs": None}

    async def respond(self, request: Request, engine: Engine, question: str, history: list[Turn]):
        if self.body.stream:  # ask_stream raises (-> 4xx/503) before streaming
            events = await anyio.to_thread.run_sync(lambda: engine.ask_stream(question, **self._kwargs(history)))
            return StreamingResponse(closing_stream(events, self._stream(events)), media_type="text/event-stream", headers=_SSE)
        answer = await unless_gone(request, lambda cancel: engine.ask(question, cancel=cancel,
                                                                      **self._kwargs(history)))
        self.metrics.observe_answer("chat", answer)
        text = answer.answer + (footer(answer) if self.body.sources_footer else "")
        usage, estimated = usage_of(answer, self.prompt_text, text)
        return {"id": self.id, "object": self._obj(False), "created": self.created, "model": MODEL_ID,
                "choices": [self._choice(text, "stop", chunk=False)], "usage": usage,
                **_extension(answer, estimated)}

    def _chunk(self, choices: list[dict], **extra) -> str:
        payload = {"id": self.id, "object": self._obj(True), "created": self.created, "model": MODEL_ID,
                   "choices": choices, **extra}
        if self.include_usage:  # OpenAI: with include_usage every chunk has "usage", null until the last
            payload.setdefault("usage", None)
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    def _stream(self, events: Iterator[StreamEvent]) -> Iterator[str]:
        if self.chat_api:
            yield self._chunk([self._choice("", None, chunk=True, role=True)])
        sent: list[str] = []
        for ev in events:
            if ev.type == "delta":
                if ev.text:
                    sent.append(ev.text)
                    yield self._chunk([self._choice(ev.text, None, chunk=True)])
                continue
            answer = ev.answer
            self.metrics.observe_answer("chat", answer)
            if self.body.sources_footer and answer.citations:
                sent.append(footer(answer))
                yield self._chunk([self._choice(sent[-1], None, chunk=True)])
            usage, estimated = usage_of(answer, self.prompt_text, "".join(sent))
            yield self._chunk([self._choice(None if self.chat_api else "", "stop", chunk=True)],
                              **_extension(answer, estimated))
            if self.include_usage:
                yield self._chunk([], usage=usage)
        yield "data: [DONE]\n\n"


@chat.post("/chat/completions", responses={**ERRORS, **STREAM_OK})
async def completions(request: Request, body: ChatRequest, engine: EngineDep, metrics: MetricsDep):
    if (refused := _unknown_model(request, body)) is not None:
        return refused
    question, history = _conversation(body)
    prompt_text = "\n".join(m.text() for m in body.messages)
    return await _Reply(body, prompt_text, chat_api=True, metrics=metrics).respond(request, engine, question, history)


@chat.post("/completions", responses={**ERRORS, **STREAM_OK})
async def text_completions(request: Request, body: CompletionRequest, engine: EngineDep, metrics: MetricsDep):
    """Legacy completions: the prompt is the question (no history); the answer, citations and usage as in
    chat."""
    if (refused := _unknown_model(request, body)) is not None:
        return refused
    prompt = body.text()
    return await _Reply(body, prompt, chat_api=False, metrics=metrics).respond(request, engine, prompt, [])
