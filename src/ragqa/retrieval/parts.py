"""Split a question that asks two things into its parts, so each part retrieves its own evidence.

Hand-written (a handful of patterns) because the split must be exact and offline: "A는 뭐고 B는 몇 개야?",
"X는 언제 열렸고, Y는 얼마나 됐어?", "A와 B는 각각 어디야?", "X가 몇 번째인지, 그리고 Y가 몇 명인지 알려줘", "What is X,
and who is Y?". A question is only
split where *both* sides ask something (a question word on each side), so "A와 B의 관계는?" stays whole.
"""

from __future__ import annotations

import re

from ragqa.text.korean import GYEONGSANG_WHO, has_final_consonant

# (with the Gyeongsang forms of 어디 and 누구: "어데서 냈노?", "CEO는 누고?")
_KO_QWORD = re.compile(r"(뭐|뭘|뭔|무엇|무얼|무슨|누구|누가|어디|언제|며칠|몇|얼마|어떤|어떻|어느|왜|이유|어데|" + GYEONGSANG_WHO + ")")
_EN_QWORD = re.compile(r"\b(what|who|whom|which|where|when|how|why)\b", re.I)
# "…뭐고, …" / "…누구고 …" / "…몇 개고 …": a question word closed by the connective -고.
_KO_JOIN = re.compile(r"(?<=[가-힣0-9a-zA-Z)\]'’\"”])고\s*,\s*|(?<=(?:뭐|엇|구|디|제|개|명|마))(?:이)?고\s+|(?<=[가-힣])(?:으며|며)\s*,\s*"
                      # a past-tense verb joined by -고 without a comma: "어떤 칩이 들어갔고 성능은 얼마야"
                      r"|(?<=[았었였했갔됐왔났렸졌켰쳤웠])고\s+"
                      # two embedded questions: "몇 번째 대회인지, 그리고 … 몇 명인지 알려줘"; or two questions joined by
                      # ", 그리고"
                      r"|(?<=[인는은던할을]지)\s*,\s*(?:그리고\s+|또\s+)?|\s*,\s*그리고\s+"
                      # two questions, the second opened by "그리고" ("…몇 개 내놨어? 그리고 …누구라고 했어?"; 그라고 in
                      # Gyeongsang speech): "그 이유가 나와?" or "몇 년?" after a question mark, with no conjunction, is
                      # the first question asked again, not a second one
                      r"|[?？]\s*(?:그리고|그라고|또한)\s+")
# "A 이름이랑, B 이름 알려줘", "A랑 B 둘 다 알려줄래?", "A 수랑, B 건수 비교해줘": two noun phrases joined by a
# particle that share one request. Split only with a comma after the particle or a word for "both" before the
# request, so that "A와 B의 관계 알려줘" stays whole; each part keeps the request.
# A formal written request shares its request the same way: "…성능 수치와 … 칩의 모델명을 함께 제시 바랍니다", "…공식 명칭과,
# … 체계의 개수를 함께 기재 요청드립니다".
_FORMAL_REQUEST = (r"(?:기재|명시|명기|제시|기술|회신|적시)\s*(?:해|하여)?\s*"
                   r"(?:주십시오|주십시요|주시기\s*바랍니다|주시길\s*바랍니다|주세요|바랍니다|바람|요망|요청(?:드립니다|합니다|함)?"
                   r"|하시오|하십시오|부탁(?:드립니다|합니다)?)")
_KO_BOTH = re.compile(r"^(?P<a>.+?)(?:이랑|랑|하고|와|과)(?P<comma>,)?\s+(?P<b>(?!함께|같이).+?)\s*"
                      r"(?P<both>(?:둘|두\s*개|두\s*가지|모두|다)\s*다\s*|모두\s*|같이\s*|함께\s*|각각\s*)?"
                      rf"(?P<pred>(?:알려|말해|비교해|정리해|가르쳐)\S*|{_FORMAL_REQUEST}\s*[.]?)$")
