"""The diff logic of incremental ingest: documents added/changed/removed/unchanged, which chunks carry over
from the current build and at which rows, and corpus-wide de-duplication recomputed from per-document chunks."""

import numpy as np

from ragqa.index.incremental import (
    carry_plan,
    diff_documents,
    first_rows,
    rows_of,
    same_chunk,
    unchanged_prefix,
)
from ragqa.ingest.chunking import chunk_id_for
from ragqa.ingest.pipeline import ProcessedDocument, combine, dedup_chunks
from ragqa.types import Chunk, Document


def chunk(doc: str, text: str, start: int = 0, n_sent: int = 1, title: str = "t") -> Chunk:
    step = max(1, len(text) // n_sent)
    spans = [(i * step, len(text) if i == n_sent - 1 else (i + 1) * step) for i in range(n_sent)]
    return Chunk(chunk_id=chunk_id_for(doc, text), doc_id=doc, title=title, text=text, start=start,
                 end=start + len(text), sentences=spans)


def test_diff_documents_sorts_paths_into_the_four_groups():
    old = {"a.md": "1", "b.md": "2", "c.md": "3", "legacy.md": None}
    new = {"a.md": "1", "b.md": "9", "d.md": "4", "legacy.md": "5"}
    diff = diff_documents(old, new)
    assert diff.added == ["d.md"] and diff.changed == ["b.md", "legacy.md"] and diff.removed == ["c.md"]
    assert diff.unchanged == ["a.md"]
    assert diff.counts() == {"added": 1, "changed": 2, "removed": 1, "unchanged": 1}
    assert diff_documents({}, new).counts()["added"] == 4 and diff_documents(old, {}).counts()["removed"] == 4


def test_carry_plan_reuses_only_chunks_equal_in_text_title_and_sentences():
    a1, a2, b1 = chunk("a", "첫 문장이다."), chunk("a", "둘째 문장이다.", 7), chunk("b", "다른 문서다.")
    old = [a1, a2, b1]
    retitled = chunk("b", "다른 문서다.", title="new title")  # same id and text, other keyword tokens
    resplit = chunk("a", "둘째 문장이다.", 7, n_sent=2)  # same id and text, other sentence rows
    moved = chunk("a", "첫 문장이다.", start=40)  # offsets differ: vectors and tokens are still the same
    assert same_chunk(a1, moved) and not same_chunk(b1, retitled) and not same_chunk(a2, resplit)
    new = [moved, chunk("a", "새 문장이다."), resplit, retitled, b1]
    assert carry_plan(old, new) == [0, None, None, None, 2]
    assert unchanged_prefix(carry_plan(old, new)) == 1
    assert unchanged_prefix(carry_plan(old, old)) == 3 and unchanged_prefix([]) == 0
    assert unchanged_prefix(carry_plan(old, [a2, a1])) == 0  # reordered: nothing stays in place


def test_sentence_rows_of_chunks_follow_the_per_chunk_grouping():
    chunks = [chunk("a", "x" * 10, n_sent=2), chunk("a", "y" * 10, n_sent=1), chunk("b", "z" * 12, n_sent=3)]
    first = first_rows(chunks)
    assert first.tolist() == [0, 2, 3, 6]
    assert rows_of(first, [2, 0]).tolist() == [3, 4, 5, 0, 1]
    assert rows_of(first, np.array([1])).tolist() == [2] and rows_of(first, []).tolist() == []


def _processed(doc_id: str, texts: list[str]) -> ProcessedDocument:
    doc = Document(doc_id=doc_id, title=doc_id, path=f"{doc_id}.md", text=" ".join(texts))
    chunks, pos = [], 0
    for t in texts:
        chunks.append(chunk(doc_id, t, start=pos))
        pos += len(t) + 1
    return ProcessedDocument(doc, chunks, {"paragraphs_deduplicated": 1, "sentences": len(texts)})


def test_corpus_dedup_keeps_the_first_copy_and_returns_the_others_so_they_can_come_back():
    shared = "두 문서에 똑같이 있는 문단이다."
    a, b = _processed("a", ["a만의 문단이다.", shared]), _processed("b", [shared, "b만의 문단이다."])
    result, dropped = combine([a, b])
    assert [c.doc_id for c in result.chunks] == ["a", "a", "b"] and [c.doc_id for c in dropped] == ["b"]
    assert result.stats == {"documents": 2, "paragraphs_deduplicated": 2, "chunks_deduplicated": 1,
                            "sentences": 4, "chunks": 3}
    # document a changes and loses the shared paragraph: b's copy, kept as a duplicate, is served again
    a2 = _processed("a", ["a만의 문단이다."])
    b_again = ProcessedDocument(b.document, sorted(
        [c for c in result.chunks if c.doc_id == "b"] + [c for c in dropped if c.doc_id == "b"],
        key=lambda c: c.start), b.stats)
    result2, dropped2 = combine([a2, b_again])
    assert [c.text for c in result2.chunks] == ["a만의 문단이다.", shared, "b만의 문단이다."] and dropped2 == []
    assert result2.chunks == combine([a2, b])[0].chunks
    assert dedup_chunks([]) == ([], [])
