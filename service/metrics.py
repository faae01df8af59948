"""Service metrics in the Prometheus text format, one registry per app (no process-global state).

Feedback totals are read from the durable store at scrape time, so they survive restarts and count votes
written by any process sharing the data directory (the Slack bot, the HTTP API).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily

from ragqa import Answer, FeedbackStore

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _FeedbackCollector:
    def __init__(self, store: FeedbackStore) -> None:
        self.store = store

    def describe(self):
        return []

    def collect(self):
        fam = CounterMetricFamily("ragqa_feedback", "Votes on answers, from the feedback store", labels=["source", "vote"])
        counts = self.store.feedback_counts()
        for source in sorted({s for s, _ in counts} | {"slack"}):
            for vote in ("up", "down"):
                fam.add_metric([source, vote], counts.get((source, vote), 0))
        yield fam


class ServiceMetrics:
    def __init__(self, store: FeedbackStore) -> None:
        self.registry = CollectorRegistry()
        self.http_requests = Counter(
            "ragqa_http_requests", "HTTP requests by route and status", ["method", "route", "status"], registry=self.registry
        )
        self.answers = Counter(
            "ragqa_answers", "Answers given", ["channel", "mode", "outcome"], registry=self.registry
        )
        self.answer_seconds = Histogram(
            "ragqa_answer_seconds", "Time to answer (engine)", ["channel"], registry=self.registry,
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self.slack_events = Counter(
            "ragqa_slack_events", "Slack requests by kind and what became of them", ["kind", "outcome"],
            registry=self.registry,
        )
        self.registry.register(_FeedbackCollector(store))

    def observe_answer(self, channel: str, answer: Answer) -> None:
        outcome = "abstained" if answer.abstained else ("degraded" if answer.degraded else "answered")
        self.answers.labels(channel, answer.mode, outcome).inc()
        self.answer_seconds.labels(channel).observe(answer.timings_ms.get("total", 0.0) / 1000)

    def render(self) -> bytes:
        return generate_latest(self.registry)
