"""FastAPI app factory. Models and the index load once, in the lifespan (in a worker thread, so
/healthz answers at once and /readyz turns 200 when loading is done)."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ragqa import (
    Engine,
    IndexNotReady,
    InvalidQuery,
    Overloaded,
    RagqaError,
    Settings,
    build_engine,
    load_settings,
    make_backend,
    make_feedback_store,
)
from service.api.chat import chat, openai_error
from service.api.logs import configure_logging
from service.api.middleware import ApiKeyMiddleware, BodyLimitMiddleware, RequestContextMiddleware
from service.api.routes import health, ops, v1, web
from service.metrics import ServiceMetrics

log = logging.getLogger("service.api")


def _load(app: FastAPI, engine: Engine, already_started: bool, build: str) -> None:
    # Set before starting: if the first load fails, the engine's watcher may still load a later build,
    # and the routes check engine.ready.
    app.state.engine = engine
    try:
        if not already_started:
            engine.start(build=build)
        log.info("engine ready: build %s, %s", engine.status().get("build"), engine.status().get("counts"))
    except RagqaError as exc:
        app.state.load_error = str(exc)
        log.error("index not loaded: %s", exc)
    except Exception as exc:  # keep the process up and say why in /readyz
        app.state.load_error = f"{type(exc).__name__}: {exc}"
        log.exception("engine failed to start")


def _mount_slack(app: FastAPI, settings: Settings, engine: Engine, store, metrics: ServiceMetrics) -> None:
    s = settings.slack
    if not s.http_enabled:
        if s.bot_token is not None:
            log.warning("Slack events endpoint not mounted: SLACK_SIGNING_SECRET is not set (use `ragqa slack` "
                        "for Socket Mode)")
        return
    # Imported only when configured, so the API runs without slack-bolt in the picture.
    from service.slack.app import create_slack_app
    from service.slack.http import slack_router

    bolt = create_slack_app(settings, make_backend(settings, engine=engine, store=store), store, metrics)
    app.include_router(slack_router(bolt, s.signing_secret.get_secret_value() if s.signing_secret else None))
    log.info("Slack events endpoint mounted at /slack/events (Web API %s)", s.api_base_url)


def create_app(engine: Engine | None = None, settings: Settings | None = None,
               build: Literal["never", "if-needed", "always"] = "never") -> FastAPI:
    """``settings`` defaults to the engine's; pass both to run an engine under other service settings
    (API keys, Slack). An engine not started yet starts in the background once the server listens
    (``build`` says whether it may build a missing or stale index first), so /healthz answers at once and
    /readyz names what is still loading."""
    settings = settings or (engine.settings if engine else load_settings())
    configure_logging(settings.api.log_level)
    eng = engine or build_engine(settings)
    store = make_feedback_store(settings)
    metrics = ServiceMetrics(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.engine = None
        app.state.load_error = None
        app.state.starting = eng
        started_outside = eng.ready
        task = asyncio.get_running_loop().run_in_executor(None, _load, app, eng, started_outside, build)
        app.state.loading = task
        yield
        if not task.done():
            await asyncio.wait({task}, timeout=30)
        if not started_outside:  # an engine this app started is this app's to stop
            eng.close()

    app = FastAPI(
        title="ragqa",
        version="1",
        summary="Questions over a document corpus, answered with validated inline [n] citations",
        lifespan=lifespan,
    )

    def _openai(request: Request) -> bool:
        return request.url.path.startswith("/v1/chat/")

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        if _openai(request):
            first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
            where = ".".join(str(p) for p in first["loc"] if p != "body")
            return openai_error(400, f"{where}: {first['msg']}" if where else first["msg"], param=where or None)
        return JSONResponse(status_code=422, content={"detail": errors})

    @app.exception_handler(InvalidQuery)
    async def _invalid(request: Request, exc: InvalidQuery):
        if _openai(request):
            return openai_error(400, str(exc))
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(IndexNotReady)
    async def _not_ready(request: Request, exc: IndexNotReady):
        if _openai(request):
            return openai_error(503, str(exc), type_="service_unavailable")
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(Overloaded)
    async def _overloaded(request: Request, exc: Overloaded):
        headers = {"Retry-After": str(exc.retry_after_s)}
        if _openai(request):
            resp = openai_error(503, str(exc), type_="service_unavailable")
            resp.headers.update(headers)
            return resp
        return JSONResponse(status_code=503, content={"detail": str(exc)}, headers=headers)

    app.state.store = store
    app.state.metrics = metrics
    app.include_router(web)
    app.include_router(health)
    app.include_router(ops)
    app.include_router(v1)
    app.include_router(chat)
    _mount_slack(app, settings, eng, store, metrics)
    # Order: outermost first at request time -> request id/log, then auth, then body limit.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.api.max_body_bytes)
    app.add_middleware(ApiKeyMiddleware, keys=[k.get_secret_value() for k in settings.api.api_keys])
    app.add_middleware(
        RequestContextMiddleware,
        on_response=lambda method, route, status: metrics.http_requests.labels(method, route, str(status)).inc(),
    )
    return app
