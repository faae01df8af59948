"""Multiple-choice questions over the shipped corpus (real index, real embedder, extractive): answered by the
option the best sentences write, led by its marker, or not answered when they write none."""

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question, lead, quoted", [
    ("다음 중 올해 WAIC에 참가한 중국 기업들이 차지한 전시 공간으로 맞는 것은? ① 3만㎡ 이상 ② 7만㎡ 이상 ③ 12만㎡ 이상",
     "② 7만㎡ 이상", "7만㎡"),
    # an option that is not so: the one the sentences leave out while they write the others
    ("다음 중 행동계획의 협력 분야에 해당하지 않는 것은? ① 기후변화 대응 ② 군사 안보 ③ 데이터·개인정보 보호",
     "② 군사 안보", "기후변화 대응"),
    # a number written in a heading's title ("… 2025’ 사례집") is not read before the body sentence
    ("Which of the following is the year by which China aims to become an AI power? (a) 2025 (b) 2030 (c) 2035",
     "(b) 2030", "2030년까지 AI 강국"),
])
def test_a_multiple_choice_question_is_answered_by_the_option_the_text_writes(real_engine, question, lead, quoted):
    answer = real_engine.ask(question, mode="extractive")
    assert not answer.abstained
    assert answer.answer.split(" [")[0] == lead
    assert quoted in answer.citations[0].quote or any(quoted in c.quote for c in answer.citations)
    assert all(c.quote in c.text for c in answer.citations)


@pytest.mark.parametrize("question", [
    # both answered before (stop 61's code) by the nearest sentence about the plan, the proposal
    "다음 중 ‘AI 글로벌 거버넌스 행동계획’의 협력 분야로 명시된 것은? ① 우주 개발 ② 핵 비확산 ③ 스포츠 교류",
    "다음 중 리창 총리가 제안한 국제기구의 본부 소재지로 옳은 것은? ① 베이징 ② 선전 ③ 홍콩",  # 상하이 is no option
    "다음 중 WAICO 본부 건물의 준공 연도로 옳은 것은? ① 2026년 ② 2027년 ③ 2028년",
    # "600억 위안" is written, of a national fund: not about the organisation the stem asks about
    "Which of the following did China pledge to the proposed WAICO as its initial funding? "
    "(a) US$1 billion (b) 10 billion yuan (c) 60 billion yuan",
])
def test_a_multiple_choice_question_none_of_whose_options_is_written_is_not_answered(real_engine, question):
    answer = real_engine.ask(question, mode="extractive")
    assert answer.abstained and not answer.citations