# "A 이름이랑, B는 뭐야?": a noun phrase naming what it asks for (a name, a number), a particle and a comma, then a
# question: the noun phrase is a question of its own.
_ASKED_NOUN = r"(?:이름|명칭|모델명|수|개수|건수|날짜|연도|규모|금액)"  # a noun naming what a phrase asks for: a name, a number
# ("브리프에 나온 첫 개최 연도, 그리고 … 목표 연도는?": the same with ", 그리고" for the particle)
_KO_NOUN_ASKED = re.compile(rf"^(?P<a>.+?{_ASKED_NOUN})(?:(?:이랑|랑|하고|와|과),|\s*,\s*그리고)\s+(?P<b>.+)$")
_NOUN_ASKED_END = re.compile(rf"^(.+?{_ASKED_NOUN})\s*(?:은|는)?\s*\??$"
                             # … or with the request both share: "… 날짜와, … 체계 개수를 두 기사에서 뽑아서 한 줄로."
                             rf"|^(.+?{_ASKED_NOUN})(?:을|를|만)\s+(?:\S+\s+){{0,5}}?"
                             r"(?:뽑아|알려|정리해|찾아|확인해|말해|적어|가르쳐)\S*(?:\s+\S+){0,3}\s*[.?!]?$"
                             rf"|^(.+?{_ASKED_NOUN})(?:을|를)\s+(?:함께\s+|각각\s+|모두\s+)?{_FORMAL_REQUEST}\s*[.]?$")
_KO_EACH = re.compile(r"^(?P<a>.+?)(?:와|과|랑|이랑|하고),?\s+(?P<b>.+?)(?P<topic>은|는|이|가|의)\s+각각\s+(?P<rest>.+)$")
# "행동계획이 확보하려는 가치들 vs 원탁 참가자들이 본 AI 발전의 중심", "딥시크 오픈소스의 의미: 원거 이사장 발언 vs 정책
# 보고서 평가": two things set against each other by "vs", each asked of its own; a topic before a colon is asked of
# both.
_VERSUS = re.compile(r"^(?:(?P<topic>[^:：?]{2,40})[:：]\s*)?(?P<a>[^:：]+?)\s+(?i:vs)\.?\s+(?P<b>.+)$")
# … unless the side before "vs" compares ("how many times faster is CloudMatrix 384 vs GB200 NVL72?", "A가 더 큰 거야
# vs B"): then "vs" is "than", and the question asks one thing of the pair.
_COMPARATIVE = re.compile(r"\b(?:faster|slower|better|worse|more|less|larger|bigger|smaller|higher|lower|stronger"
                          r"|cheaper|times)\b|몇\s*배|(?<![가-힣])더\s", re.I)
# "WAIC 올해 몇 회째, 누적 참가 전문가 몇": terse asks, each closed by its question word or counter, joined by a comma
_KO_COMMA = re.compile(r"(?<=[뭐구디제개명째마몇])\s*,\s+")
# "WAICO 본부 희망지 + 연계할 체계", "美 AI 노선: 미국우선주의 기사 속 정책 문서명 / 러브콜 기사 한 줄 요약": terse asks set
# side by side by a spaced "+" or "/", each asked of its own (a topic before a colon of each). Split only where every
# side asks something or none does: "deepseek + the open-source boom mark a shift toward what?" asks one thing of
# a pair; nor inside a quote ("'government-led + technology sharing'").
_SEPARATOR = re.compile(r"\s+[+/]\s+")
_TOPIC = re.compile(r"^(?P<topic>[^:：?]{2,40})[:：]\s*(?P<rest>.+)$")
_SHORT_SIDE = 3  # words: a side this short with no subject of its own shares the first side's
_QUOTES = "'\"‘’“”"
_EN_JOIN = re.compile(r",?\s+and\s+(?=(?:what|who|whom|which|where|when|how|why)\b)"
                      # … or after a comma, a clause that asks by a question word of its own further on, as a learner
                      # writes it ("X is call what, and Trump 행정부 is push more than how many 규제 완화?"); not a
                      # phrase with no verb that asks more of the first clause ("…, and in what year?", "…, and by
                      # whom?"; "…, and in what year was it first held?" asks on its own)
                      r"|,\s+and\s+(?!(?:in|on|at|by|for|from|to|with|since|until|of|during|after|before)\s+"
                      r"(?:what|which|whom|when|where)\b(?:\s+[\w'-]+)?\s*[?.]?\s*$)"
                      r"(?=[^,?]*?\b(?:what|who|whom|which|where|when|how)\b)", re.I)
