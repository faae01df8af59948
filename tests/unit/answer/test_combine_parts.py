"""A multi-part answer covers each part in order, names the parts the documents do not answer, and quotes a
sentence once however many parts it answers."""

from ragqa.answer.extractive import Candidate, Extraction, combine_parts
from ragqa.types import Citation

S1 = "리창 총리는 국제기구 설립을 공식 제안했다 [2]."
S2 = "리창 총리는 유엔 산하의 AI 규제 대화 체계 두 개를 제안했다 [1]."


def _cand(pos, no, text):
    return Candidate(passage_id=pos, chunk_pos=pos, sentence_no=no, text=text, dense=0.9, lexical=0.5, score=1.0)


def _cite(i):
    return Citation(id=i, chunk_id=f"c{i}", doc_id="d", title="t", text="…", quote="…")


def test_a_sentence_two_parts_quote_is_quoted_once():
    first = Extraction("\n".join([S1, S2]), False, [_cite(1), _cite(2)], [_cand(2, 0, S1), _cand(1, 0, S2)], {})
    second = Extraction("\n".join(["두 개 [1]", S2]), False, [_cite(1)], [_cand(1, 0, S2)], {})
    out = combine_parts("ko", [("기구 이름은 뭐야?", first), ("대화 체계는 몇 개야?", second)])
    assert out.answer.split("\n") == [S1, S2, "두 개 [1]"]
    assert [c.id for c in out.citations] == [1, 2]
    assert [(c.chunk_pos, c.sentence_no) for c in out.quotes] == [(2, 0), (1, 0)]


def test_each_part_keeps_its_first_line_and_unanswered_parts_are_named():
    first = Extraction(S2, False, [_cite(1)], [_cand(1, 0, S2)], {})
    same = Extraction(S2, False, [_cite(1)], [_cand(1, 0, S2)], {})
    none = Extraction("없음", True, [], [], {})
    out = combine_parts("ko", [("체계는 몇 개야?", first), ("몇 개를 제안했어?", same), ("언제 열려?", none)])
    lines = out.answer.split("\n")
    assert lines[:2] == [S2, S2]  # the second part's only line stays: each part shows an answer
    assert "‘언제 열려’에 대해서는" in lines[2]
    assert not out.abstained
