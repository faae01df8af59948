"""Fit the sentence reranker on the tuning split and store it beside the retriever.

    make fit-reranker        # = python benchmarks/fit_reranker.py

For every answerable question of ``benchmarks/data/qa_tune.jsonl`` (never the held-out split) the fused
ranking is computed in-process with no reranker, the features of :mod:`ragqa.retrieval.rerank` are taken
for its top ``--depth`` chunks, and each chunk is labelled 1 when it holds the question's gold evidence. A
pointwise L2-regularised logistic regression is fitted; its strength and the feature set are chosen by
5-fold cross-validated MRR@10 *within the tuning split* (questions, not chunks, are split into folds).
Writes ``src/ragqa/retrieval/rerank_model.json`` and a report to ``benchmarks/results/rerank_fit.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ragqa import build_engine, load_settings  # noqa: E402
from ragqa.answer.abstention import fit_logistic  # noqa: E402
from ragqa.eval.matching import evidence_in, load_gold  # noqa: E402
from ragqa.retrieval.rerank import RERANK_FEATURES, RerankModel, rerank_features  # noqa: E402

SEED = 20261130
_RANKS = ("inv_fused", "inv_dense", "inv_sentence", "inv_keyword", "inv_related", "inv_bridge", "inv_headings")
FEATURE_SETS = {
    "ranks": _RANKS,
    "ranks+lexical": (*_RANKS, "coverage", "coverage_rel", "best_lexical"),
    "ranks+lexical+dense": (*_RANKS, "coverage", "coverage_rel", "best_lexical", "sentence_rel", "chunk_rel"),
    "all": RERANK_FEATURES,
}


def collect(engine, gold: list[dict], depth: int) -> list[dict]:
    index, retriever = engine._require()
    cases = []
    for q in gold:
        evs = [g["evidence"] for g in q["gold"]]
        if q["type"] == "unanswerable" or not evs:
            continue
        ranking = retriever.rank(q["question"])
        labels = [int(any(evidence_in(e, index.chunks[h.pos].text) for e in evs)) for h in ranking.hits]
        cases.append({"id": q["id"], "type": q["type"], "features": rerank_features(ranking, index, depth),
                      "labels": labels})
    return cases


def mrr(cases: list[dict], scores: list[list[float]], depth: int) -> tuple[float, dict[str, float]]:
    """MRR@10 of the first chunk holding evidence once the top ``depth`` are reordered by ``scores``."""
    by_type: dict[str, list[float]] = {}
    for case, s in zip(cases, scores, strict=True):
        order = sorted(range(len(s)), key=lambda i: (-s[i], i))
        labels = [case["labels"][i] for i in order] + case["labels"][depth:]
        rr = next((1 / k for k, y in enumerate(labels[:10], start=1) if y), 0.0)
        by_type.setdefault(case["type"], []).append(rr)
    every = [x for v in by_type.values() for x in v]
    return sum(every) / len(every), {k: round(sum(v) / len(v), 3) for k, v in sorted(by_type.items())}


def _scores(weights, bias, mean, scale, cases) -> list[list[float]]:
    model = RerankModel(weights=weights, bias=bias, embedder={}, mean=mean, scale=scale)
    return [[model.score(f) for f in c["features"]] for c in cases]


def _rows(cases):
    rows, labels = [], []
    for c in cases:
        rows += c["features"]
        labels += c["labels"][:len(c["features"])]
    return rows, labels


def cross_validated(cases, features, l2: float, depth: int, folds: int = 5) -> tuple[float, dict[str, float]]:
    order = list(range(len(cases)))
    random.Random(SEED).shuffle(order)
    scores: list[list[float]] = [[] for _ in cases]
    for f in range(folds):
        test = set(order[f::folds])
        rows, labels = _rows([cases[i] for i in order if i not in test])
        w, b, m, s = fit_logistic(rows, labels, features=features, l2=l2)
        for i in test:
            scores[i] = _scores(w, b, m, s, [cases[i]])[0]
    return mrr(cases, scores, depth)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--qa", type=Path, default=ROOT / "benchmarks" / "data" / "qa_tune.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "ragqa" / "retrieval" / "rerank_model.json")
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "results" / "rerank_fit.json")
    ap.add_argument("--depth", type=int, default=20, help="fused chunks the reranker reorders")
    args = ap.parse_args(argv)
    if "heldout" in args.qa.name:
        ap.error("the held-out split is for reporting only; fit on the tuning split")
    settings = load_settings(retrieval={"reranker": "none"})
    engine = build_engine(settings, llm=None)
    engine.start(build="if-needed")
    cases = collect(engine, load_gold(args.qa), args.depth)
    fused = mrr(cases, [[-i for i in range(len(c["features"]))] for c in cases], args.depth)
    print(f"fused ranking (no reranker): MRR@10 {fused[0]:.4f} {fused[1]}")
    table = []
    for name, features in FEATURE_SETS.items():
        for l2 in (0.3, 1.0, 3.0, 10.0, 30.0):
            score, by_type = cross_validated(cases, features, l2, args.depth)
            table.append({"features": name, "l2": l2, "cv_mrr": round(score, 4), "by_type": by_type})
            print(f"{name:22s} l2={l2:<5} CV MRR@10 {score:.4f} {by_type}")
    # best CV MRR; ties prefer fewer features, then stronger regularisation
    best = max(table, key=lambda r: (r["cv_mrr"], -len(FEATURE_SETS[r["features"]]), r["l2"]))
    features = FEATURE_SETS[best["features"]]
    rows, labels = _rows(cases)
    weights, bias, mean, scale = fit_logistic(rows, labels, features=features, l2=best["l2"])
    model = RerankModel(
        weights=weights, bias=bias, embedder=dict(engine.embedder.identity), depth=args.depth, mean=mean,
        scale=scale,
        meta={"fitted_on": args.qa.name, "questions": len(cases), "chunks": len(rows), "positives": sum(labels),
              "features_chosen": best["features"], "l2": best["l2"],
              "rule": "feature set and l2 with the best 5-fold CV MRR@10 on the tuning split",
              "cv_mrr": best["cv_mrr"], "fused_mrr": round(fused[0], 4)},
    )
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps({"model": model.to_json(), "fused_mrr": fused, "cv": table},
                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"chose {best['features']} l2={best['l2']} (CV MRR@10 {best['cv_mrr']} vs fused {fused[0]:.4f})")
    print("weights (standardised):", {k: round(v, 3) for k, v in weights.items()}, "bias", round(bias, 3))
    print(f"wrote {args.out} and {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
