"""LLM answers through any OpenAI-compatible chat endpoint (vLLM, llama.cpp, Ollama, OpenAI)."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence

from ragqa.answer.citations import cited_ids, containment, repair_markers
from ragqa.answer.grounding import Grounded, Grounder, Verdict, render
from ragqa.answer.messages import abstain_message, is_abstention_text
from ragqa.answer.statements import split_statements
from ragqa.deadline import Deadline
from ragqa.errors import LLMUnavailable
from ragqa.interfaces import ChatLLM, Completion
from ragqa.question import PreparedQuestion
from ragqa.settings import LLMSettings
from ragqa.types import Answer, Citation, Passage, StreamEvent

log = logging.getLogger(__name__)

__all__ = ["ChatLLM", "Completion", "LLMAnswerer", "OpenAICompatibleLLM", "build_messages", "finalize_llm_answer"]

LANGUAGE_NAMES = {"ko": "Korean (한국어)", "en": "English"}


def _retry_after(exc: Exception) -> float | None:
    """Seconds a 429/503 reply asked us to wait (``Retry-After`` in seconds), if any."""
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _shut_down(network) -> None:
    """Shut down the socket of an httpcore network stream. Closing a socket does not wake a thread blocked
    reading it (Linux); shutting it down makes the blocked read fail at once."""
    import socket

    try:
        sock = network.get_extra_info("socket") if network is not None else None
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except (AttributeError, OSError) as exc:
        log.debug("could not shut an LLM socket down: %s", exc)


def _abort(stream) -> None:
    """Close an LLM stream from another thread: its socket is shut down first (:func:`_shut_down`)."""
    _shut_down(getattr(getattr(stream, "response", None), "extensions", {}).get("network_stream"))
    try:
        stream.close()
    except Exception as exc:  # noqa: BLE001 - closing is best effort; the reader fails either way
        log.debug("closing the LLM stream: %s", exc)


class _TrackedBackend:
    """httpcore network backend that remembers the sockets it opens, so that a call blocked waiting for a
    non-streamed reply can be cut from another thread (the reply's headers, and so the response object, only
    exist once the LLM has finished generating)."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.streams: list = []

    def connect_tcp(self, *args, **kwargs):
        stream = self._inner.connect_tcp(*args, **kwargs)
        self.streams.append(stream)
        return stream

    def connect_unix_socket(self, *args, **kwargs):
        stream = self._inner.connect_unix_socket(*args, **kwargs)
        self.streams.append(stream)
        return stream

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def cut(self) -> None:
        for stream in list(self.streams):
            _shut_down(stream)


def _cancellable_http_client(timeout: float):
    """(an httpx client of its own for one call, its backend) — or (None, None) when this httpx/httpcore does
    not expose the pool's backend (then a cancelled call runs on until its deadline)."""
    import httpx

    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):
        return None, None
    backend = _TrackedBackend(pool._network_backend)
    pool._network_backend = backend
    return httpx.Client(transport=transport, timeout=timeout), backend


def _retryable(exc: Exception) -> bool:
    import openai

    if isinstance(exc, openai.APIConnectionError):  # includes timeouts
        return True
    status = getattr(exc, "status_code", None)
    return isinstance(status, int) and (status in (408, 409, 429) or status >= 500)


