"""Slack delivery layer: a Bolt app over the engine's public API (``AnswerBackend``)."""

from service.slack.app import create_slack_app

__all__ = ["create_slack_app"]
