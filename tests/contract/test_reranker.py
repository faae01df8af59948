"""Contract of :class:`ragqa.interfaces.Reranker`, run against every reranker registered in wiring."""

import numpy as np
import pytest

from ragqa.interfaces import Reranker
from ragqa.retrieval.ranking import Hit, Ranking
from ragqa.wiring import RERANKERS

RERANK = pytest.mark.parametrize("cls", list(RERANKERS.values()), ids=list(RERANKERS))


def _ranking():
    hits = [Hit(pos=p, score=1.0 / (i + 1)) for i, p in enumerate([4, 1, 7, 0])]
    return Ranking(query="화웨이 장비", query_vector=np.ones(4, np.float32), query_tokens=["화웨이", "장비"], hits=hits)


@RERANK
def test_keeps_the_query_and_only_known_positions(cls):
    rr = cls()
    assert isinstance(rr, Reranker) and rr.name
    before = _ranking()
    texts = ["화웨이 장비 공개", "알리바바 안경", "칩", "정책"]
    after = rr.rerank(before, texts)
    assert after.query == before.query and after.query_tokens == before.query_tokens
    assert np.array_equal(after.query_vector, before.query_vector)
    positions = [h.pos for h in after.hits]
    assert set(positions) <= {4, 1, 7, 0} and len(positions) == len(set(positions))


@RERANK
def test_is_deterministic(cls):
    texts = ["화웨이 장비 공개", "알리바바 안경", "칩", "정책"]
    a = cls().rerank(_ranking(), texts)
    b = cls().rerank(_ranking(), texts)
    assert [(h.pos, h.score) for h in a.hits] == [(h.pos, h.score) for h in b.hits]
