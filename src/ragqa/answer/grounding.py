"""Grounding check of LLM answers: every statement must be supported by the passage it cites.

Hand-written because no offline library does it over Korean passages with English or Korean statements:
NLI models need a download, and llama-index's evaluators ask an LLM (the one being checked). Each statement
of an LLM answer (split like the evaluation splits answers, :mod:`ragqa.answer.statements`) is scored
against a passage by a small logistic model (:class:`GroundingModel`, fitted on the tuning split of
``benchmarks/data/grounding.jsonl`` by ``make fit-grounding``; the held-out split only reports) over
features that work across languages:

``dense``        cosine of the statement (embedded as a query) to the passage's best sentence (stored vectors)
``dense_chunk``  cosine of the statement to the whole passage
``lexical``      IDF-weighted share of the statement's Kiwi key terms found in the passage
``bigram``       share of the statement's character bigrams found in the passage (same-language wording)
``numbers_missing`` numbers of the statement (values: 1조 = 1 trillion = 10¹², 7월 = July) found neither in
                 the passage nor in the question, capped at 3 — a changed amount, count or date
``has_numbers``  1 when the statement holds a number at all
``lang_en``      1 for an English statement (lexical features mean little over Korean text)

Decision per statement: kept with the cited passages that support it; if none does, re-cited to the
retrieved passage that does (the best one); if none does, dropped. Sentences that say the documents do not
answer are kept as they are. Every citation gets a ``quote``: the sentence of the passage that best supports
the statements citing it. With an embedder the model was not fitted for, a lexical rule decides instead
(bigram share ≥ ``RULE_BIGRAM`` and no missing number), which cannot confirm an English statement over
Korean text: such statements are kept unchecked and counted as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ragqa.answer.abstention import FittedModel
from ragqa.answer.citations import containment, repair_markers
from ragqa.answer.messages import is_abstention_text
from ragqa.answer.statements import Statement, split_statements
from ragqa.text.korean import KoreanTextProcessor
from ragqa.text.numbers import number_values
from ragqa.types import Citation, Passage

if TYPE_CHECKING:
    from ragqa.interfaces import Embedder
    from ragqa.question import PreparedQuestion

FEATURES = ("dense", "dense_chunk", "lexical", "bigram", "numbers_missing", "has_numbers", "lang_en")
SHIPPED_MODEL = "grounding_model.json"
RULE_BIGRAM = 0.5
_GENERIC = frozenset(["하", "되", "있", "들", "것", "수", "등", "the", "and", "for", "with", "that", "this", "was",
                      "were", "are", "has", "have", "its", "their", "from", "which"])

def missing_numbers(statement: set[float], *sources: set[float]) -> int:
    """How many of the statement's values appear in none of the sources (relative tolerance 10⁻⁶)."""
    known = [v for s in sources for v in s]
    return sum(1 for v in statement if not any(abs(v - w) <= 1e-6 * max(1.0, abs(w)) for w in known))


def is_english(text: str) -> bool:
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in text)
    return latin > 2 * hangul


# -- the model ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroundingModel(FittedModel):
    """Logistic model: probability that a passage supports a statement (features: :data:`FEATURES`)."""

    KIND: ClassVar[str] = "grounding"
    FEATURES: ClassVar[tuple[str, ...]] = FEATURES

    @classmethod
    def load(cls, path: Path | None = None) -> GroundingModel | None:
        """The model at ``path`` (default: the one shipped with ragqa); None when there is none."""
        return cls.read(path, SHIPPED_MODEL)


# -- verdicts ------------------------------------------------------------------------------------------------
@dataclass
class Verdict:
    """What happened to one statement: ``kept`` (a cited passage supports it), ``recited`` (another
    retrieved passage does, and is now cited), ``dropped`` (none does), ``unchecked`` (no evidence either
    way: a sentence saying the documents do not answer, or the rule fallback over another language)."""

    text: str
    cited: list[int]
    action: str
    probability: float
    markers: list[int] = field(default_factory=list)


