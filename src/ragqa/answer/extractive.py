"""Extractive answerer: quotes the retrieved sentences that answer the question, each with its [n].

Hand-written because no library does cited extraction over Korean text: llama-index's extractive tools
select whole nodes, not sentences, and never abstain. Sentences of the retrieved passages are scored by
dense similarity to the question (sentence vectors are precomputed at ingest, so this costs a dot
product) plus the IDF-weighted share of the question's key terms they contain, with a small penalty for
lower-ranked passages. The best sentence is always taken; others close to it follow (lists and
multi-document questions need several). It abstains when the best evidence is weak.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ragqa.answer.abstention import AbstentionModel
from ragqa.answer.answer_type import (
    ADDRESS,
    BOUND,
    RANGE_MARK,
    RESTATEMENT,
    Span,
    amount_spans,
    asked_address,
    asked_clause,
    asked_kinds,
    asked_position,
    asks_deed,
    asks_list,
    asks_name,
    asks_org_name,
    asks_organisation,
    asks_person_name,
    asks_place,
    asks_script,
    asks_specific,
    asks_title,
    asks_venue,
    asks_which_document,
    asks_which_person,
    asks_writing,
    asks_yes_no,
    attribute_missing,
    base_type,
    blank_question,
    checks_claim,
    choice_options,
    claim_missing,
    claim_value_types,
    claims_number,
    contrast_excluded,
    contrast_missing,
    count_origin,
    counted_modifier,
    counted_noun,
    described_names,
    english_acronyms,
    english_count_head,
    english_counted_modifiers,
    english_counted_noun,
    english_label,
    english_name,
    english_names,
    english_span,
    english_yes_no_split,
    excluded_options,
    expansion_missing,
    explained_names,
    find_spans,
    has_enumeration,
    is_roster,
    is_sum,
    keyword_question,
    kind_phrases,
    latin_aliased_names,
    list_items,
    mentions_next_edition,
    mentions_previous_edition,
    model_codes,
    name_kinds,
    named_kinds,
    names_option,
    names_org_kind,
    of_asked_kind,
    option_written,
    organisation_names,
    origins_in,
    person_names,
    person_type,
    place_names,
    question_type,
    quoted_names,
    reference_titles,
    rest_missing,
    roster_gives,
    same_kind,
    script_names,
    segment,
    segment_bounds,
    speaker_country,
    speaks_in,
    speaks_of_past_edition,
    speech_speaker,
    stance_parts,
    stated_claim,
    table_row_dates,
    title_holder,
    writes_excluded,
    writes_form,
)
from ragqa.answer.messages import abstain_message
from ragqa.index.store import NUMBER, LoadedIndex
from ragqa.question import PreparedQuestion
from ragqa.retrieval.bridge import is_general_word, korean_renderings
from ragqa.retrieval.followup import refers_back
from ragqa.retrieval.ranking import Hit, Ranking
from ragqa.settings import AnswerSettings
from ragqa.text.korean import KoreanTextProcessor, normalize
from ragqa.text.layout import (
    asks_credit,
    asks_heading,
    asks_publication,
    asks_references,
    credit_of,
    credits_picture,
    is_dateline,
    is_references_heading,
)
from ragqa.text.numbers import number_values
from ragqa.types import Answer, Citation, Passage, StreamEvent

_BULLET = re.compile(r"^(?:[-–•·○●□■◦▪*※]|\d{1,2}[.)]|[①-⑳])\s*")
_END_PUNCT = re.compile(r"([.!?。]+)$")
# Question words and generic terms that do not identify content.
_GENERIC = frozenset(
    ["말하", "하", "되", "있", "들", "얼마", "언제", "누구", "무엇", "뭐", "어디", "어떻", "어떤", "몇", "보", "대하", "관하", "이번", "올해", "what", "when", "where", "who", "which", "how", "many", "much",
     # the fillers of a spoken question transcribed ("uh how many companies um took part"): Kiwi drops the Korean
     # ones (음, 어) as interjections, the English ones stay words no text writes
     "uh", "um", "umm", "uhm", "er", "erm", "hmm", "mm"]
)

LEX_WEIGHT = 0.25
RANK_PENALTY = 0.004


@dataclass
class Candidate:
    passage_id: int
    chunk_pos: int
    sentence_no: int
    text: str
    dense: float
    lexical: float
    score: float
    heading: bool = False  # a heading of its document (:mod:`ragqa.text.layout`)


@dataclass
class Extraction:
    answer: str
    abstained: bool
    citations: list[Citation]
    quotes: list[Candidate]
    features: dict[str, float]
    lead: str | None = None  # the short answer the answer starts with (a name, a number with its unit), if any


def term_weights(tokens: list[str], index: LoadedIndex) -> dict[str, float]:
    """IDF of each key term of the question (question words and generic terms left out)."""
    kw = index.keyword
    out: dict[str, float] = {}
    for t in tokens:
        if t in _GENERIC or t in out:
            continue
        out[t] = kw.idf(t)  # df 0 gives the largest idf, as an unseen term should
    return out


def lexical_overlap(weights: dict[str, float], tokens: set[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in tokens) / total


def render_sentence(text: str, marker: str) -> str:
    """Sentence as shown in the answer: bullet stripped, marker before the final punctuation."""
    body = _BULLET.sub("", text.strip()).strip() or text.strip()
    m = _END_PUNCT.search(body)
    if m:
        return f"{body[: m.start()].rstrip()} {marker}{m.group(1)}"
    return f"{body} {marker}"


def score_candidates(
    passages: list[tuple[Passage, int]],
    query_vector: np.ndarray,
    weights: dict[str, float],
    index: LoadedIndex,
    context_weight: float = 0.0,
    rank_penalty: float = RANK_PENALTY,
) -> list[Candidate]:
    """Every sentence of the passages, best first (:func:`scored_sentences` ranked by :func:`rank_candidates`)."""
    return rank_candidates(scored_sentences(passages, query_vector, weights, index, context_weight), rank_penalty)


def rank_candidates(scored: list[tuple[Candidate, int]], rank_penalty: float = RANK_PENALTY) -> list[Candidate]:
    """The sentences of :func:`scored_sentences`, each less a small penalty per passage rank (``rank_penalty``),
    best first. One scoring serves two penalties: an English question's quotes and its answer/abstain decision
    (:func:`extract_answer`)."""
    cands = [replace(c, score=c.score - rank_penalty * rank) for c, rank in scored]
    cands.sort(key=lambda c: -c.score)
    return cands


def scored_sentences(
    passages: list[tuple[Passage, int]],
    query_vector: np.ndarray,
    weights: dict[str, float],
    index: LoadedIndex,
    context_weight: float = 0.0,
) -> list[tuple[Candidate, int]]:
    """Every sentence of the passages in passage order, with its passage's rank; its score is dense similarity +
    ``LEX_WEIGHT`` × key-term share, before the rank penalty. The key-term share of a sentence also counts, at
    ``context_weight``, the terms found only in its context: the sentence before it in the same passage ("세미애널리시스는 … 평가했다"
    continues "… 미국 반도체 분석업체 세미애널리시스에 따르면 …") and the heading of its section
    (:attr:`LoadedIndex.section_headings`: "- … 총 13개 협력 분야를 포함" sits under "1. ‘AI 글로벌 거버넌스
    행동계획’ 발표" and never names the plan). ``Candidate.lexical`` stays the sentence's own share (an
    abstention feature)."""
    cands: list[tuple[Candidate, int]] = []
    seen: set[str] = set()
    headings = index.headings
    sections = index.section_headings
    for rank, (passage, pos) in enumerate(passages):
        chunk = index.chunks[pos]
        rows = np.array(list(index.sentence_rows(pos)), dtype=np.int64)
        if len(rows) == 0:
            continue
        dense = index.sentence_vectors.get(rows) @ query_vector
        previous: set[str] = set()  # the tokens of the sentence before, in this passage
        for j, row in enumerate(rows):
            own, previous_tokens = set(index.sentence_tokens[int(row)]), previous
            previous = own
            s, e = chunk.sentences[j]
            text = chunk.text[s:e]
            key = normalize(text)
            if key in seen or len(key) < 6:
                continue
            seen.add(key)
            lex = lexical_overlap(weights, own)
            scored = lex
            if context_weight:
                section = sections.get(int(row))
                context = (previous_tokens if section is None
                           else previous_tokens.union(index.sentence_tokens[section]))
                if context:
                    scored = lex + context_weight * (lexical_overlap(weights, own | context) - lex)
            d = float(dense[j])
            cands.append((Candidate(passage.id, pos, j, text, d, lex, d + LEX_WEIGHT * scored, int(row) in headings),
                          rank))
    return cands


_AGREEING = ("dense", "sentence", "keyword")  # the rankers whose agreement is a feature (not the English bridge)
# The largest fused score a passage can get (rank 1 in three rankers of weight 1, RRF constant 60); wiring
# passes the value for the configured fusion.
DEFAULT_FUSED_MAX = 3 / 61
# Characters either side of a typed span that count as its neighbourhood when choosing the lead (a
# Korean noun phrase and its particle; not fitted).
LEAD_WINDOW = 12


def holds_answer(qtype: str, sentence: str, question: str, holder: str | None = None, noun: str | None = None,
                 origin: str | None = None) -> bool:
    """Whether ``sentence`` holds something of the asked type (always, for ``other``) that the question does not
    already give: "파트너 2,700곳 중 해외 기업은 몇 곳" is not answered by "2,700개 산업 파트너"; ``holder`` as in
    :func:`ragqa.answer.answer_type.find_spans`; ``noun``: the noun a count question counts, which must stand
    beside the count (:func:`counts_noun`); ``origin``: where the counted things come from, when the question
    says (:func:`counts_asked`)."""
    # a Korean count question naming no counted noun ("몇 명이나 봤대"): a count of a noun it never writes is another's,
    # when the question names what it asks about itself ("개막식 생중계는 …"), not by pointing back ("그 대회에는 …",
    # "정확히 몇 개야?": the history or the passages say what is counted)
    alien = (noun is None and base_type(qtype) == "count" and bool(re.search("[가-힣]", question))
             and _names_own_subject(question))
    rendered = _english_count_words(question) if noun is None and base_type(qtype) == "count" else None
    edition_only = qtype in ("count:ordinal", "count:times") and bool(_TAKES_PART.search(asked_clause(question)))
    if qtype != "other" and other_day(question, sentence):
        return False
    return qtype == "other" or any(not _given_by(question, s) and not sizes_other(sentence, s, question, qtype)
                                   and not (edition_only and _is_edition(sentence, s))
                                   and counts_asked(sentence, s, noun, origin)
                                   and not (alien and _counts_other(sentence, s, question))
                                   and not (rendered and _counts_other(sentence, s, question, rendered))
                                   for s in find_spans(qtype, sentence, holder))


_GENERIC_HEADS = frozenset({"people", "persons", "individuals"})


@lru_cache(maxsize=256)
def _english_count_words(question: str) -> tuple[str, ...] | None:
    """For an English count question whose counted noun the shipped glossary renders ("How many members of the
    general public visited …": 회원, 구성원 …), the Korean renderings of all its words (of two syllables or more): a
    count whose noun phrase none of them writes is another's (:func:`_counts_other`: "튜링상·노벨상 수상자 12명" does
    not count the public), as a Korean question's own words decide it. None for a Korean question, no count, a noun
    of people in general ("how many people") or a noun the glossary does not render ("laureates"): nothing to tell
    another's count by. Grammar, not fitted."""
    if _HANGUL.search(question):
        return None
    head = english_count_head(question)
    # "how many people": a head that names only the family its counter says (명) tells no count from another
    if head is None or head.lower() in _GENERIC_HEADS or not korean_renderings(head):
        return None
    words = dict.fromkeys(re.findall(r"[A-Za-z][A-Za-z-]+", question))
    return tuple(dict.fromkeys(k for w in words for k in korean_renderings(w) if len(k) >= 2))


# The day of an event a question names ("둘째 날 원탁 토론 사회자는 누구", "on the first day") and the one a sentence
# names: a sentence about another day of it ("세계인공지능대회 첫날, … 관람 진행자로 변신하여") tells of something else, so
# what it holds does not answer. 다음 날 is the second day, as a report of an event writes it after 첫날. Grammar, not
# fitted.
_DAY_ORDINALS = (("1", re.compile(r"첫\s*날|첫째\s*날|\bfirst day\b|\bopening day\b", re.I)),
                 ("2", re.compile(r"둘째\s*날|이튿\s*날|다음\s*날|\bsecond day\b|\bnext day\b|\bday two\b", re.I)),
                 ("3", re.compile(r"셋째\s*날|사흘\s*째|\bthird day\b|\bday three\b", re.I)),
                 ("last", re.compile(r"마지막\s*날|\blast day\b|\bfinal day\b|\bclosing day\b", re.I)))


def day_ordinals(text: str) -> set[str]:
    """The days of an event ``text`` names by their order (see above)."""
    return {day for day, pattern in _DAY_ORDINALS if pattern.search(text)}


def other_day(question: str, sentence: str) -> bool:
    """Whether ``sentence`` names only days of an event other than those ``question`` names (see above)."""
    asked = day_ordinals(question)
    if not asked:
        return False
    written = day_ordinals(sentence)
    return bool(written) and not written & asked


# How many times someone has taken part ("딥시크가 WAIC에 부스를 낸 건 올해가 몇 번째야", "그분 WAIC 참석이 이번이 몇
# 번째예요", "딥시크는 WAIC에 몇 회 참가했어") is not answered by the event's own edition ("2018년 첫 개최 이후 7회째를
# 맞이한", "올해로 7회째"): that counts the event, not them — when the asked clause says so, not a scene set before it
# ("참가 행사를 고르는데요. 올해 대회는 몇 번째 개최였나요?" asks the edition). Grammar, not fitted.
_TAKES_PART = re.compile(r"참석|참가|참여|부스|출전|출품|방문|\battend|\bparticipat|\bexhibit", re.I)
_EDITION_BEFORE = re.compile(r"(?:개최|열린|출범|시작)\s*(?:이후|이래|후)\s*$|올해로\s*(?:통산\s*)?$|제\s*$")
_EDITION_AFTER = re.compile(r"^\s*(?:를|을)?\s*맞")


