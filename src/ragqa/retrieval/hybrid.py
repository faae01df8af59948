"""Hybrid retriever: weighted reciprocal rank fusion of three rankers.

* dense over whole chunks (topic match),
* dense over single sentences, a chunk scoring its best sentence (precise facts buried in long chunks),
* BM25 over Kiwi morphemes (names, numbers, rare terms that small embedders blur);
* for an English question over Korean text, a fourth: BM25 over the Korean terms nearest to its words
  (:mod:`ragqa.retrieval.bridge`), when the embedder has a tuned bridge.
* for a question about pages or a figure by number, the entries of a table of contents (:func:`contents_ranking`);
  for a Korean question about a headline or subtitle (:func:`ragqa.text.layout.asks_heading`), the headings among
  its nearest sentences; each weighs as the keyword ranker does.

Each ranker looks ``candidate_depth`` deep whatever ``top_k`` the caller wants, so every top_k is a
prefix of the same ranking and /v1/retrieve and /v1/ask agree. The searches go through the
``VectorStore`` / ``KeywordStore`` interfaces of the loaded index, whatever implementations wiring chose.
To use it inside a LlamaIndex query engine, see :mod:`ragqa.integrations.llama_index`.
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from ragqa.index.store import LoadedIndex
from ragqa.interfaces import Embedder
from ragqa.retrieval.bridge import TermBridge
from ragqa.retrieval.ranking import Ranking, fuse_rankings, rrf
from ragqa.settings import RetrievalSettings
from ragqa.text.korean import KoreanTextProcessor, detect_language
from ragqa.text.layout import asks_heading

EMBED_QUERY_CHARS = 2048  # beyond 512 tokens of any script
SEARCH_THREADS = 8
"""Threads that run vector searches of stores that search in another process (Milvus), shared by all
retrievals; a retrieval waits for its own two searches only, so a busy pool delays, never deadlocks."""
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _search_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(SEARCH_THREADS, thread_name_prefix="ragqa-search")
        return _pool


def searches_overlap(index: LoadedIndex) -> bool:
    """Whether the three searches of one retrieval run at once: only when every store searches in another
    process (``out_of_process``: Milvus), so they overlap on other cores; in-process stores (FAISS, bm25s)
    take well under a millisecond at the shipped size, less than a thread hand-off."""
    return all(getattr(s, "out_of_process", False) for s in (index.chunk_vectors, index.sentence_vectors,
                                                              index.keyword))

__all__ = ["HybridRetriever", "Ranking", "RankerLists", "fuse_rankings", "rrf", "vocabulary_share"]


@dataclass(frozen=True)
class RankerLists:
    """What one question's searches found before fusion: each ranker's chunk positions (``lists``), the query's
    tokens, the share of its vocabulary the keyword index knows, the English words read as Korean terms (``pairs``:
    an English query's words bridged to the corpus's terms, or a Korean query's English words the glossary carries
    into its Korean terms, :meth:`~ragqa.retrieval.bridge.TermBridge.carried_words`; else empty), and the tokens the
    keyword index was searched with (an English query's, less the words of a name the corpus never writes; a Korean
    query's, with its carried words replaced)."""

    lists: dict[str, list[int]]
    tokens: list[str]
    share: float
    pairs: dict[str, str]
    keyword_tokens: list[str]


def vocabulary_share(tokens: list[str], index: LoadedIndex) -> float:
    """IDF-weighted share of query tokens known to the keyword index (unknown tokens get the max idf)."""
    if not tokens:
        return 0.0
    kw = index.keyword
    known = total = 0.0
    for t in set(tokens):
        w = kw.idf(t)  # an unknown token (df 0) gets the largest idf
        total += w
        if kw.doc_freq(t):
            known += w
    return known / total if total else 0.0


# A multi-word English name ("China's Global AI Governance Action Plan"): capitalised words, with lower-case
# connectors inside it; see HybridRetriever._unwritten_name_words.
_NAME = re.compile(r"(?:[A-Z][A-Za-z'’-]*)(?:\s+(?:[A-Z][A-Za-z'’-]*|of|for|on|the|in))*\s+(?:[A-Z][A-Za-z-]*)")
_CONNECTORS = frozenset({"of", "for", "on", "the", "in"})


# A question about where something is in a document or what it lists: its pages ("몇 쪽에 있어", "which page"),
# its contents, a figure or table by number ("[그림 3]", "〈표 1〉", "figure 2"). Only such a question reads the chunks
# of a table of contents (:attr:`LoadedIndex.contents`): its entries repeat the headings of the text, and for any
# other question they outranked the passages they name (tried at stop 35: keeping the captions of a report's
# contents cost answers on the tuning split).
_ASKS_CONTENTS = re.compile(r"목차|몇\s*(?:쪽|페이지)|쪽수|페이지|(?<![가-힣])(?:그림|표)\s*\d{1,2}(?![\d,.])"
                            r"|\b(?:pages?|table of contents|contents)\b|\b(?:figure|fig\.|table)\s*\d", re.I)


def asks_contents(query: str) -> bool:
    """True when the question asks about a document's pages, contents, or a figure or table by number."""
    return bool(_ASKS_CONTENTS.search(query))


def contents_ranking(idx: LoadedIndex, tokens: list[str]) -> list[int]:
    """The table-of-contents chunks holding any of the query's terms, by the IDF of the terms they hold. Such
    chunks are not in the keyword index (their headings would shift every term's IDF), so a question about
    pages finds them here, in a ranker of its own."""
    weights = {t: idx.keyword.idf(t) for t in set(tokens)}
    scored = []
    for pos in idx.contents:
        held = {t for row in idx.sentence_rows(pos) for t in idx.sentence_tokens[row]}
        score = sum(w for t, w in weights.items() if t in held)
        if score > 0:
            scored.append((-score, pos))
    return [pos for _, pos in sorted(scored)]


def _plain(text: str) -> str:
    """Lower-cased words with possessives and punctuation dropped, for comparing a name with the text."""
    return " ".join(re.sub(r"['’]s\b|[^\w-]+", " ", text.lower()).split())


class HybridRetriever:
    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        text: KoreanTextProcessor,
        settings: RetrievalSettings,
        bridge: TermBridge | None = None,
    ) -> None:
        self._index = index
        self._embedder = embedder
        self._text = text
        self._settings = settings
        self._bridge = bridge  # English questions: a keyword query in the corpus's Korean terms

    def ranker_lists(self, query: str, query_vector: np.ndarray, depth: int | None = None,
                     ) -> tuple[dict[str, list[int]], list[str], float]:
        """Each ranker's chunk positions, best first (``dense``, ``sentence``, ``keyword``, and for an English
        query ``bridge``: the keyword index searched with the Korean terms nearest to its words,
        :mod:`ragqa.retrieval.bridge`), the query's tokens, and the share of its vocabulary the keyword index
        knows."""
        found = self._ranker_lists(query, query_vector, depth)
        return found.lists, found.tokens, found.share

    def _ranker_lists(self, query: str, query_vector: np.ndarray, depth: int | None = None) -> RankerLists:
        """:meth:`ranker_lists` with what :meth:`rank` also reads (:class:`RankerLists`)."""
        pairs: dict[str, str] = {}
        tokens = self._text.tokenize(query)
        depth = depth or self._settings.candidate_depth
        idx = self._index
        english = detect_language(query) == "en"
        kw_tokens = tokens
        if english:
            unwritten = self._unwritten_name_words(query)
            if unwritten:
                kw_tokens = [t for t in tokens if t not in unwritten]
        elif self._bridge is not None:
            # a Korean question that mixes in English words ("China AI policy table 보면 … policy, 정확한 이름이
            # 뭐야?", "industry partner는 몇 곳"): each word no passage writes that the shipped glossary renders with
            # a term the corpus writes is read as that term, by every later reader of the tokens (the keyword
            # searches, the reranker's and the answerer's key terms), as if the asker had written it in Korean.
            # Unwritten English words had cost such a question its key-term coverage: it abstained with its
            # evidence at rank 1. A word the corpus writes keeps its place ("LLM", "China" in "AI FROM CHINA").
            pairs = self._bridge.carried_words([t for t in tokens if idx.keyword.doc_freq(t) == 0])
            if pairs:
                tokens = list(dict.fromkeys(pairs.get(t, t) for t in tokens))
                kw_tokens = tokens
        if searches_overlap(idx):  # both vector searches in the pool, the keyword searches in this thread meanwhile
            pool = _search_pool()
            dense = pool.submit(idx.chunk_vectors.search, query_vector, depth)
            sent = pool.submit(idx.sentence_vectors.search, query_vector, depth * 3)
            kw_pos, _ = idx.keyword.search(kw_tokens, depth)
            related = None if english else self.related_search(query, kw_tokens, depth)
            dense_pos, sent_pos = dense.result()[0], sent.result()[0]
        else:
            dense_pos, _ = idx.chunk_vectors.search(query_vector, depth)
            sent_pos, _ = idx.sentence_vectors.search(query_vector, depth * 3)
            kw_pos, _ = idx.keyword.search(kw_tokens, depth)
            related = None if english else self.related_search(query, kw_tokens, depth)
        by_sentence: list[int] = []
        seen: set[int] = set()
        for row in sent_pos:
            c = int(idx.sentence_owner[row][0])
            if c not in seen:
                seen.add(c)
                by_sentence.append(c)
        lists = {"dense": [int(p) for p in dense_pos], "sentence": by_sentence[:depth], "keyword": [int(p) for p in kw_pos]}
        if related:
            lists["related"] = related
        if self._bridge is not None and english:
            # the search reads the glossary first; the answerer gets the embedder's pairs its abstention model was
            # fitted on (with the glossary's, it answered more English questions and abstained on fewer: tuning
            # English answers .743 → .790, abstention .691 → .648; docs/quality-log.md, stop 40)
            pairs = self._bridge.pairs_for(tokens)
            bridged = self._bridge.search_terms(tokens, pairs)
            if bridged:
                lists["bridge"] = [int(p) for p in idx.keyword.search(bridged, depth)[0]]
        # a Korean question about a heading: the headings among its nearest sentences, as a ranker of their own
        # (an English question's nearest headings were the wrong ones: on the tuning split they pushed the
        # right passages of three headline questions down)
        if asks_heading(query) and not english:
            headings = idx.headings
            lists["headings"] = list(dict.fromkeys(int(idx.sentence_owner[row][0]) for row in sent_pos
                                                   if int(row) in headings))[:depth]
        if idx.contents:
            if asks_contents(query):
                lists["contents"] = contents_ranking(idx, tokens)
            else:
                lists = {name: [p for p in found if p not in idx.contents] for name, found in lists.items()}
        return RankerLists(lists, tokens, vocabulary_share(tokens, idx), pairs, kw_tokens)

    def related_search(self, query: str, tokens: list[str], depth: int, threshold: float | None = None) -> list[int]:
        """A Korean question's keyword search widened by the corpus terms Kiwi's language model puts near its words
        (:meth:`ragqa.text.korean.KoreanTextProcessor.related_terms`, at least ``retrieval.related_threshold``
        similar): "유엔과 엮인 국제 AI 기구는 어떤 구실을 맡게 돼" also finds the passage that writes 역할. The
        question's own tokens stay in the search, so a passage that writes them and a related word leads; the
        result is one ranker of its own (``related``, weight ``retrieval.related_weight``). Empty when no term
        is that near, or the weight is 0. Threshold and weight: the tuning-split optimum of
        ``benchmarks/tune_related.py``."""
        s = self._settings
        if s.related_weight <= 0:
            return []
        threshold = s.related_threshold if threshold is None else threshold
        idx = self._index
        terms = [t for t, score in self._text.related_terms(query, lambda t: idx.keyword.doc_freq(t) > 0).items()
                 if score >= threshold]
        if not terms:
            return []
        return [int(p) for p in idx.keyword.search(list(tokens) + terms, depth)[0]]

    def _unwritten_name_words(self, query: str) -> set[str]:
        """The words of each multi-word name an English query writes (three words of its own at least, acronyms
        aside: "CEO of Zand Bank" is a title and a name) that no passage holding its words writes as that name.
        Searched word by word they find another name made of some of the same words: "China's Global AI
        Governance Action Plan" found the US "AI 행동 계획(AI Action Plan)" first, so such words are left out of
        the keyword search (the dense rankers and the term bridge still read them). The check reads the
        passages the keyword index returns for the name's words (at most 20), so it costs one small search,
        whatever the size of the corpus. Grammar, not fitted (tuning split: MRR .848 -> .853, no question lost)."""
        out: set[str] = set()
        for m in _NAME.finditer(query):
            written = m.group(0).split()
            if sum(1 for w in written if not w.isupper() and w.lower() not in _CONNECTORS) < 3:
                continue
            phrase = _plain(m.group(0))
            words = [w for w in phrase.split() if w not in _CONNECTORS]
            hits, _ = self._index.keyword.search(words, 20)
            if not any(phrase in _plain(self._index.chunks[int(p)].text) for p in hits):
                out.update(words)
        return out

    @staticmethod
    def fuse(lists: dict[str, list[int]], vocab_share: float, s: RetrievalSettings, bridge_weight: float = 0.0) -> list:
        # Keyword evidence counts only as much as the query's terms exist in the corpus vocabulary: an
        # English question over Korean text matches a stray "AI" and would otherwise add noise.
        weights = {"dense": s.dense_weight, "sentence": s.sentence_weight, "keyword": s.keyword_weight * vocab_share,
                   "bridge": bridge_weight, "contents": s.keyword_weight, "headings": s.keyword_weight,
                   "related": s.related_weight}
        return rrf(lists, weights, s.rrf_k)

    @property
    def bridge(self) -> TermBridge | None:
        """The term bridge English questions are also searched through, or None."""
        return self._bridge

    @property
    def bridge_weight(self) -> float:
        return self._bridge.weight if self._bridge is not None else 0.0

    def rank(self, query: str, query_vector: np.ndarray | None = None) -> Ranking:
        t0 = time.perf_counter()
        if query_vector is None:
            # The model reads at most 512 tokens; a longer text only costs time (a 20 kB run of digits took
            # 21 s to tokenize), so the embedder gets the first EMBED_QUERY_CHARS characters.
            query_vector = self._embedder.embed_queries([query[:EMBED_QUERY_CHARS]])[0]
        t1 = time.perf_counter()
        found = self._ranker_lists(query, query_vector)
        hits = self.fuse(found.lists, found.share, self._settings, self.bridge_weight)
        t2 = time.perf_counter()
        return Ranking(
            query=query,
            query_vector=query_vector,
            query_tokens=found.tokens,
            keyword_tokens=found.keyword_tokens,
            bridged_tokens=list(dict.fromkeys(found.pairs.values())),
            bridged_words=found.pairs,
            hits=hits,
            timings_ms={"embed": (t1 - t0) * 1000, "search": (t2 - t1) * 1000},
        )
