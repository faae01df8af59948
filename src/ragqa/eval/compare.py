"""``ragqa eval compare RUN_A RUN_B``: per-metric deltas and the questions whose outcome changed."""

from __future__ import annotations

import json
from pathlib import Path

from ragqa.errors import InvalidQuery

WATCHED = ["hit@5", "answer_correct", "abstained", "citation_recall", "citation_precision", "error"]


def load_run(path: Path) -> dict:
    path = Path(path)
    file = path / "results.json" if path.is_dir() else path
    if not file.is_file():
        raise InvalidQuery(f"no results.json at {path}")
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InvalidQuery(f"{file} is not valid JSON: {exc.msg}") from None


def compare(a: dict, b: dict) -> dict:
    metrics = []
    for name in dict.fromkeys([*a["summary"], *b["summary"]]):
        va, vb = a["summary"].get(name), b["summary"].get(name)
        delta = round(vb - va, 4) if isinstance(va, int | float) and isinstance(vb, int | float) else None
        metrics.append({"metric": name, "a": va, "b": vb, "delta": delta})
    qa = {r["id"]: r for r in a["questions"]}
    changed = []
    for r in b["questions"]:
        old = qa.get(r["id"])
        if old is None:
            continue
        diffs = {k: (old.get(k), r.get(k)) for k in WATCHED if old.get(k) != r.get(k)}
        if diffs:
            changed.append({"id": r["id"], "type": r["type"], "changes": diffs})
    only = sorted(set(qa) ^ {r["id"] for r in b["questions"]})
    return {"metrics": metrics, "changed": changed, "not_in_both": only}


def render(diff: dict) -> str:
    def f(v):
        return "n/a" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    lines = [f"{'metric':<24} {'A':>8} {'B':>8} {'delta':>8}"]
    for m in diff["metrics"]:
        d = m["delta"]
        mark = "" if not d else (" +" if d > 0 else " -")
        lines.append(f"{m['metric']:<24} {f(m['a']):>8} {f(m['b']):>8} {('n/a' if d is None else f'{d:+.3f}'):>8}{mark}")
    lines.append("")
    lines.append(f"{len(diff['changed'])} question(s) changed:" if diff["changed"] else "no question changed")
    for c in diff["changed"]:
        what = ", ".join(f"{k}: {f(v[0])} -> {f(v[1])}" for k, v in c["changes"].items())
        lines.append(f"  {c['id']} ({c['type']}): {what}")
    if diff["not_in_both"]:
        lines.append(f"only in one run: {', '.join(diff['not_in_both'])}")
    return "\n".join(lines)
