"""Evaluation metrics on planted responses whose scores are known in advance."""

from __future__ import annotations

import math

import pytest

from ragqa.answer.statements import split_statements
from ragqa.eval.gold import GoldEvidence, GoldQuestion
from ragqa.eval.judges import CachedJudge, LexicalJudge, NLIJudge
from ragqa.eval.metrics import EvalResponse, retrieval_scores, score_question, summarize

EVIDENCE = "이 시스템은 910C 칩 384개를 장착했다."
P_EVIDENCE = "화웨이는 WAIC에서 클라우드매트릭스 384를 공개했다. " + EVIDENCE
P_UNRELATED = "알리바바는 스마트 안경 콰크를 처음 공개했다. 콰크는 타오바오, 알리페이 등 알리 생태계 플랫폼과 연동된다."
P_OTHER = "한국은 제조업, 바이오헬스, 모빌리티, 에너지 등 주력 산업에 AI 기술을 접목해야 한다."
PASSAGES = [{"id": 1, "text": P_EVIDENCE, "title": "화웨이"}, {"id": 2, "text": P_UNRELATED, "title": "알리바바"},
            {"id": 3, "text": P_OTHER, "title": "보고서"}]
Q = GoldQuestion(id="q1", question="클라우드매트릭스 384에는 칩이 몇 개 들어가?", type="numeric", answer="384개",
                 gold=[GoldEvidence(doc="huawei", evidence=EVIDENCE)])
UNANSWERABLE = GoldQuestion(id="q2", question="화웨이의 2030년 매출 목표는?", type="unanswerable")


def _score(answer: str, text_processor, q=Q, abstained=False, citations=None):
    resp = EvalResponse(id=q.id, answer=answer, abstained=abstained, passages=PASSAGES,
                        citations=citations if citations is not None else [])
    return score_question(q, resp, CachedJudge(LexicalJudge()), text_processor)


def test_perfect_answer_citing_the_evidence(text_processor):
    r = _score(f"{EVIDENCE} [1]", text_processor, citations=[{"id": 1, "text": P_EVIDENCE}])
    assert r["citation_recall"] == 1 and r["citation_precision"] == 1 and r["citation_validity"] is True
    assert r["answer_correct"] is True and r["hit@1"] is True and r["mrr"] == 1


def test_same_answer_citing_an_unrelated_passage(text_processor):
    r = _score(f"{EVIDENCE} [2]", text_processor)
    assert r["citation_recall"] == 0 and r["citation_precision"] == 0 and r["citation_validity"] is True


def test_uncited_statements_lower_recall(text_processor):
    r = _score(f"{EVIDENCE} [1] 화웨이는 시스템 설계로 칩 성능의 한계를 보완했다.", text_processor)
    assert r["n_statements"] == 2 and r["citation_recall"] == 0.5 and r["citation_precision"] == 1


def test_out_of_range_markers_are_invalid(text_processor):
    r = _score(f"{EVIDENCE} [7]", text_processor)
    assert r["citation_validity"] is False and r["invalid_markers"] == [7]
    assert r["citation_recall"] == 0 and r["citation_precision"] == 0
    # a citation object naming a passage that was not given is invalid too
    r = _score(f"{EVIDENCE} [1]", text_processor, citations=[{"id": 1, "text": "other text"}])
    assert r["citation_validity"] is False


def test_over_citation_lowers_precision_not_recall(text_processor):
    r = _score(f"{EVIDENCE} [1][2]", text_processor)
    assert r["citation_recall"] == 1 and r["citation_precision"] == 0.5
    r = _score(f"{EVIDENCE} [1][2][3]", text_processor)
    assert r["citation_precision"] == pytest.approx(1 / 3)


def test_citations_needed_together_are_all_precise(text_processor):
    # neither passage alone supports the statement; together they do: both citations are needed
    a, b = "화웨이는 클라우드매트릭스 384를 공개했다.", "알리바바는 스마트 안경 콰크를 공개했다."
    passages = [{"id": 1, "text": a}, {"id": 2, "text": b}]
    resp = EvalResponse(id="q1", answer="화웨이는 클라우드매트릭스 384를, 알리바바는 스마트 안경 콰크를 공개했다 [1][2]",
                        passages=passages)
    r = score_question(Q, resp, LexicalJudge(), text_processor)
    assert r["citation_recall"] == 1 and r["citation_precision"] == 1


def test_correct_abstention_and_summary(text_processor):
    abst = _score("제공된 문서에서는 이 질문에 대한 답을 찾을 수 없습니다.", text_processor, q=UNANSWERABLE, abstained=True)
    assert "citation_recall" not in abst and "answer_correct" not in abst
    wrong_abst = _score("모릅니다.", text_processor, abstained=True)
    perfect = _score(f"{EVIDENCE} [1]", text_processor)
    s = summarize([abst, wrong_abst, perfect])
    assert s["abstention_recall"] == 1 and s["abstention_precision"] == 0.5 and s["false_abstention"] == 0.5
    assert s["answer_accuracy"] == 0.5 and s["citation_recall"] == 1 and s["retrieval_hit@5"] == 1
    assert set(s) >= {"retrieval_hit@5", "mrr", "answer_accuracy", "abstention_recall", "false_abstention",
                      "citation_validity", "citation_recall", "citation_precision"}
    assert summarize([abst])["citation_recall"] is None  # not measurable, not zero


