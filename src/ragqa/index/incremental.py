"""What an incremental ingest reuses from the current build: which documents changed, which chunks (and
their vectors and tokens) carry over, and where their rows are.

An incremental build has exactly the layout a full rebuild of the same corpus would have (documents in
path order, chunks de-duplicated across documents by first occurrence, sentence rows grouped per chunk),
so it serves the same results; it only avoids the work: an unchanged file (same path, same sha256) is
not loaded, cleaned, split or chunked again (its chunks, including the ones dropped as duplicates, come
from the current build), and a chunk equal to one of the current build (same id, title, text and
sentence spans) takes its chunk vector, sentence vectors and tokens from there instead of the embedder
and the tokenizer.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ragqa.index.segments import is_segmented, open_segments
from ragqa.index.store import IndexBackends, compat_view, options_for, read_jsonl
from ragqa.interfaces import KeywordStore, VectorStore
from ragqa.types import Chunk, Document

log = logging.getLogger(__name__)

CHUNK_TOKENS = "chunk_tokens.json"
DUPLICATES = "duplicate_chunks.jsonl"
INCREMENTAL_FILES = (CHUNK_TOKENS, DUPLICATES)
"""Files a build needs (besides per-document hashes in documents.jsonl) to be the base of an incremental one."""


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class DocumentDiff:
    """Documents by path: new, with other content, gone, and the same."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
                "unchanged": len(self.unchanged)}


def diff_documents(old: Mapping[str, str | None], new: Mapping[str, str]) -> DocumentDiff:
    """Compare (path -> content hash) of the current build's documents with the corpus's. A document without
    a recorded hash (a build of an older version) counts as changed."""
    diff = DocumentDiff()
    for path in sorted(new):
        if path not in old:
            diff.added.append(path)
        elif old[path] != new[path]:
            diff.changed.append(path)
        else:
            diff.unchanged.append(path)
    diff.removed = sorted(set(old) - set(new))
    return diff


def same_chunk(a: Chunk, b: Chunk) -> bool:
    """Whether ``b`` can reuse ``a``'s vectors and tokens: the chunk vector embeds the text, the keyword
    tokens are those of title + text, the sentence rows those of the sentence spans."""
    return a.chunk_id == b.chunk_id and a.text == b.text and a.title == b.title and a.sentences == b.sentences


def carry_plan(old: Sequence[Chunk], new: Sequence[Chunk]) -> list[int | None]:
    """For every chunk of the new build, the position of the equal chunk in the current build, or None."""
    where = {c.chunk_id: i for i, c in enumerate(old)}
    plan: list[int | None] = []
    for c in new:
        i = where.get(c.chunk_id)
        plan.append(i if i is not None and same_chunk(old[i], c) else None)
    return plan


def unchanged_prefix(plan: Sequence[int | None]) -> int:
    """How many leading chunks keep their position (the rows a store that updates in place keeps)."""
    for i, p in enumerate(plan):
        if p != i:
            return i
    return len(plan)


def first_rows(chunks: Sequence[Chunk]) -> np.ndarray:
    """Sentence row where each chunk's sentences start, plus the total (as ``LoadedIndex.first_sentence``)."""
    starts = np.zeros(len(chunks) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(c.sentences) for c in chunks])
    return starts


def rows_of(first: np.ndarray, chunk_positions: Sequence[int] | np.ndarray) -> np.ndarray:
    """The sentence rows of the given chunks, concatenated in that order."""
    pos = np.asarray(chunk_positions, dtype=np.int64)
    if not len(pos):
        return np.zeros(0, dtype=np.int64)
    starts, lengths = first[pos], first[pos + 1] - first[pos]
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)


@dataclass
class PreviousBuild:
    """The current build, read for an incremental one (its stores are private copies: see
    :meth:`ragqa.interfaces.VectorStore.updated`)."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, dict[str, Any]]  # path -> documents.jsonl row (with content_hash and stats)
    chunks: list[Chunk]
    duplicates: list[Chunk]
    chunk_tokens: list[list[str]]
    sentence_tokens: list[list[str]]
    chunk_vectors: VectorStore
    sentence_vectors: VectorStore
    keyword: KeywordStore | None

    @property
    def first_sentence(self) -> np.ndarray:
        return first_rows(self.chunks)

    def document(self, path: str) -> Document:
        row = self.documents[path]
        return Document(**{k: row[k] for k in Document.model_fields})

    def raw_chunks(self, doc_id: str) -> list[Chunk]:
        """A document's chunks before de-duplication across the corpus (kept + dropped, in document order)."""
        return sorted(self._by_doc.get(doc_id, []), key=lambda c: c.start)

    def __post_init__(self) -> None:
        self._by_doc: dict[str, list[Chunk]] = {}
        for c in [*self.chunks, *self.duplicates]:
            self._by_doc.setdefault(c.doc_id, []).append(c)

    def close(self) -> None:
        for store in (self.chunk_vectors, self.sentence_vectors, self.keyword):
            close = getattr(store, "close", None)
            if close is not None:
                close()


