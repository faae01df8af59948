"""Choose how a follow-up's two rankings are fused (``retrieval.rewrite_weight``, ``retrieval.rewrite_rrf_k``)
on the tuning split of the follow-up dialogues.

    python benchmarks/tune_followup.py      # writes benchmarks/results/followup_tuning.json

Each dialogue's first question is answered (extractive), the follow-up is condensed with that history
(:func:`ragqa.retrieval.followup.condense_question`), and the follow-up as asked and its rewrite are each
ranked once; every (weight, k) is then only a re-fusion of those two rankings. Scores MRR@10 of the first
passage holding the follow-up's evidence; ties prefer the current settings. The held-out split
(``followup_heldout.jsonl``) is refused; ``benchmarks/followup.py --dialogues`` reports on it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._tuning import reciprocal_rank, tuning_engine  # noqa: E402
from benchmarks.followup import load_dialogues  # noqa: E402
from ragqa import Turn  # noqa: E402
from ragqa.eval.matching import evidence_in  # noqa: E402
from ragqa.retrieval.followup import condense_question  # noqa: E402
from ragqa.retrieval.ranking import fuse_rankings  # noqa: E402

WEIGHTS = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0)
KS = (10, 30, 60)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dialogues", type=Path, default=ROOT / "benchmarks" / "data" / "followup_tune.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "followup_tuning.json")
    args = ap.parse_args(argv)
    settings, engine, index, retriever = tuning_engine(ap, args.dialogues)
    cases = []
    for d in load_dialogues(args.dialogues):
        first, follow = d["turns"]
        history = [Turn(role="user", content=first), Turn(role="assistant", content=engine.ask(first, mode="extractive").answer)]
        good = {pos for pos, c in enumerate(index.chunks) if evidence_in(d["evidence"], c.text)}
        asked = engine.reranker.rerank(retriever.rank(follow), index)  # as the engine ranks the words asked
        rewrite = condense_question(follow, history, engine.text)
        cases.append((good, asked, retriever.rank(rewrite) if rewrite != follow else None))

    def mrr(rankings) -> float:
        total = sum(reciprocal_rank(hits, good) for (good, _, _), hits in zip(cases, rankings, strict=True))
        return round(total / len(cases), 4)

    r = settings.retrieval
    rows = [{"rewrite_weight": w, "rewrite_rrf_k": k,
             "mrr": mrr([fuse_rankings(a, b, k, w).hits if b is not None else a.hits for _, a, b in cases])}
            for w, k in itertools.product(WEIGHTS, KS)]
    current = next((x for x in rows if (x["rewrite_weight"], x["rewrite_rrf_k"]) == (r.rewrite_weight, r.rewrite_rrf_k)), None)
    rows.sort(key=lambda x: (-x["mrr"], x is not current))
    result = {"dialogues": len(cases), "asked_alone_mrr": mrr([a.hits for _, a, _ in cases]),
              "rewrite_alone_mrr": mrr([(b or a).hits for _, a, b in cases]), "current": current, "best": rows[:5],
              "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
