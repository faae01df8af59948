"""Headings: told apart from body text by how they are written, and never quoted as the answer unless the
question asks for a title."""

import numpy as np
import pytest

from ragqa.text.layout import is_heading

DOC = """리창 총리, AI 국제 협력 구상 발표

중국 리창 총리는 상하이에 기반을 둔 AI 협력 기구 설립 계획을 제안했다.
1. ‘AI 글로벌 거버넌스 행동계획’ 발표
- 민간 주도의 기술혁신을 뒷받침할 수 있도록 자금․세제․규제 완화 정책 필요
인재양성 | 2020.7. | 쌍인류 대학 학제 융합 방안
중국의 대표적 AI 정책(2017~) | ||
"""


# the answer settings of the engines below: the abstention rule with no thresholds, so that answers depend on
# the layout under test, not on the hash embedder's similarities
_RULE_ANSWER = {"abstain_dense": 0.0, "abstention": "rule", "abstain_coverage": 0.0}


def _started_engine(tmp_path, text_processor, corpus: dict[str, str], **settings):
    """An engine over ``corpus`` (file name → text) with the hash embedder, its index built, and ``settings``
    (nested settings sections) over the defaults."""
    from ragqa import build_engine, load_settings
    from tests.conftest import HashEmbedder, write_corpus

    loaded = load_settings(corpus={"dir": write_corpus(tmp_path / "corpus", corpus)},
                           index={"dir": tmp_path / "index"}, data={"dir": tmp_path / "data"}, **settings)
    engine = build_engine(loaded, embedder=HashEmbedder(), text=text_processor, llm=None)
    engine.start(build="if-needed")
    return engine


def _span(text: str) -> tuple[int, int]:
    start = DOC.index(text)
    return start, start + len(text)


@pytest.mark.parametrize("line, heading", [
    ("리창 총리, AI 국제 협력 구상 발표", True),  # a line of its own, no sentence ending
    ("1. ‘AI 글로벌 거버넌스 행동계획’ 발표", True),  # a numbered section title
    ("중국 리창 총리는 상하이에 기반을 둔 AI 협력 기구 설립 계획을 제안했다.", False),  # a sentence
    ("- 민간 주도의 기술혁신을 뒷받침할 수 있도록 자금․세제․규제 완화 정책 필요", False),  # a bullet
    ("인재양성 | 2020.7. | 쌍인류 대학 학제 융합 방안", False),  # a table row is data
    ("리창 총리", False),  # part of a line
    ("중국의 대표적 AI 정책(2017~)", True),  # a table's title: only empty cells follow it
])
def test_is_heading(line, heading):
    assert is_heading(DOC, *_span(line)) is heading


def test_a_long_line_is_not_a_heading_unless_it_is_the_documents_headline():
    text = "본문 첫 줄\n\n" + "가" * 61 + "\n"
    assert not is_heading(text, 8, 69)
    assert is_heading(text, 8, 28) is False  # not the whole line
    # a document's first line is its headline, with its subheadline often: up to twice as long
    headline = "중국, 글로벌 AI 협력에 연일 '러브콜' 미국, 규제 최소화·속도 최대화로 질주 실상은 화려한 외피뿐, 접점 없이 간극만 확인"
    assert len(headline) > 60 and is_heading(headline + "\n\n본문이다.", 0, len(headline))
    assert not is_heading("가" * 121 + "\n", 0, 121)


HEADED = {"cases.md": """---
title: 사례집
language: ko
---
‘中国智·惠世界 2025’ 사례집 발표

국가발전개혁위원회가 발표한 본 사례집은 교육·농업·의료 분야의 AI 국제 협력 사례를 수록했다.
"""}


@pytest.fixture
def headed_engine(tmp_path, text_processor):
    return _started_engine(tmp_path, text_processor, HEADED, answer={**_RULE_ANSWER, "type_gate": False})


def test_the_index_knows_its_headings(headed_engine):
    index, _ = headed_engine._require()
    texts = [index.chunks[int(c)].text[slice(*index.chunks[int(c)].sentences[int(j)])]
             for row, (c, j) in enumerate(index.sentence_owner) if row in index.headings]
    assert texts == ["‘中国智·惠世界 2025’ 사례집 발표"]


