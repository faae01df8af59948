"""Request and response schemas of the HTTP API (v1). Bad input is rejected by validation with a 422
that names the field. Every limit and enum comes from the engine (``ragqa.types``), and the response
models are the engine's own types, so the API and the engine cannot disagree. ``top_k`` has no upper
bound here: the engine checks it against ``RAGQA_RETRIEVAL__MAX_TOP_K`` / ``RAGQA_ANSWER__MAX_TOP_K``
(also a 422), so raising a setting raises what the API accepts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from ragqa import (
    MAX_ANSWER_CHARS,
    MAX_GENERATION_TOKENS,
    MAX_HISTORY_TURNS,
    MAX_QUERY_CHARS,
    MAX_TEMPERATURE,
    MAX_TURN_CHARS,
    Answer,
    FeedbackSource,
    Mode,
    Passage,
    Role,
    Vote,
)

MAX_TEXT = MAX_QUERY_CHARS
# Whitespace spelled out: Python's str.strip, JSON Schema's (ECMA-262) \s and pydantic's (Rust) \s disagree
# on a few characters, and schemathesis rightly reports a documented-valid string that is refused.
WHITESPACE = "".join(chr(c) for c in (*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680,
                                      *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF))
_WS_CLASS = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
TEXT_PATTERN = rf"^[^\x00]*[^\x00{_WS_CLASS}][^\x00]*$"
"""Documented for question/query text: some character that is not whitespace, and no NUL anywhere.
:func:`_clean_text` enforces exactly this, with messages that say what is wrong."""


def _clean_text(v: str) -> str:
    v = _no_nul(v).strip(WHITESPACE)
    if not v:
        raise ValueError("must not be empty or blank")
    return v


def _no_nul(v: str) -> str:
    if "\x00" in v:
        raise ValueError("must not contain NUL characters")
    if not v.isascii():
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("must be valid Unicode (JSON \\ud800-style lone surrogates are not)") from None
    return v


def _free_text(max_length: int):
    """Free text up to ``max_length`` characters with no NUL (documented as a pattern too)."""
    return Annotated[StrictStr, Field(max_length=max_length, json_schema_extra={"pattern": "^[^\\x00]*$"}),
                     AfterValidator(_no_nul)]


TurnText = _free_text(MAX_TURN_CHARS)
AnswerText = _free_text(MAX_ANSWER_CHARS)
ShortText = _free_text(200)


QueryText = Annotated[
    StrictStr,
    Field(min_length=1, max_length=MAX_TEXT, json_schema_extra={"pattern": TEXT_PATTERN},
          description=f"1..{MAX_TEXT} characters, not blank, no NUL (trimmed before use)"),
    AfterValidator(_clean_text),
]


def _whole(v):
    """JSON Schema's ``integer`` includes 5.0; strings and booleans stay refused."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _whole_number(ge: int, le: int | None = None):
    """An integer (5.0 included) in [ge, le]; the bounds sit inside, so the schema shows them as minimum and
    maximum."""
    return Annotated[StrictInt, Field(ge=ge, le=le), BeforeValidator(_whole)]

# The top_k limits are settings; create_app writes them into the OpenAPI document as maxima.
TOP_K_SETTING = "x-ragqa-max-setting"


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RetrieveRequest(_Request):
    query: QueryText
    top_k: _whole_number(1) = Field(10, description="at most RAGQA_RETRIEVAL__MAX_TOP_K (default 100)",
                               json_schema_extra={TOP_K_SETTING: "retrieval"})


class HistoryTurn(_Request):
    role: Role
    content: TurnText


class AskRequest(_Request):
    question: QueryText
    top_k: _whole_number(1) = Field(5, description="at most RAGQA_ANSWER__MAX_TOP_K (default 20)",
                               json_schema_extra={TOP_K_SETTING: "answer"})
    history: list[HistoryTurn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)
    mode: Mode = "auto"
    stream: StrictBool = False


class ChatContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: TurnText


class UserContentPart(ChatContentPart):
    text: _free_text(MAX_TEXT)


class _Message(BaseModel):
    # OpenAI clients send fields we do not use (name, tool_calls, ...): ignored, not refused.
    model_config = ConfigDict(extra="ignore")

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content)
        return self.content or ""


