"""The abstention model and each of its features."""

import json
import re
from types import SimpleNamespace

import numpy as np
import pytest

from ragqa import load_settings
from ragqa.answer.abstention import FEATURES, AbstentionModel, fit_logistic
from ragqa.answer.extractive import Candidate, abstention_features
from ragqa.retrieval.ranking import Hit, Ranking
from ragqa.wiring import make_abstention_model
from tests.conftest import HashEmbedder


class _EveryTerm:
    """A keyword index that holds every term once."""

    def doc_freq(self, term):
        return 1


class _Index:
    """The things abstention_features reads from an index."""

    def __init__(self, tokens):
        self.sentence_tokens = tokens
        self.chunks = [SimpleNamespace(text="화웨이는 2025년 WAIC에서 CloudMatrix 384를 공개했다")]
        self.numbers = frozenset({"2025", "384"})  # what LoadedIndex.numbers gives for these chunks
        self.number_values = frozenset({2025.0, 384.0})  # and LoadedIndex.number_values
        self.token_rows = {t: (row,) for row, ts in enumerate(tokens) for t in ts}
        self.keyword = _EveryTerm()

    def sentence_rows(self, pos):
        return range(pos, pos + 1)

    def sentence_text(self, row):
        return self.chunks[0].text


def _cand(text, dense, lexical, score):
    return Candidate(passage_id=1, chunk_pos=0, sentence_no=0, text=text, dense=dense, lexical=lexical, score=score)


def _features(question, cands, lang="ko", ranks=None, weights=None, index=None):
    ranking = Ranking(query=question, query_vector=np.zeros(2, np.float32), query_tokens=[],
                      hits=[Hit(pos=0, score=3 / 61, ranks=ranks or {"dense": 1, "sentence": 1, "keyword": 1})])
    passage = SimpleNamespace(text="화웨이는 2025년 WAIC에서 CloudMatrix 384를 공개했다")
    weights = {"화웨이": 2.0, "가격": 1.0} if weights is None else weights
    return abstention_features(cands, weights, [(passage, 0)], index or _Index([["화웨이"]]),
                               question=question, lang=lang, ranking=ranking, fused_max=3 / 61, margin=0.08)


def test_dense_gap_coverage_and_language_features():
    f = _features("화웨이 장비 가격은 얼마야?", [_cand("a", 0.9, 0.5, 1.0), _cand("b", 0.8, 0.1, 0.8),
                                              _cand("c", 0.7, 0.0, 0.7)])
    assert f["best_dense"] == pytest.approx(0.9) and f["dense_gap"] == pytest.approx(0.1)
    assert f["coverage"] == pytest.approx(2 / 3) and f["best_lexical"] == pytest.approx(0.5)
    assert f["lang_en"] == 0.0 and _features("How much is it?", [_cand("a", 0.9, 0, 1)], lang="en")["lang_en"] == 1.0


def test_answer_type_features_need_the_type_near_the_best_sentence():
    price = "화웨이 장비 가격은 얼마야?"
    no_price = _features(price, [_cand("화웨이는 장비를 공개했다", 0.9, 0.6, 1.0)])
    assert no_price["typed"] == 1.0 and no_price["type_hit"] == 0.0
    priced = _features(price, [_cand("화웨이는 장비를 공개했다", 0.9, 0.6, 1.0), _cand("가격은 800만 위안이다", 0.88, 0.3, 0.95)])
    assert priced["type_hit"] == 1.0
    far = _features(price, [_cand("화웨이는 장비를 공개했다", 0.9, 0.6, 1.0), _cand("가격은 800만 위안이다", 0.5, 0.0, 0.5)])
    assert far["type_hit"] == 0.0  # outside the margin of the best sentence
    assert _features("화웨이는 뭘 공개했어?", [_cand("x", 0.9, 0.6, 1.0)])["typed"] == 0.0


def test_a_count_question_is_hit_only_by_a_count_of_what_it_counts():
    question = "WAIC 현장을 찾은 일반 관람객은 총 몇 명이었어?"
    weights = {"waic": 1.0, "현장": 1.5, "찾": 1.0, "일반": 1.5, "관람객": 3.0}
    laureates = _features(question, [_cand("WAIC에는 튜링상 수상자 12명이 참석했다", 0.9, 0.6, 1.0)], weights=weights)
    assert laureates["typed"] == 1.0 and laureates["type_hit"] == 0.0
    visitors = _features(question, [_cand("WAIC 현장을 찾은 관람객은 30만 명이었다", 0.9, 0.6, 1.0)], weights=weights)
    assert visitors["type_hit"] == 1.0
    # a noun that is not one of the question's key terms is not read as counted: a count of people beside the
    # question's words hits, a count of a noun the question never writes does not (_counts_other)
    anyone = _features(question, [_cand("WAIC 현장에는 12명이 참석했다", 0.9, 0.6, 1.0)],
                       weights={"waic": 1.0, "현장": 1.5})
    assert anyone["type_hit"] == 1.0
    other = _features(question, [_cand("WAIC에는 튜링상 수상자 12명이 참석했다", 0.9, 0.6, 1.0)],
                      weights={"waic": 1.0, "현장": 1.5})
    assert other["type_hit"] == 0.0


def test_a_value_the_question_gives_is_no_hit():
    question = "고위급 인사 1,200여 명 가운데 외국 인사는 몇 명이었어?"
    weights = {"고위급": 2.0, "인사": 2.0, "외국": 2.0}
    total = _features(question, [_cand("30여 개국에서 1,200여 명의 고위급 인사가 참석함", 0.9, 0.6, 1.0)], weights=weights)
    assert total["typed"] == 1.0 and total["type_hit"] == 0.0
    foreign = _features(question, [_cand("외국 인사 300명을 포함한 1,200여 명의 고위급 인사가 참석함", 0.9, 0.6, 1.0)],
                        weights=weights)
    assert foreign["type_hit"] == 1.0


def test_a_question_asking_for_a_name_is_typed_and_hit_by_a_name_beside_its_terms():
    question = "화웨이 장비를 만든 회사는 어디야?"  # which organisation: typed though its type is "other"
    named = _features(question, [_cand("화웨이 장비는 분석업체 세미애널리시스(SemiAnalysis)가 평가했다", 0.9, 0.6, 1.0)])
    assert named["typed"] == 1.0 and named["type_hit"] == 1.0
    nameless = _features(question, [_cand("화웨이는 장비를 공개했다", 0.9, 0.6, 1.0)])
    assert nameless["typed"] == 1.0 and nameless["type_hit"] == 0.0
    # a name far from the question's terms is someone else's answer (the concise lead's own rule)
    far = _features(question, [_cand("화웨이는 오늘 여러 나라에서 온 방문객들에게 장비를 공개했으며 분석업체 세미애널리시스(SemiAnalysis)는 "
                                      "다른 보고서를 냈다", 0.9, 0.6, 1.0)])
    assert far["type_hit"] == 0.0
    # a list question and "what kind of company" are not name questions
    assert _features("화웨이 장비를 만든 회사들을 모두 알려줘", [_cand("x", 0.9, 0.6, 1.0)])["typed"] == 0.0
    assert _features("화웨이는 어떤 종류의 회사야?", [_cand("x", 0.9, 0.6, 1.0)])["typed"] == 0.0


def test_ranker_agreement_and_fused_score():
    f = _features("q", [_cand("x", 0.9, 0.5, 1.0)], ranks={"dense": 1, "sentence": 2, "keyword": 9})
    assert f["agreement"] == pytest.approx(2 / 3)
    assert f["top_fused"] == pytest.approx(1.0)
    # the model's features and the type gate's own inputs
    assert set(f) == set(FEATURES) | {"next_missing", "rest_missing", "deed_missing", "roster_missing",
                                      "attribute_missing", "stance_missing", "terms_missing", "owner_missing",
                                      "polar_missing", "claim_missing", "contrast_missing", "expansion_missing"}


def test_a_premises_number_is_no_number_the_question_asks_about():
    cands = [_cand("화웨이는 2025년 WAIC에서 CloudMatrix 384를 공개했다", 0.9, 0.6, 1.0)]
    assert _features("화웨이는 2026년에 뭘 공개해?", cands)["number_missing"] == 1.0
    # "512개라던데," is what the asker heard; the question asks what the text says
    assert _features("화웨이 장비에 칩이 512개라던데, 실제로는 몇 개야?", cands)["number_missing"] == 0.0
    # a claim the question checks ("…라던데, 그 숫자 맞아?") is the asker's, to be checked against the text
    assert _features("화웨이 장비에 칩이 512개라던데, 그 숫자 맞아?", cands)["number_missing"] == 0.0
    assert _features("화웨이 장비에 칩이 512개 들어가?", cands)["number_missing"] == 1.0


def test_a_number_the_text_writes_in_another_form_is_written():
    from ragqa.index.store import numbers_written
    from ragqa.text.numbers import number_values

    text = "실제 이번 WAIC에서는 800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지했다"
    index = _Index([["화웨이"]])
    index.numbers, index.number_values = frozenset(numbers_written(text)), frozenset(number_values(text))
    cands = [_cand(text, 0.9, 0.6, 1.0)]
    question = "Chinese firms took up more than 70,000 square metres at WAIC. How many Chinese companies was that?"
    assert _features(question, cands, lang="en", index=index)["number_missing"] == 0.0  # 7만 is 70,000
    assert _features("Chinese firms took up 80,000 square metres. How many companies was that?", cands, lang="en",
                     index=index)["number_missing"] == 1.0


def test_terms_missing_gates_a_question_none_of_whose_terms_the_top_passages_write():
    from ragqa.answer.extractive import type_missing

    cands = [_cand("올해 600억 위안 규모의 국가 AI 투자 펀드를 설립", 0.82, 0.0, 1.0)]
    off_topic = _features("서울 아파트 평균 매매가는 얼마야?", cands, weights={"서울": 3.0, "아파트": 3.0, "매매가": 3.0})
    assert off_topic["coverage"] == 0.0 and off_topic["terms_missing"] == 1.0
    assert type_missing(off_topic, "money", "ko") and type_missing(off_topic, "other", "en")
    on_topic = _features("화웨이 장비 가격은 얼마야?", cands)  # 화웨이 is written in the top passage
    assert on_topic["terms_missing"] == 0.0
    # a question with no key term at all is not gated by it
    assert _features("뭐야?", cands, weights={})["terms_missing"] == 0.0


