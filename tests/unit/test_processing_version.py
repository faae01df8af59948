"""The processing version moves with the processing code's output.

``PROCESSING_VERSION`` is recorded in every index manifest so that an index built by other cleaning,
splitting or chunking code is rebuilt rather than carried over as "unchanged corpus". A version is only
useful if it changes when the output does: this test digests what :func:`process_document` makes of the
shipped corpus and of a text exercising every cleaning rule, under the default chunking settings, and
fails when that digest changes while the version stays the same.
"""

import hashlib
import json

from ragqa.ingest.loaders import RawDocument, load_document
from ragqa.ingest.pipeline import PROCESSING_VERSION, process_document
from ragqa.settings import ChunkingSettings
from tests.conftest import CORPUS
from tests.unit.test_ingest import _WRAPPED_KO

DIGESTS = {
    "ingest-1": "9c6e56d0bb1d04d61b5ff14dfd912066d0550f525386371aff3547232f9ac464",
    "ingest-2": "a31f0ae85bb27ac8a53a4a4c0e2d06ecc92d3fa1a857d7c3b2528e5c03d8b36f",  # contents kept, at the end
    "ingest-3": "9a78906b7c8d2c8653935a2c502e51dffc30b6b3ad0225ba390c645d5a0f1847",  # hard-wrapped lines rejoined, page numbers dropped
}
"""The output digest of each processing version (a new version adds its line; old lines stay)."""

NOISY = """# 제목

입력 2025.07.28 10:00
해시태그
| 항목 | 값 |
|---|---|
| 면적 | 7만㎡ |
![](img.png)
photo_01.jpg
목차
서론 3
본론 7
결론 12

본문\u00a0첫 문장이다.  두 번째 문장은 조금 더 길고 숫자 3.5%를 담는다. 세 번째 문장이다.

본문\u00a0첫 문장이다.  두 번째 문장은 조금 더 길고 숫자 3.5%를 담는다. 세 번째 문장이다.

AI 3줄 요약
공유하기
"""


def _digest(text_processor) -> str:
    chunking = ChunkingSettings()
    docs = [load_document(CORPUS, p) for p in sorted(CORPUS.rglob("*.md"))]
    docs.append(RawDocument(doc_id="noisy", path="noisy.md", text=NOISY, metadata={}))
    docs.append(RawDocument(doc_id="wrapped", path="wrapped.txt", text=_WRAPPED_KO, metadata={}))
    h = hashlib.sha256()
    for raw in docs:
        out = process_document(raw, chunking, text_processor)
        record = None if out is None else {
            "title": out.document.title, "text": out.document.text, "stats": out.stats,
            "chunks": [[c.text, c.start, c.end] for c in out.chunks],
        }
        h.update(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()


def test_processing_output_changes_only_with_the_version(text_processor):
    digest = _digest(text_processor)
    assert PROCESSING_VERSION in DIGESTS, f"record {PROCESSING_VERSION!r}: {digest!r} in DIGESTS"
    assert DIGESTS[PROCESSING_VERSION] == digest, (
        "cleaning, splitting or chunking now gives other chunks for the same text: bump PROCESSING_VERSION "
        f"(ragqa/ingest/pipeline.py) and record the new digest {digest!r}, so indexes built before are rebuilt"
    )
