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
