"""Dependencies: the engine held by the app, ready or not; the feedback store, metrics and rate limit.

`async def` where they only read app state: FastAPI runs sync dependencies on a worker thread, which would
make even /metrics wait for a free thread when every thread is busy."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from ragqa import Engine, FeedbackStore
from service.metrics import ServiceMetrics


async def get_engine(request: Request) -> Engine:
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None or not engine.ready:
        error = getattr(request.app.state, "load_error", None)
        raise HTTPException(status_code=503, detail=f"index not loaded{': ' + error if error else ' yet'}")
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


async def get_store(request: Request) -> FeedbackStore:
    return request.app.state.store


async def get_metrics(request: Request) -> ServiceMetrics:
    return request.app.state.metrics


def client_key(request: Request) -> str:
    """Who is asking, for per-client limits: the API key when one was sent (hashed; the key middleware has
    checked it when keys are configured), else the peer address (behind a proxy: the proxy's)."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and auth[7:].strip():
        return "key:" + hashlib.sha256(auth[7:].strip().encode()).hexdigest()[:16]
    return "ip:" + (request.client.host if request.client else "-")


def feedback_rate_limit(request: Request) -> None:
    limiter = request.app.state.feedback_limiter
    wait = limiter.check(client_key(request))
    if wait:
        raise HTTPException(status_code=429, headers={"Retry-After": str(limiter.seconds(wait))},
                            detail=f"too many votes from this client: at most {limiter.count} per "
                                   f"{limiter.window_s:g} s (RAGQA_FEEDBACK__RATE_LIMIT_COUNT)")


StoreDep = Annotated[FeedbackStore, Depends(get_store)]
MetricsDep = Annotated[ServiceMetrics, Depends(get_metrics)]