# "When and where will X be held?": two question words sharing one predicate.
_EN_SHARED = re.compile(r"^\s*(?P<a>what|who|whom|which|where|when|how|why)\s*,?\s+and\s+"
                        r"(?P<b>what|who|whom|which|where|when|how|why)\s+(?P<rest>\S.*)$", re.I)


def _asks(text: str) -> bool:
    return bool(_KO_QWORD.search(text) or _EN_QWORD.search(text))


def _finish(part: str, question: str) -> str:
    part = part.strip().strip(",").strip()
    if part and part[-1] not in "?？.!" and question.rstrip().endswith(("?", "？")):
        part += "?"
    return part


# A label the asker sets before the question ("[팩트체크] 전시 면적 — 몇 ㎡?", "【연표】 …", "[Chart number] By what
# margin …"): a note to themselves, not part of what is asked; its words would only draw passages about the label.
# A citation marker ("[2] 문서는 누가 썼어?") holds no letter and is not a label.
_LABEL = re.compile(r"^\s*(?=[\[【［][^\]】］\n]*[가-힣A-Za-z])"
                    r"(?:\[[^\[\]\n]{1,24}\]|【[^【】\n]{1,24}】|［[^［］\n]{1,24}］)\s*(?=\S)")


def without_label(question: str) -> str:
    """``question`` without the label that opens it (:data:`_LABEL`), if any."""
    return _LABEL.sub("", question, count=1)


# What the asker says about the answer's use or form, not about what is asked (read off stop 67's x121, a briefing
# writer's questions, and stop 66's x117, messages to a Slack bot): an opener ("Any color on …", "Net-net on
# framing: …", "Side-by-side for the boss: …", "TL;DR on …", "For my slides: …"), the purpose ("… for the board memo",
# "Need the date for the timeline slide."; not "for a slide title", where the purpose names what is asked), and a
# last sentence that only asks a form or says what kind of answer is needed ("Bullet list please.", "Minutes are
# fine.", "one line", "short answer pls", "Need the date.", "회의 자료 1페이지용으로 불릿만요.", "포인트만요."). Its
# words are in no passage, so they cost the question its coverage of key terms and drew its retrieval away: a
# question that asks nothing else abstained.
_PURPOSE_NOUN = r"(?:slides?|deck|one-pager|memo|briefing(?:\s+(?:note|doc|book))?|boss|board\s+memo|exec\s+summary)"
_EN_PURPOSE = re.compile(r"\s*,?\s*\bfor\s+(?:the|my|our|a|this)\s+(?:(?:timeline|summary|exec(?:utive)?|next|"
                         rf"opening|board|one-page)\s+)?{_PURPOSE_NOUN}\b(?!\s*[A-Za-z])", re.I)
_EN_OPENER = re.compile(r"^\s*(?:any\s+colou?r\s+on|net-net(?:\s+on\s+[^:—–?]{1,30})?\s*[:,—–]|"
                        r"side-by-side(?:\s+for\s+[^:—–?]{1,30})?\s*[:—–]|tl;?dr(?:\s+on)?\s*[:,—–]?|quick\s+one\s*[:,—–]|"
                        rf"for\s+(?:my|our|a|the)\s+{_PURPOSE_NOUN}\s*[:—–])\s*", re.I)
_EN_FORM_TAIL = re.compile(r"(?<=[?.!])\s*(?:(?:a\s+)?bullet(?:s|\s+list|\s+points)?(?:\s+(?:only|please|pls))*|"
                           r"one\s+line(?:\s+please)?|short\s+answer(?:\s+(?:please|pls))?|"
                           r"(?:minutes|years?|numbers?|a\s+range)\s+(?:are|is)\s+fine|"
                           r"need\s+(?:the|a|an)\s+[^.?!#]{1,40}?(?:\s+(?:fr|lol|pls|please|asap))?)\s*[.!]?\s*$", re.I)