def _is_edition(sentence: str, span: Span) -> bool:
    """Whether the ordinal ``span`` numbers an event's edition (see above)."""
    return bool(_EDITION_AFTER.match(sentence[span.end:]) or _EDITION_BEFORE.search(sentence[:span.start]))


# what a count counts (:func:`_counts_other`): after it when no particle follows it ("800개 이상의 중국 기업"), else
# before it ("튜링상·노벨상 수상자 12명을")
_PARTICLE_AFTER = re.compile(r"(?:을|를|이|가|은|는|에|에서|으로|로|과|와|도|만|씩)(?![가-힣])")
_NOUN_AFTER_SPAN = re.compile(r"(?:\s*(?:이상|이하|가량|남짓|정도|여))?(?:의)?\s+([가-힣A-Za-z]{2,})(?:\s+([가-힣A-Za-z]{2,}))?"
                              r"(?:\s+([가-힣A-Za-z]{2,}))?")
_NOUN_BEFORE_SPAN = re.compile(r"(?:([가-힣A-Za-z]{2,})\s+)?(?:([가-힣A-Za-z]{2,})\s+)?([가-힣A-Za-z]{2,})\s*$")


# words before 몇 that name nothing ("정확히 몇 개야", "그럼 모두 몇 명이야")
_NAMES_NOTHING = re.compile(r"^(?:정확히|정확하게|모두|전부|다|총|합쳐서|대략|대충|실제로|실제|그럼|그러면|그래서|그리고|혹시|대체|"
                            r"도대체|과연|그때|당시|올해|이번|지금|현재|거기는|거기에는|여기는)$")


@lru_cache(maxsize=1024)
def _names_own_subject(question: str) -> bool:
    """Whether a Korean count question names what it asks about with words of its own before 몇, not by pointing
    back (:func:`~ragqa.retrieval.followup.refers_back`)."""
    if refers_back(question):
        return False
    before = question.split("몇", 1)[0]
    return any(not _NAMES_NOTHING.match(w) for w in re.findall(r"[가-힣A-Za-z0-9]{2,}", before))


# a count made the subject of a relative clause of size ("90건이 넘는 규제 완화 조치", "100명이 넘은 참석자") counts
# the words after the clause, not those before the count
_MORE_THAN_AFTER = re.compile(r"(?:이|가)\s*(?:넘는|넘은|되는|된|이상인|이하인|가량인|남짓인)(?=\s)")


def _counts_other(sentence: str, span: Span, question: str, renderings: tuple[str, ...] = ()) -> bool:
    """Whether the count ``span`` counts a noun phrase none of whose Korean words the question writes: "튜링상·노벨상
    수상자 12명" does not answer "개막식 생중계는 몇 명이나 봤대?", nor "2,700개 산업 파트너" "몇 곳이나 늘어난 거야"; a
    word is written when the question writes its first two syllables (a stem, whatever its ending). The phrase is
    the one to three words after the count ("N개의 새로운 산업 연합", "6,000개 솔루션 공동개발") or, when a particle
    follows the count ("수상자 12명을"), the one to three words before it; a Latin word ("국내외 AI 전문가") is passed
    over. False for a counter that says what it counts itself ("30여 개국", "7회째", "두 가지": only 명, 개, 곳, 건, 대
    and 장 do not), or when no phrase is found. Only when the question names no counted noun
    (:func:`question_noun` is None; else :func:`counts_noun` reads it). Grammar, not fitted: on the tuning split
    +3 abstentions, no answer lost. ``renderings``: Korean words an English question's words are rendered as
    (:func:`_english_count_words`); a counted word is written too when one of them writes its first two syllables
    or it holds one of them ("전체회의" holds 회의)."""
    if not re.search(r"(?:명|개|곳|건|대|장)$", span.text.strip()):
        return False
    rest = sentence[span.end:]
    if (relative := _MORE_THAN_AFTER.match(rest)) is not None:  # "90건이 넘는 규제 완화 조치": the words after
        m = _NOUN_AFTER_SPAN.match(rest, relative.end())
    elif _PARTICLE_AFTER.match(rest) or not rest[:1].isspace() and not rest.startswith("의"):
        m = _NOUN_BEFORE_SPAN.search(sentence[:span.start])
    else:
        m = _NOUN_AFTER_SPAN.match(rest)
    words = [] if m is None else [w for w in m.groups() if w and re.match("[가-힣]", w)]
    return bool(words) and not any(w[:2] in question or any(w[:2] in r or r in w for r in renderings) for w in words)


def question_origin(question: str, qtype: str) -> str | None:
    """Where the things a count question counts come from, when it says (:func:`~ragqa.answer.answer_type.count_origin`);
    None for any other question."""
    return count_origin(question) if base_type(qtype) == "count" else None


def _corpus_writes(index: LoadedIndex) -> Callable[[str], bool]:
    """Whether the corpus of ``index`` writes a term (its keyword index knows it)."""
    return lambda term: index.keyword.doc_freq(term) > 0


def _writes_everywhere(index: LoadedIndex, name: str) -> bool:
    """Whether every document of ``index`` writes ``name``: the corpus's common subject ("중국" in five articles on
    China's AI), which tells no one thing's owner from another's (:func:`owner_missing`: "중국이 2017년 12월에
    내놓았다는 계획 …, 그 기간이 언제부터 언제까지" is answered by the table row "차세대 인공지능 발전계획(2018~2020)",
    which names no country). Grammar, not fitted: "every" is no threshold."""
    return len(index.documents) > 1 and all(name in d.text for d in index.documents)


def question_noun(question: str, qtype: str, weights: dict[str, float],
                  bridged: dict[str, str] | None = None, written: Callable[[str], bool] | None = None) -> str | None:
    """The noun a count question counts: for a Korean question :func:`ragqa.answer.answer_type.counted_noun`,
    read only among its key terms (Kiwi's morphemes, so a verb is not taken for a noun); for an English one, the
    Korean term the term bridge carried its counted word to (``bridged``, :attr:`Ranking.bridged_words`: "how many
    humanoid robots" → 로봇), only for a word whose counter cannot say what it counts
    (:func:`~ragqa.answer.answer_type.english_counted_noun`) and only when the bridge reached a term; None for any
    other question.

    A Korean question that writes the noun it counts in English ("910C chip은 몇 개야?", "industry partner는 몇
    곳이야?") counts what the Korean text writes in Korean: the first of the glossary's renderings that the corpus
    writes (``written``: 파트너); no noun when its usual rendering is of one syllable, which is never looked for
    beside a count ("chip": 칩); else the English word itself ("NPU는 몇 장"). Grammar, not fitted."""
    if base_type(qtype) != "count":
        return None
    if not re.search("[가-힣]", question):
        word = english_counted_noun(question)
        if word is None:
            return None
        bridged = bridged or {}
        # a noun the bridge did not reach ("how many robot dogs"): the word it is a kind of, if the bridge reached it
        return bridged.get(word) or next((bridged[m] for m in english_counted_modifiers(question) if m in bridged), None)
    # an English word the retriever read as its Korean term (:meth:`TermBridge.carried_words`) is a key term too
    carried = bridged or {}
    noun = counted_noun(question, lambda w: w.lower() in weights or w.lower() in carried)
    if noun is None or re.search("[가-힣]", noun) or written is None:
        return noun
    for korean in korean_renderings(noun):
        if len(korean) < 2:  # a noun of one syllable ("칩") is not looked for beside a count (_nearness)
            return None
        if written(korean):
            return korean
    return noun


def question_modifier(question: str, qtype: str, weights: dict[str, float]) -> str | None:
    """The key term a Korean count question writes right before the noun it counts, read among its key terms as
    :func:`question_noun` reads that noun (:func:`~ragqa.answer.answer_type.counted_modifier`), or None."""
    if base_type(qtype) != "count" or not re.search("[가-힣]", question):
        return None
    return counted_modifier(question, lambda w: w.lower() in weights)


def counts_asked(sentence: str, span: Span, noun: str | None, origin: str | None) -> bool:
    """Whether a span counts what a count question asks: its counted ``noun`` stands beside it
    (:func:`counts_noun`) and, when the question says where the things come from (``origin``,
    :func:`~ragqa.answer.answer_type.count_origin`), no word of another origin is beside it unless one of that
    origin is too: "외국 기업은 몇 개" is not answered by "800개 이상의 중국 기업". Only counts are read so."""
    if noun is not None and not counts_noun(sentence, span, noun):
        return False
    if origin is None or span.type != "count":
        return True
    near = [key for key, a, b in origins_in(sentence)
            if _nearness(sentence, span, {sentence[a:b]: 1.0}) > 0]
    return not near or origin in near


# the end of an item joined to the next ("산업 파트너와 ", "성과 및 ", ", "), right before a count, and where such an
# item ends after one
_JOINED_BEFORE = re.compile(r"(?:[가-힣](?:와|과)|\s및|,)\s*$")
_ITEM_JOIN = re.compile(r"[가-힣](?:와|과)\s|\s및\s|,")


def counts_noun(sentence: str, span: Span, noun: str) -> bool:
    """Whether the count ``span`` counts ``noun``: the noun is written within the count's neighbourhood (as
    :func:`_nearness` reads it: ``LEAD_WINDOW`` characters, or the rest of the item after "N개의"); for a count that
    opens the second of two joined items, within that item. "일반 관람객은 총 몇 명" is not answered by "튜링상·노벨상
    수상자 12명", a count of other people."""
    kinds = same_kind(noun)
    if _JOINED_BEFORE.search(sentence, 0, span.start):
        # a count that opens the next of two joined items counts the words of its own item: "해외 파트너는 몇 곳" is
        # not answered by the 6,000 of "2,700개 산업 파트너와 6,000개 솔루션 공동개발" (solutions)
        end = min((m.start() for m in _ITEM_JOIN.finditer(sentence, span.end)), default=len(sentence))
        return any(k in sentence[span.end:end] for k in kinds)
    return _nearness(sentence, span, dict.fromkeys(kinds, 1.0)) > 0


def competing_margin(qtype: str, margin: float) -> float:
    """How far below the best sentence a sentence may score and still compete for the answer: ``margin``
    (``answer.type_margin``), except for a measure of a named kind ("연산 성능은 총 얼마", "면적은 몇 ㎡": the
    ``amount:<kind>`` types), whose unit (PFlops, ㎡, GW) is specific enough that any of the top sentences holding
    one answers it ("총 300PFlops 규모의 연산 성능과 …" scores below the sentence naming the machine). A count of
    the very things the question qualifies is as specific (:func:`qualified_count`)."""
    return math.inf if qtype.startswith("amount:") else margin


def qualified_count(text: str, question: str, qtype: str, noun: str, modifier: str, holder: str | None = None,
                    origin: str | None = None) -> bool:
    """Whether ``text`` holds the answer (:func:`holds_answer`) as a count of the things a count question qualifies:
    the question's ``modifier`` and counted ``noun`` ("협력 분야를 총 몇 개") beside a count that counts that noun and
    that the question does not give ("총 13개 협력 분야를 포함"). Such a count is as specific as a measure in its unit,
    so it competes among the top sentences whatever their scores ("협력 분야가 총 몇 개로 돼 있어?" scores the plan's
    heading above it); a count of the noun alone ("10개 핵심 분야 중심의 부처별 포럼" for "몇 개 부처") keeps the margin."""
    phrase = {f"{modifier} {noun}": 1.0, f"{modifier}{noun}": 1.0}
    return holds_answer(qtype, text, question, holder, noun, origin) and any(
        _nearness(text, sp, phrase) > 0 and counts_asked(text, sp, noun, origin)
        for sp in find_spans(qtype, text, holder) if not _given_by(question, sp))


def _typed_first(cands: list[Candidate], qtype: str, margin: float, holder: str | None = None,
                 question: str = "", weights: dict[str, float] | None = None, noun: str | None = None,
                 origin: str | None = None, corpus_writes: Callable[[str], bool] | None = None) -> list[Candidate]:
    """For a question asking for a kind of thing, a sentence holding that kind of thing and scoring within
    ``margin`` of the best goes first (the best sentence about the topic may not hold the number asked); for a
    question asking for a name (:func:`asks_named`), a sentence in which the concise lead finds one (the
    sentences the abstention feature ``type_hit`` looks at) when the question is Korean, since only then must the
    name stand beside the question's terms (:func:`_beside_terms`): an English question's name could be any."""
    margin = competing_margin(qtype, margin)
    if asks_named(question, qtype) and re.search("[가-힣]", question):
        def holds(text: str) -> bool:
            return concise_lead(qtype, text, weights, question, corpus_writes=corpus_writes) is not None
    elif qtype == "other":
        return cands
    else:
        def holds(text: str) -> bool:
            return holds_answer(qtype, text, question, holder, noun, origin)
    if base_type(qtype) == "page":  # entries of a table of contents differ by their titles' words alone
        entries = [c for c in cands[:6] if c.score >= cands[0].score - margin and holds(c.text)]
        if entries:
            first = max(entries, key=lambda c: c.lexical)  # the one holding most of the question's terms
            return [first, *[c for c in cands if c is not first]]
    if noun is not None and (modifier := question_modifier(question, qtype, weights or {})) is not None:
        # "협력 분야를 총 몇 개": a count of the things the question qualifies ("13개 협력 분야") before a count of
        # others of that noun ("10개 핵심 분야"), among the top sentences whatever their scores (a count question's
        # ``holds`` is holds_answer, which qualified_count reads)
        first = _first_competing(cands, math.inf,
                                 lambda text: qualified_count(text, question, qtype, noun, modifier, holder, origin))
        if first is not None:
            return first
    if base_type(qtype) == "amount":  # a measured quantity before a sentence that only counts
        def measured(text: str) -> bool:
            return any(not _given_by(question, s) for s in amount_spans(text, counts=False))
        first = _first_competing(cands, margin, measured)
        if first is not None:
            return first
    return _first_competing(cands, margin, holds) or cands


