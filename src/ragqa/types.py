"""Typed objects the engine returns. Edges (HTTP, Slack, CLI) translate them; nothing here knows a transport."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
    role: Literal["user", "assistant"]
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
    mode: Literal["llm", "extractive"]
    model: str | None
    degraded: bool
    timings_ms: dict[str, float]
    language: str = "ko"
    retrieval_query: str = ""
    usage: dict[str, int] = Field(default_factory=dict, description="LLM token counts when reported")


class StreamEvent(_Model):
    """One event of a streamed answer: text deltas, then exactly one ``final`` carrying the whole Answer."""

    type: Literal["delta", "final"]
    text: str = ""
    answer: Answer | None = None


class Feedback(_Model):
    """A user's vote on one answer. ``answer_id`` names the stored answer when the edge kept one."""

    vote: Literal["up", "down"]
    question: str
    answer: str
    user: str = ""
    source: str = "api"
    answer_id: str | None = None
    channel: str | None = None