def test_logistic_fit_separates_and_the_model_round_trips(tmp_path):
    rng = np.random.default_rng(0)
    rows = [{"best_dense": float(x), "typed": 0.0} for x in rng.normal(0.9, 0.02, 40)]
    rows += [{"best_dense": float(x), "typed": 1.0} for x in rng.normal(0.8, 0.02, 40)]
    labels = [1] * 40 + [0] * 40
    w, b, mean, scale = fit_logistic(rows, labels, features=("best_dense", "typed"))
    model = AbstentionModel(weights=w, bias=b, threshold=0.5, embedder={"backend": "hash"}, mean=mean, scale=scale)
    assert not model.abstain({"best_dense": 0.92, "typed": 0.0}) and model.abstain({"best_dense": 0.78, "typed": 1.0})
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()))
    again = AbstentionModel.load(path)
    assert again.probability({"best_dense": 0.85, "typed": 1.0}) == pytest.approx(model.probability({"best_dense": 0.85, "typed": 1.0}))
    bad = model.to_json() | {"weights": {"nonsense": 1.0}}
    path.write_text(json.dumps(bad))
    with pytest.raises(ValueError, match="unknown features"):
        AbstentionModel.load(path)


def test_shipped_model_is_used_only_with_its_embedder():
    shipped = AbstentionModel.load()
    assert shipped is not None and shipped.meta["fitted_on"] == "qa_tune.jsonl"
    assert make_abstention_model(load_settings(), HashEmbedder()) is None  # other embedder: the rule decides
    assert make_abstention_model(load_settings(answer={"abstention": "rule"}), HashEmbedder()) is None
    from ragqa.wiring import make_embedder

    nano = make_embedder(load_settings())
    assert make_abstention_model(load_settings(), nano) == shipped


def test_a_number_the_question_names_must_be_in_the_corpus():
    assert _features("2026년 WAIC는 언제 열려?", [_cand("x", 0.9, 0.5, 1.0)])["number_missing"] == 1.0
    assert _features("2025년 WAIC에서 공개한 장비는?", [_cand("x", 0.9, 0.5, 1.0)])["number_missing"] == 0.0
    assert _features("CloudMatrix 384 가격은?", [_cand("x", 0.9, 0.5, 1.0)])["number_missing"] == 0.0
    assert _features("화웨이 장비는?", [_cand("x", 0.9, 0.5, 1.0)])["number_missing"] == 0.0


def test_one_shipped_model_serves_every_reranker():
    """The decision reads the fused ranking whatever the reranker, so the model fitted over it is the one loaded."""
    from ragqa.wiring import make_embedder

    shipped = AbstentionModel.load()
    assert shipped is not None and shipped.meta["reranker"] == "none"
    for reranker in ("none", "sentence"):
        settings = load_settings(retrieval={"reranker": reranker})
        assert make_abstention_model(settings, make_embedder(settings)) == shipped


def test_a_list_introduced_in_one_sentence_is_quoted_from_the_next():
    from functools import partial

    from ragqa.answer.answer_type import has_enumeration
    from ragqa.answer.extractive import _with_follower

    _with_listed_items = partial(_with_follower, wanted=has_enumeration)

    def cand(no, text, score, pos=0):
        return Candidate(passage_id=1, chunk_pos=pos, sentence_no=no, text=text, dense=score, lexical=0.0, score=score)

    intro = cand(3, "두 번째 연합은 ‘상하이 상공회의소 AI 위원회’로, 통합을 목표로 한다.", 1.1)
    items = cand(4, "참가 기업으로는 센스타임, 스텝펀, 미니맥스 등이 있다.", 0.9)
    other = cand(2, "산업 전환 목표로 한 AI 위원회도 구성", 1.0)
    assert _with_listed_items([intro, other], [intro, other, items], 3) == [intro, items, other]
    assert _with_listed_items([intro, other], [intro, other, items], 2) == [intro, items]
    # the next sentence of another passage, or one that enumerates nothing, is not taken
    elsewhere = cand(4, "참가 기업으로는 센스타임, 스텝펀, 미니맥스 등이 있다.", 0.9, pos=1)
    assert _with_listed_items([intro], [intro, elsewhere], 3) == [intro]
    plain = cand(4, "이 위원회는 상하이에 있다.", 0.9)
    assert _with_listed_items([intro], [intro, plain], 3) == [intro]


def test_a_sentence_pointing_back_at_the_best_one_is_quoted_next():
    from functools import partial

    from ragqa.answer.extractive import _CONTINUES, _with_follower

    _with_continuation = partial(_with_follower, wanted=_CONTINUES.match)

    def cand(no, text, score, pos=0):
        return Candidate(passage_id=1, chunk_pos=pos, sentence_no=no, text=text, dense=score, lexical=0.0, score=score)

    best = cand(5, "뿐만 아니라 중국 정부의 전략은 반도체 설계부터 개발자 접근성에 이르기까지 공급망 전반을 포괄한다.", 1.1)
    goes_on = cand(6, "이는 미국의 수출 규제를 견딜 수 있는 자립적 내수 시장을 구축하려는 노력이기도 하다.", 0.8)
    other = cand(2, "미국은 중국의 첨단 반도체 기술 개발을 지연시키기 위해 압박을 가하고 있음", 1.0, pos=3)
    assert _with_continuation([best, other], [best, other, goes_on], 3) == [best, goes_on, other]
    assert _with_continuation([best, other], [best, other, goes_on], 2) == [best, goes_on]
    assert _with_continuation([best, goes_on], [best, goes_on], 3) == [best, goes_on]  # not twice
    bulleted = cand(6, "- 이는 기술 자립의 기반을 마련하려는 것임", 0.8)
    english = cand(6, "This is also an effort to withstand US export controls.", 0.8)
    assert _with_continuation([best], [best, bulleted], 3) == [best, bulleted]
    assert _with_continuation([best], [best, english], 3) == [best, english]
    # a next sentence that does not point back, one of another passage, or one before the best: not taken
    plain = cand(6, "중국 AI 기업들은 두 개의 새로운 산업 연합을 출범했다.", 0.8)
    elsewhere = cand(6, "이는 미국의 수출 규제를 견디려는 노력이다.", 0.8, pos=1)
    before = cand(4, "이는 앞 문장의 설명이다.", 0.8)
    summary = cand(6, "이처럼 양국의 접근법은 극명하게 엇갈린다.", 0.8)  # sums up a paragraph, not this sentence
    for c in (plain, elsewhere, before, summary):
        assert _with_continuation([best], [best, c], 3) == [best]


def test_the_type_gate_holds_back_a_typed_question_with_no_answer_of_its_type():
    from ragqa.answer.extractive import type_missing

    missing, hit = {"type_hit": 0.0, "typed": 1.0}, {"type_hit": 1.0, "typed": 1.0}
    assert type_missing(missing, "count:items", "ko") and type_missing(missing, "person", "ko")
    assert type_missing(missing, "reason", "ko") and type_missing(missing, "date_day:end", "ko")
    assert not type_missing(hit, "count:items", "ko")
    # English: a count only (its counted word reaches the Korean text through the bridge); other kinds are left
    # to the model, since a name or a date cannot be read beside a Korean answer
    assert type_missing(missing, "count:items", "en") and type_missing(missing, "count:countries", "en")
    assert not type_missing(hit, "count:items", "en")
    assert type_missing(missing, "comparison", "en")  # a Korean sentence compares with the same words
    # a measure of a named kind: a number with its unit reads the same in either language ("how many nanometers")
    assert type_missing(missing, "amount:length", "en") and not type_missing(hit, "amount:speed", "en")
    assert not type_missing(missing, "amount", "en")  # a quantity of no named kind: the model decides
    # a percentage is written with % in either language ("what share of the world's top AI researchers …")
    assert type_missing(missing, "percent", "en") and not type_missing(hit, "percent", "en")
    # a sum is written with its currency in either language ("600억 위안" for "how many billion yuan")
    assert type_missing(missing, "money", "en") and not type_missing(hit, "money", "en")
    # a document's number ("the number of the UN resolution …") is written as one in either language
    assert type_missing(missing, "label:document", "en") and not type_missing(hit, "label:document", "en")
    assert type_missing(missing, "label:document", "ko")
    assert not type_missing(missing, "person", "en") and not type_missing(missing, "date_year", "en")
    assert not type_missing(missing, "other", "en")
    assert not type_missing(missing, "other", "ko")  # a thing's name asked ("모델 이름이 뭐야"): the model decides
    # which organisation ("어느 기관이 운용해", "which ministry"), in either language, with none among the top
    # sentences; not a list of organisations ("어디어디야": untyped, so its type_hit says nothing)
    assert type_missing(missing, "other", "ko", organisation=True)
    assert type_missing(missing, "other", "en", organisation=True)
    assert not type_missing(hit, "other", "ko", organisation=True)
    assert not type_missing({"type_hit": 0.0, "typed": 0.0}, "other", "ko", organisation=True)
    # ... unless it names a kind of place finer than a city ("어느 전시장", "어느 구") and no top sentence has one
    assert type_missing(missing, "other", "ko", "venue") and type_missing(missing, "other", "en", "district")
    assert not type_missing(hit, "other", "ko", "venue")
    # a question about the next edition that no top sentence speaks of, whatever its type and language
    nothing_next = {**hit, "next_missing": 1.0}
    assert type_missing(nothing_next, "date", "ko") and type_missing(nothing_next, "other", "en")
    assert not type_missing({**hit, "next_missing": 0.0}, "date", "ko")


class _NoIndex:
    """An index with no sentences and no numbers: the gate inputs read only the candidates' text."""
    numbers: set[str] = set()
    keyword = _EveryTerm()
    token_rows: dict[str, tuple[int, ...]] = {}
    chunks: list = []

    def sentence_rows(self, pos):
        return []


def _gate_features(term: str, question: str, text: str) -> dict[str, float]:
    """The abstention features of one candidate sentence ``text`` for ``question`` with one key ``term``."""
    from ragqa.answer.extractive import Candidate, abstention_features

    return abstention_features([Candidate(1, 0, 0, text, 0.9, 0.5, 1.0)], {term: 1.0}, [], _NoIndex(),
                               question=question)


def test_next_missing_is_set_when_no_top_sentence_speaks_of_the_next_edition():
    this_year = "WAIC는 2018년 첫 개최 이후 7회째를 맞이했다"
    assert _gate_features("대회", "다음 WAIC는 언제 열려?", this_year)["next_missing"] == 1.0
    assert _gate_features("대회", "Where will the next World AI Conference be held?", this_year)["next_missing"] == 1.0
    assert _gate_features("대회", "다음 WAIC는 언제 열려?", "다음 대회는 2026년 7월 상하이에서 열린다")["next_missing"] == 0.0
    # "다음 날" is the day after, not a next edition
    assert _gate_features("대회", "개막 다음 날 원탁 토론은 어디서 열렸어?", this_year)["next_missing"] == 0.0


