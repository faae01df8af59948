"""Choose chunk size, sentence overlap and fusion parameters by measurement on a gold QA file.

Usage: python benchmarks/tune_retrieval.py [--qa benchmarks/data/qa_tune.jsonl] [--out benchmarks/results/tuning.json]
Tune on the tuning split only (the held-out split is refused); dev_qa and the held-out split report.
Builds one index per chunking setting in a temporary directory (sharing the embedding cache of
index/), then scores every fusion setting on: all-evidence hit@5, evidence within the first 1,200
characters of retrieved text, and MRR of the first evidence-bearing passage.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

from ragqa import Engine, build_engine, load_settings
from ragqa.eval.matching import evidence_in, load_gold

ROOT = Path(__file__).resolve().parent.parent


def score(engine: Engine, gold: list[dict]) -> dict[str, float]:
    hit5 = b1200 = mrr = n = 0
    for q in gold:
        evs = [g["evidence"] for g in q["gold"]]
        if not evs:
            continue
        n += 1
        ps = engine.retrieve(q["question"], top_k=10).passages
        hit5 += all(any(evidence_in(e, p.text) for p in ps[:5]) for e in evs)
        text = "".join(p.text for p in ps)[:1200]
        b1200 += all(evidence_in(e, text) for e in evs)
        first = next((i for i, p in enumerate(ps, 1) if any(evidence_in(e, p.text) for e in evs)), None)
        mrr += 1 / first if first else 0
    return {"hit@5": round(hit5 / n, 4), "in_1200": round(b1200 / n, 4), "mrr": round(mrr / n, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa", type=Path, default=ROOT / "benchmarks" / "data" / "qa_tune.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "tuning.json")
    ap.add_argument("--targets", default="200,300,400,600")
    ap.add_argument("--overlaps", default="0,1,2")
    args = ap.parse_args(argv)
    if "heldout" in args.qa.name:
        ap.error("the held-out split is for reporting only; tune on the tuning split")
    gold = load_gold(args.qa)
    base = load_settings()
    cache_dir = (base.index.cache_dir or base.index.dir / "cache").resolve()
    rows = []
    fusions = [
        {"rrf_k": k, "dense_weight": d, "sentence_weight": s, "keyword_weight": w}
        for k, d, s, w in itertools.product((10, 30, 60), (0.5, 1.0), (0.5, 1.0, 1.5, 2.0), (0.5, 1.0, 1.5, 2.0))
    ]
    for target, overlap in itertools.product(map(int, args.targets.split(",")), map(int, args.overlaps.split(","))):
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(
                index={"dir": Path(tmp), "cache_dir": cache_dir},
                chunking={"target_chars": target, "max_chars": max(2 * target, 400), "overlap_sentences": overlap},
            )
            engine = build_engine(settings, llm=None)
            engine.start(build="if-needed")
            for f in fusions:
                engine.settings = settings.model_copy(update={"retrieval": settings.retrieval.model_copy(update=f)})
                engine.reload()
                r = {"target_chars": target, "overlap": overlap, **f, **score(engine, gold)}
                rows.append(r)
                print(json.dumps(r), flush=True)
    rows.sort(key=lambda r: (-r["mrr"], -(r["hit@5"] + r["in_1200"])))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"best": rows[0], "rows": rows}, indent=1), encoding="utf-8")
    print("best:", json.dumps(rows[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