@dataclass
class Grounded:
    text: str
    citations: list[Citation]
    verdicts: list[Verdict]

    @property
    def counts(self) -> dict[str, int]:
        out = {"statements": len(self.verdicts), "kept": 0, "recited": 0, "dropped": 0, "unchecked": 0}
        for v in self.verdicts:
            out[v.action] += 1
        return out

    @property
    def supported(self) -> bool:
        """True when at least one statement with content survived."""
        return any(v.action in ("kept", "recited") for v in self.verdicts)


_END = re.compile(r"([.!?。]+)$")


def render(text: str, markers: Sequence[int]) -> str:
    marks = "".join(f"[{i}]" for i in markers)
    if not marks:
        return text
    m = _END.search(text)
    return f"{text[: m.start()].rstrip()} {marks}{m.group(1)}" if m else f"{text} {marks}"


class Grounder:
    """Checks LLM answers against the retrieved passages (see the module docstring)."""

    def __init__(self, embedder: Embedder, text: KoreanTextProcessor, model: GroundingModel | None) -> None:
        self._embedder = embedder
        self.text = text
        self.model = model

    # features --------------------------------------------------------------------------------------------
    def features(self, statement: str, vector: np.ndarray | None, passage_pos: int, question: PreparedQuestion,
                 ) -> tuple[dict[str, float], int]:
        """Features of (statement, passage at index position ``passage_pos``) and the number of the passage's
        sentence that matches the statement best."""
        index = question.index
        chunk = index.chunks[passage_pos]
        rows = np.array(list(index.sentence_rows(passage_pos)), dtype=np.int64)
        best_sentence, dense, dense_chunk = 0, 0.0, 0.0
        if vector is not None and len(rows):
            sims = index.sentence_vectors.get(rows) @ vector
            best_sentence, dense = int(np.argmax(sims)), float(np.max(sims))
            dense_chunk = float(index.chunk_vectors.get(np.array([passage_pos], dtype=np.int64))[0] @ vector)
        elif len(rows):
            best_sentence = max(range(len(rows)), key=lambda j: containment(
                statement, chunk.text[chunk.sentences[j][0]:chunk.sentences[j][1]]))
        tokens = [t for t in dict.fromkeys(self.text.tokenize(statement)) if t not in _GENERIC]
        passage_tokens = {t for r in rows for t in index.sentence_tokens[int(r)]}
        passage_tokens.update(self.text.tokenize(chunk.title))
        weights = {t: index.keyword.idf(t) for t in tokens}
        total = sum(weights.values())
        lexical = sum(w for t, w in weights.items() if t in passage_tokens) / total if total > 0 else 0.0
        values = number_values(statement)
        missing = missing_numbers(values, number_values(chunk.title + "\n" + chunk.text),
                                  number_values(question.question))
        return ({"dense": dense, "dense_chunk": dense_chunk, "lexical": lexical,
                 "bigram": containment(statement, chunk.title + "\n" + chunk.text),
                 "numbers_missing": float(min(missing, 3)), "has_numbers": float(bool(values)),
                 "lang_en": float(is_english(statement))}, best_sentence)

    def support(self, features: dict[str, float]) -> float:
        """Probability (model) or 0/1 (rule) that the passage supports the statement."""
        if self.model is not None:
            return self.model.probability(features)
        return float(features["bigram"] >= RULE_BIGRAM and features["numbers_missing"] == 0)

    @property
    def threshold(self) -> float:
        return self.model.threshold if self.model is not None else 0.5

    def embed(self, statements: Sequence[str]) -> np.ndarray | None:
        if self.model is None or not statements:
            return None
        return self._embedder.embed_queries(list(statements))

    # checking --------------------------------------------------------------------------------------------
    def check_statements(self, statements: Sequence[Statement], question: PreparedQuestion,
                         ) -> tuple[list[Verdict], dict[int, tuple[float, int]]]:
        """A verdict per statement, and per passage number the best (probability, sentence) that supported
        a statement citing it."""
        by_id = dict(zip((p.id for p in question.passages), question.positions, strict=True))
        checkable = [i for i, s in enumerate(statements) if not is_abstention_text(s.text)]
        vectors = self.embed([statements[i].text for i in checkable])
        verdicts: list[Verdict] = []
        quotes: dict[int, tuple[float, int]] = {}
        vec_of = {i: vectors[k] for k, i in enumerate(checkable)} if vectors is not None else {}
        for i, st in enumerate(statements):
            if i not in checkable:
                verdicts.append(Verdict(st.text, [], "unchecked", 1.0, st.markers))
                continue
            vector = vec_of.get(i)
            scored: dict[int, tuple[float, int]] = {}

            def score(pid: int, st=st, vector=vector, scored=scored) -> float:
                if pid not in scored:
                    feats, sentence = self.features(st.text, vector, by_id[pid], question)
                    scored[pid] = (self.support(feats), sentence)
                return scored[pid][0]

            cited = [pid for pid in st.markers if pid in by_id]
            supporting = [pid for pid in cited if score(pid) >= self.threshold]
            if supporting:
                action = "kept"
            else:
                others = sorted((pid for pid in by_id if pid not in cited), key=lambda pid: -score(pid))
                supporting = others[:1] if others and score(others[0]) >= self.threshold else []
                action = "recited" if supporting else "dropped"
            if self.model is None and action == "dropped" and is_english(st.text):
                # the lexical rule cannot confirm an English statement over Korean text: keep it as written
                verdicts.append(Verdict(st.text, cited, "unchecked", 0.0, st.markers))
                continue
            best = max((scored[pid][0] for pid in supporting), default=max((p for p, _ in scored.values()), default=0.0))
            verdicts.append(Verdict(st.text, supporting, action, best, st.markers))
            for pid in supporting:
                if scored[pid][0] > quotes.get(pid, (-1.0, 0))[0]:
                    quotes[pid] = scored[pid]
        return verdicts, quotes

    def check(self, raw: str, question: PreparedQuestion) -> Grounded:
        """Check an LLM answer (markers repaired first); the answer text is rebuilt from the statements kept,
        each with the markers of the passages that support it."""
        text = repair_markers(raw, len(question.passages))
        statements = split_statements(text, self.text)
        verdicts, quotes = self.check_statements(statements, question)
        return self.assemble(verdicts, quotes, question)

    def assemble(self, verdicts: Sequence[Verdict], quotes: dict[int, tuple[float, int]],
                 question: PreparedQuestion) -> Grounded:
        parts = [render(v.text, v.cited) for v in verdicts if v.action != "dropped"]
        return Grounded(" ".join(parts), self.citations(verdicts, quotes, question), list(verdicts))

    @staticmethod
    def citations(verdicts: Sequence[Verdict], quotes: dict[int, tuple[float, int]],
                  question: PreparedQuestion) -> list[Citation]:
        """One citation per passage named in the answer, each with its quote: the sentence that best supported
        a statement citing it (for an unchecked statement: the sentence sharing most of its wording)."""
        by_id = {p.id: (p, pos) for p, pos in zip(question.passages, question.positions, strict=True)}
        named = {pid for v in verdicts if v.action != "dropped" for pid in v.cited if pid in by_id}
        out = []
        for pid in sorted(named):
            p, pos = by_id[pid]
            chunk = question.index.chunks[pos]
            sentences = chunk.sentences or [(0, len(chunk.text))]
            if pid in quotes:
                s, e = sentences[quotes[pid][1]]
            else:
                said = " ".join(v.text for v in verdicts if pid in v.cited)
                s, e = max(sentences, key=lambda se: containment(chunk.text[se[0]:se[1]], said))
            out.append(_citation(p, chunk.text[s:e]))
        return out


def _citation(p: Passage, quote: str) -> Citation:
    return Citation(id=p.id, chunk_id=p.chunk_id, doc_id=p.doc_id, title=p.title, text=p.text, quote=quote)
