"""A local OpenAI-compatible chat endpoint with switchable faults, for the fault-injection tests.

Real HTTP on 127.0.0.1 (so the real ``openai`` client, timeouts, retries and stream handling are exercised);
``mode`` picks the behaviour of the next requests:

* ``ok``     answer at once (JSON or SSE), citing passage [1]
* ``slow``   wait ``delay`` seconds (or until :meth:`release`), then answer
* ``429``    429 with ``Retry-After: retry_after``
* ``drip``   stream one token every ``delay`` seconds, up to 200 tokens
* ``stall``  stream one token, then send nothing until released (or 120 s)
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY = "화웨이는 클라우드매트릭스 384를 공개했다 [1]."


class FakeOpenAI:
    def __init__(self, mode: str = "ok", delay: float = 1.0, retry_after: int = 50) -> None:
        self.mode, self.delay, self.retry_after = mode, delay, retry_after
        self.reply = REPLY  # what ``ok`` and ``slow`` answer
        self.requests = 0
        self.client_closed = 0  # requests whose client closed the connection before the reply was done
        self.in_flight = 0
        self._released = threading.Event()
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                with fake._lock:
                    fake.requests += 1
                    fake.in_flight += 1
                try:
                    fake._serve(self, body)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()

    def release(self) -> None:
        """Let every waiting request finish now."""
        self._released.set()

    # -- behaviours ---------------------------------------------------------------------------------
    def _serve(self, h: BaseHTTPRequestHandler, body: dict) -> None:
        mode, stream = self.mode, bool(body.get("stream"))
        if mode == "429":
            return self._json(h, 429, {"error": {"message": "slow down", "type": "rate_limit"}},
                              {"Retry-After": str(self.retry_after)})
        if mode == "slow" and not self._wait_unless_client_leaves(h, self.delay):
            return
        if not stream:
            return self._json(h, 200, {
                "id": "x", "object": "chat.completion", "created": int(time.time()), "model": "fake",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": self.reply}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})
        h.send_response(200)
        h.send_header("content-type", "text/event-stream")
        h.send_header("connection", "close")
        h.end_headers()
        tokens = (re.findall(r"\S+\s*", self.reply) if mode in ("ok", "slow")  # word by word, as models stream
                  else ["화웨이는 "] * 200)
        try:
            for i, tok in enumerate(tokens):
                self._chunk(h, tok)
                if mode == "drip":
                    time.sleep(self.delay)
                elif mode == "stall" and i == 0:
                    self._released.wait(120)
                    # the client has given up by now: writing shows whether it closed the connection
                    for _ in range(20):
                        self._chunk(h, " ")
                        time.sleep(0.05)
            h.wfile.write(b"data: [DONE]\n\n")
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            with self._lock:
                self.client_closed += 1
        h.close_connection = True

    def _wait_unless_client_leaves(self, h: BaseHTTPRequestHandler, seconds: float) -> bool:
        """Wait ``seconds`` (or until released) like a model generating; False if the client closed the
        connection meanwhile (counted in ``client_closed``), as a real server notices and stops."""
        import select
        import socket

        end = time.monotonic() + seconds
        while not self._released.is_set() and time.monotonic() < end:
            readable, _, _ = select.select([h.connection], [], [], 0.05)
            if readable:
                try:
                    gone = h.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    gone = True
                if gone:
                    with self._lock:
                        self.client_closed += 1
                    h.close_connection = True
                    return False
        return True

    @staticmethod
    def _chunk(h: BaseHTTPRequestHandler, text: str) -> None:
        data = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
        h.wfile.write(f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
        h.wfile.flush()

    @staticmethod
    def _json(h: BaseHTTPRequestHandler, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        h.send_response(status)
        h.send_header("content-type", "application/json")
        h.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (its deadline)
            h.wfile.write(data)
