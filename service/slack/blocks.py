"""Block Kit rendering of an engine :class:`Answer`: the answer with its ``[n]`` markers, a compact
"Sources" context, a footer, and 👍/👎 (plus "Share" on private answers).

Slack's limits honoured here: section text ≤ 3000 chars, context ≤ 10 elements, message ≤ 50 blocks,
button value ≤ 2000 chars. Long answers are split over several sections and cut at ``max_chars`` with a
note saying how much was left out.
"""

from __future__ import annotations

import re

from ragqa import Answer
from service.slack.messages import say
from service.slack.text import escape

SECTION_LIMIT = 2900
CONTEXT_ELEMENTS = 10
QUOTE_CHARS = 140
TITLE_CHARS = 80
FALLBACK_CHARS = 3000

ANSWER_BLOCK = "ragqa-answer:"
ACTION_UP = "ragqa_feedback_up"
ACTION_DOWN = "ragqa_feedback_down"
ACTION_SHARE = "ragqa_share"


def _clip(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` chars, cut at a paragraph, line, sentence end or space when possible."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = max((m.end() for m in re.finditer(r"[.!?。다]\s", window)), default=-1)
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest)
    return pieces


def _context(texts: list[str]) -> list[dict]:
    blocks = []
    for i in range(0, len(texts), CONTEXT_ELEMENTS):
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts[i : i + CONTEXT_ELEMENTS]]}
        )
    return blocks


def sources_blocks(answer: Answer) -> list[dict]:
    if not answer.citations:
        return []
    lang = answer.language
    items = [f"*{say('sources', lang)}*"]
    for c in answer.citations:
        quote = _clip(c.quote or c.text, QUOTE_CHARS)
        items.append(f"*[{c.id}]* {escape(_clip(c.title, TITLE_CHARS))} — “{escape(quote)}”")
    return _context(items)


def answer_message(
    answer: Answer,
    answer_id: str,
    *,
    question: str | None = None,
    max_chars: int = 6000,
    private: bool = False,
    shared_by: str | None = None,
) -> tuple[str, list[dict]]:
    """(fallback text, blocks). The fallback text is the plain answer (used by notifications and read
    back as history for follow-ups); ``question`` is echoed above answers shown outside their thread."""
    lang = answer.language
    blocks: list[dict] = []
    if shared_by:
        blocks += _context([f"{say('shared_by', lang, user=shared_by)}: _{escape(_clip(question or '', 300))}_"])
    elif question:
        blocks += _context([f"{say('you_asked', lang)}: _{escape(_clip(question, 300))}_"])

    body = answer.answer.strip()
    left_out = max(0, len(body) - max_chars)
    if left_out:
        body = body[:max_chars].rstrip() + "…"
    if answer.abstained:
        header = f":grey_question: *{say('not_found', lang)}*\n"
        parts = split_text(header + escape(body))
    else:
        parts = split_text(escape(body))
    for i, part in enumerate(parts):
        block = {"type": "section", "text": {"type": "mrkdwn", "text": part}}
        if i == 0:
            block["block_id"] = ANSWER_BLOCK + answer_id
        blocks.append(block)
    if left_out:
        blocks += _context([say("truncated", lang, n=left_out)])

    blocks += sources_blocks(answer)

    footer = [answer.mode if answer.model is None else f"{answer.mode} · {escape(answer.model)}"]
    footer.append(f"{answer.timings_ms.get('total', 0):.0f} ms")
    if answer.degraded:
        footer.append(say("degraded", lang))
    blocks += _context([" · ".join(footer)])

    buttons = [
        {"type": "button", "action_id": ACTION_UP, "value": answer_id,
         "text": {"type": "plain_text", "emoji": True, "text": f":+1: {say('helpful', lang)}"}},
        {"type": "button", "action_id": ACTION_DOWN, "value": answer_id,
         "text": {"type": "plain_text", "emoji": True, "text": f":-1: {say('not_helpful', lang)}"}},
    ]
    if private:
        buttons.append({"type": "button", "action_id": ACTION_SHARE, "value": answer_id, "style": "primary",
                        "text": {"type": "plain_text", "text": say("share", lang)}})
    blocks.append({"type": "actions", "block_id": "ragqa-actions:" + answer_id, "elements": buttons})

    fallback = body if not answer.abstained else f"{say('not_found', lang)}: {body}"
    return _cut(escape(fallback), FALLBACK_CHARS), blocks


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notice(text: str) -> list[dict]:
    """A one-section message (errors, limits, help)."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def is_answer_message(message: dict) -> bool:
    return any(str(b.get("block_id", "")).startswith(ANSWER_BLOCK) for b in message.get("blocks") or [])
