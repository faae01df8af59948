"""Answer backends: the one interface delivery layers (the Slack bot) ask questions through.

``LocalBackend`` calls an in-process :class:`~ragqa.engine.Engine`; ``RemoteBackend`` calls a ragqa service
over HTTP (``POST /v1/ask``, ``POST /v1/feedback``). Both return the same typed :class:`Answer`, so a bot
renders identical replies either way. :mod:`ragqa.wiring` picks one from settings.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ragqa.errors import IndexNotReady, InvalidQuery, Overloaded, ServiceUnavailable
from ragqa.feedback import FeedbackStore
from ragqa.types import Answer, Feedback, Mode, Turn

if TYPE_CHECKING:
    import httpx

    from ragqa.engine import Engine

log = logging.getLogger(__name__)


class AnswerBackend(Protocol):
    """Contract: ``ask`` returns an :class:`Answer` or raises a :class:`~ragqa.errors.RagqaError`
    (``InvalidQuery`` for bad input, ``IndexNotReady`` while loading, ``ServiceUnavailable`` when a remote
    service fails). ``record_feedback`` stores a vote durably where the service counts it."""

    name: str

    def ask(self, question: str, *, top_k: int = 5, history: Sequence[Turn] = (), mode: Mode = "auto") -> Answer: ...

    def record_feedback(self, feedback: Feedback) -> None: ...


class LocalBackend:
    name = "in-process"

    def __init__(self, engine: Engine, store: FeedbackStore) -> None:
        self.engine = engine
        self.store = store

    def ask(self, question: str, *, top_k: int = 5, history: Sequence[Turn] = (), mode: Mode = "auto") -> Answer:
        return self.engine.ask(question, top_k=top_k, history=list(history), mode=mode)

    def record_feedback(self, feedback: Feedback) -> None:
        self.store.record_feedback(feedback)


class RemoteBackend:
    """A ragqa service over HTTP. Votes are kept in the local store too, so none is lost if the
    service is briefly down."""

    name = "remote"

    def __init__(self, base_url: str, store: FeedbackStore, api_key: str | None = None, timeout_s: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.store = store
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout_s

    def _post(self, path: str, body: dict) -> httpx.Response:
        import httpx  # only remote use pays for it (it is a sizeable import on the service's start path)

        try:
            return httpx.post(self.base_url + path, json=body, headers=self._headers, timeout=self._timeout)
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"ragqa service at {self.base_url} unreachable: {type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _detail(resp: httpx.Response) -> str:
        try:
            detail = resp.json().get("detail")
        except ValueError:
            detail = resp.text[:300]
        return detail if isinstance(detail, str) else str(detail)

    def ask(self, question: str, *, top_k: int = 5, history: Sequence[Turn] = (), mode: Mode = "auto") -> Answer:
        body = {"question": question, "top_k": top_k, "mode": mode, "history": [t.model_dump() for t in history]}
        resp = self._post("/v1/ask", body)
        if resp.status_code == 200:
            return Answer.model_validate(resp.json())
        if resp.status_code == 422:
            raise InvalidQuery(self._detail(resp))
        if resp.status_code == 503 and resp.headers.get("retry-after", "").isdigit():
            raise Overloaded(self._detail(resp), retry_after_s=int(resp.headers["retry-after"]))
        if resp.status_code == 503:
            raise IndexNotReady(self._detail(resp))
        raise ServiceUnavailable(f"ragqa service answered {resp.status_code}: {self._detail(resp)}")

    def record_feedback(self, feedback: Feedback) -> None:
        self.store.record_feedback(feedback)
        try:
            resp = self._post("/v1/feedback", feedback.model_dump())
            if resp.status_code >= 300:
                log.warning("ragqa service refused feedback (%s): %s", resp.status_code, self._detail(resp))
        except ServiceUnavailable as exc:
            log.warning("feedback kept locally only: %s", exc)
