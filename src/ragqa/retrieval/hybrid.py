"""Hybrid retriever: weighted reciprocal rank fusion of three rankers.

* dense over whole chunks (topic match),
* dense over single sentences, a chunk scoring its best sentence (precise facts buried in long chunks),
* BM25 over Kiwi morphemes (names, numbers, rare terms that small embedders blur).

Each ranker looks ``candidate_depth`` deep whatever ``top_k`` the caller wants, so every top_k is a
prefix of the same ranking and /v1/retrieve and /v1/ask agree. It is a llama-index ``BaseRetriever`` so
it plugs into llama-index query engines as well.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from ragqa.embeddings.base import Embedder
from ragqa.index.store import LoadedIndex
from ragqa.settings import RetrievalSettings
from ragqa.text.korean import KoreanTextProcessor


@dataclass
class Hit:
    pos: int
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass
class Ranking:
    query: str
    query_vector: np.ndarray
    query_tokens: list[str]
    hits: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)


def rrf(rankings: dict[str, list[int]], weights: dict[str, float], k: int) -> list[Hit]:
    acc: dict[int, Hit] = {}
    for name, ranked in rankings.items():
        w = weights.get(name, 1.0)
        if w <= 0:
            continue
        for rank, pos in enumerate(ranked, start=1):
            hit = acc.setdefault(pos, Hit(pos=pos, score=0.0))
            hit.score += w / (k + rank)
            hit.ranks[name] = rank
    return sorted(acc.values(), key=lambda h: (-h.score, h.pos))


def fuse_rankings(primary: Ranking, secondary: Ranking, k: int, secondary_weight: float = 1.0) -> Ranking:
    """Multi-query fusion for follow-ups: RRF of the question as asked and its history-aware rewrite, so
    a follow-up that already stands alone keeps its hits and one that does not gains the rewrite's.
    Sentence scoring downstream uses the rewrite's vector and the union of both token lists."""
    hits = rrf({"asked": [h.pos for h in primary.hits], "rewritten": [h.pos for h in secondary.hits]},
               {"asked": 1.0, "rewritten": secondary_weight}, k)
    tokens = list(dict.fromkeys([*primary.query_tokens, *secondary.query_tokens]))
    timings = {f"asked_{n}": v for n, v in primary.timings_ms.items()}
    timings.update({f"rewritten_{n}": v for n, v in secondary.timings_ms.items()})
    return Ranking(query=secondary.query, query_vector=secondary.query_vector, query_tokens=tokens, hits=hits,
                   timings_ms=timings)


def vocabulary_share(tokens: list[str], index: LoadedIndex) -> float:
    """IDF-weighted share of query tokens known to the keyword index (unknown tokens get the max idf)."""
    if not tokens:
        return 0.0
    kw = index.keyword
    known = total = 0.0
    for t in set(tokens):
        w = kw.idf(t)  # an unknown token (df 0) gets the largest idf
        total += w
        if kw.doc_freq(t):
            known += w
    return known / total if total else 0.0


class HybridRetriever(BaseRetriever):
    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        text: KoreanTextProcessor,
        settings: RetrievalSettings,
    ) -> None:
        super().__init__()
        self._index = index
        self._embedder = embedder
        self._text = text
        self._settings = settings

    def rank(self, query: str, query_vector: np.ndarray | None = None) -> Ranking:
        t0 = time.perf_counter()
        if query_vector is None:
            query_vector = self._embedder.embed_queries([query])[0]
        t1 = time.perf_counter()
        tokens = self._text.tokenize(query)
        depth = self._settings.candidate_depth
        idx = self._index
        dense_pos, _ = idx.chunk_vectors.search(query_vector, depth)
        sent_pos, _ = idx.sentence_vectors.search(query_vector, depth * 3)
        by_sentence: list[int] = []
        seen: set[int] = set()
        for row in sent_pos:
            c = int(idx.sentence_owner[row][0])
            if c not in seen:
                seen.add(c)
                by_sentence.append(c)
        kw_pos, _ = idx.keyword.search(tokens, depth)
        s = self._settings
        # Keyword evidence counts only as much as the query's terms exist in the corpus vocabulary: an
        # English question over Korean text matches a stray "AI" and would otherwise add noise.
        kw_weight = s.keyword_weight * vocabulary_share(tokens, idx)
        hits = rrf(
            {
                "dense": [int(p) for p in dense_pos],
                "sentence": by_sentence[:depth],
                "keyword": [int(p) for p in kw_pos],
            },
            {"dense": s.dense_weight, "sentence": s.sentence_weight, "keyword": kw_weight},
            s.rrf_k,
        )
        t2 = time.perf_counter()
        return Ranking(
            query=query,
            query_vector=query_vector,
            query_tokens=tokens,
            hits=hits,
            timings_ms={"embed": (t1 - t0) * 1000, "search": (t2 - t1) * 1000},
        )

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vec = None
        if query_bundle.embedding is not None:
            vec = np.asarray(query_bundle.embedding, dtype=np.float32)
        ranking = self.rank(query_bundle.query_str, vec)
        out = []
        for hit in ranking.hits:
            c = self._index.chunks[hit.pos]
            node = TextNode(id_=c.chunk_id, text=c.text, metadata={"doc_id": c.doc_id, "title": c.title})
            out.append(NodeWithScore(node=node, score=hit.score))
        return out
