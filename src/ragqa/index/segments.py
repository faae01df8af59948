"""Segmented builds: an incremental ingest that writes only what changed.

A full build (and the full-layout incremental build of :mod:`ragqa.index.incremental`) rewrites every
file of the index: at 10^5 chunks that is hundreds of MB written, checksummed and read back, tens of
seconds for one changed document. A *segmented* build instead consists of immutable segments::

    builds/<id>/manifest.json            layout "segments": the segments, in order, and per segment the
                                         paths of its documents that are no longer live
    builds/<id>/segments/<segment id>/   a segment: the files of a plain build (documents.jsonl,
                                         chunks.jsonl, vectors, tokens, keyword/, duplicate_chunks.jsonl)
                                         plus segment_rows.json (below)

An incremental ingest hard-links the current build's segments into the new build directory (a plain build
becomes the first segment), writes one new segment holding only the new and changed documents, and marks
the replaced and removed documents dead in the segments that hold them. Nothing of the other documents is
read, copied, re-hashed or re-embedded, so its cost is that of the changed documents plus small per-document
metadata. Hard links keep every build a self-contained directory: removing an old build removes names, not
the files another build still links, and segment files are never written again once a build is swapped in.

Loading a segmented build (:func:`open_segments`) presents the live rows of all segments as one index: chunk
and sentence positions are consecutive over the live rows, each vector store is searched per segment with
dead rows filtered out (:class:`SegmentedVectors`; scores are exact inner products or refined ones, so
segments merge by score), and BM25 is built at load time over the live chunks' stored tokens, so its
document frequencies and average length are those of the whole live corpus, as in a full build. Only the
order of chunks differs from a full build (changed documents come last).

When a delta is not worth it or not exact, the builder compacts instead (a full-layout incremental build
from this one, which reuses every vector): ``--force``; more segments than ``RAGQA_INDEX__MAX_SEGMENTS``;
dead rows plus rows outside the first segment above ``RAGQA_INDEX__MAX_SEGMENT_SHARE`` of the live rows
(search would filter too much); a vector type the
settings would now choose differently (``auto`` crossing a size); or chunks duplicated across segments (a
full build keeps the first copy in corpus order, which a delta cannot decide without the other document).

Written by hand: llama-index's vector stores have no notion of immutable segments with deletions over an
exact FAISS layout, and FAISS's own ``IndexShards`` neither filters deleted rows nor keeps per-shard files.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ragqa.index.store import read_jsonl
from ragqa.index.vector import top_k
from ragqa.ingest.dedup import content_key
from ragqa.types import Chunk

log = logging.getLogger(__name__)

LAYOUT = "segments"
SEGMENTS_DIR = "segments"
SEGMENT_ROWS = "segment_rows.json"


def is_segmented(manifest: dict[str, Any]) -> bool:
    return manifest.get("layout") == LAYOUT


@dataclass
class SegmentRows:
    """What an incremental ingest needs to know about a segment without reading its chunks and texts: its
    documents (path, id, content hash, file size and mtime), each chunk's document, sentence count and
    content key, and the content keys of the chunks dropped as duplicates, by document."""

    documents: list[dict[str, Any]]
    chunk_docs: list[str]
    chunk_sentences: list[int]
    chunk_keys: list[str]
    duplicate_keys: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, documents: Sequence[dict[str, Any]], chunks: Sequence[Chunk],
           duplicates: Sequence[Chunk]) -> SegmentRows:
        light = [{k: row.get(k) for k in ("path", "doc_id", "content_hash", "size", "mtime_ns", "stats")}
                 for row in documents]
        return cls(light, [c.doc_id for c in chunks], [len(c.sentences) for c in chunks],
                   [content_key(c.text) for c in chunks], [(c.doc_id, content_key(c.text)) for c in duplicates])

    def write(self, directory: Path) -> None:
        data = {"documents": self.documents, "chunk_docs": self.chunk_docs, "chunk_sentences": self.chunk_sentences,
                "chunk_keys": self.chunk_keys, "duplicate_keys": [list(p) for p in self.duplicate_keys]}
        (directory / SEGMENT_ROWS).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, directory: Path) -> SegmentRows:
        """Read ``segment_rows.json``; a build written before it existed is read from its full files once."""
        path = directory / SEGMENT_ROWS
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["documents"], data["chunk_docs"], data["chunk_sentences"], data["chunk_keys"],
                       [tuple(p) for p in data.get("duplicate_keys", [])])
        log.info("%s has no %s (written by an older version): reading its chunks", directory.name, SEGMENT_ROWS)
        chunks = [Chunk(**row) for row in read_jsonl(directory / "chunks.jsonl")]
        dups_path = directory / "duplicate_chunks.jsonl"
        dups = [Chunk(**row) for row in read_jsonl(dups_path)] if dups_path.exists() else []
        return cls.of(read_jsonl(directory / "documents.jsonl"), chunks, dups)


@dataclass
class Segment:
    """One segment of a build as the manifest lists it: its directory and its dead document paths."""

    id: str
    dir: Path
    dead: set[str]

    def manifest_entry(self) -> dict[str, Any]:
        return {"id": self.id, "dead": sorted(self.dead)}


def segments_of(build_dir: Path, manifest: dict[str, Any]) -> list[Segment]:
    """The segments of a build; a plain build is its own single segment."""
    if not is_segmented(manifest):
        return [Segment(build_dir.name, build_dir, set())]
    return [Segment(s["id"], build_dir / SEGMENTS_DIR / s["id"], set(s.get("dead", [])))
            for s in manifest["segments"]]


def live_documents(segments: Sequence[Segment], rows: Sequence[SegmentRows]) -> dict[str, dict[str, Any]]:
    """path -> the light row (id, hash, size, mtime, stats) of every live document of these segments."""
    live: dict[str, dict[str, Any]] = {}
    for seg, r in zip(segments, rows, strict=True):
        live.update({d["path"]: d for d in r.documents if d["path"] not in seg.dead})
    return live


def position_maps(live: np.ndarray, sentences: np.ndarray, chunk_start: int,
                  sentence_start: int) -> tuple[np.ndarray, np.ndarray]:
    """Segment-local chunk rows and sentence rows -> global positions over the live rows (-1: dead)."""
    cmap = np.full(len(live), -1, dtype=np.int64)
    cmap[live] = chunk_start + np.arange(int(live.sum()), dtype=np.int64)
    smask = np.repeat(live, sentences)
    smap = np.full(len(smask), -1, dtype=np.int64)
    smap[smask] = sentence_start + np.arange(int(smask.sum()), dtype=np.int64)
    return cmap, smap


class SegmentedVectors:
    """A read-only :class:`ragqa.interfaces.VectorStore` over the live rows of several segment stores.

    ``parts`` pairs each segment's store with its map from local rows to global positions (-1 for a dead
    row). A search asks each segment for ``k`` plus as many rows as it has dead (at most ``2k`` at first,
    more only when dead rows crowd the top), drops dead rows, and merges by score with the tie rule of one
    store's search (:func:`ragqa.index.vector.top_k`). ``updated`` (a compaction) builds from the first segment's store, so
    a trained type keeps its training."""

    def __init__(self, parts: Sequence[tuple[Any, np.ndarray]]) -> None:
        self.parts = list(parts)
        first = self.parts[0][0]
        self.dim, self.file_suffix = first.dim, first.file_suffix
        self._dead = [int((m < 0).sum()) for _, m in self.parts]
        n = sum(len(m) - d for (_, m), d in zip(self.parts, self._dead, strict=True))
        self._part = np.full(n, -1, dtype=np.int64)
        self._local = np.full(n, -1, dtype=np.int64)
        for i, (_, m) in enumerate(self.parts):
            rows = np.nonzero(m >= 0)[0]
            self._part[m[rows]] = i
            self._local[m[rows]] = rows

    @property
    def kind(self) -> str:
        return self.parts[0][0].kind

    @classmethod
    def kind_for(cls, n: int, **options: Any) -> str:  # pragma: no cover - never built from settings
        raise NotImplementedError("a segmented store is only ever loaded")

    def __len__(self) -> int:
        return len(self._part)

    def set_search_threads(self, n: int) -> None:
        self.parts[0][0].set_search_threads(n)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(int(k), len(self))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        ids_all, scores_all = [], []
        for (store, m), dead in zip(self.parts, self._dead, strict=True):
            want = min(len(store), k + min(dead, k))
            while True:
                ids, scores = store.search(query, want)
                pos = m[ids]
                keep = pos >= 0
                if int(keep.sum()) >= min(k, len(m) - dead) or want >= len(store):
                    break
                want = min(len(store), want * 2)
            ids_all.append(pos[keep])
            scores_all.append(np.asarray(scores, dtype=np.float32)[keep])
        return top_k(np.concatenate(ids_all), np.concatenate(scores_all), k)

    def get(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros((len(rows), self.dim), dtype=np.float32)
        if not len(rows):
            return out
        if rows.min() < 0 or rows.max() >= len(self):
            raise IndexError(f"rows outside 0..{len(self) - 1}")
        part = self._part[rows]
        for i, (store, _) in enumerate(self.parts):
            sel = part == i
            if sel.any():
                out[sel] = store.get(self._local[rows[sel]])
        return out

    def updated(self, tail: np.ndarray, keep: int = 0) -> Any:
        rows = np.vstack([self.get(np.arange(keep)), np.asarray(tail, dtype=np.float32).reshape(-1, self.dim)])
        return self.parts[0][0].updated(rows, 0)

    def add(self, vectors: np.ndarray) -> None:
        raise NotImplementedError("a segmented store is read-only; an ingest writes a new segment")

    def save(self, path: Path) -> None:
        raise NotImplementedError("a segmented store is read-only; an ingest writes a new segment")

    def close(self) -> None:
        for store, _ in self.parts:
            close = getattr(store, "close", None)
            if close is not None:
                close()


@dataclass
class OpenedSegments:
    """The live rows of a build's segments, as one index (see :func:`open_segments`)."""

    documents: list[dict[str, Any]]  # documents.jsonl rows of the live documents, by path
    chunks: list[Chunk]
    duplicates: list[Chunk]
    chunk_tokens: list[list[str]]
    sentence_tokens: list[list[str]]
    chunk_vectors: SegmentedVectors
    sentence_vectors: SegmentedVectors


