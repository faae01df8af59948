"""Reciprocal rank fusion and the follow-up fusion of the asked and the rewritten query."""

import numpy as np
import pytest

from ragqa.retrieval.ranking import Hit, Ranking, fuse_rankings, rrf


def test_rrf_scores_are_weighted_reciprocal_ranks():
    hits = rrf({"a": [10, 20, 30], "b": [20, 40]}, {"a": 1.0, "b": 2.0}, k=60)
    by_pos = {h.pos: h for h in hits}
    assert by_pos[20].score == pytest.approx(1 / 62 + 2 / 61)
    assert by_pos[10].score == pytest.approx(1 / 61)
    assert by_pos[40].score == pytest.approx(2 / 62)
    assert by_pos[20].ranks == {"a": 2, "b": 1}
    assert [h.pos for h in hits] == [20, 40, 10, 30]


def test_rrf_zero_weight_drops_a_list_and_missing_weight_counts_one():
    hits = rrf({"a": [1, 2], "off": [3], "unweighted": [2]}, {"a": 1.0, "off": 0.0}, k=10)
    assert {h.pos for h in hits} == {1, 2}
    assert hits[0].pos == 2 and hits[0].score == pytest.approx(1 / 12 + 1 / 11)


def test_rrf_ties_break_by_position_and_empty_is_empty():
    hits = rrf({"a": [7], "b": [3]}, {}, k=60)
    assert [h.pos for h in hits] == [3, 7]
    assert rrf({}, {}, k=60) == [] and rrf({"a": []}, {}, k=60) == []


def _ranking(query, positions, tokens, vec):
    return Ranking(query=query, query_vector=np.asarray(vec, np.float32), query_tokens=tokens,
                   hits=[Hit(pos=p, score=1.0) for p in positions], timings_ms={"embed": 1.0})


def test_fuse_rankings_keeps_asked_hits_and_vector_and_takes_all_tokens():
    asked = _ranking("그 장비는?", [1, 2, 3], ["장비"], [1, 0])
    rewritten = _ranking("화웨이 장비는?", [3, 4], ["화웨이", "장비"], [0, 1])
    fused = fuse_rankings(asked, rewritten, k=60, secondary_weight=0.5)
    # sentences are chosen by the question as asked (the rewrite's vector leans to the previous question)
    assert fused.query == "화웨이 장비는?" and np.array_equal(fused.query_vector, asked.query_vector)
    assert fused.query_tokens == ["장비", "화웨이"]
    assert [h.pos for h in fused.hits][:1] == [3]  # in both lists
    assert {h.pos for h in fused.hits} == {1, 2, 3, 4}
    assert fused.timings_ms == {"asked_embed": 1.0, "rewritten_embed": 1.0}
