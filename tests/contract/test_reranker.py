"""Contract of :class:`ragqa.interfaces.Reranker`, run against every reranker registered in wiring, over a
real (tiny) index built with the hash embedder."""

import numpy as np
import pytest

from ragqa.interfaces import Reranker
from ragqa.retrieval.ranking import Ranking
from ragqa.wiring import RERANKERS

RERANK = pytest.mark.parametrize("cls", list(RERANKERS.values()), ids=list(RERANKERS))


@pytest.fixture
def ranked(tiny_engine):
    index, retriever = tiny_engine._require()
    return retriever.rank("화웨이가 공개한 장비에는 칩이 몇 개 들어가?"), index


def _copy(r: Ranking) -> Ranking:
    return Ranking(query=r.query, query_vector=r.query_vector.copy(), query_tokens=list(r.query_tokens),
                   hits=list(r.hits))


@RERANK
def test_keeps_the_query_and_only_known_positions(cls, ranked):
    before, index = ranked
    rr = cls()
    assert isinstance(rr, Reranker) and rr.name
    after = rr.rerank(_copy(before), index)
    assert after.query == before.query and after.query_tokens == before.query_tokens
    assert np.array_equal(after.query_vector, before.query_vector)
    positions = [h.pos for h in after.hits]
    assert len(before.hits) >= 2
    assert set(positions) <= {h.pos for h in before.hits} and len(positions) == len(set(positions))


@RERANK
def test_is_deterministic(cls, ranked):
    before, index = ranked
    a = cls().rerank(_copy(before), index)
    b = cls().rerank(_copy(before), index)
    assert [(h.pos, h.score) for h in a.hits] == [(h.pos, h.score) for h in b.hits]


@RERANK
def test_empty_and_single_rankings_pass_through(cls, ranked):
    before, index = ranked
    for hits in ([], before.hits[:1]):
        r = Ranking(query=before.query, query_vector=before.query_vector, query_tokens=before.query_tokens,
                    hits=list(hits))
        assert [h.pos for h in cls().rerank(r, index).hits] == [h.pos for h in hits]
