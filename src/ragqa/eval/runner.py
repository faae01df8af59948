"""Where answers come from: the engine in-process, a running service over HTTP, or a JSONL file of
responses produced elsewhere. All three yield :class:`EvalResponse` objects."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import httpx
from pydantic import BaseModel, ConfigDict, Field

from ragqa.errors import RagqaError, ServiceUnavailable
from ragqa.eval.gold import GoldQuestion
from ragqa.eval.jsonl import read_records
from ragqa.eval.metrics import EvalResponse

if TYPE_CHECKING:
    from ragqa.engine import Engine

RETRIEVE_DEPTH = 10


class ResponseSource(Protocol):
    name: str

    def respond(self, q: GoldQuestion) -> EvalResponse: ...


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


class InProcessSource:
    def __init__(self, engine: Engine, top_k: int = 5, mode: str = "auto") -> None:
        self.engine, self.top_k, self.mode = engine, top_k, mode
        self.name = "in-process"

    def respond(self, q: GoldQuestion) -> EvalResponse:
        try:
            t0 = time.perf_counter()
            ranked = self.engine.retrieve(q.question, top_k=max(RETRIEVE_DEPTH, self.top_k))
            t_ret = _ms(t0)
            t0 = time.perf_counter()
            ans = self.engine.ask(q.question, top_k=self.top_k, mode=self.mode)
            t_ask = _ms(t0)
        except RagqaError as exc:
            return EvalResponse(id=q.id, error=f"{type(exc).__name__}: {exc}")
        return EvalResponse(
            id=q.id, answer=ans.answer, abstained=ans.abstained,
            citations=[c.model_dump() for c in ans.citations], passages=[p.model_dump() for p in ans.passages],
            retrieved=[p.text for p in ranked.passages], latency_ms={"retrieve": t_ret, "ask": t_ask},
            usage=dict(ans.usage), mode=ans.mode, degraded=ans.degraded,
        )


class HttpSource:
    def __init__(self, url: str, top_k: int = 5, mode: str = "auto", api_key: str | None = None,
                 timeout_s: float = 300.0) -> None:
        self.url = url.rstrip("/")
        self.top_k, self.mode = top_k, mode
        self.name = f"http {self.url}"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=self.url, headers=headers, timeout=timeout_s)

    def check(self) -> None:
        try:
            r = self._client.get("/readyz")
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"ragqa service at {self.url} unreachable: {exc}") from exc
        if r.status_code != 200:
            raise ServiceUnavailable(f"ragqa service at {self.url} is not ready ({r.status_code}): {r.text[:300]}")

    def _post(self, path: str, body: dict) -> tuple[dict | None, float, str | None]:
        t0 = time.perf_counter()
        try:
            r = self._client.post(path, json=body)
        except httpx.HTTPError as exc:
            return None, _ms(t0), f"{type(exc).__name__}: {exc}"
        dt = _ms(t0)
        if r.status_code != 200:
            return None, dt, f"HTTP {r.status_code}: {r.text[:300]}"
        return r.json(), dt, None

    def respond(self, q: GoldQuestion) -> EvalResponse:
        ranked, t_ret, err = self._post("/v1/retrieve", {"query": q.question, "top_k": max(RETRIEVE_DEPTH, self.top_k)})
        if err:
            return EvalResponse(id=q.id, error=f"/v1/retrieve: {err}", latency_ms={"retrieve": t_ret})
        body, t_ask, err = self._post("/v1/ask", {"question": q.question, "top_k": self.top_k, "mode": self.mode})
        if err:
            return EvalResponse(id=q.id, error=f"/v1/ask: {err}", latency_ms={"retrieve": t_ret, "ask": t_ask})
        return EvalResponse(
            id=q.id, answer=body["answer"], abstained=body["abstained"], citations=body["citations"],
            passages=body["passages"], retrieved=[p["text"] for p in ranked["passages"]],
            latency_ms={"retrieve": t_ret, "ask": t_ask}, usage=body.get("usage") or {}, mode=body.get("mode"),
            degraded=bool(body.get("degraded")),
        )

    def close(self) -> None:
        self._client.close()


class _PassageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    text: str


class _CitationIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int


class _ResponseIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1)
    answer: str
    abstained: bool = False
    citations: list[_CitationIn] = Field(default_factory=list)
    passages: list[_PassageIn] = Field(default_factory=list)
    latency_ms: dict[str, float] | None = None
    timings_ms: dict[str, float] | None = None
    usage: dict[str, int] = Field(default_factory=dict)
    mode: str | None = None
    degraded: bool = False


class FileSource:
    """Responses produced elsewhere: one JSON object per line, the /v1/ask response plus ``id``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = f"file {self.path}"
        self._by_id: dict[str, EvalResponse] = {}
        for _, r in read_records(self.path, _ResponseIn, "responses file"):
            latency = r.latency_ms or ({"ask": r.timings_ms["total"]} if r.timings_ms and "total" in r.timings_ms else {})
            self._by_id[r.id] = EvalResponse(
                id=r.id, answer=r.answer, abstained=r.abstained,
                citations=[c.model_dump() for c in r.citations], passages=[p.model_dump() for p in r.passages],
                latency_ms=latency, usage=r.usage, mode=r.mode, degraded=r.degraded,
            )

    @property
    def ids(self) -> set[str]:
        return set(self._by_id)

    def respond(self, q: GoldQuestion) -> EvalResponse:
        return self._by_id.get(q.id) or EvalResponse(id=q.id, error="no response for this question in the file")


def run(source: ResponseSource, questions: list[GoldQuestion], progress: bool = True) -> Iterator[EvalResponse]:
    from tqdm import tqdm

    for q in tqdm(questions, desc="eval", unit="q", disable=not progress, leave=False):
        yield source.respond(q)
