"""Scores for one question and their aggregation (definitions and formulas are in the README).

Retrieval is scored on the ranked passage texts (the service's deeper /v1/retrieve ranking when available,
otherwise the passages the answer was given); evidence is matched by text after normalisation.
Citations follow ALCE (Gao et al., 2023): statement-level recall, citation-level precision.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ragqa.answer.citations import cited_ids
from ragqa.answer.statements import split_statements
from ragqa.eval.gold import GoldQuestion
from ragqa.eval.judges import SupportJudge
from ragqa.eval.matching import answer_matches, evidence_in
from ragqa.text.korean import KoreanTextProcessor

K_VALUES = (1, 3, 5, 10)
# A lead is concise when it is a span, not a sentence: at most this many characters, or twice the gold answer's
# length when that is longer (a title, a list). Not fitted: a Korean noun phrase with a number or a name.
CONCISE_CHARS = 30


def one_part(gold_answer: str) -> bool:
    """Whether a gold answer has one part (a multi-part one joins its parts with ";"): only such an answer has
    a lead to judge."""
    return ";" not in gold_answer


def answer_lead(answer: str) -> str:
    """An answer's lead as lead accuracy reads it: its first line, citation markers removed."""
    return re.sub(r"\s*\[\d+\]", "", answer.strip().split("\n", 1)[0]).strip()


@dataclass
class EvalResponse:
    """What a system said for one question (the /v1/ask response plus the question id)."""

    id: str
    answer: str = ""
    abstained: bool = False
    citations: list[dict] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)
    retrieved: list[str] | None = None  # deeper ranking (texts), when the source offers one
    latency_ms: dict[str, float] = field(default_factory=dict)
    usage: dict[str, int] = field(default_factory=dict)
    mode: str | None = None
    degraded: bool = False
    error: str | None = None


# -- retrieval -------------------------------------------------------------------------------------
def retrieval_scores(evidence: Sequence[str], docs: Sequence[str], ranked: Sequence[str], budget: int) -> dict:
    """hit@k, recall@k, MRR, nDCG@10, evidence within ``budget`` chars, multi-document coverage."""
    found_at = []  # first rank (1-based) holding each evidence, or None
    for ev in evidence:
        found_at.append(next((r for r, text in enumerate(ranked, start=1) if evidence_in(ev, text)), None))
    out: dict[str, Any] = {}
    for k in K_VALUES:
        inside = [f is not None and f <= k for f in found_at]
        out[f"hit@{k}"] = all(inside)
        out[f"recall@{k}"] = sum(inside) / len(inside)
    relevant = [r for r, text in enumerate(ranked, start=1) if any(evidence_in(ev, text) for ev in evidence)]
    out["mrr"] = 1 / relevant[0] if relevant else 0.0
    # nDCG@10 with binary gains; a passage gains only for evidence not credited higher up.
    credited: set[int] = set()
    dcg = 0.0
    for r, text in enumerate(ranked[:10], start=1):
        new = {i for i, ev in enumerate(evidence) if i not in credited and evidence_in(ev, text)}
        if new:
            credited |= new
            dcg += 1 / math.log2(r + 1)
    ideal = sum(1 / math.log2(r + 1) for r in range(1, min(len(evidence), 10) + 1))
    out["ndcg@10"] = dcg / ideal if ideal else 0.0
    window = "\n".join(ranked)[:budget]
    out["evidence_in_budget"] = all(evidence_in(ev, window) for ev in evidence)
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        groups.setdefault(d or f"#{i}", []).append(i)
    if len(groups) >= 2:
        covered = [any(found_at[i] is not None and found_at[i] <= 5 for i in idx) for idx in groups.values()]
        out["multi_doc_coverage"] = sum(covered) / len(covered)
    else:
        out["multi_doc_coverage"] = None
    out["evidence_ranks"] = found_at
    return out


# -- citations (ALCE) ------------------------------------------------------------------------------
def citation_scores(answer: str, passages: Sequence[dict], judge: SupportJudge, text: KoreanTextProcessor) -> dict:
    by_id = {int(p["id"]): p.get("text", "") for p in passages}
    invalid = sorted(m for m in cited_ids(answer) if m not in by_id)
    statements = split_statements(answer, text)
    detail = []
    n_cites = n_precise = 0
    supported_count = 0
    for st in statements:
        cited = [m for m in st.markers if m in by_id]
        texts = [by_id[m] for m in cited]
        supported = bool(texts) and judge.supports(st.text, texts)
        supported_count += supported
        precise = []
        for m in st.markers:
            if m not in by_id or not supported:
                ok = False
            else:
                alone = judge.supports(st.text, [by_id[m]])
                others = [by_id[o] for o in cited if o != m]
                # ALCE: a citation is irrelevant when it supports nothing alone and the rest suffice.
                ok = alone or not (others and judge.supports(st.text, others))
            precise.append(ok)
        n_cites += len(st.markers)
        n_precise += sum(precise)
        detail.append({"statement": st.text, "markers": st.markers, "supported": supported, "precise": precise})
    return {
        "statements": detail,
        "n_statements": len(statements),
        "n_citations": n_cites,
        "invalid_markers": invalid,
        "citation_validity": not invalid,
        "citation_recall": supported_count / len(statements) if statements else None,
        "citation_precision": n_precise / n_cites if n_cites else None,
    }


def citations_consistent(resp: EvalResponse) -> bool:
    """Every citation object names a given passage and, when it carries text, that passage's text."""
    by_id = {int(p["id"]): p.get("text") for p in resp.passages}
    for c in resp.citations:
        cid = int(c["id"])
        if cid not in by_id or ("text" in c and c["text"] != by_id[cid]):
            return False
    return True


