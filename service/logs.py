"""Structured JSON logs; every record carries the id of the request being served.

One JSON handler on the root logger, so every library's records (uvicorn, slack_bolt, slack_sdk, httpx)
come out as JSON lines too, never as plain text in the stream. The id is a context variable: set per HTTP
request by the request middleware, per Slack request by the Bolt middleware (the Slack event id when no
HTTP request carries it, as in Socket Mode), and carried into worker threads (``ContextThreadPoolExecutor``).
"""

from __future__ import annotations

import contextvars
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# Loggers that follow the service's level; everything else logs warnings and errors only.
SERVICE_LOGGERS = ("ragqa", "service", "uvicorn", "uvicorn.error", "slack_bolt", "slack_sdk")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": request_id_var.get(),
        }
        for key in ("method", "path", "status", "duration_ms", "client"):
            if hasattr(record, key):
                doc[key] = getattr(record, key)
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    # Plain stream handlers (logging.basicConfig's, the CLI's) would write text into the JSON stream;
    # handlers of other kinds (files, pytest's capture) stay.
    root.handlers[:] = [h for h in root.handlers if type(h) is not logging.StreamHandler]
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level < logging.WARNING:
        root.setLevel(logging.WARNING)
    for name in SERVICE_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.setLevel(level)
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True


class ContextThreadPoolExecutor(ThreadPoolExecutor):
    """Runs each task in a copy of the submitter's context, so its log lines keep the request id."""

    def submit(self, fn, /, *args, **kwargs):
        ctx = contextvars.copy_context()
        return super().submit(ctx.run, fn, *args, **kwargs)
