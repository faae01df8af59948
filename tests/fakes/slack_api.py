"""A small fake of the Slack Web API on 127.0.0.1 (standard library only).

It keeps channels' messages the way Slack does, so what the bot posts and updates comes back from
``conversations.replies``, and it records every call for assertions. Also serves ``response_url``s.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlparse

BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T0001"


@dataclass
class Call:
    method: str
    params: dict
    token: str | None


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    messages: dict[str, list[dict]] = field(default_factory=dict)
    fail: dict[str, str] = field(default_factory=dict)  # method -> error code to answer with
    socket_url: str | None = None  # what apps.connections.open hands out (Socket Mode)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _clock: itertools.count = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.api_url = self.url + "/api/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- what tests use ----------------------------------------------------------------------------
    def new_ts(self) -> str:
        with self._lock:
            return f"{1700000000 + next(self._clock)}.000100"

    def add_message(self, channel: str, user: str, text: str, thread_ts: str | None = None, **extra) -> dict:
        msg = {"type": "message", "ts": self.new_ts(), "user": user, "text": text, **extra}
        if thread_ts:
            msg["thread_ts"] = thread_ts
        with self._lock:
            self.messages.setdefault(channel, []).append(msg)
        return msg

    def calls_to(self, method: str, **match) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls if c.method == method and all(c.params.get(k) == v for k, v in match.items())]

    def wait_for(self, method: str, count: int = 1, timeout: float = 60, **match) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method, **match)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"{method} {match} called {len(self.calls_to(method, **match))} times, wanted {count}")

    def thread(self, channel: str, thread_ts: str) -> list[dict]:
        with self._lock:
            return [dict(m) for m in self.messages.get(channel, []) if thread_ts in (m["ts"], m.get("thread_ts"))]

    # -- the API -----------------------------------------------------------------------------------
    def handle(self, method: str, params: dict, token: str | None) -> dict:
        with self._lock:
            self.calls.append(Call(method, params, token))
        if method in self.fail:
            return {"ok": False, "error": self.fail[method]}
        if method.startswith("response/"):
            return {"ok": True}
        if method == "apps.connections.open":
            if token != "xapp-test-token" or not self.socket_url:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.socket_url}
        if token != "xoxb-test-token":
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {"ok": True, "url": "https://test.slack.com/", "team": "test", "user": "ragqa",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            msg = {"type": "message", "ts": self.new_ts(), "user": BOT_USER, "bot_id": BOT_ID,
                   "text": params.get("text", ""), "blocks": _blocks(params)}
            if params.get("thread_ts"):
                msg["thread_ts"] = params["thread_ts"]
            with self._lock:
                self.messages.setdefault(params["channel"], []).append(msg)
            return {"ok": True, "channel": params["channel"], "ts": msg["ts"], "message": msg}
        if method == "chat.update":
            with self._lock:
                for m in self.messages.get(params["channel"], []):
                    if m["ts"] == params["ts"]:
                        m["text"] = params.get("text", "")
                        m["blocks"] = _blocks(params)
                        return {"ok": True, "channel": params["channel"], "ts": m["ts"], "text": m["text"]}
            return {"ok": False, "error": "message_not_found"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.new_ts()}
        if method == "conversations.replies":
            msgs = sorted(self.thread(params["channel"], params["ts"]), key=lambda m: float(m["ts"]))
            return {"ok": True, "messages": msgs, "has_more": False}
        return {"ok": False, "error": "unknown_method"}


def _blocks(params: dict) -> list:
    blocks = params.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def _handler(fake: FakeSlack):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _answer(self, params: dict) -> None:
            path = urlparse(self.path).path
            method = path.removeprefix("/api/") if path.startswith("/api/") else path.lstrip("/")
            auth = self.headers.get("Authorization", "")
            token = auth.removeprefix("Bearer ").strip() or params.pop("token", None)
            body = json.dumps(fake.handle(method, params, token)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(dict(parse_qsl(urlparse(self.path).query)))

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            ctype = self.headers.get("Content-Type", "")
            params = json.loads(raw or "{}") if "json" in ctype else dict(parse_qsl(raw))
            params.update(dict(parse_qsl(urlparse(self.path).query)))
            self._answer(params)

    return Handler