_KO_FORM_TAIL = re.compile(r"(?<=[?.!])\s*[^?.!]{0,20}(?:불릿|글머리표|포인트|요점|한\s*줄)(?:만|으로)\s*"
                           r"(?:요|주세요|부탁(?:해요|드려요|드립니다|합니다))?\s*[.!]?\s*$")


# "Who's", "What's", "Where's" …: the question word and "is", as the question readers parse it ("Who's the chief
# architect Freetech sent …" was read as no question for a person's title, "Who is the chief architect …" was).
_WH_CONTRACTION = re.compile(r"\b(who|what|where|when|how|which)['’]s\b", re.I)
# a last sentence after the question that only says why the asker asks ("…몇 명이나 돼요? 이용자 수가 궁금해서요",
# "… 뭐예요? 프로필 한 줄 쓰려고요.", "… 나와요? 중국이랑 비교하는 숙제라서요."): the Korean purpose tail
_KO_PURPOSE_TAIL = re.compile(r"(?<=\?)\s+[^?.!]{0,40}(?:라서|이라서|해서|려고|거든)요\s*[.!]?\s*$")


# Another's question the asker reports as why they ask ("애가 축구장 몇 개쯤이냐고 물어서 숫자부터 알고 싶어요.", "애가
# 미국 돈으로 치면 얼마냐고 묻는데요, …"): a sentence, or a clause opening a sentence, that reports a question
# (…냐고/는지 물어서, 묻는데) beside the asker's own direct question is context, not what is asked. Kept when what
# would be left asks too little by itself ("… 몇 번째 잔치냐고 물어요. 뭐라고 답해 주면 돼요?": the report is the
# question) or asks nothing directly (no "?"). Grammar, not fitted.
_KO_REPORTED = re.compile(r"[가-힣](?:냐|느냐|는지|인지|을지|ㄹ지|는가)고\s*(?:물어|묻|물으|그래|그러|하길래|하더라|해서|하는데|하네|하니까)")
_KO_REPORTED_CLAUSE = re.compile(r"^[^,.?!]*?[가-힣](?:냐|느냐)고\s*(?:물어|묻|물으)[가-힣]*\s*,\s*")
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
_MIN_LEFT_WORDS = 5


def without_reported(question: str) -> str:
    """``question`` without another's question it reports as context (see above)."""
    sentences = _SENTENCE_BREAK.split(question.strip())
    kept = []
    for sentence in sentences:
        asks = sentence.rstrip().endswith("?")
        if _KO_REPORTED.search(sentence) and not asks:
            continue  # a sentence that only reports
        rest = _KO_REPORTED_CLAUSE.sub("", sentence, count=1)
        # a clause dropped only when the sentence's own question asks enough by itself ("…냐고 묻는데, 뭐라고 했어요?":
        # the report is what is asked)
        kept.append(rest if asks and len(rest.split()) >= _MIN_LEFT_WORDS else sentence)
    left = " ".join(kept).strip()
    if left == question.strip() or "?" not in left or len(left.split()) < _MIN_LEFT_WORDS:
        return question
    return left


def without_frame(question: str) -> str:
    """``question`` without what it says of the answer's use or form (:data:`_EN_OPENER`, :data:`_EN_PURPOSE`,
    :data:`_EN_FORM_TAIL`, :data:`_KO_FORM_TAIL`, :data:`_KO_PURPOSE_TAIL`; as asked when too little would be
    left) or another's question it reports as context (:func:`without_reported`), its English question words'
    contractions written out (:data:`_WH_CONTRACTION`)."""
    q = _EN_OPENER.sub("", question, count=1)
    q = _KO_PURPOSE_TAIL.sub("", _KO_FORM_TAIL.sub("", _EN_FORM_TAIL.sub("", q)))
    q = _EN_PURPOSE.sub("", q).lstrip(" :,—–-")
    q = q if len(q.strip()) >= 8 else question
    return _WH_CONTRACTION.sub(r"\1 is", without_reported(q))


