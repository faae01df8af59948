import re
from concurrent.futures import ThreadPoolExecutor

from ragqa import Answer, Feedback, FeedbackStore


def _answer():
    return Answer(answer="답 [1]", abstained=False, citations=[], passages=[], mode="extractive", model=None,
                  degraded=False, timings_ms={"total": 1.0})


def test_answers_round_trip_and_unknown_ids(tmp_path):
    store = FeedbackStore(tmp_path / "sub" / "fb.sqlite")
    assert not (tmp_path / "sub").exists()  # cheap constructor
    aid = store.save_answer("질문?", _answer(), source="slack", user="U1", channel="C1")
    assert store.get_answer(aid) == ("질문?", _answer())
    assert store.get_answer("nope") is None


def test_one_vote_per_user_per_answer_and_counts(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite")
    fb = Feedback(vote="up", question="q", answer="a", user="U1", source="slack", answer_id="a1")
    assert store.record_feedback(fb) is True
    assert store.record_feedback(fb.model_copy(update={"vote": "down"})) is False
    store.record_feedback(fb.model_copy(update={"user": "U2"}))
    store.record_feedback(Feedback(vote="down", question="q", answer="a", source="web"))  # no answer id: kept
    store.record_feedback(Feedback(vote="down", question="q", answer="a", source="web"))
    assert store.feedback_counts() == {("slack", "down"): 1, ("slack", "up"): 1, ("web", "down"): 2}
    # durable: a new store over the same file sees the same rows
    assert len(FeedbackStore(tmp_path / "fb.sqlite").feedback()) == 4


def test_claims_are_once_only_across_threads(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite")
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: store.claim("slack-event:Ev1"), range(32)))
    assert results.count(True) == 1
    assert store.claim("slack-event:Ev2") is True
    assert store.claim("slack-event:Ev1", ttl_s=0) is True  # expired claims may be taken again


def _vote(i: int, answer: str = "답") -> Feedback:
    return Feedback(vote="up", question=f"q{i}", answer=answer, user=f"u{i}", source="web")


def test_retention_by_count_drops_the_oldest(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite", max_records=10)
    for i in range(25):
        store.record_feedback(_vote(i))
    assert [r["user"] for r in store.feedback()] == [f"u{i}" for i in range(15, 25)]
    assert store.usage()["feedback_rows"] == 10


def test_retention_by_bytes_counts_utf8_text(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite", max_bytes=10_000)
    for i in range(50):
        store.record_feedback(_vote(i, answer="가" * 1000))  # 3000 bytes of answer + "q{i}" + "u{i}"
    rows = store.feedback()
    assert len(rows) == 3 and rows[-1]["user"] == "u49"
    assert store.usage()["feedback_bytes"] == sum(len((r["question"] + r["answer"] + r["user"]).encode()) for r in rows)
    assert store.usage()["feedback_bytes"] <= 10_000


def test_totals_are_counted_for_a_store_written_before_they_were_kept(tmp_path):
    import sqlite3

    path = tmp_path / "fb.sqlite"
    FeedbackStore(path).record_feedback(_vote(0))
    with sqlite3.connect(path) as con:
        con.execute("DROP TABLE meta")
        con.execute("INSERT INTO feedback (created_at, user, source, vote, question, answer) "
                    "VALUES (0, 'old', 'some-old-source', 'up', 'q', 'a')")
    store = FeedbackStore(path, max_records=2)
    assert store.usage()["feedback_rows"] == 2
    store.record_feedback(_vote(1))
    assert [r["user"] for r in store.feedback()] == ["old", "u1"]


def test_answer_records_are_bounded_too(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite", max_records=10)
    ids = [store.save_answer(f"q{i}", _answer(), source="slack") for i in range(15)]
    assert store.get_answer(ids[4]) is None and store.get_answer(ids[5]) is not None
    assert store.usage()["answers"] == 10


def test_metrics_label_only_known_sources(tmp_path):
    import sqlite3

    from service.metrics import ServiceMetrics

    store = FeedbackStore(tmp_path / "fb.sqlite")
    store.record_feedback(_vote(0))
    with sqlite3.connect(tmp_path / "fb.sqlite") as con:  # a row from before `source` was a closed set
        con.execute("INSERT INTO feedback (created_at, user, source, vote, question, answer) "
                    "VALUES (0, 'old', 'Bad Source!', 'down', 'q', 'a')")
    text = ServiceMetrics(store).render().decode()
    sources = set(re.findall(r'ragqa_feedback_total\{source="([^"]+)"', text))
    assert sources == {"api", "web", "slack", "other"}
    assert 'ragqa_feedback_total{source="other",vote="down"} 1.0' in text