class OpenAICompatibleLLM:
    """Implements :class:`ragqa.interfaces.ChatLLM` with the official ``openai`` client.

    Retries are ours, not the client's (its own retries know nothing of the question's deadline): each
    attempt's timeout is cut to the time left, a Retry-After longer than the time left ends the attempts,
    and a stream is abandoned once the deadline passes (checked per chunk, and a watchdog closes a stalled
    connection at the deadline)."""

    def __init__(self, settings: LLMSettings) -> None:
        self._settings = settings
        self.model_name = settings.model or "default"
        self._client = None

    def load(self) -> None:
        """Import the client library and build the client now (about a second), not in the first question's
        time budget."""
        self._get()

    def _get(self):
        if self._client is None:
            from openai import OpenAI

            s = self._settings
            self._client = OpenAI(
                base_url=s.base_url,
                api_key=s.api_key.get_secret_value() if s.api_key else "not-needed",
                timeout=s.timeout_s,
                max_retries=0,
            )
        return self._client

    def _kwargs(self, overrides: dict) -> dict:
        """Settings, overridden per request by ``temperature`` / ``max_tokens`` when given (not None)."""
        s = self._settings
        kw = {"model": self.model_name, "temperature": s.temperature, "max_tokens": s.max_tokens}
        kw.update({k: v for k, v in overrides.items() if k in ("temperature", "max_tokens") and v is not None})
        return kw

    def _attempts(self, call, deadline: Deadline | None, what: str, cancel: threading.Event | None = None):
        """``call(timeout)`` with retries, all within ``deadline``; raises LLMUnavailable."""
        deadline = deadline or Deadline(None)
        url = self._settings.base_url
        last: Exception | None = None
        for attempt in range(self._settings.max_retries + 1):
            left = deadline.remaining()
            if left < 0.05:
                break
            try:
                return call(min(self._settings.timeout_s, left))
            except Exception as exc:  # openai raises many types; all mean "no answer from the LLM"
                last = exc
                if cancel is not None and cancel.is_set():
                    raise LLMUnavailable(f"{what} to {url}: the asker went away; call cut") from exc
                if not _retryable(exc) or attempt == self._settings.max_retries:
                    break
                wait = _retry_after(exc)
                wait = min(0.5 * 2 ** attempt, 8.0) if wait is None else wait
                if wait >= deadline.remaining():
                    log.warning("%s: not retrying, Retry-After %.1f s is past the question's deadline", what, wait)
                    break
                time.sleep(wait)
        if last is None:
            raise LLMUnavailable(f"{what} to {url}: the question's deadline passed")
        raise LLMUnavailable(f"{what} to {url} failed: {type(last).__name__}: {last}") from last

    def complete(self, messages: list[dict[str, str]], *, deadline: Deadline | None = None,
                 cancel: threading.Event | None = None, **overrides) -> Completion:
        kwargs = self._kwargs(overrides)
        http, backend = _cancellable_http_client(self._settings.timeout_s) if cancel is not None else (None, None)
        client = self._get() if http is None else self._get().with_options(http_client=http)
        finished = threading.Event()

        def watch() -> None:  # the asker went away: cut the connection, which ends the LLM's work for it
            cancel.wait(None if deadline is None or deadline.at is None else deadline.remaining())
            if cancel.is_set() and not finished.is_set():
                backend.cut()

        if backend is not None:
            threading.Thread(target=watch, name="ragqa-llm-watchdog", daemon=True).start()
        try:
            resp = self._attempts(
                lambda timeout: client.with_options(timeout=timeout).chat.completions.create(
                    messages=messages, **kwargs),
                deadline, "LLM request", cancel)
        finally:
            finished.set()
            if http is not None:
                cancel.set()  # wakes the watchdog, which sees `finished` and does nothing
                http.close()
        try:  # a proxy's HTML page or any other body that is not a chat completion
            text = (resp.choices[0].message.content or "") if resp.choices else ""
            if not isinstance(text, str):
                raise TypeError(f"content is {type(text).__name__}")
        except (AttributeError, TypeError, IndexError, KeyError) as exc:
            raise LLMUnavailable(f"LLM at {self._settings.base_url} returned something that is not a chat "
                                 f"completion ({type(exc).__name__}: {str(exc)[:200]})") from exc
        if not text.strip():
            raise LLMUnavailable("LLM returned an empty answer")
        usage = {}
        if getattr(resp, "usage", None) is not None:
            for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
                value = getattr(resp.usage, key, None)
                if isinstance(value, int):
                    usage[key] = value
        return Completion(text, usage)

    def stream(self, messages: list[dict[str, str]], *, deadline: Deadline | None = None,
               cancel: threading.Event | None = None, **overrides) -> Iterator[str]:
        deadline = deadline or Deadline(None)
        cancel = cancel or threading.Event()
        kwargs = self._kwargs(overrides)
        stream = self._attempts(
            lambda timeout: self._get().with_options(timeout=timeout).chat.completions.create(
                messages=messages, stream=True, **kwargs),
            deadline, "LLM stream")
        finished, aborted = threading.Event(), threading.Event()

        def watch() -> None:
            # A stream that stalls would block in a read until its timeout, and one whose asker left would run
            # on for nobody: close the connection at the deadline or on cancel, whichever comes first.
            cancel.wait(None if deadline.at is None else deadline.remaining())
            if not finished.is_set():
                aborted.set()
                _abort(stream)

        watchdog = threading.Thread(target=watch, name="ragqa-llm-watchdog", daemon=True)
        watchdog.start()
        try:
            for chunk in stream:
                if cancel.is_set():
                    raise LLMUnavailable("the asker went away; LLM stream closed")
                if deadline.expired:
                    raise LLMUnavailable(f"LLM stream from {self._settings.base_url}: the question's deadline "
                                         "passed while streaming")
                if chunk.choices and chunk.choices[0].delta and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
            if aborted.is_set():  # the client library may end a cut connection as if the reply were complete
                raise LLMUnavailable(f"LLM stream from {self._settings.base_url} cut: " + (
                    "the asker went away" if cancel.is_set() else "the question's deadline passed"))
        except LLMUnavailable:
            raise
        except Exception as exc:
            why = ("the asker went away" if cancel.is_set() else "the question's deadline passed (stream stalled)"
                   if deadline.expired else f"{type(exc).__name__}: {exc}")
            raise LLMUnavailable(f"LLM stream from {self._settings.base_url} failed: {why}") from exc
        finally:
            finished.set()
            cancel.set()  # per-question event: wakes the watchdog, which sees `finished` and does nothing
            stream.close()


