"""``/ask <question>``: a private (ephemeral) answer with a button to share it to the channel."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from ragqa import detect_language
from service.slack.bot import Asked, SlackBot
from service.slack.messages import say

log = logging.getLogger("service.slack")


def register(app: App, bot: SlackBot) -> None:
    @app.command("/ask")
    def on_ask(ack: Ack, command: dict, client: WebClient, respond: Respond) -> None:
        question = (command.get("text") or "").strip()
        lang = detect_language(question) if question else "en"
        if not question:
            bot.metrics.slack_events.labels("command", "empty").inc()
            ack(response_type="ephemeral", text=say("empty", lang))
            return
        limited = bot.rate_limited(command["user_id"], lang)
        if limited:
            bot.metrics.slack_events.labels("command", "rate_limited").inc()
            ack(response_type="ephemeral", text=limited)
            return
        ack(response_type="ephemeral", text=f"{say('searching', lang)}  _{question[:200]}_")
        asked = Asked(kind="command", channel=command["channel_id"], user=command["user_id"], text=question)
        try:
            bot.answer_privately(client, respond, asked)
        except Exception:
            log.exception("could not deliver the /ask answer in %s", asked.channel)
