import textwrap
from pathlib import Path

from ragqa.ingest.chunking import chunk_document, plan_segmented, plan_windows
from ragqa.ingest.clean import _wrap_width, clean_text
from ragqa.ingest.dedup import dedup_paragraphs, unique_by_key
from ragqa.ingest.loaders import doc_id_for, iter_documents, split_front_matter
from ragqa.ingest.pipeline import corpus_fingerprint, ingest_corpus
from ragqa.settings import ChunkingSettings
from ragqa.types import Document
from tests.conftest import CORPUS


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


_WRAPPED_KO = (
    "제안이유 및 주요내용\n\n"
    "  초등학교 저학년의 경우에도 부모의 따뜻한 사랑과 보살핌이 필요\n\n"
    "한 나이이나, 현재 공무원이 자녀를 양육하기 위하여 육아휴직을 할 \n\n"
    "수 있는 자녀의 나이는 만 6세 이하로 되어 있어 초등학교 저학년인 \n\n"
    "자녀를 돌보기 위해서는 해당 부모님은 일자리를 그만 두어야 하고 \n\n"
    "이는 곧 출산의욕을 저하시키는 문제로 이어질 수 있을 것임.\n\n"
    "  따라서 육아휴직이 가능한 자녀의 연령을 만 8세 이하로 개정하려\n\n"
    "는 것임(안 제63조제2항제4호).\n\n"
    "- 1 -\n\n"
    "\fㄱ. 개정안에서 국가공무원의 육아휴직 가능 자녀의 연령을 만6세 이\n\n"
    "하로 하고, 근로자 육아휴직 가능 자녀연령을 만6세 이하에서 만\n\n"
    "- 7 -\n\n"
    "\f- 8 -\n\n"
    "8세 이하로 조정함에 따라 추가 재정소요가 예상됨. 동 개정안이 시\n\n"
    "행되면 대상자가 늘어날 것으로 예상된다.\n\n"
    "1. 재정수반요인\n\n"
    "| 구분 | 2010 | 2011 |\n"
)


def test_hard_wrapped_lines_are_rejoined_into_their_sentences():
    out = clean_text(_WRAPPED_KO).split("\n")
    assert out == [
        "제안이유 및 주요내용",
        "초등학교 저학년의 경우에도 부모의 따뜻한 사랑과 보살핌이 필요한 나이이나, 현재 공무원이 자녀를 양육하기 위하여 "
        "육아휴직을 할 수 있는 자녀의 나이는 만 6세 이하로 되어 있어 초등학교 저학년인 자녀를 돌보기 위해서는 해당 "
        "부모님은 일자리를 그만 두어야 하고 이는 곧 출산의욕을 저하시키는 문제로 이어질 수 있을 것임.",
        # an indented line opens a paragraph; a word cut at the margin ("개정하려 / 는") is one word again
        "따라서 육아휴직이 가능한 자녀의 연령을 만 8세 이하로 개정하려는 것임(안 제63조제2항제4호).",
        # page numbers are dropped, and the sentence runs on across the page break
        "ㄱ. 개정안에서 국가공무원의 육아휴직 가능 자녀의 연령을 만6세 이하로 하고, 근로자 육아휴직 가능 자녀연령을 "
        "만6세 이하에서 만 8세 이하로 조정함에 따라 추가 재정소요가 예상됨. 동 개정안이 시행되면 대상자가 늘어날 것으로 "
        "예상된다.",
        "1. 재정수반요인",
        "구분 | 2010 | 2011",
    ]


def test_english_hard_wrapped_text_is_rejoined_with_spaces():
    text = " ".join(["The alliance links large language model developers with chip makers so that models run on "
                     "domestic hardware, and it was launched by the developer StepFun at the conference in Shanghai "
                     "this July, according to the report."] * 4)
    lines = textwrap.wrap(text, 72)  # wrapped at 72 columns, no trailing spaces, as plain-text exports are
    assert clean_text("\n".join(lines)) == text


def test_text_written_one_paragraph_per_line_is_left_as_it_is():
    # Short lines ending no sentence, but no page width: headings, list items, a table's cells.
    raw = "\n".join(["# 주요 내용", "- 모델-칩 생태계 혁신 연합 출범", "- 상하이 상공회의소 AI 위원회 구성",
                     "참가 기업", "화웨이", "바이런", "무어스레드", "센스타임", "스텝펀", "미니맥스", "메탁스",
                     "일루바타 코어엑스", ("본문은 한 줄에 한 문단씩, 길이가 제각각인 문장으로 이어진다. " * 3).strip()])
    assert clean_text(raw) == raw
    for path in sorted(CORPUS.glob("*.md")):  # the shipped corpus is not hard-wrapped
        assert _wrap_width(path.read_text(encoding="utf-8").split("\n")) is None, path.name


def test_a_bill_extracted_from_its_pdf_is_read_in_whole_sentences(text_processor):
    """A real hard-wrapped document (benchmarks/data/corpus_law, a 2010 bill as extracted from its PDF): its reasons
    read as whole sentences, not as one "sentence" per printed line."""
    from ragqa.ingest.loaders import load_document
    from ragqa.ingest.pipeline import process_document

    root = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "corpus_law"
    raw = load_document(root, root / "bill_1809890.txt")
    out = process_document(raw, ChunkingSettings(), text_processor)
    text = out.document.text
    sentences = [text[a:b] for a, b in text_processor.split_sentences(text)]
    first = next(s for s in sentences if "보살핌이" in s)  # five printed lines, one sentence
    assert first.startswith("초등학교 저학년의 경우에도") and first.rstrip(".").endswith("이어질 수 있을 것임")
    assert "따라서 육아휴직이 가능한 자녀의 연령을 만 8세 이하로 개정하려는 것임(안 제63조제2항제4호)." in sentences
    assert not any(line.strip() in ("- 1 -", "- 3 -") for line in out.document.text.split("\n"))
