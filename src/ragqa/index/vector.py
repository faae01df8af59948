"""Vector stores implementing :class:`ragqa.interfaces.VectorStore` (inner product over unit vectors = cosine).

One class per backend; :mod:`ragqa.wiring` chooses one from settings and passes it its options."""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any

import numpy as np

AUTO = "auto"
AUTO_FLAT_MAX = 20_000
"""``auto`` keeps exact ``Flat`` up to this many vectors per store. Flat search time grows linearly with N
(benchmarks/scale.py, one query, 384 dims, on a shared 2-core machine: p50 16.5 ms at 10^5 at load average 1.5,
368 ms at 10^6 at load 6), so a few ms at 2x10^4: below one query embedding, exact, and nothing to train."""
AUTO_ANN = "IVF{nlist},SQ8"
"""``auto`` above :data:`AUTO_FLAT_MAX`: inverted lists over 8-bit scalar codes, meant to be searched with
``refine`` (settings default 2: the k x 2 candidates re-scored exactly). At 10^6 (scale-1e6.json, load average
~6 on 2 cores) IVF4096,SQ8 at nprobe 64 gave recall@10 .934 alone and .961 refined at 1.5 / 1.6 ms p50 in 382 MB
(nprobe 48 refined: .947 at 1.35 ms; 96 refined: .976 at 2.3 ms); HNSW32,SQ8 reached only .770 at efSearch 256
(scale-1e6-hnsw.json) in 627 MB and builds slower. At 10^5 (scale-1e5.json) IVF1024,SQ8 refined also beat
HNSW32,SQ8 refined: .989 at 0.54 ms (nprobe 64) in 40 MB against .961 at 0.79 ms (efSearch 256) in 64 MB. ``nlist`` is 1024 up to 300 000 vectors and 4096 above (the two sizes
measured), at most one list per 39 vectors (FAISS's minimum training points per centroid)."""
TRAIN_MAX = 100_000
"""Training sample bound (IVF k-means, SQ ranges, PQ codebooks): at most this many rows, drawn with a fixed seed."""
TRAIN_SEED = 20261130
VALIDATION_DIM = 3840
"""Factory strings are checked at start-up against this dimension (a multiple of every usual PQ/OPQ size), before
the embedder's real dimension is known; a string that only fails for the real dimension fails at build."""
PREAD_MAX_ROWS = 4096
"""``get`` of up to this many rows reads them from the sidecar with ``pread`` (see :func:`_read_rows`); more
(a save, a rebuild) go through the memory mapping."""
MAX_REFINE = 100
"""Upper bound of the ``refine`` factor (candidates = k x factor)."""
EXACT_SUFFIX = ".exact.npy"
"""Sidecar next to a non-Flat index holding the exact float32 rows, memory-mapped by ``get``."""


def resolve_factory(factory: str, n: int) -> str:
    """The FAISS index-factory string a store of ``n`` vectors is built with (``auto`` resolved by size)."""
    if factory.strip().lower() == AUTO:
        if n <= AUTO_FLAT_MAX:
            return "Flat"
        return AUTO_ANN.format(nlist=auto_nlist(n))
    return factory.strip()


