"""Support judges: does a set of passages support a statement? (ALCE's entailment check.)

One Protocol, three implementations:

- :class:`LexicalJudge` (default, offline, deterministic). Hand-written because no library offers a
  Korean-aware, model-free entailment proxy: the statement must appear verbatim in the passages, or else
  every number and every quoted span in it must appear there and most of its character bigrams too
  (spacing-insensitive, so Korean particles and spacing differences do not matter). It cannot see
  paraphrase across languages: an English statement over Korean passages is judged unsupported.
- :class:`NLIJudge`: a sentence-transformers NLI cross-encoder from a local path (entailment probability).
- :class:`LLMJudge`: any OpenAI-compatible endpoint asked for a yes/no verdict.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from ragqa.errors import ConfigError, LLMUnavailable

_MARKER = re.compile(r"\[\d+\]")
_NON_WORD = re.compile(r"[^\w가-힣]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTED = re.compile(r"[“\"'‘「『]([^”\"'’」』]{4,})[”\"'’」』]")


@runtime_checkable
class SupportJudge(Protocol):
    """Contract: ``supports`` is True when the passages, taken together, entail the statement; it is
    deterministic for a given judge and never raises for ordinary text (an empty passage list is False)."""

    name: str

    def supports(self, statement: str, passages: Sequence[str]) -> bool: ...


def _squash(text: str) -> str:
    t = unicodedata.normalize("NFKC", _MARKER.sub(" ", text)).lower()
    return _NON_WORD.sub("", t)


def _bigrams(s: str) -> Counter:
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


class LexicalJudge:
    def __init__(self, threshold: float = 0.7) -> None:
        if not 0 < threshold <= 1:
            raise ConfigError(f"lexical judge threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.name = f"lexical(char-bigram>={threshold:g}, numbers, quotes)"

    def overlap(self, statement: str, passages: Sequence[str]) -> float:
        s = _squash(statement)
        hay = _squash(" ".join(passages))
        if len(s) < 2 or not hay:
            return 0.0
        if s in hay:
            return 1.0
        want, have = _bigrams(s), _bigrams(hay)
        return sum(min(n, have[b]) for b, n in want.items()) / sum(want.values())

    def supports(self, statement: str, passages: Sequence[str]) -> bool:
        if not passages:
            return False
        s = _squash(statement)
        hay = _squash(" ".join(passages))
        if len(s) < 2:
            return False
        if s in hay:
            return True
        plain = unicodedata.normalize("NFKC", " ".join(passages)).replace(",", "")
        for num in _NUMBER.findall(unicodedata.normalize("NFKC", _MARKER.sub(" ", statement))):
            if num.replace(",", "") not in plain:
                return False
        for quoted in _QUOTED.findall(statement):
            if _squash(quoted) and _squash(quoted) not in hay:
                return False
        return self.overlap(statement, passages) >= self.threshold


class NLIJudge:
    """Entailment by an NLI cross-encoder (premise = the passages, hypothesis = the statement)."""

    def __init__(self, model_path: str, threshold: float = 0.5, model=None) -> None:
        self.model_path = model_path
        self.threshold = threshold
        self.name = f"nli({model_path})"
        self._model = model
        self._entail: int | None = None

    def _get(self):
        if self._model is None:
            try:
                from sentence_transformers import CrossEncoder

                self._model = CrossEncoder(self.model_path, local_files_only=True)
            except Exception as exc:
                raise ConfigError(f"cannot load NLI model from {self.model_path!r}: {exc}") from exc
        if self._entail is None:
            labels = getattr(getattr(self._model, "config", None), "id2label", None) or {}
            found = [int(i) for i, label in labels.items() if "entail" in str(label).lower()]
            if not found:
                raise ConfigError(f"NLI model {self.model_path!r} has no 'entailment' label: {labels}")
            self._entail = found[0]
        return self._model

    def supports(self, statement: str, passages: Sequence[str]) -> bool:
        if not passages or not statement.strip():
            return False
        model = self._get()
        scores = model.predict([(" ".join(passages), statement)], apply_softmax=True)
        return float(scores[0][self._entail]) >= self.threshold


JUDGE_PROMPT = (
    "You check citations. Answer with one word, yes or no.\n"
    "Do the passages below, taken together, fully support the statement? Ignore [n] markers.\n\n"
    "Passages:\n{passages}\n\nStatement: {statement}\n\nAnswer (yes or no):"
)
ANSWER_PROMPT = (
    "You grade answers. Answer with one word, yes or no.\n"
    "Question: {question}\nReference answer: {reference}\nCandidate answer: {candidate}\n"
    "Does the candidate answer give the reference answer (same meaning, any language)? Answer (yes or no):"
)


class LLMJudge:
    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout_s: float = 60.0, client=None):
        self.base_url = base_url
        self.model = model
        self.name = f"llm({model} @ {base_url})"
        self._client = client
        self._key = api_key
        self._timeout = timeout_s

    def _ask(self, prompt: str) -> bool:
        if self._client is None:
            from openai import OpenAI

            self._client = OpenAI(base_url=self.base_url, api_key=self._key or "not-needed", timeout=self._timeout,
                                  max_retries=1)
        try:
            resp = self._client.chat.completions.create(
                model=self.model, messages=[{"role": "user", "content": prompt}], temperature=0, max_tokens=4
            )
        except Exception as exc:
            raise LLMUnavailable(f"judge LLM at {self.base_url} failed: {type(exc).__name__}: {exc}") from exc
        text = (resp.choices[0].message.content or "").strip().lower() if resp.choices else ""
        return text.startswith(("yes", "예", "네"))

    def supports(self, statement: str, passages: Sequence[str]) -> bool:
        if not passages:
            return False
        listed = "\n".join(f"- {p}" for p in passages)
        return self._ask(JUDGE_PROMPT.format(passages=listed, statement=statement))

    def answer_correct(self, question: str, reference: str, candidate: str) -> bool:
        return self._ask(ANSWER_PROMPT.format(question=question, reference=reference, candidate=candidate))


class CachedJudge:
    """Memoises verdicts: citation precision asks about the same statement/passage sets repeatedly."""

    def __init__(self, judge: SupportJudge) -> None:
        self.judge = judge
        self.name = judge.name
        self._memo: dict[tuple[str, tuple[str, ...]], bool] = {}

    def supports(self, statement: str, passages: Sequence[str]) -> bool:
        key = (statement, tuple(passages))
        if key not in self._memo:
            self._memo[key] = self.judge.supports(statement, list(passages))
        return self._memo[key]
