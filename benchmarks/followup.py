"""Follow-up retrieval on written two-turn dialogues: the second question refers back to the first
("그 장비에 칩이 몇 개 들어가?"). Measured in one run, with and without the conversation history.

Usage: python benchmarks/followup.py [--dialogues benchmarks/data/followup_dialogues.jsonl]
                                     [--out benchmarks/results/followup.json] [--mode extractive|auto]
For each dialogue the first question is answered by the engine; the follow-up is then (a) retrieved
alone and (b) asked with the first turn and its answer as history (the engine condenses it: with an LLM
configured through an LLM rewrite, else deterministically). Scores: evidence of the follow-up in the top 1 /
top 5 passages, and the expected answer string in the answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ragqa import Engine, Turn, build_engine, load_settings  # noqa: E402
from ragqa.eval.matching import evidence_in, norm_answer  # noqa: E402


def load_dialogues(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run(engine: Engine, dialogues: list[dict], mode: str = "extractive") -> dict:
    rows = []
    for d in dialogues:
        first, follow = d["turns"]
        a1 = engine.ask(first, mode=mode)
        history = [Turn(role="user", content=first), Turn(role="assistant", content=a1.answer)]
        alone = engine.retrieve(follow, top_k=5).passages
        a_alone = engine.ask(follow, mode=mode)
        a2 = engine.ask(follow, history=history, mode=mode)
        with_history = a2.passages[:5]

        def rank(passages, evidence=d["evidence"]):
            return next((i for i, p in enumerate(passages, 1) if evidence_in(evidence, p.text)), None)

        r_alone, r_hist = rank(alone), rank(with_history)
        rows.append({
            "id": d["id"], "lang": d["lang"], "follow_up": follow, "retrieval_query": a2.retrieval_query,
            "rank_alone": r_alone, "rank_with_history": r_hist,
            "answer_correct_alone": (not a_alone.abstained) and norm_answer(d["answer"]) in norm_answer(a_alone.answer),
            "answer_correct_with_history": (not a2.abstained) and norm_answer(d["answer"]) in norm_answer(a2.answer),
            "abstained_with_history": a2.abstained,
        })

    def share(pred):
        return round(sum(1 for r in rows if pred(r)) / len(rows), 4)

    summary = {
        "dialogues": len(rows),
        "hit@1_alone": share(lambda r: r["rank_alone"] == 1),
        "hit@5_alone": share(lambda r: r["rank_alone"] is not None),
        "hit@1_with_history": share(lambda r: r["rank_with_history"] == 1),
        "hit@5_with_history": share(lambda r: r["rank_with_history"] is not None),
        "answer_correct_alone": share(lambda r: r["answer_correct_alone"]),
        "answer_correct_with_history": share(lambda r: r["answer_correct_with_history"]),
        "condense": "llm" if engine.llm is not None and mode != "extractive" else "deterministic",
    }
    return {"summary": summary, "dialogues": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dialogues", type=Path, default=ROOT / "benchmarks" / "data" / "followup_dialogues.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "followup.json")
    ap.add_argument("--mode", choices=["extractive", "auto"], default="extractive")
    args = ap.parse_args(argv)
    engine = build_engine(load_settings()) if args.mode == "auto" else build_engine(load_settings(), llm=None)
    engine.start(build="if-needed")
    result = run(engine, load_dialogues(args.dialogues), args.mode)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for r in result["dialogues"]:
        print(f"{r['id']} alone={r['rank_alone']} history={r['rank_with_history']} "
              f"ok={r['answer_correct_with_history']} | {r['retrieval_query'][:100]}")
    print(json.dumps(result["summary"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
