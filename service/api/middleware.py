"""Pure ASGI middleware: request ids + access log + unhandled errors, body size limit, bearer-key auth.
Their error bodies come from :mod:`service.api.errors` (OpenAI's shape under ``/v1``)."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
import uuid

from service.api.errors import error_body
from service.logs import request_id_var

log = logging.getLogger("service.access")
# Slack authenticates /slack/events with its own request signature.
# The chat page itself holds no data; the API calls it makes carry the key the user enters.
OPEN_PATHS = frozenset({"/", "/healthz", "/readyz", "/slack/events"})
# Lingering close: how much of a refused request's body is read and discarded, and for how long, so a client
# that writes its whole body before reading (Python's urllib) sees the error reply rather than a reset.
LINGER_BYTES = 16 * 1024 * 1024
LINGER_S = 5.0
# Metrics label values for the method: the client chooses the method, so anything else is "OTHER".
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


async def _send_error(send, scope, status: int, message: str, headers: list | None = None) -> None:
    payload = json.dumps(error_body(scope.get("path") or "", status, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": payload})


def _has_body(scope) -> bool:
    headers = dict(scope.get("headers") or [])
    return headers.get(b"content-length", b"0") not in (b"0", b"") or b"transfer-encoding" in headers


async def _reject(receive, send, scope, status: int, message: str, headers: list | None = None, *,
                  drain: bool, received: int = 0) -> None:
    """Send an error reply while reading and discarding the rest of the request body (bounded in bytes and
    time), as nginx's lingering close does: closing a socket with unread data makes the kernel send a reset,
    and a client still writing its body then never sees the reply.

    The body is drained between the reply's head and its last byte, because uvicorn stops reading a request
    once its response is complete. ``Connection: close`` ends the connection afterwards either way."""
    payload = json.dumps(error_body(scope.get("path") or "", status, message)).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                    (b"connection", b"close")] + (headers or []),
    })
    deadline = time.monotonic() + LINGER_S
    while drain and received <= LINGER_BYTES:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            message = await asyncio.wait_for(receive(), remaining)
        except TimeoutError:
            break
        if message["type"] != "http.request":
            break
        received += len(message.get("body", b""))
        if not message.get("more_body", False):
            break
    await send({"type": "http.response.body", "body": payload})


class RequestContextMiddleware:
    def __init__(self, app, on_response=None) -> None:
        self.app = app
        self.on_response = on_response

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if 0 < len(incoming) <= 128 and incoming.isprintable() else uuid.uuid4().hex
        token = request_id_var.set(rid)
        t0 = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                status["started"] = True
                message["headers"] = list(message.get("headers", [])) + [(b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            # Logged here, under the request's id, and answered here: nothing reaches uvicorn's plain
            # "Exception in ASGI application" (which logs with no request id).
            log.exception("unhandled error", extra={"method": scope.get("method"), "path": scope.get("path")})
            if status["code"] == 500 and not status.get("started"):
                await _send_error(send_wrapper, scope, 500, "internal error; see the server log for request id " + rid)
        finally:
            if self.on_response is not None:
                # The matched route's template (set by routing; "other" for unknown paths) and a known
                # method name, so no client-chosen value becomes a label.
                route = getattr(scope.get("route"), "path", None) or "other"
                method = scope.get("method") if scope.get("method") in METHODS else "OTHER"
                self.on_response(method, route, status["code"])
            log.info(
                "request",
                extra={
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status["code"],
                    "duration_ms": round((time.perf_counter() - t0) * 1000, 2),
                    "client": (scope.get("client") or ["-"])[0],
                },
            )
            request_id_var.reset(token)


class BodyLimitMiddleware:
    """413 for bodies over the limit, whether announced by Content-Length or streamed in chunks.
    ``path_limits`` sets a lower limit for some paths (``/v1/feedback``)."""

    def __init__(self, app, max_bytes: int, path_limits: dict[str, int] | None = None) -> None:
        self.app = app
        self.default_max = max_bytes
        self.path_limits = dict(path_limits or {})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        max_bytes = min(self.default_max, self.path_limits.get(scope.get("path"), self.default_max))
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > max_bytes
            except ValueError:
                return await _send_error(send, scope, 400, "invalid Content-Length header")
            if too_big:
                return await _reject(receive, send, scope, 413, f"request body exceeds {max_bytes} bytes",
                                     drain=int(length) <= LINGER_BYTES)
        state = {"n": 0, "started": False, "rejected": False}

        async def limited_receive():
            if state["rejected"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["n"] += len(message.get("body", b""))
                if state["n"] > max_bytes:
                    # Answer now and tell the app the client left, so nothing else is written.
                    state["rejected"] = True
                    if not state["started"]:
                        state["started"] = True
                        await _reject(receive, send, scope, 413, f"request body exceeds {max_bytes} bytes",
                                      drain=message.get("more_body", False), received=state["n"])
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message):
            if state["rejected"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, limited_receive, tracking_send)


class ApiKeyMiddleware:
    """When keys are configured, every path but the health checks needs ``Authorization: Bearer <key>``."""

    def __init__(self, app, keys: list[str]) -> None:
        self.app = app
        self.keys = [k.encode() for k in keys if k]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.keys or scope.get("path") in OPEN_PATHS:
            return await self.app(scope, receive, send)
        auth = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, token = auth.partition(b" ")
        ok = scheme.lower() == b"bearer" and any(hmac.compare_digest(token.strip(), k) for k in self.keys)
        if not ok:
            return await _reject(receive, send, scope, 401, "missing or invalid API key",
                                 [(b"www-authenticate", b"Bearer")], drain=_has_body(scope))
        return await self.app(scope, receive, send)
