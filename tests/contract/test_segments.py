"""Segmented incremental ingest (``ragqa.index.segments``) on every file-based vector store (FAISS Flat,
FAISS IVF: the new segment copies the first one's training, FAISS HNSW): a build that adds one segment
for the changed documents serves what a full rebuild (``--force``) of the same corpus serves, by chunk and
by score, over a sequence of ingests; only the changed documents are read, the other segments are hard
links to the previous build's files; past the segment limit the later segments fold into one, past the share
limit the build compacts into a plain one; a corrupted linked
file is caught; an ingest that fails half-way leaves the served build as it was."""

import json
import os
import shutil

import numpy as np
import pytest

from ragqa.index import builder
from ragqa.index.builder import build_index, index_status
from ragqa.index.segments import SEGMENT_ROWS
from ragqa.index.store import CURRENT
from ragqa.wiring import build_engine, make_index_backends
from tests.conftest import CORPUS, HashEmbedder
from tests.contract.test_incremental_ingest import BACKENDS, FIRST, MIDDLE, NEW_DOC, QUESTIONS, _change
from tests.contract.test_incremental_ingest import _settings as _base_settings

pytestmark = pytest.mark.timeout(300)

FILE_BACKENDS = [b for b in BACKENDS if BACKENDS[b].get("backend") != "milvus"]  # Milvus builds are never segmented
EACH_BACKEND = pytest.mark.parametrize("backend", FILE_BACKENDS, ids=FILE_BACKENDS)


def _settings(tmp_path, name, backend, **index):
    settings = _base_settings(tmp_path, name, backend, max_segments=index.pop("max_segments", 8))
    # Fusion pinned to rrf_k 60 and unit weights: the fused-score tolerance of ``_same`` (a near-tie deep in
    # one ranker's list breaking the other way) is sized for it; the shipped k=10, keyword 1.5 makes one
    # such rank step up to ~.003. What is compared here is the segments against a full build, not fusion.
    retrieval = settings.retrieval.model_copy(update={"rrf_k": 60, "dense_weight": 1.0, "sentence_weight": 1.0,
                                                      "keyword_weight": 1.0})
    return settings.model_copy(update={"retrieval": retrieval, "index": settings.index.model_copy(
        update={"max_segment_share": index.pop("max_segment_share", 1.0), **index})})


def _build(settings, text_processor, force=False, embedder=None):
    return build_index(settings, embedder or HashEmbedder(), text_processor, make_index_backends(settings),
                       force=force)


def _manifest(settings):
    return json.loads(((settings.index.dir / CURRENT).resolve() / "manifest.json").read_text())


def _served(settings, text_processor):
    """What a freshly started engine serves, by chunk id (positions differ between layouts): fused passages
    with scores, extractive answers, and each store's own top 10 with scores."""
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="never", watch=False)
    out, fused = [], []
    try:
        index, _ = engine._require()
        out.append(sorted((d.path, d.doc_id) for d in index.documents))
        out.append(len(index.chunks))
        for q in QUESTIONS:
            fused.append(sorted((p.chunk_id, p.score) for p in engine.retrieve(q, top_k=8).passages))
            vec = HashEmbedder().embed_queries([q])[0]
            ids, scores = index.chunk_vectors.search(vec, 10)
            out.append([(index.chunks[i].chunk_id, round(float(s), 4)) for i, s in zip(ids, scores, strict=True)])
            ids, scores = index.sentence_vectors.search(vec, 10)
            owner = index.sentence_owner
            out.append([(index.chunks[owner[i][0]].chunk_id, int(owner[i][1]), round(float(s), 4))
                        for i, s in zip(ids, scores, strict=True)])
            ids, scores = index.keyword.search(text_processor.tokenize(q), 10)
            out.append(sorted((index.chunks[i].chunk_id, round(float(s), 4)) for i, s in zip(ids, scores, strict=True)))
        out.append([engine.ask(q, mode="extractive").answer for q in QUESTIONS[:4]])
        # every stored vector, by chunk (and sentence), exactly as added
        chunk_rows = index.chunk_vectors.get(np.arange(len(index.chunks)))
        out.append(sorted((c.chunk_id, v.tobytes()) for c, v in zip(index.chunks, chunk_rows, strict=True)))
        sent_rows = index.sentence_vectors.get(np.arange(len(index.sentence_owner)))
        out.append(sorted((index.chunks[ci].chunk_id, int(si), v.tobytes())
                          for (ci, si), v in zip(index.sentence_owner, sent_rows, strict=True)))
    finally:
        engine.close()
    return out, fused