def _first_competing(cands: list[Candidate], margin: float, wanted: Callable[[str], bool]) -> list[Candidate] | None:
    """``cands`` with the first of its six best that scores within ``margin`` of the best and whose text ``wanted``
    accepts moved first (unchanged when that is the best), or None when none is."""
    for i, c in enumerate(cands[:6]):
        if c.score >= cands[0].score - margin and wanted(c.text):
            return cands if i == 0 else [c, *cands[:i], *cands[i + 1:]]
    return None


def _body_first(cands: list[Candidate], question: str, qtype: str, index: LoadedIndex | None = None) -> list[Candidate]:
    """The candidates without headings ("‘…’ 사례집 발표", "리창 총리, AI 국제 협력 구상 발표"), unless the question
    asks about a heading (:func:`asks_heading`: then the headings among the top five go first), what something is
    called or titled, who (a byline is a heading) or what number an item carries (a numbered heading's number:
    "4. 주요 기업 기술 성과 …"), or only headings are left: a
    heading names the topic of the sentences under it, which hold the answer ("사례집은 어느 기관에서
    발표했나요?" is answered by "국가발전개혁위원회가 발표한 본 사례집은 …", not by its heading). Headings still
    count for the decision to abstain."""
    if asks_heading(question):  # "소제목에서는 …", "According to the headline …": the headings among the top first
        top = cands[:_HEADING_REACH]
        ordered = [c for c in top if c.heading] + [c for c in top if not c.heading] + cands[_HEADING_REACH:]
        return _section_heading_first(ordered, top, question, index)
    if asks_name(question) or base_type(qtype) in ("person", "label"):  # a numbered heading's number is its own
        return cands
    return [c for c in cands if not c.heading] or cands


def _datelines_last(cands: list[Candidate], question: str, qtype: str) -> list[Candidate]:
    """The candidates without datelines (:func:`~ragqa.text.layout.is_dateline`: "korean.shanghai.gov.cn|
    2025-07-31"), unless the question asks a date or when or where a document was published
    (:func:`~ragqa.text.layout.asks_publication`), or only datelines are left: a short line's embedding falls near
    many questions ("Do the documents name the exhibition venue?") that its site and date do not answer, so it is
    never quoted for them. Datelines still count for the decision to abstain. Layout, not fitted."""
    if asks_publication(question) or base_type(qtype) in ("date", "date_day", "date_year"):
        return cands
    return [c for c in cands if not is_dateline(c.text)] or cands


_HEADING_REACH = 5  # a question about a heading: the headings among this many top candidates go first
# a section's heading asked ("그 대목의 소제목", "the subheading of the part on …"), not the document's headline
_ASKS_SECTION_HEADING = re.compile(r"소제목|\bsub-?headings?\b|\bsection (?:heading|title)s?\b", re.I)


def _section_heading_first(ordered: list[Candidate], top: list[Candidate], question: str,
                           index: LoadedIndex | None) -> list[Candidate]:
    """A question asking for the subheading of a part it describes ("고위급 회의가 … 못 만들었다는 대목, 그 소제목이
    뭐였어?") is answered by the heading of the section holding the best body sentence among the top, when that
    heading is a candidate; another heading (the document's headline) is not it. Layout, not fitted."""
    if index is None or not _ASKS_SECTION_HEADING.search(question):
        return ordered
    body = next((c for c in top if not c.heading), None)
    if body is None:
        return ordered
    heading_row = index.section_headings.get(_row_of(body, index))
    if heading_row is None:
        return ordered
    own = [c for c in ordered if c.heading and _row_of(c, index) == heading_row]
    return own + [c for c in ordered if c not in own] if own else ordered


def references_first(cands: list[Candidate], question: str, qtype: str, index: LoadedIndex) -> list[Candidate]:
    """For a question about a list of references (:func:`~ragqa.text.layout.asks_references`: "브리프 참고자료에
    실린 행동계획 전문 자료 날짜는", "in the brief's references …"), the list's entries among ``cands``
    (:attr:`LoadedIndex.reference_entries`) go first, just above the best sentence, the one writing most of the
    question's terms first, then in their document's order ("맨 위에 있는 기사"); read as body lines, not
    headings; the list's heading is left out. An entry is a line in another script than the question's ("(25.7.28,中国国际科技交流中心)
    人工智能全球治理行动计划(全文)") that no embedding puts near it, and short enough to read as a heading, so it
    would otherwise never compete. Unchanged when none is among them. Layout, not fitted."""
    if not cands or not asks_references(question) or base_type(qtype) == "page":
        return cands  # "목차 보면 참고문헌은 몇 쪽부터야": where the list is, not what it lists
    entries = [c for c in cands if _row_of(c, index) in index.reference_entries]
    if not entries:
        return cands
    top = cands[0].score
    order = sorted(entries, key=lambda c: (-c.lexical, _row_of(c, index)))
    lifted = [replace(c, score=top + 1e-3 * (len(order) - i), heading=False) for i, c in enumerate(order)]
    # the list's own heading ("<참고자료>") labels the entries; it is no answer, even to "제목이 뭐야"
    return lifted + [c for c in cands if c not in entries and not (c.heading and is_references_heading(c.text))]


def _row_of(c: Candidate, index: LoadedIndex) -> int:
    """The index's sentence row of candidate ``c``."""
    return index.sentence_rows(c.chunk_pos)[c.sentence_no]


def _named_before(c: Candidate, cands: list[Candidate], qtype: str, weights: dict[str, float],
                  question: str, index: LoadedIndex) -> tuple[Candidate, str] | None:
    """The sentence right before ``c`` in its passage and the name it gives, when a question asking for a name
    finds one there beside its terms and none in ``c``: news text introduces a thing by its name and describes it
    in the sentence after ("두 번째 연합은 ‘상하이 상공회의소 AI 위원회’로, …" then "참가 기업으로는 미국의 제재를
    받은 센스타임을 비롯해 …" answers "센스타임이 참가한 산업 연합 이름은 뭐"). Only for a Korean question, whose
    terms the name must stand beside (an English question's names are not read beside its terms), and not from a
    heading (a heading names its section's topic, not the thing described after it). A sentence that refers back
    to the thing by its kind ("이 연합에는 …") is read further back, across a passage's start
    (:data:`_BACK_REFERENCE`). Layout, not fitted."""
    if not re.search("[가-힣]", question):
        return None
    back = _BACK_REFERENCE.match(c.text)
    written = _corpus_writes(index)
    if back is None:  # the sentence right before it in its passage
        prev = next((p for p in cands if _follows(c, p)), None)
        lead = None if prev is None or prev.heading else concise_lead(qtype, prev.text, weights, question,
                                                                      corpus_writes=written)
        return (prev, lead) if lead is not None else None
    by_text = {normalize(p.text): p for p in cands}
    for step, text in enumerate(_sentences_before(c, index, _BACK_REFERENCE_REACH), start=1):
        prev = by_text.get(text)
        if prev is None or prev.heading:
            return None
        if step > 1 and back.group("noun") not in prev.text:
            continue
        lead = concise_lead(qtype, prev.text, weights, question, corpus_writes=written)
        if lead is not None:
            return prev, lead
    return None


def _sentences_before(c: Candidate, index: LoadedIndex, count: int) -> list[str]:
    """The ``count`` sentences before ``c`` in its document (nearest first, normalised), across the passages'
    one-sentence overlap: a sentence that opens a passage follows the one before it in the passage before."""
    pos, j = c.chunk_pos, c.sentence_no
    seen = {normalize(c.text)}
    out: list[str] = []
    while len(out) < count:
        j -= 1
        if j < 0:
            pos -= 1
            if pos < 0 or index.chunks[pos].doc_id != index.chunks[c.chunk_pos].doc_id:
                break
            j = len(index.chunks[pos].sentences) - 1
            continue
        start, end = index.chunks[pos].sentences[j]
        text = normalize(index.chunks[pos].text[start:end])
        if text not in seen:  # the overlap's sentence, met again in the passage before
            seen.add(text)
            out.append(text)
    return out


# A sentence that refers back to a thing by its kind ("이 연합에는 화웨이, 바이런, 무어스레드 등 …", "그 회사는 …") may
# follow a sentence that does not name it ("연합은 LLM 개발사 스텝펀에 의해 출범됐다."): its name is in the nearest
# sentence before that writes that kind ("첫 번째 연합인 ‘모델-칩 생태계 혁신 연합’은 …"), a few sentences back at most.
# Grammar of news text, not fitted.
_BACK_REFERENCE = re.compile(r"^\s*(?:[-*•○□]\s*)?(?:이|그|해당)\s+(?P<noun>[가-힣]{1,6}?)"
                             r"(?:에는|에서는|에게|에|은|는|이|가|을|를|의|도|과|와)\s")
_BACK_REFERENCE_REACH = 3  # sentences


def _follows(c: Candidate, before: Candidate) -> bool:
    """Whether ``c`` is the sentence right after ``before`` in the same passage."""
    return c.chunk_pos == before.chunk_pos and c.sentence_no == before.sentence_no + 1


# A sentence whose subject is the one before it ("이는 …", "이것은 …", "This …") goes on with it: it says what
# that sentence means, why, or what for. Summing-up openers ("이처럼", "이로써") sum up a paragraph instead.
_CONTINUES = re.compile(r"^\s*(?:[-*•]\s*)?(?:이는|이것은|This|These)\b")


def _with_follower(chosen: list[Candidate], cands: list[Candidate], limit: int,
                   wanted: Callable[[str], object]) -> list[Candidate]:
    """The sentence right after the best one in its passage, when ``wanted`` accepts its text, is quoted next.
    Such a sentence rarely repeats the question's words, so its score alone leaves it out; no score decides
    this. Two uses: a list introduced in one sentence and given in the next ("두 번째 연합은 ‘…위원회’로, …" then
    "참가 기업으로는 A, B, C 등이 있다": :func:`has_enumeration`), and a sentence saying what the best one means,
    why or what for ("… 공급망 전반을 포괄한다" then "이는 … 미국의 수출 규제를 견딜 수 있는 … 노력이기도 하다":
    ``_CONTINUES``)."""
    best = chosen[0]
    nxt = next((c for c in cands if _follows(c, best)), None)
    if nxt is None or nxt in chosen or not wanted(nxt.text):
        return chosen
    return [best, nxt, *chosen[1:]][:limit]


# A sentence that announces the items after it, as statutes and official texts write a list: "헌법재판소는 다음 사항을
# 관장한다." then "1. …", "2. …"; "다음 각 호의 어느 하나에 해당하는 …", "… 다음과 같다", a line ending in a colon,
# "… as follows:". Its items are lines that open with a number or letter and a dot ("1.", "1의2.", "가.") or a
# bullet (○, □, ▪, •). Grammar of the layout, not fitted.
_ANNOUNCES = re.compile(r"다음(?:의|\s*각\s*호의?)?\s*(?:사항|목적|경우|것|어느|각\s*호)|다음과\s*같|[:：]\s*$"
                        r"|\b(?:as\s+follows|the\s+following)\b", re.I)
_ITEM_MARKER = r"^\s*(?:\d{1,2}(?:의\d{1,2})?\.(?!\d)|[가-하]\.|[○□▪•◦])\s*"
_ITEM_LINE = re.compile(_ITEM_MARKER + r"\S")
_ITEM_MARK = re.compile(_ITEM_MARKER)
_MAX_ITEMS = 12  # items quoted at most: a statute's list rarely runs longer


def announced_items(best: Candidate, cands: list[Candidate], index: LoadedIndex) -> list[Candidate]:
    """The items that ``best`` announces (``_ANNOUNCES``), in document order: the item lines right after it, in its
    passage and on into the next passage of its document when that passage was retrieved too (passages overlap by
    a sentence, and a list often runs past a passage's end). Each item is quoted as the candidate that holds it;
    the walk stops at the first line that is no item or whose passage was not retrieved, so nothing unretrieved is
    quoted. Empty when ``best`` announces nothing or no item follows."""
    if not _ANNOUNCES.search(best.text):
        return []
    by_text = {normalize(c.text): c for c in cands}
    items: list[Candidate] = []
    seen = {normalize(best.text)}  # the sentences walked, once each: two overlapping passages share one
    pos, j, doc = best.chunk_pos, best.sentence_no + 1, index.chunks[best.chunk_pos].doc_id
    while len(items) < _MAX_ITEMS and pos < len(index.chunks) and index.chunks[pos].doc_id == doc:
        chunk = index.chunks[pos]
        if j >= len(chunk.sentences):
            pos, j = pos + 1, 0
            continue
        s, e = chunk.sentences[j]
        text, j = chunk.text[s:e], j + 1
        key = normalize(text)
        if key in seen:
            continue
        if not _ITEM_LINE.match(text) or key not in by_text:
            break
        seen.add(key)
        items.append(by_text[key])
    return items


def items_lead(items: list[Candidate]) -> str:
    """The items of an announced list, without their numbers or bullets and final stop, comma separated."""
    return ", ".join(_ITEM_MARK.sub("", i.text).strip().rstrip(".") for i in items)


def _person_nearness(sentence: str, span: Span, weights: dict[str, float]) -> float:
    """Question weight written in the enumeration item holding the name (its organisation and title)."""
    item = segment(sentence, span)
    return sum(w for term, w in weights.items() if len(term) >= 2 and term in item)


_QUANTITY_SPANS = ("count", "money", "percent", "amount")  # spans that hold a quantity (with a bound, before a noun)


