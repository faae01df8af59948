"""A fake Slack Socket Mode endpoint on 127.0.0.1: says hello, pushes envelopes, collects acks."""

from __future__ import annotations

import json
import queue
import threading

from websockets.sync.server import serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.outbox: queue.Queue[dict] = queue.Queue()
        self.acks: queue.Queue[dict] = queue.Queue()
        self.connected = threading.Event()
        self.server = serve(self._session, "127.0.0.1", 0)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()

    def _session(self, ws) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}}))
        self.connected.set()
        while True:
            try:
                envelope = self.outbox.get(timeout=0.1)
                ws.send(json.dumps(envelope))
            except queue.Empty:
                pass
            try:
                msg = ws.recv(timeout=0.05)
            except TimeoutError:
                continue
            except Exception:
                return
            data = json.loads(msg)
            if "envelope_id" in data:
                self.acks.put(data)

    def push_event(self, envelope_id: str, body: dict) -> None:
        self.outbox.put({"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
                         "retry_attempt": 0, "retry_reason": "", "payload": body})
