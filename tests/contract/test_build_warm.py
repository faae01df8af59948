"""The ingest caches the term bridge's corpus-term vectors before it swaps a build in, so the server that loads
the build embeds none of them: ``build_index(warm=…)`` gets the sentence tokens the new build adds (all of them
for a full build, the new segment's for a segmented one) while ``current`` still names the old build, and
:meth:`Engine.build` embeds their terms into the index's embedding cache; a failure there costs only the cache."""

import json
import logging
import shutil

import numpy as np
import pytest

from ragqa.index.builder import build_index
from ragqa.index.store import CURRENT, resolve_current
from ragqa.retrieval.bridge import BridgeTuning, corpus_terms
from ragqa.wiring import build_engine, make_index_backends
from tests.conftest import CORPUS, HashEmbedder
from tests.contract.test_incremental_ingest import NEW_DOC
from tests.contract.test_segments import _settings

pytestmark = pytest.mark.timeout(300)


class _Recording(HashEmbedder):
    """The fake embedder, noting every text it embeds as a query; ``broken`` makes query embedding fail."""

    def __init__(self, broken: bool = False) -> None:
        super().__init__()
        self.queries: list[str] = []
        self.broken = broken

    def embed_queries(self, texts):
        if self.broken:
            raise RuntimeError("embedder fell over")
        self.queries.extend(texts)
        return super().embed_queries(texts)


def _corpus(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")


def _tokens(build_dir):
    return json.loads((build_dir / "sentence_tokens.json").read_text(encoding="utf-8"))


def _engine(settings, text_processor, embedder):
    engine = build_engine(settings, embedder=embedder, text=text_processor, llm=None)
    engine.bridge = BridgeTuning(threshold=0.9, weight=0.5, embedder=embedder.identity)  # the fake has no shipped one
    return engine


def test_warm_gets_the_new_builds_tokens_before_the_swap(tmp_path, text_processor):
    _corpus(tmp_path)
    settings = _settings(tmp_path, "index", "faiss-flat")
    calls = []

    def warm(tokens):
        link = settings.index.dir / CURRENT
        calls.append((tokens, resolve_current(settings.index.dir) if link.exists() else None))

    first = build_index(settings, HashEmbedder(), text_processor, make_index_backends(settings), warm=warm)
    assert len(calls) == 1 and calls[0][1] is None  # nothing served yet
    assert calls[0][0] == _tokens(first.build_dir)  # a full build: every sentence's tokens

    (tmp_path / "corpus" / "zz_new.md").write_text(NEW_DOC, encoding="utf-8")
    second = build_index(settings, HashEmbedder(), text_processor, make_index_backends(settings), warm=warm)
    assert second.segments == 2 and len(calls) == 2
    tokens, served = calls[1]
    assert served == first.build_dir  # the new build was not yet current
    new_segment = sorted((second.build_dir / "segments").iterdir())[-1]
    assert tokens == _tokens(new_segment)  # only what the new segment adds
    assert any("라마" in t for t in tokens) and len(tokens) < len(calls[0][0]) / 10
    assert "warm" in second.timings


def test_after_an_ingest_the_server_embeds_no_corpus_term(tmp_path, text_processor):
    _corpus(tmp_path)
    settings = _settings(tmp_path, "index", "faiss-flat")
    ingest = _Recording()
    _engine(settings, text_processor, ingest).build(serve=False)  # what `ragqa ingest` does
    build_dir = resolve_current(settings.index.dir)
    terms = corpus_terms(_tokens(build_dir))
    assert len(terms) > 100 and set(terms) <= set(ingest.queries)

    server = _Recording()
    engine = _engine(settings, text_processor, server)
    engine.start(build="never", watch=False)
    try:
        _, retriever = engine._require()
        assert retriever.bridge is not None and retriever.bridge.terms == terms
        assert not set(terms) & set(server.queries)  # read back from the cache, none embedded again
    finally:
        engine.close()


def test_without_the_warm_the_first_load_embeds_the_terms(tmp_path, text_processor):
    # the counterpart of the test above: a build made with no warm leaves the terms to the server
    _corpus(tmp_path)
    settings = _settings(tmp_path, "index", "faiss-flat")
    build = build_index(settings, HashEmbedder(), text_processor, make_index_backends(settings))
    server = _Recording()
    engine = _engine(settings, text_processor, server)
    engine.start(build="never", watch=False)
    try:
        assert set(corpus_terms(_tokens(build.build_dir))) <= set(server.queries)
    finally:
        engine.close()


def test_a_failing_warm_still_swaps_the_build_in(tmp_path, text_processor, caplog):
    _corpus(tmp_path)
    settings = _settings(tmp_path, "index", "faiss-flat")
    with caplog.at_level(logging.WARNING, logger="ragqa.engine"):
        report = _engine(settings, text_processor, _Recording(broken=True)).build(serve=False)
    assert resolve_current(settings.index.dir) == report.build_dir and report.chunks > 0
    assert "corpus terms not cached" in caplog.text
    server = _Recording()
    engine = _engine(settings, text_processor, server)
    engine.start(build="never", watch=False)  # the server embeds the terms itself and serves
    try:
        assert engine.retrieve("화웨이 클라우드매트릭스", top_k=3).passages
        assert np.isfinite([p.score for p in engine.retrieve("What did Huawei show?", top_k=3).passages]).all()
    finally:
        engine.close()
