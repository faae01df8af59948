"""Extractive answerer, LLM post-processing and fallbacks, follow-ups; on the tiny corpus with fakes."""

import re

import pytest

from ragqa import InvalidQuery, LLMUnavailable, Turn, build_engine, load_settings
from ragqa.answer.extractive import render_sentence
from ragqa.answer.llm import Completion, finalize_llm_answer
from ragqa.retrieval.followup import condense_question
from ragqa.types import Passage


def check_contract(ans):
    ids = {p.id for p in ans.passages}
    assert [p.id for p in ans.passages] == list(range(1, len(ans.passages) + 1))
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", ans.answer)}
    assert markers == {c.id for c in ans.citations}
    for c in ans.citations:
        assert c.id in ids
        p = next(p for p in ans.passages if p.id == c.id)
        assert p.text == c.text and p.chunk_id == c.chunk_id
        assert c.quote is None or c.quote in c.text


def test_extractive_quotes_sentence_with_marker(tiny_engine):
    ans = tiny_engine.ask("이 시스템은 910C 칩을 몇 개 장착했어?")
    check_contract(ans)
    assert not ans.abstained and ans.mode == "extractive" and not ans.degraded
    assert "910C 칩 384개" in ans.answer
    assert any(c.quote and "910C 칩 384개" in c.quote for c in ans.citations)
    for line in ans.answer.split("\n"):
        assert re.search(r"\[\d+\]", line)


def test_extractive_abstains_in_question_language(tiny_engine):
    ko = tiny_engine.ask("2030년 화성 탐사선의 예산은 얼마야?")
    assert ko.abstained and ko.citations == [] and "문서" in ko.answer
    check_contract(ko)


def test_render_sentence():
    assert render_sentence("- 국가 차원의 플랫폼 구축", "[2]") == "국가 차원의 플랫폼 구축 [2]"
    assert render_sentence("화웨이는 장비를 공개했다.", "[1]") == "화웨이는 장비를 공개했다 [1]."


@pytest.mark.parametrize("bad", ["", "   ", "a" * 4001, "nul\x00byte"])
def test_invalid_questions(tiny_engine, bad):
    with pytest.raises(InvalidQuery):
        tiny_engine.ask(bad)


@pytest.mark.parametrize("k", [0, 21, -1, True, 2.5])
def test_invalid_top_k(tiny_engine, k):
    with pytest.raises(InvalidQuery):
        tiny_engine.ask("화웨이", top_k=k)


def test_retrieve_top_k_is_prefix_of_deeper_ranking(tiny_engine):
    short = tiny_engine.retrieve("화웨이 칩", top_k=2).passages
    deep = tiny_engine.retrieve("화웨이 칩", top_k=10).passages
    assert [p.chunk_id for p in short] == [p.chunk_id for p in deep[:2]]
    ask = tiny_engine.ask("화웨이 칩", top_k=2)
    assert [p.chunk_id for p in ask.passages] == [p.chunk_id for p in short]


def test_followup_condensed(text_processor):
    hist = [
        Turn(role="user", content="화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?"),
        Turn(role="assistant", content="화웨이의 클라우드매트릭스 384(CloudMatrix 384)였다 [1]."),
    ]
    q = condense_question("그럼 그 장비에는 칩이 몇 개 들어가?", hist, text_processor)
    assert "화웨이" in q and "매트릭스 384" in q and q.endswith("그럼 그 장비에는 칩이 몇 개 들어가?")
    # the words right before the noun the follow-up points at ("그 장비") come first
    hist2 = [hist[0], Turn(role="assistant", content="화웨이는 초대형 Ascend 384 노드 실물 장비를 공개했다 [1].")]
    q2 = condense_question("그 장비에 칩이 몇 개 들어가?", hist2, text_processor)
    assert "실물 노드 384 ascend" in q2
    standalone = "알리바바가 공개한 스마트 안경 이름은 뭐야?"
    assert condense_question(standalone, hist, text_processor) == standalone
    assert condense_question("그 장비?", [], text_processor) == "그 장비?"


