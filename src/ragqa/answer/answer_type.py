"""What kind of thing a question asks for, and whether a sentence holds something of that kind.

Hand-written because no offline library types Korean questions: the question side is a few dozen
question-word patterns per type (Korean and English); the answer side is number/unit/date patterns (Korean
units such as 억·조·만, 개·명·곳, dates as 2025년 7월 26일) and, for people, a name beside a title. It is deliberately
coarse: a type is only used when the question clearly asks for it ("몇 개", "how much", "언제", "누가"),
and everything else is ``other``, which any sentence matches. The abstention model uses the match as one
feature among several (:mod:`ragqa.answer.abstention`); the concise lead uses the matched span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ragqa.text.korean import GYEONGSANG_WHO, has_final_consonant
from ragqa.text.layout import asks_references, contents_page, is_dateline

# Question side --------------------------------------------------------------------------------------
# Units of measure a question may ask in ("몇 ㎡였어", "how many square meters"): a measure, not a count.
_KO_UNIT_WORD = (r"(?:㎡|㎢|m²|km²|제곱\s*(?:킬로)?미터|평방\s*미터|평(?![가-힣])|[PTEG]?FLOPS|(?:킬로|메가|기가)?와트|[kMG]W(?![A-Za-z])"
                 r"|[TGP]B(?![A-Za-z\d])|(?:테라|기가|페타)바이트|kg|킬로그램|(?:마이크로|밀리|나노)초|나노(?:미터)?|nm(?![A-Za-z])|(?:킬로|밀리|센티)?미터|km(?![A-Za-z]))")
_EN_UNIT_WORD = (r"(?:square|sq\.?|(?:kilo|mega|giga|tera|peta|nano|milli|centi)?(?:watts?|bytes?|flops|meters?|metres?)|kg|kilograms?"
                 r"|tons?|tonnes?|[PTEG]?FLOPS)\b")
# adverbs a question may put between what it asks for and its question word ("언론사는 구체적으로 어디야")
_ASK_ADVERB = r"(?:구체적으로|정확히|정확하게|주로|각각|대체|도대체|실제로|과연)"
# and in English, one word before the noun asked for ("which specific country", "what exact date")
# a word that may stand between an English number and the plural noun it counts ("2,000 industry partners"): not a
# function word
_EN_MODIFIER = r"(?!(?:the|a|an|of|in|on|at|and|or|to|for|with|by|from|its|their|his|her|our|this|that|these|those|was|were|is|are)\s)[a-z-]+\s+"
_EN_ADJECTIVE = r"(?:(?:exact|specific|precise|particular|other|single|one)\s+)?"
# a distance asked of travel ("How far can the flying taxi fly?"), not "how far did China go"
_HOW_FAR = r"\bhow far\s+(?:can|could|will|would|does|do)\b[^?]*\b(?:fly|flies|travel|drive|run|go|reach)\b"
# a rank asked in English ("Where does South Korea rank in …?", "what rank"): a count of places, 위
_EN_RANK_ASKED = r"\bwhere\s+(?:does|did|do)\b[^?]*\brank(?:ed|s)?\b|\bwhat\s+(?:rank|ranking)\b"
# what a date noun dates ("출시일", "게재일", "발매 시점")
# after "몇 년", the words that make it a number of years, not a year: "몇 년 동안", "몇 년째", "몇 년 연속", "맡은 지 몇
# 년 됐어", and a gap in years: "미국보다 몇 년 앞서", "몇 년 뒤처져" (a year is asked by "몇 년에", "몇 년도")
_YEARS_SPAN = r"(?:동안|간|만에|째|연속|됐|됨|되었|이\s*됐|이나\s*됐|앞서|앞선|앞섰|뒤처|뒤져|뒤진|뒤졌|늦|빨라|빠른|빨랐|차이)"
# the end of a terse count by its noun's 수 ("인플레임 직원 수", "참가국 수는?")
_TERSE_END = r"수(?:는|가)?\s*[?？]?\s*$"
_DATED_EVENT = r"(?:출시|발매|개막|폐막|시행|발효|설립|창립|게재|작성|발표|공개|완공|착공|출범|서명|개최|발간|발행)\s*"
# a count asked by the noun "count" ("What's the exact partner count in the brief?", "Zand Bank headcount?"), not the
# verb ("What does the report count as …")
_COUNT_ADJECTIVE = r"(?:exact|total|actual|official|overall)"  # "the exact partner count": not what is counted
_EN_COUNT_NOUN = (r"\bhead\s*count\b|\bwhat(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|its\s+|their\s+)?"
                  rf"(?:{_COUNT_ADJECTIVE}\s+)?(?:[a-z-]+\s+){{0,2}}count\b(?!\s+as\b)")
# "몇 분" counts minutes only beside a word for a length of time ("러닝타임이 몇 분이야", "몇 분 동안"); else it is
# the polite counter of people ("몇 분이 오셨어")
_MINUTES_CONTEXT = r"(?:러닝\s*타임|재생\s*시간|상영\s*시간|방송\s*시간|소요\s*시간|분량|길이)"
_MINUTES_KO = rf"{_MINUTES_CONTEXT}[^?.!]*몇\s*분|몇\s*분\s*(?:동안|간|만에|짜리|걸)"
_ASKS_MINUTES = re.compile(rf"(?:{_MINUTES_KO})(?![가-힣]*(?:께서|들이))|\bhow many minutes\b", re.I)
# … and "몇 분" before a particle or a space is that counter (not "몇 분야"; counted as people: _KO_COUNTER_FAMILY)
_POLITE_PEOPLE = r"분(?=\s|이|께서|들|을|과|만|[?？.]|$)"
# The number a numbered item, figure or table carries: "몇 번 항목", "몇 번째 항목", "그림 몇 번", "표는 몇 번이야",
# "몇 번으로 매겨져", "항목 번호", "what number", "which item number". 번 there is a label, not a count of times ("몇 번
# 열렸어"); answered by the number that opens a numbered line ("4. 주요 기업 기술 성과 …") or by a figure's or
# table's label ("[그림 3]"). Grammar, not fitted.
_LABEL_PART = r"(?:항목|그림|도표|표|장|절|꼭지|목록|문단)"
_LABEL_END = r"(?=[^가-힣]|$|으로|로|이|가|은|는|을|를|에|의|야|예|인)"  # the word ends, or a particle follows
_LABEL_QUESTION = (rf"몇\s*번\s*(?:째\s*)?{_LABEL_PART}{_LABEL_END}"
                   rf"|(?<![가-힣]){_LABEL_PART}\s*(?:은|는|이|가)?\s*몇\s*번(?!\s*(?:이나|씩|더|만에|째|정도|쯤))"
                   rf"|몇\s*번(?:으로|이라고)\s*(?:매겨|번호|적혀|표시|붙어|붙었|나와|나오)|{_LABEL_PART}\s*번호"
                   r"|\b(?:what|which)\s+(?:item\s+|figure\s+|table\s+|section\s+)?number\b|\b(?:item|figure|table|section)\s+number\b")
# which kind of label a label question asks: a figure's ("그림 몇 번", "which figure number") or a table's
_LABEL_KIND = re.compile(r"(그림|도표|\bfigure\b|\bchart\b)|(?<![가-힣])표(?=[^가-힣]|$|는|은|가|이|의|로)|\btable\b", re.I)
# The number a law, an order or a resolution carries ("법령 번호(몇 호 령)는 뭐야", "철폐한 행정명령의 번호는", "What is
# the number of the UN General Assembly resolution …"): answered only by such a number (:data:`_DOCUMENT_NUMBER`),
# not by a date or a count of the sentence about the document. Grammar, not fitted.
_DOCUMENT_NOUN_KO = (r"(?:법령|법률|법안|법|조례|규정|규칙|시행령|행정\s*명령|명령|결의안|결의|의안|고시|훈령|지침|특허|협약|조약"
                     r"|정책|문서|보고서|령)")
_DOCUMENT_NOUN_EN = r"(?:resolution|order|law|bill|act|decree|regulation|directive|patent|treaty|convention|statute)"
_DOCUMENT_QUESTION = (rf"{_DOCUMENT_NOUN_KO}(?:의|은|는|이|가)?\s*(?:공식\s*|정식\s*|고유\s*)?(?:번호|호수)"
                      rf"|몇\s*호\s*(?:령|법|명령|결의)"
                      rf"|\bnumbers?\s+(?:of|for)\s+the\s+(?:[\w'’-]+\s+){{0,5}}?{_DOCUMENT_NOUN_EN}s?\b"
                      rf"|\b{_DOCUMENT_NOUN_EN}\s+numbers?\b|\bexecutive\s+order\s+(?:no\.?|number)")
# Order matters: the first type whose pattern matches wins (money before amount, percent before count).
# "more than 800 companies", "fewer than 10": a comparative that qualifies a number compares no two things
_THAN_NUMBER = r"(?!\s+than\s+\W*\d)"

_Q_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("label:document", re.compile(_DOCUMENT_QUESTION, re.I)),
    # the number a numbered item, figure or table carries ("몇 번 항목이야", "그림 몇 번이야", "몇 번으로 매겨져 있어",
    # "what number is that item"), not how many times (:data:`_LABEL_QUESTION`)
    ("label", re.compile(_LABEL_QUESTION, re.I)),
    # where in a document ("몇 쪽에 있어", "몇 페이지부터", "on which page"), not how long it is ("몇 쪽짜리")
    ("page", re.compile(r"(몇\s*(?:쪽|페이지)(?!\s*(?:짜리|분량|이나\s*돼|이야\s*전체))|\b(?:on\s+)?(?:what|which)\s+page\b"
                        r"|\bpage number\b)", re.I)),
    # a percentage asked about money ("by what percentage did costs fall") is a percentage
    ("percent", re.compile(r"(몇\s*(?:%|퍼센트)|비율|비중|점유율|성장률|증가율|\bpercent(?:age)?\b|\bshare of\b|\bmarket shares?\b|\bgrowth rate\b"
                           r"|\b(?:what|which)\s+(?:share|proportion|fraction)\b|\bproportion of\b"
                           # "how much global market share did … gain": a share asked by how much
                           r"|\bhow much\s+(?:[\w-]+\s+){0,2}(?:market\s+)?share\b)", re.I)),
    ("money", re.compile(
        r"(가격|값(?!싸|싼|진|지|어치)|(?<![저고])비용|금액|(?:기업|시장)\s?가치(?=[^?]*얼마)|(?:구독|이용|입장|참가|등록|사용|라이선스)(?:료|비)|수수료|예산|요금|매출|수익|이익|투자(?:액|금|규모)|자본금|시가총액|몇\s*(?:원|달러|위안)|얼마(?:에|를|짜리|나\s*(?:들|써|투자|벌))"
        # a sum asked as a count of its currency ("how many billion yuan is the fund")
        r"|\bhow many\s+(?:(?:hundred|thousand|million|billion|trillion|bn|mln)\s+)*(?:yuan|dollars?|won|euros?|usd|rmb|cny|krw)\b(?![-‑])"
        r"|\bhow much (?:does|did|do|is|was|will|money|funding)|\bhow much\b[^?]*\b(?:spen[dt]|spending|invest(?:ed|s|ing)?|raised?|charged?)\b|\bhow much (?:[\w-]+\s+){1,2}(?:money|funding|cash|capital)\b|\bpa(?:y|ys|id)\b(?!\s+(?:attention|tribute|a visit))"
        # a money noun, not one half of a compound adjective ("low-cost models", "cost-effective", "non-profit")
        r"|(?<![-‑])\b(?:price|cost|costs|priced|revenue|budget|funding|valuation|fees?|subscription|tuition|profits?|earnings)\b(?![-‑])"
        # a company's market value
        r"|\bmarket\s+cap(?:itali[sz]ation)?\b"
        # an investment asked as a sum ("the combined investment pledged"), not one that names a fund or a trend
        r"|\b(?:combined|total|overall|aggregate|how much)\s+investment\b|\binvestment\s+(?:amount|total|figure|size)\b"
        # a price asked by what is paid or received ("얼마 받아요", "얼마 내야 돼") or per unit ("한 대에 얼마야")
        r"|얼마\s*(?:받|내|줘|주고|주면|씩|들었|들여)|(?:한\s*(?:대|개|장|명)|하나|대당|개당|장당|인당)(?:에|당)?\s*얼마"
        # a sum of money asked by its size ("출연금 규모는 얼마야", "거래 총액은 얼마였어"): a money noun, then 얼마/규모
        r"|(?:출연금|출자금|출자액|기금|자금|지원금|보조금|상금|총액|거래액|계약액|액수|판매액|수출액|조달액|모금액)[^?.!]*(?:얼마|규모)"
        # money itself asked ("들인 돈은 얼마나 돼")
        r"|(?<![가-힣])돈(?:은|이|을|를|도)?\s*(?:총\s*)?(?:얼마|규모))",
        re.I)),
    # … or a request naming the date ("Please confirm the date on which …", "the exact calendar date on which …")
    ("date_day", re.compile(r"(며칠|몇\s*월\s*며칠|몇\s*일(?!\s*(?:동안|간|만에|째))|날짜"
                            rf"|\b(?:what|which) {_EN_ADJECTIVE}(?:date|day)\b|\bon what day\b"
                            rf"|\bthe\s+{_EN_ADJECTIVE}(?:calendar\s+)?date\s+(?:on\s+which|when)\b)", re.I)),
    ("date_year", re.compile(rf"(몇\s*년도?(?!\s*{_YEARS_SPAN})|(?<!회계)(?<!회계\s)연도|\b(?:what|which|in what) {_EN_ADJECTIVE}year\b"
                             r"|\bthe\s+year\s+in\s+which\b)", re.I)),
    # a date asked by a noun for it ("발매 시점 나와 있어?", "상하이 포털 원탁 기사 게재일", "출범 시점은?"), when nothing
    # else is asked of it ("발표한 시점은 무엇에 맞춘 거야" asks what it was timed to)
    ("date", re.compile(r"(언제(?!나|든|까지나)|몇\s*월(?!\s*(?:동안|간))|시기|\bwhen\b|\b(?:what|which) month\b"
                        rf"|(?:(?<![가-힣])|{_DATED_EVENT})(?:시점|{_DATED_EVENT}일|{_DATED_EVENT}일정)(?:은|는|이|가|을|를|도)?\s*"
                        r"(?:언제|며칠|나와|나왔|알려|적혀|궁금|확인|[?？]|$))", re.I)),
    ("count", re.compile(
        r"(몇\s*(?:개국|개사|개월|달(?!러|력)|개|명|나라|국가|사람|" + _POLITE_PEOPLE + r"|곳|종|건|가지|차례|번|회|배|위|대|편|국|장|척|톤|마리|권|그루|켤레|년\s*" + _YEARS_SPAN + r"|주년|회째|시간)|몇\s*\w{0,3}(?:이나|쯤)|얼마나\s*(?:많|되)"
        r"|개수(?:가|는|이)?\s*(?:몇|얼마)"  # "솔루션, 개수가 몇이야?"
        # a terse count by its noun's 수 ("인플레임 직원 수", "참가국 수는?"), not "할 수" (can)
        r"|(?<=[가-힣a-zA-Z])(?<![할볼갈쓸될줄알살올만])\s" + _TERSE_END +
        # a bare 몇 as the predicate ("카메라 화소 몇이야?", "참가 기업 수는 몇임"): a number asked, its noun before it
        r"|(?<![가-힣])몇(?=\s*(?:이야|이에요|이예요|이었|이였|임|인가|인지|이냐|이니|일까|이래|이라|이지|이던|[?？]|$))"
        rf"|{_MINUTES_KO}"
        rf"|\bhow many\b(?!\s+{_EN_UNIT_WORD})|\bnumber of\b|\bhow long\b"
        rf"|{_EN_RANK_ASKED}|{_EN_COUNT_NOUN})", re.I)),
    # "규모는 얼마야", "총 연산 성능은 얼마야", "how large": a quantity of any kind (money, a count, a measure); a
    # measure asked by its unit ("몇 ㎡", "몇 제곱미터", "how many square meters")
    # "어느 정도야" (how much) ends the question or is its copula; "어느 정도 앞서" (to some extent) asks no quantity
    ("amount", re.compile(r"(얼마(?!나\s*(?:빠르|빨리|자주|오래|잘|크게|깊이|멀리))|규모는|\bhow (?:much|large|big)\b"
                          r"|어느\s*정도(?=\s*(?:야|예요|에요|였|이었|일까|인가|인지|라고|래|냐|니|됐|돼|되|[?？]|$))"
                          rf"|\bwhat\s+(?:is\s+|was\s+)?(?:the\s+|its\s+)?{_EN_ADJECTIVE}(?:[\w-]+\s+)?(?:bandwidth|throughput|latency|speed)\b"
                          rf"|\bwhat\s+(?:is\s+|was\s+)?(?:the\s+|its\s+)?(?:maximum\s+|max\s+)?(?:flight|flying|driving|travel)\s+range\b|{_HOW_FAR}"
                          rf"|몇\s*{_KO_UNIT_WORD}|\bhow many\s+{_EN_UNIT_WORD}"
                          # a floor area asked by its noun or its unit ("Over what floor area, in square metres, …")
                          r"|\b(?:what|how\s+much)\s+(?:\w+\s+)?(?:floor|exhibition|exhibit|display)\s+(?:area|space)\b"
                          r"|\bin\s+square\s+met(?:re|er)s\b)", re.I)),
    # "누구나 쓰게 풀어놓은 모델" (anyone) asks for no one;
    # "누구의 지원", "누구만의 독차지", "whose backing" asks for an owner, often a government or a group of countries, not
    # a person; "the bank whose CEO spoke" describes
    ("person", re.compile(r"(누구(?!나|든|라도|에게나|(?:만)?의)|누가|누군|" + GYEONGSANG_WHO
                          + r"|어느\s*분(?!야|석|류|량|기|쟁|위기|과|담|산|할|리|배|포|자|점)|\bwho\b|\bwhom\b)", re.I)),
    # "제재 사유", "원인이 뭐야"; not "미첨부 사유서" (a document's name)
    # "… 계기가 뭐였어요?", "… 짠 목적이 뭐였어요?", "What caused …?"; not "… 계기로 꼽은 회사" (a company)
    ("reason", re.compile(r"(왜|이유|까닭|무슨\s*목적|사유(?!서)|원인(?=은|이|을|는|\s*(?:뭐|무엇|[?？]|$))|\bwhy\b|\breason\b"
                          r"|(?:계기|목적|동기)(?:는|가|은|이)\s*(?:뭐|무엇)"
                          r"|\bwhat\s+(?:caused|led\s+to|prompted|motivated)\b|\bfor\s+what\s+purpose\b)", re.I)),
    # "A랑 B 중 어느 쪽이 더 …", "누가 더 많아", "which … more …, A or B": answered only by a sentence that compares
    # (제일 also as a chat writes it, "젤")
    ("comparison", re.compile(
        r"(중\s*(?:어느|누가|누구|뭐가|무엇이|어떤)|중(?:에서|에)\s*(?:어느|누가|누구|뭐가|무엇이|어떤)[^?]*?(?:먼저|나중|일찍|늦게)"
        # "A와 B 가운데 상하이에 먼저 자리를 잡은 회사는 어디": which came first
        r"|가운데\s*(?:[^?\s]+\s+){0,4}?(?:먼저|나중에|더\s*일찍|더\s*늦게)\s"
        r"|(?:더|가장|제일|(?<![가-힣])젤)\s*(?:많|높|좋|크|커|컸|큰|빠르|빨라|빨랐|빠른|낫|나아|나은|적|낮|작|느리|느려|느린|우수|앞서)"
        # "어느 쪽이 더 오래 가나요", "어디가 더 싸": which of two asked by a comparative of its own
        r"|(?:어느\s*쪽|어디|어느\s*것|어느\s*게)(?:이|가)?\s*더\s*(?:오래|길|긴|짧|싸|비싸|무거|가벼|넓|좁|멀|가까|일찍|늦)"
        # (not a comparative that qualifies a number: _THAN_NUMBER)
        rf"|\bwhich\b.*\b(?:more|less|better|worse|larger|bigger|higher|lower|faster|slower)\b{_THAN_NUMBER}"
        rf"|\b(?:more|less|better|worse|larger|bigger|higher|lower|faster|slower)\b{_THAN_NUMBER}.*\bor\b"
        # "Do A have a longer battery life than B?"
        r"|\b(?:longer|shorter|larger|bigger|higher|lower|faster|slower|more|less|fewer|better|worse|cheaper|stronger"
        rf"|weaker)\b{_THAN_NUMBER}[^?]*\bthan\b(?!\s+\W*\d))", re.I)),
]

# Counters: a count question that names what it counts ("몇 명", "몇 건", "how many people") is answered
# only by a count of that kind ("12명", not "10개" or "1위"). A question's counter maps to a family; a
# family accepts the counters listed (the generic 개 stands in for countries, companies and places, as in
# "30개 국가"). A count question that names no counter ("몇 …이나", "얼마나 많") accepts any count.
_FAMILIES: dict[str, frozenset[str]] = {
    "people": frozenset({"명", "인"}),
    "countries": frozenset({"개국", "국", "개"}),
    "companies": frozenset({"개사", "곳", "개"}),
    "places": frozenset({"곳", "개소", "개"}),
    "cases": frozenset({"건"}),
    "times": frozenset({"번", "회", "차례", "회째"}),  # "통산 몇 회를 기록했어" is answered by "7회째를 맞이한"
    "ordinal": frozenset({"회째", "번째", "회", "차"}),
    "rank": frozenset({"위"}),
    "multiple": frozenset({"배"}),
    "items": frozenset({"개", "종", "가지", "대", "장", "노드", "척", "편", "톤", "마리", "권", "그루", "켤레"}),
    "things": frozenset({"개"}),  # "정확히 몇 개야": 개 beside no noun, so whatever 개 counts
    "years": frozenset({"년", "주년"}),
    "months": frozenset({"개월"}),
    "hours": frozenset({"시간"}),
    "minutes": frozenset({"분"}),
    "duration": frozenset({"년", "개월", "시간", "분"}),  # "얼마 동안": a span of time in any unit
}
_KO_COUNTER_FAMILY = {
    "명": "people", "개국": "countries", "국": "countries", "개사": "companies", "곳": "places", "건": "cases",
    "번": "times", "회": "times", "차례": "times", "회째": "ordinal", "번째": "ordinal", "위": "rank", "배": "multiple",
    "개": "items", "종": "items", "가지": "items", "대": "items", "편": "items", "장": "items", "척": "items",
    "톤": "items", "마리": "items", "권": "items", "그루": "items", "켤레": "items", "개월": "months", "달": "months",
    "년": "years", "주년": "years", "시간": "hours",
    # a noun for what is counted, written as its own counter ("대략 몇 나라에서 온 거예요", "몇 사람이 왔어")
    "나라": "countries", "국가": "countries", "사람": "people",
    # the polite counter of people ("외국 정상이나 장관들을 몇 분이나 만났대?"), not minutes (:data:`_ASKS_MINUTES`, read
    # first) nor a word that begins with 분 ("몇 분야")
    "분": "people",
}
# longest counter first (개국 before 개); 년 only as a duration ("몇 년 동안"), since "몇 년" asks for a year
_KO_COUNTER = re.compile(r"몇\s*(" + "|".join(sorted((c for c in _KO_COUNTER_FAMILY if c not in ("년", "분")),
                                                     key=lambda c: (-len(c), c)))
                         + rf"|년(?=\s*{_YEARS_SPAN})|{_POLITE_PEOPLE})")
# English nouns counted: people, countries and companies have their own Korean counters; any other noun is
# an item (개, 종, 대 …).
_EN_PEOPLE = re.compile(
    r"^(?:people|persons?|individuals|experts|attendees|visitors|participants|guests|speakers|laureates|winners|"
    r"employees|staff|researchers|engineers|scientists|students|users|developers|leaders|officials|dignitaries|"
    r"delegates|members|workers|talents?|professionals|executives|ceos|founders|audiences?|spectators)$", re.I)
_EN_COUNTRIES = re.compile(r"^(?:countries|nations|states|economies)$", re.I)
_EN_COMPANIES = re.compile(r"^(?:companies|firms|enterprises|businesses|exhibitors|startups|vendors|manufacturers|"
                           r"organi[sz]ations|institutions|agencies)$", re.I)
_EN_TIMES = re.compile(r"^(?:times|editions)$", re.I)  # an event's editions are counted by 회 ("7회째")
_EN_CASES = re.compile(r"^(?:patents|cases|applications|filings|measures|steps|actions|deals|agreements|contracts|regulations"
                       r"|rules|incidents|transactions)$", re.I)  # counted by 건 ("90건이 넘는 규제 완화 조치")
_EN_YEARS = re.compile(r"^years?$", re.I)
_EN_MONTHS = re.compile(r"^months?$", re.I)
_EN_HOURS = re.compile(r"^hours?$", re.I)
_EN_COUNTED = re.compile(r"\b(?:how many|number of)\s+((?:[a-z][\w-]*\s*|\d[\d,]*\s+){1,6})", re.I)  # "of the 800 companies"
# "Of the more than 800 companies exhibiting at WAIC, how many came from outside China?": "how many" followed by a
# verb counts the plural noun of the whole named before it
_EN_WHOLE_BEFORE = re.compile(r"\b(?:of|among|out of)\s+(?:the\s+)?(?:[\w+,-]+\s+){0,4}?([a-z]+s)\b[^?]*?,\s*how many\s+"
                              r"(?:of them\s+|of these\s+)?(?:came|were|are|was|did|do|had|have|come|took|joined|attended"
                              r"|exhibited|showed|presented|signed|won)\b", re.I)
_EN_IRREGULAR = re.compile(r"^(?:people|staff|personnel|children|men|women)$", re.I)
_EN_NOT_NOUN = frozenset({"is", "was", "has", "does", "this", "its", "his", "as", "us", "yes"})
_EN_NOT_NOUN_RE = "|".join(sorted(_EN_NOT_NOUN))  # … and before a number: "2035 as the year" counts nothing


# The generic counter 개 says nothing of what it counts; the noun beside it does ("30개 국가", "800개 이상의
# 중국 기업", "10개 기관", "대화 체계 두 개"). A count with 개 answers a question about countries or companies
# only when such a noun is beside it, and a question about other things (robots, areas) only when no noun of
# those families or of people is. Grammar, not fitted: the nouns are the common Korean heads of each family.
_GAE_NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("countries", re.compile(r"(?:국가|나라)")),
    ("companies", re.compile(r"(?:기업|회사|업체|기관|단체|스타트업|제조사|개발사|협회)")),
    ("people", re.compile(r"(?:사람|인사|전문가|관람객|참가자|참석자|방문객|직원|인재)")),
)
# the counted noun follows within its clause ("800개 이상의 중국 기업") or directly precedes ("체계 두 개")
_GAE_AFTER = re.compile(r"[^,.;:!?()·\n]{0,12}")
_GAE_BEFORE = re.compile(r"(\S+)\s*$")


def _english_family(noun: str) -> str:
    for family, pattern in (("people", _EN_PEOPLE), ("countries", _EN_COUNTRIES), ("companies", _EN_COMPANIES),
                            ("times", _EN_TIMES), ("cases", _EN_CASES), ("years", _EN_YEARS),
                            ("months", _EN_MONTHS), ("hours", _EN_HOURS)):
        if pattern.match(noun):
            return family
    return "items"


_EN_RANK = re.compile(_EN_RANK_ASKED, re.I)


_TERSE_COUNT = re.compile(r"([가-힣A-Za-z]+)\s+" + _TERSE_END)  # "고위급 참석자 수": the noun before 수


def _noun_family(text: str) -> str | None:
    """The family of the first kind of noun of :data:`_GAE_NOUNS` that ``text`` writes, or None."""
    return next((family for family, nouns in _GAE_NOUNS if nouns.search(text)), None)


def _count_family(question: str) -> str | None:
    if _ASKS_MINUTES.search(question):
        return "minutes"
    if _EN_RANK.search(question):
        return "rank"
    m = _KO_COUNTER.search(question)
    if m:
        if m.group(1) == "개":  # "몇 개의 기업", "기업은 몇 개": the generic counter counts the noun beside it
            family = _gae_family(question, Span("count", m.group(0), m.start(), m.end()))
            before = _NOUN_BEFORE_COUNT.search(question)
            if family is None and before and before.group(1) and _GENERIC_COUNTED.match(before.group(2)):
                # "나라 수는 몇 개": the number of the noun before the generic 수 (개수, 숫자)
                family = _noun_family(before.group(1))
            return family or ("items" if counted_noun(question) else "things")
        return _KO_COUNTER_FAMILY[m.group(1)]
    head = english_count_head(question)
    if head is None and (terse := _TERSE_COUNT.search(question)):
        # "고위급 참석자 수", "참가 기업 수는?": the family of the noun before 수, when it has one
        return _noun_family(terse.group(1))
    return _english_family(head) if head is not None else None



# the noun before "count" in "What's the exact partner count" (the words of _EN_COUNT_NOUN), not an adjective
_EN_NOUN_COUNT = re.compile(rf"\b(?!(?:{_COUNT_ADJECTIVE}|the|its|their|head)\s)([a-z][a-z-]+)\s+count\b", re.I)


# the verb that ends the counted words of "how many <noun> <verb>"
_EN_SINGULAR_VERB = re.compile(r"^(?:is|are|was|were|do|does|did|has|have|had|will|can|come|came|attend|attended|join"
                               r"|joined|take|took|show|showed|visit|visited|there)$", re.I)


def _plural(noun: str) -> str:
    """A naive English plural ("partner" → partners, "company" → companies), for a noun counted by "count"."""
    if noun.lower().endswith("s"):
        return noun
    return f"{noun[:-1]}ies" if re.search(r"[^aeiou]y$", noun, re.I) else f"{noun}s"


def _english_counted(question: str) -> tuple[list[str], int | None]:
    """The words after "how many" / "number of" (a bracket skipped: "foreign (non-Chinese) companies") and the
    position among them of the noun counted: the first plural word ("humanoid robots", "areas of cooperation" →
    areas), or None."""
    m = _EN_COUNTED.search(re.sub(r"\s*\([^()]*\)", "", question))
    if m is None and (before := _EN_NOUN_COUNT.search(question)):  # "the exact partner count": partners counted
        return [_plural(before.group(1))], 0
    words = m.group(1).split() if m else []
    head = next((i for i, w in enumerate(words)
                 if _EN_IRREGULAR.match(w) or (w.lower().endswith("s") and w.lower() not in _EN_NOT_NOUN)), None)
    if m is not None and head is None and (whole := _EN_WHOLE_BEFORE.search(question)):
        return [whole.group(1)], 0  # "Of the 800 companies exhibiting, how many came from …": the whole's noun
    if head is None and (verb := next((i for i, w in enumerate(words) if _EN_SINGULAR_VERB.match(w)), 0)) > 0:
        # a learner's singular ("How many visitor is come …", "how many robot dog is there"): the word before the
        # verb, read as its plural
        return [*words[:verb - 1], _plural(words[verb - 1]), *words[verb:]], verb - 1
    return words, head


def english_count_head(question: str) -> str | None:
    """The noun an English count question counts (:func:`_english_counted`), or None."""
    words, head = _english_counted(question)
    return words[head] if head is not None else None


def english_counted_modifiers(question: str) -> list[str]:
    """The words before the counted noun of an English count question, nearest first, lower-cased ("how many robot
    dogs" → ["robot"]): what the thing counted is a kind of, when the noun itself is not written in the text."""
    words, head = _english_counted(question)
    return [w.lower() for w in reversed(words[:head])] if head is not None else []


def english_counted_noun(question: str) -> str | None:
    """The word an English count question counts, lower-cased, when its counter cannot tell it ("how many humanoid
    robots": an item, which a Korean count writes with 대, 개 or 종 whatever it counts); None for people, countries,
    companies and the other families whose Korean counters already say what they count, and for no count."""
    head = english_count_head(question)
    return head.lower() if head is not None and _english_family(head) == "items" else None


# The noun a Korean count question counts: the word before "몇 <counter>" ("일반 관람객은 총 몇 명", "GPU가 몇 장")
# or after it ("몇 개 기관이", "몇 명의 관람객이"), its particle dropped; a generic head ("파라미터 수는", "출원
# 건수는") gives way to the word before it. Grammar, not fitted.
# A rank or an ordinal ("세계 몇 위", "몇 번째") counts positions, not things: the word before it is the field ranked in.
_ASKED_COUNTER = "(?:" + "|".join(sorted((c for c in _KO_COUNTER_FAMILY if c not in ("년", "주년", "위", "회째", "번째")),
                                          key=lambda c: (-len(c), c))) + ")(?!째)"  # the counters of things, not of years
_COUNT_ADVERB = (r"(?:총|모두|전부|대략|약|정확히|실제로|실제|진짜|정말|딱|다|각각|대체|도대체"  # and when: "장비는 지금까지 몇 대"
                 r"|지금까지|현재까지|이제까지|지금껏|여태껏|여태까지|여태|그동안|올해|작년|지난해|이번에|당시)")
# an adverb may carry a particle of its own ("실제로는 몇 개였어", "정확히는 몇 명"): still no noun
_ADVERB_PARTICLE = r"(?:은|는|도|만)?"
_NOUN_AFTER_COUNT = re.compile(
    rf"몇\s*{_ASKED_COUNTER}(?:의\s*|\s+)([가-힣A-Za-z]{{2,10}}?)(?:이|가|은|는|을|를|도|만|에서|에|과|와)(?=\s|[?,.]|$)")
_NOUN_BEFORE_COUNT = re.compile(
    rf"(?:(?<![가-힣A-Za-z])([가-힣A-Za-z]{{2,10}})\s+)?(?<![가-힣A-Za-z])(?!{_COUNT_ADVERB}{_ADVERB_PARTICLE}\s)"
    rf"([가-힣A-Za-z]{{1,10}}?)(?:은|는|이|가|도|만|을|를)?\s+(?:{_COUNT_ADVERB}{_ADVERB_PARTICLE}\s+)*몇\s*{_ASKED_COUNTER}")
_GENERIC_COUNTED = re.compile(r"^(?:수|개수|숫자|건수|규모|인원|인원수)$")
# a whole the question counts a part of: "<noun> <number><counter> 가운데 / 중(에서)"
_WHOLE_BEFORE_PART = re.compile(r"(?<![가-힣A-Za-z])([가-힣A-Za-z]{2,10})\s+\d[\d,.]*\s*(?:여\s*)?[가-힣]{0,2}\s*(?:가운데|중에서|중에|중)(?![가-힣])")
_NOT_COUNTED = re.compile(r"^(?:이번|올해|지금|현재|그|이|저|모두|전체|것|곳|사람|사람들|나라|나라들|국가|국가들|따지면|합치면|빼면)$")
# words for a document, which a question writes to say where the number is written, not what it counts ("브리프 숫자
# 몇 명이야": the brief's figure)
_DOCUMENT_WORD = re.compile(r"^(?:브리프|기사|보고서|리포트|문서|자료|본문|원문|사례집|표|그림)$")
_COUNTER_NOUN = re.compile(r"^(?:나라|국가)들?$")


# Nouns Korean writes for one kind of thing, whichever the writer picked: a question counting 업체 is answered by a
# count of 기업 ("800개 이상의 기업"), one about the size of a 기금 by that of a 펀드. A fixed list of everyday
# synonyms, not read off any question set; each word stands for the others only where a noun must be written
# beside a value (:func:`same_kind`).
_SAME_KIND = (frozenset({"기업", "업체", "회사", "기업체"}), frozenset({"나라", "국가"}), frozenset({"펀드", "기금"}),
              frozenset({"파트너", "파트너사", "협력사", "협력업체"}))


def same_kind(noun: str) -> frozenset[str]:
    """``noun`` and the nouns written for the same kind of thing (:data:`_SAME_KIND`)."""
    return next((group for group in _SAME_KIND if noun in group), frozenset({noun}))


def counted_noun(question: str, is_word: Callable[[str], bool] = lambda w: True) -> str | None:
    """The noun a Korean count question counts ("관람객" in "일반 관람객은 총 몇 명이었어?"), or None when it names none
    or only a generic one (사람, 것). ``is_word`` accepts a candidate as a word of the question (the engine
    passes its Kiwi morphemes, so that "몇 장 들어가" does not yield a noun "들어")."""
    for m in _NOUN_AFTER_COUNT.finditer(question):
        if _COUNTER_NOUN.match(m.group(1)):  # "몇 개 나라에서": the counter's own thing; the subject is not counted
            return None
        if is_word(m.group(1)) and not _NOT_COUNTED.match(m.group(1)):
            return m.group(1)
    m = _NOUN_BEFORE_COUNT.search(question)
    if m is None:
        return None
    word = m.group(2)
    if not is_word(word) and (whole := _WHOLE_BEFORE_PART.search(question)) and is_word(whole.group(1)):
        # "솔루션 6,000개 가운데 제조업용은 몇 개": the part is no word of its own; it counts the whole's noun
        return whole.group(1) if not _NOT_COUNTED.match(whole.group(1)) else None
    if _GENERIC_COUNTED.match(word) and m.group(1):
        # "실제 숫자 몇 명임", "브리프 숫자 몇명이야": the word before a generic noun names nothing counted either
        if _COUNT_ADVERB_WORD.match(m.group(1)) or _DOCUMENT_WORD.match(m.group(1)):
            return None
        word = m.group(1)
    if len(word) < 2 or _NOT_COUNTED.match(word) or _GENERIC_COUNTED.match(word) or not is_word(word):
        return None
    return word


def counted_modifier(question: str, is_word: Callable[[str], bool] = lambda w: True) -> str | None:
    """The word a Korean count question writes right before the noun it counts ("협력" in "협력 분야를 총 몇 개나
    담았어"), when :func:`counted_noun` finds that noun before the count and ``is_word`` accepts the word; else
    None. It says which of the things of that noun are counted: "13개 협력 분야", not "10개 핵심 분야"."""
    noun = counted_noun(question, is_word)
    m = _NOUN_BEFORE_COUNT.search(question)
    if noun is None or m is None or m.group(2) != noun or not m.group(1):
        return None
    word = m.group(1)
    return word if is_word(word) and not _NOT_COUNTED.match(word) and not _COUNT_ADVERB_WORD.match(word) else None


_COUNT_ADVERB_WORD = re.compile(rf"^{_COUNT_ADVERB}{_ADVERB_PARTICLE}$")


# Where the counted things come from, when a count question says it ("외국 기업은 몇 개", "how many foreign
# companies"): a count of things of another origin ("800개 이상의 중국 기업") does not answer it. Grammar and a short
# fixed lexicon, not fitted; "non-Chinese" is read before "Chinese".
_ORIGINS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("foreign", re.compile(r"외국|해외|\bforeign\b|\boverseas\b|\bnon-Chinese\b", re.I)),
    ("china", re.compile(r"중국|\bChinese\b|\bChina\b", re.I)),
    ("us", re.compile(r"미국|\bAmerican\b|\bU\.?S\.?\b", re.I)),
    ("korea", re.compile(r"한국|\bKorean\b", re.I)),
    ("japan", re.compile(r"일본|\bJapanese\b", re.I)),
    ("europe", re.compile(r"유럽|\bEuropean\b", re.I)),
)


