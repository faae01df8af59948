"""Dependencies: the engine held by the app, ready or not.

`async def` because they only read app state: FastAPI runs sync dependencies on a worker thread, which would
make even /metrics wait for a free thread when every thread is busy."""

from __future__ import annotations

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


StoreDep = Annotated[FeedbackStore, Depends(get_store)]
MetricsDep = Annotated[ServiceMetrics, Depends(get_metrics)]
