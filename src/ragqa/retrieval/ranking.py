"""Rankings and their fusion: weighted reciprocal rank fusion (RRF) of ranked lists of chunk positions."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


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
    # an English query's words carried into the corpus's Korean terms by the term bridge (ragqa.retrieval.bridge)
    bridged_tokens: list[str] = field(default_factory=list)
    # the same, word by word: each bridged English word and the Korean term it was carried to ("robots" → 로봇)
    bridged_words: dict[str, str] = field(default_factory=dict)
    # the tokens the keyword index was searched with: ``query_tokens`` less the words of an English name the corpus
    # never writes ("Global AI Governance Action Plan"); None: the same as ``query_tokens``
    keyword_tokens: list[str] | None = None


def rrf(rankings: dict[str, list[int]], weights: dict[str, float], k: int) -> list[Hit]:
    """Each list adds ``weight / (k + rank)`` to its positions (a missing weight counts 1, a weight <= 0
    drops the list); ties break by position so the result is deterministic."""
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
    Sentence scoring downstream uses the asked question's vector (the rewrite's leans towards the previous
    question and picked its sentences: follow-up answers with history .667 vs .889 on the tuning dialogues,
    ``benchmarks/followup.py``) and the union of both token lists (the referent's names count as covered)."""
    hits = rrf({"asked": [h.pos for h in primary.hits], "rewritten": [h.pos for h in secondary.hits]},
               {"asked": 1.0, "rewritten": secondary_weight}, k)
    tokens = list(dict.fromkeys([*primary.query_tokens, *secondary.query_tokens]))
    timings = {f"asked_{n}": v for n, v in primary.timings_ms.items()}
    timings.update({f"rewritten_{n}": v for n, v in secondary.timings_ms.items()})
    bridged = list(dict.fromkeys([*primary.bridged_tokens, *secondary.bridged_tokens]))
    return Ranking(query=secondary.query, query_vector=primary.query_vector, query_tokens=tokens, hits=hits,
                   timings_ms=timings, bridged_tokens=bridged,
                   bridged_words={**secondary.bridged_words, **primary.bridged_words})


def fuse_parts(whole: Ranking, parts: list[Ranking], k: int) -> Ranking:
    """Multi-part questions: RRF of the whole question's ranking and each part's, so passages that serve the
    question and its parts come first (:func:`with_part_leaders` then makes sure each part's best one is
    above the cut). Keeps the whole question's vector and tokens (answerers use each part's own)."""
    lists = {"whole": [h.pos for h in whole.hits]}
    lists.update({f"part{i}": [h.pos for h in p.hits] for i, p in enumerate(parts, start=1)})
    hits = rrf(lists, {}, k)
    timings = dict(whole.timings_ms)
    for i, p in enumerate(parts, start=1):
        timings.update({f"part{i}_{n}": v for n, v in p.timings_ms.items()})
    return Ranking(query=whole.query, query_vector=whole.query_vector, query_tokens=whole.query_tokens, hits=hits,
                   timings_ms=timings, bridged_tokens=whole.bridged_tokens, bridged_words=whole.bridged_words)


def with_part_leaders(fused: Ranking, parts: list[Ranking], top_k: int) -> Ranking:
    """``fused`` reordered so that its first ``top_k`` hits hold each part's best hit: RRF of the whole
    question and its parts can leave a passage that only one part ranks first below the cut (a chunk two lists
    rank 3rd outscores it), and that part then has nothing to answer from. A missing leader takes the place
    of the lowest fused hit above the cut that leads no part; the rest keeps its fused order."""
    leaders = list(dict.fromkeys(p.hits[0].pos for p in parts if p.hits))
    head = fused.hits[:top_k]
    in_head = {h.pos for h in head}
    missing = [pos for pos in leaders if pos not in in_head]
    if not missing:
        return fused
    by_pos = {h.pos: h for h in fused.hits}
    keep = list(head)
    for pos in missing:
        for i in range(len(keep) - 1, -1, -1):
            if keep[i].pos not in leaders:
                del keep[i]
                break
        keep.append(by_pos[pos])
    kept = {h.pos for h in keep}
    hits = keep + [h for h in fused.hits if h.pos not in kept]
    return Ranking(query=fused.query, query_vector=fused.query_vector, query_tokens=fused.query_tokens, hits=hits,
                   timings_ms=fused.timings_ms, bridged_tokens=fused.bridged_tokens, bridged_words=fused.bridged_words)
