"""BM25 keyword index over pre-tokenised text, wrapping bm25s.

Wrapped by hand because llama-index's BM25Retriever ignores a custom tokenizer once it has built its
own (it re-tokenises with its English stemmer), which makes Korean keyword search useless. bm25s takes
token lists directly, so Kiwi's morphemes are what gets indexed and queried.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np


class DocumentFrequencies:
    """Document frequencies and Lucene idf over the indexed token lists: what every keyword store reports
    beside its search (the extractive answerer weighs question terms with ``idf``)."""

    _n: int = 0
    _df: Counter[str]

    def _count(self, corpus_tokens: list[list[str]]) -> None:
        self._n = len(corpus_tokens)
        self._df = Counter(t for toks in corpus_tokens for t in set(toks))

    @property
    def n_docs(self) -> int:
        return self._n

    def doc_freq(self, token: str) -> int:
        return self._df.get(token, 0)

    def idf(self, token: str) -> float:
        """Lucene BM25 idf, also used by the extractive answerer to weigh question terms."""
        df = self.doc_freq(token)
        return float(np.log(1 + (self._n - df + 0.5) / (df + 0.5)))


class BM25Index(DocumentFrequencies):
    """Implements :class:`ragqa.interfaces.KeywordStore`."""

    kind = "bm25s-lucene"

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._bm25 = None
        self._df: Counter[str] = Counter()
        self._n = 0

    def build(self, corpus_tokens: list[list[str]]) -> BM25Index:
        """Index the token lists. The score matrix bm25s would build (Lucene BM25, one column per token, the
        same float32 values) is computed here with whole-array numpy operations instead of bm25s' loop
        over documents, then handed to a ``bm25s.BM25`` for searching and saving: at 10^5 chunks this is
        what makes rebuilding BM25 from stored tokens (incremental ingest) cheap."""
        import bm25s

        self._n = len(corpus_tokens)
        self._df = Counter()
        if not self._n:
            return self
        # An empty document would break bm25s' sparse matrix; a placeholder token keeps positions aligned.
        vocab: dict[str, int] = {}
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for toks in corpus_tokens for t in (toks or ["\x00"])),
                          dtype=np.int64)
        raw_lengths = np.fromiter((len(toks) for toks in corpus_tokens), dtype=np.int64, count=self._n)
        lengths = np.maximum(raw_lengths, 1)
        docs = np.repeat(np.arange(self._n, dtype=np.int64), lengths)
        n_vocab = len(vocab)
        pairs, tf = np.unique(docs * n_vocab + ids, return_counts=True)  # sorted by document, then token
        doc, tok = pairs // n_vocab, pairs % n_vocab
        df = np.bincount(tok, minlength=n_vocab)
        names = list(vocab)
        self._df = Counter({names[i]: int(df[i]) for i in range(n_vocab)})
        empty = int((raw_lengths == 0).sum())
        if empty:  # the placeholder is not a token of the corpus
            self._df["\x00"] -= empty
            if self._df["\x00"] <= 0:
                del self._df["\x00"]
        # as bm25s computes them: idf in float32, the tf component in float64 (its average length is a
        # float64 scalar), the product stored as float32
        idf = np.log(1 + (self._n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = np.float64(lengths.mean())
        tfc = tf / (self.k1 * ((1 - self.b) + self.b * lengths[doc] / avg) + tf)
        scores = (idf[tok] * tfc).astype(np.float32)
        order = np.lexsort((doc, tok))  # column-major: by token, then document (scipy's CSC order)
        indptr = np.zeros(n_vocab + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(df)
        index_dtype = np.int32 if len(order) < 2**31 and self._n < 2**31 else np.int64
        self._bm25 = bm25s.BM25(k1=self.k1, b=self.b, method="lucene")
        self._bm25.nonoccurrence_array = None  # lucene needs none
        self._bm25.scores = {"data": scores[order], "indices": doc[order].astype(index_dtype),
                             "indptr": indptr.astype(index_dtype), "num_docs": self._n}
        vocab[""] = n_vocab  # bm25s adds an empty token after the vocabulary (no column; never queried here)
        self._bm25.vocab_dict = vocab
        self._bm25.unique_token_ids_set = set(vocab.values())
        return self

    updates_saved = False
    """bm25s has no incremental update: an incremental build calls :meth:`build` with the stored tokens of
    unchanged chunks plus the new ones (no tokenizer run), so the saved store is never loaded for it."""

    def updated(self, corpus_tokens: list[list[str]], keep: int = 0) -> BM25Index:
        return BM25Index(self.k1, self.b).build(corpus_tokens)

    def search(self, tokens: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        known = [t for t in tokens if t in self._df]
        if self._bm25 is None or not known or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = self._bm25.get_scores(known)
        k = min(int(k), self._n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return top.astype(np.int64), scores[top].astype(np.float32)

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        meta = {"k1": self.k1, "b": self.b, "n": self._n, "df": dict(self._df)}
        (path / "keyword_meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        if self._bm25 is not None:
            self._bm25.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        import bm25s

        meta = json.loads((path / "keyword_meta.json").read_text(encoding="utf-8"))
        obj = cls(k1=meta["k1"], b=meta["b"])
        obj._n = int(meta["n"])
        obj._df = Counter(meta["df"])
        if obj._n:
            obj._bm25 = bm25s.BM25.load(str(path), show_progress=False, verbosity=0)
        return obj