def origin_of(word: str) -> str | None:
    """The origin (:data:`_ORIGINS`) a word names, or None."""
    for key, pattern in _ORIGINS:
        if pattern.search(word):
            return key
    return None


def origins_in(text: str) -> list[tuple[str, int, int]]:
    """Each origin word of ``text`` as (origin, start, end), in order ("non-Chinese" once, as foreign)."""
    found: list[tuple[str, int, int]] = []
    for key, pattern in _ORIGINS:
        for m in pattern.finditer(text):
            if not any(a <= m.start() < b for _, a, b in found):
                found.append((key, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def count_origin(question: str) -> str | None:
    """The origin a count question gives the things it counts: the word right before its counted noun ("외국
    기업은 몇 개" → foreign), or a word of the English phrase it counts ("how many foreign (non-Chinese) companies"
    → foreign); None when it gives none."""
    m = _NOUN_BEFORE_COUNT.search(question)
    if m is not None and m.group(1) and not _GENERIC_COUNTED.match(m.group(2)):
        found = origins_in(m.group(1))  # the whole word is one ("외국"), not a name holding one ("중국과학원")
        return found[0][0] if len(found) == 1 and found[0][1:] == (0, len(m.group(1))) else None
    m = _EN_COUNTED.search(question)
    if m is not None:
        head = english_count_head(question)
        words = m.group(1).split()
        for w in words[:words.index(head)] if head in words else words:
            key = origin_of(w)
            if key is not None:
                return key
        rest = question[m.end():m.end() + 20]  # "foreign (non-Chinese) companies": the bracket after the phrase
        if rest.startswith("("):
            return origin_of(rest.split(")")[0])
    return None


# Answer side ----------------------------------------------------------------------------------------
# Digits; 수십/수백 …; and native numerals (두 명, 세 곳) only as a word of their own, so that 한국, 이사장 or
# 세계 are not read as numbers.
_NUM = (r"(?:\d[\d,]*(?:\.\d+)?|수(?:십|백|천|만)"
        # ("…다고 한 건" is the verb of reported speech, no count)
        r"|(?<![가-힣])(?<!고\s)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|서른|마흔|쉰)(?=\s))")
_SCALE = r"(?:\s*(?:여|만|억|조|천|백)\s*)*"
# a measure: a number with a unit of size, power, area or data ("300PFlops", "7만㎡", "5 GW")
_MEASURE = re.compile(rf"({_NUM}{_SCALE}\s*(?:[PTEG]?FLOPS|[PTEG]Flops|㎡|㎢|m²|km²|km/h|㎞/h|km|kg|GW|MW|kW|kWh|[KMGT]B/s|[kMGT]bps|[GT]b/s|TB|GB|PB|nm|mph|μs|㎲|ms|ns"
                      r"|평|(?:킬로|나노)?미터|(?:마이크로|밀리|나노)초"
                      # a chip's process node as Korean writes it ("7나노 공정", "5나노급 칩")
                      r"|나노(?=\s*(?:공정|급|칩|반도체|노드|프로세스)))(?![A-Za-z]))")
# What a quantity question measures, when it names it ("전력을 얼마나 먹어", "면적은 얼마", "how much power"):
# the words that ask for it and the units that answer it. An amount question of such a kind is answered only
# by a measure in one of its units. Grammar and units, not fitted.
_MEASURED: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "power": (re.compile(r"전력|소비\s*전력|전기를|와트|\bpower\b|\b(?:kilo|mega|giga)?watts?\b|\belectricity\b", re.I),
              re.compile(r"(?:[kMGT]W|kWh|와트)$")),
    "area": (re.compile(r"면적|넓이|㎡|㎢|m²|제곱\s*(?:킬로)?미터|평방\s*미터|몇\s*평(?![가-힣])|\barea\b|\bsquare\b"
                        r"|\bfloor space\b", re.I), re.compile(r"(?:㎡|㎢|m²|km²|평)$")),
    "compute": (re.compile(r"연산\s*(?:성능|능력|량)|\bcompute\b|\bcomputing power\b|\bFLOPS\b", re.I),
                re.compile(r"FLOPS$", re.I)),
    "data": (re.compile(r"용량|메모리|저장|몇\s*[TGP]B(?![A-Za-z\d])|(?:테라|기가|페타)바이트|\bstorage\b|\bmemory\b|\bcapacity\b|\b(?:tera|giga|peta)bytes?\b",
                        re.I), re.compile(r"(?:TB|GB|PB)$")),
    "weight": (re.compile(r"무게|중량|킬로그램|몇\s*kg|\bweigh|\bkilograms?\b", re.I), re.compile(r"(?:kg|톤)$")),
    # a length: a chip's process node ("몇 나노 공정", "how many nanometers") or a distance
    "length": (re.compile(r"나노|공정\s*(?:노드|미세화)|몇\s*(?:nm|km|미터|킬로미터)|\bnanomet(?:er|re)s?\b|\bprocess node\b"
                          rf"|\b(?:kilo)?met(?:er|re)s\b|\bmiles\b|(?<![가-힣])거리|\bdistance\b|{_HOW_FAR}"
                          r"|\b(?:flight|flying|driving|travel|maximum|max)\s+range\b|비행\s*거리|항속", re.I),
               re.compile(r"(?:nm|km|미터|나노)$")),
    # a rate of data or of tokens ("초당 token 처리량", "tokens per second")
    "bandwidth": (re.compile(r"대역폭|전송\s*속도|처리량|\bbandwidth\b|\bthroughput\b|\btokens?\s+per\s+second\b", re.I),
                  re.compile(r"(?:[KMGT]B/s|[kMGT]bps|Gb/s|Tb/s|tokens?/s|토큰/초)$")),
    "latency": (re.compile(r"지연\s*시간|레이턴시|(?:마이크로|밀리|나노)초|\blatency\b|\b(?:micro|milli|nano)seconds?\b", re.I),
                re.compile(r"(?:μs|㎲|ms|ns|(?:마이크로|밀리|나노)초)$")),
    "speed": (re.compile(r"속도|시속|\bspeed\b|\bkm/h\b|\bmph\b", re.I), re.compile(r"(?:km/h|㎞/h|mph)$")),
}
# A day written with dots and a two-digit year, as Korean reports date their sources ("(25.7.28, 中国国际…)"); a
# decimal ("8.2억") has no third part. A month and day alone ("개막식(7.26)") is left out: it dates the word before
# it, which is rarely what the question asks about. Grammar, not fitted.
_MONTH_NO, _DAY_NO = r"(?:1[0-2]|0?[1-9])", r"(?:3[01]|[12]\d|0?[1-9])"  # a month's number, a day's
_DOTTED_DAY = rf"(?<![\d.])\d{{2}}\.{_MONTH_NO}\.{_DAY_NO}(?![\d.]\d)"
# Official Korean documents date with spaced dots ("발의연월일 : 2010.  11.  12.", "2010. 11.") or an apostrophe
# before a two-digit year ("’10. 10  군 현지 실사단 파견", "’08. 10. 27～31"); the month must be a month and the
# day a day, so a decimal or a numbered item ("3. 5") is none. Grammar, not fitted.
_SPACED_DAY = (rf"(?<![\d.])(?:19|20)\d{{2}}\.\s{{1,4}}{_MONTH_NO}\.\s{{1,4}}{_DAY_NO}(?!\d)"
               rf"|[’‘']\d{{2}}\.\s{{0,3}}{_MONTH_NO}\.\s{{0,3}}{_DAY_NO}(?!\d)")
_SPACED_MONTH = (rf"(?<![\d.])(?:19|20)\d{{2}}\.\s{{1,4}}{_MONTH_NO}\.?(?!\s{{0,4}}\d)"
                 rf"|[’‘']\d{{2}}\.\s{{0,3}}{_MONTH_NO}(?![\d.])")
# The day of an event counted from its first ("대회 며칠째", "몇째 날"): answered by "첫날", "둘째 날", "사흘째"
_ASKS_NTH_DAY = re.compile(r"며칠\s*째|몇\s*일\s*째|몇\s*째\s*날|몇\s*번째\s*날|\bwhich day of\b(?!\s+the\s+(?:month|week|year)\b)", re.I)
_NTH_DAY = re.compile(r"(첫\s*날|첫째\s*날|이튿날|(?:둘|셋|넷|다섯)째\s*날|(?:이틀|사흘|나흘|닷새)\s*째|\d{1,2}\s*일\s*째|마지막\s*날)")
_A_PATTERNS: dict[str, re.Pattern[str]] = {
    "money": re.compile(rf"({_NUM}{_SCALE}\s*(?:원|달러|위안|유로|엔|파운드)|[$€¥£]\s?\d[\d,.]*\s*(?:million|billion|trillion|[mbk]n?)?"
                        rf"|\d[\d,.]*\s*(?:USD|RMB|CNY|KRW|dollars|yuan))", re.I),
    "percent": re.compile(rf"({_NUM}\s*(?:%|％|퍼센트|percent))", re.I),
    "date": re.compile(r"((?:19|20)\d{2}\s*년(?:\s*\d{1,2}\s*월)?(?:\s*\d{1,2}\s*일)?|\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?|"
                       + _SPACED_DAY + "|" + _SPACED_MONTH + r"|(?:19|20)\d{2}[./-]\d{1,2}(?!\d)"
                       r"|(?:19|20)\d{2}(?=\s|년|\b)|" + _DOTTED_DAY + r"|\b(?:January|February|March|April|May|June|July|August|"
                       r"September|October|November|December)\b)", re.I),
    "date_day": re.compile(r"(\d{1,2}\s*월\s*\d{1,2}\s*일|\d{1,2}\s*일(?!\s*(?:간|동안))|" + _SPACED_DAY
                           + r"|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}|" + _DOTTED_DAY + ")"),
    # (a year abbreviated with an apostrophe, as a figure's span is: "('14~'23)")
    "date_year": re.compile(r"(\d{1,4}\s*년|(?:19|20)\d{2}(?=\s|\b)|[’‘']\d{2}(?![\d.,]))"),
    "count": re.compile(rf"(?<!\d)(?!(?:19|20)\d{{2}}\s*년)({_NUM}{_SCALE}\s*(?:여\s*)?(?:개국|개사|개월|개|명|인(?=$|[^가-힣]|의|이상|이내|이하|으로|이)|곳|종|건|가지|차례|번째|회째|번|회|배|위(?!안)|대|편|국(?![가-힣])|장|척|톤|마리|권(?!한|력|리|위|익|역|장|고)|그루|켤레|년|주년|노드|(?:억|조|만)(?!\s*(?:㎡|㎢|m²|km²|제곱|평방|원|달러|위안|유로|엔|파운드))|시간"
                        r"|분(?!의\s*\d)(?=\s|[,.)]|간|동안|만에|짜리|이|의|을|를|가|에|$))"  # "3분의 2" is a fraction
                        rf"|\d[\d,]*(?:\.\d+)?\s*(?:\+|여)|\b(?!(?:19|20)\d{{2}}\b)\d[\d,]*\s+(?!(?:{_EN_NOT_NOUN_RE})\b)(?:[a-z]+s)\b"
                        # "2,000 industry partners": one modifier before the plural noun (not a year's "2025 the …")
                        rf"|\b(?!(?:19|20)\d{{2}}\b)\d[\d,]*\s+{_EN_MODIFIER}[a-z]+s\b)", re.I),
    "reason": re.compile(r"(때문|위해|위한|위하여|으로\s*인해|로\s*인해|이유|목적|배경|따라|탓|덕분|계기|because|due to|in order to)"),
    "comparison": re.compile(r"(보다|능가|앞서|앞선|우수|뒤처|뒤지|압도|\bthan\b|\boutperform\w*|\bbetter\b)", re.I),
}


# A Korean question asking only "언제" (not the month, not exactly, not naming a year itself) is answered also by
# a year named by its distance from the writing
_ASKS_WHEN = re.compile(r"언제(?!나|든|까지나)")
# a year named by its distance from the writing, and how an English lead renders it (:func:`english_span`)
_RELATIVE_YEAR_EN = {"지난해": "last year", "작년": "last year", "올해": "this year", "금년": "this year",
                     "내년": "next year", "재작년": "the year before last"}
_RELATIVE_YEAR_WORDS = "|".join(_RELATIVE_YEAR_EN)
# an English "when" is asked loosely too ("When did Zand Bank partner with …?": "지난해" answers it) unless it asks
# the day, month or year, or exactly
_ASKS_EXACT_WHEN = re.compile(rf"몇\s*월|정확히|정확한|구체적|날짜|며칠|{_RELATIVE_YEAR_WORDS}|(?:19|20)\d\d"
                              r"|\b(?:exact\w*|precise\w*|specific\w*|date|day|month|year)\b", re.I)
# A year named by its distance from the writing ("지난해", "올해"): a date in news text. Written as a word of its own, so
# that "올해의 인물" still counts and "금년도" is one word. Grammar, not fitted.
_RELATIVE_YEAR = re.compile(rf"(?<![가-힣])({_RELATIVE_YEAR_WORDS})(?=[은는이가의을를에도부터까지]*(?![가-힣]))")
# The first of a series, as an ordinal ("최초의 디지털 은행", "첫 번째 연합")
_FIRST = re.compile(r"(?<![가-힣])(최초|첫\s*번째|첫째)(?=[의로는은이가]*(?![가-힣]))")


@dataclass(frozen=True)
class Span:
    type: str
    text: str
    start: int
    end: int


# A Korean question may describe what it asks about by what someone said of it, in reported speech ending in
# -다고 / -라고 / -냐고 / -자고: "비용을 크게 낮출 수 있다고 소개한 모델, 어느 회사가 발표했어?" asks for a company, not
# a cost; "중국 창업자들이 … 기여했다고 말한 사람은 누구" asks for the speaker, not a founder. Or it may first state what
# the asker heard or assumes (a premise: "…50건쯤 된다고 들었는데,", "…2035년 아니었나요?", "…맞지?"), then ask:
# "러브콜 기사엔 몇 건으로 나와 있어?" asks the number the text gives, and the premise's number is not a constraint of
# the question (number_missing). The words asked stand after the last such ending where an interrogative does
# ("얼마라고 했어" still asks an amount). Grammar, not fitted.
_REPORTED = re.compile(r"\S(?:다|라|냐|자)고\s")
_PREMISE = re.compile(r"(?:\S(?:던데|는데|은데|데요|잖아요|잖아|면,)|(?<![가-힣])(?:텐데|아니었나요|아니었어|아닌가요|아니야|맞지|맞나요|맞아|맞죠))"
                      r"[?,.!]*\s")
_INTERROGATIVE = re.compile(r"누구|누가|누군|뭐|뭘|무엇|무슨|어디|어느|언제|얼마|몇|어떤|어떻게|왜|며칠|어데|" + GYEONGSANG_WHO)
# a guess checked before the question proper: "그게 전부 6개인 거야? 협력 분야가 총 몇 개야?" (a yes-or-no sentence, no
# interrogative in it, then one that asks)
_GUESS = re.compile(r"[^?.!]+\?+\s")
# a sentence that sets the scene before the question, as a long chat message does: "전시 규모를 축구장 몇 개 크기인지로
# 환산해 보려는 중이에요. … 최소 몇 제곱미터였다고 나와요?" asks an area, not a count of fields. A sentence that asks
# itself ("… 두 축 알려줘. 나라 펀드 말고 또 뭐?") is part of the question, not its scene.
_SCENE = re.compile(r"[^?.!]+[가-힣][.!]+\s")
_REQUEST_END = re.compile(r"(?:줘|줄래|주세요|주실래요|주시겠어요|주십시오|바랍니다|부탁해|부탁해요|부탁드려요|부탁드립니다|궁금해|"
                          r"궁금해요|궁금합니다|알고\s?싶어|알고\s?싶어요|알고\s?싶습니다|뭐야|뭐예요|말해|대봐|봐)[.!]+\s$")


# An English question may open with a premise too, a subordinate phrase closed by a comma before the question proper:
# "Given that WAIC drew 6,000 experts since 2018, over how many editions …?", "In assessing why the meeting failed,
# which aspects …?". What it asks is the clause after the comma. Grammar, not fitted.
# the English interrogatives, read by the premise, the hearsay cut and the terse-question checks below
_EN_WH_WORDS = "what|which|who|whom|whose|when|where|how|why"
_EN_PREMISE = re.compile(
    r"^\W*(?:given(?:\s+that)?|in\s+light\s+of|in\s+view\s+of|in\s+assessing|considering(?:\s+that)?"
    r"|bearing\s+in\s+mind(?:\s+that)?|since|although|while|insofar\s+as)\b[^?]*?,\s+"
    rf"(?=(?:(?:in|to|by|over|on|at|from|under|for|of|with)\s+)?(?:{_EN_WH_WORDS})\b)",
    re.I)


# An English question may first state what the asker heard in a sentence of its own, then ask: "A friend claims his
# company has a 20-year history. How many years did he actually mention?" asks what the text gives, and the
# premise's number is no constraint of the question, as a Korean premise's (:data:`_PREMISE`, "…다던데,") is not. The
# sentence must say it is hearsay or belief (:data:`_EN_HEARSAY`: "claims", "I heard", "supposedly", "I think"); a
# plain statement ("Chinese firms took up 80,000 square metres. How many companies was that?") sets what is asked
# about, and its number still has to be written. A sentence ends at a period after a digit or two lower-case letters
# ("Mr." and "U.S." end none). Grammar, not fitted.
_EN_SCENE = re.compile(r"[^?.!]*(?:[a-z]{2}|\d)[.!]+\s+(?=[A-Z])")
_EN_HEARSAY = re.compile(r"\b(?:claim(?:s|ed|ing)?|heard|hearing|hear|I\s+read|I've\s+read|supposedly|reportedly|apparently"
                         r"|rumou?r(?:s|ed)?|someone\s+(?:said|told|says)|people\s+say|(?:I\s+was|I've\s+been)\s+told|told\s+me"
                         r"|I\s+(?:think|thought|believe|assumed?|remember|recall))\b", re.I)
_EN_INTERROGATIVE = re.compile(rf"\b(?:{_EN_WH_WORDS})\b", re.I)


def asked_clause(question: str) -> str:
    """The part of a Korean ``question`` that says what it asks: after its last reported-speech or premise ending
    or guess (:data:`_REPORTED`, :data:`_PREMISE`, :data:`_GUESS`) that an interrogative follows, else the whole
    question; of an English one, the clause after an opening premise (:data:`_EN_PREMISE`) or after its last
    sentence of hearsay that an interrogative follows (:data:`_EN_SCENE`, :data:`_EN_HEARSAY`)."""
    if (m := _EN_PREMISE.match(question)) is not None:
        return question[m.end():]
    if not re.search(r"[가-힣]", question):
        ends = [m.end() for m in _EN_SCENE.finditer(question) if _EN_HEARSAY.search(question[:m.end()])]
        for end in reversed(ends):
            if _EN_INTERROGATIVE.search(question[end:]):
                return question[end:]
        return question
    cuts = sorted([*(m.end() for pattern in (_REPORTED, _PREMISE) for m in pattern.finditer(question)),
                   *(m.end() for m in _GUESS.finditer(question) if not _INTERROGATIVE.search(m.group(0))),
                   *(m.end() for m in _SCENE.finditer(question) if not _REQUEST_END.search(m.group(0)))])
    for end in reversed(cuts):
        if _INTERROGATIVE.search(question[end:]):
            return question[end:]
    return question


# A question that asks for the specific things, places or people behind what it names ("구체적으로 어떤 지표에서
# 앞선 거야?", "구체적으로 어디어디예요?", "Which specific country …?") is answered by a name, a number or the items
# of a list (a lead, ragqa.answer.extractive), not by a sentence that only says there were some ("일부 성능 지표에서
# 앞선다"). A description asked for specifically ("구체적으로 어떤 역할을 해?", "What exactly did he say?") may be a
# whole sentence, so nouns of description are not read as asking for names. Grammar, not fitted.
_DESCRIPTIVE_WORDS = ("역할 내용 의미 방식 방법 점 뜻 얘기 이야기 말 이유 목적 근거 배경 효과 영향 차이 입장 평가 분석 주장 설명 "
                     "취지 메시지 전략 특징 성과 변화 문제 우려 계획 목표 식 형태 방향 의도 구상 비전 일 활동 조치 정책 발언 "
                     "언급 way role content meaning method reason purpose effect impact difference position message "
                     "strategy plan goal aim vision approach measure policy step steps action actions")
_DESCRIPTIVE = frozenset(_DESCRIPTIVE_WORDS.split())
_SPECIFIC = re.compile(r"구체적(?:으로|인)?\s")
_SPECIFIC_WHO = re.compile(r"^(?:[^\s?]+\s+){0,3}?(?:어디|누구|누가|뭐뭐|어디어디)")
_SPECIFIC_WHICH = re.compile(r"^(?:[^\s?]+\s+){0,3}?(?:어떤|어느|무슨)\s*((?:[^\s?]+\s*){1,3})")
_KO_PARTICLE_END = re.compile(r"(?:들)?(?:을|를|이|가|은|는|에서|에게|에|으로|로|도|만|과|와|의|이야|야|이에요|예요|인가요|이었어|였어)$")
_SPECIFIC_EN = re.compile(r"\b(?:which|what)\s+(?:specific|exact|particular)\s+([a-z][\w-]*)", re.I)


def _head_noun(words: list[str]) -> str:
    """The head of the noun phrase ``words`` opens: the first word a particle ends (stripped of it), else the
    first word."""
    for w in words:
        bare = _KO_PARTICLE_END.sub("", w)
        if bare != w:
            return bare
    return words[0]


def asks_specific(question: str) -> bool:
    """True when the question asks which specific things, places or people: "구체적으로" (in its asked clause,
    :func:`asked_clause`) before "어디", "누구" or "어떤/어느/무슨 N", or "which specific N" — unless N is a noun of
    description (:data:`_DESCRIPTIVE`)."""
    clause = asked_clause(question)
    for m in _SPECIFIC.finditer(clause):
        rest = clause[m.end():]
        if _SPECIFIC_WHO.search(rest):
            return True
        which = _SPECIFIC_WHICH.search(rest)
        if which and _head_noun(which.group(1).split()) not in _DESCRIPTIVE:
            return True
    return any(m.group(1).lower() not in _DESCRIPTIVE for m in _SPECIFIC_EN.finditer(question))


# A Korean question that offers a choice ("A랑 B 중에 누가 …", "A와 B 중 어느 쪽 …", "A, B 둘 중 …"): its answer is
# one of the options. The first option is the word its particle ends (a name of several words gives its last one,
# "요슈아 벤지오랑" → 벤지오), the second the one to three words before 중. Grammar, not fitted.
_OPTION_WORD = r"[가-힣A-Za-z0-9·\-]+"
_CHOICE = re.compile(rf"(?<![가-힣A-Za-z0-9·\-])({_OPTION_WORD}?)(이랑|랑|하고|와|과|,)\s+"
                     rf"((?:{_OPTION_WORD}\s+){{0,2}}?{_OPTION_WORD}?),?\s+(둘\s*)?중(?:에서|에)?(?=\s)")


# … or asks which of two, each followed by a copula: "본사는 두바이야 아부다비야?", "A예요, 아니면 B예요?". Not
# two verbs ("이긴 거야 진 거야"): an option is a noun the text may write.
# The copula in the past too ("300PFlops였어 3,000PFlops였어?", "26일이었나 29일이었나?"); a number keeps its
# thousands separator ("3,000PFlops").
_COPULA = (r"(?:이야|야|예요|이에요|인가요|인가|이냐|냐|일까요|일까|이니|니|이지|지"
           r"|이었어요|였어요|이었나요|였나요|이었던가|였던가|이었어|였어|이었나|였나|이었니|였니|이었지|였지|이었냐|였냐)")
_ALT_OPTION = r"(?:\d[\d,.]*[가-힣A-Za-z%]*|[가-힣A-Za-z0-9·\-]+)"
_ALTERNATIVE = re.compile(rf"(?<![가-힣A-Za-z0-9·\-])({_ALT_OPTION}){_COPULA}\s*,?\s+(?:아니면\s+|혹은\s+|또는\s+)?"
                          rf"({_ALT_OPTION}){_COPULA}\s*\??\s*$")
_NOT_OPTION = re.compile(r"(?:거|것|건|게|데|은|는|던|한|된|할|운|인|적|분|쪽|어디|누구|뭐|무엇|언제|얼마)$")


def _noun_before_copula(word: str) -> str:
    """``word`` without the 이 of a copula after a final consonant ("베이징이" of "베이징이야" → 베이징); a noun
    ending in a vowel takes 야 alone, so its own 이 stays ("두바이" of "두바이야")."""
    if len(word) >= 3 and word.endswith("이") and has_final_consonant(word[-2]):
        return word[:-1]
    return word


# … or as two indirect questions anywhere in it: "장비가 수랭식인지 공랭식인지, 냉각 방식 정리해줘", "A였는지 B였는지".
_WHETHER = re.compile(rf"(?<![가-힣A-Za-z0-9·\-])({_ALT_OPTION})(?:인지|이었는지|였는지)\s*,?\s+(?:아니면\s+|혹은\s+|또는\s+)?"
                      rf"({_ALT_OPTION})(?:인지|이었는지|였는지)(?![가-힣])")


def choice_options(question: str) -> tuple[str, ...]:
    """The two options a Korean question offers to choose from (see above), or ()."""
    for pattern, text in ((_ALTERNATIVE, question.strip()), (_WHETHER, question)):
        alt = pattern.search(text)
        if alt is None:
            continue
        a, b = (_noun_before_copula(o) for o in alt.groups())
        if not any(_NOT_OPTION.search(o) or _OTHER_WH.match(o) or len(o) < 2 for o in (a, b)) and a != b:
            return a, b
    # the options may stand before the reported speech that describes what is asked ("미국이랑 중국 중에 '신중함'을
    # 앞세운다고 묘사된 나라는 어디야?")
    m = _CHOICE.search(asked_clause(question)) or _CHOICE.search(question)
    if not m or m.group(2) == "," and not m.group(4):  # "A, B 중에" is a choice only as "A, B 둘 중"
        return ()
    a, b = m.group(1), _KO_PARTICLE_END.sub("", m.group(3)) if " " not in m.group(3) else m.group(3)
    if _OTHER_WH.match(a) or _OTHER_WH.match(b):  # "무엇과 무엇을": what is asked, not options
        return ()
    return (a, b) if len(a) >= 2 and len(b) >= 2 and a != b else ()


def names_option(text: str, option: str) -> bool:
    """True when ``text`` writes ``option`` (spaces aside)."""
    return option.replace(" ", "") in text.replace(" ", "")


# A question asking which of the options it lists is NOT said, or is wrongly said ("다음 중 공동 주최 기관으로 명시되지
# 않은 것은? ① 외교부 ② 국가발전개혁위원회 ③ …", "연결이 옳지 않은 것은? A) … B) …", "Which of these is NOT named …:
# education, agriculture, healthcare, or finance?"): the options follow markers of one kind in order (①②③, A) B) C),
# (a) (b) (c), 1) 2) 3)), or an English colon ends the question with three or more of them. Its answer is the one option
# the text does not write (ragqa.answer.extractive). Grammar, not fitted.
_EXCLUSION_ASKED = re.compile(r"(?:아닌|않은|않는|없는|틀린|잘못된)\s*(?:것|곳|하나|사람|인물|기업|회사|기관|분야|항목|나라|도시|단체|"
                              r"내용|연결|짝|설명|수치)|(?:옳지|맞지|해당하지|포함되지|명시되지|언급되지)\s*않"
                              r"|\bwhich\s+(?:one\s+)?of\s+(?:these|those|the\s+following|the\s+options)\b[^?]*\bnot\b", re.I)
_OPTION_MARKS = (re.compile(r"[①-⑩]"), re.compile(r"(?<![^\s(])\(?([A-Ea-e])\)(?=\s)"),
                 re.compile(r"(?<![^\s(])\(?([1-9])\)(?=\s)"))
_OPTION_ORDER = ("①②③④⑤⑥⑦⑧⑨⑩", "ABCDE", "abcde", "123456789")
_EN_COLON_OPTIONS = re.compile(r":\s*([^:?]+?)\s*\?\s*$")


def excluded_options(question: str) -> tuple[str, ...]:
    """The three or more options of a question asking which of them is not said or is wrongly said (see above),
    as the question writes them, or ()."""
    q = question.strip()
    if not (_EXCLUSION_ASKED.search(q) or re.search(r"\bNOT\b", q)):
        return ()
    options: list[str] = []
    for pattern in _OPTION_MARKS:
        marks = list(pattern.finditer(q))
        labels = "".join(m.group(m.lastindex or 0) for m in marks)
        if len(marks) >= 3 and any(order.startswith(labels) for order in _OPTION_ORDER):
            ends = [m.start() for m in marks[1:]] + [len(q)]
            options = [q[m.end():end] for m, end in zip(marks, ends, strict=True)]
            break
    if not options and (m := _EN_COLON_OPTIONS.search(q)) is not None and not re.search(r"[가-힣]", q):
        options = re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+", m.group(1))
    options = [o.strip(" \t.,;:?") for o in options]
    if len(options) < 3 or any(len(o) < 2 for o in options) or len(set(options)) < len(options):
        return ()
    return tuple(options)


_OPTION_WORD_BREAK = re.compile(r"[\s–—·,/()\[\]'\"‘’“”]+")
_OPTION_FUNCTION_EN = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and",
                                 "or", "its", "their", "as", "into", "up"])


def option_written(option: str, text: str, renderings: Callable[[str], list[str]]) -> bool | None:
    """Whether ``text`` writes every word of an ``option`` (:func:`excluded_options`): a Korean word (its particle
    aside), a number, a name or an acronym as the option writes it; a lower-case English word as written or by one
    of its Korean ``renderings`` (the shipped glossary's). None when no word can be judged (only words the glossary
    does not render and the text does not write)."""
    compact, lower = text.replace(" ", ""), text.lower()
    judged = False
    for word in _OPTION_WORD_BREAK.split(option):
        if not word or word.lower() in _OPTION_FUNCTION_EN:
            continue
        if re.search(r"[가-힣]", word):
            bare = _KO_PARTICLE_END.sub("", word) if len(word) > 2 else word
            if bare not in compact:
                return False
        elif re.search(r"\d", word) or word[:1].isupper():
            if word.lower() not in lower:
                return False
        elif word.lower() not in lower:
            forms = renderings(word.lower())
            if not forms:
                continue
            if not any(f in text for f in forms):
                return False
        judged = True
    return True if judged else None