def auto_nlist(n: int) -> int:
    """Inverted lists of an ``auto`` IVF index over ``n`` vectors (FAISS and Milvus alike): 1024 up to 300 000
    vectors, 4096 above, at most one list per 39 vectors, at least one."""
    return max(1, min(4096 if n > 300_000 else 1024, n // 39))


def check_factory(factory: str) -> str:
    """Return the factory string (``auto`` normalised) or raise ValueError naming it and FAISS's complaint."""
    value = factory.strip()
    if value.lower() == AUTO:
        return AUTO
    if not value:
        raise ValueError("the FAISS factory string is empty; use e.g. 'Flat', 'HNSW32,SQ8', 'IVF4096,SQ8' or 'auto'")
    if "IDMap" in value:
        raise ValueError(f"FAISS factory {value!r}: IDMap is not supported (rows are addressed by position)")
    import faiss

    try:
        faiss.index_factory(VALIDATION_DIM, value, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as exc:
        reason = str(exc).strip().splitlines()[0]
        reason = reason.split("Error: ", 1)[-1]
        raise ValueError(f"FAISS factory {value!r} is not a valid index-factory string ({reason})") from None
    return value


def top_k(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best of (rows, scores), best first, equal scores as FAISS's exact search ranks them: the
    lowest rows make the cut, and they are listed from the highest row down. Every search of a FAISS store
    (exact, ANN, refined, and a segmented index's merge) follows it, so a result does not depend on the
    index type or on how the rows are split into segments."""
    ids, scores = np.asarray(ids, dtype=np.int64), np.asarray(scores, dtype=np.float32)
    cut = np.lexsort((ids, -scores))[:k]
    ids, scores = ids[cut], scores[cut]
    order = np.lexsort((-ids, -scores))
    return ids[order], scores[order]


class FaissVectorIndex:
    """A FAISS index built from an index-factory string (``Flat`` = exact ``IndexFlatIP``, the default; ANN
    types such as ``HNSW32,SQ8`` or ``IVF4096,SQ8`` for large corpora; ``auto`` picks by size on the first
    ``add``). Types that need training are trained on the first ``add`` from a bounded sample drawn with a
    fixed seed. Search-time parameters (``ef_search`` for HNSW, ``nprobe`` for IVF) are applied whenever the
    index is made or loaded, so changing them needs no rebuild. So is ``refine`` (0 = off): a non-Flat type
    then fetches ``k * refine`` candidates from the quantised index and returns the best ``k`` of them re-scored
    exactly against the float rows of the sidecar (exact scores, and recall limited only by the candidate list).

    ``get`` must be exact (the answerer re-scores sentences with stored vectors), but quantised types do not
    keep exact vectors; for every type but Flat, ``save`` writes the float32 rows to a sidecar
    (``<file>.exact.npy``) that ``load`` memory-maps, so they cost disk and page cache, not resident memory."""

    file_suffix = ".faiss"

    def __init__(self, dim: int, factory: str = "Flat", ef_search: int | None = None,
                 nprobe: int | None = None, refine: int = 0) -> None:
        self.dim = dim
        self.factory = check_factory(factory)
        self.ef_search, self.nprobe = ef_search, nprobe
        self.refine = check_refine(refine)
        self._index: Any = None
        self._resolved: str | None = None
        self._exact: np.ndarray | None = None  # loaded sidecar (memory-mapped), non-Flat types only
        self._added: list[np.ndarray] = []  # rows added since creation or load, non-Flat types only
        if self.factory != AUTO:
            self._create(self.factory)

    @classmethod
    def kind_for(cls, n: int, factory: str = "Flat", **_: Any) -> str:
        """The ``kind`` a store of ``n`` vectors made with these options has (recorded in the manifest)."""
        return f"faiss-ip/{resolve_factory(factory, n)}"

    @property
    def kind(self) -> str:
        return f"faiss-ip/{self._resolved or resolve_factory(self.factory, 0)}"

    segmentable = True
    """An incremental ingest may add a segment of this store type beside the current build's (see
    :mod:`ragqa.index.segments`): its files are written once and never changed in place."""

    @property
    def needs_training(self) -> bool:
        """Whether ``add`` would train this (empty) store first: a small segment copies a trained store instead."""
        return self._index is not None and not self._index.is_trained

    @property
    def exact_rows_in_index(self) -> bool:
        import faiss

        return self._index is None or isinstance(faiss.downcast_index(self._index), faiss.IndexFlat)

    def _create(self, resolved: str) -> None:
        import faiss

        try:
            self._index = faiss.index_factory(self.dim, resolved, faiss.METRIC_INNER_PRODUCT)
        except RuntimeError as exc:
            reason = str(exc).strip().splitlines()[0].split("Error: ", 1)[-1]
            raise ValueError(f"FAISS factory {resolved!r} cannot index {self.dim}-dimensional vectors ({reason})") from None
        self._resolved = resolved
        self.configure(self.ef_search, self.nprobe)

    def configure(self, ef_search: int | None = None, nprobe: int | None = None, refine: int | None = None) -> None:
        """Set search-time parameters where the index type has them (others ignore them); ``refine`` None keeps
        the current factor."""
        import faiss

        self.ef_search, self.nprobe = ef_search, nprobe
        if refine is not None:
            self.refine = check_refine(refine)
        if self._index is None:
            return
        if ef_search is not None:
            for part in _parts(self._index):
                if hasattr(part, "hnsw"):
                    part.hnsw.efSearch = int(ef_search)
        if nprobe is not None:
            try:
                ivf = faiss.extract_index_ivf(self._index)
            except RuntimeError:
                ivf = None
            if ivf is not None:
                ivf.nprobe = int(nprobe)

    def _train(self, vectors: np.ndarray) -> None:
        n = len(vectors)
        if n > TRAIN_MAX:
            rows = np.sort(np.random.default_rng(TRAIN_SEED).choice(n, TRAIN_MAX, replace=False))
            sample = np.ascontiguousarray(vectors[rows])
        else:
            sample = vectors
        try:
            self._index.train(sample)
        except RuntimeError as exc:
            reason = str(exc).strip().splitlines()[0].split("Error: ", 1)[-1]
            raise ValueError(f"FAISS index {self._resolved!r} could not be trained on {len(sample)} vectors ({reason})"
                             ) from None

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        if not len(vectors):
            return
        if self._index is None:  # auto: the first batch decides the type
            self._create(resolve_factory(self.factory, len(vectors)))
        if not self._index.is_trained:
            self._train(vectors)
        self._index.add(vectors)
        if not self.exact_rows_in_index:
            self._added.append(vectors)

    def updated(self, tail: np.ndarray, keep: int = 0) -> FaissVectorIndex:
        """A store of the same type holding this store's first ``keep`` rows, then ``tail`` (an incremental
        build: ``tail`` holds rows of unchanged chunks read back with ``get`` and new ones). Types that train
        (IVF quantizers, SQ ranges, PQ codebooks) keep this store's training instead of training again;
        the rows are added anew in their new positions (FAISS ids are positions; an HNSW graph, which
        cannot drop nodes, is rebuilt from the exact rows, nothing is re-embedded)."""
        import faiss

        vectors = np.vstack([self.get(np.arange(keep)), np.asarray(tail, dtype=np.float32).reshape(-1, self.dim)])

        fresh = FaissVectorIndex(self.dim, self._resolved or self.factory, self.ef_search, self.nprobe)
        fresh.factory = self.factory
        if self._index is not None and fresh._index is not None and not fresh._index.is_trained \
                and self._index.is_trained:
            fresh._index = faiss.clone_index(self._index)
            fresh._index.reset()
            fresh.configure(self.ef_search, self.nprobe)
        fresh.add(vectors)
        return fresh

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        n = len(self)
        k = min(int(k), n)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        if self.refine and not self.exact_rows_in_index:
            return self._search_refined(q, k)
        # Fetch past the k-th score's ties, so that which of them make the cut is decided by top_k's rule
        # (the rule FAISS's exact search follows by itself), whatever the index type.
        want = min(n, 2 * k)
        while True:
            scores, ids = self._index.search(q, want)
            keep = ids[0] >= 0
            ids, scores = ids[0][keep].astype(np.int64), scores[0][keep]
            if want >= n or len(scores) <= k or scores[-1] < scores[k - 1]:
                break
            want = min(n, 2 * want)
        return top_k(ids, scores, k)

    def _search_refined(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The quantised index proposes ``k * refine`` rows; their exact float rows decide the top ``k``
        (ties by row, like the exact search)."""
        _, ids = self._index.search(q, min(k * self.refine, len(self)))
        ids = ids[0][ids[0] >= 0].astype(np.int64)
        ids.sort()  # ascending rows: forward reads of the sidecar
        return top_k(ids, self.get(ids) @ q[0], k)

    def __len__(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    @staticmethod
    def set_search_threads(n: int) -> None:
        """FAISS's OpenMP thread count for searches (process-wide)."""
        import faiss

        faiss.omp_set_num_threads(int(n))

    def get(self, rows: np.ndarray) -> np.ndarray:
        """Stored vectors of the given rows, exactly as added."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.exact_rows_in_index:
            if not hasattr(self, "_matrix") or self._matrix.shape[0] != len(self):
                self._matrix = self._index.reconstruct_n(0, len(self))
            return self._matrix[rows]
        if self._added:  # rows added after load: fold them in (in memory) once
            parts = ([] if self._exact is None else [np.asarray(self._exact)]) + self._added
            self._exact, self._added = np.vstack(parts), []
        if isinstance(self._exact, np.memmap) and getattr(self, "_exact_fd", None) is not None \
                and len(rows) <= PREAD_MAX_ROWS:
            return _read_rows(self._exact, self._exact_fd, rows)
        return np.asarray(self._exact[rows], dtype=np.float32)

    def save(self, path: Path) -> None:
        import faiss

        index = self._index if self._index is not None else faiss.IndexFlatIP(self.dim)
        faiss.write_index(index, str(path))
        if not self.exact_rows_in_index:
            rows = self.get(np.arange(len(self)))
            with open(_exact_path(path), "wb") as fh:
                np.save(fh, rows, allow_pickle=False)

    @classmethod
    def load(cls, path: Path, dim: int, factory: str = "Flat", ef_search: int | None = None,
             nprobe: int | None = None, refine: int = 0) -> FaissVectorIndex:
        """Read an index and apply the search parameters. ``factory`` is the setting it is loaded under; the
        manifest check (not this method) refuses an index built with another type."""
        import faiss

        index = faiss.read_index(str(path))
        if index.d != dim:
            raise ValueError(f"{path.name} holds {index.d}-dimensional vectors, expected {dim}")
        resolved = resolve_factory(check_factory(factory), int(index.ntotal))
        wanted = faiss.index_factory(dim, resolved, faiss.METRIC_INNER_PRODUCT)
        if _structure(index) != _structure(wanted) or index.metric_type != faiss.METRIC_INNER_PRODUCT:
            raise ValueError(f"{path.name} is not a {resolved!r} inner-product index (it holds {_describe(index)})")
        obj = cls.__new__(cls)
        obj.dim = dim
        obj.factory = check_factory(factory)
        obj._index, obj._added = index, []
        obj._resolved = resolved
        obj._exact = None
        obj.refine = check_refine(refine)
        if not obj.exact_rows_in_index:
            exact = np.load(_exact_path(path), mmap_mode="r", allow_pickle=False)
            if exact.shape != (index.ntotal, dim):
                raise ValueError(f"{_exact_path(path).name} holds {exact.shape}, expected ({index.ntotal}, {dim})")
            obj._exact = exact
            obj._exact_fd = os.open(_exact_path(path), os.O_RDONLY)  # held: the rows stay readable if the
            weakref.finalize(obj, os.close, obj._exact_fd)  # build directory is removed while still served
        obj.configure(ef_search, nprobe)
        return obj


def _read_rows(exact: np.memmap, fd: int, rows: np.ndarray) -> np.ndarray:
    """Rows of the memory-mapped sidecar read with ``pread`` instead of through the mapping: a page touched
    through a file mapping stays in the process's resident set, and the kernel maps whole page-cache folios
    (measured: 7 520 rows made the whole 1.5 GB sidecar of 10^6 rows resident), while read pages stay in the
    shared, reclaimable page cache only. About 1.3 us per row (10^6-row sidecar, warm cache)."""
    n, width = exact.shape[0], exact.shape[1] * exact.dtype.itemsize
    if rows.min() < -n or rows.max() >= n:
        raise IndexError(f"rows out of range 0..{n - 1}")
    rows = np.where(rows < 0, rows + n, rows)
    buf = bytearray(b"".join(os.pread(fd, width, exact.offset + int(r) * width) for r in rows))
    return np.frombuffer(buf, dtype=exact.dtype).reshape(len(rows), exact.shape[1]).astype(np.float32, copy=False)


def check_refine(refine: int) -> int:
    if isinstance(refine, bool) or not isinstance(refine, (int, np.integer)) or not 0 <= int(refine) <= MAX_REFINE:
        raise ValueError(f"refine factor {refine!r} must be an integer from 0 (off) to {MAX_REFINE}")
    return int(refine)


def _exact_path(path: Path) -> Path:
    return path.with_name(path.name + EXACT_SUFFIX)


def _structure(index: Any) -> list[tuple[Any, ...]]:
    """What identifies an index's type: its classes and their sizes (lists, graph degree, code size)."""
    out = []
    for part in _parts(index):
        item: list[Any] = [type(part).__name__.removesuffix("IP").removesuffix("L2")]  # IndexFlatIP = IndexFlat
        if hasattr(part, "nlist"):
            item.append(int(part.nlist))
        if hasattr(part, "hnsw"):
            item.append(int(part.hnsw.nb_neighbors(1)))
        item.append(int(getattr(part, "code_size", 0) or 0))
        out.append(tuple(item))
    return out


def _describe(index: Any) -> str:
    return " > ".join("/".join(str(x) for x in item) for item in _structure(index))


def _parts(index: Any) -> list[Any]:
    """The index and the indexes it wraps (pre-transforms, refinement, IVF quantizers), downcast."""
    import faiss

    out, todo = [], [index]
    while todo:
        ix = faiss.downcast_index(todo.pop())
        out.append(ix)
        for attr in ("index", "base_index", "quantizer", "storage"):
            sub = getattr(ix, attr, None)
            if sub is not None and isinstance(sub, faiss.Index):
                todo.append(sub)
    return out


class NumpyVectorIndex:
    """Brute-force numpy matrix; no native dependency, used as a reference in the contract tests."""

    kind = "numpy-flat-ip"
    file_suffix = ".npy"
    segmentable = True
    needs_training = False

    @classmethod
    def kind_for(cls, n: int, **_: Any) -> str:
        return cls.kind

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._m = np.zeros((0, dim), dtype=np.float32)

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        self._m = np.vstack([self._m, vectors])

    def updated(self, tail: np.ndarray, keep: int = 0) -> NumpyVectorIndex:
        """This store's first ``keep`` rows, then ``tail`` (see :meth:`FaissVectorIndex.updated`)."""
        fresh = NumpyVectorIndex(self.dim)
        fresh.add(np.vstack([self._m[:keep], np.asarray(tail, dtype=np.float32).reshape(-1, self.dim)]))
        return fresh

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(int(k), len(self))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = self._m @ np.asarray(query, dtype=np.float32).reshape(-1)
        top = np.argsort(-scores, kind="stable")[:k]
        return top.astype(np.int64), scores[top]

    def __len__(self) -> int:
        return int(self._m.shape[0])

    @staticmethod
    def set_search_threads(n: int) -> None:
        """numpy's matrix product has no per-search thread setting; nothing to do."""

    def get(self, rows: np.ndarray) -> np.ndarray:
        return self._m[np.asarray(rows, dtype=np.int64)]

    def save(self, path: Path) -> None:
        with open(path, "wb") as fh:
            np.save(fh, self._m, allow_pickle=False)

    @classmethod
    def load(cls, path: Path, dim: int) -> NumpyVectorIndex:
        m = np.load(path, allow_pickle=False)
        if m.ndim != 2 or m.shape[1] != dim:
            raise ValueError(f"{path.name} holds vectors of shape {m.shape}, expected (n, {dim})")
        obj = cls(dim)
        obj._m = m.astype(np.float32)
        return obj