class _SectionIndex(_NoIndex):
    """Two chunks of one sentence each, sentence rows 0 and 1; row 1 sits in the section headed by row 0."""
    section_headings = {1: 0}
    # one sentence each, of documents of their own: no sentence stands before another
    chunks = [SimpleNamespace(doc_id=f"d{i}", text="", sentences=[(0, 0)]) for i in range(4)]

    def sentence_rows(self, pos):
        return [pos]


def _features_of(cands, question):
    """The abstention features of ``cands`` over :class:`_SectionIndex`, with one key term."""
    from ragqa.answer.extractive import abstention_features

    return abstention_features(cands, {"회의": 1.0}, [], _SectionIndex(), question=question)


def test_a_subheading_asked_is_the_heading_of_the_section_holding_the_best_body_sentence():
    from ragqa.answer.extractive import Candidate, _body_first

    headline = Candidate(1, 2, 0, "중국, 글로벌 AI 협력에 연일 '러브콜'", 0.9, 0.2, 1.2, heading=True)
    body = Candidate(1, 1, 0, "이번 고위급 회의에서 실질적인 글로벌 거버넌스 틀을 도출하는 데는 실패했다.", 0.9, 0.5, 1.1)
    section = Candidate(2, 0, 0, "외형만 과시, 내용은 부재", 0.8, 0.0, 0.9, heading=True)
    cands = [headline, body, section]
    asked = "고위급 회의가 실질적인 거버넌스 틀을 못 만들었다는 대목, 그 소제목이 뭐였어?"
    assert _body_first(cands, asked, "other", _SectionIndex())[0] == section
    # the headline asked: the headings among the top first, in their order
    assert _body_first(cands, "러브콜 기사 헤드라인이 뭐야?", "other", _SectionIndex())[:2] == [headline, section]
    # a question asking what number an item carries: the numbered heading holds it, so it stays first
    numbered = Candidate(3, 0, 0, "4. 주요 기업 기술 성과 발표 및 전시(DeepSeek, 화웨이, 알리바바 등)", 0.9, 0.6, 1.3, heading=True)
    item = "기업 기술 성과 발표랑 전시는 몇 번 항목이야?"
    assert _body_first([numbered, body], item, "label", _SectionIndex())[0] == numbered
    assert _body_first([numbered, body], "기업 기술 성과 발표랑 전시는 어디서 했어?", "other", _SectionIndex())[0] == body
    # a heading question also has its answer type among the top: a heading is the name asked
    features = _features_of(cands, asked)
    assert features["typed"] == 1.0 and features["type_hit"] == 1.0


def _chunks_index(*chunks: list[str], doc: str = "d"):
    """A stand-in for a loaded index holding ``chunks`` (each a list of sentences) of one document, in order."""
    from types import SimpleNamespace

    out = []
    for sentences in chunks:
        text, spans = "", []
        for sentence in sentences:
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence + " "
        out.append(SimpleNamespace(doc_id=doc, text=text, sentences=spans))
    return SimpleNamespace(chunks=out)


def test_a_name_asked_may_be_given_in_the_sentence_before_the_one_describing_the_thing():
    from ragqa.answer.extractive import Candidate, _named_before

    named = Candidate(1, 0, 0, "두 번째 연합은 ‘상하이 상공회의소 AI 위원회’로, AI 기술과 산업 구조의 통합을 목표로 한다.", 0.8, 0.3, 0.9)
    members = Candidate(1, 0, 1, "참가 기업으로는 미국의 제재를 받은 센스타임을 비롯해 스텝펀, 미니맥스 등이 있다.", 0.9, 0.6, 1.1)
    index = _chunks_index([named.text, members.text])
    weights = {"연합": 1.0, "센스타임": 2.0, "제재": 1.5}
    question = "미국 제재를 받은 센스타임이 참가한 산업 연합 이름은 뭐야?"
    found = _named_before(members, [members, named], "other", weights, question, index)
    assert found is not None and found[0] == named and "상하이 상공회의소 AI 위원회" in found[1]
    assert _named_before(named, [members, named], "other", weights, question, index) is None  # nothing before it
    # not from a heading, and not for an English question (its terms are not read beside a Korean name)
    heading = Candidate(1, 0, 0, named.text, 0.8, 0.3, 0.9, heading=True)
    assert _named_before(members, [members, heading], "other", weights, question, index) is None
    english = "What is the alliance SenseTime joined called?"
    assert _named_before(members, [members, named], "other", weights, english, index) is None


def test_a_sentence_referring_back_by_its_kind_is_named_a_few_sentences_before_across_passages():
    from ragqa.answer.extractive import Candidate, _named_before

    named = "첫 번째 연합인 ‘모델-칩 생태계 혁신 연합’은 LLM 개발 기업과 AI 칩 제조사들을 연결하는 기술 체계다."
    launched = "연합은 LLM 개발사 스텝펀에 의해 출범됐다."
    members = "이 연합에는 화웨이, 바이런, 무어스레드 등 미국 제재를 받은 칩 제조사들도 포함됐다."
    # two passages overlapping by a sentence: "이 연합에는 …" opens the second and closes the first
    index = _chunks_index([named, launched, members], [members, "두 번째 연합은 …"])
    cands = [Candidate(2, 1, 0, members, 0.9, 0.6, 1.1), Candidate(1, 0, 1, launched, 0.8, 0.2, 0.9),
             Candidate(1, 0, 0, named, 0.8, 0.2, 0.8)]
    weights = {"미국": 1.0, "제재": 3.0, "화웨이": 2.0, "바이런": 3.5, "연합": 2.9, "정식": 5.0, "이름": 5.0}
    question = "미국 제재 받은 화웨이, 바이런까지 한 식구로 묶은 그 연합, 정식 이름이 뭐야?"
    found = _named_before(cands[0], cands, "other", weights, question, index)
    assert found is not None and found[0] == cands[2] and "모델-칩 생태계 혁신 연합" in found[1]
    # a sentence that does not refer back by a kind reads only the sentence right before it
    plain = "화웨이, 바이런, 무어스레드 등 미국 제재를 받은 칩 제조사들도 포함됐다."
    index = _chunks_index([named, launched, plain])
    cands = [Candidate(1, 0, 2, plain, 0.9, 0.6, 1.1), *cands[1:]]
    assert _named_before(cands[0], cands, "other", weights, question, index) is None
    # nor does the walk pass a sentence before it that was not retrieved
    index = _chunks_index([named, launched, members])
    cands = [Candidate(1, 0, 2, members, 0.9, 0.6, 1.1), Candidate(1, 0, 0, named, 0.8, 0.2, 0.8)]
    assert _named_before(cands[0], cands, "other", weights, question, index) is None


def test_attribute_missing_gates_a_question_about_an_age_or_a_time_of_day_no_top_sentence_gives():
    from ragqa.answer.extractive import type_missing

    roster = "라이예테크 왕관춘 CEO, 프리테크 리솨이쥔 수석 아키텍트가 토론에 참여했다"
    for question in ("라이예테크 왕관춘 CEO는 올해 나이가 어떻게 돼?", "참석자 가운데 나이가 제일 어린 사람은 누구야?",
                     "How old is Wang Guanchun?"):
        assert _gate_features("왕관춘", question, roster)["attribute_missing"] == 1.0, question
    assert _gate_features("왕관춘", "왕관춘 CEO는 몇 살이야?", "왕관춘(58세) CEO가 참여했다")["attribute_missing"] == 0.0
    opening = "2025년 7월 26일 WAIC가 상해에서 개최되었으며"
    assert _gate_features("개막", "At what time of day did the opening ceremony begin?", opening)["attribute_missing"] == 1.0
    assert _gate_features("개막", "개막식은 몇 시에 시작했어?", "개막식은 오전 9시에 시작됐다")["attribute_missing"] == 0.0
    # "몇 시간" is a duration, not a time of day; "2025 세계인공지능대회" holds no age
    assert _gate_features("토론", "토론은 몇 시간 동안 했어?", opening)["attribute_missing"] == 0.0
    assert _gate_features("나이", "그 CEO는 나이가 몇이야?", "2025 세계인공지능대회")["attribute_missing"] == 1.0
    # the hours a place is open are times of day
    for question in ("What were the daily opening hours of the exhibition halls?", "전시장 관람 시간은 어떻게 돼?"):
        assert _gate_features("전시", question, opening)["attribute_missing"] == 1.0, question
    assert _gate_features("전시", "전시장 관람 시간은 어떻게 돼?", "전시장은 오전 9시부터 문을 연다")["attribute_missing"] == 0.0
    assert type_missing({"type_hit": 1.0, "typed": 1.0, "attribute_missing": 1.0}, "person", "en")


def test_attribute_missing_gates_a_language_no_top_sentence_names():
    speech = "리창 총리는 26일 WAIC에서 국제기구의 설립을 공식 제안했다"
    for question in ("리창 waic 연설 무슨 언어로 했음", "연설에 통역 붙었음?", "In what language did Li Qiang speak?"):
        assert _gate_features("리창", question, speech)["attribute_missing"] == 1.0, question
    casebook = "본 사례집은 국제 협력 사례를 중·영문으로 수록함"
    for question in ("사례집은 무슨 언어로 나왔어?", "Which languages is the casebook published in?"):
        assert _gate_features("사례집", question, casebook)["attribute_missing"] == 0.0, question
    assert _gate_features("리창", "리창은 무슨 말을 했어?", speech)["attribute_missing"] == 0.0  # what he said


def test_attribute_missing_gates_the_first_to_do_something_when_no_top_sentence_says_who_was_first():
    machine = "화웨이의 클라우드매트릭스 384는 특정 작업에서 엔비디아 칩을 능가한다는 평가도 나왔다"
    assert _gate_features("화웨이", "Which customer was the first to deploy Huawei's CloudMatrix?",
                          machine)["attribute_missing"] == 1.0
    event = "딥식이 AI 모델을 공개한 이후 처음으로 열리는 대형 AI 행사"
    assert _gate_features("딥식", "Which firm's release is the conference described as the first big AI event to follow?",
                          event)["attribute_missing"] == 0.0


def test_attribute_missing_gates_which_came_first_when_no_top_sentence_gives_an_order():
    """"Was it the first …?", "which came out first", "세계 최초 공개였어?", "A보다 먼저 …했어, 나중에 …했어?" ask an
    order; a sentence that only says a thing was shown gives none. A position in the text ("책임보다 먼저 나온 거") is
    no order of events."""
    shown = "화웨이는 초대형 Ascend 384 노드 실물 장비를 공개하여 독자적 AI 인프라 역량을 부각"
    for question in ("이번 WAIC가 화웨이 장비의 세계 최초 공개 자리였어?",
                     "Which came out first, Huawei's supernode or its partner programme?",
                     "Was this WAIC the first edition to show the Huawei supernode?",
                     "인플레임이 화웨이보다 먼저 합류했어, 나중에 합류했어?"):
        assert _gate_features("화웨이", question, shown)["attribute_missing"] == 1.0, question
    after = "이번 행사는 딥식이 AI 모델을 공개한 이후 처음으로 열리는 대형 AI 행사"
    assert _gate_features("딥식", "Which happened first, DeepSeek's model release or this event?",
                          after)["attribute_missing"] == 0.0
    values = "안전성·책임성·공정성 확보를 위한 글로벌 로드맵을 제시"
    assert _gate_features("로드맵", "가치 세 가지 중에 책임이나 공정보다 먼저 나온 거 뭐야?",
                          values)["attribute_missing"] == 0.0


