"""Block Kit rendering, Slack text handling and the rate limiter (no network)."""

from __future__ import annotations

import json

import pytest

from ragqa import Answer, Citation
from service.slack import blocks
from service.slack.ratelimit import RateLimiter
from service.slack.text import escape, mentions, to_question


def _answer(text="CloudMatrix 384에는 384개의 칩이 들어갑니다 [1].", n_cites=1, abstained=False, lang="ko", **kw):
    cites = [Citation(id=i, chunk_id=f"c{i}", doc_id="d", title=f"문서 {i}", text="본문 " * 200,
                      quote=f"인용 {i} " * 40) for i in range(1, n_cites + 1)]
    return Answer(answer=text, abstained=abstained, citations=[] if abstained else cites, passages=[],
                  mode="extractive", model=None, degraded=kw.get("degraded", False),
                  timings_ms={"total": 12.3}, language=lang)


def _limits_ok(blks):
    assert len(blks) <= 50
    assert len(json.dumps(blks)) < 40000
    for b in blks:
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= 3000
        if b["type"] == "context":
            assert 1 <= len(b["elements"]) <= 10
            assert all(len(e["text"]) <= 3000 for e in b["elements"])
        if b["type"] == "actions":
            assert all(len(e["value"]) <= 2000 for e in b["elements"])


def test_answer_blocks_have_answer_sources_footer_and_votes():
    text, blks = blocks.answer_message(_answer(), "abc123")
    _limits_ok(blks)
    assert blks[0]["block_id"] == "ragqa-answer:abc123" and "[1]" in blks[0]["text"]["text"]
    sources = blks[1]["elements"]
    assert sources[0]["text"] == "*출처*" and sources[1]["text"].startswith("*[1]* 문서 1 — “인용 1")
    assert len(sources[1]["text"]) < 250  # quotes are kept short
    assert "extractive" in blks[2]["elements"][0]["text"]
    actions = blks[-1]["elements"]
    assert [a["action_id"] for a in actions] == ["ragqa_feedback_up", "ragqa_feedback_down"]
    assert {a["value"] for a in actions} == {"abc123"}
    assert text.startswith("CloudMatrix")


def test_private_answers_can_be_shared_and_echo_the_question():
    _, blks = blocks.answer_message(_answer(lang="en"), "id1", question="How many chips?", private=True)
    assert "You asked" in blks[0]["elements"][0]["text"]
    assert blks[-1]["elements"][-1]["action_id"] == "ragqa_share"
    _, shared = blocks.answer_message(_answer(lang="en"), "id1", question="How many chips?", shared_by="U1")
    assert "<@U1> shared" in shared[0]["elements"][0]["text"]
    assert [a["action_id"] for a in shared[-1]["elements"]] == ["ragqa_feedback_up", "ragqa_feedback_down"]


def test_abstention_is_shown_as_such():
    text, blks = blocks.answer_message(_answer("제공된 문서에서는 이 질문에 대한 답을 찾을 수 없습니다.", abstained=True), "x")
    assert blks[0]["text"]["text"].startswith(":grey_question: *문서에서 답을 찾지 못했습니다*")
    assert not any("출처" in json.dumps(b, ensure_ascii=False) for b in blks)
    assert text.startswith("문서에서 답을 찾지 못했습니다")


def test_long_answers_are_split_then_truncated_with_a_note():
    long = ("가나다라마바사 아자차카타파하. " * 600).strip()  # ~10,000 chars
    text, blks = blocks.answer_message(_answer(long), "x", max_chars=6000)
    _limits_ok(blks)
    sections = [b for b in blks if b["type"] == "section"]
    assert len(sections) >= 3
    assert sum(len(s["text"]["text"]) for s in sections) <= 6001 + len(sections)
    note = next(b for b in blks if b["type"] == "context" and "줄였습니다" in b["elements"][0]["text"])
    assert f"{len(long) - 6000}자" in note["elements"][0]["text"]
    assert len(text) <= 3000


def test_many_citations_spill_into_more_context_blocks():
    _, blks = blocks.answer_message(_answer(n_cites=20), "x")
    _limits_ok(blks)
    items = [e["text"] for b in blks if b["type"] == "context" for e in b["elements"] if e["text"].startswith("*[")]
    assert len(items) == 20


def test_degraded_answers_say_so():
    _, blks = blocks.answer_message(_answer(lang="en", degraded=True), "x")
    assert "language model was unavailable" in json.dumps(blks)


def test_answer_text_is_escaped_for_mrkdwn():
    _, blks = blocks.answer_message(_answer("a <@U123> & <http://x|y> [1]"), "x")
    assert blks[0]["text"]["text"] == "a &lt;@U123&gt; &amp; &lt;http://x|y&gt; [1]"
    assert escape("<&>") == "&lt;&amp;&gt;"


def test_split_text_prefers_boundaries():
    pieces = blocks.split_text("첫 문장입니다. " * 400, limit=1000)
    assert all(len(p) <= 1000 for p in pieces) and all(p.endswith(".") for p in pieces[:-1])
    assert blocks.split_text("x" * 2500, limit=1000) == ["x" * 1000, "x" * 1000, "x" * 500]


@pytest.mark.parametrize(
    ("raw", "question"),
    [
        ("<@UBOT> 화웨이 장비는?", "화웨이 장비는?"),
        ("<@UBOT|ragqa>   what &amp; why &lt;3", "what & why <3"),
        ("ask <@U999> about <https://waic.cn|WAIC> in <#C1|general>", "ask @U999 about WAIC in #general"),
        ("<!here> <https://example.com>", "@here https://example.com"),
        ("<@UBOT>", ""),
    ],
)
def test_to_question(raw, question):
    assert to_question(raw, "UBOT") == question


def test_mentions():
    assert mentions("hi <@UBOT>", "UBOT") and not mentions("hi <@UOTHER>", "UBOT") and not mentions("hi", None)


def test_rate_limiter_sliding_window():
    now = [0.0]
    rl = RateLimiter(2, 10, clock=lambda: now[0])
    assert rl.check("a") == 0 and rl.check("a") == 0
    wait = rl.check("a")
    assert wait == pytest.approx(10) and RateLimiter.seconds(wait) == 10
    assert rl.check("b") == 0  # per user
    now[0] = 10.01
    assert rl.check("a") == 0
    assert RateLimiter(0, 10).check("a") == 0  # 0 disables


def test_manifest_matches_what_the_bot_handles():
    from pathlib import Path

    import yaml

    from service.slack import listeners

    manifest = yaml.safe_load((Path(listeners.__file__).parents[1] / "manifest.yaml").read_text())
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert events == {"app_mention", "message.im"}
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/ask"]
    assert manifest["settings"]["interactivity"]["is_enabled"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "channels:history"} <= scopes
    urls = {manifest["settings"]["event_subscriptions"]["request_url"], manifest["settings"]["interactivity"]["request_url"],
            manifest["features"]["slash_commands"][0]["url"]}
    assert {u.rsplit("/", 2)[-2:] == ["slack", "events"] for u in urls} == {True}
