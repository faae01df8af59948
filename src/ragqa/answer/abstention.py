"""Answer or abstain: a small logistic-regression model over features that survive rewording.

Hand-written (numpy) because the model is eight weights: scikit-learn would be a dependency for one dot
product. The model is fitted on the *tuning* split of ``benchmarks/data/`` by ``make fit-abstention``
(``benchmarks/fit_abstention.py``) and stored as a versioned JSON file beside this module; the held-out
split is only ever used to report. Features (computed by :func:`ragqa.answer.extractive.abstention_features`):

``best_dense``   cosine of the best sentence of the retrieved passages to the question (meaning)
``dense_gap``    best minus median sentence cosine (is one sentence clearly about the question?)
``coverage``     IDF-weighted share of the question's key terms found in the top passages
``best_lexical`` the same share in the best sentence alone
``lang_en``      1 for an English question (lexical features mean little over Korean text, even with the
                 Korean terms the bridge carries its words to counted as its key terms)
``typed``        1 when the question asks for a kind of thing (amount, count, date, person, reason ...) or for
                 a name (an organisation's, a thing's, a person's by a role: :func:`~ragqa.answer.extractive.asks_named`)
``type_hit``     1 when a top sentence holds that kind of thing (answer-type match; for a "who" question a
                 person's name beside a title, of the organisation the question gives the title to, and of the
                 role it asks about when it names one ("누가 세운": a founder, not a partner); for a Korean
                 count question naming what it counts ("관람객은 몇 명"), a count beside that noun; for a quantity
                 question naming what it measures ("전력을 얼마나"), a measure in its units; for a question asking
                 when something ended ("며칠까지", "폐막일"), a date given as an end; for a name
                 question, a name the concise lead would quote, beside the question's terms; never a value the
                 question itself gives: "인사 1,200여 명 가운데 외국 인사는 몇 명" is not hit by "1,200여 명")
``agreement``    share of the three rankers (dense chunk, dense sentence, BM25) that put the top passage
                 in their top 3
``top_fused``    the top passage's fused score relative to the largest possible
``number_missing`` 1 when the question names a number (a year, a model number) written nowhere in the
                 corpus ("2026년 대회는 언제?" over text about 2025)

``abstention_features`` also returns twelve inputs of the type gate (:func:`ragqa.answer.extractive.type_missing`),
not of the model: ``next_missing`` (a question about the next edition that no top sentence speaks of),
``rest_missing`` (a question for the rest of a set it partly writes, whose top sentences list only what it
writes), ``deed_missing`` (a question about what someone said or does, whose best sentence is a roster of who
took part), ``roster_missing`` (a question about a name the corpus writes only in rosters of who took part, asking
what a roster does not give of it: "아진가는 본사가 어느 도시에 있어?"), ``attribute_missing`` (a question about an age, a time of day, how often or which one is the most that no
top sentence gives or ranks) and
``stance_missing`` (a question about what someone thinks or said of something, whose top sentences never name
both; or about what someone said, with no topic, whose top sentences never report that speaker's words), ``terms_missing`` (none of the question's key terms written in the top passages) and ``owner_missing`` (an
English question asking how much of something a name it writes owns or did, whose top amounts stand beside no
mention of that name: "How much has Tencent invested …" over the state fund's "600억 위안"; a Korean question
asking when, of the proper noun it opens with: "텐센트가 내놓은 … 전략, 언제부터" over WAIC's "2025년") and ``polar_missing``
(a Korean yes-or-no question none of whose top sentences writes both its subject and what it asks of it: "인플레임도
미국 제재를 받은 회사야?" over the sentence that names other sanctioned firms) and ``claim_missing`` (a claim the asker
states with a value — a count, a sum, a share, a date, a place — when no top sentence holds a value of that kind:
"'AI+산업' 전략이 2027년까지 보급률 70%를 목표로 한다고 적었는데 맞아?" over sentences that give no percentage,
:func:`ragqa.answer.answer_type.claim_missing`) and ``contrast_missing`` (a question that ends by excluding one thing
and naming what it asks instead, "특허 말고 논문 말이야", whose top sentences never write what it asks:
:func:`ragqa.answer.answer_type.contrast_missing`; a closing remark that only excludes, "…얼마예요? 올해 펀드 말고요.",
is read by ``type_hit``, which a sentence writing the thing excluded does not hold) and ``expansion_missing`` (a
question asking what an abbreviation stands for, "What does 'NPU' stand for?", none of whose top sentences writes it
with its expansion, or what a quoted term means, "'코퍼스'는 무슨 뜻이에요?", none of whose top sentences writing it
glosses it: :func:`ragqa.answer.answer_type.expansion_missing`).

A model is also tied to the ranking it was fitted over, the fused ranking: with a reranker the engine keeps the fused
ranking and its passages beside the reranked ones (:attr:`ragqa.question.PreparedQuestion.decision`), and the
features are read from those, so one model serves every reranker (a model fitted over reranked passages abstained on
fewer near misses: docs/quality-log.md, stop 41). A model is tied to the embedder it was fitted with (similarity scales differ between models): with another
embedder the engine falls back to the rule in the settings (``abstain_dense`` / ``abstain_coverage``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

FEATURES = ("best_dense", "dense_gap", "coverage", "best_lexical", "lang_en", "typed", "type_hit", "agreement",
            "top_fused", "number_missing")
MODEL_VERSION = 1
DEFAULT_MODEL = "abstention_model.json"


def linear_score(features: dict[str, float], weights: dict[str, float], bias: float, mean: dict[str, float],
                 scale: dict[str, float]) -> float:
    """``bias + Σ w·(x − mean)/scale`` over standardised features (a missing feature counts as 0): the logit of
    the fitted abstention model and the score of the fitted reranker (:mod:`ragqa.retrieval.rerank`)."""
    z = bias
    for name, w in weights.items():
        z += w * (float(features.get(name, 0.0)) - mean.get(name, 0.0)) / (scale.get(name, 1.0) or 1.0)
    return z


@dataclass(frozen=True)
class FittedModel:
    """A fitted logistic model with its decision threshold, stored as a versioned JSON file beside the code
    that uses it: the abstention model here, the grounding model of LLM answers
    (:class:`ragqa.answer.grounding.GroundingModel`). Subclasses name their ``KIND`` and ``FEATURES``."""

    KIND: ClassVar[str] = "abstention"
    FEATURES: ClassVar[tuple[str, ...]] = FEATURES

    weights: dict[str, float]
    bias: float
    threshold: float
    embedder: dict[str, Any]
    mean: dict[str, float] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        z = linear_score(features, self.weights, self.bias, self.mean, self.scale)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def fits(self, embedder_identity: dict[str, Any]) -> bool:
        return dict(embedder_identity) == dict(self.embedder)

    def to_json(self) -> dict[str, Any]:
        return {"version": MODEL_VERSION, "features": list(self.weights), "weights": self.weights, "bias": self.bias,
                "threshold": self.threshold, "embedder": self.embedder, "mean": self.mean, "scale": self.scale,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]):
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"{cls.KIND} model version {data.get('version')!r}, expected {MODEL_VERSION}")
        unknown = set(data["weights"]) - set(cls.FEATURES)
        if unknown:
            raise ValueError(f"{cls.KIND} model uses unknown features {sorted(unknown)}")
        return cls(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                   threshold=float(data["threshold"]), embedder=dict(data["embedder"]),
                   mean={k: float(v) for k, v in data.get("mean", {}).items()},
                   scale={k: float(v) for k, v in data.get("scale", {}).items()}, meta=dict(data.get("meta", {})))

    @classmethod
    def read(cls, path: Path | None, shipped: str):
        """The model at ``path``, or the file ``shipped`` beside this package's code; None when there is
        none."""
        if path is None:
            ref = resources.files("ragqa.answer").joinpath(shipped)
            if not ref.is_file():
                return None
            return cls.from_json(json.loads(ref.read_text(encoding="utf-8")))
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class AbstentionModel(FittedModel):
    def abstain(self, features: dict[str, float]) -> bool:
        """``probability`` is the probability that the passages answer the question."""
        return self.probability(features) < self.threshold

    @classmethod
    def load(cls, path: Path | None = None) -> AbstentionModel | None:
        """The model at ``path`` (default: the one shipped with ragqa); None when there is none."""
        return cls.read(path, DEFAULT_MODEL)


def fit_logistic(rows: list[dict[str, float]], labels: list[int], features: tuple[str, ...] = FEATURES,
                 l2: float = 1.0, iters: int = 200) -> tuple[dict[str, float], float, dict[str, float], dict[str, float]]:
    """L2-regularised logistic regression by Newton's method on standardised features.
    Returns (weights, bias, mean, scale); label 1 = answerable."""
    import numpy as np

    x = np.array([[float(r.get(f, 0.0)) for f in features] for r in rows], dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    a = np.hstack([np.ones((len(z), 1)), z])
    w = np.zeros(a.shape[1])
    reg = np.eye(a.shape[1]) * l2
    reg[0, 0] = 0.0  # no penalty on the bias
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -50, 50)))
        grad = a.T @ (p - y) + reg @ w
        hess = a.T @ (a * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return ({f: float(v) for f, v in zip(features, w[1:], strict=True)}, float(w[0]),
            {f: float(v) for f, v in zip(features, mean, strict=True)},
            {f: float(v) for f, v in zip(features, scale, strict=True)})
