"""Mentions in channels and direct messages, answered in a thread under the asking message.

Events are acknowledged by Bolt before these run (``process_before_response=False``), so Slack gets its
200 within milliseconds whatever the answer takes."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from service.slack.bot import Asked, SlackBot
from service.slack.text import mentions

log = logging.getLogger("service.slack")
# Message subtypes that are still a person writing to the bot; everything else (edits, deletions,
# joins, bot posts) is ignored.
HUMAN_SUBTYPES = (None, "file_share", "thread_broadcast")


def _from_bot(event: dict, context: BoltContext) -> str | None:
    """'self' for our own messages, 'bot' for other bots', None for people."""
    if event.get("user") and event.get("user") == context.bot_user_id:
        return "self"
    if event.get("bot_id") and event.get("bot_id") == context.bot_id:
        return "self"
    if event.get("bot_id") or event.get("subtype") == "bot_message" or event.get("bot_profile"):
        return "bot"
    return None


def _handle(bot: SlackBot, kind: str, event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    who = _from_bot(event, context)
    if who == "self" or (who == "bot" and not bot.settings.slack.answer_bots):
        bot.metrics.slack_events.labels(kind, f"ignored_{who}").inc()
        return
    if not bot.first_delivery(body.get("event_id"), event.get("channel", ""), event.get("ts")):
        bot.metrics.slack_events.labels(kind, "duplicate").inc()
        log.info("duplicate delivery of %s %s ignored", kind, body.get("event_id"))
        return
    asked = Asked(
        kind=kind,
        channel=event["channel"],
        user=event.get("user") or event.get("bot_id") or "",
        text=event.get("text") or "",
        ts=event.get("ts"),
        thread_ts=event.get("thread_ts"),
        is_dm=kind == "dm",
    )
    try:
        bot.answer_in_thread(client, asked, context.bot_user_id, context.bot_id)
    except Exception:
        # answer_in_thread already answers its own failures; this is Slack itself failing.
        log.exception("could not reply to %s in %s", kind, asked.channel)


def register(app: App, bot: SlackBot) -> None:
    @app.event("app_mention")
    def on_mention(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("channel_type") == "im":
            return  # the message event answers DMs
        _handle(bot, "mention", event, body, client, context)

    @app.event("message")
    def on_message(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("channel_type") != "im":
            # Channel messages reach the bot only when a workspace subscribes it to them; a mention in
            # one is answered through app_mention, everything else is not for us.
            if not mentions(event.get("text", ""), context.bot_user_id):
                bot.metrics.slack_events.labels("message", "ignored_not_mentioned").inc()
            return
        if event.get("subtype") not in HUMAN_SUBTYPES:
            bot.metrics.slack_events.labels("dm", "ignored_subtype").inc()
            return
        _handle(bot, "dm", event, body, client, context)
