"""Corpus -> cleaned documents -> chunks, with a summary of what was dropped."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ragqa.ingest.chunking import chunk_document
from ragqa.ingest.clean import clean_text
from ragqa.ingest.dedup import content_key, dedup_paragraphs, unique_by_key
from ragqa.ingest.loaders import LOADERS, iter_documents
from ragqa.settings import ChunkingSettings
from ragqa.text.korean import KoreanTextProcessor
from ragqa.types import Chunk, Document

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    documents: list[Document]
    chunks: list[Chunk]
    stats: dict[str, int] = field(default_factory=dict)


def corpus_fingerprint(corpus_dir: Path) -> str:
    """sha256 over (relative path, content) of every loadable file: changes iff the corpus does."""
    h = hashlib.sha256()
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() in LOADERS):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        h.update(rel.as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _title(meta: dict[str, str], text: str, doc_id: str) -> str:
    if meta.get("title"):
        return meta["title"].strip()
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:120]
    return doc_id


def ingest_corpus(corpus_dir: Path, chunking: ChunkingSettings, text: KoreanTextProcessor) -> IngestResult:
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus directory {corpus_dir} does not exist")
    documents: list[Document] = []
    chunks: list[Chunk] = []
    stats = {"documents": 0, "paragraphs_deduplicated": 0, "chunks_deduplicated": 0, "sentences": 0}
    for raw in iter_documents(corpus_dir):
        cleaned, dropped = dedup_paragraphs(clean_text(raw.text))
        if not cleaned.strip():
            log.warning("skipping %s: no text after cleaning", raw.path)
            continue
        stats["paragraphs_deduplicated"] += dropped
        doc = Document(
            doc_id=raw.doc_id,
            title=_title(raw.metadata, cleaned, raw.doc_id),
            path=raw.path,
            text=cleaned,
            metadata=raw.metadata,
        )
        documents.append(doc)
        spans = text.split_sentences(doc.text)
        stats["sentences"] += len(spans)
        chunks.extend(
            chunk_document(doc, spans, chunking.target_chars, chunking.max_chars, chunking.overlap_sentences)
        )
    chunks, dropped_chunks = unique_by_key(chunks, lambda c: content_key(c.text))
    stats["documents"] = len(documents)
    stats["chunks_deduplicated"] = dropped_chunks
    stats["chunks"] = len(chunks)
    return IngestResult(documents=documents, chunks=chunks, stats=stats)