def build_messages(question: str, lang: str, passages: Sequence[Passage], history_hint: str = "") -> list[dict[str, str]]:
    language = LANGUAGE_NAMES.get(lang, "the language of the question")
    system = (
        "You answer questions using ONLY the numbered passages provided.\n"
        "Rules:\n"
        "1. Every sentence that states a fact must end with the number(s) of the passage(s) supporting it, "
        "written like [1] or [2][3]. Use only numbers of passages given below.\n"
        f"2. Write the answer in {language}.\n"
        f"3. If the passages do not contain the answer, reply with exactly this sentence and nothing else: "
        f"{abstain_message(lang)}\n"
        "4. Be concise: a few sentences; no preamble, no list of sources at the end."
    )
    blocks = [f"[{p.id}] ({p.title})\n{p.text}" for p in passages]
    user = "Passages:\n\n" + "\n\n".join(blocks)
    if history_hint:
        user += f"\n\nConversation so far (for context only): {history_hint}"
    user += f"\n\nQuestion: {question}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


_SENT_SPLIT = re.compile(r"(?<=[.!?。])\s+|\n+")
_HAS_MARK = re.compile(r"\[\d+\]")


def attach_missing_markers(answer: str, passages: Sequence[Passage], threshold: float = 0.6) -> str:
    """Give an uncited sentence the passage that clearly contains it (character bigram containment)."""
    out = []
    for sent in _SENT_SPLIT.split(answer):
        if not sent.strip():
            continue
        if not _HAS_MARK.search(sent) and not is_abstention_text(sent) and len(sent.strip()) > 8:
            best = max(passages, key=lambda p: containment(sent, p.text), default=None)
            if best is not None and containment(sent, best.text) >= threshold:
                m = re.search(r"([.!?。]+)$", sent.rstrip())
                body = sent.rstrip()
                sent = f"{body[: m.start()]} [{best.id}]{m.group(1)}" if m else f"{body} [{best.id}]"
        out.append(sent.strip())
    return "\n".join(out) if "\n" in answer else " ".join(out)


def best_quote(statement: str, passage: Passage, sentences: Sequence[tuple[int, int]]) -> str | None:
    best, best_score = None, 0.0
    for s, e in sentences:
        sent = passage.text[s:e]
        score = containment(sent, statement)
        if score > best_score:
            best, best_score = sent, score
    return best if best_score >= 0.5 else None


