"""Extractive answerer: quotes the retrieved sentences that answer the question, each with its [n].

Hand-written because no library does cited extraction over Korean text: llama-index's extractive tools
select whole nodes, not sentences, and never abstain. Sentences of the retrieved passages are scored by
dense similarity to the question (sentence vectors are precomputed at ingest, so this costs a dot
product) plus the IDF-weighted share of the question's key terms they contain, with a small penalty for
lower-ranked passages. The best sentence is always taken; others close to it follow (lists and
multi-document questions need several). It abstains when the best evidence is weak.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ragqa.answer.messages import abstain_message
from ragqa.index.store import LoadedIndex
from ragqa.question import PreparedQuestion
from ragqa.settings import AnswerSettings
from ragqa.text.korean import KoreanTextProcessor, normalize
from ragqa.types import Answer, Citation, Passage, StreamEvent

_BULLET = re.compile(r"^(?:[-–•·○●□■◦▪*※]|\d{1,2}[.)]|[①-⑳])\s*")
_END_PUNCT = re.compile(r"([.!?。]+)$")
# Question words and generic terms that do not identify content.
_GENERIC = frozenset(
    ["말하", "하", "되", "있", "들", "얼마", "언제", "누구", "무엇", "뭐", "어디", "어떻", "어떤", "몇", "보", "대하", "관하", "이번", "올해", "what", "when", "where", "who", "which", "how", "many", "much"]
)

LEX_WEIGHT = 0.25
RANK_PENALTY = 0.004


@dataclass
class Candidate:
    passage_id: int
    chunk_pos: int
    sentence_no: int
    text: str
    dense: float
    lexical: float
    score: float


@dataclass
class Extraction:
    answer: str
    abstained: bool
    citations: list[Citation]
    quotes: list[Candidate]
    features: dict[str, float]


def _weights(tokens: list[str], index: LoadedIndex) -> dict[str, float]:
    kw = index.keyword
    out: dict[str, float] = {}
    for t in tokens:
        if t in _GENERIC or t in out:
            continue
        out[t] = kw.idf(t)  # df 0 gives the largest idf, as an unseen term should
    return out


def lexical_overlap(weights: dict[str, float], tokens: set[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in tokens) / total


def render_sentence(text: str, marker: str) -> str:
    """Sentence as shown in the answer: bullet stripped, marker before the final punctuation."""
    body = _BULLET.sub("", text.strip()).strip() or text.strip()
    m = _END_PUNCT.search(body)
    if m:
        return f"{body[: m.start()].rstrip()} {marker}{m.group(1)}"
    return f"{body} {marker}"


def score_candidates(
    passages: list[tuple[Passage, int]],
    query_vector: np.ndarray,
    weights: dict[str, float],
    index: LoadedIndex,
) -> list[Candidate]:
    cands: list[Candidate] = []
    seen: set[str] = set()
    for rank, (passage, pos) in enumerate(passages):
        chunk = index.chunks[pos]
        rows = np.array(list(index.sentence_rows(pos)), dtype=np.int64)
        if len(rows) == 0:
            continue
        dense = index.sentence_vectors.get(rows) @ query_vector
        for j, row in enumerate(rows):
            s, e = chunk.sentences[j]
            text = chunk.text[s:e]
            key = normalize(text)
            if key in seen or len(key) < 6:
                continue
            seen.add(key)
            lex = lexical_overlap(weights, set(index.sentence_tokens[int(row)]))
            d = float(dense[j])
            cands.append(
                Candidate(passage.id, pos, j, text, d, lex, d + LEX_WEIGHT * lex - RANK_PENALTY * rank)
            )
    cands.sort(key=lambda c: -c.score)
    return cands


def extract_answer(
    question_tokens: list[str],
    lang: str,
    passages: list[tuple[Passage, int]],
    query_vector: np.ndarray,
    index: LoadedIndex,
    settings: AnswerSettings,
) -> Extraction:
    weights = _weights(question_tokens, index)
    cands = score_candidates(passages, query_vector, weights, index)
    features = abstention_features(cands, weights, passages, index)
    if not cands or should_abstain(features, lang, settings):
        return Extraction(abstain_message(lang), True, [], [], features)
    best = cands[0]
    chosen = [best]
    for c in cands[1:]:
        if len(chosen) >= settings.max_sentences:
            break
        if c.score >= best.score - settings.sentence_margin:
            chosen.append(c)
    parts, citations, cited = [], [], set()
    by_id = {p.id: p for p, _ in passages}
    for c in chosen:
        parts.append(render_sentence(c.text, f"[{c.passage_id}]"))
        if c.passage_id not in cited:
            cited.add(c.passage_id)
            p = by_id[c.passage_id]
            citations.append(
                Citation(id=p.id, chunk_id=p.chunk_id, doc_id=p.doc_id, title=p.title, text=p.text, quote=c.text)
            )
    citations.sort(key=lambda c: c.id)
    return Extraction("\n".join(parts), False, citations, chosen, features)


def abstention_features(
    cands: list[Candidate], weights: dict[str, float], passages: list[tuple[Passage, int]], index: LoadedIndex
) -> dict[str, float]:
    if not cands:
        return {"best_dense": 0.0, "best_lexical": 0.0, "coverage": 0.0}
    top_tokens: set[str] = set()
    for _, pos in passages[:3]:
        for row in index.sentence_rows(pos):
            top_tokens.update(index.sentence_tokens[row])
    return {
        "best_dense": max(c.dense for c in cands),
        "best_lexical": max(c.lexical for c in cands),
        "coverage": lexical_overlap(weights, top_tokens),
    }


def should_abstain(features: dict[str, float], lang: str, settings: AnswerSettings) -> bool:
    if features["best_dense"] < settings.abstain_dense:
        return True
    return lang == "ko" and features["coverage"] < settings.abstain_coverage


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)


class ExtractiveAnswerer:
    """Implements :class:`ragqa.interfaces.Answerer` by quoting sentences (:func:`extract_answer`).
    Streams one sentence per delta (with the markers that follow it)."""

    name = "extractive"

    def __init__(self, settings: AnswerSettings, text: KoreanTextProcessor) -> None:
        self._settings = settings
        self._text = text

    def answer(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None, degraded: bool = False) -> Answer:
        t1 = time.perf_counter()
        r = question.ranking
        ex = extract_answer(r.query_tokens, question.language, list(zip(question.passages, question.positions,
                                                                        strict=True)),
                            r.query_vector, question.index, self._settings)
        return Answer(
            answer=ex.answer, abstained=ex.abstained, citations=ex.citations, passages=list(question.passages),
            mode="extractive", model=None, degraded=degraded,
            timings_ms={"retrieve": question.retrieve_ms, "generate": _ms(t1), "total": _ms(question.started)},
            language=question.language, retrieval_query=question.retrieval_query,
        )

    def stream(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None, degraded: bool = False) -> Iterator[StreamEvent]:
        answer = self.answer(question, degraded=degraded)
        for piece in self.sentence_pieces(answer.answer):
            yield StreamEvent(type="delta", text=piece)
        yield StreamEvent(type="final", answer=answer)

    def sentence_pieces(self, text: str) -> list[str]:
        """Consecutive pieces of ``text``, one per sentence (with the markers and spacing that follow it),
        whose concatenation is exactly ``text``."""
        cuts = [e for _, e in self._text.split_sentences(text)][:-1]
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
