"""Multiple-choice questions: their options parsed, and matched to sentences (ragqa.answer.choices)."""

import pytest

from ragqa.answer.choices import Option, checkable, multiple_choice, writes, written_option


def test_circled_options_are_parsed_with_the_stem():
    mc = multiple_choice("다음 중 규제 완화 조치의 규모로 옳은 것은? ① 30건 이상 ② 60건 이상 ③ 90건 이상 ④ 150건 이상")
    assert mc is not None and not mc.negative
    assert mc.stem == "다음 중 규제 완화 조치의 규모로 옳은 것은?"
    assert [(o.marker, o.text) for o in mc.options] == [
        ("①", "30건 이상"), ("②", "60건 이상"), ("③", "90건 이상"), ("④", "150건 이상")]
    assert mc.lead(mc.options[2]) == "③ 90건 이상"


@pytest.mark.parametrize("question, markers, texts", [
    ("Which year? (a) 2025 (b) 2027 (c) 2030", ["(a)", "(b)", "(c)"], ["2025", "2027", "2030"]),
    ("Who hosted it? A) Alibaba, B) Huawei, or C) Baidu?", ["A)", "B)", "C)"], ["Alibaba", "Huawei", "Baidu"]),
    ("맞는 것을 고르시오. 1) 상하이 2) 베이징 3) 선전", ["1)", "2)", "3)"], ["상하이", "베이징", "선전"]),
    ("해당하는 곳은? 가) 화웨이 나) 텐센트", ["가)", "나)"], ["화웨이", "텐센트"]),
])
def test_other_marker_families_are_parsed(question, markers, texts):
    mc = multiple_choice(question)
    assert mc is not None
    assert [o.marker for o in mc.options] == markers and [o.text for o in mc.options] == texts


@pytest.mark.parametrize("question", [
    "중국은 2030년까지 무엇을 하겠다고 했어?",
    "2017년 계획(1)과 2019년 지침은 뭐가 달라?",  # one marker is no list of options
    "(b) 항목만 다시 알려줘 (a)",  # markers out of order
    "차세대 인공지능 발전계획(2018~2020)의 목표는?",
])
def test_a_question_without_options_in_order_is_not_multiple_choice(question):
    assert multiple_choice(question) is None


@pytest.mark.parametrize("question, negative", [
    ("다음 중 옳지 않은 것은? ① A사 ② B사", True),
    ("13개 협력 분야에 해당하지 않는 것은? ① 기후변화 ② 군사", True),
    ("Which of the following is NOT one of the themes? (a) x1 (b) x2", True),
    ("다음 중 옳은 것은? ① A사 ② B사", False),
    ("Which of the following was not mentioned? (a) x1 (b) x2", True),
])
def test_a_question_asking_which_is_not_so_is_negative(question, negative):
    assert multiple_choice(question).negative is negative


@pytest.mark.parametrize("sentence, option, expected", [
    ("트럼프 행정부는 최근 90건이 넘는 규제 완화 조치를 추진했다", "90건 이상", True),  # the number by value
    ("트럼프 행정부는 최근 90건이 넘는 규제 완화 조치를 추진했다", "30건 이상", False),
    ("중국은 2030년까지 AI 강국으로 도약하겠다는 목표를 설정했다", "2030년", True),
    ("올해 600억 위안 규모의 국가 AI 투자 펀드를 설립", "60 billion yuan", True),  # across scale words
    ("올해 600억 위안 규모의 국가 AI 투자 펀드를 설립", "10 billion yuan", False),
    ("행사는 7월 26일 개막했다", "26 July", True),  # a month by its name
    ("AI 기반 양안 디스플레이형 스마트 안경 ‘콰크(夸克)’를 첫 공개", "양안 디스플레이형이다", True),  # ending aside
    ("AI 기반 양안 디스플레이형 스마트 안경 ‘콰크(夸克)’를 첫 공개", "단안 디스플레이형이다", False),
    ("AI 기반 양안 디스플레이형 스마트 안경 ‘콰크(夸克)’를 첫 공개", "위챗과 연동된다", False),
    ("Huawei showed CloudMatrix 384", "Huawei", True),
])
def test_a_sentence_writes_an_option_by_value_or_by_its_words(sentence, option, expected):
    assert writes(sentence, Option("①", option)) is expected


@pytest.mark.parametrize("text, expected", [
    ("90건 이상", True), ("로봇 시연", True), ("Huawei", True), ("25 July", True),
    ("a catalyst for economic growth", False),  # an English phrase is not looked for in Korean words
])
def test_an_option_is_checkable_by_a_number_korean_words_or_a_name(text, expected):
    assert checkable(Option("(a)", text)) is expected


def test_the_first_sentence_writing_exactly_one_option_decides():
    mc = multiple_choice("어느 회사? ① 화웨이 ② 텐센트 ③ 바이두")
    sentences = ["화웨이와 텐센트가 참가했다", "텐센트는 혼원 모델을 공개했다", "바이두도 왔다"]
    assert written_option(mc, sentences) == (mc.options[1], 1)  # the roster naming two decides nothing


def test_no_option_written_decides_nothing():
    mc = multiple_choice("몇 개 분야? ① 10개 ② 12개")
    assert written_option(mc, ["총 13개 협력 분야를 포함"]) is None


def test_the_negative_answer_is_the_one_option_left_unwritten():
    mc = multiple_choice("협력 분야에 해당하지 않는 것은? ① 기후변화 대응 ② 군사 안보 ③ 개도국 역량 강화")
    assert mc.negative
    sentences = ["△기후변화 대응 △표준·규범 수립", "△개도국 역량 강화 등 총 13개 협력 분야"]
    assert written_option(mc, sentences) == (mc.options[1], 0)
    assert written_option(mc, sentences[:1]) is None  # two left unwritten: not decided


@pytest.mark.parametrize("question", [
    "제3조 (1)항과 (2)항의 차이는?",  # numbered clauses after a stem that asks nothing yet
    "보고서 (가) 부분과 (나) 부분을 요약해줘",
])
def test_numbered_parts_after_a_stem_that_does_not_ask_to_choose_are_not_options(question):
    assert multiple_choice(question) is None
