"""What the bot does with a question, whichever way it arrived (mention, DM, slash command, button).

Listeners stay thin: they acknowledge, then call one method here. Everything a user sees goes through
:mod:`service.slack.blocks`; every failure ends in a short reply to the user and a traceback in the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ragqa import (
    Answer,
    AnswerBackend,
    Feedback,
    FeedbackStore,
    IndexNotReady,
    InvalidQuery,
    Overloaded,
    RagqaError,
    Settings,
    Turn,
    detect_language,
)
from service.metrics import ServiceMetrics
from service.slack import blocks
from service.slack.messages import say
from service.slack.ratelimit import RateLimiter
from service.slack.text import mentions, to_question

log = logging.getLogger("service.slack")


@dataclass
class Asked:
    """One question as it arrived from Slack."""

    kind: str  # mention | dm | command
    channel: str
    user: str
    text: str
    ts: str | None = None
    thread_ts: str | None = None
    is_dm: bool = False


@dataclass
class SlackBot:
    settings: Settings
    backend: AnswerBackend
    store: FeedbackStore
    metrics: ServiceMetrics
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        s = self.settings.slack
        self.limiter = RateLimiter(s.rate_limit_count, s.rate_limit_window_s)

    # -- guards -----------------------------------------------------------------------------------
    def first_delivery(self, event_id: str | None, channel: str, ts: str | None) -> bool:
        """False for a Slack retry or duplicate of an event or message already taken (durable, so a
        restart between delivery and retry does not answer twice)."""
        if event_id and not self.store.claim(f"slack-event:{event_id}"):
            return False
        return not (ts and not self.store.claim(f"slack-message:{channel}:{ts}"))

    def rate_limited(self, user: str, lang: str) -> str | None:
        wait = self.limiter.check(user)
        if not wait:
            return None
        s = self.settings.slack
        return say("rate_limited", lang, n=s.rate_limit_count, window=f"{s.rate_limit_window_s:g}",
                   wait=RateLimiter.seconds(wait))

    # -- answering --------------------------------------------------------------------------------
    def _ask(self, question: str, history: list[Turn]) -> Answer:
        s = self.settings.slack
        answer = self.backend.ask(question, top_k=s.top_k, history=history, mode=s.mode)
        self.metrics.observe_answer("slack", answer)
        return answer

    def _failure_text(self, exc: Exception, lang: str) -> str:
        if isinstance(exc, InvalidQuery):
            return say("invalid", lang, detail=str(exc))
        if isinstance(exc, IndexNotReady):
            return say("not_ready", lang)
        if isinstance(exc, Overloaded):
            return say("busy", lang, wait=exc.retry_after_s)
        return say("error", lang)

    def answer_in_thread(self, client: WebClient, asked: Asked, bot_user_id: str | None, bot_id: str | None) -> None:
        """Placeholder in the thread at once, then ``chat.update`` it with the answer (or an apology)."""
        question = to_question(asked.text, bot_user_id)
        lang = detect_language(question) if question else "en"
        thread = asked.thread_ts or asked.ts
        if not question:
            self.metrics.slack_events.labels(asked.kind, "empty").inc()
            client.chat_postMessage(channel=asked.channel, thread_ts=thread, text=say("empty", lang))
            return
        limited = self.rate_limited(asked.user, lang)
        if limited:
            self.metrics.slack_events.labels(asked.kind, "rate_limited").inc()
            client.chat_postMessage(channel=asked.channel, thread_ts=thread, text=limited, blocks=blocks.notice(limited))
            return
        placeholder = client.chat_postMessage(channel=asked.channel, thread_ts=thread, text=say("searching", lang))
        try:
            history = self.thread_history(client, asked, bot_user_id, bot_id) if asked.thread_ts else []
            answer = self._ask(question, history)
            answer_id = self.store.save_answer(question, answer, source="slack", user=asked.user, channel=asked.channel)
            text, blks = blocks.answer_message(answer, answer_id, max_chars=self.settings.slack.max_answer_chars)
            client.chat_update(channel=asked.channel, ts=placeholder["ts"], text=text, blocks=blks)
            self.metrics.slack_events.labels(asked.kind, "abstained" if answer.abstained else "answered").inc()
        except Exception as exc:
            self._report_failure(exc, asked)
            msg = self._failure_text(exc, lang)
            try:
                client.chat_update(channel=asked.channel, ts=placeholder["ts"], text=msg, blocks=blocks.notice(msg))
            except SlackApiError:
                log.exception("could not replace the placeholder; posting the apology instead")
                client.chat_postMessage(channel=asked.channel, thread_ts=thread, text=msg)

    def _report_failure(self, exc: Exception, asked: Asked) -> None:
        outcome = "invalid" if isinstance(exc, InvalidQuery) else "busy" if isinstance(exc, Overloaded) else "error"
        self.metrics.slack_events.labels(asked.kind, outcome).inc()
        if isinstance(exc, RagqaError) and not isinstance(exc, IndexNotReady | InvalidQuery | Overloaded):
            log.error("answering %s in %s failed: %s", asked.kind, asked.channel, exc, exc_info=exc)
        elif isinstance(exc, RagqaError):
            log.warning("answering %s in %s: %s", asked.kind, asked.channel, exc)
        else:
            log.exception("answering %s in %s failed", asked.kind, asked.channel, exc_info=exc)

    def thread_history(self, client: WebClient, asked: Asked, bot_user_id: str | None, bot_id: str | None) -> list[Turn]:
        """Earlier turns of this thread, oldest first, once the bot has answered in it; else none.

        In channels only messages addressed to the bot (and the thread's first message) count as user
        turns, so side conversation in the thread does not steer retrieval."""
        limit = self.settings.slack.history_turns
        if limit == 0:
            return []
        try:
            resp = client.conversations_replies(channel=asked.channel, ts=asked.thread_ts, limit=200)
        except SlackApiError as exc:
            log.warning("no thread history (conversations.replies failed: %s); answering without it", exc)
            return []
        turns: list[Turn] = []
        answered = False
        for m in resp.get("messages") or []:
            ts = m.get("ts")
            if ts == asked.ts or (asked.ts and ts and float(ts) >= float(asked.ts)):
                continue
            ours = (bot_user_id and m.get("user") == bot_user_id) or (bot_id and m.get("bot_id") == bot_id)
            if ours:
                if blocks.is_answer_message(m):
                    turns.append(Turn(role="assistant", content=to_question(m.get("text", ""), None)))
                    answered = True
                continue
            if m.get("bot_id") or m.get("subtype") not in (None, "thread_broadcast", "file_share"):
                continue
            text = m.get("text", "")
            if not asked.is_dm and ts != asked.thread_ts and not mentions(text, bot_user_id):
                continue
            q = to_question(text, bot_user_id)
            if q:
                turns.append(Turn(role="user", content=q))
        return turns[-limit:] if answered else []

    # -- slash command ----------------------------------------------------------------------------
    def answer_privately(self, client: WebClient, respond, asked: Asked) -> None:
        question = to_question(asked.text, None)
        lang = detect_language(question)
        try:
            answer = self._ask(question, [])
            answer_id = self.store.save_answer(question, answer, source="slack", user=asked.user, channel=asked.channel)
            text, blks = blocks.answer_message(
                answer, answer_id, question=question, private=True, max_chars=self.settings.slack.max_answer_chars
            )
            self.metrics.slack_events.labels("command", "abstained" if answer.abstained else "answered").inc()
        except Exception as exc:
            self._report_failure(exc, asked)
            text = self._failure_text(exc, lang)
            blks = blocks.notice(text)
        self.post_private(client, respond, asked.channel, asked.user, text, blks)

    @staticmethod
    def post_private(client: WebClient, respond, channel: str | None, user: str, text: str, blks: list[dict] | None = None,
                     thread_ts: str | None = None) -> None:
        """``chat.postEphemeral``; where the bot is not in the channel, the interaction's response_url."""
        try:
            kwargs = {"thread_ts": thread_ts} if thread_ts else {}
            client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=blks, **kwargs)
            return
        except SlackApiError as exc:
            log.info("chat.postEphemeral failed (%s); using response_url", exc.response.get("error"))
        if respond is not None:
            respond(text=text, blocks=blks, response_type="ephemeral", replace_original=False)

    # -- buttons ----------------------------------------------------------------------------------
    def share(self, client: WebClient, respond, answer_id: str, user: str, channel: str) -> None:
        stored = self.store.get_answer(answer_id)
        if stored is None:
            self.post_private(client, respond, channel, user, say("gone", "en"))
            return
        question, answer = stored
        text, blks = blocks.answer_message(
            answer, answer_id, question=question, shared_by=user, max_chars=self.settings.slack.max_answer_chars
        )
        try:
            client.chat_postMessage(channel=channel, text=text, blocks=blks)
        except SlackApiError as exc:
            if exc.response.get("error") not in ("not_in_channel", "channel_not_found"):
                raise
            self.metrics.slack_events.labels("share", "not_in_channel").inc()
            self.post_private(client, respond, channel, user, say("not_in_channel", answer.language))
            return
        self.metrics.slack_events.labels("share", "shared").inc()
        if respond is not None:
            try:
                respond(delete_original=True)
            except Exception:  # the private copy staying behind is harmless
                log.info("could not delete the private answer after sharing", exc_info=True)

    def feedback(self, client: WebClient, respond, answer_id: str, vote: str, user: str, channel: str | None,
                 thread_ts: str | None) -> None:
        stored = self.store.get_answer(answer_id)
        if stored is None:
            self.post_private(client, respond, channel, user, say("gone", "en"), thread_ts=thread_ts)
            return
        question, answer = stored
        self.backend.record_feedback(
            Feedback(vote=vote, question=question, answer=answer.answer, user=user, source="slack",
                     answer_id=answer_id, channel=channel)
        )
        self.metrics.slack_events.labels("feedback", vote).inc()
        emoji = "+1" if vote == "up" else "-1"
        self.post_private(client, respond, channel, user, say("thanks", answer.language, emoji=emoji), thread_ts=thread_ts)
