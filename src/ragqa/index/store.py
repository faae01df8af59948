"""On-disk layout of one index build, its manifest, and loading with integrity and compatibility checks.

Layout of ``<index dir>``::

    current -> builds/<build id>   (symlink, swapped atomically)
    builds/<build id>/manifest.json, documents.jsonl, chunks.jsonl, chunk_vectors.*, sentence_vectors.*
                      (ANN types: + *.exact.npy, the exact rows),
                      sentence_tokens.json, chunk_tokens.json, duplicate_chunks.jsonl, keyword/
                      (documents.jsonl rows also hold each file's sha256 and per-document stats: what an
                      incremental build compares and carries over)
    builds/<build id>/segments/<segment id>/...   a segmented build (manifest "layout": "segments"): the files
                      above per segment, hard links shared with earlier builds (see :mod:`ragqa.index.segments`)
    builds/<build id>/.leases/<pid>  (held by each process serving the build; see :mod:`ragqa.index.lease`)
    cache/embeddings.sqlite        (content-addressed embedding cache, survives rebuilds)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ragqa.errors import IndexCorrupt, IndexMismatch, IndexNotReady
from ragqa.index.lease import LEASES
from ragqa.interfaces import KeywordStore, VectorStore
from ragqa.text.layout import REFERENCE_ENTRY_MAX, is_contents, is_heading, is_references_heading
from ragqa.text.numbers import number_values
from ragqa.types import Chunk, Document

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CURRENT = "current"
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
"""A number as written in text (``384``, ``1,200``, ``8.2``)."""
_YEAR_MONTH = re.compile(r"(?<![\d.,])((?:19|20)\d{2})\.(1[0-2]|0?[1-9])(?![\d,])")


def numbers_written(text: str) -> set[str]:
    """The numbers ``text`` writes (:data:`NUMBER`); a date written year.month ("2023.7.", as in a table of
    policies) writes its year and its month too, as a question writes them ("2023년 7월")."""
    return set(NUMBER.findall(text)) | {n for m in _YEAR_MONTH.finditer(text)
                                        for n in (m.group(1), m.group(2).lstrip("0"))}


REBUILD_HINT = "Rebuild it with `ragqa ingest` (or start `ragqa serve`, which rebuilds a stale index)."


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_files(root: Path) -> list[str]:
    """A build's files, relative to it: everything but the manifest and the leases of serving processes."""
    out = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if p.is_file() and p.name != MANIFEST and rel.parts[0] != LEASES:
            out.append(rel.as_posix())
    return out


def checksum_tree(root: Path, rels: list[str] | None = None) -> dict[str, str]:
    """Checksums of a build's files (all of them, or ``rels``)."""
    return {rel: sha256_file(root / rel) for rel in (build_files(root) if rels is None else rels)}


def file_stats(root: Path, rels: list[str] | dict[str, Any]) -> dict[str, list[int]]:
    """(size, mtime in ns, inode) of a build's files: unchanged for a file that was neither written nor
    replaced since, including through a hard link from a later build (see :func:`verify_files`)."""
    out = {}
    for rel in rels:
        st = os.stat(root / rel)
        out[rel] = [st.st_size, st.st_mtime_ns, st.st_ino]
    return out


