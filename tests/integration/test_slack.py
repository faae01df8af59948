"""The Slack bot end to end: real slack-bolt mounted in the real service (uvicorn on 127.0.0.1), signed
requests to ``/slack/events``, and a fake Slack Web API on loopback that records what the bot says."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import logging
import re
import sqlite3
import time
from urllib.parse import urlencode

import httpx
import pytest

from ragqa import FeedbackStore
from ragqa.settings import DataSettings, SlackSettings
from service.api import create_app
from tests.conftest import LiveServer
from tests.fakes.slack_api import BOT_ID, BOT_USER, TEAM, FakeSlack

pytestmark = pytest.mark.integration

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
_ids = itertools.count(1)


class Slack:
    """Sends what Slack would send, signed like Slack signs it."""

    def __init__(self, url: str, fake: FakeSlack) -> None:
        self.url = url + "/slack/events"
        self.fake = fake

    def _post(self, body: str, ctype: str, *, retry: int | None = None, ts: int | None = None,
              secret: str = SECRET) -> httpx.Response:
        stamp = str(ts if ts is not None else int(time.time()))
        sig = "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        headers = {"Content-Type": ctype, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": sig}
        if retry is not None:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        return httpx.post(self.url, content=body.encode(), headers=headers, timeout=30)

    def event(self, event: dict, *, event_id: str | None = None, **kw) -> httpx.Response:
        body = {
            "token": "legacy", "team_id": TEAM, "api_app_id": "A0001", "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids):06d}", "event_time": int(time.time()), "event": event,
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
        return self._post(json.dumps(body, ensure_ascii=False), "application/json", **kw)

    def mention(self, user: str, text: str, channel: str = "C0001", thread_ts: str | None = None, **kw):
        msg = self.fake.add_message(channel, user, f"<@{BOT_USER}> {text}", thread_ts=thread_ts)
        ev = {"type": "app_mention", "user": user, "text": msg["text"], "ts": msg["ts"], "channel": channel,
              "event_ts": msg["ts"], "channel_type": "channel"}
        if thread_ts:
            ev["thread_ts"] = thread_ts
        return msg, self.event(ev, **kw)

    def dm(self, user: str, text: str, channel: str = "D0001", thread_ts: str | None = None, **extra):
        msg = self.fake.add_message(channel, user, text, thread_ts=thread_ts)
        ev = {"type": "message", "user": user, "text": text, "ts": msg["ts"], "channel": channel,
              "event_ts": msg["ts"], "channel_type": "im", **extra}
        if thread_ts:
            ev["thread_ts"] = thread_ts
        return msg, self.event(ev)

    def command(self, user: str, text: str, channel: str = "C0001") -> httpx.Response:
        form = {"token": "legacy", "team_id": TEAM, "channel_id": channel, "user_id": user, "command": "/ask",
                "text": text, "response_url": self.fake.url + "/response/cmd", "trigger_id": "1.2.3",
                "api_app_id": "A0001"}
        return self._post(urlencode(form), "application/x-www-form-urlencoded")

    def click(self, user: str, action_id: str, value: str, channel: str = "C0001", message: dict | None = None,
              ephemeral: bool = False) -> httpx.Response:
        payload = {
            "type": "block_actions", "team": {"id": TEAM}, "user": {"id": user}, "api_app_id": "A0001",
            "channel": {"id": channel}, "container": {"type": "message", "channel_id": channel,
                                                    "is_ephemeral": ephemeral},
            "response_url": self.fake.url + "/response/act", "trigger_id": "1.2.3",
            "actions": [{"type": "button", "action_id": action_id, "block_id": "ragqa-actions:" + value,
                         "value": value, "action_ts": str(time.time())}],
        }
        if message is not None:
            payload["message"] = message
        return self._post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


# Both fixtures are per test: a fresh fake Slack (no calls or messages left by another test) and a fresh
# service wired to it (no rate-limit, dedupe or thread state left by another test), so tests pass alone,
# together and in any order. The engine (the slow part) is shared.
@pytest.fixture
def fake_slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def service(real_engine, real_settings, fake_slack, tmp_path_factory):
    settings = real_settings.model_copy(update={
        "slack": SlackSettings(bot_token=TOKEN, signing_secret=SECRET, api_base_url=fake_slack.api_url,
                               rate_limit_count=3, rate_limit_window_s=60),
        "data": DataSettings(dir=tmp_path_factory.mktemp("slack-data")),
    })
    with LiveServer(create_app(real_engine, settings=settings)) as server:
        server.wait_ready()
        server.settings = settings
        yield server


@pytest.fixture
def slack(service, fake_slack) -> Slack:
    return Slack(service.url, fake_slack)


def _answer_update(fake: FakeSlack, channel: str, placeholder_ts: str, timeout: float = 60) -> dict:
    return fake.wait_for("chat.update", channel=channel, ts=placeholder_ts, timeout=timeout)[-1].params


def _replies_to(fake: FakeSlack, channel: str, ts: str) -> list:
    return fake.calls_to("chat.postMessage", channel=channel, thread_ts=ts)


def _wait_reply(fake: FakeSlack, channel: str, ts: str, timeout: float = 60) -> dict:
    return fake.wait_for("chat.postMessage", channel=channel, thread_ts=ts, timeout=timeout)[0].params


def _block_ids(blocks: list) -> list[str]:
    return [b.get("block_id", "") for b in blocks]


def _answer_id(blocks: list) -> str:
    return next(b["block_id"].split(":", 1)[1] for b in blocks if b.get("block_id", "").startswith("ragqa-answer:"))


def _text(blocks: list) -> str:
    out = []
    for b in blocks:
        if b["type"] == "section":
            out.append(b["text"]["text"])
        elif b["type"] == "context":
            out += [e["text"] for e in b["elements"]]
    return "\n".join(out)


def test_url_verification_challenge(slack):
    resp = slack._post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}), "application/json")
    assert resp.status_code == 200
    assert "abc123" in resp.text


@pytest.mark.parametrize("how", ["bad-signature", "stale-timestamp", "unsigned", "timestamp-not-a-number"])
def test_bad_or_stale_signature_is_401_and_nothing_is_posted(slack, fake_slack, how):
    before = len(fake_slack.calls)
    body = json.dumps({"type": "event_callback", "event_id": "EvBad", "team_id": TEAM,
                       "event": {"type": "app_mention", "user": "UBAD", "text": f"<@{BOT_USER}> hi",
                                 "ts": "1.1", "channel": "C0001"}})
    if how == "bad-signature":
        resp = slack._post(body, "application/json", secret="not-the-secret")
    elif how == "stale-timestamp":
        resp = slack._post(body, "application/json", ts=int(time.time()) - 3600)
    elif how == "timestamp-not-a-number":
        resp = httpx.post(slack.url, content=body, headers={"Content-Type": "application/json",
                                                             "X-Slack-Request-Timestamp": "abc"})
    else:
        resp = httpx.post(slack.url, content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 401
    time.sleep(0.5)
    assert len(fake_slack.calls) == before


@pytest.mark.parametrize("ctype, body", [("application/json", "{not json"),
                                         ("application/x-www-form-urlencoded", "payload=%7Bnot%20json")])
def test_signed_body_that_is_not_json_is_400(slack, fake_slack, ctype, body, service):
    resp = slack._post(body, ctype)
    assert resp.status_code == 400 and "not a valid Slack request" in resp.json()["error"]
    assert httpx.get(service.url + "/healthz").status_code == 200
    assert fake_slack.calls == []


def test_mention_is_acked_then_answered_in_thread_with_blocks(slack, fake_slack):
    t0 = time.monotonic()
    msg, resp = slack.mention("UMENTION", "화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?")
    assert resp.status_code == 200
    assert time.monotonic() - t0 < 3
    placeholder = _wait_reply(fake_slack, "C0001", msg["ts"])
    assert "Searching" in placeholder["text"] or "찾아보는" in placeholder["text"]
    placeholder_ts = fake_slack.thread("C0001", msg["ts"])[1]["ts"]
    update = _answer_update(fake_slack, "C0001", placeholder_ts)
    blocks = update["blocks"]
    assert blocks[0]["block_id"].startswith("ragqa-answer:")
    assert re.search(r"\[\d+\]", update["text"]) and "384" in update["text"], update["text"]
    text = _text(blocks)
    assert "출처" in text or "Sources" in text
    actions = [b for b in blocks if b["type"] == "actions"][0]
    assert {e["action_id"] for e in actions["elements"]} == {"ragqa_feedback_up", "ragqa_feedback_down"}
    # exactly one reply in the thread: the placeholder, turned into the answer
    assert len(_replies_to(fake_slack, "C0001", msg["ts"])) == 1


def test_slow_answers_are_still_acked_at_once(slack, fake_slack, real_engine, monkeypatch):
    original = real_engine.ask

    def slow(*a, **kw):
        time.sleep(4)
        return original(*a, **kw)

    monkeypatch.setattr(real_engine, "ask", slow)
    t0 = time.monotonic()
    msg, resp = slack.mention("USLOW", "CloudMatrix 384에는 칩이 몇 개 들어가?")
    acked = time.monotonic() - t0
    assert resp.status_code == 200 and acked < 3, acked
    placeholder = _wait_reply(fake_slack, "C0001", msg["ts"])
    assert placeholder["text"]
    placeholder_ts = fake_slack.thread("C0001", msg["ts"])[1]["ts"]
    update = _answer_update(fake_slack, "C0001", placeholder_ts, timeout=30)
    assert "384" in update["text"]


def test_dm_is_answered_in_a_thread(slack, fake_slack):
    msg, resp = slack.dm("UDM", "What did Huawei unveil at WAIC 2025?")
    assert resp.status_code == 200
    _wait_reply(fake_slack, "D0001", msg["ts"])
    placeholder_ts = fake_slack.thread("D0001", msg["ts"])[1]["ts"]
    update = _answer_update(fake_slack, "D0001", placeholder_ts)
    assert update["blocks"][0]["block_id"].startswith("ragqa-answer:")
    assert "Sources" in _text(update["blocks"])  # an English question gets English chrome


def test_thread_follow_up_uses_history(slack, fake_slack):
    first, _ = slack.mention("UFOLLOW", "화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?", channel="C0002")
    _wait_reply(fake_slack, "C0002", first["ts"])
    ph1 = fake_slack.thread("C0002", first["ts"])[1]["ts"]
    _answer_update(fake_slack, "C0002", ph1)
    follow, _ = slack.mention("UFOLLOW", "그럼 그 장비에는 칩이 몇 개 들어가?", channel="C0002", thread_ts=first["ts"])
    fake_slack.wait_for("conversations.replies", channel="C0002", ts=first["ts"])
    fake_slack.wait_for("chat.postMessage", count=2, channel="C0002", thread_ts=first["ts"])
    ph2 = fake_slack.thread("C0002", first["ts"])[-1]["ts"]
    update = _answer_update(fake_slack, "C0002", ph2)
    assert "384" in update["text"], update["text"]


def test_dm_thread_follow_up_without_mention(slack, fake_slack):
    first, _ = slack.dm("UDMF", "화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?", channel="D0002")
    _wait_reply(fake_slack, "D0002", first["ts"])
    _answer_update(fake_slack, "D0002", fake_slack.thread("D0002", first["ts"])[1]["ts"])
    slack.dm("UDMF", "그 장비에 칩이 몇 개 들어가?", channel="D0002", thread_ts=first["ts"])
    fake_slack.wait_for("chat.postMessage", count=2, channel="D0002", thread_ts=first["ts"])
    update = _answer_update(fake_slack, "D0002", fake_slack.thread("D0002", first["ts"])[-1]["ts"])
    assert "384" in update["text"], update["text"]


def test_slash_command_answers_privately_and_share_posts_to_channel(slack, fake_slack):
    resp = slack.command("UCMD", "CloudMatrix 384에는 칩이 몇 개 들어가?", channel="C0003")
    assert resp.status_code == 200
    ack = resp.json()  # the immediate ephemeral acknowledgement
    assert ack["response_type"] == "ephemeral" and "찾아보는" in ack["text"]
    eph = fake_slack.wait_for("chat.postEphemeral", channel="C0003", user="UCMD")[0].params
    ids = {e["action_id"] for b in eph["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert ids == {"ragqa_feedback_up", "ragqa_feedback_down", "ragqa_share"}
    assert not fake_slack.calls_to("chat.postMessage", channel="C0003")  # private so far
    answer_id = _answer_id(eph["blocks"])

    assert slack.click("UCMD", "ragqa_share", answer_id, channel="C0003", ephemeral=True).status_code == 200
    shared = fake_slack.wait_for("chat.postMessage", channel="C0003")[0].params
    assert "thread_ts" not in shared
    assert "<@UCMD>" in _text(shared["blocks"])
    assert _answer_id(shared["blocks"]) == answer_id
    assert "384" in shared["text"]
    deleted = fake_slack.wait_for("response/act")
    assert any(c.params.get("delete_original") for c in deleted)


def test_slash_command_with_no_text_explains_usage(slack, fake_slack):
    resp = slack.command("UEMPTY", "   ")
    assert resp.status_code == 200 and "/ask" in resp.json()["text"]
    time.sleep(0.5)
    assert not fake_slack.calls_to("chat.postEphemeral", user="UEMPTY")


def test_feedback_buttons_store_votes_durably_and_count_in_metrics(slack, fake_slack, service):
    msg, _ = slack.mention("UVOTE", "WAIC 2025는 언제 열렸어?", channel="C0004")
    _wait_reply(fake_slack, "C0004", msg["ts"])
    placeholder = fake_slack.thread("C0004", msg["ts"])[1]
    update = _answer_update(fake_slack, "C0004", placeholder["ts"])
    answer_id = _answer_id(update["blocks"])
    message = fake_slack.thread("C0004", msg["ts"])[1]

    assert slack.click("UVOTER", "ragqa_feedback_up", answer_id, channel="C0004", message=message).status_code == 200
    thanks = fake_slack.wait_for("chat.postEphemeral", channel="C0004", user="UVOTER")[0].params
    assert thanks["thread_ts"] == msg["ts"]
    slack.click("UVOTER", "ragqa_feedback_down", answer_id, channel="C0004", message=message)
    slack.click("UOTHER", "ragqa_feedback_up", answer_id, channel="C0004", message=message)
    fake_slack.wait_for("chat.postEphemeral", count=2, channel="C0004", user="UVOTER")
    fake_slack.wait_for("chat.postEphemeral", channel="C0004", user="UOTHER")

    db = service.settings.data.dir / "feedback.sqlite"
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT user, vote, question, answer, created_at, source FROM feedback "
                           "WHERE answer_id = ? ORDER BY user", (answer_id,)).fetchall()
    assert [(r[0], r[1]) for r in rows] == [("UOTHER", "up"), ("UVOTER", "down")]  # a changed vote replaces
    assert all(r[2] == "WAIC 2025는 언제 열렸어?" and r[3] and r[4] > 0 and r[5] == "slack" for r in rows)

    metrics = httpx.get(service.url + "/metrics").text
    assert 'ragqa_feedback_total{source="slack",vote="up"} 1.0' in metrics
    assert 'ragqa_feedback_total{source="slack",vote="down"} 1.0' in metrics
    assert 'ragqa_answers_total{channel="slack"' in metrics


def test_unknown_answer_id_gets_a_polite_note(slack, fake_slack):
    slack.click("UGONE", "ragqa_feedback_up", "doesnotexist", channel="C0004")
    note = fake_slack.wait_for("chat.postEphemeral", user="UGONE")[0].params
    assert "no longer available" in note["text"]


def test_retries_and_duplicate_events_answer_once(slack, fake_slack):
    msg, resp = slack.mention("URETRY", "CloudMatrix 384에는 칩이 몇 개 들어가?", channel="C0005",
                              event_id="EvRetry1")
    assert resp.status_code == 200
    again = {"type": "app_mention", "user": "URETRY", "text": msg["text"], "ts": msg["ts"], "channel": "C0005",
             "event_ts": msg["ts"], "channel_type": "channel"}
    for n in (1, 2):
        assert slack.event(again, event_id="EvRetry1", retry=n).status_code == 200
    # the same message delivered again under another event id (e.g. as a plain message event too)
    assert slack.event(again, event_id="EvRetry2").status_code == 200
    _answer_update(fake_slack, "C0005", fake_slack.thread("C0005", msg["ts"])[1]["ts"])
    time.sleep(1.0)
    assert len(_replies_to(fake_slack, "C0005", msg["ts"])) == 1
    assert len(fake_slack.calls_to("chat.update", channel="C0005")) == 1


def test_own_and_other_bots_and_unaddressed_channel_messages_are_ignored(slack, fake_slack):
    before = len(fake_slack.calls_to("chat.postMessage"))
    slack.dm(BOT_USER, "I am the bot talking", channel="D0009", bot_id=BOT_ID)
    slack.dm("UB2", "I am another bot", channel="D0009", bot_id="B0002", subtype="bot_message")
    slack.dm("UEDIT", "edited", channel="D0009", subtype="message_changed")
    m = fake_slack.add_message("C0009", "UCHAT", "just chatting about WAIC")
    slack.event({"type": "message", "user": "UCHAT", "text": m["text"], "ts": m["ts"], "channel": "C0009",
                 "channel_type": "channel"})
    time.sleep(1.5)
    assert len(fake_slack.calls_to("chat.postMessage")) == before


def test_rate_limit_answers_politely(slack, fake_slack, service):
    limit = service.settings.slack.rate_limit_count
    msgs = [slack.mention("URATE", f"WAIC 2025 질문 {i}", channel="C0006")[0] for i in range(limit + 1)]
    # Events are answered concurrently, so which one is refused is not fixed; how many is.
    replies = [_wait_reply(fake_slack, "C0006", m["ts"])["text"] for m in msgs]
    refused = [r for r in replies if "질문을 3번 하셨습니다" in r]
    assert len(refused) == 1, replies
    assert sum("찾아보는" in r for r in replies) == limit
    # another user is not affected
    other, _ = slack.mention("URATE2", "WAIC 2025 질문", channel="C0006")
    assert "찾아보는" in _wait_reply(fake_slack, "C0006", other["ts"])["text"]


def test_engine_error_apologises_in_thread_and_logs_traceback(slack, fake_slack, real_engine, monkeypatch, caplog):
    def broken(*a, **kw):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(real_engine, "ask", broken)
    caplog.set_level(logging.ERROR, logger="service.slack")
    msg, _ = slack.mention("UERR", "WAIC 2025는 언제 열렸어?", channel="C0007")
    _wait_reply(fake_slack, "C0007", msg["ts"])
    update = _answer_update(fake_slack, "C0007", fake_slack.thread("C0007", msg["ts"])[1]["ts"])
    assert "죄송합니다" in update["text"]
    assert "disk on fire" not in update["text"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(r.exc_info for r in caplog.records):
        time.sleep(0.05)
    rec = next(r for r in caplog.records if r.exc_info)
    assert "disk on fire" in str(rec.exc_info[1])


def test_feedback_store_is_the_services(service):
    store = FeedbackStore(service.settings.data.dir / "feedback.sqlite")
    assert all(r["source"] == "slack" for r in store.feedback())


def test_socket_mode_bot_answers_through_a_remote_service(service, fake_slack, tmp_path):
    """`ragqa slack` as its own process: Socket Mode to a fake Slack, answers from the running service
    over HTTP (RAGQA_SLACK__API_URL), votes forwarded to that service's metrics."""
    import os
    import subprocess
    import sys

    from tests.fakes.slack_socket import FakeSocketMode

    with FakeSocketMode() as sock:
        fake_slack.socket_url = sock.url
        env = {**os.environ, "SLACK_BOT_TOKEN": TOKEN, "SLACK_APP_TOKEN": "xapp-test-token",
               "SLACK_API_BASE_URL": fake_slack.api_url, "RAGQA_SLACK__API_URL": service.url,
               "RAGQA_DATA__DIR": str(tmp_path / "bot-data"), "RAGQA_INDEX__DIR": str(tmp_path / "no-index")}
        proc = subprocess.Popen([sys.executable, "-m", "ragqa.cli", "slack"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        try:
            assert sock.connected.wait(60), "bot never connected"
            msg = fake_slack.add_message("C0010", "USOCK", f"<@{BOT_USER}> CloudMatrix 384에는 칩이 몇 개 들어가?")
            sock.push_event("env-1", {
                "type": "event_callback", "team_id": TEAM, "api_app_id": "A0001", "event_id": "EvSock1",
                "event": {"type": "app_mention", "user": "USOCK", "text": msg["text"], "ts": msg["ts"],
                          "channel": "C0010", "channel_type": "channel"},
                "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
            })
            assert sock.acks.get(timeout=10)["envelope_id"] == "env-1"
            _wait_reply(fake_slack, "C0010", msg["ts"])
            update = _answer_update(fake_slack, "C0010", fake_slack.thread("C0010", msg["ts"])[1]["ts"])
            assert "384" in update["text"]
            answer_id = _answer_id(update["blocks"])
            sock.outbox.put({"envelope_id": "env-2", "type": "interactive", "accepts_response_payload": False,
                             "payload": {"type": "block_actions", "team": {"id": TEAM}, "user": {"id": "USOCKV"},
                                         "channel": {"id": "C0010"}, "api_app_id": "A0001",
                                         "actions": [{"type": "button", "action_id": "ragqa_feedback_down",
                                                      "value": answer_id, "block_id": "b"}]}})
            assert sock.acks.get(timeout=10)["envelope_id"] == "env-2"
            fake_slack.wait_for("chat.postEphemeral", channel="C0010", user="USOCKV")
            store = FeedbackStore(service.settings.data.dir / "feedback.sqlite")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not any(r["user"] == "USOCKV" for r in store.feedback()):
                time.sleep(0.1)
            assert [r["vote"] for r in store.feedback() if r["user"] == "USOCKV"] == ["down"]
        finally:
            proc.terminate()
            out, _ = proc.communicate(timeout=15)
            fake_slack.socket_url = None
        assert "Socket Mode, answering remote" in out, out


def test_private_answer_falls_back_to_response_url_and_share_needs_membership(slack, fake_slack):
    fake_slack.fail["chat.postEphemeral"] = "channel_not_found"
    fake_slack.fail["chat.postMessage"] = "not_in_channel"
    try:
        slack.command("UPRIV", "WAIC 2025는 언제 열렸어?", channel="C0011")
        via_url = fake_slack.wait_for("response/cmd")[0].params
        assert via_url["response_type"] == "ephemeral" and via_url["replace_original"] is False
        answer_id = _answer_id(via_url["blocks"])
        slack.click("UPRIV", "ragqa_share", answer_id, channel="C0011", ephemeral=True)
        note = fake_slack.wait_for("response/act", timeout=30)
        assert any("/invite @ragqa" in c.params.get("text", "") for c in note)
    finally:
        fake_slack.fail.clear()


@pytest.mark.parametrize(
    ("failure", "expected"),
    [("not-ready", "색인을 아직 불러오는 중"), ("too-long", "4000")],
)
def test_engine_refusals_are_explained(slack, fake_slack, real_engine, monkeypatch, failure, expected):
    from ragqa import IndexNotReady

    channel = "C0012" if failure == "not-ready" else "C0013"
    question = "WAIC 2025는 언제 열렸어?"
    if failure == "not-ready":
        def not_ready(*a, **kw):
            raise IndexNotReady("index not loaded yet")

        monkeypatch.setattr(real_engine, "ask", not_ready)
    else:
        question = "질문 " * 2100
    msg, _ = slack.mention(f"U{failure.upper().replace('-', '')}", question, channel=channel)
    _wait_reply(fake_slack, channel, msg["ts"])
    update = _answer_update(fake_slack, channel, fake_slack.thread(channel, msg["ts"])[1]["ts"])
    assert expected in update["text"], update["text"]
