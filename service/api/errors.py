"""One error body for every edge that answers an HTTP error: route handlers, exception handlers and the
pure-ASGI middleware (auth, body limit, rate limit, unhandled errors).

Under ``/v1`` every error carries OpenAI's ``{"error": {"message", "type", "param", "code"}}`` so OpenAI
SDKs raise their usual exceptions, whichever path or method the client got wrong. The native routes
(``/v1/ask``, ``/v1/retrieve``, ``/v1/feedback``, ``/v1/index`` and unknown ``/v1`` paths) also keep the
``detail`` they always had, so existing clients (``RemoteBackend``, scripts) read what they read before.
The OpenAI routes send ``error`` alone, as OpenAI does. Outside ``/v1`` the body is ``{"detail": ...}``.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

OPENAI_PATHS = ("/v1/chat/", "/v1/completions", "/v1/models")

_TYPES = {
    401: "invalid_request_error",
    429: "rate_limit_error",
    500: "server_error",
    503: "service_unavailable",
}
_CODES = {401: "invalid_api_key", 404: "not_found", 405: "method_not_allowed", 413: "request_too_large",
          429: "rate_limit_exceeded"}


def is_openai_path(path: str) -> bool:
    return path.startswith(OPENAI_PATHS)


def error_body(path: str, status: int, message: str, *, detail: Any = None, type_: str | None = None,
               param: str | None = None, code: str | None = None) -> dict:
    if not path.startswith("/v1/") and path != "/v1":
        return {"detail": message if detail is None else detail}
    body: dict[str, Any] = {"error": {
        "message": message,
        "type": type_ or _TYPES.get(status, "invalid_request_error"),
        "param": param,
        "code": code if code is not None else _CODES.get(status),
    }}
    if not is_openai_path(path):
        body["detail"] = message if detail is None else detail
    return body


def error_response(path: str, status: int, message: str, *, headers: dict[str, str] | None = None,
                   **kw) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_body(path, status, message, **kw), headers=headers)
