"""Slack bot latency: how fast Slack is acknowledged, and how long until the answer replaces the
placeholder, measured in one run.

Usage: python benchmarks/slack.py [--out benchmarks/results/slack.json]
Starts the real service (uvicorn on 127.0.0.1, shipped corpus, extractive) with the Slack bot mounted and a
fake Slack Web API on loopback, then sends each dev question as a signed app_mention, one at a time.
Also runs the same questions with an artificial 4 s answer delay to show the ack does not wait for it.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ragqa import build_engine, load_settings  # noqa: E402
from ragqa.eval.matching import load_gold  # noqa: E402
from ragqa.settings import DataSettings, SlackSettings  # noqa: E402
from service.api import create_app  # noqa: E402
from tests.conftest import DEV_QA, LiveServer  # noqa: E402
from tests.fakes.slack_api import BOT_USER, FakeSlack  # noqa: E402

SECRET = "bench-secret"


def _signed(body: str) -> dict:
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


def _run(client: httpx.Client, fake: FakeSlack, questions: list[str], channel: str) -> tuple[list, list]:
    ack_ms, answer_ms = [], []
    for i, q in enumerate(questions):
        msg = fake.add_message(channel, "UBENCH", f"<@{BOT_USER}> {q}")
        body = json.dumps({"type": "event_callback", "team_id": "T0001", "event_id": f"Ev{channel}{i}",
                           "event": {"type": "app_mention", "user": f"UBENCH{i}", "text": msg["text"],
                                     "ts": msg["ts"], "channel": channel, "channel_type": "channel"}},
                          ensure_ascii=False)
        t0 = time.perf_counter()
        r = client.post("/slack/events", content=body.encode(), headers=_signed(body))
        ack_ms.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
        fake.wait_for("chat.postMessage", channel=channel, thread_ts=msg["ts"], timeout=120)
        placeholder = fake.thread(channel, msg["ts"])[1]["ts"]
        fake.wait_for("chat.update", channel=channel, ts=placeholder, timeout=120)
        answer_ms.append((time.perf_counter() - t0) * 1000)
    return ack_ms, answer_ms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa", type=Path, default=DEV_QA)
    ap.add_argument("--slow", type=int, default=5, help="questions asked with a 4 s delay")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "slack.json")
    args = ap.parse_args(argv)
    import tempfile

    questions = [q["question"] for q in load_gold(args.qa)]
    engine = build_engine(load_settings(), llm=None)
    engine.start(build="if-needed")
    with tempfile.TemporaryDirectory() as data, FakeSlack() as fake:
        settings = engine.settings.model_copy(update={
            "slack": SlackSettings(bot_token="xoxb-test-token", signing_secret=SECRET, api_base_url=fake.api_url,
                                   rate_limit_count=0),
            "data": DataSettings(dir=Path(data)),
        })
        with LiveServer(create_app(engine, settings=settings)) as srv, \
                httpx.Client(base_url=srv.url, timeout=30) as client:
            srv.wait_ready()
            _run(client, fake, questions[:2], "CWARM")
            ack, answer = _run(client, fake, questions, "CFAST")
            original = engine.ask

            def slow(*a, **kw):
                time.sleep(4)
                return original(*a, **kw)

            engine.ask = slow
            slow_ack, slow_answer = _run(client, fake, questions[: args.slow], "CSLOW")
            engine.ask = original
    med = statistics.median
    result = {
        "events": len(ack),
        "ack_ms": {"median": round(med(ack), 1), "max": round(max(ack), 1)},
        "answer_in_slack_ms": {"median": round(med(answer), 1), "max": round(max(answer), 1)},
        "with_4s_answer_delay": {"events": len(slow_ack), "ack_ms_median": round(med(slow_ack), 1),
                                 "ack_ms_max": round(max(slow_ack), 1),
                                 "answer_in_slack_ms_median": round(med(slow_answer), 1)},
        "note": "ack = signed POST /slack/events until its 200; answer = until chat.update reaches the fake Slack",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