def _nearness(sentence: str, span: Span, weights: dict[str, float]) -> float:
    """Question weight written within ``LEAD_WINDOW`` characters of ``span``, each key term (of two or more
    characters) fading linearly with its distance to the span."""
    if span.type == "person":
        return _person_nearness(sentence, span, weights)
    # "1개의 인공지능 글로벌 거버넌스 고위급 회의, 2개의 전체회의": a quantity followed by 의 counts the noun after
    # it, not the one before, and that noun phrase runs to the end of its enumeration item, however long
    after_only = span.type in _QUANTITY_SPANS and sentence.startswith("의", span.end)
    window = max(LEAD_WINDOW, segment_bounds(sentence, span)[1] - span.end) if after_only else LEAD_WINDOW
    score = 0.0
    for term, w in weights.items():
        if len(term) < 2:
            continue
        gaps = [span.start - m.end() if m.start() < span.start else m.start() - span.end
                for m in re.finditer(re.escape(term), sentence, re.I) if not (after_only and m.start() < span.start)]
        near = [g for g in gaps if 0 <= g <= window]
        if near:
            score += w * (1 - min(near) / (window + 1))
    return score


# a lead that names no one thing: "일부 성능 지표", "여러 기업", "various partners"
_VAGUE_LEAD = re.compile(r"(?:일부|몇몇|여러|다양한|각종|다수의?|많은|일련의|some|several|various|many)(?:\s|$)", re.I)


# the kinds whose lead is a span :func:`~ragqa.answer.answer_type.find_spans` finds (a number, a date, a label)
_SPAN_KINDS = ("money", "percent", "date", "date_day", "date_year", "count", "amount", "page", "label")


def concise_lead(qtype: str, sentence: str, weights: dict[str, float] | None = None, question: str = "",
                 noun: str | None = None, corpus_writes: Callable[[str], bool] | None = None) -> str | None:
    """The shortest span answering a question of type ``qtype`` in ``sentence`` (a number with its unit, a
    date, an amount of money, a percentage, a person's name beside a title, the quoted name of a thing when the
    question asks what it is called — or the name in parentheses after the thing it describes —, the items of an
    enumeration when it asks for several things, an organisation's name when it asks which organisation, a
    person's name when it asks which person by a title, the phrase that picks one out when it asks which one of a
    kind, a table row's own date for the name it asks about), or None when the type has no such span or none is
    there. Names and phrases for a Korean question must stand beside its terms (:func:`_beside_terms`). With the
    question's key terms (``weights``, term → idf), a
    sentence holding several spans leads with the one whose neighbourhood (``LEAD_WINDOW`` characters either
    side; for a name, its enumeration item) holds the most question weight, each term counted by its nearness
    ("수상자 12명 … 1,200여 명" for "수상자는 몇 명"); ties keep the first. A name or number the ``question``
    itself writes is not its answer, nor a date whose every number it writes ("발전계획(2018~2020)은 언제
    나왔어?" is led by neither 2018 nor 2020년). With the ``noun`` a count question counts, a count of that noun
    leads before a count of another thing ("1개의 개막식 …, 13개 협력 분야" for "협력 분야를 몇 개"). With
    ``corpus_writes`` (whether the corpus writes a term), a Korean question's Latin name holds the title it asks
    about ("StepFun CEO 이름", :func:`~ragqa.answer.answer_type.title_holder`)."""
    kind = base_type(qtype)

    def written(text: str) -> bool:  # as it stands, or by the Latin alias it carries ("미국 우선(America First)")
        alias = english_name(text) if "(" in text else None
        return _written_in(question, text) or alias is not None and len(alias) >= 3 and _written_in(question, alias)

    scripted = script_names(sentence, question, written) if kind in ("person", "other") else []
    if scripted and (kind == "person" or asks_name(question) and asks_title(question)) \
            and _named_people(sentence, question, corpus_writes):
        scripted = []  # "프리테크 … 수석 아키텍트, 한자 이름": a person asked by a title, named with its script
    if scripted:  # "리창 총리 이름 한자로 어떻게 써요?": the name in the script asked, not the name the question gives
        spans = scripted
    # "…체결한 중국 기업의 명칭을 명시해 주십시오", "그분 회사 이름이 뭐예요?": an organisation's name, as for which one
    # (not in a script: "영문 회사명이 어떻게 병기돼 있나요" asks the script's form, which :func:`script_names` gives);
    # when the sentence names none, the branches below read it as they would any name question
    elif kind == "other" and asks_org_name(question) and not asks_list(question) and not asks_script(question) \
            and (org_named := _organisations(sentence, weights, question, written)):
        spans = org_named
    elif kind in ("person", "other") and asks_list(question):  # several things: the items of an enumeration
        # (not the ones the question itself names: "화웨이·엔플레임 같은 업체들이 손잡은 상대는 어떤 회사들")
        spans = [s for s in list_items(sentence) if not all(written(item) for item in s.text.split(", "))]
    elif kind == "person" or kind == "other" and asks_name(question) and asks_title(question):  # "CEO 이름이 뭐야"
        spans = _named_people(sentence, question, corpus_writes)
        if not spans and kind == "other":  # "파트너 … 기반 플랫폼 이름": a title in passing, the name of a platform asked
            spans = _beside_terms(kind_phrases(sentence, named_kinds(question), written), sentence, weights, question)
        if not spans and kind == "other" and not asks_person_name(question):
            spans = explained_names(sentence, weights or {}, written)  # "리창 총리가 … 신흥국 묶음을 뭐라고 불렀어"
    elif kind in _SPAN_KINDS:
        spans = [s for s in find_spans(qtype, sentence)
                 if not _given_by(question, s) and not sizes_other(sentence, s, question, qtype)]
        if noun is not None and kind == "count":  # the noun beside the count, or heading the count's item
            spans = [s for s in spans if counts_noun(sentence, s, noun)
                     or noun in sentence[s.end:segment_bounds(sentence, s)[1]]] or spans
        # a table row of several dates: the date of the name asked, unless the question asks for a range
        if kind.startswith("date") and "|" in sentence and not _ASKS_RANGE.search(question):
            spans = table_row_dates(sentence, weights or {}, question) or spans
    elif kind == "other" and asks_name(question):
        spans = (script_names(sentence, question, written)
                 or (reference_titles(sentence, written) if asks_references(question) else [])
                 or _beside_terms([s for s in quoted_names(sentence) if not written(s.text)], sentence, weights, question)
                 or described_names(sentence, written)
                 or _beside_terms(model_codes(sentence, written), sentence, weights, question)
                 or explained_names(sentence, weights or {}, written)
                 or _beside_terms(latin_aliased_names(sentence, name_kinds(question), written), sentence, weights, question)
                 # "그 제도 이름이 뭐였지" → "소작제도": a compound of the kind named, one word ("주요 서비스" names nothing)
                 or _beside_terms([sp for sp in kind_phrases(sentence, name_kinds(question), written, glued=True)
                                   if " " not in sp.text], sentence, weights, question))
    elif kind == "other" and asks_organisation(question):
        spans = _organisations(sentence, weights, question, written)
    elif kind == "other" and asks_place(question):  # "본사는 어느 도시에 있어?", "where did …?"
        spans = _beside_terms(place_names(sentence, question, written), sentence, weights, question)
        if spans and is_roster(sentence):
            spans = [sp for sp in spans if _item_writes_term(sentence, sp, weights)]
    elif kind == "other" and asks_which_person(question):  # "which former Google CEO …" ("어느 회사 파트너" asks the company)
        spans = _named_people(sentence, question, corpus_writes)
    elif kind == "other" and (kinds := asked_kinds(question)):  # "중국의 어떤 기술 …" → "첨단 반도체 기술"
        spans = _beside_terms(kind_phrases(sentence, kinds, written), sentence, weights, question)
    else:
        return None
    if not spans:
        return None
    span = spans[0]
    if weights and len(spans) > 1:
        span = max(spans, key=lambda sp: _nearness(sentence, sp, weights))  # max keeps the first tie
    return _complete(span, sentence)


def _organisations(sentence: str, weights: dict[str, float] | None, question: str,
                   written: Callable[[str], bool]) -> list[Span]:
    """The organisations' names in ``sentence`` of the kind the question asks, beside its terms; a name of the
    very kind asked ("어느 부처" → 국가발전개혁위원회) needs no question term beside it."""
    spans = [s for s in organisation_names(sentence, written, question) if of_asked_kind(s.text, question)]
    return spans if names_org_kind(question) else _beside_terms(spans, sentence, weights, question)


def _named_people(sentence: str, question: str, corpus_writes: Callable[[str], bool] | None = None) -> list[Span]:
    """Names beside a title in ``sentence``, of the organisation the question gives the title to
    (:func:`~ragqa.answer.answer_type.title_holder`, with ``corpus_writes``), that the question does not write
    itself."""
    holder = title_holder(question, corpus_writes)
    return [s for s in find_spans(person_type(question), sentence, holder) if not _given_by(question, s)]


def _item_writes_term(sentence: str, span: Span, weights: dict[str, float] | None) -> bool:
    """Whether the roster item ``span`` stands in (:func:`~ragqa.answer.answer_type.segment`) writes one of
    the question's key terms (of two or more characters; for an English question, the Korean terms its words were
    bridged to). A place in a list of who took part is its own item's ("홍콩과학기술대학교(광저우·廣州) 천레이 원장"):
    it does not say where another participant of the list, or a firm the list does not name, is based ("Where is
    the Asia Group headquartered?" is not answered by 광저우)."""
    item = segment(sentence, span).lower()
    return any(len(term) >= 2 and term.lower() in item for term in (weights or {}))


def _beside_terms(spans: list[Span], sentence: str, weights: dict[str, float] | None, question: str) -> list[Span]:
    """The spans with one of a Korean question's terms within ``LEAD_WINDOW`` characters: a name far from what
    the question asks about is another's ("플라잉 택시를 선보인 회사" is not the DeepSeek written 40 characters
    before the taxis). An English question's terms cannot be read in Korean text, so its spans all stay."""
    if not weights or not re.search("[가-힣]", question):
        return spans
    return [sp for sp in spans if _nearness(sentence, sp, weights) > 0]


_ASKS_RANGE = re.compile(r"부터|까지|기간|\bfrom\b.+\b(?:to|until)\b|\bbetween\b|\bperiod\b", re.I)


def _written_in(question: str, text: str) -> bool:
    """Whether the question itself writes ``text`` (spaces ignored): then it is not the answer."""
    return re.sub(r"\s+", "", text) in re.sub(r"\s+", "", question)


@lru_cache(maxsize=256)
def _without_options(question: str) -> str:
    """``question`` without the options it offers to choose from (:func:`~ragqa.answer.answer_type.choice_options`):
    "300PFlops였어 3,000PFlops였어?" offers both values, gives neither."""
    for option in choice_options(question):
        question = question.replace(option, " ")
    return question


# a currency as an English question names it ("What US-dollar equivalent does … give for the RMB 60 billion fund?")
_CURRENCY_EN = {"달러": r"\b(?:dollars?|usd|us\$)", "위안": r"\b(?:yuan|rmb|cny|renminbi)\b", "원": r"\b(?:won|krw)\b",
                "유로": r"\b(?:euros?|eur)\b", "엔": r"\b(?:yen|jpy)\b"}


_QUANTITY_KINDS = frozenset({"count", "amount", "money", "percent"})


def _value_group(kind: str) -> str | None:
    """The group of value a claim's kind (:func:`claim_value_types`: "count:people", "date_year") or a span's type
    belongs to: ``date``, ``quantity`` or ``place``; None for any other (a name)."""
    if kind.startswith("date"):
        return "date"
    base = kind.split(":")[0]
    return "quantity" if base in _QUANTITY_KINDS else "place" if base == "place" else None


@lru_cache(maxsize=256)
def _claim_checked(question: str) -> tuple[str, frozenset[str]] | None:
    """The claim ``question`` states to be checked (:func:`stated_claim`) and the groups of value it states (``date``,
    ``quantity``, ``place``: :func:`claim_value_types`), or None."""
    claim = stated_claim(question)
    if not claim:
        return None
    groups = frozenset(g for kind in claim_value_types(claim) if (g := _value_group(kind)) is not None)
    return (claim, groups) if groups else None


def _without_claim(question: str, span: Span) -> str:
    """``question`` less the claim it states to be checked when the claim states a value of ``span``'s group ("… 6,000명
    이상이라는데 맞나요? 아니면 몇 명이에요?", "Is it correct that … 2,700 industry partners …?"): the claim's value is
    the asker's to be checked, not given, so the text's same value confirms it. A name the claim states stays given
    ("…에릭 슈미트가 기조연설을 했다고 나왔는데 맞나요? 연설 주제는 뭐였어요?" does not ask the speaker). Grammar, not fitted."""
    checked = _claim_checked(question)
    group = _value_group(span.type)
    if checked is None or group not in checked[1]:
        return question
    return question.replace(checked[0], " ")


def _given_by(question: str, span: Span) -> bool:
    """Whether the question already gives the value ``span`` holds (an option it offers to choose from is not
    given: :func:`_without_options`): writes it as it stands (a name without its
    bracketed alias: "리창(李强)" is given by "리창 총리가 …"); for a date,
    writes every number of it ("발전계획(2018~2020)" gives 2018 and 2020년); for another quantity, writes a
    quantity of its kind with its number, whatever the counter ("파트너 2,700곳 중 …" gives "2,700개"; a model
    number ("클라우드매트릭스 384에는") or a formula ("1+1+2+10+N") gives no count)."""
    if span.type in ("reason", "comparison"):
        return False  # a connective ("목적을 두었다", "때문", "보다"), not a value: "… 목적이 뭐였어?" does not give it
    question = _without_claim(_without_options(question), span)
    if _written_in(question, span.text.split("(")[0] if span.type == "person" else span.text):
        return True
    # "600억 위안(약 8.2억 달러)": given when its first form is, unless the question asks it in the other unit
    # ("600억 위안짜리 펀드는 달러로 치면 얼마야?")
    restated = RESTATEMENT.fullmatch(span.text)
    if restated and span.type in ("money", "amount"):
        unit = re.sub(r"[\d,.\s]|약|여|만|억|조|천|백", "", restated.group(2))
        asked_in = bool(unit) and (unit in question or bool(re.search(_CURRENCY_EN.get(unit, "(?!)"), question, re.I)))
        return not asked_in and _given_by(
            question, Span(span.type, restated.group(1).strip(), span.start, span.start + len(restated.group(1))))
    if span.type.startswith("date"):  # a day written without a number ("첫날") is given only as written
        digits = set(re.findall(r"\d+", span.text))
        return bool(digits) and digits <= set(re.findall(r"\d+", question))
    numbers = _numbers(span.text)
    quantities = [s.text for s in find_spans(span.type, question) if _UNIT_END.search(s.text)]
    given = {n for text in quantities for n in _numbers(text)}
    if not _HANGUL.search(question):  # an English question writes a quantity before its noun ("the 12 winners")
        given |= {n for n in _numbers(_EN_QUANTITY.sub(" ", question)) if not _CALENDAR.fullmatch(n)}
    if not numbers:
        return False
    if numbers <= given:
        return True
    # or the same value in another form: "7만㎡" is given by "70,000-plus square metres"
    values = number_values(span.text)
    return bool(values) and values <= {float(n) for n in given} | {v for text in quantities for v in number_values(text)}


