"""Answer-type detection: what a question asks for (Korean and English) and whether a sentence holds it."""

import re

import pytest

from ragqa.answer.answer_type import (
    BOUND,
    BOUNDS,
    abbreviates,
    asked_address,
    asked_kinds,
    asked_position,
    asks_deed,
    asks_list,
    asks_name,
    asks_org_name,
    asks_organisation,
    asks_place,
    asks_specific,
    asks_title,
    asks_venue,
    asks_which_person,
    blank_question,
    choice_options,
    claim_missing,
    claim_value_types,
    claims_number,
    contrast_excluded,
    contrast_missing,
    count_origin,
    counted_noun,
    described_names,
    english_counted_noun,
    english_name,
    english_span,
    find_spans,
    has_enumeration,
    is_roster,
    keyword_question,
    kind_phrases,
    list_items,
    mentions_next_edition,
    model_codes,
    named_kinds,
    names_org_kind,
    of_asked_kind,
    organisation_names,
    person_names,
    place_names,
    question_type,
    quoted_names,
    rest_excluded,
    rest_missing,
    script_names,
    stated_claim,
    table_row_dates,
    title_holder,
    type_matches,
    writes_excluded,
)
from ragqa.answer.extractive import asks_named, concise_lead, day_ordinals, holds_answer, other_day


@pytest.mark.parametrize("question, expected", [
    ("화웨이 CloudMatrix 384의 가격은 얼마야?", "money"),
    ("How much does the Quark glasses cost?", "money"),
    ("중국 AI 시장 점유율은 몇 %야?", "percent"),
    ("WAIC 2025는 며칠에 열렸어?", "date_day"),
    ("On what date did WAIC 2025 open?", "date_day"),
    ("WAIC는 몇 년도에 처음 열렸어?", "date_year:calendar"),
    ("In what year was WAIC first held?", "date_year:calendar"),
    ("WAIC 2025는 언제 열렸어?", "date"),
    ("중국 회사들이 누구나 쓰게 풀어놓은 모델 덕분에 무엇이 빨라졌어?", "other"),  # anyone: no person asked
    ("When was the plan released?", "date:relative"),  # an English "when" asked loosely, like 언제
    ("According to the portal article, when did Zand Bank partner with Ant Digital?", "date:relative"),
    ("When exactly did Zand Bank partner with Ant Digital?", "date"),  # asked exactly: no "last year"
    ("In which month was that partnership signed?", "date"), ("What month did it open?", "date"),
    ("WAIC에는 몇 개국이 참가했어?", "count:countries"),
    ("How many chips does CloudMatrix 384 have?", "count:items"),
    ("딥시크 장비에는 GPU가 몇 장 들어가?", "count:items"),
    ("WAIC에 온 수상자는 몇 명이야?", "count:people"),
    ("How many Turing Award winners attended?", "count:people"),
    ("How many people attended WAIC 2025?", "count:people"),
    ("중국의 생성형 AI 특허 출원은 몇 건이야?", "count:cases"),
    ("Roughly how many deregulatory measures has the administration been pushing?", "count:cases"),
    ("How many agreements were signed?", "count:cases"), ("Over how many editions had it been held?", "count:times"),
    # an opening premise is not what is asked ("In assessing why …, which …" asks no reason)
    ("In assessing why the meeting failed, which aspects did Reuters call uncertain?", "other"),
    ("Given that it drew 6,000 experts since 2018, how many editions had been held?", "count:times"),
    # 분 is the polite counter of people unless a length of time is asked
    ("외국 정상이나 장관들을 몇 분이나 만났대요?", "count:people"), ("연사로 몇 분이 나오셨어요?", "count:people"),
    ("발표는 몇 분 동안 했어?", "count:minutes"), ("러닝타임이 몇 분이야?", "count:minutes"),
    ("세계인공지능대회는 올해로 몇 번째 열린 거야?", "count:ordinal"),
    ("WAIC는 올해 몇 회째야?", "count:ordinal"),
    ("How many countries took part?", "count:countries"),
    ("몇 명이나 왔어?", "count:people"),
    ("얼마나 많이 참가했어?", "count"),  # names no counter: any count answers
    ("By what percentage does the model cut adoption costs?", "percent"),  # a percentage about money
    ("Of the 6,000 solutions, what share are aimed at manufacturing?", "percent"),
    ("What proportion of the attendees came from abroad?", "percent"),
    ("매출에서 AI 비중은 얼마야?", "percent"),
    ("인플레임 CEO는 누구야?", "person:ceo"),
    ("라이예테크 CEO 이름이 뭐야?", "person:ceo"),  # a person asked by name, not by 누구
    ("알리바바 클라우드 관계자 이름이 뭐야?", "person"),
    ("What is the name of the company's CEO?", "person:ceo"),
    ("미니맥스의 대표 AI 모델 이름이 뭐야?", "other"),  # 대표 here qualifies the model: a thing's name
    ("알리바바가 공개한 스마트 안경 이름이 뭐야?", "other"),
    ("Who is the CEO of MiniMax?", "person:ceo"),
    # a chair of an alliance or a committee, a university's or company's president, a spokesperson, a minister;
    # 이사장 is a chair, not a 사장
    ("연합 의장은 누가 맡았어?", "person:chair"),
    ("위원회 위원장은 누구야?", "person:chair"),
    ("원거테크 이사장은 누구야?", "person:chair"),
    ("그 대학 총장은 누구예요?", "person:president"),
    ("외교부 대변인은 누구였어?", "person:spokesperson"),
    ("Who is China's Minister of Science and Technology?", "person:minister"),
    ("Why did China propose WAICO?", "reason"),
    ("센스타임이 제재를 받은 이유가 뭐야?", "reason"),
    ("센스타임이랑 스텝펀 중 어느 회사 직원이 더 많아?", "comparison"),
    ("클라우드매트릭스 384랑 GB200 중에 전력 효율은 어느 쪽이 더 좋아?", "comparison"),
    ("Which drew more attendees, WAIC 2024 or WAIC 2025?", "comparison"),
    ("센스타임이랑 스텝펀 중에 어느 쪽이 기업 가치가 더 커요?", "comparison"),  # 크다 conjugated: 커요, 컸어, 큰
    ("어느 쪽 연산 속도가 더 빨라?", "comparison"),
    ("Is CloudMatrix 384 faster or slower than GB200?", "comparison"),
    ("이번 WAIC에서 공개된 기술에는 어떤 것들이 있었어?", "other"),
    ("AI 발전은 언제나 무엇을 중심에 둬야 한다고 했어?", "other"),  # 언제나 = always, not a date question
    ("고성능 저비용 오픈소스 모델로 예를 든 건 뭐야?", "other"),  # 저비용 = low-cost, not a price question
    # a quantity of no named kind: money, a measure or a count
    ("화웨이 Ascend 384 노드 장비의 총 연산 성능은 얼마야?", "amount:compute"),  # a measured kind
    ("그 장비는 전력을 얼마나 먹어?", "amount:power"),
    ("How much power does the supernode draw?", "amount:power"),
    ("전시장 전체 면적은 얼마야?", "amount:area"),
    # a measure asked by its unit is a measure, not a count
    ("화웨이 전시관은 몇 ㎡였어?", "amount:area"), ("전시 면적은 몇 제곱미터야?", "amount:area"),
    ("How many square meters did Huawei's booth take up?", "amount:area"), ("연산 성능은 몇 PFlops야?", "amount:compute"),
    ("How many GB200 chips does it hold?", "count:items"),  # a model's name, not a unit
    ("중국이 WAICO 설립에 내놓을 출연금 규모는 얼마야?", "money"),  # a sum of money asked by its size
    ("현장에서 체결된 거래 총액은 얼마였어?", "money"),
    ("그 장비는 한 대에 얼마 받아요?", "money"),  # a price: what is received, per unit
    ("스텝펀 기업가치는 얼마로 나와요?", "money"),  # a company's value is a sum; a "글로벌 가치" is none
    ("중국 AI 해법의 글로벌 가치는 뭐야?", "other"),
    ("입장하려면 얼마 내야 돼?", "money"),
    ("외골격 로봇은 한 대에 얼마야?", "money"),
    ("솔루션 6,000개를 공동개발하는 데 들인 돈은 얼마나 돼?", "money"),  # money itself asked: not "2,700개"
    ("국가 AI 투자 펀드 규모는 얼마야?", "amount"),
    ("중국 기업들이 차지한 전시 공간은 얼마나 됐어?", "amount"),
    ("How large is China's national AI investment fund?", "amount"),
    ("How much exhibition floor space did Chinese companies take up?", "amount:area"),
    ("중국 AI는 얼마나 빠르게 성장했어?", "other"),  # how fast: a manner, not a quantity
    # "어느 정도야" asks how much; "어느 정도 따라잡았어" (to what extent) asks no quantity
    ("그 금융 추론 모델, 파라미터 규모가 어느 정도야?", "amount"),
    ("고위급 인사들, 머릿수로 치면 어느 정도였어?", "amount"),
    ("중국 기업들이 차지한 전시 면적은 어느 정도였나요?", "amount:area"),
    ("중국은 미국을 어느 정도 따라잡았어?", "other"),
    # 제일 is 가장 (most): a superlative is answered only by a sentence that compares
    ("참석자가 제일 많이 몰린 포럼은 어디였어?", "comparison"),
    ("네 가지 흐름 가운데 제일 빠르게 진행되는 건 어느 거래?", "comparison"),
    # ... but a superlative asking which place or organisation asks for one
    ("고위급 인사를 제일 많이 보낸 나라는 어디야?", "other"), ("특허를 가장 많이 출원한 기업은 어디야?", "other"),
    # who wrote or photographed a report (no reporter is named, so no person of that role answers)
    ("그 기사, 쓴 기자 이름이 뭐야?", "person:reporter"),
    ("기사에 실린 사진, 찍은 사진기자 이름도 나와 있어?", "person:reporter"),
    ("그 로이터 기사, 바이라인에 누구 이름이 있어?", "person:reporter"),
    ("기자회견에서 발언한 사람은 누구야?", "person"),  # a press conference
    # a fee is money, in either language; "in charge of" is not a charge
    ("What monthly subscription fee does Baidu charge for Miaoda?", "money"),
    ("먀오다 구독료는 한 달에 얼마야?", "money"), ("WAIC 입장료는 얼마였어?", "money"),
    ("Which ministry is in charge of the plan?", "other"),
    # a company's 대표 asked by name is its chief executive; "대표 AI 모델" is a flagship model
    ("거기 대표 이름이 뭐야?", "person:ceo"), ("퍼스트 팜 대표는 누구야?", "person:ceo"),
    # "며칠" as a span is a number of days, not a date
    ("국회 정기회는 회기를 최대 며칠까지 할 수 있어?", "amount:unit:일"), ("행사는 며칠 동안 이어졌어?", "amount:unit:일"),
    ("개헌안은 며칠 이상 공고해야 돼?", "amount:unit:일"), ("WAIC는 며칠까지 열렸어?", "date_day:end"),
    ("회의는 며칠에 열렸어?", "date_day"),
    # what money goes to is no sum; a fiscal year is no year asked; a conditional clause is a premise
    ("정부가 전년도 예산에 맞춰 집행할 수 있는 경비 용도들 다 알려줘", "other"),
    ("새 회계연도 시작 전까지 통과가 안 되면 어떻게 돼?", "other"),
    ("정확히 얼마 손해인지 따지기 어려우면, 법원은 뭘 참고해서 액수를 정하게 돼?", "other"),
    ("예산은 얼마야?", "money"), ("그 정책이 나온 연도는?", "date_year:calendar"),
    # how long, naming no unit: a span of time in any unit
    ("바다 건너 인력을 끌어들이는 일, 베이징은 앞으로 얼마 동안 고삐를 죄겠다는 거야?", "count:duration"),
    ("얼마나 오래 걸려?", "count:duration"), ("Over what time span?", "count:duration"),
    ("몇 달 만에 열린 거야?", "count:months"), ("몇 달러야?", "money"),
    # the copula of "몇이야" is no unit; a count asked by 개수
    ("화웨이가 협력사들이랑 같이 만들어 냈다는 솔루션, 개수가 몇이야?", "count"),
    # the day of the month is a date; the day of an event is its ordinal
    ("On which day of the month did Li Qiang propose the body?", "date_day"), ("Which day of WAIC was it?", "date_day:nth"),
    ("얼마간의 지원금은 얼마야?", "money"),
    # cheap (값싸다) describes; it asks no price
    ("값싸면서도 힘 좋은 공개형 모델을 풀어 흔들고 있다는 워싱턴의 강점, 기사에선 뭐라고 표현했어?", "other"),
    ("값은 얼마야?", "money"), ("What did exhibitors pay per square metre for booth space?", "money"),
    ("Who paid attention to the robots?", "person"),
    # half of a compound adjective asks no price ("low-cost models"); a profit is money
    ("What are Chinese AI firms threatening by releasing high-performance, low-cost open-source models?", "other"),
    ("Which cost-effective chip did they use?", "other"), ("Is it a non-profit?", "other"),
    ("What operating profit did Ant Digital Technologies report for last year?", "money"),
    ("What did the robot cost?", "money"),
    ("What is the combined investment pledged by the members of the alliance?", "money"),
    ("What is the national AI investment fund meant to support?", "other"),
    ("How much government money was set aside for the plan?", "money"),
    # "몇 년에 있었대" asks a calendar year; "몇 년에 걸쳐" a span
    ("그 전환이 정확히 몇 년에 있었대?", "date_year:calendar"), ("몇 년에 걸쳐 추진했어?", "date_year"),
    # "how many" followed by a verb counts the whole named before it
    ("Of the more than 800 companies exhibiting at WAIC 2025, how many came from outside China?", "count:companies"),
    # an editor asked by title
    ("Who is the editor-in-chief of China Daily?", "person:editor"), ("중국일보 편집장은 누구야?", "person:editor"),
    # worth (값어치) is no price; a PD asked by name is a person with that role
    ("고비마다 어떤 일의 고된 도전과 큰 값어치가 담겨 있대?", "other"),
    ("위로만화 시리즈를 담당하는 PD, 이름이 뭐예요?", "person:producer"),
    # who moderated: 사회 with a verb of taking it on (사회 alone is society)
    ("원탁 토론 사회는 누가 봤어?", "person:moderator"), ("Who moderated the roundtable?", "person:moderator"),
    ("원탁 토론 진행자는 누구야?", "person:moderator"), ("우리 사회는 누가 바꿔?", "person"),
    # 누가 inside a clause describing the thing another interrogative asks about
    ("미국 쪽은 누가 앞장서는 어떤 싸움을 골랐다고 했어?", "other"), ("누가 어떤 모델을 발표했어?", "person"),
    # 누가 inside an embedded question (-ㄹ지, -는지) that another interrogative follows
    ("AI를 누가 어떻게 끌고 갈지 두고 세계는 지금 어떤 상태래?", "other"), ("누가 발표했는지 알려줘", "person"),
    # a "when" clause before the question proper asks no date
    ("When Li Qiang convened the high-level meeting, what three things did he stress?", "other"),
    ("When did WAIC open, and who opened it?", "date:relative"),
    # "whose" asks for an owner (often a government), or describes ("the bank whose CEO spoke"), as 누구의 does
    ("Whose full-scale backing are DeepSeek and other Chinese AI firms riding on?", "other"),
    ("What is the Chinese name of Ajinga, the company whose CEO joined the roundtable?", "other"),
    # a bare 몇 as the predicate asks a number
    ("콰크 안경에 들어간 카메라 화소 몇이야?", "count"), ("몇몇 기업은 어디야?", "other"),
    # which of two, by a comparative of its own; a share asked by how much
    ("콰크 안경과 메타 안경을 배터리로 비교하면 어느 쪽이 더 오래 가나요?", "comparison"),
    ("퍼스트 팜 테크놀로지와 프리테크 가운데 상하이에 먼저 자리를 잡은 회사는 어디인가요?", "comparison"),
    ("How much global market share did Chinese open-source models gain?", "percent"),
    # a market value, a rank asked in English
    ("What is SenseTime's market capitalisation?", "money"),
    ("Where does South Korea rank in generative AI patent filings?", "count:rank"), ("What rank did China take?", "count:rank"),
    ("How did the rankings change?", "other"),
    # a count asked by the noun "count", not the verb
    ("What's the exact partner count in the WAIC brief?", "count:items"), ("Zand Bank headcount?", "count"),
    ("What does the report count as a success?", "other"),
    # a terse count by its noun's 수; "할 수" is "can"
    ("인플레임 직원 수", "count:people"), ("참가국 수는?", "count"), ("그건 어떻게 할 수?", "other"),
    ("라마는 몇 마리야?", "count:items"),
    # a date asked by a noun for it, unless something else is asked of it
    ("콰크 안경 발매 시점 나와 있어?", "date"), ("콰크 안경 국내 출시 일정", "date"), ("상하이 포털 원탁 기사 게재일", "date"), ("WAICO 출범 시점은?", "date"),
    ("두 연합을 발표한 시점은 무엇에 맞춘 거였나요?", "other"), ("현 시점에서 중국 AI 수준은?", "other"),
    # the number a law, an order or a resolution carries; not a model number, a numbered item or a count
    ("'생성형 인공지능 서비스 관리 장정 조례'의 공식 법령 번호(몇 호 령)는 뭐야?", "label:document"),
    ("트럼프 행정부가 철폐한 기존 행정명령의 번호는 뭐야?", "label:document"),
    ("What is the number of the UN General Assembly resolution that would establish WAICO?", "label:document"),
    ("What is the number of countries?", "count:countries"), ("화웨이 칩, 모델 번호가 뭐였더라?", "other"),
    ("바이런·무어스레드 美 제재 사유", "reason"), ("지연의 원인이 뭐야?", "reason"),
    # a trigger, a purpose or a motive asked; not what a trigger points to ("… 계기로 꼽은 회사": a company)
    ("WAIC를 2018년에 처음 연 계기가 뭐였어요?", "reason"), ("그 체계로 짠 목적이 뭐였어요?", "reason"),
    ("What caused the delay?", "reason"), ("For what purpose was the alliance formed?", "reason"),
    ("보고서가 오픈소스 중심지로 떠오른 계기로 꼽은 회사는 어디야?", "other"),
    ("미첨부 사유서 작성한 팀 팀장 이름이 뭐야?", "other"),  # a name asked, not a reason
    # a noun written as its own counter; the noun before a generic 수 counted by 개
    ("고위급 손님들 국적 기준으로 보면 대략 몇 나라에서 온 거예요?", "count:countries"), ("몇 사람이 왔어?", "count:people"),
    ("참석자들이 온 나라 수는 몇 개라고 돼 있어?", "count:countries"), ("참가 기업 수는 몇 개야?", "count:companies"),
    ("브리프에 나온 고위급 참석자 수", "count:people"), ("참가 기업 수는?", "count:companies"),  # a terse count's noun
    # "how many of the 800 companies": the noun after a number; how much spent is money; how long it took a duration
    ("How many of the more than 800 companies exhibiting at WAIC are publicly listed?", "count:companies"),
    ("How much has SenseTime spent on R&D over its ten-year history?", "money"),
    ("완공까지 얼마나 걸렸어?", "count:duration"), ("주가가 얼마나 빠졌어?", "amount"),
    ("인재 유치를 강화하겠다고 잡은 기간은 얼마야?", "count:duration"),
    ("센스타임 아태 ceo 맡은지 몇년됨", "count:years"), ("특허 1위 몇년 연속임", "count:years"), ("몇 년에 설립됐어?", "date_year:calendar"),
    ("중국 AI 발전 속도가 미국보다 몇 년 앞서 있다고 했어?", "count:years"), ("몇 년 뒤처져 있어?", "count:years"),
    # a cost cut by some means asks how, not how much
    ("정책 보고서엔 무슨 수로 연산 비용을 깎는다고 돼 있어?", "other"), ("입장료를 얼마나 깎아줘?", "money"),
    # a terse request naming the answer's kind only by the form it wants: the words before the form first
    ("WAIC 2025 총 관람객 수 — 숫자만", "count:people"), ("보고서 외국 인재 유치 목표 인원 — 숫자만", "count:people"),
    ("Zand Bank total assets — number only", "amount"), ("WAICO official launch date? date only", "date_day"),
    ("상하이 포털 기사 게재일 — YYYY-MM-DD", "date"), ("콰크 스마트안경 출시가 — 위안화로", "money"),
    ("WAICO proposal — year only", "date_year"),
    # a form that does not name a kind, or a currency that is not the form asked in, types nothing
    ("외국인 전문가 체험 영상 올라간 플랫폼 이름만", "other"), ("위안화로 결제할 수 있는 부스 있어?", "other"),
    ("성과를 구체적인 숫자로 내세운 곳은 어디야?", "other"),
    # a formal request names the value it wants by a noun, not by an interrogative; so may a terse question
    ("상하이 타워 정원 홀 원탁 토론의 개최 일자를 기재하시오.", "date_day"),
    ("Ascend 플랫폼 기반으로 공동개발하였다고 밝힌 솔루션의 수를 기재하시오.", "count"),
    ("사례집 수록 사례 중 농업 분야 사례의 건수를 기재하시오.", "count:cases"),
    ("해당 장비의 판매 단가를 명시해 주십시오.", "money"), ("홍보 영상의 누적 조회수 제시 바랍니다.", "count:times"),
    ("전년 대비 참석자 규모의 증감률 제시 바랍니다.", "percent"), ("해당 기체의 최대 항속 거리를 기재하시오.", "amount:length"),
    ("WAICO 본부의 예상 상주 인원 규모 회신 요망.", "count:people"), ("화웨이 시스템에 장착된 910C 칩의 수량을 확인 바람.", "count:things"),
    ("2030년 시점의 AI 핵심 산업 규모 목표치를 기재하시오.", "amount"), ("트럼프 행정부 규제 완화 건수", "count:cases"),
    ("고위급 1,200여 명 — 이 중 장관급 이상 인원?", "count:people"), ("발표 주체를 확인 바람.", "other"),
    ("행동계획을 주관하는 중국 측 부처 명칭 회신 요망.", "other"), ("사례별 지원 금액을 기재하시오.", "money"),
    ("Please confirm the date on which the alliance's charter was signed.", "date_day"),
    ("Please advise the exact calendar date on which the committee was inaugurated.", "date_day"),
    ("Kindly indicate the year in which SenseTime was first sanctioned.", "date_year:calendar"),
    ("中 국가 AI 펀드 존속 기간?", "count:duration"), ("행동계획 이행 점검 후속 회의 일정?", "date"),
    ("Date Washington published its AI Action Plan?", "date_day"), ("Zand Bank customer base size?", "amount"),
    ("Total visitor count at the WAIC 2025 exhibition?", "count:people"), ("ULS Robotics - year it set up in Shanghai?",
                                                                   "date_year:calendar"),
    ("Huawei CloudMatrix 384 chip model?", "other"), ("What is the date format?", "other"),
    ("Power consumption of Huawei's CloudMatrix 384?", "amount:power"),
    # an English question asking which company asks for one, whatever money its description names
    ("A bank chief pointed to a model that could cut adoption costs. Which Chinese company released it?", "other"),
    ("Which company released the model, and how much does it cost?", "money"),
])
def test_question_types(question, expected):
    assert question_type(question) == expected


