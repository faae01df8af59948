"""Quality gate on the development questions, default extractive mode (same code as benchmarks/quality.py).
Thresholds sit at the issue's targets where we meet them and at our measured level where we do not yet,
so a regression fails CI."""

import importlib.util

import pytest

from ragqa.eval.matching import load_gold
from tests.conftest import DEV_QA, REPO

pytestmark = pytest.mark.integration


def test_dev_set_quality(real_engine):
    spec = importlib.util.spec_from_file_location("quality", REPO / "benchmarks" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    s = quality.evaluate(real_engine, load_gold(DEV_QA))["summary"]
    assert s["retrieval_hit@5"] >= 0.86
    assert s["evidence_in_1200_chars"] >= 0.85
    assert s["answer_accuracy"] >= 0.60
    assert s["abstention_recall"] >= 0.5
    assert s["false_abstention"] <= 0.10
    assert s["citation_validity"] == 1.0 and s["all_sentences_marked"] == 1.0
    assert s["cited_evidence_when_answered"] >= 0.85
