"""Embedding helpers shared by the embedder backends, and a content-addressed embedding cache.

The ``Embedder`` interface itself lives in :mod:`ragqa.interfaces` (re-exported here)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ragqa.interfaces import Embedder

__all__ = ["Embedder", "EmbeddingCache", "embed_passages_cached", "embed_queries_cached", "l2_normalize"]


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class EmbeddingCache:
    """SQLite cache of passage vectors keyed by (embedder identity, sha256 of the text).

    Re-ingesting an unchanged corpus then embeds nothing; a changed chunk re-embeds only itself.
    SQLite gives atomic writes, so a crash mid-ingest never leaves a corrupt cache.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS emb (model TEXT, key TEXT, dim INTEGER, vec BLOB, PRIMARY KEY(model, key))"
            )
            self._conn = conn
        return self._conn

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._lock:
            db = self._db()
            for i in range(0, len(keys), 500):
                part = list(keys[i : i + 500])
                q = f"SELECT key, dim, vec FROM emb WHERE model=? AND key IN ({','.join('?' * len(part))})"
                for k, dim, blob in db.execute(q, [model, *part]):
                    out[k] = np.frombuffer(blob, dtype=np.float32, count=dim).copy()
        return out

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._lock:
            db = self._db()
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO emb (model, key, dim, vec) VALUES (?, ?, ?, ?)",
                    [(model, k, int(v.shape[0]), v.astype(np.float32).tobytes()) for k, v in items.items()],
                )

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _model_key(embedder: Embedder, **extra: str) -> str:
    return "|".join(f"{k}={v}" for k, v in sorted({**embedder.identity, **extra}.items()))


def _embed_cached(embed: Callable[[list[str]], np.ndarray], dim: int, model_key: str, texts: Sequence[str],
                  cache: EmbeddingCache | None, batch_size: int, progress: Callable[[int], None] | None = None,
                  skip_broken_cache: bool = False) -> tuple[np.ndarray, int]:
    """``embed`` the texts the cache lacks, batch by batch, storing each batch; returns (matrix, number
    embedded). With ``skip_broken_cache`` a cache that cannot be read or written is dropped instead of failing."""
    keys = [EmbeddingCache.key(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    if cache is not None:
        try:
            found = cache.get_many(model_key, keys)
        except (sqlite3.Error, OSError):
            if not skip_broken_cache:
                raise
            cache = None
    missing = [i for i, k in enumerate(keys) if k not in found]
    if progress and len(texts) - len(missing):
        progress(len(texts) - len(missing))
    for b in range(0, len(missing), batch_size):
        idx = missing[b : b + batch_size]
        batch = {keys[i]: v for i, v in zip(idx, embed([texts[i] for i in idx]), strict=True)}
        found.update(batch)
        if cache is not None:
            try:
                cache.put_many(model_key, batch)
            except (sqlite3.Error, OSError):
                if not skip_broken_cache:
                    raise
                cache = None
        if progress:
            progress(len(idx))
    if not texts:
        return np.zeros((0, dim), dtype=np.float32), 0
    return np.stack([found[k] for k in keys]).astype(np.float32), len(missing)


def embed_passages_cached(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache | None,
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, int]:
    """Embed passages, reusing cached vectors; returns (matrix, number actually embedded)."""
    return _embed_cached(embedder.embed_passages, embedder.dim, _model_key(embedder), texts, cache, batch_size,
                         progress)


def embed_queries_cached(embedder: Embedder, texts: Sequence[str], cache: EmbeddingCache | None,
                         batch_size: int = 64) -> np.ndarray:
    """Embed short texts as queries (the term bridge's corpus vocabulary), reusing vectors cached under the
    embedder's identity marked ``kind=query`` (a query and a passage of the same text embed differently). A
    cache that cannot be read or written (a read-only directory) is skipped: the vectors are only embedded."""
    return _embed_cached(embedder.embed_queries, embedder.dim, _model_key(embedder, kind="query"), texts, cache,
                         batch_size, skip_broken_cache=True)[0]
