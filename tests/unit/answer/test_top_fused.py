"""``top_fused`` reads the fused score of the rankers the abstention model was fitted over: the related-term
search (added after the fit) is left out of it, so the feature means what it meant at the fit."""

import numpy as np
import pytest

from ragqa.answer.extractive import abstention_features
from ragqa.retrieval.ranking import Hit, Ranking
from ragqa.settings import Settings
from ragqa.wiring import make_answerers
from tests.conftest import HashEmbedder

K = 10
FUSED_MAX = (0.5 + 0.5 + 1.5) / (K + 1)


def _ranking(related_rank: int | None) -> Ranking:
    ranks = {"dense": 2, "sentence": 2, "keyword": 2}
    score = (0.5 + 0.5 + 1.5) / (K + 2)
    if related_rank:
        ranks["related"] = related_rank
        score += 0.5 / (K + related_rank)
    return Ranking(query="q", query_vector=np.zeros(2, np.float32), query_tokens=[],
                   hits=[Hit(pos=0, score=score, ranks=ranks)])


def test_the_related_search_does_not_raise_top_fused(text_processor):
    extractive, _ = make_answerers(Settings(), text_processor, None, HashEmbedder())
    share = extractive._unfitted_share
    assert share(Hit(pos=0, score=0.0, ranks={"related": 1})) == pytest.approx(0.5 / (K + 1))
    assert share(Hit(pos=0, score=0.0, ranks={"dense": 1})) == 0.0

    def top_fused(ranking, unfitted=share):
        return abstention_features([], {}, [], None, question="q", ranking=ranking, fused_max=FUSED_MAX,
                                   unfitted_share=unfitted)["top_fused"]

    plain = top_fused(_ranking(None))
    assert plain == pytest.approx((K + 1) / (K + 2))
    assert top_fused(_ranking(1)) == pytest.approx(plain)
    assert top_fused(_ranking(1), unfitted=None) == 1.0  # read whole, it saturates


def test_a_bridge_heavier_than_at_the_fit_does_not_raise_top_fused(text_processor, monkeypatch):
    import ragqa.wiring as wiring
    from ragqa.retrieval.bridge import BridgeTuning

    heavier = BridgeTuning(threshold=0.9, weight=wiring.FITTED_BRIDGE_WEIGHT + 0.5, embedder={})
    monkeypatch.setattr(wiring, "make_bridge", lambda settings, embedder: heavier)
    extractive, _ = make_answerers(Settings(), text_processor, None, HashEmbedder())
    share = extractive._unfitted_share
    # only the weight beyond the fitted one is left out; the related search's share as before
    assert share(Hit(pos=0, score=0.0, ranks={"bridge": 2})) == pytest.approx(0.5 / (K + 2))
    assert share(Hit(pos=0, score=0.0, ranks={"bridge": 2, "related": 1})) == pytest.approx(0.5 / (K + 2) + 0.5 / (K + 1))
    monkeypatch.setattr(wiring, "make_bridge", lambda settings, embedder: BridgeTuning(0.9, 0.5, {}))
    extractive, _ = make_answerers(Settings(), text_processor, None, HashEmbedder())
    assert extractive._unfitted_share(Hit(pos=0, score=0.0, ranks={"bridge": 1})) == 0.0  # the fitted weight


def test_the_engine_reads_the_bridge_tuning_once(text_processor, monkeypatch):
    """build_engine reads bridge.json once and hands the same tuning to the answerer's discount."""
    import ragqa.wiring as wiring
    from ragqa.retrieval.bridge import BridgeTuning

    calls = []
    heavier = BridgeTuning(threshold=0.9, weight=wiring.FITTED_BRIDGE_WEIGHT + 0.5, embedder={})

    def counting(settings, embedder):
        calls.append(1)
        return heavier

    monkeypatch.setattr(wiring, "make_bridge", counting)
    engine = wiring.build_engine(Settings(), embedder=HashEmbedder(), text=text_processor, llm=None)
    assert len(calls) == 1
    assert engine.extractive._unfitted_share(Hit(pos=0, score=0.0, ranks={"bridge": 2})) == pytest.approx(0.5 / (K + 2))
