"""FastAPI app factory. Models and the index load once, in the lifespan (in a worker thread, so
/healthz answers at once and /readyz turns 200 when loading is done)."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

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
from service.api.chat import chat
from service.api.errors import error_response, is_openai_path
from service.api.middleware import ApiKeyMiddleware, BodyLimitMiddleware, RequestContextMiddleware
from service.api.routes import health, ops, v1, web
from service.api.schemas import TOP_K_SETTING
from service.logs import configure_logging
from service.metrics import ServiceMetrics
from service.ratelimit import RateLimiter

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


def _document_limits(app: FastAPI, settings: Settings) -> None:
    """The top_k limits are settings the engine checks (so raising one raises what the API accepts); the
    OpenAPI document states the running values, so the schema and the behaviour agree. The OpenAI routes
    lose FastAPI's automatic 422 (they answer 400, documented)."""
    build = app.openapi
    maxima = {"retrieval": settings.retrieval.max_top_k, "answer": settings.answer.max_top_k}

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            for path, operations in schema.get("paths", {}).items():
                if is_openai_path(path):  # they answer 400 where FastAPI assumes a 422
                    for op in operations.values():
                        op.get("responses", {}).pop("422", None)
            for component in schema.get("components", {}).get("schemas", {}).values():
                for prop in component.get("properties", {}).values():
                    if (which := prop.pop(TOP_K_SETTING, None)) is not None:
                        prop["maximum"] = maxima[which]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi


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

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
        # field names and indexes; pydantic's union-member tags ("function-after[...]", "list[...]") dropped
        where = ".".join(str(p) for p in first["loc"] if p != "body" and (isinstance(p, int) or p.isidentifier()))
        message = f"{where}: {first['msg']}" if where else first["msg"]
        path = request.url.path
        # OpenAI's routes answer 400 as OpenAI does; the native API keeps its 422 with the full list.
        return error_response(path, 400 if is_openai_path(path) else 422, message, detail=errors,
                              param=where or None)

    @app.exception_handler(InvalidQuery)
    async def _invalid(request: Request, exc: InvalidQuery):
        path = request.url.path
        return error_response(path, 400 if is_openai_path(path) else 422, str(exc))

    @app.exception_handler(IndexNotReady)
    async def _not_ready(request: Request, exc: IndexNotReady):
        return error_response(request.url.path, 503, str(exc))

    @app.exception_handler(Overloaded)
    async def _overloaded(request: Request, exc: Overloaded):
        return error_response(request.url.path, 503, str(exc), headers={"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        """Unknown paths (404), wrong methods (405, with Allow), the index not loaded (503), 429s."""
        path = request.url.path
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found" and path.startswith("/v1/"):
            message = f"Invalid URL ({request.method} {path})"
        elif exc.status_code == 405:
            message = f"Method {request.method} not allowed on {path}; allowed: {(exc.headers or {}).get('Allow', '-')}"
        return error_response(path, exc.status_code, message, headers=exc.headers)

    _document_limits(app, eng.settings)
    app.state.store = store
    app.state.metrics = metrics
    app.state.feedback_limiter = RateLimiter(settings.feedback.rate_limit_count, settings.feedback.rate_limit_window_s)
    app.include_router(web)
    app.include_router(health)
    app.include_router(ops)
    app.include_router(v1)
    app.include_router(chat)
    _mount_slack(app, settings, eng, store, metrics)
    # Order: outermost first at request time -> request id/log, then auth, then body limit.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.api.max_body_bytes,
                       path_limits={"/v1/feedback": settings.feedback.max_body_bytes})
    app.add_middleware(ApiKeyMiddleware, keys=[k.get_secret_value() for k in settings.api.api_keys])
    app.add_middleware(
        RequestContextMiddleware,
        on_response=lambda method, route, status: metrics.http_requests.labels(method, route, str(status)).inc(),
    )
    return app
