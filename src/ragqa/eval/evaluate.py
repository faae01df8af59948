"""Evaluation run: questions -> responses -> per-question scores -> summary, breakdowns, cost."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ragqa.errors import InvalidQuery
from ragqa.eval.gold import GoldQuestion
from ragqa.eval.judges import CachedJudge, SupportJudge
from ragqa.eval.metrics import breakdown, cost, score_question, summarize
from ragqa.eval.runner import ResponseSource, run
from ragqa.text.korean import KoreanTextProcessor

# Metrics where smaller is better: --fail-under makes no sense for them, --fail-over does.
LOWER_IS_BETTER = {"false_abstention", "error_rate"}


def evaluate(questions: list[GoldQuestion], source: ResponseSource, judge: SupportJudge, text: KoreanTextProcessor,
             budget: int = 1200, answer_judge=None, progress: bool = True, config: dict | None = None) -> dict[str, Any]:
    cached = CachedJudge(judge)
    records = [
        score_question(q, resp, cached, text, budget=budget, answer_judge=answer_judge)
        for q, resp in zip(questions, run(source, questions, progress), strict=True)
    ]
    return {
        "summary": summarize(records),
        "by_type": breakdown(records, "type"),
        "by_lang": breakdown(records, "lang"),
        "cost": cost(records),
        "judge": judge.name,
        "answer_judge": getattr(answer_judge, "name", None),
        "source": source.name,
        "config": {**(config or {}), "budget_chars": budget, "questions": len(records),
                   "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
        "questions": records,
    }


def parse_thresholds(items: list[str] | None, known: set[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise InvalidQuery(f"threshold {item!r} must look like METRIC=VALUE")
        if name not in known:
            raise InvalidQuery(f"unknown metric {name!r} in threshold {item!r}; known: {', '.join(sorted(known))}")
        try:
            out[name] = float(value)
        except ValueError:
            raise InvalidQuery(f"threshold value {value!r} for {name} is not a number") from None
        if not 0 <= out[name] <= 1:
            raise InvalidQuery(f"threshold for {name} must be between 0 and 1, got {value}")
    return out


def check_thresholds(summary: dict, under: dict[str, float], over: dict[str, float]) -> list[str]:
    """Messages for every missed threshold (a metric that could not be measured misses it too)."""
    failures = []
    for name, floor in under.items():
        value = summary.get(name)
        if value is None or value < floor:
            failures.append(f"{name} = {value} is below the required {floor}")
    for name, ceiling in over.items():
        value = summary.get(name)
        if value is None or value > ceiling:
            failures.append(f"{name} = {value} is above the allowed {ceiling}")
    return failures