@pytest.mark.parametrize("qtype, sentence, spans", [
    ("count", "튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명이 참석함", ["12명", "30여 개국", "1,200여 명"]),
    ("count", "외국인 전문가 두 명이 진행자로 변신했다", ["두 명"]),
    ("count", "중국은 2030년까지 13개 분야에서 협력한다", ["13개"]),  # a year is not a count
    # official documents space their dates out, or write a two-digit year after an apostrophe
    ("date_day", "발의연월일 : 2010.  11.  12.", ["2010.  11.  12"]),
    ("date", "’08. 10. 27～31  정부합동실사단 파견", ["’08. 10. 27"]),
    ("date", "○  ’10. 10  군 현지 실사단 파견", ["’10. 10"]),
    ("date", "2010. 11. 제출", ["2010. 11."]),
    ("date_day", "’10. 10  군 현지 실사단 파견", []),  # a month, no day
    ("date", "가격은 3. 5 정도였다", []),  # no year, no date
    # "3분의 2" is a fraction, not three minutes; "30분의 휴식" is minutes
    ("amount", "국회의 의결은 재적의원 3분의 2 이상의 찬성을 얻어야 한다", []),
    ("count", "회의는 30분의 휴식 후 속개했다", ["30분"]),
    ("money", "총 600억 위안(약 8.2억 달러) 규모의 펀드", ["600억 위안(약 8.2억 달러)"]),  # one sum, restated
    ("money", "It raised $1.5 billion last year", ["$1.5 billion"]),
    ("money", "800개 이상의 기업이 참가했다", []),
    ("percent", "점유율 30%를 기록했고 성장률은 12.5 퍼센트", ["30%", "12.5 퍼센트"]),
    ("date_day", "2025년 7월 26일, 외교부 등이 주최했다", ["7월 26일"]),
    ("date_year", "WAIC는 2018년 첫 개최 이후", ["2018년"]),
    ("date", "행사는 7월 26일부터 27일까지 열렸다", ["7월 26일"]),
    # an official text says who acts by office when it names no one
    ("person", "합동참모의장이 작전 지휘", ["합동참모의장"]),
    ("person:chair", "②국가원로자문회의의 의장은 직전대통령이 된다.", ["직전대통령"]),
    ("person", "되는 경우 국무총리에게 시정에 필요한 조치를 건의할 수 있다.", ["국무총리"]),
    # a bare title after a name is that person's, not an office; 시장 is a market; a named person comes first
    ("person", "로이터통신 보도에 의하면 리 총리는 경고했다", []),
    ("person", "반도체시장이 커졌다", []),
    ("person", "리창 총리가 참석했다", ["리창"]),
    # an article of a law is no sum; a number of months is no month; a number of days or a day past 31 no day
    ("amount", "제129조 제안된 헌법개정안은 대통령이 20일 이상의 기간 이를 공고하여야 한다", []),
    ("amount", "총 600억 위안 규모, 129조 원의 예산", ["600억 위안", "129조 원"]),
    ("date", "최초의 국회의원선거는 이 헌법공포일로부터 6월 이내에 실시하며, 정기회는 9월에 열린다", ["9월"]),
    ("date_day", "최초의 대통령선거는 이 헌법시행일 40일 전까지 실시한다. 12월 16일 선거", ["12월 16일"]),
    ("date_day", "29일 외교계와 AI업계에 따르면", ["29일"]),
])
def test_spans_of_units_dates_offices_and_articles(qtype, sentence, spans):
    assert [s.text for s in find_spans(qtype, sentence)] == spans


@pytest.mark.parametrize("qtype, sentence, spans", [
    # a count question that names its counter is answered only by counts of that kind
    ("count:people", "10개 기관이 주최하고 수상자 12명을 포함한 1,200여 명이 참석함", ["12명", "1,200여 명"]),
    ("count:cases", "중국은 생성형 AI 특허 출원에서 1위를 기록함", []),
    ("count:cases", "트럼프 행정부는 90건이 넘는 규제 완화 조치를 추진했다", ["90건"]),
    ("count:ordinal", "WAIC는 2018년 첫 개최 이후 7회째를 맞이한 행사로 10개 기관이", ["7회째"]),
    ("count:countries", "30여 개국에서 1,200여 명이 참석함", ["30여 개국"]),
    ("count:items", "Ascend 플랫폼 기반 2,700개 산업 파트너와 6,000개 솔루션", ["2,700개", "6,000개"]),
    ("count:people", "It hosted 12 experts and 384 chips", ["12 experts"]),
    ("count:items", "It hosted 12 experts and 384 chips", ["384 chips"]),
    ("count", "수상자 12명, 10개 기관, 1위", ["12명", "10개", "1위"]),
    # the generic 개 counts what the noun beside it names
    ("count:countries", "유엔 산하의 새로운 AI 규제 대화 체계 두 개를 제안했다", []),
    ("count:items", "유엔 산하의 새로운 AI 규제 대화 체계 두 개를 제안했다", ["두 개"]),
    ("count:countries", "30개 국가에서 참석함", ["30개"]),
    ("count:companies", "800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지", ["800개"]),
    ("count:items", "외교부 등 10개 기관이 공동 주최한 대회", []),
    ("count:companies", "외교부 등 10개 기관이 공동 주최한 대회", ["10개"]),
    ("count:places", "외교부 등 10개 기관이 공동 주최한 대회", ["10개"]),  # 곳 counts organisations too
    ("count:places", "30개 국가에서 참석함", []),
    ("percent", "600억 위안(약 8.2억 달러) 규모의 펀드", []),
    # 인 counts people in formal Korean ("재판관 6인 이상", "9인의 재판관"), not in a rate ("1인당")
    ("count:people", "재판관 6인 이상의 찬성이 있어야 하며, 9인의 재판관으로 구성한다", ["6인", "9인"]),
    ("count:people", "1인당 10만원을 지급한다", []),
    # a number of days is a span, or the dates something ran between; a day of the month is not one
    ("amount:unit:일", "회기는 100일을, 임시회는 30일을 초과할 수 없고 20일 이상 공고한다", ["100일", "30일", "20일"]),
    ("amount:unit:일", "행사는 7월 26일부터 27일까지 열렸고 26일 개막식에는 3일간 준비한 공연이 있었다",
     ["7월 26일부터 27일까지", "3일"]),
])
def test_counts_of_the_asked_kind(qtype, sentence, spans):
    assert [s.text for s in find_spans(qtype, sentence)] == spans


def test_a_name_of_a_kind_may_be_one_compound():
    from ragqa.answer.answer_type import kind_phrases
    assert [s.text for s in kind_phrases("농지의 소작제도는 금지된다.", ("제도",), glued=True)] == ["소작제도"]
    assert [s.text for s in kind_phrases("농지의 소작제도는 금지된다.", ("제도",))] == []


def test_the_lead_is_the_span_nearest_the_question_terms():
    sentence = "10개 기관이 주최한 대회에 튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명의 고위급 인사가 참석함"
    assert concise_lead("count:people", sentence, {"수상자": 3.0, "튜링상": 4.0}) == "12명"
    assert concise_lead("count:people", sentence, {"고위급": 3.0, "인사": 2.0}) == "1,200여 명"
    assert concise_lead("count:people", sentence, {"없는말": 3.0}) == "12명"  # nothing near: the first
    assert concise_lead("count:people", sentence) == "12명"
    day = "29일 외교계에 따르면 리창 총리는 26일 WAIC에서 국제기구 설립을 공식 제안했다"
    assert concise_lead("date_day", day, {"리창": 5.0, "제안": 2.0, "설립": 2.0}) == "26일"


def test_an_amount_is_measured_before_it_is_counted():
    from ragqa.answer.answer_type import amount_spans

    # a measure or money answers "얼마"; a count only when nothing is measured
    assert [s.text for s in amount_spans("총 300PFlops 규모의 연산 성능과 910C 칩 384개")] == ["300PFlops"]
    # an amount of a measured kind is answered only by a measure in one of its units
    assert [s.text for s in find_spans("amount:compute", "총 300PFlops 규모의 연산 성능과 910C 칩 384개")] == ["300PFlops"]
    assert find_spans("amount:power", "총 300PFlops 규모의 연산 성능과 910C 칩 384개") == []
    assert [s.text for s in find_spans("amount:power", "소비 전력은 559kW로 GB200의 네 배")] == ["559kW"]
    assert [s.text for s in find_spans("amount:area", "7만㎡ 이상의 전시 공간")] == ["7만㎡"]
    assert [s.text for s in amount_spans("2,700개 산업 파트너와 6,000개 솔루션")] == ["2,700개", "6,000개"]
    assert amount_spans("2,700개 산업 파트너와 6,000개 솔루션", counts=False) == []
    assert [s.text for s in amount_spans("800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지")] == ["7만㎡"]
    # a span of time or a position is no quantity asked by "얼마" ("주가가 얼마나 빠졌어" is not answered by "10년")
    assert amount_spans("센스타임의 10년 발전사는 7회째 대회에서 세계 2위") == []
    assert [s.text for s in amount_spans("센스타임의 10년 발전사와 2,700개 파트너")] == ["2,700개"]
    # a model number is not a measure
    assert amount_spans("화웨이 910C 칩과 GB200 NVL72", counts=False) == []
    # a value restated in another unit in parentheses is one span with its restatement
    assert [s.text for s in amount_spans("올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드")] == ["600억 위안(약 8.2억 달러)"]
    assert concise_lead("amount", "올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드를 설립",
                        {"규모": 2.0, "펀드": 2.0}) == "600억 위안(약 8.2억 달러)"


def test_a_count_an_english_question_gives_is_no_answer():
    sentence = "10개 기관이 주최한 대회에 튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명의 고위급 인사가 참석함"
    question = "Of the 12 Turing Award and Nobel Prize winners who attended WAIC 2025, how many were Nobel laureates?"
    assert concise_lead("count:people", sentence, {"수상자": 3.0, "튜링상": 4.0}, question) == "1,200여 명"
    # a model number or an edition's year gives no count
    chips = "910C 칩 384개를 장착한 이 시스템"
    assert concise_lead("count:items", chips, {"칩": 3.0}, "How many chips does CloudMatrix 384 have?") == "384개"


def test_latin_terms_are_near_whatever_their_case():
    # the question's tokens are lower-cased ("waic"); the text writes "WAIC"
    sentence = "수상자 12명이 참석한 가운데 딥시크 발표가 있었고, WAIC에는 1,200여 명이 참석함"
    assert concise_lead("count:people", sentence, {"waic": 3.0}) == "1,200여 명"
    assert concise_lead("count:people", sentence, {"딥시크": 3.0}) == "12명"


def test_people_are_recognised_by_their_titles():
    assert type_matches("person", "인플레임(Enflame)의 자오리둥 CEO는 이렇게 말했다")
    assert type_matches("person", "리창 총리는 기구 설립을 제안했다")
    assert not type_matches("person", "무어스레드 등 칩 제조사들도 포함됐다")


def test_other_matches_everything_and_the_lead_is_the_typed_span():
    assert type_matches("other", "아무 문장")
    assert concise_lead("count", "초대형 Ascend 384 노드, 910C 칩 384개를 장착했다") == "384 노드"
    assert concise_lead("date_day", "2025년 7월 26일, 상해에서 개최") == "2025년 7월 26일"  # with the year written before it
    assert concise_lead("date_day", "개막은 7월 26일이다") == "7월 26일"
    assert concise_lead("person", "자오리둥 CEO는 말했다") == "자오리둥"


@pytest.mark.parametrize("sentence, names", [
    ("인플레임(Enflame)의 자오리둥 CEO는 이렇게 말했다", ["자오리둥"]),
    ("센스타임 아시아 태평양 지역 스쥔(史軍) CEO, 라이예테크(來也科技) 왕관춘(汪冠春) CEO, 퍼스트 팜 테크놀로지 "
     "장팡쥔(姜方俊) 창립자 겸 이사장", ["스쥔(史軍)", "왕관춘(汪冠春)", "장팡쥔(姜方俊)"]),
    ("'아진가(Ajinga)' 비처 애슐리-브라운(Beecher Ashley-Brown) CEO 겸 공동 창립자",
     ["비처 애슐리-브라운(Beecher Ashley-Brown)"]),  # the Latin alias says the name has two words
    ("아시아그룹(Asia Group)의 조지 천 파트너는 말했다", ["조지 천"]),  # a one-syllable last word takes the one before
    ("특히 전 구글 CEO 에릭 슈미트, AI 거장들이 참석했다", ["에릭 슈미트"]),  # a bare title: the name follows
    ("공동 최고경영자(CEO) 세키도 료지가 화상으로 참여했다", ["세키도 료지"]),
    # the last of a roster ends at "등": its name is read, "등이 한자리에" is no name
    ("라이예테크 왕관춘(汪冠春) CEO, 잔드뱅크 천위타오(陳玉濤) CEO 등이 한자리에 모였다", ["왕관춘(汪冠春)", "천위타오(陳玉濤)"]),
    ("원거테크놀러지 왕레이 이사장은 밝혔다", ["왕레이"]),
    ("기업 대표들이 자사의 사례를 소개했다", []),
    ("리 총리는 말했다", []),  # a surname alone is not a name to lead with
    ("로이터통신 보도에 의하면 리 총리는 경고했다", []),  # a word ending a clause is no given name before it
    # English text: a capitalised name after a title, or before a comma and a title
    ("Former Google CEO Eric Schmidt attended the conference.", ["Eric Schmidt"]),
    ("Asia Group partner George Chen said the plan was narrow.", ["George Chen"]),
    ("Eric Schmidt, the former CEO of Google, spoke.", ["Eric Schmidt"]),
    ("The CEO said nothing; China Daily held a roundtable.", []),
    # a Western name in Hangul word by word, its Latin spelling after it: a person, with or without a title
    ("외국인 전문가인 스테파니 앤 스톤(Stephanie Ann Stone)과 오웬 토머스 피쉬윅(Owen Thomas Fishwick)은 진행했다",
     ["스테파니 앤 스톤(Stephanie Ann Stone)", "오웬 토머스 피쉬윅(Owen Thomas Fishwick)"]),
    ("테크 블로거 리 배럿(Lee Barrett)은 말했다", ["리 배럿(Lee Barrett)"]),
    # … but not an organisation's or a place's name, nor one whose words do not pair up
    ("첫 번째 연합인 ‘모델-칩 생태계 혁신 연합(Model-Chip Ecosystem Innovation Alliance)’은 출범했다", []),
    ("상하이 타워(Shanghai Tower)에서 열렸다", []),
    ("앤트디지털테크놀로지(Ant Digital Technologies)가 발표했다", []),
    # a bill's sponsor, the title glued to the name as bills print it; not the 의원 of 국회의원
    ("(안상수의원 대표발의 )", ["안상수"]), ("홍길동의원 외 12인이 발의했다", ["홍길동"]),
    ("국회의원 등 10인", []),
    # an office with its particle, or a word a two-syllable particle ends, stands before a title without naming
    ("③감사위원은 원장의 제청으로 대통령이 임명한다", []), ("박지은 원장은 말했다", ["박지은"]),
])
def test_people_are_named_beside_their_titles(sentence, names):
    assert [s.text for s in person_names(sentence)] == names


@pytest.mark.parametrize("question, holder", [
    ("모델-칩 생태계 혁신 연합을 출범시킨 스텝펀의 CEO는 누구야?", "스텝펀"),  # X의 CEO
    ("원탁 토론에 화상으로 참여한 액센추어 아시아 태평양 공동 CEO는 누구야?", "액센추어"),  # first word of the phrase
    ("바이런(Biren) CEO는 누구야?", "바이런"),
    ("일루바타 코어엑스 CEO가 누군지 알아?", "일루바타"),  # 누군지: the same question
    ("액센추어 아시아 태평양 공동 CEO 중 세키도 료지 말고 다른 한 명은 누구야?", "액센추어"),  # one among its CEOs
    ("퍼스트 팜 테크놀로지 창립자 겸 이사장 이름 알려줘", "퍼스트"),
    ("인플레임(Enflame)은 어떤 회사고, CEO는 누구야?", None),  # the comma ends the phrase: no holder
    ("거기 대표 이름이 뭐예요?", None),  # a demonstrative is not an organisation
    # a topic set off by a comma before a demonstrative holds the title; a clause, a conjunction or a kind does not
    ("잔드뱅크랑 손잡은 앤트디지털테크놀로지, 거기 CEO는 누구야?", "앤트디지털테크놀로지"),
    ("잔드뱅크, 앤트디지털 CEO는 누구야?", "앤트디지털"),
    ("칩 제조사로 엔플레임이 나오던데, 그 회사 CEO 이름은 뭐야?", None), ("근데, 거기 CEO는 누구야?", None),
    ("아랍에미리트에서 처음 생긴 온라인 전용 은행, 거기 대표 이름이 뭐예요?", None),
    ("전 구글 대표 말고, 회의에 온 석학들은 누구누구야?", None),  # the title is not what is asked
    ("Who is SenseTime's Asia-Pacific CEO that took part in the roundtable?", "SenseTime"),  # English: Latin
    ("Who is the CEO and co-founder of Ajinga who joined the roundtable?", "Ajinga"),
    ("Who is the CEO of Moore Threads?", "Moore Threads"),
    ("Who from Accenture joined the roundtable by video link?", None),  # no title asked
    # the one who founded it, said with a verb, is a title: what was founded holds it
    ("왕레이 이사장이 이끄는 원거테크놀러지, 처음 창업한 사람은 누구야?", "원거테크놀러지"),
    ("원거테크놀러지를 설립한 사람은 누구야?", "원거테크놀러지"), ("그 회사를 세운 사람은 누구야?", None),
    ("Who founded Zand Bank, the UAE digital bank whose CEO Chen Yutao spoke?", "Zand Bank"),
    ("Who founded DeepSeek?", "DeepSeek"), ("Who founded it?", None),
    # the object nearest the founding verb, other words between
    ("아진가를 비처 애슐리-브라운이랑 같이 공동 창립한 사람은 누구야?", "아진가"),
    # a person asked by the side they are on
    ("연합을 띄울 때 무대에서 발표한 스텝펀 쪽 인물은 누구야?", "스텝펀"), ("화웨이 측 관계자 이름이 뭐야?", "화웨이"),
    ("텐센트 쪽 발표자는 누구였어?", "텐센트"),
    # a founder's title after a founding verb: the verb's object holds it
    ("원거테크놀러지를 처음 세운 창립자는 누구예요? 왕레이 이사장이 직접 차린 회사야?", "원거테크놀러지"),
    ("그 쪽 사람은 누구야?", None),
])
def test_the_organisation_a_question_gives_the_title_to(question, holder):
    assert title_holder(question) == holder


@pytest.mark.parametrize("question, holder", [
    # a Korean question's Latin name holds the title when the corpus writes it, alone or as a Chinese name's alias
    ("StepFun CEO 이름이 뭐예요?", "StepFun"), ("阶跃星辰(StepFun) CEO 이름이 뭐예요?", "StepFun"),
    ("SenseTime의 아시아 태평양 지역 CEO는 누구야?", "SenseTime"),
    ("SenseTime 아태 CEO 누구야?", "SenseTime"),  # a region's word between is no organisation
    ("Accenture 공동 CEO 이름이 뭐예요?", None),  # the corpus writes it only in Hangul (액센추어): no holder
    ("상하이 AI 위원회 위원장은 누가 맡았어?", None),  # an acronym is no organisation's name
])
def test_a_korean_questions_latin_name_holds_the_title(question, holder):
    corpus = {"stepfun", "sensetime"}
    assert title_holder(question, lambda term: term in corpus) == holder
    assert title_holder(question) in (None, "아태")  # without the corpus's words, no Latin name is read


def test_a_person_answer_is_a_name_held_by_the_asked_organisation():
    sentence = "참가 기업 중 하나인 인플레임(Enflame)의 자오리둥 CEO는 생태계를 설명했다"
    assert [s.text for s in find_spans("person", sentence)] == ["자오리둥"]
    assert [s.text for s in find_spans("person", sentence, "인플레임")] == ["자오리둥"]
    assert find_spans("person", sentence, "스텝펀") == []  # Enflame's CEO does not answer "스텝펀의 CEO"
    assert not type_matches("person", sentence, "스텝펀")
    assert not type_matches("person", "기업 대표들이 자사의 사례를 소개했다")  # a title alone names nobody
    listed = "센스타임 아시아 태평양 지역 스쥔(史軍) CEO, 라이예테크(來也科技) 왕관춘(汪冠春) CEO"
    assert [s.text for s in find_spans("person", listed, "라이예테크")] == ["왕관춘(汪冠春)"]  # its own list item
    assert concise_lead("person", listed, question="라이예테크 CEO는 누구야?") == "왕관춘(汪冠春)"
    assert concise_lead("person", sentence, question="스텝펀의 CEO는 누구야?") is None
    # an English question's organisation is found by the Latin name the Korean text writes beside the Hangul one
    roundtable = ("액센추어 아시아 태평양 공동 최고경영자(CEO) 세키도 료지가 화상으로 참여했으며, 센스타임(SenseTime) 아시아 "
                  "태평양 지역 스쥔(史軍) CEO가 참석했다")
    assert concise_lead("person", roundtable, question="Who is SenseTime's Asia-Pacific CEO?") == "스쥔(史軍)"
    assert not type_matches("person", roundtable, "MiniMax")
    # a name its own phrase gives to one organisation ("잔드뱅크의 천위타오 CEO") does not answer for another the
    # sentence mentions; the nearest 의 before the name is its owner, not an earlier one ("최초의")
    zand = "아랍에미리트 최초의 디지털 은행인 잔드뱅크의 천위타오 CEO는 앤트디지털테크놀로지와 협력 관계를 맺었다"
    assert [s.text for s in find_spans("person", zand, "잔드뱅크")] == ["천위타오"]
    assert find_spans("person", zand, "앤트디지털테크놀로지") == []
    assert [s.text for s in find_spans("person", sentence, "Enflame")] == ["자오리둥"]  # by the Latin alias


@pytest.mark.parametrize("qtype, sentence, lead", [
    ("date", "중국일보사는 7월 26일부터 27일까지 행사를 열었다", "7월 26일부터 27일까지"),
    ("date_year", "차세대 인공지능 발전계획(2018~2020년)을 발표했다", "2018~2020년"),
    ("date", "2023-2024 계획을 세웠다", "2023-2024"),  # a year-month needs a month: 2023-20 is not one
    ("date", "정책은 2024.6 발표됐다", "2024.6"),
    ("date_day", "2025년 7월 26일, 상해에서 개최", "2025년 7월 26일"),  # no range: the date alone
])
def test_a_date_lead_keeps_the_range_it_starts(qtype, sentence, lead):
    assert concise_lead(qtype, sentence) == lead


