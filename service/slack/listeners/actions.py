"""Buttons on answers: 👍 / 👎 feedback and "Share to channel"."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from service.slack import blocks
from service.slack.bot import SlackBot
from service.slack.messages import say

log = logging.getLogger("service.slack")


def _where(body: dict) -> tuple[str | None, str | None]:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    message = body.get("message") or {}
    return channel, message.get("thread_ts")


def register(app: App, bot: SlackBot) -> None:
    @app.action(re.compile(f"^({blocks.ACTION_UP}|{blocks.ACTION_DOWN})$"))
    def on_feedback(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()
        vote = "up" if action["action_id"] == blocks.ACTION_UP else "down"
        channel, thread_ts = _where(body)
        try:
            bot.feedback(client, respond, action.get("value", ""), vote, body["user"]["id"], channel, thread_ts)
        except Exception:
            log.exception("recording feedback failed")

    @app.action(blocks.ACTION_SHARE)
    def on_share(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()
        channel, _ = _where(body)
        try:
            bot.share(client, respond, action.get("value", ""), body["user"]["id"], channel)
        except Exception:
            log.exception("sharing an answer failed")
            bot.post_private(client, respond, channel, body["user"]["id"], say("error", "en"))
