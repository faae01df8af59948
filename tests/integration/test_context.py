"""Sentence choice that reads beyond the sentence, on the shipped corpus: the heading of a sentence's section
counts for it, and a sentence saying "이는 …" about the best one is quoted after it."""

import pytest

pytestmark = pytest.mark.integration


def test_a_bullet_under_a_heading_answers_a_question_naming_the_heading(real_engine, monkeypatch):
    # "- … 총 13개 협력 분야를 포함" never names the plan; its section heading "1. ‘AI 글로벌 거버넌스 행동계획’ 발표" does.
    # Read at context weight 0.5, where the heading's share lifts the bullet into the top sentences. At 0.25 (shipped
    # at stop 61 only; 0.5 again since stop 62, benchmarks/tune_sentences.py's rule on 5,331 tuning questions, and at stop 63 on 5,671) it
    # stays below them and this question abstains (docs/quality-log.md): the weight is pinned, so the mechanism is
    # tested here whatever the default.
    answerer = real_engine.extractive
    monkeypatch.setattr(answerer, "_settings", answerer._settings.model_copy(update={"context_weight": 0.5}))
    index, _ = real_engine._require()
    heading = next(h for r, h in index.section_headings.items() if "13개 협력 분야" in _row_text(index, r))
    assert "행동계획" in _row_text(index, heading)
    answer = real_engine.ask("글로벌 AI 거버넌스 행동계획에 담긴 협력 분야는 몇 개야?", mode="extractive")
    assert not answer.abstained
    assert answer.answer.startswith("13개 [")
    assert any("13개 협력 분야" in c.quote for c in answer.citations)


def test_the_sentence_explaining_the_best_one_follows_it(real_engine):
    answer = real_engine.ask("반도체 설계부터 개발자 접근성까지 아우르는 중국 정부의 공급망 전략은 무엇을 견디려는 노력이야?",
                             mode="extractive")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("뿐만 아니라 중국 정부의 전략은 반도체 설계부터")
    assert lines[1].startswith("이는 미국의 수출 규제를 견딜 수 있는")


def _row_text(index, row: int) -> str:
    c, j = (int(x) for x in index.sentence_owner[row])
    return index.chunks[c].text[slice(*index.chunks[c].sentences[j])]