def test_a_number_the_question_writes_is_not_its_lead():
    sentence = "차세대 인공지능 발전계획(2018~2020년)은 2017년 12월에 발표됐다"
    assert concise_lead("date", sentence) == "2018~2020년"
    assert concise_lead("date", sentence, question="발전계획(2018~2020)은 언제 나왔어?") == "2017년 12월"
    assert concise_lead("count", "클라우드매트릭스 384는 910C 칩 384개를 장착했다",
                        question="클라우드매트릭스 384에는 칩이 몇 개 들어가?") == "384개"  # 384개 is not written


def test_a_quantity_the_question_gives_is_not_its_lead_whatever_the_counter():
    sentence = "화웨이는 2,700개 산업 파트너와 6,000개 솔루션을 공동개발했다"
    question = "화웨이 산업 파트너 2,700곳 중에 해외 기업은 몇 곳이야?"
    assert concise_lead("count", sentence) == "2,700개"
    assert concise_lead("count", sentence, question=question) == "6,000개"
    # a formula or a model number in the question gives no count
    formula = "‘1+1+2+10+N’ 체계: 1개의 개막식, 2개의 전체회의"
    assert concise_lead("count", formula, question="'1+1+2+10+N' 구성에서 전체회의는 몇 개였어?") == "1개"


def test_a_sentence_holds_an_answer_only_with_a_value_the_question_does_not_give():
    question = "산업 파트너 2,700곳 중에 해외 기업은 몇 곳이야?"
    assert not holds_answer("count", "Ascend 플랫폼 기반 2,700개 산업 파트너", question)
    assert holds_answer("count", "Ascend 플랫폼 기반 2,700개 산업 파트너 가운데 해외 기업 300곳", question)
    assert holds_answer("count", "910C 칩 384개를 장착했다", "클라우드매트릭스 384에는 칩이 몇 개 들어가?")
    assert not holds_answer("date_year", "2025년 WAIC가 열렸다", "When was WAIC 2025 first held, in what year?")
    assert holds_answer("other", "아무 문장", "무엇이야?")
    assert not holds_answer("person", "리창 총리는 연설했다", "리창 총리 말고 누가 연설했어?")
    # a sum restated in another currency is the sum the question gives, unless it asks for it in that currency
    fund = "올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드를 설립"
    assert [sp.text for sp in find_spans("money", fund)] == ["600억 위안(약 8.2억 달러)"]
    assert not holds_answer("money", fund, "600억 위안 규모 펀드에 중앙정부가 출자한 금액은 얼마야?")
    assert holds_answer("money", fund, "600억 위안짜리 펀드는 달러로 치면 얼마야?")
    # how many times someone took part is not the event's own edition
    edition = "WAIC는 2018년 첫 개최 이후 7회째를 맞이한 국제행사로, 누적 6,000명 이상의 AI 전문가가 참가"
    assert holds_answer("count:ordinal", edition, "WAIC는 올해 몇 회째야?")
    assert not holds_answer("count:ordinal", edition, "딥시크가 WAIC에 부스를 낸 건 올해가 몇 번째야?")
    assert not holds_answer("count:ordinal", "올해로 7회째 열린 WAIC", "그분 WAIC 참석이 이번이 몇 번째예요?")
    assert holds_answer("count:ordinal", "딥시크는 올해 세 번째로 WAIC에 참가했다", "딥시크가 WAIC에 참가한 건 몇 번째야?")
    # an edition counts how many times the event was held, but not how many times someone took part in it
    assert holds_answer("count:times", edition, "2018년에 시작된 상해 AI 대회가 통산 몇 회를 기록했어?")
    assert not holds_answer("count:times", edition, "딥시크는 WAIC에 몇 회 참가했어?")
    assert holds_answer("money", fund, "국가 AI 투자 펀드 규모는 얼마야?")

    # a sum written as the size of a thing answers only a question that writes the thing's head noun
    assert not holds_answer("money", fund, "중국 빅테크 기업들이 올해 AI에 투자하는 금액은 얼마야?")
    assert not holds_answer("money", fund, "ROK-US AI 전략으로 한미가 함께 투자하기로 한 금액은 얼마야?")
    assert holds_answer("money", fund, "How much is China's national AI fund?")  # English: not judged
    # a measure's unit says what it measures: not judged either
    compute = "총 300PFlops 규모의 연산 성능과 초저지연·초대역폭을 갖추었으며"
    assert holds_answer("amount", compute, "초대형 연산 클러스터, 전체 계산력을 페타플롭스로 치면 얼마야?")


def test_the_noun_a_korean_count_question_counts():
    assert counted_noun("WAIC 2025 현장을 찾은 일반 관람객은 총 몇 명이었어?") == "관람객"
    assert counted_noun("2025 WAIC는 몇 개 기관이 공동 주최했어?") == "기관"  # the noun after the counter
    # a part that is no word of its own counts the noun of the whole the question names
    words = {"솔루션", "제조업", "용", "개", "가운데"}
    assert counted_noun("솔루션 6,000개 가운데 제조업용은 몇 개예요?", lambda w: w in words) == "솔루션"
    assert counted_noun("솔루션 6,000개 가운데 제조업용은 몇 개예요?", lambda w: w in words | {"제조업용"}) == "제조업용"
    assert counted_noun("몇 명의 전문가가 참가했어?") == "전문가"
    assert counted_noun("딥시크 R1 모델의 파라미터 수는 몇 개인가요?") == "파라미터"  # a generic head gives way
    assert counted_noun("상공회의소 AI 위원회 회원사는 모두 몇 곳이야?") == "회원사"
    # "들어" is no word of the question (its morphemes say 들어가), so the subject before the counter counts
    words = {"딥시크", "장비", "gpu", "들어가"}
    assert counted_noun("장비에는 GPU가 몇 장 들어가?", lambda w: w.lower() in words) == "GPU"
    assert counted_noun("수상자만 따지면 몇 명이야?", lambda w: w in {"수상자", "따지"}) is None
    assert counted_noun("그 행사는 이번이 몇 번째야?") is None
    # before a generic noun, an adverb or a word for a document names nothing counted
    assert counted_noun("고위급 참석자 2천명 넘었다던데 ㄹㅇ? 브리프 숫자 몇명이야") is None
    assert counted_noun("수상자만 한 20명 왔다며? 실제 숫자 몇명임") is None
    assert counted_noun("참석자 숫자 몇명이야") == "참석자"
    assert counted_noun("사람은 몇 명이었어?") is None  # a generic noun counts anything
    # a word for a country is what the counter counts already ("몇 개 나라" asks as "몇 개국" does)
    assert counted_noun("고위급 인사들은 몇 개 나라에서 왔어요?") is None
    assert counted_noun("How many people came?") is None


def test_a_word_for_when_between_the_noun_and_the_count_is_not_the_counted_noun():
    assert counted_noun("화웨이 Ascend 384 노드 장비는 지금까지 몇 대나 팔렸어?") == "장비"
    assert counted_noun("관람객은 올해 몇 명이었어?") == "관람객"
    assert counted_noun("일반 관람객은 총 몇 명이었어?") == "관람객"


def test_the_word_before_the_counted_noun_qualifies_it():
    from ragqa.answer.answer_type import counted_modifier
    assert counted_modifier("행동계획, 협력 분야를 총 몇 개나 담았어요?") == "협력"
    assert counted_modifier("일반 관람객은 총 몇 명이었어?") == "일반"
    assert counted_modifier("관람객은 총 몇 명이었어?") is None  # no word before the noun
    assert counted_modifier("파트너 수는 몇 개야?") is None  # a generic head: the noun is the word before it
    assert counted_modifier("이번 대회에 로봇 몇 대가 나왔어?", lambda w: w != "대회에") is None  # not a word


def test_a_count_of_the_counted_noun_leads_before_a_count_of_another_thing():
    sentence = ("‘1+1+2+10+N’ 체계: 1개의 개막식 및 메인 포럼, 1개의 고위급 회의, 2개의 전체회의, "
                "10개 핵심 분야 중심의 부처별 포럼, N개의 생태계 병행 포럼")
    weights = {"개막식": 5.0, "협력": 2.0, "분야": 2.0}
    question = "개막식 날 같이 공개된 행동계획, 협력 분야를 총 몇 개나 담았어요?"
    assert concise_lead("count:items", sentence, weights, question) == "1개"  # nearest the question's terms
    assert concise_lead("count:items", sentence, weights, question, noun="분야") == "10개"
    # the noun heading the count's item counts, however far after the count ("10개 … 부처별 포럼")
    assert concise_lead("count:items", sentence, {"핵심": 3.0, "부처": 3.0}, "포럼은 몇 개야?", noun="포럼") == "10개"


def test_an_adverb_with_a_particle_of_its_own_is_not_the_counted_noun():
    # "실제로는", "정확히는": the adverb carries 는; the thing counted is named elsewhere, or not at all
    assert counted_noun("연합을 세 개나 만들었다던데, 실제로는 몇 개였어?") is None
    assert counted_noun("연합은 실제로는 몇 개였어?") == "연합"
    assert counted_noun("관람객은 정확히는 몇 명이야?") == "관람객"
    assert counted_noun("관람객은 정확히 몇 명이야?") == "관람객"
    # "실제", "진짜", "정말" before the count are adverbs too ("6,000곳이라던데 맞아? 실제 몇 곳이야?", x64-009)
    assert counted_noun("파트너가 6,000곳이라던데 맞아? 실제 몇 곳이야?") is None
    assert counted_noun("파트너는 진짜 몇 곳이야?") == "파트너"


@pytest.mark.parametrize("question, qtype", [
    # what someone said, in reported speech (-다고/-라고), describes the thing asked; it is not what is asked
    ("금융기관 AI 도입 비용을 크게 낮출 수 있다고 소개한 금융 추론 대형 모델, 그거 어느 회사가 발표한 거예요?", "other"),
    ("중국 창업자들이 인공지능 민주화에 크게 기여했다고 말한 사람은 누구예요?", "person"),
    ("관계자는 가격이 싸다고 했는데 그 제품은 언제 나왔어?", "date:relative"),
    # the interrogative inside the reported clause: the whole question is read
    ("투자액이 얼마라고 했어?", "money"),
    ("누가 AI가 소수 국가의 전유물이 돼서는 안 된다고 경고했어?", "person"),
    ("WAICO 창업자는 누구라고 했어?", "person:founder"),
])
def test_reported_speech_does_not_type_the_question(question, qtype):
    assert question_type(question) == qtype


@pytest.mark.parametrize("question, qtype", [
    # a premise the asker states before asking is not what is asked
    ("트럼프 행정부의 규제 완화 조치가 한 50건쯤 된다고 들었는데, 기사엔 몇 건으로 나와 있어?", "count:cases"),
    ("목표 시점이 2035년 아니었나요? 보고서에는 몇 년도까지로 적혀 있어요?", "date_year:calendar"),
    # a money word asked by its kind or manner, no amount asked
    ("잔드뱅크 CEO는 그 모델이 어떤 비용을 낮춘다고 했어?", "other"),
    ("중국은 컴퓨팅 비용을 무슨 방법으로 줄이고 있어?", "other"),
    ("예산은 어떻게 돼?", "money"),
    ("어떤 제품은 가격이 얼마야?", "money"),
    # a cost cut in a clause describing what is asked, an adverb between ("비용을 확 낮출 수 있다는 모델, 어느 기업")
    ("도입 비용을 확 낮출 수 있다는 모델, 어느 기업이 내놓은 거예요?", "other"),
    ("비용을 얼마나 낮출 수 있대?", "money"),
    # a sum asked as a count of its currency
    ("How many billion yuan is the national AI investment fund?", "money"),
    ("How many won-denominated funds were set up?", "count:items"),
    # "몇 개" beside no noun counts whatever 개 counts; beside a noun, that noun's kind
    ("정확히 몇 개 이상이라고 적혀 있어요?", "count:things"),
    ("연합은 몇 개야?", "count:items"),
    # in English too: how costs are brought down is a manner; how much they were cut is a sum
    ("According to the policy report, how is China bringing down its computing costs?", "other"),
    ("How much did China cut its computing costs?", "money"),
    # "몇몇" is some, not how many; "어느 분야" is a field, "어느 분" a person
    ("엔비디아 시스템보다 몇몇 지표에서 앞섰다는 화웨이 시스템, 그 안의 칩은 모델명이 뭐야?", "other"),
    ("참가자들은 상하이가 어느 분야에서 선제적으로 대응하고 있다고 했어?", "other"),
    ("그 발언은 어느 분이 했어?", "person"),
    # a relative "who" after another interrogative asks nobody; "whose" and "which person" still ask a person
    ("What nationality is Owen Thomas Fishwick, the China Daily expert who guided visitors?", "other"),
    ("Which person who spoke at WAIC won a Turing Award?", "person"),
    ("Who founded SemiAnalysis?", "person:founder"),
    # a clause of time after another interrogative asks no date; an asked "when" still does
    ("What is Ryoji Sekido's position, given when he is introduced as a video participant?", "other"),
    ("Which company did he found when he was 20?", "other"),
    ("What did Li Qiang propose, and when did he propose it?", "date:relative"),  # asked loosely: "지난해" would answer it
    ("When did Baidu launch Miaoda?", "date:relative"),
    # a cost being cut, no amount asked: how, not how much
    ("중국은 무엇을 통해 컴퓨팅 비용을 줄이고 있어?", "other"),
    ("컴퓨팅 비용을 얼마나 줄였어?", "money"),
])
def test_premises_and_kinds_do_not_type_the_question(question, qtype):
    assert question_type(question) == qtype


def test_a_count_of_no_named_noun_is_answered_by_any_count_in_gae():
    from ragqa.answer.extractive import holds_answer

    sentence = "로봇, 플라잉 택시 등 800개 이상의 기업이 최신 기술을 선보였다."
    assert holds_answer("count:things", sentence, "정확히 몇 개야?")
    assert not holds_answer("count:items", sentence, "연합은 몇 개야?")  # 800개 counts companies, not alliances


@pytest.mark.parametrize("question, qtype", [
    ("알리바바 콰크 스마트 안경 카메라는 몇 메가픽셀이에요?", "amount:unit:메가픽셀"),
    ("퍼스트 팜은 농장을 몇 헥타르나 운영하고 있어요?", "amount:unit:헥타르"),
    ("플라잉 택시는 몇 인승이에요?", "amount:unit:인승"),
    ("딥시크는 전시장 몇 호관에 부스를 차렸어?", "amount:unit:호관"),
    ("요약은 몇 자짜리예요?", "amount:unit:자"),
    # counters, parts of a date, things counted and ranks are no units of their own
    ("중국은 세계에서 몇 등이래?", "other"),
    ("몇 사람이 왔어?", "count:people"),  # 사람 written as its own counter: people counted, no unit
    ("행사는 몇 명이 왔어?", "count:people"),
])
def test_a_number_asked_in_a_unit_of_its_own(question, qtype):
    assert question_type(question) == qtype


def test_a_unit_asked_is_answered_only_by_a_number_in_that_unit():
    from ragqa.answer.extractive import concise_lead, holds_answer

    assert [s.text for s in find_spans("amount:unit:헥타르", "농장 1,200헥타르를 운영한다")] == ["1,200헥타르"]
    assert not holds_answer("amount:unit:메가픽셀", "콰크 안경은 알리페이와 연동 가능, 800개 기업", "몇 메가픽셀이야?")
    assert concise_lead("amount:unit:자", "AI 100자 요약·번역서비스", question="몇 자짜리 요약이야?") == "100자"


def test_a_date_the_question_gives_does_not_make_it_a_date_question():
    assert question_type("정책 표에서 시기가 2019년 8월로 적힌 정책은 어느 구분에 속해 있나요?") == "other"
    assert question_type("그 정책의 시기는 언제야?").startswith("date")
    assert question_type("2019년 8월에 나온 정책은 언제 개정됐어?").startswith("date")


def test_a_city_that_begins_an_organisations_name_is_no_place():
    from ragqa.answer.answer_type import _PLACE

    def places(text):
        return [m.group(0) for m in _PLACE.finditer(text)]

    assert places("원거테크놀러지(Beijing Wenge Technology, 中科聞歌) 이사장") == []
    assert places("Shanghai AI Lab researchers") == []
    assert places("held in Shanghai on July 26") == ["Shanghai"] and places("the Shanghai Tower") == ["Shanghai"]


def test_the_asked_clause_is_after_the_last_reported_speech_ending():
    from ragqa.answer.answer_type import asked_clause

    assert asked_clause("비용을 낮출 수 있다고 소개한 모델은 어느 회사 거야?") == "소개한 모델은 어느 회사 거야?"
    assert asked_clause("\"협력하자\"라고 말한 사람은 누구야?") == "말한 사람은 누구야?"
    assert asked_clause("투자액이 얼마라고 했어?") == "투자액이 얼마라고 했어?"
    assert asked_clause("화웨이는 뭘 공개했어?") == "화웨이는 뭘 공개했어?"
    assert asked_clause("벌써 10회째라고 들었는데 맞아? 몇 번째 대회였어?") == "몇 번째 대회였어?"
    assert asked_clause("2035년 아니었나요? 보고서엔 언제로 돼 있어?") == "보고서엔 언제로 돼 있어?"
    # an English question's opening premise, closed by a comma before its interrogative
    assert asked_clause("Given that 6,000 experts came since 2018, over how many editions?") == "over how many editions?"
    assert asked_clause("In light of the ban, which firms joined?") == "which firms joined?"
    assert asked_clause("Which firms joined, given the ban?") == "Which firms joined, given the ban?"
    # a guess with its own ending of a supposition ("…될 텐데,")
    assert asked_clause("600억 위안이면 80억 달러쯤 될 텐데, 보고서엔 달러로 얼마야?") == "보고서엔 달러로 얼마야?"
    # an English premise in a sentence of its own; "Mr." and "U.S." end no sentence
    assert asked_clause("A friend claims it has a 20-year history. How many years did he mention?") == \
        "How many years did he mention?"
    assert asked_clause("I read they came to WAIC 2025. How many attended?") == "How many attended?"
    assert asked_clause("I think Mr. Li called the U.S. plan weak. What did he propose?") == "What did he propose?"
    # a plain statement is what the question is about, not hearsay: kept
    assert asked_clause("Firms took up 80,000 square metres. How many was that?") == \
        "Firms took up 80,000 square metres. How many was that?"
    assert asked_clause("What did Li propose? Tell me.") == "What did Li propose? Tell me."


def test_a_year_abbreviated_with_an_apostrophe():
    assert [s.text for s in find_spans("date_year", "중국의 생성형 AI 특허 다출원 기업 순위('14~'23)")] == ["'14", "'23"]
    assert find_spans("date_year", "(’25.7.26, 中国科技网)") == []  # a dotted day, not a year


def test_a_scene_set_before_the_question_does_not_type_it():
    from ragqa.answer.answer_type import asked_clause

    # a long chat message sets the scene in a sentence of its own, with an interrogative of its own in it
    question = "전시 규모를 축구장 몇 개 크기인지로 환산해 보려는 중이에요. 러브콜 기사 기준으로 부스로 채운 공간이 최소 몇 제곱미터였다고 나와요?"
    assert asked_clause(question) == "러브콜 기사 기준으로 부스로 채운 공간이 최소 몇 제곱미터였다고 나와요?"
    assert question_type(question) == "amount:area"
    # a sentence that asks itself is part of the question, not its scene
    assert asked_clause("정책보고서 투자 항목에 나온 두 축 알려줘. 나라 펀드 말고 또 뭐?") == \
        "정책보고서 투자 항목에 나온 두 축 알려줘. 나라 펀드 말고 또 뭐?"
    assert asked_clause("WAIC가 2018년에 처음 열렸어. 올해는 몇 번째야?") == "올해는 몇 번째야?"
    assert asked_clause("3.5%였어. 몇 번째야?") == "몇 번째야?"


def test_where_the_counted_things_come_from():
    assert count_origin("WAIC 참가 기업 중 외국 기업은 몇 개였어?") == "foreign"
    assert count_origin("중국 기업은 몇 개야?") == "china"
    assert count_origin("How many foreign (non-Chinese) companies exhibited at WAIC 2025?") == "foreign"
    assert count_origin("How many Chinese companies exhibited?") == "china"
    assert count_origin("기업은 몇 개야?") is None and count_origin("How many companies joined?") is None
    assert count_origin("일반 관람객은 총 몇 명이었어?") is None  # 일반 is no origin
    # the bracket does not hide the counted noun
    assert question_type("How many foreign (non-Chinese) companies exhibited at WAIC 2025?") == "count:companies"


def test_the_word_an_english_count_question_counts_when_its_counter_cannot_tell():
    assert english_counted_noun("How many humanoid robots were exhibited at WAIC 2025?") == "robots"
    assert english_counted_noun("Of the 800 companies, how many were robotics companies?") == "robotics"
    assert english_counted_noun("On how many NPUs is the supernode built?") == "npus"
    assert english_counted_noun("How many countries sent delegates?") is None  # 개국 says it
    assert english_counted_noun("How many people attended?") is None  # 명 says it
    # partners may be people or companies: no counter says which, so the word beside the count must
    q = "How many industry partners has Huawei worked with on its Ascend platform?"
    assert question_type(q) == "count:items" and english_counted_noun(q) == "partners"
    assert english_counted_noun("How much did it cost?") is None
    assert english_counted_noun("중국 기업은 몇 개야?") is None


def test_a_count_answers_a_question_only_beside_the_noun_it_counts():
    question = "WAIC 2025 현장을 찾은 일반 관람객은 총 몇 명이었어?"
    laureates = "튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명의 고위급 인사가 참석함"
    # the noun given or not, the winners and the dignitaries are not the visitors (the words beside the counts)
    assert not holds_answer("count:people", laureates, question)
    assert not holds_answer("count:people", laureates, question, noun="관람객")
    # a question naming nothing of its own ("정확히 몇 명이야?", "그 대회에는 …") is answered by any count of people
    assert holds_answer("count:people", laureates, "정확히 몇 명이야?")
    assert holds_answer("count:people", laureates, "그 대회에는 몇 명이 왔어?")
    assert holds_answer("count:people", laureates, "고위급 인사는 몇 명이었어?", noun="인사")  # the noun after it
    visitors = "전시장을 찾은 관람객 수는 30만 명을 넘었다"
    assert holds_answer("count:people", visitors, question, noun="관람객")
    # a count followed by 의 counts the noun after it, however long the phrase ("1개의 … 고위급 회의")
    meetings = "1개의 인공지능 글로벌 거버넌스 고위급 회의, 2개의 전체회의"
    assert holds_answer("count:items", meetings, "고위급 회의는 몇 개였어?", noun="회의")
    far = "회의에서는 여러 나라의 대표들이 긴 토론을 벌였고 전시장에는 로봇 20대가 있었다"  # 회의 is 30 characters away
    assert not holds_answer("count:items", far, "", noun="회의") and holds_answer("count:items", far, "", noun="로봇")


