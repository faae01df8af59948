"""Abstention trade-off of the extractive answerer on a gold QA file.

Usage: python benchmarks/calibrate_abstention.py [--qa FILE] [--out benchmarks/results/abstention.json]
Computes the evidence features of every question once, then sweeps the two thresholds
(RAGQA_ANSWER__ABSTAIN_DENSE, RAGQA_ANSWER__ABSTAIN_COVERAGE) and reports, for each pair, the share of
unanswerable questions abstained on (recall) and of answerable ones wrongly abstained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from ragqa import build_engine, load_settings
from ragqa.answer.extractive import abstention_features, score_candidates, term_weights
from ragqa.eval.matching import load_gold
from ragqa.text.korean import detect_language

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa", type=Path, default=ROOT.parent / "shared" / "eval" / "dev_qa.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "abstention.json")
    args = ap.parse_args(argv)
    settings = load_settings()
    engine = build_engine(settings, llm=None)
    engine.start(build="if-needed")
    feats = []
    for q in load_gold(args.qa):
        prepared = engine.prepare(q["question"], top_k=5, mode="extractive")
        index, ranking = prepared.index, prepared.ranking
        passages = list(zip(prepared.passages, prepared.positions, strict=True))
        weights = term_weights(ranking.query_tokens, index)
        cands = score_candidates(passages, ranking.query_vector, weights, index, settings.answer.context_weight)
        f = abstention_features(cands, weights, passages, index)
        feats.append({"id": q["id"], "type": q["type"], "lang": detect_language(q["question"]), **f})
        print(json.dumps(feats[-1], ensure_ascii=False))
    table = []
    for d in np.arange(0.70, 0.90, 0.01):
        for c in np.arange(0.0, 0.95, 0.05):
            abst = [f["best_dense"] < d or (f["lang"] == "ko" and f["coverage"] < c) for f in feats]
            un = [a for a, f in zip(abst, feats, strict=True) if f["type"] == "unanswerable"]
            an = [a for a, f in zip(abst, feats, strict=True) if f["type"] != "unanswerable"]
            table.append({"abstain_dense": round(float(d), 2), "abstain_coverage": round(float(c), 2),
                          "abstention_recall": round(sum(un) / max(len(un), 1), 3),
                          "false_abstention": round(sum(an) / max(len(an), 1), 3)})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"features": feats, "tradeoff": table}, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = [r for r in table if r["false_abstention"] <= 0.10]
    ok.sort(key=lambda r: (-r["abstention_recall"], r["false_abstention"]))
    print("best with false_abstention <= 0.10:", ok[:5])
    return 0


if __name__ == "__main__":
    sys.exit(main())