@pytest.mark.parametrize("question, expected", [
    ("러브콜 기사 소제목에서 미국은 어떻게 질주한다고 했어?", True), ("기사 부제 보면 뭘 내놨대?", True),
    ("그 보고서 제목이 정확히 뭐야?", True), ("According to the headline, what did they confirm?", True),
    ("What is the heading of that section?", True),
    ("표제지와 목차는 몇 쪽이야?", False), ("사례집은 어느 기관이 발표했어?", False), ("Who is the CEO?", False),
])
def test_questions_about_a_heading(question, expected):
    from ragqa.text.layout import asks_heading

    assert asks_heading(question) is expected


def test_a_korean_heading_question_reads_the_nearest_headings_as_a_ranker(headed_engine):
    retriever = headed_engine._retriever
    index, _ = headed_engine._require()
    query = "사례집 발표 기사 제목이 뭐야?"
    lists, _, _ = retriever.ranker_lists(query, headed_engine.embedder.embed_queries([query])[0])
    heading_chunks = {int(index.sentence_owner[row][0]) for row in index.headings}
    assert lists["headings"] and set(lists["headings"]) <= heading_chunks
    # not for a question about something else, nor for an English question
    other = "사례집은 어느 기관이 발표했어?"
    assert "headings" not in retriever.ranker_lists(other, headed_engine.embedder.embed_queries([other])[0])[0]
    english = "What is the headline of the casebook article?"
    assert "headings" not in retriever.ranker_lists(english, headed_engine.embedder.embed_queries([english])[0])[0]


def test_a_heading_is_not_quoted_as_the_answer(headed_engine):
    answer = headed_engine.ask("‘中国智·惠世界 2025’ 사례집 발표 기관은 어디야?")
    assert not answer.abstained
    assert "국가발전개혁위원회" in answer.answer
    assert "사례집 발표 [" not in answer.answer


def test_headings_step_aside_except_for_who_what_is_it_called_and_headline_questions():
    from ragqa.answer.extractive import Candidate, _body_first

    byline = Candidate(1, 0, 0, "작성자: 정리 연구원", 0.9, 0.5, 1.0, heading=True)
    body = Candidate(1, 0, 1, "국가발전개혁위원회가 사례집을 발표했다.", 0.8, 0.4, 0.9)
    assert _body_first([byline, body], "사례집은 어느 기관이 발표했어?", "other") == [body]
    assert _body_first([byline, body], "보고서 작성자는 누구야?", "person") == [byline, body]  # a byline names a person
    assert _body_first([byline, body], "보고서 제목이 뭐야?", "other") == [byline, body]
    assert _body_first([byline], "사례집은 어느 기관이 발표했어?", "other") == [byline]  # nothing else is left

    # a question about a headline or heading puts the headings among the top five first
    heading = Candidate(1, 0, 2, "중국, 글로벌 AI 협력에 연일 러브콜", 0.7, 0.3, 0.8, heading=True)
    far = Candidate(2, 1, 0, "세계 인공지능 회의가 열렸다", 0.6, 0.2, 0.5, heading=True)
    cands = [body, body, body, body, body, far, heading]
    assert _body_first([body, heading], "러브콜 기사 소제목에서 미국은 어떻게 질주한다고 했어?", "other") == [heading, body]
    assert _body_first([body, heading], "According to the headline, what did they confirm?", "other") == [heading, body]
    assert _body_first(cands, "기사 부제에는 뭐라고 돼 있어?", "other")[0] is body  # below the top five: not moved


def test_a_heading_answers_a_question_asking_for_a_title(headed_engine):
    answer = headed_engine.ask("‘中国智·惠世界 2025’ 사례집 발표 섹션의 제목이 뭐야?")
    assert "사례집 발표 [" in answer.answer


SECTIONED = {"plan.md": """---
title: 보고서
language: ko
---
이 보고서는 대회의 주요 성과를 정리했다.

1. ‘AI 글로벌 거버넌스 행동계획’ 발표

- 개막식과 함께 공개된 본 계획은 인공지능을 국제 공공재로 규정하고 글로벌 로드맵을 제시함.
- 유엔 협약 이행을 목표로 기후변화 대응, 표준 수립 등 총 13개 협력 분야를 포함함.

2. 세계 인공지능 협력기구 설립 제안

- 중국은 협력기구 설립을 공식 제안하고 본부를 상해에 유치할 의향을 표명함.
"""}


