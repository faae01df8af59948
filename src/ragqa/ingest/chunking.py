"""Sentence-aligned chunking with sentence overlap.

Written by hand rather than with llama-index's SentenceSplitter because that splitter measures size in
tiktoken tokens (which downloads an encoding at run time) and finds Korean sentence ends by punctuation
only. Here sizes are in characters, boundaries come from Kiwi, and every chunk is an exact slice of the
cleaned document so offsets and quotes can be checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence

from ragqa.types import Chunk, Document


def chunk_id_for(doc_id: str, text: str) -> str:
    """Stable across rebuilds: depends only on the document id and the chunk's own text."""
    return f"{doc_id}#{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}"


def plan_windows(
    spans: Sequence[tuple[int, int]], target_chars: int, max_chars: int, overlap: int
) -> list[tuple[int, int]]:
    """Group consecutive sentences into windows [i, j] (inclusive sentence indexes).

    A window grows until it reaches ``target_chars`` or the next sentence would pass ``max_chars``;
    the next window starts ``overlap`` sentences before the previous one ended (always advancing).
    """
    windows: list[tuple[int, int]] = []
    n = len(spans)
    i = 0
    while i < n:
        j = i
        while (
            j + 1 < n
            and spans[j][1] - spans[i][0] < target_chars
            and spans[j + 1][1] - spans[i][0] <= max_chars
        ):
            j += 1
        windows.append((i, j))
        if j + 1 >= n:
            break
        i = max(j + 1 - overlap, i + 1)
    return windows


def plan_segmented(
    spans: Sequence[tuple[int, int]], target_chars: int, max_chars: int, overlap: int, breaks: Collection[int] = (),
) -> list[tuple[int, int]]:
    """:func:`plan_windows` over each run of sentences between ``breaks`` (sentence indexes that start a new
    run): no window crosses a break."""
    cuts = sorted({0, len(spans), *(b for b in breaks if 0 < b < len(spans))})
    windows: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        windows.extend((i + a, j + a) for i, j in plan_windows(spans[a:b], target_chars, max_chars, overlap))
    return windows


def chunk_document(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    target_chars: int,
    max_chars: int,
    overlap: int,
    breaks: Collection[int] = (),
) -> list[Chunk]:
    chunks: list[Chunk] = []
    for i, j in plan_segmented(spans, target_chars, max_chars, overlap, breaks):
        start, end = spans[i][0], spans[j][1]
        text = doc.text[start:end]
        rel = [(s - start, e - start) for s, e in spans[i : j + 1]]
        chunks.append(
            Chunk(
                chunk_id=chunk_id_for(doc.doc_id, text),
                doc_id=doc.doc_id,
                title=doc.title,
                text=text,
                start=start,
                end=end,
                sentences=rel,
            )
        )
    return chunks