def verify_files(build_dir: Path, manifest: dict[str, Any], trust_stats: bool = False) -> None:
    """Raise IndexCorrupt naming the files that changed, appeared or vanished since the build.

    ``trust_stats``: a file whose size, mtime and inode are still those the manifest recorded is taken as
    unchanged without hashing it (what an incremental ingest does: at 10^5 chunks hashing the build costs
    seconds, and a writer cannot change a file without changing its mtime or, by replacing it, its inode).
    Serving processes hash everything."""
    recorded = manifest.get("files") or {}
    stats = (manifest.get("file_stats") or {}) if trust_stats else {}
    actual = {}
    for rel in build_files(build_dir):
        if rel in stats and rel in recorded and file_stats(build_dir, [rel])[rel] == stats[rel]:
            actual[rel] = recorded[rel]
        else:
            actual[rel] = sha256_file(build_dir / rel)
    if actual != recorded:
        names = sorted({k for k, _ in set(actual.items()) ^ set(recorded.items())})
        raise IndexCorrupt(f"index files changed or missing since build: {names}. {REBUILD_HINT}")


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True)
class IndexBackends:
    """The store classes an index is written and read with, and the vector store's options (both chosen by
    :mod:`ragqa.wiring`). The kinds the stores report are recorded in the manifest, and an index written by
    other stores, or by the same store with another type, is refused."""

    vector: type[VectorStore]
    keyword: type[KeywordStore]
    vector_options: dict[str, Any] = field(default_factory=dict)

    def new_vector(self, dim: int) -> VectorStore:
        return self.vector(dim, **self.vector_options)

    def load_vector(self, path: Path, dim: int) -> VectorStore:
        return self.vector.load(path, dim, **self.vector_options)

    def kind_loader(self, dim: int) -> Callable[[Path, str], VectorStore]:
        """``(path, kind) -> store``: loads a store as the type it was built with (see :func:`options_for`)."""
        return lambda path, kind: self.vector.load(path, dim, **options_for(kind, self))

    def vector_kinds(self, counts: dict[str, Any]) -> dict[str, str]:
        """The kind of each vector store these settings make for an index of these sizes (``auto`` depends on them)."""
        return {
            name: self.vector.kind_for(int(counts.get(what) or 0), **self.vector_options)
            for name, what in VECTOR_FILES.items()
        }


VECTOR_FILES = {"chunk_vectors": "chunks", "sentence_vectors": "sentences"}
"""Each vector store of a build and the manifest count of the rows it holds."""

COMPAT_KEYS = ("format", "embedding", "chunking", "processing", "tokenizer", "vector_index", "keyword_index")


def compat_view(manifest: dict[str, Any]) -> dict[str, Any]:
    """The parts of a manifest that must match the running settings for the index to be usable."""
    return {key: manifest.get(key) for key in COMPAT_KEYS}


def wanted_compat(expected: dict[str, Any], backends: IndexBackends, manifest: dict[str, Any]) -> dict[str, Any]:
    """What the running settings want of this index: ``expected`` (settings, embedder, tokenizer, stores) plus
    the vector type each store would have at the sizes the manifest records."""
    return {**expected, "vector_index": backends.vector_kinds(manifest.get("counts") or {})}


def options_for(kind: str, backends: IndexBackends) -> dict[str, Any]:
    """The options that load a store of ``kind`` (a FAISS store built with another factory string is read
    with that string, so its rows can still be reused, and a small segment holding a copy of a large
    store's trained type is read as that type)."""
    options = dict(backends.vector_options)
    if "factory" in options and kind.startswith("faiss-ip/"):
        options["factory"] = kind.split("/", 1)[1]
    return options


def describe_mismatch(built: dict[str, Any], wanted: dict[str, Any]) -> str:
    diffs = []
    for key in COMPAT_KEYS:
        if built.get(key) != wanted.get(key):
            has = "nothing recorded (an older ragqa built it)" if built.get(key) is None else repr(built.get(key))
            diffs.append(f"{key}: index has {has}, settings want {wanted.get(key)!r}")
    return "; ".join(diffs)


