"""The engine: loads an index once, retrieves, and answers with validated citations.

Delivery layers (HTTP, Slack, CLI) hold one Engine and translate its typed results; nothing here knows a
transport.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from ragqa.answer.extractive import extract_answer
from ragqa.answer.llm import ChatLLM, build_messages, finalize_llm_answer
from ragqa.embeddings.base import Embedder
from ragqa.errors import IndexNotReady, InvalidQuery, LLMUnavailable
from ragqa.index.builder import BuildReport, build_index, expected_compat, index_status
from ragqa.index.store import LoadedIndex, load_index
from ragqa.retrieval.followup import condense_question, condense_with_llm
from ragqa.retrieval.hybrid import HybridRetriever, Ranking, fuse_rankings
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor, detect_language
from ragqa.types import Answer, Passage, RetrievalResult, StreamEvent, Turn

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 4000
Mode = Literal["auto", "llm", "extractive"]


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)


class Engine:
    """Cheap to construct; :meth:`start` loads models and the index (once, at start-up)."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        text: KoreanTextProcessor | None = None,
        llm: ChatLLM | None = None,
        use_configured_llm: bool = True,
    ) -> None:
        from ragqa import wiring

        self.settings = settings
        self.embedder = embedder or wiring.make_embedder(settings)
        self.text = text or wiring.make_text_processor(settings)
        self.llm = llm if llm is not None or not use_configured_llm else wiring.make_llm(settings)
        self._index: LoadedIndex | None = None
        self._retriever: HybridRetriever | None = None
        self._lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, build: Literal["never", "if-needed", "always"] = "never", show_progress: bool = False) -> None:
        self.embedder.load()
        self.text.warm_up()
        if build != "never":
            status = index_status(self.settings, self.embedder, self.text)
            if build == "always" or status != "fresh":
                log.info("index is %s; building", status)
                self.build(show_progress=show_progress, force=build == "always")
                return
        self.reload()

    def build(self, show_progress: bool = False, force: bool = False) -> BuildReport:
        report = build_index(self.settings, self.embedder, self.text, show_progress=show_progress, force=force)
        self.reload()
        return report

    def reload(self) -> None:
        index = load_index(self.settings.index.dir, expected_compat(self.settings, self.embedder, self.text))
        retriever = HybridRetriever(index, self.embedder, self.text, self.settings.retrieval)
        with self._lock:
            self._index, self._retriever = index, retriever

    @property
    def ready(self) -> bool:
        return self._index is not None

    def status(self) -> dict[str, Any]:
        idx = self._index
        if idx is None:
            return {"ready": False}
        m = idx.manifest
        return {
            "ready": True,
            "built_at": m.get("built_at"),
            "embedding": m.get("embedding"),
            "counts": m.get("counts"),
            "corpus_hash": m.get("corpus", {}).get("hash"),
            "llm": self.llm.model_name if self.llm else None,
        }

    def _require(self) -> tuple[LoadedIndex, HybridRetriever]:
        with self._lock:
            idx, ret = self._index, self._retriever
        if idx is None or ret is None:
            raise IndexNotReady("index not loaded yet")
        return idx, ret

    # -- retrieval --------------------------------------------------------------------------------
    @staticmethod
    def _clean_query(query: str, what: str) -> str:
        if not isinstance(query, str):
            raise InvalidQuery(f"{what} must be a string")
        if "\x00" in query:
            raise InvalidQuery(f"{what} must not contain NUL characters")
        q = query.strip()
        if not q:
            raise InvalidQuery(f"{what} must not be empty")
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidQuery(f"{what} must be at most {MAX_QUERY_CHARS} characters, got {len(q)}")
        return q

    def _check_top_k(self, top_k: int, limit: int) -> None:
        if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= limit:
            raise InvalidQuery(f"top_k must be an integer between 1 and {limit}, got {top_k!r}")

    def _passages(self, index: LoadedIndex, ranking: Ranking, top_k: int) -> list[tuple[Passage, int]]:
        out = []
        for rank, hit in enumerate(ranking.hits[:top_k], start=1):
            c = index.chunks[hit.pos]
            out.append(
                (Passage(id=rank, chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, text=c.text,
                         score=round(hit.score, 6)), hit.pos)
            )
        return out

    def retrieve(self, query: str, top_k: int = 10) -> RetrievalResult:
        t0 = time.perf_counter()
        q = self._clean_query(query, "query")
        self._check_top_k(top_k, self.settings.retrieval.max_top_k)
        index, retriever = self._require()
        ranking = retriever.rank(q)
        passages = [p for p, _ in self._passages(index, ranking, top_k)]
        return RetrievalResult(query=q, passages=passages, timings_ms={**ranking.timings_ms, "total": _ms(t0)})

    # -- answering --------------------------------------------------------------------------------
    def _validate_history(self, history: Sequence[Turn] | None) -> list[Turn]:
        turns = list(history or [])
        if len(turns) > 50:
            raise InvalidQuery(f"history may hold at most 50 turns, got {len(turns)}")
        for i, t in enumerate(turns):
            if "\x00" in t.content or len(t.content) > 20000:
                raise InvalidQuery(f"history[{i}].content must be at most 20000 characters without NUL")
        return turns

    def _prepare(self, question: str, top_k: int, history: Sequence[Turn] | None, mode: Mode):
        t0 = time.perf_counter()
        q = self._clean_query(question, "question")
        self._check_top_k(top_k, self.settings.answer.max_top_k)
        if mode not in ("auto", "llm", "extractive"):
            raise InvalidQuery(f"mode must be 'auto', 'llm' or 'extractive', got {mode!r}")
        turns = self._validate_history(history)
        index, retriever = self._require()
        use_llm = self.llm is not None and mode in ("auto", "llm")
        retrieval_query = None
        if use_llm and turns:
            retrieval_query = condense_with_llm(self.llm, q, turns)
        if retrieval_query is None:
            retrieval_query = condense_question(q, turns, self.text)
        ranking = retriever.rank(retrieval_query)
        if retrieval_query != q:
            r = self.settings.retrieval
            ranking = fuse_rankings(retriever.rank(q), ranking, r.rrf_k, r.rewrite_weight)
        passages = self._passages(index, ranking, top_k)
        lang = detect_language(q)
        return q, lang, index, ranking, passages, retrieval_query, use_llm, _ms(t0)

    def _extractive(self, q, lang, index, ranking, passages, retrieval_query, t_retrieve, t0, degraded=False):
        t1 = time.perf_counter()
        ex = extract_answer(ranking.query_tokens, lang, passages, ranking.query_vector, index, self.settings.answer)
        return Answer(
            answer=ex.answer,
            abstained=ex.abstained,
            citations=ex.citations,
            passages=[p for p, _ in passages],
            mode="extractive",
            model=None,
            degraded=degraded,
            timings_ms={"retrieve": t_retrieve, "generate": _ms(t1), "total": _ms(t0)},
            language=lang,
            retrieval_query=retrieval_query,
        )

    def _llm_answer(self, raw, q, lang, index, passages, retrieval_query, t_retrieve, t_gen, t0, usage=None) -> Answer:
        plain = [p for p, _ in passages]
        sentences = {p.id: index.chunks[pos].sentences for p, pos in passages}
        text, abstained, citations = finalize_llm_answer(raw, plain, sentences)
        return Answer(
            answer=text, abstained=abstained, citations=citations, passages=plain, mode="llm",
            model=self.llm.model_name if self.llm else None, degraded=False,
            timings_ms={"retrieve": t_retrieve, "generate": _ms(t_gen), "total": _ms(t0)},
            language=lang, retrieval_query=retrieval_query, usage=usage or {},
        )

    @staticmethod
    def _history_hint(history: Sequence[Turn] | None) -> str:
        turns = list(history or [])[-4:]
        return " | ".join(f"{t.role}: {t.content[:300]}" for t in turns)

    @staticmethod
    def _check_generation(temperature: float | None, max_tokens: int | None) -> dict:
        if temperature is not None and not (isinstance(temperature, int | float) and 0 <= temperature <= 2):
            raise InvalidQuery(f"temperature must be between 0 and 2, got {temperature!r}")
        if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int)
                                       or not 1 <= max_tokens <= 32768):
            raise InvalidQuery(f"max_tokens must be an integer between 1 and 32768, got {max_tokens!r}")
        return {"temperature": temperature, "max_tokens": max_tokens}

    def ask(self, question: str, top_k: int = 5, history: Sequence[Turn] | None = None, mode: Mode = "auto",
            temperature: float | None = None, max_tokens: int | None = None) -> Answer:
        """``temperature`` / ``max_tokens`` override the LLM settings for this answer (ignored when extractive)."""
        t0 = time.perf_counter()
        gen = self._check_generation(temperature, max_tokens)
        q, lang, index, ranking, passages, rq, use_llm, t_ret = self._prepare(question, top_k, history, mode)
        if use_llm and passages:
            t1 = time.perf_counter()
            try:
                done = self.llm.complete(
                    build_messages(q, lang, [p for p, _ in passages], self._history_hint(history)), **gen
                )
                return self._llm_answer(done.text, q, lang, index, passages, rq, t_ret, t1, t0, usage=done.usage)
            except LLMUnavailable as exc:
                log.warning("LLM unavailable, answering extractively: %s", exc)
                return self._extractive(q, lang, index, ranking, passages, rq, t_ret, t0, degraded=True)
        return self._extractive(q, lang, index, ranking, passages, rq, t_ret, t0)

    def ask_stream(
        self, question: str, top_k: int = 5, history: Sequence[Turn] | None = None, mode: Mode = "auto",
        temperature: float | None = None, max_tokens: int | None = None,
    ) -> Iterator[StreamEvent]:
        """Validate eagerly (errors raise before the first event), then stream deltas and one final event."""
        t0 = time.perf_counter()
        gen = self._check_generation(temperature, max_tokens)
        prepared = self._prepare(question, top_k, history, mode)
        return self._stream(prepared, history, t0, gen)

    def _stream(self, prepared, history, t0, gen) -> Iterator[StreamEvent]:
        q, lang, index, ranking, passages, rq, use_llm, t_ret = prepared
        if use_llm and passages:
            t1 = time.perf_counter()
            pieces: list[str] = []
            try:
                messages = build_messages(q, lang, [p for p, _ in passages], self._history_hint(history))
                for delta in self.llm.stream(messages, **gen):
                    pieces.append(delta)
                    yield StreamEvent(type="delta", text=delta)
                if not "".join(pieces).strip():
                    raise LLMUnavailable("LLM streamed an empty answer")
                yield StreamEvent(type="final", answer=self._llm_answer("".join(pieces), q, lang, index, passages, rq, t_ret, t1, t0))
                return
            except LLMUnavailable as exc:
                log.warning("LLM stream failed, answering extractively: %s", exc)
                yield StreamEvent(type="final", answer=self._extractive(q, lang, index, ranking, passages, rq, t_ret, t0, degraded=True))
                return
        answer = self._extractive(q, lang, index, ranking, passages, rq, t_ret, t0)
        for piece in self._sentence_pieces(answer.answer):
            yield StreamEvent(type="delta", text=piece)
        yield StreamEvent(type="final", answer=answer)

    def _sentence_pieces(self, text: str) -> list[str]:
        """Consecutive pieces of ``text``, one per sentence (with the markers and spacing that follow it),
        whose concatenation is exactly ``text``."""
        cuts = [e for _, e in self.text.split_sentences(text)][:-1]
        pieces, prev = [], 0
        for cut in cuts:
            m = re.match(r"(?:\s*\[\d+\])*[ \t]*\n?", text[cut:])
            end = cut + (m.end() if m else 0)
            if end > prev:
                pieces.append(text[prev:end])
                prev = end
        if prev < len(text):
            pieces.append(text[prev:])
        return pieces

