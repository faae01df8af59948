"""``POST /slack/events``: Bolt mounted in the HTTP service. Bolt verifies the signature and timestamp
(401 otherwise); dispatch runs in a worker thread so the event loop never waits on it. Two requests Bolt
itself would turn into a 500 are answered here first: a timestamp that is not a number (401, like any
unverifiable request) and a correctly signed body that is not valid JSON (400)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.signature import SignatureVerifier
from starlette.concurrency import run_in_threadpool

PATH = "/slack/events"


def slack_router(bolt_app: App, signing_secret: str | None = None) -> APIRouter:
    router = APIRouter(tags=["slack"])
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    @router.post(PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        if verifier is not None:
            stamp = request.headers.get("x-slack-request-timestamp", "")
            if not stamp.strip().isdigit() or not verifier.is_valid(
                    body, stamp.strip(), request.headers.get("x-slack-signature", "")):
                return JSONResponse(status_code=401, content={"error": "invalid request"})
        try:
            bolt_request = to_bolt_request(request, body)
        except (ValueError, UnicodeDecodeError) as exc:  # json.JSONDecodeError is a ValueError
            return JSONResponse(status_code=400, content={"error": f"body is not a valid Slack request: {exc}"})
        bolt_response = await run_in_threadpool(bolt_app.dispatch, bolt_request)
        return to_starlette_response(bolt_response)

    return router
