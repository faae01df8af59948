"""Split the question set once, by a fixed seed, into a tuning part and a held-out part.

    python benchmarks/split_qa.py            # writes benchmarks/data/qa_tune.jsonl and qa_heldout.jsonl,
                                             # and followup_tune.jsonl / followup_heldout.jsonl

Questions (and follow-up dialogues) written after the split (``qa_tune_extra.jsonl``, ``followup_tune_extra.jsonl``)
are appended to the tuning part only, so the
held-out part stays the one drawn at the first split.

Stratified by question type (each type split in the same proportion), 55% tuning / 45% held-out, seed
20261130. Every threshold, weight or fitted parameter is chosen on qa_tune.jsonl only; qa_heldout.jsonl is
for reporting. The split is committed; re-running this script reproduces it byte for byte.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
SEED = 20261130
HELDOUT_SHARE = 0.45


def split(rows: list[dict], seed: int = SEED, heldout_share: float = HELDOUT_SHARE,
          stratum: str = "type") -> tuple[list[dict], list[dict]]:
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_type[r[stratum]].append(r)
    rng = random.Random(seed)
    tune, heldout = [], []
    for t in sorted(by_type):
        group = sorted(by_type[t], key=lambda r: r["id"])
        rng.shuffle(group)
        n_held = round(len(group) * heldout_share)
        heldout += group[:n_held]
        tune += group[n_held:]
    key = lambda r: r["id"]  # noqa: E731
    return sorted(tune, key=key), sorted(heldout, key=key)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_file(source: str, prefix: str, stratum: str, what: str, tuning_only: str | None = None) -> None:
    """Split ``DATA/source`` into ``DATA/{prefix}_tune.jsonl`` and ``DATA/{prefix}_heldout.jsonl``; the rows
    of ``DATA/tuning_only`` (written after the split) are appended to the tuning part only."""
    rows = _rows(DATA / source)
    tune, heldout = split(rows, stratum=stratum)
    if tuning_only and (DATA / tuning_only).exists():
        extra = _rows(DATA / tuning_only)
        clash = {r["id"] for r in extra} & {r["id"] for r in rows}
        if clash:
            raise SystemExit(f"{tuning_only}: ids already in {source}: {sorted(clash)}")
        tune += extra
        print(f"{len(extra)} {what} of {tuning_only} -> tuning only")
    for name, part in ((f"{prefix}_tune.jsonl", tune), (f"{prefix}_heldout.jsonl", heldout)):
        (DATA / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
    print(f"{len(rows)} {what} -> {len(tune)} tuning, {len(heldout)} held-out ({len(heldout) / len(rows):.0%} of {source})")


def main() -> int:
    # questions written after the split (qa_tune_extra.jsonl) only ever join the tuning part: the held-out
    # part stays the one drawn at the first split
    split_file("qa_questions.jsonl", "qa", "type", "questions", tuning_only="qa_tune_extra.jsonl")
    # the follow-up dialogues (benchmarks/followup.py, tune_followup.py) the same way, stratified by language;
    # dialogues written after the split (followup_tune_extra.jsonl, stop 43) join the tuning part only
    split_file("followup_dialogues.jsonl", "followup", "lang", "dialogues", tuning_only="followup_tune_extra.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