@pytest.mark.parametrize("question, qtype", [
    ("WAIC 2025는 며칠까지 열렸어? 폐막일이 궁금해", "date_day:end"),
    ("On what date did WAIC 2025 close?", "date_day:end"),
    ("그 행사는 언제 끝났어?", "date:end"),
    ("위로만화 행사는 언제부터 언제까지 열렸나요?", "date"),  # the whole span: its start answers too
    ("WAIC는 언제 열렸어?", "date:relative"),  # asked loosely: "지난해" answers it too
    ("중국은 2030년까지 뭘 하겠다는 거야?", "other"),  # 까지 of a goal, not a question of when
])
def test_a_date_question_asking_for_the_last_day_asks_for_an_end(question, qtype):
    assert question_type(question) == qtype


def test_only_a_date_given_as_an_end_answers_when_something_ended():
    ranged = "시리즈 행사가 7월 26일부터 27일까지 상하이에서 성공적으로 개최됐다"
    assert [s.text for s in find_spans("date_day:end", ranged)] == ["27일"]
    assert [s.text for s in find_spans("date_day", ranged)] == ["7월 26일", "27일"]
    assert [s.text for s in find_spans("date_day:end", "포럼은 7월 26~28일 열렸다")] == ["28일"]
    assert [s.text for s in find_spans("date_day:end", "대회는 7월 28일 폐막했다")] == ["7월 28일"]
    opened = "2025년 7월 26일, 10개 기관이 공동 주최한 WAIC가 상해에서 개최되었으며"
    assert find_spans("date_day:end", opened) == []
    assert concise_lead("date_day:end", ranged, question="위로만화 행사는 며칠까지 열렸어?") == "27일"


@pytest.mark.parametrize("question, qtype", [
    ("Who founded DeepSeek?", "person:founder"),
    ("조지 천이 파트너로 있는 아시아그룹은 누가 세운 회사야?", "person:founder"),
    ("퍼스트 팜 테크놀로지 창립자 겸 이사장 이름 알려줘", "person:founder+chair"),
    ("Who is the CEO and co-founder of Ajinga?", "person:founder+ceo"),
    ("누가 개막 연설을 했어?", "person"),  # no role named: any name beside a title
    # a title that only says who a person the question names is, is not asked when another role is
    ("Who founded Zand Bank, the UAE digital bank whose CEO Chen Yutao spoke?", "person:founder"),
    ("왕레이 이사장이 이끄는 원거테크놀러지, 처음 창업한 사람은 누구야?", "person:founder"),
    ("스쥔 CEO가 10년 발전사를 얘기한 센스타임, 창업자는 누구야?", "person:founder"),
    ("CEO가 누구고 창업자는 누구야?", "person:founder+ceo"),  # both asked
    ("스쥔 CEO가 발표한 내용은 뭐야?", "other"),  # the only role: nothing else is asked
    ("원탁에 나온 그 회사 아태 쪽 CEO는 누고?", "person:ceo"),  # 누고: 누구 in Gyeongsang speech
])
def test_a_person_question_names_the_roles_it_asks_for(question, qtype):
    assert question_type(question) == qtype


def test_a_name_answers_a_role_only_beside_one_of_its_titles():
    sentence = "원거테크놀러지 왕레이 이사장은 밝혔다"
    assert find_spans("person:founder", sentence) == []
    assert [s.text for s in find_spans("person:chair", sentence)] == ["왕레이"]
    assert [s.text for s in find_spans("person", sentence)] == ["왕레이"]
    roundtable = ("퍼스트 팜(First Farm, 一號農場) 테크놀로지 장팡쥔(姜方俊) 창립자 겸 이사장, 잔드뱅크(Zand Bank) "
                  "천위타오(陳玉濤) CEO, 원거테크놀러지 왕레이 이사장")
    assert [s.text.split("(")[0] for s in find_spans("person:founder", roundtable)] == ["장팡쥔"]
    assert [s.text.split("(")[0] for s in find_spans("person:ceo", roundtable)] == ["천위타오"]
    assert [s.text.split("(")[0] for s in find_spans("person:chair", roundtable)] == ["장팡쥔", "왕레이"]
    # an English organisation is written by the item whole or without its last word ("First Farm … 테크놀로지")
    assert [s.text.split("(")[0] for s in find_spans("person:founder", roundtable, "First Farm Technology")] == ["장팡쥔"]
    assert find_spans("person:founder", roundtable, "Zand Bank") == []  # its CEO did not found it
    assert find_spans("person:ceo", roundtable, "Laiye Technology") == []  # "Laiye" is written nowhere
    # a former or current title, maybe of a country, between the name and the title ("트럼프 전 미국 대통령")
    former = "이는 도널드 트럼프 전 미국 대통령의 ‘미국 우선(America First)’ 정책과는 상반된 접근 방식으로"
    assert [s.text for s in find_spans("person:president", former)] == ["트럼프"]
    assert [s.text for s in find_spans("person:president", "특히 전 구글 CEO 에릭 슈미트, AI 거장 요슈아 벤지오")] == []
    # a CEO does not answer who chairs an alliance
    assert find_spans("person:chair", "인플레임(Enflame)의 자오리둥 CEO는 설명했다") == []
    # the lead of a role question is the name beside that role's title, not another's
    partner = "아시아그룹(Asia Group)의 조지 천 파트너는 말했다"
    assert concise_lead("person:founder", partner, question="아시아그룹은 누가 세운 회사야?") is None
    assert concise_lead("person", partner, question="아시아그룹 파트너는 누구야?") == "조지 천"


def test_what_a_person_is_quoted_as_saying_is_not_their_title_nor_their_organisation():
    said = '"중국의 창업자들은 딥시크(DeepSeek) 모델의 오픈소스화처럼 큰 기여를 했다"라고 왕레이 이사장은 덧붙였다.'
    assert find_spans("person:founder", said) == []  # 창업자 is in what he said, not his title
    assert find_spans("person", said, holder="딥시크") == []  # nor is DeepSeek his company
    assert [s.text for s in find_spans("person:chair", said)] == ["왕레이"]
    # a name written inside the quote keeps the title written there
    inside = '"딥시크 창업자 량원펑은 훌륭하다"라고 그는 말했다.'
    assert [s.text for s in find_spans("person:founder", inside)] == ["량원펑"]


def test_the_person_lead_is_not_a_name_the_question_writes():
    sentence = "리창 총리는 회의에서 여러 기업인을 만났고, 인플레임의 자오리둥 CEO와도 이야기했다"
    assert concise_lead("person", sentence, question="리창 총리가 만난 사람은 누구야?") == "자오리둥"
    assert concise_lead("person", sentence, {"인플레임": 4.0}) == "자오리둥"  # the name nearest the question's terms
    assert concise_lead("person", sentence, {"총리": 4.0}) == "리창"


@pytest.mark.parametrize("span, english", [
    ("2025년 7월 26일", "July 26, 2025"), ("7월 26일", "July 26"), ("2018년", "2018"),
    ("1,200여 명", "about 1,200 people"), ("600억 위안", "60 billion yuan"), ("8.2억 달러", "820 million dollars"),
    ("30여 개국", "about 30 countries"), ("384개", "384"), ("800개 이상", "800 or more"), ("30%", "30 percent"),
    ("300PFlops", None), ("7월 26일부터 27일까지", "July 26–27"), ("2018~2020년", "2018–2020"),
    # a value restated in parentheses, and "약" (about)
    ("600억 위안(약 8.2억 달러)", "60 billion yuan (about 820 million dollars)"), ("약 8.2억 달러", "about 820 million dollars"),
    ("리창(李强)", None),
    # a year named by its distance from the writing
    ("지난해", "last year"), ("올해", "this year"), ("작년", "last year"),
])
def test_english_rendering_of_korean_spans(span, english):
    from ragqa.answer.answer_type import english_span

    assert english_span(span) == english


@pytest.mark.parametrize("sentence", ["대한민국과 한국 정부", "액센추어 이사장이 참석했다", "세계 인공지능 대회", "단 한 국가도 없다"])
def test_words_that_start_like_numerals_are_not_counts(sentence):
    assert find_spans("count", sentence) == []


@pytest.mark.parametrize("question, expected", [
    ("상하이 상공회의소 AI 위원회에 참가한 기업들 어디어디야?", True),
    ("포린 어페어스는 중국 AI 굴기가 어떤 요소들이 어우러진 결과라고 봤어?", True),
    ("WAICO의 핵심 과제 세 가지가 뭐예요?", True),
    ("기사에서 글로벌 사우스에 포함된다고 설명한 지역들을 다 알려줘", True),
    ("Which companies joined the alliance?", True),
    ("List the technologies shown at WAIC.", True),
    ("WAIC 2025는 며칠에 열렸어?", False),
    ("누가 기구 설립을 제안했어?", False),
    ("What was the theme of WAIC 2025?", False),
    ("Which company launched the alliance?", False),
    # a verb in -s with its object is not a plural noun
    ("Which field gives China its edge?", False),
    ("Which country hosts the conference?", False),
    ("Which country leads AI?", False),
    ("In which languages was the casebook released?", True),
    ("Which chip companies did Huawei partner with?", True),
    ("Which two UN initiatives is the plan meant to help?", True),
    # a formal request for all of them
    ("모델-칩 생태계 혁신 연합에 포함된 미국 제재 대상 칩 제조사를 모두 열거하시오.", True),
    ("원탁 토론에서 다루어진 세션별 주제 명칭을 모두 기재하시오.", True),
    ("원탁 토론의 개최 일자를 기재하시오.", False), ("두 기관의 명칭을 각각 기재하시오.", False),
])
def test_list_questions(question, expected):
    assert asks_list(question) is expected


@pytest.mark.parametrize("question, expected", [
    ("개막 날 나온 로드맵이 지키겠다는 가치 세 가지 중에 맨 앞에 둔 건 뭐야?", "first"),
    ("협력 분야들, 브리프에 맨 끝으로 적힌 건 뭐야?", "last"),
    ("명단에서 맨 마지막으로 이름이 나온 사람은 누구야?", "last"),
    ("10대 핵심 분야 예시 나열할 때 맨 앞에 나온 분야가 뭐였지?", "first"),
    ("Which field is listed first among the ten key areas?", "first"),
    # a first time, a last paragraph or what a letter stands for is no item's place in a list
    ("상해 AI 박람회가 맨 처음 열린 게 몇 년도야?", None), ("그 기사 맨 마지막 문단에서 강점으로 꼽은 건?", None),
    ("'1+1+2+10+N' 체계에서 맨 끝 N은 뭘 말하는 거야?", None), ("Which event came first?", None),
])
def test_asked_position(question, expected):
    assert asked_position(question) == expected


def test_the_item_at_a_position_is_read_off_the_longest_enumeration():
    from ragqa.answer.extractive import Candidate, _item_at

    plan = Candidate(1, 0, 0, "본 계획은 인공지능을 국제 공공재로 규정하고, 안전성·책임성·공정성 확보를 위한 로드맵을 제시", 0.9, 0.5, 1.0)
    plain = Candidate(2, 0, 0, "개막식과 함께 공개된 본 계획은 글로벌 로드맵이다", 0.95, 0.5, 1.0)
    assert _item_at("first", [plain, plan]) == ("안전성", plan)
    fields = Candidate(3, 0, 0, "△산업·공공서비스 활용 △기후변화 대응 △표준·규범 수립 △개도국 역량 강화 등 총 13개 협력 분야를 포함",
                       0.9, 0.5, 1.0)
    assert _item_at("last", [plain, fields]) == ("개도국 역량 강화", fields)
    assert _item_at("first", [plain]) == (None, plain)


def test_enumerations_need_three_items():
    assert has_enumeration("참가 기업으로는 센스타임을 비롯해 스텝펀, 미니맥스(MiniMax), 메탁스(Metax), 일루바타 코어엑스 등이 있다.")
    assert has_enumeration("AI 인프라·스마트 단말·AI+산업 분야")
    assert not has_enumeration("두 번째 연합은 ‘상하이 상공회의소 AI 위원회’로, AI 기술과 산업 구조의 통합을 목표로 한다.")


def test_a_comparison_is_answered_only_by_a_sentence_that_compares():
    assert type_matches("comparison", "일부 성능 지표에서 엔비디아의 GB200 NVL72보다 우수한 성능을 보였다")
    assert type_matches("comparison", "It outperformed Nvidia's system on some tasks")
    assert not type_matches("comparison", "센스타임과 스텝펀은 상하이 상공회의소 AI 위원회에 참가했다")
    assert concise_lead("comparison", "GB200 NVL72보다 우수한 성능") is None  # the quote answers


@pytest.mark.parametrize("question, expected", [
    ("알리바바가 공개한 스마트 안경 이름이 뭐야?", True), ("올해 WAIC 공식 주제가 뭐였어?", True),
    ("What was the theme of WAIC 2025?", True), ("What is the product called?", True),
    ("화웨이는 무엇을 공개했어?", False), ("How many robots were shown?", False),
])
def test_name_questions(question, expected):
    assert asks_name(question) is expected


def test_the_lead_of_a_name_question_is_the_quoted_name():
    sentence = "(알리바바) AI 기반 양안 디스플레이형 스마트 안경 ‘콰크(夸克)’를 첫 공개하여, 타오바오 등과 연동 가능"
    assert concise_lead("other", sentence, {"스마트": 2.0, "안경": 3.0}, "알리바바가 공개한 스마트 안경 이름이 뭐야?") == "콰크(夸克)"
    assert concise_lead("other", sentence, {}, "알리바바는 무엇을 공개했어?") is None  # not a name question
    said = "자오리둥 CEO는 “칩부터 인프라까지 잇는 생태계를 만들겠다”고 말했다"
    assert quoted_names(said) == []  # quoted words are not a name
    # a quoted name far from the question's terms is another thing's ("인플레임이 만드는 칩 제품 이름" is not
    # the alliance quoted 60 characters before 인플레임)
    far = ("첫 번째 연합인 ‘모델-칩 생태계 혁신 연합’은 대규모 언어모델 개발 기업과 AI 칩 제조사들을 연결하는 기술 체계이며, "
           "참가 기업 중 하나인 인플레임도 함께했다")
    assert concise_lead("other", far, {"인플레임": 4.0, "제품": 2.0}, "인플레임이 만드는 AI 칩 제품 이름이 뭐야?") is None
    # "CEO 이름" asks for a person's name: the name beside the title, not a quotation
    assert concise_lead("other", "인플레임의 자오리둥 CEO는 ‘생태계’를 강조했다", {"인플레임": 4.0},
                        "인플레임 CEO 이름이 뭐예요?") == "자오리둥"
    assert asks_title("인플레임 CEO 이름이 뭐예요?") and not asks_title("스마트 안경 이름이 뭐야?")


def test_several_people_get_no_single_name_lead():
    sentence = "특히 전 구글 CEO 에릭 슈미트, AI 거장 요슈아 벤지오와 제프리 힌턴 등이 참석했다"
    assert concise_lead("person", sentence, {}, "AI 석학들은 누구누구야?") is None  # no enumeration to lead with


@pytest.mark.parametrize("sentence, items", [
    ("제조업, 바이오헬스, 모빌리티, 에너지 등 주력 산업에 AI 기술을 접목해 산업 고도화", ["제조업, 바이오헬스, 모빌리티, 에너지"]),
    # the first item has as many words as the longest middle one; the last stops at 등
    ("아울러 정책 지원, 플랫폼 구축, 알고리즘 혁신, 국제 협력 등 여러 측면에서 추진해온 경험을 공유하며",
     ["정책 지원, 플랫폼 구축, 알고리즘 혁신, 국제 협력"]),
    # △ bullets; the last item stops at its particle
    ("WAICO는 △혁신 협력 플랫폼 구축 △포용적 기술 발전 △국제 거버넌스 체계 형성을 핵심 과제로 하며",
     ["혁신 협력 플랫폼 구축, 포용적 기술 발전, 국제 거버넌스 체계 형성"]),
    # a list inside parentheses is read on its own; 및 and the one-dot leader separate too
    ("오픈소스 공유, 글로벌 사우스(중남미·동남아·중동·아프리카 등 신흥국)를 포괄하는 포용성", ["중남미, 동남아, 중동, 아프리카"]),
    ("우리는 대형 모델 기업, 컴퓨팅 파워 기업 및 모든 코퍼스 기업에게 감사한다", ["대형 모델 기업, 컴퓨팅 파워 기업, 모든 코퍼스 기업"]),
    ("기술혁신을 뒷받침할 수 있도록 자금․세제․규제 완화 정책 필요", ["자금, 세제, 규제 완화"]),
    # a clause before the list is not its first item ("구성되었으며", "행사로"); aliases in parentheses are dropped
    ("‘1+1+2+10+N’ 체계로 구성되었으며, AI 인프라, 스마트 단말, AI+산업, AI+금융 등 10대 핵심 분야",
     ["AI 인프라, 스마트 단말, AI+산업, AI+금융"]),
    ("스텝펀, 미니맥스(MiniMax), 메탁스(Metax), 일루바타 코어엑스(Iluvatar CoreX) 등이 있다",
     ["스텝펀, 미니맥스, 메탁스, 일루바타 코어엑스"]),
    ("스마트 안경을 첫 공개하여, 타오바오, 알리페이 등 알리 생태계 플랫폼과 연동 가능", ["타오바오, 알리페이"]),  # two and 등
    # "X를 비롯해 A, B, …": X is the first item
    ("참가 기업으로는 미국의 제재를 받은 센스타임(SenseTime)을 비롯해 스텝펀, 미니맥스(MiniMax), 메탁스(Metax) 등이 있다",
     ["센스타임, 스텝펀, 미니맥스, 메탁스"]),
    # a particle before an adnominal ("…를 통한") stays in the first item
    ("오픈소스를 통한 공유, 산업 생태계 내재화, 대규모 시장에서의 실험 등 중국만의 강점을 앞세운 행보",
     ["오픈소스를 통한 공유, 산업 생태계 내재화, 대규모 시장에서의 실험"]),
    ("중국은 미국, 한국과 협력했다", []), ("중국은 AI 모델을 공개했다.", []),
    # two items and 등 with nothing between, whatever stands before them; not a clause ending before the comma
    ("콰크는 타오바오, 알리페이 등 알리 생태계 플랫폼과 연동된다.", ["타오바오, 알리페이"]),
    ("미국은 엔비디아, AMD 등 기업의 칩을 통제한다", ["엔비디아, AMD"]),
    ("중국은 빠르게 성장했고, 한국 등 여러 나라가 주목했다", []), ("정책이 나왔다, 중국 등이 반발했다", []),
])
def test_the_items_of_an_enumeration(sentence, items):
    assert [s.text for s in list_items(sentence)] == items


def test_a_list_question_leads_with_the_items_nearest_its_terms():
    sentence = "(텐센트) 클라우드, 개발 플랫폼, 디지털휴먼 등 주요 서비스를 통해 전략을 제시하고, 기술·제품·생태계의 연결을 추진"
    question = "텐센트가 앞세운 주요 서비스는 뭐뭐야?"
    assert concise_lead("other", sentence, {"서비스": 3.0, "주요": 2.0}, question) == "클라우드, 개발 플랫폼, 디지털휴먼"
    assert concise_lead("other", sentence, {"서비스": 3.0}, "텐센트가 앞세운 주요 서비스는 뭐야?") is None  # not a list


@pytest.mark.parametrize("name, english", [
    ("비처 애슐리-브라운(Beecher Ashley-Brown)", "Beecher Ashley-Brown"), ("AI 행동 계획(AI Action Plan)", "AI Action Plan"),
    ("아진가(Ajinga, 菁客)", "Ajinga"), ("스쥔(史軍)", None), ("자오리둥", None),
])
def test_an_english_question_gets_the_latin_alias_of_a_name(name, english):
    assert english_name(name) == english


@pytest.mark.parametrize("question, expected", [
    ("사례집은 어느 기관에서 발표했나요?", True), ("조지 천은 어느 회사 파트너야?", True), ("어느 통신사 보도야?", True),
    ("미국 외교 전문지는 어디인가요?", True), ("반도체 분석업체는 어디야?", True), ("어떤 스타트업이 만들었어?", True),
    ("Which news agency reported it?", True), ("Besides Huawei, which chipmaker signed deals?", True),
    ("What company did Zand Bank partner with?", True),
    ("어느 회사원이 말했어?", False), ("회의는 어디서 열렸어?", False), ("누가 발표했어?", False),
    ("Which city hosts WAIC?", False),
    # "what kind of company" asks what the company is, not which one
    ("인플레임은 어떤 종류의 회사야?", False), ("어떤 유형의 기관이 참여했어?", False), ("What kind of company is Enflame?", False),
    # the country of an organisation: a place question
    ("세미애널리시스는 어느 나라 업체로 소개됐어?", False), ("천위타오 CEO의 은행은 어느 나라 은행이에요?", False),
    ("What type of firm is SemiAnalysis?", False),
    # an adverb between the kind and its question word; companies named by their relation to another
    ("그 언론사는 구체적으로 어디야?", True), ("장비를 들여간 고객사는 어디어디야?", True),
    ("Which city hosts it?", False),
    # a terse question ending in the kind of organisation it asks
    ("Ascend 384 노드 첫 도입 고객사는?", True), ("주최 기관은?", True), ("고객사 반응은?", False),
    ("인플레임은 어떤 종류의 회사?", False),  # what kind of company, after a multi-part question's split
    ("Which hospital provided data for the AI medical imaging case?", True), ("어느 병원이 참여했어?", True),
])
def test_organisation_questions(question, expected):
    assert asks_organisation(question) is expected


