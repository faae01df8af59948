"""`ragqa serve` as users run it: a real process that listens at once and loads behind /readyz."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.integration


def test_serve_listens_at_once_and_names_what_is_loading(real_engine, real_settings, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAGQA_LLM__")}
    env.update(RAGQA_INDEX__DIR=str(real_settings.index.dir), RAGQA_CORPUS__DIR=str(real_settings.corpus.dir),
               RAGQA_DATA__DIR=str(tmp_path / "data"))
    ragqa = Path(sys.executable).with_name("ragqa")
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([str(ragqa), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-build"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        seen_loading, health_before_ready = set(), False
        while time.monotonic() < deadline:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                r = httpx.get(url + "/readyz", timeout=5)
            except httpx.TransportError:
                time.sleep(0.01)
                continue
            if r.status_code == 200:
                break
            assert r.status_code == 503 and r.json()["status"] == "loading", r.text
            seen_loading.update(r.json()["loading"] or [])
            health_before_ready = health_before_ready or httpx.get(url + "/healthz", timeout=5).status_code == 200
            time.sleep(0.01)
        assert r.status_code == 200 and r.json()["index"]["ready"], r.text
        # /healthz answered while the engine was still loading (a slow machine shows the parts; a fast one may not)
        assert health_before_ready or not seen_loading
        assert seen_loading <= {"embedder", "tokenizer", "index", "warm-up"}
        ans = httpx.post(url + "/v1/ask", json={"question": "화웨이가 WAIC에서 공개한 컴퓨팅 시스템은?"}, timeout=60).json()
        assert "384" in ans["answer"] and ans["citations"]
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()
