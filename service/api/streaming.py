"""Server-sent events that start at once and stop the engine's work when the client goes away."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

from ragqa import StreamEvent

T = TypeVar("T")
_DONE = object()
POLL_S = 0.25  # how often a request waiting for its answer checks that the client is still there


async def unless_gone(request: Request, work: Callable[[threading.Event], T]) -> T:
    """``work(cancel)`` on a worker thread; if the client goes away meanwhile, ``cancel`` is set (the engine
    then cuts its LLM call and frees its slot) and the reply, which nobody will read, is dropped."""
    cancel = threading.Event()

    async def watch() -> None:
        while not await request.is_disconnected():
            await anyio.sleep(POLL_S)
        cancel.set()

    def run() -> tuple[T | None, BaseException | None]:
        try:
            return work(cancel), None
        except Exception as exc:  # raised below, outside the task group (which would wrap it in a group)
            return None, exc

    async with anyio.create_task_group() as tg:
        tg.start_soon(watch)
        try:
            result, error = await anyio.to_thread.run_sync(run)
        finally:
            tg.cancel_scope.cancel()
    if error is not None:
        raise error
    return result


def _next(chunks: Iterator[str]):
    return next(chunks, _DONE)


async def closing_stream(events: Iterator[StreamEvent], chunks: Iterator[str], first: str | None = None,
                         ) -> AsyncIterator[str]:
    """``first`` (if any) goes out at once, before retrieval or the LLM's first token; then ``chunks`` (made
    from ``events``) as they are produced. When the client goes away Starlette cancels this generator, and
    ``events.close()`` ends the LLM call and frees its slot (:meth:`ragqa.Engine.ask_stream`). The worker
    thread producing the next chunk is abandoned on cancellation rather than awaited: it may be waiting for a
    whole sentence of the LLM's reply (answers are sent sentence by sentence, once checked), and closing the
    events is what makes it stop."""
    try:
        if first is not None:
            yield first
        while (chunk := await anyio.to_thread.run_sync(_next, chunks, abandon_on_cancel=True)) is not _DONE:
            yield chunk
    finally:
        events.close()
