"""Reciprocal rank fusion and the follow-up fusion of the asked and the rewritten query."""

import numpy as np
import pytest

from ragqa.retrieval.ranking import Hit, Ranking, fuse_parts, fuse_rankings, rrf, with_part_leaders


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


def test_fuse_parts_can_rank_a_passage_only_one_part_leads_below_the_cut():
    # the situation with_part_leaders exists for: 9 leads part 2 only, and chunks that two lists rank
    # near the top outscore it
    whole = _ranking("A는 뭐고 B는 어디야?", [1, 2, 3, 4, 5, 6], ["a", "b"], [1, 0])
    part1 = _ranking("A는 뭐?", [2, 1, 3, 4, 5, 6], ["a"], [1, 0])
    part2 = _ranking("B는 어디야?", [9, 3, 5, 1, 4, 2], ["b"], [0, 1])
    fused = fuse_parts(whole, [part1, part2], k=10)
    assert [h.pos for h in fused.hits].index(9) >= 5
    assert fused.query_tokens == ["a", "b"] and "part2_embed" in fused.timings_ms


def test_with_part_leaders_puts_each_parts_best_hit_above_the_cut():
    whole = _ranking("A는 뭐고 B는 어디야?", [1, 2, 3, 4, 5, 6], ["a", "b"], [1, 0])
    part1 = _ranking("A는 뭐?", [2, 1, 3, 4, 5, 6], ["a"], [1, 0])
    part2 = _ranking("B는 어디야?", [9, 3, 5, 1, 4, 2], ["b"], [0, 1])
    fused = fuse_parts(whole, [part1, part2], k=10)
    before = [h.pos for h in fused.hits]
    led = with_part_leaders(fused, [part1, part2], top_k=5)
    after = [h.pos for h in led.hits]
    # 9 takes the place of the lowest hit above the cut; the others keep their fused order
    assert after[:5] == [*before[:4], 9]
    assert after[5:] == [p for p in before if p not in after[:5]]
    assert sorted(after) == sorted(before)  # nothing lost, nothing repeated
    assert led.query == fused.query and led.query_tokens == fused.query_tokens


def test_with_part_leaders_changes_nothing_when_every_leader_is_in():
    whole = _ranking("q", [1, 2, 3], ["a"], [1, 0])
    parts = [_ranking("p1", [2, 1], ["a"], [1, 0]), _ranking("p2", [3], ["b"], [0, 1]), _ranking("p3", [], [], [0, 1])]
    fused = fuse_parts(whole, parts[:2], k=10)
    assert with_part_leaders(fused, parts, top_k=3) is fused


def test_with_part_leaders_never_drops_one_leader_for_another():
    fused = _ranking("q", [1, 7, 8, 9], ["a"], [1, 0])
    parts = [_ranking("p1", [1], ["a"], [1, 0]), _ranking("p2", [9], ["b"], [0, 1]), _ranking("p3", [8], [], [0, 1])]
    led = with_part_leaders(fused, parts, top_k=2)
    # two slots, three leaders: 1 is in already, 9 takes 7's place, and 8 comes right after the cut
    assert [h.pos for h in led.hits][:2] == [1, 9]
    assert [h.pos for h in led.hits] == [1, 9, 8, 7]


def test_fused_rankings_keep_an_english_questions_bridged_terms():
    # the extractive answerer reads them to score Korean sentences for an English question
    asked = _ranking("What did it show?", [1, 2], ["show"], [1, 0])
    asked.bridged_tokens = ["공개"]
    rewritten = _ranking("What did Huawei show?", [2, 3], ["huawei", "show"], [0, 1])
    rewritten.bridged_tokens = ["화웨이", "공개"]
    assert fuse_rankings(asked, rewritten, k=60).bridged_tokens == ["공개", "화웨이"]
    parts = [_ranking("p1", [2, 1], ["a"], [1, 0]), _ranking("p2", [3], ["b"], [0, 1])]
    fused = fuse_parts(rewritten, parts, k=10)
    assert fused.bridged_tokens == ["화웨이", "공개"]
    assert with_part_leaders(fused, parts, top_k=1).bridged_tokens == ["화웨이", "공개"]


def test_fused_rankings_keep_each_bridged_word_and_its_term():
    # the extractive answerer reads the Korean term of an English count question's counted word
    asked = _ranking("How many robots?", [1, 2], ["robots"], [1, 0])
    asked.bridged_words = {"robots": "로봇"}
    rewritten = _ranking("How many robots did Huawei show?", [2, 3], ["robots", "huawei"], [0, 1])
    rewritten.bridged_words = {"robots": "기계", "huawei": "화웨이"}
    # the question as asked wins a word both carry
    assert fuse_rankings(asked, rewritten, k=60).bridged_words == {"robots": "로봇", "huawei": "화웨이"}
    parts = [_ranking("p1", [2, 1], ["a"], [1, 0])]
    fused = fuse_parts(asked, parts, k=10)
    assert fused.bridged_words == {"robots": "로봇"}
    assert with_part_leaders(fused, parts, top_k=1).bridged_words == {"robots": "로봇"}
