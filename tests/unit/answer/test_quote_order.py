"""Which competing sentence an answer quotes first: one holding the kind of thing asked."""

from ragqa.answer.extractive import Candidate, _typed_first


def test_a_korean_name_question_quotes_first_a_competing_sentence_that_names_one():
    """The sentences the abstention feature finds a name in are the ones quoted first (within the margin)."""
    topic = Candidate(1, 1, 0, "원탁 토론은 행사의 열기를 최고조로 끌어올렸다", 0.9, 0.5, 1.0)
    caption = Candidate(2, 2, 0, "리더들이 원탁 토론을 진행했다 [사진 출처: 중국일보망(中國日報網)]", 0.9, 0.5, 0.95)
    question = "원탁 토론 사진은 어느 매체가 제공한 거야?"
    weights = {"원탁": 3.0, "토론": 2.0, "사진": 2.0}
    assert _typed_first([topic, caption], "other", 0.08, question=question, weights=weights) == [caption, topic]
    # beyond the margin, or asking no name, the order stays
    far = Candidate(2, 2, 0, caption.text, 0.9, 0.5, 0.8)
    assert _typed_first([topic, far], "other", 0.08, question=question, weights=weights) == [topic, far]
    assert _typed_first([topic, caption], "other", 0.08, question="원탁 토론은 어땠어?", weights=weights) == [topic, caption]
    # an English question's name need not stand beside its terms, so it is not moved for one
    assert _typed_first([topic, caption], "other", 0.08, question="Which outlet provided the photo?",
                        weights=weights) == [topic, caption]


def test_a_larger_rank_penalty_leans_on_the_passage_ranking():
    """``score_candidates``' penalty per passage rank decides between two sentences of near equal similarity: at the
    default a slightly closer sentence of the second passage goes first, at an English question's larger penalty the
    first passage's does."""
    from types import SimpleNamespace

    import numpy as np

    from ragqa.answer.extractive import RANK_PENALTY, score_candidates

    texts = ["첫째 문단의 문장입니다", "둘째 문단의 문장입니다"]
    vectors = np.array([[0.80, 0.6], [0.81, 0.586]], dtype=np.float32)
    index = SimpleNamespace(
        chunks=[SimpleNamespace(text=t, sentences=[(0, len(t))]) for t in texts],
        sentence_rows=lambda pos: [pos], sentence_vectors=SimpleNamespace(get=lambda rows: vectors[rows]),
        sentence_tokens=[["첫째"], ["둘째"]], headings=set(), section_headings={})
    passages = [(SimpleNamespace(id=1), 0), (SimpleNamespace(id=2), 1)]
    query = np.array([1.0, 0.0], dtype=np.float32)
    assert [c.passage_id for c in score_candidates(passages, query, {}, index)] == [2, 1]
    assert [c.passage_id for c in score_candidates(passages, query, {}, index, rank_penalty=RANK_PENALTY)] == [2, 1]
    assert [c.passage_id for c in score_candidates(passages, query, {}, index, rank_penalty=0.015)] == [1, 2]
    # one scoring serves both penalties: the same candidates, the same scores to the last bit
    from ragqa.answer.extractive import rank_candidates, scored_sentences

    scored = scored_sentences(passages, query, {}, index)
    for penalty in (RANK_PENALTY, 0.015):
        assert rank_candidates(scored, penalty) == score_candidates(passages, query, {}, index, rank_penalty=penalty)