@pytest.mark.parametrize("question, name, expected", [
    # a ministry asked: a name ending like one (부, 처, 청, 원, 위원회) or saying Ministry/Department
    ("미국 정부 어느 부처가 만든 거야?", "딥시크(DeepSeek)", False),
    ("책자는 어느 정부 부처가 냈어?", "국가발전개혁위원회", True), ("어느 부처 소관이야?", "외교부", True),
    ("Which South Korean ministry is in charge?", "ROK-US AI 전략", False),
    ("Which ministry published it?", "상무부(Ministry of Commerce)", True),
    # a university, a bank
    ("어느 대학 연구진이야?", "홍콩과학기술대학교(광저우·廣州)", True), ("Which university is it?", "센스타임(SenseTime)", False),
    ("어느 은행이야?", "잔드뱅크(Zand Bank)", True), ("Which bank?", "앤트디지털테크놀로지", False),
    # a stock exchange
    ("On which stock exchange is SenseTime listed?", "센스타임(SenseTime)", False),
    ("어느 거래소에 상장됐어?", "홍콩증권거래소", True), ("Which exchange?", "Hong Kong Stock Exchange", True),
    # a hospital
    ("Which hospital provided the imaging data?", "국가발전개혁위원회", False), ("어느 병원이 참여했어?", "서울대학교병원", True),
    # other kinds are not read off a name, and a bank the question names is not the kind it asks for
    ("어느 회사가 만들었어?", "딥시크(DeepSeek)", True),
    ("Which Chinese company did Zand Bank start working with?", "앤트디지털테크놀로지", True),
    # a public body: a ministry, council, academy, centre or the UN; a company or an event is none
    ("어느 기관 통계를 근거로 한 얘기야?", "딥시크(DeepSeek)", False),
    ("사례집은 어느 기관에서 발표했나요?", "국가발전개혁위원회", True), ("어느 기관 자료야?", "中国国际科技交流中心", True),
    ("중국 어느 기관의 총리야?", "국무원", True), ("어느 기관이야?", "유엔", True),
    ("어느 기관이 주최했어?", "세계인공지능대회(WAIC)", False),
    ("Which government body issued the plan?", "국가발전개혁위원회", True),
    ("Which institution published the data?", "센스타임(SenseTime)", False),
])
def test_a_kind_of_organisation_asked_is_answered_by_a_name_of_that_kind(question, name, expected):
    assert of_asked_kind(name, question) is expected
    assert names_org_kind(question) is not ("회사" in question or "company" in question)


def test_a_newspaper_is_not_the_company_asked_for():
    assert organisation_names("영국 파이낸셜타임즈는 이번 WAIC를 분석했다")[0].text == "파이낸셜타임즈"
    assert not of_asked_kind("파이낸셜타임즈", "Which company made the robot dog that did somersaults?")
    assert not of_asked_kind("중국일보사(中國日報社)", "두 사람이 체험한 제품은 어느 회사의 무슨 제품이었어?")
    assert of_asked_kind("파이낸셜타임즈", "중국이 기술력을 과시했다고 분석한 영국 언론은 어디야?")
    assert of_asked_kind("세미애널리시스(SemiAnalysis)", "Which company compared the chips?")


@pytest.mark.parametrize("sentence, names", [
    # a name right after the word for its kind is the strongest evidence, with its Latin alias
    ("미국 반도체 분석업체 세미애널리시스(SemiAnalysis)에 따르면 일부 지표에서 우수했다", ["세미애널리시스(SemiAnalysis)"]),
    ("미국 외교 전문지 포린 어페어스(Foreign Affairs)의 최근 분석에 따르면", ["포린 어페어스(Foreign Affairs)"]),
    # else a word that ends like an organisation; a unit after its parent stays one name; particles dropped
    ("로이터통신 보도에 의하면 리 총리는", ["로이터통신"]),
    ("국가발전개혁위원회가 발표한 본 사례집은", ["국가발전개혁위원회"]),
    ("이사장 겸 중국과학원 자동화연구소 왕레이(王磊) 연구원", ["중국과학원 자동화연구소"]),
    ("아시아그룹(Asia Group)의 조지 천 파트너는", ["아시아그룹(Asia Group)"]),
    # else a Hangul name with a Latin alias, as many words as the alias has
    ("이번 행사는 중국 기업 딥식(DeepSeek)이 모델을 공개한 이후", ["딥식(DeepSeek)"]),
    ("중국은 다자 협력 모델을 강조했다", []),
    # a word naming only companies may follow the name after a space
    ("유엘에스 로보틱스 인공지능 영업부 주빙 부사장은", ["유엘에스 로보틱스"]),
    # else the source a caption or a reference credits, in any script
    ("리더들이 원탁 토론을 진행했다 [사진 출처: 중국일보망(中國日報網)]", ["중국일보망(中國日報網)"]),
    ("(25.7.27,智东西) 人工智能大会彻底引爆!", ["智东西"]),
    ("(25.7.26, 国家发展改革委) 《中国智·惠世界(2025)》案例集发布", ["国家发展改革委"]),
    ("개막식(7.26)과 함께 공개된 본 계획은", []),  # a date in parentheses credits no one
])
def test_organisation_names(sentence, names):
    assert [s.text for s in organisation_names(sentence)] == names


def test_an_organisation_the_question_writes_is_not_its_answer():
    sentence = "첫 번째 연합인 ‘모델-칩 생태계 혁신 연합(Model-Chip Ecosystem Innovation Alliance)’은 LLM 개발사에 의해 출범됐다"
    # written in English by the question: not the answer, though the sentence writes it in Hangul
    assert organisation_names(sentence, lambda name: name in "Which developer launched the Model-Chip Ecosystem "
                                                            "Innovation Alliance?") == []
    assert [s.text for s in organisation_names(sentence)] == ["칩 생태계 혁신 연합(Model-Chip Ecosystem Innovation Alliance)"]


@pytest.mark.parametrize("question, expected", [
    ("협력 관계를 체결한 중국 기업의 명칭을 명시해 주십시오.", True), ("그분 회사 이름이 뭐예요?", True),
    ("행사를 주최한 기관명 기재 바랍니다.", True), ("그 언론사 이름 알려줘", True),
    ("그 제품 이름이 뭐야?", False), ("CEO 이름이 뭐야?", False), ("회사명이 뭐라고?", True),
])
def test_a_question_asking_an_organisations_name_by_its_kind(question, expected):
    assert asks_org_name(question) is expected


def test_the_name_asked_of_an_organisation_kind_is_led_by_an_organisation():
    sentence = "잔드뱅크의 천위타오 CEO는 지난해 중국 기업 앤트디지털테크놀로지와 협력 관계를 맺고 금융 분야를 탐색해왔다고 밝혔다"
    weights = {"협력": 3.0, "관계": 2.0, "금융": 2.0}
    assert concise_lead("other", sentence, weights, "잔드뱅크가 협력 관계를 맺은 중국 기업의 명칭을 명시해 주십시오.") \
        == "앤트디지털테크놀로지"
    # a person named by a title in the question does not make the name asked a person's
    people = "참가 기업 중 하나인 인플레임(Enflame)의 자오리둥 CEO는 “칩부터 인프라까지 잇는 생태계”라고 설명했다"
    assert concise_lead("other", people, {"참가": 2.0, "생태계": 3.0},
                        "연합에 참가한 곳 가운데 생태계라고 설명한 CEO, 그분 회사 이름이 뭐예요?") == "인플레임(Enflame)"


def test_the_lead_of_an_organisation_question():
    sentence = "로이터통신 보도에 의하면 리 총리는 \"AI가 소수 국가와 기업의 전유물이 돼서는 안 된다\"고 경고했다"
    question = "리 총리의 경고는 어느 통신사 보도야?"
    assert concise_lead("other", sentence, {"보도": 3.0, "경고": 2.0}, question) == "로이터통신"
    assert concise_lead("other", sentence, {"보도": 3.0}, "리 총리는 뭐라고 경고했어?") is None  # not asked
    # a Korean question's terms must be written beside the name: here the name is 40 characters away from them
    far = "이번 행사는 중국 기업 딥식(DeepSeek)이 자국산 혁신적인 AI 모델을 공개한 이후 처음으로 열리는 대형 AI 행사로, 플라잉 택시 등"
    assert concise_lead("other", far, {"플라잉": 4.0, "택시": 4.0}, "플라잉 택시를 선보인 회사는 어디야?") is None
    # an English question's terms cannot be read in Korean text: the name leads, by its Latin alias once rendered
    assert concise_lead("other", "분석업체 세미애널리시스(SemiAnalysis)에 따르면", {"analyst": 3.0},
                        "Which research firm said so?") == "세미애널리시스(SemiAnalysis)"


@pytest.mark.parametrize("question, expected", [
    ("Which former Google CEO attended the conference?", True), ("Which tech blogger took part?", True),
    ("어느 석학이 참석했어?", True), ("어떤 전문가가 말했어?", True),
    ("What does the head of state want?", False),  # an auxiliary verb: "head" is the subject, not the asked
    ("What field does ULS Robotics lead in, based on what its vice president said?", False),  # "its" title
    ("Which company?", False), ("어떤 회사가?", False),
])
def test_which_person_questions(question, expected):
    assert asks_which_person(question) is expected


def test_a_which_person_question_leads_with_the_name_and_a_which_company_one_with_the_company():
    sentence = "특히 전 구글 CEO 에릭 슈미트, AI 거장 요슈아 벤지오와 제프리 힌턴 등 세계적 인사들도 참석해"
    assert concise_lead("other", sentence, {}, "Which former Google CEO attended?") == "에릭 슈미트"
    partner = "아시아그룹(Asia Group)의 조지 천 파트너는 “미국의 AI 계획은 연장선”이라고 말했다"
    assert concise_lead("other", partner, {"조지": 3.0, "파트너": 2.0}, "조지 천은 어느 회사 파트너야?") == "아시아그룹(Asia Group)"


def test_a_described_thing_is_named_by_its_parenthesis():
    sentence = "(입장 조율) 한국은 미국과의 기술·안보 협력(ROK-US AI 전략)을 바탕으로 서방 진영과 연대하는 입장을 유지"
    question = "한국이 미국과 추진하는 AI 기술·안보 협력은 뭐라고 불려?"
    assert concise_lead("other", sentence, {"협력": 2.0}, question) == "ROK-US AI 전략"
    written = lambda text: text in "딥시크가 공개한 모델 이름은 뭐야?"  # noqa: E731
    # a Latin or Chinese alias is the same name in another script, not the name of a described thing
    assert described_names("딥시크(DeepSeek) 등 중국 AI 기업들은 R1을 공개했다", written) == []
    assert described_names("센스타임 아시아 태평양 지역 스쥔(史軍) CEO", lambda text: text in "스쥔은 뭐라고 불려?") == []
    # the parenthesis after a word the question does not write names something else
    assert described_names(sentence, lambda text: text in "한국은 뭐라고 불려?") == []


@pytest.mark.parametrize("question, kinds", [
    ("중국의 어떤 기술 개발을 늦추려는 거야?", ("기술",)), ("미국의 어떤 전략과 맞부딪친다고 봤어?", ("전략",)),
    ("In which field is China ahead?", ("분야",)), ("Which country signed?", ("국가", "나라")),
    ("어느 시대에서 어느 시대로 넘어갔어?", ()),  # two of a kind asked: no one phrase answers
    ("어떤 것들이 통합돼 있어?", ()), ("어느 회사가 만들었어?", ()), ("어떤 방향으로 가야 해?", ()),
    ("What happened?", ()),
])
def test_which_kind_questions(question, kinds):
    assert asked_kinds(question) == kinds


@pytest.mark.parametrize("sentence, kinds, given, phrases", [
    # bare words before the kind-word, up to a word with a particle ("중국의") or one the question writes
    ("미국은 중국의 첨단 반도체 기술 개발을 지연시키기 위해 압박", ("기술",), "", ["첨단 반도체 기술"]),
    ("한국 언론은 미국의 AI 우위 전략과 정면 충돌한다고 평가", ("전략",), "", ["AI 우위 전략"]),
    ("특히 로봇 기술 분야에서 우위를 보이고 있다", ("분야",), "", ["로봇 기술 분야"]),  # an adverb picks nothing out
    ("특히 로봇 기술 분야에서 우위를 보이고 있다", ("분야",), "로봇 기술 분야는?", []),  # written by the question
    ("기구 역시 회원 구성, 권한 범위, 집행력 측면에서 불확실성이 크다", ("측면",), "", []),  # an enumeration's last item
    ("중국은 기술 개발에 힘쓴다", ("기술",), "", []),  # the kind-word alone
])
def test_kind_phrases(sentence, kinds, given, phrases):
    assert [s.text for s in kind_phrases(sentence, kinds, lambda word: word in given)] == phrases


def test_a_which_kind_question_leads_with_the_phrase_beside_its_terms():
    sentence = "미국은 중국의 첨단 반도체 기술 개발을 지연시키기 위해 다양한 방식으로 압박을 가하고 있음"
    question = "미국이 압박하는 건 중국의 어떤 기술 개발을 늦추려는 거야?"
    assert concise_lead("other", sentence, {"개발": 2.0, "압박": 2.0}, question) == "첨단 반도체 기술"
    assert concise_lead("other", sentence, {"방식": 2.0}, question) is None  # no question term beside the phrase


_ROW = ("산업 발전계획 | 2017.12. 2019.8. 2022.8. | 차세대 인공지능 발전계획(2018~2020) 국가 차세대 인공지능 혁신 개발 "
        "시범구 건설 지침 차세대 인공지능 시범 응용 사례 지원 방안 |")


@pytest.mark.parametrize("weights, question, date", [
    ({"발전계획": 3.0, "차세대": 1.0}, "", "2017.12"),  # 차세대 is in every name; 발전계획 in the first only
    ({"시범구": 3.0, "건설": 2.0}, "", "2019.8"),
    ({"사례": 2.0, "지원": 2.0}, "", "2022.8"),
    ({"인공지능": 1.0}, "", None),  # every name holds it equally: no date rather than the first
    ({"guideline": 1.0}, "When was the 2022 plan issued?", None),  # a number no name writes
])
def test_the_date_of_the_name_asked_in_a_flattened_table_row(weights, question, date):
    spans = table_row_dates(_ROW, weights, question)
    assert [s.text for s in spans] == ([date] if date else [])
    assert all(_ROW[s.start:s.end] == s.text for s in spans)


def test_a_table_row_is_aligned_only_when_dates_and_names_pair_up():
    assert table_row_dates("인재양성 | 2020.7. | 쌍인류 대학 학제 융합 강화 방안 |", {"방안": 1.0}) == []  # one date
    assert table_row_dates("구분 | 2020.7. 2023.7. | 표준화 체계 구축 지침 |", {"지침": 1.0}) == []  # two dates, one name
    row = ("표준 및 규제 | 2020.7. 2023.7. 2024.6. | 국가 차세대 인공지능 표준화 체계 구축 지침 생성형 인공지능 서비스 관리 "
           "장정 조례 국가 인공지능 산업 종합 표준화 체계구축 지침(2024년 개정판) |")
    # an English question's words are not in the text, but the year it writes names the revised edition
    assert [s.text for s in table_row_dates(row, {"guideline": 1.0}, "When was the 2024 revised guideline issued?")] == ["2024.6"]


def test_a_range_question_is_not_led_by_a_table_rows_date():
    assert concise_lead("date", _ROW, {"시범구": 3.0}, "'시범구 건설 지침'은 언제 나왔어?") == "2019.8"
    # "몇 년부터 몇 년까지" asks the period the plan covers, which its name gives, not when it was issued
    assert concise_lead("date_year", _ROW, {"발전계획": 3.0}, "'발전계획'은 몇 년부터 몇 년까지 대상이야?") != "2017.12"
    assert english_span("2024.6") == "June 2024" and english_span("2017.12.") == "December 2017"


@pytest.mark.parametrize("sentence, qtype, weights, question, lead", [
    # a quantity keeps the bound it is written with: "90건" alone would misstate "more than 90"
    ("트럼프 행정부는 최근 90건이 넘는 규제 완화 조치를 추진하면서", "count:cases", {"조치": 2.0}, "조치는 몇 건이야?",
     "90건이 넘는"),
    ("투자 규모는 1,000억 원 이상으로 늘었다", "money", {"투자": 2.0}, "투자 규모는 얼마야?", "1,000억 원 이상"),
    ("행사에는 300명 정도가 참석했다", "count:people", {"행사": 2.0}, "행사에는 몇 명이 왔어?", "300명 정도"),
    ("지원 기업은 100개 넘는 곳으로 늘었다", "count:companies", {"지원": 2.0}, "지원 기업은 몇 개야?", "100개 넘는"),
    ("참가자는 1,200여 명이었다", "count:people", {"참가자": 2.0}, "참가자는 몇 명이야?", "1,200여 명"),
    # "N개의 X": the count belongs to the noun after it, not to the one before
    ("체계: 1개의 개막식 및 포럼, 1개의 고위급 회의, 2개의 전체회의", "count:items", {"고위급": 3.0},
     "고위급 회의는 몇 개야?", "1개"),
    # ... and that noun phrase runs to the end of its item, however long
    ("체계: 1개의 개막식, 1개의 인공지능 글로벌 거버넌스 고위급 회의, 2개의 전체회의", "count:items",
     {"고위급": 3.0, "회의": 1.0}, "고위급 회의는 몇 개였어?", "1개"),
])
def test_a_quantity_lead_keeps_its_bound_and_its_noun(sentence, qtype, weights, question, lead):
    assert concise_lead(qtype, sentence, weights, question) == lead


@pytest.mark.parametrize("span, english", [
    ("90건이 넘는", "more than 90 cases"), ("90건 넘게", "more than 90 cases"), ("10% 미만", "less than 10 percent"),
    ("90건 이상", "90 cases or more"), ("30여 개국", "about 30 countries"), ("300명 정도", "about 300 people"),
    ("10% 초과", "more than 10 percent"), ("5건 이하", "5 cases or less"),
])
def test_english_rendering_of_bounds(span, english):
    assert english_span(span) == english


def test_every_bound_the_korean_lead_keeps_has_an_english_rendering():
    # one table (BOUNDS) serves both: a bound the lead keeps is one the English lead can render
    for word in BOUNDS:
        kept = BOUND.match(f" {word}의", 0)
        assert kept is not None and kept.group().strip() == word, word
        assert english_span(f"90건 {word}") not in (None, "90 cases"), word
    assert BOUND.match("이상적인", 0) is None  # a word that only starts like a bound


@pytest.mark.parametrize("question, expected", [
    ("메탁스 본사는 어느 도시에 있어?", True), ("원탁 토론은 어디서 열렸어?", True), ("본부를 어디에 두자고 했어?", True),
    ("어느 나라가 가장 많이 출원했어?", True), ("Which city is StepFun headquartered in?", True),
    ("세미애널리시스는 어느 나라 업체로 소개됐어?", True),  # the country of an organisation
    ("Where did Premier Li suggest the body be based?", True), ("In which country is Zand Bank?", True),
    ("통신사는 어디야?", False),  # which organisation
    ("어느 회사에서 발표했어?", False), ("공급망의 어디부터 어디까지를 포괄해?", False),  # a span of a chain, not a place
    ("중국 업체들이 주로 어디 모델에 기대고 있었대?", False), ("What did the forum discuss?", False),
    # the kind of place before its question word, an adverb between; an English adjective before the noun
    ("유치를 두고 경쟁한 다른 도시는 어디였어?", True), ("협력 상대국으로 소개된 나라는 정확히 어디야?", True),
    ("Which specific country did he warn about?", True), ("What was the country's reply?", False),
    # where an event was held, asked as the place that held it; a bare 곳 is often a company
    ("스텝펀이 연합 출범 행사를 연 곳은 어디였어요?", True), ("잔드뱅크가 손잡은 곳은 어디야?", False),
    # a terse question ending in the kind of place it asks
    ("클라우드매트릭스 384 들어간 데이터센터 위치?", True), ("본사 소재지는?", True), ("위치 정보는 어떻게 써?", False),
    # where something reached into is a matter, not a place
    ("영상에서 AI 기술이 어디에 깊게 들어간 모습 보여 줬어요?", False), ("AI가 어디에 깊이 스며든 모습이 담겼대?", False),
])
def test_place_questions(question, expected):
    assert asks_place(question) is expected
    assert asks_named(question, "other") is (expected or asks_organisation(question))


@pytest.mark.parametrize("sentence, question, names", [
    ("국제기구의 본부를 상하이에 두자고 제안했다", "어디에 두자고 했어?", ["상하이"]),  # the particle is not the name's
    ("다음 날, 상하이 타워 정원 홀에서 열린 원탁 토론은", "원탁 토론은 어디서 열렸어?", ["상하이 타워"]),  # a venue after its city
    ("본부를 상해에 유치할 의향을 표명", "본부는 어디야?", ["상해"]),
    ("중국과 미국이 경쟁하는 가운데", "본사는 어느 도시에 있어?", []),  # a city asked: countries do not answer
    ("중국과 미국이 경쟁하는 가운데", "어느 나라가 앞섰어?", ["중국", "미국"]),
    ("중국과 미국이 경쟁하는 가운데", "어디서 경쟁해?", ["중국", "미국"]),  # "where", and no city: the countries
    ("상하이에서 열린 중국의 행사", "어디서 열렸어?", ["상하이"]),  # "where": a city before a country
    ("The forum was held in Shanghai, China.", "Which city hosted it?", ["Shanghai"]),
    ("중국인 연구자와 미국산 칩", "어느 나라야?", []),  # a word that starts with a country's name is not one
    ("데이터센터를 늘렸다", "어디서?", []),
    # regions of the world count with the countries
    ("글로벌 사우스(중남미·동남아·중동·아프리카 등 신흥국)", "어느 지역들이야?", ["중남미", "동남아", "중동", "아프리카"]),
    ("유럽과 중국", "어느 대륙이야?", ["유럽", "중국"]),
    # a nationality is a country, not a region; a region that begins an organisation's name is not a place
    ("아시아그룹(Asia Group)의 조지 천 파트너", "조지 천은 국적이 어디야?", []),
    ("the Asia Group partner said", "Which region?", []),
])
def test_place_names(sentence, question, names):
    assert [s.text for s in place_names(sentence, question)] == names


@pytest.mark.parametrize("question, kind", [
    ("WAIC 전시는 상하이 어느 전시장에서 열렸어?", "venue"), ("상하이 어디 컨벤션센터에서 열렸어?", "venue"),
    ("In which convention center was the exhibition held?", "venue"), ("Which venue hosted it?", "venue"),
    ("본부는 상해 어느 구에 세운다는 거야?", "district"), ("어느 구야?", "district"),
    ("Which district of Shanghai will host it?", "district"), ("Which Shanghai district hosted it?", "district"),
    ("본사는 어느 도시에 있어?", None), ("원탁 토론은 어디서 열렸어?", None),
    ("어느 기구가 설립돼?", None), ("어떤 연구를 했어?", None),  # words ending in 구 are not districts
    # a venue asked by its name
    ("WAIC 전시장 이름이 뭐야?", "venue"),
    ("What is the official name of the Shanghai exhibition venue?", "venue"),
])
def test_venue_and_district_questions(question, kind):
    assert asks_venue(question) == kind
    assert kind is None or asks_place(question)


