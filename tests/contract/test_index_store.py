"""Index build, manifest, atomic swap, cache reuse, mismatch and corruption refusal."""

import json
import os

import pytest

from ragqa import IndexCorrupt, IndexMismatch, IndexNotReady, load_settings
from ragqa.index.builder import build_index, index_status
from ragqa.index.store import CURRENT
from ragqa.wiring import build_engine, make_index_backends
from tests.conftest import HashEmbedder


def test_manifest_records_build_parameters(tiny_engine):
    manifest = json.loads((tiny_engine.settings.index.dir / CURRENT / "manifest.json").read_text())
    assert manifest["embedding"] == {"backend": "hash", "model": "hash-256", "dim": 256}
    assert manifest["chunking"] == {"target_chars": 80, "max_chars": 200, "overlap_sentences": 1}
    assert len(manifest["corpus"]["hash"]) == 64 and manifest["counts"]["documents"] == 3
    assert "faiss-cpu" in manifest["versions"] and manifest["files"]


def test_unchanged_corpus_reembeds_nothing(tiny_settings, text_processor, tiny_corpus):
    emb = HashEmbedder()
    first = build_index(tiny_settings, emb, text_processor, make_index_backends(tiny_settings))
    assert first.embedded > 0
    emb.embedded_texts = 0
    again = build_index(tiny_settings, emb, text_processor, make_index_backends(tiny_settings))
    assert again.skipped and emb.embedded_texts == 0
    forced = build_index(tiny_settings, emb, text_processor, make_index_backends(tiny_settings), force=True)
    assert forced.embedded == 0 and forced.reused == first.embedded + first.reused and emb.embedded_texts == 0
    with open(tiny_corpus / "news" / "new.md", "w", encoding="utf-8") as fh:
        fh.write("새 문서는 아주 짧은 한 문장으로 이루어져 있다.")
    assert index_status(tiny_settings, emb, text_processor, make_index_backends(tiny_settings)) == "stale"
    changed = build_index(tiny_settings, emb, text_processor, make_index_backends(tiny_settings))
    assert 0 < changed.embedded <= 4


def test_other_embedder_or_chunking_is_refused(tiny_engine, tiny_settings, text_processor):
    other = build_engine(tiny_settings, embedder=HashEmbedder(model="hash-other"), text=text_processor, llm=None)
    with pytest.raises(IndexMismatch) as err:
        other.start()
    assert "ragqa ingest" in str(err.value) and "hash-other" in str(err.value)
    rechunked = load_settings(
        corpus={"dir": tiny_settings.corpus.dir}, index={"dir": tiny_settings.index.dir},
        chunking={"target_chars": 90, "max_chars": 200, "overlap_sentences": 1},
    )
    with pytest.raises(IndexMismatch, match="chunking"):
        build_engine(rechunked, embedder=HashEmbedder(), text=text_processor, llm=None).start()


def test_missing_index_is_not_ready(tmp_path, text_processor):
    s = load_settings(index={"dir": tmp_path / "nothing"})
    with pytest.raises(IndexNotReady, match="ragqa ingest"):
        build_engine(s, embedder=HashEmbedder(), text=text_processor, llm=None).start()


