"""Service metrics in the Prometheus text format, one registry per app (no process-global state).

Feedback totals are read from the durable store at scrape time, so they survive restarts and count votes
written by any process sharing the data directory (the Slack bot, the HTTP API).

Every label value comes from a closed set the service defines (routes' templates, known methods, status
codes, modes, outcomes, the feedback sources): nothing a client sends can add a series.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily

from ragqa import FEEDBACK_SOURCES, Answer, FeedbackStore

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _FeedbackCollector:
    def __init__(self, store: FeedbackStore) -> None:
        self.store = store

    def describe(self):
        return []

    def collect(self):
        fam = CounterMetricFamily("ragqa_feedback", "Votes on answers, from the feedback store", labels=["source", "vote"])
        totals: dict[tuple[str, str], int] = {}
        for (source, vote), n in self.store.feedback_counts().items():
            # rows written before `source` was a closed set are counted as "other"
            key = (source if source in FEEDBACK_SOURCES else "other", vote)
            totals[key] = totals.get(key, 0) + n
        sources = FEEDBACK_SOURCES + (("other",) if any(s == "other" for s, _ in totals) else ())
        for source in sources:
            for vote in ("up", "down"):
                fam.add_metric([source, vote], totals.get((source, vote), 0))
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