# A question asking for a contact address: an email address ("작성자 이메일이 뭐로 적혀 있어?", "What contact email
# address …?") or a web address ("원문 볼 수 있는 사이트 주소", "신청 링크", "the URL of …"). Its answer is the address
# itself, which a text writes in one form (:data:`ADDRESS`); a sentence about the author or the site without it
# answers nothing. The English "link" is a verb as often ("link together"), and "which website" asks a site's name,
# so neither asks an address. Grammar, not fitted.
_EMAIL_ASKED = re.compile(r"이메일|e-?메일|메일\s*주소|전자\s*우편|\be-?mail\b", re.I)
_URL_ASKED = re.compile(r"(?:사이트|홈페이지|웹|인터넷|접속)\s*주소|링크|\bURL\b|\bweb\s*address\b|\b(?:website|site)\s+address\b", re.I)
ADDRESS = {"email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
           "url": re.compile(r"\bhttps?://[^\s)\]>\"'’”]+|\bwww\.[^\s)\]>\"'’”]+", re.I)}


def asked_address(question: str) -> str | None:
    """``email`` or ``url`` when the question asks for that address (see above), else None."""
    if _EMAIL_ASKED.search(question):
        return "email"
    if _URL_ASKED.search(question):
        return "url"
    return None


# An English question led by another interrogative, whose "who" is a relative pronoun ("the expert who guided …"),
# unless it asks whom or whose ("Which firm's CEO, who …" stays a company question for asks_organisation). Grammar.
_WH_FIRST_EN = re.compile(r"^\W*(?:what|which|where|when|how|why)\b", re.I)
# Likewise a "when" that opens a clause of time after another interrogative ("What is X's position, given when he is
# introduced …?") asks no date, unless a "when" is asked ("when did", "and when was", "what month") or leads.
_SUBORDINATE_WHEN_EN = re.compile(r"^\W*(?:what|which|where|how|why|who)\b.*\bwhen\s+(?:he|she|it|they|we|you|i)\b"
                                  # "When Li Qiang convened the meeting, what three things did he stress?"
                                  r"|^\W*when\b[^?,]*,\s*(?:what|which|where|how|why|who|whom)\b", re.I)
_ASKED_WHEN_EN = re.compile(r"^\W*when\b(?![^?,]*,\s*(?:what|which|where|how|why|who|whom)\b)|\bwhen\s+(?:did|does|do|is|was|were|are|will|would|has|have|had|can|could)\b"
                            r"|\bwhat\s+month\b", re.I)
_WHO_ASKED_EN = re.compile(r"\bwhom\b|^\W*(?:what|which)\s+(?:person|people|man|woman|official|executive)\b", re.I)
# A money word asked by its kind or manner ("어떤 비용을 낮춘다고 했어", "비용을 무슨 방법으로 줄이고 있어"), with no
# amount asked (얼마, 몇, 규모, how much), asks which cost or how, not a sum. "예산은 어떻게 돼" still asks a sum.
# Grammar, not fitted.
_MONEY_KIND = re.compile(r"(?:어떤|무슨|어느)\s*(?:[가-힣]+\s+)?(?:가격|비용|금액|예산|요금|매출|수익|이익)"
                         # what money goes to or comes from ("집행할 수 있는 경비 용도들", "예산 항목", "자금 출처")
                         r"|(?:가격|비용|금액|예산|요금|경비|지출|자금|재원)(?:의)?\s*(?:용도|항목|내역|종류|분야|출처|사용처)"
                         r"|(?:가격|비용|금액|예산|요금|매출|수익|이익)\S*\s+(?:무슨|어떤)\s*(?:방법|방식|식|수단)"
                         r"|(?:가격|비용|금액|예산|요금|매출|수익|이익)\S*\s+어떻게\s*(?:줄|낮|절감|아끼|아꼈|썼|쓰)"
                         # "무엇을 통해 컴퓨팅 비용을 줄이고 있어": a cost being cut, no amount asked, asks how
                         r"|(?:가격|비용|금액|예산|요금|지출)(?:을|를|이|가)?\s+(?:[가-힣]{1,3}\s+)?(?:줄이|줄여|줄였|줄일|낮추|낮춰|낮췄|낮출|절감|아끼|아껴|아꼈|아낄|절약|감축|깎)"
                         # and in English: "how is China bringing down its computing costs?" asks a manner
                         r"|\bhow\s+(?:is|are|was|were|does|do|did|can|could|will|would)\b[^?]*?"
                         r"\b(?:reduc\w*|lower\w*|cut\w*|bring\w*\s+down|brought\s+down|sav\w*|curb\w*|slash\w*)\b[^?]*?"
                         r"\b(?:costs?|prices?|expenses?|spending)\b", re.I)
# A date noun (시기, 날짜, 연도) beside a date the question writes, with another interrogative: the date describes
# what is asked ("시기가 2019년 8월로 적힌 정책은 어느 구분에 속해 있어"), it is not asked. Grammar, not fitted.
_GIVEN_DATE = re.compile(r"(?:19|20)\d{2}\s*년|\d{1,2}\s*월|(?:19|20)\d{2}\.\d{1,2}")
_OTHER_WH = re.compile(r"어느|어떤|무슨|누구|누가|어디|뭐|무엇")
_ASKS_AMOUNT = re.compile(r"얼마|몇|규모|액수|\bhow (?:much|many)\b", re.I)


# A Korean question asking "몇 <unit>" in a unit none of the patterns above knows ("몇 메가픽셀", "몇 헥타르", "몇 인승"):
# answered only by a number written in that unit (``amount:unit:<unit>``). Words that are things counted or
# parts of a date, not units, are left out. Grammar, not fitted.
_UNIT_ASKED = re.compile(r"몇\s*([가-힣A-Za-z]{1,8}?)(?=이에요|예요|이야|이다|입니까|인가요|인지|이었|였|이나|이라|이래|래|이고|이면|에서|에|로|으로"
                         r"|짜리|정도|쯤|씩|[이가을를은는의야나]?(?:[?.!,\s]|$))")
# things counted, parts of a date or an age, and 등 (a rank, written 위 in the text), not units
_NOT_UNITS = re.compile(r"^(?:사람|사람들|나라|나라들|국가|기업|회사|군데|가지|차례|번째|회째|년도|시간|살|세|개월|주년|달|주|날|등|째|개|가|분"
                        r"|이|야|나|으)$")  # "몇이야": the copula, no unit; "몇으로 적혀 있어": a particle


def asked_unit(question: str) -> str | None:
    """The unit a Korean question asks a number in (:data:`_UNIT_ASKED`), or None."""
    m = _UNIT_ASKED.search(question)
    if m is None or _NOT_UNITS.match(m.group(1)) or m.group(1) in _KO_COUNTER_FAMILY:
        return None
    return m.group(1)


# An English question asking which company, country, person … ("Zand Bank's CEO pointed to a model that could cut
# adoption costs. Which Chinese company released it?") asks for that one, whatever money its description names;
# "how much" still asks a sum. Grammar, not fitted.
_EN_WHICH_THING = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:compan(?:y|ies)|firms?|organi[sz]ations?|countr(?:y|ies)"
                             r"|banks?|outlets?|agenc(?:y|ies)|groups?|persons?|people|officials?|cit(?:y|ies)|provinces?"
                             r"|universit(?:y|ies)|institutions?|ministr(?:y|ies)|media)\b|\bwho\b", re.I)
_EN_HOW_MUCH = re.compile(r"\bhow\s+much\b|\bwhat\s+(?:is|was|were|are)\s+the\s+(?:[\w-]+\s+)?(?:price|cost|fee)", re.I)


# A formal written request names the value it wants by a noun instead of asking with an interrogative: "…원탁 토론의
# 개최 일자를 기재하시오", "…솔루션의 수를 기재하시오", "…상주 인원 규모 회신 요망", "…칩의 수량을 확인 바람". Such a
# request is typed as the terse question its noun phrase makes, and a noun for a value at its end says the kind: 일자/일시
# a day ("…개최 날짜?"), 건수/인원/수량/개수/횟수 a count by its counter ("…사례 몇 건?", "…인원 몇 명?"),
# 규모/목표치/총액 a quantity, 기간 a span of time, 일정 a date. A noun joined to another ("칩의 모델명과 수량") still types the request: the answer
# must give that value whatever else it gives. Grammar, not fitted.
_REQUEST_CORE = r"(?:기재|확인|회신|열거|명시|명기|제시|기술|답변|보고|통보|알려|밝혀|적어)"
_REQUEST_WORD = (rf"(?:{_REQUEST_CORE}|요망|바람|바랍니다|요청(?:드립니다|합니다|함)?"
                 r"|하시오|하십시오|하여|해|주십시오|주시기|주세요|주십시요|부탁(?:드립니다|합니다)?|드립니다)")
_KO_REQUEST_TAIL = re.compile(rf"(?:을|를|에\s*대하여|에\s*대해|에\s*관하여|에\s*관해)?\s*(?={_REQUEST_CORE})(?:\s*{_REQUEST_WORD})+"
                              r"\s*[.!]?\s*$")
_VALUE_NOUN_END: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:일자|일시)$"), "날짜"),
    (re.compile(r"(?:의\s*)?(?<![가-힣])인원\s*(?:수|규모)?$|(?:의\s*)?인원수$"), "몇 명"),
    (re.compile(r"(?:의\s*)?건수$"), "몇 건"),
    (re.compile(r"(?:의\s*)?횟수$"), "몇 번"),
    (re.compile(r"(?:의\s*)?(?:수량|개수)$"), "몇 개"),
    (re.compile(r"(?:규모|목표치|총액)$"), "규모는"),
    (re.compile(r"기간$"), "얼마 동안"),
    (re.compile(r"일정$"), "시기"),
    # a price, a cost or a sum of money ("…의 판매 단가를 명시해 주십시오"); a count of views or visits (a 조회 횟수 is
    # typed by 횟수 above); a rate of change or a share; a distance ("최대 항속 거리")
    (re.compile(r"(?:단가|가격|판매가|금액|비용|요금|매출액|매출)$"), "가격은 얼마"),
    (re.compile(r"(?:조회\s*수|방문\s*수)$"), "몇 회"),
    (re.compile(r"(?:증감률|증가율|감소율|성장률|점유율|비율|비중)$"), "몇 퍼센트"),
    (re.compile(r"거리$"), "몇 킬로미터"),
)
# … and so does a terse question that is only such a noun phrase ("트럼프 행정부 규제 완화 건수", "이 중 장관급 이상 인원?")
_TERSE_VALUE_TAIL = re.compile(r"(?<=일자|일시|수량|건수|개수|인원|원수|횟수|표치|총액|기간|일정)(?:은|는|이|가)?\s*[?？.]?\s*$")
# An English terse question likewise, a noun phrase with no interrogative and no verb before it ("Date Washington
# published its AI Action Plan?", "Total visitor count at the WAIC 2025 exhibition?", "Zand Bank customer base size?",
# "First Farm's farmland size in hectares?"): its value noun, among its first six words, says the kind — date/day a
# day, year a calendar year, count/headcount/number a count, size/consumption/capacity/amount a quantity. A request
# verb ("Please list …", "Provide the number of …") or an interrogative makes it no terse question. Grammar, not fitted.
_EN_ASKS = re.compile(rf"\b(?:{_EN_WH_WORDS}|is|are|was|were|did|does|do|can|could|will"
                      r"|would|has|have|had|please|kindly|list|name|give|state|provide|tell)\b", re.I)
_EN_TERSE_VALUE = re.compile(r"^(?:[\w'’.&-]+\s+){0,5}?(?:(date|day)|(year)|(count|headcount|number)|(size|consumption|capacity"
                             r"|amount))\b(?![-‑'’])", re.I)


def requested_phrase(question: str) -> str | None:
    """The terse question a formal Korean request makes (:data:`_KO_REQUEST_TAIL`, :data:`_VALUE_NOUN_END`): "…토론의
    개최 일자를 기재하시오" → "…토론의 개최 날짜?"; a terse question ending in a noun for a value and asking nothing else
    likewise (:data:`_TERSE_VALUE_TAIL`); None for any other question."""
    m = _KO_REQUEST_TAIL.search(question) or _TERSE_VALUE_TAIL.search(question)
    if m is None or m.start() == 0 or (m.re is _TERSE_VALUE_TAIL and _INTERROGATIVE.search(question)):
        return None
    phrase = question[:m.start()].rstrip(" ,")
    for pattern, value in _VALUE_NOUN_END:
        if (v := pattern.search(phrase)) is not None:
            phrase = phrase[:v.start()].rstrip() + " " + value
            break
    return phrase + "?"


# A search-box query names what it wants by a noun, with no interrogative and no sentence ("원탁 토론 시작 시각 상하이
# 타워", "아시아그룹 본사 위치", "stepfun ceo name", "video views count"): it asks the value that noun names, as the
# question "…는 몇 시야?" would. A Korean query may put that noun anywhere (its words come in any order), so its last
# value noun counts; an English one ends in it, a noun compound's head ("maker brand", "ceo name"). Each noun is
# read as the interrogative that asks for it. Grammar, not fitted: the nouns are the ones that name a kind of answer.
_KEYWORD_ASKS_KO: dict[str, str] = {
    **dict.fromkeys(("시각",), "몇 시"),
    **dict.fromkeys(("날짜", "일자", "일시", "개최일", "개막일", "폐막일", "시기"), "언제"),
    **dict.fromkeys(("연도", "년도"), "몇 년도"),
    **dict.fromkeys(("위치", "장소", "소재지", "개최지", "주소"), "어디"),
    **dict.fromkeys(("가격", "비용", "금액", "액수", "몸값", "기업가치", "투자액", "예산", "무게", "중량"), "얼마"),
    **dict.fromkeys(("개수",), "몇 개"),
    **dict.fromkeys(("인원", "인원수"), "몇 명"),
}
# who or which organisation holds a role, asked by the role's noun: only as the query's last word, its head ("상하이
# 타워 원탁 토론 사회자"); elsewhere it describes what is asked ("첫날 관람 진행자 외국인 전문가 소속" asks an
# affiliation, "참가 기업 개수" a count)
_KEYWORD_HEADS_KO: dict[str, str] = {
    **dict.fromkeys(("기관", "기업", "회사", "업체", "단체", "조직", "제조사", "브랜드", "운영사", "개발사", "운용사", "소속"),
                    "어디"),
    **dict.fromkeys(("사회자", "진행자", "발언자", "작성자", "책임자", "담당자", "창업자", "설립자", "ceo"), "누구"),
}
# an English query is asked in a question of the same words: "Who is the stepfun ceo?", "Where is the asia group
# headquarters?", "How many china daily video views?" ({} is the query, its head noun left out where the
# interrogative says it)
_KEYWORD_ASKS_EN: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("ceo", "founder", "chairman", "president", "moderator", "host", "author", "speaker"),
                    ("Who is the {}?", False)),
    **dict.fromkeys(("count", "number", "headcount"), ("How many {}?", True)),
    **dict.fromkeys(("date", "day", "dates"), ("When is the {}?", True)),
    **dict.fromkeys(("year",), ("What year is the {}?", True)),
    **dict.fromkeys(("location", "place", "venue", "city", "headquarters", "hq", "address"), ("Where is the {}?", False)),
    **dict.fromkeys(("price", "cost", "value", "valuation", "budget", "fee"), ("How much is the {}?", False)),
}
_KO_JOINED = re.compile(r"[가-힣](?:과|와|및|랑|이랑|하고)\s")  # "연합체 명칭과 원탁 참석 CEO": two things asked
_EN_NAME_OF_ROLE = frozenset(w for w, (form, _) in _KEYWORD_ASKS_EN.items() if form.startswith("Who"))


def keyword_question(question: str, noun_phrase: bool) -> str:
    """The question a search-box query stands for (:data:`_KEYWORD_ASKS_KO`, :data:`_KEYWORD_ASKS_EN`): "아시아그룹
    본사 위치" → "아시아그룹 본사 위치는 어디야?", "stepfun ceo name" → "Who is the stepfun ceo?"; any other question
    as it is. ``noun_phrase`` says that a Korean query is a noun phrase, with no predicate of its own (the caller
    reads it with the morphological analyser, :meth:`ragqa.text.korean.KoreanTextProcessor.noun_phrase`); it is
    not read for an English query."""
    text = question.strip().rstrip("?？.! ")
    if not text or any(mark in text for mark in ",:;\n"):  # a list of things asked, or a heading and its ask
        return question
    words = text.split()
    if re.search(r"[가-힣]", text):
        if not noun_phrase or _INTERROGATIVE.search(text) or len(words) < 2 or _KO_JOINED.search(text):
            return question
        for i, word in enumerate(reversed(words)):
            forms = (word.lower(), _KO_PARTICLE_END.sub("", word.lower()))  # "연도" first: 도 is also a particle
            tables = (_KEYWORD_HEADS_KO, _KEYWORD_ASKS_KO) if i == 0 else (_KEYWORD_ASKS_KO,)
            asked = next((table[w] for table in tables for w in forms if w in table), None)
            if asked is not None:
                topic = "은" if has_final_consonant(text[-1]) else "는"
                copula = "이야" if has_final_consonant(asked[-1]) else "야"  # "몇 명이야", "어디야"
                return f"{text}{topic} {asked}{copula}?"
        return question
    if not 2 <= len(words) <= 12:
        return question
    last = [w.lower().strip("'’\"") for w in words[-2:]]
    if last[-1] == "name" and last[0] in _EN_NAME_OF_ROLE:  # "stepfun ceo name": "name" is its head here
        words, last = words[:-1], last[:-1]
    if _EN_ASKS.search(" ".join(words)) or last[-1] not in _KEYWORD_ASKS_EN:
        return question
    form, drop_head = _KEYWORD_ASKS_EN[last[-1]]
    return form.format(" ".join(words[:-1] if drop_head else words))


# A fill-in-the-blank item asks for what its blank stands for ("목표 인원은 ___명이다", "( ) 소속 인사가 맡았다",
# "Representatives of ___ countries took part …"): the blank is read as the interrogative in its place, "몇" before a
# counter or a unit ("___명" → "몇 명"), "how many" before a unit (before a plural noun only when the item asks for a
# number: "all ____ companies" asks which kind), "which month" / "which year" before
# "(month)" / "(year)", else "무엇" / "what". Grammar, not fitted.
_BLANK = re.compile(r"_{2,}|[(（]\s*[①②③④⑤]?\s*[)）](?!\s*안에)")  # not the instruction's "( ) 안에 들어갈 말"
# a counter or a unit as a word of its own: followed by no Hangul but a particle's ("___명이다", not "___ 조치")
_KO_COUNTERS = ("개국|개사|개월|명|건|곳|개|번|회|차|위|년|월|일|시간|초|퍼센트|배|가지|종|조|억|만|천|위안|달러|나노미터|나노|킬로그램|그램"
                "|킬로미터|킬로|미터|톤|와트|인치")
_KO_COUNTER_AFTER = re.compile(rf"\s*-?\s*(?:(?:{_KO_COUNTERS})(?:(?![가-힣])|(?=이|가|을|를|의|에|은|는|도|과|와|로|으|째|까지|부터|동안"
                               r"|짜리|씩|나|였))|[%㎡㎢]|[A-Za-z]{1,8}\b)")
_EN_UNIT_AFTER = re.compile(r"\s*-?\s*(?:nanomet\w*|nm\b|percent\b|%|billion\b|million\b|trillion\b)", re.I)
# before a plural noun a blank is a number only when the item asks for one ("all ____ companies" asks which kind)
_EN_PLURAL_AFTER = re.compile(r"\s*-?\s*[a-z]+s\b", re.I)
_EN_ASKS_NUMBER = re.compile(r"\b(?:number|figure|digits?|how many)\b", re.I)
_EN_PART_AFTER = re.compile(r"\s*\((month|year|day)\)", re.I)
# a blank that says what a person or an organisation is ("기조연설을 맡은 석학은 ___이다", "평가한 언론사는 ___이다") asks
# who or which one; so does one before an affiliation ("( ) 소속 인사")
_KO_COPULA_AFTER = re.compile(r"\s*(?:\(?이\)?다|였다|이었다|이며|\(?이\)?라고)")
_KO_SUBJECT_BEFORE = re.compile(r"(?:(인물|사람|인사|석학|전문가|학자|연구원|대표|CEO|회장|총리|위원장|사회자|연사)|(?:언론사|매체|기업|회사|기관|단체|대학|업체|은행))"
                                r"(?:은|는|이|가)\s*$")
_KO_AFFILIATION_AFTER = re.compile(r"\s*소속")


def blank_question(question: str) -> str:
    """``question`` with each blank (:data:`_BLANK`) read as the interrogative that asks for it; a question with no
    blank as it is."""
    if not _BLANK.search(question):
        return question
    korean = re.search(r"[가-힣]", question) is not None

    def asked(m: re.Match[str]) -> str:
        after = question[m.end():]
        if korean:
            if _KO_COUNTER_AFTER.match(after):
                return "몇"
            if _KO_AFFILIATION_AFTER.match(after):
                return "어디"
            if _KO_COPULA_AFTER.match(after) and (subject := _KO_SUBJECT_BEFORE.search(question[:m.start()])):
                return "누구" if subject.group(1) else "어디"
            return "무엇"
        if (part := _EN_PART_AFTER.match(after)) is not None:
            return f"which {part.group(1).lower()}"
        counted = _EN_UNIT_AFTER.match(after) or _EN_PLURAL_AFTER.match(after) and _EN_ASKS_NUMBER.search(question)
        return "how many" if counted else "what"

    return _BLANK.sub(asked, question).replace("how many-", "how many ")  # "___-nanometre": how many nanometres


def question_type(question: str) -> str:
    """``money``, ``percent``, ``date_day``, ``date_year``, ``date``, ``count``, ``amount`` (a quantity of no named
    kind: "규모는 얼마야", "how large", answered by :func:`amount_spans`; qualified by what it measures when the
    question names it: ``amount:power`` "전력을 얼마나", ``amount:area``, ``amount:compute`` …), ``person``, ``reason``,
    ``comparison`` or ``other`` (no constraint). A count question that names what it counts is qualified by the family of its
    counter: ``count:people`` ("몇 명", "how many experts"), ``count:cases`` ("몇 건"), ``count:items`` …; a person
    question naming the role it asks about by the role (:func:`asked_roles`): ``person:founder``, ``person:ceo+founder``;
    a date question asking for the last day ("며칠까지", "폐막일", "when did it close") by ``:end`` (``date_day:end``);
    one asking which day of an event it was ("대회 며칠째") by ``:nth`` (``date_day:nth``); a year asked as such
    ("몇 년도", "what year") by ``:calendar`` (``date_year:calendar``); a Korean "언제" asked loosely (not the
    month, not exactly, naming no year) by ``:relative`` (``date:relative``: "지난해" answers it); ``page`` for where in a
    document ("몇 쪽에 있어", "on which page"), answered by an entry of a table of contents; ``label`` for the number a
    numbered item carries ("몇 번 항목이야", "몇 번으로 매겨져 있어"), ``label:figure`` / ``label:table`` for a figure's or a
    table's ("그림 몇 번이야"), answered by the number that opens a numbered line or by the label itself ("[그림 3]").
    A formal or terse request with no interrogative is typed by the value noun it names (:func:`requested_phrase`,
    :data:`_EN_TERSE_VALUE`)."""
    question = asked_clause(question).replace("몇몇", "일부")  # "몇몇 지표" is some, not how many
    question = requested_phrase(question) or question
    if _ASKS_NTH_DAY.search(question):
        return "date_day:nth"
    if _ASKS_DAYS.search(question):
        return "amount:unit:일"
    if _ASKS_DURATION.search(question):
        return "count:duration"
    for name, pattern in _Q_PATTERNS:
        if pattern.search(question):
            if name == "money" and _MONEY_KIND.search(question) and not _ASKS_AMOUNT.search(question):
                continue  # "어떤 비용을 낮춘다고 했어": which cost, not how much
            if name == "money" and _EN_WHICH_THING.search(question) and not _EN_HOW_MUCH.search(question):
                continue  # "… a model that could cut adoption costs. Which Chinese company released it?": a company
            if name.startswith("date") and _GIVEN_DATE.search(question) and _OTHER_WH.search(question) and all(
                    m.group(0).strip() in ("시기", "날짜", "연도") for m in pattern.finditer(question)):
                continue  # "시기가 2019년 8월로 적힌 정책은 어느 구분이야": the date is given, a category asked
            if name == "label":  # a figure's or a table's label, else a numbered item's
                m = _LABEL_KIND.search(question)
                return ("label:figure" if m.group(1) else "label:table") if m else "label"
            if name in ("count", "amount"):
                return _qualified(name, question)
            if name.startswith("date") and _ASKS_END.search(question) and not _ASKS_SPAN.search(question):
                return f"{name}:end"
            if (name == "date" and (_ASKS_WHEN.search(question) or _ASKED_WHEN_EN.search(question)
                                    and not _SUBORDINATE_WHEN_EN.search(question))
                    and not _ASKS_EXACT_WHEN.search(question)
                    and not _ASKS_SPAN.search(question)):
                return "date:relative"
            if name == "date_year" and _ASKS_CALENDAR.search(question):
                return "date_year:calendar"
            if name == "person" and _WH_FIRST_EN.match(question) and not _WHO_ASKED_EN.search(question):
                continue  # "What nationality is X, the expert who guided visitors?": a relative "who" asks nobody
            if name == "date" and _SUBORDINATE_WHEN_EN.search(question) and not _ASKED_WHEN_EN.search(question):
                continue  # "What is X's position, given when he is introduced …?": a clause of time asks no date
            if name == "person" and _RELATIVE_WHO.search(question) and len(pattern.findall(question)) == 1:
                continue  # "누가 앞장서는 어떤 싸움을 골랐어": 누가 is inside a clause describing the thing asked
            if name == "person":  # "통신사는 누구인가요" asks which organisation
                return "other" if _ORG_WHO.search(question) else person_type(question)
            if name == "comparison" and asks_which_document(question):
                continue  # "자료는 다섯 개 중 어느 거야": which document, not which of two things is more
            if name == "comparison" and all(m.group(0).startswith(("가장", "제일", "젤")) for m in pattern.finditer(question)) \
                    and (asks_place(question) or asks_organisation(question)):
                continue  # "제일 많이 보낸 나라는 어디야": a superlative asking which place or organisation asks for one
            return name
    if _PERSON_NAME_QUESTION.search(question):  # "라이예테크 CEO 이름이 뭐야", "관계자 이름 알려줘"
        return person_type(question)
    unit = asked_unit(question)
    if unit is not None:
        return f"amount:unit:{unit}"
    if not _EN_ASKS.search(question) and (m := _EN_TERSE_VALUE.search(question)) is not None:
        # qualified as an asked count or quantity is: "Total visitor count at …?" people, "Power consumption of …?" a power
        return _qualified(("date_day", "date_year:calendar", "count", "amount")[m.lastindex - 1], question)
    return _format_type(question)


def _qualified(kind: str, question: str) -> str:
    """``kind`` qualified by what the question counts (``count:people``, :func:`_count_family`) or measures
    (``amount:power``, :data:`_MEASURED`), when it says; any other kind as it is."""
    if kind == "count":
        family = _count_family(question)
    elif kind == "amount":
        family = next((f for f, (asked, _) in _MEASURED.items() if asked.search(question)), None)
    else:
        family = None
    return f"{kind}:{family}" if family else kind


# A terse request may say what kind of answer it wants only by the form it wants it in, not by an interrogative:
# "WAIC 2025 총 관람객 수 — 숫자만", "… release date? date only", "출시가 — 위안화로", "게재일 — YYYY-MM-DD". The words
# before the form are typed first ("총 관람객 수" asks a count); else the form names the kind: a number (any quantity),
# a date, a year or a sum of money. Grammar, not fitted.
_FORMAT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"날짜만|날짜로|연월일로|(?<![A-Za-z])YYYY[-./]?MM[-./]?DD(?![A-Za-z])|\b(?:date|day) only\b"
                        r"|\bjust the (?:date|day)\b", re.I)),
    ("date_year", re.compile(r"연도만|연도로|\byear only\b|\bjust the year\b", re.I)),
    ("money", re.compile(r"(?<![가-힣])(?:위안화|위안|달러|원화|엔화|유로)로\s*(?:만)?\s*[?？.]?\s*$"
                         r"|\bin (?:dollars|yuan|won|euros|USD|RMB|CNY|KRW)\s*[?.]?\s*$", re.I)),
    # ("숫자로 알려줘" asks for a number; "체계를 숫자로 뭐라고 불렀어" asks what a name made of numbers says)
    ("amount", re.compile(r"숫자만|숫자로만|수치만|(?:숫자|수치)로\s*(?:알려|답|써|적어|줘|주세요|부탁|[?？.!]|$)"
                          r"|\bnumbers? only\b|\bjust the (?:number|figure)\b|\bfigure only\b"
                          r"|\bas a number\b", re.I)),
)


_WHICH_ASKED = re.compile(r"어디|누구|누가|어느|무슨|어떤|\b(?:which|who|whom|where|what)\b", re.I)


def _format_type(question: str) -> str:
    """The type a terse request names by the form it wants its answer in (:data:`_FORMAT_KINDS`), else ``other``. A
    question that asks which one or who ("성과를 숫자로 내세운 곳은 어디야?") asks that, whatever form it mentions."""
    if _WHICH_ASKED.search(question):
        return "other"
    for kind, pattern in _FORMAT_KINDS:
        m = pattern.search(question)
        if m is None:
            continue
        before = question[:m.start()].rstrip(" \t—–-:,/?？(")
        if before and before != question:
            typed = question_type(before)
            if typed != "other":
                return typed
        return kind
    return "other"


# "며칠" asks a number of days, not a date, when it is a span: "최대 며칠까지 할 수 있어", "며칠 동안", "며칠이나 걸려",
# "며칠 안에", "며칠 전에 공고해야 돼" (a period before something). Answered by a number of days ("100일", "30일 이내").
# Grammar, not fitted.
_DAY_RANGE = re.compile(r"(?:\d{1,2}\s*월\s*)?\d{1,2}\s*일\s*(?:부터|~|∼|-)\s*(?:\d{1,2}\s*월\s*)?\d{1,2}\s*일(?:까지)?")
_ASKS_DAYS = re.compile(r"(?:최대|최장|최소|최단|길게|늘려|연장)\s*(?:몇\s*일|며칠)|(?:몇\s*일|며칠)\s*(?:동안|간|만에|이나|씩|안에|이내"
                        r"|이상|이하|을\s*넘|을\s*초과|전에|전까지|전부터|(?:이|가)?\s*걸)")

# How long, naming no unit ("앞으로 얼마 동안 강화해?", "얼마나 오래 걸려?", "over what time span?"): a span of time in
# any unit ("향후 10년 동안"), not an amount of something else nor a date. Grammar, not fitted.
_ASKS_DURATION = re.compile(r"얼마\s*(?:동안|간(?![가-힣]))|얼마나\s*(?:오래|걸[리렸려]|소요)|(?:기간|임기)[은는이가]?\s*(?:총\s*)?얼마|\b(?:what|which)\s+(?:time\s*span|length of time)\b",
                            re.I)

# An event's last day ("며칠까지 열렸어?", "폐막일", "When did it close?") is not the day it opened: a date question asking
# for the end is answered only by a date the text gives as an end — before 까지 or a word for closing, or after the
# "~" of a range ("7월 26일부터 27일까지" answers with 27일; "7월 26일, … 개최되었으며" does not). Grammar, not fitted.
_ASKS_END = re.compile(r"폐막|폐회|끝나|끝난|끝났|마지막\s*날|며칠까지|언제까지|몇\s*일까지|\bclos(?:e|ed|es|ing)\b|\bend(?:ed|s)?\b"
                       r"|\bconclud(?:e|ed|es)\b|\blast day\b", re.I)
# A year asked as such ("몇 년도", "연도", "what year"), not a number of years ("몇 년 발전사", "몇 년에 걸친"): answered
# only by a year of the calendar ("2018년", "2030"), not by "10년". Grammar, not fitted.
_ASKS_CALENDAR = re.compile(r"몇\s*년도|연도|몇\s*년에(?!\s*(?:걸|한\s*번|한번|\d))|\b(?:what|which)\s+year\b|\byear\s+in\s+which\b",
                            re.I)
_CALENDAR_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d)")
# … unless it asks for the whole span ("언제부터 언제까지", "from when to when"): then its start answers too
_ASKS_SPAN = re.compile(r"부터.*까지|\bfrom\b.*\b(?:to|until|till)\b|\bbetween\b|기간", re.I)
_END_AFTER = re.compile(r"\s*(?:까지|에\s*(?:폐막|폐회|종료|마무리|막을\s*내)|(?:에|로)?\s*(?:폐막|폐회|종료|끝))")
_END_BEFORE = re.compile(r"(?:~|∼|–|-|부터\s*)\s*$")


def ends_range(sentence: str, span: Span) -> bool:
    """Whether the date ``span`` is given as an end: followed by 까지 or a word for closing, or the second date of a
    range ("26일부터 27일까지", "26~27일")."""
    return bool(_END_AFTER.match(sentence, span.end)) or bool(_END_BEFORE.search(sentence[max(0, span.start - 4):span.start]))


# The roles a "who" question can ask for by name ("Who founded DeepSeek?", "누가 세운 회사야?", "CEO는 누구야?"):
# the question's words for the role, and the titles the text writes beside the holder's name. A person question
# naming roles is answered only by a name whose item carries one of their titles ("원거테크놀러지 왕레이 이사장"
# did not found DeepSeek). Grammar and common titles, not fitted.
_ROLES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "founder": (re.compile(r"창업자|창립자|설립자|창업주|창업한|설립한|창립한|세운|\bfound(?:ed|er|ers)\b|\bco-?founder", re.I),
                re.compile(r"창업자|창립자|설립자|창업주|창업|founder", re.I)),
    # a company's 대표 asked by name ("거기 대표 이름이 뭐야", "대표는 누구") is its chief executive
    "ceo": (re.compile(r"(?<![A-Za-z])CEO(?![A-Za-z])|최고경영자|\bchief executive\b"
                       r"|(?<![가-힣])대표(?:이사)?(?=(?:는|가|님|의)?\s*(?:이름|누구|성함|누군))", re.I),
            re.compile(r"CEO|최고경영자|chief executive|대표이사", re.I)),
    "chair": (re.compile(r"회장|이사장|의장|위원장|\bchair(?:man|woman|person)?\b", re.I),
              re.compile(r"회장|이사장|의장|위원장|chair", re.I)),
    "president": (re.compile(r"총장|(?<!이)사장|대통령|\bpresident\b", re.I),
                  re.compile(r"총장|(?<!이)사장|대통령|president", re.I)),
    "spokesperson": (re.compile(r"대변인|\bspokes(?:person|man|woman)\b", re.I), re.compile(r"대변인|spokes", re.I)),
    "minister": (re.compile(r"장관|\bminister\b", re.I), re.compile(r"장관|minister", re.I)),
    "editor": (re.compile(r"편집장|편집국장|편집인|총편집|주필|\beditors?(?:-in-chief)?\b", re.I),
               re.compile(r"편집장|편집국장|편집인|총편집|주필|editor", re.I)),
    "producer": (re.compile(r"(?<![A-Za-z])PD(?![A-Za-z])|프로듀서|연출가|연출자|\bproducers?\b", re.I),
                 re.compile(r"(?<![A-Za-z])PD(?![A-Za-z])|프로듀서|연출|producer", re.I)),
    # who chaired a discussion: "원탁 토론 사회는 누가 봤어?" (사회 with a verb of taking it on; not 사회, society)
    "moderator": (re.compile(r"사회자|진행자|사회(?:를|는|은|도)?\s*(?:누가\s*|누구가\s*)?(?:봤|본|보았|맡)|\bmoderat(?:or|ors|ed)\b"
                             r"|\bemcee\b", re.I),
                  re.compile(r"사회자|진행자|사회를|moderat|emcee", re.I)),
    # who wrote or photographed a report: a byline names a reporter ("기자회견" is a press conference)
    "reporter": (re.compile(r"(?<![가-힣])(?:사진\s*)?기자(?!회견|간담회|단|실|석)|특파원|바이라인|\breporter\b|\bjournalist\b"
                            r"|\bphotographer\b|\bcorrespondent\b|\bbyline\b", re.I),
                 re.compile(r"기자|특파원|reporter|journalist|photographer|correspondent", re.I)),
}