def open_segments(build_dir: Path, manifest: dict[str, Any],
                  load_vector: Callable[[Path, str], Any]) -> OpenedSegments:
    """Read every segment of a segmented build and join their live rows. ``load_vector(path, kind)`` loads
    one segment's vector store (every segment's stores have the kind the manifest records)."""
    files_map, kinds = manifest["files_map"], manifest.get("vector_index") or {}
    documents: list[dict[str, Any]] = []
    chunks: list[Chunk] = []
    duplicates: list[Chunk] = []
    chunk_tokens: list[list[str]] = []
    sentence_tokens: list[list[str]] = []
    chunk_parts: list[tuple[Any, np.ndarray]] = []
    sentence_parts: list[tuple[Any, np.ndarray]] = []
    try:
        for seg in segments_of(build_dir, manifest):
            docs = read_jsonl(seg.dir / "documents.jsonl")
            dead_ids = {row["doc_id"] for row in docs if row["path"] in seg.dead}
            documents += [row for row in docs if row["path"] not in seg.dead]
            seg_chunks = [Chunk(**row) for row in read_jsonl(seg.dir / "chunks.jsonl")]
            duplicates += [c for c in (Chunk(**row) for row in read_jsonl(seg.dir / "duplicate_chunks.jsonl"))
                           if c.doc_id not in dead_ids]
            live = np.fromiter((c.doc_id not in dead_ids for c in seg_chunks), dtype=bool, count=len(seg_chunks))
            n_sent = np.fromiter((len(c.sentences) for c in seg_chunks), dtype=np.int64, count=len(seg_chunks))
            cmap, smap = position_maps(live, n_sent, len(chunks), len(sentence_tokens))
            s_tokens = json.loads((seg.dir / "sentence_tokens.json").read_text(encoding="utf-8"))
            c_tokens = json.loads((seg.dir / "chunk_tokens.json").read_text(encoding="utf-8"))
            if len(s_tokens) != len(smap) or len(c_tokens) != len(seg_chunks):
                raise ValueError(f"segment {seg.id} is inconsistent (row counts differ)")
            chunks += [c for c, ok in zip(seg_chunks, live, strict=True) if ok]
            chunk_tokens += [t for t, ok in zip(c_tokens, live, strict=True) if ok]
            sentence_tokens += [t for t, j in zip(s_tokens, smap, strict=True) if j >= 0]
            for name, parts, m in (("chunk_vectors", chunk_parts, cmap), ("sentence_vectors", sentence_parts, smap)):
                store = load_vector(seg.dir / files_map[name], str(kinds.get(name, "")))
                parts.append((store, m))
                if len(store) != len(m):
                    raise ValueError(f"segment {seg.id}: {name} holds {len(store)} rows, expected {len(m)}")
    except BaseException:
        for store, _ in [*chunk_parts, *sentence_parts]:
            close = getattr(store, "close", None)
            if close is not None:
                close()
        raise
    documents.sort(key=lambda row: row["path"])
    return OpenedSegments(documents, chunks, duplicates, chunk_tokens, sentence_tokens,
                          SegmentedVectors(chunk_parts), SegmentedVectors(sentence_parts))


def link_files(src: Path, dst: Path, rels: Sequence[str]) -> None:
    """Hard-link the files ``rels`` (relative to ``src``) to the same places under ``dst``."""
    for rel in rels:
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(src / rel, target)
