"""Questions asking of the text itself: which listed option it does not say, what an abbreviation stands for, what a
quoted term means."""

import pytest

from ragqa.answer.answer_type import (
    excluded_options,
    expanded_term,
    expansion_missing,
    meant_term,
    option_written,
)
from ragqa.answer.extractive import Candidate, _odd_option
from ragqa.retrieval.bridge import korean_renderings


@pytest.mark.parametrize("question, options", [
    # options after markers of one kind, in order
    ("다음 중 공동 주최 기관으로 명시되지 않은 것은? ① 외교부 ② 국가발전개혁위원회 ③ 중국과학원 ④ 공업정보화부",
     ("외교부", "국가발전개혁위원회", "중국과학원", "공업정보화부")),
    ("연결이 옳지 않은 것은? A) 딥시크 – 일체형 장비 B) 화웨이 – Ascend 384 C) 알리바바 – 콰크",
     ("딥시크 – 일체형 장비", "화웨이 – Ascend 384", "알리바바 – 콰크")),
    ("Which pairing is NOT correct? (a) Shi Jun – SenseTime (b) Wang Guanchun – Laiye (c) Zhu Bing – Baidu",
     ("Shi Jun – SenseTime", "Wang Guanchun – Laiye", "Zhu Bing – Baidu")),
    ("내용과 일치하지 않는 것은? 1) 800개 기업 2) 910C 칩 384개 3) 알리바바가 출범",
     ("800개 기업", "910C 칩 384개", "알리바바가 출범")),
    # an English colon list ending the question
    ("Which of these is NOT named as a field of the casebook: education, agriculture, healthcare, or finance?",
     ("education", "agriculture", "healthcare", "finance")),
    # no exclusion asked, fewer than three options, markers out of order: no options
    ("다음 중 공동 주최 기관은? ① 외교부 ② 국가발전개혁위원회 ③ 중국과학원", ()),
    ("다음 중 명시되지 않은 것은? ① 외교부 ② 중국과학원", ()),
    ("다음 중 명시되지 않은 것은? ② 외교부 ① 중국과학원 ③ 과기부", ()),
    ("Which fields does the casebook cover: education, agriculture, or healthcare?", ()),
    ("Which of these is not yet known: the date?", ()),
])
def test_excluded_options(question, options):
    assert excluded_options(question) == options


def test_an_option_is_written_when_every_word_of_it_is():
    text = "국가발전개혁위원회가 발표한 사례집은 교육·농업·의료·재난 대응 등 다양한 분야의 사례를 수록함"
    assert option_written("국가발전개혁위원회가", text, korean_renderings) is True  # its particle aside
    assert option_written("교육", text, korean_renderings) is True
    assert option_written("공업정보화부", text, korean_renderings) is False
    # English words by the glossary's renderings; a word it does not render is not judged
    assert option_written("disaster response", text, korean_renderings) is True
    assert option_written("finance", text, korean_renderings) is False
    assert option_written("zyxwv", text, korean_renderings) is None
    # a number or a name as written
    assert option_written("2,700개", "Ascend 기반 2,700개 산업 파트너", korean_renderings) is True
    assert option_written("약 500PFlops", "총 300PFlops 규모의 연산 성능", korean_renderings) is False


def _cands(*texts):
    return [Candidate(i + 1, i, 0, text, 0.8, 0.1, 0.8 - i / 100) for i, text in enumerate(texts)]


def test_the_odd_option_of_a_list_the_text_gives():
    cands = _cands("외교부, 국가발전개혁위원회, 과기부, 중국과학원 등 10개 기관이 공동 주최했다", "공업정보화부는 다른 행사를 열었다")
    options = ("외교부", "국가발전개혁위원회", "중국과학원", "공업정보화부")
    # the list writes all but one: that one, though another sentence writes it
    assert _odd_option(options, cands) == ("공업정보화부", [cands[0]])
    # a sentence writing them all: no odd one
    every = _cands("외교부, 국가발전개혁위원회, 중국과학원, 공업정보화부가 주최했다")
    assert _odd_option(options, every) is None


