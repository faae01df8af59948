"""Reaching a Korean corpus term by how an English name sounds ("Baidu" → 바이두)."""

import pytest

from ragqa.retrieval.sound import SoundMatcher, romanize, sound_key

TERMS = ["중국", "바이두", "화웨이", "엔비디아", "힌턴", "미니맥스", "일루바타", "콰크", "사이", "우리", "보이", "상하이",
         "매트릭스", "메타", "메탁스"]


def test_hangul_is_romanized_syllable_by_syllable():
    assert romanize("바이두") == "baidu"
    assert romanize("화웨이") == "hwawei"
    assert romanize("힌턴") == "hinteon"
    assert romanize("AI 바") == "ai ba"  # other characters as they are, lower-cased
    assert sound_key("Huawei") == sound_key(romanize("화웨이"))  # w and u fold together


@pytest.mark.parametrize("word, term", [
    ("baidu", "바이두"), ("huawei", "화웨이"), ("nvidia", "엔비디아"), ("hinton", "힌턴"), ("minimax", "미니맥스"),
    ("iluvatar", "일루바타"), ("quark", "콰크"), ("metax", "메탁스"), ("metrics", "매트릭스"),
])
def test_a_name_reaches_the_term_it_sounds_like(word, term):
    assert SoundMatcher(TERMS).term_for(word) == term


@pytest.mark.parametrize("word", [
    "say", "aim",  # fewer than four letters: too many short words sound alike
    "said", "july", "body",  # 사이, 우리, 보이: close, but below the threshold chosen on the tuning split
    "governance", "conference", "2025", "Baidu's",
])
def test_words_that_sound_like_no_term(word):
    assert SoundMatcher(TERMS).term_for(word) is None


def test_only_rare_terms_can_be_reached():
    matcher = SoundMatcher(TERMS, rare=lambda term: term != "상하이")
    assert matcher.term_for("shanghai") is None
    assert SoundMatcher(TERMS).term_for("shanghai") == "상하이"
