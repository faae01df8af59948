"""Server-sent events that start at once and stop the engine's work when the client goes away."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from starlette.concurrency import iterate_in_threadpool

from ragqa import StreamEvent


async def closing_stream(events: Iterator[StreamEvent], chunks: Iterator[str], first: str | None = None,
                         ) -> AsyncIterator[str]:
    """``first`` (if any) goes out at once, before retrieval or the LLM's first token; then ``chunks`` (made
    from ``events``) as they are produced. When the client goes away Starlette cancels this generator, and
    ``events.close()`` ends the LLM call and frees its slot (:meth:`ragqa.Engine.ask_stream`)."""
    try:
        if first is not None:
            yield first
        async for chunk in iterate_in_threadpool(chunks):
            yield chunk
    finally:
        events.close()
