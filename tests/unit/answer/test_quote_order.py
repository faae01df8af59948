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
