import pytest

from ragqa.answer.citations import cited_ids, containment, invalid_markers, repair_markers, strip_markers


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("A는 B다 [1].", "A는 B다 [1]."),
        ("A는 B다 [1,2].", "A는 B다 [1][2]."),
        ("A는 B다 [1, 3]", "A는 B다 [1][3]"),
        ("A는 B다 【1】.", "A는 B다 [1]."),
        ("A [0] B [99] C [2]", "A B C [2]"),
        ("A [1-3]", "A [1][2][3]"),
        ("A [^2] and [Passage 1]", "A [2] and [1]"),
        ("A [1][1] B", "A [1] B"),
        ("Range [2,7,3]", "Range [2][3]"),
        ("숫자 (2018~2020) 유지 [문서 2]", "숫자 (2018~2020) 유지 [2]"),
    ],
)
def test_repair_markers(raw, expected):
    assert repair_markers(raw, n_passages=3) == expected


def test_cited_ids_and_invalid():
    ans = "가 [2]. 나 [1][2]. 다 [5]."
    assert cited_ids(ans) == [2, 1, 5]
    assert invalid_markers(ans, 3) == ["[5]"]
    assert invalid_markers("x [1,2]", 3) == ["[1,2]"]
    assert invalid_markers(repair_markers(ans, 3), 3) == []


def test_strip_markers():
    assert strip_markers("가 [1]. 나 [2][3]") == "가. 나"


def test_containment():
    assert containment("칩 384개를 장착", "910C 칩 384개를 장착한 시스템") == 1.0
    assert containment("완전히 다른 말", "910C 칩 384개") < 0.2


def test_markers_with_many_digits_are_dropped_not_crashing():
    from ragqa.answer.citations import cited_ids, repair_markers
    from ragqa.answer.llm import finalize_llm_answer
    from ragqa.types import Passage

    text = repair_markers("답은 384개다 [12345]. 또 [1][99999999999] 그리고 [2, 123456].", 2)
    assert cited_ids(text) == [1, 2] and "12345" not in text and "99999999999" not in text
    p = Passage(id=1, chunk_id="d#1", doc_id="d", title="t", text="910C 칩 384개를 장착했다.", score=1.0)
    answer, abstained, cits = finalize_llm_answer("910C 칩 384개를 장착했다 [12345].", [p], {1: [(0, 15)]})
    assert not abstained and all(c.id == 1 for c in cits)
