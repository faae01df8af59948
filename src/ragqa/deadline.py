"""One overall time budget per question (``RAGQA_LLM__DEADLINE_S``), shared by every step that may wait:
condensing a follow-up, the LLM call, its retries and their Retry-After pauses, and streaming."""

from __future__ import annotations

import math
import time


class Deadline:
    """A point on the monotonic clock. ``Deadline(None)`` never expires."""

    __slots__ = ("at",)

    def __init__(self, seconds: float | None) -> None:
        self.at = None if seconds is None else time.monotonic() + max(0.0, seconds)

    def remaining(self) -> float:
        return math.inf if self.at is None else max(0.0, self.at - time.monotonic())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def cap(self, seconds: float) -> float:
        """``seconds``, shortened to what is left."""
        return min(seconds, self.remaining())

    def share(self, fraction: float) -> Deadline:
        """A deadline for a sub-step that may use ``fraction`` of the time left (e.g. the condense step, so
        the answer itself still gets time)."""
        sub = Deadline(None)
        if self.at is not None:
            sub.at = time.monotonic() + self.remaining() * fraction
        return sub