def _same(a, b, exact=True):
    """Two ``_served`` results agree: everything equal, and the fused passages the same chunks with the same
    scores (``exact``); or, when a changed document moved to the end (its rows then follow the others', so
    equal scores across documents rank in another order), each store's scores equal with the same rows
    above a tie at the cut, and fused scores within 0.002 (a near-tie deep in a ranker's list breaking the
    other way: rank 20 vs 21 in RRF moves a score by ~0.0002)."""
    if exact:
        assert a[0] == b[0]
    else:  # a store's top 10: equal scores may come in another order, and a tie at the cut may differ
        for x, y in zip(a[0], b[0], strict=True):
            if isinstance(x, list) and x and isinstance(x[0], tuple) and isinstance(x[0][-1], float):
                assert sorted(e[-1] for e in x) == sorted(e[-1] for e in y)
                cut = min(e[-1] for e in x)
                assert {e for e in x if e[-1] > cut} == {e for e in y if e[-1] > cut}
            else:
                assert x == y
    for x, y in zip(a[1], b[1], strict=True):
        if exact:
            assert [(c, round(s, 5)) for c, s in x] == [(c, round(s, 5)) for c, s in y]
            continue
        dx, dy = dict(x), dict(y)
        for c in dx.keys() & dy.keys():
            assert abs(dx[c] - dy[c]) <= 0.002, (c, dx[c], dy[c])
        for d, c in [(dx, c) for c in dx.keys() - dy.keys()] + [(dy, c) for c in dy.keys() - dx.keys()]:
            assert d[c] <= min(d.values()) + 0.002, (c, d[c])  # only a near-tie at the cut may differ
    return True


def _full(tmp_path, backend, text_processor, name):
    settings = _settings(tmp_path, name, backend)
    shutil.rmtree(settings.index.dir, ignore_errors=True)
    return settings, _build(settings, text_processor, force=True)


@EACH_BACKEND
@pytest.mark.parametrize("kind", ["add", "replace", "delete"])
def test_a_segmented_ingest_serves_what_a_full_rebuild_serves(tmp_path, text_processor, backend, kind):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    inc = _settings(tmp_path, "inc", backend)
    first = _build(inc, text_processor)
    _change(tmp_path / "corpus", kind)
    embedder = HashEmbedder()
    report = _build(inc, text_processor, embedder=embedder)
    full_settings, full = _full(tmp_path, backend, text_processor, "full")
    manifest = _manifest(inc)
    assert report.mode == "incremental" and manifest["layout"] == "segments"
    assert [s["id"] for s in manifest["segments"]][0] == first.build_dir.name
    expected = {"add": (1, 0, 0, 5), "replace": (0, 1, 0, 4), "delete": (0, 0, 1, 4)}[kind]
    assert tuple(report.changes[k] for k in ("added", "changed", "removed", "unchanged")) == expected
    assert (report.chunks, report.sentences, report.stats) == (full.chunks, full.sentences, full.stats)
    assert manifest["counts"] == _manifest(full_settings)["counts"]
    assert len(manifest["segments"]) == (1 if kind == "delete" else 2)
    if kind == "delete":
        assert report.chunks_embedded == 0 and manifest["segments"][0]["dead"] == [FIRST]
    else:
        assert 0 < report.chunks_embedded < report.chunks / 3
        assert embedder.embedded_texts <= report.chunks_embedded * 12
    assert manifest["vector_index"] == _manifest(full_settings)["vector_index"]
    assert _same(_served(inc, text_processor), _served(full_settings, text_processor), exact=kind != "replace")