def finalize_llm_answer(
    raw: str, passages: Sequence[Passage], sentences_by_id: dict[int, Sequence[tuple[int, int]]]
) -> tuple[str, bool, list[Citation]]:
    """Repair markers, decide abstention, and build citations holding exactly the cited passages."""
    text = repair_markers(raw, len(passages))
    if is_abstention_text(text) and not cited_ids(text):
        return text, True, []
    text = attach_missing_markers(text, passages)
    by_id = {p.id: p for p in passages}
    citations = []
    for pid in sorted(cited_ids(text)):
        p = by_id.get(pid)
        if p is None:  # repair_markers leaves none, but a citation never fails a request
            continue
        statements = " ".join(s for s in _SENT_SPLIT.split(text) if f"[{pid}]" in s)
        quote = best_quote(re.sub(r"\[\d+\]", "", statements), p, sentences_by_id.get(pid, []))
        citations.append(Citation(id=p.id, chunk_id=p.chunk_id, doc_id=p.doc_id, title=p.title, text=p.text, quote=quote))
    return text, False, citations


_COMPLETE = re.compile(r"(?<=[.!?。])(?:\s*\[\d+\])*(?=\s+[^\s\[【［〔⟦])|\n(?=\s*[^\s\[【［〔⟦])")


def complete_prefix(buffer: str) -> int:
    """Length of the part of a streamed answer that is whole sentences: everything up to the last sentence end
    that is followed by more text (so markers written after the full stop, ``…다. [1]``, stay with it)."""
    ends = [m.end() for m in _COMPLETE.finditer(buffer)]
    return ends[-1] if ends else 0


class LLMAnswerer:
    """Implements :class:`ragqa.interfaces.Answerer` with a :class:`ChatLLM`: prompts with the numbered
    passages, then repairs and validates the markers (:func:`finalize_llm_answer`) and, with a ``grounder``,
    checks every statement against the passage it cites (:mod:`ragqa.answer.grounding`): unsupported
    statements are re-cited or dropped, and an answer left with nothing supported becomes the extractive one,
    flagged ``degraded``. Streams are checked sentence by sentence, so only checked text is ever sent. When
    the LLM fails, times out or streams nothing, the ``fallback`` answerer answers instead, flagged
    ``degraded``."""

    name = "llm"

    def __init__(self, llm: ChatLLM, fallback, grounder: Grounder | None = None) -> None:
        self.llm = llm
        self._fallback = fallback
        self.grounder = grounder

    def _answer(self, q: PreparedQuestion, t1: float, text: str, abstained: bool, citations: list[Citation],
                usage: dict[str, int] | None = None, grounding: dict[str, int] | None = None) -> Answer:
        return Answer(
            answer=text, abstained=abstained, citations=citations, passages=list(q.passages), mode="llm",
            model=self.llm.model_name, degraded=False,
            timings_ms=q.timings(t1),
            language=q.language, retrieval_query=q.retrieval_query, usage=usage or {}, grounding=grounding or {},
        )

    def _finish(self, raw: str, q: PreparedQuestion, t1: float, usage: dict[str, int] | None = None) -> Answer:
        if self.grounder is None:
            text, abstained, citations = finalize_llm_answer(raw, list(q.passages), q.sentences_by_id())
            return self._answer(q, t1, text, abstained, citations, usage)
        return self._grounded(self.grounder.check(raw, q), q, t1, usage)

    def _grounded(self, grounded: Grounded, q: PreparedQuestion, t1: float,
                  usage: dict[str, int] | None = None) -> Answer:
        counts = grounded.counts
        if grounded.supported or (counts["unchecked"] and not is_abstention_text(grounded.text)):
            return self._answer(q, t1, grounded.text, False, grounded.citations, usage, counts)
        if counts["dropped"] == 0:  # the LLM said the documents do not answer
            return self._answer(q, t1, grounded.text or abstain_message(q.language), True, [], usage, counts)
        log.warning("grounding: none of the LLM's %d statements is supported by the passages; answering "
                    "extractively", counts["statements"])
        answer = self._fallback.answer(q, degraded=True)
        return answer.model_copy(update={"grounding": counts, "usage": usage or {}})

    def _no_evidence(self, q: PreparedQuestion) -> Answer:
        """The passages do not answer (the same decision as the extractive answerer's): the LLM is not asked
        to invent one."""
        return Answer(
            answer=abstain_message(q.language), abstained=True, citations=[], passages=list(q.passages), mode="llm",
            model=self.llm.model_name, degraded=False,
            timings_ms=q.timings(None),
            language=q.language, retrieval_query=q.retrieval_query,
        )

    def _messages(self, q: PreparedQuestion) -> list[dict[str, str]]:
        return build_messages(q.question, q.language, list(q.passages), q.history_hint())

    def answer(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None) -> Answer:
        if not question.passages:
            return self._fallback.answer(question)
        if self._fallback.should_abstain(question):
            return self._no_evidence(question)
        t1 = time.perf_counter()
        try:
            done = self.llm.complete(self._messages(question), deadline=question.deadline, cancel=question.cancel,
                                     temperature=temperature, max_tokens=max_tokens)
            return self._finish(done.text, question, t1, usage=done.usage)
        except LLMUnavailable as exc:
            log.warning("LLM unavailable, answering extractively: %s", exc)
            return self._fallback.answer(question, degraded=True)

    def stream(self, question: PreparedQuestion, temperature: float | None = None,
               max_tokens: int | None = None) -> Iterator[StreamEvent]:
        if not question.passages:
            yield from self._fallback.stream(question)
            return
        if self._fallback.should_abstain(question):
            answer = self._no_evidence(question)
            yield StreamEvent(type="delta", text=answer.answer)
            yield StreamEvent(type="final", answer=answer)
            return
        t1 = time.perf_counter()
        pieces: list[str] = []
        checked = _CheckedStream(self.grounder, question) if self.grounder is not None else None
        try:
            for delta in self.llm.stream(self._messages(question), deadline=question.deadline, cancel=question.cancel,
                                         temperature=temperature, max_tokens=max_tokens):
                pieces.append(delta)
                for text in (checked.feed(delta) if checked is not None else [delta]):
                    yield StreamEvent(type="delta", text=text)
            if not "".join(pieces).strip():
                raise LLMUnavailable("LLM streamed an empty answer")
        except LLMUnavailable as exc:
            log.warning("LLM stream failed, answering extractively: %s", exc)
            answer = self._fallback.answer(question, degraded=True)
            if checked is not None and not checked.sent:
                yield StreamEvent(type="delta", text=answer.answer)
            yield StreamEvent(type="final", answer=answer)
            return
        if checked is None:
            yield StreamEvent(type="final", answer=self._finish("".join(pieces), question, t1))
            return
        for text in checked.flush():
            yield StreamEvent(type="delta", text=text)
        answer = self._grounded(checked.result(), question, t1)
        if answer.degraded and not checked.sent:
            yield StreamEvent(type="delta", text=answer.answer)
        yield StreamEvent(type="final", answer=answer)


