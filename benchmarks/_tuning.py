"""What the tuning scripts (``tune_fusion.py``, ``tune_followup.py``) share: they refuse a held-out file and
score rankings of the engine over the shipped index, built if needed, by MRR@10."""

from __future__ import annotations

import argparse
from pathlib import Path

from ragqa import build_engine, load_settings


def tuning_engine(ap: argparse.ArgumentParser, data: Path):
    """(settings, engine, index, retriever) for tuning on ``data``; a held-out file is an argument error."""
    if "heldout" in data.name:
        ap.error("the held-out split is for reporting only; tune on the tuning split")
    settings = load_settings()
    engine = build_engine(settings, llm=None)
    engine.start(build="if-needed")
    index, retriever = engine._require()
    return settings, engine, index, retriever


def reciprocal_rank(hits, good: set[int], depth: int = 10) -> float:
    """1 / rank of the first of ``hits`` (best first, each with a chunk ``pos``) in ``good`` within ``depth``,
    else 0: one question's term of MRR@10, the measure ``ragqa eval`` reports."""
    first = next((i for i, h in enumerate(hits[:depth], 1) if h.pos in good), None)
    return 1 / first if first else 0.0


def ranked_questions(engine, index, retriever, data: Path, depth: int | None = None):
    """For each question of ``data`` with gold evidence: (question, ranker lists, query tokens, vocabulary
    share, chunk positions holding its evidence) — each question embedded and searched once, so a tuning grid
    only re-fuses the lists."""
    from ragqa.eval.matching import evidence_in, load_gold

    for q in load_gold(data):
        evs = [g["evidence"] for g in q["gold"]]
        if not evs:
            continue
        vec = engine.embedder.embed_queries([q["question"]])[0]
        lists, tokens, share = retriever.ranker_lists(q["question"], vec, depth=depth)
        good = {pos for pos, c in enumerate(index.chunks) if any(evidence_in(e, c.text) for e in evs)}
        yield q, lists, tokens, share, good