@pytest.fixture
def sectioned_index(tmp_path, text_processor):
    engine = _started_engine(tmp_path, text_processor, SECTIONED,
                             chunking={"target_chars": 60, "max_chars": 120, "overlap_sentences": 0})
    return engine._require()[0]


def _row_text(index, row: int) -> str:
    c, j = (int(x) for x in index.sentence_owner[row])
    return index.chunks[c].text[slice(*index.chunks[c].sentences[j])]


def test_each_sentence_knows_the_heading_of_its_section(sectioned_index):
    index = sectioned_index
    assert len(index.chunks) > 2  # sections span chunks: the map reads positions in the document
    under = {_row_text(index, row): _row_text(index, h) for row, h in index.section_headings.items()}
    plan, body = "1. ‘AI 글로벌 거버넌스 행동계획’ 발표", "2. 세계 인공지능 협력기구 설립 제안"
    assert {k[:9]: v for k, v in under.items()} == {
        "- 개막식과 함께": plan,
        "- 유엔 협약 이": plan,
        "- 중국은 협력기": body,
    }  # the sentence before the first heading and the headings themselves have no section heading


def test_a_sentence_counts_the_key_terms_of_its_sections_heading(sectioned_index):
    from ragqa.answer.extractive import score_candidates

    index = sectioned_index
    row = next(r for r in index.section_headings if "13개" in _row_text(index, r))
    pos = int(index.sentence_owner[row][0])
    from ragqa.types import Passage

    c = index.chunks[pos]
    passages = [(Passage(id=1, chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, text=c.text, score=1.0), pos)]
    weights = {"행동": 3.0, "계획": 2.0, "협력": 0.5}  # the question names the plan; the sentence does not
    vec = np.zeros(index.sentence_vectors.get(np.array([row])).shape[1], dtype=np.float32)
    alone = {x.text: x for x in score_candidates(passages, vec, weights, index, context_weight=0.0)}
    with_heading = {x.text: x for x in score_candidates(passages, vec, weights, index, context_weight=0.5)}
    text = _row_text(index, row)
    assert with_heading[text].lexical == alone[text].lexical  # its own share (an abstention feature) stays
    assert with_heading[text].score > alone[text].score


def test_a_table_of_contents_is_recognised_line_by_line():
    from ragqa.text.layout import contents_breaks, is_contents

    assert is_contents("목차\n1. 개요 2\n[그림 1] 생성형 AI 특허 출원 현황 2")
    assert is_contents("2. 중국의 AI 기술 자립 동향 3\n참고문헌 9")  # a later part of a long one
    assert not is_contents("목차")  # a heading alone
    assert not is_contents("1. 개요 2\n중국은 2030년까지 AI 강국으로 도약하겠다는 목표를 세웠다.")
    sentences = ["본문 첫 문장이다.", "목차", "1. 개요 2", "참고문헌 9", "본문이 이어진다."]
    assert contents_breaks(sentences) == {1, 4}  # where it starts and where the text resumes
    assert contents_breaks(["목차", "본문이 바로 온다."]) == set()  # a heading with no entries is text


CONTENTS = {"report.md": """---
title: 보고서
language: ko
---
□ 중국은 2030년까지 AI 강국으로 도약하겠다는 목표를 설정했다.
목차
1. 개요 2
2. 중국의 AI 기술 자립 동향 3
참고문헌 9
[그림 1] 생성형 AI 특허 출원 현황 2
중국의 AI 기술 자립 동향을 보면 생성형 AI 특허 출원이 크게 늘었다.
"""}


@pytest.fixture
def contents_engine(tmp_path, text_processor):
    return _started_engine(tmp_path, text_processor, CONTENTS, answer=_RULE_ANSWER)


def test_the_contents_are_read_only_for_a_question_about_pages(contents_engine):
    index, _ = contents_engine._require()
    assert len(index.contents) == 1
    (pos,) = index.contents
    assert index.chunks[pos].text.startswith("목차\n1. 개요 2")
    assert index.keyword.doc_freq("참고문헌") == 0  # not in the keyword index: IDFs as without it
    # a question about the text: the contents are not among its passages, though they share its words
    hits = contents_engine.retrieve("중국의 AI 기술 자립 동향은 어때?", top_k=10)
    assert hits.passages and all("참고문헌" not in p.text for p in hits.passages)
    # a question about pages: they are, and the answer leads with the page
    answer = contents_engine.ask("보고서에서 참고문헌은 몇 쪽부터야?", mode="extractive")
    assert not answer.abstained and answer.answer.startswith("9쪽 [")
    english = contents_engine.ask("On which page do the references (참고문헌) start?", mode="extractive")
    assert english.answer.startswith("page 9 [")


