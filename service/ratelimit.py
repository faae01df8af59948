"""Per-client sliding-window rate limit (in memory: a restart forgives everyone, which is fine for a
politeness limit). Used by the Slack bot (per user) and the HTTP API's ``/v1/feedback`` (per client)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque


class RateLimiter:
    """``count`` hits per ``window_s`` per key; ``count=0`` turns the limit off. Keys whose hits have all
    expired are forgotten once more than ``max_keys`` are held, so many one-off clients cannot grow it."""

    def __init__(self, count: int, window_s: float, clock=time.monotonic, max_keys: int = 10000) -> None:
        self.count = count
        self.window_s = window_s
        self.max_keys = max_keys
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> float:
        """0.0 when allowed (and counted); otherwise the seconds to wait."""
        if self.count <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            if key not in self._hits and len(self._hits) >= self.max_keys:
                self._forget_idle(now)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.count:
                return max(0.001, hits[0] + self.window_s - now)
            hits.append(now)
            return 0.0

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, h in self._hits.items() if not h or h[-1] <= now - self.window_s]
        for k in idle:
            del self._hits[k]
        if len(self._hits) >= self.max_keys:  # all busy: drop the least recently seen
            for k in sorted(self._hits, key=lambda k: self._hits[k][-1])[: len(self._hits) - self.max_keys + 1]:
                del self._hits[k]

    def __len__(self) -> int:
        return len(self._hits)

    @staticmethod
    def seconds(wait: float) -> int:
        return max(1, math.ceil(wait))
