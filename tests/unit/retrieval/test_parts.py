"""Splitting questions that ask several things into parts that each retrieve their own evidence."""

import pytest

from ragqa.retrieval.parts import resolve_anaphor, split_chain, split_question, without_frame, without_label


@pytest.mark.parametrize("question, parts", [
    ("인플레임은 어떤 종류의 회사고, CEO는 누구야?", ["인플레임은 어떤 종류의 회사?", "CEO는 누구야?"]),
    ("WAIC는 처음 언제 열렸고, 올해 전시 공간은 얼마나 됐어?", ["WAIC는 처음 언제 열렸?", "올해 전시 공간은 얼마나 됐어?"]),
    ("국제기구의 공식 명칭은 뭐고, 유엔 산하에 만들자고 한 대화 체계는 몇 개야?",
     ["국제기구의 공식 명칭은 뭐?", "유엔 산하에 만들자고 한 대화 체계는 몇 개야?"]),
    ("화웨이와 알리바바는 각각 무엇을 공개했어?", ["화웨이는 무엇을 공개했어?", "알리바바는 무엇을 공개했어?"]),
    # a comma after the joining particle, as long noun phrases are written
    ("WAIC가 처음 열린 해와, 중국이 설정한 목표 시점은 각각 언제야?",
     ["WAIC가 처음 열린 해는 언제야?", "중국이 설정한 목표 시점은 언제야?"]),
    # what is asked of both things follows a comma after the second: each part asks it
    ("UAE 파견안이랑 소말리아 파견연장안, 파견 인원 상한이 각각 몇 명이야?",
     ["UAE 파견안, 파견 인원 상한이 몇 명이야?", "소말리아 파견연장안, 파견 인원 상한이 몇 명이야?"]),
    ("What was the theme of WAIC 2025, and who opened it?", ["What was the theme of WAIC 2025?", "who opened it?"]),
    # question words in their contracted forms (뭘, 며칠), and a past-tense verb joined by -고 without a comma
    ("기관은 몇 곳이었고, 행사는 며칠부터 며칠까지 열렸어?", ["기관은 몇 곳이었?", "행사는 며칠부터 며칠까지 열렸어?"]),
    ("뭘로 보완했다고 평가했고, 어떤 모델들에 대응 가능하다고 했어?", ["뭘로 보완했다고 평가했?", "어떤 모델들에 대응 가능하다고 했어?"]),
    ("시스템에 어떤 칩이 들어갔고 전체 연산 성능은 얼마야?", ["시스템에 어떤 칩이 들어갔?", "전체 연산 성능은 얼마야?"]),
    # two noun phrases sharing one request, with a comma or a word for "both"
    ("알리바바 스마트 안경 이름이랑, 알리바바 오픈소스 모델 이름 알려줘",
     ["알리바바 스마트 안경 이름 알려줘", "알리바바 오픈소스 모델 이름 알려줘"]),
    ("화웨이 시스템의 칩 모델명이랑 총 연산 성능 둘 다 알려줄래?", ["화웨이 시스템의 칩 모델명 알려줄래?", "총 연산 성능 알려줄래?"]),
    # a noun phrase naming what it asks for, then a question
    ("딥시크 오픈소스 모델 이름이랑, 전시에서 보여준 솔루션 형태는 뭐야?",
     ["딥시크 오픈소스 모델 이름은 뭐야?", "전시에서 보여준 솔루션 형태는 뭐야?"]),
    # two embedded questions ("…인지, 그리고 …인지 알려줘"), and two questions joined by ", 그리고"
    ("WAIC가 올해로 몇 번째 대회인지, 그리고 누적으로 참가한 전문가가 몇 명 이상인지 같이 알려줘",
     ["WAIC가 올해로 몇 번째 대회인지", "누적으로 참가한 전문가가 몇 명 이상인지 같이 알려줘"]),
    ("화웨이는 뭘 공개했어, 그리고 알리바바는 뭘 공개했어?", ["화웨이는 뭘 공개했어?", "알리바바는 뭘 공개했어?"]),
    # two questions, the second opened by "그리고" after the first's question mark (그라고 in Gyeongsang speech)
    ("리창 총리가 제안한 대화 체계는 몇 개야? 그리고 로이터는 그가 뭐라고 경고했다고 했어?",
     ["리창 총리가 제안한 대화 체계는 몇 개야?", "로이터는 그가 뭐라고 경고했다고 했어?"]),
    ("인플레임 CEO 이름이 뭐꼬? 그라고 엔플레임이랑 나란히 꼽힌 칩 회사는 어데고?",
     ["인플레임 CEO 이름이 뭐꼬?", "엔플레임이랑 나란히 꼽힌 칩 회사는 어데고?"]),
    # two terse noun phrases, each naming what it asks for, joined by a particle and a comma
    ("리창 제안이 대응했다는 미국 계획 이름과, 트럼프 행정부 규제 완화 건수",
     ["리창 제안이 대응했다는 미국 계획 이름은 뭐야", "트럼프 행정부 규제 완화 건수는 뭐야"]),
    # two things set against each other by "vs"; a topic before a colon is asked of both
    ("행동계획이 확보하려는 가치들 vs 원탁 참가자들이 본 AI 발전의 중심",
     ["행동계획이 확보하려는 가치들", "원탁 참가자들이 본 AI 발전의 중심"]),
    ("딥시크 오픈소스의 의미: 원거 이사장 발언 vs 정책 보고서 평가",
     ["딥시크 오픈소스의 의미: 원거 이사장 발언", "딥시크 오픈소스의 의미: 정책 보고서 평가"]),
    # terse asks set side by side by a spaced "+" or "/"; a short side with no subject shares the first side's
    ("WAICO 본부 희망지 + 연계할 체계", ["WAICO 본부 희망지", "WAICO 연계할 체계"]),
    ("美 AI 노선: 미국우선주의 기사 속 美 정책 문서명 / 러브콜 기사 한 줄 요약",
     ["美 AI 노선: 미국우선주의 기사 속 美 정책 문서명", "美 AI 노선: 러브콜 기사 한 줄 요약"]),
    ("WAIC 언제 열려? / 어디서 열려?", ["WAIC 언제 열려?", "WAIC 어디서 열려?"]),
    # terse asks, each closed by its question word or counter, joined by a comma
    ("WAIC 올해 몇 회째, 누적 참가 전문가 몇", ["WAIC 올해 몇 회째", "누적 참가 전문가 몇"]),
])
def test_multi_part_questions_are_split(question, parts):
    assert split_question(question) == parts