# A sum written as the size of a thing ("600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드") is that thing's: it
# answers a Korean question about money that writes the thing's head noun (펀드), not one about another sum
# ("빅테크 기업들이 투자하는 금액", "한미가 함께 투자하기로 한 금액"). Grammar, not fitted.
_SIZE_OF = re.compile(r"\s*(?:\([^()]*\))?\s*(?:규모의|규모인|짜리)\s+")
_HEAD_PARTICLE = re.compile(r"(?<=[가-힣A-Za-z])(?:을|를|과|와|으로|에서|에게)$")  # never a noun's last syllable here


def sizes_other(sentence: str, span: Span, question: str, qtype: str = "money") -> bool:
    """Whether ``span`` is the size of a thing (see above) whose head noun a Korean money question ("금액은 얼마야"),
    or one asking an amount of no named kind ("인재 유출 규모도 나와 있어?"), does not write. Only for sums of money:
    a measure's unit says what it measures ("계산력을 페타플롭스로 치면 얼마야" is answered by "300PFlops 규모의 연산
    성능", though it does not write 성능)."""
    if not re.search("[가-힣]", question) or base_type(qtype) not in ("money", "amount"):
        return False
    if base_type(qtype) == "amount" and not is_sum(span.text):
        return False  # an amount is judged only when it is a sum ("인재 유출 규모" over "600억 위안 규모의 펀드")
    m = _SIZE_OF.match(sentence, span.end)
    if m is None:
        return False
    for word in sentence[m.end():].split()[:4]:  # the thing's words up to the one its particle ends
        if _HEAD_PARTICLE.search(word):
            head = _HEAD_PARTICLE.sub("", word)
            return len(head) >= 2 and not writes_noun(question, head)
    return False  # no particle ends the thing within four words: not judged


def writes_noun(question: str, noun: str) -> bool:
    """Whether a Korean ``question`` writes ``noun``, a noun of its kind (:func:`same_kind`), or an English word
    the glossary renders as one of them ("national AI investment fund는" writes 펀드). Grammar, not fitted."""
    kinds = same_kind(noun)
    return any(h in question for h in kinds) or any(
        k in kinds for word in _LATIN_WORD.findall(question) for k in korean_renderings(word))


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


_UNIT_END = re.compile(r"[^\d\s,.+]$")  # a quantity written with its counter or unit, not "1+1+2" or "10+"


_HANGUL = re.compile(r"[가-힣]")
_CALENDAR = re.compile(r"(?:19|20)\d{2}")
# a number in an English question that is not a quantity given: a model number or a name's ("CloudMatrix 384",
# "GB200", "WAIC 2025"), a quantity of time ("2 days"), or a list label
_EN_QUANTITY = re.compile(r"[A-Z][A-Za-z]*[\s-]?\d[\d,.]*|\d[\d,.]*[A-Za-z]+"
                          r"|\d[\d,.]*\s*(?i:%|percent|days?|years?|months?|weeks?|hours?)\b|[A-Za-z]*\d[\d,.]*\+[\d+N]*")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2}\s*년\s*)$")
# a date followed by the other end of its range: "7월 26일부터 27일까지", "2018~2020년"
_RANGE_END = re.compile(rf"\s*{RANGE_MARK}\s*((?:(?:19|20)\d{{2}}\s*년\s*)?(?:\d{{1,2}}\s*월\s*)?\d{{1,4}}\s*[일년월]?)(\s*까지)?")


def _complete(span: Span, sentence: str) -> str:
    """The lead's text: a day with the year written just before it ("2025년 7월 26일", not "7월 26일"); a date
    with the other end of the range it starts ("7월 26일부터 27일까지", "2018~2020년"), which a lead cut at the
    first date would misstate; a quantity with the bound it is written with ("90건이 넘는", "30% 이상")."""
    text = span.text
    if span.type == "page":
        return f"{text}쪽"
    if span.type == "label" and text.isdigit():  # a numbered line's number: "4번"
        return f"{text}번"
    if span.type == "date_day":
        year = _YEAR_BEFORE.search(sentence[:span.start])
        text = (year.group(1) + span.text) if year else span.text
    if span.type in ("date", "date_day", "date_year"):
        rest = _RANGE_END.match(sentence, span.end)
        if rest:
            text += sentence[span.end:rest.end()].rstrip()
    elif span.type in _QUANTITY_SPANS:
        bound = BOUND.match(sentence, span.end)  # a lead without it would misstate the quantity
        if bound:
            text += sentence[span.end:bound.end()]
    return text


def extract_answer(
    question_tokens: list[str],
    lang: str,
    passages: list[tuple[Passage, int]],
    query_vector: np.ndarray,
    index: LoadedIndex,
    settings: AnswerSettings,
    question: str = "",
    ranking: Ranking | None = None,
    model: AbstentionModel | None = None,
    fused_max: float = DEFAULT_FUSED_MAX,
    unfitted_share: Callable[[Hit], float] | None = None,
    decide_on: tuple[list[tuple[Passage, int]], Ranking] | None = None,
    polar: tuple[str, str] | None = None,
    opening: str | None = None,
) -> Extraction:
    """Quote the best sentences, or abstain. ``model`` (fitted for the running embedder) decides when given;
    otherwise the rule of the settings (``abstain_dense`` / ``abstain_coverage``) does. ``decide_on``: the passages
    and ranking the decision reads when they differ from those quoted (the fused ranking before a reranker,
    :attr:`ragqa.question.PreparedQuestion.decision`). ``polar``: a Korean yes-or-no question cut at the particle of
    its subject (:func:`polar_missing`). ``opening``: the proper noun a Korean question opens with as its subject
    (:meth:`~ragqa.text.korean.KoreanTextProcessor.opening_name`, read by :func:`owner_missing`)."""
    weights = term_weights(question_tokens, index)
    # An English question's own words are rarely written in the Korean text (only the Latin names in parentheses
    # are, so those alone decided the lexical part of a sentence's score); the Korean terms the bridge carried its
    # words to are, and count as its key terms: for scoring sentences, the nearness of a lead, and the lexical
    # abstention features.
    if lang == "en" and ranking is not None and ranking.bridged_tokens:
        weights = {**term_weights(ranking.bridged_tokens, index), **weights}
    # An English question's sentences are scored across languages, so their own similarity is a weaker guide than
    # the passage ranking (which the term bridge and the reranker inform): its quotes lean on the passage's rank
    # more (``rank_penalty_en``, chosen on the tuning split by benchmarks/tune_sentences.py). The decision to
    # abstain reads the sentences scored as the abstention model was fitted (RANK_PENALTY).
    penalty = settings.rank_penalty_en if lang == "en" else RANK_PENALTY
    scored = scored_sentences(passages, query_vector, weights, index, settings.context_weight)
    qtype = question_type(question)
    cands = references_first(rank_candidates(scored, penalty), question, qtype, index)
    d_passages, d_ranking, d_cands = passages, ranking, cands
    if decide_on is not None:
        d_passages, d_ranking = decide_on
        d_cands = references_first(score_candidates(d_passages, query_vector, weights, index, settings.context_weight),
                                   question, qtype, index)
    elif penalty != RANK_PENALTY:  # the same sentences, at the decision's penalty
        d_cands = references_first(rank_candidates(scored, RANK_PENALTY), question, qtype, index)
    features = abstention_features(d_cands, weights, d_passages, index, question=question, lang=lang,
                                   ranking=d_ranking, qtype=qtype, fused_max=fused_max, margin=settings.type_margin,
                                   unfitted_share=unfitted_share, polar=polar, opening=opening)
    address = asked_address(question) if settings.type_gate else None
    if address is not None:
        return _address_answer(address, lang, cands, passages, features)
    odd = _odd_option(excluded_options(question), cands) if settings.type_gate else None
    if odd is not None:  # "다음 중 … 아닌 것은? ① … ② …": the one option the text does not write
        lead, quotes = odd
        quotes = quotes[:max(settings.max_sentences, 1)]
        return _rendered(lead, list(dict.fromkeys(c.passage_id for c in quotes)), quotes, passages, features)
    abstain = (model.abstain(features) if model is not None else should_abstain(features, lang, settings))
    abstain = abstain or settings.type_gate and type_missing(features, qtype, lang, asks_venue(question),
                                                             asks_organisation(question))
    if not cands or abstain:
        return Extraction(abstain_message(lang), True, [], [], features)
    written = _corpus_writes(index)
    noun = question_noun(question, qtype, weights, ranking.bridged_words if ranking is not None else None, written)
    cands = _typed_first(cands, qtype, settings.type_margin, title_holder(question, written), question, weights, noun,
                         question_origin(question, qtype), written)
    every = cands  # headings too: a numbered item ("1. 탄핵의 심판") reads as a heading by its layout
    # "사진 출처가 어디로 표기돼 있어": the credit line first (a heading by its layout, which _body_first drops), a
    # photo's for a question about the photo, the text's for one about the text; its credit the lead
    credits = [c for c in cands if credit_of(c.text) and credits_picture(c.text) == credits_picture(question)
               ] if asks_credit(question) else []
    cands = _datelines_last(_body_first(cands, question, qtype, index), question, qtype)
    if credits:
        cands = [*credits, *(c for c in cands if c not in credits)]
    best = cands[0]
    if best.chunk_pos in index.contents and not contents_answer(qtype, question):
        return Extraction(abstain_message(lang), True, [], [], features)
    chosen = [best]
    for c in cands[1:]:
        if len(chosen) >= settings.max_sentences:
            break
        if c.score >= best.score - settings.sentence_margin:
            chosen.append(c)
    listing = asks_list(question)
    if listing and not any(has_enumeration(c.text) for c in chosen):
        chosen = _with_follower(chosen, cands, settings.max_sentences, has_enumeration)
    chosen = _with_follower(chosen, cands, settings.max_sentences, _CONTINUES.match)
    items = announced_items(best, every, index) if listing else []
    items = items if len(items) >= 2 else []  # one item is no list
    if items:  # "다음 사항을 관장한다." and its items: the items are the answer, quoted after it
        chosen = [best, *items, *[c for c in chosen[1:] if c not in items]][:len(items) + 1]
    lead, lead_from = (items_lead(items), best) if items else (None, best)
    # a list is led by the items of the best quote, or of the sentence after it that it introduces
    sources = [best, *[c for c in chosen[1:2] if listing and _follows(c, best)]]
    titled = asks_which_document(question) and base_type(qtype) not in _VALUE_TYPES
    if titled:  # which of the documents: its title, as written (not put in English)
        lead = document_lead(chosen if listing else [best], passages)
    if lead is None and credits:
        lead = credit_of(best.text)
    # "가치 세 가지 중에 맨 앞에 둔 건 뭐야": that item of the quote's longest enumeration. Only a question asking for a
    # thing: an item of a roster or a list of fields is no person, organisation or place
    position = asked_position(question) if lead is None and qtype == "other" and not listing else None
    if position is not None and not (_WHO_WHERE.search(question) or asks_organisation(question)
                                     or asks_place(question)):
        lead, lead_from = _item_at(position, chosen)
    for c in sources if lead is None else ():
        lead = concise_lead(qtype, c.text, weights, question, noun, written)
        if lead is not None:
            lead_from = c
            break
    if lead is None and asks_named(question, qtype):  # the name given in the sentence before the best one
        before = _named_before(best, cands, qtype, weights, question, index)
        if before is not None:
            lead_from, lead = before
            chosen = [lead_from, *[c for c in chosen if c != lead_from]][:max(settings.max_sentences, 2)]
    if settings.type_gate:
        options = choice_options(question)
        if options and (lead is None or not _is_option(lead, options)):
            written = [o for o in options if any(names_option(c.text, o) for c in chosen)]
            if len(written) == 1 and not _compares(question, qtype):  # the one option the quotes write
                lead = written[0]
                lead_from = next(c for c in chosen if names_option(c.text, lead))
        missing = _lead_missing(question, qtype, lead, chosen, options)
        if missing is not None:
            return Extraction(abstain_message(lang), True, [], [], {**features, missing: 1.0})
    if lead is not None:  # a date an official text spaces out ("2010.    11.    15") reads with single spaces
        lead = " ".join(lead.split())
    if lead is not None and lang == "en" and not titled:  # an English lead before the Korean quote
        lead = ((english_label(lead) if base_type(qtype) == "label" else None)
                or english_span(lead) or english_name(lead) or lead)
    # an announced list's lead cites every passage its items come from
    ids = list(dict.fromkeys(i.passage_id for i in items)) if items else [lead_from.passage_id]
    return _rendered(lead, ids, chosen, passages, features)


