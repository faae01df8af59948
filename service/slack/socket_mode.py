"""Socket Mode: ``ragqa slack`` runs the bot over a WebSocket Slack opens, with no public URL."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from ragqa import ConfigError, Settings


def socket_mode_handler(app: App, settings: Settings) -> SocketModeHandler:
    if settings.slack.app_token is None:
        raise ConfigError("Socket Mode needs SLACK_APP_TOKEN (an xapp- token with connections:write)")
    return SocketModeHandler(app, settings.slack.app_token.get_secret_value())
