"""Quality of the default (extractive) pipeline on a gold QA file, in-process.

Usage: python benchmarks/quality.py [--qa ../shared/eval/dev_qa.jsonl] [--out benchmarks/results/quality.json]
Writes per-question records and a summary; prints the summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from ragqa import Engine, load_settings
from ragqa.answer.citations import cited_ids, invalid_markers
from ragqa.eval.matching import answer_matches, evidence_in, load_gold

ROOT = Path(__file__).resolve().parent.parent


def budget_text(passages, budget: int = 1200) -> str:
    return "".join(p.text for p in passages)[:budget]


def evaluate(engine: Engine, gold: list[dict], top_k: int = 5) -> dict:
    rows = []
    for q in gold:
        t0 = time.perf_counter()
        ans = engine.ask(q["question"], top_k=top_k, mode="extractive")
        dt = (time.perf_counter() - t0) * 1000
        ev = [g["evidence"] for g in q["gold"]]
        unanswerable = q["type"] == "unanswerable"
        hit5 = all(any(evidence_in(e, p.text) for p in ans.passages[:5]) for e in ev) if ev else None
        in_budget = all(evidence_in(e, budget_text(ans.passages)) for e in ev) if ev else None
        any_hit = any(any(evidence_in(e, p.text) for p in ans.passages[:5]) for e in ev) if ev else None
        cited = [c for c in ans.citations]
        cites_ok = (
            set(cited_ids(ans.answer)) == {c.id for c in cited}
            and not invalid_markers(ans.answer, len(ans.passages))
            and all(any(p.id == c.id and p.text == c.text for p in ans.passages) for c in cited)
            and all(c.quote is None or c.quote in c.text for c in cited)
        )
        lines = [s for s in ans.answer.split("\n") if s.strip()]
        all_marked = ans.abstained or all("[" in s for s in lines)
        cited_evidence = any(any(evidence_in(e, c.text) for c in cited) for e in ev) if ev and not ans.abstained else None
        rows.append(
            {
                "id": q["id"], "type": q["type"], "lang": q["lang"], "question": q["question"],
                "hit@5": hit5, "any_hit@5": any_hit, "evidence_in_1200": in_budget,
                "answer_correct": (answer_matches(ans.answer, q["answer"], q["answer_aliases"]) if not unanswerable else None),
                "abstained": ans.abstained, "unanswerable": unanswerable, "citations_valid": cites_ok,
                "all_sentences_marked": all_marked, "cited_evidence": cited_evidence,
                "answer": ans.answer, "latency_ms": round(dt, 1),
            }
        )
    ans_rows = [r for r in rows if not r["unanswerable"]]
    un_rows = [r for r in rows if r["unanswerable"]]
    answered = [r for r in ans_rows if not r["abstained"]]

    def rate(xs):
        xs = [x for x in xs if x is not None]
        return round(sum(bool(x) for x in xs) / len(xs), 4) if xs else None

    summary = {
        "questions": len(rows),
        "retrieval_hit@5": rate(r["hit@5"] for r in ans_rows),
        "evidence_in_1200_chars": rate(r["evidence_in_1200"] for r in ans_rows),
        "answer_accuracy": rate(r["answer_correct"] for r in ans_rows),
        "abstention_recall": rate(r["abstained"] for r in un_rows),
        "false_abstention": rate(r["abstained"] for r in ans_rows),
        "citation_validity": rate(r["citations_valid"] for r in rows),
        "all_sentences_marked": rate(r["all_sentences_marked"] for r in rows),
        "cited_evidence_when_answered": rate(r["cited_evidence"] for r in answered),
        "median_ask_ms": round(statistics.median(r["latency_ms"] for r in rows), 1),
    }
    return {"summary": summary, "questions": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa", type=Path, default=ROOT.parent / "shared" / "eval" / "dev_qa.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "quality.json")
    ap.add_argument("--top-k", type=int, default=5)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    engine = Engine(load_settings(), use_configured_llm=False)
    engine.start(build="if-needed", show_progress=True)
    result = evaluate(engine, load_gold(args.qa), args.top_k)
    result["settings"] = json.loads(engine.settings.model_dump_json())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.verbose:
        for r in result["questions"]:
            print(r["id"], r["type"], "hit", r["hit@5"], "b1200", r["evidence_in_1200"], "ok", r["answer_correct"],
                  "abst", r["abstained"], "|", r["answer"][:150].replace("\n", " / "))
    print(json.dumps(result["summary"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