# A title the question gives a person it names, to say who they are, is not the role it asks about: "Who founded
# Zand Bank, … whose CEO Chen Yutao spoke" (a title before a name in Latin letters), "왕레이 이사장이 이끄는
# 원거테크놀러지, 처음 창업한 사람은" (a title that is the subject of a clause describing something else, not the
# one a 누구 asks for). Only when the question names another role, which is then the one asked. Grammar, not fitted.
_DESCRIBING_TITLE = re.compile(r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+|(?:이|가)\s+(?!누구|누군|어떤|어느|무슨|뭐)[가-힣0-9A-Za-z]")

_ROLE_VERB = re.compile(r"(?:ed|한|운)$")  # "founded Zand Bank", "창업한": the role asked by its verb


def asked_roles(question: str) -> list[str]:
    """The roles (:data:`_ROLES`) a question asks about by name, in their order there, without one it only
    gives a person it names (see above) when another remains."""
    roles = [role for role, (asked, _) in _ROLES.items() if asked.search(question)]
    if len(roles) < 2:
        return roles
    asked = [role for role in roles
             if not all(_DESCRIBING_TITLE.match(question, m.end()) and not _ROLE_VERB.search(m.group(0))
                        for m in _ROLES[role][0].finditer(question))]
    return asked or roles


def person_type(question: str) -> str:
    """``person``, qualified by the roles the question names (``person:founder``, ``person:founder+ceo``)."""
    roles = asked_roles(question)
    return "person:" + "+".join(roles) if roles else "person"


def holds_role(item: str, roles: list[str]) -> bool:
    """Whether the text ``item`` (a name's enumeration item) writes a title of one of ``roles``."""
    return any(_ROLES[r][1].search(item) for r in roles)


def base_type(qtype: str) -> str:
    """``count:people`` → ``count``; other types unchanged."""
    return qtype.split(":", 1)[0]


# the counter a count span ends with: any counter some family accepts, longest first
_SPAN_COUNTER = re.compile("(" + "|".join(sorted(set().union(*_FAMILIES.values()), key=lambda c: (-len(c), c))) + r")\s*$")
_SPAN_NOUN = re.compile(r"\b([a-z]+s)$", re.I)


def _counted_as(family: str, text: str) -> bool:
    """Whether the count span ``text`` counts things of ``family``: by its Korean counter, or by the family
    of its English noun ("12 experts" counts people)."""
    m = _SPAN_COUNTER.search(text)
    if m:
        return m.group(1) in _FAMILIES[family]
    m = _SPAN_NOUN.search(text)
    return m is not None and _english_family(m.group(1)) == family


def _gae_family(sentence: str, span: Span) -> str | None:
    """The family of the noun counted by a span ending in the generic counter 개 (the clause after it, else the
    word before it), or None when no noun of a known family is beside it."""
    after = _GAE_AFTER.match(sentence, span.end).group(0)
    before = _GAE_BEFORE.search(sentence[max(0, span.start - 12):span.start])
    return _noun_family(after) or _noun_family(before.group(1) if before else "")


def _counted_as_in(family: str, span: Span, sentence: str) -> bool:
    """:func:`_counted_as`, reading a generic ``개`` by the noun beside it: it counts countries or companies only
    with such a noun, and counts items unless the noun is of another family."""
    m = _SPAN_COUNTER.search(span.text)
    if m is None or m.group(1) != "개":
        return _counted_as(family, span.text)
    if family not in _FAMILIES or "개" not in _FAMILIES[family]:
        return False
    if family == "things":
        return True
    noun_family = _gae_family(sentence, span)
    if family in ("countries", "companies"):
        return noun_family == family
    if family == "places":  # 곳 counts organisations as well as places ("기관 몇 곳" is answered by "10개 기관")
        return noun_family in (None, "companies")
    return noun_family is None


# Quoted speech: what a person is quoted as saying ("“중국의 창업자들은 딥시크 …”라고 왕레이 이사장은 덧붙였다") names
# neither their title nor their organisation. Grammar, not fitted.
_QUOTED_SPEECH = re.compile(r"[\"“”][^\"“”]{2,}[\"“”]")


def _own_item(sentence: str, span: Span) -> str:
    """The enumeration item of a name (:func:`segment`) without the quoted speech in it, unless the name is
    written inside that quote."""
    start, end = segment_bounds(sentence, span)
    item = sentence[start:end]
    return _QUOTED_SPEECH.sub(lambda m: m.group(0) if start + m.start() <= span.start < start + m.end() else " ", item)


# The organisation a name's own noun phrase gives it to: "잔드뱅크의 천위타오 CEO" → 잔드뱅크, "인플레임(Enflame)의
# 자오리둥 CEO" → 인플레임(Enflame). The nearest word ending in 의 before the name, with at most three words between
# that do not end in 의 themselves ("… 최초의 디지털 은행인 잔드뱅크의 천위타오" is 잔드뱅크's, not 최초's). A name so
# owned does not answer for another organisation the sentence merely mentions ("… 앤트디지털테크놀로지와 협력 관계를
# 맺고"). Grammar, not fitted.
_OWNER_BEFORE = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z0-9]{2,}(?:\([^()]{1,40}\))?)의\s+(?:\S+(?<!의)\s+){0,3}$")


def _owner_before(sentence: str, span: Span) -> str | None:
    """The organisation the name ``span`` is written as belonging to (see above), or None."""
    m = _OWNER_BEFORE.search(sentence[max(0, span.start - 80):span.start])
    return m.group(1) if m else None


def _owned_by(owner: str | None, holder: str) -> bool:
    """Whether a name whose phrase gives it to ``owner`` (None: to no one) may answer for ``holder``."""
    return owner is None or holder.lower() in owner.lower() or owner.split("(")[0].lower() in holder.lower()


def _writes_holder(item: str, holder: str) -> bool:
    """Whether a name's item writes the organisation ``holder``: whole, or an English one without its last word,
    which the Korean text may write apart ("First Farm Technology" in "퍼스트 팜(First Farm, 一號農場) 테크놀로지")."""
    item = item.lower()
    words = holder.split()
    return holder.lower() in item or (len(words) >= 2 and holder.isascii()
                                      and " ".join(words[:-1]).lower() in item)


def find_spans(qtype: str, sentence: str, holder: str | None = None) -> list[Span]:
    """Spans of ``sentence`` holding something of type ``qtype`` (empty for ``other``); for a count
    qualified by a family, only counts with a counter of that family; for a person, the names written beside
    a title (:func:`person_names`), and with the organisation the question gives the title to (``holder``,
    :func:`title_holder`), only names whose enumeration item writes it ("스텝펀의 CEO" is not answered by
    "인플레임(Enflame)의 자오리둥 CEO")."""
    kind, _, family = qtype.partition(":")
    if kind == "person":
        names = person_names(sentence)
        if family:  # the roles asked ("person:founder"): a name whose item carries one of their titles
            names = [n for n in names if holds_role(_own_item(sentence, n), family.split("+"))]
        if holder:
            return [n for n in names if _writes_holder(_own_item(sentence, n), holder)
                    and _owned_by(_owner_before(sentence, n), holder)]
        return names or office_names(sentence)
    if kind == "amount" and family.startswith("unit:"):  # "몇 메가픽셀": a number written in that unit
        unit = re.escape(family[len("unit:"):])
        # A number of days is a span ("100일을 초과", "20일 이상", "60일 이내", "3일간"); "7월 26일", "26일 WAIC에서",
        # "27일까지" are dates.
        days = (r"(?<!월)(?<!월\s)", rf"(?=간|동안|\s*(?:{_SPAN_WORDS})|을|를|의|씩|로|으로)") if unit == "일" \
            else ("", "")
        spans = [Span("amount", m.group(1), m.start(1), m.end(1))
                 for m in re.finditer(rf"{days[0]}(?<![\d,.])(\d[\d,.]*\s*(?:여\s*)?{unit}){days[1]}", sentence)]
        if unit == "일":  # how long, answered by the dates it ran between ("7월 26일부터 27일까지")
            spans += [Span("amount", m.group(0), m.start(), m.end()) for m in _DAY_RANGE.finditer(sentence)]
        return sorted(spans, key=lambda sp: sp.start)
    if kind == "amount":
        spans = amount_spans(sentence)
        if family:  # "전력을 얼마나 먹어": only a measure of that kind (a power in W, not "300PFlops")
            spans = [sp for sp in spans if _MEASURED[family][1].search(sp.text)]
        return spans
    if kind == "page":  # an entry of a table of contents: its page number
        m = contents_page(sentence)
        return [Span("page", m.group(1), m.start(1), m.end(1))] if m else []
    if kind == "label":  # the number a numbered line opens with, or a figure's or a table's label
        if family == "document":  # a law's, an order's or a resolution's number; several, as a list
            return [Span("label", ", ".join(re.findall(r"\d+", m.group(0))) if "/" in m.group(0) else m.group(0).strip(" ()"),
                         m.start(), m.end()) for m in _DOCUMENT_NUMBER.finditer(sentence)]
        if family:
            pattern = _FIGURE_LABEL if family == "figure" else _TABLE_LABEL
            return [Span("label", m.group(0).strip(), m.start(), m.end()) for m in pattern.finditer(sentence)]
        m = _NUMBERED_LINE.match(sentence)
        return [Span("label", m.group(m.lastindex), m.start(m.lastindex), m.end(m.lastindex))] if m else []
    if family == "nth":  # "대회 며칠째": the day counted from the first ("첫날", "사흘째"), not a date
        return [Span(kind, m.group(1), m.start(1), m.end(1)) for m in _NTH_DAY.finditer(sentence)]
    extra: list[Span] = []
    if family == "relative":  # "언제 일이에요?": news dates an event by the year it falls in ("지난해", "올해")
        extra = [Span(kind, m.group(1), m.start(1), m.end(1)) for m in _RELATIVE_YEAR.finditer(sentence)]
    if family == "ordinal":  # "몇 번째로 생긴 은행": the first ("최초의", "첫 번째") is an ordinal
        extra = [Span(kind, m.group(1), m.start(1), m.end(1)) for m in _FIRST.finditer(sentence)]
    pattern = _A_PATTERNS.get(kind)
    if pattern is None:
        return []
    spans = [Span(kind, m.group(1).strip(), m.start(1), m.end(1)) for m in pattern.finditer(sentence)
             if m.group(1).strip() and not _no_value(sentence, m.start(1), m.group(1).strip())]
    if family == "end":  # the last day asked: only a date given as an end
        return [sp for sp in spans if ends_range(sentence, sp)]
    if family == "calendar":  # a year asked as such: a year of the calendar, not a number of years
        return [sp for sp in spans if _CALENDAR_YEAR.match(sp.text)]
    if kind == "count" and family:
        spans = [s for s in spans if _counted_as_in(family, s, sentence)]
    elif kind == "count":  # "얼마나 되나요" of no named kind: a measure answers too ("7만㎡")
        extra = [Span(kind, m.group(1).strip(), m.start(1), m.end(1)) for m in _MEASURE.finditer(sentence)]
    if extra:
        spans = sorted(spans + extra, key=lambda sp: sp.start)
    if kind == "money":  # "600억 위안(약 8.2억 달러)": one sum, restated in another currency
        spans = _with_restatements(spans, sentence)
    return spans


# Numbers that are no value of the kind they look like (grammar, not fitted): an article of a law ("제129조", "제5조제1항"
# — not 129 trillion); a number of months ("6월 이내에 실시", "3월 이상") — not a month; a number of days ("40일 전까지",
# "20일 이상") or a day past 31 — not a day of the month.
_ARTICLE = re.compile(r"제\s*$")
_MONTHS_SPAN = re.compile(r"^\d{1,2}\s*월$")
_DAYS_SPAN = re.compile(r"^(\d{1,3})\s*일$")
_SPAN_WORDS = "이내|이상|이하|미만|내지|전|후|만에"  # after a number of days or months, a span: "20일 이상", "6월 이내"
_DURATION_AFTER = re.compile(rf"^\s*(?:{_SPAN_WORDS}|초과|간|동안|마다|을\s*(?:초과|넘))")


def _no_value(sentence: str, start: int, text: str) -> bool:
    """Whether the number ``text`` at ``start`` of ``sentence`` is no value of the kind it looks like (above)."""
    if _ARTICLE.search(sentence[max(0, start - 2):start]) and re.search(r"조$", text):
        return True
    after = sentence[start + len(text):start + len(text) + 8]
    if _MONTHS_SPAN.match(text) and _DURATION_AFTER.match(after):
        return True
    day = _DAYS_SPAN.match(text)
    return bool(day) and (int(day.group(1)) > 31 or bool(_DURATION_AFTER.match(after)))


# The label a numbered line opens with ("4. 주요 기업 기술 성과 발표 및 전시", "2) 영국 시각", "③ …"), and the words that
# name a figure or a table beside its number ("[그림 3]", "<표 2>", "Figure 1")
_NUMBERED_LINE = re.compile(r"^\s*(?:\((\d{1,2})\)|(\d{1,2})[.)](?!\d)|([①-⑳]))\s*(?=\S)")


def _label_of(words: str) -> re.Pattern[str]:
    return re.compile(rf"[\[<〈]\s*(?:{words})\s*\d{{1,3}}\s*[\]>〉]|(?<![가-힣A-Za-z])(?:{words})\s*\d{{1,3}}(?![\d.])", re.I)


# a document's number as written: "법률 제17573호", "제14179호", "1호 령", "No. 14179", "EO 14179", "A/RES/78/265", or
# numbers right after the document's noun ("유엔 안보리 결의 ( 1373/1838/1846/1851 )", "Executive Order 14179")
_DOCUMENT_NUMBER = re.compile(
    r"제\s*\d[\d-]*\s*호|(?<![\d,.])\d{1,6}\s*호(?=\s*(?:령|법|명령|결의)|[^가-힣]|$)|\bNo\.\s*\d+|\bE\.?O\.?\s*\d{4,6}\b"
    r"|\b[A-Z]{1,4}/RES/[\d/]+|"
    r"(?:(?<=결의\s)|(?<=법률\s)|(?<=명령\s)|(?<=조례\s)|(?<=령\s))\(?\s*\d{3,6}(?:\s*/\s*\d{3,6})*\s*\)?|(?<=\bOrder\s)\d{3,6}|(?<=\bResolution\s)\d{3,6}",
    re.I)
_FIGURE_LABEL = _label_of(r"그림|도표|Figure|Fig\.|Chart")
_TABLE_LABEL = _label_of(r"표|Table")


def is_sum(text: str) -> bool:
    """Whether ``text``, a quantity's span, is a sum of money: it opens with one (``_A_PATTERNS["money"]``: "600억
    위안(약 8.2억 달러)", "$5 million"), not a measure or a count ("7만㎡", "2,700개")."""
    return _A_PATTERNS["money"].match(text) is not None


_TIME_OR_POSITION = re.compile(r"(?:년|주년|개월|시간|회째|번째|위)\s*$")


def amount_spans(sentence: str, counts: bool = True) -> list[Span]:
    """The quantities of ``sentence`` that answer "얼마" / "how much", in the order written: money, percentages and
    measures ("300PFlops", "7만㎡"); counts ("2,700개") only when there are none of those and ``counts`` allows
    (a count answers "how much" only when nothing is measured)."""
    def found(*patterns: re.Pattern[str]) -> list[Span]:
        return [Span("amount", m.group(1).strip(), m.start(1), m.end(1))
                for pattern in patterns for m in pattern.finditer(sentence)
                if m.group(1).strip() and not _no_value(sentence, m.start(1), m.group(1).strip())]

    spans = found(_A_PATTERNS["money"], _A_PATTERNS["percent"], _MEASURE) or (
        # a span of time or a position is no quantity of the thing asked: "주가가 얼마나 빠졌어", "how much has it
        # spent" are not answered by "10년" (a duration is asked as such: "얼마나 걸렸어", "얼마 동안")
        [sp for sp in found(_A_PATTERNS["count"]) if not _TIME_OR_POSITION.search(sp.text)] if counts else [])
    spans.sort(key=lambda sp: (sp.start, -sp.end))
    spans = [sp for i, sp in enumerate(spans) if not any(o.start <= sp.start and sp.end <= o.end for o in spans[:i])]
    return _with_restatements(spans, sentence)


_RESTATED = re.compile(r"\(([^()]{1,30})\)")


def _with_restatements(spans: list[Span], sentence: str) -> list[Span]:
    """A quantity followed by the same quantity in another unit in parentheses ("600억 위안(약 8.2억 달러)") is one
    span with its restatement, not two competing ones."""
    out: list[Span] = []
    for sp in spans:
        if out and out[-1].start <= sp.start < out[-1].end:
            continue  # inside the restatement just taken
        m = _RESTATED.match(sentence, sp.end)
        if m and any(m.start(1) <= o.start and o.end <= m.end(1) for o in spans):
            sp = Span(sp.type, sentence[sp.start:m.end()], sp.start, m.end())
        out.append(sp)
    return out


def type_matches(qtype: str, sentence: str, holder: str | None = None) -> bool:
    """True when the sentence holds something of the asked type (always true for ``other``); ``holder`` as in
    :func:`find_spans`."""
    return qtype == "other" or bool(find_spans(qtype, sentence, holder))


# People's names ---------------------------------------------------------------------------------------
# The lead of a "who" answer is the name beside a title. Korean writes the name before the title ("리창 총리",
# "스쥔(史軍) CEO", "조지 천 파트너") unless the title stands alone before it ("공동 최고경영자(CEO) 세키도
# 료지가", "전 구글 CEO 에릭 슈미트,"). Grammar, not fitted: a name is one Hangul word of two to five syllables,
# two words when the first word of a Latin alias says so ("비처 애슐리-브라운(Beecher Ashley-Brown)") or when
# the last word is a single syllable ("조지 천"); the title decides the side: a particle or a comma right after
# the title closes the phrase, so the name is before it; a bare title followed by words has the name after it.
_TITLE = (r"(?:CEO|CTO|CFO|COO|총리|대표(?!\s+(?:칩|제품|모델|상품|브랜드|작품|기업|사례|서비스|기술|주자|분야|산업|성과|플랫폼|프로젝트)(?:명|들)?(?:이|가|은|는|을|를|의|도|로|으로)?(?![가-힣]))|회장|부회장|사장|부사장|장관|주석|교수|박사|창업자|창립자|설립자|대통령|위원장|의장|"
          r"국장|소장|원장|책임자|이사장|이사|연구원|매니저|총재|파트너|아키텍트|총괄|애널리스트|기자|대사)")
_TITLE_WORD = re.compile(_TITLE)
_HANGUL_WORD = r"[가-힣]{1,5}(?:-[가-힣]{1,5})?"
_NAME_BEFORE = re.compile(
    rf"(?<![가-힣A-Za-z0-9(])((?:{_HANGUL_WORD}\s)?{_HANGUL_WORD})(\s?\([^()]{{1,40}}\))?"
    r"(?:\s(?:전|현)(?:\s[가-힣A-Za-z]{1,6})?)?"  # "도널드 트럼프 전 미국 대통령": a former or current title, maybe of a country
    rf"\s(?:수석\s|공동\s)?{_TITLE}"
    r"(?=는|은|이|가|의|을|를|도|와|과|에게|으로|로|\s겸|\s등(?:[이을은과의도]|\s)|,|\.|”|\"|\)|$)")
_NAME_AFTER = re.compile(
    rf"{_TITLE}\)?\s(?!등(?:[이을은과의도]|\s))((?:{_HANGUL_WORD}\s)?{_HANGUL_WORD}?)(?:는|은|이|가|의|와|과|도|를|을)?(?=\s*[,.(]|\s)")
# words that stand before a title without being a name (an organisation's unit, a rank, a region)
_NOT_NAME = re.compile(r"^(?:공동|최고|수석|지역|전|현|신임|초대|대표|부문|본부|그룹|회사|기업|중국|미국|한국|일본|영국|"
                       r"정부|국무원|부|사|겸|및|등|그|이|저|한|두|세|각|전임|현직|당시|총|부총|명예|상임|집행|"
                       r"글로벌|스마트|주행|테크놀로지|태평양|아시아|유럽|산업|제품부|연구소|대학|중국과학원"
                       r"|아태|아시아태평양|동북아|동남아|중동|북미|남미)$"
                       # a word a case particle of two syllables ends ("원장의 제청으로 대통령이"), or a title or office
                       # with its particle ("감사위원은 원장의 …"): official texts, not names
                       r"|^[가-힣]+(?:으로|에게|에서|께서|로서|부터|까지|에는)$"
                       r"|^[가-힣]*(?:위원|의원|장관|원장|총리|대통령|재판관|법관)(?:은|는|이|가|의)$")
_PARTICLE_END = re.compile(r"(?<=[가-힣]{2})(?:는|은|이|가|의|와|과|도|를|을)$")
# a word that ends a clause or a phrase is not a given name before a one-syllable surname ("보도에 의하면 리 총리")
_ENDS_PHRASE = re.compile(r"(?<=[가-힣]{2})(?:면|며|고|서|에|는|은|을|를|의|다)$")


def _name_words(words: list[str], alias: str) -> list[str]:
    """The words of ``words`` (one or two Hangul words before a title) that make the name."""
    latin = re.findall(r"[A-Za-z][A-Za-z-]*", alias)
    if len(words) == 2 and _NOT_NAME.match(words[0]) is None and _ENDS_PHRASE.search(words[0]) is None and (
            len(latin) >= 2 or len(words[1].replace("-", "")) == 1):
        return words
    return words[-1:]


# English text: a capitalised name of two or three words after a title ("CEO Eric Schmidt", "Premier Li Qiang",
# "Dr. Jane Smith") or before a comma and a title ("Eric Schmidt, former CEO of Google").
_EN_PERSON_TITLE = (r"(?:CEO|CTO|CFO|COO|Premier|President|Chairman|Chairwoman|Chair|Founder|Co-founder|Director|"
                    r"Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Minister|Secretary|Partner|Vice President)")
_EN_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_EN_NAME_AFTER = re.compile(rf"\b(?i:{_EN_PERSON_TITLE})\s+({_EN_WORD}(?:\s+{_EN_WORD}){{1,2}})")
_EN_NAME_BEFORE = re.compile(
    rf"\b({_EN_WORD}(?:\s+{_EN_WORD}){{1,2}}),\s+(?:the\s+|a\s+|former\s+|then\s+)*"
    r"(?:[a-z-]+\s+){0,2}(?i:CEO|CTO|chief executive|founder|co-founder|chairman|chairwoman|president|director|"
    r"head|professor|partner|minister|premier)\b")


# A Western name written in Hangul word by word with its Latin spelling after it: "스테파니 앤 스톤(Stephanie Ann
# Stone)", two or three words each side, as many on both, and no word of an organisation's or a work's name
# ("모델-칩 생태계 혁신 연합(Model-Chip Ecosystem Innovation Alliance)", "세계 인공지능 회의(World Artificial
# Intelligence Conference)"). A person whatever title stands near. Grammar, not fitted.
_TRANSLITERATED = re.compile(r"((?:[가-힣]{1,4}\s){1,2}[가-힣]{1,4}?)(?:은|는|이|가|의)?"
                             r"\(((?:[A-Z][a-z]+\s){1,2}[A-Z][a-z]+)\)")
_NOT_PERSON_WORD = re.compile(
    r"^(?:Alliance|Conference|Group|Technolog\w*|Bank|University|Institute|Organi[sz]ation|Committee|Council|Forum|"
    r"Company|Corporation|Association|Affairs|Times|Daily|News|Post|Review|Plan|Action|Program|Lab|Labs|Robotics|"
    r"Cloud|Chamber|Commerce|Intelligence|Artificial|World|Global|International|Digital|National|Foundation|Center|"
    r"Centre|Agency|Ministry|Party|Union|Partners|Capital|Ventures|Systems|Network|Networks|Holdings|Electronics|"
    r"Semiconductor|Motors|Media|Smart|Tower|Hall|Society|Summit|Initiative|Strategy|Industry|Industries|Innovation|"
    r"Ecosystem|Model|Models|Research|Science|Sciences|Academy|Economic|Economy|Development|Security|Governance|"
    r"First|America|American|China|Chinese|Korea|Korean|Foreign|Financial|Solutions|Platform|Service|Services)$")


def _transliterated_names(sentence: str) -> Iterator[Span]:
    """The names of :data:`_TRANSLITERATED` in ``sentence`` (the Hangul words with their Latin spelling)."""
    for m in _TRANSLITERATED.finditer(sentence):
        latin = m.group(2).split()
        words = list(re.finditer(r"[가-힣]+", m.group(1)))
        if len(words) < len(latin) or any(_NOT_PERSON_WORD.match(w) for w in latin):
            continue
        first = words[-len(latin)]  # the last words before the parenthesis, one per word of the spelling
        start = m.start(1) + first.start()
        if start > 0 and re.match(r"[가-힣A-Za-z0-9-]", sentence[start - 1]):
            continue
        yield Span("person", sentence[start:m.end(2) + 1], start, m.end(2) + 1)


def person_names(sentence: str) -> list[Span]:
    """Names of people written beside a title in ``sentence`` (see above), in order, each with its alias in
    parentheses when it has one ("스쥔(史軍)"); in English text, a capitalised name beside a title; and a Western
    name written in Hangul with its Latin spelling (:data:`_TRANSLITERATED`)."""
    out: list[Span] = []
    taken: set[int] = set()
    for pattern in (_EN_NAME_AFTER, _EN_NAME_BEFORE):
        for m in pattern.finditer(sentence):
            if m.start(1) not in taken:
                out.append(Span("person", m.group(1), m.start(1), m.end(1)))
                taken.add(m.start(1))
    for m in _NAME_BEFORE.finditer(sentence):
        words = m.group(1).split()
        alias = m.group(2) or ""
        name = _name_words(words, alias)
        if any(_NOT_NAME.match(w) for w in name) or len(name[-1].replace("-", "")) < 2 and len(name) == 1:
            continue
        start = m.start(1) + (len(m.group(1)) - len(" ".join(name)))
        end = m.end(2) if m.group(2) else m.end(1)
        out.append(Span("person", sentence[start:end].strip(), start, end))
        taken.add(start)
    for m in _NAME_AFTER.finditer(sentence):
        words = m.group(1).split()
        if not words or any(_NOT_NAME.match(w) for w in words):
            continue
        name = " ".join(words)
        stripped = _PARTICLE_END.sub("", name)
        start = m.start(1)
        if start in taken or len(stripped.replace(" ", "")) < 2:
            continue
        out.append(Span("person", stripped, start, start + len(stripped)))
    for span in [*_transliterated_names(sentence), *_sponsor_names(sentence)]:
        if not any(o.start <= span.start < o.end or span.start <= o.start < span.end for o in out):
            out.append(span)
    return sorted(out, key=lambda s: s.start)


# A bill's sponsor, written with the title glued to the name as bills print it: "(안상수의원 대표발의)", "홍길동의원 등
# 10인", "홍길동의원 외 12인". Only beside those words, since a glued 의원 is also part of nouns ("국회의원"). Grammar.
_SPONSOR = re.compile(r"(?<![가-힣])(?!국회의원)([가-힣]{2,4})의원\s*(?=대표\s*발의|등\s*\d+\s*인|외\s*\d+\s*인)")


def _sponsor_names(sentence: str) -> list[Span]:
    return [Span("person", m.group(1), m.start(1), m.end(1)) for m in _SPONSOR.finditer(sentence)]


# An office acting in a sentence answers "who" when no one is named: laws and official texts say who does something by
# office ("대법원장은 … 대통령이 임명한다", "국무총리에게 건의할 수 있다", "합동참모의장이 작전 지휘"). A Hangul word
# ending in an office's name, as the subject, topic or addressee (이/가/은/는/께서/에게/도/만); a title that also follows
# a person's name ("리 총리는", "장관은") only as part of an office's name ("국무총리", "행정안전부장관"), and 시장 never
# (a market). Only when the sentence names no person beside a title, and not for a question giving the organisation
# whose officer it asks ("스텝펀의 대표"). Grammar, not fitted.
_OFFICE = re.compile(r"(?<![가-힣])([가-힣]{0,8}?(?:대통령|국무총리|국무위원|재판관|대법관|교육감|도지사|임용권자)"
                     r"|[가-힣]{1,8}?(?:총리|장관|차관|의장|위원장|원장|청장|처장|총장|군수|구청장|사령관|참모총장))"
                     r"(?=(?:이|가|은|는|께서|에게|도|만)(?![가-힣]))")


def office_names(sentence: str) -> list[Span]:
    """The offices acting in ``sentence`` (:data:`_OFFICE`)."""
    return [Span("person", m.group(1), m.start(1), m.end(1)) for m in _OFFICE.finditer(sentence)]


def segment(sentence: str, span: Span) -> str:
    """The part of ``sentence`` between the commas (or semicolons) either side of ``span``, commas inside
    parentheses not counted: one item of an enumeration ("라이예테크(來也科技) 왕관춘(汪冠春) CEO")."""
    start, end = segment_bounds(sentence, span)
    return sentence[start:end]


def segment_bounds(sentence: str, span: Span) -> tuple[int, int]:
    """Where :func:`segment` starts and ends in ``sentence``."""
    depth, cuts = 0, [-1]
    for i, ch in enumerate(sentence):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;，" and depth == 0:
            cuts.append(i)
    start = max(c for c in cuts if c < span.start) + 1
    end = min([c for c in cuts if c >= span.end] or [len(sentence)])
    return start, end


# A person asked by name rather than by 누구/who: a title or a word for a person right before 이름/성함
# ("라이예테크 CEO 이름이 뭐야", "거기 대표 이름이 뭐예요", "알리바바 클라우드 관계자 이름") or "the name of the CEO".
_PERSON_NOUN = (rf"(?:{_TITLE}|관계자|인물|사람|필자|저자|담당자|임원|경영자|진행자|사회자|연사|발표자|창업주|전문가"
                r"|PD|프로듀서|연출가|연출자|앵커|편집장|편집자|작가|감독)")
_PERSON_NAME_QUESTION = re.compile(  # "… 담당하는 PD, 이름이 뭐예요?": the person set off by a comma
    rf"{_PERSON_NOUN}\s*(?:,\s*)?(?:의\s*)?(?:이름|성함|실명|본명)|\bname of (?:the|its|their)\s+(?:[\w'’-]+\s+){{0,2}}"
    r"(?:CEO|founder|chairman|chair|president|head|director|moderator|author|executive|spokesperson)\b", re.I)
# the one who founded it, said with a verb ("원거테크놀러지, 처음 창업한 사람은 누구야"): a title like 창업자
_FOUNDING_ONE = (r"(?:(?:처음|맨\s?처음|최초로)\s)?(?:창업|설립|창립)(?:한|했던)\s?(?:사람|분|이)|세운\s?(?:사람|분|이)"
                 # a founder's title after a founding verb ("원거테크놀러지를 처음 세운 창립자"): the verb's object
                 r"|(?:세운|차린|만든|(?:창업|설립|창립)한)\s?(?:창립자|설립자|창업자|창업주)")
# The organisation a Korean question gives the title to: the first word of the noun phrase that ends in the
# title ("액센추어 아시아 태평양 공동 CEO" → 액센추어, "스텝펀의 CEO" → 스텝펀). Read backwards from the title over
# words without a particle (a word ending in 의 closes the phrase and is its first word); rank and region words
# (공동, 전, 지역 …) and demonstratives (거기) are never the holder. A topic set off by a comma before them holds the
# title ("잔드뱅크랑 손잡은 앤트디지털테크놀로지, 거기 CEO는 누구야" → 앤트디지털테크놀로지, not 잔드뱅크), unless a
# word after the comma already names the holder, or the word before the comma is a conjunction ("근데, 거기 CEO")
# or a kind of organisation ("… 처음 생긴 온라인 전용 은행, 거기 대표": a description, not a name).
_HOLDER_TITLE = re.compile(
    rf"((?:[가-힣A-Za-z0-9()\u4e00-\u9fff-]+,?\s+){{0,5}}?)(?:수석\s|공동\s)?(?:{_TITLE}|{_FOUNDING_ONE})"
    r"(?=\s*(?:은|는|이|가|의)?\s*(?:누구|누군|이름|성함|겸)|\s*(?:들\s*)?(?:중에서|중에|가운데|중)\s)")
# a person asked by the side they speak for ("스텝펀 쪽 인물은 누구야", "화웨이 측 관계자 이름"): that organisation holds them
_SIDE_PERSON = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z0-9]{2,20})\s*(?:쪽|측)\s*(?:인물|사람|관계자|인사|임원|대표"
                          r"|발표자|연사|발언자|토론자|참석자)"
                          r"(?:은|는|이|가)?\s*(?:누구|누군|이름|성함)")
_OBJECT_WORD = re.compile(r"(.*[가-힣A-Za-z0-9)])(?:을|를)")  # a word with its object particle: "원거테크놀러지를"
_NOT_HOLDER = re.compile(r"^(?:거기|그곳|이곳|저곳|해당|그|이|저|회사|기업|업체)$")
_PHRASE_WORD = re.compile(r"^[가-힣]+(?:\([^()]*\))?$")
# a conjunction or a clause's ending before the comma ("근데, 거기 CEO", "… 나오던데, 그 회사 CEO", "… 있잖아, 거기",
# "어떤 회사고, CEO는")
_CONJUNCTION = re.compile(r"^(?:그런데|근데|그럼|그러면|그리고|그래서|그러니까|아무튼|참|아|음|혹시|그나저나|한편)$"
                          r"|(?:는데|던데|은데|인데|잖아|잖아요|지만|니까|거든|거든요|는데요|던데요|아요|어요|죠|있지|말이야"
                          r"|(?<=[가-힣])(?:고|며|이고|이며))$")