def not_reusable(manifest: dict[str, Any], expected: dict[str, Any]) -> str | None:
    """Why the rows of a build cannot be reused by an incremental build under ``expected`` (another format,
    embedder, chunking, processing code, tokenizer or keyword store; a plain build of an older version without
    the files incremental builds need), or None. The vector index type may differ."""
    built = compat_view(manifest)
    for key in ("format", "embedding", "chunking", "processing", "tokenizer", "keyword_index"):
        if built.get(key) != expected.get(key):
            return f"the current build has another {key}"
    missing = [name for name in INCREMENTAL_FILES if name not in (manifest.get("files") or {})]
    if missing and not is_segmented(manifest):
        return f"the current build has no {', '.join(missing)} (built by an older version)"
    return None


def read_previous(build: Path, manifest: dict[str, Any], expected: dict[str, Any],
                  backends: IndexBackends) -> PreviousBuild | None:
    """The current build if an incremental build can start from it, else None (the reason is logged):
    same format, embedder, chunking, tokenizer and keyword store, and the files incremental builds write.
    The vector index type may differ (the rows are reused, the index is built anew). The caller has
    verified the build's checksums."""
    why = not_reusable(manifest, expected)
    if why:
        log.info("full rebuild: %s", why)
        return None
    dim = int(manifest["embedding"]["dim"])
    if is_segmented(manifest):
        return _read_segmented(build, manifest, backends, dim)
    kinds = manifest.get("vector_index") or {}
    stores: list[Any] = []
    try:
        for name in ("chunk_vectors", "sentence_vectors"):
            stores.append(backends.vector.load(build / manifest["files_map"][name], dim,
                                               **options_for(str(kinds.get(name, "")), backends)))
        keyword = backends.keyword.load(build / "keyword") if backends.keyword.updates_saved else None
        stores.append(keyword)
        prev = PreviousBuild(
            path=build,
            manifest=manifest,
            documents={row["path"]: row for row in read_jsonl(build / "documents.jsonl")},
            chunks=[Chunk(**row) for row in read_jsonl(build / "chunks.jsonl")],
            duplicates=[Chunk(**row) for row in read_jsonl(build / DUPLICATES)],
            chunk_tokens=json.loads((build / CHUNK_TOKENS).read_text(encoding="utf-8")),
            sentence_tokens=json.loads((build / "sentence_tokens.json").read_text(encoding="utf-8")),
            chunk_vectors=stores[0],
            sentence_vectors=stores[1],
            keyword=keyword,
        )
    except (OSError, KeyError, ValueError, RuntimeError, TypeError) as exc:
        log.warning("full rebuild: the current build %s cannot be reused (%s)", build.name, exc)
        for store in stores:
            close = getattr(store, "close", None)
            if close is not None:
                close()
        return None
    return _checked(prev)


def _read_segmented(build: Path, manifest: dict[str, Any], backends: IndexBackends, dim: int) -> PreviousBuild | None:
    """A segmented build as the base of a compaction: its live rows, joined (see :mod:`ragqa.index.segments`)."""
    try:
        opened = open_segments(build, manifest, backends.kind_loader(dim))
    except (OSError, KeyError, ValueError, RuntimeError, TypeError) as exc:
        log.warning("full rebuild: the current build %s cannot be reused (%s)", build.name, exc)
        return None
    return _checked(PreviousBuild(
        path=build, manifest=manifest, documents={row["path"]: row for row in opened.documents},
        chunks=opened.chunks, duplicates=opened.duplicates, chunk_tokens=opened.chunk_tokens,
        sentence_tokens=opened.sentence_tokens, chunk_vectors=opened.chunk_vectors,
        sentence_vectors=opened.sentence_vectors, keyword=None,
    ))


def _checked(prev: PreviousBuild) -> PreviousBuild | None:
    """``prev`` if its rows are consistent and its documents distinguishable, else None (closed)."""
    build = prev.path
    doc_ids = [row.get("doc_id") for row in prev.documents.values()]
    if len(set(doc_ids)) != len(doc_ids):  # e.g. a.md and a.txt: chunks cannot be told apart by document
        log.info("full rebuild: two files of the current build share a document id")
        prev.close()
        return None
    n_sent = int(prev.first_sentence[-1])
    if len(prev.chunk_vectors) != len(prev.chunks) or len(prev.chunk_tokens) != len(prev.chunks) \
            or len(prev.sentence_vectors) != n_sent or len(prev.sentence_tokens) != n_sent:
        log.warning("full rebuild: the current build %s is inconsistent (row counts differ)", build.name)
        prev.close()
        return None
    return prev