def split_question(question: str) -> list[str]:
    """The parts of a multi-part question (at most 3), or ``[question]`` when it asks one thing."""
    q = question.strip()
    m = _EN_SHARED.match(q)
    if m:  # each question word asks the shared predicate: "When will X be held?", "Where will X be held?"
        return [_finish(f"{w[:1].upper()}{w[1:].lower()} {m.group('rest')}", q) for w in (m.group("a"), m.group("b"))]
    m = _VERSUS.match(q)
    if m and min(len(m.group("a").strip()), len(m.group("b").strip())) >= 4 and not _COMPARATIVE.search(m.group("a")):
        topic = f"{m.group('topic').strip()}: " if m.group("topic") else ""
        return [_finish(f"{topic}{m.group(x).strip()}", q) for x in ("a", "b")]
    separated = _separated(q)
    if separated is not None:
        return separated
    m = _KO_EACH.match(q)
    if m and _asks(m.group("rest")):
        topic = m.group("topic") if m.group("topic") in ("은", "는", "이", "가") else "의"
        a, b = m.group("a"), m.group("b")
        if "," in b:  # "A랑 B, 발의한 날짜가 각각 언제야": what is asked of both follows the comma
            b, asked = (x.strip() for x in b.rsplit(",", 1))
            return [_finish(f"{x}, {asked}{_particle(asked, topic)} {m.group('rest')}", q) for x in (a, b)]
        return [_finish(f"{a}{_particle(a, topic)} {m.group('rest')}", q),
                _finish(f"{b}{_particle(b, topic)} {m.group('rest')}", q)]
    m = _KO_BOTH.match(q)
    if m and (m.group("comma") or m.group("both")) and min(len(m.group("a").strip()), len(m.group("b").strip())) >= 4:
        return [_finish(f"{m.group('a').strip()} {m.group('pred')}", q), _finish(f"{m.group('b').strip()} {m.group('pred')}", q)]
    m = _KO_NOUN_ASKED.match(q)
    if m and len(m.group("a").strip()) >= 4:
        a = m.group("a").strip()
        if _asks(m.group("b")):
            return [_finish(f"{a}{_particle(a, '은')} 뭐야", q), _finish(m.group("b"), q)]
        b = _NOUN_ASKED_END.match(m.group("b"))
        b_text = next(g for g in b.groups() if g).strip() if b else ""
        if len(b_text) >= 4:  # "… 미국 계획 이름과, 트럼프 행정부 규제 완화 건수": two terse asks
            return [_finish(f"{a}{_particle(a, '은')} 뭐야", q), _finish(f"{b_text}{_particle(b_text, '은')} 뭐야", q)]
    for joiner in (_KO_JOIN, _EN_JOIN, _KO_COMMA):
        cuts = [(m.start(), m.end()) for m in joiner.finditer(q)]
        if not cuts:
            continue
        # keep a cut only where the text since the last kept cut and the text after it both ask something
        parts, start = [], 0
        for i, (c0, c1) in enumerate(cuts):
            left = q[start:c0]
            nxt = cuts[i + 1][0] if i + 1 < len(cuts) else len(q)
            right = q[c1:nxt] if i + 1 < len(cuts) else q[c1:]
            if _asks(left) and _asks(q[c1:]) and (_asks(right) or i + 1 == len(cuts)) and len(left.strip()) >= 4:
                parts.append(left)
                start = c1
        parts.append(q[start:])
        if 2 <= len(parts) <= 3 and all(_asks(p) for p in parts):
            return [_finish(p, q) for p in parts]
    return [q]


def _separated(q: str) -> list[str] | None:
    """The sides of a question cut by a spaced "+" or "/" (see :data:`_SEPARATOR`), or None."""
    m = _TOPIC.match(q)
    topic, rest = (f"{m.group('topic').strip()}: ", m.group("rest")) if m else ("", q)
    sides = _SEPARATOR.split(rest)
    if not 2 <= len(sides) <= 3 or any(len(side.strip()) < 4 for side in sides):
        return None
    if any(sum(side.count(mark) for mark in _QUOTES) % 2 for side in sides):  # a quote runs across the separator
        return None
    asks = [_asks(side) for side in sides]
    if any(asks) and not all(asks):
        return None
    # a short side with no subject of its own ("연계할 체계", "어디서 열려?") asks about the first side's subject, its
    # first word ("WAICO 본부 희망지 + 연계할 체계")
    subject = sides[0].split()[0]
    sides = [sides[0], *(side if len(side.split()) > _SHORT_SIDE or subject in side else f"{subject} {side.strip()}"
                         for side in sides[1:])]
    return [_finish(f"{topic}{side.strip()}", q) for side in sides]


