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