# -- one question ----------------------------------------------------------------------------------
def score_question(q: GoldQuestion, resp: EvalResponse, judge: SupportJudge, text: KoreanTextProcessor,
                   budget: int = 1200, answer_judge=None) -> dict:
    rec: dict[str, Any] = {
        "id": q.id, "type": q.type, "lang": q.lang, "question": q.question, "gold_answer": q.answer,
        "unanswerable": q.unanswerable, "answer": resp.answer, "abstained": resp.abstained, "mode": resp.mode,
        "degraded": resp.degraded, "error": resp.error, "latency_ms": resp.latency_ms, "usage": resp.usage,
    }
    ranked = resp.retrieved if resp.retrieved is not None else [p.get("text", "") for p in resp.passages]
    if q.gold and resp.error is None:
        rec.update(retrieval_scores([g.evidence for g in q.gold], [g.doc for g in q.gold], ranked, budget))
    if not q.unanswerable:
        rec["answer_correct"] = (
            resp.error is None and not resp.abstained and answer_matches(resp.answer, q.answer, q.answer_aliases)
        )
        if one_part(q.answer):  # does the answer's first line already hold it, and briefly?
            lead = answer_lead(resp.answer)
            rec["lead_correct"] = bool(rec["answer_correct"]) and answer_matches(lead, q.answer, q.answer_aliases)
            rec["lead_concise"] = rec["lead_correct"] and len(lead) <= max(CONCISE_CHARS, 2 * len(q.answer))
        if answer_judge is not None and resp.error is None and not resp.abstained:
            rec["answer_correct_judge"] = answer_judge.answer_correct(q.question, q.answer, resp.answer)
        elif answer_judge is not None:
            rec["answer_correct_judge"] = False
    if resp.error is None and not resp.abstained:
        rec.update(citation_scores(resp.answer, resp.passages, judge, text))
        rec["citation_validity"] = rec["citation_validity"] and citations_consistent(resp)
    return rec


# -- aggregation -----------------------------------------------------------------------------------
def _mean(values: Iterable) -> float | None:
    xs = [float(v) for v in values if v is not None]
    return round(sum(xs) / len(xs), 4) if xs else None


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarize(records: Sequence[dict]) -> dict[str, float | None]:
    answerable = [r for r in records if not r["unanswerable"]]
    unanswerable = [r for r in records if r["unanswerable"]]
    retrieved = [r for r in answerable if "hit@5" in r]
    answered = [r for r in records if r["error"] is None and not r["abstained"]]
    abstained = [r for r in records if r["abstained"]]
    s: dict[str, float | None] = {}
    for k in K_VALUES:
        s[f"retrieval_hit@{k}"] = _mean(r.get(f"hit@{k}") for r in retrieved)
    s["retrieval_recall@5"] = _mean(r.get("recall@5") for r in retrieved)
    s["retrieval_recall@10"] = _mean(r.get("recall@10") for r in retrieved)
    s["mrr"] = _mean(r.get("mrr") for r in retrieved)
    s["ndcg@10"] = _mean(r.get("ndcg@10") for r in retrieved)
    s["evidence_in_budget"] = _mean(r.get("evidence_in_budget") for r in retrieved)
    s["multi_doc_coverage"] = _mean(r.get("multi_doc_coverage") for r in retrieved)
    s["answer_accuracy"] = _mean(r.get("answer_correct") for r in answerable)
    s["lead_accuracy"] = _mean(r.get("lead_correct") for r in answerable if "lead_correct" in r)
    s["concise_accuracy"] = _mean(r.get("lead_concise") for r in answerable if "lead_concise" in r)
    if any("answer_correct_judge" in r for r in answerable):
        s["answer_accuracy_judge"] = _mean(r.get("answer_correct_judge") for r in answerable)
    s["abstention_precision"] = _ratio(sum(r["unanswerable"] for r in abstained), len(abstained))
    s["abstention_recall"] = _ratio(sum(r["abstained"] for r in unanswerable), len(unanswerable))
    s["false_abstention"] = _ratio(sum(r["abstained"] for r in answerable), len(answerable))
    s["citation_validity"] = _mean(r.get("citation_validity") for r in answered)
    s["citation_recall"] = _mean(r.get("citation_recall") for r in answered)
    s["citation_precision"] = _mean(r.get("citation_precision") for r in answered)
    s["error_rate"] = _ratio(sum(r["error"] is not None for r in records), len(records))
    return s


def _percentile(xs: Sequence[float], p: float) -> float | None:
    if not xs:
        return None
    if len(xs) == 1:
        return round(xs[0], 2)
    return round(statistics.quantiles(xs, n=100, method="inclusive")[int(p) - 1], 2)


def cost(records: Sequence[dict]) -> dict:
    out: dict[str, Any] = {}
    endpoints = sorted({e for r in records for e in (r.get("latency_ms") or {})})
    for e in endpoints:
        xs = [r["latency_ms"][e] for r in records if e in (r.get("latency_ms") or {})]
        out[f"latency_{e}_ms"] = {"p50": _percentile(xs, 50), "p95": _percentile(xs, 95), "n": len(xs)}
    usage = [r.get("usage") or {} for r in records]
    if any(usage):
        for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
            vals = [u[key] for u in usage if key in u]
            if vals:
                out[key] = {"total": sum(vals), "mean": round(sum(vals) / len(vals), 1), "n": len(vals)}
    else:
        out["tokens"] = None  # the answerer reported none (extractive answers use no LLM)
    return out


def breakdown(records: Sequence[dict], key: str) -> dict[str, dict]:
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(str(r[key]), []).append(r)
    return {g: {"questions": len(rs), **summarize(rs)} for g, rs in sorted(groups.items())}
