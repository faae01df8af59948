from ragqa.text.korean import detect_language, normalize


def test_splits_korean_sentences_with_exact_offsets(text_processor):
    text = "화웨이는 장비를 공개했다. 이 시스템은 칩 384개를 장착했다.\n- 오픈소스 생태계에 전략적으로 참여하면서 국산 LLM 생태계를 함께 조성"
    spans = text_processor.split_sentences(text)
    sents = [text[s:e] for s, e in spans]
    assert sents == [
        "화웨이는 장비를 공개했다.",
        "이 시스템은 칩 384개를 장착했다.",
        "- 오픈소스 생태계에 전략적으로 참여하면서 국산 LLM 생태계를 함께 조성",
    ]


def test_line_break_always_ends_a_sentence_and_table_rows_stay_whole(text_processor):
    text = "산업 발전계획 | 2017.12. 2019.8. 2022.8. | 차세대 인공지능 발전계획(2018~2020)\n다음 줄입니다 그리고 계속됩니다"
    sents = [text[s:e] for s, e in text_processor.split_sentences(text)]
    assert sents[0] == "산업 발전계획 | 2017.12. 2019.8. 2022.8. | 차세대 인공지능 발전계획(2018~2020)"
    assert sents[1] == "다음 줄입니다 그리고 계속됩니다"


def test_tokenize_drops_particles_and_endings(text_processor):
    toks = text_processor.tokenize("화웨이가 WAIC에서 공개한 장비는 뭐야?")
    assert "화웨이" in toks and "waic" in toks and "장비" in toks and "공개" in toks
    assert "가" not in toks and "는" not in toks and "뭐" not in toks


def test_tokenize_english_stopwords(text_processor):
    assert text_processor.tokenize("What does the plan define AI as?") == ["plan", "define", "ai"]


def test_tokenize_without_the_cache_gives_the_same_tokens_and_leaves_the_caches_alone(text_processor):
    from ragqa.text.korean import _morphemes, _tokenize_cached

    text = "상공회의소 전반부 단계적 개방 — 캐시 밖에서 한 번만 읽는 문장"
    before = (_tokenize_cached.cache_info().currsize, _morphemes.cache_info().currsize)
    uncached = text_processor.tokenize(text, cache=False)
    assert (_tokenize_cached.cache_info().currsize, _morphemes.cache_info().currsize) == before
    assert uncached == text_processor.tokenize(text) and "회의소" in uncached


def test_detect_language():
    assert detect_language("세계인공지능대회는 몇 번째야?") == "ko"
    assert detect_language("How many chips does CloudMatrix 384 have?") == "en"
    assert detect_language("WAIC 2025에서 Huawei가 공개한 CloudMatrix는?") == "ko"


def test_a_question_mostly_in_latin_letters_that_ends_as_korean_does_is_korean():
    # code-switching: Korean grammar, English nouns
    assert detect_language("China가 발표한 AI global governance action plan은 몇 개 cooperation 분야를 담았어?") == "ko"
    assert detect_language("Shanghai Tower round table에 tech blogger로 join한 사람 name이 뭐야?") == "ko"
    # an English question with a Korean word at its end, or in parentheses, is English
    assert detect_language("How much is the national AI investment fund in US dollars, 대략?") == "en"
    assert detect_language("Which company did Zand Bank partner with on financial AI (금융)?") == "en"


def test_normalize_folds_nbsp_and_width():
    assert normalize("A\u00a0 B\n\tC") == "A B C"


def test_a_surname_alone_matches_the_full_name_in_keyword_search(text_processor):
    """Without Kiwi's multi-word dictionary, names are split into their parts (the dictionary kept
    "제프리 힌턴" as one token, which the question "힌턴은 ...?" could never match)."""
    from ragqa.index.keyword import BM25Index

    docs = ["제프리 힌턴은 WAIC에서 AI 위험에 대해 강연했다.", "얀 르쿤은 오픈소스 모델을 옹호했다.",
            "자연어 처리 연구소가 새 모델을 공개했다."]
    index = BM25Index().build([text_processor.tokenize(d) for d in docs])
    ids, _ = index.search(text_processor.tokenize("힌턴은 무엇을 말했어?"), 3)
    assert ids.tolist() == [0]
    ids, _ = index.search(text_processor.tokenize("처리 기술"), 3)
    assert ids.tolist() == [2]
    assert "제프리 힌턴" not in text_processor.tokenize(docs[0])


def test_related_terms_are_the_corpus_words_near_the_question_words(text_processor):
    """Kiwi's CoNg embeddings put 역할 near 구실: a question in other words than the text's still reaches it."""
    found = text_processor.related_terms("그 국제 기구는 앞으로 어떤 구실을 맡게 돼?", known=lambda t: True)
    assert found["역할"] >= 0.6
    assert "구실" not in found and "기구" not in found  # the question's own tokens are searched anyway
    only = text_processor.related_terms("그 국제 기구는 앞으로 어떤 구실을 맡게 돼?", known=lambda t: t == "역할")
    assert list(only) == ["역할"]  # only what the corpus writes
    assert text_processor.related_terms("그 국제 기구는 어떤 구실을 맡게 돼?", known=lambda t: False) == {}


def test_related_terms_leave_proper_nouns_out(text_processor):
    """A name's nearest neighbours are other names of its kind (텐센트 → 화웨이), not other ways to write it."""
    found = text_processor.related_terms("텐센트와 중국은 무엇을 발표했어?", known=lambda t: True)
    assert "화웨이" not in found and "미국" not in found
    assert found  # 발표's neighbours still count (공개, 발표회 …)


