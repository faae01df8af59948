"""deploy/docker-compose.milvus.yml is not started in CI; its ragqa settings must at least be ones ragqa accepts
and wires to the Milvus stores, and its image must install the milvus extra."""

import yaml

from ragqa import load_settings
from ragqa.index.milvus import MilvusKeywordStore, MilvusVectorStore
from ragqa.wiring import make_index_backends
from tests.conftest import REPO


def test_compose_settings_select_the_milvus_server(monkeypatch):
    compose = yaml.safe_load((REPO / "deploy" / "docker-compose.milvus.yml").read_text())
    ragqa = compose["services"]["ragqa"]
    assert ragqa["build"]["args"]["EXTRAS"] == "milvus" and "ARG EXTRAS" in (REPO / "Dockerfile").read_text()
    for key, value in ragqa["environment"].items():
        monkeypatch.setenv(key, value)
    settings = load_settings()
    assert settings.index.backend == "milvus" and settings.index.milvus_uri == "http://milvus:19530"
    backends = make_index_backends(settings)
    assert issubclass(backends.vector, MilvusVectorStore) and backends.vector.uri == "http://milvus:19530"
    assert issubclass(backends.keyword, MilvusKeywordStore) and backends.keyword.prefix == "ragqa"
    assert "milvus" in compose["services"] and ragqa["depends_on"]["milvus"]["condition"] == "service_healthy"
