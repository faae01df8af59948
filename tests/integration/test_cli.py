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