def test_attribute_missing_gates_a_colour_no_top_sentence_names():
    glasses = "알리바바는 AI 기반 양안 디스플레이형 스마트 안경 ‘콰크(夸克)’를 첫 공개했다"
    for question in ("WAIC 공식 로고는 어떤 모양이에요? 무슨 색이에요?", "What color options do the Quark glasses come in?"):
        assert _gate_features("콰크", question, glasses)["attribute_missing"] == 1.0, question
    assert _gate_features("콰크", "콰크 안경은 무슨 색이야?", "콰크 안경은 검은색과 은색 두 가지다")["attribute_missing"] == 0.0
    assert _gate_features("콰크", "어떤 색다른 기능이 있어?", glasses)["attribute_missing"] == 0.0  # unusual, no colour


def test_attribute_missing_gates_a_visitors_logistics_no_top_sentence_gives():
    talk = "중국일보사가 주최한 '위로만화' 시리즈 행사가 7월 26일부터 27일까지 상하이에서 개최됐다"
    for question in ("WAIC 공식 앱이나 관람 사전등록 사이트 주소 좀 알려줄래?", "좌담회 신청 링크 있나?",
                     "What is the conference's registration website?", "Which metro line should I take to the venue?",
                     "전시장 가려면 지하철 몇 호선 타?", "텐센트 부스는 전시장 어느 구역에 있었어?",
                     "Where was Tencent's booth?", "시승하려면 어떻게 신청해?", "How do I register for the talk?"):
        assert _gate_features("행사", question, talk)["attribute_missing"] == 1.0, question
    for question, sentence in (("사전등록 사이트 주소 알려줘", "사전등록은 www.worldaic.com.cn 에서 받는다"),
                               ("지하철 몇 호선 타?", "전시장은 지하철 13호선 역과 이어진다"),
                               ("텐센트 부스는 어느 구역이야?", "텐센트는 H2 전시관 A 구역에 부스를 냈다"),
                               ("어떻게 신청해?", "관람은 공식 사이트에서 사전 신청을 받는다"),
                               # where a document was posted: its dateline's site answers
                               ("On which website was the article posted?", "korean.shanghai.gov.cn| 2025-07-31")):
        assert _gate_features("행사", question, sentence)["attribute_missing"] == 0.0, question
    # a dateline's site is no page to register on
    assert _gate_features("행사", "사전등록 사이트 주소 알려줘", "korean.shanghai.gov.cn| 2025-07-31")["attribute_missing"] == 1.0
    # a count of countries by nationality is no nationality asked
    assert _gate_features("고위급", "고위급 손님들 국적 기준으로 보면 대략 몇 나라에서 온 거예요?",
                          talk)["attribute_missing"] == 0.0
    assert _gate_features("고위급", "올해 WAIC 고위급 인사들 출신 국가 수가 얼마나 됐어?", talk)["attribute_missing"] == 0.0


def test_attribute_missing_gates_a_question_about_a_nationality_no_top_sentence_gives():
    quote = "센스타임 스쥔 CEO는 \"센스타임의 10년 발전사는 중국 인공지능 산업의 축소판\"이라고 말했다"
    for question in ("센스타임 스쥔 CEO는 국적이 어디야?", "스쥔은 어느 나라 사람이에요?", "What nationality is Shi Jun?",
                     "What country is Shi Jun from?"):
        assert _gate_features("스쥔", question, quote)["attribute_missing"] == 1.0, question
    for sentence in ("스쥔 CEO는 영국 국적이다", "스쥔 CEO는 중국인이며 센스타임에 있다", "스쥔 CEO는 상하이 출신이다",
                     "Shi Jun, a British-born executive, spoke", "Shi Jun, a Chinese national, spoke"):
        assert _gate_features("스쥔", "스쥔의 국적은?", sentence)["attribute_missing"] == 0.0, sentence
    # a country's name before a word that only begins with 인 is no nationality; a bank's country is no person's
    assert _gate_features("스쥔", "스쥔의 국적은?", "스쥔 CEO는 중국인공지능학회 회장이다")["attribute_missing"] == 1.0
    assert _gate_features("잔드", "잔드뱅크는 어느 나라 은행이야?", "아랍에미리트 최초의 디지털 은행")["attribute_missing"] == 0.0


def test_attribute_missing_gates_which_one_is_the_most_when_no_top_sentence_ranks():
    sizes = "800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지했다"
    for question in ("참가 기업 중에 전시 면적이 제일 넓었던 곳은 어디야?",
                     "규제 완화 가운데 가장 대표적인 조치 하나만 꼽으면 뭐야?",
                     "Which Chinese company took the largest exhibition space?"):
        assert _gate_features("기업", question, sizes)["attribute_missing"] == 1.0, question
    # a sentence that ranks answers it ("가장", "최대", "특히")
    for sentence in ("화웨이가 가장 넓은 전시 공간을 차지했다", "화웨이 부스가 최대 규모였다",
                     "특히 로봇 기술 분야에서 그 효과가 뚜렷하다"):
        assert _gate_features("기업", "전시 면적이 제일 넓었던 곳은 어디야?", sentence)["attribute_missing"] == 0.0
    # when or how many may be read off a table; a CEO (최고경영자) and "most recent" rank nothing
    table = "표준 및 규제 | 2020.7. 2023.7. 2024.6."
    assert _gate_features("표준", "표준 정책 가운데 시기가 가장 최근인 건 언제야?", table)["attribute_missing"] == 0.0
    assert _gate_features("기업", "그 회사 최고경영자는 누구야?", sizes)["attribute_missing"] == 0.0
    assert _gate_features("report", "Which report is the most recent one?", sizes)["attribute_missing"] == 0.0


def test_attribute_missing_gates_an_original_title_in_another_script_no_top_sentence_writes():
    heading = "다음 날, 상하이 타워 정원 홀에서 열린 원탁 토론은 행사의 열기를 최고조로 끌어올렸다"
    roster = "원거테크놀러지(Beijing Wenge Technology, 中科聞歌) 왕레이(王磊) 이사장"  # names in brackets, no title
    for question in ("원탁 토론 기사, 중국일보망에 처음 실렸을 때 중국어 원제가 뭐였어?", "그 기사는 중국어 제목이 뭐였어?",
                     "What was the original Chinese headline of the roundtable article?"):
        assert _gate_features("원탁", question, heading + ". " + roster)["attribute_missing"] == 1.0, question
    casebook = "국가발전개혁위원회는 『中国智·惠世界(AI FROM CHINA BENEFITS THE WORLD) 2025』 사례집을 발표했다"
    assert _gate_features("사례집", "사례집의 중국어 제목은 뭐야?", casebook)["attribute_missing"] == 0.0
    # the English title asked beside the Chinese one, or a title of no other script, is no such attribute
    assert _gate_features("원탁", "사례집, 중국어 제목 말고 영어 제목은 뭐야?", heading)["attribute_missing"] == 0.0
    assert _gate_features("원탁", "그 기사 제목이 뭐야?", heading)["attribute_missing"] == 0.0


def test_attribute_missing_gates_where_someone_studied_or_when_something_was_founded_no_top_sentence_says():
    from ragqa.answer.answer_type import attribute_missing

    roster = "홍콩과학기술대학교(광저우) 천레이 원장, 원거테크놀러지 왕레이 이사장이 토론에 참여했다"
    for question in ("천레이 원장은 어느 대학에서 박사 학위 받았어요?", "Which university did Wang Lei graduate from?"):
        assert _gate_features("천레이", question, roster)["attribute_missing"] == 1.0, question
    assert _gate_features("천레이", "천레이 원장은 어디서 박사 학위를 받았어?",
                          "천레이 원장은 홍콩과학기술대학교에서 박사 학위를 받았다")["attribute_missing"] == 0.0
    # a graduate programme is no one's studies
    assert _gate_features("천레이", "Which plan covers AI graduate programmes?", roster)["attribute_missing"] == 0.0
    joined = "메탁스, 일루바타 코어엑스 등이 상하이 상공회의소 AI 위원회에 참여했다 (2025년 7월 26일)"
    for question in ("메탁스는 몇 년에 세워진 회사야?", "메탁스는 언제 설립됐어?"):
        assert _gate_features("메탁스", question, joined)["attribute_missing"] == 1.0, question
    assert attribute_missing("When was MetaX founded?", [joined])
    assert not attribute_missing("When was MetaX founded?", ["MetaX was founded in 2020"])
    # a time span is no time of day
    talent = "- 인재 : 대학 내 AI 관련 프로그램 대폭 확대, 향후 10년 동안 외국 인재 유치 강화 목표"
    assert not attribute_missing("China wants to attract foreign talent. Over what time span?", [talent])
    assert attribute_missing("At what time did the roundtable start?", [talent])
    for sentence in ("메탁스는 2020년에 설립됐다", "위원회는 26일 출범했다", "MetaX was founded in 2020"):
        assert _gate_features("메탁스", "메탁스는 언제 설립됐어?", sentence)["attribute_missing"] == 0.0, sentence


def test_attribute_missing_gates_a_question_about_how_often_no_top_sentence_says():
    proposed = "리창 총리는 유엔 산하의 새로운 AI 규제 대화 체계 두 개를 제안했다"
    for question in ("유엔 산하 AI 규제 대화 체계는 얼마나 자주 회의를 열기로 했어?", "How often will the dialogue meet?",
                     "로봇 개 공연은 하루에 몇 번씩 했대?"):
        assert _gate_features("체계", question, proposed)["attribute_missing"] == 1.0, question
    for sentence in ("대화 체계는 매년 회의를 연다", "대화 체계는 연 2회 회의를 연다", "중국이 연일 러브콜을 보내고 있다",
                     "The dialogue will meet annually"):
        assert _gate_features("체계", "얼마나 자주 회의를 열어?", sentence)["attribute_missing"] == 0.0, sentence
    # how much or how many is no frequency
    assert _gate_features("체계", "회의는 몇 번 열렸어?", proposed)["attribute_missing"] == 0.0


