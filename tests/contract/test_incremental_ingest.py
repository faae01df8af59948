"""Incremental ingest on every index backend (FAISS Flat, FAISS IVF (training reused), FAISS HNSW (graph
rebuilt from the exact rows), real Milvus Lite, FLAT and IVF_FLAT (rows deleted and inserted in the
collection, its index type kept)): adding,
replacing and deleting a document gives the build a full rebuild (`--force`) of the same corpus gives
(same chunks, same retrieved passages and scores for the held-out questions, same answers), served again
after a reload; readers of the current build see no error while an incremental ingest runs."""

import json
import shutil
import threading

import pytest

from ragqa import load_settings
from ragqa.index.builder import build_index
from ragqa.index.store import CURRENT, read_jsonl
from ragqa.wiring import build_engine, make_index_backends
from tests.conftest import CORPUS, REPO, HashEmbedder, reaped

pytestmark = pytest.mark.timeout(300)

BACKENDS = {
    "faiss-flat": {},
    "faiss-ivf": {"faiss_factory": "IVF16,Flat", "ivf_nprobe": 16},  # every list probed: exact, comparable
    "faiss-hnsw": {"faiss_factory": "HNSW32", "hnsw_ef_search": 256},
    "milvus-lite": {"backend": "milvus"},
    "milvus-lite-ivf": {"backend": "milvus", "milvus_index": "IVF_FLAT", "milvus_nlist": 4},  # updated in place
}
EACH_BACKEND = pytest.mark.parametrize("backend", list(BACKENDS), ids=list(BACKENDS))
QUESTIONS = [json.loads(line)["question"]
             for line in (REPO / "benchmarks" / "data" / "qa_heldout.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()][:12]
FIRST, MIDDLE = sorted(p.name for p in CORPUS.glob("*.md"))[0], sorted(p.name for p in CORPUS.glob("*.md"))[2]
NEW_DOC = """---
title: 라마 농장 보고서
---
라마 농장의 개체 수는 512마리이다. 농장은 2019년에 세워졌으며 인공지능 사료 관리 시스템을 도입했다.

농장 운영자는 WAIC 2025에서 소개된 로봇을 보고 자동 급식 장치를 주문했다고 밝혔다.
"""


def _settings(tmp_path, name, backend, max_segments=1, **more):
    """Settings for one index; ``max_segments`` 1 by default: these tests are about the full-layout
    incremental build (what compacting a segmented build does); tests/contract/test_segments.py covers
    the segmented one."""
    if BACKENDS[backend].get("backend") == "milvus":
        pytest.importorskip("pymilvus")
    return load_settings(corpus={"dir": tmp_path / "corpus"},
                         index={"dir": tmp_path / name, "cache_dir": tmp_path / "cache", "max_segments": max_segments,
                                **BACKENDS[backend]},
                         data={"dir": tmp_path / "data"}, answer={"abstain_dense": 0.2}, **more)


def _build(settings, text_processor, force=False, embedder=None):
    return build_index(settings, embedder or HashEmbedder(), text_processor, make_index_backends(settings),
                       force=force)


def _served(settings, text_processor):
    """What a freshly started engine serves from the current build (so: persisted, reloaded from disk)."""
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="never", watch=False)
    try:
        passages = [sorted((p.chunk_id, round(p.score, 5)) for p in engine.retrieve(q, top_k=8).passages)
                    for q in QUESTIONS]
        answers = [engine.ask(q, mode="extractive").answer for q in QUESTIONS[:4]]
        index, _ = engine._require()
        for q in QUESTIONS:  # each store on its own, beside the fused ranking
            vec = HashEmbedder().embed_queries([q])[0]
            for store in (index.chunk_vectors, index.sentence_vectors):
                ids, scores = store.search(vec, 10)
                passages.append(sorted(zip(ids.tolist(), [round(float(x), 4) for x in scores], strict=True)))
            ids, scores = index.keyword.search(text_processor.tokenize(q), 10)
            passages.append(sorted(zip(ids.tolist(), [round(float(x), 4) for x in scores], strict=True)))
    finally:
        engine.close()
    return passages, answers


def _change(corpus, kind):
    if kind == "add":
        (corpus / "zz_new.md").write_text(NEW_DOC, encoding="utf-8")
    elif kind == "replace":
        path = corpus / MIDDLE
        text = path.read_text(encoding="utf-8")
        cut = len(text) // 2
        path.write_text(text[:cut] + "\n라마 농장의 개체 수는 512마리이다. 농장은 2019년에 세워졌다.\n" + text[cut:],
                        encoding="utf-8")
    else:
        (corpus / FIRST).unlink()


@EACH_BACKEND
@pytest.mark.parametrize("kind", ["add", "replace", "delete"])
def test_incremental_ingest_equals_a_full_rebuild(tmp_path, text_processor, backend, kind):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    inc = _settings(tmp_path, "inc", backend)
    first = _build(inc, text_processor)
    assert first.mode == "full" and first.chunks_embedded == first.chunks
    _change(tmp_path / "corpus", kind)

    embedder = HashEmbedder()
    report = _build(inc, text_processor, embedder=embedder)
    full_settings = _settings(tmp_path, "full", backend)
    full = _build(full_settings, text_processor, force=True)
    assert report.mode == "incremental" and full.mode == "full"
    expected = {"add": (1, 0, 0, 5), "replace": (0, 1, 0, 4), "delete": (0, 0, 1, 4)}[kind]
    assert tuple(report.changes[k] for k in ("added", "changed", "removed", "unchanged")) == expected
    assert report.chunks == full.chunks and report.sentences == full.sentences and report.stats == full.stats
    if kind == "delete":
        assert report.chunks_embedded == 0
    else:
        assert 0 < report.chunks_embedded < report.chunks / 3
    assert report.chunks_reused == report.chunks - report.chunks_embedded
    # only new chunks went through the embedder (the cache is shared with the first build, so nothing did
    # for the texts it saw); unchanged ones came from the current build
    assert embedder.embedded_texts <= report.chunks_embedded * 12

    inc_dir = (inc.index.dir / CURRENT).resolve()
    full_dir = (full_settings.index.dir / CURRENT).resolve()
    for name in ("chunks.jsonl", "duplicate_chunks.jsonl"):
        assert read_jsonl(inc_dir / name) == read_jsonl(full_dir / name), name
    for name in ("sentence_tokens.json", "chunk_tokens.json"):
        assert json.loads((inc_dir / name).read_text()) == json.loads((full_dir / name).read_text()), name
    manifest = json.loads((inc_dir / "manifest.json").read_text())
    assert manifest["ingest"]["mode"] == "incremental" and manifest["ingest"]["from_build"] == first.build_dir.name
    if backend == "milvus-lite-ivf":  # the collection updated in place kept its type
        kinds = json.loads((full_dir / "manifest.json").read_text())["vector_index"]
        assert manifest["vector_index"] == kinds == {"chunk_vectors": "milvus-ip/IVF_FLAT,nlist=4",
                                                     "sentence_vectors": "milvus-ip/IVF_FLAT,nlist=4"}
    assert _served(inc, text_processor) == _served(full_settings, text_processor)


@pytest.mark.parametrize("backend", ["faiss-flat", "milvus-lite"])
def test_readers_of_the_current_build_see_no_error_during_an_incremental_ingest(tmp_path, text_processor, backend):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = _settings(tmp_path, "index", backend)
    first = _build(settings, text_processor)
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="never", watch=False)
    stop, errors, reads = threading.Event(), [], [0]

    def read_loop():
        i = 0
        while not stop.is_set():
            try:
                assert engine.retrieve(QUESTIONS[i % len(QUESTIONS)], top_k=5).passages
                engine.refresh()
                reads[0] += 1
            except Exception as exc:  # noqa: BLE001 - any failure is what this test counts
                errors.append(repr(exc))
            i += 1

    reader = threading.Thread(target=read_loop)
    reader.start()
    try:
        _change(tmp_path / "corpus", "replace")
        report = _build(settings, text_processor)
        (tmp_path / "corpus" / "zz_new.md").write_text(NEW_DOC, encoding="utf-8")
        again = _build(settings, text_processor)
        while engine.status()["build"] != again.build_dir.name and not errors:
            engine.refresh()
        stop.set()
        reader.join(timeout=60)
        assert "512마리" in " ".join(p.text for p in engine.retrieve("라마 농장의 개체 수는?", top_k=3).passages)
    finally:
        stop.set()
        reader.join(timeout=60)
        engine.close()
    assert errors == [] and reads[0] > 0
    assert report.mode == again.mode == "incremental" and report.build_dir != first.build_dir


