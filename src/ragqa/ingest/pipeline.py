"""Corpus -> cleaned documents -> chunks, with a summary of what was dropped."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ragqa.ingest.chunking import chunk_document
from ragqa.ingest.clean import clean_text
from ragqa.ingest.dedup import content_key, dedup_paragraphs
from ragqa.ingest.loaders import LOADERS, RawDocument, iter_documents, walk_corpus
from ragqa.settings import ChunkingSettings
from ragqa.text.korean import KoreanTextProcessor
from ragqa.text.layout import contents_breaks
from ragqa.types import Chunk, Document

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    documents: list[Document]
    chunks: list[Chunk]
    stats: dict[str, int] = field(default_factory=dict)


def corpus_fingerprint(corpus_dir: Path, known: Mapping[str, Mapping[str, Any]] | None = None,
                       entries: list[tuple[str, Path, os.stat_result]] | None = None) -> str:
    """sha256 over (relative path, content) of every loadable file: changes iff the corpus does.

    ``known``: path -> a documents.jsonl row of the current build; a file whose size and mtime are those
    the row recorded contributes the row's ``content_hash`` instead of being read and hashed again.
    ``entries``: :func:`walk_corpus` of ``corpus_dir``, if the caller has it."""
    h = hashlib.sha256()
    for rel, path, st in walk_corpus(corpus_dir) if entries is None else entries:
        if path.suffix.lower() not in LOADERS:
            continue
        h.update(rel.encode() + b"\0")
        h.update(bytes.fromhex(file_hash(path, (known or {}).get(rel), st)))
    return h.hexdigest()


def file_hash(path: Path, recorded: Mapping[str, Any] | None = None, st: os.stat_result | None = None) -> str:
    """sha256 of a file, or the ``content_hash`` recorded for it if its size and mtime (``st``, taken before
    the recorded hash is trusted; stat'ed here if not given) are the ones recorded with it."""
    if recorded and recorded.get("content_hash") and recorded.get("mtime_ns") is not None:
        st = st or path.stat()
        if recorded.get("size") == st.st_size and recorded.get("mtime_ns") == st.st_mtime_ns:
            return str(recorded["content_hash"])
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _title(meta: dict[str, str], text: str, doc_id: str) -> str:
    if meta.get("title"):
        return meta["title"].strip()
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:120]
    return doc_id


PROCESSING_VERSION = "ingest-3"
"""The version of what turns a file's text into chunks for given chunking settings: cleaning, paragraph
de-duplication, sentence splitting and chunking. Recorded in the index manifest (``processing``), so an
index built by other code is rebuilt by ``ragqa ingest`` (never carried over as "unchanged corpus") and
refused by the server. Bump it with any change to their output; ``tests/unit/test_processing_version.py``
holds the digest of that output over the shipped corpus and fails until the version and digest move
together."""


@dataclass
class ProcessedDocument:
    """One document through cleaning, sentence splitting and chunking, before chunks are de-duplicated
    across the corpus. ``stats``: its ``paragraphs_deduplicated`` and ``sentences``."""

    document: Document
    chunks: list[Chunk]
    stats: dict[str, int]


def process_document(raw: RawDocument, chunking: ChunkingSettings, text: KoreanTextProcessor
                     ) -> ProcessedDocument | None:
    """Clean, de-duplicate paragraphs, split and chunk one document; ``None`` (with a warning) when no text
    is left. Depends on this document alone, so an unchanged file gives the same result in every build."""
    cleaned, dropped = dedup_paragraphs(clean_text(raw.text))
    if not cleaned.strip():
        log.warning("skipping %s: no text after cleaning", raw.path)
        return None
    doc = Document(
        doc_id=raw.doc_id,
        title=_title(raw.metadata, cleaned, raw.doc_id),
        path=raw.path,
        text=cleaned,
        metadata=raw.metadata,
    )
    spans = text.split_sentences(doc.text)
    breaks = contents_breaks([doc.text[a:b] for a, b in spans])
    chunks = chunk_document(doc, spans, chunking.target_chars, chunking.max_chars, chunking.overlap_sentences,
                            breaks)
    return ProcessedDocument(doc, chunks, {"paragraphs_deduplicated": dropped, "sentences": len(spans)})


def dedup_chunks(chunks: list[Chunk]) -> tuple[list[Chunk], list[Chunk]]:
    """Keep the first chunk of every normalised text (corpus order); returns (kept, dropped)."""
    seen: set[str] = set()
    kept, dropped = [], []
    for c in chunks:
        key = content_key(c.text)
        if key in seen:
            dropped.append(c)
        else:
            seen.add(key)
            kept.append(c)
    return kept, dropped


def combine(processed: list[ProcessedDocument]) -> tuple[IngestResult, list[Chunk]]:
    """The corpus from its documents (in corpus order): chunks de-duplicated across documents, and stats.
    Returns the result and the chunks dropped as duplicates (kept by incremental builds, since a duplicate
    comes back when the document holding the first copy changes)."""
    chunks, dropped = dedup_chunks([c for p in processed for c in p.chunks])
    stats = {
        "documents": len(processed),
        "paragraphs_deduplicated": sum(p.stats["paragraphs_deduplicated"] for p in processed),
        "chunks_deduplicated": len(dropped),
        "sentences": sum(p.stats["sentences"] for p in processed),
        "chunks": len(chunks),
    }
    return IngestResult(documents=[p.document for p in processed], chunks=chunks, stats=stats), dropped


def ingest_corpus(corpus_dir: Path, chunking: ChunkingSettings, text: KoreanTextProcessor) -> IngestResult:
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus directory {corpus_dir} does not exist")
    processed = [p for raw in iter_documents(corpus_dir) if (p := process_document(raw, chunking, text))]
    return combine(processed)[0]