@pytest.mark.parametrize("question, parts", [
    ("왕레이 이사장은 미국 정부의 AI 행동 계획을 어떻게 평가했어?", ("왕레이 이사장", "미국 정부의 AI 행동 계획")),
    ("세미애널리시스는 인플레임 AI 칩에 대해서는 어떤 평가를 내렸어?", ("세미애널리시스", "인플레임 AI 칩")),
    ("중국의 WAICO 제안에 대해 한국 외교부가 낸 공식 논평 내용이 뭐예요?", ("한국 외교부", "중국의 WAICO 제안")),
    ("How did the EU respond to China's proposal to set up WAICO?", ("the EU", "China's proposal to set up WAICO")),
    ("What did Zand Bank's CEO say about DeepSeek's open-source models?", ("Zand Bank's CEO", "DeepSeek's open-source models")),
    # the topic with a plain 에 ("제안에 공식적으로 어떤 반응을 보였어")
    ("미국 정부는 리창 총리의 WAICO 제안에 공식적으로 어떤 반응을 보였어?", ("미국 정부", "리창 총리의 WAICO 제안")),
    # no speaker and topic asked together; "어떻게 보탬이 되는지" asks no view ("어떻게 봐" does)
    ("로이터 통신은 중국이 띄운 새 국제 조직에 대해 어떤 면들이 아직 불분명하다고 봤어?", None),
    ("회사 대표들은 AI가 사람 삶에 어떻게 보탬이 되는지 무엇을 중심으로 풀어냈어?", None),
    ("What did the Alibaba Cloud representative say they are doing?", None),
    # a verb of judging with its object
    ("How did Japanese media assess China's hosting of WAIC 2025?", ("Japanese media", "China's hosting of WAIC 2025")),
    ("How did the EU view the proposal?", ("the EU", "the proposal")), ("How did they build the robot?", None),
    # for or against
    ("제프리 힌턴은 리창 총리가 꺼낸 AI 협력 기구 구상에 찬성했어, 반대했어?", ("제프리 힌턴", "리창 총리가 꺼낸 AI 협력 기구 구상")),
    ("미국 정부는 그 제안을 지지했어?", ("미국 정부", "그 제안")),
])
def test_stance_parts(question, parts):
    from ragqa.answer.answer_type import stance_parts

    assert stance_parts(question) == parts


def test_stance_missing_gates_what_someone_said_of_something_when_no_top_sentence_names_both():
    from ragqa.answer.extractive import stance_missing, type_missing

    said = "“중국의 인공지능 분야 발전 속도와 혁신 능력은 정말 인상적이다”라고 원거테크놀러지 왕레이 이사장은 밝혔다."
    plan = "이는 미국 정부가 최근 발표한 ‘AI 행동 계획(AI Action Plan)’에 대응하는 움직임이다."
    weights = {"왕레이": 4.0, "이사장": 2.0, "미국": 1.0, "정부": 1.5, "행동": 3.0, "계획": 2.0, "평가": 2.5}
    question = "왕레이 이사장은 미국 정부의 AI 행동 계획을 어떻게 평가했어?"
    assert stance_missing(question, weights, [said, plan])  # the speaker in one, the topic in the other
    both = "왕레이 이사장은 미국 정부의 AI 행동 계획이 ‘미국 우선주의’의 연장선이라고 평가했다."
    assert not stance_missing(question, weights, [said, both])
    # a speaker word the corpus never writes decides nothing (a paraphrase as often as another speaker)
    assert not stance_missing(question, weights, [said, plan], vocabulary=lambda t: t not in ("왕레이", "이사장"))
    assert not stance_missing("왕레이 이사장은 어떤 말을 했어?", weights, [plan])  # no topic asked
    assert type_missing({"type_hit": 1.0, "typed": 0.0, "stance_missing": 1.0}, "other", "ko")


def test_stance_missing_gates_what_someone_said_when_no_top_sentence_reports_their_words():
    from ragqa.answer.extractive import stance_missing

    came = "특히 전 구글 CEO 에릭 슈미트, AI 거장 요슈아 벤지오와 제프리 힌턴 등 세계적 인사들도 참석해 주목을 받았다."
    quoted = "세미애널리시스는 “화웨이는 시스템 설계 역량으로 개별 칩 성능의 한계를 보완했다”고 평가했다."
    weights = {"벤지오": 5.0, "waic": 1.0, "화웨이": 2.0, "반응": 2.0}
    assert stance_missing("벤지오 WAIC 와서 무슨 얘기 했어?", weights, [came])  # he came; no words of his
    assert stance_missing("화웨이는 뭐라고 반응했어?", weights, [quoted, came])  # Huawei only inside another's quote
    said = "요슈아 벤지오는 “AI 안전은 국제 협력의 문제”라고 말했다."
    assert not stance_missing("벤지오 WAIC 와서 무슨 얘기 했어?", weights, [came, said])
    # a speaker the corpus never writes decides nothing
    assert not stance_missing("벤지오 WAIC 와서 무슨 얘기 했어?", weights, [came], vocabulary=lambda t: t != "벤지오"
                              and t != "waic")


def test_stance_missing_wants_the_country_that_speaks_named_whether_or_not_the_corpus_writes_it():
    from ragqa.answer.answer_type import speaker_country
    from ragqa.answer.extractive import stance_missing

    proposed = "중국은 이번 대회에서 ‘세계 인공지능 협력기구(WAICO)’ 설립을 공식 제안하고, 본부를 상해에 유치할 의향을 표명"
    weights = {"러시아": 3.0, "일본": 3.0, "정부": 1.0, "waico": 4.0, "제안": 2.0, "행동계획": 3.0}
    never_written = lambda t: t not in ("러시아", "russia", "일본")  # noqa: E731
    for question in ("How did Russia react to China's proposal to set up WAICO?",
                     "중국의 WAICO 제안에 대해 일본 정부는 어떤 입장을 밝혔어?"):
        assert stance_missing(question, weights, [proposed], vocabulary=never_written), question
    japan = "일본 정부는 WAICO 제안에 대해 신중한 입장을 밝혔다"
    assert not stance_missing("중국의 WAICO 제안에 대해 일본 정부는 어떤 입장을 밝혔어?", weights, [japan])
    # by its Korean name, as the term bridge carries it
    assert not stance_missing("How did Japan react to the WAICO proposal?", weights, [japan], bridged={"japan": "일본"})
    assert speaker_country("the European Union") >= {"eu", "유럽연합"}
    assert speaker_country("인도네시아 정부") is None  # not 인도
    assert speaker_country("the Asia Group's George Chen") is None  # a region is no speaker's country


@pytest.mark.parametrize("question, expected", [
    ("인플레임도 미국 제재를 받은 회사야?", True), ("금융 추론 대형 모델은 오픈소스로 공개됐어?", True),
    ("차세대 인공지능 발전계획은 목표대로 달성된 거야?", True), ("미국 제재를 받은 회사는 어디야?", False),
    ("인플레임은 몇 번째로 참가했어?", False), ("미국 제재를 받은 회사들을 골라 줘?", False),
    ("인플레임은 미국 제재를 받았다", False), ("Is Enflame sanctioned by the US?", False),
    # a premise before the question: only the asked clause counts
    ("인플레임도 제재를 받았다던데, 누가 그렇게 말했어?", False),
    # Gyeongsang interrogatives: 어데 (어디), 누고 (누구) at the end of a clause; "누고" as a verb asks nothing
    ("행동계획 전문은 어데서 낸 자료 갖다 썼드노?", False), ("센스타임 아태 CEO는 누고?", False),
    ("볼일 누고 왔어?", True),
])
def test_korean_yes_or_no_questions(question, expected):
    from ragqa.answer.answer_type import asks_yes_no

    assert asks_yes_no(question) is expected


def test_polar_missing_gates_a_yes_or_no_question_whose_subject_and_predicate_no_sentence_writes_together():
    from ragqa.answer.extractive import polar_missing, type_missing

    sanctioned = "이 연합에는 화웨이, 바이런, 무어스레드 등 미국 제재를 받은 칩 제조사들도 포함됐다."
    enflame = "참가 기업 중 하나인 인플레임(Enflame)의 자오리둥 CEO는 “혁신적 생태계”라고 설명했다."
    weights = {"인플레임": 4.0, "미국": 1.0, "제재": 3.0, "받": 0.5, "회사": 2.0, "화웨이": 3.0}
    split = ("모델-칩 연합을 소개한 인플레임", " 미국 제재를 받은 회사야?")
    assert polar_missing(split, weights, [sanctioned, enflame])  # the predicate of others, the subject alone
    assert not polar_missing(("화웨이", " 미국 제재를 받았어?"), weights, [sanctioned, enflame])  # "yes" is written
    assert not polar_missing(None, weights, [sanctioned])  # not a yes-or-no question
    # what is asked of it in words the corpus never writes decides nothing (the asker's own words)
    assert not polar_missing(split, weights, [enflame], vocabulary=lambda t: t not in ("미국", "제재", "회사"))
    # the subject in words the corpus never writes decides nothing either
    assert not polar_missing(split, weights, [sanctioned], vocabulary=lambda t: t != "인플레임")
    assert type_missing({"type_hit": 1.0, "typed": 0.0, "polar_missing": 1.0}, "other", "ko")


def test_owner_missing_gates_an_english_how_much_whose_amounts_belong_to_another():
    from ragqa.answer.answer_type import english_names
    from ragqa.answer.extractive import owner_missing, type_missing
    from ragqa.retrieval.bridge import is_general_word

    # a capitalised word that is no dictionary word nor a place is a name; the first word of the question is not
    assert english_names("How much has Tencent invested in its digital human technology?", is_general_word) == ["Tencent"]
    assert english_names("How big is China's AI Global Governance Action Plan budget?", is_general_word) == []
    assert english_names("Tencent는 얼마를 투자했어?", is_general_word) == []  # a Korean question names in Korean
    # nor is a word that opens a later sentence of the question
    assert english_names("Chinese firms took up 70,000 square metres at WAIC. How many companies was that?",
                         is_general_word) == []
    assert english_names("It was at WAIC. Then Baidu launched Miaoda?", is_general_word) == ["Baidu", "Miaoda"]
    fund = "투자 : 올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드를 설립하여 핵심 기술 개발을 지원"
    question = "How much has Tencent invested in its digital human technology?"
    # the only amount is the state fund's: neither the sentence nor the one before writes Tencent
    assert owner_missing(question, "amount", [(fund, "중국 정부의 정책 동향")], {"tencent": "텐센트"})
    # written in Korean (the bridged term) or in Latin letters, in the sentence or the one before, it is Tencent's
    assert not owner_missing(question, "amount", [(fund, "텐센트는 디지털 휴먼에 집중했다")], {"tencent": "텐센트"})
    assert not owner_missing(question, "amount", [("텐센트(Tencent)는 올해 100억 위안을 투자", "")], {})
    # no amount at all among the top sentences: the type's own features decide; not a how-much question: no gate
    assert not owner_missing(question, "amount", [("텐센트는 디지털 휴먼을 선보였다", "")], {})
    assert not owner_missing("Who founded Tencent?", "person", [(fund, "")], {})
    assert not owner_missing("How big is the national AI investment fund?", "amount", [(fund, "")], {})  # no name
    assert type_missing({"type_hit": 1.0, "typed": 1.0, "owner_missing": 1.0}, "amount", "en")


