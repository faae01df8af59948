"""What the tuning scripts (``tune_fusion.py``, ``tune_followup.py``) share: they refuse a held-out file and
score rankings of the engine over the shipped index, built if needed."""

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