@pytest.mark.parametrize("question", [
    "화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?",
    "중국과 미국의 관계는 어떻게 평가됐어?",  # "A와 B의 …" without 각각 asks one thing
    "리창 총리가 상하이에 두자고 한 국제기구는 뭐야?",  # "-자고 한" is not a second question
    "LLM 개발사와 AI 칩 제조사를 잇는 연합에 들어간 칩 제조사는 어디어디야?",
    "How did SenseTime's CEO describe the company's history and its future?",  # one question word
    "중국과 미국의 관계 알려줘",  # two nouns and one request, with neither a comma nor "both"
    "세키도 료지와 스쥔이 한 말 알려줘",
    "센스타임은 어디 회사인지 알려줘",  # one embedded question
    "WAIC가 몇 번째인지 알려줘, 그리고 고마워",  # ", 그리고" before no question
    # a question asked again after its question mark, with no conjunction, is one question
    "WAIC 개최지로 왜 하필 상해가 정해진 거야? 브리프에 그 이유가 나와?",
    "WAICO 상해 본부 건물 언제 완공 예정이래? 몇년",
    "WAIC가 몇 번째 대회야? 그리고 고마워",  # "그리고" before no question
    "US vs China?",  # too short to be two questions
    # "vs" after a comparative is "than": one thing asked of the pair
    "per SemiAnalysis how many times faster is CloudMatrix 384 vs GB200 NVL72?",
    "클라우드매트릭스가 몇 배 빨라 vs 엔비디아 GB200",
    # "+" inside a quote, or joining two things one question asks about (one side asks, the other does not)
    "If China's approach is 'government-led + technology sharing', what approach is the US said to pursue?",
    "policy report says deepseek + the open-source boom mark a strategic shift for china. shift toward what exactly?",
    "'1+1+2+10+N' 체계에서 2는 뭐야?",  # no spaces: one name
    "중국이 만들자고 한 세계 인공지능 협력기구, 본부는 어느 도시에 두겠대?",  # a comma after no question word
    "화웨이 Ascend 산업 파트너 2,700개, 작년이랑 비교하면 몇 곳이나 늘어난 거야?",  # the side before the comma asks nothing
])
def test_single_questions_stay_whole(question):
    assert split_question(question) == [question]