# A question that names a thing by a description, then asks about it by "그 회사" ("미국 제재를 받은 위원회 회원사가
# 있잖아요. 그 회사 아태 지역 CEO는 누구예요?", "왕레이가 예로 든 회사, 그 회사가 낸 모델 이름은?"): the
# description is a question of its own (which company?), and its answer is what the second part asks about.
_KINDS = {"회사": "어디", "기업": "어디", "업체": "어디", "기관": "어디", "단체": "어디", "연합": "어디", "나라": "어디",
          "국가": "어디", "도시": "어디", "사람": "누구", "인물": "누구", "분": "누구", "모델": "뭐", "제품": "뭐",
          "기술": "뭐", "행사": "뭐"}
_KIND = "|".join(sorted(_KINDS, key=len, reverse=True))
_ANAPHOR = re.compile(rf"(?<![가-힣])(?:그|해당|이)\s*(?P<kind>{_KIND})(?P<particle>이|가|은|는|을|를|의)?(?![가-힣])")
_CHAIN = re.compile(rf"^(?P<a>.+?(?P<kind>{_KIND}))(?:이|가)?\s*(?:있잖아요?|있지요?|있는데요?|있던데요?)?\s*[.,]\s*"
                    rf"(?P<b>(?:그|해당)\s*(?:{_KIND})(?:이|가|은|는|을|를|의)?(?![가-힣]).*)$")


def split_chain(question: str) -> list[str] | None:
    """``[which one?, what is asked of it]`` for a question that describes a thing and then asks about it by
    "그 <kind>" (see above), else None. The first part asks for the thing (어디 / 누구 / 뭐 by its kind); the
    second keeps its "그 <kind>" for :func:`resolve_anaphor` to replace with the first part's answer."""
    m = _CHAIN.match(question.strip())
    if m is None or _asks(m.group("a")) or not (_asks(m.group("b")) or m.group("b").rstrip().endswith(("?", "？"))):
        return None
    if len(m.group("a").split()) < 3:  # a name ("중국, 그 나라 수도는?"), not a description to find it by
        return None
    a = m.group("a").strip()
    return [f"{a}{_particle(a, '은')} {_KINDS[m.group('kind')]}야?", m.group("b").strip()]


def anaphor_kind(part: str) -> str | None:
    """The kind ``part`` refers back to ("그 회사" → 회사), or None when it refers back to nothing."""
    m = _ANAPHOR.search(part)
    return m.group("kind") if m else None


def asks_for_person(kind: str) -> bool:
    """True when the kind an anaphor names is a person's (the earlier part's answer must be one)."""
    return _KINDS.get(kind) == "누구"


def resolve_anaphor(part: str, name: str) -> str | None:
    """``part`` with its "그 <kind>" ("그 회사", "해당 기관") replaced by ``name`` (its particle made to agree),
    or None when it has none."""
    m = _ANAPHOR.search(part)
    if m is None:
        return None
    particle = m.group("particle")
    particle = "" if particle is None else particle if particle == "의" else _particle(name, particle)
    return f"{part[:m.start()]}{name}{particle}{part[m.end():]}"


def _particle(word: str, topic: str) -> str:
    """Korean topic, subject or object particle agreeing with the last syllable of ``word`` (받침 or not); "의"
    for any other."""
    has_final = has_final_consonant(word.strip()[-1:])
    if topic in ("은", "는"):
        return "은" if has_final else "는"
    if topic in ("이", "가"):
        return "이" if has_final else "가"
    if topic in ("을", "를"):
        return "을" if has_final else "를"
    return "의"
