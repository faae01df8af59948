"""LLM answers through any OpenAI-compatible chat endpoint (vLLM, llama.cpp, Ollama, OpenAI)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ragqa.answer.citations import cited_ids, containment, repair_markers
from ragqa.answer.messages import abstain_message, is_abstention_text
from ragqa.errors import LLMUnavailable
from ragqa.settings import LLMSettings
from ragqa.types import Citation, Passage

LANGUAGE_NAMES = {"ko": "Korean (한국어)", "en": "English"}


@dataclass(frozen=True)
class Completion:
    """Raw assistant text plus token usage when the endpoint reports it ({} otherwise)."""

    text: str
    usage: dict[str, int] = field(default_factory=dict)


@runtime_checkable
class ChatLLM(Protocol):
    """A chat model. Contract: raise LLMUnavailable on any transport failure or timeout, never hang
    longer than the configured timeout, and return the raw assistant text (citations are fixed later)."""

    model_name: str

    def complete(self, messages: list[dict[str, str]], **overrides) -> Completion: ...

    def stream(self, messages: list[dict[str, str]], **overrides) -> Iterator[str]: ...


class OpenAICompatibleLLM:
    def __init__(self, settings: LLMSettings) -> None:
        self._settings = settings
        self.model_name = settings.model or "default"
        self._client = None

    def _get(self):
        if self._client is None:
            from openai import OpenAI

            s = self._settings
            self._client = OpenAI(
                base_url=s.base_url,
                api_key=s.api_key.get_secret_value() if s.api_key else "not-needed",
                timeout=s.timeout_s,
                max_retries=s.max_retries,
            )
        return self._client

    def _kwargs(self, overrides: dict) -> dict:
        """Settings, overridden per request by ``temperature`` / ``max_tokens`` when given (not None)."""
        s = self._settings
        kw = {"model": self.model_name, "temperature": s.temperature, "max_tokens": s.max_tokens}
        kw.update({k: v for k, v in overrides.items() if k in ("temperature", "max_tokens") and v is not None})
        return kw

    def complete(self, messages: list[dict[str, str]], **overrides) -> Completion:
        try:
            resp = self._get().chat.completions.create(messages=messages, **self._kwargs(overrides))
        except Exception as exc:  # openai raises many types; all mean "no answer from the LLM"
            raise LLMUnavailable(f"LLM request to {self._settings.base_url} failed: {type(exc).__name__}: {exc}") from exc
        text = (resp.choices[0].message.content or "") if resp.choices else ""
        if not text.strip():
            raise LLMUnavailable("LLM returned an empty answer")
        usage = {}
        if getattr(resp, "usage", None) is not None:
            for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
                value = getattr(resp.usage, key, None)
                if isinstance(value, int):
                    usage[key] = value
        return Completion(text, usage)

    def stream(self, messages: list[dict[str, str]], **overrides) -> Iterator[str]:
        try:
            stream = self._get().chat.completions.create(messages=messages, stream=True, **self._kwargs(overrides))
            for chunk in stream:
                if chunk.choices and chunk.choices[0].delta and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except Exception as exc:
            raise LLMUnavailable(f"LLM stream from {self._settings.base_url} failed: {type(exc).__name__}: {exc}") from exc


def build_messages(question: str, lang: str, passages: Sequence[Passage], history_hint: str = "") -> list[dict[str, str]]:
    language = LANGUAGE_NAMES.get(lang, "the language of the question")
    system = (
        "You answer questions using ONLY the numbered passages provided.\n"
        "Rules:\n"
        "1. Every sentence that states a fact must end with the number(s) of the passage(s) supporting it, "
        "written like [1] or [2][3]. Use only numbers of passages given below.\n"
        f"2. Write the answer in {language}.\n"
        f"3. If the passages do not contain the answer, reply with exactly this sentence and nothing else: "
        f"{abstain_message(lang)}\n"
        "4. Be concise: a few sentences; no preamble, no list of sources at the end."
    )
    blocks = [f"[{p.id}] ({p.title})\n{p.text}" for p in passages]
    user = "Passages:\n\n" + "\n\n".join(blocks)
    if history_hint:
        user += f"\n\nConversation so far (for context only): {history_hint}"
    user += f"\n\nQuestion: {question}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


_SENT_SPLIT = re.compile(r"(?<=[.!?。])\s+|\n+")
_HAS_MARK = re.compile(r"\[\d+\]")


def attach_missing_markers(answer: str, passages: Sequence[Passage], threshold: float = 0.6) -> str:
    """Give an uncited sentence the passage that clearly contains it (character bigram containment)."""
    out = []
    for sent in _SENT_SPLIT.split(answer):
        if not sent.strip():
            continue
        if not _HAS_MARK.search(sent) and not is_abstention_text(sent) and len(sent.strip()) > 8:
            best = max(passages, key=lambda p: containment(sent, p.text), default=None)
            if best is not None and containment(sent, best.text) >= threshold:
                m = re.search(r"([.!?。]+)$", sent.rstrip())
                body = sent.rstrip()
                sent = f"{body[: m.start()]} [{best.id}]{m.group(1)}" if m else f"{body} [{best.id}]"
        out.append(sent.strip())
    return "\n".join(out) if "\n" in answer else " ".join(out)


def best_quote(statement: str, passage: Passage, sentences: Sequence[tuple[int, int]]) -> str | None:
    best, best_score = None, 0.0
    for s, e in sentences:
        sent = passage.text[s:e]
        score = containment(sent, statement)
        if score > best_score:
            best, best_score = sent, score
    return best if best_score >= 0.5 else None


def finalize_llm_answer(
    raw: str, passages: Sequence[Passage], sentences_by_id: dict[int, Sequence[tuple[int, int]]]
) -> tuple[str, bool, list[Citation]]:
    """Repair markers, decide abstention, and build citations holding exactly the cited passages."""
    text = repair_markers(raw, len(passages))
    if is_abstention_text(text) and not cited_ids(text):
        return text, True, []
    text = attach_missing_markers(text, passages)
    by_id = {p.id: p for p in passages}
    citations = []
    for pid in sorted(cited_ids(text)):
        p = by_id[pid]
        statements = " ".join(s for s in _SENT_SPLIT.split(text) if f"[{pid}]" in s)
        quote = best_quote(re.sub(r"\[\d+\]", "", statements), p, sentences_by_id.get(pid, []))
        citations.append(Citation(id=p.id, chunk_id=p.chunk_id, doc_id=p.doc_id, title=p.title, text=p.text, quote=quote))
    return text, False, citations
