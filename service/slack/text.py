"""Slack message text <-> plain text. Slack escapes &, < and > and wraps mentions and links in <...>."""

from __future__ import annotations

import re

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_LINK = re.compile(r"<(?!@|#|!)([^>|]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^>|]*)?(?:\|([^>]*))?>")


def to_question(text: str, bot_user_id: str | None) -> str:
    """The question a user typed: the bot's mention removed, links and entities unwrapped."""
    text = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else "@" + m.group(1), text or "")
    text = _CHANNEL.sub(lambda m: "#" + (m.group(1) or ""), text)
    text = _SPECIAL.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()


def mentions(text: str, user_id: str | None) -> bool:
    return bool(user_id) and any(m.group(1) == user_id for m in _MENTION.finditer(text or ""))


def escape(text: str) -> str:
    """Plain text -> mrkdwn that shows exactly that text (no accidental mentions or links)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