_PARTICLE_WORD = re.compile(r"(?:은|는|이|가|을|를|에|에서|로|으로|와|과|도|한|된|인|던|운|온|난|린|고|며|서)$")
# An organisation a Korean question writes by its Latin name ("StepFun CEO", "SenseTime의 아태 CEO"), alone or as the
# alias of its Chinese one ("阶跃星辰(StepFun)"): a proper name, so written with a small letter (not "AI", "LLM").
_LATIN_HOLDER = re.compile(r"^(?:[\u4e00-\u9fff]+\()?([A-Za-z][A-Za-z0-9&.-]*[a-z][A-Za-z0-9&.-]*)\)?(?:의)?$")


# English: "SenseTime's Asia-Pacific CEO", "the CEO (and co-founder) of Ajinga". The Korean text writes the
# organisation's Latin name beside its Hangul one ("센스타임(SenseTime)"), which the name's item then holds.
_EN_TITLE = (r"(?:CEO|CTO|CFO|COO|chief executive|(?:co-)?founder|chairman|chairwoman|chair|president|vice president|"
             r"head|director|partner|architect|executive)")
_EN_ORG = r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
_EN_HOLDER = re.compile(
    rf"{_EN_ORG}['’]s\s+(?:[\w-]+\s+){{0,3}}?(?i:{_EN_TITLE})\b"
    rf"|\b(?i:{_EN_TITLE})\s+(?:and\s+[\w-]+\s+)?(?:of|at)\s+(?:the\s+)?{_EN_ORG}"
    # "Who founded Zand Bank, …": the organisation founded holds the founder's title
    rf"|\b(?i:who)\s+(?:(?i:originally|first|actually)\s+)?(?i:co-)?(?i:founded|started|set\s+up|established)\s+(?:the\s+)?{_EN_ORG}")


def _may_hold(stem: str) -> bool:
    """Whether ``stem`` can name the organisation: not a rank, region or demonstrative word."""
    return _NOT_NAME.match(stem) is None and _NOT_HOLDER.match(stem) is None


def _holder_word(stem: str) -> bool:
    """Whether ``stem``, a word set apart by a comma or an object particle, can be the holder: Hangul (a name in
    brackets aside), two syllables or more, not a rank, region or demonstrative word."""
    return bool(_PHRASE_WORD.match(stem)) and len(stem) >= 2 and _may_hold(stem)


def title_holder(question: str, written: Callable[[str], bool] | None = None) -> str | None:
    """The organisation a question gives the title it asks about to, or None (see above): Hangul in a Korean
    question, Latin in an English one; with ``written`` (whether the corpus writes a term), a Korean question's
    Latin name too, when the corpus writes it (:data:`_LATIN_HOLDER`; the corpus writes many organisations only
    in Hangul, "액센추어", and such a name cannot be matched so)."""
    side = _SIDE_PERSON.search(question)  # "스텝펀 쪽 인물은 누구야": the person on that organisation's side
    if side is not None and _holder_word(side.group(1)):
        return side.group(1)
    m = _HOLDER_TITLE.search(question)
    if m is None:
        en = _EN_HOLDER.search(question)
        return (en.group(1) or en.group(2) or en.group(3)) if en else None
    holder = None
    words = m.group(1).split()
    if re.search(_FOUNDING_ONE, m.group(0)):
        # "원거테크놀러지를 설립한 사람", "아진가를 비처 애슐리-브라운이랑 같이 공동 창립한 사람": what was founded, the
        # object nearest the verb
        founded = next(filter(None, map(_OBJECT_WORD.fullmatch, reversed(words))), None)
        if founded:
            stem = founded.group(1).split("(")[0]
            return stem if _holder_word(stem) else None
    for word in reversed(words):
        if word.endswith(","):  # "앤트디지털테크놀로지, 거기 CEO": the topic set off by a comma holds the title
            stem = word[:-1].split("(")[0]
            return holder or (stem if _holder_word(stem) and not _CONJUNCTION.search(stem)
                              and not re.fullmatch(_ORG_KIND, stem) else None)
        latin = _LATIN_HOLDER.match(word) if written is not None else None
        if latin:  # "StepFun CEO 이름이 뭐예요?", "阶跃星辰(StepFun)의 CEO": the organisation's Latin name
            return holder or (latin.group(1) if written(latin.group(1).lower()) else None)
        if word.endswith("의") and len(word) > 2:
            stem = word[:-1].split("(")[0]
            return stem if _PHRASE_WORD.match(stem) and _may_hold(stem) else holder
        if not _PHRASE_WORD.match(word) or _PARTICLE_WORD.search(word.split("(")[0]):
            break
        stem = word.split("(")[0]
        if len(stem) >= 2 and _may_hold(stem):
            holder = stem
    return holder


# "Which former Google CEO attended?", "어느 석학이 참석했어?": a person asked for by a title or a word for a
# person after which/어느, answered like a "who" question by the name beside a title (lead only: the question's
# answer type stays what ``question_type`` says).
_WHICH_PERSON = re.compile(
    rf"\b(?:which|what)\s+(?:(?!(?:does|did|do|is|was|are|were|has|have|had|will|would|can|could|its|his|her|their|the|a|an|this|that)\b)[\w-]+\s+){{0,3}}"
    rf"(?:{_EN_TITLE}|expert|scholar|researcher|scientist|official|professor|"
    r"minister|premier|blogger|analyst|pioneer|speaker|panellist|panelist)\b"
    rf"|(?:어느|어떤)\s*(?:[가-힣A-Za-z]+\s){{0,2}}(?:{_TITLE}|인사|인물|전문가|학자|석학|연구자|관계자|연사|거장)"
    r"(?:가|이|는|은|를|을|야|이야|예요|이에요|인가요|께서)?(?![가-힣])", re.I)


def asks_which_person(question: str) -> bool:
    """True when the question asks which person by a title or a word for a person ("Which former Google CEO …",
    "어느 석학이 …")."""
    return bool(_WHICH_PERSON.search(question))


# Names of things ----------------------------------------------------------------------------------------
# A question asking what something is called (이름, 명칭, 제목, 주제, 슬로건, "what is the name/title/theme")
# is answered, in Korean news and report text, by the quoted name: ‘콰크(夸克)’, “AI+ 행동”, 「…」. Grammar,
# not fitted; the lead quotes the name, the quote that follows gives it context.
_THING_NAME_WORD = r"(?:제품|모델|상품|브랜드|서비스|기관|회사|행사)명"  # "제품명", "회사명": a thing's name
_NAME_QUESTION = re.compile(
    rf"(이름|명칭|{_THING_NAME_WORD}(?=(?:은|는|이|가|을|를|도|으로|로)?(?![가-힣]))|제목|주제|슬로건|구호|표어"
    r"|(?:모델|제품)\s*번호|품번|뭐라고\s*(?:불|부르|하|이름)|\b(?:name|title|theme|slogan|called|named|model numbers?)\b"
    # a plural asked for ("their official names", "the names of …"), not the verb ("a formula names the framework")
    r"|\b(?:names|titles|themes|slogans)\b(?!\s+(?:the|a|an|its|their|this|that|these|those|it|them)\b))", re.I)
_QUOTED = re.compile(r"[‘“「『《〈\'\"]([^’”」』》〉\'\"\n]{2,60})[’”」』》〉\'\"]")
_SPEECH = re.compile(r"(?:다|요|까|죠)[.!?]?$")  # a quoted clause is someone's words, not a name


def asks_name(question: str) -> bool:
    """True when the question asks what something is called (its name, title, theme or slogan)."""
    return bool(_NAME_QUESTION.search(question))


_THING_NAME = re.compile(_THING_NAME_WORD)


def name_kinds(question: str) -> tuple[str, ...]:
    """The kind of thing a name question asks the name of: the word before 이름 (:func:`named_kinds`: "제품 이름" →
    제품), or the one a thing's name is written with ("제품명" → 제품)."""
    return named_kinds(question) or tuple(m.group(0)[:-1] for m in _THING_NAME.finditer(question))


def asks_person_name(question: str) -> bool:
    """True when the question asks a person's name by a title or a word for a person ("CEO 이름", "관계자 성함")."""
    return bool(_PERSON_NAME_QUESTION.search(question))


def asks_title(question: str) -> bool:
    """True when the question names a person's title ("라이예테크 CEO 이름이 뭐야"): its name is a person's — unless
    it asks for a thing's name ("왕레이 이사장이 이끄는 회사의 회사명")."""
    return bool(_TITLE_WORD.search(question)) and not _THING_NAME.search(question)


def quoted_names(sentence: str) -> list[Span]:
    """Spans written between quotation marks in ``sentence``, marks excluded, that are names rather than quoted
    words (a clause ending like a sentence is left out)."""
    return [Span("name", m.group(1).strip(), m.start(1), m.end(1)) for m in _QUOTED.finditer(sentence)
            if m.group(1).strip() and not _SPEECH.search(m.group(1).strip())]


# Organisations ---------------------------------------------------------------------------------------
# "어느 기관에서 발표했나요?", "어느 통신사 보도야?", "분석업체는 어디야?", "which chipmaker …?": the lead is the
# organisation's name. Grammar, not fitted: Korean news writes a foreign organisation's name with its Latin
# alias ("포린 어페어스(Foreign Affairs)"), puts a name right after the word for its kind ("미국 외교 전문지 포린
# 어페어스", "분석업체 세미애널리시스"), or ends it with a word that says it is an organisation ("로이터통신",
# "국가발전개혁위원회", "앤트디지털테크놀로지"). The kind-words after which a question asks for such a name:
_ORG_KIND = (r"(?:기관|회사|기업|업체|제조사|제조업체|통신사|언론사|언론|매체|신문사|신문|잡지|전문지|경제지|일간지|방송사|"
             r"단체|조직|연구소|연구기관|은행|분석업체|분석기관|컨설팅사|부처|협회|기구|스타트업|개발사|운영사|주최사|대학|거래소|"
             r"고객사|협력사|파트너사|투자사|자회사|모회사|병원)")
# "어느 나라 업체로 소개됐어?", "어느 나라 은행이에요?": the country of an organisation is asked, not which one
_PLACE_WORD = r"(?:나라|국가|도시|지역|대륙)"
_ORG_QUESTION = re.compile(
    rf"((?:어느|어떤|무슨)\s*(?!(?:종류|유형|형태|성격|부류)(?:의)?\s|{_PLACE_WORD}\s)(?:[가-힣A-Za-z]+\s)?{_ORG_KIND}(?:에서|에|은|는|이|가|의|을|를|로|으로|와|과|랑|이랑|하고|에게|한테|야|이야|예요|이에요|인가요|인가|일까|죠)?(?![가-힣])"
    rf"|{_ORG_KIND}(?:은|는|이|가)?\s*(?:{_ASK_ADVERB}\s*)?(?:어디|어느\s*곳|누구)"
    # a terse "첫 도입 고객사는?", with no interrogative word ("인플레임은 어떤 종류의 회사?" asks what kind)
    rf"|^(?!.*(?:어떤|어느|무슨|무엇|뭐|누구|누가|어디|언제|몇|얼마|왜)).*{_ORG_KIND}(?:은|는)?\s*\?\s*$"
    r"|\b(?:which|what)\s+(?!(?:kinds?|types?|sorts?)\s+of\b)(?:(?!(?:is|was|are|were|did|does|do|has|had)\b)[a-z-]+\s+){0,3}(?:company|firm|agency|organi[sz]ation|institution|outlet|magazine|"
    r"newspaper|publication|news agency|chipmaker|maker|manufacturer|startup|bank|university|ministry|body|developer|"
    r"operator|think tank|consultancy|exchange|hospital|clinic)\b)", re.I)
# "…협력 관계를 체결한 중국 기업의 명칭을 명시해 주십시오", "그분 회사 이름이 뭐예요?", "주최 기관명": the name asked is an
# organisation's, whatever else the question names (a person by a title, a product). Grammar, not fitted.
_ORG_NAME_QUESTION = re.compile(rf"{_ORG_KIND}(?:의)?\s*(?:이름|명칭|사명|상호)"
                                 r"|(?:회사|기업|업체|기관|단체)명(?:이|은|는|을|를|과|와|의|도)?(?![가-힣])")


def asks_org_name(question: str) -> bool:
    """True when the question asks for the name of an organisation by its kind (:data:`_ORG_NAME_QUESTION`)."""
    return bool(_ORG_NAME_QUESTION.search(question))


# "세미애널리시스는 어떤 회사로 소개됐어?", "인플레임은 어떤 회사야?": the organisation is named (the topic-marked
# subject) and the question asks how it is described, not which one; "어떤 회사가 발표했어?" still asks which.
# Grammar, not fitted.
_DESCRIBES_ORG = re.compile(
    rf"(?:은|는)\s+(?:[^?,]*\s)?어떤\s*(?:[가-힣A-Za-z]+\s)?{_ORG_KIND}"
    r"(?:(?:로|으로)\s*(?:소개|알려|묘사|설명|표현|평가|불리|꼽|언급|나와|나왔|적혀)"
    r"|(?:야|이야|예요|이에요|인가요|인가|일까|죠)\s*\??\s*$)")
_NEWSPAPER = r"타임즈|타임스|포스트|저널|헤럴드|트리뷴"  # how a newspaper's name ends ("파이낸셜타임즈")
_ORG_SUFFIX = (r"(?:위원회|통신|그룹|은행|연구소|연구원|협회|기구|재단|대학교|대학|테크놀로지|과학원|일보사|일보|신문사|"
               r"방송|전자|텔레콤|증권|자동차|반도체|클라우드|랩스|로보틱스|테크놀러지|테크놀로지스|일렉트로닉스|모터스|"
               rf"{_NEWSPAPER})")
# words that name only companies, written also after a space ("유엘에스 로보틱스")
_COMPANY_WORD = r"(?:로보틱스|테크놀로지|테크놀러지|테크놀로지스|일렉트로닉스|모터스|랩스)"
# a name's particle, if any, then the word ends
_NAME_END = r"(?:은|는|이|가|의|와|과|도|를|을|에서|에|로|으로)?(?![가-힣])"
_ORG_SUFFIXED = re.compile(rf"(?<![가-힣A-Za-z])((?:[가-힣]{{2,12}}\s{_COMPANY_WORD}|[가-힣]{{2,12}}{_ORG_SUFFIX})(?:\s[가-힣]{{2,12}}{_ORG_SUFFIX})*(?:\([A-Za-z][^()]{{1,40}}\))?){_NAME_END}")
_ALIASED = re.compile(r"((?:[가-힣]{1,12}\s){0,3}[가-힣]{1,12})\(([A-Za-z][A-Za-z0-9&.,' -]{1,40})\)")
_ORG_AFTER_KIND = re.compile(rf"{_ORG_KIND}\s+([가-힣]{{2,12}}(?:\s[가-힣]{{2,12}})?)(\([A-Za-z][^()]{{1,40}}\))")
# The world's largest technology companies, by the names Korean text writes them: a company a text names bare
# ("전 구글 CEO", "화웨이의 클라우드매트릭스") with no alias or kind word beside it. A fixed list of household names, as
# the places below are, written without reference to any question; read after every other kind of evidence.
_KNOWN_COMPANY = re.compile(
    r"(?<![가-힣A-Za-z])(구글|알파벳|마이크로소프트|애플|아마존|메타|페이스북|엔비디아|인텔|퀄컴|브로드컴|오라클|테슬라|"
    r"오픈AI|오픈에이아이|앤트로픽|화웨이|알리바바|텐센트|바이두|바이트댄스|샤오미|레노버|징둥|삼성전자|삼성|SK하이닉스|"
    r"LG전자|네이버|카카오|소니|소프트뱅크|IBM|AMD|TSMC|ASML)" + _NAME_END)
# The source a text credits: "[사진 출처: 중국일보망(中國日報網)]", a reference "(25.7.27, 智东西) 기사 제목" (date,
# publisher). The credited name is an organisation in any script.
_SOURCE = re.compile(r"출처\s*[:：]\s*([^\s,\]\[()]{2,30}(?:\([^()]{1,30}\))?)"
                     r"|\((?:19|20)?\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*[,，]\s*([^()\d,，][^(),，]{1,30})\)")
_NOT_ORG = re.compile(rf"^(?:{_ORG_KIND}|미국|중국|한국|일본|영국|유럽|세계|글로벌|국제|전|현|외교|경제|반도체|인공지능|기술|"
                      r"그|이|저|이번|최근|올해|작년|지난해|국내|해외|등|및|대형|주요|대표|전문)$")


# "누가" inside a relative clause that describes the noun asked by another interrogative ("미국은 누가 앞장서는 어떤
# 싸움을 골랐다고 했어?": which fight, one led by whom): the verb after 누가 modifies a noun (-는/-은/-던/-한/-된) that
# 어떤/무슨 asks about. Grammar, not fitted.
_RELATIVE_WHO = re.compile(
    r"누가\s+\S+(?:는|은|던|한|된)\s+(?:어떤|무슨)\s"
    # … or inside an embedded question ending in -ㄹ지/-는지 that another interrogative follows ("AI를 누가 어떻게 끌고
    # 갈지 두고 세계는 지금 어떤 상태래?": what state the world is in, over who will lead AI)
    r"|누가\s+(?:\S+\s+){0,3}?\S*(?:[는은인던갈할될볼줄쥘끌일올울을]지)(?:를|에|도)?\s+(?:\S+\s+){0,4}?(?:어떤|무슨|뭐|뭘|무엇|어떻게)")
_ORG_WHO = re.compile(rf"{_ORG_KIND}(?:은|는|이|가)?\s*누구")


def asks_organisation(question: str) -> bool:
    """True when the question asks which organisation ("어느 기관", "통신사는 어디", "which company"), not what kind
    of organisation one it names is (:data:`_DESCRIBES_ORG`)."""
    return bool(_ORG_QUESTION.search(question)) and not _DESCRIBES_ORG.search(question)


# A question naming a kind of organisation whose names say their kind: a ministry ("어느 부처", "which ministry"),
# whose name ends in 부, 처, 청, 원 or 위원회 (외교부, 국가발전개혁위원회) or says Ministry/Department; a university
# (대학, 대학교, University); a bank (은행, 뱅크, Bank). Another organisation ("딥시크") does not answer it. Grammar, not
# fitted; other kinds (기업, 기관, 언론사) are not read off a name.
_KIND_ASKED = (r"(?:(?:어느|어떤|무슨)\s*(?!" + _PLACE_WORD + r"\s)(?:[가-힣]+\s)?{ko}"
               r"|\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}{en}\b)")
_NAMED_KINDS = tuple(
    (re.compile(_KIND_ASKED.format(ko=ko, en=en), re.I), re.compile(named))
    for ko, en, named in (
        (r"(?:정부\s*)?부처", r"(?:ministry|ministries|government department)",
         r"(?:[가-힣](?:부|처|청|원)|위원회)$|\b(?:Ministry|Department|Commission|Bureau|Council|Administration)\b"),
        (r"대학(?:교)?", r"(?:university|universities|college)", r"(?:대학|대학교)$|\b(?:University|College)\b"),
        (r"은행", r"(?:bank|banks)", r"(?:은행|뱅크)$|\b(?:Bank)\b"),
        (r"(?:증권\s*)?거래소", r"(?:stock exchange|exchange)", r"거래소$|\b(?:Exchange)\b"),
        (r"병원", r"(?:hospitals?|clinics?)", r"(?:병원|의료원|의원)$|\b(?:Hospital|Clinic)\b"),
        # a public body ("어느 기관 통계", "which institution"): a ministry, council, academy, centre, agency or
        # court by its name's last word (국가발전개혁위원회, 중국과학원, 국무원, 中国国际科技交流中心, 헌법재판소), or
        # the UN; a company ("딥시크(DeepSeek)") is no 기관
        (r"(?:공공\s*|정부\s*|국가\s*|국제\s*)?기관", r"(?:institutions?|public bod(?:y|ies)|government bod(?:y|ies))",
         r"(?:[가-힣](?:부|처|청|원|국|소)|(?:위원|협|학|국|의)회|센터|中心|기구|재단|정부|공사|공단|법원|대학(?:교)?|연합|은행)$"
         r"|^(?:유엔|국제연합)$|\b(?:Ministry|Department|Commission|Bureau|Council|Administration|Institute|Institution"
         r"|Agency|Cent(?:er|re)|Organi[sz]ation|Office|Foundation|Association|Academy|University|Authority|Court"
         r"|United Nations|UN|WIPO|OECD|ITU)\b"),
    ))


def _named_kind(question: str) -> re.Pattern[str] | None:
    """How a name of the kind of organisation the question asks for ends (see above), or None."""
    return next((named for asked, named in _NAMED_KINDS if asked.search(question)), None)


def names_org_kind(question: str) -> bool:
    """True when the question asks for a kind of organisation whose names say their kind (see above)."""
    return _named_kind(question) is not None


def of_asked_kind(name: str, question: str) -> bool:
    """False when the question asks for a kind of organisation whose names say their kind (a ministry, a
    university, a bank) and ``name`` (Hangul, with its alias in brackets if any) is not of that kind, or asks for
    a company and ``name`` is a newspaper's, an agency's or a broadcaster's (파이낸셜타임즈, 로이터통신)."""
    named = _named_kind(question)
    if named is None:  # a newspaper is not the company asked for ("Which company made the robot dog?")
        return not (_ASKS_COMPANY.search(question) and _MEDIA_NAME.search(name.split("(")[0].strip()))
    return bool(named.search(name.split("(")[0].strip()) or named.search(name))


_MEDIA_NAME = re.compile(rf"(?:{_NEWSPAPER}|일보|일보사|신문|신문사|통신|방송)$")
_ASKS_COMPANY = re.compile(r"(?:어느|어떤|무슨)\s*(?:[가-힣]+\s)?(?:회사|기업|업체|제조사|제조업체|스타트업|개발사)"
                           r"|\b(?:which|what)\s+(?:[\w-]+\s+){0,2}(?:company|companies|firm|maker|manufacturer|startup)\b",
                           re.I)


# a bank whose name ends in 뱅크 ("잔드뱅크"): read as an organisation only when the question asks for a bank, since the
# bank a question describes ("디지털 은행의 최고경영자가 손잡은 회사") would otherwise lead before the company it asks for
_ASKS_BANK = re.compile(rf"(?:어느|어떤|무슨)\s*(?:[가-힣]+\s)?은행|은행(?:은|이|들은)?\s*(?:{_ASK_ADVERB}\s*)?어디"
                        r"|\bwhich\s+(?:[\w-]+\s+){0,2}banks?\b", re.I)
_BANK_NAME = re.compile(rf"(?<![가-힣A-Za-z])([가-힣]{{1,10}}뱅크(?:\([A-Za-z][^()]{{1,40}}\))?){_NAME_END}")


def organisation_names(sentence: str, given: Callable[[str], bool] = lambda name: False,
                       question: str = "") -> list[Span]:
    """Names of organisations in ``sentence`` (see above), in order, of the strongest kind of evidence present,
    leaving out the names ``given`` says the question already writes (in Hangul or by its Latin alias): a name
    right after the word for its kind ("분석업체 세미애널리시스(SemiAnalysis)"), else a name ending in an organisation word (a unit after its parent
    stays one name: "중국과학원 자동화연구소"), else a Hangul name with its Latin alias ("딥식(DeepSeek)"; the alias
    names as many Hangul words before it as it has words), else the source a caption or reference credits
    ("사진 출처: 중국일보망(中國日報網)", "(25.7.27, 智东西)"), else one of the world's largest technology companies
    written bare (:data:`_KNOWN_COMPANY`: "전 구글 CEO"). The alias is kept in the span."""
    after_kind = [Span("organisation", sentence[m.start(1):m.end(2)], m.start(1), m.end(2))
                  for m in _ORG_AFTER_KIND.finditer(sentence)]
    suffixed = [Span("organisation", m.group(1), m.start(1), m.end(1)) for m in _ORG_SUFFIXED.finditer(sentence)]
    if _ASKS_BANK.search(question):
        suffixed = sorted(suffixed + [Span("organisation", m.group(1), m.start(1), m.end(1))
                                      for m in _BANK_NAME.finditer(sentence)], key=lambda sp: sp.start)
    aliased = []
    for m in _ALIASED.finditer(sentence):
        words = m.group(1).split()
        keep = words[-max(1, min(len(words), len(m.group(2).split()))):]
        while len(keep) > 1 and _NOT_ORG.match(keep[0]):
            keep = keep[1:]
        if not _NOT_ORG.match(keep[-1]):
            start = m.end(1) - len(" ".join(keep))
            aliased.append(Span("organisation", sentence[start:m.end()], start, m.end()))
    sourced = [Span("organisation", m.group(m.lastindex), m.start(m.lastindex), m.end(m.lastindex))
               for m in _SOURCE.finditer(sentence)]
    # a household name only for a Korean question, whose names must stand beside its terms (an English question's
    # name could be any in the sentence)
    known = [Span("organisation", m.group(1), m.start(1), m.end(1)) for m in _KNOWN_COMPANY.finditer(sentence)
             if re.search("[가-힣]", question)]
    for spans in (after_kind, suffixed, aliased, sourced, known):
        kept = [sp for sp in spans if not any(given(name) for name in (sp.text.split("(")[0], english_name(sp.text)) if name)]
        if kept:
            return kept
    return []


# Places ----------------------------------------------------------------------------------------------
# "본사는 어느 도시에 있어?", "어디서 열렸어?", "Which city is StepFun headquartered in?", "Where did … suggest …?": the
# lead is a place's name. Grammar and a fixed list, not fitted and not drawn from the corpus: the names of large
# cities, of countries and of the world's regions (in Korean and English), and words that end the name of a venue ("상하이 타워", "국가
# 컨벤션센터"). A question asking which organisation ("통신사는 어디야") is an organisation question, not this.
def _where_of(kinds: str) -> str:
    """A pattern for a kind of place asked by 어디 ("본사는 어디", "도시는 어디였어", "나라들은 구체적으로 어디어디야")."""
    return rf"(?:{kinds})(?:들)?(?:는|은|가|이)?\s*(?:{_ASK_ADVERB}\s*)?어디"


_HELD_AT = r"(?:연|열린|열렸던|열었던|개최한|개최된|치른|치러진|진행된|진행한)\s*곳"
_PLACE_QUESTION = re.compile(
    rf"(어느\s*(?:도시|나라|국가|지역|장소|전시장|행사장|건물|동네|대륙)"
    rf"|{_where_of('본사|본부|소재지|위치|장소|개최지|행사장|도시|나라|국가|대륙')}"
    # "출범 행사를 연 곳은 어디": where an event was held (a bare 곳 is often a company: "손잡은 곳은 어디")
    rf"|{_where_of(_HELD_AT)}"
    # "어디에 초점을 둬", "어디에 쓰여", "어디에 투자해", "어디에 깊게 들어갔어": a matter or a use, not a place
    r"|어디(?:에서|에|서)(?![가-힣]*(?:부터|까지))(?!\s*(?:(?:깊게|깊이|깊숙이|널리)\s*)?(?:초점|중점|무게|방점|집중|주력|쓰|사용|활용|투자"
    r"|적용|기여|도움|영향|관심|힘을|들어가|들어간|들어갔|침투|스며|접목|응용|도입))"
    rf"|\b(?:which|what|in which|in what)\s+{_EN_ADJECTIVE}(?:city|country|countries|cities|venue|place|location|region|province)\b"
    r"|\bwhere\s+(?:is|was|are|were|did|does|do|will|would|should|has|had|can)\b"
    r"|(?:위치|소재지|개최지|개최\s*장소)(?:는|은)?\s*\?\s*$"  # a terse "데이터센터 위치?"
    r"|국적|\bnationality\b|\bnationalities\b)", re.I)  # a nationality is a country
_CITIES = ("베이징|북경|상하이|상해|선전|심천|광저우|항저우|난징|우한|청두|충칭|톈진|시안|쑤저우|홍콩|마카오|타이베이|서울|부산|"
           "인천|대전|대구|광주|도쿄|오사카|싱가포르|방콕|하노이|자카르타|뉴델리|뭄바이|두바이|아부다비|리야드|도하|"
           "워싱턴|뉴욕|샌프란시스코|실리콘밸리|시애틀|보스턴|로스앤젤레스|런던|파리|베를린|뮌헨|브뤼셀|제네바|"
           "취리히|암스테르담|스톡홀름|모스크바|시드니|멜버른|토론토|밴쿠버|상파울루")
_REGIONS_KO = ("아시아|동아시아|동남아시아|동남아|남아시아|중앙아시아|유럽|서유럽|동유럽|아프리카|중동|북미|남미|중남미|"
               "라틴아메리카|오세아니아")
_COUNTRIES = ("중국|미국|한국|대한민국|일본|영국|프랑스|독일|러시아|인도|캐나다|호주|브라질|싱가포르|대만|베트남|태국|"
              "인도네시아|말레이시아|필리핀|사우디아라비아|아랍에미리트|카타르|이스라엘|튀르키예|터키|이탈리아|스페인|"
              "네덜란드|스위스|스웨덴|핀란드|노르웨이|덴마크|벨기에|멕시코|아르헨티나|남아프리카공화국|이집트|나이지리아|"
              "케냐|파키스탄|방글라데시|카자흐스탄|몽골|북한|"
              # and the world's regions
              f"{_REGIONS_KO}")
_EN_CITY_NAMES = (r"Beijing|Shanghai|Shenzhen|Guangzhou|Hangzhou|Nanjing|Wuhan|Chengdu|Chongqing|Tianjin|Hong Kong|"
                  r"Macau|Taipei|Seoul|Busan|Tokyo|Osaka|Singapore|Bangkok|Hanoi|Jakarta|New Delhi|Mumbai|Dubai|"
                  r"Abu Dhabi|Riyadh|Doha|Washington|New York|San Francisco|Silicon Valley|Seattle|Boston|"
                  r"Los Angeles|London|Paris|Berlin|Munich|Brussels|Geneva|Zurich|Amsterdam|Stockholm|Moscow|Sydney|"
                  r"Melbourne|Toronto|Vancouver")
_EN_REGIONS = r"Asia|Europe|Africa|the Middle East|Southeast Asia|Latin America|North America|South America"
_EN_COUNTRY_NAMES = (r"China|Korea|Japan|Britain|the UK|the US|the United States|France|Germany|Russia|India|Canada|"
                     rf"Australia|{_EN_REGIONS}")
# a city that begins an organisation's name ("Beijing Wenge Technology", "Shanghai AI Lab") is not where anything is
_NOT_IN_ORG_NAME = (r"(?!(?:\s+[A-Z][A-Za-z]*)*?\s+(?:Technolog|Group\b|Co\b|Company|Inc\b|Ltd\b|Bank\b|Universit|Institute"
                    r"|Academ|Holding|Capital\b|Labs?\b|Network|Software|Intelligen|Robotics|Electronics|Semiconductor))")
_VENUE = r"(?:타워|컨벤션센터|전시컨벤션센터|전시장|전시관|박람회장|엑스포센터|홀|광장|빌딩|경기장)"
_AFTER_PLACE = r"(?=(?:에서|에게|으로|까지|부터|[은는이가의을를에와과도로])*(?![가-힣]))"  # particles, then the word ends
_PLACE = re.compile(
    rf"(?<![가-힣A-Za-z])((?:{_CITIES})(?:\s(?:[가-힣]{{1,8}}\s)?{_VENUE})?(?:\([A-Za-z][^()]{{1,40}}\))?){_AFTER_PLACE}"
    rf"|(?<![가-힣A-Za-z])([가-힣]{{2,12}}{_VENUE}){_AFTER_PLACE}"
    rf"|\b({_EN_CITY_NAMES})\b{_NOT_IN_ORG_NAME}"
    rf"|(?<![가-힣A-Za-z])((?:{_COUNTRIES})(?:\([A-Za-z][^()]{{1,40}}\))?){_AFTER_PLACE}"
    rf"|\b({_EN_COUNTRY_NAMES})\b{_NOT_IN_ORG_NAME}")
_COUNTRY_GROUPS = (4, 5)  # the groups of _PLACE that hold a country or a region of the world
_ASKS_COUNTRY = re.compile(rf"어느\s*(?:나라|국가|대륙)|{_where_of('나라|국가|대륙')}|국적|\bnationality\b|\bnationalities\b"
                           rf"|\b(?:which|what|in which|in what)\s+{_EN_ADJECTIVE}(?:country|countries|continent)\b",
                           re.I)
_ASKS_CITY = re.compile(rf"어느\s*(?:도시|장소|전시장|행사장|건물|동네)|{_where_of('도시')}|본사|본부|소재지|개최지|행사장"
                        rf"|\b(?:which|what|in which|in what)\s+{_EN_ADJECTIVE}(?:city|cities|venue|place|location|province)\b|"
                        r"\bheadquarter", re.I)


# A place question that names the kind of place it wants finer than a city: a venue ("어느 전시장", "어디
# 컨벤션센터", "which venue", "which exhibition hall") or a district of a city ("어느 구", "which district"). A city
# ("상하이") does not answer it, nor a venue or district the question itself writes. Grammar, not fitted.
_ASKS_VENUE = re.compile(r"(?:어느|어떤|어디|무슨)\s*(?:전시장|전시관|컨벤션\s*센터|컨벤션센터|전시컨벤션센터|박람회장|행사장|건물|홀|경기장)"
                         r"|\b(?:which|what|in which|in what|at which|at what)\s+(?:venue|convention (?:center|centre)|"
                         r"exhibition (?:center|centre|hall)|hall|building)\b"
                         # a venue asked by its name ("전시장 이름이 뭐야", "the name of the exhibition venue")
                         r"|(?:전시장|전시관|컨벤션\s*센터|박람회장|행사장)\s*(?:의\s*)?(?:이름|명칭|정식\s*명칭)"
                         r"|\bname of the\s+(?:[\w-]+\s+){0,3}?(?:venue|convention (?:center|centre)|exhibition (?:center|centre|hall))\b",
                         re.I)
_ASKS_DISTRICT = re.compile(r"(?:어느|어떤|어디|무슨)\s*(?:구|지구|區)"
                            r"(?=(?:에서|에|의|는|은|로|으로|야|예요|인가요?|인지|일까요?|죠|지)?(?![가-힣]))"
                            r"|\b(?:which|what|in which|in what)\s+(?:[A-Z][a-z]+\s+)?district\b", re.I)
# A district's name: after its city ("상하이 푸둥신구"), a "new district" ("푸둥신구"), or with its Chinese name in
# brackets ("쉬후이구(徐汇区)"); a bare word ending in 구 is too often not one (연구, 기구, 요구).
_DISTRICT = re.compile(rf"(?<![가-힣A-Za-z])(?:{_CITIES})\s?([가-힣]{{1,5}}(?:신구|구)){_AFTER_PLACE}"
                       rf"|(?<![가-힣A-Za-z])([가-힣]{{1,5}}신구){_AFTER_PLACE}"
                       r"|(?<![가-힣A-Za-z])([가-힣]{1,5}구)\s?\([一-鿿]{1,5}[区區]\)"
                       r"|\b([A-Z][a-z]+ (?:New )?District)\b")


def asks_venue(question: str) -> str | None:
    """``"venue"`` or ``"district"`` when a place question names that kind of place (see above), else None."""
    if _ASKS_DISTRICT.search(question):
        return "district"
    if _ASKS_VENUE.search(question):
        return "venue"
    return None