@pytest.mark.parametrize("sentence, question, names", [
    # a venue asked: a city alone does not answer, a venue does
    ("본부를 상해에 유치할 의향을 표명", "상해 어느 전시장에서 열렸어?", []),
    ("다음 날, 상하이 타워 정원 홀에서 열린 원탁 토론은", "어느 행사장에서 열렸어?", ["상하이 타워"]),
    ("훙차오전시장에서 개막했다", "어디 컨벤션센터에서 열렸어?", ["훙차오전시장"]),
    # a district asked: a district after its city, a new district, one with its Chinese name; not 기구 or 연구
    ("본부는 상하이 푸둥신구에 들어선다", "어느 구에 세워?", ["푸둥신구"]),
    ("쉬후이구(徐汇区)에 위치한다", "어느 구에 있어?", ["쉬후이구"]),
    ("located in Pudong New District.", "Which district?", ["Pudong New District"]),
    ("AI 협력 기구 설립과 연구를 요구", "어느 구에 세워?", []),
    ("본부를 상해에 유치할 의향을 표명", "상해 어느 구에 세운다는 거야?", []),
    # a country written bare before a name the question writes is its nationality, not the place or country asked
    ("중국 리창 총리는 유엔 산하의 AI 규제 대화 체계 두 개를 제안했다", "리창 총리가 제안한 대화 체계, 의장국은 어느 나라가 맡았어?", []),
    ("지난해 중국 기업 앤트디지털테크놀로지와 협력 관계를 맺고", "앤트디지털테크놀로지가 그 모델을 발표한 행사는 어디서 열렸어?", []),
    # … unless the question asks that nationality, or the country heads a longer phrase ("… 최초의 디지털 은행")
    ("지난해 중국 기업 앤트디지털테크놀로지와 협력 관계를 맺고", "앤트디지털테크놀로지는 어느 나라 기업이야?", ["중국"]),
    ("아랍에미리트 최초의 디지털 은행인 잔드뱅크", "잔드뱅크는 어느 나라에서 처음 생긴 디지털 은행이래?", ["아랍에미리트"]),
    ("중국 상하이에서 열린 대회", "그 대회는 어느 나라에서 열렸어?", ["중국"]),
])
def test_place_names_of_the_kind_asked(sentence, question, names):
    assert [s.text for s in place_names(sentence, question)] == names


@pytest.mark.parametrize("question, expected", [
    ("다음 WAIC는 언제 열려요?", True), ("내년 대회는 어디서 해?", True), ("차기 회의 개최지는?", True),
    ("그 지침의 다음 개정판은 언제 나와?", True),
    ("Where will the next World AI Conference be held?", True), ("When is the next edition?", True),
    ("위로만화 행사, 다음 번에는 어느 도시에서 언제 해요?", True),
    ("원탁 토론은 개막 다음 날 어디서 열렸어?", False), ("다음 중 WAIC 주최 기관은?", False),
    ("What happened the next day?", False), ("WAIC는 언제 처음 열렸어?", False),
])
def test_next_edition_questions(question, expected):
    assert mentions_next_edition(question) is expected


@pytest.mark.parametrize("question, excluded", [
    ("공동 주최 10개 기관 중에서 외교부, 국가발전개혁위원회, 과기부, 중국과학원을 빼면 나머지 여섯 곳은 어디야?",
     "외교부, 국가발전개혁위원회, 과기부, 중국과학원"),
    ("10대 핵심 분야 중에 AI 인프라, 스마트 단말 말고 나머지는 뭐야?", "AI 인프라, 스마트 단말"),
    ("공동 CEO 중 세키도 료지 말고 다른 한 명은 누구야?", "세키도 료지"),
    ("Other than DeepSeek and Qwen, which models does the node support?", "DeepSeek and Qwen"),
    # the list's first member after the words that introduce it, not those words
    ("연합에 들어간 칩 제조사로 화웨이·바이런·무어스레드 말고 또 어떤 곳이 있었나요?", "화웨이, 바이런, 무어스레드"),
    ("보고서 보면 AI 윤리 문제도 있다는거, 해결 시도 말고 다른 건 뭐야?", "해결 시도"),
    # not the rest of a set: "말고" with nothing after it that asks for others, or no "말고" at all
    ("센스타임 회사 전체 CEO는 누구야? 아태 지역 대표 말고.", None),
    ("공동 주최 기관은 어디어디야?", None),
])
def test_the_members_a_question_for_the_rest_of_a_set_writes(question, excluded):
    assert rest_excluded(question) == excluded


@pytest.mark.parametrize("question, expected", [
    ("원탁 토론에서 라이예테크 왕관춘 CEO는 무슨 얘기를 했어?", True),
    ("아진가는 정확히 무슨 사업을 하는 회사야?", True),
    ("퍼스트 팜 테크놀로지는 AI로 주로 어떤 작물을 재배해?", True),
    ("What products does Laiye Technology (來也科技) actually make?", True),
    ("What points did Accenture's Ryoji Sekido make during the roundtable discussion?", True),
    # an example or a case someone presented
    ("장팡쥔 창립자가 토론에서 소개한 스마트 농업 사례가 뭐였는지 궁금해", True),
    ("What example did Chen Yutao give of AI in finance?", True),
    # what someone is, or their title or name, is not what they said or do
    ("원탁 토론에 나온 라이예테크 CEO는 누구야?", False),
    ("What is ULS Robotics' Chinese company name?", False),
    ("Which Baidu unit does Zhu Guangxiang head?", False),
])
def test_questions_about_what_someone_said_or_does(question, expected):
    assert asks_deed(question) is expected


def test_a_roster_lists_who_took_part():
    roster = ("액센추어 공동 최고경영자(CEO) 세키도 료지가 화상으로 토론에 참여했으며, 센스타임 아시아 태평양 지역 스쥔(史軍) CEO, "
              "라이예테크(來也科技) 왕관춘(汪冠春) CEO, 잔드뱅크(Zand Bank) 천위타오(陳玉濤) CEO 등이 한자리에 모였다")
    assert is_roster(roster)
    assert is_roster("참가 기업으로는 센스타임을 비롯해 스텝펀, 미니맥스, 메탁스, 일루바타 코어엑스 등이 있다")
    # one person's words, or a short list, is not a roster
    assert not is_roster("라이예테크 왕관춘 CEO는 “AI가 업무 방식을 바꾼다”라고 말했다")
    assert not is_roster("알리바바, 딥식 등 중국 기업들은 오픈소스 모델을 공개했다")
    # an enumeration of common nouns lists things, not who took part
    assert not is_roster("정부는 ‘AI+산업’ 전략을 통해 제조, 에너지, 교육, 의료, 로봇 등 핵심 산업에 AI 기술을 융합한 정책을 적극 지원할 계획임")


def test_the_rest_is_missing_only_when_every_list_naming_a_written_member_names_nothing_else():
    question = "AI 인프라, 스마트 단말, AI+산업, AI+금융 말고 나머지 여섯 개는 뭐야?"
    partial = "올해 WAIC는 AI 인프라, 스마트 단말, AI+산업, AI+금융 등 10대 핵심 분야를 중심으로 진행됨"
    assert rest_missing(question, [partial])
    assert not rest_missing(question, [partial, "AI 인프라, AI+교육, AI+의료 등이 다뤄졌다"])
    # "중국" is not the member "중국과학원", nor "산업" the member "AI+산업"
    assert not rest_missing("외교부, 중국과학원 말고 다른 곳은?", ["중국, 일본, 한국 등이 참가"])
    assert not rest_missing(question, ["AI 기술, 산업, 거버넌스 전반을 아우르는 플랫폼"])


@pytest.mark.parametrize("question, sentences, expected", [
    # a question for another name, whose top sentences write the one it names alone: the text names no other
    ("LLM 개발사 중에 스텝펀 말고 다른 곳은 어디야?", ["연합은 LLM 개발사 스텝펀(StepFun)에 의해 출범됐다"], True),
    ("러브콜 기사에 로이터 말고 다른 통신사도 나와? 어디야?", ["로이터통신 보도에 의하면 리 총리는 경고했다"], True),
    ("WAICO 본부 후보지로 상하이 말고 거론된 도시도 있어?", ["국제기구의 본부를 상하이에 두자고 제안했다"], True),
    ("왕레이 이사장은 딥시크 말고 AI 민주화에 기여한 중국 스타트업으로 어디를 또 꼽았나요?",
     ["중국의 창업자들은 딥시크(DeepSeek) 모델의 오픈소스화처럼 인공지능 민주화에 기여했다"], True),
    # written beside another (a comma, 와/과, 및): that one is the answer
    ("모델 중에 R1 말고 다른 모델 이름은 뭐야?", ["딥시크 -R1과 알리바바 QwQ 등 오픈소스 AI 모델은"], False),
    ("스텝펀 말고 다른 곳은 어디야?", ["센스타임을 비롯해 스텝펀, 미니맥스 등이 있다"], False),
    # "R1과 같은" is "such as R1", no second item: alone
    ("R1 말고 다른 모델 이름은 뭐뭐야?", ["R1과 같은 고성능 오픈소스 모델을 잇따라 공개하며"], True),
    # no top sentence writes the name: nothing to judge by
    ("스텝펀 말고 다른 곳은 어디야?", ["미니맥스는 연합에 참여했다"], False),
    # what else, not another name: the rest of the sentence may answer it
    ("화웨이 장비는 연산 성능 말고 또 뭘 갖췄어?", ["총 300PFlops 규모의 연산 성능을 갖추었으며 초저지연을 자랑"], False),
])
def test_the_rest_is_missing_when_the_one_name_written_stands_alone(question, sentences, expected):
    assert rest_missing(question, sentences) is expected


def test_a_place_question_leads_with_the_place_beside_its_terms():
    sentence = "중국은 ‘세계 인공지능 협력기구(WAICO)’ 설립을 공식 제안하고, 본부를 상해에 유치할 의향을 표명"
    assert concise_lead("other", sentence, {"본부": 3.0, "WAICO": 4.0}, "중국은 WAICO 본부를 어디에 두고 싶다고 했어?") == "상해"
    # the question writes the city: it asks for something else
    assert concise_lead("other", sentence, {"본부": 3.0}, "상해의 어느 전시장에서 열렸어?") is None


def test_a_place_in_a_roster_answers_only_for_its_own_item():
    roster = ("센스타임(SenseTime) 아시아 태평양 지역 스쥔(史軍) CEO, 바이두 먀오다 제품부 주광샹 총괄, 라이예테크 왕관춘 CEO, "
              "프리테크 리솨이쥔 수석 아키텍트, 홍콩과학기술대학교(광저우·廣州) 천레이(陳雷) 정보 허브 원장이 한자리에 모였다")
    # an English question's bridged terms stand in another item: the city is the university's, not SenseTime's
    assert concise_lead("other", roster, {"센스타임": 4.0, "아시아": 2.0, "본사": 3.0},
                        "In which city is SenseTime's Asia-Pacific headquarters located?") is None
    # asked about the item that writes it, it answers (English or Korean)
    assert concise_lead("other", roster, {"천레이": 5.0, "원장": 2.0},
                        "In which city is Chen Lei's information hub?") == "광저우"
    assert concise_lead("other", roster, {"천레이": 5.0, "원장": 2.0}, "천레이 원장의 대학은 어느 도시에 있어?") == "광저우"
    # outside a roster a place needs no item of its own
    sentence = "중국은 ‘세계 인공지능 협력기구(WAICO)’ 설립을 공식 제안하고, 본부를 상해에 유치할 의향을 표명"
    assert concise_lead("other", sentence, {"본부": 3.0, "WAICO": 4.0}, "Where would WAICO be headquartered?") == "상해"


@pytest.mark.parametrize("question, expected", [
    ("장비의 정식 제품명이 뭐야?", True), ("칩 모델명은?", True), ("회사명도 알려줘", True),
    ("그 칩, 모델 번호가 뭐였더라?", True), ("What is the chip's model number?", True), ("몇 번 모델이야?", False),
    ("그 설명이 뭐야?", False), ("회사명단에 있어?", False),
])
def test_a_thing_name_word_asks_for_a_name(question, expected):
    assert asks_name(question) is expected


def test_a_thing_name_is_not_a_persons_though_the_question_names_a_title():
    assert asks_title("라이예테크 CEO 이름이 뭐야?")
    assert not asks_title("왕레이 이사장이 이끄는 회사의 회사명이 뭐야?")


def test_a_name_in_the_asked_script():
    sentence = "원거테크놀러지(Beijing Wenge Technology, 中科闻歌) 왕레이(王磊) 이사장은 밝혔다"

    def written(question):
        return lambda text: text.replace(" ", "") in question.replace(" ", "")

    question = "왕레이 이사장이 이끄는 원거테크놀러지는 중국어 회사명이 뭐야?"
    # the parenthesis after the word the question writes last before the script word: the company's, not 왕레이's
    assert [s.text for s in script_names(sentence, question, written(question))] == ["中科闻歌"]
    question = "원거테크놀러지의 영문 이름은?"
    assert [s.text for s in script_names(sentence, question, written(question))] == ["Beijing Wenge Technology"]
    question = "원거테크놀러지 이름은?"  # no script asked
    assert script_names(sentence, question, written(question)) == []
    assert concise_lead("other", sentence, {"원거테크놀러지": 3.0, "왕레이": 3.0},
                        "왕레이 이사장이 이끄는 원거테크놀러지는 중국어 회사명이 뭐야?") == "中科闻歌"


@pytest.mark.parametrize("question", [
    "리창 총리 이름 한자로 어떻게 써요?", "러브콜 기사에 리창 총리 이름 옆 괄호로 한자가 붙어 있던데, 어떻게 적혀 있어요?",
])
def test_how_a_name_the_question_gives_is_written_in_a_script(question):
    from ragqa.answer.answer_type import asks_writing
    from ragqa.answer.extractive import asks_named

    sentence = "29일 외교계와 AI업계에 따르면 리창(李强) 중국 국무원 총리는 26일 WAIC에서 국제기구 설립을 제안했다"
    qtype = question_type(question)
    assert asks_writing(question) and asks_named(question, qtype)  # a name in a script, though it gives 리창
    assert concise_lead(qtype, sentence, {"리창": 3.0, "총리": 2.0}, question) == "李强"


def test_a_script_name_may_open_a_longer_parenthesis():
    sentence = ("중국일보사(中國日報社)가 주최한 '위로만화'(圍爐漫話: 외국인이 중국에서 경험했던 바를 각자의 관점에서 이야기하는 "
                "미디어 프로그램) 시리즈 행사")
    question = "중국일보사가 WAIC 기간에 연 '위로만화' 프로그램, 한자로는 어떻게 써?"
    assert concise_lead(question_type(question), sentence, {"위로만화": 3.0, "중국일보사": 2.0}, question) == "圍爐漫話"


def test_a_person_asked_by_a_title_is_named_with_the_script_asked():
    sentence = "프리테크(Freetech, 福瑞泰克) 스마트 주행 리솨이쥔(李帥君) 수석 아키텍트가 참석했다"
    question = "프리테크에서 원탁에 나온 스마트 주행 수석 아키텍트, 기사 괄호 속 한자 이름 좀 알려줄래?"
    assert concise_lead(question_type(question), sentence, {"프리테크": 3.0, "아키텍트": 2.0}, question) \
        == "리솨이쥔(李帥君)"


@pytest.mark.parametrize("sentence, codes", [
    ("910C 칩 384개를 장착한 이 시스템은", ["910C"]), ("엔비디아 GB200 NVL72보다 우수", ["GB200 NVL72"]),
    ("딥시크 R1 모델을 공개", ["R1"]),
    ("개인(B2C)과 기업(B2B)", []),  # business-to-…, not a model
    ("300PFlops 성능", []), ("Ascend 384 노드", []), ("2025년 7회째", []),
])
def test_model_codes(sentence, codes):
    assert [s.text for s in model_codes(sentence, lambda text: False)] == codes


def test_a_model_name_question_leads_with_the_code_beside_its_terms():
    sentence = "클라우드매트릭스 384는 910C 칩 384개를 장착해 일부 지표에서 우수했다"
    assert concise_lead("other", sentence, {"클라우드매트릭스": 3.0, "장착": 2.0},
                        "클라우드매트릭스 384에 장착된 칩 모델명은 뭐야?") == "910C"
    assert concise_lead("other", sentence, {"없는말": 2.0}, "그 회사 모델명은 뭐야?") is None  # not beside its terms


def test_a_day_written_with_dots_and_a_two_digit_year_is_a_date():
    source = "(25.7.28,中国国际科技交流中心) 人工智能全球治理行动计划(全文)"
    assert [s.text for s in find_spans("date_day", source)] == ["25.7.28"]
    assert [s.text for s in find_spans("date", source)] == ["25.7.28"]
    # a decimal, a version and a month and day alone are not
    assert find_spans("date_day", "600억 위안(약 8.2억 달러) 규모") == []
    assert find_spans("date_day", "버전 1.2.3.4 출시") == []
    assert find_spans("date_day", "개막식(7.26)과 함께 공개된 본 계획") == []


@pytest.mark.parametrize("question, qtype", [
    ("중국일보 외국인 전문가들이 관람 진행자로 나선 건 대회 며칠째였어?", "date_day:nth"),
    ("그 포럼은 행사 몇 일째에 열렸어?", "date_day:nth"),
    ("원탁 토론은 행사 몇째 날 열렸어?", "date_day:nth"),
    ("WAIC는 며칠에 개막했어?", "date_day"),
])
def test_which_day_of_an_event_is_asked_by_its_count_from_the_first(question, qtype):
    assert question_type(question) == qtype


def test_only_a_day_counted_from_the_first_answers_which_day_of_an_event():
    sentence = "세계인공지능대회 첫날, 중국일보사 외국인 전문가인 스테파니 앤 스톤은 관람 진행자로 변신하여"
    assert [s.text for s in find_spans("date_day:nth", sentence)] == ["첫날"]
    assert [s.text for s in find_spans("date_day:nth", "행사 사흘째인 7월 28일에는 둘째 날 발표가 이어졌다")] == ["사흘째", "둘째 날"]
    assert find_spans("date_day:nth", "2025년 7월 26일 개막한 WAIC") == []  # a date is not a day counted from the first
    assert concise_lead("date_day:nth", sentence, question="대회 며칠째였어?") == "첫날"


@pytest.mark.parametrize("question, qtype", [
    ("딥시크 같은 중국 AI 기업들은 누구의 전폭적 지원을 등에 업었어?", "other"),  # whose: an owner, often a government
    ("중국 총리는 AI가 누구만의 독차지가 되면 안 된다고 했어?", "other"),
    ("딥시크는 누가 세운 회사야?", "person:founder"),
    ("센스타임 CEO는 누구야?", "person:ceo"),
])
def test_whose_asks_for_an_owner_not_a_person(question, qtype):
    assert question_type(question) == qtype


def test_a_rank_or_an_ordinal_counts_no_noun():
    # "세계 몇 위": the field ranked in, not a thing counted ("압도적인 1위" need not stand beside 세계)
    assert counted_noun("중국은 생성형 AI 특허 출원에서 세계 몇 위야?") is None
    assert counted_noun("WAIC는 올해로 몇 회째야?") is None
    assert counted_noun("일반 관람객은 총 몇 명이었어?") == "관람객"


def test_who_of_an_organisation_kind_asks_which_organisation():
    question = "리창 총리의 경고를 보도한 통신사는 누구인가요?"
    assert question_type(question) == "other" and asks_organisation(question)
    assert question_type("센스타임 CEO는 누구야?") == "person:ceo"


def test_a_name_question_with_a_title_in_passing_is_led_by_the_kind_it_names():
    question = "화웨이가 산업 파트너 2,700곳과 솔루션 6,000개를 함께 개발했다고 밝힌 그 기반 플랫폼 이름이 뭐야?"
    assert named_kinds(question) == ("플랫폼",)
    assert named_kinds("라이예테크 CEO 이름이 뭐야?") == () and named_kinds("그 회사 이름이 뭐야?") == ()
    sentence = "(화웨이) Ascend 플랫폼 기반 2,700개 산업 파트너와 6,000개 솔루션 공동개발 성과"
    assert concise_lead("other", sentence, {"화웨이": 2.0, "파트너": 1.0, "플랫폼": 1.0}, question) == "Ascend 플랫폼"


@pytest.mark.parametrize("question, qtype", [
    ("보고서 목차 보면 참고문헌은 몇 쪽부터 시작해요?", "page"), ("그 그림은 보고서 몇 페이지에 있어?", "page"),
    ("On which page of the report is Figure 2?", "page"), ("What page is the policy table on?", "page"),
    ("사례집은 몇 쪽짜리야?", "amount:unit:쪽"),  # how long (a number of pages), not where
    ("How many pages long is the casebook?", "count:items"),
])
def test_a_question_asking_where_in_a_document_asks_for_a_page(question, qtype):
    assert question_type(question) == qtype


def test_a_page_is_read_off_an_entry_of_a_table_of_contents():
    from ragqa.answer.answer_type import english_span

    assert [(s.type, s.text) for s in find_spans("page", "참고문헌 9")] == [("page", "9")]
    assert [s.text for s in find_spans("page", "[그림 3] 미국과 중국의 주요 거대언어모델 타임라인 4")] == ["4"]
    assert find_spans("page", "중국은 2030년까지 AI 강국으로 도약하겠다는 목표를 설정함") == []
    assert english_span("9쪽") == "page 9"


@pytest.mark.parametrize("question, qtype", [
    ("주요 성과들 중에 기업 기술 성과 발표랑 전시는 몇 번 항목으로 나와요?", "label"),
    ("WAICO 설립 제안은 몇 번째 항목으로 나오나요?", "label"),
    ("브리프 '글로벌 주요국 시각' 부분에서 영국 쪽 시각은 몇 번으로 매겨져 있어?", "label"),
    ("'미국과 중국의 주요 거대언어모델 타임라인'은 그림 몇 번이야?", "label:figure"),
    ("중국 AI 정책 표는 몇 번 표야?", "label:table"),
    ("In the brief's list of key outcomes, what number is the WAICO proposal?", "label"),
    ("Which figure number shows the LLM timeline?", "label:figure"),
    # how many times, which edition, or a model's number: not a label
    ("WAIC는 지금까지 몇 번 열렸어?", "count:times"), ("올해가 몇 번째 행사야?", "count:ordinal"),
    ("표는 몇 번이나 나와?", "count:times"), ("클라우드매트릭스 384에 들어간 화웨이 칩, 모델 번호가 뭐였더라?", "other"),
    ("How many times was it held?", "count:times"),
])
def test_a_question_asking_what_number_an_item_or_figure_carries_asks_for_a_label(question, qtype):
    assert question_type(question) == qtype