def test_owner_missing_binds_a_korean_date_to_the_name_the_question_opens_with():
    from ragqa.answer.extractive import owner_missing

    question = "텐센트가 내놓은 융합형 산업용 AI 전략, 언제부터 본격적으로 시행한대?"
    waic = "(글로벌 주요국 시각) 2025년 중국의 WAIC 개최는 전략을 본격화한 것으로 평가"
    tencent = "(텐센트) 클라우드, 개발 플랫폼, 디지털휴먼 등 주요 서비스를 통해 융합형 산업용 AI 전략을 제시"
    # the only date is WAIC's: the sentence that names 텐센트 gives none (the one before does not count in Korean)
    assert owner_missing(question, "date:relative", [(waic, tencent), (tencent, "")], {}, "텐센트")
    assert not owner_missing(question, "date:relative", [("텐센트는 2024년부터 이 전략을 시행했다", "")], {}, "텐센트")
    assert not owner_missing(question, "date:relative", [(waic, "")], {}, None)  # no opening name: not read
    # an amount or a count is often written without its owner ("중국은 … 몇 년 동안" over "향후 10년 동안")
    talent = "인재 : 향후 10년 동안 외국 인재 유치 강화 목표"
    assert not owner_missing("중국은 외국 인재 유치를 앞으로 몇 년 동안 강화하겠다는 거야?", "amount:unit:년",
                             [(talent, "")], {}, "중국")


def test_owner_missing_reads_dates_counts_and_shares_too():
    from ragqa.answer.answer_type import english_acronyms
    from ragqa.answer.extractive import owner_missing

    # the only year among the top sentences is WAIC's, and neither it nor the sentence before writes Baidu or Miaoda
    waic = "(2025년 대회 구성) 올해 WAIC는 ‘智能时代 同舟共济’를 주제로 진행됨"
    question = "In what year did Baidu launch Miaoda?"
    assert owner_missing(question, "date_year", [(waic, "")], {"baidu": "바이두"})
    assert not owner_missing(question, "date_year", [("바이두는 2024년 먀오다를 출시했다", "")], {"baidu": "바이두"})
    # a web page's date line is nobody's: "When did George Chen become a partner?" is not answered by it
    assert owner_missing("When did George Chen become a partner at the Asia Group?", "date",
                         [("korean.shanghai.gov.cn| 2025-07-31", "")], {})
    # a name inside a longer name is written also by the longer name's initials
    hosts = "외교부 등 10개 기관이 공동 주최한 ‘2025 세계인공지능대회(WAIC)’가 상해에서 개최"
    asked = "How many institutions jointly hosted the 2025 World Artificial Intelligence Conference?"
    assert english_acronyms(asked, ["Artificial"]) == {"waic"}
    assert not owner_missing(asked, "count", [(hosts, "")], {})
    assert english_acronyms("How much has Tencent invested?", ["Tencent"]) == set()


def test_rest_missing_gates_a_question_for_the_rest_of_a_set_the_text_lists_only_in_part():
    from ragqa.answer.extractive import type_missing

    partial = "2025년 7월 26일, 외교부, 국가발전개혁위원회, 과기부, 중국과학원 등 10개 기관이 공동 주최한 대회"
    rest = "외교부, 국가발전개혁위원회, 과기부, 중국과학원을 빼면 나머지 여섯 곳은 어디야?"
    assert _gate_features("기관", rest, partial)["rest_missing"] == 1.0
    assert type_missing({"type_hit": 1.0, "typed": 0.0, "rest_missing": 1.0}, "other", "ko")
    # the text names one more member: the rest is there
    more = "외교부, 국가발전개혁위원회, 과기부, 중국과학원, 상하이시 정부 등 10개 기관이 공동 주최한 대회"
    assert _gate_features("기관", rest, more)["rest_missing"] == 0.0
    # a question that does not ask for the rest, or a sentence listing none of what it writes
    assert _gate_features("기관", "공동 주최 기관은 어디어디야?", partial)["rest_missing"] == 0.0
    assert _gate_features("기관", rest, "로봇, 디지털 휴먼, AI 스마트글래스 등이 공개됐다")["rest_missing"] == 0.0


def test_deed_missing_gates_a_question_about_what_someone_said_when_the_best_sentence_is_a_roster():
    from ragqa.answer.extractive import type_missing

    roster = ("세키도 료지 CEO, 센스타임 스쥔(史軍) CEO, 라이예테크(來也科技) 왕관춘(汪冠春) CEO, "
              "잔드뱅크 천위타오(陳玉濤) CEO 등이 한자리에 모였다")
    said = "라이예테크 왕관춘 CEO는 “AI가 업무 방식을 바꾼다”라고 말했다"
    question = "원탁 토론에서 라이예테크 왕관춘 CEO는 무슨 얘기를 했어?"
    assert _gate_features("왕관춘", question, roster)["deed_missing"] == 1.0
    assert type_missing({"type_hit": 1.0, "typed": 0.0, "deed_missing": 1.0}, "other", "ko")
    assert _gate_features("왕관춘", question, said)["deed_missing"] == 0.0
    assert _gate_features("왕관춘", "라이예테크 CEO는 누구야?", roster)["deed_missing"] == 0.0
    # a terse question for the content of someone's remarks
    assert _gate_features("료지", "세키도 료지가 화상으로 한 발언 내용?", roster)["deed_missing"] == 1.0


def test_an_english_count_question_counts_the_korean_term_its_word_was_bridged_to():
    from ragqa.answer.extractive import holds_answer, question_noun

    q = "How many humanoid robots were exhibited at WAIC 2025?"
    bridged = {"robots": "로봇", "exhibited": "전시"}
    assert question_noun(q, "count:items", {}, bridged) == "로봇"
    assert question_noun(q, "count:items", {}, {"exhibited": "전시"}) is None  # the bridge did not reach it
    assert question_noun(q, "count:items", {}, None) is None
    # a noun the bridge did not reach: the word before it, that it is a kind of ("robot dogs" → 로봇)
    dogs = "How many robot dogs did Unitree sell?"
    assert question_noun(dogs, "count:items", {}, {"robot": "로봇", "sell": "판매"}) == "로봇"
    assert question_noun(dogs, "count:items", {}, {"sell": "판매"}) is None  # after the noun: not a kind of it
    # people, countries, companies: their Korean counters (명, 개국, 개사) already say what they count
    assert question_noun("How many countries sent delegates?", "count:countries", {}, {"countries": "국가"}) is None
    assert question_noun("How much did it cost?", "amount", {}, {"cost": "비용"}) is None
    # a Korean question writing its counted noun in English counts the glossary's Korean rendering the corpus
    # writes; none when that rendering is of one syllable (칩), which is never looked for beside a count
    partner = "Ascend platform 기반 industry partner는 몇 곳이야?"
    assert question_noun(partner, "count:places", {"partner": 1.0}, None, lambda t: t == "파트너") == "파트너"
    assert question_noun(partner, "count:places", {"partner": 1.0}, None, lambda t: False) == "partner"
    assert question_noun(partner, "count:places", {"partner": 1.0}) == "partner"  # no corpus to read: as written
    chip = "Huawei CloudMatrix 384에 장착된 910C chip은 몇 개야?"
    assert question_noun(chip, "count:items", {"chip": 1.0}, None, lambda t: True) is None
    assert question_noun("NPU가 몇 장 들어갔어?", "count:items", {"npu": 1.0}, None, lambda t: True) == "NPU"
    # the count of other things beside it does not answer: "10대 핵심 분야" counts fields, not robots
    sentence = "AI 인프라 등 10대 핵심 분야를 중심으로 로봇, 디지털 휴먼 등이 전시됐다."
    assert not holds_answer("count:items", sentence, q, noun="로봇")
    assert holds_answer("count:items", "휴머노이드 로봇 150대가 전시됐다.", q, noun="로봇")


def test_a_count_of_things_from_elsewhere_does_not_answer_a_question_that_says_where_they_come_from():
    from ragqa.answer.answer_type import find_spans
    from ragqa.answer.extractive import counts_asked, holds_answer

    sentence = "실제 이번 WAIC에서는 800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지했다."
    count = next(s for s in find_spans("count", sentence) if s.text.startswith("800"))
    assert not counts_asked(sentence, count, None, "foreign")  # 외국 기업 asked, 중국 기업 counted
    assert counts_asked(sentence, count, None, "china")
    assert counts_asked(sentence, count, None, None)
    plain = "800개 이상의 기업이 참가했다."
    assert counts_asked(plain, find_spans("count", plain)[0], None, "foreign")  # no origin written: may be any
    question = "WAIC 참가 기업 중 외국 기업은 몇 개였어?"
    assert not holds_answer("count:companies", sentence, question, origin="foreign")
    assert holds_answer("count:companies", sentence, "중국 기업은 몇 개였어?", origin="china")


def test_a_count_of_the_things_the_question_qualifies_goes_first():
    from ragqa.answer.extractive import Candidate, _typed_first, qualified_count

    forums = Candidate(1, 0, 0, "1개의 개막식 및 메인 포럼, 10개 핵심 분야 중심의 부처별 포럼", 0.9, 0.8, 0.94)
    areas = Candidate(2, 0, 0, "△기후변화 대응 △표준·규범 수립 등 총 13개 협력 분야를 포함", 0.85, 0.7, 0.93)
    weights = {"협력": 2.0, "분야": 2.0, "행동계획": 3.0}
    question = "행동계획, 협력 분야를 총 몇 개나 담았어요?"
    assert _typed_first([forums, areas], "count:items", 0.08, None, question, weights, "분야")[0] is areas
    # the qualified count competes whatever its score: the plan's heading scores far above it
    heading = Candidate(1, 0, 0, "1. ‘AI 글로벌 거버넌스 행동계획’ 발표", 0.95, 0.9, 1.40)
    assert _typed_first([heading, forums, areas], "count:items", 0.08, None, question, weights, "분야")[0] is areas
    assert qualified_count(areas.text, question, "count:items", "분야", "협력")
    assert not qualified_count(forums.text, question, "count:items", "분야", "협력")  # a count of other 분야
    # no modifier written: the first sentence holding a count of the noun, as before
    assert _typed_first([forums, areas], "count:items", 0.08, None, "분야는 몇 개야?", weights, "분야")[0] is forums


