"""The value object a question becomes once it is checked and its passages are retrieved."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ragqa.deadline import Deadline
from ragqa.types import Passage, Turn

if TYPE_CHECKING:
    from ragqa.index.store import LoadedIndex
    from ragqa.retrieval.ranking import Ranking


def ms_since(t0: float) -> float:
    """Milliseconds since ``t0`` (a ``time.perf_counter()`` reading), rounded to microseconds."""
    return round((time.perf_counter() - t0) * 1000, 3)


@dataclass(frozen=True)
class QuestionPart:
    """One part of a multi-part question ("A는 뭐고 B는 몇 개야?") with its own ranking."""

    text: str
    ranking: Ranking


@dataclass(frozen=True)
class PreparedQuestion:
    """Everything an :class:`~ragqa.interfaces.Answerer` needs, computed once by the engine.

    ``passages[i]`` is the chunk at ``positions[i]`` of ``index`` and is numbered ``i + 1`` (its ``[n]``).
    ``started`` is the ``time.perf_counter()`` at which the request began and ``retrieve_ms`` what
    checking and retrieval cost, so answerers report comparable timings. ``parts`` holds the parts of a
    question that asks several things (each retrieved on its own, their rankings fused into ``ranking``);
    it is empty for a question that asks one thing.
    """

    question: str
    language: str
    history: tuple[Turn, ...]
    retrieval_query: str
    ranking: Ranking
    passages: tuple[Passage, ...]
    positions: tuple[int, ...]
    index: LoadedIndex
    started: float
    retrieve_ms: float
    parts: tuple[QuestionPart, ...] = ()
    # with a reranker: the fused ranking before it and its passages, from which the answer/abstain decision is read
    # (``ranking`` and ``passages`` are the reranked ones, which the answer quotes and cites); None without one
    decision: tuple[Ranking, tuple[Passage, ...], tuple[int, ...]] | None = None
    deadline: Deadline | None = None  # the whole question's time budget when an LLM answers it
    cancel: threading.Event | None = None  # set when the asker went away: stop generating

    def timings(self, generate_started: float | None) -> dict[str, float]:
        """An answer's ``timings_ms``: retrieval, generation since ``generate_started`` (0 when nothing was
        generated), and the whole request."""
        generate = ms_since(generate_started) if generate_started is not None else 0.0
        return {"retrieve": self.retrieve_ms, "generate": generate, "total": ms_since(self.started)}

    def sentences_by_id(self) -> dict[int, list[tuple[int, int]]]:
        """Sentence offsets of each passage, by passage number (for quoting)."""
        return {p.id: self.index.chunks[pos].sentences for p, pos in zip(self.passages, self.positions, strict=True)}

    def history_hint(self, turns: int = 4, chars: int = 300) -> str:
        """The last few turns, shortened, as context for a generator."""
        return " | ".join(f"{t.role}: {t.content[:chars]}" for t in self.history[-turns:])
