"""Scheduling logic of BatchingEmbedder with a slow fake model (the real models are in the contract tests)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from ragqa.embeddings.batching import BatchingEmbedder
from ragqa.errors import Overloaded


class SlowModel:
    backend = "fake"
    model = "slow"
    dim = 4
    identity = {"backend": "fake", "model": "slow", "dim": 4}

    def __init__(self, delay: float = 0.05) -> None:
        self.delay = delay
        self.calls: list[tuple[str, int, str]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.loaded_on: str | None = None

    def load(self) -> None:
        self.loaded_on = threading.current_thread().name

    def _vec(self, texts):
        self.gate.wait(10)
        time.sleep(self.delay)
        return np.array([[len(t), hash(t) % 97, 1.0, 0.0] for t in texts], dtype=np.float32)

    def embed_queries(self, texts):
        self.calls.append(("q", len(texts), threading.current_thread().name))
        return self._vec(texts)

    def embed_passages(self, texts):
        self.calls.append(("p", len(texts), threading.current_thread().name))
        return self._vec(texts)


def test_one_owner_thread_and_concurrent_queries_share_calls():
    model = SlowModel()
    emb = BatchingEmbedder(model, max_batch=32)
    emb.load()
    assert model.loaded_on == "ragqa-embedder"
    texts = [f"질문 {i}" * (i + 1) for i in range(16)]
    with ThreadPoolExecutor(16) as pool:
        out = list(pool.map(lambda t: emb.embed_queries([t])[0], texts))
    expected = model._vec(texts)
    assert np.array_equal(np.stack(out), expected)  # each caller gets its own row
    query_calls = [c for c in model.calls if c[0] == "q"]
    assert {c[2] for c in model.calls} == {"ragqa-embedder"}
    assert len(query_calls) < 16 and max(c[1] for c in query_calls) > 1
    emb.close()


def test_max_batch_is_respected_and_a_lone_query_does_not_wait():
    model = SlowModel(delay=0.0)
    emb = BatchingEmbedder(model, max_batch=4)
    emb.load()
    model.gate.clear()  # hold the worker so queries pile up
    with ThreadPoolExecutor(10) as pool:
        futs = [pool.submit(emb.embed_queries, [f"q{i}"]) for i in range(10)]
        time.sleep(0.2)
        model.gate.set()
        assert all(f.result(5).shape == (1, 4) for f in futs)
    assert max(c[1] for c in model.calls if c[0] == "q") <= 4
    t0 = time.perf_counter()
    emb.embed_queries(["alone"])
    assert time.perf_counter() - t0 < 0.5
    emb.close()


def test_full_queue_is_refused_at_once():
    model = SlowModel(delay=0.0)
    emb = BatchingEmbedder(model, max_batch=1, max_queue=2)
    emb.load()
    model.gate.clear()
    pool = ThreadPoolExecutor(4)
    first = pool.submit(emb.embed_queries, ["busy"])  # taken by the worker, blocked in the model
    time.sleep(0.1)
    waiting = [pool.submit(emb.embed_queries, [f"w{i}"]) for i in range(2)]
    time.sleep(0.1)
    t0 = time.perf_counter()
    with pytest.raises(Overloaded) as err:
        emb.embed_queries(["one too many"])
    assert time.perf_counter() - t0 < 0.5 and err.value.retry_after_s >= 1 and "queue is full" in str(err.value)
    model.gate.set()
    assert first.result(5).shape == (1, 4) and all(w.result(5).shape == (1, 4) for w in waiting)
    pool.shutdown()
    emb.close()


def test_errors_reach_every_caller_of_the_batch_and_the_worker_survives():
    class Failing(SlowModel):
        def embed_queries(self, texts):
            if any("boom" in t for t in texts):
                raise ValueError("model failed")
            return super().embed_queries(texts)

    emb = BatchingEmbedder(Failing(delay=0.0))
    with pytest.raises(ValueError, match="model failed"):
        emb.embed_queries(["boom"])
    assert emb.embed_queries(["fine"]).shape == (1, 4)
    emb.close()


def test_passages_are_never_mixed_with_queries():
    model = SlowModel(delay=0.01)
    emb = BatchingEmbedder(model)
    with ThreadPoolExecutor(8) as pool:
        futs = [pool.submit(emb.embed_passages if i % 2 else emb.embed_queries, [f"t{i}", f"u{i}"]) for i in range(8)]
        assert all(f.result(5).shape == (2, 4) for f in futs)
    total = {"q": 0, "p": 0}
    for kind, n, _ in model.calls:
        total[kind] += n
    assert total == {"q": 8, "p": 8}
    emb.close()
