"""FAISS vs Milvus Lite over the real corpus: hybrid retrieval latency, and ragqa's fusion vs Milvus's own
``hybrid_search`` + ``RRFRanker`` on quality (issue 15).

Usage (both indexes built beforehand with ``ragqa ingest``, one per backend, same corpus and embedder):

    RAGQA_INDEX__DIR=/tmp/f ragqa ingest && RAGQA_INDEX__DIR=/tmp/m RAGQA_INDEX__BACKEND=milvus ragqa ingest
    python benchmarks/milvus_compare.py --faiss-index /tmp/f --milvus-index /tmp/m \\
        --qa benchmarks/data/qa_heldout.jsonl /work/shared/eval/dev_qa.jsonl --out benchmarks/results/milvus.json

Each question is embedded once; then, per variant, the time of the searches and the fusion alone is taken
(``--repeat`` times per question; p50/p99 over all) and the fused chunk ranking (top 20, before any
reranker) is scored with the eval's retrieval metrics (MRR, hit@5 of the gold evidence):

* ``faiss``: ragqa's weighted RRF over dense-chunk, dense-sentence and BM25 rankings (FAISS + bm25s);
* ``milvus``: the same fusion with the three rankings from Milvus Lite (the configured backend);
* ``milvus-hybrid_search``: one Milvus ``hybrid_search`` over a collection holding each chunk's vector and
  BM25 over its morphemes, fused by Milvus's ``RRFRanker(k=rrf_k)``. Milvus fuses rankings of one
  collection only, so the sentence ranking (other rows) cannot take part;
* ``milvus-2-rankers-ragqa-rrf``: ragqa's fusion of the same two rankings, to separate "fewer rankers" from
  "other fuser".
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ragqa import build_engine, load_settings  # noqa: E402
from ragqa.eval.gold import load_questions  # noqa: E402
from ragqa.eval.metrics import retrieval_scores  # noqa: E402
from ragqa.retrieval.ranking import rrf  # noqa: E402

DEPTH = 20


def engine_for(index_dir: Path, backend: str):
    settings = load_settings(index={"dir": index_dir, "backend": backend, "reload_interval_s": 0})
    engine = build_engine(settings, llm=None)
    engine.start(build="never", watch=False)
    return engine


def hybrid_collection(index, text):
    """A Milvus Lite collection with each chunk's vector and BM25 over its morphemes (as the keyword store)."""
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    tmp = Path(tempfile.mkdtemp(prefix="ragqa-milvus-hybrid-"))
    client = MilvusClient(str(tmp / "hybrid.db"))
    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vec", DataType.FLOAT_VECTOR, dim=index.chunk_vectors.dim)
    schema.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                     analyzer_params={"tokenizer": "whitespace"})
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["text"],
                                 output_field_names=["sparse"]))
    params = client.prepare_index_params()
    params.add_index("vec", index_type="FLAT", metric_type="IP")
    params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                     params={"bm25_k1": 1.2, "bm25_b": 0.75})
    client.create_collection("hybrid", schema=schema, index_params=params, consistency_level="Strong")
    vectors = index.chunk_vectors.get(np.arange(len(index.chunks)))
    tokens = text.tokenize_many([c.title + "\n" + c.text for c in index.chunks])
    client.insert("hybrid", [{"id": i, "vec": v.tolist(), "text": " ".join(t)}
                             for i, (v, t) in enumerate(zip(vectors, tokens, strict=True))])
    client.flush("hybrid")
    return client


def timed(fn, repeat: int) -> tuple[list[int], list[float]]:
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return out, times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--faiss-index", type=Path, required=True)
    ap.add_argument("--milvus-index", type=Path, required=True)
    ap.add_argument("--qa", type=Path, nargs="+", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()

    from pymilvus import AnnSearchRequest, RRFRanker

    faiss_engine = engine_for(args.faiss_index, "faiss")
    milvus_engine = engine_for(args.milvus_index, "milvus")
    s = faiss_engine.settings.retrieval
    retrievers = {"faiss": faiss_engine._retriever, "milvus": milvus_engine._retriever}
    index = milvus_engine._index
    text = milvus_engine.text
    client = hybrid_collection(index, text)

    def ragqa_fusion(retriever, query, vec):
        lists, _, share = retriever.ranker_lists(query, vec)
        return [h.pos for h in retriever.fuse(lists, share, s)][:DEPTH]

    def two_rankers(query, vec):
        lists, _, share = retrievers["milvus"].ranker_lists(query, vec)
        weights = {"dense": s.dense_weight, "keyword": s.keyword_weight * share}
        return [h.pos for h in rrf({k: lists[k] for k in weights}, weights, s.rrf_k)][:DEPTH]

    def milvus_hybrid(query, vec):
        tokens = [t for t in text.tokenize(query) if index.keyword.doc_freq(t)]
        reqs = [AnnSearchRequest([vec.tolist()], "vec", {"metric_type": "IP"}, s.candidate_depth)]
        if tokens:
            reqs.append(AnnSearchRequest([" ".join(tokens)], "sparse", {"metric_type": "BM25"}, s.candidate_depth))
        res = client.hybrid_search("hybrid", reqs, RRFRanker(s.rrf_k), limit=DEPTH)
        return [int(h["id"]) for h in res[0]]

    variants = {
        "faiss": lambda q, v: ragqa_fusion(retrievers["faiss"], q, v),
        "milvus": lambda q, v: ragqa_fusion(retrievers["milvus"], q, v),
        "milvus-hybrid_search": milvus_hybrid,
        "milvus-2-rankers-ragqa-rrf": two_rankers,
    }
    results: dict = {"depth": DEPTH, "repeat": args.repeat, "sets": {}}
    for qa in args.qa:
        questions = [q for q in load_questions(qa) if q.gold]
        per = {name: {"mrr": [], "hit@5": [], "ms": []} for name in variants}
        for q in questions:
            vec = faiss_engine.embedder.embed_queries([q.question])[0]
            for name, fn in variants.items():
                ranked, times = timed(lambda fn=fn, text=q.question, v=vec: fn(text, v), args.repeat)
                texts = [index.chunks[p].text for p in ranked]
                sc = retrieval_scores([g.evidence for g in q.gold], [g.doc for g in q.gold], texts, 10_000)
                per[name]["mrr"].append(sc["mrr"])
                per[name]["hit@5"].append(float(sc["hit@5"]))
                per[name]["ms"].extend(times)
        results["sets"][qa.name] = {
            name: {"questions": len(questions), "mrr": round(statistics.mean(v["mrr"]), 4),
                   "hit@5": round(statistics.mean(v["hit@5"]), 4),
                   "search_fuse_p50_ms": round(statistics.median(v["ms"]), 3),
                   "search_fuse_p99_ms": round(float(np.percentile(v["ms"], 99)), 3)}
            for name, v in per.items()}
    print(f"{'set':<20} {'variant':<28} {'n':>3} {'MRR':>6} {'hit@5':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for set_name, rows in results["sets"].items():
        for name, r in rows.items():
            print(f"{set_name:<20} {name:<28} {r['questions']:>3} {r['mrr']:>6.3f} {r['hit@5']:>6.3f} "
                  f"{r['search_fuse_p50_ms']:>8.2f} {r['search_fuse_p99_ms']:>8.2f}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    client.close()
    faiss_engine.close()
    milvus_engine.close()


if __name__ == "__main__":
    main()
