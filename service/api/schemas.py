"""Request and response schemas of the HTTP API (v1). Bad input is rejected by validation with a 422
that names the field. Every limit and enum comes from the engine (``ragqa.types``), and the response
models are the engine's own types, so the API and the engine cannot disagree. ``top_k`` has no upper
bound here: the engine checks it against ``RAGQA_RETRIEVAL__MAX_TOP_K`` / ``RAGQA_ANSWER__MAX_TOP_K``
(also a 422), so raising a setting raises what the API accepts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from ragqa import (
    MAX_ANSWER_CHARS,
    MAX_GENERATION_TOKENS,
    MAX_HISTORY_TURNS,
    MAX_QUERY_CHARS,
    MAX_TEMPERATURE,
    MAX_TURN_CHARS,
    Answer,
    Mode,
    Passage,
    Role,
    Vote,
)

MAX_TEXT = MAX_QUERY_CHARS


def _clean_text(v: str) -> str:
    if "\x00" in v:
        raise ValueError("must not contain NUL characters")
    v = v.strip()
    if not v:
        raise ValueError("must not be empty or blank")
    if len(v) > MAX_TEXT:
        raise ValueError(f"must be at most {MAX_TEXT} characters after trimming, got {len(v)}")
    return v


def _no_nul(v: str) -> str:
    if "\x00" in v:
        raise ValueError("must not contain NUL characters")
    return v


QueryText = Annotated[StrictStr, Field(max_length=MAX_TEXT * 2), AfterValidator(_clean_text)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RetrieveRequest(_Request):
    query: QueryText
    top_k: StrictInt = Field(10, ge=1, description="at most RAGQA_RETRIEVAL__MAX_TOP_K (default 100)")


class HistoryTurn(_Request):
    role: Role
    content: Annotated[StrictStr, Field(max_length=MAX_TURN_CHARS), AfterValidator(_no_nul)]


class AskRequest(_Request):
    question: QueryText
    top_k: StrictInt = Field(5, ge=1, description="at most RAGQA_ANSWER__MAX_TOP_K (default 20)")
    history: list[HistoryTurn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)
    mode: Mode = "auto"
    stream: StrictBool = False


class ChatContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: Annotated[StrictStr, Field(max_length=MAX_TURN_CHARS), AfterValidator(_no_nul)]


class ChatMessage(BaseModel):
    # OpenAI clients send fields we do not use (name, tool_calls, ...): ignored, not refused.
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: Annotated[StrictStr, Field(max_length=MAX_TURN_CHARS), AfterValidator(_no_nul)] | list[ChatContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content)
        return self.content or ""


class ChatRequest(BaseModel):
    """OpenAI chat request. Standard fields ragqa has no use for (stop, presence_penalty, user, ...) are
    accepted and ignored so that any OpenAI client works; ``top_k``, ``mode`` and ``sources_footer`` are
    ragqa extensions (``extra_body`` in the OpenAI SDK)."""

    model_config = ConfigDict(extra="ignore")
    model: StrictStr = "ragqa"
    messages: list[ChatMessage] = Field(min_length=1, max_length=100)
    stream: StrictBool = False
    temperature: float | None = Field(None, ge=0, le=MAX_TEMPERATURE)
    max_tokens: int | None = Field(None, ge=1, le=MAX_GENERATION_TOKENS)
    n: int | None = Field(None, ge=1, le=1, description="only one choice is produced")
    top_k: StrictInt = Field(5, ge=1, description="at most RAGQA_ANSWER__MAX_TOP_K (default 20)")
    mode: Mode = "auto"
    sources_footer: StrictBool = Field(False, description="append a plain-text Sources list to the content")


class FeedbackRequest(_Request):
    vote: Vote
    question: QueryText
    answer: Annotated[StrictStr, Field(max_length=MAX_ANSWER_CHARS), AfterValidator(_no_nul)]
    user: Annotated[StrictStr, Field(max_length=200), AfterValidator(_no_nul)] = ""
    source: Annotated[StrictStr, Field(pattern=r"^[a-z0-9_-]{1,32}$")] = "api"
    answer_id: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")] | None = None
    channel: Annotated[StrictStr, Field(max_length=200), AfterValidator(_no_nul)] | None = None


class FeedbackResponse(BaseModel):
    stored: bool
    first_vote: bool


# Responses are the engine's types (the shared-base pattern): one definition of each field.
AskResponse = Answer


class RetrieveResponse(BaseModel):
    passages: list[Passage]
    timings_ms: dict[str, float]


class ErrorResponse(BaseModel):
    detail: str | list


class HealthResponse(BaseModel):
    status: str


class ReadyResponse(BaseModel):
    status: str
    index: dict | None = None
    error: str | None = None
    loading: list[str] | None = Field(None, description="Parts still loading: embedder, tokenizer, index, warm-up")