def asks_place(question: str) -> bool:
    """True when the question asks where: which city, country or venue ("어느 도시", "어디서 열렸어", "which city",
    "where did …"), not which organisation (:func:`asks_organisation` comes first)."""
    return bool(_PLACE_QUESTION.search(question) or asks_venue(question)) and not asks_organisation(question)


# A question about the next edition of an event or a document, or about next year ("다음 WAIC는 언제 열려?", "내년
# 대회는 어디서 해?", "지침의 다음 개정판은 언제", "Where will the next World AI Conference be held?") is answered
# only by a sentence that speaks of it: what the text says of this year's or the first edition does not answer it.
# "다음 날" (the day after) is not an edition. Grammar, not fitted.
_NEXT_EDITION = re.compile(
    r"(?:다음|차기)\s*(?:번|회)?\s*(?:WAIC|대회|행사|회의|박람회|엑스포|포럼|세계\s*인공지능\s*(?:대회|회의)|개정|판|버전)"
    r"|내년|차기|다음\s*번(?:에는|에|엔)"  # "다음 번에는 어느 도시에서 해요?": next time, of the event it names
    r"|\bnext\s+(?:year|WAIC|World\s+(?:AI|Artificial\s+Intelligence)\s+Conference|conference|edition|event|expo|"
    r"forum|summit|meeting|revision|version|update)\b|\bupcoming\b", re.I)


# … and one about the edition before this one ("바로 전 대회는 슬로건이 뭐였어", "지난 대회", "작년 WAIC", "the previous
# conference") only by a sentence that speaks of a past one (작년, 지난해, 전년, 지난/이전/직전 대회, "last year", "previous").
_PREVIOUS_EDITION = re.compile(
    r"(?:바로\s*전|지난|이전|직전|작년|전년)\s*(?:번\s*|회\s*)?(?:WAIC|대회|행사|박람회|엑스포|세계\s*인공지능\s*(?:대회|회의))"
    r"|\b(?:previous|last|prior)\s+(?:year's\s+)?(?:WAIC|World\s+(?:AI|Artificial\s+Intelligence)\s+Conference|conference"
    r"|edition|event|expo)\b|\blast\s+year's\s+(?:WAIC|conference|edition|event|expo)\b", re.I)
_PAST_EDITION = re.compile(r"작년|지난해|전년|지난\s*(?:번\s*)?(?:대회|행사)|이전\s*(?:대회|행사)|직전|\blast year\b|\bprevious\b"
                           r"|\bprior\b|\b2024\b|2024년", re.I)


def mentions_previous_edition(question: str) -> bool:
    """True when the question asks about the edition before this one (see above)."""
    return bool(_PREVIOUS_EDITION.search(question))


def speaks_of_past_edition(text: str) -> bool:
    """True when ``text`` speaks of a past edition or of last year (see above)."""
    return bool(_PAST_EDITION.search(text))


def mentions_next_edition(text: str) -> bool:
    """True when ``text`` — a question, or a sentence that could answer one — speaks of the next edition of an
    event or of next year (see above)."""
    return bool(_NEXT_EDITION.search(text))


# A question about an attribute news text gives in a form of its own — a person's age ("나이가 어떻게 돼", "가장 어린
# 사람은 누구", "how old"), a time of day ("몇 시에 시작했어", "at what time"), how often ("얼마나 자주 회의를 열어",
# "how often"), a person's nationality ("국적이 어디야", "어느 나라 사람이야", "what nationality") — is answered only
# by a sentence that gives one ("58세", "오후 2시", "9:30", "매년", "연 2회", "연일", "영국 국적", "미국인", "중국 출신",
# "a British national"), whatever else it asks for (a person, a date, a country): a country named in a quote or
# beside the person ("중국 인공지능 산업", "미국의 AI 계획") is not theirs. Likewise a work's original title in another
# script ("중국어 원제가 뭐였어", "중국일보망에 실린 기사는 중국어 제목이", "the original Chinese headline") is given
# only by a sentence writing a title in Chinese characters ("中国智·惠世界", six characters or more: a name in
# brackets, "中科聞歌", is no title) or saying 원제: a Korean heading is the translation's own. So is where someone
# studied ("어느 대학에서 박사 학위 받았어", "which university did he graduate from": a sentence saying 졸업, 학위,
# 석사, "graduated", not one naming the university they work at) and when something was founded ("몇 년에 세워진
# 회사야", "언제 설립됐어", "when was it founded": a sentence saying 설립, 세운, 창립, 출범, "founded", "launched",
# not one dating something else). Grammar, not fitted.
_DEMONYMS = (r"American|British|English|Scottish|Irish|Chinese|Korean|Japanese|French|German|Indian|Canadian|"
             r"Australian|Russian|Singaporean|Italian|Spanish|Dutch|Swiss|Swedish|Israeli|Emirati|Taiwanese|Brazilian")
_PARTICLE_AFTER_DEMONYM = r"(?=(?:이|은|는|을|를|의|으로|과|와|도|만|이다|이며|이고|이자|인|입니다|이었|였)?(?![가-힣]))"
# Which one is the most of something ("전시 면적이 제일 넓었던 곳은 어디야?", "제일 많이 이름이 오르내린 기업은 어디였어?",
# "Which province contributed the most cases?") is answered only by a sentence that ranks ("가장", "제일", "최대",
# "최다", "최고", "1위", "압도적", "특히": "특히 로봇 기술 분야에서 그 효과가 뚜렷"): a sentence that gives each one's size
# without ranking them does not say which is first. Only a question asking for a name or a thing (어디, 누구, 뭐,
# which, what): one asking when or how many may be read off a table ("시기가 가장 최근인 건 언제"). "최고경영자" is a
# title, and "most recent" a date, not a ranking. A chat writes 제일 as "젤" ("젤 길게 말한 사람 누구임"). Grammar,
# not fitted.
_SUPERLATIVE_KO = r"(?:가장|제일|(?<![가-힣])젤)\s*(?:많|크|큰|넓|높|비싸|길|무거|빠르|인기|주목|화제|인상|대표|유명|중요)"
_NAME_ASKED_KO = r"(?:어디|누구|뭐|무엇|어느|어떤)"
_APPLY_KO = r"(?:신청|등록|예매|예약|접수)"  # applying, registering or booking, for a visitor's logistics below
_ATTRIBUTES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "age": (re.compile(r"나이|몇\s*살|연세|연령|최연소|최고령|(?:가장|제일)\s*(?:어린|젊은|나이\s*(?:많|든))"
                       r"|\bhow old\b|\b(?:youngest|oldest)\b|\b(?:his|her|their|what|at what)\s+age\b|\byears old\b", re.I),
            re.compile(r"\d{1,3}\s*(?:세|살)(?=[은는이가의에로도였)]*(?![가-힣]))|\baged?\s+\d|\d+[- ]years?[- ]old\b", re.I)),
    "time": (re.compile(r"몇\s*시(?!간|대|즌)|\b(?:what|which|at what)\s+(?:time|hour)\b(?!\s*(?:span|frame|period))|\btime of (?:the )?day\b|o'clock"
                        # the hours a place is open ("관람 시간", "opening hours") are times of day
                        r"|(?:운영|개장|관람|개방|영업)\s*시간|\b(?:opening|business|visiting)\s+hours\b|\bwhat hours\b", re.I),
             re.compile(r"오전|오후|새벽|\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?(?=[에부터까지경쯤반,.\s)]|$)|\b\d{1,2}:\d{2}\b"
                        r"|\b[ap]\.?m\.?(?![a-z])|o'clock", re.I)),
    "frequency": (re.compile(r"얼마나\s*자주|몇\s*(?:년|개월|달|주|일)\s*(?:마다|에\s*한\s*번)|몇\s*번씩|빈도|주기(?:는|가|로|적)"
                             r"|\bhow\s+(?:often|frequently)\b|\bhow many times a\b", re.I),
                  re.compile(r"매년|매해|해마다|매달|매월|매주|매일|날마다|격년|격주|분기마다|정기적|수시로|연일|상시"
                             r"|(?:연|월|주)\s*\d+\s*(?:회|차례|번)|\d+\s*(?:년|개월|달|주|일)\s*마다"
                             r"|(?:하루|한\s*달|일주일|1년|한\s*해)에?\s*\d+\s*(?:회|번|차례)"
                             r"|\bevery\s+(?:year|month|week|day|other|\d+)\b|\b(?:annual(?:ly)?|monthly|weekly|daily|biennial"
                             r"|regularly|yearly)\b|\btimes an?\s+(?:year|month|week|day)\b", re.I)),
    # a count or sum per period ("1년에 몇 개나 생산돼", "한 달에 몇 명", "how many a year"): only a rate answers it
    "rate": (re.compile(r"(?:1\s*년|한\s*해|한\s*달|1\s*개월|하루|1\s*일|일주일|1\s*주일?|한\s*주)\s*(?:에|에만|당)\s*(?:몇|얼마)"
                        r"|(?:연간|매년|해마다|매달|매월|매주|매일)\s*(?:몇|얼마)"
                        r"|\bhow (?:many|much)\b[^?]*\b(?:per|a|each|every)\s+(?:year|month|week|day)\b"
                        r"|\bhow (?:many|much)\b[^?]*\bannually\b", re.I),
             # (연/월 with a number is a rate only before a counter or a sum, "연 2회", "월 100만 명": "7월 26일" is a date)
             re.compile(r"연간|매년|해마다|매달|매월|매주|매일|날마다"
                        r"|(?<!\d)(?:연|월)\s*\d[\d,.]*\s*(?:회|번|차례|건|개|명|대|장|톤|만|억|조|천|백|원|달러|위안|%)"
                        r"|(?:1\s*년|한\s*해|한\s*달|하루|일주일)\s*(?:에|당|동안)"
                        r"|/\s*(?:년|월|일)|\b(?:per|a|each|every)\s+(?:year|month|week|day)\b|\bannual(?:ly)?\b|\byearly\b", re.I)),
    "original_title": (re.compile(r"원제|(?:중국어|중문|일본어)\s*(?:원래\s*)?(?:원\s*)?(?:제목|기사\s*제목|헤드라인)"
                                  r"(?!\s*말고)|원문\s*(?:의\s*)?제목|\boriginal\s+(?:[A-Za-z]+\s+)?(?:title|headline)\b"
                                  r"|\bChinese[- ](?:language\s+)?(?:title|headline)\b", re.I),
                       re.compile(r"[一-鿿][一-鿿·・、 ]{4,}[一-鿿]|원제|\boriginal title\b", re.I)),
    "education": (re.compile(r"졸업|학위|박사\s*과정|(?:박사|석사|학사)\s*(?:학위|를|는|은)|모교|출신\s*(?:대학|학교)|어느\s*(?:대학|학교)\s*(?:나왔|출신|에서\s*(?:공부|박사|석사))"
                              r"|\bgraduat(?:e|ed)\s+from\b|\bdid\s+.{1,60}?\s+graduate\b|\b(?:his|her|their)\s+degree\b|\balma mater\b|\bPh\.?D\b|\bstudied\s+at\b", re.I),
                  re.compile(r"졸업|학위|석사|학사|모교|박사\s*(?:학위|과정)|\bgraduat|\bdegree\b|\balumn|\bPh\.?D\b", re.I)),
    "founding": (re.compile(r"언제\s*(?:처음\s*)?(?:세워|설립|창립|창업|만들어졌)|(?:설립|창립|창업)\s*(?:연도|년도|일|날짜|시기|년)"
                             r"|몇\s*년(?:도)?에\s*(?:세워|설립|창립|창업)|\b(?:founded|established)\b", re.I),
                 re.compile(r"설립|세워|세운|세웠|창립|창업|출범|\bfounded\b|\bestablished\b|\blaunched\b|\bset up\b", re.I)),
    # (the countries people came from, counted, are no nationality asked: "출신 나라는 몇 개국")
    "nationality": (re.compile(r"국적(?![^?]*몇)|어느\s*나라\s*(?:사람|출신|국민|시민)"
                               r"|출신\s*(?:국가|나라)(?!(?:들)?(?:는|은|가|이)?\s*(?:모두|총|대략|약|다)?\s*몇)(?!(?:들)?\s*수(?:가|는|은|를|도|만)?(?![가-힣]))"
                               r"|어느\s*나라에서\s*왔"
                               r"|\bnationalit(?:y|ies)\b|\bcitizenship\b|\bwhat country (?:is|was|are|were) .{1,60}? from\b"
                               r"|\bwhich country (?:is|was|are|were) .{1,60}? (?:from|a citizen of)\b", re.I),
                    re.compile(rf"국적|출신|(?<![가-힣])(?:{_COUNTRIES})\s?(?:인|계|국민|시민){_PARTICLE_AFTER_DEMONYM}"
                               rf"|\bnationality\b|\bcitizen(?:ship)?\b|\bnational of\b|-born\b|\bborn in\b"
                               rf"|\b(?:{_DEMONYMS})(?:-born)?\s+(?:[a-z-]+\s+){{0,2}}(?:national|citizen|expert|journalist"
                               rf"|scientist|researcher|engineer|entrepreneur|executive|businessman|businesswoman|man|woman"
                               rf"|author|writer|blogger|professor|diplomat|official|politician|economist|investor)s?\b",
                               re.I)),
    "superlative": (
        re.compile(rf"{_SUPERLATIVE_KO}[^?]*?{_NAME_ASKED_KO}|{_NAME_ASKED_KO}[^?]*?{_SUPERLATIVE_KO}"
                   r"|\b(?:which|who|what)\b[^?]*?\bthe\s+(?:most|largest|biggest|highest|greatest|busiest)\b"
                   r"(?!\s+recent)", re.I),
        re.compile(r"가장|제일|최대|최다|최고(?!경영)|1위|으뜸|압도적|특히|\b(?:most|largest|biggest|highest|top)\b", re.I)),
    # the language something was said or written in ("연설 무슨 언어로 했음", "통역 붙었음", "what language"), answered
    # only by a language named ("중국어", "중·영문", "in English") or an interpreter
    "language": (re.compile(r"(?:무슨|어느|어떤|몇\s*개)\s*(?:나라\s*)?언어(?:로|을|를|가|이|는|은)?(?=\s|[?？]|$)|통역"
                            r"|\b(?:what|which)\s+languages?\b|\bin\s+what\s+language\b|\binterpret(?:er|ed|ation)\b", re.I),
                 re.compile(r"(?:중국|영|한국|일본|불|독|러시아|스페인|아랍)어(?![가-힣])|(?:중국|영|한국|일본)어(?=로|로도|와|과|를|가|는|판)"
                            r"|중문|영문|국문|[一-鿿]文|통역|\b(?:English|Chinese|Mandarin|Korean|Japanese|languages?|interpret\w*)\b",
                            re.I)),
    # the first to do something or which came first ("Which customer was the first to deploy …?", "Was it the first
    # edition to …?", "Which came out first: …?", "이번이 세계 최초 공개였어?", "알리바바가 처음으로 내놓은 기기야?",
    # "화웨이보다 먼저 합류했어, 나중에 합류했어?"), answered only by a sentence that says what was first or in which
    # order things came
    "first": (re.compile(r"\b(?:which|who|what)\b[^?]*?\bthe\s+first\s+(?:[a-z-]+\s+){0,3}to\b"
                         r"|^(?:was|were|is|are|did)\b[^?]*\bthe\s+first\b"
                         r"|\b(?:came|happened|launched|released|unveiled|announced)\s+(?:out\s+)?first\b"
                         r"|처음으로|최초로|최초의|세계\s*최초|이번이\s*처음|보다\s*먼저(?!\s*(?:나오|나온|나와|적|쓰|언급|등장|오는|온|놓|둔|배치))|먼저\s*[가-힣]+\s*,?\s*(?:아니면\s*)?나중에", re.I),
              re.compile(r"최초|처음|첫|먼저|나중|이후|이전|앞서|뒤이어|직후|직전|\b(?:first|before|after|earlier|later)\b",
                         re.I)),
    # a colour ("로고는 무슨 색이에요?", "What color options …?"), answered only by a colour named
    "colour": (re.compile(r"(?:무슨|어떤|어느)\s*색(?!다|채)|\bcolou?rs?\b", re.I),
               re.compile(r"(?:빨간|빨강|붉은|파란|파랑|푸른|노란|노랑|초록|녹색|검은|검정|하얀|흰|은|금|회|보라|주황|분홍|남|청|적|황|흑|백)"
                          r"색|색깔|색상|\b(?:red|blue|green|yellow|black|white|silver|gold|grey|gray|purple|orange|pink|colou?rs?)\b",
                          re.I)),
    # a visitor's logistics: a web address ("사전등록 사이트 주소", "신청 링크", "the website"), answered only by one
    # written as such; the transit line to a place ("몇 호선", "which metro line"), only by a line, a station or a
    # bus; where in a venue a booth is ("부스는 어느 구역", "which hall"), only by a hall, a zone, a floor or a
    # booth; and how to apply, register or book, only by a sentence that speaks of applying, registering or booking
    "web_address": (re.compile(r"(?:사이트|홈페이지|웹\s*페이지|웹|앱|포털)\s*(?:의\s*)?(?:주소|링크|URL)"
                               rf"|(?:{_APPLY_KO}|가입)\s*(?:링크|URL|페이지|사이트|홈페이지)"
                               r"|\b(?:website|web\s*site|web\s*address|url|homepage|home\s*page|sign-?up\s+page"
                               r"|registration\s+(?:link|page|site|portal))\b", re.I),
                    re.compile(r"https?://|www\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|org|net|kr|gov|io|ai)\b"
                               r"|사이트|홈페이지|웹\s*페이지|\bwebsite\b", re.I)),
    "transit": (re.compile(r"지하철|전철|메트로|몇\s*호선|버스\s*(?:노선|번호|정류장)|셔틀\s*버스"
                           r"|\b(?:metro|subway|underground|shuttle|bus|tram)\s+(?:line|route|stop|station|service)s?\b"
                           r"|\bwhich\s+(?:metro|subway|bus|train|line|station)\b", re.I),
                re.compile(r"\d+\s*호선|지하철|전철|메트로|셔틀|버스|\bline\s*\d+\b|\b(?:metro|subway|shuttle|bus|station)\b",
                           re.I)),
    "booth": (re.compile(r"부스\s*(?:의\s*)?(?:위치|번호)|부스(?:는|가|를)?\s*[^?]{0,12}(?:어디|어느)"
                         r"|(?:어느|몇)\s*(?:구역|홀|전시관|층|관)(?![가-힣])|\bwhere\b[^?]*\bbooth\b|\bbooth\s+(?:number|location)\b|\bwhich\s+(?:hall|zone|floor|pavilion)\b",
                         re.I),
              re.compile(r"\d+\s*(?:홀|관|층|번\s*부스)|구역|전시관|부스|홀(?![가-힣])|\b(?:hall|zone|floor|booth|pavilion)\b",
                         re.I)),
    "application": (re.compile(rf"(?:어떻게|어디서|어디에서|방법)[^?]{{0,12}}{_APPLY_KO}"
                               rf"|{_APPLY_KO}\s*(?:방법|절차|하려면|하는\s*법|은\s*어떻게|는\s*어떻게)"
                               r"|\bhow\s+(?:do|can|could|should|would)\s+(?:i|we|you|one|visitors?)\s+"
                               r"(?:register|apply|sign\s+up|book|buy|get\s+(?:a\s+)?tickets?|reserve)\b", re.I),
                    re.compile(rf"{_APPLY_KO}|티켓|입장권|\bregist|\bappl(?:y|ic)|\bsign[- ]?up\b|\bbook"
                               r"|\btickets?\b|\breserv", re.I)),
}


def attribute_missing(question: str, sentences: list[str]) -> bool:
    """True when the question asks for an age, a time of day, how often, a nationality, an original title, where
    someone studied, when something was founded, which one is the most, a language, a colour or a visitor's
    logistics (see above) and none of ``sentences`` gives one."""
    # a dateline's address is where a document was posted, no page to apply, register or book on
    applying = _APPLYING.search(question) is not None
    return any(asked.search(question) and not any(
        given.search(s) and not (name == "web_address" and applying and is_dateline(s)) for s in sentences)
        for name, (asked, given) in _ATTRIBUTES.items())


_APPLYING = re.compile(rf"{_APPLY_KO}|가입|앱|\b(?:regist\w*|sign-?up|book\w*|ticket\w*|app)\b", re.I)


# A question asking for the rest of a set whose other members it writes ("외교부, 국가발전개혁위원회, 과기부,
# 중국과학원을 빼면 나머지 여섯 곳은 어디야?", "AI 인프라, 스마트 단말 말고 나머지 여섯 개는 뭐야?", "Other than
# DeepSeek, which model …"): what it writes before "말고" / "빼면" / "제외하고" (or after "other than", "besides",
# "apart from", "except", "excluding") is not its answer. When the only enumerations of the top sentences that
# name a member it writes name nothing else ("외교부, 국가발전개혁위원회, 과기부, 중국과학원 등 10개 기관"), the
# text does not give the rest. Grammar, not fitted.
_REST_KO = re.compile(r"(?:을|를|은|는|이|가)?\s*(?:말고|빼고|빼면|제외하면|제외하고|제외한|외에|외엔)도?"
                      r"(?=[\s,.?]|$)(?:[^.?!]{0,40}?(?:나머지|다른|또|더|남은)|\s*[가-힣]+\s[가-힣]+도\s)")
_REST_EN = re.compile(r"\b(?:other than|besides|apart from|aside from|except(?: for)?|excluding|not counting)\s+"
                      r"([^,?;]{2,80})", re.I)
_CLAUSE_START = re.compile(r"[.?!:;]|\s(?:중에서|중에|가운데|중)\s")
_CLAUSE_TAIL = re.compile(r"(?:데|고|며|서|면|다|요|지|니)$")
_MEMBER_SEPARATOR = re.compile(r"\s*[,·]\s*|\s*(?:와|과|랑|하고|및)\s+|\s+and\s+|\s+or\s+")
_QUANTITY_ITEM = re.compile(r"\d[\d,.]*\s*[가-힣%]{0,3}")


def rest_excluded(question: str) -> str | None:
    """The part of a question asking for "the rest" that writes what is not its answer (see above): the words
    before "말고" back to the start of their clause, over the commas of a list it writes, or after "other than"
    up to a comma; None for any other question."""
    m = _REST_KO.search(question)
    if m:
        before = question[:m.start()]
        clause = before[max((c.end() for c in _CLAUSE_START.finditer(before)), default=0):]
        pieces = re.split(r"[,·]", clause)
        kept = [pieces[-1]]
        for piece in reversed(pieces[:-1]):  # earlier members of a list, not a clause before it ("…라던데, ")
            words = piece.split()
            if not 0 < len(words) <= 4 or _CLAUSE_TAIL.search(words[-1]):
                # the list's first member, after the words that introduce it ("칩 제조사로 화웨이·바이런 말고")
                if (len(words) > 4 and not _CLAUSE_TAIL.search(words[-1]) and not _NOT_OPTION.search(words[-1])
                        and _KO_PARTICLE_END.search(words[-2])):
                    kept.insert(0, words[-1])
                break
            kept.insert(0, piece)
        excluded = ",".join(kept).strip(" ,·")
        return re.sub(r"\s*,\s*", ", ", excluded) or None
    m = _REST_EN.search(question)
    return m.group(1).strip() if m else None


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is a Korean short form of ``name``: three syllables or more, each found in ``name`` in order,
    the first among ``name``'s first three, ``name`` at least two syllables longer and not writing ``short`` as it
    stands ("발개위" for 국가발전개혁위원회, "과기정통부" for 과학기술정보통신부; "화웨이" is part of 화웨이클라우드, not
    short for it). Grammar, not fitted."""
    if len(short) < 3 or len(name) < len(short) + 2 or short in name or not re.fullmatch(r"[가-힣]+", short + name):
        return False
    at = name.find(short[0])
    if at < 0 or at > len(name) - len(short) or at > 2:
        return False
    for ch in short[1:]:
        at = name.find(ch, at + 1)
        if at < 0:
            return False
    return True


# A question for another *name* beside the one it writes ("로이터 말고 다른 통신사도 나와? 어디야?", "스텝펀 말고
# 다른 곳은 어디야?", "딥시크가 R1 말고도 … 다른 오픈소스 모델들, 이름이 뭐뭐야?"): when every top sentence that
# writes that name writes it alone — in no enumeration and joined to nothing by 와/과/랑/및 — the text names no
# other ("연합은 LLM 개발사 스텝펀(StepFun)에 의해 출범됐다", "딥시크(DeepSeek) 등 중국 AI 기업들": 등 says there
# are others without naming them). Only for a question asking for a name (어디, 누구, 어느 …, 이름, which, who) or
# whether there is another ("상하이 말고 거론된 도시도 있어?"): one asking what else ("계산 능력 말고 통신 쪽으로는
# 어떤 장점") is answered by the rest of the sentence. Grammar, not fitted.
_REST_NAME_ASKED = re.compile(r"어디|누구|어느\s*[가-힣]+|이름|뭐뭐|[가-힣]도\s*있(?:어|나|니|었|습|을까)"
                              r"|\b(?:which|who|where)\b", re.I)
_JOINED_AFTER = re.compile(r"(?:\s*\([^()]*\))?(?:\s*[,·․]|(?:와|과|랑|하고)\s+(?!같|함께|달리|비교|협력|손잡)|\s+및\s)")
_JOINED_BEFORE = re.compile(r"(?:[,·․]|\s및)\s*$")


def _written_alone(name: str, sentence: str) -> bool | None:
    """None when ``sentence`` does not write ``name``; else whether every writing of it stands alone (see above)."""
    found = list(re.finditer(re.escape(name), sentence))
    if not found:
        return None
    return not any(_JOINED_AFTER.match(sentence, m.end()) or _JOINED_BEFORE.search(sentence[:m.start()])
                   for m in found)


def rest_missing(question: str, sentences: list[str]) -> bool:
    """True when ``question`` asks for the rest of a set (:func:`rest_excluded`) and the enumerations of
    ``sentences`` that name a member the question writes name no other member; or, when it asks for a name and
    writes one member, every sentence writing that member writes it alone (see above)."""
    excluded = rest_excluded(question)
    if not excluded:
        return False
    members = [re.sub(r"\s+", "", m) for m in _MEMBER_SEPARATOR.split(excluded)]
    if len(members) == 1 and _REST_NAME_ASKED.search(question[question.find(excluded) + len(excluded):]):
        name = _word_stem(excluded.split()[-1])
        alone = [a for a in (_written_alone(name, s) for s in sentences) if a is not None] if len(name) >= 2 else []
        if alone and all(alone):
            return True

    def written(item: str) -> bool:  # one of the members, or nearly ("중국" is not "중국과학원"), or its short form
        core = re.sub(r"\s+", "", item)
        return len(core) >= 2 and any(
            (core in m or m in core) and min(len(core), len(m)) >= .6 * max(len(core), len(m))
            or abbreviates(m, core) for m in members if m)

    # a date or count the enumeration's reader took in ("2025년 7월 26일, 외교부, …") is not a member
    named = [items for s in sentences for span in list_items(s)
             for items in [[i for i in span.text.split(", ") if not _QUANTITY_ITEM.fullmatch(i)]]
             if any(written(i) for i in items)]
    return bool(named) and all(all(written(i) for i in items) for items in named)


# A question about what someone said or does ("원탁 토론에서 왕관춘 CEO는 무슨 얘기를 했어?", "아진가는 무슨 사업을
# 하는 회사야?", "What products does Laiye Technology make?", "What points did Ryoji Sekido make?") is not answered
# by a roster, a sentence listing who took part ("…세키도 료지가 화상으로 토론에 참여했으며, 센스타임 … 스쥔 CEO,
# …이 한자리에 모여"): it names them and their titles, not their words or their business. Grammar, not fitted.
_DEED_KO = re.compile(
    r"(?:무슨|어떤)\s*(?:얘기|이야기|말|발언|주장|논평|제품|사업|서비스|작물|일을|사례|예시)|(?:사례|예시)(?:가|는)?\s*(?:뭐|무엇)"
    r"|뭐라고\s*(?:말|했|얘기|발언|밝혔|강조|주장)|뭘\s*(?:만들|팔|생산|재배)|(?:만드는|생산하는|파는|재배하는)\s*(?:게|것|제품)"
    r"|(?:발언|얘기|이야기|말)\s*(?:내용|요지)")  # "세키도 료지가 화상으로 한 발언 내용?"
_DEED_EN = re.compile(
    r"\bwhat\s+(?:points|remarks|comments|products|services|business|crops|examples?|cases?)\b"
    r"|\bwhat\s+(?:did|does|do)\b(?:\s+[\w'’()\u4e00-\u9fff-]+){1,6}?\s+(?:say|tell|argue|mention|make|produce|sell|grow)\b"
    r"|\bwhat\s+kind\s+of\s+(?:products|business|crops)\b", re.I)
_ROSTER_ITEMS = 5
_ROSTER_PEOPLE = 4
_TAKING_PART = re.compile(r"참가|참여|참석|모였|모여|회원|가입|합류|\b(?:took part|joined|attended|members?|participants?)\b", re.I)


def asks_deed(question: str) -> bool:
    """True when the question asks what someone said, makes or does (see above)."""
    return bool(_DEED_KO.search(question) or _DEED_EN.search(question))


def is_roster(sentence: str) -> bool:
    """True when the sentence lists who took part: an enumeration of five or more items in a sentence that speaks
    of taking part ("참가 기업으로는 …") or names people or organisations, or four or more people named beside their
    titles. An enumeration of common nouns ("제조, 에너지, 교육, 의료, 로봇 등 핵심 산업에 …") lists things, not who took
    part."""
    people = person_names(sentence)
    if len(people) >= _ROSTER_PEOPLE:
        return True
    return (any(len(sp.text.split(", ")) >= _ROSTER_ITEMS for sp in list_items(sentence))
            and bool(_TAKING_PART.search(sentence) or people or organisation_names(sentence)))


# What a roster gives of each one it lists: who they are, their name in another script, their title, whom they
# belong to or represent, and that (and how) they took part. A Korean question about a name the text writes only in
# rosters that asks anything else ("일루바타 코어엑스는 어떤 종류 칩을 만드는 회사예요?", "아진가는 본사가 어느 도시에
# 있어?", "… 연구소는 언제 세워졌어?") asks what the text does not say. Read from the name on (its description
# before the name, "위원회에 들어간 일루바타 코어엑스는", says how the asker found it). Grammar, not fitted.
_ROSTER_GIVES = re.compile(
    r"누구|누가|이름|성함|명단|직함|직책|직위|호칭|역할|자격|소속|회사명|기관명|영문|영어|한자|중국어|병기|표기"
    r"|어떻게\s*(?:써|쓰|적|나와|소개)|뭐로\s*(?:적|소개|나와)|어느\s*(?:회사|기업|업체|기관|연구소|대학|부서|조직|단체|곳|쪽)"
    r"|어디\s*(?:소속|회사|사람|출신|쪽)|참석|참가|참여|나왔|나온|나갔|멤버|회원|포함|들어가|들어갔|들어있|들어 있|끼어"
    r"|대표|맡|CEO|이사장|원장|부사장|총괄|창립자|아키텍트|방식으로|화상|현장|소개"
    r"|(?:회사|기업|업체|기관|단체|곳)(?:은|는|이|가)?\s*(?:어디|누구|뭐|무엇)")


def roster_gives(question: str, name_start: int = 0) -> bool:
    """Whether a Korean question asks something a roster gives of a name it writes (see above); ``name_start``:
    where the name's first mention starts."""
    return bool(_ROSTER_GIVES.search(question[name_start:]))


# What someone thinks, says or did about something ("일본 정부는 행동계획에 대해 어떤 입장을 밝혔어?", "왕레이 이사장은
# 미국 정부의 AI 행동 계획을 어떻게 평가했어?", "How did the EU respond to China's proposal …?"): a sentence answers it
# only when it names both the one asked about (the speaker) and what they spoke of (the topic). The text's other
# sentences about the same topic (Li Qiang's proposal) or by the same speaker (Wang Lei on Chinese AI) do not.
# Grammar, not fitted: the speaker is the question's topic-marked subject (은/는/이/가) or, in English, the subject
# of "did … say / respond / react"; the topic is what "에 대해", "에 대한", "을 두고" ("텐센트 전략을 두고 파이낸셜타임즈는
# 어떻게 평가했어?"), "을 … 평가" or "about / to / on" governs.
_STANCE_WORD = r"(?:입장|반응|논평|평가|견해|의견|코멘트|말|발언|언급)"
_FOR_AGAINST = r"(?:찬성|반대|지지)(?:했|해|하|한|할)"
_STANCE_KO = (
    # speaker first: "왕레이 이사장은 미국 정부의 AI 행동 계획을 어떻게 평가했어?" (the topic marker before the subject one)
    *(re.compile(rf"^(?P<speaker>[^,?]{{2,30}}?)(?:{marker})\s+(?P<topic>[^,?]{{2,40}}?)"
                 rf"(?:에\s*대해서?는?|에\s*대한|에\s*관해서?|을|를|에)\s+(?:공식적으로\s+)?"
                 rf"(?:어떻게\s*(?:평가|봤|봐|보(?:는|고|나|니|았|셨|시|세요)|생각|반응|설명)|어떤\s*{_STANCE_WORD}|무슨\s*{_STANCE_WORD}|뭐라고"
                 # for or against: "제프리 힌턴은 … 구상에 찬성했어, 반대했어?"
                 rf"|{_FOR_AGAINST})")
      for marker in ("은|는", "이|가")),
    # topic first: "중국의 WAICO 제안에 대해 한국 외교부가 낸 공식 논평", "… 행동계획에 대해 일본 정부는 어떤 입장"
    re.compile(rf"(?P<topic>[^,?]{{2,40}}?)(?:에\s*대해서?는?|에\s*대한|에\s*관해서?|(?:을|를)\s*두고)\s+(?P<speaker>[^,?]{{2,30}}?)"
               rf"(?:은|는|이|가)\s+(?:[^,?]{{0,12}}\s)?(?:어떻게\s*(?:평가|봤|봐|보(?:는|고|나|니|았|셨|시|세요)|생각|반응|설명)|어떤\s*{_STANCE_WORD}|무슨\s*{_STANCE_WORD}"
               rf"|뭐라고|(?:낸|남긴|밝힌)\s*(?:공식\s*)?{_STANCE_WORD})"),
)
_STANCE_EN = re.compile(
    r"\b(?:how|what)\s+(?:exactly\s+)?did\s+(?P<speaker>[^?]{2,60}?)\s+(?:react|respond|say|think|comment)\s+"
    r"(?:about|to|on|regarding)\s+(?P<topic>[^?]{2,80})", re.I)
# … or by a verb of judging with its object ("How did Japanese media assess China's hosting of WAIC?")
_STANCE_EN_OBJECT = re.compile(
    r"\bhow\s+(?:exactly\s+)?(?:did|do|does)\s+(?P<speaker>[^?]{2,60}?)\s+"
    r"(?:assess|evaluate|view|judge|interpret|perceive|rate|regard)\s+(?P<topic>[^?]{2,80})", re.I)


