"""De-duplication of repeated paragraphs and chunks.

Scraped pages often repeat themselves (a summary block printed twice, a reference list with the
same entry twice); duplicated text would crowd the top-k with copies and bias BM25 term counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ragqa.text.korean import normalize

MIN_PARAGRAPH_CHARS = 15


def content_key(text: str) -> str:
    """Hash of text under Unicode/whitespace normalisation: equal for copies that differ only in spacing."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def dedup_paragraphs(text: str, seen: set[str] | None = None) -> tuple[str, int]:
    """Drop lines that repeat an earlier line (of this text, or in ``seen``); returns (text, dropped).

    Short lines (headings such as '1. 개요', list markers) may legitimately repeat and are kept.
    """
    seen = set() if seen is None else seen
    kept: list[str] = []
    dropped = 0
    for line in text.split("\n"):
        if len(normalize(line)) >= MIN_PARAGRAPH_CHARS:
            key = content_key(line)
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
        kept.append(line)
    return "\n".join(kept), dropped


def unique_by_key(items: Iterable, key) -> tuple[list, int]:
    """Keep the first item of every key; returns (kept, dropped)."""
    seen: set[str] = set()
    kept, dropped = [], 0
    for item in items:
        k = key(item)
        if k in seen:
            dropped += 1
            continue
        seen.add(k)
        kept.append(item)
    return kept, dropped