def _odd_option(options: tuple[str, ...], cands: list[Candidate]) -> tuple[str, list[Candidate]] | None:
    """The answer to a question asking which of its ``options`` is not said
    (:func:`~ragqa.answer.answer_type.excluded_options`): the one option the sentences do not write, with the
    sentences that write the others. Read first as a list the text gives: the sentence that writes the most options
    writes all but one, and no sentence writes them all. Else as facts of their own: every option but one is
    written in some sentence, and that one in none. None when neither reading finds exactly one (an option no word
    of which can be judged is never the answer: :func:`~ragqa.answer.answer_type.option_written`), so that the
    question is answered as any other. Grammar, not fitted: it answers by what the text writes, as a reader would."""
    if not options or not cands:
        return None
    marks = [[option_written(o, c.text, korean_renderings) for o in options] for c in cands]
    n = len(options)
    if not any(all(w is True for w in row) for row in marks):
        i = max(range(len(cands)), key=lambda k: sum(w is True for w in marks[k]))
        if sum(w is True for w in marks[i]) == n - 1:
            odd = next(j for j, w in enumerate(marks[i]) if w is not True)
            if marks[i][odd] is False:
                return options[odd], [cands[i]]
    written = [next((c for c, row in zip(cands, marks, strict=True) if row[j] is True), None) for j in range(n)]
    unwritten = [j for j in range(n) if all(row[j] is False for row in marks)]
    if len(unwritten) == 1 and sum(c is not None for c in written) == n - 1:
        quotes: list[Candidate] = []
        for c in written:
            if c is not None and all(c is not q for q in quotes):
                quotes.append(c)
        return options[unwritten[0]], quotes
    return None


def _address_answer(kind: str, lang: str, cands: list[Candidate], passages: list[tuple[Passage, int]],
                    features: dict[str, float]) -> Extraction:
    """A question asking for an email or web address (:func:`~ragqa.answer.answer_type.asked_address`), answered
    by the first address of that kind the sentences write, best first, and the sentence it is written in
    ("작성자: 정리 연구원(miouly@naver.com)"); abstains (``address_missing``) when none does, whatever else they say
    about the author or the site. Grammar, not fitted."""
    pattern = ADDRESS[kind]
    for c in cands:
        m = pattern.search(c.text)
        if m:
            return _rendered(m.group(0).rstrip(".,;:"), [c.passage_id], [c], passages, features)
    return Extraction(abstain_message(lang), True, [], [], {**features, "address_missing": 1.0})


def _rendered(lead: str | None, lead_ids: list[int], chosen: list[Candidate], passages: list[tuple[Passage, int]],
              features: dict[str, float]) -> Extraction:
    """The answer: the lead (if any) with the markers of ``lead_ids``, then each quote with its marker; a
    citation per passage quoted, with its first quote."""
    parts: list[str] = []
    citations: list[Citation] = []
    cited: set[int] = set()
    if lead is not None:
        parts.append(f"{lead} " + "".join(f"[{i}]" for i in lead_ids))
    by_id = {p.id: p for p, _ in passages}
    for c in chosen:
        parts.append(render_sentence(c.text, f"[{c.passage_id}]"))
        if c.passage_id not in cited:
            cited.add(c.passage_id)
            p = by_id[c.passage_id]
            citations.append(
                Citation(id=p.id, chunk_id=p.chunk_id, doc_id=p.doc_id, title=p.title, text=p.text, quote=c.text)
            )
    citations.sort(key=lambda c: c.id)
    return Extraction("\n".join(parts), False, citations, chosen, features, lead)


# the types whose answer is a value inside a text, even when a question names the documents ("다섯 자료 중에 날짜가
#명시된 건 …, 날짜가 뭐야"): its value leads, not a document's title
_VALUE_TYPES = (*_SPAN_KINDS, "person")


_WHO_WHERE = re.compile(r"어디|누구|누가|\b(?:who|whom|where)\b", re.I)


def _item_at(position: str, chosen: list[Candidate]) -> tuple[str | None, Candidate]:
    """The first or last item (``position``) of the longest enumeration of the first quote that writes one
    (:func:`~ragqa.answer.answer_type.list_items`), and that quote; (None, the best quote) when none does."""
    for c in chosen:
        runs = [span.text.split(", ") for span in list_items(c.text)]
        if runs:
            run = max(runs, key=len)
            return (run[0] if position == "first" else run[-1]), c
    return None, chosen[0]


def document_lead(chosen: list[Candidate], passages: list[tuple[Passage, int]]) -> str | None:
    """The answer to a question asking which of the documents says something
    (:func:`~ragqa.answer.answer_type.asks_which_document`): the titles of the documents the quotes come from, in
    their order, each once, each with its id (the file a user may know it by); a document with no title by its id
    alone. Hand-written: the title is the answer, not a span of the text."""
    by_id = {p.id: p for p, _ in passages}
    docs = (by_id[c.passage_id] for c in chosen if c.passage_id in by_id)
    titles = dict.fromkeys(f"{p.title} ({p.doc_id})" if p.title else p.doc_id for p in docs)
    return ", ".join(titles) or None


def _lead_missing(question: str, qtype: str, lead: str | None, chosen: list[Candidate],
                  options: tuple[str, ...]) -> str | None:
    """The gates that read the answer's lead and quotes (part of ``answer.type_gate``; grammar, not fitted): the
    name of the one that fails, or None. ``specific_missing``: a question asking which specific things, places or
    people whose lead names none ("일부 성능 지표에서 앞선다" for "구체적으로 어떤 지표에서 앞섰어?"). ``choice_missing``:
    a choice answered by neither option (:func:`_choice_unanswered`). ``superlative_missing``: the most or the
    first of something ("가장 인상적이라고 꼽은 로봇", "제일 먼저 해야 할 1순위") asked of quotes that rank nothing.
    ``kind_missing``: a product's name asked ("주력 칩 제품명", "대형 언어모델 이름") whose only name found is an
    organisation's ("상하이 상공회의소 AI 위원회", "… 연합") or a person's ("주력 제품 이름" answered by the CEO's
    name beside the company's). ``place_missing``: where, with no place beside what
    the question asks about (this corpus names 상하이 and 중국 in most sentences, so a place somewhere in the top
    sentences, ``type_hit``, says little)."""
    if (lead is None or _VAGUE_LEAD.match(lead)) and asks_specific(question):
        return "specific_missing"
    if options and _choice_unanswered(question, qtype, options, lead, chosen):
        return "choice_missing"
    if qtype != "other":
        return None
    if _SUPERLATIVE_ASKED.search(_SORT_ORDER.sub(" ", question)) and not any(_SUPERLATIVE.search(c.text) for c in chosen):
        return "superlative_missing"
    if lead is not None and _PRODUCT_NAME_ASKED.search(question) and (
            _ORG_ENDING.search(lead.split("(")[0].strip())
            or any(p.text == lead for c in chosen for p in person_names(c.text))):
        return "kind_missing"
    if lead is None and asks_place(question):
        return "place_missing"
    return None


# A product's name asked, and the endings of an organisation's name.
_PRODUCT_NAME_ASKED = re.compile(r"(?:모델|제품|칩|플랫폼|서비스|앱|안경|로봇|장비|기기|솔루션|버전)\s*(?:의\s*)?(?:이름|명칭)"
                                 r"|(?:제품|모델|서비스|칩)명")
_ORG_ENDING = re.compile(r"(?:연합|위원회|기구|협회|회의소|기관|그룹|재단|연구소|연구원|대학교?|회사|기업|은행|부|청)$")


# A question asking for the most or the first of something, and the words a sentence ranks one thing with.
_SUPERLATIVE_ASKED = re.compile(r"(?:가장|제일)\s*(?:많|높|좋|크|커|컸|큰|빠르|빨라|빨랐|빠른|낫|나은|적|낮|작|느리|우수|앞서|먼저|일찍|늦|오래"
                                r"|인상|주목|화제|중요|핵심|활발|두드러|눈에)")
_SUPERLATIVE = re.compile(r"가장|제일|최대|최고|최다|최초|1위|압도적|선두|으뜸|첫\s*번째|처음|단연|대표적|돋보|손꼽")
# the order a listing is asked in ("가장 오래된 것부터 나열해 줘", "제일 큰 순으로"): no superlative asked
_SORT_ORDER = re.compile(r"(?:가장|제일)\s*[가-힣]+\s*(?:것|거|순|쪽)\s*(?:부터|으로|대로)")


# A choice that compares or orders ("A랑 B 중에 어느 쪽이 더 …", "누가 먼저 …") is answered only by a quote that
# writes an option and compares or orders: a roster that names both does not say which. Grammar, not fitted.
_ORDER_ASKED = re.compile(r"먼저|나중|일찍|늦게|(?<![가-힣])더(?=\s*[가-힣])")  # "누가 더 오래 일했어": a comparative
_COMPARES = re.compile(r"보다|능가|앞서|앞선|우수|뒤처|뒤지|압도|먼저|나중|뒤이어")


def _is_option(lead: str, options: tuple[str, ...]) -> bool:
    return any(names_option(lead, o) or names_option(o, lead) for o in options)


def _compares(question: str, qtype: str) -> bool:
    return base_type(qtype) == "comparison" or bool(_ORDER_ASKED.search(question))


def _choice_unanswered(question: str, qtype: str, options: tuple[str, ...], lead: str | None,
                       chosen: list[Candidate]) -> bool:
    """The choice gate (:func:`~ragqa.answer.answer_type.choice_options`: "A랑 B 중에 누가 …"): the answer is one of
    the options. Unanswered when the quotes write neither; when the lead is neither option (a lead that is neither
    is first replaced by the one option the quotes write, unless the question compares or orders: naming one side
    answers no comparison); and when the question compares or orders and no quote that writes an option compares
    or orders (a roster that names both does not say which). Grammar, not fitted."""
    if not any(names_option(c.text, o) for c in chosen for o in options):
        return True
    if lead is not None and not _is_option(lead, options):
        return True
    if _compares(question, qtype):
        return not any(_COMPARES.search(c.text) for c in chosen if any(names_option(c.text, o) for o in options))
    return False


def abstention_features(
    cands: list[Candidate], weights: dict[str, float], passages: list[tuple[Passage, int]], index: LoadedIndex,
    question: str = "", lang: str = "ko", ranking: Ranking | None = None, qtype: str | None = None,
    fused_max: float = DEFAULT_FUSED_MAX, margin: float = 0.08, unfitted_share: Callable[[Hit], float] | None = None,
    polar: tuple[str, str] | None = None, opening: str | None = None,
) -> dict[str, float]:
    """The features of :mod:`ragqa.answer.abstention` (documented there). ``unfitted_share`` gives the part of a
    hit's fused score that comes from rankers added after the abstention model was fitted (the related-term
    search): ``top_fused`` leaves it out, so the feature means what it meant when the model was fitted. ``polar``:
    a Korean yes-or-no question cut at the particle of its subject (:func:`polar_missing`), else None."""
    qtype = question_type(question) if qtype is None else qtype
    named = asks_named(question, qtype)
    typed = qtype != "other" or named
    out = {"best_dense": 0.0, "dense_gap": 0.0, "coverage": 0.0, "best_lexical": 0.0,
           "lang_en": 1.0 if lang == "en" else 0.0, "typed": 1.0 if typed else 0.0, "type_hit": 0.0,
           "agreement": 0.0, "top_fused": 0.0, "number_missing": 0.0, "next_missing": 0.0,
           "rest_missing": 0.0, "deed_missing": 0.0, "roster_missing": 0.0, "attribute_missing": 0.0,
           "stance_missing": 0.0,
           "terms_missing": 0.0, "owner_missing": 0.0, "polar_missing": 0.0, "claim_missing": 0.0,
           "contrast_missing": 0.0, "expansion_missing": 0.0}
    if ranking is not None and ranking.hits:
        top = ranking.hits[0]
        out["agreement"] = sum(1 for name in _AGREEING if top.ranks.get(name, 99) <= 3) / 3.0
        score = top.score - (unfitted_share(top) if unfitted_share is not None else 0.0)
        out["top_fused"] = min(1.0, score / fused_max) if fused_max > 0 else 0.0
    # a number the question names (a year, a model number) that the corpus never writes
    # not a premise's ("50건쯤 된다고 들었는데, 몇 건이야"), nor a claim's the question checks ("6천억 위안이라던데, 맞아?")
    numbers = set() if checks_claim(question) or claims_number(question) else set(NUMBER.findall(asked_clause(question)))
    offered = {n for option in choice_options(question) for n in NUMBER.findall(option)}
    if offered and offered & index.numbers:  # "300PFlops였어 3,000PFlops였어?": one option written answers it
        numbers -= offered
    if numbers:
        # written as the question writes it, or with the same value in another form ("70,000" for "7만")
        out["number_missing"] = 1.0 if any(n not in index.numbers and not number_values(n) <= index.number_values
                                           for n in numbers) else 0.0
    if not cands:
        return out
    written = _corpus_writes(index)  # read by the holder, the noun and two gate inputs below
    holder = title_holder(question, written) if base_type(qtype) == "person" else None
    noun = question_noun(question, qtype, weights, ranking.bridged_words if ranking is not None else None, written)
    origin = question_origin(question, qtype)
    window = competing_margin(qtype, margin)
    modifier = question_modifier(question, qtype, weights) if noun is not None else None
    heading_asked = asks_heading(question)  # "소제목이 뭐였어": a heading is the name asked
    published = asks_publication(question)  # "언제 올라왔어": a dateline's date answers it
    top_texts = [c.text for c in cands[:5]]  # the sentences the gate inputs read
    excluded = contrast_excluded(question)  # "…얼마예요? 올해 펀드 말고요.": a quote of the fund answers nothing
    dense = sorted((c.dense for c in cands), reverse=True)
    top_tokens: set[str] = set()
    for _, pos in passages[:3]:
        for row in index.sentence_rows(pos):
            top_tokens.update(index.sentence_tokens[row])
    coverage = lexical_overlap(weights, top_tokens)
    out.update({
        "best_dense": dense[0],
        "dense_gap": dense[0] - float(np.median(dense)),
        "coverage": coverage,
        # none of the question's key terms written in the top passages ("서울 아파트 평균 매매가는 얼마야" over
        # text about AI): whatever the sentences' kind, they are about something else; the gate's input
        "terms_missing": 1.0 if weights and coverage == 0.0 else 0.0,
        "best_lexical": max(c.lexical for c in cands),
        # answer-type match among the sentences that compete for the answer (within the margin of the best, or
        # among the top five for a measure of a named kind: competing_margin); a
        # question asking for a name: the concise lead finds one there. A value the question itself gives is not
        # its answer ("고위급 인사 1,200여 명 가운데 외국 인사는 몇 명" is not answered by "1,200여 명"), as for the lead.
        "type_hit": 1.0 if typed and any(
            (concise_lead(qtype, c.text, weights, question, corpus_writes=written) is not None
             or _named_before(c, cands, qtype, weights, question, index) is not None) if named
            else holds_answer(qtype, c.text, question, holder, noun, origin) and not (
                # a dateline's date is when its document was posted: no answer to when anything else happened
                is_dateline(c.text) and not published)
            for c in cands[:5] if c.score >= cands[0].score - window and not writes_excluded(excluded, c.text))
        # a count of the very things the question qualifies, among the top five whatever their scores
        # (a modifier is read only for a count question that names its noun: typed, never named)
        or modifier is not None and any(
            qualified_count(c.text, question, qtype, noun, modifier, holder, origin) for c in cands[:5])
        # "그 소제목이 뭐였어": a heading asked for is the name, among the headings the answer puts first
        or named and heading_asked and any(c.heading for c in cands[:_HEADING_REACH]) else 0.0,
        # a question about the next edition (or next year) that no top sentence speaks of: the gate's input,
        # not a feature of the model (read in what it asks: "내년 부스 규모를 잡으려는데요. 올해 전시 공간은 …?" asks of
        # this year)
        "next_missing": 1.0 if mentions_next_edition(asked_clause(question)) and not any(
            mentions_next_edition(text) for text in top_texts)
        or mentions_previous_edition(question) and not any(speaks_of_past_edition(text) for text in top_texts) else 0.0,
        # a question asking for the rest of a set it partly writes, whose top sentences list only what it writes:
        # likewise the gate's input
        "rest_missing": 1.0 if rest_missing(question, top_texts) else 0.0,
        # a question about what someone said or does whose best sentence is a roster of who took part
        "deed_missing": 1.0 if asks_deed(question) and is_roster(cands[0].text) else 0.0,
        # a question about a name its passages write only in rosters, asking what a roster does not give
        "roster_missing": 1.0 if roster_missing(question, weights, index) else 0.0,
        # a question about an age, a time of day, how often or which is the most that no top sentence gives
        "attribute_missing": 1.0 if attribute_missing(question, top_texts) else 0.0,
        # a claim the question states with a value (a count, a sum, a year, a place) none of whose kind a top
        # sentence holds: the text can neither confirm nor correct it
        "claim_missing": 1.0 if claim_missing(question, top_texts) else 0.0,
        # a question that ends by naming what it asks instead of what its top sentences give ("특허 말고 논문 말이야")
        "contrast_missing": 1.0 if contrast_missing(question, top_texts) else 0.0,
        # a question asking what an abbreviation stands for, no top sentence writing it with its expansion, or what a
        # quoted term means, no top sentence writing it glossing it
        "expansion_missing": 1.0 if expansion_missing(question, top_texts) else 0.0,
        # a question about what someone thinks or said of something, no top sentence naming both
        "stance_missing": 1.0 if stance_missing(question, weights, top_texts,
                                                ranking.bridged_words if ranking is not None else None,
                                                written) else 0.0,
        # an English question about how much a name it writes owns or did, no top amount written beside that name
        "owner_missing": 1.0 if owner_missing(question, qtype, ((c.text, _sentence_before(c, index)) for c in cands[:5]),
                                              ranking.bridged_words if ranking is not None else None,
                                              opening, lambda name: _writes_everywhere(index, name)) else 0.0,
        # a Korean yes-or-no question none of whose top sentences writes both its subject and what it asks of it
        # (an English one by its subject alone, looked for in every sentence of the top passages: its top
        # sentences by an English question's words may all be about something else)
        "polar_missing": 1.0 if polar_missing(polar, weights, top_texts if lang != "en" else [c.text for c in cands],
                                              written,
                                              ranking.bridged_words if ranking is not None and lang == "en" else None)
        else 0.0,
    })
    return out