def test_a_duplicate_dropped_from_a_document_comes_back_when_the_first_copy_changes(tmp_path, text_processor):
    shared = "두 문서에 똑같이 실린 문단으로, 코퍼스 전체의 중복 제거에서는 뒤에 나오는 문서의 사본이 빠지게 된다."
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(f"에이 문서의 첫 문단은 이 문서에만 있는 내용으로 오십 자가 넘도록 일부러 아주 길게 늘여서 쓴 문장이다.\n{shared}\n",
                                 encoding="utf-8")
    (corpus / "b.md").write_text(f"{shared}\n비 문서만의 문단도 오십 자가 넘어서 한 문장이 한 청크가 되도록 일부러 아주 길게 늘여서 쓴 문장이다.\n",
                                 encoding="utf-8")
    one_sentence_chunks = {"chunking": {"target_chars": 50, "max_chars": 200, "overlap_sentences": 0}}
    inc = _settings(tmp_path, "inc", "faiss-flat", **one_sentence_chunks)
    assert _build(inc, text_processor).stats["chunks_deduplicated"] == 1
    (corpus / "a.md").write_text("에이 문서는 이제 완전히 다른 내용이 되었고 공유하던 문단은 더 이상 들어 있지 않은 문장이다.\n",
                                 encoding="utf-8")
    report = _build(inc, text_processor)
    full_settings = _settings(tmp_path, "full", "faiss-flat", **one_sentence_chunks)
    full = _build(full_settings, text_processor, force=True)
    assert report.mode == "incremental" and report.changes["changed"] == 1 and report.changes["unchanged"] == 1
    assert report.stats == full.stats and full.stats["chunks_deduplicated"] == 0
    chunks = read_jsonl((inc.index.dir / CURRENT).resolve() / "chunks.jsonl")
    assert chunks == read_jsonl((full_settings.index.dir / CURRENT).resolve() / "chunks.jsonl")
    assert any(c["doc_id"] == "b" and shared in c["text"] for c in chunks)
    assert _served(inc, text_processor) == _served(full_settings, text_processor)