REFERENCED = {"brief.md": """---
title: 브리프
language: ko
---
중국은 상해에서 세계인공지능대회를 열고 행동계획을 발표했다.
행동계획은 인공지능을 국제 공공재로 규정했다.

<참고자료>
(25.7.26, 中国科技网) 2025世界人工智能大会开幕
(25.7.28,中国国际科技交流中心) 人工智能全球治理行动计划(全文)
작성자: 정리 연구원
"""}


@pytest.fixture
def referenced_engine(tmp_path, text_processor):
    return _started_engine(tmp_path, text_processor, REFERENCED, answer=_RULE_ANSWER)


@pytest.mark.parametrize("line, expected", [
    ("<참고자료>", True), ("참고문헌", True), ("References", True), ("3. 참고 문헌", True),
    ("참고자료에 따르면 대회는 성공적이었다.", False), ("(25.7.26, 中国科技网) 2025世界人工智能大会开幕", False),
])
def test_a_list_of_references_is_known_by_its_heading(line, expected):
    from ragqa.text.layout import is_references_heading
    assert is_references_heading(line) is expected


@pytest.mark.parametrize("question, expected", [
    ("브리프 참고자료에 실린 행동계획 전문 자료 날짜는 언제야?", True), ("참고문헌 첫 자료 제목이 뭐야?", True),
    ("In the brief's references, which outlet is credited?", True), ("행동계획은 언제 발표됐어?", False),
])
def test_questions_about_a_list_of_references(question, expected):
    from ragqa.text.layout import asks_references
    assert asks_references(question) is expected


def test_the_index_knows_the_entries_of_a_list_of_references(referenced_engine):
    index, _ = referenced_engine._require()
    entries = {_row_text(index, row) for row in index.reference_entries}
    assert entries == {"(25.7.26, 中国科技网) 2025世界人工智能大会开幕",
                       "(25.7.28,中国国际科技交流中心) 人工智能全球治理行动计划(全文)", "작성자: 정리 연구원"}


def test_a_question_about_the_references_is_answered_from_their_entries(referenced_engine):
    answer = referenced_engine.ask("브리프 참고자료 목록에 있는 행동계획 전문(全文) 자료, 날짜가 언제로 적혀 있어?")
    assert not answer.abstained
    assert answer.answer.startswith("25.7.28 [")
    title = referenced_engine.ask("참고자료 중에 中国科技网이 낸 자료, 제목이 뭐로 적혀 있어?")
    assert title.answer.startswith("2025世界人工智能大会开幕 [")
    # not asked about the references: the entries stay where their scores put them
    plain = referenced_engine.ask("행동계획은 인공지능을 무엇으로 규정했어?")
    assert "공공재" in plain.answer and "25.7" not in plain.answer


def test_references_first_moves_only_the_entries_of_the_list(referenced_engine):
    from ragqa.answer.extractive import Candidate, references_first

    index, _ = referenced_engine._require()
    rows = sorted(index.reference_entries)
    owner = [tuple(int(x) for x in index.sentence_owner[r]) for r in rows]
    body = Candidate(1, 0, 0, "중국은 상해에서 세계인공지능대회를 열고 행동계획을 발표했다.", 0.9, 0.5, 1.2)
    entries = [Candidate(1, c, j, _row_text(index, r), 0.3, 0.1 * i, 0.5, heading=True)
               for i, (r, (c, j)) in enumerate(zip(rows, owner, strict=True))]
    moved = references_first([body, *entries], "참고자료에 실린 자료 날짜는?", "date_day", index)
    assert moved[0].text == entries[-1].text and not moved[0].heading  # most of the question's terms first
    assert moved[-1] is body and moved[0].score > body.score
    assert references_first([body, *entries], "행동계획은 언제 나왔어?", "date:relative", index)[0] is body
    assert references_first([body, *entries], "목차 보면 참고자료는 몇 쪽이야?", "page", index)[0] is body  # a page asked


