"""Choose the fusion weights on the tuning split, fast: each question is embedded and searched once, then
every weight combination is only a re-fusion of the same ranked lists.

    python benchmarks/tune_fusion.py      # writes benchmarks/results/fusion_tuning.json

Scores MRR of the first passage holding the (first) gold evidence, among the top 10 (the same measure as
``ragqa eval``'s mrr, for ask's passages); ties prefer the current defaults. The held-out split is refused.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._tuning import ranked_questions, reciprocal_rank, tuning_engine  # noqa: E402
from ragqa.retrieval.hybrid import HybridRetriever  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--qa", type=Path, default=ROOT / "benchmarks" / "data" / "qa_tune.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "fusion_tuning.json")
    args = ap.parse_args(argv)
    settings, engine, index, retriever = tuning_engine(ap, args.qa)
    cases = [(lists, share, good, q["type"])
             for q, lists, _, share, good in ranked_questions(engine, index, retriever, args.qa, depth=100)]
    base = settings.retrieval
    rows = []
    for k, d, s, w, depth in itertools.product((10, 20, 30, 60), (0.5, 1.0, 1.5), (0.5, 1.0, 1.5, 2.0),
                                               (0.0, 0.5, 1.0, 1.5, 2.0), (20, 40, 80)):
        r = base.model_copy(update={"rrf_k": k, "dense_weight": d, "sentence_weight": s, "keyword_weight": w,
                                    "candidate_depth": depth})
        mrr = 0.0
        for lists, share, good, _ in cases:
            cut = {name: pos[:depth] for name, pos in lists.items()}
            mrr += reciprocal_rank(HybridRetriever.fuse(cut, share, r), good)
        rows.append({"rrf_k": k, "dense_weight": d, "sentence_weight": s, "keyword_weight": w,
                     "candidate_depth": depth, "mrr": round(mrr / len(cases), 4)})
    default = next(r for r in rows if (r["rrf_k"], r["dense_weight"], r["sentence_weight"], r["keyword_weight"],
                                       r["candidate_depth"]) == (base.rrf_k, base.dense_weight, base.sentence_weight,
                                                                 base.keyword_weight, base.candidate_depth))
    rows.sort(key=lambda r: -r["mrr"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"questions": len(cases), "default": default, "best": rows[:10], "rows": rows},
                                   indent=1), encoding="utf-8")
    print("default:", default)
    for r in rows[:8]:
        print("best:", r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