@dataclass
class LoadedIndex:
    """Everything retrieval and answering need, in memory."""

    path: Path
    manifest: dict[str, Any]
    documents: list[Document]
    chunks: list[Chunk]
    chunk_vectors: Any
    sentence_vectors: Any
    sentence_owner: np.ndarray  # (n_sentences, 2): chunk position, sentence number within that chunk
    sentence_tokens: list[list[str]]
    keyword: KeywordStore
    chunk_positions: dict[str, int] = field(default_factory=dict)
    first_sentence: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        self.chunk_positions = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        starts = np.zeros(len(self.chunks) + 1, dtype=np.int64)
        starts[1:] = np.cumsum([len(c.sentences) for c in self.chunks])
        self.first_sentence = starts

    @cached_property
    def numbers(self) -> frozenset[str]:
        """Every number written in the chunks (computed on first use, once per loaded index)."""
        return frozenset(n for c in self.chunks for n in numbers_written(c.text))

    @cached_property
    def number_values(self) -> frozenset[float]:
        """The value of every number written in the chunks (:func:`ragqa.text.numbers.number_values`: "7만" is
        70000), computed on first use, once per loaded index."""
        return frozenset(v for c in self.chunks for v in number_values(c.text))

    @cached_property
    def contents(self) -> frozenset[int]:
        """The positions of the chunks that are a table of contents (:func:`ragqa.text.layout.is_contents`),
        computed on first use, once per loaded index."""
        return frozenset(pos for pos, chunk in enumerate(self.chunks) if is_contents(chunk.text))

    @cached_property
    def headings(self) -> frozenset[int]:
        """The sentence rows that are headings of their document (:func:`ragqa.text.layout.is_heading`), not
        counting a table of contents' entries, computed on first use, once per loaded index."""
        texts = {d.doc_id: d.text for d in self.documents}
        rows: set[int] = set()
        for pos, chunk in enumerate(self.chunks):
            text = texts.get(chunk.doc_id)
            if text is None or pos in self.contents:
                continue
            for row, (a, b) in zip(self.sentence_rows(pos), chunk.sentences, strict=True):
                if is_heading(text, chunk.start + a, chunk.start + b):
                    rows.add(row)
        return frozenset(rows)

    @cached_property
    def reference_entries(self) -> frozenset[int]:
        """The sentence rows that are entries of a document's list of references: the lines after a references
        heading (:func:`ragqa.text.layout.is_references_heading`) in its document, up to the first longer than
        ``REFERENCE_ENTRY_MAX`` characters or the document's end (rows repeated by overlapping chunks included);
        computed on first use, once per loaded index."""
        lines: dict[str, list[tuple[int, int, str]]] = {}
        for pos, chunk in enumerate(self.chunks):
            for row, (a, b) in zip(self.sentence_rows(pos), chunk.sentences, strict=True):
                lines.setdefault(chunk.doc_id, []).append((chunk.start + a, row, chunk.text[a:b]))
        out: set[int] = set()
        for doc_lines in lines.values():
            doc_lines.sort()
            listing, last = False, -1
            for at, row, text in doc_lines:
                if is_references_heading(text):
                    listing, last = True, at
                elif listing and at > last and len(text) > REFERENCE_ENTRY_MAX:
                    listing = False
                elif listing and at >= last:
                    out.add(row)
                    last = at
        return frozenset(out)

    @cached_property
    def section_headings(self) -> dict[int, int]:
        """For each sentence row that is not a heading, the row of the nearest heading before it in its
        document (by position in the document, so a section that spans chunks keeps its heading); computed on
        first use, once per loaded index."""
        marks: dict[str, list[tuple[int, int]]] = {}
        for pos, chunk in enumerate(self.chunks):
            for row, (a, _) in zip(self.sentence_rows(pos), chunk.sentences, strict=True):
                if row in self.headings:
                    marks.setdefault(chunk.doc_id, []).append((chunk.start + a, row))
        for doc_marks in marks.values():
            doc_marks.sort()
        offsets = {doc: [at for at, _ in doc_marks] for doc, doc_marks in marks.items()}
        out: dict[int, int] = {}
        for pos, chunk in enumerate(self.chunks):
            doc_marks = marks.get(chunk.doc_id)
            if not doc_marks:
                continue
            for row, (a, _) in zip(self.sentence_rows(pos), chunk.sentences, strict=True):
                i = bisect_left(offsets[chunk.doc_id], chunk.start + a)
                if i and row not in self.headings:
                    out[row] = doc_marks[i - 1][1]
        return out

    def sentence_rows(self, chunk_pos: int) -> range:
        return range(int(self.first_sentence[chunk_pos]), int(self.first_sentence[chunk_pos + 1]))

    @cached_property
    def token_rows(self) -> dict[str, tuple[int, ...]]:
        """For each token, the sentence rows that hold it (rows repeated by overlapping chunks included), computed
        on first use, once per loaded index."""
        rows: dict[str, list[int]] = {}
        for row, tokens in enumerate(self.sentence_tokens):
            for token in dict.fromkeys(tokens):
                rows.setdefault(token, []).append(row)
        return {token: tuple(found) for token, found in rows.items()}

    def sentence_text(self, row: int) -> str:
        """The text of the sentence at ``row``."""
        pos, number = (int(x) for x in self.sentence_owner[row])
        chunk = self.chunks[pos]
        start, end = chunk.sentences[number]
        return chunk.text[start:end]