def test_retrieval_scores_ranks_budget_and_documents():
    ev = ["evidence one", "evidence two"]
    ranked = ["noise a", "xx evidence one yy", "noise b", "noise c", "noise d", "noise e", "evidence two here"]
    r = retrieval_scores(ev, ["doc-a", "doc-b"], ranked, budget=40)
    assert (r["hit@1"], r["hit@3"], r["hit@5"], r["hit@10"]) == (False, False, False, True)
    assert r["recall@5"] == 0.5 and r["recall@10"] == 1 and r["mrr"] == 0.5
    ideal = 1 + 1 / math.log2(3)
    assert r["ndcg@10"] == pytest.approx((1 / math.log2(3) + 1 / math.log2(8)) / ideal)
    assert r["evidence_in_budget"] is False and r["multi_doc_coverage"] == 0.5
    assert r["evidence_ranks"] == [2, 7]
    # evidence matched by text after normalisation (NBSP, width, case), never by document name
    assert retrieval_scores(["Evidence\u00a0ONE"], ["x"], ["see evidence one"], 100)["hit@1"] is True


def test_statement_splitting_attaches_markers(text_processor):
    sts = split_statements("첫 번째 문장입니다 [1]. 두 번째 문장입니다. [2][3] 세 번째 문장은 인용이 없습니다.", text_processor)
    assert [s.markers for s in sts] == [[1], [2, 3], []]
    assert all("[" not in s.text for s in sts) and sts[2].text == "세 번째 문장은 인용이 없습니다."


def test_lexical_judge_checks_numbers_and_quotes():
    j = LexicalJudge()
    assert j.supports("910C 칩 384개를 장착", [P_EVIDENCE])
    assert not j.supports("이 시스템은 910C 칩 512개를 장착했다.", [P_EVIDENCE])  # wrong number
    assert not j.supports("화웨이는 “완전히 새로운 칩”을 공개했다", [P_EVIDENCE])  # quote not in passage
    assert not j.supports(EVIDENCE, [])
    assert not j.supports("The system carries 384 910C chips.", [P_EVIDENCE])  # no cross-lingual entailment


def test_nli_judge_reads_the_entailment_label():
    class StubModel:
        class config:  # noqa: N801
            id2label = {0: "contradiction", 1: "entailment", 2: "neutral"}

        def __init__(self):
            self.seen = []

        def predict(self, pairs, apply_softmax=True):
            self.seen.append(pairs)
            return [[0.1, 0.8, 0.1]] if "384" in pairs[0][1] else [[0.7, 0.2, 0.1]]

    stub = StubModel()
    j = NLIJudge("stub-path", model=stub)
    assert j.supports("칩 384개", [P_EVIDENCE]) and not j.supports("칩 512개", [P_EVIDENCE])
    assert stub.seen[0] == [(P_EVIDENCE, "칩 384개")] and j.name == "nli(stub-path)"


def test_the_lead_is_the_first_line_and_concise_when_it_is_a_span(text_processor):
    span_first = _score(f"384개 [1]\n{EVIDENCE} [1]", text_processor)
    sentence_first = _score(f"{P_EVIDENCE} [1]", text_processor)  # the whole passage: not a span
    answer_second = _score(f"화웨이는 WAIC에서 클라우드매트릭스 384를 공개했다 [1]\n{EVIDENCE} [1]", text_processor)
    assert [r["answer_correct"] for r in (span_first, sentence_first, answer_second)] == [True, True, True]
    assert [r["lead_correct"] for r in (span_first, sentence_first, answer_second)] == [True, True, False]
    assert [r["lead_concise"] for r in (span_first, sentence_first, answer_second)] == [True, False, False]
    s = summarize([span_first, sentence_first, answer_second])
    assert (s["lead_accuracy"], s["concise_accuracy"]) == (0.6667, 0.3333)  # rounded like every summary figure
    two_parts = GoldQuestion(id="q3", question="몇 개이고 누가?", type="multi_doc", answer="384개; 화웨이",
                             gold=[GoldEvidence(doc="huawei", evidence=EVIDENCE)])
    assert "lead_correct" not in _score(f"384개 [1]\n{P_EVIDENCE} [1]", text_processor, q=two_parts)


def test_a_gold_answer_of_parts_is_matched_part_by_part():
    from ragqa.eval.matching import answer_matches

    gold = "Qwen, DeepSeek / GB200 NVL72"
    answer = "Qwen, DeepSeek 등 대규모 모델 [1]\n엔비디아의 GB200 NVL72보다 우수한 성능 [2]"
    assert answer_matches(answer, gold, [])
    assert answer_matches("작년: 메타 Llama [1]; 현재: 딥시크-R1 [2]", "메타 Llama / 딥시크-R1", [])
    assert not answer_matches("Qwen, DeepSeek 등 대규모 모델 [1]", gold, [])  # one part missing
    assert not answer_matches("AI+산업 [1]", "AI+산업/금융", [])  # no spaces: one item, not two
