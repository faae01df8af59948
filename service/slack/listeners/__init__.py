"""``register_listeners(app, bot)``: one module per listener kind, each acknowledging first."""

from __future__ import annotations

from slack_bolt import App

from service.slack.bot import SlackBot
from service.slack.listeners import actions, commands, events


def register_listeners(app: App, bot: SlackBot) -> None:
    events.register(app, bot)
    commands.register(app, bot)
    actions.register(app, bot)
