"""A keyword query in the corpus's own words for an English question over Korean text.

An English question shares almost no words with a Korean corpus, so its keyword (BM25) ranker is nearly blind
(the fusion scales it by the share of the question's words the corpus knows) and the dense rankers alone find
its evidence. The bridge maps each Latin word of an English question to the Korean corpus term nearest to it
in the embedder's own space ("government" → 정부, "plan" → 계획, "science" → 과학) when
their cosine reaches ``threshold``, and the keyword index is searched with those Korean terms as one more
ranked list, fused at ``weight`` beside the others.

Hand-written because no offline library does it: a translation model or dictionary would be a download, and
llama-index's query transforms ask an LLM. The corpus's vocabulary is embedded by the ingest that builds the index,
before the build is swapped in (:func:`warm_terms`; one short string per term), and kept in the index's embedding
cache, so a server loading the build reads it back (a build made without the bridge gets its terms embedded at its
first load instead); the question's words are embedded per question, in one batch, and kept in a bounded
in-memory cache, since users repeat words.

The threshold and the weight are tied to the embedder's similarity scale, so they are chosen for one embedder
(``python benchmarks/tune_bridge.py``, on the tuning split only) and stored in ``bridge.json`` beside this module
with that embedder's identity; with another embedder there is no bridge (:func:`BridgeTuning.load`).
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from ragqa.embeddings.base import EmbeddingCache, embed_queries_cached
from ragqa.retrieval.sound import SoundMatcher

if TYPE_CHECKING:
    from ragqa.index.store import LoadedIndex
    from ragqa.interfaces import Embedder

TUNING_FILE = "bridge.json"
GLOSSARY_FILE = "glossary_en_ko.tsv"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD = re.compile(r"[a-z][a-z'-]*")
# The corpus terms the bridge can reach: the most frequent Korean terms, so that loading a very large index
# embeds a bounded vocabulary (at the ~100 short terms a second measured here, 20,000 terms take about three
# minutes, once: the vectors are cached with the index).
MAX_TERMS = 20_000
CACHE_WORDS = 10_000  # question words whose vectors are kept
# A term reached by its sound only when at most this share of the passages holds it: a rare name ("바이두") picks
# out its passages, a common one ("상하이", "화웨이" here) only adds noise to a question the dense rankers already
# place (a round figure set before it was measured, on the tuning split: docs/quality-log.md, stop 35).
SOUND_MAX_SHARE = 0.1


@dataclass(frozen=True)
class BridgeTuning:
    """The threshold and weight chosen for one embedder (``bridge.json``)."""

    threshold: float
    weight: float
    embedder: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    def fits(self, embedder_identity: dict[str, Any]) -> bool:
        return dict(embedder_identity) == dict(self.embedder)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BridgeTuning:
        return cls(threshold=float(data["threshold"]), weight=float(data["weight"]), embedder=dict(data["embedder"]),
                   meta=dict(data.get("meta", {})))

    @classmethod
    def load(cls, embedder_identity: dict[str, Any]) -> BridgeTuning | None:
        """The shipped tuning when it was chosen for this embedder, else None (no bridge)."""
        ref = resources.files("ragqa.retrieval").joinpath(TUNING_FILE)
        if not ref.is_file():
            return None
        tuning = cls.from_json(json.loads(ref.read_text(encoding="utf-8")))
        return tuning if tuning.fits(embedder_identity) else None


def load_glossary() -> dict[str, list[str]]:
    """The shipped English → Korean glossary (``glossary_en_ko.tsv``: an English word or phrase, a tab, its Korean
    renderings separated by "|", most usual first): general vocabulary of news, policy, economy and technology
    (2,473 entries), and since stop 48 of law, the legislature and government, the military, labour, family and
    welfare, education, health and administrative procedure (1,683 more), each written by a helper from general
    knowledge without reference to any corpus or question set. Of the second list, 29 question-framing words and
    phrases were left out ("according to", "how many", "date", "daily", "times" …: they bridge a question's framing,
    not its content, and on the tuning split they moved evidence; docs/quality-log.md, stop 48)."""
    ref = resources.files("ragqa.retrieval").joinpath(GLOSSARY_FILE)
    if not ref.is_file():
        return {}
    out: dict[str, list[str]] = {}
    for line in ref.read_text(encoding="utf-8").splitlines():
        english, _, korean = line.partition("\t")
        if english.strip() and korean.strip():
            out.setdefault(english.strip().lower(), [k.strip() for k in korean.split("|") if k.strip()])
    return out


@lru_cache(maxsize=1)
def general_words() -> frozenset[str]:
    """The single English words of the shipped glossary (general vocabulary, lower-cased)."""
    return frozenset(k for k in _glossary() if " " not in k)


def korean_renderings(word: str) -> list[str]:
    """The shipped glossary's Korean renderings of the English ``word`` or of a form it is inflected from, most
    usual first ("chips" → 칩, 반도체), or [] for a word it does not hold."""
    glossary = _glossary()
    return next((glossary[f] for f in _word_forms(word.lower()) if f in glossary), [])


@lru_cache(maxsize=1)
def _glossary() -> dict[str, list[str]]:
    """The shipped glossary, read once for the lookups above (:func:`general_words`, :func:`korean_renderings`)."""
    return load_glossary()


def is_general_word(word: str) -> bool:
    """Whether ``word`` (lower-cased) or a form it is inflected from is general vocabulary: a glossary word."""
    words = general_words()
    return any(f in words for f in _word_forms(word.lower()))


def glossary_terms(glossary: dict[str, list[str]], tokenize: Callable[[str], list[str]],
                   known: Callable[[str], bool]) -> dict[str, list[str]]:
    """Each glossary entry the corpus can be searched with: its English side as keyword tokens (joined by a
    space: "chamber of commerce" → "chamber commerce") mapped to the corpus terms of its renderings whose tokens
    the corpus writes, in the glossary's order (of a rendering of several tokens, the longest: "인간형 로봇" → 인간형).
    Every such rendering is kept, since a word has several senses ("open": 개방, 공개) and the search cannot tell
    which one a question means."""
    out: dict[str, list[str]] = {}
    for english, renderings in glossary.items():
        key = " ".join(t for t in tokenize(english) if _LATIN_WORD.fullmatch(t))
        if not key or key in out:
            continue
        terms: list[str] = []
        for korean in renderings:
            tokens = [t for t in tokenize(korean) if len(t) >= 2 and _HANGUL.search(t)]
            if tokens and all(known(t) for t in tokens):
                terms.append(max(tokens, key=len))
        if terms:
            out[key] = list(dict.fromkeys(terms))
    return out


def corpus_terms(sentence_tokens: Iterable[Sequence[str]], limit: int = MAX_TERMS) -> list[str]:
    """The Korean key terms of two or more characters among an index's sentence tokens, the most frequent first
    (ties by the term)."""
    counts: dict[str, int] = {}
    for tokens in sentence_tokens:
        for t in tokens:
            if len(t) >= 2 and _HANGUL.search(t):
                counts[t] = counts.get(t, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t))[:limit]


def warm_terms(sentence_tokens: Iterable[Sequence[str]], embedder: Embedder, cache: EmbeddingCache) -> int:
    """Embed the Korean terms of ``sentence_tokens`` that ``cache`` lacks and store them there, as
    :meth:`TermBridge.build` will look them up; the number of terms. The ingest calls this with the tokens a new
    build adds, before swapping it in, so the server that loads the build does not embed them while it serves
    (for the shipped corpus's 885 terms, a first start of 10.2 s instead of 4.1 s here)."""
    terms = corpus_terms(sentence_tokens)
    embed_queries_cached(embedder, terms, cache)
    return len(terms)


class TermBridge:
    """Korean corpus terms for the Latin words of a question (see the module docstring)."""

    def __init__(self, terms: Sequence[str], vectors: np.ndarray, embedder: Embedder, threshold: float,
                 weight: float, rare: Callable[[str], bool] | None = None,
                 glossary: dict[str, list[str]] | None = None) -> None:
        self.terms = list(terms)
        # English word or phrase (keyword tokens joined by a space) → corpus terms, from the shipped glossary
        # (:func:`glossary_terms`); the search reads a word it holds by it, not by the embedder's nearest term
        self.glossary = dict(glossary or {})
        self._phrase_lengths = sorted({k.count(" ") + 1 for k in self.glossary if " " in k}, reverse=True)
        self._vectors = _unit(np.asarray(vectors, dtype=np.float32)) if len(self.terms) else np.zeros((0, 1))
        self._embedder = embedder
        self.threshold = threshold
        self.weight = weight
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        # a name the embedder does not know is reached by its sound ("baidu" → 바이두: ragqa.retrieval.sound)
        self._sound = SoundMatcher(self.terms, rare=rare)

    @classmethod
    def build(cls, index: LoadedIndex, embedder: Embedder, tuning: BridgeTuning,
              cache: EmbeddingCache | None = None, tokenize: Callable[[str], list[str]] | None = None) -> TermBridge:
        """The bridge over the index's Korean terms, their vectors taken from ``cache`` (the index's embedding
        cache) or embedded once and stored there, so only the first load after an ingest pays for new terms;
        with ``tokenize`` (the keyword tokenizer), the shipped glossary's entries the corpus writes too."""
        terms = corpus_terms(index.sentence_tokens)
        chunks = max(1, len(index.chunks))
        term_set = set(terms)
        glossary = glossary_terms(load_glossary(), tokenize, term_set.__contains__) if tokenize is not None else {}
        return cls(terms, embed_queries_cached(embedder, terms, cache), embedder, tuning.threshold, tuning.weight,
                   rare=lambda term: index.keyword.doc_freq(term) <= SOUND_MAX_SHARE * chunks, glossary=glossary)

    def _word_vectors(self, words: list[str]) -> np.ndarray:
        """Unit vectors of ``words``: from the cache (least recently used evicted first), the rest embedded in one
        batch outside the lock."""
        found: dict[str, np.ndarray] = {}
        with self._cache_lock:
            for w in dict.fromkeys(words):
                v = self._cache.get(w)
                if v is not None:
                    self._cache.move_to_end(w)
                    found[w] = v
        missing = [w for w in dict.fromkeys(words) if w not in found]
        if missing:
            fresh = dict(zip(missing, _unit(np.asarray(self._embedder.embed_queries(missing), dtype=np.float32)),
                             strict=True))
            found.update(fresh)
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > CACHE_WORDS:
                    self._cache.popitem(last=False)
        return np.vstack([found[w] for w in words])

    def terms_for(self, tokens: Sequence[str]) -> list[str]:
        """The corpus terms nearest to the Latin words among ``tokens`` (a question's key tokens), each kept when
        its cosine reaches the threshold; no duplicates, in the words' order."""
        return list(dict.fromkeys(self.pairs_for(tokens).values()))

    def pairs_for(self, tokens: Sequence[str]) -> dict[str, str]:
        """Each Latin word among ``tokens`` whose nearest corpus term reaches the threshold, mapped to that term,
        in the words' order (what the answerer reads a word of the question as: "robots" → 로봇); a word whose
        nearest term does not, to the term it sounds like when there is one ("baidu" → 바이두)."""
        words = list(dict.fromkeys(t for t in tokens if _LATIN_WORD.fullmatch(t)))
        if not words or not self.terms:
            return {}
        # numpy's own loop, not BLAS: a threaded BLAS product leaves its worker threads spinning after it returns,
        # which took the cores from the query embedding that follows (English retrieval 40 → 60 ms here)
        sims = np.einsum("ij,kj->ik", self._word_vectors(words), self._vectors)
        best = sims.argmax(axis=1)
        out: dict[str, str] = {}
        for i, (w, j) in enumerate(zip(words, best, strict=True)):
            term = self.terms[int(j)] if sims[i, j] >= self.threshold else self._sound.term_for(w)
            if term is not None:
                out[w] = term
        return out

    def carried_words(self, tokens: Sequence[str]) -> dict[str, str]:
        """Each English word among ``tokens`` (a Korean question's keyword tokens: "policy", "supply chain") that the
        shipped glossary holds, alone or in a phrase (:meth:`_glossary_walk`), mapped to the first rendering of it the
        corpus writes ("policy" → 정책; both words of "supply chain" → 공급망); a word already read keeps its first
        reading. Only the glossary: the embedder's nearest term for a lone English word in a Korean sentence was often
        another word ("edition" → 독자, "history" → 시대), and its sound match a false friend ("apac" → 압박)."""
        seq = [t for t in tokens if _LATIN_WORD.fullmatch(t)]
        out: dict[str, str] = {}
        for at, terms in self._glossary_walk(seq):
            words = [seq[i] for i in at]
            if not any(w in out for w in words):
                out.update(dict.fromkeys(words, terms[0]))
        return out

    def _glossary_walk(self, seq: Sequence[str]) -> list[tuple[list[int], list[str]]]:
        """The glossary's entries among the English words ``seq``, each word read once where it stands: the phrases it
        holds, longest first, then the words it holds as written or without their inflection ("stages" → stage);
        each entry as (its words' positions in ``seq``, its renderings the corpus writes), in that order."""
        found: list[tuple[list[int], list[str]]] = []
        covered: set[int] = set()
        for n in self._phrase_lengths:
            for i in range(len(seq) - n + 1):
                key = " ".join(seq[i:i + n])
                if key in self.glossary and not covered.intersection(range(i, i + n)):
                    found.append((list(range(i, i + n)), self.glossary[key]))
                    covered.update(range(i, i + n))
        for i, w in enumerate(seq):
            if i not in covered:
                terms = next((self.glossary[f] for f in _word_forms(w) if f in self.glossary), None)
                if terms:
                    found.append(([i], terms))
        return found

    def search_terms(self, tokens: Sequence[str], pairs: dict[str, str] | None = None) -> list[str]:
        """The Korean terms the keyword index is searched with for an English question's ``tokens``: a phrase the
        glossary holds ("first half" → 전반부), longest first, then a word it holds as written or without its
        inflection ("stages" → 단계), each with all its renderings the corpus writes; the other words by
        :meth:`pairs_for` (``pairs``: its result for ``tokens`` when the caller has it). No duplicates, phrases
        and glossary words first."""
        seq = [t for t in tokens if _LATIN_WORD.fullmatch(t)]
        if not seq or not self.terms:
            return []
        entries = self._glossary_walk(seq)
        found = [term for _, terms in entries for term in terms]
        covered = {i for at, _ in entries for i in at}
        rest = [w for i, w in enumerate(seq) if i not in covered]
        if pairs is None:
            pairs = self.pairs_for(rest)
        found.extend(pairs[w] for w in dict.fromkeys(rest) if w in pairs)
        return list(dict.fromkeys(found))


def _word_forms(word: str) -> list[str]:
    """``word`` and the forms it may be inflected from ("stages" → stage, "defined" → define, defin)."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + repl)
    return forms


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms
