"""Contract of :class:`ragqa.interfaces.Answerer`, run against both answerers (the LLM one over a scripted
chat model; the real llama.cpp server is exercised in tests/integration/test_llm_llamacpp.py)."""

import re

import pytest

from ragqa.answer.extractive import ExtractiveAnswerer
from ragqa.answer.llm import LLMAnswerer
from ragqa.interfaces import Answerer, Completion
from ragqa.question import PreparedQuestion

QUESTION = "클라우드매트릭스 384에는 910C 칩이 몇 개 장착됐어?"


class ScriptedLLM:
    model_name = "scripted"

    def __init__(self, reply: str) -> None:
        self.reply = reply

    def complete(self, messages, *, deadline=None, cancel=None, **overrides):
        return Completion(self.reply, {"total_tokens": 10})

    def stream(self, messages, **overrides):
        half = len(self.reply) // 2
        yield from [self.reply[:half], self.reply[half:]]


def _extractive(engine):
    return ExtractiveAnswerer(engine.settings.answer, engine.text)


def _llm(engine):
    return LLMAnswerer(ScriptedLLM("클라우드매트릭스 384는 910C 칩 384개를 장착했다 [1]."), fallback=_extractive(engine))


ANSWERERS = pytest.mark.parametrize("make", [_extractive, _llm], ids=["extractive", "llm"])


def _check(answer, prepared: PreparedQuestion):
    ids = {p.id for p in prepared.passages}
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers <= ids
    assert {c.id for c in answer.citations} == markers
    for c in answer.citations:
        p = next(p for p in prepared.passages if p.id == c.id)
        assert c.text == p.text and c.chunk_id == p.chunk_id
        assert c.quote is None or c.quote in c.text
    assert answer.passages == list(prepared.passages)
    assert answer.language == prepared.language and answer.retrieval_query == prepared.retrieval_query
    assert set(answer.timings_ms) >= {"retrieve", "generate", "total"}
    assert answer.abstained == (not answer.citations)


@ANSWERERS
def test_answer_cites_only_its_passages(make, tiny_engine):
    answerer = make(tiny_engine)
    assert isinstance(answerer, Answerer) and answerer.name
    prepared = tiny_engine.prepare(QUESTION, top_k=3)
    answer = answerer.answer(prepared)
    _check(answer, prepared)
    assert not answer.abstained and answer.mode == answerer.name


@ANSWERERS
def test_stream_deltas_then_one_final(make, tiny_engine):
    answerer = make(tiny_engine)
    prepared = tiny_engine.prepare(QUESTION, top_k=3)
    events = list(answerer.stream(prepared))
    assert [e.type for e in events].count("final") == 1 and events[-1].type == "final"
    final = events[-1].answer
    _check(final, prepared)
    assert "".join(e.text for e in events[:-1]) == final.answer
    assert final.answer == answerer.answer(prepared).answer


@ANSWERERS
def test_unanswerable_question_abstains_without_citations(make, tiny_engine):
    answerer = make(tiny_engine)
    if answerer.name == "llm":
        answerer = LLMAnswerer(ScriptedLLM("제공된 문서에서는 이 질문에 대한 답을 찾을 수 없습니다."),
                               fallback=_extractive(tiny_engine))
    prepared = tiny_engine.prepare("화성 탐사선의 연료 예산은 얼마야?", top_k=3)
    answer = answerer.answer(prepared)
    _check(answer, prepared)
    assert answer.abstained and answer.citations == []