def test_a_measure_of_a_named_kind_competes_among_the_top_sentences_whatever_their_scores():
    from ragqa.answer.extractive import Candidate, _typed_first, competing_margin

    assert competing_margin("amount:compute", 0.08) == float("inf") and competing_margin("amount", 0.08) == 0.08
    assert competing_margin("count:people", 0.08) == 0.08
    machine = Candidate(1, 0, 0, "화웨이는 초대형 Ascend 384 노드 실물 장비를 공개했다", 0.9, 0.8, 1.30)
    compute = Candidate(1, 0, 1, "총 300PFlops 규모의 연산 성능과 초저지연·초대역폭을 갖추었다", 0.85, 0.3, 1.05)
    question = "Ascend 384 노드 장비 연산 성능은 총 얼마야?"
    assert _typed_first([machine, compute], "amount:compute", 0.08, question=question)[0] is compute
    # a quantity of no named kind keeps the margin: a far lower sentence does not jump ahead
    assert _typed_first([machine, compute], "amount", 0.08, question="규모는 얼마야?")[0] is machine


@pytest.mark.parametrize("question, qtype, expected", [
    ("참고문헌은 몇 쪽부터야?", "page", True), ("'거대언어모델 타임라인'은 그림 몇 번이야?", "label:figure", True),
    ("[그림 3]은 뭘 보여주는 그림이에요?", "other", True), ("보고서의 [그림 2]는 무엇에 관한 그림이야?", "other", True),
    ("What does Figure 3 show?", "other", True),
    # what the figure shows in detail: its title in the contents does not say
    ("Which US large language models are shown on the report's Figure 3 timeline?", "other", False),
    ("[그림 1] 생성형 AI 특허 출원 현황은 어느 기관 데이터를 쓴 거야?", "other", False),
    ("[그림 2]에서 특허를 가장 많이 낸 기업은 몇 건이야?", "count:cases", False),
])
def test_an_entry_of_a_table_of_contents_answers_only_pages_and_what_a_figure_is(question, qtype, expected):
    from ragqa.answer.extractive import contents_answer

    assert contents_answer(qtype, question) is expected


def test_a_count_of_a_noun_the_question_never_writes_is_anothers():
    from ragqa.answer.extractive import holds_answer

    attendees = "튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명의 고위급 인사가 참석함"
    # "몇 명이나 봤대" names no counted noun: the winners and the dignitaries are not the stream's viewers
    assert not holds_answer("count:people", attendees, "WAIC 2025 개막식 온라인 생중계는 몇 명이나 봤대?")
    # a question writing the noun the count counts is answered by it, the words before or after the count
    assert holds_answer("count:people", attendees, "이번 대회에 온 고위급 인사는 몇 명이야?")
    assert holds_answer("count:people", attendees, "노벨상 받은 사람들은 몇 명 왔어?")
    alliances = "중국 AI 기업들은 자국 중심의 기술 생태계를 육성하기 위해 두 개의 새로운 산업 연합을 출범했다"
    assert holds_answer("count", alliances, "중국 AI 회사들이 만든 연합은 몇 개였어?")
    # a counter that says what it counts answers whatever the words beside it
    assert holds_answer("count:countries", attendees, "고위급 인사들은 몇 개국에서 왔어?")


def test_an_english_yes_or_no_question_is_gated_by_its_subject_alone():
    from ragqa.answer.answer_type import english_yes_no_split
    from ragqa.answer.extractive import polar_missing
    from ragqa.retrieval.bridge import is_general_word

    question = "Is Zand Bank planning to open an office in mainland China?"
    split = english_yes_no_split(question, is_general_word)
    assert split == ("Zand", "Bank planning to open an office in mainland China?")  # "Bank" is a dictionary word
    assert english_yes_no_split("Which bank is Zand Bank?", is_general_word) is None  # not a yes-or-no question
    assert english_yes_no_split("Is there a plan?", is_general_word) is None  # names nothing
    assert english_yes_no_split("잔드뱅크는 중국에 진출해?", is_general_word) is None
    written = {"zand"}.__contains__  # the corpus writes "잔드뱅크(Zand Bank)"
    other = ["(25.7.27,智东西) 人工智能大会彻底引爆!", "국가발전개혁위원회가 발표한 본 사례집은 …"]
    # no sentence of the top passages writes the subject: the text does not say
    assert polar_missing(split, {}, other, written, bridged={})
    zand = "아랍에미리트 최초의 디지털 은행인 잔드뱅크(Zand Bank)의 천위타오 CEO는 협력 관계를 맺었다"
    # the subject written (its predicate's English words decide nothing), or by the bridged Korean term
    assert not polar_missing(split, {}, [*other, zand], written, bridged={})
    assert not polar_missing(split, {}, ["잔드뱅크는 디지털 은행이다"], written, bridged={"zand": "잔드뱅크"})
    # a name the corpus never writes in Latin letters nor as a bridged term cannot be looked for: no gate
    assert not polar_missing(("Schmidt", "at WAIC?"), {}, other, written, bridged={})


def test_a_counted_noun_is_matched_by_a_noun_for_the_same_kind_of_thing():
    from ragqa.answer.answer_type import Span, same_kind
    from ragqa.answer.extractive import counts_noun, sizes_other

    assert same_kind("업체") == same_kind("기업") and "회사" in same_kind("업체")
    assert same_kind("관람객") == frozenset({"관람객"})
    sentence = "로봇, 플라잉 택시 등 800개 이상의 기업이 최신 기술을 선보였다"
    span = Span("count", "800개", sentence.index("800개"), sentence.index("800개") + 4)
    assert counts_noun(sentence, span, "업체") and not counts_noun(sentence, span, "관람객")
    fund = "올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드를 설립하여"
    money = Span("money", "600억 위안", fund.index("600"), fund.index("600") + 7)
    assert not sizes_other(fund, money, "정부가 세운 국책 기금은 몇 위안이야?")
    assert sizes_other(fund, money, "빅테크 기업들이 투자하는 금액은 몇 위안이야?")
    # an amount of no named kind is judged as well when the span is a sum: a fund's size is no talent outflow
    assert sizes_other(fund, money, "인재 유출 규모도 나와 있어?", "amount")
    assert not sizes_other(fund, money, "국가 AI 투자 펀드 규모는 얼마야?", "amount")
    # a Korean question writing the thing in English writes it too, through the glossary (fund: 기금, 펀드, 자금)
    assert not sizes_other(fund, money, "China가 올해 세운 national AI investment fund는 위안화로 얼마 규모야?", "amount")
    assert sizes_other(fund, money, "China의 AI talent outflow 규모는 얼마야?", "amount")
    power = "300PFlops 규모의 연산 성능을 갖춘 클러스터를"
    assert not sizes_other(power, Span("amount", "300PFlops", 0, 9), "계산력은 얼마야?", "amount")  # a measure
    # partners: "협력사는 몇 곳" is answered by "2,700개 산업 파트너", not by the solutions beside them
    from ragqa.answer.extractive import holds_answer
    partners = "(화웨이) Ascend 플랫폼 기반 2,700개 산업 파트너와 6,000개 솔루션 공동개발 성과를 공개"
    assert same_kind("협력사") == same_kind("파트너")
    assert holds_answer("count:places", partners, "화웨이와 함께 일해 온 업계 협력사는 몇 곳이나 된대?", noun="협력사")
    assert not holds_answer("count:places", partners, "화웨이와 함께 일해 온 대학은 몇 곳이나 된대?", noun="대학")
    # the noun is near the solutions' count too, but that count counts a phrase of its own: solutions
    solutions = Span("count", "6,000개", partners.index("6,000개"), partners.index("6,000개") + 6)
    thousands = Span("count", "2,700개", partners.index("2,700개"), partners.index("2,700개") + 6)
    assert counts_noun(partners, thousands, "파트너") and not counts_noun(partners, solutions, "파트너")
    assert counts_noun(partners, solutions, "솔루션")
    assert not holds_answer("count:places", "Ascend 플랫폼 기반 6,000개 솔루션과 2,700개 협력 모델", "해외 파트너는 몇 곳이야?",
                            noun="파트너")


def test_a_reason_the_question_names_by_the_same_word_is_not_given_by_it():
    from ragqa.answer.extractive import holds_answer

    # "목적이 뭐였어" writes 목적, as the sentence that answers it does: a connective, not a value the question gives
    sentence = "이번 행사는 전 세계에 인공지능 분야의 '중국 해법'을 설명하는 데 목적을 두었다."
    assert holds_answer("reason", sentence, "중국일보사 행사의 목적이 뭐였어?")
    assert not holds_answer("reason", "이번 행사는 7월 26일부터 27일까지 상하이에서 개최됐다.", "중국일보사 행사의 목적이 뭐였어?")


def test_a_latin_word_in_the_counted_phrase_is_passed_over():
    from ragqa.answer.answer_type import Span
    from ragqa.answer.extractive import _counts_other

    sentence = "누적 기준 6,000명 이상의 국내외 AI 전문가가 참가"
    span = Span("count", "6,000명", sentence.index("6,000명"), sentence.index("6,000명") + 6)
    assert not _counts_other(sentence, span, "WAIC 누적 참가 AI 전문가는 실제 자료엔 몇 명으로 돼 있나요?")
    assert _counts_other(sentence, span, "개막식 온라인 생중계는 몇 명이나 봤대?")


def test_a_count_in_a_relative_clause_of_size_counts_the_words_after_it():
    from ragqa.answer.answer_type import Span
    from ragqa.answer.extractive import _counts_other

    sentence = "트럼프 행정부는최근 90건이 넘는 규제 완화 조치를 추진하면서 AI를 경제 성장의 촉매로 정의했다."
    span = Span("count", "90건", sentence.index("90건"), sentence.index("90건") + 3)
    assert not _counts_other(sentence, span, "AI를 '성장 촉매'로 본 美 行政府, 규제 완화 조치 건수?")
    assert _counts_other(sentence, span, "AI를 '성장 촉매'로 본 美 行政府, 몇 건?")


def test_a_value_the_question_gives_in_another_form_is_no_answer():
    from ragqa.answer.extractive import holds_answer

    floor = "실제 이번 WAIC에서는 800개 이상의 중국 기업이 7만㎡ 이상의 전시 공간을 차지했다"
    # "70,000-plus square metres" gives "7만㎡": the sentence holds no other area
    assert not holds_answer("amount:area", floor,
                            "How big was the WAIC 2024 exhibition floor compared with this year's 70,000-plus square metres?")
    assert holds_answer("amount:area", floor, "How much exhibition space did Chinese firms take up at WAIC?")
    assert not holds_answer("amount:area", floor, "7만㎡ 말고 작년 전시 면적은 얼마야?")


