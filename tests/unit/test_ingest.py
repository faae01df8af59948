from pathlib import Path

from ragqa.ingest.chunking import chunk_document, plan_segmented, plan_windows
from ragqa.ingest.clean import clean_text
from ragqa.ingest.dedup import dedup_paragraphs, unique_by_key
from ragqa.ingest.loaders import doc_id_for, iter_documents, split_front_matter
from ragqa.ingest.pipeline import corpus_fingerprint, ingest_corpus
from ragqa.settings import ChunkingSettings
from ragqa.types import Document


def test_clean_drops_noise_keeps_content_and_moves_the_contents_to_the_end():
    raw = (
        "| 제목입니다, 중요한 보고서 | ||\n|\n||\n입력\n수정\n"
        "![]() ○ (주요 성과) 국제 협력기구 설립 제안\u00a0\u00a0등\n"
        "688a1252a310a07b7ba7eb5a.jpeg\n"
        "구분 | 시기 | 정책명 |\n"
        "목차\n표제지 1\n1. 개요 2\n[그림 1] 생성형 AI 특허 출원 현황 2\n"
        "본문은 여기서 다시 시작된다.\n해시태그\n\n\n끝"
    )
    out = clean_text(raw).split("\n")
    assert out == [
        "제목입니다, 중요한 보고서",
        "○ (주요 성과) 국제 협력기구 설립 제안 등",
        "구분 | 시기 | 정책명",
        "본문은 여기서 다시 시작된다.",
        "끝",
        # the table of contents, moved after the text it interrupted
        "목차", "표제지 1", "1. 개요 2", "[그림 1] 생성형 AI 특허 출원 현황 2",
    ]


def test_dedup_paragraphs_removes_repeats_keeps_short_lines():
    text = "1. 개요\n긴 문단이 여기 있습니다 반복됩니다.\n1. 개요\n긴 문단이  여기 있습니다 반복됩니다.\n새 문단입니다 아주 새롭습니다."
    out, dropped = dedup_paragraphs(text)
    assert dropped == 1
    assert out.split("\n") == ["1. 개요", "긴 문단이 여기 있습니다 반복됩니다.", "1. 개요", "새 문단입니다 아주 새롭습니다."]


def test_unique_by_key():
    kept, dropped = unique_by_key(["a", "b", "a"], lambda x: x)
    assert kept == ["a", "b"] and dropped == 1


def test_plan_windows_overlap_and_bounds():
    spans = [(i * 10, i * 10 + 9) for i in range(10)]  # ten 9-char sentences
    w = plan_windows(spans, target_chars=25, max_chars=40, overlap=1)
    assert w[0] == (0, 2)  # grows until >= 25 chars
    assert all(b - a >= 0 for a, b in w) and w[-1][1] == 9
    assert all(w[i + 1][0] == w[i][1] for i in range(len(w) - 1))  # one sentence overlap
    no_overlap = plan_windows(spans, 25, 40, 0)
    assert all(no_overlap[i + 1][0] == no_overlap[i][1] + 1 for i in range(len(no_overlap) - 1))


def test_plan_windows_long_sentence_stands_alone():
    spans = [(0, 10), (11, 500), (501, 510)]
    assert plan_windows(spans, 50, 100, 0) == [(0, 0), (1, 1), (2, 2)]


def test_chunks_are_exact_slices_with_stable_ids(text_processor):
    text = "첫 문장은 여기에 있다. 둘째 문장도 있다.\n셋째 문장은 다른 줄에 있다. 넷째 문장이다."
    doc = Document(doc_id="a/b", title="T", path="a/b.md", text=text)
    spans = text_processor.split_sentences(text)
    chunks = chunk_document(doc, spans, target_chars=20, max_chars=60, overlap=1)
    assert len(chunks) >= 2
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert c.chunk_id.startswith("a/b#")
        for s, e in c.sentences:
            assert c.text[s:e].strip() == c.text[s:e]
    again = chunk_document(doc, spans, target_chars=20, max_chars=60, overlap=1)
    assert [c.chunk_id for c in again] == [c.chunk_id for c in chunks]


def test_front_matter():
    meta, body = split_front_matter("---\ntitle: '제목'\ndate: 2025-07-31\n---\n본문")
    assert meta == {"title": "제목", "date": "2025-07-31"} and body == "본문"
    assert split_front_matter("본문만")[0] == {}


def test_loaders_skip_unknown_with_warning(tiny_corpus, caplog):
    docs = list(iter_documents(tiny_corpus))
    assert [d.doc_id for d in docs] == ["news/alibaba", "news/huawei", "report"]
    assert any("notes.pdf" in r.getMessage() for r in caplog.records)
    html = next(d for d in docs if d.doc_id == "report")
    assert html.metadata["title"] == "보고서" and "var x" not in html.text and "메뉴" not in html.text
    assert doc_id_for(Path("x/y.md")) == "x/y"


def test_ingest_dedups_and_is_deterministic(tiny_corpus, text_processor):
    chunking = ChunkingSettings(target_chars=80, max_chars=200, overlap_sentences=1)
    r1 = ingest_corpus(tiny_corpus, chunking, text_processor)
    r2 = ingest_corpus(tiny_corpus, chunking, text_processor)
    assert [c.chunk_id for c in r1.chunks] == [c.chunk_id for c in r2.chunks]
    assert r1.stats["paragraphs_deduplicated"] == 1  # the repeated alibaba line
    huawei = next(d for d in r1.documents if d.doc_id == "news/huawei")
    assert huawei.title == "화웨이 장비"
    for c in r1.chunks:
        doc = next(d for d in r1.documents if d.doc_id == c.doc_id)
        assert doc.text[c.start : c.end] == c.text
    fp = corpus_fingerprint(tiny_corpus)
    (tiny_corpus / "news" / "huawei.md").write_text("바뀐 내용입니다. 완전히 새롭다.", encoding="utf-8")
    assert corpus_fingerprint(tiny_corpus) != fp


def test_shipped_corpus_repeated_half_is_deduplicated(text_processor):
    repo = Path(__file__).resolve().parents[2]
    r = ingest_corpus(repo / "corpus", ChunkingSettings(), text_processor)
    report = next(d for d in r.documents if d.doc_id == "004_36d89f72e502a0d6")
    assert report.text.count("국가 AI 투자 펀드를 설립하여") == 1
    assert report.text.count("AI 전문 인재 양성 체계를 전면 개편") == 1
    assert "차세대 인공지능 발전계획(2018~2020)" in report.text  # table content kept
    assert "\u00a0" not in report.text
    # the table of contents is kept, after the text, in a chunk of its own
    contents = report.text[report.text.index("\n목차\n") + 1:]
    assert contents.startswith("목차\n표제지 1") and contents.endswith("[그림 3] 미국과 중국의 주요 거대언어모델 타임라인 4")
    chunks = [c for c in r.chunks if c.doc_id == report.doc_id]
    assert chunks[-1].text == contents and all("표제지" not in c.text for c in chunks[:-1])


def test_no_window_crosses_a_break():
    spans = [(i * 10, i * 10 + 9) for i in range(6)]  # six 9-char sentences
    assert plan_windows(spans, target_chars=40, max_chars=60, overlap=1) == [(0, 4), (4, 5)]
    assert plan_segmented(spans, target_chars=40, max_chars=60, overlap=1, breaks={2, 4}) == [(0, 1), (2, 3), (4, 5)]
    assert plan_segmented(spans, 40, 60, 1, breaks={0, 6}) == plan_windows(spans, 40, 60, 1)  # at the ends: none
