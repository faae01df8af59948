"""Embedding backends behind one interface (:class:`ragqa.embeddings.base.Embedder`)."""

from ragqa.embeddings.base import Embedder, EmbeddingCache

__all__ = ["Embedder", "EmbeddingCache"]