def test_the_countries_people_came_from_counted_ask_no_nationality():
    from ragqa.answer.answer_type import attribute_missing
    sentence = "튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명의 고위급 인사가 참석함"
    assert not attribute_missing("고위급 인사들, 출신 나라는 몇 개국 정도였어?", [sentence])
    assert attribute_missing("그 전문가의 출신 나라는 어디야?", [sentence])  # a nationality asked, none given


def test_a_count_per_period_is_answered_only_by_a_rate():
    from ragqa.answer.answer_type import attribute_missing
    stock = "화웨이는 910C 칩 384개를 탑재한 장비를 공개했다"
    assert attribute_missing("화웨이 910C 칩은 1년에 몇 개나 생산돼?", [stock])
    assert not attribute_missing("화웨이 910C 칩은 1년에 몇 개나 생산돼?", ["910C 칩은 연간 20만 개가 생산된다"])
    assert attribute_missing("How many chips are made per year?", [stock])
    assert not attribute_missing("화웨이 910C 칩은 몇 개 탑재됐어?", [stock])  # no period asked
    assert not attribute_missing("회의는 1년에 몇 번 열려?", ["회의는 연 2회 열린다"])
    assert attribute_missing("회의는 1년에 몇 번 열려?", ["회의는 7월 26일 열렸다"])  # a date is no rate


def test_the_previous_edition_is_answered_only_by_a_sentence_about_a_past_one():
    from ragqa.answer.answer_type import mentions_previous_edition, speaks_of_past_edition
    assert mentions_previous_edition("상해 WAIC가 올해 7회째라던데, 바로 전 대회는 슬로건이 뭐였어?")
    assert mentions_previous_edition("What theme did last year's conference have?")
    assert mentions_previous_edition("지난 대회 때는 몇 명이 왔어?")
    assert not mentions_previous_edition("이번 대회 슬로건이 뭐야?")
    assert not mentions_previous_edition("전 구글 CEO는 누구야?")
    assert speaks_of_past_edition("이는 지난해 메타의 Llama에 의존했던 모습과 대조를 이룬다")
    assert not speaks_of_past_edition("올해 WAIC는 ‘智能时代 同舟共济’를 주제로 열렸다")


def test_the_order_a_listing_is_asked_in_is_no_superlative():
    from ragqa.answer.extractive import Candidate, _lead_missing

    table = Candidate(1, 0, 0, "산업 발전계획 | 2017.12. 2019.8. 2022.8. | 차세대 인공지능 발전계획 …", 0.8, 0.3, 0.9)
    ordered = "정책 표 '산업 발전계획' 칸의 세 정책을 가장 오래된 것부터 이름만 나열해 줘."
    assert _lead_missing(ordered, "other", None, [table], ()) is None
    # the most of something asked of quotes that rank nothing
    assert _lead_missing("정책 표에서 가장 오래된 정책은 뭐야?", "other", None, [table], ()) == "superlative_missing"


def test_a_product_name_asked_is_not_answered_by_a_persons_name():
    from ragqa.answer.extractive import Candidate, _lead_missing

    roster = Candidate(1, 0, 0, "바이두 먀오다(百度秒噠) 제품부 주광샹(朱廣翔) 총괄, 라이예테크(來也科技) 왕관춘(汪冠春) CEO가 "
                                "토론에 참여했다.", 0.8, 0.3, 0.9)
    question = "원탁 토론에 CEO가 참석한 라이예테크의 주력 제품 이름은 무엇입니까?"
    assert _lead_missing(question, "other", "왕관춘(汪冠春)", [roster], ()) == "kind_missing"  # the CEO's name
    # no name found is no sign that none is written ("클라우드매트릭스 384(CloudMatrix 384)" is found by no lead)
    assert _lead_missing(question, "other", None, [roster], ()) is None
    launched = Candidate(1, 0, 1, "라이예테크는 자사 AI 에이전트 플랫폼 ‘우카’를 소개했다.", 0.8, 0.3, 0.9)
    assert _lead_missing(question, "other", "우카", [launched], ()) is None
    # a person asked is answered by one
    assert _lead_missing("라이예테크 CEO 이름은 뭐야?", "other", "왕관춘(汪冠春)", [roster], ()) is None


class _Sentences:
    """An index over a few sentences, tokenised by whitespace."""

    def __init__(self, sentences):
        self.sentences = sentences
        self.token_rows = {}
        for row, text in enumerate(sentences):
            for token in dict.fromkeys(re.sub(r"[,()]", " ", text.lower()).split()):
                self.token_rows[token] = (*self.token_rows.get(token, ()), row)

    def sentence_text(self, row):
        return self.sentences[row]


_ROSTER = ("센스타임 스쥔 CEO, 원거테크놀러지 왕레이 이사장, 라이예테크 왕관춘 CEO, 프리테크(Freetech) 리솨이쥔 수석 아키텍트, "
           "아진가 비처 애슐리-브라운 CEO 등이 토론에 참여했다.")


@pytest.mark.parametrize("question, missing", [
    ("원탁 토론에 나온 아진가는 본사가 어느 도시에 있어?", True),  # a roster gives no headquarters
    ("아진가는 언제 세워졌어?", True),
    ("아진가 본사는 어디야?", True),
    # what a roster gives: who, the title, the company, that they took part
    ("아진가에서 나온 토론자는 누구야?", False), ("아진가 대표의 직함은 뭐야?", False), ("아진가도 토론에 참여했어?", False),
    # an English question's words reach the Korean text through the bridge: where the text writes them is not read
    ("What level of autonomous driving does Freetech's smart driving system support?", False),
    # a description before the name says how the asker found it, not what is asked
    ("토론에 참여한 아진가는 본사가 어디야?", True),
    # a name written outside rosters too: the text may say more of it
    ("센스타임은 본사가 어느 도시에 있어?", False),
    # a list that gives numbers says more than who took part
    ("튜링상 수상자는 본사가 어디야?", False),
])
def test_roster_missing_gates_what_a_roster_does_not_give_of_a_name_only_rosters_write(question, missing):
    from ragqa.answer.extractive import roster_missing

    index = _Sentences([_ROSTER, "상하이에 본사를 둔 센스타임 역시 AI 기업이다.",
                        "외교부, 과기부, 중국과학원, 상하이시, 유엔 등이 공동 주최했고 튜링상 수상자 12명이 참석했다."])
    weights = {"아진가": 4.0, "본사": 3.0, "도시": 2.0, "센스타임": 3.0, "프리테크": 4.0, "토론": 1.0, "대표": 1.0,
               "튜링상": 4.0, "수상자": 3.0}
    assert roster_missing(question, weights, index) is missing


def test_the_fillers_of_a_spoken_question_are_no_key_terms():
    from ragqa.answer.extractive import term_weights

    index = SimpleNamespace(keyword=SimpleNamespace(idf=lambda t: 2.0))
    tokens = ["uh", "name", "financial", "model", "ant", "digital", "um", "put"]
    assert set(term_weights(tokens, index)) == {"name", "financial", "model", "ant", "digital", "put"}


def test_a_value_a_checked_claim_states_is_not_given_by_it():
    from ragqa.answer.answer_type import Span
    from ragqa.answer.extractive import _given_by, holds_answer

    sentence = "WAIC는 2018년 첫 개최 이후 7회째를 맞이한 인공지능 국제행사로, 누적 기준 6,000명 이상의 국내외 AI 전문가가 참가"
    checked = "WAIC에 누적으로 참가한 국내외 AI 전문가가 6,000명 이상이라는데 맞나요? 아니면 몇 명이에요?"
    # the asker's value, to be checked: the text's same value confirms it
    assert holds_answer("count:people", sentence, checked)
    span = Span("count", "6,000명", sentence.index("6,000명"), sentence.index("6,000명") + 6)
    assert not _given_by(checked, span)
    # stated as context, not checked, it is given
    assert _given_by("누적 참가 전문가 6,000명 가운데 해외 전문가는 몇 명이에요?", span)
    # a name the claim states stays given: the question asks something else about it
    person = Span("person", "리창", 0, 2)
    assert _given_by("개막식 연설을 리창 총리가 했다는데 맞나요? 연설 주제는 뭐였어요?", person)


def test_an_english_claims_year_is_checked_not_given():
    from ragqa.answer.answer_type import Span
    from ragqa.answer.extractive import _given_by

    question = "Is it correct that China set 2035 as the year by which it aims to become an AI powerhouse? If not, what year?"
    assert not _given_by(question, Span("date_year", "2035년", 0, 5))
    assert _given_by("China's 2035 plan: what does it aim for by then?", Span("date_year", "2035년", 0, 5))


def test_an_english_count_of_a_noun_no_word_of_the_question_renders_is_anothers():
    from ragqa.answer.extractive import holds_answer

    sentence = ("외교부, 국가발전개혁위원회, 과기부, 중국과학원 등 10개 기관이 공동 주최한 ‘2025 세계인공지능대회(WAIC)’가 "
                "상해에서 개최되었으며, 튜링상·노벨상 수상자 12명을 포함한 30여 개국에서 1,200여 명의 고위급 인사가 참석함")
    # members → 회원, 구성원 …; public → 대중 …: none is 수상자 or 인사, so 12명 and 1,200여 명 count others
    assert not holds_answer("count:people", sentence, "How many members of the general public visited the WAIC 2025 exhibition?")
    assert holds_answer("count:companies", sentence, "How many institutions jointly organised WAIC 2025?")
    assert holds_answer("count:people", sentence, "How many Turing Award and Nobel Prize winners attended WAIC 2025?")
    # a counted noun the glossary does not render: nothing to tell another's count by
    assert holds_answer("count:people", sentence, "How many laureates attended WAIC 2025?")


def test_a_restated_sum_asked_in_an_english_currency_is_not_given():
    from ragqa.answer.extractive import holds_answer

    sentence = "투자 : 올해 600억 위안(약 8.2억 달러) 규모의 국가 AI 투자 펀드를 설립하여 AI 기술 자립 지원"
    assert holds_answer("money", sentence, "What US-dollar equivalent does the report give for the RMB 60 billion fund?")


def test_an_english_count_of_people_in_general_is_not_tied_to_a_noun():
    from ragqa.answer.extractive import holds_answer

    sentence = "30여 개국에서 1,200여 명의 고위급 인사가 참석함"
    assert holds_answer("count:people", sentence, "How many people attended WAIC 2025?")


def test_a_name_every_document_writes_identifies_no_owner():
    from types import SimpleNamespace

    from ragqa.answer.extractive import _writes_everywhere
    docs = [SimpleNamespace(text="중국은 계획을 내놓았다. 텐센트는 전략을 냈다."), SimpleNamespace(text="중국의 AI 정책 표")]
    index = SimpleNamespace(documents=docs)
    assert _writes_everywhere(index, "중국") and not _writes_everywhere(index, "텐센트")
    assert not _writes_everywhere(SimpleNamespace(documents=docs[:1]), "중국")  # one document: the rule does not apply