def test_related_terms_look_up_a_bounded_number_of_words(text_processor, monkeypatch):
    """A pasted page does not cost a vocabulary scan per word: the first 32 content words are looked up."""
    import ragqa.text.korean as korean

    asked = []
    monkeypatch.setattr(korean, "_neighbours", lambda proc, form, tag: asked.append(form) or ())
    nouns = ["정부", "기업", "시장", "기술", "산업", "정책", "인재", "교육", "연구", "투자", "표준", "규제", "협력",
             "경제", "사회", "문화", "안보", "외교", "무역", "에너지", "농업", "의료", "금융", "교통", "환경", "도시",
             "데이터", "반도체", "로봇", "전시", "회의", "보고서", "전략", "인프라", "플랫폼", "생태계", "윤리", "특허"]
    text = " ".join(f"{n}을 보았다." for n in nouns)
    assert len(korean._content_morphemes(text_processor, text)) > 32  # the case is real
    text_processor.related_terms(text, known=lambda t: True)
    assert len(asked) == 32


def test_topic_split_cuts_at_the_last_auxiliary_particle_not_at_a_verbs_ending(text_processor):
    q = "모델-칩 연합을 소개한 인플레임도 미국 제재를 받은 회사야?"
    assert text_processor.topic_split(q) == ("모델-칩 연합을 소개한 인플레임", " 미국 제재를 받은 회사야?")  # not at 받은
    assert text_processor.topic_split("금융 추론 대형 모델은 오픈소스로 공개됐어?") == ("금융 추론 대형 모델",
                                                                                  " 오픈소스로 공개됐어?")
    assert text_processor.topic_split("미국 제재를 받은 회사를 알려 줘") is None


def test_opening_name_is_a_proper_noun_the_question_opens_with_as_its_subject(text_processor):
    assert text_processor.opening_name("텐센트가 내놓은 융합형 산업용 AI 전략, 언제부터 본격적으로 시행한대?") == "텐센트"
    assert text_processor.opening_name("WAIC는 언제 처음 열렸어?") == "WAIC"
    assert text_processor.opening_name("원문이 중국일보망인 기사는 언제 올라왔어?") is None  # a common noun
    assert text_processor.opening_name("그 회사는 언제 세워졌어?") is None
    assert text_processor.opening_name("언제 텐센트가 발표했어?") is None  # not the opening word
    # a word given its Latin name in brackets is a proper noun, whatever Kiwi tags it
    assert text_processor.opening_name("프리테크(Freetech)는 언제 설립된 회사야?") == "프리테크"


def test_a_name_split_by_a_space_is_written_whole_when_the_corpus_writes_it_whole(text_processor):
    from ragqa.text.korean import rejoin_split_names

    proc = text_processor
    corpus = {"알리바바", "무어스레드", "로이터통신", "상하이", "중국", "행사", "외골격", "로봇", "시장", "클라우드"}
    known = corpus.__contains__
    # as speech recognition or hasty typing splits it
    assert rejoin_split_names("알리 바바가 내놓은 모델 이름은?", proc.tokenize, known) == "알리바바가 내놓은 모델 이름은?"
    assert rejoin_split_names("음 무어 스레드 걔네 역할은", proc.tokenize, known) == "음 무어스레드 걔네 역할은"
    # the second word is a word of its own: a determiner, an adverb or a prefix before it is no part of a name
    for text in ("이 상하이 행사는 몇 회째야?", "둘 다 중국 기업이야?", "국내 외골격 로봇 시장은?"):
        assert rejoin_split_names(text, proc.tokenize, known) == text
    # nothing the corpus writes whole
    assert rejoin_split_names("상 탕 아태 대표는 누구야", proc.tokenize, known) == "상 탕 아태 대표는 누구야"


def test_an_acronym_spoken_letter_by_letter_is_written_in_latin_letters_when_the_corpus_writes_it():
    from ragqa.text.korean import latin_acronyms

    known = {"ai", "ceo", "llm", "eu"}.__contains__
    assert latin_acronyms("그 칩 회사 씨이오 이름이 뭐고 에이아이 업계는", known) == "그 칩 회사 CEO 이름이 뭐고 AI 업계는"
    assert latin_acronyms("엘엘엠 개발사는 어디야", known) == "LLM 개발사는 어디야"
    assert latin_acronyms("씨이오가 누구야", known) == "CEO가 누구야"
    # everyday words of two syllables stay ("이유" reads E-U), and acronyms the corpus never writes
    assert latin_acronyms("그 이유가 뭐야", known) == "그 이유가 뭐야"
    assert latin_acronyms("에스엔에스 반응은", known) == "에스엔에스 반응은"


def test_noun_phrase_is_a_query_with_no_sentence_or_clause_ending(text_processor):
    assert text_processor.noun_phrase("아시아그룹 본사 위치")
    assert text_processor.noun_phrase("원탁 토론 시작 시각 상하이 타워")
    assert text_processor.noun_phrase("상하이에서 열린 대회 날짜")  # a clause that only modifies a noun
    assert text_processor.noun_phrase("stepfun ceo name")
    assert not text_processor.noun_phrase("아시아그룹 본사는 어디야?")  # a sentence ending
    assert not text_processor.noun_phrase("본사가 어디에 있고 누가 세웠어")  # a clause ending
    assert not text_processor.noun_phrase("화웨이가 만든 칩은?")  # ends in a particle, not a noun
    assert not text_processor.noun_phrase("대회가 막을 내린 날짜에 해당하는 것은? ① 7월 27일 ② 7월 28일")  # a topic
