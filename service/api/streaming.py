"""Server-sent events that start at once and stop the engine's work when the client goes away."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import anyio.to_thread

from ragqa import StreamEvent

_DONE = object()


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