def test_a_label_is_the_number_a_numbered_line_opens_with_or_a_figures_label():
    from ragqa.answer.answer_type import english_label

    assert [(s.type, s.text) for s in find_spans("label", "4. 주요 기업 기술 성과 발표 및 전시(DeepSeek, 화웨이, 알리바바 등)")] \
        == [("label", "4")]
    assert [s.text for s in find_spans("label", "(2) 영국 시각: 중국의 기술력 과시")] == ["2"]
    assert [s.text for s in find_spans("label", "③ 한국 시각")] == ["③"]
    # a number inside a sentence, a decimal or a year does not open a numbered line
    assert find_spans("label", "중국은 2030년까지 AI 강국으로 도약하겠다는 목표를 설정함") == []
    assert find_spans("label", "8.2억 달러 규모") == [] and find_spans("label", "2025. 7. 26 개막") == []
    assert [s.text for s in find_spans("label:figure", "[그림 3] 미국과 중국의 주요 거대언어모델 타임라인 4")] == ["[그림 3]"]
    assert [s.text for s in find_spans("label:figure", "Figure 2 shows the patents")] == ["Figure 2"]
    assert find_spans("label:table", "[그림 3] 미국과 중국의 주요 거대언어모델 타임라인 4") == []
    assert [s.text for s in find_spans("label:table", "<표 2> 중국 AI 정책") ] == ["<표 2>"]
    question = "주요 성과 중 기업 기술 성과 발표랑 전시는 몇 번 항목이야?"
    assert concise_lead("label", "4. 주요 기업 기술 성과 발표 및 전시(DeepSeek, 화웨이, 알리바바 등)", None, question) == "4번"
    assert concise_lead("label", "주요 기업이 기술 성과를 발표했다", None, question) is None
    assert english_label("4번") == "No. 4" and english_label("[그림 3]") == "Figure 3" and english_label("<표 2>") == "Table 2"
    assert english_label("12명") is None


@pytest.mark.parametrize("question, qtype", [
    ("센스타임이 대형 모델 시대로 넘어간 건 몇 년도쯤이야?", "date_year:calendar"),
    ("In what year was Enflame founded?", "date_year:calendar"), ("설립 연도가 언제야?", "date_year:calendar"),
    ("센스타임의 몇 년 발전사라고 했어?", "date_year"), ("앞으로 몇 년에 걸친 목표야?", "date_year"),  # a number of years
])
def test_a_year_asked_as_such_is_a_year_of_the_calendar(question, qtype):
    assert question_type(question) == qtype


def test_a_year_of_the_calendar_is_not_a_number_of_years():
    sentence = "센스타임의 10년 발전사는 2014년 창업에서 시작됐다"
    assert [s.text for s in find_spans("date_year", sentence)] == ["10년", "2014년"]
    assert [s.text for s in find_spans("date_year:calendar", sentence)] == ["2014년"]


@pytest.mark.parametrize("question, qtype", [
    ("Do Alibaba's Quark AI glasses have a longer battery life than Meta's smart glasses?", "comparison"),
    ("Is CloudMatrix 384 faster than Nvidia's GB200 NVL72?", "comparison"),
    ("What did China propose at WAIC?", "other"),  # no "than"
    ("상하이 타워 원탁 토론은 몇 시간 동안 진행됐어?", "count:hours"), ("How many hours did the roundtable last?", "count:hours"),
])
def test_english_comparisons_and_durations_in_hours(question, qtype):
    assert question_type(question) == qtype


@pytest.mark.parametrize("question, qtype", [
    # a length asked by its unit or as a chip's process node: a measure, not a count
    ("On what process node (how many nanometers) is the 910C chip made?", "amount:length"),
    ("910C 칩은 몇 나노 공정이야?", "amount:length"),
    ("What exact interconnect bandwidth does the supernode offer?", "amount:bandwidth"),
    ("그 장비의 대역폭은 얼마야?", "amount:bandwidth"),
    ("딥식 일체형 장비 초당 token 처리량 어느정도래?", "amount:bandwidth"),
    # a range of travel is a length; "how far" only of travel
    ("What is the maximum flight range of the flying taxis exhibited at WAIC?", "amount:length"),
    ("How far can the flying taxi fly?", "amount:length"), ("How far did China go?", "other"),
    ("What range of products did Alibaba show?", "other"),
    # minutes beside a word for running time; else 몇 분 is the polite counter of people
    ("그 영상은 러닝타임이 몇 분이야?", "count:minutes"), ("몇 분 동안 연설했어?", "count:minutes"),
    ("How many minutes long is the video?", "count:minutes"), ("행사에 몇 분이 오셨어?", "count:people"),
    # an adjective between the question word and the date asked
    ("On what exact date was the first WAIC held?", "date_day"), ("In what specific year did it start?", "date_year"),
])
def test_lengths_bandwidths_minutes_and_exact_dates(question, qtype):
    assert question_type(question) == qtype


def test_a_year_named_by_its_distance_answers_only_a_loose_when():
    sentence = "잔드뱅크의 천위타오 CEO는 지난해 중국 기업 앤트디지털테크놀로지와 협력 관계를 맺었다"
    assert question_type("잔드뱅크가 앤트디지털테크놀로지랑 손잡은 건 언제 일이에요?") == "date:relative"
    assert [s.text for s in find_spans("date:relative", sentence)] == ["지난해"]
    # the month asked, "exactly", a year the question names, or an English question: a written date only
    for question in ("협력을 시작한 게 작년 몇 월이야?", "정확히 언제 손잡았어?", "2024년 언제였어?",
                     "When exactly did Zand Bank partner with Ant?"):
        assert question_type(question) == "date", question
    assert find_spans("date", sentence) == []
    assert [s.text for s in find_spans("date:relative", "작년대비 늘었고 올해의 인물")] == ["올해"]  # a word of its own


def test_the_first_of_a_series_is_an_ordinal():
    assert question_type("잔드뱅크는 아랍에미리트에서 몇 번째로 생긴 디지털 은행이야?") == "count:ordinal"
    sentence = "아랍에미리트 최초의 디지털 은행인 잔드뱅크와 3번째 연합"
    assert [s.text for s in find_spans("count:ordinal", sentence)] == ["최초", "3번째"]
    assert find_spans("count:items", sentence) == []


@pytest.mark.parametrize("question, qtype", [
    ("메모리는 총 몇 테라바이트 들어가 있어?", "amount:data"),
    ("What is the latency, in microseconds, of the interconnect?", "amount:latency"),
    ("지연 시간은 몇 마이크로초야?", "amount:latency"),
    ("What top speed can the flying taxis reach?", "amount:speed"), ("플라잉 택시 최고 속도는 얼마야?", "amount:speed"),
])
def test_data_latency_and_speed_are_measures(question, qtype):
    assert question_type(question) == qtype


def test_latency_and_speed_are_answered_only_in_their_units():
    sentence = "최고 시속 100km/h로 5 km를 날며 지연은 2μs 수준이고 384장 NPU를 쓴다"
    assert [s.text for s in find_spans("amount:speed", sentence)] == ["100km/h"]
    assert [s.text for s in find_spans("amount:latency", sentence)] == ["2μs"]
    assert find_spans("amount:latency", "총 300PFlops 규모의 연산 성능과 초저지연·초대역폭") == []


def test_a_bank_named_with_뱅크_is_an_organisation_only_when_a_bank_is_asked():
    from ragqa.answer.answer_type import organisation_names

    sentence = "아랍에미리트 최초의 디지털 은행인 잔드뱅크의 천위타오 CEO는 지난해 중국 기업 앤트디지털테크놀로지와 협력 관계를 맺고"
    assert [s.text for s in organisation_names(sentence, question="앤트디지털테크놀로지랑 손잡은 은행은 어디죠?")] == [
        "잔드뱅크", "앤트디지털테크놀로지"]
    # the bank a question describes is not the company it asks for
    assert [s.text for s in organisation_names(sentence, question="디지털 은행의 CEO가 손잡은 중국 회사는 어디야?")] == [
        "앤트디지털테크놀로지"]


def test_a_country_asked_is_not_answered_by_a_region_of_the_world():
    from ragqa.answer.answer_type import place_names

    sentence = "센스타임 아시아 태평양 지역 스쥔 CEO는 한국에 진출했다"
    assert [s.text for s in place_names(sentence, "어느 나라에 먼저 진출하겠다고 했어?")] == ["한국"]
    assert [s.text for s in place_names(sentence, "어느 대륙이야?")] == ["아시아", "한국"]


def test_a_sum_restated_in_parentheses_is_not_a_name():
    written = lambda text: text in "600억 위안 국가 AI 투자 펀드의 정식 명칭은 무엇입니까?"  # noqa: E731
    assert described_names("올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드", written) == []


def test_lengths_bandwidths_and_minutes_are_answered_only_in_their_units():
    sentence = "910C 칩 384개를 장착한 이 시스템은 5나노미터 공정으로 100GB/s 대역폭을 내며, 영상은 12분 동안 상영됐다"
    assert [s.text for s in find_spans("amount:length", sentence)] == ["5나노미터"]
    assert [s.text for s in find_spans("amount:bandwidth", sentence)] == ["100GB/s"]
    assert [s.text for s in find_spans("count:minutes", sentence)] == ["12분"]
    assert find_spans("amount:length", "910C 칩 384개를 장착한 이 시스템") == []
    assert find_spans("count:minutes", "2분기 매출이 늘었다") == []


def test_a_count_of_hours_is_answered_only_by_hours():
    assert [s.text for s in find_spans("count:hours", "토론은 3시간 동안 이어졌고 10개 기업이 참여했다")] == ["3시간"]
    assert find_spans("count:hours", "10개 기업이 참여했다") == []


def test_a_nationality_is_asked_as_a_country():
    from ragqa.answer.answer_type import asks_place, place_names

    for question in ("What nationality is Owen Thomas Fishwick?", "오웬 토머스 피쉬윅은 국적이 어디야?"):
        assert asks_place(question)
        assert [sp.text for sp in place_names("영국 출신으로 상하이에서 일한다", question)] == ["영국"]


@pytest.mark.parametrize("question, expected", [
    ("세미애널리시스는 어떤 회사로 소개됐어?", False),  # the company is named: how it is described is asked
    ("인플레임은 어떤 회사야?", False),
    ("어떤 회사가 플라잉 택시를 발표했어?", True),  # which company
    ("이 모델은 어느 회사가 만들었어?", True),
    ("Which company unveiled the flying taxi?", True),
])
def test_what_kind_of_company_a_named_one_is_is_no_question_of_which(question, expected):
    from ragqa.answer.answer_type import asks_organisation

    assert asks_organisation(question) is expected


def test_a_household_company_name_written_bare_is_an_organisation():
    from ragqa.answer.answer_type import organisation_names

    schmidt = "특히 전 구글 CEO 에릭 슈미트, AI 거장 요슈아 벤지오와 제프리 힌턴 등 세계적 인사들도 참석해"
    asked = "에릭 슈미트는 어느 회사의 최고경영자를 지냈던 사람으로 소개돼 있어?"
    assert [s.text for s in organisation_names(schmidt, question=asked)] == ["구글"]
    # stronger evidence first: a name with its Latin alias is read before a bare household name
    both = "화웨이의 클라우드매트릭스 384는 세미애널리시스(SemiAnalysis)에 따르면 엔비디아 칩을 능가했다"
    assert [s.text for s in organisation_names(both, question="어느 분석업체가 평가했어?")] == ["세미애널리시스(SemiAnalysis)"]
    # a name inside a longer word is no name; an English question reads no bare name (its names are not read
    # beside its terms)
    assert organisation_names("구글링으로 찾은 자료", question="어느 회사야?") == []
    assert organisation_names(schmidt, question="Which company did Eric Schmidt lead?") == []


def test_a_name_is_read_before_the_parenthesis_that_explains_it_in_the_questions_words():
    from ragqa.answer.answer_type import explained_names

    sentence = ("그는 고위급 회의를 열고 오픈소스 공유, 글로벌 사우스(중남미·동남아·중동·아프리카 등 신흥국)를 포괄하는 포용성, "
                "그리고 기술 독점을 지양하는 생태계를 강조했다.")
    question = "리창 총리가 포용성을 강조하면서 끌어안겠다고 한 신흥국 묶음을 기사에선 뭐라고 불렀어?"
    written = lambda text: text.replace(" ", "") in question.replace(" ", "")  # noqa: E731
    assert [s.text for s in explained_names(sentence, ["신흥국", "포용성", "리창"], written)] == ["글로벌 사우스"]
    # the parenthesis must write one of the question's (Korean) terms: a Latin alias restates the name
    assert explained_names(sentence, ["포용성"], written) == []
    assert explained_names("‘AI 행동 계획(AI Action Plan)’에 대응", ["ai", "계획"], written) == []
    # the person-name branch falls back to it when the question asks what something is called, not a name by title
    assert concise_lead("other", sentence, {"신흥국": 3.0, "포용성": 2.0}, question) == "글로벌 사우스"


def test_a_hangul_name_with_its_latin_original_names_the_kind_of_thing_written_beside_it():
    from ragqa.answer.answer_type import latin_aliased_names

    sentence = "회의에서 가장 주목받은 제품 중 하나는 화웨이의 클라우드매트릭스 384(CloudMatrix 384)였다."
    question = "설계 솜씨로 약점을 메웠다는 평을 들은 화웨이 제품 이름이 뭐야?"
    written = lambda text: text in question  # noqa: E731
    assert [s.text for s in latin_aliased_names(sentence, ("제품",), written)] == ["클라우드매트릭스 384"]
    assert concise_lead("other", sentence, {"화웨이": 2.0, "제품": 1.0}, question) == "클라우드매트릭스 384"
    # as many words as the original; no word for the asked kind nearby, a code, or no kind asked: no name
    assert [s.text for s in latin_aliased_names("이번 제품은 중국 기업 딥식(DeepSeek)이 만들었다", ("제품",), written)] == ["딥식"]
    assert latin_aliased_names("참가 기업으로는 센스타임(SenseTime)을 비롯해 스텝펀 등이 있다", ("제품",), written) == []
    assert latin_aliased_names("주요 서비스를 통해 기업(B2B)과 개인(B2C) 영역을 아우른다", ("서비스",), written) == []
    assert latin_aliased_names(sentence, (), written) == []


def test_a_guess_checked_before_the_question_proper_is_a_premise():
    from ragqa.answer.answer_type import asked_clause

    assert asked_clause("행동계획에 기후변화 같은 게 나열돼 있잖아. 그게 전부 6개인 거야? 협력 분야가 총 몇 개야?") == "협력 분야가 총 몇 개야?"
    assert question_type("그게 전부 6개인 거야? 협력 분야는 어디까지 다뤄?") == "other"
    # two questions that both ask stay whole (the parts splitter reads them)
    assert asked_clause("WAIC는 어디서 열려? 언제 열려?") == "WAIC는 어디서 열려? 언제 열려?"


@pytest.mark.parametrize("question, qtype", [
    ("딥시크-R1이랑 알리바바 QwQ 중에 어느 쪽이 먼저 공개됐어?", "comparison"),  # which came first: an order asked
    ("센스타임이랑 미니맥스 중에 어느 회사가 나중에 설립됐어?", "comparison"),
    ("참가 기업 중에 어느 회사가 제재를 받았어?", "other"),  # which one of a set, no order asked
])
def test_which_of_two_came_first_is_a_comparison(question, qtype):
    assert question_type(question) == qtype


@pytest.mark.parametrize("question, expected", [
    ("중국이 올해 만든 국가 AI 투자 펀드가 6천억 위안짜리라던데, 그 숫자 맞아?", True),
    ("I read that Huawei's Ascend 384 supernode delivers 3,000 PFlops. Is that the right figure?", True),
    ("Is it true that WAIC opened in 2018?", True),
    ("WAIC가 2015년에 처음 시작됐다며?", True),  # what one heard (다며, 라며)
    ("튜링·노벨 수상자 스무 명쯤 왔다면서?", True),
    ("트럼프 행정부 규제완화 900건 넘게 밀어붙였다는거 맞아? 러브콜 기사 숫자", True),  # a note after the question mark
    ("규제 완화 조치는 몇 건이야? 러브콜 기사 숫자", False),
    ("2026년 대회는 어디서 열린다고 해?", False),
    ("WAIC 2024에는 몇 개 기업이 참가했어?", False),  # a year that names the edition asked about
    ("Is Zand Bank planning to open an office in China?", False),
    # the negative check ("wasn't it …?") and the English tag question state the claim they check
    ("정책 보고서에 600억 위안 AI 펀드 달러 환산액, 82억 달러로 적혀 있던 거 아니었나?", True),
    ("100PFlops 정도 아니었어? 총 몇으로 적혀 있어?", True),
    ("Li Qiang only floated a single new UN dialogue mechanism, didn't he?", True),
    ("Zand Bank wasn't described as China's first digital bank, was it?", True),
    ("Wasn't the US AI Action Plan released on July 23, just before WAIC opened?", True),
    ("그게 뭐가 아니야 라는 거야?", False), ("What is it?", False),
])
def test_a_question_checking_a_claim_it_states(question, expected):
    from ragqa.answer.answer_type import checks_claim

    assert checks_claim(question) is expected



def test_a_list_lead_is_not_the_items_the_question_names():
    sentence = "이번 WAIC에서는 화웨이, 엔플레임 등 칩 제조사와 AI 모델 개발 기업 간의 기술 제휴가 다수 이뤄졌다"
    assert concise_lead("other", sentence, {}, "화웨이, 엔플레임 같은 업체들이 손잡은 상대는 어떤 회사들이었어?") is None
    assert concise_lead("other", sentence, {}, "기술 제휴에 나선 칩 제조사는 어떤 회사들이야?") == "화웨이, 엔플레임"


@pytest.mark.parametrize("question, expected", [
    # which specific things, places or people
    ("클라우드매트릭스 384가 일부 성능 지표에서 앞섰다던데, 구체적으로 어떤 지표에서 앞선 거야?", True),
    ("펀드에 돈을 댄 빅테크 기업은 구체적으로 어디어디예요?", True),
    ("부사장이 고맙다고 한 대형 모델 기업들, 구체적으로 어느 회사들이야?", True),
    ("수출 규제 말이야, 구체적으로 어떤 엔비디아 칩 모델이 막힌 거야?", True),
    ("그게 구체적으로 누구야?", True),
    ("Which specific country did Li Qiang warn should not monopolize AI?", True),
    # a description asked for specifically, or nothing asked specifically
    ("무어스레드는 연합 안에서 구체적으로 어떤 역할을 맡고 있어?", False),
    ("구체적으로 어떤 내용이야?", False),
    ("혜택은 구체적으로 뭐예요?", False),
    ("What exactly did Li Qiang say about the US plan?", False),
    ("힌턴은 AI 위험에 대해 구체적으로 어떤 발언을 했어?", False),
    ("What specific steps does the plan take?", False),
    ("연합에 참여한 기업은 어디어디야?", False),
    # "구체적으로" in the premise, not in what is asked
    ("보고서가 구체적으로 목표를 제시했다던데, 그게 몇 년까지야?", False),
])
def test_a_question_asking_which_specific_things(question, expected):
    assert asks_specific(question) is expected


def test_an_amount_with_a_scale_word_and_a_unit_is_not_a_count():
    assert "7만" not in [s.text for s in find_spans("count", "800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지")]
    assert find_spans("count", "600억 위안 규모의 펀드") == []
    assert [s.text for s in find_spans("count", "관람객 1만 명이 찾았다")] == ["1만 명"]
    # a count of no named kind ("전시 공간은 얼마나 되나요") is answered by a measure too; one of a kind is not
    assert "7만㎡" in [s.text for s in find_spans("count", "800개 기업이 7만㎡ 이상의 전시 공간을 차지")]
    assert [s.text for s in find_spans("count:companies", "800개 기업이 7만㎡ 이상의 전시 공간을 차지")] == ["800개"]


def test_an_english_count_question_names_its_noun_after_several_modifiers():
    q = "In total, how many Chinese AI and chip companies are currently under US sanctions?"
    assert question_type(q) == "count:companies"


@pytest.mark.parametrize("short, name, expected", [
    ("발개위", "국가발전개혁위원회", True), ("과기정통부", "과학기술정보통신부", True), ("산업부", "산업통상자원부", True),
    ("중국", "중국과학원", False),  # two syllables: too short to tell
    ("화웨이", "화웨이클라우드", False),  # written as it stands: part of the name, not short for it
    ("개위발", "국가발전개혁위원회", False),  # out of order
    ("발개위", "발개위원", False),  # not two syllables longer
])
def test_a_korean_short_form_of_a_name(short, name, expected):
    assert abbreviates(short, name) is expected


def test_the_rest_of_a_set_is_missing_when_the_text_lists_only_what_the_question_writes_in_short():
    question = "WAIC를 10개 기관이 같이 주최했다던데, 외교부·발개위·과기부·중국과학원 말고 나머지 여섯 곳은 어디야?"
    listed = "2025년 7월 26일, 외교부, 국가발전개혁위원회, 과기부, 중국과학원 등 10개 기관이 공동 주최한 대회"
    assert rest_missing(question, [listed])
    assert not rest_missing(question, ["외교부, 국가발전개혁위원회, 과기부, 중국과학원, 상하이시 정부 등 10개 기관"])


@pytest.mark.parametrize("question, options", [
    ("센스타임이랑 스텝펀 중 어느 회사 직원이 더 많아?", ("센스타임", "스텝펀")),
    ("요슈아 벤지오랑 제프리 힌턴 중에 누가 먼저 무대에 올랐어?", ("벤지오", "제프리 힌턴")),  # a name's last word
    ("메탁스랑 일루바타 코어엑스, 둘 중 AI 칩 성능은 어디가 더 앞서?", ("메탁스", "일루바타 코어엑스")),
    ("미국과 중국 중 어느 쪽이 이길 거라고 봤어?", ("미국", "중국")),
    ("메탁스, 일루바타 둘 중 누가 커?", ("메탁스", "일루바타")),
    # not a choice: a comma without 둘 중, a word ending in 중 (이중), what is asked, a part of a number
    ("그 기사, 원문 제공처 중에 중국일보 말고 나머지 한 곳은?", ()),
    ("행사는 무엇과 무엇을 엮은 이중 구조로 꾸려졌어?", ()),
    ("수상자 12명 중 몇 명이 튜링상을 받았어?", ()),
    # which of two, each followed by a copula; a noun ending in a vowel takes 야 alone, after a consonant 이야
    ("UAE 첫 디지털 은행이라는 잔드뱅크, 본사는 두바이야 아부다비야?", ("두바이", "아부다비")),
    ("본사는 베이징이야 상하이야?", ("베이징", "상하이")), ("본사는 베이징이에요, 아니면 상하이예요?", ("베이징", "상하이")),
    ("공동 주최 기관은 10개야 12개야?", ("10개", "12개")),
    ("그래서 이긴 거야 진 거야?", ()), ("그게 뭐야 누구야?", ()),  # two verbs, or what is asked: no options
    # the copula in the past; a number with its thousands separator
    ("화웨이 Ascend 384 노드 연산 성능, 300PFlops였어 3,000PFlops였어?", ("300PFlops", "3,000PFlops")),
    ("그 날짜, 26일이었나 29일이었나?", ("26일", "29일")), ("이긴 거였어 진 거였어?", ()),
    # the options may stand before the reported speech that describes what is asked
    ("러브콜 기사에서 미국이랑 중국 중에 '신중함'을 앞세운다고 묘사된 나라는 어디야?", ("미국", "중국")),
    # or as two indirect questions anywhere in it ("A인지 B인지", "A였는지 B였는지")
    ("장비가 수랭식인지 공랭식인지, 냉각 방식 한 줄로 정리해줘.", ("수랭식", "공랭식")),
    ("본사가 두바이였는지 아부다비였는지 알려줘", ("두바이", "아부다비")),
    ("300PFlops인지 3,000PFlops인지?", ("300PFlops", "3,000PFlops")),
    ("그게 사실인지 아닌지 확인해줘", ()), ("누가 먼저인지 알려줘", ()),
])
def test_choice_options(question, options):
    assert choice_options(question) == options


