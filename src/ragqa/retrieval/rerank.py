"""Rerankers implementing :class:`ragqa.interfaces.Reranker`.

``none`` keeps the fused ranking. ``sentence`` rescales the top ``depth`` fused chunks with a small logistic
model over features that survive rewording (computed by :func:`rerank_features`):

``inv_fused``     1 / the chunk's rank in the fused (RRF) ranking
``inv_dense``     1 / its rank in the dense chunk ranker (0 when that ranker did not return it)
``inv_sentence``  1 / its rank in the dense best-sentence ranker (0 when absent)
``inv_keyword``   1 / its rank in BM25 (0 when absent) — with the three above, how far the rankers agree
``inv_related``   1 / its rank in the related-term search of a Korean question (0 when absent or not run)
``inv_bridge``    1 / its rank in the term-bridge search of an English question (0 when absent or not run)
``inv_headings``  1 / its rank among the headings nearest a question about a heading (0 when absent or not run)
``coverage``      IDF-weighted share of the question's key terms (Kiwi morphemes, question words left out)
                  found anywhere in the chunk
``coverage_rel``  ``coverage`` minus the best ``coverage`` among the candidates
``best_lexical``  the same share in the chunk's best single sentence
``sentence_rel``  cosine of the chunk's best sentence to the question minus the best such cosine among the
                  candidates (the index holds sentence vectors, so this is a dot product)
``chunk_rel``     cosine of the whole chunk minus the best among the candidates
``type_best``     1 when the question asks for a kind of thing (:mod:`ragqa.answer.answer_type`: an amount,
                  a count, a date, a person …) and the chunk's best sentence holds something of that kind
``type_any``      1 when any sentence of the chunk holds it

Relative features (``*_rel``) rather than raw cosines, because the small embedder's cosines crowd into a
narrow band whose level varies from question to question. The weights are fitted on the tuning split only
(``make fit-reranker`` = ``benchmarks/fit_reranker.py``) and stored, versioned, in ``rerank_model.json``
beside this module. A model is tied to the embedder it was fitted with; wiring falls back to ``none`` for
another embedder. Hand-written (numpy) for the same reason as the abstention model: a dozen weights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ragqa.answer.abstention import linear_score
from ragqa.answer.answer_type import question_type, type_matches
from ragqa.answer.extractive import LEX_WEIGHT, lexical_overlap, term_weights
from ragqa.retrieval.ranking import Ranking

if TYPE_CHECKING:
    from ragqa.index.store import LoadedIndex

RERANK_FEATURES = ("inv_fused", "inv_dense", "inv_sentence", "inv_keyword", "inv_related", "inv_bridge", "inv_headings",
                   "coverage", "coverage_rel", "best_lexical", "sentence_rel", "chunk_rel", "type_best", "type_any")
MODEL_VERSION = 1
DEFAULT_MODEL = "rerank_model.json"
DEFAULT_DEPTH = 20


class IdentityReranker:
    """Keeps the fused ranking as it is."""

    name = "none"

    def rerank(self, ranking: Ranking, index: LoadedIndex) -> Ranking:
        return ranking


def _inv(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


# Whether a sentence, or any sentence of a chunk, holds a value of a question type depends on the text and the type
# alone, and the same chunks come back question after question: remembered, the type features cost a lookup
# instead of about a millisecond of patterns per question (stop 42). Keyed by the text, so a swapped index is safe.
@lru_cache(maxsize=65536)
def _typed(qtype: str, sentence: str) -> bool:
    return type_matches(qtype, sentence)


@lru_cache(maxsize=16384)
def _any_typed(qtype: str, text: str, sentences: tuple[tuple[int, int], ...]) -> bool:
    return any(_typed(qtype, text[a:b]) for a, b in sentences)


def rerank_features(ranking: Ranking, index: LoadedIndex, depth: int = DEFAULT_DEPTH) -> list[dict[str, float]]:
    """The features (module docstring) of each of the top ``depth`` hits of ``ranking``, in its order."""
    hits = ranking.hits[:depth]
    if not hits:
        return []
    qv = np.asarray(ranking.query_vector, dtype=np.float32)
    # the tokens the keyword search used: the words of a name the corpus never writes would favour another name
    # made of them ("AI Action Plan" for "Global AI Governance Action Plan")
    weights = term_weights(ranking.keyword_tokens if ranking.keyword_tokens is not None else ranking.query_tokens,
                           index)
    qtype = question_type(ranking.query)
    chunk_cos = index.chunk_vectors.get(np.array([h.pos for h in hits], dtype=np.int64)) @ qv
    rows: list[dict[str, float]] = []
    for i, hit in enumerate(hits):
        chunk = index.chunks[hit.pos]
        srows = np.array(list(index.sentence_rows(hit.pos)), dtype=np.int64)
        if len(srows):
            cos = index.sentence_vectors.get(srows) @ qv
            lex = np.array([lexical_overlap(weights, set(index.sentence_tokens[int(r)])) for r in srows])
            tokens = {t for r in srows for t in index.sentence_tokens[int(r)]}
            best = int(np.argmax(cos + LEX_WEIGHT * lex))  # the sentence the answerer would quote first
            s, e = chunk.sentences[best]
            best_text, best_cos, best_lex = chunk.text[s:e], float(cos.max()), float(lex.max())
        else:
            tokens, best_text, best_cos, best_lex = set(), chunk.text, float(chunk_cos[i]), 0.0
        typed = qtype != "other"
        rows.append({
            "inv_fused": 1.0 / (i + 1),
            "inv_dense": _inv(hit.ranks.get("dense")),
            "inv_sentence": _inv(hit.ranks.get("sentence")),
            "inv_keyword": _inv(hit.ranks.get("keyword")),
            "inv_related": _inv(hit.ranks.get("related")),
            "inv_bridge": _inv(hit.ranks.get("bridge")),
            "inv_headings": _inv(hit.ranks.get("headings")),
            "coverage": lexical_overlap(weights, tokens),
            "best_lexical": best_lex,
            "sentence_rel": best_cos,
            "chunk_rel": float(chunk_cos[i]),
            "type_best": 1.0 if typed and _typed(qtype, best_text) else 0.0,
            "type_any": 1.0 if typed and _any_typed(qtype, chunk.text, tuple(chunk.sentences)) else 0.0,
        })
    top_cov = max(r["coverage"] for r in rows)
    top_sent = max(r["sentence_rel"] for r in rows)
    top_chunk = max(r["chunk_rel"] for r in rows)
    for r in rows:
        r["coverage_rel"] = r["coverage"] - top_cov
        r["sentence_rel"] -= top_sent
        r["chunk_rel"] -= top_chunk
    return rows


@dataclass(frozen=True)
class RerankModel:
    """Logistic model over standardised :data:`RERANK_FEATURES`; the score is its log-odds that a chunk
    holds the evidence."""

    weights: dict[str, float]
    bias: float
    embedder: dict[str, Any]
    depth: int = DEFAULT_DEPTH
    mean: dict[str, float] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        return linear_score(features, self.weights, self.bias, self.mean, self.scale)

    def fits(self, embedder_identity: dict[str, Any]) -> bool:
        return dict(embedder_identity) == dict(self.embedder)

    def to_json(self) -> dict[str, Any]:
        return {"version": MODEL_VERSION, "features": list(self.weights), "weights": self.weights, "bias": self.bias,
                "depth": self.depth, "embedder": self.embedder, "mean": self.mean, "scale": self.scale,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RerankModel:
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"rerank model version {data.get('version')!r}, expected {MODEL_VERSION}")
        unknown = set(data["weights"]) - set(RERANK_FEATURES)
        if unknown:
            raise ValueError(f"rerank model uses unknown features {sorted(unknown)}")
        depth = int(data.get("depth", DEFAULT_DEPTH))
        if not 1 <= depth <= 1000:
            raise ValueError(f"rerank model depth must be between 1 and 1000, got {depth}")
        return cls(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                   embedder=dict(data["embedder"]), depth=depth,
                   mean={k: float(v) for k, v in data.get("mean", {}).items()},
                   scale={k: float(v) for k, v in data.get("scale", {}).items()}, meta=dict(data.get("meta", {})))

    @classmethod
    def load(cls, path: Path | None = None) -> RerankModel:
        """The model at ``path`` (default: the one shipped with ragqa)."""
        if path is None:
            text = resources.files("ragqa.retrieval").joinpath(DEFAULT_MODEL).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return cls.from_json(json.loads(text))


class SentenceReranker:
    """Reorders the top ``model.depth`` fused chunks by the fitted model's score (ties keep the fused
    order); deeper hits follow unchanged. Each hit keeps its fused ``score`` and ``ranks`` (the abstention
    model reads them as the rankers' evidence), so only the order changes."""

    name = "sentence"

    def __init__(self, model: RerankModel | None = None) -> None:
        self._model = model

    @property
    def model(self) -> RerankModel:
        if self._model is None:
            self._model = RerankModel.load()
        return self._model

    def rerank(self, ranking: Ranking, index: LoadedIndex) -> Ranking:
        model = self.model
        top, rest = ranking.hits[:model.depth], ranking.hits[model.depth:]
        if len(top) < 2:
            return ranking
        scores = [model.score(f) for f in rerank_features(ranking, index, model.depth)]
        order = sorted(range(len(top)), key=lambda i: (-scores[i], i))
        return replace(ranking, hits=[top[i] for i in order] + list(rest))
