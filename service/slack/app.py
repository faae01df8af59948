"""Slack app factory: ``create_slack_app(settings, backend, store, metrics)`` returns a Bolt ``App``.

The constructor makes no network call (``token_verification_enabled=False``); Bolt runs ``auth.test``
on the first request and caches it. Answers run in a bounded thread pool after Slack is acknowledged.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from ragqa import AnswerBackend, ConfigError, FeedbackStore, Settings
from service.logs import ContextThreadPoolExecutor, request_id_var
from service.metrics import ServiceMetrics
from service.slack.bot import SlackBot
from service.slack.listeners import register_listeners

log = logging.getLogger("service.slack")


def create_slack_app(
    settings: Settings, backend: AnswerBackend, store: FeedbackStore, metrics: ServiceMetrics | None = None
) -> App:
    s = settings.slack
    if s.bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN (or RAGQA_SLACK__BOT_TOKEN) is required for the Slack bot")
    token = s.bot_token.get_secret_value()
    app = App(
        signing_secret=s.signing_secret.get_secret_value() if s.signing_secret else None,
        client=WebClient(token=token, base_url=s.api_base_url, timeout=30),
        token_verification_enabled=False,
        process_before_response=False,
        # Listeners run in the request's context copy, so their log lines carry its request id.
        listener_executor=ContextThreadPoolExecutor(max_workers=s.workers, thread_name_prefix="slack"),
        logger=logging.getLogger("slack_bolt"),
        # Socket Mode requests are not signed; HTTP requests always are.
        request_verification_enabled=s.signing_secret is not None,
    )
    @app.middleware
    def request_id(body: dict, next):  # Bolt passes the continuation as `next`
        """The HTTP request's id when there is one; in Socket Mode the Slack event (or action) id."""
        if request_id_var.get() != "-":
            return next()
        rid = body.get("event_id") or body.get("trigger_id") or body.get("envelope_id") or "slack"
        token = request_id_var.set(str(rid)[:128])
        try:
            return next()
        finally:
            request_id_var.reset(token)

    bot = SlackBot(settings, backend, store, metrics or ServiceMetrics(store))
    register_listeners(app, bot)

    @app.error
    def on_error(error: Exception, body: dict) -> None:
        log.error("unhandled Slack request error (%s): %s", body.get("type"), error, exc_info=error)

    return app