def test_corrupt_index_is_refused(tiny_engine):
    build = (tiny_engine.settings.index.dir / CURRENT).resolve()
    with open(build / "chunks.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"tampered": true}\n')
    with pytest.raises(IndexCorrupt, match="chunks.jsonl"):
        tiny_engine.reload()


def test_crash_mid_build_keeps_previous_index(tiny_engine, tiny_settings, text_processor, tiny_corpus):
    before = os.readlink(tiny_settings.index.dir / CURRENT)
    answer_before = tiny_engine.retrieve("화웨이 장비", top_k=3)

    class Exploding(HashEmbedder):
        def embed_passages(self, texts):
            raise RuntimeError("power cut")

    (tiny_corpus / "news" / "huawei.md").write_text("완전히 바뀐 문서. 새로운 내용이 들어갔다.", encoding="utf-8")
    with pytest.raises(RuntimeError, match="power cut"):
        build_index(tiny_settings, Exploding(), text_processor, make_index_backends(tiny_settings))
    assert os.readlink(tiny_settings.index.dir / CURRENT) == before
    tiny_engine.reload()
    assert tiny_engine.retrieve("화웨이 장비", top_k=3).passages == answer_before.passages
    assert not list((tiny_settings.index.dir / "builds").glob(".tmp-*"))


def test_loaded_index_knows_the_numbers_its_chunks_write(tiny_engine):
    index, _ = tiny_engine._require()
    assert {"384", "910"} <= index.numbers and "2026" not in index.numbers
    assert index.numbers is index.numbers  # computed once per loaded index


def test_a_year_month_date_writes_its_year_and_month():
    from ragqa.index.store import numbers_written

    # "2024년 6월로 찍힌 항목" writes 2024 and 6, as the table's "2024.6." does
    assert numbers_written("표준 및 규제 | 2023.7. 2024.6. |") == {"2023.7", "2023", "7", "2024.6", "2024", "6"}
    assert "6" in numbers_written("2024.06.")
    assert numbers_written("약 8.2억 달러, 1,200명") == {"8.2", "1,200"}  # a decimal is no date
    assert "2025" in numbers_written("2025.7.26 개막")


def _settings_with(tiny_settings, **index):
    return load_settings(corpus={"dir": tiny_settings.corpus.dir}, data={"dir": tiny_settings.data.dir},
                         index={"dir": tiny_settings.index.dir, **index},
                         chunking=tiny_settings.chunking.model_dump(), answer={"abstain_dense": 0.2})


def test_ann_index_records_its_type_answers_exactly_and_another_type_is_refused(tiny_settings, text_processor):
    hnsw = _settings_with(tiny_settings, faiss_factory="HNSW32,SQ8", hnsw_ef_search=16)
    engine = build_engine(hnsw, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="if-needed")
    manifest = json.loads((tiny_settings.index.dir / CURRENT / "manifest.json").read_text())
    assert manifest["vector_index"] == {"chunk_vectors": "faiss-ip/HNSW32,SQ8",
                                        "sentence_vectors": "faiss-ip/HNSW32,SQ8"}
    assert "chunk_vectors.faiss.exact.npy" in manifest["files"]  # checksummed like every other file
    ans = engine.ask("이 시스템은 910C 칩을 몇 개 장착했어?")  # the answerer reads sentence vectors back (get)
    assert "384" in ans.answer and ans.citations
    flat = _settings_with(tiny_settings)
    with pytest.raises(IndexMismatch) as err:
        build_engine(flat, embedder=HashEmbedder(), text=text_processor, llm=None).start()
    msg = str(err.value)
    assert "vector_index" in msg and "HNSW32,SQ8" in msg and "faiss-ip/Flat" in msg and "ragqa ingest" in msg
    assert index_status(flat, HashEmbedder(), text_processor, make_index_backends(flat)) == "stale"
    # search-time parameters are not part of the index: changing them needs no rebuild
    wider = _settings_with(tiny_settings, faiss_factory="HNSW32,SQ8", hnsw_ef_search=128)
    assert index_status(wider, HashEmbedder(), text_processor, make_index_backends(wider)) == "fresh"
    build_engine(wider, embedder=HashEmbedder(), text=text_processor, llm=None).start()


def test_auto_index_is_accepted_by_the_type_auto_resolved_to(tiny_engine, tiny_settings, text_processor):
    """The tiny corpus is far below the auto cut-over: an index built with Flat is what auto would build."""
    auto = _settings_with(tiny_settings, faiss_factory="auto")
    assert index_status(auto, HashEmbedder(), text_processor, make_index_backends(auto)) == "fresh"
    engine = build_engine(auto, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start()
    assert engine.retrieve("화웨이 장비", top_k=3).passages == tiny_engine.retrieve("화웨이 장비", top_k=3).passages


def test_other_processing_code_rebuilds_and_is_refused(tiny_settings, text_processor, monkeypatch):
    """An index built by other cleaning/splitting/chunking code is rebuilt in full by ``ragqa ingest`` even
    though no file changed, and refused by the server meanwhile, with a message naming what differs."""
    import ragqa.index.builder as builder

    emb = HashEmbedder()
    build_index(tiny_settings, emb, text_processor, make_index_backends(tiny_settings))
    monkeypatch.setattr(builder, "PROCESSING_VERSION", "ingest-next")
    assert index_status(tiny_settings, emb, text_processor, make_index_backends(tiny_settings)) == "stale"
    from ragqa.ingest.pipeline import PROCESSING_VERSION

    with pytest.raises(IndexMismatch, match=f"processing: index has '{PROCESSING_VERSION}', settings want 'ingest-next'"):
        build_engine(tiny_settings, embedder=emb, text=text_processor, llm=None).start()
    rebuilt = build_index(tiny_settings, emb, text_processor, make_index_backends(tiny_settings))
    assert not rebuilt.skipped and rebuilt.mode == "full"
    manifest = json.loads((tiny_settings.index.dir / CURRENT / "manifest.json").read_text())
    assert manifest["processing"] == "ingest-next"
    build_engine(tiny_settings, embedder=emb, text=text_processor, llm=None).start()


def test_an_index_from_before_processing_was_recorded_is_refused_clearly(tiny_engine, tiny_settings,
                                                                          text_processor):
    path = (tiny_settings.index.dir / CURRENT).resolve() / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["processing"]
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch, match=r"processing: index has nothing recorded \(an older ragqa built it\)"):
        build_engine(tiny_settings, embedder=HashEmbedder(), text=text_processor, llm=None).start()
