"""A report's table of contents over the shipped corpus (real index, real embedder, extractive): a question
about pages or figures reads it; other questions never get it as a passage."""

import pytest

pytestmark = pytest.mark.integration


def test_a_page_question_is_answered_from_the_table_of_contents(real_engine):
    answer = real_engine.ask("AI 패권 경쟁 보고서에서 정책적 시사점 장은 몇 쪽에 있어?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("7쪽 [")
    # the passage the lead cites is quoted at its contents line (citations are listed by id, not by the lead)
    lead_id = int(answer.answer.split("[", 1)[1].split("]", 1)[0])
    assert "정책적 시사점 및 대응 과제 7" in next(c.quote for c in answer.citations if c.id == lead_id)


def test_the_readme_example_of_a_page_question(real_engine):
    answer = real_engine.ask("참고문헌은 몇 쪽부터야?", mode="extractive")  # README, "How it works"
    assert not answer.abstained and answer.answer.startswith("9쪽 [")


def test_a_figure_asked_by_number_is_named_from_the_table_of_contents(real_engine):
    answer = real_engine.ask("보고서의 [그림 2]는 무엇에 관한 그림이야?", mode="extractive")
    assert not answer.abstained and "생성형 AI 특허 다출원 기업" in answer.answer


def test_other_questions_never_get_the_contents(real_engine):
    for question in ("중국의 AI 기술 자립 동향은 어때?", "중국의 대표적 AI 정책은 뭐가 있어?",
                     "What does the report recommend for Korea's policy?"):
        passages = real_engine.retrieve(question, top_k=10).passages
        assert passages and all(not p.text.startswith("목차\n") and "표제지 1" not in p.text for p in passages)
