"""Vector stores implementing :class:`ragqa.interfaces.VectorStore` (inner product over unit vectors = cosine).

One class per backend; :mod:`ragqa.wiring` chooses one from settings."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class FaissVectorIndex:
    """faiss ``IndexFlatIP``: exact search, fast enough for hundreds of thousands of chunks on a CPU."""

    kind = "faiss-flat-ip"
    file_suffix = ".faiss"

    def __init__(self, dim: int) -> None:
        import faiss

        self.dim = dim
        self._index = faiss.IndexFlatIP(dim)

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        if len(vectors):
            self._index.add(vectors)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        n = len(self)
        k = min(int(k), n)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        scores, ids = self._index.search(q, k)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @staticmethod
    def set_search_threads(n: int) -> None:
        """FAISS's OpenMP thread count for searches (process-wide)."""
        import faiss

        faiss.omp_set_num_threads(int(n))

    def get(self, rows: np.ndarray) -> np.ndarray:
        """Stored vectors of the given rows (flat indexes keep them exactly)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if not hasattr(self, "_matrix") or self._matrix.shape[0] != len(self):
            self._matrix = self._index.reconstruct_n(0, len(self)) if len(self) else np.zeros((0, self.dim), np.float32)
        return self._matrix[rows]

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, dim: int) -> FaissVectorIndex:
        import faiss

        index = faiss.read_index(str(path))
        if index.d != dim:
            raise ValueError(f"{path.name} holds {index.d}-dimensional vectors, expected {dim}")
        obj = cls.__new__(cls)
        obj.dim = dim
        obj._index = index
        return obj


class NumpyVectorIndex:
    """Brute-force numpy matrix; no native dependency, used as a reference in the contract tests."""

    kind = "numpy-flat-ip"
    file_suffix = ".npy"

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._m = np.zeros((0, dim), dtype=np.float32)

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        self._m = np.vstack([self._m, vectors])

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