def contents_answer(qtype: str, question: str) -> bool:
    """Whether an entry of a table of contents can answer the question: one asking for a page ("몇 쪽") or a
    figure's number ("그림 몇 번이야"), or what a figure, table or chapter is ("[그림 3]은 뭘 보여주는 그림이야"),
    which its title says. Not one asking for what a figure shows in detail, a name, a number or a list ("which
    models are on Figure 3", "[그림 1]은 어느 기관 데이터야"): the entry gives only the title, and the figure itself
    is not in the text. Grammar, not fitted."""
    return base_type(qtype) in ("page", "label") or bool(_ABOUT_PART.search(question))


# what a figure, table or chapter is about or called: its entry's title answers that
_ABOUT_PART = re.compile(r"(?:뭘|뭐를|무엇을)\s*(?:보여|나타내|다루)|(?:무엇|뭐)에\s*(?:관한|대한)|(?:무슨|어떤)\s*(?:그림|표|장|내용)"
                         r"|제목|\bwhat\s+(?:does|do|did)\b.*\b(?:show|depict|cover)\b|\bwhat\s+is\b.*\babout\b"
                         r"|\btitle\b|\bcaption\b", re.I)


def asks_named(question: str, qtype: str) -> bool:
    """True when a question of no typed answer (``other``) asks for a name: a thing's ("뭐라고 불려"), an
    organisation's ("어느 기관", "which company"), a place's ("어느 도시", "어디서", "where did …") or a person's by a
    role ("which former Google CEO"), not a list; or when any question asks how a name is written in a script
    (:func:`~ragqa.answer.answer_type.asks_writing`: "리창 총리 이름 한자로 어떻게 써요?", whose answer 李强 is no
    person's name the question does not give).
    Its answer type is matched when :func:`concise_lead` finds such a name in a sentence (for a Korean question,
    beside the question's terms), so the abstention model treats it as typed: "WAIC에서 플라잉 택시를 선보인 회사는
    어디야?" over sentences that name no company beside the flying taxis has no answer of its type."""
    return qtype == "other" and not asks_list(question) and not asks_which_document(question) and (
        asks_name(question) or asks_organisation(question) or asks_place(question) or asks_which_person(question)
        or asks_writing(question)) or base_type(qtype) == "person" and asks_writing(question)


_GATE_INPUTS = ("next_missing", "rest_missing", "deed_missing", "roster_missing", "attribute_missing", "stance_missing",
                "terms_missing", "owner_missing", "polar_missing", "claim_missing", "contrast_missing",
                "expansion_missing")


def _sentence_before(cand: Candidate, index: LoadedIndex) -> str:
    """The sentence before ``cand``'s in its passage ("" for the first)."""
    chunk = index.chunks[cand.chunk_pos]
    if cand.sentence_no <= 0 or cand.sentence_no > len(chunk.sentences):
        return ""
    s, e = chunk.sentences[cand.sentence_no - 1]
    return chunk.text[s:e]


def owner_missing(question: str, qtype: str, sentences: Iterable[tuple[str, str]], bridged: dict[str, str] | None,
                  opening: str | None = None, common: Callable[[str], bool] | None = None) -> bool:
    """An English question asking how much (money, or an amount), how many, what share or when of something a name
    it writes owns or did (:func:`~ragqa.answer.answer_type.english_names`: "How much has Tencent invested in digital
    humans?", "In what year did Baidu launch Miaoda?"), whose top sentences that hold such a value never write that
    name, neither they nor the sentence before them, in Latin letters, as the Korean term the term bridge reached
    (``bridged``: "tencent" → 텐센트) or as the acronym of the name it is part of ("World Artificial Intelligence
    Conference" → waic: :func:`~ragqa.answer.answer_type.english_acronyms`). ``sentences``:
    each top sentence with the one before it in its passage, read only for such a question. The amount is then
    another's: "600억 위안" is the state fund's, not Tencent's. A Korean question is read only for a date, by the
    proper noun it opens with as its subject (``opening``: "텐센트가 내놓은 … 전략, 언제부터 시행한대?"), which a
    top sentence holding a date must itself write; its other names are left to the key-term features (they
    write a name as the text does), unless ``common`` says every document writes it (:func:`_writes_everywhere`:
    the corpus's subject names no owner; asked only for a date question, as it reads the documents). Grammar, not
    fitted; the type gate's input."""
    if base_type(qtype) not in _OWNED_TYPES:
        return False
    # "텐센트가 내놓은 … 전략, 언제부터 시행한대?": the date must be written in the very sentence naming 텐센트
    korean = (opening is not None and base_type(qtype) in _KO_OWNED_TYPES
              and not (common is not None and common(opening)))
    if korean:
        forms = {opening.lower()}
    else:
        names = english_names(question, is_general_word)
        if not names:
            return False
        forms = _name_forms(names, bridged or {}) | english_acronyms(question, names)
    held = [(text if korean else prev + " " + text).lower()
            for text, prev in sentences if holds_answer(qtype, text, question)]
    # no value of the kind at all: the type's own features say so
    return bool(held) and not any(f in text for text in held for f in forms)


def _name_forms(names: Iterable[str], bridged: dict[str, str]) -> set[str]:
    """The ways Korean text may write English names: each in Latin letters (lower case) or as the Korean term the
    term bridge carried it to (``bridged``: "tencent" → 텐센트)."""
    lower = {n.lower() for n in names}
    return lower | {bridged[n] for n in lower if n in bridged}


# the kinds of value a name owns or did: an amount, a sum, a count, a share, a date ("When did George Chen become a
# partner?" is not answered by the web page's date, nor "In what year did Baidu launch Miaoda?" by the year WAIC met)
_OWNED_TYPES = ("money", "amount", "count", "percent", "date", "date_year", "date_day")
# A Korean question's opening name binds only a date: an amount or a count is often written without its owner,
# who is the subject of the sentences around it ("중국은 … 몇 년 동안 강화" over "향후 10년 동안 외국 인재 유치 강화")
_KO_OWNED_TYPES = ("date", "date_year", "date_day")


def stance_missing(question: str, weights: dict[str, float], sentences: list[str],
                   bridged: dict[str, str] | None = None, vocabulary: Callable[[str], bool] = lambda t: True) -> bool:
    """True when the question asks what someone thinks or said of something
    (:func:`~ragqa.answer.answer_type.stance_parts`) and none of ``sentences`` names both: the speaker's most
    telling key term among those the corpus writes (``vocabulary``) and a key term of the topic (an English word
    counts by itself, as a name in parentheses, or by the Korean term the bridge carried it to). Unknown, so False,
    when either part has no such term. A country that speaks (:func:`~ragqa.answer.answer_type.speaker_country`:
    "일본 정부", "Russia") must be named, in Korean or English, by some top sentence, whether or not the corpus
    writes it anywhere. A question asking only what someone said or how they reacted, with no topic
    (:func:`~ragqa.answer.answer_type.speech_speaker`), needs a top sentence that reports that speaker's words
    (:func:`_unspoken`)."""
    parts = stance_parts(question)
    if parts is None:
        speaker = speech_speaker(question)
        return speaker is not None and _unspoken(speaker, weights, sentences, bridged, vocabulary)
    country = speaker_country(parts[0])
    if country and not any(any(writes_form(form, text) for form in country) for text in sentences):
        return True  # no top sentence names the country that speaks (answer_type.speaker_country)
    return _parts_unwritten(*parts, weights, sentences, bridged, vocabulary)


def roster_missing(question: str, weights: dict[str, float], index: LoadedIndex) -> bool:
    """True when a Korean question writes a name that the corpus writes only in rosters of who took part
    (:func:`_only_in_rosters`: "…, 일루바타 코어엑스", "‘아진가(Ajinga, 菁客)’") and asks what a roster does not
    give of it (:func:`~ragqa.answer.answer_type.roster_gives`, read from the name on: its headquarters, what it
    makes, when it was founded). The roster names it, so its terms are covered and its sentence ranks high; it says
    nothing more. An English question's words reach the Korean text through the term bridge, so where the text
    writes them cannot be read this way."""
    if not _HANGUL.search(question):
        return False
    starts = [question.find(term) for term in weights
              if len(term) >= 2 and _HANGUL.search(term) and term in question and _only_in_rosters(term, index)]
    return bool(starts) and not roster_gives(question, min(starts))


# A term written in more sentences than this is no name that only a roster writes.
_ROSTER_ONLY_ROWS = 4


def _only_in_rosters(term: str, index: LoadedIndex) -> bool:
    """Whether every sentence that holds ``term`` (at most ``_ROSTER_ONLY_ROWS`` of them) is a roster of who took
    part (:func:`~ragqa.answer.answer_type.is_roster`) holding no number, and one of them writes it first in an item
    (not "공동 최고경영자" for 최고). Stops reading a common term's sentences once there are too many."""
    texts: set[str] = set()
    for row in index.token_rows.get(term, ()):
        texts.add(index.sentence_text(row))
        if len(texts) > _ROSTER_ONLY_ROWS:
            return False
    return (bool(texts) and not any(re.search(r"\d", t) for t in texts)
            and any(re.search(rf"(?:^|[,、·‘'\"“]\s*){re.escape(term)}", t) for t in texts)
            and all(is_roster(t) for t in texts))


def polar_missing(split: tuple[str, str] | None, weights: dict[str, float], sentences: list[str],
                  vocabulary: Callable[[str], bool] = lambda t: True, bridged: dict[str, str] | None = None) -> bool:
    """True when a Korean yes-or-no question (:func:`~ragqa.answer.answer_type.asks_yes_no`), cut at the particle
    that marks what it asks about (``split``: :meth:`~ragqa.text.korean.KoreanTextProcessor.topic_split`), has no
    top sentence that writes both that subject (its last four words: "금융 추론 대형 모델") and a term of what it
    asks of it ("오픈소스로 공개됐어"), as :func:`stance_missing` reads a speaker and a topic. "인플레임도 미국 제재를 받은
    회사야?" is not answered by "화웨이, 바이런, 무어스레드 등 미국 제재를 받은 칩 제조사" nor by a sentence about
    인플레임 that names no sanction: the text does not say. The predicate's terms the corpus never writes decide
    nothing (they may be the asker's own words). An English one ("Is Zand Bank planning to open an office in
    mainland China?", :func:`~ragqa.answer.answer_type.english_yes_no_split`; ``bridged`` is then the term
    bridge's pairs) is read by its subject alone: no top sentence writes any of the names it asks about that the
    corpus writes somewhere (``vocabulary``), in Latin letters or as the Korean term the bridge carried it to
    (:func:`_name_forms`). Its predicate's English words seldom reach the Korean text ("make AI chips" for "칩부터
    인프라까지"), so they decide nothing. Grammar, not fitted; the type gate's input."""
    if split is None:
        return False
    subject, predicate = split
    if bridged is not None:
        # only names the corpus writes somewhere, in Latin letters or as a bridged term: a name it writes only in
        # Hangul ("에릭 슈미트" for Eric Schmidt) cannot be looked for, so it decides nothing
        forms = _name_forms((n for n in subject.lower().split() if vocabulary(n) or n in bridged), bridged)
        return bool(forms) and not any(f in text.lower() for text in sentences for f in forms)
    subject = " ".join(subject.split()[-4:])
    return _parts_unwritten(subject, predicate, weights, sentences, None, vocabulary, known_topic=True)