@EACH_BACKEND
def test_a_sequence_of_ingests_adds_segments_then_folds_them(tmp_path, text_processor, backend):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    inc = _settings(tmp_path, "inc", backend, max_segments=3)
    _build(inc, text_processor)
    steps = [
        lambda: _change(corpus, "add"),                                               # -> 2 segments
        lambda: (corpus / "zz_new.md").write_text(NEW_DOC + "\n라마는 하루에 풀을 4킬로그램 먹는다.\n",
                                                  encoding="utf-8"),                  # -> 3: replaces a delta doc
        lambda: _change(corpus, "replace"),                                           # 3 reached: folds
        lambda: _change(corpus, "delete"),                                            # dead rows, no segment
    ]
    layouts = []
    for i, step in enumerate(steps):
        step()
        report = _build(inc, text_processor)
        assert report.mode == "incremental"
        manifest = _manifest(inc)
        layouts.append(len(manifest.get("segments", [None])))
        full_settings, full = _full(tmp_path, backend, text_processor, f"full{i}")
        assert (report.chunks, report.sentences, report.stats) == (full.chunks, full.sentences, full.stats)
        assert _same(_served(inc, text_processor), _served(full_settings, text_processor), exact=False), f"step {i}"
    assert layouts == [2, 3, 2, 2]  # the 3rd ingest folds the 2nd and 3rd segments; a deletion marks rows dead
    assert "512마리" in " ".join(p.text for p in _engine_passages(inc, text_processor, "라마 농장의 개체 수는?"))


@pytest.mark.parametrize("limit", [{"max_segment_share": 0.05}, {"max_segments": 1}], ids=["share", "segments"])
def test_past_its_limits_an_ingest_compacts_into_a_plain_build(tmp_path, text_processor, limit):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    inc = _settings(tmp_path, "inc", "faiss-flat", **limit)
    _build(inc, text_processor)
    _change(tmp_path / "corpus", "replace")
    embedder = HashEmbedder()
    report = _build(inc, text_processor, embedder=embedder)
    assert report.mode == "incremental" and "layout" not in _manifest(inc)
    assert 0 < report.chunks_embedded < report.chunks / 3 and embedder.embedded_texts <= report.chunks_embedded * 12
    full_settings, _ = _full(tmp_path, "faiss-flat", text_processor, "full")
    assert _same(_served(inc, text_processor), _served(full_settings, text_processor))


def _engine_passages(settings, text_processor, question):
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="never", watch=False)
    try:
        return engine.retrieve(question, top_k=3).passages
    finally:
        engine.close()