@pytest.mark.parametrize("question, expected", [
    ("원탁 토론은 어디에서 열렸어?", True), ("어디서 만났어?", True),
    # a matter or a use, not a place
    ("미국 AI 계획은 결국 어디에 초점이 맞춰져 있다는 거예요?", False),
    ("그 기금은 어디에 힘을 보태려는 용도야?", False), ("그 돈은 어디에 쓰여?", False),
])
def test_where_asks_a_place_unless_it_asks_a_matter(question, expected):
    assert asks_place(question) is expected


def test_the_title_of_an_entry_of_a_list_of_references():
    from ragqa.answer.answer_type import reference_titles
    entry = "(25.7.28,中国国际科技交流中心) 人工智能全球治理行动计划(全文)"
    assert [s.text for s in reference_titles(entry, lambda t: False)] == ["人工智能全球治理行动计划(全文)"]
    assert reference_titles(entry, lambda t: t.startswith("人工智能")) == []  # the question writes it
    assert reference_titles("중국은 (2025년, 상해) 대회를 열었다", lambda t: False) == []  # no date and source first


def test_a_flagship_thing_is_no_title():
    """대표 before a thing's noun ("대표 칩", "대표 제품") is "representative", not a company's head."""
    from ragqa.answer.answer_type import asks_title

    assert not asks_title("인플레임 대표 칩 이름?") and not asks_title("원거테크놀러지 대표 제품 이름이 뭐예요?")
    assert question_type("인플레임 대표 칩 이름?") == "other" and asks_named("인플레임 대표 칩 이름?", "other")
    assert not asks_title("대표 제품이 뭐야?") and not asks_title("대표 제품명은?")
    assert asks_title("중국의 대표적 AI 정책 표에서 분류된 정책의 이름은?")  # 대표적: as before (b008)
    assert asks_title("거기 대표 이름이 뭐야") and question_type("거기 대표 이름이 뭐야") == "person:ceo"


def test_an_english_question_for_names_in_the_plural_asks_names():
    assert asks_named("Li Qiang proposed two mechanisms. What are their official names?", "other")
    assert asks_named("What are their official titles?", "other")
    assert not asks_named("What numeric formula names the framework used to structure the programme?", "other")


@pytest.mark.parametrize("question, speaker", [
    ("벤지오 WAIC 와서 무슨 얘기 했어? 발언 내용", "벤지오 WAIC 와서"),
    ("화웨이는 뭐라고 반응했어?", "화웨이"),
    ("리 총리는 개막식에서 어떤 발언을 했어?", "리 총리"),  # cut after the topic-marked word
    ("How did Nvidia react?", "Nvidia"),
    # how a text words something, a name, a reaction received: no speaker asked
    ("중국 정부 전략이 아우르는 범위를 한마디로 뭐라고 했어?", None),
    ("화웨이 384 장비를 브리프에서는 뭐라고 부름?", None),
    ("이번 행사는 예년이랑 비교해 어떤 반응을 얻었대?", None),
    ("What did Tencent say it would pursue?", None),
    # a speaker and a topic: stance_parts reads it
    ("왕레이 이사장은 미국 정부의 AI 행동 계획을 어떻게 평가했어?", None),
])
def test_the_speaker_of_a_question_asking_what_someone_said(question, speaker):
    from ragqa.answer.answer_type import speech_speaker

    assert speech_speaker(question) == speaker


def test_a_speaker_speaks_in_a_sentence_that_reports_words_and_names_them_outside_the_quotation():
    from ragqa.answer.answer_type import speaks_in

    quoted = "세미애널리시스는 “화웨이는 시스템 설계 역량으로 개별 칩 성능의 한계를 보완했다”고 평가했다."
    assert speaks_in("세미애널리시스", quoted)
    assert not speaks_in("화웨이", quoted)  # named only inside another's quotation
    assert not speaks_in("벤지오", "요슈아 벤지오와 제프리 힌턴 등 세계적 인사들도 참석해 주목을 받았다.")  # came, said nothing
    assert speaks_in("리 총리", "리 총리는 국제기구의 본부를 상하이에 두자고 제안했다.")  # a verb of saying, no quotation


def test_a_sentence_about_another_day_of_the_event_does_not_answer():
    first = ("세계인공지능대회 첫날, 중국일보사 외국인 전문가인 스테파니 앤 스톤(Stephanie Ann Stone)은 WAIC 전시장에서 관람 "
             "진행자로 변신하여 소개했다")
    assert day_ordinals(first) == {"1"} and day_ordinals("다음 날, 원탁 토론이 열렸다") == {"2"}
    assert other_day("둘째날 원탁토론 사회자 누가 봤어?", first)
    assert not holds_answer("person:moderator", first, "위로만화 둘째날 원탁토론 moderator(사회자) 누가 봤어?")
    assert holds_answer("person:moderator", first, "위로만화 첫날 관람 진행자는 누구였어?")
    # a question naming no day, or a sentence naming none, is not read so
    assert not other_day("원탁 토론 사회자는 누구야?", first)
    assert not other_day("On the second day, who moderated?", "원탁 토론은 왕레이가 진행했다")


@pytest.mark.parametrize("question, claim", [
    # what the asker wrote or heard: the quote just before the frame, else the words before it
    ("트럼프 행정부 규제 완화 조치를 초안엔 '50여 건'으로 적었어. 러브콜 기사 수치 좀 확인해줘", "50여 건"),
    ("초안에 'WAIC 2025에 고위급 인사 2,000여 명 참석'이라고 썼는데 브리프 수치랑 같아?", "WAIC 2025에 고위급 인사 2,000여 명 참석"),
    ("센스타임 아태 본부가 싱가포르에 있다고 들었는데 맞아?", "센스타임 아태 본부가 싱가포르에 있"),
    ("My notes say ULS Robotics moved its headquarters to Shanghai in 2018. Does the article give that year?",
     "ULS Robotics moved its headquarters to Shanghai in 2018."),
    ("I wrote that SemiAnalysis compared CloudMatrix 384 with the H100. Which system was it?",
     "SemiAnalysis compared CloudMatrix 384 with the H100."),
    # the text's own statement asked about, and a plain question, state no claim
    ("브리프는 이번 행사의 수확들이 어떤 두 가지 갈 길을 짚어 줬다고 정리했어?", None),
    ("WAIC에는 몇 명이 왔어?", None),
])
def test_the_claim_a_question_states(question, claim):
    assert stated_claim(question) == claim


def test_a_claim_is_checked_only_against_a_value_of_its_kind():
    assert claim_value_types("대학 500곳이 AI 학부를 신설") == ("count:places",)
    assert claim_value_types("중국 대학 500곳이 AI 학부를 신설") == ("count:places", "place")  # 중국 is a place
    assert claim_value_types("2027년까지 핵심 산업 AI 보급률 70%") == ("percent", "date_year")
    assert claim_value_types("본부가 싱가포르에 있") == ("place",)
    assert claims_number("초안에 '고위급 인사 2,000여 명 참석'이라고 썼는데 브리프 수치랑 같아?")
    assert not claims_number("본부가 싱가포르에 있다고 초안에 적었는데 맞아?")  # a place: no number to read
    question = "초안에 '고위급 인사 2,000여 명 참석'이라고 썼는데 브리프 수치랑 같아?"
    # the text gives another count of people: it corrects the claim; a text with none cannot
    assert not claim_missing(question, ["30여 개국에서 1,200여 명의 고위급 인사가 참석함"])
    assert claim_missing(question, ["올해 WAIC는 '1+1+2+10+N' 체계로 구성되었으며"])
    assert not claim_missing("WAIC에는 몇 명이 왔어?", ["올해 WAIC는 상해에서 열렸다"])
    # an English count with a word before its noun; a plural noun is no unit, whatever letters it ends in
    assert claim_value_types("Huawei co-developed solutions with about 2,000 industry partners") == ("count",)
    assert claim_value_types("2,700 partners and 6,000 solutions") == ("count",)  # not nanoseconds
    assert claim_value_types("the committee aims to sign up 100 member companies") == ("count:companies",)
    assert claim_value_types("a delay of 5 ms") == ("amount:latency",)
    assert claim_value_types("화웨이 910C 칩을 7나노 공정") == ("amount:length",)  # a process node as Korean writes it
    assert claim_value_types("In 2025 the companies met") == ("date_year",)  # a year counts nothing
    assert claims_number("My draft says Huawei co-developed solutions with about 2,000 industry partners on Ascend. "
                         "What's the exact partner count in the WAIC brief?")


@pytest.mark.parametrize("sentence, numbers", [
    ("가. 유엔 안보리 결의 ( 1373/1838/1846/1851 )에 근거, 소말리아 아덴만 해역에", ["1373, 1838, 1846, 1851"]),
    ("법률 제17573호로 공포", ["제17573호"]),
    ("Executive Order 14179 was revoked", ["14179"]),
    # a date, a count or a hall of the sentence about a document is no number of it
    ("2023.7. 생성형 인공지능 서비스 관리 장정 조례", []),
    ("총 13개 협력 분야를 포함", []),
    ("딥시크는 7호관에 부스를 냈다", []),
])
def test_the_number_a_document_carries(sentence, numbers):
    assert [span.text for span in find_spans("label:document", sentence)] == numbers


@pytest.mark.parametrize("question, which", [
    ("WAICO라는 abbreviation을 실제로 쓰는 자료는 다섯 개 중 어느 거야?", True),
    ("사람 닮은 로봇이 구경꾼들 틈을 누비고 다녔다는 장면, 다섯 자료 중 어디에 나와?", True),
    ("다섯 문서 가운데 ‘산업 생태계 내재화’를 강점으로 꼽은 문서는 어느 것입니까?", True),
    ("어느 기사에 나와?", True),
    ("센스타임(SenseTime)이 언급되는 문서들 어디어디야?", True),
    ("Which of the five documents mentions Tencent?", True),
    # a thing inside one document, a document the text speaks of, an entry of a list of references
    ("러브콜 기사에서 어느 기업이 연합을 출범했어?", False),
    ("리 총리 국제기구 제안 기사는 어느 쪽 사람들한테서 나온 얘기라고 출처를 밝혔나요?", False),
    ("워싱턴이 얼마 전 내놓은 어떤 문서에 맞불을 놓는 걸로 읽혔어?", False),
    ("In the WAIC brief's reference list, which source is dated 25.7.27?", False),
])
def test_a_question_asking_which_document_says_something(question, which):
    from ragqa.answer.answer_type import asks_which_document

    assert asks_which_document(question) is which
    if which and re.search("[가-힣]", question):
        assert question_type(question) == "other"  # "다섯 개 중 어느 거야" is no comparison


def test_counters_of_animals_books_and_trees_count():
    assert [s.text for s in find_spans("count", "라마 농장에는 101마리가 산다")] == ["101마리"]
    assert [s.text for s in find_spans("count:items", "책 30권과 나무 12그루")] == ["30권", "12그루"]
    assert find_spans("count", "2권한을 가진") == []  # 권한 (authority) is no counter


def test_an_option_offered_is_no_value_given():
    """ "26일이었나 29일이었나?" offers both days as options: the sentence's "29일" answers it (the values a question
    gives are otherwise no answer: "고위급 1,200여 명 가운데 …" is not answered by "1,200여 명")."""
    from ragqa.answer.extractive import holds_answer

    sentence = "29일 외교계와 AI업계에 따르면 리창 총리는 26일 WAIC에서 국제기구 설립을 제안했다"
    assert holds_answer("date_day", sentence, "그 기사 날짜, 26일이었나 29일이었나?")
    assert not holds_answer("date_day", sentence, "26일과 29일 사이에 무슨 일이 있었어? 그 날짜는 며칠이야?")


def test_a_comparative_choice_is_answered_only_by_a_quote_that_compares():
    from ragqa.answer.extractive import Candidate, _choice_unanswered

    roster = Candidate(1, 0, 0, "중국일보사 외국인 전문가인 스테파니 앤 스톤과 오웬 토머스 피쉬윅이 진행했다", 0.9, 0.5, 1.0)
    options = ("스테파니 앤 스톤", "오웬 토머스 피쉬윅")
    question = "스테파니 앤 스톤과 오웬 토머스 피쉬윅 중 누가 중국일보사에서 더 오래 일했나요?"
    assert _choice_unanswered(question, "person", options, "스테파니 앤 스톤", [roster])
    assert not _choice_unanswered("스테파니 앤 스톤과 오웬 토머스 피쉬윅 중 누가 영상에 나왔어?", "person", options,
                                  "스테파니 앤 스톤", [roster])


@pytest.mark.parametrize("question, kind", [
    ("작성자 연락처 이메일이 뭐로 적혀 있어?", "email"), ("What contact email address is printed?", "email"),
    ("작성자 메일 주소만 뽑아줘", "email"), ("원문 볼 수 있는 사이트 주소 좀 알려줘요", "url"),
    ("신청 링크 있나?", "url"), ("Give me the URL of the casebook", "url"),
    ("On which website was the article posted?", None),  # a site's name, not its address
    ("What two kinds of companies does the alliance link together?", None),  # "link" the verb
    ("Who joined the roundtable by video link?", None),
])
def test_asked_address(question, kind):
    assert asked_address(question) == kind


def test_a_question_that_ends_by_excluding_what_its_sentences_give():
    fund = "투자 : 올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드를 설립하여 AI 기술 자립 지원"
    patent = "중국은 생성형 AI 특허 출원에서 압도적인 1위를 기록하며 기술 주도권 경쟁에서 선도국으로 부상 중임"
    # the thing excluded, by its words without their particles; a sentence writing every one of them is no answer
    excluded = contrast_excluded("중국 정부가 2030년까지 쓰는 전체 예산은 얼마예요? 올해 펀드 말고요.")
    assert excluded == ["올해", "펀드"]
    assert writes_excluded(excluded, fund) and not writes_excluded(excluded, patent)
    assert contrast_excluded("몇 위래 중국이, AI 논문 수로 따지면? 특허 말고 논문 말이야.") == ["특허"]
    # no remark at the end: the rest of a set, or an ordinary question
    assert contrast_excluded("올해 펀드 말고 다른 투자는 뭐가 있어?") is None
    assert contrast_excluded("올해 펀드 규모는 얼마야?") is None
    assert not writes_excluded(None, fund)
    # the remark names what is asked instead: a top sentence must write it
    assert contrast_missing("몇 위래 중국이, AI 논문 수로 따지면? 특허 말고 논문 말이야.", [patent, fund])
    assert not contrast_missing("몇 위래 중국이, AI 논문 수로 따지면? 특허 말고 논문 말이야.",
                                [patent, "중국은 AI 논문 수에서도 1위다"])
    assert not contrast_missing("중국 정부가 쓰는 전체 예산은 얼마예요? 올해 펀드 말고요.", [fund])
    assert not contrast_missing("특허 말고 논문 말이야.", [])


@pytest.mark.parametrize(("query", "asked", "qtype"), [
    # a Korean value noun anywhere in the query: its words come in any order
    ("원탁 토론 시작 시각 상하이 타워", "원탁 토론 시작 시각 상하이 타워는 몇 시야?", "amount:unit:시"),
    ("아시아그룹 본사 위치", "아시아그룹 본사 위치는 어디야?", "other"),
    ("WAIC 개최 연도", "WAIC 개최 연도는 몇 년도야?", "date_year:calendar"),
    ("콰크 스마트 안경 무게", "콰크 스마트 안경 무게는 얼마야?", "amount:weight"),
    # a role or an organisation only as the head, the last word
    ("상하이 타워 원탁 토론 사회자", "상하이 타워 원탁 토론 사회자는 누구야?", "person:moderator"),
    ("WAIC 첫날 관람 진행자 외국인 전문가 소속", "WAIC 첫날 관람 진행자 외국인 전문가 소속은 어디야?", "other"),
    ("라이예테크 CEO 원탁 토론", "라이예테크 CEO 원탁 토론", "other"),
    # English: the head noun ends the query
    ("stepfun ceo name", "Who is the stepfun ceo?", "person:ceo"),
    ("huawei cluster chips count", "How many huawei cluster chips?", "count:items"),
    ("asia group headquarters", "Where is the asia group headquarters?", "other"),
    ("waic 2025 dates shanghai", "waic 2025 dates shanghai", "other"),  # the head is not a value noun
    ("name the ceo", "name the ceo", "other"),  # a request, not a keyword query
])
def test_a_keyword_query_is_read_as_the_question_its_value_noun_asks(query, asked, qtype):
    assert keyword_question(query, noun_phrase=True) == asked
    assert question_type(asked) == qtype


def test_a_sentence_or_a_question_is_no_keyword_query():
    assert keyword_question("아시아그룹 본사 위치", noun_phrase=False) == "아시아그룹 본사 위치"  # the analyser says no
    assert keyword_question("본사 위치는 어디야?", noun_phrase=True) == "본사 위치는 어디야?"  # an interrogative
    assert keyword_question("WAIC 개최 장소, 날짜", noun_phrase=True) == "WAIC 개최 장소, 날짜"  # two things asked
    assert keyword_question("센스타임 연합체 명칭과 원탁 참석 CEO", noun_phrase=True) == "센스타임 연합체 명칭과 원탁 참석 CEO"
    assert keyword_question("美 제재 센스타임: 원탁 참석 CEO", noun_phrase=True) == "美 제재 센스타임: 원탁 참석 CEO"
    assert keyword_question("Where is the venue?", noun_phrase=False) == "Where is the venue?"


@pytest.mark.parametrize(("item", "asked", "qtype"), [
    ("빈칸에 알맞은 숫자를 쓰시오: 목표 인원은 ___명이다.", "빈칸에 알맞은 숫자를 쓰시오: 목표 인원은 몇명이다.", "count:people"),
    ("사례집에는 모두 ___개국과의 사례가 실려 있다.", "사례집에는 모두 몇개국과의 사례가 실려 있다.", "count:countries"),
    ("전시 공간은 ___㎡ 이상이었다.", "전시 공간은 몇㎡ 이상이었다.", "amount:area"),
    ("칩은 ___나노미터 공정으로 만든다.", "칩은 몇나노미터 공정으로 만든다.", "amount:length"),
    ("안경의 무게는 ___그램이다.", "안경의 무게는 몇그램이다.", "amount:unit:그램"),  # a unit before the copula
    ("참가국은 ___개국으로 늘었다.", "참가국은 몇개국으로 늘었다.", "count:countries"),
    # a word that only begins like a counter is no counter; the instruction's "( ) 안에" is no blank
    ("AI 기술을 겨냥한 ___ 조치는 걸림돌이다.", "AI 기술을 겨냥한 무엇 조치는 걸림돌이다.", "other"),
    ("( ) 안에 들어갈 말은? 위원장은 ( ) 소속 인사가 맡았다.", "( ) 안에 들어갈 말은? 위원장은 어디 소속 인사가 맡았다.", "other"),
    ("Fill in the number: Representatives of ___ countries took part.",
     "Fill in the number: Representatives of how many countries took part.", "count:countries"),
    ("Fill in the blank: it thanked all ____ companies.", "Fill in the blank: it thanked all what companies.", "other"),
    ("Fill in the blank: it is made on a ___-nanometre process.",
     "Fill in the blank: it is made on a how many nanometre process.", "amount:length"),
    # what a person or an organisation is, and an affiliation
    ("기조연설을 맡은 해외 석학은 ___이다.", "기조연설을 맡은 해외 석학은 누구이다.", "person"),
    ("정면 충돌로 평가한 언론사는 ___이다.", "정면 충돌로 평가한 언론사는 어디이다.", "other"),
    ("위원장은 ( ) 소속 인사가 맡았다.", "위원장은 어디 소속 인사가 맡았다.", "other"),
    ("체계의 두 축은 과학과 ___이다.", "체계의 두 축은 과학과 무엇이다.", "other"),
    ("Fill in the blank: it began in ____ (month) of last year.", "Fill in the blank: it began in which month (month) of last year.",
     "date"),
    ("Fill in the blank: it was held in the ____ Hall.", "Fill in the blank: it was held in the what Hall.", "other"),
    ("화웨이는 칩을 몇 개 썼어?", "화웨이는 칩을 몇 개 썼어?", "count:things"),  # no blank
])
def test_a_blank_is_read_as_the_interrogative_that_asks_for_it(item, asked, qtype):
    assert blank_question(item) == asked
    assert question_type(asked) == qtype


def test_a_keyword_query_is_asked_in_well_formed_korean():
    assert keyword_question("첫 대회 참석 인원", noun_phrase=True) == "첫 대회 참석 인원은 몇 명이야?"
    assert question_type("첫 대회 참석 인원은 몇 명이야?") == "count:people"


def test_a_number_before_a_function_word_is_no_english_count():
    # "2035 as the year": a year and a function word ending in s, not a count of "as"
    assert find_spans("count", "China set 2035 as the year by which it aims to lead") == []
    assert find_spans("count", "The figure 12 is what the brief gives") == []
    assert [s.text for s in find_spans("count", "about 2,000 industry partners and 12 winners")] == [
        "2,000 industry partners", "12 winners"]


@pytest.mark.parametrize("question, qtype", [
    # "more than 800" qualifies a number: no comparison of two things
    ("Over what floor area, in square metres, did the more than 800 participating Chinese companies spread their "
     "exhibits?", "amount:area"),
    ("Were there more than 500 exhibitors?", "other"),
    ("Which firm showed more robots than Unitree?", "comparison"),
    ("Do Alibaba glasses have a longer battery life than Meta glasses?", "comparison"),
    ("How much exhibition space did Chinese firms take?", "amount"),
    ("In what area does the casebook show cooperation?", "other"),
])
def test_a_number_qualified_by_more_than_is_no_comparison(question, qtype):
    assert question_type(question) == qtype


@pytest.mark.parametrize("question, head", [
    ("How many visitor is come to see the WAIC exhibition all together?", "visitors"),
    ("How many robot dog is there in the WAIC show?", "dogs"),
    ("How many humanoid robots were shown?", "robots"),
    ("How many were there?", None),
])
def test_a_learners_singular_counted_noun_is_read_as_its_plural(question, head):
    from ragqa.answer.answer_type import english_count_head

    assert english_count_head(question) == head