class FakeLLM:
    model_name = "fake"

    def __init__(self, reply="", fail=False):
        self.reply, self.fail, self.seen, self.overrides = reply, fail, [], []

    def complete(self, messages, *, deadline=None, cancel=None, **overrides):
        self.seen.append(messages)
        self.overrides.append(overrides)
        self.deadlines = [*getattr(self, "deadlines", []), deadline]
        if self.fail:
            raise LLMUnavailable("down")
        return Completion(self.reply, {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120})

    def stream(self, messages, *, deadline=None, **overrides):
        if self.fail:
            raise LLMUnavailable("down")
        yield from [self.reply[: len(self.reply) // 2], self.reply[len(self.reply) // 2 :]]


def _engine_with(tiny_settings, text_processor, llm):
    from tests.conftest import HashEmbedder

    e = build_engine(tiny_settings, embedder=HashEmbedder(), text=text_processor, llm=llm)
    e.start(build="if-needed")
    return e


@pytest.mark.parametrize("grounding", ["off", "rule"])
def test_llm_answer_markers_repaired(tiny_settings, text_processor, grounding):
    llm = FakeLLM("클라우드매트릭스 384는 910C 칩 384개를 장착했다 【1】. 추가 설명 [1,2][99]. 근거 없음 [0].")
    settings = tiny_settings.model_copy(update={"answer": tiny_settings.answer.model_copy(
        update={"grounding": grounding})})
    e = _engine_with(settings, text_processor, llm)
    ans = e.ask("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?", top_k=2)
    check_contract(ans)
    assert ans.mode == "llm" and ans.model == "fake" and not ans.degraded
    assert "[99]" not in ans.answer and "[0]" not in ans.answer and "【" not in ans.answer
    if grounding == "off":
        assert {c.id for c in ans.citations} == {1, 2} and ans.grounding == {}
    else:  # the statements found in no passage are dropped; the supported one keeps its citation and a quote
        assert ans.answer.startswith("클라우드매트릭스 384는 910C 칩 384개를 장착했다 [")
        assert "추가 설명" not in ans.answer and "근거 없음" not in ans.answer
        assert ans.grounding["kept"] == 1 and ans.grounding["dropped"] >= 1
        assert all(c.quote for c in ans.citations)
    assert ans.usage == {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
    prompt = llm.seen[0][1]["content"]
    assert "[1]" in prompt and "Question: 클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?" in prompt
    assert "Korean" in llm.seen[0][0]["content"]


def test_llm_abstention_recognised(tiny_settings, text_processor):
    e = _engine_with(tiny_settings, text_processor, FakeLLM("제공된 문서에서는 이 질문에 대한 답을 찾을 수 없습니다."))
    ans = e.ask("화성 탐사 예산은?")
    assert ans.abstained and ans.citations == [] and ans.mode == "llm"


def test_llm_failure_degrades_to_extractive(tiny_settings, text_processor):
    e = _engine_with(tiny_settings, text_processor, FakeLLM(fail=True))
    ans = e.ask("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?")
    check_contract(ans)
    assert ans.degraded and ans.mode == "extractive"
    events = list(e.ask_stream("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?"))
    assert events[-1].type == "final" and events[-1].answer.degraded


def test_mode_extractive_skips_llm(tiny_settings, text_processor):
    llm = FakeLLM("x [1]")
    e = _engine_with(tiny_settings, text_processor, llm)
    assert e.ask("화웨이 장비", mode="extractive").mode == "extractive" and not llm.seen


def test_stream_deltas_join_to_final(tiny_engine):
    events = list(tiny_engine.ask_stream("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?"))
    assert [e.type for e in events][-1] == "final" and all(e.type == "delta" for e in events[:-1])
    assert "".join(e.text for e in events[:-1]) == events[-1].answer.answer


def test_finalize_attaches_missing_marker_and_quote():
    body = "이 시스템은 910C 칩 384개를 장착했다. 다른 문장."
    p = Passage(id=1, chunk_id="d#1", doc_id="d", title="t", text=body, score=1.0)
    cut = body.index(" 다른")
    text, abstained, cits = finalize_llm_answer("이 시스템은 910C 칩 384개를 장착했다.", [p], {1: [(0, cut), (cut + 1, len(body))]})
    assert text.endswith("[1].") and not abstained
    assert cits[0].quote == "이 시스템은 910C 칩 384개를 장착했다."


def test_llm_condense_step_and_fallback(tiny_settings, text_processor):
    from ragqa.retrieval.followup import condense_with_llm

    hist = [Turn(role="user", content="화웨이가 공개한 장비는?"), Turn(role="assistant", content="클라우드매트릭스 384 [1].")]
    good = FakeLLM("Standalone question: 화웨이 클라우드매트릭스 384에는 칩이 몇 개 들어가?\nextra line")
    assert condense_with_llm(good, "그 장비에 칩이 몇 개?", hist) == "화웨이 클라우드매트릭스 384에는 칩이 몇 개 들어가?"
    assert good.overrides[0] == {"temperature": 0.0, "max_tokens": 96}
    assert condense_with_llm(FakeLLM("답: 384개입니다 [1]"), "그 장비에 칩이 몇 개?", hist) is None  # an answer
    assert condense_with_llm(FakeLLM("x" * 500), "그 장비?", hist) is None  # rambling
    assert condense_with_llm(FakeLLM(fail=True), "그 장비?", hist) is None
    e = _engine_with(tiny_settings, text_processor, good)
    ans = e.ask("그 장비에 칩이 몇 개?", history=hist)
    assert ans.retrieval_query == "화웨이 클라우드매트릭스 384에는 칩이 몇 개 들어가?"
    ext = e.ask("그 장비에 칩이 몇 개?", history=hist, mode="extractive")  # no LLM asked in extractive mode
    assert ext.retrieval_query != ans.retrieval_query and "매트릭스 384" in ext.retrieval_query


def test_generation_overrides_reach_the_llm_and_are_validated(tiny_settings, text_processor):
    llm = FakeLLM("클라우드매트릭스 384는 910C 칩 384개를 장착했다 [1].")
    e = _engine_with(tiny_settings, text_processor, llm)
    e.ask("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?", temperature=0.7, max_tokens=64)
    assert llm.overrides[-1] == {"temperature": 0.7, "max_tokens": 64}
    with pytest.raises(InvalidQuery, match="temperature"):
        e.ask("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?", temperature=3)
    with pytest.raises(InvalidQuery, match="max_tokens"):
        e.ask("클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?", max_tokens=0)


def test_a_reply_that_is_not_a_chat_completion_is_llm_unavailable(monkeypatch):
    """An OpenAI-compatible endpoint behind a proxy may answer 200 with an HTML page: the openai client then
    hands back a plain string. That is a failed LLM call (degraded extractive answer), not a crash."""
    from ragqa.answer.llm import OpenAICompatibleLLM
    from ragqa.settings import LLMSettings

    llm = OpenAICompatibleLLM(LLMSettings(base_url="http://127.0.0.1:9/v1", model="m"))

    class Client:
        @classmethod
        def with_options(cls, **kw):
            return cls

        class chat:  # noqa: N801 - mimics openai's attribute layout
            class completions:  # noqa: N801
                @staticmethod
                def create(**kw):
                    return "<html><body>Bad gateway</body></html>"

    monkeypatch.setattr(llm, "_get", lambda: Client)
    with pytest.raises(LLMUnavailable, match="not a chat completion"):
        llm.complete([{"role": "user", "content": "q"}])


@pytest.mark.parametrize("gate", [True, False])
def test_the_type_gate_keeps_a_question_with_no_answer_of_its_type_from_the_llm(tiny_settings, text_processor, gate):
    # the tiny corpus gives no price for CloudMatrix 384: with the gate the LLM is not asked at all
    llm = FakeLLM("클라우드매트릭스 384의 가격은 10억 원이다 [1].")
    settings = tiny_settings.model_copy(update={"answer": tiny_settings.answer.model_copy(
        update={"type_gate": gate, "grounding": "off"})})
    e = _engine_with(settings, text_processor, llm)
    ans = e.ask("화웨이 클라우드매트릭스 384의 가격은 얼마야?", top_k=2)
    check_contract(ans)
    if gate:
        assert ans.abstained and not ans.citations and llm.seen == []
    else:  # the rule alone lets it through: the LLM answers (here, inventing a price)
        assert not ans.abstained and len(llm.seen) == 1


def test_a_reranker_orders_what_is_quoted_but_the_decision_reads_the_fused_ranking(tiny_settings, text_processor):
    """With a reranker the engine keeps the fused ranking beside the reranked one: the answer quotes and cites the
    reranked passages, the answer/abstain features are those of the fused ranking (the abstention model's)."""
    from dataclasses import replace

    from tests.conftest import HashEmbedder

    class Reverse:
        name = "reverse"

        def rerank(self, ranking, index):
            return replace(ranking, hits=list(reversed(ranking.hits)))

    plain = build_engine(tiny_settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    plain.start(build="if-needed")
    reversed_ = build_engine(tiny_settings, embedder=HashEmbedder(), text=text_processor, llm=None, reranker=Reverse())
    reversed_.start()
    question = "이 시스템은 910C 칩을 몇 개 장착했어?"
    fused, reranked = plain.prepare(question, top_k=3), reversed_.prepare(question, top_k=3)
    assert fused.decision is None and reranked.decision is not None
    decision_ranking, decision_passages, decision_positions = reranked.decision
    assert [h.pos for h in decision_ranking.hits] == [h.pos for h in fused.ranking.hits]
    assert decision_positions == fused.positions and decision_passages == fused.passages
    assert [h.pos for h in reranked.ranking.hits] == [h.pos for h in reversed(fused.ranking.hits)]
    assert reranked.positions != fused.positions
    assert reversed_.extractive.extract(reranked).features == plain.extractive.extract(fused).features
    # retrieve() serves the reranked order too
    assert [p.chunk_id for p in reversed_.retrieve(question, top_k=3).passages] == [p.chunk_id for p in reranked.passages]


@pytest.mark.parametrize("gate", [True, False])
def test_a_question_asking_which_specific_things_is_not_answered_by_a_sentence_that_names_none(tmp_path, text_processor,
                                                                                               gate):
    from tests.conftest import HashEmbedder, write_corpus

    corpus = write_corpus(tmp_path / "corpus", {"chips.md": (
        "세미애널리시스에 따르면 클라우드매트릭스 384는 일부 성능 지표에서 엔비디아의 GB200을 앞선다.\n"
        "콰크는 타오바오, 알리페이 등 알리 생태계 플랫폼과 연동된다.\n")})
    settings = load_settings(corpus={"dir": corpus}, index={"dir": tmp_path / "index"}, data={"dir": tmp_path / "data"},
                             answer={"abstain_dense": 0.2, "type_gate": gate, "grounding": "off"})
    e = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    e.start(build="if-needed")
    vague = e.ask("클라우드매트릭스 384는 구체적으로 어떤 지표에서 GB200을 앞섰어?")
    assert vague.abstained is gate  # without the gate the sentence that says "some metrics" is quoted
    named = e.ask("콰크는 구체적으로 어떤 플랫폼들과 연동돼?")
    check_contract(named)
    assert not named.abstained and named.answer.startswith("타오바오, 알리페이 [1]")
    # the same decision gates LLM mode: with the gate the LLM is not asked to name the metrics
    llm = FakeLLM("클라우드매트릭스 384는 메모리 대역폭과 연산 성능에서 앞선다 [1].")
    with_llm = _engine_with(settings, text_processor, llm)
    ans = with_llm.ask("클라우드매트릭스 384는 구체적으로 어떤 지표에서 GB200을 앞섰어?")
    check_contract(ans)
    assert ans.abstained is gate and (llm.seen == []) is gate


def _asked(engine, question):
    """The engine's answer to ``question``, checked against the answer contract."""
    answer = engine.ask(question)
    check_contract(answer)
    return answer


def _gated_engine(tmp_path, text_processor, gate, name, text):
    """An engine over one small document, the type gate on or off, with the rule-based abstention loose enough
    that the gate alone decides (the hash embedder's similarities are low)."""
    from tests.conftest import HashEmbedder, write_corpus

    corpus = write_corpus(tmp_path / "corpus", {name: text})
    settings = load_settings(corpus={"dir": corpus}, index={"dir": tmp_path / "index"}, data={"dir": tmp_path / "data"},
                             answer={"abstain_dense": 0.2, "abstain_coverage": 0.0, "type_gate": gate,
                                     "grounding": "off"})
    e = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    e.start(build="if-needed")
    return e, settings


@pytest.mark.parametrize("gate", [True, False])
def test_a_place_question_is_not_answered_by_a_sentence_whose_places_are_not_of_what_it_asks(tmp_path, text_processor,
                                                                                             gate):
    e, settings = _gated_engine(tmp_path, text_processor, gate, "banks.md", (
        "앤트디지털테크놀로지는 금융 추론 대형 모델을 발표해 금융기관의 인공지능 도입 비용을 크게 낮췄으며, 이번 대회는 "
        "상하이에서 열렸다.\n"
        "잔드뱅크의 천위타오 CEO는 두바이에서 화상으로 토론에 참여했다.\n"))
    # 상하이 is where the conference was, not where the company is based: no place lead, so no answer
    elsewhere = _asked(e, "앤트디지털테크놀로지 본사는 어느 도시에 있어?")
    assert elsewhere.abstained is gate
    placed = _asked(e, "천위타오 CEO는 어느 도시에서 토론에 참여했어?")
    assert not placed.abstained and placed.answer.startswith("두바이 [")
    # the same decision gates LLM mode
    llm = FakeLLM("앤트디지털테크놀로지의 본사는 상하이에 있다 [1].")
    ans = _engine_with(settings, text_processor, llm).ask("앤트디지털테크놀로지 본사는 어느 도시에 있어?")
    check_contract(ans)
    assert ans.abstained is gate and (llm.seen == []) is gate


@pytest.mark.parametrize("gate", [True, False])
def test_a_choice_is_answered_by_one_of_its_options(tmp_path, text_processor, gate):
    e, _ = _gated_engine(tmp_path, text_processor, gate, "chips.md", (
        "모델-칩 연합에는 화웨이, 바이런, 무어스레드 등 미국 제재를 받은 칩 제조사들도 포함됐다.\n"
        "클라우드매트릭스 384는 특정 작업에서 엔비디아 칩을 능가한다는 평가도 나왔다.\n"))
    # a roster that names both does not say which was sanctioned first
    first = _asked(e, "바이런이랑 무어스레드 중에 미국 제재를 먼저 받은 건 어느 쪽이야?")
    assert first.abstained is gate
    # the quotes name neither option
    neither = _asked(e, "메탁스랑 일루바타 중에 어느 쪽 칩이 엔비디아 칩을 능가해?")
    assert neither.abstained is gate
    # a comparison the quote makes about an option is answered
    compared = _asked(e, "클라우드매트릭스 384랑 엔비디아 칩 중에 어느 쪽이 특정 작업에서 앞서?")
    assert not compared.abstained and "능가" in compared.answer
    # a lead that is neither option gives way to the one option the quote writes (화웨이 → 무어스레드)
    member = _asked(e, "미니맥스랑 무어스레드 중에 모델-칩 연합에 포함된 칩 제조사는 어느 회사야?")
    assert not member.abstained
    assert member.answer.startswith("무어스레드 [1]") is gate


@pytest.mark.parametrize("gate", [True, False])
def test_a_superlative_is_not_answered_by_a_quote_that_ranks_nothing(tmp_path, text_processor, gate):
    e, _ = _gated_engine(tmp_path, text_processor, gate, "robots.md", (
        "전시장에서는 인간형 로봇이 관람객 사이를 돌아다니고, 로봇 개가 공중제비를 도는 퍼포먼스도 연출됐다.\n"
        "화웨이의 클라우드매트릭스 384는 이번 회의에서 가장 주목받은 제품 중 하나였다.\n"))
    ranked = _asked(e, "전시장 로봇 퍼포먼스 중에 관람객이 가장 인상적이라고 꼽은 로봇은 뭐야?")
    assert ranked.abstained is gate  # the quote shows robots, it ranks none
    most = _asked(e, "이번 회의에서 가장 주목받은 제품은 뭐였어?")
    assert not most.abstained and "클라우드매트릭스 384" in most.answer


@pytest.mark.parametrize("gate", [True, False])
def test_a_product_name_is_not_answered_by_an_organisation_name(tmp_path, text_processor, gate):
    e, _ = _gated_engine(tmp_path, text_processor, gate, "alliances.md", (
        "두 번째 연합은 ‘상하이 상공회의소 AI 위원회’로, 메탁스 등이 참가했다.\n"
        "알리바바는 AI 스마트 안경 ‘콰크(夸克)’를 첫 공개했다.\n"))
    chip = _asked(e, "두 번째 연합에 참가한 메탁스의 주력 칩 제품명이 뭐야?")
    assert chip.abstained is gate  # the committee's name is no chip's
    glasses = _asked(e, "알리바바가 공개한 AI 스마트 안경 이름이 뭐야?")
    assert not glasses.abstained and "콰크" in glasses.answer