class UserMessage(_Message):
    """A user turn is at most one question long (the last one with text is the question)."""

    role: Literal["user"]
    content: _free_text(MAX_TEXT) | Annotated[list[UserContentPart], Field(max_length=1)] | None = None


class OtherMessage(_Message):
    role: Literal["system", "developer", "assistant", "tool"]
    content: TurnText | list[ChatContentPart] | None = None


ChatMessage = Annotated[UserMessage | OtherMessage, Field(discriminator="role")]
# At least one user message with text: in the schema as `contains`, enforced by ChatRequest's validator.
_HAS_QUESTION = {"type": "object", "required": ["role", "content"], "properties": {
    "role": {"const": "user"},
    "content": {"anyOf": [
        {"type": "string", "pattern": TEXT_PATTERN},
        {"type": "array", "minItems": 1,
         "items": {"type": "object", "required": ["text"], "properties": {"text": {"pattern": TEXT_PATTERN}}}},
    ]},
}}


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: StrictBool = Field(False, description="send a last chunk with empty choices and the usage")


class OpenAIRequestBase(BaseModel):
    """Standard OpenAI fields ragqa has no use for (stop, presence_penalty, user, ...) are accepted and
    ignored so that any OpenAI client works; ``top_k``, ``mode`` and ``sources_footer`` are ragqa extensions
    (``extra_body`` in the OpenAI SDK)."""

    model_config = ConfigDict(extra="ignore")
    model: StrictStr = "ragqa"
    stream: StrictBool = False
    stream_options: StreamOptions | None = None
    temperature: Annotated[StrictFloat, Field(ge=0, le=MAX_TEMPERATURE)] | None = None
    max_tokens: _whole_number(1, MAX_GENERATION_TOKENS) | None = None
    n: _whole_number(1, 1) | None = Field(None, description="only one choice is produced")
    top_k: _whole_number(1) = Field(5, description="at most RAGQA_ANSWER__MAX_TOP_K (default 20)",
                               json_schema_extra={TOP_K_SETTING: "answer"})
    mode: Mode = "auto"
    sources_footer: StrictBool = Field(False, description="append a plain-text Sources list to the text")


class CompletionRequest(OpenAIRequestBase):
    """OpenAI's legacy completions request (LlamaIndex ``OpenAILike`` with ``is_chat_model=False``): the
    prompt is the question."""

    prompt: QueryText | Annotated[list[QueryText], Field(min_length=1, max_length=1)]

    def text(self) -> str:
        return self.prompt[0] if isinstance(self.prompt, list) else self.prompt


class ChatRequest(OpenAIRequestBase):
    """OpenAI chat request; see :class:`OpenAIRequestBase` for the fields beside ``messages``."""

    messages: list[ChatMessage] = Field(min_length=1, max_length=100, json_schema_extra={"contains": _HAS_QUESTION})

    @model_validator(mode="after")
    def _has_question(self) -> ChatRequest:
        if not any(m.role == "user" and m.text().strip(WHITESPACE) for m in self.messages):
            raise ValueError("messages: no user message with text (the last one is the question)")
        return self


class FeedbackRequest(_Request):
    vote: Vote
    question: QueryText
    answer: AnswerText
    user: ShortText = ""
    source: FeedbackSource = "api"
    answer_id: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")] | None = None
    channel: ShortText | None = None


class FeedbackResponse(BaseModel):
    stored: bool
    first_vote: bool


# Responses are the engine's types (the shared-base pattern): one definition of each field.
AskResponse = Answer


class RetrieveResponse(BaseModel):
    passages: list[Passage]
    timings_ms: dict[str, float]


class OpenAIError(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class OpenAIErrorResponse(BaseModel):
    """Errors of the OpenAI-compatible routes, as OpenAI sends them."""

    error: OpenAIError


class ErrorResponse(BaseModel):
    """Errors of the native /v1 routes: OpenAI's ``error`` plus the ``detail`` these routes always had
    (a list of field errors for a 422)."""

    detail: str | list
    error: OpenAIError


class HealthResponse(BaseModel):
    status: str


class ReadyResponse(BaseModel):
    status: str
    index: dict | None = None
    error: str | None = None
    loading: list[str] | None = Field(None, description="Parts still loading: embedder, tokenizer, index, warm-up")
