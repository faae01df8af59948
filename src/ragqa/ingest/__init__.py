"""Ingestion: load documents, clean, de-duplicate, split into sentence-aligned chunks."""

from ragqa.ingest.pipeline import IngestResult, corpus_fingerprint, ingest_corpus

__all__ = ["IngestResult", "corpus_fingerprint", "ingest_corpus"]