def test_the_odd_option_of_facts_written_apart():
    cands = _cands("딥시크는 모델 일체형 장비를 전시했다", "화웨이는 Ascend 384 노드를 공개했다", "텐센트는 디지털휴먼을 선보였다")
    options = ("딥시크 – 일체형 장비", "화웨이 – Ascend 384", "알리바바 – 디지털휴먼")
    assert _odd_option(options, cands) == ("알리바바 – 디지털휴먼", [cands[0], cands[1]])
    # two options the text does not write: not answered this way
    assert _odd_option((*options[:2], "알리바바 – 콰크", "바이두 – 먀오다"), cands) is None
    # an option no word of which can be judged is never the answer
    assert _odd_option(("딥시크", "화웨이", "zyxwv"), cands) is None


@pytest.mark.parametrize("question, term", [
    ("In the '1+1+2+10+N' format, what does the 'N' stand for?", "N"),
    ("What does the abbreviation 'NPU' stand for in the brief?", "NPU"),
    ("What does WAIC stand for?", "WAIC"),
    ("딥시크 모델 이름 'R1'에서 'R'은 무엇을 줄인 말이에요?", "R"),  # the quoted term, not the name it is in
    ("'ROK'는 무엇의 약자로 풀이돼 있나요?", "ROK"),
    ("WAIC는 뭐의 약자예요?", "WAIC"),
    ("WAIC는 어디서 열렸어?", None), ("Which abbreviation-based label does the brief attach to it?", None),
])
def test_the_term_whose_expansion_is_asked(question, term):
    assert expanded_term(question) == term


def test_an_expansion_is_answered_only_by_a_sentence_that_writes_it():
    asks = "What does 'WAICO' stand for?"
    assert not expansion_missing(asks, ["중국은 ‘세계 인공지능 협력기구(WAICO)’ 설립을 공식 제안하고"])
    assert expansion_missing(asks, ["WAICO는 혁신 협력 플랫폼 구축을 핵심 과제로 하며"])  # used, not expanded
    assert not expansion_missing("What does 'ICT' stand for?", ["ICT(정보통신기술) 인프라"])  # the expansion after it
    assert expansion_missing("What does 'ICT' stand for?", ["반도체, 고성능 ICT 인프라 등"])
    assert expansion_missing("'ULS'는 무엇의 약자예요?", ["유엘에스 로보틱스(ULS Robotics, 傲鯊智能)"])  # part of a name
    # a letter of a formula: what it counts
    assert not expansion_missing("what does the 'N' stand for?", ["N개의 생태계 병행 포럼"])
    assert expansion_missing("'R'은 무엇의 약자예요?", ["딥시크는 R1 모델을 공개했다"])
    assert not expansion_missing("WAIC는 어디서 열렸어?", ["아무 문장"])  # no expansion asked


@pytest.mark.parametrize("question, term", [
    ("'코퍼스'는 무슨 뜻이라고 풀이돼 있어요?", "코퍼스"),
    ("'글로벌 사우스'란 무엇을 가리키나요?", "글로벌 사우스"),
    ("How does the brief define the unit 'PFlops'?", "PFlops"),
    ("What does the term 'digital human' mean?", "digital human"),
    ("What is meant by 'AI+'?", "AI+"),
    ("'코퍼스' 기업은 어디야?", None), ("What did 'Zhu Bing' say?", None),
])
def test_the_quoted_term_whose_meaning_is_asked(question, term):
    assert meant_term(question) == term


def test_a_meaning_is_answered_only_by_a_sentence_that_glosses_the_term():
    asks = "'글로벌 사우스'는 무슨 뜻이에요?"
    assert not expansion_missing(asks, ["글로벌 사우스(중남미·동남아·중동·아프리카 등 신흥국)를 포괄하는 포용성"])
    assert expansion_missing(asks, ["다자주의와 글로벌 사우스 중심의 포용적 협력 모델"])  # used, not glossed
    assert not expansion_missing("'위로만화'는 무슨 뜻이에요?", ["'위로만화'(圍爐漫話: 외국인이 경험한 바를 이야기하는 프로그램)"])
    assert not expansion_missing("How did the article define 'AI'?", ["AI를 공공재가 아닌 경제 성장의 촉매로 정의했다"])
    assert expansion_missing("How does the brief define the unit 'PFlops'?", ["총 300PFlops 규모의 연산 성능"])
    # a term no sentence writes as quoted is left to the other inputs
    assert not expansion_missing("What does the term 'digital human' mean?", ["디지털 휴먼 등 다양한 기술이 공개됐고"])