def _parts_unwritten(speaker_phrase: str, topic_phrase: str, weights: dict[str, float], sentences: list[str],
                     bridged: dict[str, str] | None, vocabulary: Callable[[str], bool],
                     known_topic: bool = False) -> bool:
    """Whether no sentence names both the speaker's most telling key term (among those the corpus writes) and a
    key term of the topic (among those the corpus writes, when ``known_topic``); False when either has none."""
    speaker, topic = _phrase_terms(speaker_phrase, weights, bridged), _phrase_terms(topic_phrase, weights, bridged)
    topic -= speaker
    if known_topic:
        topic = {t for t in topic if vocabulary(t)}
    if not topic:
        return False
    telling = _telling(speaker, weights, vocabulary)
    return bool(telling) and not any(any(t in text for t in telling) and any(t in text for t in topic)
                                     for text in (s.lower() for s in sentences))


def _phrase_terms(phrase: str, weights: dict[str, float], bridged: dict[str, str] | None) -> set[str]:
    """The question's key terms a phrase of it writes, with an English word's bridged Korean term and a
    capitalised English word itself (lower case)."""
    bridged = {k.lower(): v for k, v in (bridged or {}).items()}
    found = {t for t in weights if len(t) >= 2 and t.lower() in phrase.lower()}
    for word in re.findall(r"[A-Za-z][A-Za-z'-]+", phrase):
        w = word.lower().removesuffix("'s")
        if w in bridged:
            found.add(bridged[w])
        if word[0].isupper() and len(w) >= 3:
            found.add(w)
    return {t for t in found if t not in _GENERIC}


def _telling(terms: set[str], weights: dict[str, float], vocabulary: Callable[[str], bool]) -> set[str]:
    """A speaker by its most telling term ("일본 정부" by 일본: "미국 정부가 …" is another government) among those
    the corpus writes: a word it never writes is a paraphrase ("국제관계 전문 잡지" for 외교 전문지) as often as
    another speaker, so it decides nothing (empty)."""
    known = {t for t in terms if vocabulary(t)}
    if not known:
        return set()
    top = max(weights.get(t, 0.0) for t in known)
    return {t.lower() for t in known if weights.get(t, 0.0) >= top}


def _unspoken(speaker_phrase: str, weights: dict[str, float], sentences: list[str],
              bridged: dict[str, str] | None, vocabulary: Callable[[str], bool]) -> bool:
    """Whether no sentence reports the speaker's words: writes the speaker's most telling term outside a
    quotation, and a quotation or a verb of saying (:func:`~ragqa.answer.answer_type.speaks_in`). "벤지오 … 무슨
    얘기 했어?" is not answered by a sentence saying he came, nor "화웨이는 뭐라고 반응했어?" by an analyst's quote
    about Huawei. False when the speaker has no term the corpus writes."""
    telling = _telling(_phrase_terms(speaker_phrase, weights, bridged), weights, vocabulary)
    return bool(telling) and not any(speaks_in(t, text) for t in telling for text in sentences)


def type_missing(features: dict[str, float], qtype: str, lang: str, venue: str | None = None,
                 organisation: bool = False) -> bool:
    """The type gate (``answer.type_gate``): a question asking for a kind of thing (a count, an amount, a date, a
    person, a reason, a comparison — :func:`~ragqa.answer.answer_type.question_type`) whose top sentences hold
    none of that kind (``type_hit`` 0) is not answered, whatever the abstention model says. The model weighs a
    missing type as one feature among several, so a near miss about an entity the text describes at length
    ("인간형 로봇은 모두 몇 대였어?", "위원회의 위원장은 누구?") still scored just above its threshold (.25–.36
    against .24). Not for a question asking for a name (``other``: names of things are read less surely). Of an
    English question only a count: a number is a number in either language, and the word it counts reaches the
    Korean text through the term bridge (:func:`question_noun`: "How many humanoid robots were exhibited?" is not
    answered by "10대 핵심 분야"), a percentage (written with % in either language: "what share of the world's top
    AI researchers …" over sentences with no percentage), a sum (a number with its currency, "600억 위안", answers
    "how many billion yuan" in either language; "How much government money was set aside for …" over sentences
    with none: docs/quality-log.md, stop 72), and a comparison, which a Korean sentence makes with the
    same words whatever the question's language ("보다", "능가", "앞서": "Do Quark glasses have a longer battery life than Meta's?"), and a
    measure of a named kind (``amount:length`` …: "how many nanometers"), a number with its unit in either language, and
    a document's number (``label:document``: "the number of the UN resolution …", written "제N호" or "No. N"); its
    other kinds (a person beside its title, a date given as an end) cannot be read beside a Korean answer. Of a
    name question (``other``), only one naming the kind of place it wants finer than a city (``venue``, :func:`~ragqa.answer.answer_type.asks_venue`: "어느 전시장", "어느 구"), whose top
    sentences name only a city, and one asking which organisation (``organisation``,
    :func:`~ragqa.answer.answer_type.asks_organisation`: "어느 기관이 운용해", "which South Korean ministry"), in
    either language, whose top sentences name none (no organisation lead among them; a list of organisations,
    "어디어디야", is not gated). Whatever the type, a question about the next edition or next year that no top
    sentence speaks of (``next_missing``, :func:`~ragqa.answer.answer_type.mentions_next_edition`), one for the
    rest of a set whose top sentences list only the members it writes (``rest_missing``,
    :func:`~ragqa.answer.answer_type.rest_missing`), and one about what someone said or does whose best sentence
    is a roster of who took part (``deed_missing``, :func:`~ragqa.answer.answer_type.asks_deed`), one about a name
    the corpus writes only in such rosters that asks what a roster does not give (``roster_missing``,
    :func:`roster_missing`), one about an age,
    a time of day or how often that no top sentence gives (``attribute_missing``,
    :func:`~ragqa.answer.answer_type.attribute_missing`), one about what someone thinks or said of something
    whose top sentences never name both, or what someone said whose top sentences never report their words
    (``stance_missing``, :func:`stance_missing`), one none of whose key terms
    the top passages write (``terms_missing``), and an English how-much question about a name its top amounts
    never stand beside (``owner_missing``, :func:`owner_missing`), and a Korean yes-or-no question none of whose top
    sentences writes both its subject and what it asks of it (``polar_missing``, :func:`polar_missing`), and a claim
    the asker states with a value none of whose kind a top sentence holds (``claim_missing``,
    :func:`~ragqa.answer.answer_type.claim_missing`), and a question asking what an abbreviation stands for none of
    whose top sentences writes it with its expansion, or what a quoted term means none of whose top sentences
    writing it glosses it (``expansion_missing``, :func:`~ragqa.answer.answer_type.expansion_missing`). Grammar,
    not fitted; chosen on the tuning split (docs/quality-log.md, stops 33 to 42, 72)."""
    if any(features.get(name, 0.0) for name in _GATE_INPUTS):
        return True
    if qtype == "other":
        organisation = organisation and features.get("typed", 0.0) == 1.0  # not a list of organisations
        return (bool(venue) or organisation) and features.get("type_hit", 1.0) == 0.0
    if (lang != "ko" and base_type(qtype) not in ("count", "comparison", "percent", "money")
            and not qtype.startswith("amount:")
            and qtype != "label:document"):
        return False
    return features.get("type_hit", 1.0) == 0.0


def should_abstain(features: dict[str, float], lang: str, settings: AnswerSettings) -> bool:
    if features["best_dense"] < settings.abstain_dense:
        return True
    return lang == "ko" and features["coverage"] < settings.abstain_coverage


NOT_FOUND_PART = {
    "ko": "‘{part}’에 대해서는 제공된 문서에서 답을 찾을 수 없습니다.",
    "en": "The documents do not answer this part: “{part}”.",
}


def combine_parts(lang: str, extractions: list[tuple[str, Extraction]]) -> Extraction:
    """One answer covering each part of a multi-part question, in order; a part the passages do not
    answer is named as such. Abstains only when no part is answered. A sentence an earlier part already
    quoted is not quoted again (the parts share one list of passages, so its line is the same); each part
    keeps its first line, its lead or best quote."""
    if all(ex.abstained for _, ex in extractions):
        return Extraction(abstain_message(lang), True, [], [], extractions[0][1].features)
    lines: list[str] = []
    citations: dict[int, Citation] = {}
    quotes: list[Candidate] = []
    quoted: set[tuple[int, int]] = set()
    for part, ex in extractions:
        if ex.abstained:
            lines.append(NOT_FOUND_PART.get(lang, NOT_FOUND_PART["en"]).format(part=part.rstrip("?？ ")))
            continue
        own = ex.answer.split("\n")
        lines.extend(line for i, line in enumerate(own) if i == 0 or line not in lines)
        quotes.extend(c for c in ex.quotes if (c.chunk_pos, c.sentence_no) not in quoted)
        quoted.update((c.chunk_pos, c.sentence_no) for c in ex.quotes)
        for c in ex.citations:
            citations.setdefault(c.id, c)
    answered = [ex for _, ex in extractions if not ex.abstained]
    return Extraction("\n".join(lines), False, sorted(citations.values(), key=lambda c: c.id), quotes,
                      answered[0].features)


class ExtractiveAnswerer:
    """Implements :class:`ragqa.interfaces.Answerer` by quoting sentences (:func:`extract_answer`).
    Streams one sentence per delta (with the markers that follow it)."""

    name = "extractive"

    def __init__(self, settings: AnswerSettings, text: KoreanTextProcessor, model: AbstentionModel | None = None,
                 fused_max: float = DEFAULT_FUSED_MAX, unfitted_share: Callable[[Hit], float] | None = None) -> None:
        self._settings = settings
        self._text = text
        self.model = model
        self._fused_max = fused_max  # the largest fused score a passage can get (rank 1 in every ranker)
        self._unfitted_share = unfitted_share  # the part of a fused score the abstention model was not fitted on

    def _extract_one(self, question: PreparedQuestion, text: str, ranking: Ranking) -> Extraction:
        # a search-box query is answered as the question it stands for ("아시아그룹 본사 위치" → "…는 어디야?")
        # and a fill-in-the-blank item as the question its blank asks ("___명이다" → "몇 명이다")
        text = blank_question(keyword_question(text, question.language == "ko" and self._text.noun_phrase(text)))
        decide_on = None
        if question.decision is not None:  # only a question asked alone is reranked: never one of parts
            d_ranking, d_passages, d_positions = question.decision
            decide_on = (list(zip(d_passages, d_positions, strict=True)), d_ranking)
        return extract_answer(ranking.query_tokens, question.language,
                              list(zip(question.passages, question.positions, strict=True)), ranking.query_vector,
                              question.index, self._settings, question=text, ranking=ranking,
                              model=self.model, fused_max=self._fused_max, unfitted_share=self._unfitted_share,
                              decide_on=decide_on,
                              polar=(self._text.topic_split(asked_clause(text)) if asks_yes_no(text)
                                     else english_yes_no_split(text, is_general_word)),
                              opening=self._text.opening_name(text) if question.language == "ko" else None)

    def extract(self, question: PreparedQuestion) -> Extraction:
        if not question.parts:
            return self._extract_one(question, question.question, question.ranking)
        return combine_parts(question.language,
                             [(p.text, self._extract_one(question, p.text, p.ranking)) for p in question.parts])

    def lead_of(self, question: PreparedQuestion) -> str | None:
        """The short answer its answer would start with ("센스타임", "12명"), or None when it abstains or has
        none (the engine asks a part that refers back to an earlier one about this)."""
        found = self.extract(question)
        return None if found.abstained else found.lead

    def should_abstain(self, question: PreparedQuestion) -> bool:
        """The answer/abstain decision alone (the LLM answerer asks it before calling the LLM)."""
        return not question.passages or self.extract(question).abstained

    def answer(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None, degraded: bool = False) -> Answer:
        t1 = time.perf_counter()
        ex = self.extract(question)
        return Answer(
            answer=ex.answer, abstained=ex.abstained, citations=ex.citations, passages=list(question.passages),
            mode="extractive", model=None, degraded=degraded,
            timings_ms=question.timings(t1),
            language=question.language, retrieval_query=question.retrieval_query,
        )

    def stream(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None, degraded: bool = False) -> Iterator[StreamEvent]:
        answer = self.answer(question, degraded=degraded)
        for piece in self.sentence_pieces(answer.answer):
            yield StreamEvent(type="delta", text=piece)
        yield StreamEvent(type="final", answer=answer)

    def sentence_pieces(self, text: str) -> list[str]:
        """Consecutive pieces of ``text``, one per sentence (with the markers and spacing that follow it),
        whose concatenation is exactly ``text``."""
        cuts = [e for _, e in self._text.split_sentences(text)][:-1]
        pieces, prev = [], 0
        for cut in cuts:
            m = re.match(r"(?:\s*\[\d+\])*[ \t]*\n?", text[cut:])
            end = cut + (m.end() if m else 0)
            if end > prev:
                pieces.append(text[prev:end])
                prev = end
        if prev < len(text):
            pieces.append(text[prev:])
        return pieces
