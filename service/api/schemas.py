"""Request and response schemas of the HTTP API (v1). Limits live on the models, so bad input is
rejected by validation with a 422 that names the field."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

MAX_TEXT = 4000


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
    top_k: StrictInt = Field(10, ge=1, le=100)


class HistoryTurn(_Request):
    role: Literal["user", "assistant"]
    content: Annotated[StrictStr, Field(max_length=20000), AfterValidator(_no_nul)]


class AskRequest(_Request):
    question: QueryText
    top_k: StrictInt = Field(5, ge=1, le=20)
    history: list[HistoryTurn] = Field(default_factory=list, max_length=50)
    mode: Literal["auto", "llm", "extractive"] = "auto"
    stream: StrictBool = False


class ChatContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: Annotated[StrictStr, Field(max_length=20000), AfterValidator(_no_nul)]


class ChatMessage(BaseModel):
    # OpenAI clients send fields we do not use (name, tool_calls, ...): ignored, not refused.
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: Annotated[StrictStr, Field(max_length=20000), AfterValidator(_no_nul)] | list[ChatContentPart] | None = None

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
    temperature: float | None = Field(None, ge=0, le=2)
    max_tokens: int | None = Field(None, ge=1, le=32768)
    n: int | None = Field(None, ge=1, le=1, description="only one choice is produced")
    top_k: StrictInt = Field(5, ge=1, le=20)
    mode: Literal["auto", "llm", "extractive"] = "auto"
    sources_footer: StrictBool = Field(False, description="append a plain-text Sources list to the content")


class FeedbackRequest(_Request):
    vote: Literal["up", "down"]
    question: QueryText
    answer: Annotated[StrictStr, Field(max_length=40000), AfterValidator(_no_nul)]
    user: Annotated[StrictStr, Field(max_length=200), AfterValidator(_no_nul)] = ""
    source: Annotated[StrictStr, Field(pattern=r"^[a-z0-9_-]{1,32}$")] = "api"
    answer_id: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")] | None = None
    channel: Annotated[StrictStr, Field(max_length=200), AfterValidator(_no_nul)] | None = None


class FeedbackResponse(BaseModel):
    stored: bool
    first_vote: bool


class PassageOut(BaseModel):
    id: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    score: float


class CitationOut(BaseModel):
    id: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    quote: str | None = None


class RetrieveResponse(BaseModel):
    passages: list[PassageOut]
    timings_ms: dict[str, float]


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    mode: Literal["llm", "extractive"]
    model: str | None
    degraded: bool
    timings_ms: dict[str, float]
    language: str
    retrieval_query: str
    usage: dict[str, int] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    detail: str | list


class HealthResponse(BaseModel):
    status: str


class ReadyResponse(BaseModel):
    status: str
    index: dict | None = None
    error: str | None = None
