"""``POST /slack/events``: Bolt mounted in the HTTP service. Bolt verifies the signature and timestamp
(401 otherwise); dispatch runs in a worker thread so the event loop never waits on it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

PATH = "/slack/events"


def slack_router(bolt_app: App) -> APIRouter:
    router = APIRouter(tags=["slack"])

    @router.post(PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        bolt_response = await run_in_threadpool(bolt_app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    return router
