"""Which competing sentence an answer quotes first: one holding the kind of thing asked."""

from ragqa.answer.extractive import Candidate, _typed_first


def test_a_korean_name_question_quotes_first_a_competing_sentence_that_names_one():
    """The sentences the abstention feature finds a name in are the ones quoted first (within the margin)."""
    topic = Candidate(1, 1, 0, "원탁 토론은 행사의 열기를 최고조로 끌어올렸다", 0.9, 0.5, 1.0)
    caption = Candidate(2, 2, 0, "리더들이 원탁 토론을 진행했다 [사진 출처: 중국일보망(中國日報網)]", 0.9, 0.5, 0.95)
    question = "원탁 토론 사진은 어느 매체가 제공한 거야?"
    weights = {"원탁": 3.0, "토론": 2.0, "사진": 2.0}
    assert _typed_first([topic, caption], "other", 0.08, question=question, weights=weights) == [caption, topic]
    # beyond the margin, or asking no name, the order stays
    far = Candidate(2, 2, 0, caption.text, 0.9, 0.5, 0.8)
    assert _typed_first([topic, far], "other", 0.08, question=question, weights=weights) == [topic, far]
    assert _typed_first([topic, caption], "other", 0.08, question="원탁 토론은 어땠어?", weights=weights) == [topic, caption]
    # an English question's name need not stand beside its terms, so it is not moved for one
    assert _typed_first([topic, caption], "other", 0.08, question="Which outlet provided the photo?",
                        weights=weights) == [topic, caption]


def test_a_larger_rank_penalty_leans_on_the_passage_ranking():
    """``score_candidates``' penalty per passage rank decides between two sentences of near equal similarity: at the
    default a slightly closer sentence of the second passage goes first, at an English question's larger penalty the
    first passage's does."""
    from types import SimpleNamespace

    import numpy as np

    from ragqa.answer.extractive import RANK_PENALTY, score_candidates

    texts = ["첫째 문단의 문장입니다", "둘째 문단의 문장입니다"]
    vectors = np.array([[0.80, 0.6], [0.81, 0.586]], dtype=np.float32)
    index = SimpleNamespace(
        chunks=[SimpleNamespace(text=t, sentences=[(0, len(t))]) for t in texts],
        sentence_rows=lambda pos: [pos], sentence_vectors=SimpleNamespace(get=lambda rows: vectors[rows]),
        sentence_tokens=[["첫째"], ["둘째"]], headings=set(), section_headings={})
    passages = [(SimpleNamespace(id=1), 0), (SimpleNamespace(id=2), 1)]
    query = np.array([1.0, 0.0], dtype=np.float32)
    assert [c.passage_id for c in score_candidates(passages, query, {}, index)] == [2, 1]
    assert [c.passage_id for c in score_candidates(passages, query, {}, index, rank_penalty=RANK_PENALTY)] == [2, 1]
    assert [c.passage_id for c in score_candidates(passages, query, {}, index, rank_penalty=0.015)] == [1, 2]
    # one scoring serves both penalties: the same candidates, the same scores to the last bit
    from ragqa.answer.extractive import rank_candidates, scored_sentences

    scored = scored_sentences(passages, query, {}, index)
    for penalty in (RANK_PENALTY, 0.015):
        assert rank_candidates(scored, penalty) == score_candidates(passages, query, {}, index, rank_penalty=penalty)


def _statute_index():
    """Two overlapping passages of one document, a list announced in the first and running on into the second, and
    a third passage of another document."""
    from types import SimpleNamespace

    def chunk(doc, lines):
        text, spans = "", []
        for line in lines:
            spans.append((len(text), len(text) + len(line)))
            text += line + "\n"
        return SimpleNamespace(doc_id=doc, text=text, sentences=spans)

    return SimpleNamespace(chunks=[
        chunk("constitution", ["②헌법재판소의 장은 대통령이 임명한다.", "제111조 ① 헌법재판소는 다음 사항을 관장한다.",
                               "1. 법원의 제청에 의한 법률의 위헌여부 심판", "2. 탄핵의 심판"]),
        chunk("constitution", ["2. 탄핵의 심판", "3. 정당의 해산 심판", "②헌법재판소는 9인의 재판관으로 구성한다."]),
        chunk("bill", ["1. 제안이유"]),
    ])


def test_a_sentence_announcing_numbered_items_is_followed_by_them_across_overlapping_passages():
    from ragqa.answer.extractive import announced_items, items_lead

    index = _statute_index()
    lines = [(pos, j, index.chunks[pos].text[s:e]) for pos in (0, 1) for j, (s, e) in enumerate(index.chunks[pos].sentences)]
    # the overlap's shared sentence is a candidate once (of the passage ranked first), as scored_sentences keeps it
    cands = [Candidate(1 if pos == 0 else 2, pos, j, text, 0.8, 0.1, 0.8) for pos, j, text in lines if (pos, j) != (1, 0)]
    intro = cands[1]
    items = announced_items(intro, cands, index)
    assert [i.text for i in items] == ["1. 법원의 제청에 의한 법률의 위헌여부 심판", "2. 탄핵의 심판", "3. 정당의 해산 심판"]
    assert [i.passage_id for i in items] == [1, 1, 2]
    assert items_lead(items) == "법원의 제청에 의한 법률의 위헌여부 심판, 탄핵의 심판, 정당의 해산 심판"
    # a sentence announcing nothing has no items; nor has one whose next passage was not retrieved past its end
    assert announced_items(cands[0], cands, index) == []
    only_first = [c for c in cands if c.chunk_pos == 0]
    assert [i.text for i in announced_items(intro, only_first, index)] == ["1. 법원의 제청에 의한 법률의 위헌여부 심판",
                                                                           "2. 탄핵의 심판"]


def test_the_items_stop_at_the_first_line_that_is_no_item_and_at_the_document_end():
    from types import SimpleNamespace

    from ragqa.answer.extractive import announced_items

    text = "다음 각 호의 사항을 공시하여야 한다.\n가. 현재 등록된 업체 현황\n나. 영업정지를 받은 업체\n이 경우 공시는 매년 한다.\n"
    spans, at = [], 0
    for line in text.splitlines():
        spans.append((at, at + len(line)))
        at += len(line) + 1
    index = SimpleNamespace(chunks=[SimpleNamespace(doc_id="bill", text=text, sentences=spans),
                                    SimpleNamespace(doc_id="other", text="1. 다른 문서", sentences=[(0, 6)])])
    cands = [Candidate(1, 0, j, text[s:e], 0.8, 0.1, 0.8) for j, (s, e) in enumerate(spans)]
    cands.append(Candidate(2, 1, 0, "1. 다른 문서", 0.8, 0.1, 0.8))
    assert [i.text for i in announced_items(cands[0], cands, index)] == ["가. 현재 등록된 업체 현황", "나. 영업정지를 받은 업체"]
    # the last item of a document is followed by nothing of another document
    index.chunks[0] = SimpleNamespace(doc_id="bill", text=text, sentences=spans[:3])
    assert [i.text for i in announced_items(cands[0], cands[:3] + cands[4:], index)] == [
        "가. 현재 등록된 업체 현황", "나. 영업정지를 받은 업체"]
