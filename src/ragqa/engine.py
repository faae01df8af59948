"""The engine: loads an index, retrieves, and hands prepared questions to an answerer.

Delivery layers (HTTP, Slack, CLI) hold one Engine and translate its typed results; nothing here knows a
transport. The engine receives its parts (embedder, text processor, index backends, reranker, answerers)
ready-made; :mod:`ragqa.wiring` is the one place that chooses them from settings.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ragqa.answer.answer_type import base_type, question_type
from ragqa.answer.extractive import ExtractiveAnswerer
from ragqa.deadline import Deadline
from ragqa.embeddings.base import EmbeddingCache
from ragqa.errors import IndexNotReady, InvalidQuery, Overloaded
from ragqa.index.builder import BuildReport, build_index, expected_compat, index_status
from ragqa.index.lease import BuildLease
from ragqa.index.store import CURRENT, IndexBackends, LoadedIndex, load_build, resolve_current
from ragqa.interfaces import Answerer, ChatLLM, Embedder, Reranker
from ragqa.question import PreparedQuestion, QuestionPart, ms_since
from ragqa.retrieval.bridge import BridgeTuning, TermBridge, warm_terms
from ragqa.retrieval.followup import condense_question, condense_with_llm
from ragqa.retrieval.hybrid import HybridRetriever, Ranking, fuse_rankings
from ragqa.retrieval.parts import (
    anaphor_kind,
    asks_for_person,
    resolve_anaphor,
    split_chain,
    split_question,
    without_frame,
    without_label,
)
from ragqa.retrieval.ranking import fuse_parts, with_part_leaders
from ragqa.settings import Settings
from ragqa.text.korean import KoreanTextProcessor, detect_language, latin_acronyms, rejoin_split_names
from ragqa.types import (
    MAX_GENERATION_TOKENS,
    MAX_HISTORY_TURNS,
    MAX_QUERY_CHARS,
    MAX_TEMPERATURE,
    MAX_TURN_CHARS,
    MODES,
    Answer,
    Mode,
    Passage,
    RetrievalResult,
    StreamEvent,
    Turn,
)

log = logging.getLogger(__name__)


def _names(question: str, kind: str) -> bool:
    """True when ``question`` asks for a name of the ``kind`` a later part refers back to ("그 회사", "그 사람")."""
    asked = question_type(question)
    return base_type(asked) == "person" if asks_for_person(kind) else asked == "other"


def _writes(index: LoadedIndex, term: str) -> bool:
    """Whether the corpus of ``index`` writes ``term`` (its keyword index knows it)."""
    return index.keyword.doc_freq(term) > 0


class Engine:
    """Cheap to construct; :meth:`start` loads models and the index, then (``index.reload_interval_s``)
    watches ``index/current`` in a background thread and swaps in a new build when one appears.

    A swap replaces the index and retriever in one assignment under a lock; a request that has already
    taken them (:meth:`_require`, then :class:`PreparedQuestion` ``.index``) finishes on the old ones.
    The engine leases the build it serves so ``ragqa ingest`` never deletes it; :meth:`close` stops the
    watcher and gives the lease up.

    Build one with :func:`ragqa.wiring.build_engine` (settings choose every part); tests and embedders of
    the library may pass parts of their own to it.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder,
        text: KoreanTextProcessor,
        backends: IndexBackends,
        reranker: Reranker,
        extractive: ExtractiveAnswerer,
        generative: Answerer | None = None,
        llm: ChatLLM | None = None,
        bridge: BridgeTuning | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.text = text
        self.backends = backends
        self.reranker = reranker
        self.extractive = extractive
        self.generative = generative
        self.llm = llm  # used to condense follow-ups; the generative answerer holds its own reference
        self.bridge = bridge  # English questions: the tuned term bridge, built per loaded index
        self._index: LoadedIndex | None = None
        self._retriever: HybridRetriever | None = None
        self._lease: BuildLease | None = None
        self._lock = threading.Lock()  # guards the (index, retriever, lease) triple
        self._load_lock = threading.Lock()  # one load at a time (watcher, reload(), build())
        self._tried: Path | None = None  # the last build a load was attempted on, served or refused
        self._reload_error: str | None = None
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._loading: list[str] = []
        self._llm_slots = threading.BoundedSemaphore(settings.llm.max_concurrency)

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, build: Literal["never", "if-needed", "always"] = "never", show_progress: bool = False,
              watch: bool = True) -> None:
        """Load the models and the index, then answer one warm-up question, so the first real request pays no
        one-off cost (thread pools, caches). The tokenizer loads on a helper thread beside the embedder and
        the index; :attr:`loading` names the parts not loaded yet and :attr:`ready` stays false until the end.

        With ``watch`` (and ``index.reload_interval_s`` > 0) a background thread then picks up new builds; it
        runs even when this first load fails, so a service started before its first ``ragqa ingest`` becomes
        ready when that ingest finishes."""
        self._loading = ["embedder", "tokenizer", "index", "warm-up"]
        ok = False
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="ragqa-load") as pool:
                tokenizer = pool.submit(self._load_part, "tokenizer", self.text.warm_up)
                self._load_part("embedder", self.embedder.load)
                if self.llm is not None and hasattr(self.llm, "load"):  # optional: clients that are slow to build
                    self.llm.load()
                if build != "never":
                    tokenizer.result()
                    status = index_status(self.settings, self.embedder, self.text, self.backends)
                    if build == "always" or status != "fresh":
                        log.info("index is %s; building", status)
                        self._load_part("index", lambda: self.build(show_progress=show_progress,
                                                                    force=build == "always"))
                if "index" in self._loading:
                    self._load_part("index", self.reload)
                tokenizer.result()
            self._load_part("warm-up", self._warm_up)
            ok = True
        finally:
            if not ok:  # the error is reported by the caller; a build the watcher loads later makes us ready
                self._loading = []
            if watch:
                self._start_watcher()

    def _load_part(self, part: str, load) -> None:
        t0 = time.perf_counter()
        load()
        self._loading = [p for p in self._loading if p != part]
        log.debug("loaded %s in %.0f ms", part, ms_since(t0))

    def _warm_up(self) -> None:
        self.extractive.answer(self.prepare("WAIC 2025 warm-up 질문입니다"))

    @property
    def loading(self) -> list[str]:
        """Parts still loading during :meth:`start` (empty once ready)."""
        return list(self._loading)

    def build(self, show_progress: bool = False, force: bool = False, serve: bool = True) -> BuildReport:
        """Build (or update) the index and, with ``serve``, load and serve the new build. ``ragqa ingest``
        passes ``serve=False``: it exits right after, and the build has been verified by the builder (a
        full build by loading it; a segmented one by loading its new segment and checking every file)."""
        report = build_index(self.settings, self.embedder, self.text, self.backends,
                             show_progress=show_progress, force=force,
                             warm=self._warm_bridge if self.bridge is not None else None)
        if serve:
            self.reload()
        return report

    def _warm_bridge(self, sentence_tokens: list[list[str]]) -> None:
        """Cache the term bridge's vectors of a new build's terms before it is swapped in (see
        :func:`ragqa.retrieval.bridge.warm_terms`). Only a cache: if it fails, the first load embeds them."""
        try:
            with EmbeddingCache(self.settings.index.cache_path) as cache:
                n = warm_terms(sentence_tokens, self.embedder, cache)
            log.info("term bridge: %d corpus terms cached", n)
        except Exception as exc:  # the build is good; the server will embed the terms itself
            log.warning("term bridge: corpus terms not cached (%s); the first load will embed them", exc)

    def reload(self) -> None:
        """Load the build ``current`` points to and serve it; raises if it is missing, corrupt or built
        with other settings (the build served until now, if any, stays)."""
        with self._load_lock:
            for attempt in range(5):
                time.sleep(0.05 * attempt)
                if self._load(resolve_current(self.settings.index.dir)):
                    return
            raise IndexNotReady(f"{self.settings.index.dir}/{CURRENT} kept changing while loading; try again")

    def refresh(self) -> bool:
        """Serve the build ``current`` points to if it is not the one served; True when it swapped.

        A build that fails to load is logged, reported in :meth:`status`, and not tried again; the build
        served until then keeps serving. The watcher calls this; so may anyone who just ran a build.
        """
        try:
            target = resolve_current(self.settings.index.dir)
        except IndexNotReady:
            return False
        if target == self._tried:
            return False
        with self._load_lock:
            if target == self._tried:
                return False
            try:
                return self._load(target)
            except Exception as exc:  # whatever broke, the build served until now stays
                served = self._index.path.name if self._index is not None else "nothing"
                self._reload_error = f"build {target.name} not loaded: {exc}"
                log.error("new index build %s not loaded, still serving %s: %s", target.name, served, exc)
                return False

    def _load(self, target: Path) -> bool:
        """Lease ``target``, load it and swap it in; False when ``current`` moved on meanwhile."""
        lease = BuildLease.acquire(target)
        if lease is None or resolve_current(self.settings.index.dir) != target:
            if lease is not None:
                lease.release()
            return False
        self._tried = target
        try:
            self.backends.vector.set_search_threads(self.settings.index.search_threads)
            index = load_build(target, expected_compat(self.settings, self.embedder, self.text, self.backends),
                               self.backends)
            bridge = None
            if self.bridge is not None:
                with EmbeddingCache(self.settings.index.cache_path) as cache:
                    bridge = TermBridge.build(index, self.embedder, self.bridge, cache,
                                              tokenize=partial(self.text.tokenize, cache=False))
            retriever = HybridRetriever(index, self.embedder, self.text, self.settings.retrieval, bridge)
        except BaseException:
            lease.release()
            raise
        with self._lock:
            old = self._index
            self._index, self._retriever = index, retriever
            self._lease, old_lease = lease, self._lease
        self._reload_error = None
        if old_lease is not None:
            old_lease.release()
        log.info("serving index build %s (was %s)", target.name, old.path.name if old is not None else "none")
        return True

    def _start_watcher(self) -> None:
        interval = self.settings.index.reload_interval_s
        if interval <= 0 or self._watcher is not None:
            return
        # The thread holds only a weak reference, so an engine dropped without close() is still freed.
        self._watcher = threading.Thread(target=_watch, args=(weakref.ref(self), self._stop, interval),
                                         name="ragqa-index-watcher", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        """Stop watching for new builds and give up the lease on the served build (the index stays
        loaded and usable in this process)."""
        self._stop.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=10)
        with self._load_lock, self._lock:  # a load under way finishes first, then its lease goes too
            lease, self._lease = self._lease, None
        if lease is not None:
            lease.release()

    @property
    def ready(self) -> bool:
        return self._index is not None and not self._loading

    def status(self) -> dict[str, Any]:
        idx = self._index
        if idx is None:
            return {"ready": False, "reload_error": self._reload_error}
        m = idx.manifest
        return {
            "ready": True,
            "build": idx.path.name,
            "reload_error": self._reload_error,
            "built_at": m.get("built_at"),
            "embedding": m.get("embedding"),
            "counts": m.get("counts"),
            "corpus_hash": m.get("corpus", {}).get("hash"),
            "llm": self.llm.model_name if self.llm else None,
        }

    def _require(self) -> tuple[LoadedIndex, HybridRetriever]:
        with self._lock:
            idx, ret = self._index, self._retriever
        if idx is None or ret is None:
            raise IndexNotReady("index not loaded yet")
        return idx, ret

    # -- retrieval --------------------------------------------------------------------------------
    @staticmethod
    def _clean_query(query: str, what: str) -> str:
        if not isinstance(query, str):
            raise InvalidQuery(f"{what} must be a string")
        if "\x00" in query:
            raise InvalidQuery(f"{what} must not contain NUL characters")
        q = query.strip()
        if not q:
            raise InvalidQuery(f"{what} must not be empty")
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidQuery(f"{what} must be at most {MAX_QUERY_CHARS} characters, got {len(q)}")
        return q

    def _check_top_k(self, top_k: int, limit: int) -> None:
        if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= limit:
            raise InvalidQuery(f"top_k must be an integer between 1 and {limit}, got {top_k!r}")

    def _ranked(self, retriever: HybridRetriever, index: LoadedIndex, query: str) -> Ranking:
        ranking = retriever.rank(query)
        return self.reranker.rerank(ranking, index)

    @staticmethod
    def _passages(index: LoadedIndex, ranking: Ranking, top_k: int) -> tuple[tuple[Passage, ...], tuple[int, ...]]:
        passages, positions = [], []
        for rank, hit in enumerate(ranking.hits[:top_k], start=1):
            c = index.chunks[hit.pos]
            passages.append(Passage(id=rank, chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, text=c.text,
                                    score=round(hit.score, 6)))
            positions.append(hit.pos)
        return tuple(passages), tuple(positions)

    def retrieve(self, query: str, top_k: int = 10) -> RetrievalResult:
        t0 = time.perf_counter()
        q = self._clean_query(query, "query")
        self._check_top_k(top_k, self.settings.retrieval.max_top_k)
        index, retriever = self._require()
        ranking = self._ranked(retriever, index, q)
        passages, _ = self._passages(index, ranking, top_k)
        return RetrievalResult(query=q, passages=list(passages), timings_ms={**ranking.timings_ms, "total": ms_since(t0)})

    # -- answering --------------------------------------------------------------------------------
    def _validate_history(self, history: Sequence[Turn] | None) -> tuple[Turn, ...]:
        turns = tuple(history or ())
        if len(turns) > MAX_HISTORY_TURNS:
            raise InvalidQuery(f"history may hold at most {MAX_HISTORY_TURNS} turns, got {len(turns)}")
        for i, t in enumerate(turns):
            if "\x00" in t.content or len(t.content) > MAX_TURN_CHARS:
                raise InvalidQuery(f"history[{i}].content must be at most {MAX_TURN_CHARS} characters without NUL")
        return turns

    def _answerer(self, mode: Mode) -> Answerer:
        if self.generative is not None and mode in ("auto", "llm"):
            return self.generative
        return self.extractive

    def _validated(self, question: str, top_k: int, history: Sequence[Turn] | None, mode: Mode,
                   ) -> tuple[str, tuple[Turn, ...]]:
        q = self._clean_query(question, "question")
        self._check_top_k(top_k, self.settings.answer.max_top_k)
        if mode not in MODES:
            raise InvalidQuery(f"mode must be {', '.join(repr(m) for m in MODES[:-1])} or {MODES[-1]!r}, got {mode!r}")
        return q, self._validate_history(history)

    def prepare(self, question: str, top_k: int = 5, history: Sequence[Turn] | None = None,
                mode: Mode = "auto", started: float | None = None, deadline: Deadline | None = None,
                ) -> PreparedQuestion:
        """Check the question and retrieve its passages (raises InvalidQuery / IndexNotReady)."""
        t0 = started if started is not None else time.perf_counter()
        q, turns = self._validated(question, top_k, history, mode)
        return self._prepare(q, top_k, turns, mode, t0, deadline)

    def _prepare(self, q: str, top_k: int, turns: tuple[Turn, ...], mode: Mode, t0: float,
                 deadline: Deadline | None) -> PreparedQuestion:
        index, retriever = self._require()
        # a name split by a space and an acronym spoken letter by letter written as the corpus writes them
        known = partial(_writes, index)
        q = latin_acronyms(rejoin_split_names(without_frame(without_label(q)), self.text.tokenize, known), known)
        retrieval_query = None
        if turns and self.llm is not None and self._answerer(mode) is self.generative:
            # at most half the time left, so the answer itself still gets time
            retrieval_query = condense_with_llm(self.llm, q, list(turns), deadline.share(0.5) if deadline else None)
        if retrieval_query is None:
            retrieval_query = condense_question(q, list(turns), self.text)
        ranking = retriever.rank(retrieval_query)  # reranked below, when it is the question's own
        r = self.settings.retrieval
        parts: tuple[QuestionPart, ...] = ()
        if retrieval_query != q:
            # a follow-up: its own words' ranking, reranked (a question asked alone, what the reranker was fitted
            # on), fused with its rewrite's, which the reranker never saw (docs/quality-log.md, stop 43)
            asked = self.reranker.rerank(retriever.rank(q), index)
            ranking = fuse_rankings(asked, ranking, r.rewrite_rrf_k, r.rewrite_weight)
        else:
            texts = split_chain(q) or split_question(q)
            if len(texts) > 1:
                # each part retrieves its own evidence; the fused ranking gives every part its best passages
                parts = self._parts(texts, retriever, index, top_k, t0)
                ranking = fuse_parts(ranking, [p.ranking for p in parts], r.rrf_k)
                ranking = with_part_leaders(ranking, [p.ranking for p in parts], top_k)
        passages, positions = self._passages(index, ranking, top_k)
        # The reranker reorders the ranking of a question asked alone, the kind of ranking it was fitted on (not one
        # fused from a question's parts or from a follow-up's rewrite: over parts it cost multi-document answers on
        # the tuning split); the answer/abstain decision still reads the fused ranking and its passages, which the
        # abstention model was fitted on (over reranked ones it abstained on fewer near misses; docs/quality-log.md,
        # stop 41)
        decision = None
        reranked = ranking if parts or retrieval_query != q else self.reranker.rerank(ranking, index)
        if reranked is not ranking:
            decision = (ranking, passages, positions)
            ranking = reranked
            passages, positions = self._passages(index, ranking, top_k)
        return PreparedQuestion(
            question=q, language=detect_language(q), history=turns, retrieval_query=retrieval_query,
            ranking=ranking, passages=passages, positions=positions, index=index, started=t0,
            retrieve_ms=ms_since(t0), parts=parts, deadline=deadline, decision=decision,
        )

    def _parts(self, texts: list[str], retriever: HybridRetriever, index: LoadedIndex, top_k: int,
               t0: float) -> tuple[QuestionPart, ...]:
        """The parts of a multi-part question, each with its own ranking. A part that asks about the one before
        by "그 회사" / "그 기관" ("…미국 제재 대상 기업, 그 회사 아태 지역 CEO가 누구야?") is asked about that part's
        answer instead: the extractive answer's lead ("센스타임"), found in the earlier part's passages (a
        millisecond, no LLM call, in either mode), when the earlier part asks for a name of that kind (a person's
        for "그 사람", else a name: not a date or a number). When it has no answer the part stays as written."""
        parts: list[QuestionPart] = []
        for text in texts:
            kind = anaphor_kind(text) if parts else None
            if kind is not None and _names(parts[-1].text, kind):
                name = self._lead_of(parts[-1], index, top_k, t0)
                text = (resolve_anaphor(text, name) or text) if name else text
            parts.append(QuestionPart(text, retriever.rank(text)))
        return tuple(parts)

    def _lead_of(self, part: QuestionPart, index: LoadedIndex, top_k: int, t0: float) -> str | None:
        """The short answer (:attr:`Extraction.lead`) the extractive answerer gives ``part`` on its own, or None."""
        passages, positions = self._passages(index, part.ranking, top_k)
        alone = PreparedQuestion(question=part.text, language=detect_language(part.text), history=(),
                                 retrieval_query=part.text, ranking=part.ranking, passages=passages,
                                 positions=positions, index=index, started=t0, retrieve_ms=0.0)
        return self.extractive.lead_of(alone)

    def _llm_slot(self, answerer: Answerer) -> bool:
        """Take one of the ``llm.max_concurrency`` slots when the LLM will answer (True), or refuse at once
        with Overloaded (HTTP 503 + Retry-After): a slow LLM must not tie up the threads everything else
        needs. Extractive answers take no slot (False)."""
        if answerer is not self.generative:
            return False
        if not self._llm_slots.acquire(blocking=False):
            raise Overloaded(f"{self.settings.llm.max_concurrency} questions are being answered by the LLM; "
                             "try again shortly", retry_after_s=2)
        return True

    @staticmethod
    def _check_generation(temperature: float | None, max_tokens: int | None) -> dict:
        if temperature is not None and not (isinstance(temperature, int | float) and 0 <= temperature <= MAX_TEMPERATURE):
            raise InvalidQuery(f"temperature must be between 0 and {MAX_TEMPERATURE:g}, got {temperature!r}")
        if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int)
                                       or not 1 <= max_tokens <= MAX_GENERATION_TOKENS):
            raise InvalidQuery(f"max_tokens must be an integer between 1 and {MAX_GENERATION_TOKENS}, got {max_tokens!r}")
        return {"temperature": temperature, "max_tokens": max_tokens}

    def ask(self, question: str, top_k: int = 5, history: Sequence[Turn] | None = None, mode: Mode = "auto",
            temperature: float | None = None, max_tokens: int | None = None,
            cancel: threading.Event | None = None) -> Answer:
        """``temperature`` / ``max_tokens`` override the LLM settings for this answer (ignored when extractive).
        In LLM mode the whole question runs under ``llm.deadline_s``; setting ``cancel`` (the asker went away)
        cuts the LLM call, and the answer is the extractive one, flagged degraded."""
        t0 = time.perf_counter()
        gen = self._check_generation(temperature, max_tokens)
        q, turns = self._validated(question, top_k, history, mode)
        answerer = self._answerer(mode)
        held = self._llm_slot(answerer)
        try:
            deadline = Deadline(self.settings.llm.deadline_s) if held else None
            return answerer.answer(replace(self._prepare(q, top_k, turns, mode, t0, deadline), cancel=cancel), **gen)
        finally:
            if held:
                self._llm_slots.release()

    def ask_stream(
        self, question: str, top_k: int = 5, history: Sequence[Turn] | None = None, mode: Mode = "auto",
        temperature: float | None = None, max_tokens: int | None = None,
    ) -> Iterator[StreamEvent]:
        """Validate eagerly (bad input, no index, no free LLM slot: raised before the first event); condensing,
        retrieval and generation then run as the caller pulls events: deltas, then exactly one final event.
        Close the iterator if the client goes away: that ends the LLM call and frees its slot."""
        t0 = time.perf_counter()
        gen = self._check_generation(temperature, max_tokens)
        q, turns = self._validated(question, top_k, history, mode)
        self._require()
        answerer = self._answerer(mode)
        held = self._llm_slot(answerer)
        deadline = Deadline(self.settings.llm.deadline_s) if held else None
        cancel = threading.Event()

        def events() -> Iterator[StreamEvent]:
            prepared = replace(self._prepare(q, top_k, turns, mode, t0, deadline), cancel=cancel)
            yield from answerer.stream(prepared, **gen)

        return _Closing(events(), cancel, self._llm_slots.release if held else None)


