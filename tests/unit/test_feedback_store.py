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