def resolve_current(index_dir: Path) -> Path:
    link = index_dir / CURRENT
    if not link.exists():
        raise IndexNotReady(f"no index found at {index_dir}/ . Build it with `ragqa ingest`.")
    return link.resolve()


def read_manifest(build_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(f"index manifest at {build_dir} is unreadable ({exc}). {REBUILD_HINT}") from None


def load_index(index_dir: Path, expected: dict[str, Any], backends: IndexBackends, verify: bool = True) -> LoadedIndex:
    """Load the current build; refuse a corrupt one or one built with other settings."""
    return load_build(resolve_current(index_dir), expected, backends, verify)


def load_build(build_dir: Path, expected: dict[str, Any], backends: IndexBackends, verify: bool = True) -> LoadedIndex:
    """Load one build directory (``current`` resolved by the caller, who may hold a lease on it)."""
    manifest = read_manifest(build_dir)
    built, wanted = compat_view(manifest), wanted_compat(expected, backends, manifest)
    if built != wanted:
        raise IndexMismatch(
            f"the index at {build_dir.parent.parent}/ was built with different settings "
            f"({describe_mismatch(built, wanted)}). " + REBUILD_HINT
        )
    if verify:
        verify_files(build_dir, manifest)
    try:
        dim = int(manifest["embedding"]["dim"])
        if manifest.get("layout") == "segments":
            from ragqa.index.segments import open_segments

            opened = open_segments(build_dir, manifest, backends.kind_loader(dim))
            documents = [Document(**row) for row in opened.documents]
            chunks, sentence_tokens = opened.chunks, opened.sentence_tokens
            chunk_vectors, sentence_vectors = opened.chunk_vectors, opened.sentence_vectors
            keyword = backends.keyword().build(opened.chunk_tokens)
        else:
            documents = [Document(**row) for row in read_jsonl(build_dir / "documents.jsonl")]
            chunks = [Chunk(**row) for row in read_jsonl(build_dir / "chunks.jsonl")]
            chunk_vectors = backends.load_vector(build_dir / manifest["files_map"]["chunk_vectors"], dim)
            sentence_vectors = backends.load_vector(build_dir / manifest["files_map"]["sentence_vectors"], dim)
            sentence_tokens = json.loads((build_dir / "sentence_tokens.json").read_text(encoding="utf-8"))
            keyword = backends.keyword.load(build_dir / "keyword")
    except (OSError, KeyError, ValueError, RuntimeError, TypeError) as exc:
        raise IndexCorrupt(f"index at {build_dir} could not be loaded ({exc}). {REBUILD_HINT}") from None
    owner = np.array([(ci, si) for ci, c in enumerate(chunks) for si in range(len(c.sentences))], dtype=np.int64)
    owner = owner.reshape(-1, 2)
    if len(chunk_vectors) != len(chunks) or len(sentence_vectors) != len(owner) or len(sentence_tokens) != len(owner):
        raise IndexCorrupt(f"index at {build_dir} is inconsistent (row counts differ). {REBUILD_HINT}")
    return LoadedIndex(
        path=build_dir,
        manifest=manifest,
        documents=documents,
        chunks=chunks,
        chunk_vectors=chunk_vectors,
        sentence_vectors=sentence_vectors,
        sentence_owner=owner,
        sentence_tokens=sentence_tokens,
        keyword=keyword,
    )


def swap_current(index_dir: Path, build_dir: Path) -> None:
    """Point ``current`` at ``build_dir`` atomically (rename of a symlink over the old one)."""
    tmp = index_dir / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build_dir, index_dir), tmp)
    os.replace(tmp, index_dir / CURRENT)
    fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