def test_other_settings_or_force_make_a_full_build(tmp_path, text_processor):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    flat = _settings(tmp_path, "index", "faiss-flat")
    _build(flat, text_processor)
    _change(tmp_path / "corpus", "add")
    assert _build(flat, text_processor, force=True).mode == "full"
    _change(tmp_path / "corpus", "delete")
    # another vector index type: no re-embedding (rows read back), but a new index of the new type
    hnsw = _settings(tmp_path, "index", "faiss-hnsw")
    embedder = HashEmbedder()
    report = _build(hnsw, text_processor, embedder=embedder)
    assert report.mode == "incremental" and report.chunks_embedded == 0 and embedder.embedded_texts == 0
    manifest = json.loads((hnsw.index.dir / CURRENT / "manifest.json").read_text())
    assert manifest["vector_index"]["chunk_vectors"] == "faiss-ip/HNSW32"
    # another chunking: everything is chunked and embedded again
    rechunked = load_settings(corpus={"dir": tmp_path / "corpus"},
                              index={"dir": tmp_path / "index", "cache_dir": tmp_path / "cache"},
                              chunking={"target_chars": 120, "max_chars": 300, "overlap_sentences": 0})
    assert _build(rechunked, text_processor).mode == "full"


def test_another_milvus_index_type_reuses_the_rows_in_a_new_collection(tmp_path, text_processor):
    from ragqa.errors import IndexMismatch

    shutil.copytree(CORPUS, tmp_path / "corpus")
    flat = _settings(tmp_path, "index", "milvus-lite")
    _build(flat, text_processor)
    ivf = _settings(tmp_path, "index", "milvus-lite-ivf")
    engine = build_engine(ivf, embedder=HashEmbedder(), text=text_processor, llm=None)
    with pytest.raises(IndexMismatch) as err:  # the served build is refused under the new type...
        engine.start(build="never", watch=False)
    engine.close()
    assert ("vector_index: index has {'chunk_vectors': 'milvus-flat-ip', 'sentence_vectors': 'milvus-flat-ip'}, "
            "settings want {'chunk_vectors': 'milvus-ip/IVF_FLAT,nlist=4'") in str(err.value)
    embedder = HashEmbedder()
    report = _build(ivf, text_processor, embedder=embedder)  # ...and rebuilt from its rows, nothing embedded
    assert report.mode == "incremental" and report.chunks_embedded == 0 and embedder.embedded_texts == 0
    manifest = json.loads((ivf.index.dir / CURRENT / "manifest.json").read_text())
    assert manifest["vector_index"] == {"chunk_vectors": "milvus-ip/IVF_FLAT,nlist=4",
                                        "sentence_vectors": "milvus-ip/IVF_FLAT,nlist=4"}
    full = _settings(tmp_path, "full", "milvus-lite-ivf")
    _build(full, text_processor, force=True)
    assert _served(ivf, text_processor) == _served(full, text_processor)