@pytest.mark.parametrize("question, parts", [
    ("위원회에 들어간 미국 제재 대상 기업, 그 회사 아태 지역 CEO가 누구야?",
     ["위원회에 들어간 미국 제재 대상 기업은 어디야?", "그 회사 아태 지역 CEO가 누구야?"]),
    ("미국 제재 기업이 있잖아요. 그 회사 CEO는 누구예요?", ["미국 제재 기업은 어디야?", "그 회사 CEO는 누구예요?"]),
    ("왕레이가 예로 든 회사, 그 회사가 낸 모델 이름은?", ["왕레이가 예로 든 회사는 어디야?", "그 회사가 낸 모델 이름은?"]),
    ("개막식에서 연설한 사람, 그 사람 직함은 뭐야?", ["개막식에서 연설한 사람은 누구야?", "그 사람 직함은 뭐야?"]),
])
def test_a_question_about_a_described_thing_is_split_into_which_and_what(question, parts):
    assert split_chain(question) == parts


@pytest.mark.parametrize("question", [
    "화웨이가 공개한 장비는 뭐야?",  # no "그 <kind>"
    "그 회사 CEO는 누구야?",  # nothing described before it
    "어느 회사가 제재를 받았고, 그 회사 CEO는 누구야?",  # the first part asks already (split_question's case)
    "중국, 그 나라 수도는?",  # a name, not a description to find the thing by
])
def test_questions_that_are_not_chains(question):
    assert split_chain(question) is None


def test_the_anaphor_is_replaced_by_the_name_with_an_agreeing_particle():
    assert resolve_anaphor("그 회사 아태 지역 CEO가 누구야?", "센스타임") == "센스타임 아태 지역 CEO가 누구야?"
    assert resolve_anaphor("그 회사가 낸 모델 이름은?", "딥시크") == "딥시크가 낸 모델 이름은?"
    assert resolve_anaphor("그 기관이 세운 연구소는?", "딥시크") == "딥시크가 세운 연구소는?"
    assert resolve_anaphor("해당 기업을 세운 사람은?", "중국과학원") == "중국과학원을 세운 사람은?"
    assert resolve_anaphor("이 행사는 언제 열렸어?", "WAIC") == "WAIC는 언제 열렸어?"
    assert resolve_anaphor("그 모델은 언제 나왔어?", "R1") is not None
    assert resolve_anaphor("그런데 CEO는 누구야?", "센스타임") is None


@pytest.mark.parametrize("question, bare", [
    ("[팩트체크] 전시 면적 — 몇 제곱미터?", "전시 면적 — 몇 제곱미터?"),
    ("【연표】 WAIC 첫 개최 연도", "WAIC 첫 개최 연도"),
    ("[Chart number] By what margin did it win?", "By what margin did it win?"),
    ("[2] 문서는 누가 썼어?", "[2] 문서는 누가 썼어?"),  # a citation marker, not a label
    ("[팩트체크]", "[팩트체크]"),  # nothing follows: the label is the question
    ("WAIC [2025] 면적은?", "WAIC [2025] 면적은?"),  # only a label that opens the question
])
def test_a_label_opening_the_question_is_not_part_of_it(question, bare):
    assert without_label(question) == bare