class _CheckedStream:
    """A streamed LLM answer checked sentence by sentence: text is passed on only once the sentence it belongs
    to is complete and supported (re-cited or dropped otherwise)."""

    def __init__(self, grounder: Grounder, question: PreparedQuestion) -> None:
        self._grounder = grounder
        self._question = question
        self._buffer = ""
        self._verdicts: list[Verdict] = []
        self._quotes: dict[int, tuple[float, int]] = {}
        self.sent = False

    def feed(self, delta: str) -> list[str]:
        self._buffer += delta
        cut = complete_prefix(self._buffer)
        if not cut:
            return []
        done, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return self._check(done)

    def flush(self) -> list[str]:
        done, self._buffer = self._buffer, ""
        return self._check(done) if done.strip() else []

    def _check(self, text: str) -> list[str]:
        statements = split_statements(repair_markers(text, len(self._question.passages)), self._grounder.text)
        verdicts, quotes = self._grounder.check_statements(statements, self._question)
        for pid, best in quotes.items():
            if best[0] > self._quotes.get(pid, (-1.0, 0))[0]:
                self._quotes[pid] = best
        self._verdicts.extend(verdicts)
        out = []
        for v in verdicts:
            if v.action != "dropped":
                out.append((" " if self.sent else "") + render(v.text, v.cited))
                self.sent = True
        return out

    def result(self) -> Grounded:
        return self._grounder.assemble(self._verdicts, self._quotes, self._question)