def test_only_changed_documents_are_read_and_other_segments_are_linked(tmp_path, text_processor, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = _settings(tmp_path, "index", "faiss-flat")
    first = _build(settings, text_processor)
    _change(corpus, "replace")
    loaded, hashed = [], []
    load, file_hash = builder.load_document, builder.file_hash
    monkeypatch.setattr(builder, "load_document", lambda root, path: loaded.append(path.name) or load(root, path))

    def counting_hash(path, recorded=None, st=None):
        digest = file_hash(path, recorded, st)
        if recorded is None or digest != recorded.get("content_hash") or \
                recorded.get("mtime_ns") != path.stat().st_mtime_ns:
            hashed.append(path.name)
        return digest

    monkeypatch.setattr(builder, "file_hash", counting_hash)
    report = _build(settings, text_processor)
    assert report.mode == "incremental" and loaded == [MIDDLE] and set(hashed) == {MIDDLE}
    new = (settings.index.dir / CURRENT).resolve()
    base = new / "segments" / first.build_dir.name
    for name in ("chunks.jsonl", "chunk_vectors.faiss", "sentence_tokens.json", "keyword/keyword_meta.json"):
        assert os.stat(base / name).st_ino == os.stat(first.build_dir / name).st_ino, name
    assert (base / SEGMENT_ROWS).is_file()
    # the previous build can go: the new one keeps its own names for the linked files
    shutil.rmtree(first.build_dir)
    assert index_status(settings, HashEmbedder(), text_processor, make_index_backends(settings)) == "fresh"
    assert "512마리" in " ".join(p.text for p in _engine_passages(settings, text_processor, "라마 농장의 개체 수는?"))


def test_a_full_rebuild_of_a_segmented_build_counts_its_documents_as_unchanged(tmp_path, text_processor):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = _settings(tmp_path, "index", "faiss-flat")
    _build(settings, text_processor)
    _change(tmp_path / "corpus", "add")
    assert _build(settings, text_processor).segments == 2
    forced = _build(settings, text_processor, force=True)
    assert forced.mode == "full" and forced.segments == 1
    assert forced.changes == {"added": 0, "changed": 0, "removed": 0, "unchanged": 6}


def test_a_corrupted_linked_file_is_caught_and_rebuilt(tmp_path, text_processor):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = _settings(tmp_path, "index", "faiss-flat")
    first = _build(settings, text_processor)
    _change(tmp_path / "corpus", "add")
    _build(settings, text_processor)
    linked = (settings.index.dir / CURRENT).resolve() / "segments" / first.build_dir.name / "chunks.jsonl"
    data = linked.read_bytes()
    linked.write_bytes(data.replace("인공지능".encode(), "인공지릉".encode(), 1))
    backends = make_index_backends(settings)
    assert index_status(settings, HashEmbedder(), text_processor, backends) == "corrupt"
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    with pytest.raises(Exception, match="changed or missing"):
        engine.start(build="never", watch=False)
    engine.close()
    report = _build(settings, text_processor)
    assert report.mode == "full"
    assert index_status(settings, HashEmbedder(), text_processor, backends) == "fresh"


def test_an_ingest_that_fails_half_way_leaves_the_served_build(tmp_path, text_processor, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = _settings(tmp_path, "index", "faiss-flat")
    first = _build(settings, text_processor)
    before = _served(settings, text_processor)
    _change(tmp_path / "corpus", "add")

    def broken(self, directory):
        raise OSError("disk full")

    monkeypatch.setattr(builder.SegmentRows, "write", broken)
    with pytest.raises(OSError, match="disk full"):
        _build(settings, text_processor)
    monkeypatch.undo()
    assert (settings.index.dir / CURRENT).resolve() == first.build_dir
    assert _same(_served(settings, text_processor), before)
    report = _build(settings, text_processor)
    assert report.mode == "incremental" and _manifest(settings)["layout"] == "segments"
    assert not list((settings.index.dir / "builds").glob(".tmp-*"))


def test_a_build_of_an_older_version_becomes_the_first_segment(tmp_path, text_processor):
    """A plain build written before segment_rows.json existed: its chunks are read once and the file is
    added to the new build's copy of that segment (the old build is not changed)."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = _settings(tmp_path, "index", "faiss-flat")
    first = _build(settings, text_processor)
    manifest = json.loads((first.build_dir / "manifest.json").read_text())
    (first.build_dir / SEGMENT_ROWS).unlink()
    del manifest["files"][SEGMENT_ROWS], manifest["file_stats"][SEGMENT_ROWS]
    (first.build_dir / "manifest.json").write_text(json.dumps(manifest))
    _change(tmp_path / "corpus", "add")
    report = _build(settings, text_processor)
    assert report.mode == "incremental" and _manifest(settings)["layout"] == "segments"
    assert not (first.build_dir / SEGMENT_ROWS).exists()
    assert ((settings.index.dir / CURRENT).resolve() / "segments" / first.build_dir.name / SEGMENT_ROWS).is_file()
    full_settings, _ = _full(tmp_path, "faiss-flat", text_processor, "full")
    assert _same(_served(settings, text_processor), _served(full_settings, text_processor))