@pytest.mark.parametrize("question, bare", [
    # openers that frame what follows
    ("Any color on the expats' WAIC video — what theme was it packaged under?",
     "the expats' WAIC video — what theme was it packaged under?"),
    ("Net-net on framing: how does China define AI?", "how does China define AI?"),
    ("Side-by-side for the boss: what race is the US running?", "what race is the US running?"),
    ("TL;DR on WAICO: where is it based?", "WAICO: where is it based?"),
    ("For my slides: under which label does the plan appear?", "under which label does the plan appear?"),
    # the answer's use
    ("Li Qiang's soundbite for the board memo: what did he warn against?", "Li Qiang's soundbite: what did he warn against?"),
    ("When did Washington drop its plan? Need the date for the timeline slide.", "When did Washington drop its plan?"),
    ("When did it open? I need it for the timeline slide.", "When did it open? I need it."),
    ("Two specs on the 384 supernode for the one-pager (the brief's name): which chip?",
     "Two specs on the 384 supernode (the brief's name): which chip?"),
    # the answer's form, in a last sentence of its own
    ("Which themes did he hammer home? Bullet list please.", "Which themes did he hammer home?"),
    ("How long is the video? Minutes are fine.", "How long is the video?"),
    ("what fields do the cases cover? bullet pls", "what fields do the cases cover?"),
    ("what should Korea build? one line", "what should Korea build?"),
    ("WAICO 어젠다 톱3가 뭐예요? 회의 자료 1페이지용으로 불릿만요.", "WAICO 어젠다 톱3가 뭐예요?"),
    ("그 효과가 뭐예요? 포인트만요.", "그 효과가 뭐예요?"),
    # a last sentence that only says what kind of answer is needed
    ("When did Washington drop its plan? Need the date.", "When did Washington drop its plan?"),
    ("How many attendees flew in from the US? Need the US headcount.", "How many attendees flew in from the US?"),
    ("where was the roundtable held?? need the venue fr", "where was the roundtable held??"),
    ("I need the exact date: when did it open?", "I need the exact date: when did it open?"),
    # a purpose that names what is asked stays, and so does a form asked inside the question
    ("Pull the phrase they used — it's for a slide title.", "Pull the phrase they used — it's for a slide title."),
    ("What did he say, in one line?", "What did he say, in one line?"),
    ("리창 총리 발언을 한 줄로 요약하면?", "리창 총리 발언을 한 줄로 요약하면?"),
    ("What's on the slide? for the deck", "What is on the slide?"),
    # an English question word's contraction is written out
    ("Who's the chief architect Freetech sent?", "Who is the chief architect Freetech sent?"),
    ("What’s the total compute? Bullet list please.", "What is the total compute?"),
    ("Huawei's chip: which one?", "Huawei's chip: which one?"),
    # too little left: the question as asked
    ("Bullet list please.", "Bullet list please."),
    ("For my memo: why?", "For my memo: why?"),
])
def test_what_the_asker_says_of_the_answers_use_or_form_is_not_asked(question, bare):
    assert without_frame(question) == bare


@pytest.mark.parametrize("question, bare", [
    # another's question reported as why the asker asks, beside the asker's own direct question
    ("중국 회사들이 그 큰 박람회장에서 차지한 자리가 얼마나 넓었대요? 애가 축구장 몇 개쯤이냐고 물어서 숫자부터 알고 싶어요.",
     "중국 회사들이 그 큰 박람회장에서 차지한 자리가 얼마나 넓었대요?"),
    ("애가 미국 돈으로 치면 얼마냐고 묻는데요, 중국이 올해 세운 AI 투자 펀드는 달러로 얼마라고 나와요?",
     "중국이 올해 세운 AI 투자 펀드는 달러로 얼마라고 나와요?"),
    ("애가 농사에도 AI를 쓰냐고 물어봐서요. 토론에 농장 이름 붙은 회사를 세운 사장님 이름이 뭐예요?",
     "토론에 농장 이름 붙은 회사를 세운 사장님 이름이 뭐예요?"),
    # the report is what is asked: the direct question asks too little by itself, or nothing directly
    ("애가 이번 대회가 몇 번째 대회냐고 물어요. 뭐라고 답해 주면 돼요?", "애가 이번 대회가 몇 번째 대회냐고 물어요. 뭐라고 답해 주면 돼요?"),
    ("애가 그럼 중국 AI가 무슨 때에서 무슨 때로 건너뛴 거냐고 묻는데, 뭐라고 했어요?",
     "애가 그럼 중국 AI가 무슨 때에서 무슨 때로 건너뛴 거냐고 묻는데, 뭐라고 했어요?"),
    ("보스가 차세대 AI 발전계획이 몇 년짜리 플랜이냐고 묻네요. 대상 연도 레인지로 답 주세요.",
     "보스가 차세대 AI 발전계획이 몇 년짜리 플랜이냐고 묻네요. 대상 연도 레인지로 답 주세요."),
    ("애가 유명한 사람 누가 왔냐고 해서요. 튜링상 받은 사람이 몇 명 왔는지 알려주실래요?", "튜링상 받은 사람이 몇 명 왔는지 알려주실래요?"),
    # no report: unchanged
    ("WAIC는 언제 열렸냐? 그리고 어디서 열렸어?", "WAIC는 언제 열렸냐? 그리고 어디서 열렸어?"),
    # a last sentence that only says why the asker asks
    ("바이두 먀오다 쓰는 사람이 몇 명이나 돼요? 이용자 수가 궁금해서요", "바이두 먀오다 쓰는 사람이 몇 명이나 돼요?"),
    ("미국이 AI 규칙을 몇 건 풀고 있다고 나와요? 중국이랑 비교하는 숙제라서요.", "미국이 AI 규칙을 몇 건 풀고 있다고 나와요?"),
    ("왕레이 이사장 연구 분야가 뭐예요? 프로필 한 줄 쓰려고요.", "왕레이 이사장 연구 분야가 뭐예요?"),
    ("숙제라서요. 그 로봇은 뭐예요?", "숙제라서요. 그 로봇은 뭐예요?"),  # a reason before the question stays
])
def test_another_persons_question_reported_as_context_is_not_asked(question, bare):
    assert without_frame(question) == bare


