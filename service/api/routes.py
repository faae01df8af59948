"""Routes: request model -> one engine call -> response model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

import anyio.to_thread
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse

from ragqa import Answer, Feedback, StreamEvent, Turn
from service.api.deps import EngineDep, MetricsDep, StoreDep, feedback_rate_limit
from service.api.schemas import (
    AskRequest,
    AskResponse,
    ErrorResponse,
    FeedbackRequest,
    FeedbackResponse,
    HealthResponse,
    ReadyResponse,
    RetrieveRequest,
    RetrieveResponse,
)
from service.api.streaming import closing_stream, unless_gone
from service.metrics import CONTENT_TYPE

health = APIRouter(tags=["health"])
web = APIRouter(tags=["web"])
CHAT_PAGE = resources.files("service.web").joinpath("index.html")
ops = APIRouter(tags=["operations"])
v1 = APIRouter(prefix="/v1", tags=["v1"])

ERRORS = {
    400: {"model": ErrorResponse, "description": "Malformed request (an invalid Content-Length)"},
    401: {"model": ErrorResponse, "description": "Missing or invalid API key (when RAGQA_API__API_KEYS is set)"},
    413: {"model": ErrorResponse, "description": "Body larger than RAGQA_API__MAX_BODY_BYTES"},
    422: {"model": ErrorResponse, "description": "Invalid input; `detail` lists the fields"},
    503: {"model": ErrorResponse, "description": "Index not loaded"},
}
FEEDBACK_ERRORS = {
    **{k: v for k, v in ERRORS.items() if k != 503},
    413: {"model": ErrorResponse, "description": "Body larger than RAGQA_FEEDBACK__MAX_BODY_BYTES"},
    429: {"model": ErrorResponse, "description": "Too many votes from this client; see Retry-After",
          "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}},
}


# Health, readiness and metrics are `async def`: they run on the event loop, never waiting for a worker
# thread, so they answer at once even while every thread is busy (a slow LLM, a burst of questions).
@health.get("/healthz", response_model=HealthResponse)
async def healthz() -> HealthResponse:
    return HealthResponse(status="ok")


@health.get("/readyz", response_model=ReadyResponse, responses={503: {"model": ReadyResponse}})
async def readyz(request: Request):
    engine = getattr(request.app.state, "engine", None)
    if engine is not None and engine.ready:
        return ReadyResponse(status="ready", index=engine.status())
    error = getattr(request.app.state, "load_error", None)
    starting = getattr(request.app.state, "starting", None)
    body = ReadyResponse(status="loading" if error is None else "error", error=error,
                         loading=starting.loading if starting is not None and error is None else None)
    return JSONResponse(status_code=503, content=body.model_dump())


@v1.post("/retrieve", response_model=RetrieveResponse, responses=ERRORS)
def retrieve(body: RetrieveRequest, engine: EngineDep) -> RetrieveResponse:
    result = engine.retrieve(body.query, top_k=body.top_k)
    return RetrieveResponse.model_validate(result.model_dump())


def _answer_out(answer: Answer) -> AskResponse:
    return AskResponse.model_validate(answer.model_dump())


def _sse(events: Iterator[StreamEvent], metrics) -> Iterator[str]:
    for ev in events:
        if ev.type == "delta":
            yield f"event: delta\ndata: {json.dumps({'text': ev.text}, ensure_ascii=False)}\n\n"
        else:
            metrics.observe_answer("http", ev.answer)
            yield f"event: final\ndata: {_answer_out(ev.answer).model_dump_json()}\n\n"


@v1.post(
    "/ask",
    response_model=AskResponse,
    responses={**ERRORS, 200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE when stream=true"}},
)
async def ask(request: Request, body: AskRequest, engine: EngineDep, metrics: MetricsDep):
    history = [Turn(role=t.role, content=t.content) for t in body.history]
    if body.stream:
        events = await anyio.to_thread.run_sync(lambda: engine.ask_stream(
            body.question, top_k=body.top_k, history=history, mode=body.mode))
        return StreamingResponse(
            closing_stream(events, _sse(events, metrics), ": ragqa\n\n"), media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    answer = await unless_gone(request, lambda cancel: engine.ask(
        body.question, top_k=body.top_k, history=history, mode=body.mode, cancel=cancel))
    metrics.observe_answer("http", answer)
    return _answer_out(answer)


@v1.post("/feedback", status_code=201, response_model=FeedbackResponse, responses=FEEDBACK_ERRORS,
         dependencies=[Depends(feedback_rate_limit)])
def feedback(body: FeedbackRequest, store: StoreDep) -> FeedbackResponse:
    first = store.record_feedback(Feedback(**body.model_dump()))
    return FeedbackResponse(stored=True, first_vote=first)


@ops.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}, 401: ERRORS[401]})
async def metrics_text(metrics: MetricsDep) -> Response:
    return Response(metrics.render(), media_type=CONTENT_TYPE)


@v1.get("/index", responses=ERRORS)
def index_info(engine: EngineDep) -> dict:
    return engine.status()


@web.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page() -> HTMLResponse:
    """The web chat (one static file; it talks to /v1/ask with streaming and to /v1/feedback)."""
    return HTMLResponse(CHAT_PAGE.read_text(encoding="utf-8"), headers={
        "Cache-Control": "no-cache",
        "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                   "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
    })
