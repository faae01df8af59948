"""Per-user sliding-window rate limit (in memory: a restart forgives everyone, which is fine for a
politeness limit)."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, count: int, window_s: float, clock=time.monotonic) -> None:
        self.count = count
        self.window_s = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, key: str) -> float:
        """0.0 when allowed (and counted); otherwise the seconds to wait."""
        if self.count <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.count:
                return max(0.001, hits[0] + self.window_s - now)
            hits.append(now)
            return 0.0

    @staticmethod
    def seconds(wait: float) -> int:
        return max(1, math.ceil(wait))
