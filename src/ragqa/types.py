"""Typed objects the engine returns. Edges (HTTP, Slack, CLI) translate them; nothing here knows a transport."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

# -- enums and limits, defined once: the engine enforces them and every edge (HTTP schemas, CLI, Slack)
#    reuses these names instead of restating the values. top_k limits are settings
#    (RAGQA_RETRIEVAL__MAX_TOP_K, RAGQA_ANSWER__MAX_TOP_K).
Mode = Literal["auto", "llm", "extractive"]
"""How to answer: ``auto`` uses the LLM when one is configured, else quotes the corpus."""
MODES: tuple[str, ...] = get_args(Mode)
AnswerMode = Literal["llm", "extractive"]
Role = Literal["user", "assistant"]
Vote = Literal["up", "down"]
FeedbackSource = Literal["api", "web", "slack"]
"""Where a vote came from: the channels that exist (HTTP clients, the web chat page, the Slack bot). A closed
set, so it can label metrics without growing them."""
FEEDBACK_SOURCES: tuple[str, ...] = get_args(FeedbackSource)
MAX_QUERY_CHARS = 4000
"""A question or query, after trimming."""
MAX_TURN_CHARS = 20000
"""One history turn (or chat message) of a conversation."""
MAX_HISTORY_TURNS = 50
MAX_ANSWER_CHARS = 40000
"""An answer text sent back with feedback."""
MAX_TEMPERATURE = 2.0
MAX_GENERATION_TOKENS = 32768


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Document(_Model):
    """A cleaned, de-duplicated document. ``text`` is what chunk offsets refer to."""

    doc_id: str
    title: str
    path: str
    text: str
    metadata: dict[str, str] = Field(default_factory=dict)


class Chunk(_Model):
    """A sentence-aligned slice of a document: ``text == document.text[start:end]``.

    ``sentences`` holds (start, end) offsets of each sentence relative to ``text``; the extractive
    answerer quotes exactly these spans.
    """

    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    sentences: list[tuple[int, int]]


class Passage(_Model):
    id: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    score: float


class Citation(_Model):
    id: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    quote: str | None = None


class Turn(_Model):
    role: Role
    content: str


class RetrievalResult(_Model):
    query: str
    passages: list[Passage]
    timings_ms: dict[str, float]


class Answer(_Model):
    answer: str
    abstained: bool
    citations: list[Citation]
    passages: list[Passage]
    mode: AnswerMode
    model: str | None
    degraded: bool
    timings_ms: dict[str, float]
    language: str = "ko"
    retrieval_query: str = ""
    usage: dict[str, int] = Field(default_factory=dict, description="LLM token counts when reported")
    grounding: dict[str, int] = Field(default_factory=dict, description=(
        "LLM answers: how many statements the grounding check saw, kept (supported by the passage they cite), "
        "recited (supported by another passage, now cited), dropped (unsupported) and left unchecked"))


class StreamEvent(_Model):
    """One event of a streamed answer: text deltas, then exactly one ``final`` carrying the whole Answer."""

    type: Literal["delta", "final"]
    text: str = ""
    answer: Answer | None = None


class Feedback(_Model):
    """A user's vote on one answer. ``answer_id`` names the stored answer when the edge kept one."""

    vote: Vote
    question: str
    answer: str
    user: str = ""
    source: FeedbackSource = "api"
    answer_id: str | None = None
    channel: str | None = None