def test_a_second_ask_sharing_the_request_is_a_part_of_its_own():
    assert split_question("국제기구를 제안한 날짜와, 같이 꺼낸 대화 체계 개수를 두 기사에서 뽑아서 한 줄로.") == [
        "국제기구를 제안한 날짜는 뭐야", "같이 꺼낸 대화 체계 개수는 뭐야"]


@pytest.mark.parametrize("question, parts", [
    # a formal written request shared by two noun phrases
    ("화웨이 장비의 총 연산 성능 수치와 장착된 칩의 모델명을 함께 제시 바랍니다.",
     ["화웨이 장비의 총 연산 성능 수치 제시 바랍니다.", "장착된 칩의 모델명을 제시 바랍니다."]),
    ("제안된 국제기구의 공식 명칭과, 대화 체계의 개수를 함께 기재 요청드립니다.",
     ["제안된 국제기구의 공식 명칭 기재 요청드립니다.", "대화 체계의 개수를 기재 요청드립니다."]),
    ("규제 완화 조치의 규모와, 보고서가 제시한 정책 유형을 각각 기재하시오.",
     ["규제 완화 조치의 규모 기재하시오.", "보고서가 제시한 정책 유형을 기재하시오."]),
])
def test_a_formal_request_shared_by_two_noun_phrases_is_split(question, parts):
    assert split_question(question) == parts


@pytest.mark.parametrize("question", [
    "원탁 토론 참석자 가운데 CEO 직함과 함께 한자 성명이 병기된 인사를 모두 열거하시오.",  # "X과 함께 Y": one thing
    "장비를 공개한 기업과 연합에 포함된 칩 제조사를 모두 열거하시오.",  # one list of both
    "토론에 참석한 기업과 기관의 관계를 제시 바랍니다.",  # no comma, no "함께": a relation, one thing
])
def test_formal_requests_that_ask_one_thing_stay_whole(question):
    assert split_question(question) == [question]


def test_a_noun_phrase_naming_what_is_asked_then_and_a_question_is_two_parts():
    assert split_question("연도 두 개만: 브리프에 나온 첫 개최 연도, 그리고 보고서가 잡은 목표 연도는?") == [
        "연도 두 개만: 브리프에 나온 첫 개최 연도는 뭐야?", "보고서가 잡은 목표 연도는 뭐야?"]


@pytest.mark.parametrize("question, parts", [
    ("America government new AI plan is call what, and Trump 행정부 is push more than how many 규제 완화?",
     ["America government new AI plan is call what?", "Trump 행정부 is push more than how many 규제 완화?"]),
    ("How many firms exhibited at WAIC, and what was the floor area?",
     ["How many firms exhibited at WAIC?", "what was the floor area?"]),
])
def test_a_comma_and_before_a_clause_asking_on_its_own_splits(question, parts):
    assert split_question(question) == parts


def test_a_comma_and_in_a_list_asks_one_thing():
    question = "Which technologies, such as robots, and glasses, were shown?"
    assert split_question(question) == [question]


@pytest.mark.parametrize("question", [
    "Which US agency put Biren and Moore Threads under sanctions, and in what year?",
    "Which university was represented at the roundtable, and by whom?",
])
def test_a_comma_and_before_a_phrase_asking_more_of_the_first_clause_stays_whole(question):
    assert split_question(question) == [question]


def test_a_comma_and_before_a_prepositional_question_with_its_own_verb_splits():
    assert split_question("Which edition of WAIC was the 2025 conference, and in what year was it first held?") == [
        "Which edition of WAIC was the 2025 conference?", "in what year was it first held?"]