# A yes-or-no question in Korean ("인플레임도 미국 제재를 받은 회사야?", "… 금융 추론 대형 모델은 오픈소스로 공개됐어?"):
# its asked clause ends in a question mark and writes no interrogative word, nor asks for something to be listed,
# explained or compared. Grammar, not fitted.
_WH_KO = re.compile(r"누구|누가|무엇|뭐|뭘|무슨|어디|언제|어떻게|어떤|어느|왜|몇|며칠|얼마|어땠|어떠|무얼|뭔|어째서|"
                    r"골라|뽑아|알려|설명|말해|정리|소개해|요약|꼽아|비교|나열|어때|"
                    # Gyeongsang speech: 어데 for 어디 ("어데서 낸 자료 갖다 썼드노?"), 누고 for 누구 ("CEO는 누고?")
                    r"어데|" + GYEONGSANG_WHO)


# A question checking a claim it states: "펀드가 6천억 위안짜리라던데, 그 숫자 맞아?", "WAIC가 2015년에 처음 시작됐다며?"
# (what one heard, 다며/라며), "… 900건 넘게 밀어붙였다는거 맞아? 러브콜 기사 숫자" (a note may follow the
# question mark), "I read that it delivers 3,000
# PFlops. Is that the right figure?". The claim's numbers are the asker's, to be checked against the text (which may
# give another), not names of something the text must write (number_missing). Grammar, not fitted.
_CHECK_KO = re.compile(r"(?:맞아|맞나요|맞니|맞지|맞죠|맞는\s*거야|맞습니까|사실이야|사실인가요|사실이에요|진짜야|진짜예요|정말이야"
                       r"|정말인가요|정말이에요|(?<=[가-힣])(?:다며|라며|다면서|라면서|댔지|랬지))\s*(?:\?|$)")
# the negative check ("82억 달러로 적혀 있던 거 아니었나?", "20년 잡고 하는 거 아니었어?"): its claim is the clause it
# ends, not the words before that describe what is checked ("중국일보 소속 서양인 두 명이 … 보여준 분야, 게임이나 엔터 쪽
# 아니었어?" claims no count)
_NEGATIVE_CHECK_KO = re.compile(r"(?<![가-힣])(?:아니었어|아니었나|아니었나요|아니었지|아니었던가|아니야|아닌가|아닌가요|아니지"
                                r"|아니었어요)\s*(?:\?|$)")
_CHECK_EN = re.compile(r"\b(?:is|was)\s+(?:that|this|it)\s+(?:\w+\s+){0,2}(?:right|correct|true|accurate)\b"
                       r"|\bis\s+it\s+true\s+that\b|\b(?:that|this)\s+(?:figure|number)\s+(?:right|correct)\b"
                       # a tag question states the claim it checks: "…, didn't he?", "…, was it?"
                       r"|,\s*(?:is|isn't|was|wasn't|were|weren't|did|didn't|does|doesn't|has|hasn't|have|haven't|had"
                       r"|hadn't|will|won't|can|can't)\s+(?:it|he|she|they|there|that|this)\s*\?"
                       # … as does a question opening with a negative auxiliary: "Wasn't the plan released on July 23?"
                       r"|^\W*(?:wasn't|weren't|isn't|aren't|didn't|doesn't|don't|hasn't|haven't|hadn't)\s", re.I)


# A claim the asker states as written in a draft or notes, or as heard, wherever the question then asks about it:
# "초안엔 '50여 건'으로 적었어. 러브콜 기사 수치 좀 확인해줘", "…'2,000여 명 참석'이라고 썼는데 브리프 수치랑 같아?",
# "…에 있다고 들었는데", "My notes say …", "My draft converts … to …", "I heard …". Grammar, not fitted.
_CLAIM_FRAME_KO = re.compile(
    r"(?:라고|이라고|다고|으로|로)\s*(?:(?:초안|메모|노트|원고)(?:에|엔|에는|에선)?\s*)?"
    r"(?:적었|썼|써\s*놨|써\s*뒀|적어\s*놨|적어\s*뒀|달았|달아\s*놨|정리했|표기했|요약했|들었)"
    # the asker's statement goes on ("…적었는데", "…썼거든", "…적었어."); "브리프는 …다고 정리했어?" asks what the text says
    r"(?=\s*(?:는데|거든|고|지만|으니|어요?\s*[.,]|음\b))")
_CLAIM_FRAME_EN = re.compile(
    r"\bmy\s+(?:draft|notes?|memo|copy|story|script)\s+(?:says?|said|states?|quotes?|converts?|has|have|lists?|puts?"
    r"|gives?|claims?|reads?|describes?|calls?|credits?|attributes?)\b|\bI\s+(?:heard|read|was\s+told|wrote|noted)\b"
    r"|\bI(?:'ve|\s+have)\s+(?:heard|read|written|noted)\b", re.I)


def checks_claim(question: str) -> bool:
    """True when the question states a claim and asks whether it is right (see above)."""
    return bool(_CHECK_KO.search(question.strip()) or _NEGATIVE_CHECK_KO.search(question.strip())
                or _CHECK_EN.search(question))


# The claim itself: what the asker quotes ('…', "…") before a Korean frame, else the words before the frame; the
# words after an English one, to the end of that sentence. Grammar, not fitted.
_QUOTED_CLAIM = re.compile(r"['‘\"“]([^'‘’\"“”]{2,80})['’\"”]")
_CLAIM_VALUE_TYPES = ("percent", "money", "date_day", "date_year", "count", "amount")


def stated_claim(question: str) -> str | None:
    """The claim a question states as the asker's (:data:`_CLAIM_FRAME_KO`, :data:`_CLAIM_FRAME_EN`, or a claim
    checked by 맞아 / 라던데 / 다며 …: :func:`checks_claim`), or None when it states none."""
    frame = _CLAIM_FRAME_KO.search(question)
    if frame is not None:
        before = question[:frame.start()]
        quoted = list(_QUOTED_CLAIM.finditer(before))
        if quoted and quoted[-1].end() >= len(before.rstrip()) - 3:  # the quote is what was written or heard
            return quoted[-1].group(1)
        return re.split(r"(?<=[.?!])\s", before)[-1]
    frame = _CLAIM_FRAME_EN.search(question)
    if frame is not None:
        claim = re.sub(r"^that\s+", "", question[frame.end():].strip(), flags=re.I)  # "I wrote that …"
        return re.split(r"(?<=[.?!])\s", claim, maxsplit=1)[0]
    negative = _NEGATIVE_CHECK_KO.search(question.strip())
    if negative is not None and not _CHECK_KO.search(question.strip()):
        before = question.strip()[:negative.start()]
        return before[max(before.rfind(mark) for mark in ",.?!") + 1:].strip()
    if checks_claim(question):
        return question
    return None


def claims_number(question: str) -> bool:
    """True when the question states a claim (:func:`stated_claim`) holding a number of a kind the text can be read
    for (a count, a sum, a share, a date): the claim's numbers are then the asker's, to be set against the text's
    (``number_missing`` does not read them; :func:`claim_missing` checks that the text gives one of that kind)."""
    claim = stated_claim(question)
    return bool(claim) and any(kind != "place" for kind in claim_value_types(claim))


def claim_value_types(claim: str) -> tuple[str, ...]:
    """The kinds of value a claim states (a percentage, a sum, a day, a year, a count with its counter; ``place``
    for a city or a country): the text checks it only if it gives a value of the same kind."""
    kinds = [t for t in _CLAIM_VALUE_TYPES if t != "count" and find_spans(t, claim)]
    for span in find_spans("count", claim):  # a count by its counter's family ("500곳": places), a measure by its kind
        kinds.append(_count_kind(span))
    kinds = list(dict.fromkeys(kinds))
    if "date_day" in kinds and "date_year" in kinds:
        kinds.remove("date_year")  # "2025년 7월 26일" is one day
    if "amount" in kinds and len(kinds) > 1:
        kinds.remove("amount")  # a sum or a count is also an amount: the finer kind is checked
    if place_names(claim):
        kinds.append("place")
    return tuple(kinds)


_EN_COUNTED_WORD = re.compile(r"\d\s+(?:[a-z-]+\s+)?[a-z]{3,}s$")


def _count_kind(span: Span) -> str:
    """The kind of value a count span is, for :func:`claim_value_types`: a measure of a named kind ("5만㎡":
    ``amount:area``), a count of a family ("500곳": ``count:places``, "100 member companies": ``count:companies``;
    the generic 개, a bare number and an English noun of no family: ``count``)."""
    # an English plural noun counted ("6,000 solutions", "12 programs") is no unit, whatever letters it ends in
    counted_word = _EN_COUNTED_WORD.search(span.text)
    measured = None if counted_word else next((f for f, (_, unit) in _MEASURED.items() if unit.search(span.text)), None)
    if measured:
        return f"amount:{measured}"
    if counted_word:  # "100 member companies": the family of the English noun ("companies"), as a question's
        family = _english_family(span.text.split()[-1])
        return f"count:{family}" if family != "items" else "count"
    m = _SPAN_COUNTER.search(span.text)
    family = _KO_COUNTER_FAMILY.get(m.group(1)) if m else None
    return f"count:{family}" if family and m.group(1) != "개" else "count"


# A question that ends by saying what it does *not* ask ("…전체 예산은 얼마예요? 올해 펀드 말고요.", "AI 논문 수로
# 따지면 몇 위래? 특허 말고 논문 말이야."; read off stop 66's x116 and x118): the thing before "말고" is what the text
# gives, the asker knows it, and a quote of it answers nothing: a sentence that writes every word of it holds no answer
# of the question's type (:func:`contrast_excluded`). When the remark names what is asked instead ("논문 말이야"), a top
# sentence must write that (:func:`contrast_missing`). The remark is the question's last clause: "A 말고 다른 곳은
# 어디야?" asks for the rest of a set (:func:`rest_missing`). Grammar, not fitted.
_CONTRAST = re.compile(r"(?:^|[?.!,]\s*)(?P<x>[^\s?.!,]+(?:\s+[^\s?.!,]+)?)\s*말고(?:요)?(?:\s*,?\s*(?P<y>[^\s?.!,]+"
                       r"(?:\s+[^\s?.!,]+)?)\s*말(?:이야|이에요|이예요|입니다|이요|야|요))?\s*[.?!~]*\s*$")


def _contrast_words(question: str, group: str) -> list[str]:
    """The words (without their particles) of ``group`` of the question's closing remark (see above): ``x`` the thing
    excluded, ``y`` what is asked instead; [] when the question has no such remark or the remark no such part."""
    m = _CONTRAST.search(question)
    return [_word_stem(w) for w in m.group(group).split()] if m and m.group(group) else []


def contrast_excluded(question: str) -> list[str] | None:
    """The words (without their particles) of the thing a question's closing remark excludes (see above), or None."""
    words = _contrast_words(question, "x")
    return words if words and all(len(w) >= 2 for w in words) else None


def writes_excluded(excluded: list[str] | None, sentence: str) -> bool:
    """Whether ``sentence`` writes every word of ``excluded`` (:func:`contrast_excluded`; False for none)."""
    return bool(excluded) and all(w in sentence for w in excluded)


# A question asking what an abbreviation, a letter or a symbol stands for ("What does 'NPU' stand for …?", "'ULS'는
# 무엇의 약자예요?", "what does the 'N' stand for") is answered by a sentence that writes it with its expansion: the
# phrase it abbreviates before it in parentheses ("세계 인공지능 협력기구(WAICO)"), the phrase in parentheses after it,
# or, of a letter or a digit of a formula, what it counts ("N개의 생태계 병행 포럼"). A sentence that only uses it
# ("384장 NPU 기반", "ULS Robotics") answers nothing. Grammar, not fitted.
_TERM = r"([A-Za-z0-9+]{1,10})"
# the phrase a term stands in parentheses after ("세계 인공지능 협력기구(WAICO)"), of the escaped term ``t``
_PHRASE_BEFORE = r"[^\s()]{{2,}}[^()]*\(\s*{t}\s*[,)]"
_QUOTED_TERM = r"['‘\"“]([A-Za-z0-9+]{1,10})['’\"”]"
_EN_STANDS_FOR = (r"\bwhat\s+(?:does|do|did)\s+(?:the\s+)?(?:(?:first|second|third|last|letter|letters|abbreviation|"
                  r"acronym|term|symbol)\s+)*{}(?:\s+[^\s?]+){{0,8}}?\s+stands?\s+for\b")
_KO_STANDS_FOR = (r"{}(?:은|는|이|가|란|이란)?\s*(?:[^\s?'‘\"“]+\s+){{0,3}}?(?:무엇|뭐|무슨\s*말|어떤\s*말)(?:의|을|를)?\s*"
                  r"(?:뜻하는\s*|나타내는\s*)?(?:약자|약어|줄인\s*말|줄임말|준말)")
# a quoted term first ("모델 R1에서 'R'은 무엇을 뜻하는 약자": the R, not the R1)
_STANDS_FOR = tuple(re.compile(p.format(term), re.I) for term in (_QUOTED_TERM, _TERM)
                    for p in (_EN_STANDS_FOR, _KO_STANDS_FOR))


def expanded_term(question: str) -> str | None:
    """The abbreviation, letter or symbol whose expansion the question asks (see above), or None."""
    for pattern in _STANDS_FOR:
        m = pattern.search(question)
        if m:
            return m.group(1)
    return None


# Likewise a question asking what a quoted term means ("'코퍼스'는 무슨 뜻이라고 풀이돼 있어요?", "How does the brief
# define the unit 'PFlops'?", "What does the term 'X' mean?") is answered by a sentence that glosses it: in
# parentheses after it ("글로벌 사우스(중남미·동남아·중동·아프리카 등 신흥국)", "'위로만화'(圍爐漫話: 외국인이 …)"), by the
# phrase it stands in parentheses after, after a colon, or by a verb that defines ("…을 말한다", "…로 정의했다"). Judged
# only where a top sentence writes the term as quoted: an English term of a Korean text is left to the other inputs.
_QUOTED_WORDS = r"['‘\"“]([^'‘’\"“”]{1,30})['’\"”]"
_GAP_KO = r"(?:[^\s?'‘\"“]+\s+){0,3}?"
_MEANING_ASKED = (
    re.compile(rf"{_QUOTED_WORDS}(?:은|는|이|가|이란|란)?\s*{_GAP_KO}(?:무슨|어떤)\s*(?:뜻|의미)"
               rf"|{_QUOTED_WORDS}(?:은|는|이|가|이란|란)?\s*{_GAP_KO}(?:무엇|뭐)(?:을|를)\s*(?:뜻|의미|가리키|지칭|말하)"
               rf"|{_QUOTED_WORDS}(?:의)?\s*(?:뜻|의미|정의)(?:은|는|가|이)"),
    re.compile(rf"\bwhat\s+(?:does|do|did)\s+(?:the\s+)?(?:term|word|phrase|expression|unit)?\s*{_QUOTED_WORDS}"
               rf"(?:\s+[^\s?]+){{0,8}}?\s+(?:mean|refer\s+to)\b"
               rf"|\bhow\s+(?:does|do|did)\s+[^?]{{0,40}}\bdefine\s+(?:the\s+)?(?:term\s+|unit\s+|word\s+)?{_QUOTED_WORDS}"
               rf"|\bwhat\s+is\s+meant\s+by\s+{_QUOTED_WORDS}", re.I),
)


def meant_term(question: str) -> str | None:
    """The quoted term whose meaning the question asks (see above), or None."""
    for pattern in _MEANING_ASKED:
        m = pattern.search(question)
        if m:
            return next(g for g in m.groups() if g)
    return None


def expansion_missing(question: str, sentences: list[str]) -> bool:
    """True when the question asks what a term stands for (:func:`expanded_term`) and none of ``sentences``
    writes it with its expansion, or what a quoted term means (:func:`meant_term`) and of the ``sentences`` that
    write it none glosses it (see above)."""
    term = expanded_term(question)
    if term is not None:
        t = re.escape(term)
        if len(term) == 1 or term.isdigit():
            written = re.compile(rf"(?<![A-Za-z0-9+]){t}\s*개의|(?<![A-Za-z0-9]){t}\s*\(|\(\s*{t}\s*\)")
        else:
            written = re.compile(rf"{_PHRASE_BEFORE.format(t=t)}|(?<![A-Za-z0-9]){t}\s*\(\s*[^)\s][^)]{{2,}}\)"
                                 rf"|(?<![A-Za-z0-9]){t}\s*(?:은|는|이란|란)?\s*[^.]*?(?:의\s*약자|의\s*줄임말|을\s*줄인)")
        return not any(written.search(text) for text in sentences)
    term = meant_term(question)
    if term is None:
        return False
    t = re.escape(term)
    writing = [text for text in sentences if re.search(t, text, re.I)]
    q = r"['’\"”]?"
    glossed = re.compile(rf"{t}{q}\s*\([^)]*[가-힣]{{2}}[^)]*\)|{t}{q}\s*\([^)]*:|{_PHRASE_BEFORE.format(t=t)}"
                         rf"|{t}{q}\s*[:：]\s*\S"
                         rf"|{t}{q}(?:은|는|이란|란|이라\s*함은)\s[^.]*?(?:말한다|뜻한다|의미한다|가리킨다|일컫는다|지칭한다|말함|뜻함|의미함|가리킴)"
                         rf"|{t}{q}[^.]{{0,40}}?(?:로|으로)\s*(?:정의|규정)", re.I)
    return bool(writing) and not any(glossed.search(text) for text in writing)


def contrast_missing(question: str, sentences: list[str]) -> bool:
    """True when ``question`` ends by excluding a thing and naming what it asks instead ("특허 말고 논문 말이야"; see
    above) and none of the top ``sentences`` writes that; False for any other question, or with no sentence."""
    asked = _contrast_words(question, "y")
    return bool(asked and sentences) and not any(writes_excluded(asked, s) for s in sentences)


def claim_missing(question: str, sentences: list[str]) -> bool:
    """True when the question states a claim holding a value (:func:`stated_claim`, :func:`claim_value_types`:
    "'AI+산업' 전략이 2027년까지 보급률 70%를 목표로 한다고 적었는데 맞아?") and no
    top sentence holds any value of one of its kinds: the text gives neither that value nor another to set against
    it, so it cannot say whether the claim is right. A claim whose value the text gives otherwise ("2,000여 명"
    against "1,200여 명") is answered with the text's. Grammar, not fitted; the type gate's input."""
    claim = stated_claim(question)
    if not claim:
        return False
    kinds = claim_value_types(claim)
    return any(not any(place_names(text) if kind == "place" else find_spans(kind, text) for text in sentences)
               for kind in kinds)


def asks_yes_no(question: str) -> bool:
    """True for a Korean yes-or-no question (see above)."""
    if not re.search("[가-힣]", question):
        return False
    clause = asked_clause(question).strip()
    return clause.endswith("?") and not _WH_KO.search(clause)


# An English yes-or-no question opens with an auxiliary ("Is Zand Bank planning …?", "Did Eric Schmidt endorse …?").
_EN_POLAR = re.compile(r"^\W*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\s+(?!there\b|it\s+true\b)",
                       re.I)


def english_yes_no_split(question: str, general: Callable[[str], bool]) -> tuple[str, str] | None:
    """An English yes-or-no question cut into what it asks about, the names it writes
    (:func:`english_names`: "Zand" — "Bank" is a dictionary word), and the rest ("Bank planning to open an office
    in mainland China?"), as :meth:`~ragqa.text.korean.KoreanTextProcessor.topic_split` cuts a Korean one; None
    for any other question or one naming nothing. Grammar, not fitted."""
    if re.search("[가-힣]", question) or not question.rstrip().endswith("?") or not _EN_POLAR.match(question):
        return None
    names = english_names(question, general)
    if not names:
        return None
    rest = _EN_POLAR.sub("", question)
    for name in names:
        rest = re.sub(rf"\b{re.escape(name)}(?:'s|’s)?\b", " ", rest)
    return " ".join(names), " ".join(rest.split())


# A country (or the EU) that speaks ("일본 정부", "한국 외교부", "How did Russia react …", "the European Union") is
# one only a sentence naming that country answers for: "외교부, 국가발전개혁위원회 … 공동 주최" is China's ministry,
# not Korea's. A country's name is not paraphrased, so it counts whether or not the corpus writes it anywhere
# (the telling word of a speaker otherwise must be one the corpus writes). Korean names, and the English ones with
# their Korean forms; a region ("아시아" of "아시아그룹") is no speaker's country. Grammar, not fitted.
_SPEAKER_COUNTRIES: dict[str, tuple[str, ...]] = {
    "중국": ("china", "chinese"), "미국": ("the us", "u.s.", "united states", "america", "american"),
    "한국": ("korea", "korean"), "대한민국": ("korea",), "일본": ("japan", "japanese"),
    "영국": ("britain", "the uk", "united kingdom", "british"), "프랑스": ("france", "french"),
    "독일": ("germany", "german"), "러시아": ("russia", "russian"), "인도": ("india", "indian"),
    "캐나다": ("canada", "canadian"), "호주": ("australia", "australian"), "대만": ("taiwan", "taiwanese"),
    "유럽연합": ("european union", "eu", "유럽"), "이탈리아": ("italy", "italian"), "브라질": ("brazil", "brazilian"),
    "싱가포르": ("singapore",), "사우디아라비아": ("saudi",), "아랍에미리트": ("uae", "emirates", "emirati"),
}
_SPEAKER_COUNTRY_KO = re.compile(rf"(?<![가-힣A-Za-z])({'|'.join(_SPEAKER_COUNTRIES)}|EU)(?![A-Za-z]){_AFTER_PLACE}")


def speaker_country(speaker: str) -> set[str] | None:
    """The lower-case forms (Korean and English) of the country a stance question's speaker names (see above),
    or None when it names none."""
    m = _SPEAKER_COUNTRY_KO.search(speaker)
    if m:
        name = "유럽연합" if m.group(1) == "EU" else m.group(1)
        return {name, *_SPEAKER_COUNTRIES[name]}
    for name, forms in _SPEAKER_COUNTRIES.items():
        if any(writes_form(f, speaker) for f in forms if f.isascii() and f != "chinese"):
            return {name, *forms}
    return None


def writes_form(form: str, text: str) -> bool:
    """Whether ``text`` writes ``form`` (lower case): Latin letters as a word of their own ("eu", not "europe"),
    Hangul anywhere ("일본 정부", "일본의")."""
    lower = text.lower()
    if re.search("[a-z]", form):
        return re.search(rf"(?<![a-z]){re.escape(form)}(?![a-z])", lower) is not None
    return form in lower


def stance_parts(question: str) -> tuple[str, str] | None:
    """The speaker and the topic of a question about what someone thinks or said of something (see above), or
    None."""
    m = (_STANCE_EN.search(question) or _STANCE_EN_OBJECT.search(question)
         or next((m for p in _STANCE_KO if (m := p.search(question))), None))
    return (m.group("speaker").strip(), m.group("topic").strip()) if m else None


# What someone said, asked without the thing they spoke of ("벤지오 WAIC 와서 무슨 얘기 했어?", "화웨이는 뭐라고
# 반응했어?", "How did Nvidia react?"): the speaker is what the question writes before its interrogative, cut after
# its topic-marked word when it has one ("리 총리는 개막식에서 어떤 발언을 했어?": 리 총리). Only the forms that ask
# for someone's reply or remark: "뭐라고 했어?" and "what did X say" as often ask how a text words something ("한마디로
# 뭐라고 했어?", "what did Tencent say it would pursue"), whose answer names no speaker; nor does a reaction received ("어떤 반응을 얻었어?"). Grammar, not fitted.
_SPEECH_ASKED_KO = re.compile(r"뭐라고\s*(?=반응|반박|대답|응답|답했|답변|코멘트)|무슨\s*(?:얘기|이야기|발언|코멘트)(?!로)"
                              r"|어떤\s*(?:발언|코멘트|반응)(?!으로|을\s*(?:얻|받|끌|모))")
_SPEECH_ASKED_EN = re.compile(r"\bhow\s+did\s+(?P<reacted>[^?]{2,60}?)\s+(?:react|respond)\b", re.I)
_TOPIC_MARKED = re.compile(r"^(.{2,30}?)(?:은|는)\s")


def speech_speaker(question: str) -> str | None:
    """The speaker of a question asking what someone said, with no topic (see above), or None — also for a
    question :func:`stance_parts` reads (speaker and topic)."""
    if stance_parts(question) is not None:
        return None
    m = _SPEECH_ASKED_EN.search(question)
    if m:
        return m.group("reacted").strip()
    clause = asked_clause(question)
    m = _SPEECH_ASKED_KO.search(clause)
    if m is None or re.search(r"이름|명칭|표기|불러|부르|부름|번역", clause[m.end():]):
        return None
    before = clause[:m.start()].strip()
    marked = _TOPIC_MARKED.match(before + " ")
    speaker = (marked.group(1) if marked else before).strip()
    return speaker if len(speaker) >= 2 else None


# A sentence reporting what was said: a quotation, or a verb or ending of saying. The speaker must stand outside
# the quotation ("세미애널리시스는 “화웨이는 …”고 평가했다" is SemiAnalysis speaking, not Huawei).
_QUOTATION = re.compile('“[^”]*”|"[^"]*"')
_SAYS = re.compile(r'[“”"]|말했|밝혔|강조했|평가했|지적했|경고했|설명했|언급했|주장했|반박했|답했|전했|덧붙였|제안했|촉구했|비판했'
                   r"|분석했|내다봤|전망했|소감|발언|(?<=[가-힣])(?:라고|이라며|다며|라며)\b"
                   r"|\b(?:said|says|told|stated|noted|warned|argued|commented)\b")


def speaks_in(term: str, sentence: str) -> bool:
    """Whether ``sentence`` reports what was said (see above) and writes ``term`` (lower case) outside its
    quotations."""
    return bool(_SAYS.search(sentence)) and term in _QUOTATION.sub(" ", sentence).lower()


_ASKS_NATION = re.compile(r"나라|국가|국적|\bcountry\b|\bcountries\b|\bnations?\b|\bnationalit(?:y|ies)\b", re.I)
_REGION_NAME = re.compile(rf"{_REGIONS_KO}|{_EN_REGIONS}")


# A country written bare before a name the question writes is that thing's nationality ("중국 기업
# 앤트디지털테크놀로지", "중국 리창 총리", "중국 전략을"): it does not say where something the question asks about
# happened or who took it on ("… 행사는 어디서 열렸어?", "의장국은 어느 나라가 맡기로 했어?") — unless the question
# asks that nationality ("어느 나라 기업이야", "국적", "what nationality"). Grammar, not fitted.
_ASKS_NATIONALITY = re.compile(r"(?:어느|어떤|무슨)\s*(?:나라|국가)\s*(?:기업|회사|업체|사람|출신|은행|정부|기관|총리|인사)"
                               r"|국적|출신|\bnationality\b|\b(?:which|what) country (?:is|was|are|were)\b"
                               r"|\bfrom (?:which|what) country\b", re.I)
_BARE_WORDS = re.compile(r" ([가-힣A-Za-z]+)(?: ([가-힣A-Za-z]+))?")
_WORD_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|와|과|의|에|에서|로|으로|도)$")


def _word_stem(word: str) -> str:
    """``word`` without the particle it ends in; a word of two syllables or fewer is kept whole ("중국이" → "중국",
    "상하" stays)."""
    return _WORD_PARTICLE.sub("", word) if len(word) > 2 else word


def _nationality_of_given(sentence: str, end: int, question: str) -> bool:
    """Whether the country ending at ``end`` is written bare before a word the question writes (see above); the
    caller has checked that the question does not ask a nationality."""
    m = _BARE_WORDS.match(sentence, end)
    if m is None:
        return False
    for word in filter(None, m.groups()):
        if word.endswith("의"):  # "아랍에미리트 최초의 디지털 은행": the country heads a longer phrase, which it describes
            return False
        stem = _word_stem(word)
        if len(stem) >= 2 and stem in question:
            return True
    return False


def place_names(sentence: str, question: str = "", given: Callable[[str], bool] = lambda name: False) -> list[Span]:
    """Names of places in ``sentence`` (see above), in order, of the kind the ``question`` asks for — countries
    and regions of the world for "어느 나라" / "which country", cities and venues for "어느 도시" / "본사", and for
    "어디서", "어느 지역" or "where" cities and venues, else countries and regions —, leaving out those ``given``
    says the question writes. A venue after its city stays one name ("상하이 타워 정원 홀" → "상하이 타워"). A
    question naming a venue's kind ("어느 전시장") gets venues only, one naming a district ("어느 구") districts only
    (:func:`asks_venue`): a city does not answer either."""
    kind = asks_venue(question)
    if kind == "district":
        return [Span("place", m.group(m.lastindex), m.start(m.lastindex), m.end(m.lastindex))
                for m in _DISTRICT.finditer(sentence) if not given(m.group(m.lastindex))]
    cities, countries = [], []
    nationality_asked = not question or _ASKS_NATIONALITY.search(question) is not None
    for m in _PLACE.finditer(sentence):
        g = m.lastindex
        if given(m.group(g)):
            continue
        if g in _COUNTRY_GROUPS:
            if nationality_asked or not _nationality_of_given(sentence, m.end(g), question):
                countries.append(Span("place", m.group(g), m.start(g), m.end(g)))
        else:
            cities.append(Span("place", m.group(g), m.start(g), m.end(g)))
    if kind == "venue":  # a venue's name, not a city alone
        return [sp for sp in cities if re.search(rf"{_VENUE}$", sp.text.split("(")[0].strip())]
    if _ASKS_COUNTRY.search(question):
        if _ASKS_NATION.search(question):  # "어느 나라", "which country": a region of the world is not one
            return [sp for sp in countries if not _REGION_NAME.fullmatch(sp.text.split("(")[0].strip())]
        return countries
    if _ASKS_CITY.search(question):
        return cities
    return cities or countries


# A model's code, written bare in Latin letters and digits: "910C 칩", "딥시크 R1", "GB200 NVL72" — what "칩
# 모델명은 뭐야?" asks for when no name is quoted or described. "B2B", "B2C" (business-to-…) are not codes.
_CODE = r"(?:[A-Z]{1,4}\d{1,4}[A-Z]{0,3}|\d{2,4}[A-Z]{1,3})"
_MODEL_CODE = re.compile(rf"(?<![A-Za-z0-9])({_CODE}(?:\s{_CODE})*)(?![A-Za-z0-9])")
_NOT_CODE = re.compile(r"^[A-Z]2[A-Z]$")


def model_codes(sentence: str, written: Callable[[str], bool]) -> list[Span]:
    """Model codes in ``sentence`` (see above) that the question does not write (``written``)."""
    return [Span("name", m.group(1), m.start(1), m.end(1)) for m in _MODEL_CODE.finditer(sentence)
            if not _NOT_CODE.match(m.group(1)) and not written(m.group(1))]


# A thing the text describes and then names in parentheses: "기술·안보 협력(ROK-US AI 전략)". When the question
# writes the description ("AI 기술·안보 협력은 뭐라고 불려?"), the parenthesis is the name it asks for.
_DESCRIBED = re.compile(r"([^\s()]+)\s?\(([^()]{2,40})\)")
# a name's original in another script may open a longer parenthesis that goes on to explain it ("'위로만화'(圍爐漫話:
# 외국인이 중국에서 경험했던 바를 … 미디어 프로그램)")
_SCRIPTED = re.compile(r"([^\s()]+)\s?\(([^()]{2,120})\)")


def _after_written(sentence: str, written: Callable[[str], bool],
                   pattern: re.Pattern[str] = _DESCRIBED) -> Iterator[tuple[re.Match[str], str]]:
    """Each parenthesis of ``sentence`` after a word (particle dropped, two characters or more) that ``written``
    says the question writes, with that word."""
    for m in pattern.finditer(sentence):
        word = _PARTICLE_END.sub("", m.group(1).strip("‘’'\"“”"))
        if len(word) >= 2 and written(word):
            yield m, word


_RESTATED_SUM = re.compile(r"(?:약|대략|about|approx\.?)?\s*\d")  # "600억 위안(약 8.2억 달러)": a sum restated, not a name


def described_names(sentence: str, written: Callable[[str], bool]) -> list[Span]:
    """Names in parentheses after a word ``written`` says the question writes, the name itself not written
    there. The name holds Hangul: a Latin or Chinese alias is the same name in another script ("딥시크(DeepSeek)",
    "스쥔(史軍)"), not the name of a thing described."""
    out = []
    for m, _ in _after_written(sentence, written):
        name = m.group(2).strip()
        if not written(name) and re.search(r"[가-힣]", name) and not _RESTATED_SUM.match(name):
            out.append(Span("name", name, m.start(2), m.end(2)))
    return out


# The other way round: a name followed by what it means in parentheses, "글로벌 사우스(중남미·동남아·중동·아프리카 등
# 신흥국)". When the question describes the thing in the parenthesis's words ("신흥국 묶음을 뭐라고 불렀어?"), the words
# before it are the name it asks for. And a name the text writes with its Latin original, "클라우드매트릭스
# 384(CloudMatrix 384)": a proper name of a product, a model or a body, whatever its kind. The name is the one to
# three words before the parenthesis, from the first that no particle or ending closes ("화웨이의 클라우드매트릭스
# 384" is 클라우드매트릭스 384). Grammar, not fitted.
_NAME_BEFORE_PAREN = re.compile(r"((?:[^\s()]+\s){0,2}[^\s()]+)\s?\(([^()]{2,60})\)")
_CLOSED_WORD = re.compile(r"(?:[,.;:·、]|(?<=[가-힣])(?:는|은|을|를|의|에|와|과|로|도|한|된|인|던|고|며|서|면|다|에서|으로|하는|있는))$")
_LATIN_ORIGINAL = re.compile(r"[A-Za-z][A-Za-z0-9&.' +-]{1,40}")
_KIND_REACH = 20  # characters either side of a Latin-aliased name where the word for the asked kind may stand


def _name_before(m: re.Match[str], most: int = 3) -> tuple[str, int] | None:
    """The name written before the parenthesis of ``m`` (:data:`_NAME_BEFORE_PAREN`), of ``most`` words at most,
    and where it starts, or None when a closed word ends it (the parenthesis then explains a phrase, not a name)."""
    words = m.group(1).split(" ")
    if _CLOSED_WORD.search(words[-1]):
        return None
    words = words[-most:]
    while words and _CLOSED_WORD.search(words[0]):
        words.pop(0)
    name = " ".join(words).strip("‘’'\"“”")
    if not re.match(r"[가-힣]", name):
        return None
    return name, m.start(1) + m.group(1).index(name)


def explained_names(sentence: str, question_terms: Iterable[str], written: Callable[[str], bool]) -> list[Span]:
    """Names followed by a parenthesis that writes one of ``question_terms`` (two characters or more; the
    question's key terms), the name itself not written by the question (``written``)."""
    terms = [t for t in question_terms if len(t) >= 2 and re.fullmatch("[가-힣]+", t)]  # a description, not an alias
    out = []
    for m in _NAME_BEFORE_PAREN.finditer(sentence):
        found = _name_before(m)
        if found and not written(found[0]) and any(t in m.group(2) for t in terms):
            out.append(Span("name", found[0], found[1], found[1] + len(found[0])))
    return out


