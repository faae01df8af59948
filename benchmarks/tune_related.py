"""Choose the related-term search's threshold and weight on the tuning split (``retrieval.related_threshold``,
``retrieval.related_weight``; :meth:`ragqa.retrieval.hybrid.HybridRetriever.related_search`).

    python benchmarks/tune_related.py      # writes benchmarks/results/related_tuning.json

Each question is embedded and searched once; every threshold then costs one more keyword search per Korean
question and every weight only a re-fusion. Scores MRR@10 of the fused ranking (as ``tune_fusion.py``); ties
prefer the smaller weight, then the higher threshold. A weight of 0 is the ranking without the search. As a
check that the choice is not an accident of these questions, the grid is also chosen on each half of the split
(alternate questions) and scored on the other half: both are in the output. The held-out split is refused.
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
from ragqa.text.korean import detect_language  # noqa: E402

THRESHOLDS = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--qa", type=Path, default=ROOT / "benchmarks" / "data" / "qa_tune.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "related_tuning.json")
    args = ap.parse_args(argv)
    settings, engine, index, retriever = tuning_engine(ap, args.qa)
    base = settings.retrieval
    depth = base.candidate_depth
    cases = []
    for q, lists, tokens, share, good in ranked_questions(engine, index, retriever, args.qa):
        lists = {name: found for name, found in lists.items() if name != "related"}
        korean = detect_language(q["question"]) != "en"
        per_threshold = {th: (retriever.related_search(q["question"], tokens, depth, threshold=th) if korean else [])
                         for th in THRESHOLDS}
        cases.append((q["type"], lists, share, good, per_threshold))

    def score(th: float, w: float, subset) -> tuple[float, dict[str, float]]:
        r = base.model_copy(update={"related_threshold": th, "related_weight": w})
        per: dict[str, list[float]] = {}
        for qtype, lists, share, good, per_threshold in subset:
            found = per_threshold[th] if w > 0 else []
            fused = HybridRetriever.fuse({**lists, "related": found} if found else lists, share, r,
                                         retriever.bridge_weight)
            per.setdefault(qtype, []).append(reciprocal_rank(fused, good))
        total = [x for v in per.values() for x in v]
        return sum(total) / len(total), {k: round(sum(v) / len(v), 4) for k, v in sorted(per.items())}

    def choose(subset) -> tuple[float, float, float]:
        rows = [(score(th, w, subset)[0], -w, th) for th, w in itertools.product(THRESHOLDS, WEIGHTS)]
        mrr, neg_w, th = max(rows)
        return th, -neg_w, mrr

    rows = []
    for th, w in itertools.product(THRESHOLDS, WEIGHTS):
        mrr, by_type = score(th, w, cases)
        rows.append({"related_threshold": th, "related_weight": w, "mrr": round(mrr, 4), "by_type": by_type})
    th, w, _ = choose(cases)
    best = next(r for r in rows if (r["related_threshold"], r["related_weight"]) == (th, w))
    off = next(r for r in rows if r["related_weight"] == 0.0)
    halves = []
    for h in (0, 1):
        mine, other = cases[h::2], cases[1 - h::2]
        hth, hw, hmrr = choose(mine)
        halves.append({"chosen_on_half": h, "related_threshold": hth, "related_weight": hw, "mrr_on_half": round(hmrr, 4),
                       "mrr_other_half": round(score(hth, hw, other)[0], 4),
                       "mrr_other_half_off": round(score(hth, 0.0, other)[0], 4)})
    current = next(r for r in rows if (r["related_threshold"], r["related_weight"])
                   == (base.related_threshold, base.related_weight))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"questions": len(cases), "best": best, "off": off, "current": current,
                                    "halves": halves, "rows": rows}, indent=1, ensure_ascii=False), encoding="utf-8")
    print("off:    ", off)
    print("best:   ", best)
    print("current:", current)
    for h in halves:
        print("half:   ", h)
    return 0


if __name__ == "__main__":
    sys.exit(main())