KILLED_DURING_SAVE = """
import time
from ragqa import load_settings
from ragqa.index.builder import build_index
from ragqa.index.vector import FaissVectorIndex
from ragqa.text.korean import KoreanTextProcessor
from ragqa.wiring import make_index_backends
from tests.conftest import HashEmbedder

save = FaissVectorIndex.save
def stalled(self, path):
    save(self, path)
    print("wrote", path.parent.name, flush=True)
    time.sleep(120)
FaissVectorIndex.save = stalled
settings = load_settings()
build_index(settings, HashEmbedder(), KoreanTextProcessor(), make_index_backends(settings))
"""


def test_kill_9_during_an_incremental_ingest_leaves_the_old_build_served(tmp_path, text_processor):
    import os
    import signal
    import subprocess
    import sys

    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = _settings(tmp_path, "index", "faiss-flat")
    first = _build(settings, text_processor)
    before = _served(settings, text_processor)
    _change(tmp_path / "corpus", "replace")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
           "RAGQA_CORPUS__DIR": str(tmp_path / "corpus"), "RAGQA_INDEX__DIR": str(settings.index.dir),
           "RAGQA_INDEX__CACHE_DIR": str(tmp_path / "cache"), "RAGQA_DATA__DIR": str(tmp_path / "data")}
    child = subprocess.Popen([sys.executable, "-c", KILLED_DURING_SAVE], stdout=subprocess.PIPE, text=True,
                             env=env, cwd=REPO)
    with reaped(child):
        line = child.stdout.readline().split()
        assert line[:1] == ["wrote"] and line[1].startswith(".tmp-"), line
        assert (settings.index.dir / "builds" / line[1]).is_dir()  # half-written, not yet renamed
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert (settings.index.dir / CURRENT).resolve() == first.build_dir
    assert _served(settings, text_processor) == before  # the old build, intact (checksums verified at load)
    report = _build(settings, text_processor)
    assert report.mode == "incremental" and report.changes["changed"] == 1
    assert not list((settings.index.dir / "builds").glob(".tmp-*"))
    assert _served(settings, text_processor) != before