def latin_aliased_names(sentence: str, kinds: tuple[str, ...], written: Callable[[str], bool]) -> list[Span]:
    """Hangul names written with their Latin original in parentheses (a name, with a small letter: not "B2B"),
    neither form written by the question, within :data:`_KIND_REACH` characters of a word for the kind of thing
    the question asks the name of (``kinds``: :func:`named_kinds`, "제품 이름" → 제품): "가장 주목받은 제품 중 하나는
    화웨이의 클라우드매트릭스 384(CloudMatrix 384)" names a product; "센스타임(SenseTime)" beside no such word is a
    company, whatever the question asks."""
    if not kinds:
        return []
    out = []
    for m in _NAME_BEFORE_PAREN.finditer(sentence):
        alias = m.group(2).strip()
        found = _name_before(m, most=len(alias.split()))  # as many words as the original: "중국 기업 딥식(DeepSeek)"
        if not (found and _LATIN_ORIGINAL.fullmatch(alias) and re.search("[a-z]", alias)) or written(found[0]) \
                or written(alias):
            continue
        start, end = found[1], m.end()
        near = sentence[max(0, start - _KIND_REACH):min(len(sentence), end + _KIND_REACH)]
        if any(kind in near for kind in kinds):
            out.append(Span("name", found[0], start, start + len(found[0])))
    return out


# A name asked for in a script: "원거테크놀러지는 중국어 회사명이 뭐야?", "딥식의 영문 이름은?". Korean text writes a foreign
# name with its original in parentheses ("원거테크놀러지(Beijing Wenge Technology, 中科闻歌)"): the part of the
# parenthesis in the asked script, after a word the question writes. The script may also come after what it names,
# asked how it is written: "리창 총리 이름 한자로 어떻게 써요?", "이름 옆 괄호로 한자가 붙어 있던데, 어떻게 적혀 있어요?".
_SCRIPTS = r"(중국어|중문|한자|영어|영문)"
_WRITTEN_AS = r"(?:로는|로|으로는|으로|가|는)?\s*(?:어떻게|뭐라고|뭐로|무엇으로|병기|붙어|붙은|달려|달린|적혀|적힌|써|쓰)"
_ASKS_SCRIPT = re.compile(_SCRIPTS + r"(?:\s*(?:[가-힣]{1,3}\s*)?(?:이름|명칭|표기|명(?![가-힣]{2}))|" + _WRITTEN_AS + ")")
_ASKS_WRITING = re.compile(_SCRIPTS + _WRITTEN_AS)
_SCRIPT_PART = {"중국어": r"[\u4e00-\u9fff]{2,}", "중문": r"[\u4e00-\u9fff]{2,}", "한자": r"[\u4e00-\u9fff]{2,}",
                "영어": r"[A-Za-z][A-Za-z0-9&.' -]*[A-Za-z0-9]", "영문": r"[A-Za-z][A-Za-z0-9&.' -]*[A-Za-z0-9]"}


def asks_script(question: str) -> bool:
    """True when the question asks for a name in a script (see above)."""
    return bool(_ASKS_SCRIPT.search(question))


def asks_writing(question: str) -> bool:
    """True when the question asks how a name is written in a script ("한자로 어떻게 써", "영어로 뭐라고 표기돼"):
    a name is its answer, even when it gives the name in Hangul ("리창 총리 이름 한자로 어떻게 써요?")."""
    return bool(_ASKS_WRITING.search(question))


# An entry of a list of references: its date and source in brackets, then its title ("(25.7.28,中国国际科技交流中心)
# 人工智能全球治理行动计划(全文)"). Layout, not fitted.
_REFERENCE_ENTRY = re.compile(r"^\s*\(\s*[^()]*\d[^()]*?,\s*[^()]+\)\s*(\S.*?)\s*$")


def reference_titles(sentence: str, written: Callable[[str], bool]) -> list[Span]:
    """The title of ``sentence`` when it is an entry of a list of references (see above) and ``written`` says
    the question does not write it; else []."""
    m = _REFERENCE_ENTRY.match(sentence)
    if m is None or written(m.group(1)):
        return []
    return [Span("name", m.group(1), m.start(1), m.end(1))]


def script_names(sentence: str, question: str, written: Callable[[str], bool]) -> list[Span]:
    """The parts, in the script the question asks for ("중국어 회사명" → Chinese characters), of the parentheses
    after words ``written`` says the question writes: the one after the word the question writes last before the
    script word ("왕레이 이사장이 이끄는 원거테크놀러지는 중국어 회사명" asks for 원거테크놀러지's, not 왕레이's); [] when
    it asks for no script or none is there."""
    asked = _ASKS_SCRIPT.search(question)
    if asked is None:
        return []
    found: list[tuple[int, Span]] = []
    for m, word in _after_written(sentence, written, _SCRIPTED):
        for part in re.finditer(_SCRIPT_PART[asked.group(1)], m.group(2)):
            if not written(part.group(0)):
                found.append((question.rfind(word, 0, asked.start()),
                              Span("name", part.group(0), m.start(2) + part.start(), m.start(2) + part.end())))
                break
    return [max(found, key=lambda f: f[0])[1]] if found else []  # one thing's name is asked: max keeps the first tie


# "중국의 어떤 기술 개발을 늦추려는 거야?", "in which field …?": a question asking which one of a kind names the
# kind, and the text answers with the kind-word and the words that pick one out ("중국의 첨단 반도체 기술 개발",
# "로봇 기술 분야"). Grammar, not fitted: the lead is the kind-word with the bare words right before it (at most
# three, none carrying a particle, none the question writes). An English question's kind maps to the Korean
# kind-words the text would use.
_KIND_QUESTION = re.compile(r"(?:어느|어떤|무슨)\s*([가-힣]{1,4}?)(?:을|를|이|가|은|는|의|에서|에|으로|로|과|와|이야|야)?(?![가-힣])")
_EN_KIND_QUESTION = re.compile(r"\b(?:which|what)\s+([a-z]+)\b", re.I)
_EN_KINDS = {"field": ("분야",), "fields": ("분야",), "area": ("분야", "지역"), "sector": ("분야", "산업"),
             "industry": ("산업",), "technology": ("기술",), "strategy": ("전략",), "region": ("지역",),
             "city": ("도시",), "country": ("국가", "나라"), "model": ("모델",), "product": ("제품",),
             "plan": ("계획",), "policy": ("정책",), "market": ("시장",), "platform": ("플랫폼",)}
# kinds answered elsewhere (organisations, people, counts, lists, names) or by no phrase of their own
_NOT_KIND = re.compile(rf"^(?:{_ORG_KIND}|{_TITLE}|것|거|곳|분|사람|정도|때|점|식|방식|방향|쪽|이유|목적|이름|나라들|것들)$")
_BARE_WORD = re.compile(r"^[가-힣A-Za-z0-9+·-]+$")
_HAS_PARTICLE = re.compile(r"(?<=[가-힣])(?:의|을|를|은|는|이|가|에|와|과|로|도|히|게|고|며|서|면)$")
# adverbs and determiners that stand before a noun phrase without picking anything out
_NOT_MODIFIER = re.compile(r"^(?:특히|또한|또|및|등|그리고|즉|주로|가장|매우|더|더욱|이미|다시|함께|바로|실제|현재|앞으로|"
                           r"이번|최근|올해|작년|지난해|이|그|저|각|모든|해당|이러한|이런|그런|같은|다른|여러|전|현|총|약)$")


def asked_kinds(question: str) -> tuple[str, ...]:
    """The Korean kind-words a "which one of a kind" question asks about (see above), or () — also when it asks
    for two of a kind ("어느 시대에서 어느 시대로")."""
    found = _KIND_QUESTION.findall(question)
    if len(found) > 1:  # "어느 시대에서 어느 시대로": two of a kind asked, which one phrase cannot answer
        return ()
    if found and not _NOT_KIND.match(found[0]):
        return (found[0],)
    en = _EN_KIND_QUESTION.search(question)
    return _EN_KINDS.get(en.group(1).lower(), ()) if en else ()


# "그 기반 플랫폼 이름이 뭐야?": a name question naming the kind of thing whose name it asks (the word before 이름 or
# 명칭). When its other words hold a title in passing ("산업 파트너 2,700곳과 …") and no person's name is there, the
# words that pick one of that kind out ("Ascend 플랫폼", as :func:`kind_phrases` reads them) answer it. Grammar, not
# fitted.
_NAMED_KIND = re.compile(r"(?<![가-힣])([가-힣]{2,4})\s*(?:의\s*)?(?:이름|명칭)")


def named_kinds(question: str) -> tuple[str, ...]:
    """The kind-word right before "이름"/"명칭" in a Korean name question (:data:`_NAMED_KIND`), or () — also when
    that word is a title or an organisation's kind ("CEO 이름", "회사 이름")."""
    m = _NAMED_KIND.search(question)
    return (m.group(1),) if m and not _NOT_KIND.match(m.group(1)) else ()


def kind_phrases(sentence: str, kinds: tuple[str, ...], given: Callable[[str], bool] = lambda word: False,
                 glued: bool = False) -> list[Span]:
    """Phrases of ``sentence`` ending in one of ``kinds`` after one to three bare words that pick one out, none
    of them ``given`` (written by the question): "첨단 반도체 기술" in "중국의 첨단 반도체 기술 개발"; none that ends
    an enumeration. ``glued``: also a compound that ends in the kind ("소작제도" for 제도), as Korean writes a named
    institution, its words before it still picking one out."""
    out = []
    for kind in kinds:
        prefix = r"(?:[가-힣]{2,8}?)?" if glued else ""
        for m in re.finditer(rf"(?<![가-힣]){prefix}{re.escape(kind)}(?=\s|[을를이가은는의에와과로도,.]|$)", sentence):
            words: list[str] = []
            for word in reversed(sentence[:m.start()].split()[-3:]):
                if not _BARE_WORD.match(word) or _HAS_PARTICLE.search(word) or _NOT_MODIFIER.match(word) or given(word):
                    break
                words.insert(0, word)
            start = m.start() - len(" ".join(words)) - 1 if words else m.start()
            # the last item of an enumeration ("회원 구성, 권한 범위, 집행력 측면") is not the whole answer
            compound = len(m.group(0)) > len(kind) and not given(m.group(0))
            if (words or compound) and not re.search(r"(?:[,·、]|\s및)\s*$", sentence[:start]):
                out.append(Span("phrase", sentence[start:m.end()], start, m.end()))
    return sorted(out, key=lambda sp: sp.start)


# Table rows whose cells were flattened from several lines: "산업 발전계획 | 2017.12. 2019.8. 2022.8. | 차세대
# 인공지능 발전계획(2018~2020) 국가 … 건설 지침 차세대 … 지원 방안 |". The k-th date goes with the k-th name of
# the next cell; a name ends with a word for a policy document (계획, 지침, 방안, 조례 …) and the bracket after it.
# A question naming one of them is answered by its date, not by the first date of the row.
_CELL_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2}\.\d{1,2})\.?(?![\d])")
_DOC_END = re.compile(r"(?:계획|지침|방안|조례|전략|규정|정책|의견|통지|법|강요|요강|방침)(?:\s?\([^()]*\))?(?=\s|$)")


def table_row_dates(sentence: str, weights: dict[str, float], question: str = "") -> list[Span]:
    """The date of the name the question means in a table row that lists k dates in one cell and k names in
    the next (see above): [] unless the row is such, and one name holds more of the question's terms (``weights``,
    term → idf; a number the question writes counts too) than any other."""
    cells = sentence.split("|")
    for i, cell in enumerate(cells[:-1]):
        dates = list(_CELL_DATE.finditer(cell))
        if len(dates) < 2 or _CELL_DATE.sub("", cell).strip(" ."):  # a cell of dates only
            continue
        names_cell = cells[i + 1]
        ends = [m.end() for m in _DOC_END.finditer(names_cell)]
        if len(ends) != len(dates):
            return []
        names = [names_cell[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
        numbers = set(re.findall(r"\d{4}", question))
        scores = [sum(w for t, w in weights.items() if len(t) >= 2 and t in name)
                  + sum(1.0 for n in numbers if n in name) for name in names]
        best = max(scores)
        if best <= 0 or scores.count(best) > 1:
            return []
        m = dates[scores.index(best)]
        start = len("|".join(cells[:i])) + (1 if i else 0) + m.start(1)
        return [Span("date", m.group(1), start, start + len(m.group(1)))]
    return []


# Lists -----------------------------------------------------------------------------------------------
# A question asking for several things ("어디어디야", "어떤 요소들", "세 가지가 뭐야", "which companies …") is
# answered by a sentence that enumerates ("A, B, C 등", "A·B·C", "△A △B"), which is often the sentence after
# the one that introduces the list.
_LIST_QUESTION = re.compile(
    r"(어디어디|뭐뭐|누구누구|무엇무엇|어떤\s*[가-힣]*들|[가-힣]+들(?:은|는|이|가|을|를|로|에)?\s*(?:뭐|무엇|어디|누구|다\s|모두|알려)"
    r"|(?:다|모두|전부)\s*알려|(?<!둘\s)(?<!둘)(?:다|모두|전부)\s*(?:말해|불러|나열|뽑아|정리해|적어|꼽아|읊어)|(?:두|세|네|다섯)\s*가지(?:가|는|를)?\s*(?:뭐|무엇)"
    # a formal request for all of them ("…기업을 모두 열거하시오", "…명칭을 모두 기재하시오")
    r"|(?<![가-힣])열거(?:하시오|하십시오|해|하여|바람|요망)|(?<!둘\s)(?<!둘)(?:모두|전부)\s*(?:기재|명시|제시|적시)"
    r"|\blist\b|\bname (?:all|the)\b|\bwhat are (?:the|all)\b)", re.I)
_ENUM_MARKS = r",|、|·|ㆍ|/"  # what separates the items of a list (a △ bullet or a one-dot leader too, below)
_ENUM_SEPARATOR = re.compile(rf"\s*(?:{_ENUM_MARKS}|△)\s*")


# "which X …" asks for several when one of the (at most three) words after "which" is a plural noun ("which
# companies", "which two UN initiatives"). An auxiliary ends the noun phrase ("which country is …"), and a word in
# -s followed by its object is a verb, not a plural ("which field gives China its edge" asks for one field).
_WHICH = re.compile(r"\bwhich\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_AUX = frozenset(["is", "was", "are", "were", "do", "does", "did", "has", "have", "had", "will", "would", "can",
                  "could", "should", "may", "might"])
_NOT_PLURAL = frozenset(["its", "this", "his", "us", "as", "plus", "news", "series", "species"])
_OBJECT_AFTER = frozenset(["the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"])


def _which_plural(question: str) -> bool:
    for m in _WHICH.finditer(question):
        words = _WORD.findall(question[m.end():])[:4]
        for i, word in enumerate(words[:3]):
            w = word.lower()
            if w in _AUX:
                break
            if len(w) > 3 and w.endswith("s") and not w.endswith("ss") and w not in _NOT_PLURAL:
                after = words[i + 1] if i + 1 < len(words) else ""
                if after.lower() in _OBJECT_AFTER or after[:1].isupper():
                    break  # a verb with its object
                return True
    return False


# A question asking which of the documents says something ("WAICO라는 약칭을 쓰는 자료는 다섯 개 중 어느 거야?", "사람
#닮은 로봇이 … 장면, 다섯 자료 중 어디에 나와?", "Which of the five documents mentions Tencent?"): its answer is a
# document, named by its title, not a name inside the text. Not an entry of a list of references ("which source is
# dated 25.7.27" in a reference list) nor a thing asked inside one document ("러브콜 기사에서 어느 기업이 …").
# Grammar, not fitted.
_DOCUMENT_KO = r"(?:자료|문서|기사|보고서|글|브리프|리포트)"
_WHICH_DOCUMENT = re.compile(
    rf"{_DOCUMENT_KO}들?(?:은|는|이|가)?\s*(?:(?:다섯|네|세|두|[2-9])\s*(?:개|건|편|가지)?\s*{_DOCUMENT_KO}?\s*(?:중|가운데)(?:에서|에)?\s*)?"
    r"(?:어느|어떤|무슨)\s*(?:거|것|자료|문서|기사|글)(?=$|[^가-힣]|야|이야|예요|이에요|입니까|인가|인지|일까|들|이|가|은|는|을|를|에)"
    rf"|(?:다섯|네|세|두|[2-9])\s*(?:개|건|편|가지)?\s*{_DOCUMENT_KO}?\s*(?:중|가운데)(?:에서|에)?\s*(?:어디|어느\s*(?:거|것|쪽|자료|문서|기사))"
    # "센스타임이 언급되는 문서들 어디어디야?"
    rf"|{_DOCUMENT_KO}들(?:은|는|이)?\s*(?:어디어디|어디|어느\s*(?:거|것)들?)"
    # "어느 기사에 나와?", "어떤 자료야?"; not "미국이 발표한 어떤 문서에 대응한 거야" (a document in the text)
    rf"|(?<![가-힣])(?:어느|어떤|무슨)\s*{_DOCUMENT_KO}(?:에서?|에는)\s*(?:나와|나오|나왔|있|적혀|실려|언급|등장|다뤄|다룬|소개)"
    rf"|(?<![가-힣])(?:어느|어떤)\s*{_DOCUMENT_KO}(?:야|인지|예요|이야|였어|이었어|인가|일까)\s*[?？]?\s*$"
    r"|\bwhich\s+(?:(?:one\s+)?of\s+the\s+(?:\w+\s+)?)?(?:documents?|articles?|reports?|pieces?|texts?|files?)\b"
    r"|\bin\s+which\s+(?:document|article|report|piece)\b", re.I)


def asks_which_document(question: str) -> bool:
    """True when the question asks which of the documents says something (see above)."""
    return bool(_WHICH_DOCUMENT.search(question)) and not asks_references(question)


# Which item of a list comes first or last, as the text writes it ("명단 맨 앞에 적힌 곳은 어디야?", "협력 분야들, 맨
# 끝으로 적힌 건 뭐야?", "맨 마지막으로 이름이 나온 사람", "which one is listed first"): answered by that item of the
# enumeration its quote writes, not by the whole quote. Only where the text writes it ("적힌", "나온", "올라"): "맨
# 처음 열린 해" asks when, "맨 끝 N은" what N stands for. Grammar, not fitted.
_POSITION_ASKED = re.compile(
    r"(?:맨|가장|제일)\s*(?P<ko>앞|처음|먼저|첫|끝|마지막|뒤)(?:에|으로|로|에서)?\s*(?:[가-힣]+\s+)?"
    r"(?:적힌|적혀|적은|나온|나와|나오는|올라|올린|붙은|붙어|오는|온\s|둔\s|놓인|실린|이름이?\s|항목)"
    r"|\b(?:listed|named|mentioned|appears?|comes?)\s+(?P<en>first|last)\b|\b(?P<en2>first|last)\s+(?:item|entry|name)\b",
    re.I)


def asked_position(question: str) -> str | None:
    """``first`` or ``last`` when the question asks which item of a list comes first or last (see above)."""
    m = _POSITION_ASKED.search(question)
    if m is None:
        return None
    word = (m.group("ko") or m.group("en") or m.group("en2")).lower()
    return "first" if word in ("앞", "처음", "먼저", "첫", "first") else "last"


def asks_list(question: str) -> bool:
    """True when the question asks for several things of one kind."""
    return bool(_LIST_QUESTION.search(question)) or _which_plural(question)


def has_enumeration(sentence: str) -> bool:
    """True when the sentence enumerates at least three items (two separators)."""
    return len([p for p in _ENUM_SEPARATOR.split(sentence) if p.strip()]) >= 3


# The items of an enumeration, for the lead of a list answer ("제조업, 바이오헬스, 모빌리티, 에너지 등 주력 산업에 …"
# → "제조업, 바이오헬스, 모빌리티, 에너지"). Grammar, not fitted: an enumeration is a run of at least three pieces
# between separators (commas, middle dots, △ bullets, "및") whose middle pieces are short noun phrases (at most
# four words, none ending like a clause: "구성되었으며", "형성을"); the first item is as many of the last words of
# the piece before the run as the longest middle item has, the last item runs up to "등", a particle, a
# bracket or one word more than that. Lists inside parentheses ("글로벌 사우스(중남미·동남아·중동·아프리카 등
# 신흥국)") are read on their own.
_VERB_END = re.compile(r"(?:[했됐었았였있없겠]고|으며|하며|되며|으나|지만|는데|면서|[다요])$")  # "성장했고, 한국 등": no pair
_ITEM_SEPARATOR = re.compile(rf"\s*(?:{_ENUM_MARKS}|․)\s*|\s+및\s+")
_BULLET_ITEM = re.compile(r"△\s*")
_CLAUSE_END = re.compile(r"(?:으며|하며|되며|이며|하고|되고|해서|하여|했다|한다|된다|있다|이다|이고|삼고|으로|에서|에게|까지|부터|처럼|보다|"
                         r"하는|되는|[가-힣](?:을|를|은|는)|[가-힣]{2}로)$")
# particles that end an item (이/가/의/로/도 are left alone: 화웨이, 메가, 주도의 생태계)
_PARTICLE_TAIL = re.compile(r"(?<=[가-힣A-Za-z)\]’'\"])(?:을|를|은|는|으로|에서|에게|까지|이다)$")
_ITEM_STOP = re.compile(r"^(?:등|등의|등이|등을|등은|등과|등에|등으로|등)$")
_PAREN = re.compile(r"\(([^()]*)\)")
_MAX_ITEM_WORDS = 4
# "X를 비롯해 A, B": X is the first item; "X를 통한 Y", "X을 위한 Y": the particle belongs to the item's phrase
_INCLUDING = re.compile(r"([가-힣A-Za-z][가-힣A-Za-z0-9]*)\s*(?:을|를)\s+비롯(?:해|하여|한)\s+$")
_ADNOMINAL = re.compile(r"^(?:통한|위한|향한|대한|관한|둘러싼|포함한|중심으로\s*한)$")


def _trim_last(piece: str, words_max: int) -> str:
    """The last item: its words up to "등", a particle (dropped) or a bracket."""
    out: list[str] = []
    for word in piece.replace("’", " ’ ").replace("‘", " ‘ ").split():
        if _ITEM_STOP.match(word) or word in ("’", "‘") or len(out) >= words_max:
            break
        stripped = _PARTICLE_TAIL.sub("", word)
        out.append(stripped)
        if stripped != word:
            break
    return " ".join(out).strip(" ‘’'\"")


def _clean_item(item: str) -> str:
    """An item without quotation marks, bullets or words of punctuation only."""
    words = [w.strip(" ‘’'\"“”-–•*※") for w in item.split()]
    return " ".join(w for w in words if re.search(r"\w", w))


def _runs(pieces: list[str], bulleted: bool) -> list[list[str]]:
    """Enumerations among consecutive ``pieces`` (see above), each as its items."""
    def short(p: str) -> bool:
        words = p.split()
        return 0 < len(words) <= _MAX_ITEM_WORDS and len(p) <= 40 and not any(_CLAUSE_END.search(w) for w in words)

    runs: list[list[str]] = []
    i = 1 if bulleted else 0
    while i < len(pieces):
        j = i + 1
        while j < len(pieces) - 1 and short(pieces[j]):
            j += 1
        middle = pieces[i + 1:j]
        # two items and 등 with nothing between ("콰크는 타오바오, 알리페이 등 …"): one word each side of the comma
        pair = (not middle and not bulleted and j < len(pieces) and re.match(r"\s*\S+\s+등", pieces[j]) is not None
                and not _VERB_END.search(pieces[i].rstrip()))
        if (len(middle) >= 1 or pair) and j < len(pieces):
            width = max((len(m.split()) for m in middle), default=1)
            if bulleted:
                first = pieces[i].strip(" ‘’'\"")
            else:  # the last words of the piece before, after its last particle or bracket
                words: list[str] = []
                for w in reversed(re.split(r"[(‘'\":]", pieces[i])[-1].split()[-width:]):
                    # a particle ends the phrase unless an adnominal follows it: "오픈소스를 통한 공유" is one item
                    if _CLAUSE_END.search(w) and not (words and _ADNOMINAL.match(words[0])):
                        break
                    words.insert(0, w)
                first = " ".join(words).strip(" ’'\"")
            last = _trim_last(pieces[j], width + 1)
            # "센스타임(SenseTime)을 비롯해 스텝펀, 미니맥스, …": the thing "including" names is the first item
            including = _INCLUDING.search(pieces[i][:pieces[i].rfind(first.split()[0])]) if first and not bulleted else None
            head = (including.group(1),) if including else ()
            items = [_clean_item(x) for x in (*head, first, *middle, last)]
            items = [x for x in items if x]
            closed = re.match(rf"\s*\S+(?:\s+\S+){{0,{width}}}\s+등", pieces[j]) is not None
            if len(items) >= 3 or len(items) == 2 and closed:  # "타오바오, 알리페이 등": two items and 등
                runs.append(items)
            i = j
        else:
            i += 1
    return runs


def list_items(sentence: str) -> list[Span]:
    """The enumerations of ``sentence`` (see above), each a span whose text is its items joined by ", "."""
    out: list[Span] = []
    texts = [(m.group(1), m.start(1)) for m in _PAREN.finditer(sentence)]
    top = _PAREN.sub(lambda m: " " * len(m.group(0)), sentence)  # positions kept, parentheses read separately
    for text, offset in [(top, 0), *texts]:
        bulleted = bool(_BULLET_ITEM.search(text))
        pieces = _BULLET_ITEM.split(text) if bulleted else _ITEM_SEPARATOR.split(text)
        for items in _runs(pieces, bulleted):
            at = text.find(items[0])
            start = offset + max(at, 0)
            end = offset + max(text.find(items[-1]) + len(items[-1]), at + 1)
            out.append(Span("list", ", ".join(items), start, end))
    return sorted(out, key=lambda s: s.start)


# English rendering of a Korean span, for the lead of an answer to an English question -------------------
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_SCALES = {"만": 1e4, "억": 1e8, "조": 1e12, "천": 1e3, "백": 1e2}
_UNITS_EN = {"개국": "countries", "개사": "companies", "명": "people", "곳": "places", "종": "kinds", "건": "cases",
             "가지": "kinds", "회": "times", "번": "times", "배": "times", "개월": "months", "년": "years",
             "주년": "years", "위안": "yuan", "달러": "dollars", "%": "percent", "퍼센트": "percent", "원": "won", "유로": "euros", "엔": "yen"}


# a value restated in parentheses, in another unit ("600억 위안(약 8.2억 달러)"): the value, then its restatement
RESTATEMENT = re.compile(r"([^()]*\d[^()]*?)\s*\(([^()]*\d[^()]*)\)")


def _english_number(value: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_LATIN_ALIAS = re.compile(r"\(([^()]*?[A-Za-z][^()]*?)\)")


def english_name(name: str) -> str | None:
    """The Latin-script alias a name carries in parentheses (``비처 애슐리-브라운(Beecher Ashley-Brown)`` →
    ``Beecher Ashley-Brown``, ``AI 행동 계획(AI Action Plan)`` → ``AI Action Plan``), its first part when the
    parentheses hold several (``아진가(Ajinga, 菁客)`` → ``Ajinga``); None when it has none."""
    m = _LATIN_ALIAS.search(name)
    if m is None:
        return None
    return next(p.strip() for p in re.split(r"[,;，]", m.group(1)) if re.search(r"[A-Za-z]", p))


# The bounds a quantity is written with, and how an English lead renders each (prefix, suffix): "30% 이상" →
# "30% or more", "90건이 넘는" → "more than 90 cases". The one table both the Korean lead (which keeps the bound,
# :data:`BOUND`) and :func:`english_span` read, so the two cannot drift apart.
BOUNDS: dict[str, tuple[str, str]] = {
    "이상": ("", " or more"), "이하": ("", " or less"), "미만": ("less than ", ""), "초과": ("more than ", ""),
    "가량": ("about ", ""), "정도": ("about ", ""), "남짓": ("about ", ""), "안팎": ("about ", ""),
    "내외": ("about ", ""),
}
_BOUND_WORD = "|".join(BOUNDS)
_OVER = r"(?:이|가)?\s*넘(?:는|게)"  # "90건이 넘는", "100개 넘게": more than
# a bound right after a quantity, ended by a particle or the end of the word ("800개 이상의", not "이상적")
BOUND = re.compile(rf"\s*(?:{_BOUND_WORD})(?=$|[^가-힣]|으로|로|의|을|를|은|는|이|가|에|도|과|와|인)|{_OVER}")

RANGE_MARK = r"(?:부터|~|∼|〜|–|-)"  # what joins the two ends of a range of dates ("7월 26일부터 27일까지", "2018~2020년")
_RANGE = re.compile(rf"(.+?)\s*{RANGE_MARK}\s*(.+?)(?:\s*까지)?")


def english_label(span: str) -> str | None:
    """A label lead in English: ``4번`` → ``No. 4``, ``[그림 3]`` → ``Figure 3``, ``<표 2>`` → ``Table 2``; None for
    another span."""
    s = span.strip()
    m = re.fullmatch(r"(\d{1,3})\s*번", s)
    if m:
        return f"No. {m.group(1)}"
    m = re.fullmatch(r"[\[<〈]?\s*(그림|도표|표)\s*(\d{1,3})\s*[\]>〉]?", s)
    if m:
        return f"{'Table' if m.group(1) == '표' else 'Figure'} {m.group(2)}"
    return None


def english_span(span: str) -> str | None:
    """``2025년 7월 26일`` → ``July 26, 2025``; ``1,200여 명`` → ``about 1,200 people``; ``600억 위안`` →
    ``60 billion yuan``; ``30%`` stays; a range of dates ``7월 26일부터 27일까지`` → ``July 26–27``; a table's
    ``2024.6`` → ``June 2024``; a bound as written, ``90건이 넘는`` → ``more than 90 cases``; a relative year,
    ``지난해`` → ``last year``. None when the span has nothing to render."""
    s = span.strip()
    if s in _RELATIVE_YEAR_EN:  # a year named by its distance from the writing: "지난해" → "last year"
        return _RELATIVE_YEAR_EN[s]
    m = re.fullmatch(r"(\d{1,3})\s*쪽", s)  # a page of a table of contents
    if m:
        return f"page {m.group(1)}"
    m = RESTATEMENT.fullmatch(s)  # a value restated in parentheses: "600억 위안(약 8.2억 달러)"
    if m:
        outer = english_span(m.group(1))
        return f"{outer} ({english_span(m.group(2)) or m.group(2)})" if outer else None
    m = re.fullmatch(r"약\s*(\d.*)", s)  # "약 8.2억 달러": about
    if m:
        inner = english_span(m.group(1))
        return inner if inner is None or inner.startswith("about ") else f"about {inner}"
    m = _RANGE.fullmatch(s)
    if m and re.search(r"\d", m.group(1)):
        start = english_span(m.group(1))
        end = english_span(m.group(2)) or (m.group(2).rstrip("일년") if m.group(2).rstrip("일년").isdigit() else None)
        return f"{start}–{end}" if start and end else None
    m = re.fullmatch(r"(?:(\d{4})\s*년\s*)?(?:(\d{1,2})\s*월\s*)?(?:(\d{1,2})\s*일)?", s)
    if m and any(m.groups()) and (m.group(2) or m.group(1)) and not (m.group(1) and not m.group(2) and m.group(3)):
        year, month, day = m.groups()
        if month and 1 <= int(month) <= 12:
            out = _MONTHS[int(month) - 1] + (f" {int(day)}" if day else "")
            return out + (f", {year}" if year else "")
        if year and not day:
            return year
    m = re.fullmatch(r"((?:19|20)\d{2})\.(\d{1,2})\.?", s)  # a table's year.month, "2024.6"
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)\s*((?:\s*[만억조천백])*)\s*(여)?\s*(\S*?)\s*"
                     rf"({_BOUND_WORD}|{_OVER})?", s)
    if not m:
        return s if re.fullmatch(r"[\d,.]+\s*%", s) else None
    number, scales, approx, unit, bound = m.groups()
    value = float(number.replace(",", ""))
    for ch in (scales or "").replace(" ", ""):
        value *= _SCALES[ch]
    text = _english_number(value) if scales else number
    unit_en = _UNITS_EN.get(unit or "", "" if unit in ("", "개", "대", "장", "노드", "위") else None)
    if unit_en is None:
        return None
    prefix, suffix = ("more than ", "") if bound and "넘" in bound else BOUNDS.get(bound or "", ("", ""))
    prefix = prefix or ("about " if approx else "")
    return f"{prefix}{text}{(' ' + unit_en) if unit_en else ''}{suffix}".strip()


# An English question's names: a capitalised word inside the question (not its first word) that is not general
# vocabulary, nor a place ("How much has Tencent invested …" → Tencent; "… China's AI Global Governance Action Plan"
# → none: each word is a dictionary word). Whether a word is general vocabulary is the caller's (the term bridge's
# shipped English–Korean glossary, written without reference to this corpus). A word that opens a sentence inside
# the question is capitalised by the sentence ("… at WAIC. How many Chinese companies …": How names nothing).
_EN_CAPITALISED = re.compile(r"(?<=[\s'‘“(\"-])(?<![.?!:;]\s)([A-Z][A-Za-z]*[a-z][A-Za-z]*)(?:'s|’s)?\b")
_EN_PLACE_WORD = re.compile(rf"^(?:{_EN_CITY_NAMES}|{_EN_COUNTRY_NAMES}|Asia|Pacific|Chinese|American|Korean|Japanese|"
                            r"European|British|Shanghainese|Western|Eastern|Southern|Northern)$")


def english_names(question: str, general: Callable[[str], bool]) -> list[str]:
    """The names an English question writes (see above), in order, no duplicates; none for a Korean question."""
    if re.search("[가-힣]", question):
        return []
    out = [m.group(1) for m in _EN_CAPITALISED.finditer(question)
           if not _EN_PLACE_WORD.match(m.group(1)) and not general(m.group(1).lower())]
    return list(dict.fromkeys(out))


# a run of three or more capitalised words (function words allowed inside: "Bank of China"), written also by its
# initials ("World Artificial Intelligence Conference" → WAIC)
_EN_CAPITAL_RUN = re.compile(r"\b[A-Z][A-Za-z]*(?:\s+(?:(?:of|and|for|the|on)\s+)?[A-Z][A-Za-z]*)+")


def english_acronyms(question: str, names: Iterable[str]) -> set[str]:
    """The initials (lower case, three letters or more) of each run of capitalised words in an English question
    that holds one of ``names``: the text may write the run only so ("세계인공지능대회(WAIC)"). Grammar."""
    wanted = set(names)
    out = set()
    for m in _EN_CAPITAL_RUN.finditer(question):
        words = [w for w in m.group(0).split() if w[0].isupper()]
        if len(words) >= 3 and wanted & {w.removesuffix("'s") for w in words}:
            out.add("".join(w[0] for w in words).lower())
    return out