def test_the_index_maps_each_token_to_the_sentences_that_hold_it(headed_engine):
    index, _ = headed_engine._require()
    rows = range(len(index.sentence_tokens))
    assert [index.sentence_text(row) for row in rows] == [_row_text(index, row) for row in rows]
    for token, found in index.token_rows.items():
        assert found == tuple(row for row in rows if token in index.sentence_tokens[row])
    assert index.token_rows  # the fixture's sentences hold tokens


@pytest.mark.parametrize("line, dateline", [
    ("korean.shanghai.gov.cn| 2025-07-31", True),
    ("Xinhua | 2025.07.28", True),
    ("2025-07-31", True),
    ("2025년 7월 26일, 외교부 등 10개 기관이 공동 주최한 WAIC가 개최되었으며", False),  # a sentence of the text
    ("산업 발전계획 | 2017.12. 2019.8. 2022.8.", False),  # a table row: several dates and words
    ("2025.07.31 발표", False),
])
def test_is_dateline(line, dateline):
    from ragqa.text.layout import is_dateline

    assert is_dateline(line) is dateline


@pytest.mark.parametrize("line, credit", [
    ("인공지능 업계 리더들이 한자리에 모여 원탁 토론을 진행했다 [사진 출처: 중국일보망(中國日報網)]", "중국일보망(中國日報網)"),
    ("원문 출처: 중국일보망, 상하이 국제 서비스 포털", "중국일보망, 상하이 국제 서비스 포털"),
    ("(사진 출처: 신화통신)", "신화통신"), ("Source: Reuters", "Reuters"),
    ("세미애널리시스에 따르면 성능이 우수했다", None), ("출처 없이 인용된 수치", None),
])
def test_credit_of(line, credit):
    from ragqa.text.layout import credit_of

    assert credit_of(line) == credit


@pytest.mark.parametrize("question, asks", [
    ("원탁 토론 현장 사진 보도자료에 쓰려는데, 상하이 포털 기사에 사진 출처가 어디로 표기돼 있어?", True),
    ("상하이 포털에 올라온 원탁 기사, 맨 끝에 원문 출처로 적힌 곳들 알려줘", True),
    ("상하이 원탁 토론 기사에 실린 사진은 어느 매체가 제공한 거야?", True),
    ("What are the original sources of the story about the roundtable?", True),
    ("이 수치의 출처는 어디야?", False),  # the source of a claim: the sentence citing it answers
    ("세미애널리시스는 어떤 회사야?", False),
])
def test_asks_credit(question, asks):
    from ragqa.text.layout import asks_credit

    assert asks_credit(question) is asks


def test_a_dateline_is_quoted_only_for_when_or_where_a_document_was_published():
    from ragqa.answer.extractive import Candidate, _datelines_last

    dateline = Candidate(1, 0, 0, "korean.shanghai.gov.cn| 2025-07-31", 0.9, 0.0, 1.0)
    body = Candidate(1, 0, 1, "원탁 토론은 상하이 타워 정원 홀에서 열렸다.", 0.8, 0.4, 0.9)
    assert _datelines_last([dateline, body], "Do the documents name the exhibition venue?", "other") == [body]
    assert _datelines_last([dateline, body], "그 기사 언제 올라왔어?", "date") == [dateline, body]
    assert _datelines_last([dateline, body], "On which website was the article published?", "other") == [dateline, body]
    assert _datelines_last([dateline], "Do the documents name the venue?", "other") == [dateline]  # nothing else left


def test_which_document_is_answered_by_the_titles_of_the_quoted_documents():
    from ragqa.answer.extractive import Candidate, document_lead
    from ragqa.types import Passage

    brief = Passage(id=1, chunk_id="c1", doc_id="000", title="WAIC 개최 브리프", text="…", score=1.0)
    report = Passage(id=2, chunk_id="c2", doc_id="004", title="", text="…", score=0.9)
    first = Candidate(1, 0, 0, "WAICO 설립을 제안", 0.9, 0.5, 1.0)
    second = Candidate(1, 0, 1, "본부를 상해에 유치", 0.8, 0.4, 0.9)
    third = Candidate(2, 1, 0, "한국의 대응 전략은 …", 0.7, 0.3, 0.8)
    assert document_lead([first, second], [(brief, 0), (report, 1)]) == "WAIC 개최 브리프 (000)"  # each document once
    assert document_lead([first, third], [(brief, 0), (report, 1)]) == "WAIC 개최 브리프 (000), 004"  # no title: its id