class _Closing(Iterator[StreamEvent]):
    """An event stream that runs ``on_close`` exactly once: when exhausted, closed, or collected (a generator
    never started would skip its own ``finally``). ``close`` may come from another thread while an event is
    being produced (the client went away during a blocking LLM read): it sets ``cancel``, which closes the
    LLM connection, and frees the slot at once."""

    def __init__(self, events: Iterator[StreamEvent], cancel: threading.Event, on_close) -> None:
        self._events = events
        self._cancel = cancel
        self._on_close = on_close

    def __next__(self) -> StreamEvent:
        try:
            return next(self._events)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        on_close, self._on_close = self._on_close, None
        try:
            self._cancel.set()
            self._events.close()
        except ValueError:  # "generator already executing" in another thread; cancel ends it shortly
            pass
        finally:
            if on_close is not None:
                on_close()

    def __del__(self) -> None:
        self.close()


def _watch(ref: weakref.ref[Engine], stop: threading.Event, interval: float) -> None:
    """The watcher thread: a ``readlink`` every ``interval`` seconds; loading happens here, never on a
    request's thread."""
    while not stop.wait(interval):
        engine = ref()
        if engine is None:
            return
        try:
            engine.refresh()
        except Exception:  # never let the watcher die; the next tick tries again
            log.exception("checking for a new index build failed")
        del engine
