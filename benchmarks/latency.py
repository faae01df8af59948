"""/v1/retrieve latency against its floor (embedding one query), measured in one run.

Usage: python benchmarks/latency.py [--rounds 3] [--out benchmarks/results/latency.json]
Starts the real service (uvicorn on 127.0.0.1, default settings, shipped corpus), then for each dev
question measures (a) the in-process time to embed the query (the floor) and (b) the wall time of
POST /v1/retrieve from a keep-alive HTTP client. Reports medians and their ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ragqa import build_engine, load_settings  # noqa: E402
from ragqa.eval.matching import load_gold  # noqa: E402
from service.api import create_app  # noqa: E402
from tests.conftest import DEV_QA, LiveServer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa", type=Path, default=DEV_QA)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latency.json")
    args = ap.parse_args(argv)
    questions = [q["question"] for q in load_gold(args.qa)]
    engine = build_engine(load_settings(), llm=None)
    engine.start(build="if-needed")
    embed_ms, retrieve_ms, server_ms, ask_ms = [], [], [], []
    with LiveServer(create_app(engine)) as srv, httpx.Client(base_url=srv.url, timeout=30) as client:
        srv.wait_ready()
        for q in questions[:3]:  # warm-up
            client.post("/v1/retrieve", json={"query": q, "top_k": 10})
        for _ in range(args.rounds):
            for q in questions:
                t0 = time.perf_counter()
                engine.embedder.embed_queries([q])
                embed_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                r = client.post("/v1/retrieve", json={"query": q, "top_k": 10})
                retrieve_ms.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, r.text
                server_ms.append(r.json()["timings_ms"]["total"])
                t0 = time.perf_counter()
                client.post("/v1/ask", json={"question": q})
                ask_ms.append((time.perf_counter() - t0) * 1000)
    med = statistics.median
    result = {
        "requests_per_endpoint": len(retrieve_ms),
        "embed_one_query_median_ms": round(med(embed_ms), 2),
        "retrieve_http_median_ms": round(med(retrieve_ms), 2),
        "retrieve_server_total_median_ms": round(med(server_ms), 2),
        "ask_extractive_http_median_ms": round(med(ask_ms), 2),
        "retrieve_p95_ms": round(sorted(retrieve_ms)[int(0.95 * (len(retrieve_ms) - 1))], 2),
        "ratio_retrieve_to_embed": round(med(retrieve_ms) / med(embed_ms), 3),
        "target_ratio": 1.5,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
