"""LLM answers through any OpenAI-compatible chat endpoint (vLLM, llama.cpp, Ollama, OpenAI)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence

from ragqa.answer.citations import cited_ids, containment, repair_markers
from ragqa.answer.messages import abstain_message, is_abstention_text
from ragqa.errors import LLMUnavailable
from ragqa.interfaces import ChatLLM, Completion
from ragqa.question import PreparedQuestion
from ragqa.settings import LLMSettings
from ragqa.types import Answer, Citation, Passage, StreamEvent

log = logging.getLogger(__name__)

__all__ = ["ChatLLM", "Completion", "LLMAnswerer", "OpenAICompatibleLLM", "build_messages", "finalize_llm_answer"]

LANGUAGE_NAMES = {"ko": "Korean (한국어)", "en": "English"}


class OpenAICompatibleLLM:
    """Implements :class:`ragqa.interfaces.ChatLLM` with the official ``openai`` client."""

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
        try:  # a proxy's HTML page or any other body that is not a chat completion
            text = (resp.choices[0].message.content or "") if resp.choices else ""
            if not isinstance(text, str):
                raise TypeError(f"content is {type(text).__name__}")
        except (AttributeError, TypeError, IndexError, KeyError) as exc:
            raise LLMUnavailable(f"LLM at {self._settings.base_url} returned something that is not a chat "
                                 f"completion ({type(exc).__name__}: {str(exc)[:200]})") from exc
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
        p = by_id.get(pid)
        if p is None:  # repair_markers leaves none, but a citation never fails a request
            continue
        statements = " ".join(s for s in _SENT_SPLIT.split(text) if f"[{pid}]" in s)
        quote = best_quote(re.sub(r"\[\d+\]", "", statements), p, sentences_by_id.get(pid, []))
        citations.append(Citation(id=p.id, chunk_id=p.chunk_id, doc_id=p.doc_id, title=p.title, text=p.text, quote=quote))
    return text, False, citations


class LLMAnswerer:
    """Implements :class:`ragqa.interfaces.Answerer` with a :class:`ChatLLM`: prompts with the numbered
    passages, then repairs and validates the markers (:func:`finalize_llm_answer`). When the LLM fails,
    times out or streams nothing, the ``fallback`` answerer answers instead, flagged ``degraded``."""

    name = "llm"

    def __init__(self, llm: ChatLLM, fallback) -> None:
        self.llm = llm
        self._fallback = fallback

    def _finish(self, raw: str, q: PreparedQuestion, t1: float, usage: dict[str, int] | None = None) -> Answer:
        text, abstained, citations = finalize_llm_answer(raw, list(q.passages), q.sentences_by_id())
        return Answer(
            answer=text, abstained=abstained, citations=citations, passages=list(q.passages), mode="llm",
            model=self.llm.model_name, degraded=False,
            timings_ms=q.timings(t1),
            language=q.language, retrieval_query=q.retrieval_query, usage=usage or {},
        )

    def _no_evidence(self, q: PreparedQuestion) -> Answer:
        """The passages do not answer (the same decision as the extractive answerer's): the LLM is not asked
        to invent one."""
        return Answer(
            answer=abstain_message(q.language), abstained=True, citations=[], passages=list(q.passages), mode="llm",
            model=self.llm.model_name, degraded=False,
            timings_ms=q.timings(None),
            language=q.language, retrieval_query=q.retrieval_query,
        )

    def _messages(self, q: PreparedQuestion) -> list[dict[str, str]]:
        return build_messages(q.question, q.language, list(q.passages), q.history_hint())

    def answer(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None) -> Answer:
        if not question.passages:
            return self._fallback.answer(question)
        if self._fallback.should_abstain(question):
            return self._no_evidence(question)
        t1 = time.perf_counter()
        try:
            done = self.llm.complete(self._messages(question), temperature=temperature, max_tokens=max_tokens)
            return self._finish(done.text, question, t1, usage=done.usage)
        except LLMUnavailable as exc:
            log.warning("LLM unavailable, answering extractively: %s", exc)
            return self._fallback.answer(question, degraded=True)

    def stream(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None) -> Iterator[StreamEvent]:
        if not question.passages:
            yield from self._fallback.stream(question)
            return
        if self._fallback.should_abstain(question):
            answer = self._no_evidence(question)
            yield StreamEvent(type="delta", text=answer.answer)
            yield StreamEvent(type="final", answer=answer)
            return
        t1 = time.perf_counter()
        pieces: list[str] = []
        try:
            for delta in self.llm.stream(self._messages(question), temperature=temperature, max_tokens=max_tokens):
                pieces.append(delta)
                yield StreamEvent(type="delta", text=delta)
            if not "".join(pieces).strip():
                raise LLMUnavailable("LLM streamed an empty answer")
        except LLMUnavailable as exc:
            log.warning("LLM stream failed, answering extractively: %s", exc)
            yield StreamEvent(type="final", answer=self._fallback.answer(question, degraded=True))
            return
        yield StreamEvent(type="final", answer=self._finish("".join(pieces), question, t1))
