"""Milvus implementations of :class:`ragqa.interfaces.VectorStore` and :class:`ragqa.interfaces.KeywordStore`.

Selected with ``RAGQA_INDEX__BACKEND=milvus`` (see :func:`ragqa.wiring.make_index_backends`). Retrieval and
answering do not change: the hybrid retriever calls ``search`` on these stores exactly as on FAISS/bm25s
and fuses the three rankings itself (weighted RRF in ragqa).

Where the data lives:

* **Milvus Lite** (``RAGQA_INDEX__MILVUS_URI`` unset, the default): every store is one Milvus Lite file
  inside the build directory (``chunk_vectors.db``, ``sentence_vectors.db``, ``keyword/keywords.db``), so
  the atomic ``current`` swap, checksums and the manifest's compatibility refusal work as for FAISS.
  Milvus Lite is the real C++ Milvus core run as a child process (``milvus_lite``), one process per
  open file, and it refuses a file another process has open; so a process never opens a build's file
  itself but a private copy of it (read-only use; the build's file stays as written and checksummed).
* **Milvus server** (``RAGQA_INDEX__MILVUS_URI=http://host:19530``): each store is a collection on the
  server named ``<prefix>_<random id>``; the build directory holds a small JSON file pointing to it.

Incremental ingest (``updated``): rows are keyed by their position in the build, and an incremental build
keeps a full build's layout, so the rows from the first changed chunk on are deleted and the rest
inserted (vectors read back from the collection, never re-embedded; tokens from the build's files, never
re-tokenised); rows before it stay. With Milvus Lite this happens in the private copy the build was loaded
into, which is then saved into the new build directory: a crash at any point leaves the served build's
file as it was (a ``kill -9`` leaves the copy in a ``ragqa-milvus-*`` temporary directory, as any killed
Lite process does). On a server the served collection is never changed: the new build gets new
collections, and a crash leaves an unreferenced collection behind, as a crashed full build does.

BM25: Milvus scores BM25 itself (a BM25 function over a VARCHAR field). Korean is indexed as Kiwi
morphemes joined by spaces and split again by the ``whitespace`` tokenizer, so Milvus sees exactly the
tokens the bm25s store sees. Document frequencies (``doc_freq``/``idf``, used to weigh question terms)
are kept by ragqa in ``keyword_meta.json`` next to the collection.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
import uuid
import weakref
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ragqa.index import vector
from ragqa.index.keyword import DocumentFrequencies
from ragqa.index.vector import AUTO, auto_nlist, check_refine

VECTOR_FIELD = "vec"
TEXT_FIELD = "text"
SPARSE_FIELD = "sparse"
COLLECTION = "rows"  # the one collection of a Milvus Lite file
TEXT_MAX_BYTES = 65535
INSERT_BATCH = 2000
LIMIT_MAX = 16384  # Milvus refuses a larger topk
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")
INDEX_TYPES = ("FLAT", "IVF_FLAT", "IVF_SQ8", "HNSW")
"""Vector index types the Milvus stores create (``auto`` picks FLAT or IVF_FLAT by size, as FAISS's ``auto``)."""
LITE_INDEX_TYPES = ("FLAT", "IVF_FLAT")
"""What Milvus Lite 2.5.1 accepts ("local mode only support FLAT IVF_FLAT AUTOINDEX"; AUTOINDEX is not offered:
its type is Milvus's choice, so the manifest could not name it)."""
QUANTISED = ("IVF_SQ8",)
"""Types whose search scores come from codes, not the float vectors (``refine`` makes them exact)."""
HNSW_BUILD = {"M": 16, "efConstruction": 200}
LEGACY_FLAT_KIND = "milvus-flat-ip"
"""The kind of a FLAT store (the only type before the index-type setting; builds made then stay valid)."""


def check_index_type(value: str) -> str:
    """``auto`` or one of :data:`INDEX_TYPES` (case-insensitive), normalised; else ValueError naming the value."""
    v = str(value).strip()
    if v.lower() == AUTO:
        return AUTO
    if v.upper() in INDEX_TYPES:
        return v.upper()
    raise ValueError(f"Milvus index type {value!r} is not one of auto, {', '.join(INDEX_TYPES)}")


def resolve_index(index: str, n: int, nlist: int = 0) -> tuple[str, dict[str, int]]:
    """The Milvus index type and build parameters of a store of ``n`` vectors: ``auto`` is FLAT up to
    :data:`ragqa.index.vector.AUTO_FLAT_MAX` vectors and IVF_FLAT above; IVF types get ``nlist`` lists
    (0: :func:`ragqa.index.vector.auto_nlist` of ``n``, as FAISS's ``auto``)."""
    kind = check_index_type(index)
    if kind == AUTO:
        kind = "FLAT" if n <= vector.AUTO_FLAT_MAX else "IVF_FLAT"
    if kind.startswith("IVF"):
        return kind, {"nlist": int(nlist) or auto_nlist(n)}
    if kind == "HNSW":
        return kind, dict(HNSW_BUILD)
    return kind, {}


def index_kind(index_type: str, params: dict[str, int]) -> str:
    """The ``kind`` recorded in the manifest: ``milvus-flat-ip``, or e.g. ``milvus-ip/IVF_FLAT,nlist=1024``."""
    if index_type == "FLAT":
        return LEGACY_FLAT_KIND
    return "milvus-ip/" + ",".join([index_type, *(f"{k}={v}" for k, v in sorted(params.items()))])


class _Location:
    """An open collection: a client plus what to release when the store goes away."""

    def __init__(self, uri: str, collection: str, token: str | None = None, lite_file: Path | None = None,
                 scratch_dir: Path | None = None) -> None:
        from pymilvus import MilvusClient

        self.uri, self.collection, self.lite_file, self.scratch_dir = uri, collection, lite_file, scratch_dir
        kwargs: dict[str, Any] = {"uri": uri}
        if token:
            kwargs["token"] = token
        try:
            self.client = MilvusClient(**kwargs)
        except Exception:
            self._release()
            raise
        self._lock = threading.Lock()

    @property
    def is_lite(self) -> bool:
        return self.lite_file is not None

    def close(self, keep_files: bool = False) -> None:
        """Disconnect and stop the Milvus Lite process (which completes its file); remove the private
        copy unless ``keep_files``."""
        with self._lock:
            try:
                self.client.close()
            finally:
                self._release(keep_files)

    def _release(self, keep_files: bool = False) -> None:
        if self.lite_file is not None:
            from milvus_lite.server_manager import server_manager_instance

            server_manager_instance.release_server(str(self.lite_file))
        if self.scratch_dir is not None and not keep_files:
            shutil.rmtree(self.scratch_dir, ignore_errors=True)


def _private_copy(path: Path) -> tuple[Path, Path]:
    """Copy a Milvus Lite file into a new temporary directory (Milvus Lite opens a file in one process
    only, and may write to it); returns (copy, its directory)."""
    scratch = Path(tempfile.mkdtemp(prefix="ragqa-milvus-"))
    copy = scratch / "store.db"
    shutil.copyfile(path, copy)
    return copy, scratch


def _new_lite() -> tuple[str, Path, Path]:
    scratch = Path(tempfile.mkdtemp(prefix="ragqa-milvus-"))
    db = scratch / "store.db"
    return str(db), db, scratch


class _MilvusStore:
    """What the vector and keyword stores share: where the collection lives, opening, saving, closing."""

    out_of_process = True
    """Searches run in a Milvus process (Lite: one per store), so the hybrid retriever overlaps them."""
    uri: ClassVar[str | None] = None  # None: Milvus Lite files; else a server URI
    token: ClassVar[str | None] = None
    prefix: ClassVar[str] = "ragqa"
    _loc: _Location | None

    @classmethod
    def configured(cls, uri: str | None, token: str | None = None, prefix: str = "ragqa") -> type:
        """A subclass bound to a server (``uri``) or to Milvus Lite (``uri=None``), as the settings say."""
        if not NAME.match(prefix):
            raise ValueError(f"collection prefix {prefix!r} is not a Milvus name (letters, digits, _)")
        return type(cls.__name__, (cls,), {"uri": uri, "token": token, "prefix": prefix})

    def _open_new(self) -> _Location:
        self._check_location()
        if self.uri is None:
            uri, db, scratch = _new_lite()
            loc = _Location(uri, COLLECTION, lite_file=db, scratch_dir=scratch)
        else:
            loc = _Location(self.uri, f"{self.prefix}_{uuid.uuid4().hex}", token=self.token)
        self._create(loc)
        self._track(loc)
        return loc

    def _track(self, loc: _Location) -> None:
        self._loc = loc
        self._finalizer = weakref.finalize(self, loc.close)

    def close(self) -> None:
        """Stop the Milvus Lite process (and remove the private copy); a server collection stays."""
        if getattr(self, "_finalizer", None) is not None:
            self._finalizer()

    def _create(self, loc: _Location) -> None:
        raise NotImplementedError

    def _check_location(self) -> None:
        """Raise ValueError before anything is created if this store cannot live where the settings put it."""

    def _save_to(self, path: Path) -> None:
        """Write the collection to ``path``: the Milvus Lite file itself, or a pointer to a server collection."""
        loc = self._loc
        assert loc is not None
        loc.client.flush(loc.collection)
        if not loc.is_lite:
            path.write_text(json.dumps({"milvus_uri": loc.uri, "collection": loc.collection}), encoding="utf-8")
            return
        # Milvus Lite writes its file completely once its process stops; copy it then and reopen.
        self._finalizer.detach()
        loc.close(keep_files=True)
        try:
            shutil.copyfile(loc.lite_file, path)
        finally:
            shutil.rmtree(loc.scratch_dir, ignore_errors=True)
        copy, scratch = _private_copy(path)
        self._track(_Location(str(copy), COLLECTION, lite_file=copy, scratch_dir=scratch))
        self._loc.client.load_collection(COLLECTION)

    @classmethod
    def _open_saved(cls, path: Path) -> _Location:
        head = path.read_bytes()[:1]
        if head == b"{":
            ref = json.loads(path.read_text(encoding="utf-8"))
            loc = _Location(ref["milvus_uri"], ref["collection"], token=cls.token)
        else:
            copy, scratch = _private_copy(path)
            loc = _Location(str(copy), COLLECTION, lite_file=copy, scratch_dir=scratch)
        try:
            if not loc.client.has_collection(loc.collection):
                raise ValueError(f"{path.name}: collection {loc.collection!r} not found at {loc.uri}")
            loc.client.load_collection(loc.collection)
        except BaseException:
            loc.close()
            raise
        return loc


class MilvusVectorStore(_MilvusStore):
    """Inner-product search in a Milvus collection; rows keep their insertion position as primary key.

    The index type is chosen by ``index`` (``RAGQA_INDEX__MILVUS_INDEX``): ``FLAT`` (exact), ``IVF_FLAT``,
    and on a server also ``IVF_SQ8`` and ``HNSW``; ``auto`` is FLAT up to 20 000 vectors and IVF_FLAT above,
    decided by the first ``add`` as FAISS's ``auto``. The type and its build parameters make the store's
    ``kind`` (recorded in the manifest; a build of another kind is refused). ``nprobe`` (IVF), ``ef_search``
    (HNSW) and ``refine`` are search-time parameters. ``refine`` (0 = off) fetches ``k * refine`` candidates
    with their float vectors and returns the best ``k`` re-scored exactly (ties by row).

    Milvus Lite 2.5.1 keeps every row in one growing segment and never builds the requested index: an
    ``IVF_FLAT`` collection there is searched through Milvus's interim index over that segment, with its own
    fixed parameters (``nlist``/``nprobe`` change nothing, its scores are exact; README "Scale")."""

    file_suffix = ".db"

    def __init__(self, dim: int, index: str = "FLAT", nlist: int = 0, nprobe: int | None = None,
                 ef_search: int | None = None, refine: int = 0, **_: Any) -> None:
        self.dim = int(dim)
        self.index = check_index_type(index)
        self.nlist = int(nlist)
        self.configure(nprobe, ef_search, refine)
        self._type: str | None = None  # resolved when the collection is made (first add) or loaded
        self._params: dict[str, int] = {}
        self._n = 0
        self._loc = None

    @classmethod
    def kind_for(cls, n: int, index: str = "FLAT", nlist: int = 0, **_: Any) -> str:
        """The ``kind`` a store of ``n`` vectors made with these options has (recorded in the manifest)."""
        return index_kind(*resolve_index(index, n, nlist))

    @property
    def kind(self) -> str:
        if self._type is None:
            return index_kind(*resolve_index(self.index, 0, self.nlist))
        return index_kind(self._type, self._params)

    def configure(self, nprobe: int | None = None, ef_search: int | None = None, refine: int | None = None) -> None:
        """Search-time parameters (types without them ignore them); ``refine`` None keeps the current factor."""
        self.nprobe, self.ef_search = nprobe, ef_search
        if refine is not None:
            self.refine = check_refine(refine)

    def _options(self) -> dict[str, Any]:
        return {"index": self.index, "nlist": self.nlist, "nprobe": self.nprobe, "ef_search": self.ef_search,
                "refine": self.refine}

    def _check_location(self) -> None:
        kind = self._type or resolve_index(self.index, 0, self.nlist)[0]
        if self.uri is None and kind not in LITE_INDEX_TYPES:
            raise ValueError(f"Milvus index type {kind!r} needs a Milvus server (RAGQA_INDEX__MILVUS_URI): "
                             f"Milvus Lite builds {' or '.join(LITE_INDEX_TYPES)} only")

    def _create(self, loc: _Location) -> None:
        from pymilvus import DataType

        c = loc.client
        schema = c.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field(VECTOR_FIELD, DataType.FLOAT_VECTOR, dim=self.dim)
        params = c.prepare_index_params()
        params.add_index(VECTOR_FIELD, index_type=self._type, metric_type="IP", params=dict(self._params))
        c.create_collection(loc.collection, schema=schema, index_params=params, consistency_level="Strong")

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        if not len(vectors):
            return
        if self._loc is None:  # auto: the first batch decides the type
            self._type, self._params = resolve_index(self.index, len(vectors), self.nlist)
        loc = self._loc or self._open_new()
        for start in range(0, len(vectors), INSERT_BATCH):
            part = vectors[start:start + INSERT_BATCH]
            rows = [{"id": self._n + start + i, VECTOR_FIELD: v.tolist()} for i, v in enumerate(part)]
            loc.client.insert(loc.collection, rows)
        self._n += len(vectors)

    def updated(self, tail: np.ndarray, keep: int = 0) -> MilvusVectorStore:
        """This store's first ``keep`` rows, then ``tail``: the rows from ``keep`` on are deleted and
        ``tail`` inserted, straight into the collection (rows are keyed by position, so a change re-inserts
        every row after the first changed one, with vectors read back, never re-embedded; the index type
        stays). Milvus Lite: this store is a private copy of the build's file (see :meth:`load`), so the
        served build is untouched until the new one is saved and swapped in. A server collection is shared
        by the builds that point to it, so there all rows go to a new collection of the same type (the
        served build keeps its own)."""
        tail = np.asarray(tail, dtype=np.float32).reshape(-1, self.dim)
        keep = min(int(keep), self._n)
        if self._loc is None or not self._loc.is_lite:
            fresh = type(self)(self.dim, **{**self._options(), "index": self._type or self.index,
                                            "nlist": self._params.get("nlist", self.nlist)})
            fresh.add(np.vstack([self.get(np.arange(keep)), tail]))
            return fresh
        if keep < self._n:
            self._loc.client.delete(self._loc.collection, filter=f"id >= {keep}")
        self._n = keep
        self.add(tail)
        return self

    def _search_params(self, limit: int) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self._type and self._type.startswith("IVF") and self.nprobe:
            params["nprobe"] = max(1, min(int(self.nprobe), int(self._params.get("nlist", self.nprobe))))
        if self._type == "HNSW" and self.ef_search:
            params["ef"] = max(int(self.ef_search), limit)  # Milvus wants ef >= limit
        return {"metric_type": "IP", "params": params}

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(int(k), self._n, LIMIT_MAX)
        if k <= 0 or self._loc is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        refine = bool(self.refine) and self._type != "FLAT"
        limit = min(k * self.refine, self._n, LIMIT_MAX) if refine else k
        res = self._loc.client.search(self._loc.collection, [q.tolist()], anns_field=VECTOR_FIELD, limit=limit,
                                      output_fields=[VECTOR_FIELD] if refine else [],
                                      search_params=self._search_params(limit))
        hits = res[0]
        ids = np.array([h["id"] for h in hits], dtype=np.int64)
        if not refine:
            return ids, np.array([h["distance"] for h in hits], dtype=np.float32)
        order = np.argsort(ids, kind="stable")  # ascending rows: the tie order of the exact search
        ids = ids[order]
        vectors = np.array([hits[i]["entity"][VECTOR_FIELD] for i in order], dtype=np.float32).reshape(-1, self.dim)
        scores = vectors @ q
        top = np.argsort(-scores, kind="stable")[:k]
        return ids[top], scores[top]

    def __len__(self) -> int:
        return self._n

    def get(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._loc is None or rows.min() < 0 or rows.max() >= self._n:
            raise IndexError(f"rows out of range 0..{self._n - 1}")
        wanted = sorted({int(r) for r in rows})
        got = self._loc.client.get(self._loc.collection, ids=wanted, output_fields=[VECTOR_FIELD])
        by_id = {int(g["id"]): g[VECTOR_FIELD] for g in got}
        return np.array([by_id[int(r)] for r in rows], dtype=np.float32)

    @staticmethod
    def set_search_threads(n: int) -> None:
        """Milvus runs searches on its own thread pool (configured on the server); nothing to do."""

    def save(self, path: Path) -> None:
        if self._loc is None:
            self._type, self._params = resolve_index(self.index, 0, self.nlist)
            self._open_new()
        self._save_to(Path(path))

    @classmethod
    def load(cls, path: Path, dim: int, index: str = "FLAT", nlist: int = 0, nprobe: int | None = None,
             ef_search: int | None = None, refine: int = 0, **_: Any) -> MilvusVectorStore:
        """Open a saved store. Its index type and build parameters are read from the collection (``kind``
        reports them); the manifest check, not this method, refuses a build whose kinds differ from what the
        settings want, and an incremental build reads a store of another kind to reuse its rows."""
        loc = cls._open_saved(Path(path))
        try:
            desc = loc.client.describe_collection(loc.collection)
            stored = next(int(f["params"]["dim"]) for f in desc["fields"] if f["name"] == VECTOR_FIELD)
            if stored != dim:
                raise ValueError(f"{Path(path).name} holds {stored}-dimensional vectors, expected {dim}")
            n = int(loc.client.query(loc.collection, filter="", output_fields=["count(*)"])[0]["count(*)"])
            found = loc.client.describe_index(loc.collection, VECTOR_FIELD) or {}
            index_type = str(found.get("index_type", ""))
            if index_type not in INDEX_TYPES:
                raise ValueError(f"{Path(path).name}: the vector field has index {index_type or 'none'!r}, "
                                 f"expected one of {', '.join(INDEX_TYPES)}")
            keys = {"IVF_FLAT": ("nlist",), "IVF_SQ8": ("nlist",), "HNSW": tuple(HNSW_BUILD)}.get(index_type, ())
            params = {key: int(found[key]) for key in keys}
        except BaseException:
            loc.close()
            raise
        obj = cls(dim, index=index, nlist=nlist, nprobe=nprobe, ef_search=ef_search, refine=refine)
        obj._type, obj._params = index_type, params
        obj._n = n
        obj._track(loc)
        return obj


class MilvusKeywordStore(_MilvusStore, DocumentFrequencies):
    """BM25 scored by Milvus (Lucene's formula, k1=1.2, b=0.75) over Kiwi morphemes.

    ``save(dir)`` writes ``dir/keywords.db`` (or a pointer to a server collection) and ``dir/keyword_meta.json``.
    """

    kind = "milvus-bm25"

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._df: Counter[str] = Counter()
        self._n = 0
        self._loc = None

    def _create(self, loc: _Location) -> None:
        from pymilvus import DataType, Function, FunctionType

        c = loc.client
        schema = c.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field(TEXT_FIELD, DataType.VARCHAR, max_length=TEXT_MAX_BYTES, enable_analyzer=True,
                         analyzer_params={"tokenizer": "whitespace"})
        schema.add_field(SPARSE_FIELD, DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                     input_field_names=[TEXT_FIELD], output_field_names=[SPARSE_FIELD]))
        params = c.prepare_index_params()
        params.add_index(SPARSE_FIELD, index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params={"bm25_k1": self.k1, "bm25_b": self.b})
        c.create_collection(loc.collection, schema=schema, index_params=params, consistency_level="Strong")

    @staticmethod
    def _text(tokens: list[str]) -> str:
        # Tokens never hold whitespace (Kiwi morphemes); drop any that would and stay within the field size.
        text = " ".join(t for t in tokens if t and not any(ch.isspace() for ch in t))
        return text.encode("utf-8")[:TEXT_MAX_BYTES].decode("utf-8", "ignore")

    def build(self, corpus_tokens: list[list[str]]) -> MilvusKeywordStore:
        self._count(corpus_tokens)
        self._open_new()
        self._insert(corpus_tokens, 0)
        return self

    updates_saved = True
    """An incremental build loads the current build's store and calls :meth:`updated` on it."""

    def updated(self, corpus_tokens: list[list[str]], keep: int = 0) -> MilvusKeywordStore:
        """Delete the rows from ``keep`` on and insert the rest of ``corpus_tokens`` (see
        :meth:`MilvusVectorStore.updated`); Milvus keeps its BM25 statistics, ragqa recounts the document
        frequencies."""
        if self._loc is None or not self._loc.is_lite:
            return type(self)(self.k1, self.b).build(corpus_tokens)
        keep = min(int(keep), self._n, len(corpus_tokens))
        if keep < self._n:
            self._loc.client.delete(self._loc.collection, filter=f"id >= {keep}")
        self._insert(corpus_tokens, keep)
        self._count(corpus_tokens)
        return self

    def _insert(self, corpus_tokens: list[list[str]], start: int) -> None:
        loc = self._loc
        assert loc is not None
        for first in range(start, len(corpus_tokens), INSERT_BATCH):
            part = corpus_tokens[first:first + INSERT_BATCH]
            loc.client.insert(loc.collection, [{"id": first + i, TEXT_FIELD: self._text(t)} for i, t in enumerate(part)])

    def search(self, tokens: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        known = [t for t in tokens if t in self._df]
        k = min(int(k), self._n, LIMIT_MAX)
        if self._loc is None or not known or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        res = self._loc.client.search(self._loc.collection, [self._text(known)], anns_field=SPARSE_FIELD, limit=k,
                                      search_params={"metric_type": "BM25"})
        hits = [h for h in res[0] if h["distance"] > 0]
        return (np.array([h["id"] for h in hits], dtype=np.int64),
                np.array([h["distance"] for h in hits], dtype=np.float32))

    def save(self, path: Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        meta = {"k1": self.k1, "b": self.b, "n": self._n, "df": dict(self._df)}
        (path / "keyword_meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        if self._loc is None:
            self._open_new()
        self._save_to(path / "keywords.db")

    @classmethod
    def load(cls, path: Path) -> MilvusKeywordStore:
        path = Path(path)
        meta = json.loads((path / "keyword_meta.json").read_text(encoding="utf-8"))
        obj = cls(k1=meta["k1"], b=meta["b"])
        obj._n = int(meta["n"])
        obj._df = Counter(meta["df"])
        obj._track(cls._open_saved(path / "keywords.db"))
        return obj
